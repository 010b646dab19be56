"""The import, export and template pages with the personas: the township clerk imports, the
county reviewer sees the area's history, a reader only downloads, the outsider sees nothing of 原州区."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from python_calamine import CalamineWorkbook

from liangdai.audit.models import AuditLog
from liangdai.core.paging import PAGE_SIZE
from liangdai.core.testing import make_profile, make_user, make_venue, make_workbook
from liangdai.exchange import services
from liangdai.exchange.models import ImportRecord
from liangdai.villages.models import Venue, VillageProfile

from .helpers import OUTSIDE, PROFILE_HEADER, V1, V2, VENUE_HEADER

GOOD = {
    "村情": [PROFILE_HEADER, [V1, "", 1200, 300, "否", None, None]],
    "活动场所": [VENUE_HEADER, [V1, 350, "新建", dt.date(2019, 5, 1), None, None]],
}
BAD = {"村情": [PROFILE_HEADER, [V1, "", 1200, 300, "否", None, None], [V2, "", -5, None, None, None, None]]}


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path / "uploads"


def login(client, user):
    client.force_login(user)
    return client


def upload(client, book: dict | bytes, name: str = "官厅镇.xlsx"):
    data = book if isinstance(book, bytes) else make_workbook(book)
    return client.post(reverse("exchange:import"), {"file": SimpleUploadedFile(name, data)})


def sheet_rows(content: bytes, name: str) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_name(name).to_python()


def test_the_import_page_asks_for_login(client):
    response = client.get(reverse("exchange:import"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_clerk_validates_then_commits_a_workbook(client, clerk, uploads):
    login(client, clerk)
    data = make_workbook(GOOD)
    response = upload(client, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "校验通过" in page and 'name="commit"' in page
    assert not VillageProfile.objects.exists()
    record = ImportRecord.objects.get(user=clerk, committed=False)
    assert (uploads / f"{record.sha256}.xlsx").read_bytes() == data

    response = client.post(reverse("exchange:commit", args=[record.pk]))
    page = response.content.decode()
    assert "导入完成" in page and 'data-count="created">1<' in page
    assert VillageProfile.objects.get(village_id=V1).population == 1200
    assert Venue.objects.get(village_id=V1).area == 350
    assert ImportRecord.objects.filter(user=clerk, committed=True).count() == 1


def test_errors_are_listed_with_a_workbook_to_download_and_no_commit_button(client, clerk):
    login(client, clerk)
    page = upload(client, BAD).content.decode()
    assert "校验未通过" in page and "共 1 处错误" in page
    assert '<td>村情</td><td class="num">3</td><td>户籍人口</td><td>-5</td><td>应不小于0</td>' in page
    assert 'name="commit"' not in page
    record = ImportRecord.objects.get(user=clerk)
    response = client.get(reverse("exchange:errors", args=[record.pk]))
    assert response.status_code == 200
    rows = sheet_rows(response.content, "村情")
    assert rows[2][-1] == "户籍人口：应不小于0"
    assert not VillageProfile.objects.exists()


def test_a_workbook_with_errors_cannot_be_committed_by_posting_its_record(client, clerk):
    login(client, clerk)
    upload(client, BAD)
    record = ImportRecord.objects.get(user=clerk)
    page = client.post(reverse("exchange:commit", args=[record.pk])).content.decode()
    assert "校验未通过" in page
    assert not VillageProfile.objects.exists()
    assert not ImportRecord.objects.filter(committed=True).exists()


def test_an_unusable_file_is_explained_on_the_form(client, clerk):
    login(client, clerk)
    response = client.post(reverse("exchange:import"), {"file": SimpleUploadedFile("a.xlsx", b"not a workbook")})
    assert "该文件（.xlsx）不是可导入的工作簿" in response.content.decode()
    assert not ImportRecord.objects.filter(committed=True).exists()


def test_a_missing_file_is_explained(client, clerk):
    login(client, clerk)
    assert "请选择要导入的工作簿" in client.post(reverse("exchange:import"), {}).content.decode()


def test_someone_elses_validation_cannot_be_committed_or_downloaded(client, clerk, county_user, outsider):
    login(client, clerk)
    upload(client, BAD)
    record = ImportRecord.objects.get(user=clerk)
    for other in (county_user, outsider):
        login(client, other)
        assert client.post(reverse("exchange:commit", args=[record.pk])).status_code == 404
        assert client.get(reverse("exchange:errors", args=[record.pk])).status_code == 404
    assert not ImportRecord.objects.filter(committed=True).exists()


def test_the_commit_refuses_a_stored_file_that_changed(client, clerk, uploads):
    login(client, clerk)
    upload(client, GOOD)
    record = ImportRecord.objects.get(user=clerk)
    (uploads / f"{record.sha256}.xlsx").write_bytes(make_workbook(BAD))
    page = client.post(reverse("exchange:commit", args=[record.pk])).content.decode()
    assert "上传的文件已失效，请重新上传" in page
    assert not VillageProfile.objects.exists()


def test_the_commit_is_post_only(client, clerk):
    login(client, clerk)
    upload(client, GOOD)
    record = ImportRecord.objects.get(user=clerk)
    assert client.get(reverse("exchange:commit", args=[record.pk])).status_code == 405


def test_the_outsider_cannot_import_into_yuanzhou(client, outsider):
    login(client, outsider)
    page = upload(client, GOOD).content.decode()
    assert "村代码 640402103200 不在您的管辖范围内，不能导入" in page
    record = ImportRecord.objects.get(user=outsider)
    client.post(reverse("exchange:commit", args=[record.pk]))
    assert not VillageProfile.objects.exists()


def test_a_reader_sees_the_downloads_but_cannot_import(client, db):
    reader = make_user("reader", "640402", "reader")
    login(client, reader)
    page = client.get(reverse("exchange:import")).content.decode()
    assert reverse("exchange:export") in page and 'type="file"' not in page
    assert upload(client, GOOD).status_code == 404
    assert not ImportRecord.objects.exists()


def test_an_administrator_has_no_exchange_pages(client, db):
    admin = make_user("sysadmin1", "64", "sysadmin")
    login(client, admin)
    for name in ("exchange:import", "exchange:export", "exchange:history"):
        assert client.get(reverse(name)).status_code == 404


def test_the_template_holds_every_registered_sheet_with_its_headers(client, clerk):
    login(client, clerk)
    response = client.get(reverse("exchange:template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names[:2] == ["村情", "活动场所"] and "资金支出" in book.sheet_names
    assert book.get_sheet_by_name("活动场所").to_python()[0] == [
        "村代码*",
        "面积*",
        "建设方式*",
        "完成日期",
        "资金来源",
        "设施",
    ]


def test_the_template_can_be_narrowed_to_some_sheets(client, clerk):
    login(client, clerk)
    response = client.get(reverse("exchange:template"), {"sheets": "资金支出,村情"})
    assert CalamineWorkbook.from_filelike(io.BytesIO(response.content)).sheet_names == ["村情", "资金支出"]
    assert client.get(reverse("exchange:template"), {"sheets": "没有这张表"}).status_code == 404


def test_the_template_has_drop_down_lists_and_column_notes(clerk):
    import zipfile

    data = services.template_build(names="活动场所")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        comments = [z.read(n).decode() for n in z.namelist() if "comments" in n]
    assert '<dataValidation type="list"' in sheet and "新建,扩建,改建,原有" in sheet
    assert comments and "平方米" in comments[0]


def test_the_export_holds_the_area_and_is_audited(client, county_user):
    make_profile(V1, population=1200)
    make_profile(OUTSIDE, population=800)
    make_venue(V1, area=350)
    login(client, county_user)
    response = client.get(reverse("exchange:export"))
    assert response.status_code == 200
    villages = sheet_rows(response.content, "村情")
    assert [r[0] for r in villages[1:]] == [V1]
    assert villages[1][2] == 1200
    assert sheet_rows(response.content, "活动场所")[1][:3] == [V1, 350, "新建"]
    audit = AuditLog.objects.get(action="导出", actor=county_user)
    assert audit.code == "640402"


def test_the_outsider_exports_nothing_of_yuanzhou(client, outsider):
    make_profile(V1, population=1200)
    make_venue(V1)
    login(client, outsider)
    response = client.get(reverse("exchange:export"))
    assert [r[0] for r in sheet_rows(response.content, "村情")[1:]] == []
    assert sheet_rows(response.content, "活动场所")[1:] == []


def test_an_export_imports_again_without_change(client, clerk):
    make_profile(V1, population=1200)
    make_venue(V1, area=350, facilities=["空调", "桌椅"])
    login(client, clerk)
    exported = client.get(reverse("exchange:export")).content
    response = client.post(reverse("exchange:import"), {"file": SimpleUploadedFile("export.xlsx", exported)})
    assert "校验通过" in response.content.decode()
    record = ImportRecord.objects.get(user=clerk)
    page = client.post(reverse("exchange:commit", args=[record.pk])).content.decode()
    assert "导入完成" in page and 'data-count="created">1<' not in page and 'data-count="updated">1<' not in page


def test_the_history_lists_the_areas_imports_only(client, clerk, county_user, outsider):
    login(client, clerk)
    upload(client, GOOD, name="官厅镇村情.xlsx")
    login(client, outsider)
    upload(client, {"村情": [PROFILE_HEADER, [OUTSIDE, "", 10, None, None, None, None]]}, name="彭阳县.xlsx")
    login(client, county_user)
    page = client.get(reverse("exchange:history")).content.decode()
    assert "官厅镇村情.xlsx" in page and "彭阳县.xlsx" not in page
    login(client, outsider)
    page = client.get(reverse("exchange:history")).content.decode()
    assert "彭阳县.xlsx" in page and "官厅镇村情.xlsx" not in page


def test_the_history_links_to_older_records_only_when_there_are_some(client, county_user, outsider):
    made = [ImportRecord.objects.create(filename=f"f{i}.xlsx", sha256="0" * 64, code="640402") for i in range(51)]
    ImportRecord.objects.create(filename="彭阳县.xlsx", sha256="0" * 64, code="640425")
    login(client, county_user)
    page = client.get(reverse("exchange:history")).content.decode()
    assert "f50.xlsx" in page and "f1.xlsx" in page and "f0.xlsx" not in page
    assert f'?before={made[1].pk}"' in page
    page = client.get(reverse("exchange:history"), {"before": made[1].pk}).content.decode()
    assert "f0.xlsx" in page and "f1.xlsx" not in page and "彭阳县.xlsx" not in page
    assert "更早的记录" not in page
    ImportRecord.objects.filter(pk=made[0].pk).delete()  # exactly one full page: no link
    assert len(made) - 1 == PAGE_SIZE
    assert "更早的记录" not in client.get(reverse("exchange:history")).content.decode()
    login(client, outsider)
    page = client.get(reverse("exchange:history")).content.decode()
    assert "彭阳县.xlsx" in page and "f1.xlsx" not in page


def test_uploads_older_than_a_day_are_removed_at_the_next_validation(client, clerk, uploads):
    import os
    import time

    uploads.mkdir(parents=True)
    stale, fresh = uploads / ("a" * 64 + ".xlsx"), uploads / ("b" * 64 + ".xlsx")
    for path in (stale, fresh):
        path.write_bytes(b"x")
    day_ago = time.time() - 25 * 3600
    os.utime(stale, (day_ago, day_ago))
    upload(login(client, clerk), GOOD)
    assert not stale.exists()
    assert fresh.exists()

"""The export page and the import page together (issue 11, round trip): a township clerk without
the right to see numbers downloads their area, corrects a cell, uploads the file, and it updates
the records it came from; uploaded unchanged it changes nothing. An export narrowed to a node
(?code=) holds that node only, and a node outside the area is 404."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from python_calamine import CalamineWorkbook

from liangdai.audit.models import AuditLog
from liangdai.cadres.models import Holding, Person
from liangdai.core.idnumbers import mask
from liangdai.core.testing import make_profile, make_workbook
from liangdai.exchange.models import ImportRecord
from liangdai.leaders.tests.makers import V1, V2, idno, make_holding
from liangdai.villages.models import VillageProfile

D = dt.date
PHONE = "13812345678"


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def secretaries(db):
    found = []
    for serial, (village, name) in enumerate([(V1, "张三"), (V2, "李四")], start=1):
        birth = D(1970, 5, serial)
        person = Person.objects.create(
            id_number=idno(birth, serial),
            name=name,
            birth_date=birth,
            sex="男",
            education="高中",
            political_status="中共党员",
            phone=PHONE,
        )
        make_holding(village, person)
        make_profile(village, population=1200)
        found.append(person)
    return found


def _sheets(content: bytes) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return {n: book.get_sheet_by_name(n).to_python() for n in book.sheet_names}


def _round_trip(client, sheets: dict[str, list[list]]) -> str:
    """Upload the sheets (re-saved, as Excel would) and commit them; the result page."""
    data = make_workbook({n: rows for n, rows in sheets.items() if len(rows) > 1})
    page = client.post(reverse("exchange:import"), {"file": SimpleUploadedFile("导出.xlsx", data)}).content.decode()
    assert "校验通过" in page, page
    record = ImportRecord.objects.filter(committed=False).latest("pk")
    return client.post(reverse("exchange:commit", args=[record.pk])).content.decode()


def test_a_clerk_without_the_reveal_right_corrects_the_export_and_imports_it(client, clerk, secretaries):
    client.force_login(clerk)
    sheets = _sheets(client.get(reverse("exchange:export")).content)
    holders = sheets["村干部"]
    header = [h.rstrip("*") for h in holders[0]]
    zhang = next(r for r in holders if r[0] == "张三")
    assert zhang[header.index("公民身份号码")] == mask(secretaries[0].id_number)
    zhang[header.index("离任日期")] = D(2019, 6, 30)
    zhang[header.index("离任原因")] = "换届"
    zhang[header.index("学历")] = "大专"
    sheets["村情"][1][sheets["村情"][0].index("户籍人口*")] = 1300
    page = _round_trip(client, sheets)
    assert "导入完成" in page
    assert Person.objects.count() == 2
    person = Person.objects.get(pk=secretaries[0].pk)
    assert (person.education, person.phone) == ("大专", PHONE)
    assert list(Holding.objects.filter(person=person).values_list("end", "end_reason")) == [(D(2019, 6, 30), "换届")]
    assert VillageProfile.objects.get(village_id=V1).population == 1300
    assert sorted(AuditLog.objects.filter(action__in=("导入新增", "导入更新")).values_list("action", "entity")) == [
        ("导入更新", "holding"),
        ("导入更新", "person"),
        ("导入更新", "village_profile"),
    ]


def test_the_export_uploaded_unchanged_changes_nothing(client, clerk, secretaries):
    client.force_login(clerk)
    page = _round_trip(client, _sheets(client.get(reverse("exchange:export")).content))
    assert "导入完成" in page
    assert not AuditLog.objects.filter(action__in=("导入新增", "导入更新")).exists()


def test_an_export_narrowed_to_a_village_holds_that_village_only(client, clerk, secretaries):
    client.force_login(clerk)
    response = client.get(reverse("exchange:export"), {"code": V2})
    assert [r[0] for r in _sheets(response.content)["村干部"][1:]] == ["李四"]
    assert AuditLog.objects.get(action="导出").code == V2


@pytest.mark.parametrize("code", ["640425", "640402100", "649999999"])
def test_an_export_of_a_node_outside_the_area_is_404(client, clerk, secretaries, code):
    client.force_login(clerk)
    assert client.get(reverse("exchange:export"), {"code": code}).status_code == 404

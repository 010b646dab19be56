"""The warnings page at scale: each village list grouped by county and township with counts, the
township on every row, and a download of the whole page whose rows are the page's."""

import datetime as dt
import io
import re

from django.urls import reverse
from python_calamine import CalamineWorkbook

from liangdai.audit.models import AuditLog
from liangdai.org.models import Division

from .makers import OTHER_TOWNSHIP_VILLAGE, V2, make_holding, make_person

D = dt.date
COUNTY = "640402"
AS_OF = "2019-10-31"
ROW = re.compile(r'<tr data-village="(\d+)"><td>([^<]*)</td><td><a href="[^"]*">([^<]*)</a></td><td>\1</td>')


def _vacancies():
    """Two villages of 原州区 in two townships whose secretary left in January 2019."""
    for serial, village in enumerate((V2, OTHER_TOWNSHIP_VILLAGE), start=1):
        person = make_person(f"老书记{serial}", D(1955, 1, 1), serial)
        make_holding(village, person, start=D(2010, 1, 1), end=D(2019, 1, 31), end_reason="退休")


def _page(client, user, code=COUNTY) -> str:
    client.force_login(user)
    return client.get(reverse("cadres:warnings"), {"code": code, "as_of": AS_OF}).content.decode()


def _lists(page: str) -> dict[str, list[tuple[str, str, str]]]:
    """Each village list of the page by its id: its rows (village code, township, village name)."""
    parts = re.split(r'<div class="village-groups" id="([^"]+)">', page)
    return {key: ROW.findall(body) for key, body in zip(parts[1::2], parts[2::2], strict=True)}


def test_a_county_sees_the_empty_seats_by_township_with_counts(client, db, county_user):
    _vacancies()
    page = _page(client, county_user)
    block = page.split('id="seat-empty"')[1].split('class="card"')[0]
    names = dict(Division.objects.filter(code__in=[V2[:9], OTHER_TOWNSHIP_VILLAGE[:9]]).values_list("code", "name"))
    assert "共 2 条，涉及 1 个县（市、区）、2 个乡（镇）。" in block
    for township in (V2[:9], OTHER_TOWNSHIP_VILLAGE[:9]):
        summary = f'<span class="group-name">{names[township]}</span> <span class="muted">{township}</span> '
        assert summary + '<span class="tag tag-muted">1</span>' in block
    assert [(code, township) for code, township, _name in _lists(page)["seat-empty"]] == [
        (OTHER_TOWNSHIP_VILLAGE, names[OTHER_TOWNSHIP_VILLAGE[:9]]),
        (V2, names[V2[:9]]),
    ]


def test_every_row_of_every_list_names_its_township(client, db, county_user):
    _vacancies()
    lists = _lists(_page(client, county_user))
    rows = [row for found in lists.values() for row in found]
    assert len(rows) > 2 and {"seat-empty", "never"} <= set(lists)  # 原州区 has villages without any secretary
    townships = dict(Division.objects.filter(code__in={code[:9] for code, _t, _n in rows}).values_list("code", "name"))
    assert all(township == townships[code[:9]] for code, township, _name in rows)


def test_the_download_holds_the_rows_the_page_shows_and_is_audited(client, db, county_user):
    _vacancies()
    page = _page(client, county_user)
    assert "另有" not in page  # every row is on the page, so the two can be compared whole
    shown = [[(code, name) for code, _t, name in rows] for rows in _lists(page).values()]
    response = client.get(reverse("cadres:warnings_export"), {"code": COUNTY, "as_of": AS_OF})
    assert response.status_code == 200 and reverse("cadres:warnings_export") in page
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    sheets = [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]
    assert sheets[0][0] == ["县（市、区）", "乡（镇）", "村代码", "村名称", "最后一任书记离任日期", "空缺天数"]
    # A sheet per village list of the page; a list with no rows has no table on the page.
    titles = ["书记空缺超过3个月的村", "无书记记录的村", "两年未确定发展对象的行政村", "连续两年0星的村党组织"]
    assert book.sheet_names == titles
    listed = [[(row[2], row[3]) for row in sheet[1:]] for sheet in sheets]
    assert [rows for rows in listed if rows] == shown
    log = AuditLog.objects.get(action="导出", code=COUNTY)
    assert log.after["rows"] == sum(len(rows) for rows in shown)


def test_the_outsider_gets_404_for_the_download_of_the_area(client, db, outsider):
    _vacancies()
    client.force_login(outsider)
    response = client.get(reverse("cadres:warnings_export"), {"code": COUNTY, "as_of": AS_OF})
    assert response.status_code == 404
    assert not AuditLog.objects.filter(action="导出").exists()

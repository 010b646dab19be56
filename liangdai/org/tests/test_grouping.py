"""A village list grouped by county and township (org.grouping), the shape of every village list
of the warnings page."""

import datetime as dt

from liangdai.org.grouping import village_list
from liangdai.org.models import Division

GUANTING = "640402103"  # 官厅镇 of 原州区
OTHER_TOWNSHIP = "640402100"
V1, V2, V3 = "640402103200", "640402103201", "640402103202"
V_OTHER = "640402100200"


def _rows(*codes):
    return [(code, None, (dt.date(2019, 1, 31), 10)) for code in codes]


def test_a_county_list_counts_its_villages_by_township_with_division_names(db):
    county = Division.objects.get(code="640402")
    found = village_list("x", "标题", ["日期", "天数"], _rows(V2, V_OTHER, V1), county)
    assert found.count == 3 and found.township_count == 2 and not found.show_county
    [yuanzhou] = found.counties
    assert (yuanzhou.code, yuanzhou.name, yuanzhou.count) == ("640402", "原州区", 3)
    counts = {t.code: (t.name, t.count, [r.code for r in t.rows]) for t in yuanzhou.townships}
    names = dict(Division.objects.filter(code__in=[GUANTING, OTHER_TOWNSHIP]).values_list("code", "name"))
    assert counts == {
        OTHER_TOWNSHIP: (names[OTHER_TOWNSHIP], 1, [V_OTHER]),
        GUANTING: (names[GUANTING], 2, [V1, V2]),
    }
    # Every row names its township and county, and its village looked up when not given.
    for row in found.rows:
        assert row.township == names[row.code[:9]] and row.county == "原州区"
        assert row.name == Division.objects.get(code=row.code).name
        assert row.cells == ["2019-01-31", "10"]


def test_above_a_county_each_row_names_its_county_too(db):
    assert village_list("x", "标题", [], _rows(V1), Division.objects.get(code="64")).show_county
    assert not village_list("x", "标题", [], _rows(V1), Division.objects.get(code=GUANTING)).show_county


def test_a_township_shows_at_most_the_rows_per_group_and_counts_the_rest(db):
    found = village_list("x", "标题", [], _rows(V1, V2, V3), Division.objects.get(code=GUANTING), per_group=2)
    [township] = found.counties[0].townships
    assert [r.code for r in township.rows] == [V1, V2] and township.hidden == 1 and township.count == 3
    assert [r.code for r in found.rows] == [V1, V2, V3]  # the whole list stays for the download

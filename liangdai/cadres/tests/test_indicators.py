"""Each figure of the two committees on a hand-made township, computed by hand.

官厅镇 (640402103) as of D = 2019-10-31, period from 2019-01-01:
  V1: secretary A (born 1959-10-31: 60 on D, 高中), also V1's director (one shoulder); members M1, M2;
      an earlier secretary F replaced on 2018-12-31 (before the period).
  V2: secretary B (born 1959-11-01: 59 on D, 60 the day after, 初中), also V3's director (another
      village: not one shoulder); member M3; an earlier secretary G who resigned (辞职) on 2019-05-01.
  V3: secretary C (born 1979-10-30, 本科) from 2019-03-02, replaced exactly on D; before C, E replaced
      on 2019-03-01; H (born 1990-01-01) starts the day after D.
  V4: the last secretary retired 2019-07-30 (more than 3 months before D); V5: retired 2019-07-31.
On D: secretaries A, B, C; ages 60 + 59 + 40 = 159, mean 53.0; under 60: B, C = 2/3 = 66.7%;
high school or above: A, C = 66.7%; one shoulder: A = 33.3%; replaced in the period: E, C = 2.
"""

import datetime as dt

import pytest

from liangdai.cadres import selectors
from liangdai.cadres.models import RectificationStep, WeakOrganisation
from liangdai.indicators.registry import REGISTRY, Query

from .makers import OTHER_TOWNSHIP_VILLAGE, RESIDENTS, V1, V2, V3, make_holding, make_person

D = dt.date
AS_OF = D(2019, 10, 31)
FROM = D(2019, 1, 1)
TOWNSHIP = "640402103"
V4, V5 = "640402103206", "640402103208"


@pytest.fixture
def township(db):
    a = make_person("甲", D(1959, 10, 31), 1, education="高中")
    b = make_person("乙", D(1959, 11, 1), 2, education="初中")
    c = make_person("丙", D(1979, 10, 30), 3, education="本科")
    make_holding(V1, a, start=D(2019, 1, 1))
    make_holding(V1, a, "村委会主任", start=D(2017, 1, 1))
    make_holding(
        V1, make_person("丁", D(1960, 1, 1), 4), start=D(2012, 1, 1), end=D(2018, 12, 31), end_reason="调整撤换"
    )
    make_holding(V1, make_person("M1", D(1980, 1, 1), 5), "党组织委员")
    make_holding(V1, make_person("M2", D(1981, 1, 1), 6), "村委会委员")
    make_holding(V2, b, start=D(2019, 5, 2))
    make_holding(V2, make_person("G", D(1955, 1, 1), 7), start=D(2010, 1, 1), end=D(2019, 5, 1), end_reason="辞职")
    make_holding(V2, make_person("M3", D(1982, 1, 1), 8), "村委会委员")
    make_holding(V3, b, "村委会主任", start=D(2018, 1, 1))
    make_holding(V3, make_person("E", D(1962, 1, 1), 9), start=D(2010, 1, 1), end=D(2019, 3, 1), end_reason="调整撤换")
    make_holding(V3, c, start=D(2019, 3, 2), end=AS_OF, end_reason="调整撤换")
    make_holding(V3, make_person("H", D(1990, 1, 1), 10), start=D(2019, 11, 1))
    make_holding(
        V4, make_person("V4书记", D(1957, 1, 1), 11), start=D(2010, 1, 1), end=D(2019, 7, 30), end_reason="退休"
    )
    make_holding(
        V5, make_person("V5书记", D(1957, 1, 1), 12), start=D(2010, 1, 1), end=D(2019, 7, 31), end_reason="退休"
    )


def figures(as_of=AS_OF, start=FROM, code=TOWNSHIP) -> dict:
    return REGISTRY.compute(Query.of(code, as_of, start))


SECRETARY_IDS = [
    "secretaries",
    "secretaries_replaced",
    "secretary_avg_age",
    "secretary_under_60_share",
    "secretary_high_school_share",
    "secretary_director_share",
]


def test_secretary_figures_on_the_as_of_date(township):
    found = figures()
    assert {i: found[i] for i in SECRETARY_IDS} == {
        "secretaries": 3,
        "secretaries_replaced": 2,
        "secretary_avg_age": 53.0,
        "secretary_under_60_share": 66.7,
        "secretary_high_school_share": 66.7,
        "secretary_director_share": 33.3,
    }


def test_the_day_before_a_birthday_and_before_the_replacement(township):
    # 2019-10-30: A is 59 (birthday tomorrow), B 59, C 40 (birthday today): 158 / 3 = 52.67; all under 60.
    # C's replacement on the 31st is not in the period yet: only E.
    found = figures(as_of=D(2019, 10, 30))
    assert (found["secretaries"], found["secretary_avg_age"], found["secretary_under_60_share"]) == (3, 52.7, 100.0)
    assert found["secretaries_replaced"] == 1


def test_the_day_after_a_birthday_and_after_the_end(township):
    # 2019-11-01: C has left, H (29) started; A 60, B 60 today: 149 / 3 = 49.67; under 60: H = 33.3%;
    # high school: A only (H has none recorded) = 33.3%.
    found = figures(as_of=D(2019, 11, 1))
    assert found["secretaries"] == 3
    assert (found["secretary_avg_age"], found["secretary_under_60_share"]) == (49.7, 33.3)
    assert found["secretary_high_school_share"] == 33.3


def test_a_period_that_leaves_out_the_first_replacement(township):
    assert figures(start=D(2019, 3, 2))["secretaries_replaced"] == 1


def test_staffing_figures(township):
    # In office on D: A, M1, M2 (V1); B, M3 (V2); C and B again (V3): 6 persons.
    # Staffed: only V1 (a secretary and 3 persons); 官厅镇 has 13 administrative villages: 12 lack people.
    # Seat empty more than 3 months: V4 (left 2019-07-30 < 2019-07-31); V5 left exactly 3 months before.
    found = figures()
    assert (found["cadres_in_office"], found["villages_lacking_people"], found["secretary_seat_empty_3m"]) == (6, 12, 1)


def test_the_seat_empty_warning_one_day_later_lists_v5_too(township):
    assert figures(as_of=D(2019, 11, 1))["secretary_seat_empty_3m"] == 2


def test_weak_figures_count_the_flags_of_the_as_of_dates_year(township):
    closed = WeakOrganisation.objects.create(
        village_id=V1, year=2019, reason="x", flagged_on=D(2019, 3, 1), closed_on=D(2019, 9, 30)
    )
    RectificationStep.objects.create(weak=closed, date=D(2019, 4, 1), description="y")
    WeakOrganisation.objects.create(village_id=V2, year=2019, reason="x", flagged_on=D(2019, 4, 1))
    WeakOrganisation.objects.create(village_id=V3, year=2018, reason="x", flagged_on=D(2018, 4, 1))
    WeakOrganisation.objects.create(village_id=V4, year=2019, reason="x", flagged_on=D(2019, 11, 15))
    # A flag is for its year (星级评定 flags carry 31 December): V1, V2 and V4 for 2019, not V3 (2018).
    assert (figures()["weak_flagged"], figures()["weak_rectified"]) == (3, 1)
    assert figures(as_of=D(2019, 9, 29))["weak_rectified"] == 0
    assert figures(as_of=D(2018, 12, 31))["weak_flagged"] == 1


def test_secretaries_count_every_holding_under_the_node_as_the_terms_say(township):
    """DOMAIN.md's *secretaries* are 党组织书记 holdings in office under the node; only *villages*
    carries the administrative-village condition. A residents' committee's secretary counts."""
    make_holding(OTHER_TOWNSHIP_VILLAGE, make_person("外乡", D(1970, 1, 1), 20), start=D(2015, 1, 1))
    lacking = figures(code="640402")["villages_lacking_people"]
    make_holding(RESIDENTS, make_person("社区", D(1970, 1, 1), 21), start=D(2015, 1, 1))
    assert figures()["secretaries"] == 3
    assert figures(code="640402")["secretaries"] == 5
    # Villages lacking people counts administrative villages only: the 社区 changes nothing there.
    assert figures(code="640402")["villages_lacking_people"] == lacking


def test_no_secretaries_gives_no_average_or_shares(db):
    found = figures()
    assert found["secretaries"] == 0
    assert [found[i] for i in SECRETARY_IDS[2:]] == [None, None, None, None]


def test_distributions_on_the_as_of_date(township, county_user):
    charts = selectors.distributions(county_user, TOWNSHIP, AS_OF)
    # Secretaries A 60, B 59, C 40; cadres also M1 (39), M2 (38), M3 (37).
    assert charts["age"]["secretaries"] == [0, 1, 0, 1, 1]
    assert charts["age"]["cadres"] == [0, 4, 0, 1, 1]
    education = dict(zip(charts["education"]["labels"], charts["education"]["secretaries"], strict=True))
    assert (education["高中"], education["初中"], education["本科"], education["未填"]) == (1, 1, 1, 0)


def test_distributions_for_the_outsider_is_not_found(township, outsider):
    from liangdai.core.errors import NotFound

    with pytest.raises(NotFound):
        selectors.distributions(outsider, TOWNSHIP, AS_OF)


def test_seat_warnings_list_the_villages(township, clerk):
    found = selectors.seat_warnings(clerk, TOWNSHIP, AS_OF)
    assert [(v.code, end, days) for v, end, days in found.empty] == [(V4, D(2019, 7, 30), 93)]
    assert len(found.never) == 13 - 5 and V1 not in [v.code for v in found.never]

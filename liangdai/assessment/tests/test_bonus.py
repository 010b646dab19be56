"""The bonus allocation by the default rule of DOMAIN.md part 2, and `liangdai bonus`."""

import datetime as dt
import json
from fractions import Fraction

import pytest

from liangdai.assessment.bonus import bonus_allocate, largest_remainder
from liangdai.assessment.models import BonusBudget
from liangdai.audit.models import AuditLog
from liangdai.cli import main
from liangdai.core.errors import DomainError, NotFound
from liangdai.core.testing import make_user
from liangdai.leaders.tests.makers import OUTSIDE, V1, V2, V3, make_appraisal, make_holding, make_person, make_rating

COUNTY = "640402"
YEAR = 2018


def test_largest_remainder_gives_the_left_yuan_to_the_largest_remainders():
    # 10 × 1/3 = 3.33 and 10 × 2/3 = 6.67: floors 3 + 6, the one yuan left goes to the larger remainder.
    assert largest_remainder(10, {"x": Fraction(1), "y": Fraction(2)}) == {"x": 3, "y": 7}


def test_largest_remainder_ties_go_to_the_lower_identity_number_first():
    # 100 / 3 = 33.33 each: 99 by floors, the one yuan left to the lowest number.
    weights = {"640402198001010012": Fraction(1), "640402197001010012": Fraction(1), "640402199001010012": Fraction(1)}
    shares = largest_remainder(100, weights)
    assert shares == {"640402197001010012": 34, "640402198001010012": 33, "640402199001010012": 33}
    # 101 / 3 = 33.67 each: two yuan left, to the two lowest numbers.
    assert sorted(largest_remainder(101, weights).values()) == [33, 34, 34]
    assert largest_remainder(101, weights)["640402199001010012"] == 33


def test_largest_remainder_gives_nothing_to_a_zero_weight_and_refuses_all_zero():
    assert largest_remainder(7, {"a": Fraction(0), "b": Fraction(3)}) == {"a": 0, "b": 7}
    with pytest.raises(DomainError):
        largest_remainder(7, {"a": Fraction(0)})


@pytest.fixture
def county(db):
    """Cadres of 原州区 on 31 December 2018, with stars and grades; weights worked out by hand."""
    make_rating(V1, YEAR, 4)
    make_rating(V2, YEAR, 0)
    make_rating(V3, YEAR, 3)
    make_rating(V3, YEAR - 1, 5)  # another year: not used
    people = {}

    def cadre(key, serial, holdings, grade=None):
        person = make_person(key, dt.date(1970 + serial, 1, 1), serial)
        for village, position, start, end in holdings:
            make_holding(village, person, position, start, end)
        if grade:
            make_appraisal(person, YEAR, grade)
        people[key] = person

    begun = dt.date(2015, 1, 1)
    cadre("P1", 1, [(V1, "党组织书记", begun, None)], "优秀")  # 4 × 1.2 × 1.0 = 4.8
    cadre("P2", 2, [(V1, "村委会委员", begun, None)], "称职")  # 4 × 1.0 × 0.8 = 3.2
    cadre("P3", 3, [(V2, "党组织书记", begun, None)], "优秀")  # 0 stars: 0
    cadre("P4", 4, [(V3, "党组织书记", begun, None)])  # no appraisal: 0
    # Director of V3 (factor 1.0) and member of V1 (0.8): the highest factor, 3 × 0.5 × 1.0 = 1.5.
    cadre("P5", 5, [(V3, "村委会主任", begun, None), (V1, "党组织委员", begun, None)], "基本称职")
    cadre("P6", 6, [(V3, "村委会委员", begun, dt.date(2018, 12, 30))], "优秀")  # left before 31 December
    cadre("P7", 7, [(V3, "村委会委员", dt.date(2019, 1, 1), None)], "优秀")  # came after
    cadre("P8", 8, [(V3, "村委会委员", begun, dt.date(2018, 12, 31))], "称职")  # in office that day: 2.4
    cadre("P9", 9, [(OUTSIDE, "党组织书记", begun, None)], "优秀")  # another county
    cadre("P10", 10, [(V1, "村委会副主任", begun, None)], "不称职")  # grade factor 0
    return people


def test_the_allocation_by_hand(county):
    shares = {s.id_number: s for s in bonus_allocate(actor=_system(), county=COUNTY, year=YEAR, budget=100000)}
    yuan = {key: shares[p.id_number].yuan for key, p in county.items() if p.id_number in shares}
    # Weights 4.8, 3.2, 1.5, 2.4 (total 11.9) of 100000: 40336.13, 26890.76, 12605.04, 20168.07;
    # floors add up to 99999, the yuan left goes to the largest remainder (P2's 0.76).
    assert yuan == {"P1": 40336, "P2": 26891, "P3": 0, "P4": 0, "P5": 12605, "P8": 20168, "P10": 0}
    assert sum(yuan.values()) == 100000
    p5 = shares[county["P5"].id_number]
    assert (p5.village_id, p5.position, p5.stars, p5.grade, p5.weight) == (
        V3,
        "村委会主任",
        3,
        "基本称职",
        Fraction(3, 2),
    )


@pytest.mark.parametrize("budget", [3522000, 1, 0, 99999])
def test_the_shares_add_up_exactly_to_the_budget(county, budget):
    shares = bonus_allocate(actor=_system(), county=COUNTY, year=YEAR, budget=budget)
    assert sum(s.yuan for s in shares) == budget


def test_a_county_without_weights_has_nothing_to_allocate(county):
    with pytest.raises(DomainError, match="没有可分配的权重"):
        bonus_allocate(actor=_system(), county=COUNTY, year=YEAR - 1, budget=1000)


def test_a_county_outside_the_area_is_not_found(county, outsider, county_user):
    with pytest.raises(NotFound):
        bonus_allocate(actor=outsider, county=COUNTY, year=YEAR, budget=1000)
    assert sum(s.yuan for s in bonus_allocate(actor=county_user, county=COUNTY, year=YEAR, budget=1000)) == 1000


def test_the_command_prints_the_shares_as_json(county, capsys):
    assert main(["bonus", "--county", COUNTY, "--year", str(YEAR), "--budget", "100000", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["budget"] == 100000
    assert printed["shares"][county["P1"].id_number] == 40336
    assert printed["shares"][county["P4"].id_number] == 0
    assert county["P9"].id_number not in printed["shares"]
    assert sum(printed["shares"].values()) == 100000
    assert not BonusBudget.objects.exists()


def test_the_command_saves_the_budget_when_asked_and_audits_it(county, capsys):
    assert main(["bonus", "--county", COUNTY, "--year", str(YEAR), "--budget", "3522000", "--save"]) == 0
    assert "合计\t3522000" in capsys.readouterr().out
    assert BonusBudget.objects.get().amount == 3522000
    assert AuditLog.objects.filter(action="设置奖励总额", code=COUNTY).count() == 1


def test_the_command_refuses_to_save_for_a_user_without_the_right(county, capsys):
    make_user("county_entry", COUNTY, "entry")
    args = ["bonus", "--county", COUNTY, "--year", str(YEAR), "--budget", "100", "--save", "--user", "county_entry"]
    assert main(args) == 1
    assert "无权设置奖励总额" in capsys.readouterr().err
    assert not BonusBudget.objects.exists()


def test_the_command_exits_2_for_an_unknown_county_and_1_for_a_township(db, capsys):
    assert main(["bonus", "--county", "640499", "--year", "2018", "--budget", "100"]) == 2
    assert "区划代码 640499 不存在" in capsys.readouterr().err
    assert main(["bonus", "--county", "640402103", "--year", "2018", "--budget", "100"]) == 1
    assert "官厅镇（640402103）不是县级区划" in capsys.readouterr().err


def test_a_negative_budget_is_refused(county):
    with pytest.raises(DomainError, match="奖励总额应为不小于0的整数"):
        bonus_allocate(actor=_system(), county=COUNTY, year=YEAR, budget=-1)


def _system():
    from liangdai.org.services import system_actor

    return system_actor()

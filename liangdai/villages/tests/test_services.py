"""The rules of the village services (the same as the sheets 村情, 活动场所, 资金支出), their audit
rows, and who may call them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from liangdai.audit.models import AuditLog
from liangdai.core.errors import DomainError, NotFound
from liangdai.core.testing import make_profile, make_user, make_venue
from liangdai.rules.services import ruleset_set
from liangdai.villages import rules, services
from liangdai.villages.models import Spending, Venue, VillageIncome, VillageProfile

VILLAGE = "640402103215"  # 薛庄村, 官厅镇, 原州区
OTHER_VILLAGE = "640425103208"  # 红河村, 彭阳县


def save_profile(actor, **kwargs):
    values = {"code": VILLAGE, "population": 1200, "households": 300, "is_poor": False} | kwargs
    return services.village_profile_save(actor=actor, **values)


def save_venue(actor, **kwargs):
    values = {
        "code": VILLAGE,
        "area": Decimal("320"),
        "build_mode": "新建",
        "completed_on": dt.date(2019, 5, 1),
        "funding_source": "专项支持",
        "facilities": ["桌椅", "空调"],
    } | kwargs
    return services.venue_save(actor=actor, **values)


def spend(actor, amount, day=dt.date(2024, 3, 1), purpose="道路维修", **kwargs):
    return services.spending_save(
        actor=actor, code=VILLAGE, date=day, amount=Decimal(amount), purpose=purpose, **kwargs
    )


def error_of(call) -> DomainError:
    with pytest.raises(DomainError) as info:
        call()
    return info.value


# --- profile ---------------------------------------------------------------------------------


def test_profile_save_creates_the_profile_and_audits_it(clerk):
    save_profile(clerk, population=1500, households=400, is_poor=True)
    profile = VillageProfile.objects.get(village_id=VILLAGE)
    assert (profile.population, profile.households, profile.is_poor) == (1500, 400, True)
    log = AuditLog.objects.get(entity="village_profile", code=VILLAGE)
    assert log.action == "新增村情"
    assert log.actor_name == "clerk"
    assert log.before is None
    assert log.after["population"] == 1500


def test_profile_change_is_audited_with_before_and_after(clerk):
    save_profile(clerk, population=1200)
    save_profile(clerk, population=1300)
    log = AuditLog.objects.filter(entity="village_profile", code=VILLAGE).order_by("-id").first()
    assert log.action == "修改村情"
    assert (log.before["population"], log.after["population"]) == (1200, 1300)


def test_profile_saved_unchanged_writes_nothing(clerk):
    save_profile(clerk)
    save_profile(clerk)
    assert AuditLog.objects.filter(entity="village_profile", code=VILLAGE).count() == 1


def test_households_above_population_is_refused(clerk):
    error = error_of(lambda: save_profile(clerk, population=100, households=101))
    assert error.message == "户数（101）不能大于户籍人口（100）"
    assert error.column == "households"
    assert not VillageProfile.objects.exists()


def test_negative_population_is_refused(clerk):
    error = error_of(lambda: save_profile(clerk, population=-1, households=None))
    assert error.message == "户籍人口须为不小于0的整数"
    assert error.column == "population"


def test_population_cut_below_recorded_spending_is_refused(clerk):
    save_profile(clerk, population=1200)  # 60,000 a year by the default tiers
    spend(clerk, "55000")
    # 999 people: 50,000, less than the 55,000 already spent in 2024.
    error = error_of(lambda: save_profile(clerk, population=999, households=200))
    assert error.column == "population"
    assert "55,000.00" in error.message and "50,000" in error.message
    assert VillageProfile.objects.get(village_id=VILLAGE).population == 1200


def test_income_is_recorded_by_year(clerk):
    services.village_income_save(actor=clerk, code=VILLAGE, year=2019, income=Decimal("9876.5"))
    assert VillageIncome.objects.get(village_id=VILLAGE, year=2019).income == Decimal("9876.50")
    error = error_of(lambda: services.village_income_save(actor=clerk, code=VILLAGE, year=2019, income=Decimal(-1)))
    assert error.message == "人均纯收入须为不小于0的金额（元）"


def test_an_income_for_a_year_to_come_is_refused_by_the_form_as_by_the_sheet(clerk):
    next_year = dt.date.today().year + 1
    error = error_of(
        lambda: services.village_income_save(actor=clerk, code=VILLAGE, year=next_year, income=Decimal(9000))
    )
    assert (error.column, error.message) == ("year", rules.income_year_problem(next_year, Decimal(9000)))
    assert error.message == f"年度须为1949至{next_year - 1}之间的年份"


# --- venue -----------------------------------------------------------------------------------


def test_venue_save_keeps_facilities_in_template_order(clerk):
    save_venue(clerk)
    venue = Venue.objects.get(village_id=VILLAGE)
    assert venue.area == Decimal("320.00")
    assert venue.facilities == ["空调", "桌椅"]
    assert AuditLog.objects.get(entity="venue", code=VILLAGE).action == "新增活动场所"


@pytest.mark.parametrize("area", [Decimal(0), Decimal(-5), Decimal("20000.01")])
def test_venue_area_outside_0_to_20000_is_refused(clerk, area):
    error = error_of(lambda: save_venue(clerk, area=area))
    assert error.message == "面积须大于0且不超过20,000平方米"
    assert error.column == "area"
    assert not Venue.objects.exists()


def test_venue_area_of_exactly_20000_is_accepted(clerk):
    save_venue(clerk, area=Decimal(20000))
    assert Venue.objects.get(village_id=VILLAGE).area == 20000


def test_venue_completion_date_required_unless_existing(clerk):
    error = error_of(lambda: save_venue(clerk, build_mode="扩建", completed_on=None))
    assert error.message == "建设方式为“扩建”时，完成日期必填"
    assert error.column == "completed_on"
    save_venue(clerk, build_mode="原有", completed_on=None)
    assert Venue.objects.get(village_id=VILLAGE).completed_on is None


def test_venue_unknown_build_mode_and_facility_are_refused(clerk):
    assert error_of(lambda: save_venue(clerk, build_mode="翻新")).message == "建设方式须为新建、扩建、改建或原有"
    assert error_of(lambda: save_venue(clerk, facilities=["泳池"])).message == "未知的设施：泳池"
    assert error_of(lambda: save_venue(clerk, funding_source="捐款")).message == "资金来源须为专项支持、项目整合或其他"


def test_venue_change_is_audited_with_before_and_after(clerk):
    save_venue(clerk, area=Decimal(180))
    save_venue(clerk, area=Decimal(260))
    log = AuditLog.objects.filter(entity="venue").order_by("-id").first()
    assert log.action == "修改活动场所"
    assert (log.before["area"], log.after["area"]) == ("180.00", "260.00")


# --- spending and the fund limit -------------------------------------------------------------


def test_spending_within_the_fund_is_recorded(clerk):
    make_profile(VILLAGE, population=1200)  # default tiers: 1,000-1,999 people get 60,000
    spend(clerk, "40000")
    spend(clerk, "20000", purpose="困难群众救助")  # exactly the fund
    assert sum(s.amount for s in Spending.objects.filter(village_id=VILLAGE)) == 60000


def test_spending_beyond_the_years_fund_is_refused(clerk):
    make_profile(VILLAGE, population=1200)
    spend(clerk, "40000")
    error = error_of(lambda: spend(clerk, "20000.01", purpose="困难群众救助"))
    assert error.message == f"{VILLAGE} 在2024年的支出合计 60,000.01 元，超过该年度为民服务资金 60,000 元"
    assert error.column == "amount"
    assert Spending.objects.count() == 1


def test_fund_limit_is_per_year(clerk):
    make_profile(VILLAGE, population=1200)
    spend(clerk, "60000", day=dt.date(2023, 12, 31))
    spend(clerk, "60000", day=dt.date(2024, 1, 1))
    assert Spending.objects.count() == 2


def test_fund_limit_follows_the_countys_tiers(clerk, system):
    make_profile(VILLAGE, population=1200)
    ruleset_set(actor=system, kind="fund_tiers", year=2024, code="640402", data={"tiers": [[0, 70000]]})
    spend(clerk, "70000")
    error = error_of(lambda: spend(clerk, "1", purpose="困难群众救助"))
    assert "超过该年度为民服务资金 70,000 元" in error.message


def test_spending_without_a_profile_has_no_fund(clerk):
    error = error_of(lambda: spend(clerk, "100"))
    assert (
        error.message
        == f"{VILLAGE} 在2024年的支出合计 100.00 元，超过该年度为民服务资金 0 元（该村尚无户籍人口，无资金）"
    )


def test_editing_a_spending_counts_its_new_amount_not_both(clerk):
    make_profile(VILLAGE, population=1200)
    first = spend(clerk, "50000")
    spend(clerk, "60000", spending_id=first.pk)  # replaces 50,000: total 60,000, within the fund
    assert Spending.objects.get().amount == 60000
    log = AuditLog.objects.filter(entity="spending").order_by("-id").first()
    assert log.action == "修改资金支出"
    assert (log.before["amount"], log.after["amount"]) == ("50000.00", "60000.00")


@pytest.mark.parametrize("amount", ["0", "-10"])
def test_spending_amount_must_be_positive(clerk, amount):
    make_profile(VILLAGE)
    error = error_of(lambda: spend(clerk, amount))
    assert (error.message, error.column) == ("金额须大于0", "amount")


def test_spending_needs_a_purpose_and_a_unique_key(clerk):
    make_profile(VILLAGE)
    assert error_of(lambda: spend(clerk, "100", purpose="  ")).message == "用途必填"
    spend(clerk, "100")
    error = error_of(lambda: spend(clerk, "200"))
    assert error.message == "本村在2024-03-01已有用途为“道路维修”的支出，请修改原记录"
    assert error.column == "purpose"


def test_spending_delete_is_audited(clerk):
    make_profile(VILLAGE)
    spending = spend(clerk, "100")
    services.spending_delete(actor=clerk, code=VILLAGE, spending_id=spending.pk)
    assert not Spending.objects.exists()
    log = AuditLog.objects.filter(entity="spending").order_by("-id").first()
    assert log.action == "删除资金支出"
    assert log.before["purpose"] == "道路维修" and log.after is None


def test_spending_of_another_village_cannot_be_edited_through_this_one(clerk):
    other = "640402103200"
    make_profile(VILLAGE)
    make_profile(other)
    theirs = Spending.objects.create(village_id=other, date=dt.date(2024, 1, 1), amount=10, purpose="x")
    with pytest.raises(NotFound):
        spend(clerk, "100", spending_id=theirs.pk)
    with pytest.raises(NotFound):
        services.spending_delete(actor=clerk, code=VILLAGE, spending_id=theirs.pk)


# --- who may write ---------------------------------------------------------------------------


def test_outsider_cannot_write_and_is_told_not_found(outsider):
    with pytest.raises(NotFound):
        save_profile(outsider)
    with pytest.raises(NotFound):
        save_venue(outsider)
    with pytest.raises(NotFound):
        spend(outsider, "10")
    assert not AuditLog.objects.filter(code=VILLAGE).exists()


def test_reader_cannot_write(db):
    reader = make_user("reader", "640402", "reader")
    with pytest.raises(PermissionDenied, match="^您的账号只能查阅"):
        save_profile(reader)
    assert not VillageProfile.objects.exists()


def test_clerk_of_one_township_cannot_write_in_another(clerk):
    with pytest.raises(NotFound):
        services.village_profile_save(actor=clerk, code="640402100200", population=10)


def test_outsider_village_is_writable_by_its_own_clerk(outsider):
    save_venue(outsider, code=OTHER_VILLAGE)
    assert Venue.objects.filter(village_id=OTHER_VILLAGE).exists()


def test_a_township_code_is_not_a_village(county_user):
    with pytest.raises(NotFound):
        services.venue_save(actor=county_user, code="640402103", area=Decimal(300), build_mode="原有")


def test_saving_an_imported_venue_unchanged_writes_no_audit_row(clerk):
    make_venue(VILLAGE, area=Decimal("320.00"), funding_source="专项支持", facilities=["空调", "桌椅"])
    save_venue(clerk)
    assert not AuditLog.objects.filter(entity="venue").exists()

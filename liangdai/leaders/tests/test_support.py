"""Priority support (优先扶持): the service's rules, its audit row, and the figures by kind."""

import datetime as dt
from decimal import Decimal

import pytest

from liangdai.audit.models import AuditLog
from liangdai.core.errors import NotFound
from liangdai.indicators.registry import REGISTRY, Query
from liangdai.leaders import services
from liangdai.leaders.models import Support

from .makers import OTHER_TOWNSHIP, OUTSIDE, V1, V2, make_leader, make_person
from .test_services import error_of

D = dt.date(2019, 10, 31)
F = dt.date(2019, 1, 1)


def add(actor, leader, **change):
    values = {"kind": "贷款贴息", "amount": "50000", "date": dt.date(2019, 5, 1), "unit": "原州区农业农村局"}
    return services.support_add(actor=actor, leader=leader, **(values | change))


def test_a_support_is_recorded_and_audited(clerk):
    leader = make_leader(make_person())
    support = add(clerk, leader, note="三年期")
    assert (support.kind, support.amount, support.unit, support.note) == (
        "贷款贴息",
        Decimal(50000),
        "原州区农业农村局",
        "三年期",
    )
    row = AuditLog.objects.get(entity="support")
    assert (row.action, row.code, row.after["amount"]) == ("新增优先扶持", V1, "50000.00")


def test_a_support_without_an_amount_is_kept(clerk):
    support = add(clerk, make_leader(make_person()), kind="培训", amount=None)
    assert support.amount is None


@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        ({"amount": "-1"}, "amount", "应不小于0"),
        (
            {"amount": "五万"},
            "amount",
            "应为数字：“五万”不是可识别的金额，只填数字，可带“元”或“万”（如 17804、17804元、1.5万）",
        ),
        ({"amount": "1e20"}, "amount", "应不大于999999999999.99"),
        ({"date": dt.date(2017, 12, 31)}, "date", "扶持日期（2017-12-31）不能早于认定日期（2018-01-01）"),
        ({"kind": "奖励"}, "kind", "应为以下之一：贷款贴息、产业补助、土地流转、培训、市场对接、其他"),
        ({"date": None}, "date", "必填项不能为空"),
        ({"unit": "单" * 101}, "unit", "长度不能超过100个字符（实为101个）"),
    ],
)
def test_a_broken_rule_is_a_clear_error_and_nothing_is_written(clerk, change, column, message):
    leader = make_leader(make_person())
    error = error_of(lambda: add(clerk, leader, **change))
    assert (error.column, error.message) == (column, message)
    assert not Support.objects.exists() and not AuditLog.objects.filter(entity="support").exists()


def test_no_support_after_the_registration_ended(clerk):
    leader = make_leader(make_person(), ended_on=dt.date(2019, 3, 31), end_reason="迁出")
    error = error_of(lambda: add(clerk, leader, date=dt.date(2019, 4, 1)))
    assert error.message == "扶持日期（2019-04-01）不能晚于退出日期（2019-03-31）"
    assert add(clerk, leader, date=dt.date(2019, 3, 31)).pk


def test_a_leader_outside_the_area_cannot_be_supported(clerk, outsider, county_user):
    leader = make_leader(make_person(), V1)
    with pytest.raises(NotFound):
        add(outsider, leader)
    elsewhere = make_leader(make_person("李四", serial=2), OTHER_TOWNSHIP)
    with pytest.raises(NotFound):
        add(clerk, elsewhere)
    assert not Support.objects.exists()
    assert add(county_user, elsewhere).pk  # the county reaches every township


def test_support_figures_by_kind_for_the_node_and_period(db):
    one = make_leader(make_person("甲", serial=1), V1)
    two = make_leader(make_person("乙", serial=2), V2)
    far = make_leader(make_person("丙", serial=3), OTHER_TOWNSHIP)
    gone = make_leader(make_person("丁", serial=4), OUTSIDE)
    Support.objects.create(leader=one, kind="贷款贴息", amount=Decimal("30000"), date=F)
    Support.objects.create(leader=one, kind="产业补助", amount=Decimal("1200.50"), date=D)
    Support.objects.create(leader=two, kind="培训", amount=None, date=dt.date(2019, 6, 1))
    Support.objects.create(leader=two, kind="贷款贴息", amount=Decimal("20000"), date=dt.date(2018, 12, 31))  # before F
    Support.objects.create(leader=two, kind="贷款贴息", amount=Decimal("7"), date=D + dt.timedelta(days=1))  # after D
    Support.objects.create(leader=far, kind="土地流转", amount=Decimal("800"), date=dt.date(2019, 2, 1))
    Support.objects.create(leader=gone, kind="贷款贴息", amount=Decimal("99"), date=dt.date(2019, 2, 1))
    township = REGISTRY.compute(Query.of("640402103", D, F))
    assert (township["support_count"], township["support_amount"]) == (3, 31200.5)
    assert (township["support_count_loan"], township["support_amount_loan"]) == (1, 30000)
    assert (township["support_count_subsidy"], township["support_amount_subsidy"]) == (1, 1200.5)
    assert (township["support_count_training"], township["support_amount_training"]) == (1, 0)
    assert (township["support_count_land"], township["support_amount_land"]) == (0, 0)
    county = REGISTRY.compute(Query.of("640402", D, F))
    assert (county["support_count"], county["support_amount"], county["support_amount_land"]) == (4, 32000.5, 800)

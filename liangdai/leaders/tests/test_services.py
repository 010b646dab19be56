"""The wealth-leader service: the rules of the 致富带头人 sheet with the same messages, its audit
rows, and who may call it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from liangdai.audit.models import AuditLog
from liangdai.cadres.models import Person
from liangdai.core.errors import DomainError, NotFound
from liangdai.core.testing import make_user
from liangdai.exchange.sheets import SHEETS
from liangdai.leaders import services
from liangdai.leaders.models import WealthLeader

from .makers import OUTSIDE, V1, V2, errors_of, make_leader, make_person
from .test_leader_sheet import NUMBER, leader_row, run

PERSON = {"id_number": NUMBER, "name": "马金花", "education": "初中", "political_status": "群众"}


def save(actor, **change):
    values = {
        "person": PERSON,
        "village": V1,
        "industry": "养殖业",
        "project": "肉牛",
        "scale": Decimal(120),
        "scale_unit": "头",
        "income": Decimal("30.5"),
        "households": 12,
        "people": 40,
        "poor_households": 6,
        "source": "回引",
        "recognised_on": dt.date(2018, 4, 1),
    } | change
    return services.wealth_leader_save(actor=actor, **values)


def error_of(call) -> DomainError:
    with pytest.raises(DomainError) as info:
        call()
    return info.value


def test_it_registers_the_person_and_the_leader_and_audits_both(clerk):
    leader = save(clerk)
    leader = WealthLeader.objects.select_related("person").get(pk=leader.pk)
    assert (leader.person.name, leader.person.education, leader.village_id) == ("马金花", "初中", V1)
    assert (leader.people, leader.households, leader.poor_households, str(leader.income)) == (40, 12, 6, "30.50")
    entry = AuditLog.objects.get(entity="wealth_leader")
    assert (entry.action, entry.entity_id, entry.code, entry.actor) == ("新增致富带头人", str(leader.pk), V1, clerk)
    assert entry.before is None and entry.after["people"] == 40
    assert AuditLog.objects.filter(entity="person", action="新增").count() == 1


def test_a_change_is_audited_with_before_and_after_and_the_same_again_writes_nothing(clerk):
    save(clerk)
    save(clerk, people=55, village=V2)
    leader = WealthLeader.objects.get()
    assert (leader.people, leader.village_id) == (55, V2)
    change = AuditLog.objects.get(entity="wealth_leader", action="修改致富带头人")
    assert (change.before["people"], change.after["people"], change.code) == (40, 55, V2)
    save(clerk, people=55, village=V2)
    assert AuditLog.objects.filter(entity="wealth_leader").count() == 2


def test_a_person_on_record_is_taken_as_recorded(clerk):
    person = make_person("马金花", dt.date(1975, 3, 8), 7, education="大专")
    save(clerk, person=person)
    assert WealthLeader.objects.get().person == person


@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        ({"people": 11}, "people", "带动人数（11）不能少于带动户数（12）"),
        ({"poor_households": 13}, "poor_households", "带动脱贫户数（13）不能多于带动户数（12）"),
        ({"scale_unit": ""}, "scale_unit", "填写经营规模时，规模单位必填"),
        ({"scale": Decimal(0)}, "scale", "应大于0"),
        ({"scale_unit": "斤"}, "scale_unit", "应为以下之一：亩、头、只、箱、棚、万元"),
        (
            {"industry": "采矿"},
            "industry",
            "应为以下之一：种植业、养殖业、农产品加工、乡村旅游、电子商务、劳务经纪、其他",
        ),
        ({"source": "选派"}, "source", "应为以下之一：就地培养、回引、外引"),
        ({"income": Decimal(-1)}, "income", "应不小于0"),
        ({"households": -1}, "households", "应不小于0"),
        ({"recognised_on": None}, "recognised_on", "必填项不能为空"),
        ({"person": PERSON | {"education": ""}}, "education", "系统中尚无此人，该项必填"),
        ({"person": PERSON | {"political_status": ""}}, "political_status", "系统中尚无此人，该项必填"),
    ],
)
def test_a_rule_broken_is_refused_and_nothing_is_written(clerk, change, column, message):
    error = error_of(lambda: save(clerk, **change))
    assert (error.column, error.message) == (column, message)
    assert not WealthLeader.objects.exists()
    assert not Person.objects.exists()
    assert not AuditLog.objects.filter(entity__in=["wealth_leader", "person"]).exists()


@pytest.mark.parametrize(
    ("cells", "values"),
    [
        ({"带动人数": 11}, {"people": 11}),
        ({"带动脱贫户数": 13}, {"poor_households": 13}),
        ({"规模单位": None}, {"scale_unit": ""}),
        ({"年收入": -1}, {"income": Decimal(-1)}),
        ({"学历": None}, {"person": PERSON | {"education": ""}}),
    ],
)
def test_the_sheet_and_the_service_give_the_same_message(clerk, cells, values):
    ((_, _, header, sheet_message),) = errors_of(run(clerk, leader_row(**cells)))
    error = error_of(lambda: save(clerk, **values))
    assert (SHEETS["致富带头人"].header_of(error.column), error.message) == (header, sheet_message)


def test_a_leader_registered_outside_the_area_is_not_theirs_to_change(clerk):
    make_leader(make_person("马金花", dt.date(1975, 3, 8), 7), village=OUTSIDE)
    error = error_of(lambda: save(clerk))
    assert (error.column, error.message) == ("id_number", "此人已在您管辖范围以外的村登记为致富带头人，不能在此修改")
    assert WealthLeader.objects.get().village_id == OUTSIDE
    assert not AuditLog.objects.filter(entity="wealth_leader").exists()


def test_the_outsider_gets_not_found(outsider):
    with pytest.raises(NotFound):
        save(outsider)
    assert not Person.objects.exists()


def test_an_unknown_village_is_not_found(clerk):
    with pytest.raises(NotFound):
        save(clerk, village="640402103999")


def test_it_requires_write_access(db):
    reader = make_user("reader", "640402103", "reader")
    with pytest.raises(PermissionDenied):
        save(reader)
    assert not WealthLeader.objects.exists()


def test_the_sheet_writes_through_the_bulk_service(clerk, monkeypatch):
    calls = []
    real = services.wealth_leaders_import

    def spy(*, ctx, rows):
        calls.append(len(rows))
        return real(ctx=ctx, rows=rows)

    monkeypatch.setattr(services, "wealth_leaders_import", spy)
    assert run(clerk, leader_row()).errors == []
    assert calls == [1]
    assert WealthLeader.objects.count() == 1

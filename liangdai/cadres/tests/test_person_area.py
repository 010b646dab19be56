"""A person of another area is taken as recorded and changed only there (cadres.rules.profile_changes),
whether the change comes through a form (`person_save`) or a sheet row (`bulk.persons_import`)."""

import datetime as dt

from liangdai.cadres import services
from liangdai.cadres.models import Holding, Person
from liangdai.exchange.tests.helpers import run
from liangdai.leaders.tests.makers import HOLDING_HEADER, OUTSIDE, V1, make_holding, make_person

D = dt.date


def _recorded_elsewhere() -> Person:
    """李四, a cadre of 彭阳县 with his profile there: outside 官厅镇's clerk's area."""
    person = make_person("李四", D(1980, 3, 3), 7, education="初中", political_status="群众", phone="13900000000")
    make_holding(OUTSIDE, person, position="党组织委员")
    return person


def _profile(person: Person) -> tuple:
    person.refresh_from_db()
    return (person.education, person.political_status, person.phone)


def test_an_import_does_not_change_a_person_of_another_area(clerk):
    person = _recorded_elsewhere()
    row = ["李四", person.id_number, "", "汉族", "本科", "中共党员", "13800000000", V1, "党组织委员", D(2019, 1, 1)]
    result = run({"村干部": [HOLDING_HEADER[:10], row]}, clerk)
    assert result.ok
    assert _profile(person) == ("初中", "群众", "13900000000")
    assert Holding.objects.filter(person=person, village_id=V1).exists()  # the appointment itself is his


def test_a_form_does_not_change_a_person_of_another_area_either(clerk):
    person = _recorded_elsewhere()
    given = {"id_number": person.id_number, "name": "李四", "education": "本科", "phone": "13800000000"}
    services.holding_start(actor=clerk, village=V1, person=given, position="党组织委员", start=D(2019, 1, 1))
    assert _profile(person) == ("初中", "群众", "13900000000")


def test_an_import_changes_a_person_of_the_area(clerk):
    person = make_person("李四", D(1980, 3, 3), 7, education="初中", political_status="群众")
    make_holding(V1, person, position="党组织委员")
    row = ["李四", person.id_number, "", "汉族", "本科", "中共党员", "13800000000", V1, "党组织委员", D(2019, 1, 1)]
    assert run({"村干部": [HOLDING_HEADER[:10], row]}, clerk).ok
    assert _profile(person) == ("本科", "中共党员", "13800000000")

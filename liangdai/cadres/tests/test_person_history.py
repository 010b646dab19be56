"""A person's change history (修改记录 on the person page): the changes to the person and to each
of their records, read as a clerk reads them, masked as everywhere else, and never a record filed
outside the reader's area."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from liangdai.audit.models import AuditLog
from liangdai.cadres import services
from liangdai.cadres.models import Person
from liangdai.core.testing import make_user
from liangdai.exchange.tests.helpers import run
from liangdai.leaders.services import wealth_leader_save
from liangdai.leaders.tests.makers import HOLDING_HEADER

from .makers import OUTSIDE, V1, idno

D = dt.date
PHONE, NEW_PHONE = "13912345678", "13987654321"


def _person_with_a_story(clerk, system):
    """王刚: secretary of V1 (by the township clerk, who later changes his phone), and a wealth
    leader in 彭阳县 (by the system): one record in the clerk's area, one outside it."""
    number = idno(D(1970, 5, 1), 1)
    given = {"id_number": number, "name": "王刚", "phone": PHONE}
    holding = services.holding_start(actor=clerk, village=V1, person=given, position="党组织书记", start=D(2019, 1, 1))
    person = holding.person
    services.person_save(actor=clerk, id_number=number, name="王刚", phone=NEW_PHONE)
    leader = {"actor": system, "person": person, "village": OUTSIDE, "industry": "种植业", "income": Decimal(12)}
    wealth_leader_save(**leader, households=30, people=90, source="就地培养", recognised_on=D(2019, 3, 1))
    return person


def _history(client, user, person) -> str:
    client.force_login(user)
    response = client.get(reverse("cadres:person_history", args=[person.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_person_page_links_to_a_history_of_the_person_and_their_records(client, clerk, system):
    person = _person_with_a_story(clerk, system)
    client.force_login(clerk)
    page = client.get(reverse("cadres:person", args=[person.pk])).content.decode()
    assert reverse("cadres:person_history", args=[person.pk]) in page
    html = _history(client, clerk, person)
    assert '<span class="field">职务</span> <span class="after">党组织书记</span>' in html.replace("><", "> <")
    assert "联系电话" in html and "139****5678" in html and "139****4321" in html
    assert PHONE not in html and NEW_PHONE not in html  # the clerk may not reveal numbers


def test_a_history_leaves_out_the_records_filed_outside_the_readers_area(client, clerk, system):
    person = _person_with_a_story(clerk, system)
    assert AuditLog.objects.filter(entity="wealth_leader", code=OUTSIDE).exists()
    leader_row = "<td>致富带头人</td>"  # the row's entity column
    assert leader_row not in _history(client, clerk, person)
    region = make_user("region", "64", "reviewer")
    assert leader_row in _history(client, region, person)


def test_outside_their_area_a_person_history_is_not_found(client, clerk, system, outsider):
    person = _person_with_a_story(clerk, system)
    stranger = make_user("far", "640522", "entry")  # 海原县: none of his records
    client.force_login(stranger)
    assert client.get(reverse("cadres:person_history", args=[person.pk])).status_code == 404


def test_a_person_edit_is_filed_under_their_village_for_the_audit_administrator(clerk, system):
    person = _person_with_a_story(clerk, system)
    edit = AuditLog.objects.get(entity="person", entity_id=str(person.pk), action="修改")
    assert edit.code == V1


def test_a_history_has_the_rows_an_import_wrote_for_the_person(client, clerk):
    number = idno(D(1975, 8, 9), 2, male=False)
    row = ["李芳", number, "", "汉族", "本科", "中共党员", PHONE, V1, "村委会主任", D(2019, 1, 1)]
    assert run({"村干部": [HOLDING_HEADER[:10], row]}, clerk).ok
    person = Person.objects.get(id_number=number)
    html = _history(client, clerk, person)
    assert html.count("导入新增") == 2  # the person and the holding, whatever key the import filed them by
    assert "村委会主任" in html

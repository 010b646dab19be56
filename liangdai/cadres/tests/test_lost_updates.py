"""No edit is lost (issue 12, finding 5) in the cadres slice: a person, a holding's end and a
weak-and-lax flag's closing, saved from a form read before someone else's save, are refused with
what changed; the first save is kept and alone in the audit log."""

import datetime as dt

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from liangdai.audit.models import AuditLog
from liangdai.cadres import services
from liangdai.cadres.models import Holding, Person, RectificationStep, WeakOrganisation
from liangdai.core.errors import DomainError
from liangdai.core.testing import make_user
from liangdai.core.versions import version_of

from .makers import V1, make_holding, make_person

D = dt.date
AGAIN = "。请刷新后重新填写。"


@pytest.fixture
def second_clerk(db):
    return make_user("clerk2", "640402103", "entry")


@pytest.fixture
def person(db):
    secretary = make_person("王刚", D(1970, 5, 1), 1, phone="13912345678", education="高中")
    make_holding(V1, secretary, start=D(2016, 1, 1))
    return secretary


def refused(call, **kwargs) -> str:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    return caught.value.message


def fresh(model, pk):
    return model.objects.get(pk=pk)


def test_a_version_holds_no_identity_or_phone_number(person):
    token = version_of(fresh(Person, person.pk))
    payload = signing.Signer(salt="liangdai.core.versions").unsign_object(token)
    assert "id_number" not in payload["v"] and "phone" not in payload["v"]
    assert person.id_number not in token and "13912345678" not in token


def test_a_stale_person_save_is_refused_and_the_first_kept(person, clerk, second_clerk):
    read = version_of(fresh(Person, person.pk))
    values = {"id_number": person.id_number, "rename": True}
    services.person_save(actor=clerk, name="王钢", education="高中", version=read, **values)
    count = AuditLog.objects.filter(entity="person").count()
    message = refused(services.person_save, actor=second_clerk, name="王刚", education="大专", version=read, **values)
    assert message == "保存失败：您打开此页面后，他人已修改了本记录（姓名：王刚 → 王钢）" + AGAIN
    person.refresh_from_db()
    assert (person.name, person.education) == ("王钢", "高中")
    assert AuditLog.objects.filter(entity="person").count() == count


def test_a_phone_changed_meanwhile_is_a_conflict_without_showing_it(person, clerk, second_clerk):
    read = version_of(fresh(Person, person.pk))
    services.person_save(actor=clerk, id_number=person.id_number, name="王刚", phone="13800001111", version=read)
    message = refused(
        services.person_save, actor=second_clerk, id_number=person.id_number, name="王刚", phone="", version=read
    )
    assert message == "保存失败：您打开此页面后，他人已修改了本记录" + AGAIN
    assert "1380000" not in message and "1391234" not in message


def test_a_stale_holding_end_is_refused(person, clerk, second_clerk):
    holding = Holding.objects.get(person=person)
    read = version_of(holding)
    services.holding_end(actor=clerk, holding=holding, end=D(2021, 1, 31), end_reason="换届", version=read)
    message = refused(
        services.holding_end, actor=second_clerk, holding=holding, end=D(2021, 3, 1), end_reason="辞职", version=read
    )
    assert "离任日期：未填 → 2021-01-31" in message and "离任原因：未填 → 换届" in message
    assert fresh(Holding, holding.pk).end == D(2021, 1, 31)
    assert AuditLog.objects.filter(entity="holding", action="离任").count() == 1


def test_a_stale_weak_close_is_refused(clerk, second_clerk):
    weak = WeakOrganisation.objects.create(village_id=V1, year=2023, reason="班子不团结", flagged_on=D(2023, 3, 1))
    RectificationStep.objects.create(weak=weak, date=D(2023, 5, 1), description="调整班子")
    read = version_of(fresh(WeakOrganisation, weak.pk))
    WeakOrganisation.objects.filter(pk=weak.pk).update(reason="班子软弱")  # corrected by someone else
    message = refused(services.weak_close, actor=second_clerk, weak=weak, closed_on=D(2023, 12, 1), version=read)
    assert "原因：班子不团结 → 班子软弱" in message
    assert fresh(WeakOrganisation, weak.pk).closed_on is None
    assert not AuditLog.objects.filter(entity="weak", action="整顿销号").exists()


def test_two_users_edit_the_same_person_and_the_second_is_told(person, clerk, second_clerk):
    url = reverse("cadres:person_edit", args=[person.pk])
    first, second = Client(), Client()
    first.force_login(clerk)
    second.force_login(second_clerk)
    versions = [c.get(url).context["form"].initial["version"] for c in (first, second)]
    data = {"education": "高中", "political_status": "", "nationality": "", "phone": ""}

    assert first.post(url, {**data, "name": "王钢", "version": versions[0]}).status_code == 302
    again = second.post(url, {**data, "name": "王岗", "version": versions[1]})

    assert again.status_code == 200
    assert "他人已修改了本记录（姓名：王刚 → 王钢）" in again.content.decode()
    assert fresh(Person, person.pk).name == "王钢"
    assert not AuditLog.objects.filter(entity="person", actor_name="clerk2").exists()

"""The development path in the browser: the path on the person page, the form that records a
stage (the rules of the 发展党员 sheet with the same messages, nothing written on an error), and
who may open what (the outsider gets 404, a reader 403)."""

import datetime as dt

import pytest
from django.urls import reverse

from liangdai.audit.models import AuditLog
from liangdai.cadres.models import Person
from liangdai.core.testing import make_user
from liangdai.leaders.tests.makers import OUTSIDE, V1, V2, idno, make_holding, make_person, make_record
from liangdai.party.models import DevelopmentRecord

D = dt.date
TOWNSHIP, COUNTY = "640402103", "640402"
BIRTH = D(1990, 6, 15)


@pytest.fixture
def person(db):
    """李秀兰: applicant in V1, activist in V2."""
    p = make_person("李秀兰", BIRTH, 3, male=False)
    make_record(p, "入党申请人", D(2015, 3, 1), V1)
    make_record(p, "入党积极分子", D(2016, 3, 1), V2)
    return p


@pytest.fixture
def reader(db):
    return make_user("reader", TOWNSHIP, "reader")


def _stage_url(person) -> str:
    return reverse("party:stage_new", args=[person.pk])


def _written() -> tuple[int, int, int]:
    return DevelopmentRecord.objects.count(), Person.objects.count(), AuditLog.objects.count()


def test_the_person_page_lists_the_path_in_order_and_what_comes_next(client, clerk, person):
    client.force_login(clerk)
    page = client.get(reverse("cadres:person", args=[person.pk])).content.decode()
    path = page[page.index('id="path-stages"') :]
    assert path.index("入党申请人") < path.index("2015-03-01") < path.index("入党积极分子") < path.index("2016-03-01")
    assert f'href="{reverse("cadres:village", args=[V2])}"' in path
    assert "下一阶段：<strong>发展对象</strong>，最早 2017-03-01" in page
    assert f'href="{_stage_url(person)}"' in page and "记录下一阶段" in page


def test_a_probationary_member_shows_the_earliest_and_latest_conversion(client, county_user):
    p = make_person("王五", D(1980, 1, 1), 5)
    make_record(p, "预备党员", D(2018, 7, 1), V1)
    client.force_login(county_user)
    page = client.get(reverse("cadres:person", args=[p.pk])).content.decode()
    assert "下一阶段：<strong>正式党员</strong>，最早 2019-07-01，最迟 2020-07-01" in page


def test_a_stage_of_another_area_shows_without_its_organisation(client, clerk, person):
    make_record(person, "发展对象", D(2017, 5, 1), OUTSIDE)
    client.force_login(clerk)
    page = client.get(reverse("cadres:person", args=[person.pk])).content.decode()
    assert "发展对象" in page and "辖区外党组织" in page
    assert reverse("cadres:village", args=[OUTSIDE]) not in page


def test_a_reader_sees_the_path_without_the_button_and_may_not_open_the_forms(client, reader, person):
    client.force_login(reader)
    page = client.get(reverse("cadres:person", args=[person.pk])).content.decode()
    assert "入党积极分子" in page and _stage_url(person) not in page
    assert client.get(_stage_url(person)).status_code == 403
    before = _written()
    data = {"stage": "发展对象", "date": "2017-03-01", "village": V1}
    assert client.post(_stage_url(person), data).status_code == 403
    assert client.get(reverse("party:applicant_new", args=[TOWNSHIP])).status_code == 403
    assert _written() == before


def test_the_outsider_gets_404_on_every_page_and_writes_nothing(client, outsider, person):
    client.force_login(outsider)
    before = _written()
    assert client.get(_stage_url(person)).status_code == 404
    data = {"stage": "发展对象", "date": "2017-03-01", "village": V1}
    assert client.post(_stage_url(person), data).status_code == 404
    for code in (TOWNSHIP, COUNTY, V1):
        assert client.get(reverse("party:applicant_new", args=[code])).status_code == 404
        assert client.get(reverse("party:due", args=[code])).status_code == 404
    assert client.get(reverse("cadres:warnings"), {"code": TOWNSHIP}).status_code == 404
    assert _written() == before


@pytest.mark.parametrize("persona", ["clerk", "county_user"])
def test_the_form_offers_the_next_stage_and_the_last_organisation_and_records_it(client, person, persona, request):
    client.force_login(request.getfixturevalue(persona))
    form = client.get(_stage_url(person)).context["form"]
    assert (form.initial["stage"], form.initial["village"]) == ("发展对象", V2)
    choices = {code for code, _ in form.fields["village"].choices if code}
    assert V1 in choices and OUTSIDE not in choices and all(c.startswith(COUNTY) for c in choices)
    response = client.post(_stage_url(person), {"stage": "发展对象", "date": "2017-03-01", "village": V2})
    assert response.status_code == 302 and response.url == reverse("cadres:person", args=[person.pk])
    stage = DevelopmentRecord.objects.get(person=person, stage="发展对象")
    assert (stage.date, stage.village_id) == (D(2017, 3, 1), V2)


# Each rule of the 发展党员 sheet broken once through the form: (path on record, stage, date, field, message).
BROKEN = [
    (
        [("入党申请人", D(2016, 2, 1))],
        "入党积极分子",
        "2016-01-01",
        "date",
        "入党积极分子的日期（2016-01-01）早于入党申请人的日期（2016-02-01），日期不能倒退",
    ),
    ([], "入党申请人", "2008-06-14", "date", "申请入党时须年满18周岁（2008-06-14时为17岁）"),
    (
        [("入党积极分子", D(2016, 1, 1))],
        "发展对象",
        "2016-12-31",
        "date",
        "确定为发展对象（2016-12-31）须在成为入党积极分子（2016-01-01）满一年之后",
    ),
    (
        [("预备党员", D(2018, 3, 1))],
        "正式党员",
        "2019-02-28",
        "date",
        "预备期为一年：转为正式党员（2019-02-28）不能早于2019-03-01",
    ),
    (
        [("预备党员", D(2018, 3, 1))],
        "正式党员",
        "2020-03-02",
        "date",
        "预备期最长延长一年：转为正式党员（2020-03-02）不能晚于2020-03-01",
    ),
    (
        [("入党申请人", D(2015, 3, 1)), ("入党积极分子", D(2016, 3, 1), OUTSIDE)],
        "入党积极分子",
        "2016-04-01",
        "stage",
        "此人的“入党积极分子”已由您管辖范围以外的党组织登记，不能在此修改",
    ),
]


@pytest.mark.parametrize(("on_record", "stage", "date", "field", "message"), BROKEN)
def test_each_rule_broken_in_the_form_shows_the_sheets_message_and_writes_nothing(
    client, clerk, on_record, stage, date, field, message
):
    p = make_person("李秀兰", BIRTH, 3, male=False)
    make_holding(V1, p, position="村委会委员")  # in the clerk's area whatever their path
    for recorded in on_record:
        make_record(p, *recorded[:2], *(recorded[2:] or (V1,)))
    client.force_login(clerk)
    before = _written()
    response = client.post(_stage_url(p), {"stage": stage, "date": date, "village": V1})
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert message in response.content.decode()
    assert _written() == before


def test_an_organisation_outside_the_area_is_refused_at_its_field(client, clerk, person):
    client.force_login(clerk)
    before = _written()
    response = client.post(_stage_url(person), {"stage": "发展对象", "date": "2017-03-01", "village": OUTSIDE})
    assert response.context["form"].errors == {"village": ["请从列表中选择您管辖范围内的村"]}
    assert _written() == before


def test_a_person_outside_the_area_is_404_even_on_record(client, clerk):
    elsewhere = make_person("赵六", D(1985, 1, 1), 6)
    make_record(elsewhere, "入党申请人", D(2015, 1, 1), OUTSIDE)
    client.force_login(clerk)
    assert client.get(_stage_url(elsewhere)).status_code == 404
    assert client.get(reverse("cadres:person", args=[elsewhere.pk])).status_code == 404


NEW = {"id_number": idno(D(1995, 4, 2), 8), "name": "马小军", "stage": "入党申请人", "date": "2019-05-01"}


def test_a_new_applicant_is_recorded_with_the_person_and_lands_on_their_page(client, clerk):
    client.force_login(clerk)
    url = reverse("party:applicant_new", args=[V1])
    assert client.get(url).context["form"].initial == {"stage": "入党申请人", "village": V1}
    response = client.post(url, NEW | {"village": V1})
    person = Person.objects.get(name="马小军")
    assert response.status_code == 302 and response.url == reverse("cadres:person", args=[person.pk])
    assert DevelopmentRecord.objects.get(person=person).stage == "入党申请人"


def test_a_new_applicant_under_18_writes_neither_the_person_nor_the_stage(client, county_user):
    client.force_login(county_user)
    before = _written()
    response = client.post(reverse("party:applicant_new", args=[COUNTY]), NEW | {"village": V1, "date": "2013-04-01"})
    assert response.context["form"].errors == {"date": ["申请入党时须年满18周岁（2013-04-01时为17岁）"]}
    assert _written() == before


def test_a_new_applicant_with_a_bad_number_is_told_at_the_number(client, clerk):
    client.force_login(clerk)
    response = client.post(reverse("party:applicant_new", args=[TOWNSHIP]), NEW | {"id_number": "123", "village": V1})
    assert list(response.context["form"].errors) == ["id_number"]
    assert DevelopmentRecord.objects.count() == 0

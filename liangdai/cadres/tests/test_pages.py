"""The cadres pages for the county user, the township clerk, a reader and the outsider."""

import datetime as dt

import pytest
from django.urls import reverse

from liangdai.audit.models import AuditLog
from liangdai.cadres.models import Holding, Person, ReserveCandidate, WeakOrganisation
from liangdai.core.testing import make_profile, make_user

from .makers import OUTSIDE, V1, V2, idno, make_holding, make_person

D = dt.date


@pytest.fixture
def committee(db):
    secretary = make_person("王刚", D(1970, 5, 1), 1, phone="13912345678", education="高中")
    make_holding(V1, secretary, start=D(2016, 1, 1))
    make_holding(V1, make_person("李芳", D(1975, 8, 9), 2, male=False), "村委会主任", start=D(2016, 1, 1))
    return secretary


@pytest.fixture
def reader(db):
    return make_user("reader", "640402", "reader")


def get(client, user, name, /, *args, **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), params)


def post(client, user, name, /, *args, **data):
    client.force_login(user)
    return client.post(reverse(name, args=args), data)


# The village committee page


def test_village_page_shows_the_committee_masked_for_county_and_clerk(client, committee, county_user, clerk):
    for user in (county_user, clerk):
        page = get(client, user, "cadres:village", V1).content.decode()
        assert "王刚" in page and "李芳" in page
        assert committee.id_number not in page and "139****5678" in page
        assert reverse("cadres:person", args=[committee.pk]) in page


def test_village_page_as_of_a_date_before_the_holdings_is_empty_but_keeps_history(client, committee, clerk):
    page = get(client, clerk, "cadres:village", V1, as_of="2015-12-31").content.decode()
    assert "该日期没有在任的村“两委”干部" in page and "任职历史" in page and "王刚" in page


def test_outsider_gets_404_on_the_village_page(client, committee, outsider):
    assert get(client, outsider, "cadres:village", V1).status_code == 404


def test_unknown_village_is_404(client, clerk):
    assert get(client, clerk, "cadres:village", "640402103999").status_code == 404


def test_reader_sees_the_page_without_edit_links_and_may_not_act(client, committee, reader):
    page = get(client, reader, "cadres:village", V1).content.decode()
    assert "王刚" in page and reverse("cadres:holding_new", args=[V1]) not in page
    assert get(client, reader, "cadres:holding_new", V1).status_code == 403
    assert (
        post(client, reader, "cadres:weak_new", V1, year=2019, reason="x", flagged_on="2019-03-01").status_code == 403
    )
    assert WeakOrganisation.objects.count() == 0


def test_anonymous_is_sent_to_login(client, committee):
    response = client.get(reverse("cadres:village", args=[V1]))
    assert response.status_code == 302 and "login" in response["Location"]


# Actions through the forms


def person_fields(name="江文", birth=dt.date(1980, 1, 1), serial=21) -> dict:
    return {
        "id_number": idno(birth, serial),
        "name": name,
        "education": "本科",
        "political_status": "中共党员",
        "nationality": "汉族",
        "phone": "",
    }


def test_form_messages_are_chinese_even_for_an_english_browser(client, clerk):
    client.force_login(clerk)
    response = client.post(reverse("cadres:weak_new", args=[V1]), {"year": "1900"}, HTTP_ACCEPT_LANGUAGE="en-US")
    text = response.content.decode()
    assert "此项必填" in text and "应不小于 1949" in text and "This field" not in text


def test_clerk_starts_a_holding_through_the_form(client, clerk):
    assert get(client, clerk, "cadres:holding_new", V2).status_code == 200
    response = post(
        client,
        clerk,
        "cadres:holding_new",
        V2,
        position="党组织委员",
        start="2019-01-01",
        source="本村产生",
        **person_fields(),
    )
    assert response.status_code == 302 and response["Location"] == reverse("cadres:village", args=[V2])
    assert Holding.objects.get().person.name == "江文"


def test_form_errors_are_explained_in_chinese(client, clerk):
    data = person_fields(birth=dt.date(2002, 1, 1))
    response = post(client, clerk, "cadres:holding_new", V2, position="党组织书记", start="2019-01-01", **data)
    assert response.status_code == 200
    assert "任职日期（2019-01-01）时未满18周岁（出生日期 2002-01-01）" in response.content.decode()
    bad = post(client, clerk, "cadres:holding_new", V2, position="党组织书记", start="", **{**data, "id_number": "1"})
    text = bad.content.decode()
    assert "公民身份号码应为18位，实为1位" in text and "此项必填" in text
    assert Holding.objects.count() == 0 and Person.objects.count() == 0


def test_outsider_cannot_open_or_post_the_forms(client, committee, outsider):
    holding = Holding.objects.get(position="党组织书记")
    assert get(client, outsider, "cadres:holding_new", V1).status_code == 404
    assert (
        post(client, outsider, "cadres:holding_end", holding.pk, end="2019-01-01", end_reason="辞职").status_code == 404
    )
    assert post(client, outsider, "cadres:secretary_replace", V1).status_code == 404
    assert post(client, outsider, "cadres:reserve_new", V1).status_code == 404
    holding.refresh_from_db()
    assert holding.end is None


def test_clerk_ends_a_holding(client, committee, clerk):
    holding = Holding.objects.get(position="村委会主任")
    response = post(client, clerk, "cadres:holding_end", holding.pk, end="2019-01-01", end_reason="辞职")
    assert response.status_code == 302
    holding.refresh_from_db()
    assert (holding.end, holding.end_reason) == (D(2019, 1, 1), "辞职")


def test_clerk_replaces_the_secretary_in_one_form(client, committee, clerk):
    page = get(client, clerk, "cadres:secretary_replace", V1).content.decode()
    assert "王刚" in page
    response = post(
        client,
        clerk,
        "cadres:secretary_replace",
        V1,
        end_date="2019-06-07",
        end_reason="调整撤换",
        start="2019-06-08",
        source="回引",
        **person_fields(),
    )
    assert response.status_code == 302
    old = Holding.objects.get(person=committee)
    assert (old.end, old.end_reason) == (D(2019, 6, 7), "调整撤换")
    assert Holding.objects.get(position="党组织书记", end__isnull=True).person.name == "江文"


def test_replacing_where_no_secretary_sits_is_explained(client, clerk):
    page = get(client, clerk, "cadres:secretary_replace", V2).content.decode()
    assert "该村当前没有在任的党组织书记" in page
    response = post(
        client,
        clerk,
        "cadres:secretary_replace",
        V2,
        end_date="2019-06-07",
        end_reason="调整撤换",
        start="2019-06-08",
        **person_fields(),
    )
    assert "该村当前没有在任的党组织书记" in response.content.decode() and Holding.objects.count() == 0


def test_reserve_and_weak_forms(client, committee, clerk):
    post(client, clerk, "cadres:reserve_new", V1, source="大学生村官", chosen_on="2019-02-01", **person_fields())
    candidate = ReserveCandidate.objects.get()
    post(client, clerk, "cadres:reserve_remove", candidate.pk, left_on="2019-12-01")
    candidate.refresh_from_db()
    assert candidate.left_on == D(2019, 12, 1)
    post(client, clerk, "cadres:weak_new", V1, year=2019, reason="班子不团结", flagged_on="2019-03-01")
    weak = WeakOrganisation.objects.get()
    refused = post(client, clerk, "cadres:weak_close", weak.pk, closed_on="2019-10-01")
    assert "尚未记录整顿措施，不能整顿销号" in refused.content.decode()
    post(client, clerk, "cadres:step_new", weak.pk, date="2019-04-01", description="调整班子")
    post(client, clerk, "cadres:weak_close", weak.pk, closed_on="2019-10-01")
    weak.refresh_from_db()
    assert weak.closed_on == D(2019, 10, 1)
    page = get(client, clerk, "cadres:village", V1).content.decode()
    assert "调整班子" in page and "已销号" in page


# The person page and revealing numbers


def test_person_page_for_county_and_clerk(client, committee, county_user, clerk):
    for user in (county_user, clerk):
        page = get(client, user, "cadres:person", committee.pk).content.decode()
        assert "王刚" in page and "党组织书记" in page and committee.id_number not in page


def test_outsider_gets_404_on_the_person_page_and_reveal(client, committee, outsider):
    assert get(client, outsider, "cadres:person", committee.pk).status_code == 404
    outsider.can_reveal = True
    outsider.save()
    assert post(client, outsider, "cadres:person_reveal", committee.pk).status_code == 404
    assert not AuditLog.objects.filter(action="查看身份证号").exists()


def test_a_person_with_holdings_only_elsewhere_is_404(client, clerk):
    elsewhere = make_person("外县人", D(1970, 1, 1), 30)
    make_holding(OUTSIDE, elsewhere)
    assert get(client, clerk, "cadres:person", elsewhere.pk).status_code == 404


def test_a_person_of_another_township_is_404_for_the_clerk_but_not_the_county(client, county_user, clerk):
    other = make_person("东塬人", D(1970, 1, 1), 31)
    make_holding("640402100200", other)
    assert get(client, clerk, "cadres:person", other.pk).status_code == 404
    assert get(client, county_user, "cadres:person", other.pk).status_code == 200


def test_reveal_without_the_right_is_403(client, committee, clerk):
    assert post(client, clerk, "cadres:person_reveal", committee.pk).status_code == 403
    assert not AuditLog.objects.filter(action="查看身份证号").exists()


def test_reveal_with_the_right_shows_the_numbers_and_is_audited(client, committee):
    revealer = make_user("revealer", "640402", "reviewer", can_reveal=True)
    page = get(client, revealer, "cadres:person", committee.pk).content.decode()
    assert committee.id_number not in page and "查看完整号码" in page
    shown = post(client, revealer, "cadres:person_reveal", committee.pk).content.decode()
    assert committee.id_number in shown and "13912345678" in shown
    log = AuditLog.objects.get(action="查看身份证号")
    assert (log.actor, log.entity_id) == (revealer, str(committee.pk))


def test_reveal_is_post_only(client, committee):
    revealer = make_user("revealer", "640402", "reviewer", can_reveal=True)
    assert get(client, revealer, "cadres:person_reveal", committee.pk).status_code == 405


def test_rename_through_the_edit_page_is_audited(client, committee, clerk):
    data = {"name": "王钢", "education": "高中", "political_status": "", "nationality": "", "phone": ""}
    assert post(client, clerk, "cadres:person_edit", committee.pk, **data).status_code == 302
    committee.refresh_from_db()
    assert committee.name == "王钢"
    assert AuditLog.objects.get(action="修改", entity="person").after == {"name": "王钢"}


def test_outsider_cannot_edit_a_person(client, committee, outsider):
    assert post(client, outsider, "cadres:person_edit", committee.pk, name="x").status_code == 404


# Node lists: warnings, reserves, weak


@pytest.fixture
def vacancy(db):
    make_holding(
        V2, make_person("老书记", D(1955, 1, 1), 40), start=D(2010, 1, 1), end=D(2019, 1, 31), end_reason="退休"
    )


def test_warnings_list_links_the_empty_seat_villages(client, vacancy, county_user, clerk):
    for user in (county_user, clerk):
        page = get(client, user, "cadres:warnings", code="640402103", as_of="2019-10-31").content.decode()
        assert f'href="{reverse("cadres:village", args=[V2])}"' in page and "2019-01-31" in page
        assert "无书记记录的村" in page


def test_warnings_list_probationary_members_due_for_conversion(client, clerk, outsider):
    from liangdai.party.models import DevelopmentRecord

    due = make_person("白玉兰", D(1985, 1, 1), 41)
    late = make_person("黄河清", D(1985, 1, 1), 42)
    recent = make_person("田小禾", D(1985, 1, 1), 43)
    converted = make_person("石大山", D(1985, 1, 1), 44)
    for person, day in [
        (due, D(2018, 9, 1)),
        (late, D(2017, 6, 1)),
        (recent, D(2019, 1, 1)),
        (converted, D(2018, 1, 1)),
    ]:
        DevelopmentRecord.objects.create(person=person, village_id=V1, stage="预备党员", date=day)
    DevelopmentRecord.objects.create(person=converted, village_id=V1, stage="正式党员", date=D(2019, 1, 2))
    page = get(client, clerk, "cadres:warnings", code="640402103", as_of="2019-10-31").content.decode()
    table = page[page.index('id="conversion-due"') :]
    # A year of probation has passed for 白玉兰 (due 2019-09-01) and, past the extra year, 黄河清.
    assert "白玉兰" in table and "2019-09-01" in table and "黄河清" in table and "逾期</span>" in table
    assert "田小禾" not in table and "石大山" not in table
    outsider_page = get(client, outsider, "cadres:warnings", as_of="2019-10-31").content.decode()
    assert "白玉兰" not in outsider_page and "黄河清" not in outsider_page


def test_warnings_default_to_the_users_area(client, vacancy, clerk, outsider):
    assert "后川村委会" in get(client, clerk, "cadres:warnings", as_of="2019-10-31").content.decode()
    page = get(client, outsider, "cadres:warnings", as_of="2019-10-31").content.decode()
    assert "后川村委会" not in page and "640402" not in page


def test_outsider_gets_404_on_the_warnings_reserves_and_weak_of_the_area(client, vacancy, outsider):
    assert get(client, outsider, "cadres:warnings", code="640402103").status_code == 404
    assert get(client, outsider, "cadres:reserves", "640402103").status_code == 404
    assert get(client, outsider, "cadres:weak", "640402103").status_code == 404


def test_reserves_page_lists_poor_villages_without_reserve(client, clerk, county_user):
    make_profile(V1, is_poor=True)
    make_profile(V2, is_poor=True)
    ReserveCandidate.objects.create(village_id=V1, person=make_person(), source="大学生村官", chosen_on=D(2019, 1, 1))
    for user in (county_user, clerk):
        page = get(client, user, "cadres:reserves", "640402103", as_of="2019-10-31").content.decode()
        lacking = page.split('id="lacking"')[1].split("</ul>")[0]
        assert "后川村委会" in lacking and "官厅村委会" not in lacking
        assert "张三" in page
    early = get(client, clerk, "cadres:reserves", "640402103", as_of="2018-12-31").content.decode()
    assert "官厅村委会" in early.split('id="lacking"')[1].split("</ul>")[0]


def test_weak_page_lists_the_year(client, clerk):
    weak = WeakOrganisation.objects.create(village_id=V1, year=2019, reason="班子不团结", flagged_on=D(2019, 3, 1))
    weak.steps.create(date=D(2019, 4, 1), description="调整班子")
    page = get(client, clerk, "cadres:weak", "640402103", as_of="2019-10-31").content.decode()
    assert "班子不团结" in page and "调整班子" in page
    assert "班子不团结" not in get(client, clerk, "cadres:weak", "640402103", as_of="2020-10-31").content.decode()


# The node page panel


def test_node_panel_renders_the_charts_for_the_node(committee, county_user, outsider):
    from django.template.loader import render_to_string

    from liangdai.core.errors import NotFound
    from liangdai.core.plugins import NODE_PANELS, render_panels
    from liangdai.indicators.registry import Query

    def panels(actor, query):
        return render_panels(NODE_PANELS, actor, query)

    query = Query.of("640402103", D(2019, 10, 31))
    [(template, context)] = [p for p in panels(county_user, query) if p[0] == "cadres/node_panel.html"]
    assert context["charts"]["age"]["secretaries"] == [0, 0, 1, 0, 0]  # 王刚 is 49 on the date: 45-54
    html = render_to_string(template, {"panel": context})
    assert "cadres-age-chart" in html and reverse("cadres:reserves", args=["640402103"]) in html
    with pytest.raises(NotFound):
        panels(outsider, query)


def test_one_shoulder_is_marked_on_the_village_page(client, clerk):
    both = make_person("海成", D(1972, 2, 2), 50)
    make_holding(V2, both, start=D(2017, 1, 1))
    make_holding(V2, both, "村委会主任", start=D(2017, 1, 1))
    assert "一肩挑" in get(client, clerk, "cadres:village", V2).content.decode()
    assert "一肩挑" not in get(client, clerk, "cadres:village", V1).content.decode()

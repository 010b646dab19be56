"""A person's yearly grades on their page (the person's story): those of the years they held a
position in the reader's area, as the 个人考核 export shows them."""

import datetime as dt

from django.urls import reverse

from liangdai.leaders.tests.makers import OUTSIDE, V1, make_appraisal, make_holding, make_person


def _appraisals(client, user, person) -> str:
    client.force_login(user)
    html = client.get(reverse("cadres:person", args=[person.pk])).content.decode()
    return html[html.index('id="person-appraisals"') :]


def test_the_person_page_shows_the_grades_of_the_years_held_in_the_area(client, clerk, county_user, outsider):
    person = make_person("王刚")
    make_holding(OUTSIDE, person, "村委会委员", start=dt.date(2014, 1, 1), end=dt.date(2016, 12, 31))
    make_holding(V1, person, "党组织书记", start=dt.date(2018, 1, 1))
    make_appraisal(person, 2016, "基本称职")
    make_appraisal(person, 2018, "称职")
    make_appraisal(person, 2019, "优秀")
    ours = _appraisals(client, clerk, person)
    assert ours.index("2019") < ours.index("2018") and "优秀" in ours and "称职" in ours
    assert "2016" not in ours and "基本称职" not in ours
    assert "2019" in _appraisals(client, county_user, person)
    theirs = _appraisals(client, outsider, person)
    assert "基本称职" in theirs and "优秀" not in theirs


def test_a_person_without_appraisal_says_so(client, clerk):
    person = make_person("王刚")
    make_holding(V1, person, "党组织书记")
    assert "无考核记录" in _appraisals(client, clerk, person)

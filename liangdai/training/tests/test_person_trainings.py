"""A person's trainings on their page (the person's story), for whoever may see the person."""

import datetime as dt

from django.urls import reverse

from liangdai.leaders.tests.makers import V1, make_class, make_enrolment, make_holding, make_person


def test_the_person_page_shows_every_training_of_the_person(client, clerk, outsider):
    person = make_person("王刚")
    make_holding(V1, person, "党组织书记")
    days = {"start": dt.date(2019, 5, 6), "end": dt.date(2019, 5, 10)}
    demo = make_class("示范培训班", level="自治区", base="固原基地", is_demo=True, **days)
    make_enrolment(demo, person)
    county = make_class("县级轮训班", level="县", start=dt.date(2018, 3, 1), end=dt.date(2018, 3, 5))
    make_enrolment(county, person, completed=False)
    other = make_class("别人的班", start=dt.date(2019, 6, 1), end=dt.date(2019, 6, 2))
    make_enrolment(other, make_person("李四", serial=2))
    client.force_login(clerk)
    html = client.get(reverse("cadres:person", args=[person.pk])).content.decode()
    section = html[html.index('id="person-trainings"') :]
    assert section.index("示范培训班") < section.index("县级轮训班")  # the latest first
    assert "固原基地" in section and "2019-05-06" in section and "2019-05-10" in section and "自治区" in section
    assert "<td>否</td>" in section and "别人的班" not in section
    client.force_login(outsider)
    assert client.get(reverse("cadres:person", args=[person.pk])).status_code == 404


def test_a_person_without_training_says_so(client, clerk):
    person = make_person("王刚")
    make_holding(V1, person, "党组织书记")
    client.force_login(clerk)
    assert "无培训记录" in client.get(reverse("cadres:person", args=[person.pk])).content.decode()

"""The training pages: who sees what (the personas and the outsider), creating a class at the
user's level, enrolling by search and by pasted numbers (every bad line named, nothing written),
completion, full coverage and its export, the bases, and the panels of the node and warnings pages."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from liangdai.audit.models import AuditLog
from liangdai.core.testing import make_user
from liangdai.leaders.tests.makers import (
    OTHER_TOWNSHIP,
    OUTSIDE,
    V1,
    V2,
    idno,
    make_class,
    make_enrolment,
    make_holding,
    make_person,
)
from liangdai.training.models import Enrolment, TrainingBase, TrainingClass

TOWNSHIP, COUNTY = "640402103", "640402"
D, F = dt.date(2019, 10, 31), dt.date(2019, 1, 1)
PERIOD = {"from": F.isoformat(), "as_of": D.isoformat()}


@pytest.fixture
def people(db):
    """Secretaries of V1 and V2 (the clerk's township), of another township, and of 彭阳县; a
    committee member of V1."""
    found = {}
    for serial, (name, village, position) in enumerate(
        [("王一", V1, "党组织书记"), ("王二", V2, "党组织书记"), ("李三", OTHER_TOWNSHIP, "党组织书记"),
         ("赵四", OUTSIDE, "党组织书记"), ("王五", V1, "村委会委员")], start=1,
    ):  # fmt: skip
        found[name] = make_person(name, serial=serial)
        make_holding(village, found[name], position)
    return found


@pytest.fixture
def county_class(people):
    """A 县 class held by 原州区, with 王一 of the clerk's township and 李三 of another."""
    c = make_class("原州区书记轮训班", "县", dt.date(2019, 4, 1), dt.date(2019, 4, 5), division_id=COUNTY)
    make_enrolment(c, people["王一"])
    make_enrolment(c, people["李三"])
    return c


def pages(c) -> list[str]:
    urls = [reverse(f"training:{n}", args=[c.pk]) for n in ("class", "enrol")]
    for code in (COUNTY, TOWNSHIP):
        urls += [reverse(f"training:{n}", args=[code]) for n in ("classes", "coverage", "coverage_export", "plan")]
        urls += [reverse("training:bases", args=[code])]
    return urls


def text(response) -> str:
    if response.content.startswith(b"PK\x03\x04"):
        book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        rows = [row for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python()]
        return "\n".join(str(cell) for row in rows for cell in row)
    return response.content.decode()


# --- who sees what ----------------------------------------------------------------------------


def test_the_county_and_the_clerk_see_the_pages_and_the_outsider_gets_404(client, county_user, clerk, outsider,
                                                                           county_class):  # fmt: skip
    client.force_login(county_user)
    for url in pages(county_class) + [reverse("training:class_new", args=[COUNTY])]:
        assert client.get(url, PERIOD).status_code == 200, url
    client.force_login(clerk)
    for url in pages(county_class)[:2]:  # the class has a trainee of the clerk's
        assert client.get(url).status_code == 200, url
    for name in ("classes", "coverage", "coverage_export", "plan", "bases", "class_new"):
        assert client.get(reverse(f"training:{name}", args=[COUNTY])).status_code == 404, name
    client.force_login(outsider)
    for url in pages(county_class) + [reverse("training:class_new", args=[COUNTY])]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("training:completion", args=[county_class.pk]), {}).status_code == 404


def test_the_class_page_shows_only_the_trainees_in_sight_masked(client, clerk, county_user, county_class, people):
    client.force_login(clerk)
    page = client.get(reverse("training:class", args=[county_class.pk])).content.decode()
    assert "王一" in page and "李三" not in page and "另有 1 人不在您的管辖范围" in page
    assert people["王一"].id_number not in page and people["王一"].id_number[-4:] in page


def test_a_reader_sees_the_class_but_may_not_write(client, county_class, people):
    reader = make_user("reader", COUNTY, "reader")
    client.force_login(reader)
    assert client.get(reverse("training:class", args=[county_class.pk])).status_code == 200
    for url in (reverse("training:enrol", args=[county_class.pk]), reverse("training:class_new", args=[COUNTY])):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("training:plan", args=[COUNTY]), {"region": 1}).status_code == 403


# --- classes ------------------------------------------------------------------------------------


def class_form(**change) -> dict:
    return {"name": "书记培训班", "base": "", "start": "2019-05-06", "end": "2019-05-08", "subject": "政策"} | change


def test_a_class_takes_the_level_of_the_division_that_holds_it(client, county_user, clerk):
    client.force_login(county_user)
    response = client.post(reverse("training:class_new", args=[COUNTY]), class_form())
    county = TrainingClass.objects.get()
    assert response.status_code == 302 and response.url == reverse("training:class", args=[county.pk])
    assert (county.level, county.division_id, county.subject) == ("县", COUNTY, "政策")
    assert AuditLog.objects.get(entity="training_class").code == COUNTY
    client.force_login(clerk)
    assert client.get(reverse("training:class_new", args=[COUNTY])).status_code == 404  # not the clerk's county
    client.post(reverse("training:class_new", args=[TOWNSHIP]), class_form(name="乡镇培训班"))
    assert TrainingClass.objects.get(name="乡镇培训班").level == "乡镇"
    page = client.get(reverse("training:classes", args=[TOWNSHIP]), PERIOD).content.decode()
    assert "乡镇培训班" in page and "书记培训班" not in page  # the county's class has no trainee here


def test_a_class_ending_before_it_starts_is_refused_next_to_its_end(client, county_user):
    client.force_login(county_user)
    response = client.post(reverse("training:class_new", args=[COUNTY]), class_form(end="2019-05-01"))
    assert response.status_code == 200
    assert response.context["form"].errors["end"] == ["结束日期（2019-05-01）不能早于开始日期（2019-05-06）"]
    assert not TrainingClass.objects.exists()


def test_a_demonstration_class_is_refused_below_the_region(client, county_user):
    client.force_login(county_user)
    response = client.post(reverse("training:class_new", args=[COUNTY]), class_form(is_demo="on"))
    assert response.context["form"].errors["is_demo"] == ["示范班须为自治区举办的培训班"]
    assert not TrainingClass.objects.exists()


def test_the_class_list_filters_by_level_and_base(client, county_user, county_class, people):
    other = make_class("市级班", "市", dt.date(2019, 6, 1), dt.date(2019, 6, 3), base="固原市委党校")
    make_enrolment(other, people["王二"])
    client.force_login(county_user)
    url = reverse("training:classes", args=[COUNTY])
    assert [r.training_class for r in client.get(url, PERIOD).context["rows"]] == [other, county_class]
    assert [r.training_class for r in client.get(url, PERIOD | {"level": "市"}).context["rows"]] == [other]
    assert [r.training_class for r in client.get(url, PERIOD | {"base": "固原市委党校"}).context["rows"]] == [other]
    row = client.get(url, PERIOD | {"level": "县"}).context["rows"][0]
    assert (row.trainees, row.completed) == (2, 2)
    make_enrolment(county_class, people["赵四"])  # of 彭阳县: not a trainee of 原州区
    row = client.get(url, PERIOD | {"level": "县"}).context["rows"][0]
    assert (row.trainees, row.completed) == (2, 2)


# --- enrolment ----------------------------------------------------------------------------------


def test_enrol_by_search_then_by_pasted_numbers(client, county_user, county_class, people):
    client.force_login(county_user)
    url = reverse("training:enrol", args=[county_class.pk])
    found = client.get(url, {"q": "王"}).context["candidates"]
    assert [p.name for p in found] == ["王二", "王五"]  # 王一 is in the class already
    assert client.post(url, {"action": "person", "person": people["王二"].pk}).status_code == 302
    pasted = f"{people['王五'].id_number} 王五\n\n"
    assert client.post(url, {"action": "paste", "numbers": pasted}).status_code == 302
    assert set(Enrolment.objects.filter(training_class=county_class).values_list("person__name", flat=True)) == {
        "王一", "王二", "王五", "李三"}  # fmt: skip
    assert AuditLog.objects.filter(entity="enrolment", action="新增学员").count() == 2


def test_every_bad_pasted_line_is_named_and_nothing_is_written(client, county_user, people):
    township_class = make_class("官厅镇书记班", "乡镇", dt.date(2019, 5, 1), dt.date(2019, 5, 2), division_id=TOWNSHIP)
    make_enrolment(township_class, people["王二"])
    client.force_login(county_user)
    lines = [
        people["王一"].id_number,  # fine
        "6404021970",  # too short
        idno(dt.date(1990, 1, 1), 77),  # valid, not on record
        f"{people['王五'].id_number} 王六",  # a name not the one on record
        people["李三"].id_number,  # another township: outside the organiser's reach
        people["王一"].id_number.lower(),  # the first line again
        people["王二"].id_number,  # in the class already
        people["赵四"].id_number,  # 彭阳县: not in sight
    ]
    url = reverse("training:enrol", args=[township_class.pk])
    response = client.post(url, {"action": "paste", "numbers": "\n".join(lines)})
    assert response.status_code == 200
    assert response.context["paste"].errors["numbers"] == [
        "第2行：公民身份号码应为18位，实为10位",
        "第3行：学员须为系统中（您管辖范围内）已有的人员，请先在村干部或致富带头人表中录入",
        "第4行：姓名“王六”与该公民身份号码登记的姓名“王五”不一致：一个号码只对应一个人",
        "第5行：李三不在举办单位官厅镇的范围内",
        "第6行：与第1行是同一公民身份号码",
        "第7行：王二已是该培训班的学员",
        "第8行：学员须为系统中（您管辖范围内）已有的人员，请先在村干部或致富带头人表中录入",
    ]
    assert list(Enrolment.objects.values_list("person__name", flat=True)) == ["王二"]
    assert not AuditLog.objects.filter(entity="enrolment").exists()
    assert client.post(url, {"action": "paste", "numbers": " \n"}).context["paste"].errors["numbers"] == [
        "请粘贴学员的公民身份号码，每行一个（可在号码后空一格写姓名）"
    ]


def test_the_search_keeps_to_the_organisers_area(client, county_user, people):
    township_class = make_class("官厅镇书记班", "乡镇", dt.date(2019, 5, 1), dt.date(2019, 5, 2), division_id=TOWNSHIP)
    client.force_login(county_user)
    url = reverse("training:enrol", args=[township_class.pk])
    assert [p.name for p in client.get(url, {"q": "李"}).context["candidates"]] == []
    response = client.post(url, {"action": "person", "person": people["李三"].pk})
    assert response.context["errors"] == ["李三不在举办单位官厅镇的范围内"]
    assert not Enrolment.objects.exists()


def test_completion_is_saved_for_the_trainees_shown(client, clerk, county_class, people):
    make_enrolment(county_class, people["王二"], completed=False)
    first = Enrolment.objects.get(person=people["王一"])
    second = Enrolment.objects.get(person=people["王二"])
    outside = Enrolment.objects.get(person=people["李三"])
    client.force_login(clerk)
    data = {"shown": [first.pk, second.pk, outside.pk], "completed": [second.pk]}
    assert client.post(reverse("training:completion", args=[county_class.pk]), data).status_code == 302
    completed = dict(Enrolment.objects.values_list("person__name", "completed"))
    assert completed == {"王一": False, "王二": True, "李三": True}  # 李三 is out of the clerk's sight


# --- full coverage ------------------------------------------------------------------------------


def test_coverage_lists_who_is_not_trained_as_the_figures_count(client, clerk, people):
    ended = dict(start=dt.date(2019, 10, 29))
    make_enrolment(make_class("乡镇班", "乡镇", end=dt.date(2019, 10, 31), **ended), people["王一"])
    make_enrolment(make_class("次日结束", "县", end=D + dt.timedelta(days=1), **ended), people["王二"])
    make_enrolment(make_class("未结业", "县", end=dt.date(2019, 10, 30), **ended), people["王五"], completed=False)
    client.force_login(clerk)
    response = client.get(reverse("training:coverage", args=[TOWNSHIP]), PERIOD)
    cov = response.context["cov"]
    assert [u.person.name for u in cov.secretaries] == ["王二"]  # a 乡镇 class covers; the next day's does not
    assert [u.person.name for u in cov.cadres] == ["王五", "王二"]  # V1's member first; not completed: not trained
    assert cov.figures["secretaries_untrained"][1] == 1 and cov.figures["secretary_training_share"][1] == 50.0
    page = response.content.decode()
    assert reverse("cadres:person", args=[people["王二"].pk]) in page and people["王二"].id_number not in page


def test_the_coverage_export_is_masked_and_audited(client, county_user, people):
    client.force_login(county_user)
    response = client.get(reverse("training:coverage_export", args=[COUNTY]), PERIOD)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    body = text(response)
    assert "王一" in body and "李三" in body and "赵四" not in body
    assert all(p.id_number not in body for p in people.values())
    assert people["王一"].id_number[-4:] in body
    assert AuditLog.objects.get(entity="export").action == "导出"


# --- bases --------------------------------------------------------------------------------------


def test_the_county_keeps_its_bases_and_the_clerk_may_not(client, county_user, clerk, outsider):
    client.force_login(county_user)
    url = reverse("training:base_new", args=[COUNTY])
    assert client.post(url, {"name": "原州区党校", "county": COUNTY, "is_demo": "on"}).status_code == 302
    base = TrainingBase.objects.get()
    assert (base.county_id, base.is_demo) == (COUNTY, True)
    again = client.post(url, {"name": "原州区党校", "county": COUNTY})
    assert again.context["form"].errors["name"] == ["培训基地“原州区党校”已登记"]
    edit = reverse("training:base_edit", args=[base.pk])
    assert client.post(edit, {"name": "原州区委党校", "county": COUNTY}).status_code == 302
    assert TrainingBase.objects.get().name == "原州区委党校"
    assert "原州区委党校" in client.get(reverse("training:class_new", args=[COUNTY])).content.decode()
    client.force_login(clerk)
    assert client.get(reverse("training:base_new", args=[TOWNSHIP])).status_code == 403
    assert client.get(edit).status_code == 404
    client.force_login(outsider)
    assert client.get(edit).status_code == 404
    assert client.get(reverse("training:bases", args=[COUNTY])).status_code == 404


# --- panels -------------------------------------------------------------------------------------


def test_the_node_page_has_the_training_panel_with_its_links_and_chart(client, county_user, county_class):
    client.force_login(county_user)
    page = client.get(reverse("reports:node", args=[COUNTY]), {"as_of": D.isoformat()}).content.decode()
    assert 'id="training-panel"' in page and 'id="training-chart-data"' in page
    for name in ("classes", "coverage", "plan", "bases"):
        assert reverse(f"training:{name}", args=[COUNTY]) in page
    assert 'data-indicator="secretary_training_share"' in page
    assert "training/node_panel.js" in page and "<script>" not in page


def test_the_warning_shows_late_in_the_year_when_coverage_is_short(client, county_user, people):
    client.force_login(county_user)
    url = reverse("cadres:warnings")
    late = client.get(url, {"code": COUNTY, "as_of": "2019-10-31"}).content.decode()
    assert 'id="training-warning"' in late and "低于计划的 75.0%" in late
    early = client.get(url, {"code": COUNTY, "as_of": "2019-09-30"}).content.decode()
    assert 'id="training-warning"' not in early  # three quarters of the year not yet gone
    for person in ("王一", "王二"):
        make_enrolment(make_class(f"{person}班", "县", dt.date(2019, 3, 1), dt.date(2019, 3, 2)), people[person])
    covered = client.get(url, {"code": COUNTY, "as_of": "2019-10-31"}).content.decode()
    assert 'id="training-warning"' in covered  # 2 of 3 secretaries: 66.7% < 75%
    make_enrolment(make_class("李三班", "县", dt.date(2019, 3, 1), dt.date(2019, 3, 2)), people["李三"])
    assert 'id="training-warning"' not in client.get(url, {"code": COUNTY, "as_of": "2019-10-31"}).content.decode()

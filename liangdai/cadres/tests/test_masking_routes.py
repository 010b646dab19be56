"""No page, API answer or export shows a full identity or phone number to a user without the right
to reveal it (DESIGN.md, security model): every route is walked as the township clerk and the
county reviewer over a small dataset written through the services and an import, and the audit
log as the audit administrator. A user with the right still reads them where they are revealed."""

import datetime as dt
import io
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from docx import Document
from python_calamine import CalamineWorkbook

from liangdai.assessment.services import appraisal_save, star_rating_save
from liangdai.cadres import services
from liangdai.cadres.models import Holding, Person, ReserveCandidate, WeakOrganisation
from liangdai.core.testing import make_profile, make_user, make_workbook
from liangdai.exchange.models import ImportRecord
from liangdai.exchange.pipeline import import_workbook
from liangdai.leaders import services as leader_services
from liangdai.leaders.models import WealthLeader
from liangdai.org.services import system_actor
from liangdai.reports.briefing import DOCX
from liangdai.training import coverage as training_coverage
from liangdai.training import services as training_services
from liangdai.training.models import TrainingBase, TrainingClass

from .makers import V1, V2, idno

D = dt.date
TOWNSHIP, COUNTY = "640402103", "640402"
HEADER = ["姓名", "公民身份号码", "性别", "民族", "学历", "政治面貌", "联系电话"]
HEADER += ["村代码", "职务", "任职日期", "任职来源", "离任日期", "离任原因"]

# name -> (identity number, phone); "王刚" changes his phone later, to NEW_PHONE.
PEOPLE = {
    "王刚": (idno(D(1970, 5, 1), 1), "13912345678"),
    "李芳": (idno(D(1975, 8, 9), 2, male=False), "13800001111"),
    "赵强": (idno(D(1990, 3, 3), 3), "15022223333"),
    "马丽": (idno(D(1968, 2, 2), 4, male=False), "18644445555"),
    "周平": (idno(D(1980, 9, 9), 5), "13366667777"),
    "吴静": (idno(D(1985, 4, 4), 6, male=False), "17788889999"),
    "郑勇": (idno(D(1979, 7, 7), 7), "15100002222"),
}
NEW_PHONE = "13987654321"
SECRETS = [value for pair in PEOPLE.values() for value in pair] + [NEW_PHONE]

# Routes left out of the walk, each for its reason; a new route must be walked or listed here.
NOT_WALKED = {
    "login", "logout", "set_language",  # no data
    *(f"org:{n}" for n in ("users", "user_new", "user_edit", "user_active", "user_password", "permissions")),
    "org:user_role", "org:user_reveal", "org:user_second_factor",  # the system and security administrators' pages
    "second_factor", "second_factor_settings",  # one's own authenticator: no record data
    "audit:list",  # the audit administrator's: walked below as that user
    "cadres:person_reveal", "villages:spending_delete", "exchange:commit", "training:completion",  # POST only
    "assessment:approval_action", "api:approval_action",  # POST only
}  # fmt: skip
ASSESSED = ("scores", "appraisals", "board")  # the assessment pages of a node and a year


def _person(name: str) -> dict:
    number, phone = PEOPLE[name]
    return {"id_number": number, "name": name, "education": "高中", "political_status": "中共党员", "phone": phone}


def _import_row(name: str, position: str) -> list:
    number, phone = PEOPLE[name]
    return [name, number, None, "回族", "大专", "群众", phone, V2, position, D(2018, 1, 1), "本村产生", None, None]


@pytest.fixture
def dataset(clerk):
    """Persons with numbers and phones in holdings, a secretary replaced, a reserve, a weak
    organisation, a phone changed, and persons imported: each writes its audit rows."""
    make_profile(V1)
    services.holding_start(actor=clerk, village=V1, person=_person("王刚"), position="党组织书记", start=D(2016, 1, 1))
    services.holding_start(actor=clerk, village=V1, person=_person("李芳"), position="村委会主任", start=D(2016, 1, 1))
    services.reserve_add(actor=clerk, village=V1, person=_person("赵强"), source="返乡人员", chosen_on=D(2020, 1, 1))
    old = services.holding_start(
        actor=clerk, village=V2, person=_person("马丽"), position="党组织书记", start=D(2015, 1, 1)
    )
    services.secretary_replace(
        actor=clerk,
        village=V2,
        old_holding=old,
        end_date=D(2019, 6, 30),
        end_reason="调整撤换",
        new_person=_person("周平"),
        start=D(2019, 7, 1),
    )
    weak = services.weak_flag(actor=clerk, village=V1, year=2019, reason="班子不团结", flagged_on=D(2019, 3, 1))
    services.rectification_add(actor=clerk, weak=weak, date=D(2019, 4, 1), description="调整班子")
    services.person_save(actor=clerk, **{**_person("王刚"), "phone": NEW_PHONE})
    leader = leader_services.wealth_leader_save(  # a wealth leader with a support: the leaders pages
        actor=clerk, person=_person("赵强"), village=V1, industry="种植业", income=5, households=3, people=9,
        source="回引", recognised_on=D(2020, 2, 1),
    )  # fmt: skip
    leader_services.support_add(actor=clerk, leader=leader, kind="培训", date=D(2020, 5, 1))
    training_class = training_services.training_class_create(  # a class, a base and a plan: the training pages
        actor=clerk, organiser=TOWNSHIP, name="书记培训班", start=D(2020, 5, 1), end=D(2020, 5, 3)
    )
    training_services.enrolment_add(actor=clerk, training_class=training_class, person=Person.objects.get(name="王刚"))
    TrainingBase.objects.create(name="原州区党校", county_id=COUNTY)
    day = D(2020, 6, 1)
    counts = training_coverage.proposal(system_actor(), COUNTY, 2020, day).counts
    training_services.rotation_plan_save(actor=system_actor(), code=COUNTY, year=2020, counts=counts, today=day)
    rows = [_import_row("吴静", "村委会委员"), _import_row("郑勇", "村务监督委员会主任")]
    result = import_workbook(
        data=make_workbook({"村干部": [HEADER, *rows]}), filename="cadres.xlsx", actor=clerk, commit=True
    )
    assert result.ok, result.errors
    assert Person.objects.count() == len(PEOPLE)
    star_rating_save(actor=clerk, village=V1, year=2019, score=85)  # a rating and a grade: the assessment pages
    appraisal_save(actor=clerk, person=Person.objects.get(name="王刚"), year=2019, grade="优秀")


def _route_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
            names |= _route_names(p, inner)
        elif isinstance(p, URLPattern) and p.name:
            names.add(namespace + p.name)
    return names


def _urls() -> list[str]:
    """Every page of the dataset for a data user: nodes, villages, committees, persons, forms, lists."""
    holdings = list(Holding.objects.values_list("pk", flat=True))
    reserves = list(ReserveCandidate.objects.values_list("pk", flat=True))
    weak = list(WeakOrganisation.objects.values_list("pk", flat=True))
    persons = list(Person.objects.values_list("pk", flat=True))
    imports = list(ImportRecord.objects.values_list("pk", flat=True))
    urls = [reverse("reports:home"), reverse("reports:search") + "?q=王", reverse("api:api-root")]
    urls += [reverse("api:openapi-json"), reverse("api:openapi-view")]
    urls += [reverse("api:indicators") + f"?code={code}" for code in (COUNTY, TOWNSHIP, V1)]
    urls += [reverse("api:division", args=[code]) for code in (COUNTY, TOWNSHIP, V1)]
    urls += [reverse("api:village", args=[code]) for code in (V1, V2)]
    for code in (COUNTY, TOWNSHIP):
        urls += [reverse("reports:node", args=[code]), reverse("cadres:reserves", args=[code])]
        urls += [reverse("reports:briefing", args=[code]) + "?as_of=2020-06-01"]  # the Word briefing
        urls += [reverse("reports:figure_table", args=[code]) + "?as_of=2020-06-01"]  # the figure table (.xlsx)
        urls += [reverse("cadres:weak", args=[code]), reverse("cadres:warnings") + f"?code={code}"]
        urls += [reverse("cadres:warnings_export") + f"?code={code}"]  # the warnings page (.xlsx)
        urls += [reverse("party:cultivation", args=[code])]  # the funnel, and each step's persons:
        urls += [reverse("party:cultivation_people", args=[code, s]) for s in ("leaders", "members", "cadres")]
    for code in (V1, V2):
        urls.append(reverse("reports:node", args=[code]))
        for name in ("detail", "history", "profile_edit", "income_edit", "venue_edit", "spending_add"):
            urls.append(reverse(f"villages:{name}", args=[code]))
        for name in ("village", "holding_new", "secretary_replace", "reserve_new", "weak_new"):
            urls.append(reverse(f"cadres:{name}", args=[code]))
    urls += [reverse("villages:spending_edit", args=[V1, 1])]
    urls += [reverse("cadres:holding_end", args=[pk]) for pk in holdings]
    urls += [reverse("cadres:reserve_remove", args=[pk]) for pk in reserves]
    urls += [reverse(name, args=[pk]) for pk in weak for name in ("cadres:step_new", "cadres:weak_close")]
    person_pages = ("cadres:person", "cadres:person_edit", "cadres:person_history")
    urls += [reverse(name, args=[pk]) for pk in persons for name in person_pages]
    urls += [reverse("party:stage_new", args=[pk]) for pk in persons]  # the development path's form
    urls += [reverse(f"party:{n}", args=[code]) for code in (COUNTY, TOWNSHIP, V1) for n in ("due", "applicant_new")]
    leaders = list(WealthLeader.objects.values_list("pk", flat=True))
    urls += [reverse(f"leaders:{n}", args=[pk]) for pk in leaders for n in ("detail", "edit", "end", "support_new")]
    urls += [reverse(f"leaders:{n}", args=[c]) for c in (COUNTY, TOWNSHIP, V1) for n in ("list", "export", "register")]
    urls += [reverse("leaders:list", args=[TOWNSHIP]) + "?status=all", reverse("api:leaders") + f"?code={TOWNSHIP}"]
    urls += [reverse("exchange:errors", args=[pk]) for pk in imports]
    urls += [reverse(f"exchange:{name}") for name in ("import", "history", "template", "export")]
    urls += [reverse(f"rules:{name}") for name in ("list", "fund_tiers", "star_thresholds", "bonus_factors")]
    urls += [reverse(f"rules:{name}") for name in ("rubric", "leader_tiers", "training_ratio")]
    classes = list(TrainingClass.objects.values_list("pk", flat=True))
    urls += [reverse(f"training:{n}", args=[pk]) for pk in classes for n in ("class", "enrol")]
    names = ("classes", "class_new", "coverage", "coverage_export", "plan", "plan_export", "bases", "base_new")
    urls += [reverse(f"training:{n}", args=[c]) + "?year=2020&from=2020-01-01" for c in (COUNTY, TOWNSHIP)
             for n in names]  # fmt: skip
    urls += [reverse("training:base_edit", args=[pk]) for pk in TrainingBase.objects.values_list("pk", flat=True)]
    urls += [reverse(f"assessment:{n}", args=[c]) + "?year=2019" for c in (COUNTY, TOWNSHIP, V1) for n in ASSESSED]
    urls += [reverse("assessment:score", args=[code]) + "?year=2019" for code in (V1, V2)]
    urls += [reverse("assessment:appraise", args=[pk]) + "?year=2019" for pk in persons]
    urls += [reverse(f"assessment:{n}", args=[COUNTY]) + "?year=2019&budget=10000" for n in ("bonus", "bonus_export")]
    urls += [reverse("api:approval_status") + f"?code={COUNTY}&year=2019"]
    urls += [reverse("password_change")]  # the signed-in user's own password form
    return urls


def _text(response) -> str:
    """The body as text; a workbook read back cell by cell, a Word document by paragraph and cell."""
    if response["Content-Type"] == DOCX:
        document = Document(io.BytesIO(response.content))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if response.content.startswith(b"PK\x03\x04"):
        book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        sheets = (book.get_sheet_by_name(name).to_python() for name in book.sheet_names)
        return "\n".join(str(cell) for rows in sheets for row in rows for cell in row)
    return response.content.decode()


def _leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


@pytest.mark.parametrize("persona", ["clerk", "county_user"])
def test_no_page_api_or_export_shows_a_full_number_without_the_right(client, dataset, persona, request):
    urls = _urls()
    assert {resolve(url.split("?")[0]).view_name for url in urls} | NOT_WALKED == _route_names(get_resolver())
    client.force_login(request.getfixturevalue(persona))
    shown = {}
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code in (200, 403, 404), url
        if response.status_code == 200:
            shown[url] = _text(response)
    assert {url: _leaks(text) for url, text in shown.items() if _leaks(text)} == {}
    # The walk saw the people: on the history, the committee and the person pages, masked.
    history = shown[reverse("villages:history", args=[V2])]
    assert "吴静" in history and PEOPLE["吴静"][0][:3] + "*" * 11 + PEOPLE["吴静"][0][-4:] in history
    assert "177****9999" in history
    assert "王刚" in shown[reverse("cadres:village", args=[V1])]
    for pk in Person.objects.values_list("pk", flat=True):
        assert reverse("cadres:person", args=[pk]) in shown
    assert "吴静" in shown[reverse("exchange:export")]


def _edit(client, user, person: Person, **changes):
    """Posts the edit form as a browser would: the inputs as shown, then `changes`."""
    client.force_login(user)
    page = client.get(reverse("cadres:person_edit", args=[person.pk])).content.decode()
    version = re.search(r'name="version" value="([^"]*)"', page)
    data = {"name": person.name, "education": person.education, "political_status": person.political_status}
    data |= {"nationality": person.nationality, "phone": ""} | ({"version": version[1]} if version else {})
    return client.post(reverse("cadres:person_edit", args=[person.pk]), data | changes)


def test_the_edit_form_lets_a_number_be_replaced_never_read(client, dataset, clerk):
    person = Person.objects.get(name="李芳")
    client.force_login(clerk)
    page = client.get(reverse("cadres:person_edit", args=[person.pk])).content.decode()
    assert person.id_number not in page and person.phone not in page
    assert 'value="640***********' in page and "已登记：138****1111；留空则不修改" in page
    assert re.search(r'<input type="text" name="phone"(?![^>]*value=)[^>]*>', page)
    assert _edit(client, clerk, person, name="李芳芳").status_code == 302  # the phone left empty
    person.refresh_from_db()
    assert (person.name, person.phone, person.id_number) == ("李芳芳", "13800001111", PEOPLE["李芳"][0])
    assert _edit(client, clerk, person, phone="13511112222").status_code == 302
    person.refresh_from_db()
    assert person.phone == "13511112222"


def test_only_a_user_with_the_right_reads_the_numbers_in_the_history_and_the_form(client, dataset, clerk):
    revealer = make_user("revealer", COUNTY, "reviewer", can_reveal=True)
    person = Person.objects.get(name="吴静")
    client.force_login(revealer)
    form = client.get(reverse("cadres:person_edit", args=[person.pk])).content.decode()
    assert f'value="{person.id_number}"' in form and f'value="{person.phone}"' in form
    history = client.get(reverse("villages:history", args=[V2])).content.decode()
    assert person.id_number in history and person.phone in history
    client.force_login(clerk)
    history = client.get(reverse("villages:history", args=[V2])).content.decode()
    assert "吴静" in history and person.id_number not in history and person.phone not in history


def test_the_audit_administrator_reads_every_number_masked(client, dataset):
    auditor = make_user("audit", "64", "auditadmin")
    client.force_login(auditor)
    pages, url = [], reverse("audit:list")
    while url:
        response = client.get(url)
        assert response.status_code == 200
        pages.append(response.content.decode())
        found = re.search(r'href="\?([^"]*before=\d+)"', pages[-1])
        url = reverse("audit:list") + "?" + found[1].replace("&amp;", "&") if found else None
    text = "\n".join(pages)
    assert _leaks(text) == []
    assert "吴静" in text and "177****9999" in text and "139****4321" in text  # the rows are there, masked
    assert _leaks(client.get(reverse("audit:list"), {"entity": "person"}).content.decode()) == []

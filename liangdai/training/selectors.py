"""Reads of training: whose village a trainee counts for, which trainees an actor sees, the
classes of a node and a class's trainees, the bases, and the secretaries a rotation plan shares."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import BooleanField, CharField, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from liangdai.cadres.figures import in_office_q
from liangdai.cadres.models import Holding, Person
from liangdai.core import idnumbers, plugins
from liangdai.core.errors import NotFound
from liangdai.exchange.writes import in_chunks
from liangdai.leaders.indicators import secretaries_on
from liangdai.leaders.models import WealthLeader
from liangdai.org.models import Division
from liangdai.org.models import Level as DivisionLevel
from liangdai.org.scoping import area_at_least, division_for, in_area, scope, scope_by_person, visible_persons
from liangdai.rules.selectors import rule_for
from liangdai.villages.models import VillageProfile

from . import plan
from .models import Enrolment, Level, RotationPlan, TrainingBase, TrainingClass

CANDIDATES_MAX = 20


def training_village(day: dt.date, person: str = "person") -> Coalesce:
    """A person's village for training (DOMAIN.md), as an expression on the rows whose person is
    `person`: the village of their position holdings (of several, the one in office on `day`, else
    the latest started by `day`, else the latest of all), else their wealth-leader home village;
    NULL for a person with neither. Each row reads its person's own holdings by person."""
    in_office = ExpressionWrapper(in_office_q(day), output_field=BooleanField())
    started = ExpressionWrapper(Q(start__lte=day), output_field=BooleanField())
    holdings = Holding.objects.filter(person=OuterRef(person)).order_by(
        in_office.desc(), started.desc(), "-start", "-pk"
    )
    home = WealthLeader.objects.filter(person=OuterRef(person)).order_by()
    return Coalesce(
        Subquery(holdings.values("village_id")[:1]), Subquery(home.values("village_id")[:1]), output_field=CharField()
    )


def training_villages(person_ids: Iterable[int], day: dt.date) -> dict[int, str]:
    """The village for training (`training_village`) of each of these persons who has one."""
    villages: dict[int, str] = {}
    for chunk in in_chunks(sorted(set(person_ids))):
        found = Person.objects.filter(pk__in=chunk).annotate(village=training_village(day, "pk"))
        villages.update(found.exclude(village=None).values_list("pk", "village"))
    return villages


def enrolments(*, actor) -> QuerySet:
    """The enrolments of the trainees the actor may see."""
    return scope_by_person(Enrolment.objects.all(), actor).select_related("training_class", "person")


def visible_person(actor, person: Person | None) -> Person | None:
    """`person` if the actor may see them, else None."""
    if person is None:
        return None
    return visible_persons(actor, Person.objects.filter(pk=person.pk)).first()


def person_of(actor, pk: int | None) -> Person | None:
    """The person `pk` if the actor may see them, else None."""
    if pk is None:
        return None
    return visible_persons(actor, Person.objects.filter(pk=pk)).first()


def visible_numbers(*, actor, numbers: Iterable[str]) -> set[str]:
    """The identity numbers among `numbers` of the persons the actor may see."""
    found: set[str] = set()
    for chunk in in_chunks(sorted(set(numbers))):
        persons = visible_persons(actor, Person.objects.filter(id_number__in=chunk))
        found |= set(persons.values_list("id_number", flat=True))
    return found


def person_trainings(actor, person: Person) -> dict:
    """Every training of a person for their page (`core.plugins.PERSON_PANELS`), the latest first:
    the enrolments the actor may see (`enrolments`), the person page having checked the person."""
    found = enrolments(actor=actor).filter(person=person).order_by("-training_class__start", "training_class__name")
    return {"enrolments": list(found)}


# --- classes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClassFilters:
    """The class list's filters as the query string gives them; unknown values are ignored."""

    level: str = ""
    base: str = ""

    @classmethod
    def of(cls, params) -> "ClassFilters":
        level = params.get("level", "")
        return cls(level=level if level in Level.values else "", base=(params.get("base") or "").strip()[:200])


@dataclass(frozen=True)
class ClassRow:
    training_class: TrainingClass
    trainees: int  # of the node
    completed: int  # of them, completed


def _of_node(code: str) -> Q:
    """Enrolments whose trainee has a record under the node (their village for training is then
    found by `training_villages`)."""
    holdings = Q(person__holdings__village__code__startswith=code)
    return holdings | Q(person__wealth_leader__village__code__startswith=code)


def node_enrolments(code: str, classes: QuerySet, day: dt.date) -> dict[int, list[tuple[int, bool]]]:
    """(person, completed) of the trainees of the node in each of `classes`, by class id: those
    whose village for training on `day` lies under the node, as the figures count them."""
    rows = list(
        Enrolment.objects.filter(training_class__in=classes)
        .filter(_of_node(code))
        .values_list("training_class_id", "person_id", "completed")
        .distinct()
    )
    villages = training_villages({r[1] for r in rows}, day)
    found: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for class_id, person_id, completed in rows:
        if villages.get(person_id, "").startswith(code):
            found[class_id].append((person_id, completed))
    return found


def class_list(actor, code: str, as_of: dt.date, start: dt.date, filters: ClassFilters) -> list[ClassRow]:
    """The classes of the node that run within [start, as_of]: held by a division under it, or
    with a trainee of it; with the node's trainees."""
    division_for(actor, code)
    classes = TrainingClass.objects.filter(start__lte=as_of, end__gte=start)
    if filters.level:
        classes = classes.filter(level=filters.level)
    if filters.base:
        classes = classes.filter(base=filters.base)
    trainees = node_enrolments(code, classes, as_of)
    shown = classes.filter(Q(division__code__startswith=code) | Q(pk__in=list(trainees)))
    return [
        ClassRow(c, len(trainees.get(c.pk, [])), sum(1 for _, done in trainees.get(c.pk, []) if done))
        for c in shown.select_related("division").order_by("-start", "name")
    ]


def class_for(actor, pk: int) -> TrainingClass:
    """The class `pk` if the actor may see it: held in their area, or with a trainee they see, or
    (a class without an organiser, from the 培训 sheet) the actor is of region level. NotFound
    otherwise, the same as missing."""
    found = TrainingClass.objects.select_related("division").filter(pk=pk).first()
    if found is None:
        raise NotFound(pk)
    organiser = found.division.code if found.division else None
    if organiser is not None and in_area(actor, organiser):
        return found
    if organiser is None and area_at_least(actor, 2):
        return found
    if enrolments(actor=actor).filter(training_class=found).exists():
        return found
    raise NotFound(pk)


@dataclass(frozen=True)
class Trainee:
    enrolment: Enrolment
    village: str


def class_trainees(actor, training_class: TrainingClass) -> tuple[list[Trainee], int]:
    """The trainees of the class the actor sees, each with their village for training, and how
    many others the class has."""
    shown = list(enrolments(actor=actor).filter(training_class=training_class))
    villages = training_villages([e.person_id for e in shown], training_class.end)
    trainees = [Trainee(e, villages.get(e.person_id, "")) for e in shown]
    trainees.sort(key=lambda t: (t.village, t.enrolment.pk))
    total = Enrolment.objects.filter(training_class=training_class).count()
    return trainees, total - len(shown)


def enrol_candidates(actor, training_class: TrainingClass, text: str) -> list[Person]:
    """Persons the actor sees, of the organiser's area, not yet in the class, whose name holds
    `text` or whose identity number is `text`; a few at most."""
    text = (text or "").strip()
    if not text:
        return []
    persons = visible_persons(actor, Person.objects.all())
    if training_class.division is not None:
        organiser = training_class.division.code
        persons = persons.filter(
            Q(holdings__village__code__startswith=organiser) | Q(wealth_leader__village__code__startswith=organiser)
        )
    if idnumbers.is_valid(idnumbers.normalize(text)):
        persons = persons.filter(id_number=idnumbers.normalize(text))
    else:
        persons = persons.filter(name__contains=text)
    persons = persons.exclude(enrolments__training_class=training_class).distinct()
    return list(persons.order_by("name", "pk")[:CANDIDATES_MAX])


# --- bases --------------------------------------------------------------------------------------


def bases_of(actor, code: str) -> list[TrainingBase]:
    """The bases of the node: in a county under it, or in its own county."""
    division_for(actor, code)
    bases = TrainingBase.objects.filter(Q(county__code__startswith=code) | Q(county__code=code[:6]))
    return list(bases.select_related("county"))


def base_for(actor, pk: int) -> TrainingBase:
    found = TrainingBase.objects.select_related("county").filter(pk=pk).first()
    if found is None or not in_area(actor, found.county.code):
        raise NotFound(pk)
    return found


def base_names() -> list[str]:
    """Every registered base by name: classes of any level are held at any of them."""
    return list(TrainingBase.objects.order_by("name").values_list("name", flat=True))


def county_choices(actor, code: str) -> list[tuple[str, str]]:
    """The counties a base of the node may lie in: the counties under it in the area (or its own)."""
    counties = Division.objects.filter(Q(code__startswith=code) | Q(code=code[:6]), level=DivisionLevel.COUNTY)
    return [(d.code, f"{d.name}（{d.code}）") for d in scope(counties, actor, "code").order_by("code")]


# --- the rotation plan's inputs -----------------------------------------------------------------


def ratio_of(code: str, year: int) -> tuple[int, int, int]:
    """The training ratio region:city:county in force for the node in `year` (rule training_ratio)."""
    rule = rule_for("training_ratio", year, code)
    return (rule.region, rule.city, rule.county)


def plan_secretaries(code: str, day: dt.date, year: int) -> list[plan.Secretary]:
    """The secretaries of the node on `day`, each marked eligible for the region's places when their
    village is poor (村情 是否贫困村) or rated three stars or more the year before `year` (a year's
    stars are rated at its end; `core.plugins.village_stars`)."""
    holdings = secretaries_on(code, day).select_related("person").order_by("village_id", "pk")
    profiles = VillageProfile.objects.filter(is_poor=True, village__code__startswith=code)
    poor = set(profiles.values_list("village_id", flat=True))
    starred = {v for v, stars in plugins.village_stars(code, year - 1).items() if stars >= plan.STARS_FIRST}
    found: dict[int, plan.Secretary] = {}
    for h in holdings:
        eligible = h.village_id in poor or h.village_id in starred
        found.setdefault(h.person_id, plan.Secretary(h.person_id, h.person.name, h.village_id, eligible))
    return list(found.values())


def saved_plan(code: str, year: int) -> RotationPlan | None:
    return RotationPlan.objects.filter(division_id=code, year=year).first()

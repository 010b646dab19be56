"""Every write of training (DOMAIN.md part 4): classes and their trainees. The single-record
services serve the pages; the bulk ones write what the 培训 sheet has checked with the same rules
(`rules`) in the import's transaction. Each raises DomainError with a Chinese message and, in
`column`, the field it concerns, and audits what it writes in the same transaction."""

import datetime as dt

from django.db import transaction

from liangdai.audit.services import record, save_recorded, snapshot
from liangdai.cadres.models import Person
from liangdai.cadres.rules import name_mismatch
from liangdai.core import idnumbers
from liangdai.core.errors import DomainError, NotFound
from liangdai.exchange.writes import existing_by_key, upsert
from liangdai.org.scoping import division_for, require_write, scope_by_person

from . import plan, rules
from .models import Enrolment, PlanEntry, RotationPlan, TrainingBase, TrainingClass
from .selectors import plan_secretaries, ratio_of, training_villages, visible_person


def _raise_first(problems: list[tuple[str, str]]) -> None:
    for field, message in problems:
        raise DomainError(message, column=field)


def _check_class(actor, recorded: TrainingClass | None, name: str, start, values: dict) -> None:
    problem = rules.name_problem(name)
    if problem:
        raise DomainError(problem, column="name")
    problem = rules.level_problem(values["level"])
    if problem:
        raise DomainError(problem, column="level")
    _raise_first(rules.class_problems(values["level"], values["is_demo"], start, values["end"]))
    problem = rules.change_problem(actor, recorded, values)
    if problem:
        raise DomainError(problem, column="name")


@transaction.atomic
def training_class_save(
    *, actor, name: str, level: str, base: str = "", is_demo: bool = False, start: dt.date, end: dt.date
) -> TrainingClass:
    """Create a class, or change the one of the same name and first day (its natural key). Classes
    belong to no area: anyone who may write creates one; a class on record changes only at its
    organiser's level or above (`rules.change_problem`)."""
    require_write(actor)
    name = (name or "").strip()
    values = {"level": level, "base": (base or "").strip(), "is_demo": bool(is_demo), "end": end}
    recorded = None
    if name and isinstance(start, dt.date):
        recorded = TrainingClass.objects.select_for_update().filter(name=name, start=start).first()
    _check_class(actor, recorded, name, start, values)
    before = snapshot(recorded)
    training_class = recorded or TrainingClass(name=name, start=start)
    for field, value in values.items():
        setattr(training_class, field, value)
    save_recorded(training_class, actor=actor, before=before, entity="training_class", label="培训班")
    return training_class


@transaction.atomic
def training_class_create(
    *,
    actor,
    organiser: str,
    name: str,
    base: str = "",
    is_demo: bool = False,
    start: dt.date,
    end: dt.date,
    subject: str = "",
) -> TrainingClass:
    """A class held by the division `organiser` (its level follows from it: `rules.organiser_problem`),
    created on the pages; a class of the same name and first day on record is refused."""
    require_write(actor)
    problem = rules.organiser_problem(actor, organiser)
    if problem:
        raise DomainError(problem, column="name")
    name, level = (name or "").strip(), rules.LEVEL_OF_ORGANISER[len(organiser)]
    values = {"level": level, "base": (base or "").strip(), "is_demo": bool(is_demo), "end": end}
    _check_class(actor, None, name, start, values)
    problem = rules.taken_problem(TrainingClass.objects.filter(name=name, start=start).first())
    if problem:
        raise DomainError(problem, column="name")
    training_class = TrainingClass(name=name, start=start, division_id=organiser, subject=(subject or "").strip())
    for field, value in values.items():
        setattr(training_class, field, value)
    save_recorded(training_class, actor=actor, before=None, entity="training_class", label="培训班", code=organiser)
    return training_class


def _trainee_village(training_class: TrainingClass, person_id: int) -> str:
    """The audit row of an enrolment is filed under the trainee's village (DOMAIN.md)."""
    return training_villages([person_id], training_class.end).get(person_id, "")


@transaction.atomic
def enrolment_add(*, actor, training_class: TrainingClass, person: Person | None, completed: bool = True) -> Enrolment:
    """Enrol a person on record whom the actor may see in a class. `person` None (a number the
    page did not find) is refused with the same message as one out of sight."""
    require_write(actor)
    problem = rules.trainee_problem(visible_person(actor, person))
    if problem:
        raise DomainError(problem, column="person")
    training_class = TrainingClass.objects.select_for_update().filter(pk=training_class.pk).first()
    if training_class is None:
        raise NotFound("training_class")
    problem = rules.reach_problem(person, _trainee_village(training_class, person.pk), training_class.division)
    if problem:
        raise DomainError(problem, column="person")
    already = Enrolment.objects.filter(training_class=training_class, person=person).exists()
    problem = rules.enrolled_problem(person, already)
    if problem:
        raise DomainError(problem, column="person")
    enrolment = Enrolment.objects.create(training_class=training_class, person=person, completed=bool(completed))
    record(
        actor=actor,
        action="新增学员",
        entity="enrolment",
        entity_id=enrolment.pk,
        code=_trainee_village(training_class, person.pk),
        after=snapshot(enrolment),
    )
    return enrolment


@transaction.atomic
def enrolment_set_completed(*, actor, enrolment: Enrolment, completed: bool) -> Enrolment:
    """Whether the trainee completed the class (是否结业). An enrolment of a trainee the actor may
    not see is NotFound, the same as a missing one."""
    found = scope_by_person(Enrolment.objects.filter(pk=enrolment.pk), actor).exists()
    if not found:
        raise NotFound(enrolment.pk)
    require_write(actor)
    enrolment = Enrolment.objects.select_for_update().select_related("training_class").get(pk=enrolment.pk)
    if enrolment.completed == bool(completed):
        return enrolment
    before = snapshot(enrolment)
    enrolment.completed = bool(completed)
    enrolment.save(update_fields=["completed"])
    record(
        actor=actor,
        action="修改结业情况",
        entity="enrolment",
        entity_id=enrolment.pk,
        code=_trainee_village(enrolment.training_class, enrolment.person_id),
        before=before,
        after=snapshot(enrolment),
    )
    return enrolment


def _pasted(text: str) -> list[tuple[int, str, str]]:
    """(line number, identity number, name or '') of each line that is not blank."""
    lines = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        parts = line.replace("\t", " ").replace("，", " ").replace(",", " ").split()
        if parts:
            lines.append((number, parts[0], " ".join(parts[1:])))
    return lines


def _line_problem(actor, training_class, number: str, name: str, seen: dict) -> tuple[str, Person | None]:
    """The problem of one pasted line (or ''), and its person."""
    try:
        number = idnumbers.check(number)
    except DomainError as exc:
        return exc.message, None
    if number in seen:
        return rules.repeated_problem(seen[number]), None
    person = visible_person(actor, Person.objects.filter(id_number=number).first())
    problem = rules.trainee_problem(person)
    if problem is None and name and name != person.name:
        problem = name_mismatch(name, person.name)
    if problem is None:
        village = _trainee_village(training_class, person.pk)
        problem = rules.reach_problem(person, village, training_class.division)
    if problem is None:
        already = Enrolment.objects.filter(training_class=training_class, person=person).exists()
        problem = rules.enrolled_problem(person, already)
    return problem or "", person


@transaction.atomic
def enrolments_add_numbers(*, actor, training_class: TrainingClass, text: str) -> list[Enrolment]:
    """Enrol the persons of pasted identity numbers, one a line (a name after the number is
    checked against the record). Every bad line is told, naming it; one bad line, and nothing is
    written. The trainees start as not completed."""
    require_write(actor)
    lines = _pasted(text)
    if not lines:
        raise DomainError(rules.NO_NUMBERS, column="numbers")
    problems, persons, seen = [], [], {}
    for line, number, name in lines:
        problem, person = _line_problem(actor, training_class, number, name, seen)
        seen.setdefault(idnumbers.normalize(number), line)
        if problem:
            problems.append(rules.line_problem(line, problem))
        else:
            persons.append(person)
    if problems:
        raise DomainError("\n".join(problems), column="numbers")
    # Not yet completed: the page marks completion when the class is over (the sheet's 是否结业 says it).
    return [enrolment_add(actor=actor, training_class=training_class, person=p, completed=False) for p in persons]


@transaction.atomic
def enrolments_set_completed(*, actor, training_class: TrainingClass, shown: set[int], completed: set[int]) -> int:
    """Completion of the class's trainees shown on its page: those in `completed` completed it,
    the other shown ones not; a trainee out of the actor's sight is left alone. Returns how many
    changed."""
    changed = 0
    for enrolment in scope_by_person(Enrolment.objects.filter(training_class=training_class, pk__in=shown), actor):
        done = enrolment.pk in completed
        if enrolment.completed != done:
            enrolment_set_completed(actor=actor, enrolment=enrolment, completed=done)
            changed += 1
    return changed


# --- bases --------------------------------------------------------------------------------------


@transaction.atomic
def training_base_save(
    *, actor, base: TrainingBase | None = None, name: str, county: str, is_demo: bool = False
) -> TrainingBase:
    """Register a base (`base` None) or change one; kept by county users and wider in their area."""
    require_write(actor)
    name = (name or "").strip()
    taken = TrainingBase.objects.filter(name=name).exclude(pk=getattr(base, "pk", None)).exists()
    _raise_first(rules.base_problems(actor, name, county or "", taken))
    before = snapshot(base)
    base = base or TrainingBase()
    base.name, base.county_id, base.is_demo = name, county, bool(is_demo)
    save_recorded(base, actor=actor, before=before, entity="training_base", label="培训基地", code=county)
    return base


# --- the rotation plan --------------------------------------------------------------------------


@transaction.atomic
def rotation_plan_save(*, actor, code: str, year: int, counts: dict[str, int], today: dt.date) -> RotationPlan:
    """The plan of the node `code` for `year`: its secretaries on `plan.plan_day` shared by region,
    city and county in `counts` (they add up to the secretaries), the region's places to the
    eligible first (`plan.assign`). Saving again replaces the plan's secretaries."""
    require_write(actor)
    node = division_for(actor, code)
    problem = rules.plan_maker_problem(actor, code)
    if problem:
        raise DomainError(problem, column="region")
    day = plan.plan_day(year, today)
    secretaries = plan_secretaries(code, day, year)
    problem = rules.plan_counts_problem(counts, len(secretaries))
    if problem:
        raise DomainError(problem, column="region")
    recorded = RotationPlan.objects.select_for_update().filter(division=node, year=year).first()
    before = snapshot(recorded)
    saved = recorded or RotationPlan(division=node, year=year)
    saved.region, saved.city, saved.county, saved.day = counts["自治区"], counts["市"], counts["县"], day
    saved.save()
    PlanEntry.objects.filter(plan=saved).delete()
    levels = plan.assign(secretaries, counts)
    villages = {s.person_id: s.village for s in secretaries}
    PlanEntry.objects.bulk_create(
        PlanEntry(plan=saved, person_id=p, village_id=villages[p], level=level) for p, level in levels.items()
    )
    record(
        actor=actor,
        action="修改轮训计划" if recorded else "新增轮训计划",
        entity="rotation_plan",
        entity_id=saved.pk,
        code=code,
        before=before,
        after=snapshot(saved) | {"ratio": ":".join(map(str, ratio_of(code, year)))},
    )
    return saved


def _class_key(c: TrainingClass) -> tuple:
    return (c.name, c.start)


def _enrolment_key(e: Enrolment) -> tuple:
    return (e.training_class_id, e.person_id)


@transaction.atomic
def training_classes_import(*, ctx, classes: list[TrainingClass]) -> dict[tuple, int]:
    """Write the classes of an import, checked by the 培训 sheet with `rules`; returns the id of
    every class by (name, start)."""
    names = {c.name for c in classes}
    upsert(
        ctx,
        model=TrainingClass,
        entity="training_class",
        items=classes,
        existing=existing_by_key(TrainingClass.objects.all(), "name", names, _class_key),
        key=_class_key,
        fields=list(rules.CLASS_FIELDS),
        code=lambda c: "",
    )
    return {k: c.pk for k, c in existing_by_key(TrainingClass.objects.all(), "name", names, _class_key).items()}


@transaction.atomic
def enrolments_import(*, ctx, enrolments: list[Enrolment], day: dt.date) -> tuple[int, int]:
    """Write the enrolments of an import, checked by the 培训 sheet; each audit row is filed under
    the trainee's village on `day`. Returns (created, updated)."""
    villages = training_villages({e.person_id for e in enrolments}, day)
    class_ids = {e.training_class_id for e in enrolments}
    return upsert(
        ctx,
        model=Enrolment,
        entity="enrolment",
        items=enrolments,
        existing=existing_by_key(Enrolment.objects.all(), "training_class_id", class_ids, _enrolment_key),
        key=_enrolment_key,
        fields=["completed"],
        code=lambda e: villages.get(e.person_id, ""),
    )

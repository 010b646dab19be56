"""Every write of training (DOMAIN.md part 4): classes and their trainees. The single-record
services serve the pages; the bulk ones write what the 培训 sheet has checked with the same rules
(`rules`) in the import's transaction. Each raises DomainError with a Chinese message and, in
`column`, the field it concerns, and audits what it writes in the same transaction."""

import datetime as dt

from django.db import transaction

from liangdai.audit.services import record, save_recorded, snapshot
from liangdai.cadres.models import Person
from liangdai.core.errors import DomainError, NotFound
from liangdai.exchange.writes import existing_by_key, upsert
from liangdai.org.scoping import require_write, scope_by_person

from . import rules
from .models import Enrolment, TrainingClass
from .selectors import training_villages, visible_person


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

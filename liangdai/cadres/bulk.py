"""The bulk services of the sheets: the persons that every sheet names and the holdings of the
村干部 sheet, written by the same rules as the single-record services (`services.person_save`,
`services.holding_start`). The pipeline has checked each row with `cadres.rules` inside the same
transaction; each row written is audited through the import context."""

from liangdai.core import idnumbers
from liangdai.exchange.sheets import Row
from liangdai.exchange.writes import existing_by_key, in_chunks, upsert
from liangdai.org.scoping import visible_persons

from . import rules
from .models import Holding, Person


def persons_import(*, ctx, rows: list[Row]) -> dict[str, int]:
    """The bulk form of `person_save` for every sheet that names persons: create the persons not on
    record and update the profile fields a row gives, by the same rules; returns the person id of
    every identity number in the rows."""
    latest: dict[str, Row] = {}
    for row in rows:
        latest[row["id_number"]] = row
    items = []
    existing = existing_by_key(Person.objects.all(), "id_number", latest, lambda p: (p.id_number,))
    ours = visible_ids(ctx.actor, [p.pk for p in existing.values()])
    for number, row in latest.items():
        old = existing.get((number,))
        values = {f: row.values.get(f) for f in rules.PROFILE_FIELDS}
        if old is not None:
            # The same rule as `services.person_save`: a person of another area is not changed here.
            changes = rules.profile_changes(old, values, in_area=old.pk in ours)
            values = {f: changes.get(f, getattr(old, f)) for f in rules.PROFILE_FIELDS}
        items.append(
            Person(
                id_number=number,
                name=row["name"] or (old.name if old else ""),
                birth_date=idnumbers.birth_date(number),
                sex=idnumbers.sex(number),
                **{f: v or "" for f, v in values.items()},
            )
        )
    upsert(
        ctx,
        model=Person,
        entity="person",
        items=items,
        existing=existing,
        key=lambda p: (p.id_number,),
        fields=list(rules.PROFILE_FIELDS),
        # Filed under the village of the row that names the person, so the audit administrator of
        # that area sees it; a person has no area of their own.
        code=lambda p: latest[p.id_number].values.get("village") or "",
    )
    return _ids_in_chunks(list(latest))


def visible_ids(actor, person_ids: list[int]) -> set[int]:
    """The ids among `person_ids` of the persons the actor may see."""
    found: set[int] = set()
    for chunk in in_chunks(sorted(person_ids)):
        found |= set(visible_persons(actor, Person.objects.filter(pk__in=chunk)).values_list("pk", flat=True))
    return found


def _ids_in_chunks(numbers: list[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for chunk in in_chunks(numbers):
        ids.update(Person.objects.filter(id_number__in=chunk).values_list("id_number", "pk"))
    return ids


def holdings_import(*, ctx, rows: list[Row]) -> tuple[int, int]:
    """The bulk write of a 村干部 import: its persons, then each row's holding. Returns (created, updated)."""
    person_ids = persons_import(ctx=ctx, rows=rows)
    items = [
        Holding(
            person_id=person_ids[r["id_number"]],
            village_id=r["village"],
            position=r["position"],
            start=r["start"],
            source=r["source"] or "",
            end=r["end"],
            end_reason=r["end_reason"] or "",
        )
        for r in rows
    ]
    key = lambda h: (h.person_id, h.village_id, h.position, h.start)  # noqa: E731
    return upsert(
        ctx,
        model=Holding,
        entity="holding",
        items=items,
        existing=existing_by_key(Holding.objects.all(), "village_id", [r["village"] for r in rows], key),
        key=key,
        fields=["source", "end", "end_reason"],
        code=lambda h: h.village_id,
    )

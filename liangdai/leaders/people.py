"""Who counts as "a person on record" for the sheets after 村干部: a person in the database, or
one that an earlier sheet of the same workbook creates (EXCHANGE.md: sheets import in order)."""

from liangdai.cadres.models import Person
from liangdai.cadres.persons import known_persons
from liangdai.exchange.sheets import Row


def from_earlier_sheet(ctx, number: str, sheet_name: str) -> bool:
    """An earlier sheet of this workbook names the person (and so creates them on commit)."""
    return ctx.state.named_before(number, sheet_name)


def record_of(ctx, number: str) -> Person | None:
    return known_persons(ctx, [number]).get(number)


def on_record(ctx, number: str, sheet_name: str) -> bool:
    return record_of(ctx, number) is not None or from_earlier_sheet(ctx, number, sheet_name)


def preload(ctx, rows: list[Row], field: str = "id_number") -> None:
    """Fetch the persons of all rows at once, so the row checks do not query one by one."""
    known_persons(ctx, [r[field] for r in rows if r[field]])

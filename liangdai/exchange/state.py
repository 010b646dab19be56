"""What the sheets of one workbook tell each other (EXCHANGE.md: "every sheet that it holds is
imported, in the order of this page"). A later sheet's rule may depend on rows of an earlier sheet
of the same workbook as much as on the records in the database: a village that 村情 creates, a
population that 村情 changes, a person that 村干部 names, a holding that 村干部 records. Each of
those is kept here in a typed field, written by the sheet that gives it and read by the sheets
after it; nothing else passes between sheets.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)  # one per row of a large sheet
class Naming:
    """Where a workbook first gives a person's name."""

    name: str
    sheet: str
    row: int


@dataclass(frozen=True, slots=True)  # one per row of a large sheet
class Span:
    """A position held from `start` to `end` (inclusive; None: still in office) in `village`."""

    village: str
    start: dt.date
    end: dt.date | None

    def covers_year(self, year: int) -> bool:
        return self.start.year <= year and (self.end is None or self.end.year >= year)


@dataclass
class WorkbookState:
    # 村情: villages it creates (code -> unsaved Division) and the populations it gives.
    new_villages: dict[str, Any] = field(default_factory=dict)
    populations: dict[str, int] = field(default_factory=dict)
    # Every sheet naming persons: the first name given for each identity number.
    namings: dict[str, Naming] = field(default_factory=dict)
    # 村干部: the valid holdings of the workbook by identity number.
    holdings: dict[str, list[Span]] = field(default_factory=dict)
    # Persons on record, looked up once per workbook: identity number -> Person or None.
    person_records: dict[str, Any] = field(default_factory=dict)
    # The identity numbers of those not on record, in their stored form (core.protected), for the writes.
    sealed_numbers: dict[str, str] = field(default_factory=dict)

    def named_before(self, number: str, sheet: str) -> bool:
        """An earlier sheet of this workbook names the person (and so creates them on commit)."""
        naming = self.namings.get(number)
        return naming is not None and naming.sheet != sheet

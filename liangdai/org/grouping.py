"""A list of villages grouped by county and township with counts, the one shape of every village
list of the warnings page (`core/_village_groups.html` shows it, the warnings download writes it):
at region level a flat list of two thousand names is unreadable.

It lives in org, not core, because it names the counties and townships from `Division` (one query
for all of them), and core sits below org."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import Division

PER_GROUP = 50  # rows a township shows on the page; the rest are in the download
COUNTY_DIGITS, TOWNSHIP_DIGITS = 6, 9


@dataclass(frozen=True)
class VillageRow:
    code: str
    name: str
    township: str
    county: str
    details: tuple = ()  # the list's own columns, raw (dates as dates) for the workbook

    @property
    def cells(self) -> list[str]:
        """The details as the page shows them."""
        return [_cell(v) for v in self.details]


@dataclass
class Group:
    """A county or a township: its rows (a township) or its townships (a county)."""

    code: str
    name: str
    count: int = 0
    rows: list[VillageRow] = field(default_factory=list)  # the first PER_GROUP rows of a township
    hidden: int = 0  # rows of the township beyond those shown
    townships: list["Group"] = field(default_factory=list)


@dataclass(frozen=True)
class VillageList:
    key: str  # the element id on the page
    title: str  # the heading, and the sheet's name in the download
    columns: tuple[str, ...]  # the headers of `VillageRow.details`
    rows: list[VillageRow]  # every row, by village code
    counties: list[Group]
    show_county: bool  # the node lies above a county: each row names its county too

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def township_count(self) -> int:
        return sum(len(c.townships) for c in self.counties)


def village_list(
    key: str,
    title: str,
    columns: Iterable[str],
    rows: Iterable[tuple[str, str | None, tuple]],
    node: Division,
    per_group: int = PER_GROUP,
) -> VillageList:
    """The rows (village code, village name or None to look it up, details) under `node`, sorted by
    village code (rows of one village keep their order) and grouped by county then township. The
    names of the counties and townships, and of villages given without one, come from one query."""
    rows = sorted(rows, key=lambda r: r[0])
    wanted = {r[0][:COUNTY_DIGITS] for r in rows} | {r[0][:TOWNSHIP_DIGITS] for r in rows}
    wanted |= {r[0] for r in rows if r[1] is None}
    names = _names(wanted)
    listed = [
        VillageRow(
            code,
            name if name is not None else names.get(code, code),
            names.get(code[:TOWNSHIP_DIGITS], code[:TOWNSHIP_DIGITS]),
            names.get(code[:COUNTY_DIGITS], code[:COUNTY_DIGITS]),
            tuple(details),
        )
        for code, name, details in rows
    ]
    counties: dict[str, Group] = {}
    townships: dict[str, Group] = {}
    for row in listed:
        county_code, township_code = row.code[:COUNTY_DIGITS], row.code[:TOWNSHIP_DIGITS]
        county = counties.get(county_code)
        if county is None:
            county = counties[county_code] = Group(county_code, row.county)
        township = townships.get(township_code)
        if township is None:
            township = townships[township_code] = Group(township_code, row.township)
            county.townships.append(township)
        county.count += 1
        township.count += 1
        if len(township.rows) < per_group:
            township.rows.append(row)
        else:
            township.hidden += 1
    return VillageList(key, str(title), tuple(str(c) for c in columns), listed, list(counties.values()),
                       len(node.code) < COUNTY_DIGITS)  # fmt: skip


def _names(codes: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    ordered = sorted(codes)
    for i in range(0, len(ordered), 500):  # well under every database's limit of parameters
        found |= dict(Division.objects.filter(code__in=ordered[i : i + 500]).values_list("code", "name"))
    return found


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    return str(value)

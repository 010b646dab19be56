"""The 村干部 sheet (EXCHANGE.md): persons and their position holdings.
Key: 公民身份号码 + 村代码 + 职务 + 任职日期."""

from collections import defaultdict

from liangdai.core import idnumbers
from liangdai.exchange import cells
from liangdai.exchange.sheets import Column, Row, Sheet
from liangdai.exchange.state import Span
from liangdai.exchange.writes import in_chunks
from liangdai.org.scoping import scope

from . import bulk, rules
from .models import SINGLE_SEAT_POSITIONS, EndReason, Holding, HoldingSource, Position
from .persons import check_person, known_persons, person_columns


class HoldingSheet(Sheet):
    name = "村干部"
    key = ("id_number", "village", "position", "start")
    columns = [
        *person_columns(profile_required=True),
        Column(
            "村代码", "village", cells.village_code, required=True, text_format=True, note="任职村的12位村级区划代码"
        ),
        Column(
            "职务",
            "position",
            cells.choice(Position.values),
            required=True,
            options=tuple(Position.values),
            note="/".join(Position.values),
        ),
        Column("任职日期", "start", cells.date, required=True, note="任职时须年满18周岁"),
        Column(
            "任职来源",
            "source",
            cells.choice(HoldingSource.values),
            options=tuple(HoldingSource.values),
            note="/".join(HoldingSource.values),
        ),
        Column("离任日期", "end", cells.date, note="不早于任职日期"),
        Column(
            "离任原因",
            "end_reason",
            cells.choice(EndReason.values),
            options=tuple(EndReason.values),
            note="/".join(EndReason.values) + "；填写离任日期时必填",
        ),
    ]

    def prepare(self, rows: list[Row], ctx) -> None:
        known_persons(ctx, [r["id_number"] for r in rows if r["id_number"]])

    def check_row(self, row: Row, ctx) -> None:
        check_person(self, row, ctx)
        if row["id_number"] and row["start"]:
            problem = rules.under_age(idnumbers.birth_date(row["id_number"]), row["start"])
            if problem:
                ctx.error(self, row, "start", problem)
        for field, message in rules.end_problems(row["start"], row["end"], row["end_reason"]):
            ctx.error(self, row, field, message)

    def check_rows(self, rows: list[Row], ctx) -> None:
        """A village has one 党组织书记 and one 村委会主任 on any day: the rows among themselves and
        against the holdings on record, except those that the rows replace (same key)."""
        self._check_seats(rows, ctx)
        for row in rows:
            if row.valid:  # what the 个人考核 sheet of this workbook may rely on
                span = Span(row["village"], row["start"], row["end"])
                ctx.state.holdings.setdefault(row["id_number"], []).append(span)

    def _check_seats(self, rows: list[Row], ctx) -> None:
        seats: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for row in rows:
            if row["position"] in SINGLE_SEAT_POSITIONS:
                seats[(row["village"], row["position"])].append(row)
        if not seats:
            return
        keys = {self.key_of(r) for seat_rows in seats.values() for r in seat_rows}  # the rows that replace a seat's
        recorded: dict[tuple[str, str], list[rules.Tenure]] = defaultdict(list)
        for chunk in in_chunks(sorted({village for village, _ in seats})):
            found = Holding.objects.filter(village_id__in=chunk, position__in=SINGLE_SEAT_POSITIONS).values_list(
                "village_id", "position", "start", "end", "person__id_number", "person__name"
            )
            for village, position, start, end, number, name in found:
                if (village, position) in seats and (number, village, position, start) not in keys:
                    recorded[(village, position)].append(rules.Tenure(start, end, f"系统中已有的{name}"))
        for seat, seat_rows in seats.items():
            self._check_seat(seat[1], seat_rows, recorded[seat], ctx)

    def _check_seat(self, position: str, rows: list[Row], recorded: list[rules.Tenure], ctx) -> None:
        by_number = {r.number: r for r in rows}
        tenures = recorded + [
            rules.Tenure(r["start"], r["end"], f"第{r.number}行的{r['name']}", r.number) for r in rows
        ]
        for offender, other in rules.seat_conflicts(tenures):
            ctx.error(self, by_number[offender.owner], "start", rules.seat_conflict_message(position, other))

    def write(self, rows: list[Row], ctx) -> tuple[int, int]:
        return bulk.holdings_import(ctx=ctx, rows=rows)

    def export_rows(self, actor):
        holdings = scope(Holding.objects.select_related("person"), actor).order_by("village_id", "position", "start")
        for h in holdings.iterator(chunk_size=2000):
            p = h.person
            yield [
                p.name,
                p.id_number,
                p.sex,
                p.nationality,
                p.education,
                p.political_status,
                p.phone,
                h.village_id,
                h.position,
                h.start,
                h.source,
                h.end,
                h.end_reason,
            ]

"""The 星级评定 and 个人考核 sheets (EXCHANGE.md): their rules are `rules`, their writes `services`."""

from decimal import Decimal

from django.db import transaction

from liangdai.cadres.models import Holding, Person, WeakOrganisation
from liangdai.cadres.persons import ID_NUMBER, NAME, check_person, known_persons
from liangdai.exchange import cells
from liangdai.exchange.sheets import Column, Row, Sheet
from liangdai.exchange.state import Span
from liangdai.exchange.writes import in_chunks
from liangdai.org.scoping import scope
from liangdai.villages.sheets import VILLAGE, yes_no_text

from . import approvals, rules, services
from .models import Appraisal, Grade, StarRating
from .selectors import held_spans

YEAR = Column("年度", "year", cells.year, required=True, note="四位年份，如 2018")


class StarSheet(Sheet):
    name = "星级评定"
    key = ("village", "year")
    columns = [
        VILLAGE,
        YEAR,
        Column(
            "得分",
            "score",
            cells.decimal_number(rules.SCORE_MIN, rules.SCORE_MAX),
            required=True,
            note="0–100，最多两位小数",
        ),
        Column(
            "星级",
            "stars",
            cells.whole_number(0, rules.STARS_MAX),
            note="0–5；不填时按该年度分数线得出，填写时须与分数线一致",
        ),
        Column("是否软弱涣散", "weak", cells.yes_no, options=("是", "否"), note="是/否"),
        # 原因 is a TextField: no column limit, but a reason is a sentence or two, not a document.
        Column("软弱涣散原因", "weak_reason", rules.WEAK_REASON, note="是否软弱涣散为“是”时必填"),
    ]

    def check_row(self, row: Row, ctx) -> None:
        for field, problem in (
            ("score", rules.score_problem(row["score"])),
            ("weak_reason", rules.weak_reason_problem(row["weak"], row["weak_reason"])),
        ):
            if problem:
                ctx.error(self, row, field, problem)

    def check_rows(self, rows: list[Row], ctx) -> None:
        """Stars follow the year's thresholds; a flag already on record is not withdrawn."""
        thresholds: dict = {}
        for row in rows:
            stars = rules.thresholds_for(row["village"], row["year"], thresholds).stars(row["score"])
            problem = rules.stars_problem(row["year"], row["score"], row["stars"], stars)
            if problem:
                ctx.error(self, row, "stars", problem)
            row.values["stars"] = stars
        flagged = _weak_on_record(rows)
        for row in rows:
            problem = rules.weak_withdrawal_problem(row["year"], row["weak"], (row["village"], row["year"]) in flagged)
            if problem:
                ctx.error(self, row, "weak", problem)
        locked = approvals.locked_problems((r["village"][:9], r["year"]) for r in rows)
        for row in rows:
            if (row["village"][:9], row["year"]) in locked:
                ctx.error(self, row, "year", locked[(row["village"][:9], row["year"])])
        itemised = _itemised_on_record(rows)
        for row in rows:
            old = itemised.get((row["village"], row["year"]))
            if old is not None and old != row["score"]:
                notice = rules.items_dropped_notice(
                    self.name, row.number, row["village"], row["year"], old, row["score"]
                )
                ctx.warnings.append(notice)

    def write(self, rows: list[Row], ctx) -> tuple[int, int]:
        ratings = [
            StarRating(village_id=r["village"], year=r["year"], score=r["score"], stars=r["stars"]) for r in rows
        ]
        flags = [
            WeakOrganisation(
                village_id=r["village"], year=r["year"], reason=r["weak_reason"], flagged_on=rules.flag_day(r["year"])
            )
            for r in rows
            if r["weak"]
        ]
        return services.star_ratings_import(ctx=ctx, ratings=ratings, flags=flags)

    def export_rows(self, actor):
        weak = {(w.village_id, w.year): w.reason for w in scope(WeakOrganisation.objects.all(), actor)}
        for s in scope(StarRating.objects.all(), actor).order_by("village_id", "year"):
            reason = weak.get((s.village_id, s.year))
            yield [s.village_id, s.year, s.score, s.stars, yes_no_text(reason is not None), reason or ""]


def _itemised_on_record(rows: list[Row]) -> dict[tuple[str, int], Decimal]:
    """The scores on record of the rows' villages that were scored item by item, by (village, year)."""
    found = {}
    for chunk in in_chunks(sorted({r["village"] for r in rows})):
        on_record = StarRating.objects.filter(village_id__in=chunk, items__isnull=False)
        found |= {(v, y): score for v, y, score in on_record.values_list("village_id", "year", "score")}
    return found


def _weak_on_record(rows: list[Row]) -> set[tuple[str, int]]:
    found = set()
    for chunk in in_chunks(sorted({r["village"] for r in rows})):
        found |= set(WeakOrganisation.objects.filter(village_id__in=chunk).values_list("village_id", "year"))
    return found


class AppraisalSheet(Sheet):
    name = "个人考核"
    key = ("id_number", "year")
    columns = [
        ID_NUMBER,
        # Not in EXCHANGE.md's list: optional, so files without it import as before; an export gives
        # it, so that a masked number can be told apart from another by the name (cadres.unmasking).
        Column("姓名", "name", NAME.parse, note="选填；须与系统中的姓名一致。号码隐去部分数字时凭姓名确认人员"),
        Column(**{**YEAR.__dict__, "note": "四位年份；此人该年度须在村“两委”任职"}),
        Column(
            "考核等次",
            "grade",
            cells.choice(Grade.values),
            required=True,
            options=tuple(Grade.values),
            note="/".join(Grade.values),
        ),
    ]

    def check_rows(self, rows: list[Row], ctx) -> None:
        """The person holds a position in that year, in a village of the importer's area: on record,
        or in the 村干部 sheet of this workbook (whose rows lie in the importer's area)."""
        known_persons(ctx, [r["id_number"] for r in rows])
        for row in rows:
            if row["name"]:
                check_person(self, row, ctx)
        # In a commit the holdings read stay locked until the rows are written.
        locking = transaction.get_connection().in_atomic_block
        recorded = held_spans(ctx.actor, [r["id_number"] for r in rows], lock=locking)
        townships: dict[int, set[str]] = {}
        for row in rows:
            number = row["id_number"]
            spans = [*recorded.get(number, ()), *ctx.state.holdings.get(number, ())]
            problem = rules.appraisal_problem(row["year"], spans)
            if problem:
                ctx.error(self, row, "year", problem)
            townships[row.number] = {s.village[:9] for s in spans if s.covers_year(row["year"])}
        locked = approvals.locked_problems((t, r["year"]) for r in rows for t in townships[r.number])
        for row in rows:
            found = sorted(k for k in locked if k[1] == row["year"] and k[0] in townships[row.number])
            if row.valid and found:
                ctx.error(self, row, "year", locked[found[0]])

    def write(self, rows: list[Row], ctx) -> tuple[int, int]:
        ids: dict[str, int] = {}
        for chunk in in_chunks(sorted({r["id_number"] for r in rows})):
            ids.update(Person.objects.filter(id_number__in=chunk).values_list("id_number", "pk"))
        appraisals = [Appraisal(person_id=ids[r["id_number"]], year=r["year"], grade=r["grade"]) for r in rows]
        return services.appraisals_import(ctx=ctx, appraisals=appraisals)

    def export_rows(self, actor):
        """The appraisals of a year of the persons who held a position in the area that year."""
        held: dict[int, list[Span]] = {}
        for person_id, village, start, end in scope(Holding.objects.all(), actor).values_list(
            "person_id", "village_id", "start", "end"
        ):
            held.setdefault(person_id, []).append(Span(village, start, end))
        appraisals = Appraisal.objects.filter(person_id__in=list(held)).select_related("person")
        for a in sorted(appraisals, key=lambda a: (a.person.id_number, a.year)):
            if rules.held_in(a.year, held[a.person_id]):
                yield [a.person.id_number, a.person.name, a.year, a.grade]

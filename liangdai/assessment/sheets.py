"""The 星级评定 and 个人考核 sheets (EXCHANGE.md)."""

import datetime as dt
from collections import defaultdict

from liangdai.cadres.models import Holding, Person, WeakOrganisation
from liangdai.cadres.persons import ID_NUMBER
from liangdai.exchange import cells
from liangdai.exchange.sheets import Column, Row, Sheet
from liangdai.exchange.writes import existing_by_key, in_chunks, upsert
from liangdai.org.scoping import scope
from liangdai.rules.selectors import rule_for, stars_for
from liangdai.villages.sheets import VILLAGE, yes_no_text

from .models import Appraisal, Grade, StarRating

YEAR = Column("年度", "year", cells.year, required=True, note="四位年份，如 2018")


def flag_day(year: int) -> dt.date:
    """A weak-and-lax flag given with the year's rating is dated at the end of that year."""
    return dt.date(year, 12, 31)


class StarSheet(Sheet):
    name = "星级评定"
    key = ("village", "year")
    columns = [
        VILLAGE,
        YEAR,
        Column("得分", "score", cells.decimal_number(0, 100), required=True, note="0–100，最多两位小数"),
        Column("星级", "stars", cells.whole_number(0, 5), note="0–5；不填时按该年度分数线得出，填写时须与分数线一致"),
        Column("是否软弱涣散", "weak", cells.yes_no, options=("是", "否"), note="是/否"),
        Column("软弱涣散原因", "weak_reason", cells.text, note="是否软弱涣散为“是”时必填"),
    ]

    def check_row(self, row: Row, ctx) -> None:
        if row["score"].as_tuple().exponent < -2:
            ctx.error(self, row, "score", "得分最多保留两位小数")
        if row["weak"] and not row["weak_reason"]:
            ctx.error(self, row, "weak_reason", "是否软弱涣散为“是”时，软弱涣散原因必填")

    def check_rows(self, rows: list[Row], ctx) -> None:
        """Stars follow the year's thresholds (the county's where it sets its own); a flag already
        on record is not withdrawn by an import."""
        thresholds: dict[tuple[str, int], dict] = {}
        for row in rows:
            county = (row["village"][:6], row["year"])
            if county not in thresholds:
                thresholds[county] = rule_for("star_thresholds", row["year"], row["village"][:6])
            stars = stars_for(thresholds[county], row["score"])
            if row["stars"] is not None and row["stars"] != stars:
                ctx.error(
                    self,
                    row,
                    "stars",
                    f"星级（{row['stars']}）与{row['year']}年度分数线不符：得分{row['score'].normalize():f}应为{stars}星",
                )
            row.values["stars"] = stars
        flagged = _weak_on_record(rows)
        for row in rows:
            if row["weak"] is False and (row["village"], row["year"]) in flagged:
                ctx.error(
                    self,
                    row,
                    "weak",
                    f"该村党组织{row['year']}年度已认定为软弱涣散，不能通过导入撤销；请在整顿页面处理",
                )

    def write(self, rows: list[Row], ctx) -> tuple[int, int]:
        codes = [r["village"] for r in rows]
        key = lambda o: (o.village_id, o.year)  # noqa: E731
        created, updated = upsert(
            ctx,
            model=StarRating,
            entity="star_rating",
            items=[
                StarRating(village_id=r["village"], year=r["year"], score=r["score"], stars=r["stars"]) for r in rows
            ],
            existing=existing_by_key(StarRating.objects.all(), "village_id", codes, key),
            key=key,
            fields=["score", "stars"],
            code=lambda o: o.village_id,
        )
        weak = [
            WeakOrganisation(
                village_id=r["village"], year=r["year"], reason=r["weak_reason"], flagged_on=flag_day(r["year"])
            )
            for r in rows
            if r["weak"]
        ]
        upsert(
            ctx,
            model=WeakOrganisation,
            entity="weak",
            items=weak,
            existing=existing_by_key(WeakOrganisation.objects.all(), "village_id", [w.village_id for w in weak], key),
            key=key,
            fields=["reason"],
            code=lambda o: o.village_id,
        )
        return created, updated

    def export_rows(self, actor):
        weak = {(w.village_id, w.year): w.reason for w in scope(WeakOrganisation.objects.all(), actor)}
        for s in scope(StarRating.objects.all(), actor).order_by("village_id", "year"):
            reason = weak.get((s.village_id, s.year))
            yield [s.village_id, s.year, s.score, s.stars, yes_no_text(reason is not None), reason or ""]


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
        or in the 村干部 sheet of this workbook."""
        years = _holding_years(ctx, [r["id_number"] for r in rows])
        for row in rows:
            number, year = row["id_number"], row["year"]
            if year in years.get(number, ()):
                continue
            # The 村干部 sheet of this workbook (its rows lie in the importer's area) may give the holding.
            if not any(span.covers_year(year) for span in ctx.state.holdings.get(number, ())):
                ctx.error(self, row, "year", f"此人{year}年度未在您管辖范围内的村“两委”任职，不能考核")

    def write(self, rows: list[Row], ctx) -> tuple[int, int]:
        ids: dict[str, int] = {}
        for chunk in in_chunks(sorted({r["id_number"] for r in rows})):
            ids.update(Person.objects.filter(id_number__in=chunk).values_list("id_number", "pk"))
        villages = _latest_villages(ids.values())
        key = lambda o: (o.person_id, o.year)  # noqa: E731
        return upsert(
            ctx,
            model=Appraisal,
            entity="appraisal",
            items=[Appraisal(person_id=ids[r["id_number"]], year=r["year"], grade=r["grade"]) for r in rows],
            existing=existing_by_key(Appraisal.objects.all(), "person_id", ids.values(), key),
            key=key,
            fields=["grade"],
            code=lambda o: villages.get(o.person_id, ""),
        )

    def export_rows(self, actor):
        """The appraisals of a year of the persons who held a position in the area that year."""
        held = defaultdict(set)
        for person_id, start, end in scope(Holding.objects.all(), actor).values_list("person_id", "start", "end"):
            held[person_id].add((start, end))
        appraisals = Appraisal.objects.filter(person_id__in=list(held)).select_related("person")
        for a in sorted(appraisals, key=lambda a: (a.person.id_number, a.year)):
            if any(_spans_year(start, end, a.year) for start, end in held[a.person_id]):
                yield [a.person.id_number, a.year, a.grade]


def _spans_year(start: dt.date, end: dt.date | None, year: int) -> bool:
    return start.year <= year and (end is None or end.year >= year)


def _holding_years(ctx, numbers: list[str]) -> dict[str, set[int]]:
    """The years in which each person held a position in a village of the importer's area."""
    years: dict[str, set[int]] = defaultdict(set)
    for chunk in in_chunks(sorted(set(numbers))):
        holdings = scope(Holding.objects.filter(person__id_number__in=chunk), ctx.actor).values_list(
            "person__id_number", "start", "end"
        )
        for number, start, end in holdings:
            years[number] |= set(range(start.year, (end.year if end else 2100) + 1))
    return years


def _latest_villages(person_ids) -> dict[int, str]:
    villages: dict[int, str] = {}
    for chunk in in_chunks(sorted(set(person_ids))):
        for person_id, village in (
            Holding.objects.filter(person_id__in=chunk).order_by("start").values_list("person_id", "village_id")
        ):
            villages[person_id] = village
    return villages

"""The 发展党员 sheet (EXCHANGE.md): one row per stage a person reached; key 公民身份号码 + 阶段."""

from collections import defaultdict

from liangdai.cadres.persons import ID_NUMBER, check_person, write_persons
from liangdai.core import idnumbers
from liangdai.exchange import cells
from liangdai.exchange.sheets import Column, Row, Sheet
from liangdai.exchange.writes import existing_by_key, in_chunks, upsert
from liangdai.leaders import people
from liangdai.org.scoping import scope

from .models import STAGE_ORDER, DevelopmentRecord
from .timerules import path_errors


class DevelopmentSheet(Sheet):
    name = "发展党员"
    key = ("id_number", "stage")
    columns = [
        ID_NUMBER,
        Column("姓名", "name", cells.text, note="系统中尚无此人时必填"),
        Column(
            "党组织村代码",
            "village",
            cells.village_code,
            required=True,
            text_format=True,
            note="发展该党员的村党组织所在村的12位代码，文本格式",
        ),
        Column(
            "阶段",
            "stage",
            cells.choice(STAGE_ORDER),
            required=True,
            options=tuple(STAGE_ORDER),
            note="/".join(STAGE_ORDER),
        ),
        Column("日期", "date", cells.date, required=True, note="达到该阶段的日期"),
    ]

    def check_rows(self, rows: list[Row], ctx) -> None:
        people.preload(ctx, rows)
        by_person: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            check_person(self, row, ctx)
            by_person[row["id_number"]].append(row)
        recorded = self._recorded(list(by_person))
        for number, person_rows in by_person.items():
            if not people.on_record(ctx, number, self.name) and not any(r["name"] for r in person_rows):
                ctx.error(self, person_rows[0], "name", "系统中尚无此人，姓名必填")
            self._check_path(number, person_rows, recorded.get(number, {}), ctx)

    def _recorded(self, numbers: list[str]) -> dict[str, dict[str, tuple]]:
        """The stages on record of these persons: number -> stage -> (date, village)."""
        found: dict[str, dict[str, tuple]] = defaultdict(dict)
        for chunk in in_chunks(numbers):
            records = DevelopmentRecord.objects.filter(person__id_number__in=chunk).values_list(
                "person__id_number", "stage", "date", "village_id"
            )
            for number, stage, day, village in records:
                found[number][stage] = (day, village)
        return found

    def _check_path(self, number: str, rows: list[Row], recorded: dict, ctx) -> None:
        """The path on record, with the stages these rows give replacing those on record. A stage
        recorded by an organisation outside the importer's area is not theirs to change."""
        by_stage = {r["stage"]: r for r in rows}
        for stage, row in by_stage.items():
            if stage in recorded and not ctx.in_area(recorded[stage][1]):
                ctx.error(self, row, "stage", f"此人的“{stage}”已由您管辖范围以外的党组织登记，不能在此修改")
        dates = {stage: day for stage, (day, _) in recorded.items()} | {s: r["date"] for s, r in by_stage.items()}
        for error in path_errors(dates, idnumbers.birth_date(number)):
            row = by_stage.get(error.stage) or by_stage.get(error.other)
            if row is not None:
                ctx.error(self, row, "date", error.message)

    def write(self, rows: list[Row], ctx) -> tuple[int, int]:
        ids = write_persons(_one_row_per_person(rows), ctx)
        items = [
            DevelopmentRecord(person_id=ids[r["id_number"]], village_id=r["village"], stage=r["stage"], date=r["date"])
            for r in rows
        ]
        return upsert(
            ctx,
            model=DevelopmentRecord,
            entity="development_record",
            items=items,
            existing=existing_by_key(
                DevelopmentRecord.objects.all(), "person_id", ids.values(), lambda o: (o.person_id, o.stage)
            ),
            key=lambda o: (o.person_id, o.stage),
            fields=["village_id", "date"],
            code=lambda o: o.village_id,
        )

    def export_rows(self, actor):
        order = {s: i for i, s in enumerate(STAGE_ORDER)}
        records = scope(DevelopmentRecord.objects.select_related("person"), actor).order_by(
            "village_id", "person__id_number"
        )
        for r in sorted(records, key=lambda r: (r.village_id, r.person.id_number, order[r.stage])):
            yield [r.person.id_number, r.person.name, r.village_id, r.stage, r.date]


def _one_row_per_person(rows: list[Row]) -> list[Row]:
    """A row per person carrying the name that any of their rows gives (a new person needs one)."""
    named: dict[str, Row] = {}
    for row in rows:
        if row["id_number"] not in named or (row["name"] and not named[row["id_number"]]["name"]):
            named[row["id_number"]] = row
    return list(named.values())

"""The 发展党员 sheet (EXCHANGE.md): one row per stage a person reached; key 公民身份号码 + 阶段."""

from collections import defaultdict

from liangdai.cadres.persons import ID_NUMBER, NAME, check_person
from liangdai.core import idnumbers
from liangdai.exchange import cells
from liangdai.exchange.sheets import Column, Row, Sheet
from liangdai.exchange.writes import in_chunks
from liangdai.leaders import people
from liangdai.org.scoping import scope

from . import rules, services
from .models import STAGE_ORDER, DevelopmentRecord


class DevelopmentSheet(Sheet):
    name = "发展党员"
    key = ("id_number", "stage")
    columns = [
        ID_NUMBER,
        Column("姓名", "name", NAME.parse, note="系统中尚无此人时必填"),
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
            rules.READERS["stage"],
            required=True,
            options=tuple(STAGE_ORDER),
            note="/".join(STAGE_ORDER),
        ),
        Column("日期", "date", rules.READERS["date"], required=True, note="达到该阶段的日期"),
    ]

    def check_rows(self, rows: list[Row], ctx) -> None:
        people.preload(ctx, rows)
        by_person: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            check_person(self, row, ctx)
            by_person[row["id_number"]].append(row)
        recorded = self._recorded(list(by_person))
        for number, person_rows in by_person.items():
            problem = rules.name_problem(people.on_record(ctx, number, self.name), _name_given(person_rows))
            if problem:
                ctx.error(self, person_rows[0], "name", problem)
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
            problem = rules.recorded_elsewhere(ctx.actor, stage, recorded[stage][1] if stage in recorded else None)
            if problem:
                ctx.error(self, row, "stage", problem)
        on_record = {stage: day for stage, (day, _) in recorded.items()}
        given = {stage: row["date"] for stage, row in by_stage.items()}
        for error in rules.changed_path_errors(on_record, given, idnumbers.birth_date(number)):
            ctx.error(self, by_stage.get(error.stage) or by_stage[error.other], "date", error.message)

    def write(self, rows: list[Row], ctx) -> tuple[int, int]:
        return services.development_records_import(ctx=ctx, rows=rows)

    def export_rows(self, actor):
        order = {s: i for i, s in enumerate(STAGE_ORDER)}
        records = scope(DevelopmentRecord.objects.select_related("person"), actor).order_by(
            "village_id", "person__id_number"
        )
        for r in sorted(records, key=lambda r: (r.village_id, r.person.id_number, order[r.stage])):
            yield [r.person.id_number, r.person.name, r.village_id, r.stage, r.date]


def _name_given(rows: list[Row]) -> str | None:
    return next((r["name"] for r in rows if r["name"]), None)

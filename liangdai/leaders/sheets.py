"""The 致富带头人 sheet (EXCHANGE.md): one row per wealth leader, keyed by 公民身份号码."""

from liangdai.cadres.persons import check_person, person_columns
from liangdai.exchange.sheets import Column, Row, Sheet
from liangdai.exchange.writes import in_chunks
from liangdai.org.scoping import scope
from liangdai.villages.sheets import VILLAGE

from . import people, rules, services
from .models import EndReason, Industry, LeaderSource, ScaleUnit, WealthLeader


def _choices(header: str, field: str, choices, required: bool = False) -> Column:
    values = tuple(choices.values)
    return Column(header, field, rules.READERS[field], required=required, options=values, note="/".join(values))


def _column(header: str, field: str, note: str = "") -> Column:
    return Column(header, field, rules.READERS[field], required=field in rules.REQUIRED, note=note)


class WealthLeaderSheet(Sheet):
    name = "致富带头人"
    key = ("id_number",)
    columns = [
        *person_columns(profile_required=False),
        Column(**{**VILLAGE.__dict__, "note": "户籍所在村（家乡村）的12位村级区划代码，文本格式"}),
        _choices("产业类型", "industry", Industry, required=True),
        _column("主营项目", "project", note="如 养蜂、荞麦、冷凉蔬菜"),
        _column("经营规模", "scale", note="数字，>0"),
        _choices("规模单位", "scale_unit", ScaleUnit),
        _column("年收入", "income", note="万元，≥0；可写“1.5”或“1.5万”"),
        _column("带动户数", "households", note="整数，≥0"),
        _column("带动人数", "people", note="整数，≥带动户数"),
        _column("带动脱贫户数", "poor_households", note="整数，≤带动户数"),
        _choices("来源", "source", LeaderSource, required=True),
        _column("认定日期", "recognised_on", note="认定为致富带头人的日期"),
        _column("退出日期", "ended_on", note="登记终止（迁出、停业、去世等）的日期，≥认定日期"),
        _choices("退出原因", "end_reason", EndReason),
    ]

    def check_row(self, row: Row, ctx) -> None:
        problems = rules.driving_problems(row["households"], row["people"], row["poor_households"])
        problems.extend(filter(None, [rules.scale_problem(row["scale"], row["scale_unit"])]))
        problems.extend(rules.end_problems(row["recognised_on"], row["ended_on"], row["end_reason"]))
        for field, message in problems:
            ctx.error(self, row, field, message)

    def check_rows(self, rows: list[Row], ctx) -> None:
        people.preload(ctx, rows)
        registered = self._registered(rows)
        for row in rows:
            number = row["id_number"]
            check_person(self, row, ctx)
            if people.record_of(ctx, number) is None and not people.from_earlier_sheet(ctx, number, self.name):
                for field, message in rules.new_person_problems(row.values):
                    ctx.error(self, row, field, message)
            village, ended_on, end_reason = registered.get(number, (None, None, ""))
            problem = rules.registered_elsewhere(ctx.actor, village)
            if problem:
                ctx.error(self, row, "id_number", problem)
            if not self.has_exit_columns(row):
                self._keep_exit(row, ctx, ended_on, end_reason)

    def has_exit_columns(self, row: Row) -> bool:
        """Workbooks made before the exit columns existed lack them (EXCHANGE.md: optional columns)."""
        return any(self.header_of(f) in row.raw for f in rules.EXIT_FIELDS)

    def _keep_exit(self, row: Row, ctx, ended_on, end_reason: str) -> None:
        """A row of a workbook without the exit columns keeps the exit on record, which must still
        not fall before the row's recognition date."""
        row.values["ended_on"], row.values["end_reason"] = ended_on, end_reason or None
        for _field, message in rules.end_problems(row["recognised_on"], ended_on, end_reason):
            ctx.error(self, row, "recognised_on", message)

    def _registered(self, rows: list[Row]) -> dict[str, tuple]:
        """The registrations of the persons of these rows: number -> (village, exit date, exit reason)."""
        numbers = sorted({r["id_number"] for r in rows})
        found: dict[str, tuple] = {}
        for chunk in in_chunks(numbers):
            for number, *registration in WealthLeader.objects.filter(person__id_number__in=chunk).values_list(
                "person__id_number", "village_id", "ended_on", "end_reason"
            ):
                found[number] = tuple(registration)
        return found

    def write(self, rows: list[Row], ctx) -> tuple[int, int]:
        return services.wealth_leaders_import(ctx=ctx, rows=rows)

    def export_rows(self, actor):
        return self.rows_of(scope(WealthLeader.objects.all(), actor))

    def rows_of(self, leaders):
        """The rows of `leaders` (already narrowed to an area), in column order."""
        for w in leaders.select_related("person").order_by("village_id", "person__id_number"):
            p = w.person
            yield [
                p.name,
                p.id_number,
                p.sex,
                p.nationality,
                p.education,
                p.political_status,
                p.phone,
                w.village_id,
                w.industry,
                w.project,
                w.scale,
                w.scale_unit,
                w.income,
                w.households,
                w.people,
                w.poor_households,
                w.source,
                w.recognised_on,
                w.ended_on,
                w.end_reason,
            ]

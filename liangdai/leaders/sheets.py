"""The 致富带头人 sheet (EXCHANGE.md): one row per wealth leader, keyed by 公民身份号码."""

from liangdai.cadres.persons import check_person, person_columns, write_persons
from liangdai.exchange import cells
from liangdai.exchange.sheets import Column, Row, Sheet
from liangdai.exchange.writes import existing_by_key, in_chunks, upsert
from liangdai.org.scoping import scope
from liangdai.villages.sheets import VILLAGE

from . import people
from .models import Industry, LeaderSource, ScaleUnit, WealthLeader

FIELDS = [
    "village_id",
    "industry",
    "project",
    "scale",
    "scale_unit",
    "income",
    "households",
    "people",
    "poor_households",
    "source",
    "recognised_on",
]


def _choices(header: str, field: str, choices, required: bool = False) -> Column:
    values = tuple(choices.values)
    return Column(header, field, cells.choice(values), required=required, options=values, note="/".join(values))


class WealthLeaderSheet(Sheet):
    name = "致富带头人"
    key = ("id_number",)
    columns = [
        *person_columns(profile_required=False),
        Column(**{**VILLAGE.__dict__, "note": "户籍所在村（家乡村）的12位村级区划代码，文本格式"}),
        _choices("产业类型", "industry", Industry, required=True),
        Column("主营项目", "project", cells.text, note="如 养蜂、荞麦、冷凉蔬菜"),
        Column("经营规模", "scale", cells.decimal_number(0, exclusive_min=True), note="数字，>0"),
        _choices("规模单位", "scale_unit", ScaleUnit),
        Column("年收入", "income", cells.decimal_number(0), required=True, note="万元，≥0"),
        Column("带动户数", "households", cells.whole_number(0), required=True, note="整数，≥0"),
        Column("带动人数", "people", cells.whole_number(0), required=True, note="整数，≥带动户数"),
        Column("带动脱贫户数", "poor_households", cells.whole_number(0), note="整数，≤带动户数"),
        _choices("来源", "source", LeaderSource, required=True),
        Column("认定日期", "recognised_on", cells.date, required=True, note="认定为致富带头人的日期"),
    ]

    def check_row(self, row: Row, ctx) -> None:
        if row["people"] < row["households"]:
            ctx.error(self, row, "people", f"带动人数（{row['people']}）不能少于带动户数（{row['households']}）")
        if row["poor_households"] is not None and row["poor_households"] > row["households"]:
            ctx.error(
                self,
                row,
                "poor_households",
                f"带动脱贫户数（{row['poor_households']}）不能多于带动户数（{row['households']}）",
            )
        if row["scale"] is not None and not row["scale_unit"]:
            ctx.error(self, row, "scale_unit", "填写经营规模时，规模单位必填")

    def check_rows(self, rows: list[Row], ctx) -> None:
        people.preload(ctx, rows)
        registered = self._registered_elsewhere(rows, ctx)
        for row in rows:
            number = row["id_number"]
            check_person(self, row, ctx, new_requires_profile=not people.from_earlier_sheet(ctx, number, self.name))
            if number in registered:
                ctx.error(self, row, "id_number", "此人已在您管辖范围以外的村登记为致富带头人，不能在此导入")

    def _registered_elsewhere(self, rows: list[Row], ctx) -> set[str]:
        """A leader registered outside the importer's area is not theirs to move or change."""
        numbers = sorted({r["id_number"] for r in rows})
        found = set()
        for chunk in in_chunks(numbers):
            records = WealthLeader.objects.filter(person__id_number__in=chunk).values_list(
                "person__id_number", "village_id"
            )
            found |= {number for number, village in records if not ctx.in_area(village)}
        return found

    def write(self, rows: list[Row], ctx) -> tuple[int, int]:
        ids = write_persons(rows, ctx)
        items = [
            WealthLeader(
                person_id=ids[r["id_number"]],
                village_id=r["village"],
                industry=r["industry"],
                project=r["project"] or "",
                scale=r["scale"],
                scale_unit=r["scale_unit"] or "",
                income=r["income"],
                households=r["households"],
                people=r["people"],
                poor_households=r["poor_households"],
                source=r["source"],
                recognised_on=r["recognised_on"],
            )
            for r in rows
        ]
        return upsert(
            ctx,
            model=WealthLeader,
            entity="wealth_leader",
            items=items,
            existing=existing_by_key(WealthLeader.objects.all(), "person_id", ids.values(), lambda o: (o.person_id,)),
            key=lambda o: (o.person_id,),
            fields=FIELDS,
            code=lambda o: o.village_id,
        )

    def export_rows(self, actor):
        leaders = scope(WealthLeader.objects.select_related("person"), actor).order_by(
            "village_id", "person__id_number"
        )
        for w in leaders:
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
            ]

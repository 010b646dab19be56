"""The sheets 村情, 活动场所 and 资金支出 (EXCHANGE.md)."""

from collections import defaultdict
from decimal import Decimal

from liangdai.exchange import cells
from liangdai.exchange.sheets import Column, Row, Sheet
from liangdai.exchange.writes import existing_by_key, in_chunks, upsert
from liangdai.org.divisions import new_division
from liangdai.org.models import Division
from liangdai.org.scoping import scope
from liangdai.rules.selectors import fund_amount, rule_for

from .models import FACILITIES, BuildMode, FundingSource, Spending, Venue, VillageIncome, VillageProfile
from .services import fund_limit_error

VILLAGE = Column(
    "村代码", "village", cells.village_code, required=True, text_format=True, note="12位村级区划代码，文本格式"
)


def yes_no_text(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


class VillageSheet(Sheet):
    name = "村情"
    allows_new_village = True
    key = ("village",)
    columns = [
        VILLAGE,
        Column("村名称", "name", cells.text, note="新增村（代码未知，其乡镇已存在）时必填"),
        Column("户籍人口", "population", cells.whole_number(0), required=True, note="整数，≥0"),
        Column("户数", "households", cells.whole_number(0), note="整数，0≤户数≤户籍人口"),
        Column("是否贫困村", "is_poor", cells.yes_no, note="是/否", options=("是", "否")),
        Column("年度", "year", cells.year, note="填写人均纯收入时必填"),
        Column("人均纯收入", "income", cells.decimal_number(0), note="元，≥0，该年度的人均纯收入"),
    ]

    def check_row(self, row: Row, ctx) -> None:
        if row["households"] is not None and row["households"] > row["population"]:
            ctx.error(self, row, "households", f"户数（{row['households']}）不能大于户籍人口（{row['population']}）")
        if row["income"] is not None and row["year"] is None:
            ctx.error(self, row, "year", "填写人均纯收入时，年度必填")

    def check_rows(self, rows: list[Row], ctx) -> None:
        new = ctx.state.new_villages
        for row in rows:
            code = row["village"]
            if ctx.village(code) is not None:
                continue
            if not row["name"]:
                ctx.error(self, row, "name", f"村代码 {code} 不是已知的村级区划代码；新增村时村名称必填")
            elif not Division.objects.filter(code=code[:9], level=4).exists():
                ctx.error(self, row, "village", f"村代码 {code} 所属乡镇 {code[:9]} 不存在")
            else:
                new[code] = new_division(code, row["name"])
        ctx.state.populations.update((r["village"], r["population"]) for r in rows)

    def write(self, rows: list[Row], ctx) -> tuple[int, int]:
        new = list(ctx.state.new_villages.values())
        Division.objects.bulk_create(new)
        for d in new:
            ctx.audit(action="导入新增", entity="division", entity_id=d.code, code=d.code, after={"name": d.name})
        codes = [r["village"] for r in rows]
        profiles = [
            VillageProfile(
                village_id=r["village"],
                population=r["population"],
                households=r["households"],
                is_poor=bool(r["is_poor"]),
            )
            for r in rows
        ]
        created, updated = upsert(
            ctx,
            model=VillageProfile,
            entity="village_profile",
            items=profiles,
            existing=existing_by_key(VillageProfile.objects.all(), "village_id", codes, lambda o: (o.village_id,)),
            key=lambda o: (o.village_id,),
            fields=["population", "households", "is_poor"],
            code=lambda o: o.village_id,
        )
        incomes = [
            VillageIncome(village_id=r["village"], year=r["year"], income=r["income"])
            for r in rows
            if r["income"] is not None
        ]
        upsert(
            ctx,
            model=VillageIncome,
            entity="village_income",
            items=incomes,
            existing=existing_by_key(
                VillageIncome.objects.all(), "village_id", codes, lambda o: (o.village_id, o.year)
            ),
            key=lambda o: (o.village_id, o.year),
            fields=["income"],
            code=lambda o: o.village_id,
        )
        return created, updated

    def export_rows(self, actor):
        latest = {}
        for inc in scope(VillageIncome.objects.order_by("year"), actor):
            latest[inc.village_id] = inc
        for p in scope(VillageProfile.objects.select_related("village").order_by("village_id"), actor):
            inc = latest.get(p.village_id)
            yield [
                p.village_id,
                p.village.name,
                p.population,
                p.households,
                yes_no_text(p.is_poor),
                inc.year if inc else None,
                inc.income if inc else None,
            ]


class VenueSheet(Sheet):
    name = "活动场所"
    key = ("village",)
    columns = [
        VILLAGE,
        Column(
            "面积",
            "area",
            cells.decimal_number(0, 20000, exclusive_min=True),
            required=True,
            note="平方米，>0 且 ≤20000",
        ),
        Column(
            "建设方式",
            "build_mode",
            cells.choice(BuildMode.values),
            required=True,
            options=tuple(BuildMode.values),
            note="新建/扩建/改建/原有",
        ),
        Column("完成日期", "completed_on", cells.date, note="日期；建设方式为“原有”以外时必填"),
        Column(
            "资金来源",
            "funding_source",
            cells.choice(FundingSource.values),
            options=tuple(FundingSource.values),
            note="专项支持/项目整合/其他",
        ),
        Column(
            "设施", "facilities", cells.choice_list(FACILITIES), note="可多选，用“、”分隔：" + "、".join(FACILITIES)
        ),
    ]

    def check_row(self, row: Row, ctx) -> None:
        if row["build_mode"] != BuildMode.EXISTING and row["completed_on"] is None:
            ctx.error(self, row, "completed_on", f"建设方式为“{row['build_mode']}”时，完成日期必填")

    def write(self, rows: list[Row], ctx) -> tuple[int, int]:
        items = [
            Venue(
                village_id=r["village"],
                area=r["area"],
                build_mode=r["build_mode"],
                completed_on=r["completed_on"],
                funding_source=r["funding_source"] or "",
                facilities=r["facilities"] or [],
            )
            for r in rows
        ]
        return upsert(
            ctx,
            model=Venue,
            entity="venue",
            items=items,
            existing=existing_by_key(
                Venue.objects.all(), "village_id", [r["village"] for r in rows], lambda o: (o.village_id,)
            ),
            key=lambda o: (o.village_id,),
            fields=["area", "build_mode", "completed_on", "funding_source", "facilities"],
            code=lambda o: o.village_id,
        )

    def export_rows(self, actor):
        for v in scope(Venue.objects.order_by("village_id"), actor):
            yield [v.village_id, v.area, v.build_mode, v.completed_on, v.funding_source, "、".join(v.facilities)]


class SpendingSheet(Sheet):
    name = "资金支出"
    key = ("village", "date", "purpose")
    columns = [
        VILLAGE,
        Column("日期", "date", cells.date, required=True, note="支出日期"),
        Column(
            "金额",
            "amount",
            cells.decimal_number(0, exclusive_min=True),
            required=True,
            note="元，>0；一年的支出不超过该年度的为民服务资金",
        ),
        Column("用途", "purpose", cells.text, required=True, note="支出用途"),
    ]

    def check_rows(self, rows: list[Row], ctx) -> None:
        """A year's spending stays within that year's fund (DOMAIN.md part 1): the spending on
        record, less what these rows replace, plus these rows."""
        by_year: dict[tuple[str, int], list[Row]] = defaultdict(list)
        for row in rows:
            by_year[(row["village"], row["date"].year)].append(row)
        population = dict(
            VillageProfile.objects.filter(village_id__in={v for v, _ in by_year}).values_list(
                "village_id", "population"
            )
        )
        population.update(ctx.state.populations)
        keys = {self.key_of(r) for r in rows}
        kept: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
        for chunk in in_chunks(sorted({v for v, _ in by_year})):
            recorded = Spending.objects.filter(village_id__in=chunk).values_list(
                "village_id", "date", "purpose", "amount"
            )
            for village, day, purpose, amount in recorded:
                if (village, day, purpose) not in keys:
                    kept[(village, day.year)] += amount
        tiers: dict[tuple[str, int], dict] = {}
        for (village, year), year_rows in sorted(by_year.items()):
            county = (village[:6], year)
            if county not in tiers:
                tiers[county] = rule_for("fund_tiers", year, village[:6])
            fund = fund_amount(tiers[county], population.get(village))
            total = kept[(village, year)] + sum(r["amount"] for r in year_rows)
            error = fund_limit_error(village, year, total, fund)
            if error:
                ctx.error(self, max(year_rows, key=lambda r: r.number), "amount", error)

    def write(self, rows: list[Row], ctx) -> tuple[int, int]:
        items = [
            Spending(village_id=r["village"], date=r["date"], amount=r["amount"], purpose=r["purpose"]) for r in rows
        ]
        return upsert(
            ctx,
            model=Spending,
            entity="spending",
            items=items,
            existing=existing_by_key(
                Spending.objects.all(),
                "village_id",
                [r["village"] for r in rows],
                lambda o: (o.village_id, o.date, o.purpose),
            ),
            key=lambda o: (o.village_id, o.date, o.purpose),
            fields=["amount"],
            code=lambda o: o.village_id,
        )

    def export_rows(self, actor):
        for s in scope(Spending.objects.order_by("village_id", "date"), actor):
            yield [s.village_id, s.date, s.amount, s.purpose]

"""The sheets 村情, 活动场所 and 资金支出 (EXCHANGE.md)."""

from collections import defaultdict
from decimal import Decimal

from liangdai.exchange import cells
from liangdai.exchange.sheets import Column, Row, Sheet
from liangdai.exchange.writes import in_chunks
from liangdai.org.divisions import new_division
from liangdai.org.models import Division
from liangdai.org.scoping import scope
from liangdai.rules.schemas import FundTiers
from liangdai.rules.selectors import rule_for

from . import rules, services
from .models import FACILITIES, BuildMode, FundingSource, Spending, Venue, VillageIncome, VillageProfile

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
        Column("村名称", "name", rules.READERS["name"], note="新增村（代码未知，其乡镇已存在）时必填"),
        Column(
            "户籍人口",
            "population",
            rules.READERS["population"],
            required=True,
            note=f"整数，0–{rules.MAX_POPULATION}",
        ),
        Column("户数", "households", rules.READERS["households"], note="整数，0≤户数≤户籍人口"),
        Column("是否贫困村", "is_poor", cells.yes_no, note="是/否", options=("是", "否")),
        Column("年度", "year", cells.year, note="填写人均纯收入时必填"),
        Column("人均纯收入", "income", rules.READERS["income"], note="元，≥0，该年度的人均纯收入；可写“8000元”“1.2万”"),
    ]

    def check_row(self, row: Row, ctx) -> None:
        for field, problem in (
            ("households", rules.households_problem(row["population"], row["households"])),
            ("year", rules.income_year_problem(row["year"], row["income"])),
        ):
            if problem:
                ctx.error(self, row, field, problem)

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
        return services.village_profiles_import(ctx=ctx, rows=rows)

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
            cells.decimal_number(0, rules.MAX_VENUE_AREA, exclusive_min=True),
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
        problem = rules.completion_problem(row["build_mode"], row["completed_on"])
        if problem:
            ctx.error(self, row, "completed_on", problem)

    def write(self, rows: list[Row], ctx) -> tuple[int, int]:
        return services.venues_import(ctx=ctx, rows=rows)

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
            rules.READERS["amount"],
            required=True,
            note="元，>0；可写“17804元”“1.5万”；一年的支出不超过该年度的为民服务资金",
        ),
        Column("用途", "purpose", rules.READERS["purpose"], required=True, note="支出用途"),
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
        tiers: dict[tuple[str, int], FundTiers] = {}
        for (village, year), year_rows in sorted(by_year.items()):
            county = (village[:6], year)
            if county not in tiers:
                tiers[county] = rule_for("fund_tiers", year, village[:6])
            fund = tiers[county].amount(population.get(village))
            total = kept[(village, year)] + sum(r["amount"] for r in year_rows)
            error = rules.fund_limit_error(village, year, total, fund)
            if error:
                ctx.error(self, max(year_rows, key=lambda r: r.number), "amount", error)

    def write(self, rows: list[Row], ctx) -> tuple[int, int]:
        return services.spendings_import(ctx=ctx, rows=rows)

    def export_rows(self, actor):
        for s in scope(Spending.objects.order_by("village_id", "date"), actor):
            yield [s.village_id, s.date, s.amount, s.purpose]

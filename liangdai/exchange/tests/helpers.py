"""Shared bits of the exchange tests: run an import, read its single error, prove nothing was written."""

import io
import re
import zipfile

from liangdai.core.testing import make_workbook
from liangdai.exchange.models import ImportRecord
from liangdai.exchange.pipeline import ImportResult, Issue, import_workbook
from liangdai.org.models import Division
from liangdai.villages.models import Spending, Venue, VillageIncome, VillageProfile

V1 = "640402103200"  # 官厅村委会, 官厅镇, 原州区
V2 = "640402103201"  # 后川村委会
V3 = "640402103202"  # 高庄村委会
OUTSIDE = "640425103208"  # 红河村委会, 彭阳县: outside the clerk's and the county user's area
UNKNOWN = "640402103299"  # a village-level code that the divisions do not have, township 官厅镇 exists

PROFILE_HEADER = ["村代码", "村名称", "户籍人口", "户数", "是否贫困村", "年度", "人均纯收入"]
VENUE_HEADER = ["村代码", "面积", "建设方式", "完成日期", "资金来源", "设施"]
SPENDING_HEADER = ["村代码", "日期", "金额", "用途"]


def run(sheets: dict[str, list[list]], actor, *, commit: bool = True) -> ImportResult:
    return import_workbook(data=make_workbook(sheets), filename="test.xlsx", actor=actor, commit=commit)


def only_error(result: ImportResult) -> Issue:
    assert len(result.errors) == 1, [(e.row, e.column, e.message) for e in result.errors]
    return result.errors[0]


def fact_counts() -> dict[str, int]:
    return {
        "divisions": Division.objects.count(),
        "profiles": VillageProfile.objects.count(),
        "incomes": VillageIncome.objects.count(),
        "venues": Venue.objects.count(),
        "spending": Spending.objects.count(),
        "committed": ImportRecord.objects.filter(committed=True).count(),
    }


def assert_nothing_written(before: dict[str, int]) -> None:
    assert fact_counts() == before
    assert not ImportRecord.objects.filter(committed=True).exists()


def cell_fill(data: bytes, sheet_index: int, ref: str) -> str | None:
    """The fill colour (ARGB) of one cell of an .xlsx, read from its XML; None when plain."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read(f"xl/worksheets/sheet{sheet_index}.xml").decode()
        styles = z.read("xl/styles.xml").decode()
    cell = re.search(rf'<c r="{ref}"( s="(\d+)")?', sheet)
    if cell is None or cell.group(2) is None:
        return None
    xfs = re.findall(r"<xf [^>]*>", re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S).group(1))
    fill_id = int(re.search(r'fillId="(\d+)"', xfs[int(cell.group(2))]).group(1))
    fills = re.findall(r"<fill>.*?</fill>", re.search(r"<fills[^>]*>(.*?)</fills>", styles, re.S).group(1), re.S)
    colour = re.search(r'<fgColor rgb="([0-9A-F]+)"', fills[fill_id])
    return colour.group(1) if colour else None

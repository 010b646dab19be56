"""A workbook of 50,000 rows imports through the command line, with a progress display (issue 2)."""

import datetime as dt
import re
import time

import xlsxwriter

from liangdai.audit.models import AuditLog
from liangdai.cli import main
from liangdai.org.models import Division
from liangdai.villages.models import Spending, VillageProfile

VILLAGES = 1000
PER_VILLAGE = 50  # 1,000 villages x 50 rows = 50,000 spending rows


def write_workbook(path, villages: list[str]) -> None:
    """村情 gives each village 3,000 people (a 100,000-yuan fund); 资金支出 spends 100 yuan a day
    for 50 days in each: 5,000 yuan, well inside the fund. Written in constant memory, as a county's
    big workbook would be."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    ws = book.add_worksheet("村情")
    ws.write_row(0, 0, ["村代码", "户籍人口"])
    for r, code in enumerate(villages, start=1):
        ws.write_string(r, 0, code)
        ws.write_number(r, 1, 3000)
    ws = book.add_worksheet("资金支出")
    ws.write_row(0, 0, ["村代码", "日期", "金额", "用途"])
    r = 1
    for code in villages:
        for day in range(PER_VILLAGE):
            ws.write_string(r, 0, code)
            ws.write_datetime(r, 1, dt.datetime(2019, 1, 1) + dt.timedelta(days=day), dates)
            ws.write_number(r, 2, 100)
            ws.write_string(r, 3, "日常支出")
            r += 1
    book.close()


def test_fifty_thousand_rows_import_with_progress(system, tmp_path, capsys):
    villages = list(Division.objects.filter(is_village=True).order_by("code").values_list("code", flat=True)[:VILLAGES])
    assert len(villages) == VILLAGES
    path = tmp_path / "big.xlsx"
    write_workbook(path, villages)
    started = time.monotonic()
    assert main(["import", str(path), "--commit"]) == 0
    elapsed = time.monotonic() - started
    captured = capsys.readouterr()
    assert "资金支出：读取 50000 行，新增 50000，更新 0" in captured.out
    assert "村情：读取 1000 行，新增 1000，更新 0" in captured.out
    progress = re.findall(r"(?<!写入)资金支出：(\d+)/50000 行", captured.err)
    assert len(progress) >= 10 and progress[-1] == "50000", captured.err[:500]
    assert [int(p) for p in progress] == sorted(int(p) for p in progress)
    assert "写入资金支出：50000/50000 行" in captured.err
    assert Spending.objects.count() == 50000 and VillageProfile.objects.count() == 1000
    assert AuditLog.objects.filter(action="导入新增", entity="spending").count() == 50000
    assert elapsed < 120, f"50,000 rows took {elapsed:.0f} s"

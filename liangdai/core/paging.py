"""Keyset pagination, the one pager of every list: a page continues from the key of the last row
shown, so it never counts the table (the audit log and import history grow without end) and never
skips or repeats a row when rows are added meanwhile."""

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet

T = TypeVar("T")

PAGE_SIZE = 50


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: Any = None  # the key to continue from; None on the last page


def keyset_page(
    qs: QuerySet, *, after: Any = None, size: int = PAGE_SIZE, descending: bool = False, key: str = "pk"
) -> Page:
    """One page of `qs` ordered by `key` (a unique field), starting past the cursor `after`.

    One row more than the page is fetched: whether it exists tells if there is a next page."""
    if size < 1:
        raise ValueError("size must be positive")
    if after is not None:
        qs = qs.filter(**{f"{key}__{'lt' if descending else 'gt'}": after})
    rows = list(qs.order_by(f"-{key}" if descending else key)[: size + 1])
    items = rows[:size]
    return Page(items, getattr(items[-1], key) if len(rows) > size else None)

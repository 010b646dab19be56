"""The export of a filtered list: the 致富带头人 template filled with exactly the leaders the list
shows (every page), numbers masked as in any export; audited as 导出."""

from django.db.models import QuerySet

from liangdai.audit.services import record_export
from liangdai.exchange.workbooks import export
from liangdai.org.scoping import scope

from .sheets import WealthLeaderSheet


class ListedLeaders(WealthLeaderSheet):
    """The 致富带头人 sheet holding the given leaders only (narrowed to the actor's area again)."""

    def __init__(self, leaders: QuerySet):
        self.leaders = leaders

    def export_rows(self, actor):
        return self.rows_of(scope(self.leaders, actor))


def leaders_export(*, actor, leaders: QuerySet, code: str, note: str = "") -> bytes:
    data = export([ListedLeaders(leaders)], actor)
    record_export(
        actor=actor,
        code=code,
        note=f"{WealthLeaderSheet.name}（筛选：{note or '全部'}）",
        held={"sheets": [WealthLeaderSheet.name], "rows": scope(leaders, actor).count()},
    )
    return data

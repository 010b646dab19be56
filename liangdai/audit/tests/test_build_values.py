"""An import's audit rows, built as tuples and written without a model instance each
(`build_values`, `exchange.writes.insert_values`), hold what `build` gives for one record: the same
fields, identity and phone numbers sealed at any depth (also when sealed already), dates and
amounts as text."""

import datetime as dt
from decimal import Decimal

from liangdai.audit.models import AuditLog
from liangdai.audit.services import AUDIT_COLUMNS, build, build_values
from liangdai.core.protected import seal
from liangdai.exchange.writes import insert_values

NUMBER = "640402198001018015"
AFTER = {
    "id": 7,
    "id_number": NUMBER,
    "name": "王钢",
    "birth_date": dt.date(1980, 1, 1),
    "phone": "13800000000",
    "amount": Decimal("12.50"),
    "end": None,
    "steps": [{"phone": "13900000000", "on": dt.datetime(2019, 1, 2, 3, 4)}, ("a", 1)],
}
FIELDS = ["actor_id", "actor_name", "ip", "action", "entity", "entity_id", "code", "before", "after", "result", "note"]


def fields_of(entry: AuditLog) -> list:
    return [getattr(entry, f) for f in FIELDS]


def test_audit_rows_written_as_tuples_hold_what_build_gives(system):
    expected = build(actor=system, action="导入新增", entity="person", entity_id=7, code="640402", after=AFTER)
    before = {"phone": seal("13700000000"), "education": "初中"}  # a number sealed already stays as it is
    changed = build(actor=system, action="导入更新", entity="person", entity_id=7, code="640402", before=before)
    rows = build_values(actor=system, action="导入新增", entity="person", items=[(7, "640402", None, AFTER)])
    rows += build_values(actor=system, action="导入更新", entity="person", items=[(7, "640402", before, None)])
    ids = insert_values(AuditLog, AUDIT_COLUMNS, rows)
    written = [AuditLog.objects.get(pk=pk) for pk in ids]
    assert [fields_of(w) for w in written] == [fields_of(expected), fields_of(changed)]
    after = written[0].after
    assert after["id_number"] == seal(NUMBER) and after["phone"] == seal("13800000000")
    assert after["steps"][0] == {"phone": seal("13900000000"), "on": "2019-01-02T03:04:00"}
    assert (after["birth_date"], after["amount"]) == ("1980-01-01", "12.50")
    assert written[1].before == {"phone": seal("13700000000"), "education": "初中"}

"""The demo committees: believable, valid by every rule, and loading twice changes nothing."""

import datetime as dt
from collections import Counter

from django.db.models import Count

from liangdai.audit.models import AuditLog
from liangdai.cadres import rules
from liangdai.cadres.demo import demo_cadres
from liangdai.cadres.models import Holding, Person
from liangdai.core import idnumbers
from liangdai.org.models import Division

TODAY = dt.date(2025, 10, 31)


def test_demo_gives_every_village_of_the_county_a_secretary_and_is_idempotent(system):
    summary = demo_cadres(actor=system, county="640402", today=TODAY)
    villages = Division.objects.filter(is_village=True, code__startswith="640402").count()
    assert summary.startswith(f"村“两委”演示数据：640402 新增 {villages} 个村")
    with_secretary = Holding.objects.filter(position="党组织书记").values("village_id").distinct().count()
    assert with_secretary == villages
    counts = (Holding.objects.count(), Person.objects.count(), AuditLog.objects.count())
    assert counts[0] >= 5 * villages
    assert demo_cadres(actor=system, county="640402", today=TODAY).startswith("村“两委”演示数据：640402 新增 0 个村")
    assert (Holding.objects.count(), Person.objects.count(), AuditLog.objects.count()) == counts


def test_demo_holdings_keep_every_rule(system):
    demo_cadres(actor=system, county="640323", today=TODAY)
    for person in Person.objects.all():
        assert idnumbers.check(person.id_number) == person.id_number
        assert (idnumbers.birth_date(person.id_number), idnumbers.sex(person.id_number)) == (
            person.birth_date,
            person.sex,
        )
    holdings = list(Holding.objects.select_related("person"))
    assert all(rules.under_age(h.person.birth_date, h.start) is None for h in holdings)
    seats = [h for h in holdings if rules.single_seat(h.position)]
    by_seat: dict = {}
    for h in seats:
        by_seat.setdefault((h.village_id, h.position), []).append(rules.Tenure(h.start, h.end, "", owner=h.pk))
    assert all(rules.seat_conflicts(tenures) == [] for tenures in by_seat.values())
    reasons = Counter(h.end_reason for h in holdings if h.end)
    assert reasons["调整撤换"] > 0 and reasons["退休"] > 0
    one_shoulder = Holding.objects.values("village_id", "person_id").annotate(n=Count("pk")).filter(n__gt=1)
    assert one_shoulder.exists()

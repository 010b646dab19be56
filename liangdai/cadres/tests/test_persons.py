"""Looking up the persons of an import: all the numbers of a sheet at once, each looked up once,
absence remembered; numbers stored encrypted still match exactly."""

import datetime as dt

from liangdai.cadres import persons
from liangdai.exchange.pipeline import Context

from .makers import idno, make_person


def test_the_numbers_of_a_sheet_cost_one_query_and_a_miss_is_remembered(system, django_assert_num_queries):
    kept = make_person("甲", dt.date(1970, 1, 1), 1)
    absent = idno(dt.date(1971, 1, 1), 2)
    ctx = Context(system)
    with django_assert_num_queries(1):
        found = persons.known_persons(ctx, [kept.id_number, absent, kept.id_number])
    assert (found[kept.id_number].name, found[absent]) == ("甲", None)
    with django_assert_num_queries(0):
        assert persons.known_persons(ctx, [absent, kept.id_number])[absent] is None


def test_five_hundred_and_one_numbers_take_two_queries(system, django_assert_num_queries):
    numbers = [idno(dt.date(1970, 1, 1) + dt.timedelta(days=i), i) for i in range(501)]
    with django_assert_num_queries(2):
        found = persons.known_persons(Context(system), numbers)
    assert len(found) == len(set(numbers)) and not any(found.values())


def test_other_regions_are_found_by_their_number_alone(system):
    make_person("甲", dt.date(1970, 1, 1), 1)
    other = idno(dt.date(1970, 1, 1), 1, region="640425")
    found = persons.known_persons(Context(system), [other])
    assert found == {other: None}

"""The keyset pager: pages by a unique key, one row more than the page tells if there is a next
page, never a count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liangdai.core.paging import keyset_page
from liangdai.core.testing import make_user
from liangdai.org.models import Division, User


@pytest.fixture
def users(db):
    return [make_user(f"p{i}", "640402", "reader") for i in range(7)]


def ids(page) -> list[int]:
    return [u.pk for u in page.items]


def test_the_first_page_holds_size_rows_and_points_past_its_last(users):
    with CaptureQueriesContext(connection) as queries:
        page = keyset_page(User.objects.filter(username__startswith="p"), size=3)
    assert ids(page) == [u.pk for u in users[:3]]
    assert page.next_cursor == users[2].pk
    assert len(queries) == 1 and "COUNT(" not in queries[0]["sql"].upper()


def test_a_middle_page_continues_after_the_cursor(users):
    page = keyset_page(User.objects.filter(username__startswith="p"), after=users[2].pk, size=3)
    assert ids(page) == [u.pk for u in users[3:6]]
    assert page.next_cursor == users[5].pk


def test_a_last_page_exactly_full_has_no_next(users):
    page = keyset_page(User.objects.filter(username__startswith="p"), after=users[3].pk, size=3)
    assert ids(page) == [u.pk for u in users[4:]]
    assert page.next_cursor is None


def test_an_empty_list_is_one_empty_page(db):
    page = keyset_page(User.objects.none(), size=3)
    assert page.items == [] and page.next_cursor is None
    past_the_end = keyset_page(User.objects.all(), after=10**9, size=3)
    assert past_the_end.items == [] and past_the_end.next_cursor is None


def test_descending_goes_newest_first_and_continues_below_the_cursor(users):
    qs = User.objects.filter(username__startswith="p")
    first = keyset_page(qs, size=4, descending=True)
    assert ids(first) == [u.pk for u in reversed(users[3:])]
    assert first.next_cursor == users[3].pk
    rest = keyset_page(qs, after=first.next_cursor, size=4, descending=True)
    assert ids(rest) == [u.pk for u in reversed(users[:3])]
    assert rest.next_cursor is None


def test_a_given_key_field_orders_and_continues(db):
    towns = Division.objects.filter(parent_id="640402")
    codes = sorted(towns.values_list("code", flat=True))
    page = keyset_page(towns, key="code", after=codes[0], size=2, descending=False)
    assert [d.code for d in page.items] == codes[1:3]
    assert page.next_cursor == (codes[2] if len(codes) > 3 else None)


def test_a_page_has_at_least_one_row(db):
    with pytest.raises(ValueError):
        keyset_page(User.objects.all(), size=0)

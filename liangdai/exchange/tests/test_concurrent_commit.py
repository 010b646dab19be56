"""What a commit validated is what it writes: a change that another connection makes to the same
village while the import runs cannot slip between the check and the write (PostgreSQL, two
connections; SQLite has one writer at a time and its transactions begin IMMEDIATE)."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction

from liangdai.cadres.models import Holding, Person
from liangdai.leaders.tests.makers import HOLDING_HEADER, V1, idno
from liangdai.org.divisions import lock_villages

from .helpers import run

D = dt.date
OTHER = idno(D(1975, 1, 1), 91)

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")


def _other_writer(locked: threading.Event, hold_seconds: float) -> None:
    """Another user, on a connection of its own: takes V1's lock as every village write does,
    seats a secretary from 2019-01-01, and commits only after a while."""
    try:
        with transaction.atomic():
            lock_villages([V1])
            person = Person.objects.create(id_number=OTHER, name="赵六", birth_date=D(1975, 1, 1), sex="男")
            Holding.objects.create(person=person, village_id=V1, position="党组织书记", start=D(2019, 1, 1))
            locked.set()
            threading.Event().wait(hold_seconds)
    finally:
        connections.close_all()


def _clean_up() -> None:
    try:
        with transaction.atomic():
            Holding.objects.filter(person__id_number=OTHER).delete()
            Person.objects.filter(id_number=OTHER).delete()
    finally:
        connections.close_all()


def test_a_secretary_seated_during_an_import_is_seen_by_its_validation(system):
    locked = threading.Event()
    writer = threading.Thread(target=_other_writer, args=(locked, 1.5))
    writer.start()
    try:
        assert locked.wait(10)
        row = ["钱七", idno(D(1970, 2, 2), 92), "", "汉族", "高中", "群众", "", V1, "党组织书记", D(2019, 6, 1)]
        result = run({"村干部": [HOLDING_HEADER[:10], row]}, system)
        writer.join()
        assert [e.column for e in result.errors] == ["任职日期"]
        assert "时间重叠" in result.errors[0].message
        assert list(Holding.objects.filter(village_id=V1).values_list("person__id_number", flat=True)) == [OTHER]
    finally:
        writer.join()
        cleaner = threading.Thread(target=_clean_up)
        cleaner.start()
        cleaner.join()

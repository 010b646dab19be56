"""Identity and mobile numbers are stored encrypted (issue 12): the database, the import's bulk
writes and the audit rows hold no number in clear, while lookups, the unique key and every page
that may show a number work as before."""

import datetime as dt
import json

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction

from liangdai.audit.models import AuditLog
from liangdai.cadres import services
from liangdai.cadres.models import Person
from liangdai.cadres.tests.makers import V1, idno
from liangdai.core import protected
from liangdai.core.idnumbers import mask_snapshot
from liangdai.core.testing import make_workbook
from liangdai.exchange.pipeline import import_workbook

NUMBER, PHONE = idno(dt.date(1970, 5, 1), 1), "13912345678"
OTHER_NUMBER, OTHER_PHONE = idno(dt.date(1975, 8, 9), 2, male=False), "13800001111"
HEADER = ["姓名", "公民身份号码", "性别", "民族", "学历", "政治面貌", "联系电话"]
HEADER += ["村代码", "职务", "任职日期", "任职来源", "离任日期", "离任原因"]


def _raw_persons() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM cadres_person ORDER BY id")
        return cursor.fetchall()


def _raw_audit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT before, after, note, entity_id FROM audit_auditlog")
        return json.dumps(cursor.fetchall(), ensure_ascii=False, default=str)


def _person(number=NUMBER, phone=PHONE, name="王刚") -> dict:
    return {"id_number": number, "name": name, "education": "高中", "political_status": "中共党员", "phone": phone}


def test_a_person_saved_by_a_form_is_stored_sealed_and_read_back_in_clear(clerk):
    services.holding_start(actor=clerk, village=V1, person=_person(), position="党组织书记", start=dt.date(2016, 1, 1))
    [(stored_number, stored_phone)] = _raw_persons()
    assert stored_number.startswith(protected.PREFIX) and stored_phone.startswith(protected.PREFIX)
    assert NUMBER not in stored_number and PHONE not in stored_phone
    person = Person.objects.get(id_number=NUMBER)
    assert (person.id_number, person.phone) == (NUMBER, PHONE)
    assert list(Person.objects.filter(id_number__in=[NUMBER, OTHER_NUMBER]).values_list("phone", flat=True)) == [PHONE]


def test_an_import_writes_the_numbers_sealed_in_bulk(system):
    start = dt.date(2018, 1, 1)
    rows = [  # fmt: skip
        ["王刚", NUMBER, None, "回族", "大专", "群众", PHONE, V1, "党组织书记", start, "本村产生", None, None],
        [
            "李芳",
            OTHER_NUMBER,
            None,
            "汉族",
            "高中",
            "群众",
            OTHER_PHONE,
            V1,
            "村委会主任",
            start,
            "本村产生",
            None,
            None,
        ],
    ]
    result = import_workbook(
        data=make_workbook({"村干部": [HEADER, *rows]}), filename="t.xlsx", actor=system, commit=True
    )
    assert not result.errors
    raw = json.dumps(_raw_persons())
    assert all(secret not in raw for secret in (NUMBER, PHONE, OTHER_NUMBER, OTHER_PHONE))
    assert set(Person.objects.values_list("id_number", flat=True)) == {NUMBER, OTHER_NUMBER}


def test_the_audit_rows_hold_the_numbers_sealed_and_the_pages_still_read_them(clerk):
    services.holding_start(actor=clerk, village=V1, person=_person(), position="党组织书记", start=dt.date(2016, 1, 1))
    services.person_save(actor=clerk, **_person(phone=OTHER_PHONE), version=None)
    raw = _raw_audit()
    assert NUMBER not in raw and PHONE not in raw and OTHER_PHONE not in raw
    change = AuditLog.objects.filter(entity="person", action="修改").get()
    assert mask_snapshot(change.after, reveal=True) == {"phone": OTHER_PHONE}
    assert mask_snapshot(change.before, reveal=False) == {"phone": "139****5678"}


def test_one_number_is_still_one_person(clerk):
    Person.objects.create(id_number=NUMBER, name="甲", birth_date=dt.date(1970, 5, 1), sex="男")
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(id_number=NUMBER, name="乙", birth_date=dt.date(1970, 5, 1), sex="男")


@pytest.mark.parametrize("lookup", ["startswith", "gte", "contains", "icontains"])
def test_lookups_that_would_compare_ciphertexts_are_refused(db, lookup):
    with pytest.raises(NotImplementedError, match="stored encrypted"):
        list(Person.objects.filter(**{f"id_number__{lookup}": "6404"}))


def test_another_key_cannot_read_a_sealed_number(settings):
    sealed = protected.seal(NUMBER)
    protected._cipher.cache_clear()
    settings.DATA_KEY = "another-data-key-0123456789-0123456789"
    try:
        with pytest.raises(ValueError, match="LIANGDAI_DATA_KEY"):
            protected.unseal(sealed)
        assert protected.seal(NUMBER) != sealed
    finally:
        protected._cipher.cache_clear()


def test_the_migration_seals_the_numbers_stored_in_clear_before_it(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO cadres_person (id_number, name, birth_date, sex, nationality, education, political_status,"
            " phone) VALUES (%s, '甲', '1970-05-01', '男', '', '', '', %s)",
            [NUMBER, PHONE],
        )
    seal_persons = __import__(
        "liangdai.cadres.migrations.0003_person_numbers_encrypted", fromlist=["seal_persons"]
    ).seal_persons
    seal_persons(apps, connection.schema_editor())
    [(stored_number, stored_phone)] = _raw_persons()
    assert stored_number == protected.seal(NUMBER) and stored_phone == protected.seal(PHONE)
    assert Person.objects.get(id_number=NUMBER).phone == PHONE

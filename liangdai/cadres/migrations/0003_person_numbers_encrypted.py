"""Identity and mobile numbers stored encrypted (core.protected): the columns widen for the sealed
form, then every person on record is sealed under LIANGDAI_DATA_KEY (or the trial's derived key)."""

from django.db import migrations

import liangdai.core.protected

BATCH = 2000


def seal_persons(apps, schema_editor):
    # On the migration's own connection: with MIGRATION_DATABASE_URL set (core.schema) another
    # connection would wait for the lock this migration's ALTER TABLE holds.
    persons = apps.get_model("cadres", "Person").objects.using(schema_editor.connection.alias)
    last = 0
    while True:
        # Read through the field: a plain (older) value comes back as it is; saved, it is sealed.
        batch = list(persons.filter(pk__gt=last).order_by("pk").only("pk", "id_number", "phone")[:BATCH])
        if not batch:
            return
        persons.bulk_update(batch, ["id_number", "phone"], batch_size=500)
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("cadres", "0002_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="person",
            name="id_number",
            field=liangdai.core.protected.ProtectedCharField(max_length=18, unique=True, verbose_name="公民身份号码"),
        ),
        migrations.AlterField(
            model_name="person",
            name="phone",
            field=liangdai.core.protected.ProtectedCharField(blank=True, max_length=11, verbose_name="联系电话"),
        ),
        migrations.RunPython(seal_persons, migrations.RunPython.noop, elidable=True),
    ]

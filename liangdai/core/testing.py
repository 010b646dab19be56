"""Plain `make_*` helpers for tests: small records with sensible defaults."""

import datetime as dt
import io

import xlsxwriter

PASSWORD = "Test-pass-2024!"


def make_user(username: str, division: str, role: str = "entry", **extra):
    from liangdai.org.models import User

    user = User(username=username, division_id=division, role=role, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


def make_profile(village: str, population: int = 1200, households: int | None = 300, is_poor: bool = False):
    from liangdai.villages.models import VillageProfile

    return VillageProfile.objects.create(
        village_id=village, population=population, households=households, is_poor=is_poor
    )


def make_venue(village: str, area=300, build_mode="新建", completed_on=dt.date(2019, 5, 1), **extra):
    from liangdai.villages.models import Venue

    return Venue.objects.create(
        village_id=village, area=area, build_mode=build_mode, completed_on=completed_on, **extra
    )


def make_workbook(sheets: dict[str, list[list]]) -> bytes:
    """An .xlsx in memory: sheet name -> rows (the first row is the header). Strings stay strings,
    numbers stay numbers, dates become date cells: as a county's Excel would hold them."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets.items():
        ws = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, dt.date):
                    ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
                elif isinstance(value, int | float):
                    ws.write_number(r, c, value)
                else:
                    ws.write_string(r, c, str(value))
    book.close()
    return buffer.getvalue()


def verified_client_class():
    """A test client whose `force_login` completes the whole login, the second factor included for a
    user who needs one (org.second_factor): a device is confirmed for them and the session marked
    verified by it, as after giving a code. The tests of the second factor itself log in through
    the pages instead."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from liangdai.org import second_factor

    class VerifiedClient(Client):
        def force_login(self, user, backend=None):
            super().force_login(user, backend)
            if second_factor.needs_verification(user):
                device = second_factor.confirmed_device(user) or TOTPDevice.objects.create(
                    user=user, name=second_factor.DEVICE_NAME, confirmed=True
                )
                session = self.session
                session[DEVICE_ID_SESSION_KEY] = device.persistent_id
                session.save()

    return VerifiedClient

"""Identity and mobile numbers encrypted at rest (issue 12; 等保 三级 8.1.4.8, PIPL art. 51).

A protected column holds AES-SIV of the number under the key of LIANGDAI_DATA_KEY. AES-SIV is
deterministic: the same number always gives the same stored value, so that value is itself the
keyed lookup and the unique key (what a keyed hash beside a randomised ciphertext would give, in one
column), and `filter(id_number=…)`, `__in` and the unique constraint work unchanged. It leaks only
which records share a number, which the unique key reveals anyway. Ordering and range lookups on a
protected column mean nothing and are refused.

The key: LIANGDAI_DATA_KEY (32 characters or more), required in production (settings refuses to
start without it); elsewhere it falls back to one derived from SECRET_KEY, so a trial needs nothing.
A backup holds the numbers in clear inside its sealed file and a restore encrypts them under the
key of the database it restores into."""

import base64
import hashlib
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from django.conf import settings
from django.db import models

PREFIX = "e1:"
KEY_VARIABLE = "LIANGDAI_DATA_KEY"
MIN_KEY = 32
# A stored value: the prefix, then base64 of the 16-byte synthetic IV and the number's bytes.
STORED_LENGTH = 80
_LABEL = [b"liangdai-personal-number"]


@cache
def _cipher() -> AESSIV:
    secret = settings.DATA_KEY or f"derived-from-secret-key:{settings.SECRET_KEY}"
    return AESSIV(hashlib.sha512(b"liangdai data key v1\x00" + secret.encode()).digest())


def seal(text: str) -> str:
    """The stored form of a number; empty stays empty (an optional phone)."""
    if not text or text.startswith(PREFIX):
        return text
    return PREFIX + base64.urlsafe_b64encode(_cipher().encrypt(text.encode(), _LABEL)).decode()


def unseal(value: str) -> str:
    """The number of a stored value. A value without the prefix is taken as it is: a row written
    before the column was protected, until its migration has run."""
    if not value or not value.startswith(PREFIX):
        return value
    try:
        return _cipher().decrypt(base64.urlsafe_b64decode(value[len(PREFIX) :]), _LABEL).decode()
    except (InvalidTag, ValueError):
        raise ValueError(f"无法解密已加密的号码：{KEY_VARIABLE} 与加密时所用的不同") from None


class ProtectedCharField(models.CharField):
    """A CharField whose values are stored sealed. `max_length` is the number's own limit (forms and
    sheets check it); the column is wide enough for the sealed form."""

    protected = True  # bulk writers prepare the value through the field (exchange.writes)
    LOOKUPS = {"exact", "in", "isnull"}

    def db_type(self, connection):
        return models.CharField(max_length=STORED_LENGTH).db_type(connection)

    def cast_db_type(self, connection):
        return self.db_type(connection)

    def from_db_value(self, value, expression, connection):
        return unseal(value) if value is not None else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return seal(value) if isinstance(value, str) else value

    def get_lookup(self, lookup_name):
        if lookup_name not in self.LOOKUPS:
            raise NotImplementedError(f"{self.name} is stored encrypted: only {sorted(self.LOOKUPS)} lookups work")
        return super().get_lookup(lookup_name)


def unseal_snapshot(value, keys):
    if isinstance(value, dict):
        return {
            k: _unseal_or_keep(v) if k in keys and isinstance(v, str) else unseal_snapshot(v, keys)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [unseal_snapshot(v, keys) for v in value]
    return value


def _unseal_or_keep(value: str) -> str:
    try:
        return unseal(value)
    except ValueError:
        return "（无法解密）"

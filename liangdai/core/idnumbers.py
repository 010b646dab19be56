"""Identity numbers (公民身份号码, GB 11643) as EXCHANGE.md checks them.

python-stdnum's ``ric.validate`` also rejects a birth-place code that did not exist in the birth
year, which rejects real people; so only the format, check character and birth date are checked.
"""

import datetime as dt
import re
import unicodedata

from stdnum.cn import ric

from .errors import DomainError
from .protected import unseal_snapshot

_FORMAT = re.compile(r"^\d{17}[\dX]$", re.ASCII)


def normalize(value: str) -> str:
    """Stripped, upper case, full-width digits and letters folded to ASCII (NFKC): "６４…ｘ" is
    the number 64…X typed with a Chinese input method in full-width mode."""
    return unicodedata.normalize("NFKC", value).strip().upper()


def check(number: str) -> str:
    """The number, normalised; raises DomainError with the Chinese reason when it is not valid."""
    number = normalize(number)
    if len(number) != 18:
        raise DomainError(f"公民身份号码应为18位，实为{len(number)}位")
    if not _FORMAT.match(number):
        raise DomainError("公民身份号码应为17位数字加1位校验码（0-9或X）")
    try:
        birth_date(number)
    except ValueError:
        raise DomainError("公民身份号码中的出生日期（第7-14位）不是有效日期") from None
    if ric.calc_check_digit(number) != number[-1]:
        raise DomainError("公民身份号码校验码错误（第18位）")
    return number


_MOBILE = re.compile(r"^1\d{10}$", re.ASCII)


def check_phone(value: str) -> str:
    """A mobile number (EXCHANGE.md 联系电话), stripped; DomainError with the reason when it is not one."""
    phone = unicodedata.normalize("NFKC", value).strip()
    if not _MOBILE.match(phone):
        raise DomainError("联系电话应为以1开头的11位手机号码")
    return phone


def birth_date(number: str) -> dt.date:
    """Digits 7–14 of a normalised number as a date (ValueError when they are not one). What
    python-stdnum's `ric.get_birth_date` gives, without its cleaning of the number: an import calls
    this for every row, and the cleaning was most of the time."""
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def sex(number: str) -> str:
    """男 when the 17th digit is odd, else 女."""
    return "男" if int(number[16]) % 2 else "女"


def mask(number: str) -> str:
    """Shown to users without the right to see it: region and check digit hidden."""
    if len(number) < 8:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def mask_phone(phone: str) -> str:
    if not phone or len(phone) < 7:
        return phone
    return phone[:3] + "****" + phone[-4:]


# A number in a text, not part of a longer run of digits; a mobile number also not inside a word
# (a hash). An identity number must also pass its check, which few other runs of 18 digits do.
_NUMBER_IN_TEXT = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
_MOBILE_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])1\d{10}(?![0-9A-Za-z])")
MASKED_KEYS = {"id_number": mask, "phone": mask_phone}


def is_valid(number: str) -> bool:
    try:
        check(number)
    except DomainError:
        return False
    return True


def mask_text(text: str) -> str:
    """`text` with every valid identity number and every mobile number in it masked."""
    text = _NUMBER_IN_TEXT.sub(lambda m: mask(m[0].upper()) if is_valid(m[0]) else m[0], text)
    return _MOBILE_IN_TEXT.sub(lambda m: mask_phone(m[0]), text)


def mask_snapshot(value, reveal: bool):
    """A record's snapshot (an audit row's before or after, a note) as a user may read it: unless
    `reveal`, the values of the keys `id_number` and `phone` are masked at any depth, and so is any
    identity or mobile number found in another text (DESIGN.md, security model). A copy; the value
    given is not changed. Numbers stored sealed (core.protected) are read first."""
    value = unseal_snapshot(value, MASKED_KEYS)
    if reveal:
        return value
    return _masked(value)


def _masked(value):
    if isinstance(value, dict):
        return {k: _masked_field(k, v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(v) for v in value]
    if isinstance(value, str):
        return mask_text(value)
    return value


def _masked_field(key, value):
    if key in MASKED_KEYS and value not in (None, "") and not isinstance(value, dict | list | tuple):
        return MASKED_KEYS[key](str(value))
    return _masked(value)

"""Reading one cell as EXCHANGE.md allows: text or Excel values, normalised to Python values.

Each parser takes the raw cell (calamine gives str, int, float, bool, date, datetime; '' when empty)
and returns the value, or raises CellError with the Chinese reason. Empty cells never reach them.
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from liangdai.core import dates, idnumbers
from liangdai.core.errors import DomainError

REQUIRED = "必填项不能为空"
Problem = tuple[str, str]  # (field, message)


class CellError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# A text cell that a spreadsheet could take for a formula is exported behind one quote (OWASP
# "CSV injection"): Excel, WPS and LibreOffice then keep it as text even when the file is re-saved.
FORMULA_START = ("=", "+", "-", "@")
QUOTE = "'"


def text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return unquoted(str(value).strip())


def needs_quote(s: str) -> bool:
    """Whether an export writes `s` behind a quote: a formula start, or quotes before one (so that
    the one quote `unquoted` strips is always the export's own and a text of the user's such as
    "'=1" comes back unchanged)."""
    return s.lstrip(QUOTE).startswith(FORMULA_START)


def unquoted(s: str) -> str:
    """The text without the one quote an export put before it, so that an export imported back
    changes nothing; a quote before anything else is the user's own and stays."""
    if s.startswith(QUOTE) and needs_quote(s):
        return s[1:]
    return s


def text_of(max_length: int):
    """Text of at most `max_length` characters: longer text would pass validation and then fail the
    commit on PostgreSQL (a varchar(N) column refuses it)."""

    def parse(value: object) -> str:
        s = text(value)
        if len(s) > max_length:
            raise CellError(f"长度不能超过{max_length}个字符（实为{len(s)}个）")
        return s

    parse.max_length = max_length  # type: ignore[attr-defined]
    return parse


def text_for(model, field_name: str):
    """Text as long as the model's field holds (its `max_length`)."""
    return text_of(model._meta.get_field(field_name).max_length)


def amount_for(model, field_name: str, minimum: Decimal | int | None = 0, exclusive_min: bool = False):
    """A number that the model's DecimalField holds: at most its max_digits, decimal_places of them
    after the point (numeric(12, 2) holds up to 9,999,999,999.99)."""
    field_ = model._meta.get_field(field_name)
    places = field_.decimal_places
    maximum = Decimal(10) ** (field_.max_digits - places) - Decimal(1).scaleb(-places)
    return decimal_number(minimum, maximum, exclusive_min=exclusive_min)


def digits_text(length: int, what: str):
    """A code that must be typed as text: Excel keeps only 15 significant digits of a number."""

    def parse(value: object) -> str:
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise CellError(
                f"{what}须以文本格式填写：单元格是数字格式，Excel 数字只保留15位有效数字，可能已丢失末位；"
                f"请将该列设为文本后重新输入"
            )
        s = text(value)
        if len(s) != length or not (s.isascii() and s.isdigit()):
            raise CellError(f"{what}应为{length}位数字")
        return s

    return parse


village_code = digits_text(12, "村代码")


def id_number(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError(
            "公民身份号码须以文本格式填写：单元格是数字格式，Excel 数字只保留15位有效数字，"
            "18位号码的末3位已丢失，无法恢复；请将该列设为文本后重新输入"
        )
    try:
        return idnumbers.check(text(value))
    except DomainError as exc:
        raise CellError(exc.message) from None


def whole_number(minimum: int | None = 0, maximum: int | None = None):
    def parse(value: object) -> int:
        if isinstance(value, bool):
            raise CellError("应为整数")
        if isinstance(value, float):
            if not value.is_integer():
                raise CellError("应为整数")
            number = int(value)
        elif isinstance(value, int):
            number = value
        else:
            s = text(value).replace(",", "")
            if not re.fullmatch(r"-?\d+(\.0+)?", s):
                raise CellError("应为整数")
            number = int(Decimal(s))
        if minimum is not None and number < minimum:
            raise CellError(f"应不小于{minimum}")
        if maximum is not None and number > maximum:
            raise CellError(f"应不大于{maximum}")
        return number

    return parse


def decimal_number(minimum: Decimal | int | None = None, maximum=None, exclusive_min: bool = False):
    def parse(value: object) -> Decimal:
        if isinstance(value, bool):
            raise CellError("应为数字")
        try:
            number = Decimal(str(value)) if isinstance(value, int | float) else Decimal(text(value).replace(",", ""))
        except InvalidOperation:
            raise CellError("应为数字") from None
        if not number.is_finite():
            raise CellError("应为数字")
        if minimum is not None:
            if exclusive_min and number <= minimum:
                raise CellError(f"应大于{minimum}")
            if not exclusive_min and number < minimum:
                raise CellError(f"应不小于{minimum}")
        if maximum is not None and number > maximum:
            raise CellError(f"应不大于{maximum}")
        return number

    return parse


def date(value: object) -> dt.date:
    day = dates.read_date(value)
    if day is None:
        raise CellError("日期格式不正确，应为日期单元格或 2019-10-31、2019/10/31、2019.10.31、2019年10月31日")
    problem = dates.range_problem(day)
    if problem:
        raise CellError(problem)
    return day


def year(value: object) -> int:
    return whole_number(dates.YEAR_MIN, dates.YEAR_MAX)(value)


def yes_no(value: object) -> bool:
    s = text(value)
    if s not in ("是", "否"):
        raise CellError("应填“是”或“否”")
    return s == "是"


def choice(options):
    options = [str(o) for o in options]

    def parse(value: object) -> str:
        s = text(value)
        if s not in options:
            raise CellError(f"应为以下之一：{'、'.join(options)}")
        return s

    parse.options = options  # type: ignore[attr-defined]
    return parse


def choice_list(options):
    """A list inside a cell, separated by 、 or a comma."""
    options = [str(o) for o in options]

    def parse(value: object) -> list[str]:
        items = [i.strip() for i in re.split(r"[、,，]", text(value)) if i.strip()]
        wrong = [i for i in items if i not in options]
        if wrong:
            raise CellError(f"“{'、'.join(wrong)}”不在可选范围内：{'、'.join(options)}")
        return list(dict.fromkeys(items))

    return parse


def mobile(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return idnumbers.check_phone(text(value))
    except DomainError as exc:
        raise CellError(exc.message) from None


def read_values(values: dict, readers: dict, required) -> tuple[dict, list[Problem]]:
    """`values` read as a sheet reads its cells (blank is None), with a problem for each value that
    its reader refuses and each required one that is blank: a service checks its arguments with
    the very readers of the sheet, so a value's rule and its message exist once."""
    read: dict = {}
    problems: list[Problem] = []
    for field, reader in readers.items():
        value = values.get(field)
        if is_blank(value):
            read[field] = None
            if field in required:
                problems.append((field, REQUIRED))
            continue
        try:
            read[field] = reader(value)
        except CellError as exc:
            read[field] = None
            problems.append((field, exc.message))
    return read, problems

"""Reading one cell as EXCHANGE.md allows: text or Excel values, normalised to Python values.

Each parser takes the raw cell (calamine gives str, int, float, bool, date, datetime; '' when empty)
and returns the value, or raises CellError with the Chinese reason. Empty cells never reach them.
"""

import datetime as dt
import re
import unicodedata
from decimal import Decimal

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


def folded(value: object) -> str:
    """The cell's text with full-width digits, letters and signs folded to ASCII (NFKC): a Chinese
    input method left in full-width mode types "６４０４０２" for 640402."""
    return unicodedata.normalize("NFKC", text(value)).strip()


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


def amount_for(
    model, field_name: str, minimum: Decimal | int | None = 0, exclusive_min: bool = False, unit: str | None = None
):
    """A number that the model's DecimalField holds: at most its max_digits, decimal_places of them
    after the point (numeric(12, 2) holds up to 9,999,999,999.99). With a `unit` (元 or 万元), a
    text cell may carry a unit as offices type it: "17804元", "1.5万" (see `_amount_text`)."""
    field_ = model._meta.get_field(field_name)
    places = field_.decimal_places
    maximum = Decimal(10) ** (field_.max_digits - places) - Decimal(1).scaleb(-places)
    return decimal_number(minimum, maximum, exclusive_min=exclusive_min, places=places, unit=unit)


def digits_text(length: int, what: str):
    """A code that must be typed as text: Excel keeps only 15 significant digits of a number."""

    def parse(value: object) -> str:
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise CellError(
                f"{what}须以文本格式填写：单元格是数字格式，Excel 数字只保留15位有效数字，可能已丢失末位；"
                f"请将该列设为文本后重新输入"
            )
        s = folded(value)
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
        return idnumbers.check(folded(value))
    except DomainError as exc:
        raise CellError(exc.message) from None


# A number as typed: digits with an optional sign and decimals, thousands grouped by commas or not,
# or as Excel shows a large one (1.5E+11).
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d{1,3})?", re.ASCII)
# An amount as offices type it: "17804元", "1.5万", "¥17,804.00"; the unit is checked against the column's.
_AMOUNT = re.compile(r"[¥]?\s*(?P<number>[^\s元万¥]+)\s*(?P<unit>万元|万|元)?")
TEN_THOUSAND = Decimal(10000)


def _number_of(value: object) -> Decimal | None:
    """The cell as a Decimal, None if it is not a plain number. A float is taken at the 15
    significant digits Excel shows (0.1 + 0.2 is 0.3, not 0.30000000000000004)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):  # a form's value
        return value if value.is_finite() else None
    if isinstance(value, float):
        return Decimal(format(value, ".15g")) if value == value and abs(value) != float("inf") else None
    s = folded(value)
    return Decimal(s.replace(",", "")) if _NUMBER.fullmatch(s) else None


def _amount_text(value: object, unit: str) -> Decimal | None:
    """A text amount in the column's `unit` (元 or 万元): a bare number, or one followed by 元, 万
    or 万元 (万 is 10,000). An amount in 元 in a column of 万元 is refused rather than divided,
    since "17804元" there is more likely a slip of column than an amount to convert."""
    s = folded(value)
    match = _AMOUNT.fullmatch(s)
    number = _number_of(match.group("number")) if match else None
    if number is None:
        raise CellError(f"应为数字：“{s}”不是可识别的金额，只填数字，可带“元”或“万”（如 17804、17804元、1.5万）")
    typed = {"万": "万元", "万元": "万元", "元": "元"}.get(match.group("unit") or "", unit)
    if typed == unit:
        return number
    if unit == "元":
        return number * TEN_THOUSAND
    raise CellError(f"本列以万元为单位：“{s}”请换算为万元填写（即 {(number / TEN_THOUSAND).normalize():f} 万元）")


def _check_range(number, minimum, maximum, exclusive_min: bool = False) -> None:
    if minimum is not None:
        if exclusive_min and number <= minimum:
            raise CellError(f"应大于{minimum}")
        if not exclusive_min and number < minimum:
            raise CellError(f"应不小于{minimum}")
    if maximum is not None and number > maximum:
        raise CellError(f"应不大于{maximum}")


def whole_number(minimum: int | None = 0, maximum: int | None = None):
    """A whole number within [minimum, maximum]: a number cell, or text such as "1,200" or "１２００"."""

    def parse(value: object) -> int:
        number = _number_of(value)
        if number is None or number != number.to_integral_value():
            raise CellError("应为整数")
        number = int(number)
        _check_range(number, minimum, maximum)
        return number

    parse.minimum, parse.maximum = minimum, maximum  # type: ignore[attr-defined]
    return parse


def decimal_number(
    minimum: Decimal | int | None = None,
    maximum=None,
    exclusive_min: bool = False,
    *,
    places: int | None = None,
    unit: str | None = None,
):
    """A number within its bounds with at most `places` decimals; a text cell in a column with a
    `unit` may carry it (`_amount_text`)."""

    def parse(value: object) -> Decimal:
        if unit and isinstance(value, str):
            number = _amount_text(value, unit)
        else:
            number = _number_of(value)
            if number is None:
                raise CellError("应为数字")
        _check_range(number, minimum, maximum, exclusive_min)
        if places is not None and number.as_tuple().exponent < -places and number != round(number, places):
            raise CellError(f"最多保留{places}位小数")
        return number

    parse.minimum, parse.maximum = minimum, maximum  # type: ignore[attr-defined]
    return parse


_EIGHT_DIGITS = re.compile(r"\d{8}", re.ASCII)
DATE_FORMS = "应为日期单元格或 2019-10-31、2019/10/31、2019.10.31、2019年10月31日、20190703"


def date(value: object) -> dt.date:
    """A date cell, or a date typed as text in the forms of EXCHANGE.md, or as eight digits
    (20190703, as a number or as text: how many offices type dates)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        value = str(int(value))
    if isinstance(value, str):
        value = folded(value)
        if _EIGHT_DIGITS.fullmatch(value):
            return _eight_digit_date(value)
    day = dates.read_date(value)
    if day is None:
        raise CellError(f"日期格式不正确，{DATE_FORMS}")
    problem = dates.range_problem(day)
    if problem:
        raise CellError(problem)
    return day


def _eight_digit_date(digits: str) -> dt.date:
    try:
        day = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise CellError(f"“{digits}”不是有效日期：8位数字按“年年年年月月日日”读取") from None
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
        return idnumbers.check_phone(folded(value))
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

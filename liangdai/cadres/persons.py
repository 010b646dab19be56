"""One identity number is one person across every sheet and village (EXCHANGE.md). The person
columns, their checks and their writing, shared by every sheet that names people."""

from liangdai.core import idnumbers
from liangdai.core.protected import seal
from liangdai.exchange import cells
from liangdai.exchange.sheets import Column, Row
from liangdai.exchange.state import Naming
from liangdai.exchange.writes import in_chunks

from . import rules
from .models import Education, Person, PoliticalStatus

NATIONALITIES = [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
]

NAME = Column("姓名", "name", cells.text_for(Person, "name"), required=True, note="与公民身份号码一致的姓名")
ID_NUMBER = Column(
    "公民身份号码",
    "id_number",
    cells.id_number,
    required=True,
    text_format=True,
    masked="id",
    note="18位，文本格式；出生日期和性别由号码得出",
)
SEX = Column("性别", "sex", cells.choice(["男", "女"]), options=("男", "女"), note="男/女，须与身份号码一致")
NATIONALITY = Column("民族", "nationality", cells.choice(NATIONALITIES), note="56个民族之一，如 汉族、回族")
EDUCATION = Column(
    "学历",
    "education",
    cells.choice(Education.values),
    options=tuple(Education.values),
    note="/".join(Education.values),
)
POLITICAL = Column(
    "政治面貌",
    "political_status",
    cells.choice(PoliticalStatus.values),
    options=tuple(PoliticalStatus.values),
    note="/".join(PoliticalStatus.values),
)
PHONE = Column("联系电话", "phone", cells.mobile, text_format=True, masked="phone", note="以1开头的11位手机号码")


def person_columns(*, profile_required: bool) -> list[Column]:
    """The person columns of a sheet; 学历 and 政治面貌 required where the sheet requires them."""
    education = Column(**{**EDUCATION.__dict__, "required": profile_required})
    political = Column(**{**POLITICAL.__dict__, "required": profile_required})
    return [NAME, ID_NUMBER, SEX, NATIONALITY, education, political, PHONE]


def known_persons(ctx, numbers) -> dict[str, Person]:
    """The persons on record among `numbers`, cached in the import context (None: not on record).
    The sheets ask row by row; each sheet's `prepare` (or its check_rows) asks for all its rows'
    numbers first, so a file of thousands of rows costs a query per thousand numbers. Numbers are
    stored encrypted (core.protected): only equality lookups work, which is all this needs."""
    cache: dict[str, Person | None] = ctx.state.person_records
    sealed = ctx.state.sealed_numbers  # a number not on record is sealed once, for the lookup and the write
    missing = sorted({n for n in numbers if n and n not in cache})
    for chunk in in_chunks(missing):
        keys = {n: sealed.get(n) or seal(n) for n in chunk}
        found = {p.id_number: p for p in Person.objects.filter(id_number__in=list(keys.values()))}
        for n in chunk:
            cache[n] = record = found.get(n)
            if record is None:
                sealed[n] = keys[n]
    return cache


def record_of(ctx, number: str) -> Person | None:
    """The person on record with this identity number (`known_persons` for one number)."""
    cache = ctx.state.person_records
    return cache[number] if number in cache else known_persons(ctx, [number]).get(number)


def check_person(sheet, row: Row, ctx) -> None:
    """Sex agrees with the number; the name agrees with the record and with earlier rows of this
    workbook (the first name given is kept in `ctx.state.namings` for the sheets after it)."""
    number = row["id_number"]
    if number is None:
        return
    if row["sex"] and row["sex"] != idnumbers.sex(number):
        ctx.error(sheet, row, "sex", f"性别“{row['sex']}”与公民身份号码不符（号码第17位表示{idnumbers.sex(number)}）")
    record = record_of(ctx, number)
    namings = ctx.state.namings
    name = row["name"]
    first = namings.get(number)
    if record is not None and name and name != record.name:
        # Neither the recorded name nor the record is told: the person may be outside the user's area.
        ctx.error(sheet, row, "name", rules.name_mismatch(name))
    elif name and first is not None and first.name != name:
        ctx.error(
            sheet, row, "name", f"姓名“{name}”与{first.sheet}第{first.row}行同一公民身份号码的姓名“{first.name}”不一致"
        )
    elif name and first is None:
        namings[number] = Naming(name, sheet.name, row.number)

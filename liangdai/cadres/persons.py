"""One identity number is one person across every sheet and village (EXCHANGE.md). The person
columns, their checks and their writing, shared by every sheet that names people."""

from liangdai.core import idnumbers
from liangdai.exchange import cells
from liangdai.exchange.sheets import Column, Row
from liangdai.exchange.state import Naming
from liangdai.exchange.writes import existing_by_key, in_chunks, upsert
from liangdai.org.scoping import visible_persons

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

NAME = Column("姓名", "name", cells.text, required=True, note="与公民身份号码一致的姓名")
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

PROFILE_FIELDS = list(rules.PROFILE_FIELDS)


def person_columns(*, profile_required: bool) -> list[Column]:
    """The person columns of a sheet; 学历 and 政治面貌 required where the sheet requires them."""
    education = Column(**{**EDUCATION.__dict__, "required": profile_required})
    political = Column(**{**POLITICAL.__dict__, "required": profile_required})
    return [NAME, ID_NUMBER, SEX, NATIONALITY, education, political, PHONE]


# Persons loaded at once per region (the number's first six digits), up to this many.
REGION_LIMIT = 20_000


def _load_region(cache: dict, region: str) -> bool:
    """Every person whose number starts with `region` into the cache; False when there are too
    many to load at once. A range on the unique index, not LIKE, so any collation uses the index."""
    upper = str(int(region) + 1).zfill(len(region))
    found = list(Person.objects.filter(id_number__gte=region, id_number__lt=upper).order_by()[: REGION_LIMIT + 1])
    if len(found) > REGION_LIMIT:
        return False
    cache.update((p.id_number, p) for p in found)
    return True


def known_persons(ctx, numbers) -> dict[str, Person]:
    """The persons on record among `numbers`, cached in the import context. The sheets ask row by
    row; a miss loads the number's whole region (a county's people share it), so a file of
    thousands of rows costs a few queries rather than one per row."""
    cache: dict[str, Person | None] = ctx.state.person_records
    regions: dict[str, bool] = ctx.state.person_regions
    missing = sorted({n for n in numbers if n and n not in cache})
    for region in sorted({n[:6] for n in missing if n[:6].isdigit()} - set(regions)):
        regions[region] = _load_region(cache, region)
    unresolved = []
    for n in missing:
        if n in cache:
            continue
        if regions.get(n[:6]):
            cache[n] = None
        else:
            unresolved.append(n)
    for chunk in in_chunks(unresolved):
        found = {p.id_number: p for p in Person.objects.filter(id_number__in=chunk)}
        for n in chunk:
            cache[n] = found.get(n)
    return cache


def check_person(sheet, row: Row, ctx, *, new_requires_profile: bool = False) -> None:
    """Sex agrees with the number; the name agrees with the record and with earlier rows of this
    workbook; a person not yet on record has 学历 and 政治面貌 where the sheet says so."""
    number = row["id_number"]
    if number is None:
        return
    if row["sex"] and row["sex"] != idnumbers.sex(number):
        ctx.error(sheet, row, "sex", f"性别“{row['sex']}”与公民身份号码不符（号码第17位表示{idnumbers.sex(number)}）")
    record = known_persons(ctx, [number]).get(number)
    namings = ctx.state.namings
    # A person named by an earlier sheet of this workbook is on record once the workbook is written.
    named_earlier = ctx.state.named_before(number, sheet.name)
    name = row["name"]
    first = namings.get(number)
    if record is not None and name and name != record.name:
        # The recorded name is not shown: the person may be on record only outside the user's area.
        ctx.error(sheet, row, "name", f"姓名“{name}”与系统中该公民身份号码登记的姓名不一致")
    elif name and first is not None and first.name != name:
        ctx.error(
            sheet, row, "name", f"姓名“{name}”与{first.sheet}第{first.row}行同一公民身份号码的姓名“{first.name}”不一致"
        )
    elif name and first is None:
        namings[number] = Naming(name, sheet.name, row.number)
    if record is None and not named_earlier and new_requires_profile:
        for field in ("education", "political_status"):
            if row.values.get(field) is None:
                ctx.error(sheet, row, field, "系统中尚无此人，该项必填")


def write_persons(rows: list[Row], ctx) -> dict[str, int]:
    """Create the persons not on record and update the profile fields a row gives; returns the
    person id of every identity number in the rows."""
    latest: dict[str, Row] = {}
    for row in rows:
        latest[row["id_number"]] = row
    items = []
    existing = existing_by_key(Person.objects.all(), "id_number", latest, lambda p: (p.id_number,))
    ours = _visible_ids(ctx.actor, [p.pk for p in existing.values()])
    for number, row in latest.items():
        old = existing.get((number,))
        values = {f: row.values.get(f) for f in PROFILE_FIELDS}
        if old is not None:
            # The same rule as `services.person_save`: a person of another area is not changed here.
            changes = rules.profile_changes(old, values, in_area=old.pk in ours)
            values = {f: changes.get(f, getattr(old, f)) for f in PROFILE_FIELDS}
        items.append(
            Person(
                id_number=number,
                name=row["name"] or (old.name if old else ""),
                birth_date=idnumbers.birth_date(number),
                sex=idnumbers.sex(number),
                **{f: v or "" for f, v in values.items()},
            )
        )
    upsert(
        ctx,
        model=Person,
        entity="person",
        items=items,
        existing=existing,
        key=lambda p: (p.id_number,),
        fields=PROFILE_FIELDS,
        # Filed under the village of the row that names the person, so the audit administrator of
        # that area sees it; a person has no area of their own.
        code=lambda p: latest[p.id_number].values.get("village") or "",
    )
    return _ids_in_chunks(list(latest))


def _visible_ids(actor, person_ids: list[int]) -> set[int]:
    found: set[int] = set()
    for chunk in in_chunks(sorted(person_ids)):
        found |= set(visible_persons(actor, Person.objects.filter(pk__in=chunk)).values_list("pk", flat=True))
    return found


def _ids_in_chunks(numbers: list[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for chunk in in_chunks(numbers):
        ids.update(Person.objects.filter(id_number__in=chunk).values_list("id_number", "pk"))
    return ids

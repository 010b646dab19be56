"""The masked numbers of an export, read back by its importer (`exchange.masked`; issue 11).

A masked identity number (640***********0035) stands for the one person whom the importer may see
(`scoping.visible_persons`) whose number masks to it and whose name is the row's name. The mask
keeps the first three and the last four characters, the check character among them; with the name,
two persons of one area rarely share both, and when they do the row is refused as ambiguous rather
than guessed. Only persons on record can match, and only in the importer's area, so a masked number
never creates a person nor reaches one elsewhere; whoever forges a masked cell can name only a
person they may already change. A masked phone number that is the mask of the phone on record of
the row's person means "unchanged": the cell then reads as blank, which keeps what is on record
(`rules.profile_changes`). Any other masked cell was edited, and is refused with how to correct it.
"""

from collections import defaultdict

from liangdai.core.idnumbers import mask, mask_phone
from liangdai.exchange.masked import Masked, has_masked
from liangdai.exchange.sheets import Row, Sheet
from liangdai.exchange.writes import in_chunks
from liangdai.org.scoping import visible_persons

from .bulk import visible_ids
from .models import Person
from .persons import known_persons


def number_unknown(masked: str, name: str | None) -> str:
    who = f"姓名为“{name}”且" if name else ""
    return (
        f"“{masked}”是导出时隐去部分数字的号码，您辖区内没有{who}号码与之相符的人员：带*的号码不能修改。"
        "如需更正号码，请在此格填写完整的18位号码（可请有查看完整号码权限的用户核对），或在人员页面核对该人员"
    )


def number_ambiguous(masked: str, name: str | None, count: int) -> str:
    who = f"姓名为“{name}”、" if name else ""
    fix = "请在此格填写完整的18位号码" if name else "请填写姓名，或在此格填写完整的18位号码"
    return (
        f"您辖区内有{count}名{who}号码为“{masked}”的人员，无法确定是哪一位："
        f"{fix}（可请有查看完整号码权限的用户导出或核对）"
    )


def phone_changed(masked: str) -> str:
    return (
        f"“{masked}”是导出时隐去部分数字的号码，与该人员登记的联系电话不符：带*的号码不能修改。"
        "如需更正联系电话，请在此格填写完整的11位手机号码，或在人员页面修改（有查看完整号码权限的用户可核对原号码）"
    )


def unmask_persons(sheet: Sheet, rows: list[Row], ctx) -> None:
    """The unmasker of every sheet that names persons (registered in `apps.ready`)."""
    number = next((c.field for c in sheet.columns if c.masked == "id"), None)
    if number is None:
        return
    _unmask_numbers(sheet, number, rows, ctx)
    phone = next((c.field for c in sheet.columns if c.masked == "phone"), None)
    if phone is not None:
        _unmask_phones(sheet, number, phone, rows, ctx)


def _unmask_numbers(sheet: Sheet, field: str, rows: list[Row], ctx) -> None:
    masked_rows = [r for r in rows if has_masked(r, field)]
    if not masked_rows:
        return
    names = {r["name"] for r in masked_rows}
    candidates = _visible_by_mask(ctx.actor, None if None in names else names)
    for row in masked_rows:
        cell: Masked = row[field]
        matches = sorted({n for n, name in candidates.get(cell.text, ()) if row["name"] in (None, name)})
        row.values[field] = matches[0] if len(matches) == 1 else None
        if not matches:
            ctx.error(sheet, row, field, number_unknown(cell.text, row["name"]))
        elif len(matches) > 1:
            ctx.error(sheet, row, field, number_ambiguous(cell.text, row["name"], len(matches)))


def _visible_by_mask(actor, names: set[str] | None) -> dict[str, list[tuple[str, str]]]:
    """The persons the actor may see (those named `names`, or all when None), as mask -> [(number,
    name)]. Numbers are stored encrypted, so masks are computed here; the names narrow the search."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    if names is None:
        batches = [Person.objects.all()]
    else:
        batches = [Person.objects.filter(name__in=chunk) for chunk in in_chunks(sorted(names))]
    for persons in batches:
        for number, name in visible_persons(actor, persons).values_list("id_number", "name").iterator(2000):
            found[mask(number)].append((number, name))
    return found


def _unmask_phones(sheet: Sheet, number_field: str, field: str, rows: list[Row], ctx) -> None:
    masked_rows = [r for r in rows if has_masked(r, field)]
    if not masked_rows:
        return
    numbers = {r[number_field] for r in masked_rows if r[number_field]}
    records = {n: p for n, p in known_persons(ctx, numbers).items() if n in numbers and p is not None}
    ours = visible_ids(ctx.actor, [p.pk for p in records.values()])
    for row in masked_rows:
        cell: Masked = row[field]
        row.values[field] = None  # blank: the phone on record stays
        if row[number_field] is None:
            continue  # the row is refused for its identity number already
        person = records.get(row[number_field])
        if person is None or person.pk not in ours or not person.phone or mask_phone(person.phone) != cell.text:
            ctx.error(sheet, row, field, phone_changed(cell.text))

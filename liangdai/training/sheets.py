"""The 培训 sheet (EXCHANGE.md): a row per trainee of a class; key 培训班名称 + 开始日期 + 学员公民身份号码.
The class columns repeat on each of its rows and must agree."""

from liangdai.cadres.models import Person
from liangdai.cadres.persons import NAME, check_person
from liangdai.exchange import cells
from liangdai.exchange.sheets import Column, Row, Sheet
from liangdai.exchange.writes import existing_by_key, in_chunks
from liangdai.leaders import people

from . import rules, services
from .models import Enrolment, Level, TrainingClass
from .rules import CLASS_FIELDS
from .selectors import enrolments, visible_numbers


class TrainingSheet(Sheet):
    name = "培训"
    key = ("class_name", "start", "id_number")
    columns = [
        Column("培训班名称", "class_name", cells.text_for(TrainingClass, "name"), required=True),
        Column(
            "举办层级",
            "level",
            cells.choice(Level.values),
            required=True,
            options=tuple(Level.values),
            note="自治区/市/县/乡镇",
        ),
        Column("培训基地", "base", cells.text_for(TrainingClass, "base")),
        Column("是否示范班", "is_demo", cells.yes_no, options=("是", "否"), note="是/否：自治区示范培训班"),
        Column("开始日期", "start", cells.date, required=True),
        Column("结束日期", "end", cells.date, required=True, note="不早于开始日期"),
        Column(
            "学员公民身份号码",
            "id_number",
            cells.id_number,
            required=True,
            text_format=True,
            masked="id",
            note="系统中已有的人员（村干部、致富带头人等），文本格式",
        ),
        Column("学员姓名", "name", NAME.parse, required=True, note="须与系统中的姓名一致"),
        Column("是否结业", "completed", cells.yes_no, options=("是", "否"), note="是/否，不填为是"),
    ]

    def check_row(self, row: Row, ctx) -> None:
        for field, message in rules.class_problems(row["level"], _value(row, "is_demo"), row["start"], row["end"]):
            ctx.error(self, row, field, message)

    def check_rows(self, rows: list[Row], ctx) -> None:
        people.preload(ctx, rows)
        ours = visible_numbers(actor=ctx.actor, numbers=[r["id_number"] for r in rows])
        for row in rows:
            number = row["id_number"]
            # A person an earlier sheet of this workbook names lies in the importer's area.
            if not people.from_earlier_sheet(ctx, number, self.name):
                problem = rules.trainee_problem(people.record_of(ctx, number) if number in ours else None)
                if problem:
                    ctx.error(self, row, "id_number", problem)
                    continue
            check_person(self, row, ctx)
        self._check_classes(rows, ctx)

    def _check_classes(self, rows: list[Row], ctx) -> None:
        """The rows of a class agree on its columns, and a class on record changes only by an
        importer at its organiser's level or above."""
        first: dict[tuple, Row] = {}
        for row in rows:
            key = (row["class_name"], row["start"])
            seen = first.setdefault(key, row)
            for field in CLASS_FIELDS:
                if _value(row, field) != _value(seen, field):
                    ctx.error(
                        self,
                        row,
                        field,
                        f"同一培训班（名称+开始日期）的{self.header_of(field)}应一致，第{seen.number}行为“{seen.raw.get(self.header_of(field))}”",
                    )
        on_record = existing_by_key(TrainingClass.objects.all(), "name", [n for n, _ in first], _class_key)
        for key, row in first.items():
            problem = rules.change_problem(ctx.actor, on_record.get(key), {f: _value(row, f) for f in CLASS_FIELDS})
            if problem:
                ctx.error(self, row, "class_name", problem)

    def write(self, rows: list[Row], ctx) -> tuple[int, int]:
        classes = {
            (r["class_name"], r["start"]): TrainingClass(
                name=r["class_name"], start=r["start"], **{f: _value(r, f) for f in CLASS_FIELDS}
            )
            for r in rows
        }
        class_ids = services.training_classes_import(ctx=ctx, classes=list(classes.values()))
        person_ids = _person_ids([r["id_number"] for r in rows])
        items = [
            Enrolment(
                training_class_id=class_ids[(r["class_name"], r["start"])],
                person_id=person_ids[r["id_number"]],
                completed=_value(r, "completed"),
            )
            for r in rows
        ]
        return services.enrolments_import(ctx=ctx, enrolments=items, day=max(r["end"] for r in rows))

    def export_rows(self, actor):
        for e in enrolments(actor=actor).order_by("training_class__start", "training_class__name", "person__id_number"):
            c = e.training_class
            yield [c.name, c.level, c.base, c.is_demo, c.start, c.end, e.person.id_number, e.person.name, e.completed]


def _value(row: Row, field: str):
    """A cell's value as stored: 培训基地 blank is '', 是否示范班 blank is 否, 是否结业 blank is 是."""
    value = row[field]
    if value is None:
        return {"base": "", "is_demo": False, "completed": True}.get(field)
    return value


def _class_key(c: TrainingClass) -> tuple:
    return (c.name, c.start)


def _person_ids(numbers: list[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for chunk in in_chunks(sorted(set(numbers))):
        ids.update(Person.objects.filter(id_number__in=chunk).values_list("id_number", "pk"))
    return ids

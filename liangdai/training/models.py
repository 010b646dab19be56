"""Training (教育培训, DOMAIN.md part 4): classes held at region, city, county or township level,
some of them region demonstration classes at a training base, and who completed them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from liangdai.cadres.models import Person
from liangdai.org.models import Division


class Level(models.TextChoices):
    REGION = "自治区", _("自治区")
    CITY = "市", _("市")
    COUNTY = "县", _("县")
    TOWNSHIP = "乡镇", _("乡镇")


class TrainingBase(models.Model):
    """A training base (培训基地): where classes are held; the region names some of them
    demonstration bases (示范培训基地, DOMAIN.md part 4). A class names its base by this name (the
    培训 sheet's 培训基地 is text, and demo_bases counts the distinct texts), so a base is found by
    name and needs no key of its own on the class."""

    name = models.CharField("基地名称", max_length=200, unique=True)
    county = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="+", verbose_name="所在县（区）")
    is_demo = models.BooleanField("是否示范基地", default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TrainingClass(models.Model):
    """A class, known by its name and first day. Classes are not bound to one area: a region class
    takes trainees from every county; a trainee's village places the enrolment in an area."""

    name = models.CharField("培训班名称", max_length=200)
    level = models.CharField("举办层级", max_length=4, choices=Level.choices)
    base = models.CharField("培训基地", max_length=200, blank=True)
    is_demo = models.BooleanField("是否示范班", default=False)
    start = models.DateField("开始日期")
    end = models.DateField("结束日期")
    # Who held the class, a division of the class's level (a 县 class: a county). Classes created
    # on the pages have one; a class the 培训 sheet brings in has none (the sheet has no column).
    division = models.ForeignKey(
        Division, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="举办单位"
    )
    subject = models.CharField("培训内容", max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "start"], name="class_name_start"),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="class_end_after_start"),
        ]
        indexes = [models.Index(fields=["level", "end"], name="class_level_end")]
        ordering = ["start", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.start}）"


class Enrolment(models.Model):
    training_class = models.ForeignKey(
        TrainingClass, on_delete=models.PROTECT, related_name="enrolments", verbose_name="培训班"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="enrolments", verbose_name="学员")
    completed = models.BooleanField("是否结业", default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["training_class", "person"], name="enrolment_class_person")]

    def __str__(self) -> str:
        return f"{self.training_class} {self.person_id}"


class RotationPlan(models.Model):
    """The rotation plan (轮训计划) of a node for a year (DOMAIN.md part 4): how many of its
    secretaries the region, the city and the county train, and who (`PlanEntry`)."""

    division = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="+", verbose_name="区划")
    year = models.PositiveSmallIntegerField("年度")
    region = models.PositiveIntegerField("自治区轮训人数")
    city = models.PositiveIntegerField("市轮训人数")
    county = models.PositiveIntegerField("县轮训人数")
    day = models.DateField("书记名单日期")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["division", "year"], name="plan_division_year")]
        ordering = ["division", "year"]

    def __str__(self) -> str:
        return f"{self.division_id} {self.year}年轮训计划"


class PlanEntry(models.Model):
    """A secretary of the plan and the level that trains them."""

    plan = models.ForeignKey(RotationPlan, on_delete=models.CASCADE, related_name="entries", verbose_name="轮训计划")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name="书记")
    village = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="+", verbose_name="村")
    level = models.CharField("培训层级", max_length=4, choices=Level.choices[:3])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "person"], name="plan_entry_person")]
        ordering = ["plan", "level", "village", "person"]

    def __str__(self) -> str:
        return f"{self.plan} {self.person_id} {self.level}"

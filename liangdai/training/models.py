"""Training (教育培训, DOMAIN.md part 4): classes held at region, city, county or township level,
some of them region demonstration classes at a training base, and who completed them."""

from django.db import models

from liangdai.cadres.models import Person


class Level(models.TextChoices):
    REGION = "自治区", "自治区"
    CITY = "市", "市"
    COUNTY = "县", "县"
    TOWNSHIP = "乡镇", "乡镇"


class TrainingClass(models.Model):
    """A class, known by its name and first day. Classes are not bound to one area: a region class
    takes trainees from every county; a trainee's village places the enrolment in an area."""

    name = models.CharField("培训班名称", max_length=200)
    level = models.CharField("举办层级", max_length=4, choices=Level.choices)
    base = models.CharField("培训基地", max_length=200, blank=True)
    is_demo = models.BooleanField("是否示范班", default=False)
    start = models.DateField("开始日期")
    end = models.DateField("结束日期")

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

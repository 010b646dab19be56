"""Party-member development (发展党员, DOMAIN.md part 6): the stages a person reaches, each on a day,
in the village party organisation that develops them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from liangdai.cadres.models import Person
from liangdai.org.models import Division


class Stage(models.TextChoices):
    APPLICANT = "入党申请人", _("入党申请人")
    ACTIVIST = "入党积极分子", _("入党积极分子")
    CANDIDATE = "发展对象", _("发展对象")
    PROBATIONARY = "预备党员", _("预备党员")
    FULL = "正式党员", _("正式党员")


# The order of the procedure: a path may begin at any stage, never goes back.
STAGE_ORDER = list(Stage.values)


class DevelopmentRecord(models.Model):
    """`person` reached `stage` on `date` in the party organisation of `village`."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="development_records", verbose_name="人员"
    )
    village = models.ForeignKey(Division, on_delete=models.PROTECT, verbose_name="党组织所在村")
    stage = models.CharField("阶段", max_length=6, choices=Stage.choices)
    date = models.DateField("日期")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "stage"], name="development_person_stage")]
        indexes = [
            models.Index(fields=["village"], name="development_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["stage", "date"], name="development_stage_date"),
        ]
        ordering = ["person", "date"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.stage} {self.date}"

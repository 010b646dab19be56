"""Rules are data (DESIGN.md principle 4): versioned per year, region-wide or overridden below."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleKind(models.TextChoices):
    FUND_TIERS = "fund_tiers", _("为民服务资金档次")
    RUBRIC = "rubric", _("星级评定细则")
    STAR_THRESHOLDS = "star_thresholds", _("星级分数线")
    BONUS_FACTORS = "bonus_factors", _("报酬系数")
    LEADER_TIERS = "leader_tiers", _("致富带头人分级标准")
    TRAINING_RATIO = "training_ratio", _("培训分担比例")


class RuleSet(models.Model):
    """The rule of `kind` in force from `year` on, for everything under `code` ('' region-wide...
    a province code for the region)."""

    kind = models.CharField("规则", max_length=30, choices=RuleKind.choices)
    year = models.PositiveSmallIntegerField("起始年度")
    code = models.CharField("适用区划", max_length=12)
    data = models.JSONField("内容")
    created_at = models.DateTimeField("设置时间", auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "year", "code"], name="ruleset_unique")]
        ordering = ["kind", "code", "year"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.code} {self.year}"

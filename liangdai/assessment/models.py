"""Performance that pays (DOMAIN.md part 2): yearly star ratings of village party organisations,
yearly grades of cadres, and the county's bonus budget shared by them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liangdai.cadres.models import Person
from liangdai.org.models import Division


class StarRating(models.Model):
    """A village party organisation's stars (0-5) for a year, from its rubric score."""

    village = models.ForeignKey(Division, on_delete=models.PROTECT, verbose_name="村")
    year = models.PositiveSmallIntegerField("年度")
    score = models.DecimalField("得分", max_digits=5, decimal_places=2)
    stars = models.PositiveSmallIntegerField("星级")
    # The points of each item of the year's rubric ({item name: points as text}) when the village
    # was scored item by item; None when only the total was given (the 星级评定 sheet gives totals).
    items = models.JSONField("分项得分", null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["village", "year"], name="star_village_year"),
            models.CheckConstraint(condition=models.Q(score__gte=0, score__lte=100), name="star_score_range"),
            models.CheckConstraint(condition=models.Q(stars__lte=5), name="star_stars_range"),
        ]
        indexes = [models.Index(fields=["village"], name="star_prefix", opclasses=["varchar_pattern_ops"])]
        ordering = ["village", "year"]

    def __str__(self) -> str:
        return f"{self.village_id} {self.year} {self.stars}星"


class Grade(models.TextChoices):
    EXCELLENT = "优秀", _("优秀")
    COMPETENT = "称职", _("称职")
    BASIC = "基本称职", _("基本称职")
    INCOMPETENT = "不称职", _("不称职")


class Appraisal(models.Model):
    """A cadre's yearly grade (个人考核)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="appraisals", verbose_name="人员")
    year = models.PositiveSmallIntegerField("年度")
    grade = models.CharField("考核等次", max_length=4, choices=Grade.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="appraisal_person_year")]
        ordering = ["person", "year"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.year} {self.grade}"


class BonusBudget(models.Model):
    """The bonus total a county sets for a year (Yanchi county 2018: 3,522,000 yuan)."""

    county = models.ForeignKey(Division, on_delete=models.PROTECT, verbose_name="县")
    year = models.PositiveSmallIntegerField("年度")
    amount = models.PositiveBigIntegerField("奖励总额（元）")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["county", "year"], name="bonus_county_year")]
        indexes = [models.Index(fields=["county"], name="bonus_prefix", opclasses=["varchar_pattern_ops"])]

    def __str__(self) -> str:
        return f"{self.county_id} {self.year} {self.amount}"


class ApprovalState(models.TextChoices):
    DRAFT = "draft", _("未上报")
    SUBMITTED = "submitted", _("已上报")
    APPROVED = "approved", pgettext_lazy("approval state", "审核通过")
    RETURNED = "returned", _("已退回")


class Approval(models.Model):
    """Where a township's ratings and appraisals of a year stand in their review (as DHIS2 approves
    a data set × period × organisation unit): submitted by the township, approved or returned by
    the county, reopened by the county. No row: still a draft."""

    township = models.ForeignKey(Division, on_delete=models.PROTECT, verbose_name="乡镇")
    year = models.PositiveSmallIntegerField("年度")
    state = models.CharField("状态", max_length=10, choices=ApprovalState.choices, default=ApprovalState.DRAFT)
    reason = models.CharField("理由", max_length=500, blank=True)
    changed_at = models.DateTimeField("最近操作时间")
    changed_by = models.CharField("最近操作人", max_length=150)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["township", "year"], name="approval_township_year")]
        indexes = [models.Index(fields=["township"], name="approval_prefix", opclasses=["varchar_pattern_ops"])]
        ordering = ["township", "year"]

    def __str__(self) -> str:
        return f"{self.township_id} {self.year} {self.state}"


class ApprovalAction(models.TextChoices):
    # Shown in a township's review history, a step that was taken (the buttons say what to do).
    SUBMIT = "submit", pgettext_lazy("approval step", "上报")
    APPROVE = "approve", pgettext_lazy("approval step", "审核通过")
    RETURN = "return", pgettext_lazy("approval step", "退回")
    REOPEN = "reopen", pgettext_lazy("approval step", "撤销审核")


class ApprovalStep(models.Model):
    """One step of a township's review, shown on its page (each also has its audit row)."""

    approval = models.ForeignKey(Approval, on_delete=models.PROTECT, related_name="steps", verbose_name="审核")
    action = models.CharField("操作", max_length=10, choices=ApprovalAction.choices)
    state = models.CharField("操作后状态", max_length=10, choices=ApprovalState.choices)
    reason = models.CharField("理由", max_length=500, blank=True)
    at = models.DateTimeField("时间")
    actor_name = models.CharField("操作人", max_length=150)

    class Meta:
        ordering = ["approval", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.approval} {self.action}"


class BonusAllocation(models.Model):
    """A county's bonus of a year as saved (from approved data): the budget and each cadre's share."""

    county = models.ForeignKey(Division, on_delete=models.PROTECT, verbose_name="县")
    year = models.PositiveSmallIntegerField("年度")
    budget = models.PositiveBigIntegerField("奖励总额（元）")
    saved_at = models.DateTimeField("保存时间")
    saved_by = models.CharField("保存人", max_length=150)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["county", "year"], name="allocation_county_year")]

    def __str__(self) -> str:
        return f"{self.county_id} {self.year} {self.budget}"


class BonusShare(models.Model):
    allocation = models.ForeignKey(BonusAllocation, on_delete=models.CASCADE, related_name="shares")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, verbose_name="人员")
    village = models.ForeignKey(Division, on_delete=models.PROTECT, verbose_name="村")
    position = models.CharField("职务", max_length=20)
    stars = models.PositiveSmallIntegerField("星级")
    grade = models.CharField("考核等次", max_length=4, blank=True)
    weight = models.CharField("权重", max_length=40)  # an exact fraction, as text
    yuan = models.PositiveBigIntegerField("奖励（元）")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["allocation", "person"], name="share_allocation_person")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.yuan}"

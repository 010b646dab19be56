"""Village profiles, activity venues (村级组织活动场所) and service-fund spending (为民服务资金)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from liangdai.org.models import Division


class VillageProfile(models.Model):
    village = models.OneToOneField(Division, primary_key=True, on_delete=models.PROTECT, verbose_name="村")
    population = models.PositiveIntegerField("户籍人口")
    households = models.PositiveIntegerField("户数", null=True, blank=True)
    is_poor = models.BooleanField("是否贫困村", default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(households__isnull=True) | models.Q(households__lte=models.F("population")),
                name="profile_households_le_population",
            )
        ]
        indexes = [models.Index(fields=["village"], name="profile_prefix", opclasses=["varchar_pattern_ops"])]

    def __str__(self) -> str:
        return f"{self.village_id} 人口{self.population}"


class VillageIncome(models.Model):
    """Per-capita net income (人均纯收入) of a village in a year."""

    village = models.ForeignKey(Division, on_delete=models.PROTECT, verbose_name="村")
    year = models.PositiveSmallIntegerField("年度")
    income = models.DecimalField("人均纯收入（元）", max_digits=12, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["village", "year"], name="income_village_year")]

    def __str__(self) -> str:
        return f"{self.village_id} {self.year} {self.income}"


class BuildMode(models.TextChoices):
    NEW = "新建", _("新建")
    EXPANSION = "扩建", _("扩建")
    RENOVATION = "改建", _("改建")
    EXISTING = "原有", _("原有")


class FundingSource(models.TextChoices):
    SPECIAL = "专项支持", _("专项支持")
    INTEGRATION = "项目整合", _("项目整合")
    OTHER = "其他", _("其他")


class Facility(models.TextChoices):
    AIR_CONDITIONING = "空调", _("空调")
    HEATING = "暖气", _("暖气")
    FURNITURE = "桌椅", _("桌椅")
    CLINIC = "卫生室", _("卫生室")
    STAGE = "文化舞台", _("文化舞台")
    CULTURE_CENTRE = "文化活动中心", _("文化活动中心")
    OTHER = "其他", _("其他")


FACILITIES = Facility.values


class Venue(models.Model):
    village = models.OneToOneField(Division, primary_key=True, on_delete=models.PROTECT, verbose_name="村")
    area = models.DecimalField("面积（平方米）", max_digits=8, decimal_places=2)
    build_mode = models.CharField("建设方式", max_length=4, choices=BuildMode.choices)
    completed_on = models.DateField("完成日期", null=True, blank=True)
    funding_source = models.CharField("资金来源", max_length=8, choices=FundingSource.choices, blank=True)
    facilities = models.JSONField("设施", default=list, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(area__gt=0, area__lte=20000), name="venue_area_range"),
            models.CheckConstraint(
                condition=models.Q(build_mode="原有") | models.Q(completed_on__isnull=False),
                name="venue_completed_unless_existing",
            ),
        ]
        indexes = [models.Index(fields=["village"], name="venue_prefix", opclasses=["varchar_pattern_ops"])]

    def __str__(self) -> str:
        return f"{self.village_id} {self.area}㎡ {self.build_mode}"

    def facility_labels(self) -> list[str]:
        """The facilities in the user's language (stored in Chinese, as the sheet has them)."""
        return [Facility(f).label if f in Facility.values else f for f in self.facilities]


class Spending(models.Model):
    """Money spent from a village's service fund."""

    village = models.ForeignKey(Division, on_delete=models.PROTECT, verbose_name="村")
    date = models.DateField("日期")
    amount = models.DecimalField("金额（元）", max_digits=12, decimal_places=2)
    purpose = models.CharField("用途", max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["village", "date", "purpose"], name="spending_key"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="spending_amount_positive"),
        ]
        indexes = [
            models.Index(fields=["village"], name="spending_prefix", opclasses=["varchar_pattern_ops"]),
        ]
        ordering = ["village", "date"]

    def __str__(self) -> str:
        return f"{self.village_id} {self.date} {self.amount} {self.purpose}"

"""Wealth leaders (致富带头人): people whose business lifts others, classified and listed by industry,
scale, driving capacity and income (DOMAIN.md part 5)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from liangdai.cadres.models import Person
from liangdai.org.models import Division


class Industry(models.TextChoices):
    PLANTING = "种植业", _("种植业")
    BREEDING = "养殖业", _("养殖业")
    PROCESSING = "农产品加工", _("农产品加工")
    TOURISM = "乡村旅游", _("乡村旅游")
    ECOMMERCE = "电子商务", _("电子商务")
    LABOUR = "劳务经纪", _("劳务经纪")
    OTHER = "其他", _("其他")


class ScaleUnit(models.TextChoices):
    MU = "亩", _("亩")
    HEAD = "头", _("头")
    PIECE = "只", _("只")
    BOX = "箱", _("箱")
    SHED = "棚", _("棚")
    TEN_THOUSAND_YUAN = "万元", _("万元")


class LeaderSource(models.TextChoices):
    LOCAL = "就地培养", _("就地培养")
    RETURNED = "回引", _("回引")
    RECRUITED = "外引", _("外引")


class EndReason(models.TextChoices):
    MOVED = "迁出", _("迁出")
    CLOSED = "停业", _("停业")
    DIED = "去世", _("去世")
    OTHER = "其他", _("其他")


class Tier(models.TextChoices):
    LARGE = "large", _("大")
    MEDIUM = "medium", _("中")
    SMALL = "small", _("小")


class WealthLeader(models.Model):
    """One person is registered once, in their home village, from the day recognised (认定日期)."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="wealth_leader", verbose_name="人员")
    village = models.ForeignKey(Division, on_delete=models.PROTECT, verbose_name="村")
    industry = models.CharField("产业类型", max_length=10, choices=Industry.choices)
    project = models.CharField("主营项目", max_length=100, blank=True)
    scale = models.DecimalField("经营规模", max_digits=14, decimal_places=2, null=True, blank=True)
    scale_unit = models.CharField("规模单位", max_length=4, choices=ScaleUnit.choices, blank=True)
    income = models.DecimalField("年收入（万元）", max_digits=12, decimal_places=2)
    households = models.PositiveIntegerField("带动户数")
    people = models.PositiveIntegerField("带动人数")
    poor_households = models.PositiveIntegerField("带动脱贫户数", null=True, blank=True)
    source = models.CharField("来源", max_length=6, choices=LeaderSource.choices)
    recognised_on = models.DateField("认定日期")
    # The registration ended (moved away, business closed, died…): a leader until that day inclusive.
    ended_on = models.DateField("退出日期", null=True, blank=True)
    end_reason = models.CharField("退出原因", max_length=4, choices=EndReason.choices, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(people__gte=models.F("households")), name="leader_people_ge_hh"),
            models.CheckConstraint(
                condition=models.Q(poor_households__isnull=True)
                | models.Q(poor_households__lte=models.F("households")),
                name="leader_poor_le_hh",
            ),
            models.CheckConstraint(
                condition=models.Q(scale__isnull=True) | ~models.Q(scale_unit=""), name="leader_scale_with_unit"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True, end_reason="")
                | models.Q(ended_on__isnull=False) & ~models.Q(end_reason=""),
                name="leader_end_with_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("recognised_on")),
                name="leader_end_after_recognised",
            ),
        ]
        indexes = [
            models.Index(fields=["village"], name="leader_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["recognised_on"], name="leader_recognised"),
        ]
        ordering = ["village", "person"]

    def __str__(self) -> str:
        return f"{self.village_id} {self.person_id}"


class SupportKind(models.TextChoices):
    LOAN = "贷款贴息", _("贷款贴息")
    SUBSIDY = "产业补助", _("产业补助")
    LAND = "土地流转", _("土地流转")
    TRAINING = "培训", _("培训")
    MARKET = "市场对接", _("市场对接")
    OTHER = "其他", _("其他")


class Support(models.Model):
    """Priority support (优先扶持) a wealth leader received: loans, subsidies, land, training, market
    links (DOMAIN.md part 5). Not before the leader's recognition date (`rules.support_problems`)."""

    leader = models.ForeignKey(
        WealthLeader, on_delete=models.PROTECT, related_name="supports", verbose_name="致富带头人"
    )
    kind = models.CharField("扶持类型", max_length=6, choices=SupportKind.choices)
    amount = models.DecimalField("金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    date = models.DateField("扶持日期")
    unit = models.CharField("扶持单位", max_length=100, blank=True)
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0), name="support_amount_ge_0"
            ),
        ]
        indexes = [models.Index(fields=["date"], name="support_date")]
        ordering = ["leader", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.leader_id} {self.kind} {self.date}"

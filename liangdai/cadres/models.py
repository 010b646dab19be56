"""Persons, their position holdings in the village "two committees", the reserve force and
weak-and-lax organisations (DOMAIN.md part 3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from liangdai.core.protected import ProtectedCharField
from liangdai.org.models import Division


class Education(models.TextChoices):
    PRIMARY = "小学及以下", _("小学及以下")
    JUNIOR = "初中", _("初中")
    SENIOR = "高中", _("高中")
    VOCATIONAL = "中专", _("中专")
    COLLEGE = "大专", _("大专")
    BACHELOR = "本科", _("本科")
    POSTGRADUATE = "研究生", _("研究生")


# "High school or above" (DOMAIN.md): 高中 and 中专 are the same rank.
HIGH_SCHOOL_OR_ABOVE = ["高中", "中专", "大专", "本科", "研究生"]


class PoliticalStatus(models.TextChoices):
    MEMBER = "中共党员", _("中共党员")
    PROBATIONARY = "中共预备党员", _("中共预备党员")
    LEAGUE = "共青团员", _("共青团员")
    MASSES = "群众", _("群众")
    DEMOCRATIC = "民主党派", _("民主党派")
    NON_PARTY = "无党派人士", _("无党派人士")


class Sex(models.TextChoices):
    """As the identity number gives it (`core.idnumbers.sex`); not a choice of the field, which is
    never typed."""

    MALE = "男", _("男")
    FEMALE = "女", _("女")


class Person(models.Model):
    """One identity number is one person across every village and sheet. Birth date and sex come
    from the number, never typed."""

    id_number = ProtectedCharField("公民身份号码", max_length=18, unique=True)  # stored encrypted
    name = models.CharField("姓名", max_length=50)
    birth_date = models.DateField("出生日期")
    sex = models.CharField("性别", max_length=1)
    nationality = models.CharField("民族", max_length=10, blank=True)
    education = models.CharField("学历", max_length=10, choices=Education.choices, blank=True)
    political_status = models.CharField("政治面貌", max_length=10, choices=PoliticalStatus.choices, blank=True)
    phone = ProtectedCharField("联系电话", max_length=11, blank=True)  # stored encrypted

    def __str__(self) -> str:
        return self.name

    def get_sex_display(self) -> str:
        """The sex in the user's language, as Django's `get_FOO_display` shows a choice."""
        return Sex(self.sex).label if self.sex in Sex.values else self.sex


class Position(models.TextChoices):
    SECRETARY = "党组织书记", _("党组织书记")
    DEPUTY_SECRETARY = "党组织副书记", _("党组织副书记")
    PARTY_MEMBER = "党组织委员", _("党组织委员")
    DIRECTOR = "村委会主任", _("村委会主任")
    DEPUTY_DIRECTOR = "村委会副主任", _("村委会副主任")
    COMMITTEE_MEMBER = "村委会委员", _("村委会委员")
    SUPERVISION_DIRECTOR = "村务监督委员会主任", _("村务监督委员会主任")


# A village has at most one holder of each of these on any day.
SINGLE_SEAT_POSITIONS = [Position.SECRETARY, Position.DIRECTOR]


class HoldingSource(models.TextChoices):
    LOCAL = "本村产生", _("本村产生")
    CROSS_VILLAGE = "跨村任职", _("跨村任职")
    SENT = "选派", _("选派")
    RETURNED = "回引", _("回引")
    RECRUITED = "外引", _("外引")


class EndReason(models.TextChoices):
    TERM = "换届", _("换届")
    REPLACED = "调整撤换", _("调整撤换")
    RESIGNED = "辞职", _("辞职")
    RETIRED = "退休", _("退休")
    DIED = "去世", _("去世")
    OTHER = "其他", _("其他")


class Holding(models.Model):
    """A person in a position of a village from `start` to `end` (inclusive; no end: in office)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="holdings", verbose_name="人员")
    village = models.ForeignKey(Division, on_delete=models.PROTECT, verbose_name="村")
    position = models.CharField("职务", max_length=12, choices=Position.choices)
    start = models.DateField("任职日期")
    source = models.CharField("任职来源", max_length=6, choices=HoldingSource.choices, blank=True)
    end = models.DateField("离任日期", null=True, blank=True)
    end_reason = models.CharField("离任原因", max_length=6, choices=EndReason.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "village", "position", "start"], name="holding_key"),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")), name="holding_end_after"
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True, end_reason="")
                | models.Q(end__isnull=False) & ~models.Q(end_reason=""),
                name="holding_end_with_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["village"], name="holding_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["position", "start", "end"], name="holding_position_dates"),
        ]
        ordering = ["village", "position", "start"]

    def __str__(self) -> str:
        return f"{self.village_id} {self.position} {self.person_id} {self.start}"


class ReserveSource(models.TextChoices):
    GRADUATE = "大学生村官", _("大学生村官")
    RETURNEE = "返乡人员", _("返乡人员")
    LOCAL = "本村人员", _("本村人员")


class ReserveCandidate(models.Model):
    """A candidate of a village's reserve force (后备力量)."""

    village = models.ForeignKey(Division, on_delete=models.PROTECT, verbose_name="村")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, verbose_name="人员")
    source = models.CharField("来源", max_length=6, choices=ReserveSource.choices)
    chosen_on = models.DateField("确定日期")
    left_on = models.DateField("退出日期", null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["village", "person"], name="reserve_key")]
        indexes = [models.Index(fields=["village"], name="reserve_prefix", opclasses=["varchar_pattern_ops"])]

    def __str__(self) -> str:
        return f"{self.village_id} {self.person_id}"


class WeakOrganisation(models.Model):
    """A village party organisation flagged weak and lax (软弱涣散) for a year, until closed."""

    village = models.ForeignKey(Division, on_delete=models.PROTECT, verbose_name="村")
    year = models.PositiveSmallIntegerField("年度")
    reason = models.TextField("原因")
    flagged_on = models.DateField("认定日期")
    closed_on = models.DateField("整顿完成日期", null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["village", "year"], name="weak_village_year")]
        indexes = [models.Index(fields=["village"], name="weak_prefix", opclasses=["varchar_pattern_ops"])]

    def __str__(self) -> str:
        return f"{self.village_id} {self.year}"


class RectificationStep(models.Model):
    weak = models.ForeignKey(WeakOrganisation, on_delete=models.CASCADE, related_name="steps")
    date = models.DateField("日期")
    description = models.TextField("整顿措施")

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.weak} {self.date}"

"""Divisions (统计用区划代码) and the users bound to them."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liangdai.core.protected import ProtectedCharField

LEVEL_BY_LENGTH = {2: 1, 4: 2, 6: 3, 9: 4, 12: 5}


class Level(models.IntegerChoices):
    PROVINCE = 1, _("省级")
    CITY = 2, _("地级")
    COUNTY = 3, _("县级")
    TOWNSHIP = 4, _("乡级")
    VILLAGE = 5, _("村级")


class Division(models.Model):
    """A node of the hierarchy. The code keeps only its significant digits (64, 6404, 640425,
    640425103, 640425103208), so a prefix of a record's village code is its ancestor."""

    code = models.CharField("代码", max_length=12, primary_key=True)
    name = models.CharField("名称", max_length=100)
    level = models.PositiveSmallIntegerField("层级", choices=Level.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    # An administrative village (村民委员会): a village-level code whose 10th digit is 2.
    is_village = models.BooleanField("行政村", default=False)

    class Meta:
        ordering = ["code"]
        indexes = [
            models.Index(fields=["code"], name="division_code_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["parent", "code"], name="division_parent_code"),
            models.Index(fields=["name"], name="division_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class Role(models.TextChoices):
    ENTRY = "entry", _("数据录入")
    REVIEWER = "reviewer", _("审核")
    READER = "reader", _("查阅")
    SYSADMIN = "sysadmin", _("系统管理员")
    SECADMIN = "secadmin", _("安全管理员")
    AUDITADMIN = "auditadmin", _("审计管理员")
    SYSTEM = "system", _("系统")
    # An account as the system administrator creates it: no role and no data until the security
    # administrator grants one (scoping gives it no area).
    NONE = "none", _("未授权")


class User(AbstractUser):
    """A user sees and changes only what lies under `division`; no division, nothing."""

    division = models.ForeignKey(Division, null=True, blank=True, on_delete=models.PROTECT, verbose_name="所属区划")
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.READER)
    can_reveal = models.BooleanField("可查看完整身份证号和电话", default=False)
    # A password set by an administrator is one-time; an old one expires (passwords.password_change_due).
    must_change_password = models.BooleanField("下次登录须修改密码", default=False)
    password_changed_at = models.DateTimeField("密码修改时间", default=timezone.now)
    # Who holds the account (the real name is Django's first_name): an administrator knows whom to
    # call. The phone is a personal number like a cadre's, stored encrypted and shown masked.
    unit = models.CharField("工作单位", max_length=100, blank=True)
    phone = ProtectedCharField("联系电话", max_length=11, blank=True)

    class Meta(AbstractUser.Meta):
        constraints = [
            # 三权分立: an administrator holds no right to see data.
            models.CheckConstraint(
                condition=~models.Q(can_reveal=True, role__in=["sysadmin", "secadmin", "auditadmin"]),
                name="user_admin_cannot_reveal",
            ),
        ]

    def __str__(self) -> str:
        return self.username


class PasswordHistory(models.Model):
    """The hashes of a user's recent passwords, so that none of the last few is used again."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history", verbose_name="用户")
    password = models.CharField("密码哈希", max_length=128)
    created_at = models.DateTimeField("设置时间", default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="password_history_user")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"

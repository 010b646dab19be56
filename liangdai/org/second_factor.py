"""The second factor (两步验证): a time-based one-time code (TOTP, RFC 6238) from an authenticator
app, kept by django-otp. Required of the three administrators and of users with the right to
reveal numbers (等保 三级: two factors for privileged and sensitive access), available to everyone.

A user who has a confirmed device, or who must have one, is logged in by their password but
verified by nothing yet: `middleware.SecondFactorMiddleware` lets them reach only the verification
page until a code is given. Every enrolment, removal and failed code is audited."""

import base64

import segno
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from liangdai.audit.services import record
from liangdai.core.errors import DomainError

from .models import Role

REQUIRED_ROLES = {Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN}
DEVICE_NAME = "身份验证器"
BAD_CODE = "验证码不正确或已过期：请输入身份验证器当前显示的6位数字"


def required(user) -> bool:
    """The administrators and the users who may reveal full numbers must use a second factor."""
    return user.role in REQUIRED_ROLES or bool(user.can_reveal)


def confirmed_device(user) -> TOTPDevice | None:
    return next(iter(devices_for_user(user, confirmed=True)), None)


def users_with_device(user_ids: list[int]) -> set[int]:
    """Which of these users have a confirmed device (for the security administrator's list)."""
    return set(TOTPDevice.objects.filter(user_id__in=user_ids, confirmed=True).values_list("user_id", flat=True))


def needs_verification(user) -> bool:
    """A logged-in user who must give a code before any page: one with a device or who must have one."""
    return required(user) or confirmed_device(user) is not None


def pending_device(user) -> TOTPDevice:
    """The device being enrolled: one unconfirmed device per user, its key kept until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The key as an authenticator app takes it when typed: base32, in groups of four."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code (no script, no data: address for the CSP)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, omitsize=False)


def _checked(device: TOTPDevice, user, token: str) -> None:
    token = (token or "").strip().replace(" ", "")
    if not (token.isascii() and token.isdigit() and len(token) == 6) or not device.verify_token(token):
        # Outside any transaction, so that the refusal is kept: repeated failures show in the log.
        record(
            actor=user, action="两步验证", entity="user", entity_id=user.pk, code=user.division_id or "", result="失败"
        )
        raise DomainError(BAD_CODE, column="token")


def second_factor_enrol(*, actor, token: str) -> TOTPDevice:
    """The actor confirms the device being enrolled with a code it shows; a device they had is replaced."""
    device = pending_device(actor)
    _checked(device, actor, token)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=actor, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record(actor=actor, action="启用两步验证", entity="user", entity_id=actor.pk, code=actor.division_id or "")
    return device


def second_factor_verify(*, actor, token: str) -> TOTPDevice:
    """The code of the actor's confirmed device; DomainError (audited) when it is wrong."""
    device = confirmed_device(actor)
    if device is None:
        raise DomainError("尚未启用两步验证", column="token")
    _checked(device, actor, token)
    record(actor=actor, action="两步验证", entity="user", entity_id=actor.pk, code=actor.division_id or "")
    return device


@transaction.atomic
def second_factor_remove(*, actor, user) -> None:
    """Remove a user's devices: the user themself where no second factor is required of them, or
    the security administrator of their area (a lost phone); the user enrols again at next login."""
    from .scoping import admin_covers

    own = actor.pk == user.pk
    if own and required(user):
        raise DomainError("您的账号必须使用两步验证，不能关闭；更换手机请联系安全管理员重置")
    if not own and not admin_covers(actor, Role.SECADMIN, user.division_id or ""):
        raise DomainError("只有该账号所在区域的安全管理员可以重置两步验证")
    TOTPDevice.objects.filter(user=user).delete()
    action = "关闭两步验证" if own else "重置两步验证"
    record(actor=actor, action=action, entity="user", entity_id=user.pk, code=user.division_id or "")

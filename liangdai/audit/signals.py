"""Logins, failed logins and logouts are audited (Django's auth signals are the only hook)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .services import client_address, record


def _ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


@receiver(user_logged_in)
def _on_login(sender, request, user, **kwargs):
    with client_address(_ip(request)):
        record(actor=user, action="登录", entity="user", entity_id=user.pk, code=user.division_id or "")


@receiver(user_logged_out)
def _on_logout(sender, request, user, **kwargs):
    if user is not None:
        with client_address(_ip(request)):
            record(actor=user, action="退出", entity="user", entity_id=user.pk, code=user.division_id or "")


@receiver(user_login_failed)
def _on_login_failed(sender, credentials, request=None, **kwargs):
    """Filed under the account's division when the account exists, so the audit administrator of
    that area sees attempts on its accounts."""
    username = credentials.get("username", "")
    code = get_user_model().objects.filter(username=username).values_list("division_id", flat=True).first() or ""
    with client_address(_ip(request)):
        record(actor=None, action="登录失败", entity="user", entity_id=username, code=code, result="失败")

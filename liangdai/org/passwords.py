"""Password rules (DESIGN.md security model): at least 10 characters, three character classes, none of
the last 5 again, changed every 90 days and at the first login after an administrator set it.
Messages in Chinese whatever Django's own catalogue holds."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone

# More than any history validator asks for; older hashes are deleted.
HISTORY_KEPT = 10


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django 5.2 changed this message's id and its Chinese catalogue has not caught up: it came
    out in English. Ours says it in Chinese."""

    def get_error_message(self) -> str:
        return f"密码太短，至少须有{self.min_length}个字符。"

    def get_help_text(self) -> str:
        return f"密码至少须有{self.min_length}个字符。"


class CharacterClassValidator:
    """A password mixes at least three of: lower case, upper case, digits, other characters."""

    def validate(self, password: str, user=None) -> None:
        classes = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < 3:
            raise ValidationError("密码须包含小写字母、大写字母、数字、符号中的至少三类。", code="password_classes")

    def get_help_text(self) -> str:
        return "密码须包含小写字母、大写字母、数字、符号中的至少三类。"


class HistoryValidator:
    """No reuse of the current password or of the last `count` (等保 三级: password history). The
    hashes are kept by `remember`, called wherever a password is set."""

    def __init__(self, count: int = 5):
        self.count = count

    def validate(self, password: str, user=None) -> None:
        if user is None or user.pk is None:
            return
        from .models import PasswordHistory

        hashes = list(PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[: self.count])
        if user.password:
            hashes.append(user.password)
        if any(check_password(password, encoded) for encoded in hashes):
            raise ValidationError(self.get_help_text(), code="password_reused")

    def get_help_text(self) -> str:
        return f"新密码不能与最近{self.count}次使用过的密码相同。"


def remember(user, *, one_time: bool) -> None:
    """Call after `user.set_password` and before saving: stamps the change, keeps the hash for the
    history and marks a password set by someone else as one to change at the next login."""
    from .models import PasswordHistory

    user.must_change_password = one_time
    user.password_changed_at = timezone.now()
    PasswordHistory.objects.create(user=user, password=user.password, created_at=user.password_changed_at)
    stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[HISTORY_KEPT:]
    PasswordHistory.objects.filter(pk__in=list(stale)).delete()


def password_change_due(user) -> bool:
    """A one-time password, or one older than PASSWORD_MAX_AGE_DAYS, must be changed before the
    user sees any page."""
    max_age = dt.timedelta(days=settings.PASSWORD_MAX_AGE_DAYS)
    return user.must_change_password or timezone.now() - user.password_changed_at > max_age

"""Password rules (DESIGN.md security model): at least 10 characters, three character classes.
Messages in Chinese whatever Django's own catalogue holds."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError


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

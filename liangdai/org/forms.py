"""Forms of the administrators' pages. The rules themselves live in `services`."""

from django import forms
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm
from django.utils.translation import gettext_lazy as _

from .selectors import GRANTED_ROLES

ROLE_CHOICES = [(role.value, role.label) for role in GRANTED_ROLES]


def _real_name() -> forms.CharField:
    return forms.CharField(
        label="姓名",
        max_length=150,
        error_messages={"required": "请填写姓名", "max_length": "姓名不能超过150个字符"},
    )


def _unit() -> forms.CharField:
    return forms.CharField(
        label=_("工作单位"),
        max_length=100,
        required=False,
        error_messages={"max_length": _("工作单位不能超过100个字符")},
    )


def _phone(label: str, help_text: str = "") -> forms.CharField:
    # The rule itself (a mobile number) is the service's: core.idnumbers.check_phone.
    return forms.CharField(
        label=label,
        max_length=11,
        required=False,
        help_text=help_text,
        error_messages={"max_length": _("联系电话应为以1开头的11位手机号码")},
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )


class UserCreateForm(forms.Form):
    username = forms.RegexField(
        label="用户名",
        regex=r"^[A-Za-z0-9_.@+-]{3,150}$",
        error_messages={
            "required": "请填写用户名",
            "invalid": "用户名为3至150个字母、数字或 _ . @ + - 符号",
        },
    )
    division_code = forms.RegexField(
        label="所属区划代码",
        regex=r"^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$",
        error_messages={"required": "请填写区划代码", "invalid": "区划代码为2、4、6、9或12位数字"},
    )
    real_name = _real_name()
    unit = _unit()
    phone = _phone(_("联系电话"))


class UserHolderForm(forms.Form):
    """Who holds an account. The phone on record is never put in the page (an administrator may not
    see full numbers): a new number replaces it, an empty field keeps it, `remove_phone` clears it."""

    real_name = _real_name()
    unit = _unit()
    phone = _phone(_("新的联系电话"), help_text=_("不修改请留空"))
    remove_phone = forms.BooleanField(label=_("删除联系电话"), required=False)

    def holder(self) -> dict:
        """The service's arguments: `phone` None keeps the number on record."""
        data = self.cleaned_data
        phone = "" if data["remove_phone"] else (data["phone"] or None)
        return {"real_name": data["real_name"], "unit": data["unit"], "phone": phone}


class PasswordChangeForm(DjangoPasswordChangeForm):
    """Django's form (old password, new password twice, the password rules), in Chinese whatever
    language the browser asks for."""

    error_messages = {
        "password_incorrect": "原密码不正确，请重新输入。",
        "password_mismatch": "两次输入的新密码不一致。",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {"old_password": "原密码", "new_password1": "新密码", "new_password2": "再次输入新密码"}
        for name, field in self.fields.items():
            field.label = labels[name]
            field.help_text = ""
            field.error_messages["required"] = f"请填写{labels[name]}"


class TokenForm(forms.Form):
    """The six digits an authenticator app shows (org.second_factor checks them)."""

    token = forms.CharField(
        label="验证码",
        max_length=9,
        error_messages={"required": "请输入身份验证器显示的6位验证码", "max_length": "验证码为6位数字"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

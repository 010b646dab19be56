"""Forms of the administrators' pages. The rules themselves live in `services`."""

from django import forms
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm

from .selectors import GRANTED_ROLES

ROLE_CHOICES = [(role.value, role.label) for role in GRANTED_ROLES]


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
    real_name = forms.CharField(
        label="姓名",
        max_length=150,
        error_messages={"required": "请填写姓名", "max_length": "姓名不能超过150个字符"},
    )


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

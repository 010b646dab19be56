"""Forms of the administrators' pages. The rules themselves live in `services`."""

from django import forms

from .selectors import MANAGED_ROLES

ROLE_CHOICES = [(role.value, role.label) for role in MANAGED_ROLES]


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
    role = forms.ChoiceField(
        label="角色",
        choices=ROLE_CHOICES,
        error_messages={"required": "请选择角色", "invalid_choice": "角色只能是数据录入、审核或查阅"},
    )

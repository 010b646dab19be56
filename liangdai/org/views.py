"""Login, logout and changing one's password: Django's auth views with Chinese forms. django-axes
locks an account after 5 failed logins (settings), answered with org/locked_out.html.

A user whose password is one-time (set by an administrator) or older than 90 days is not logged in
by the right password: the session only remembers who they are, and the password-change page logs
them in once a new password is set. Until then no other page knows them.
"""

import django_otp
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from liangdai.core.errors import DomainError

from . import second_factor as factor
from . import services
from .forms import PasswordChangeForm, TokenForm
from .passwords import password_change_due

# Session keys of a login held back until the password is changed.
PENDING_USER = "password_change_user"
PENDING_HASH = "password_change_hash"


class LoginForm(AuthenticationForm):
    """The messages in Chinese whatever language the browser asks for."""

    username = forms.CharField(
        label="用户名", max_length=150, widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"})
    )
    password = forms.CharField(
        label="密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": "用户名或密码不正确（区分大小写）。连续输错5次，账号将被锁定。",
        "inactive": "该账号已停用，请联系系统管理员。",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = f"请填写{field.label}"


class LoginView(auth_views.LoginView):
    def form_valid(self, form):
        user = form.get_user()
        if not password_change_due(user):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING_USER] = user.pk
        self.request.session[PENDING_HASH] = user.get_session_auth_hash()
        return redirect("password_change")


def _pending_user(request):
    """The user who gave the right password but must change it first, if the session holds one
    and the password has not changed since."""
    user = get_user_model().objects.filter(pk=request.session.get(PENDING_USER), is_active=True).first()
    if user is None or not constant_time_compare(request.session.get(PENDING_HASH, ""), user.get_session_auth_hash()):
        return None
    return user


@login_not_required
@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def password_change(request):
    """Change one's own password: required after a one-time or expired one, open to anyone logged in."""
    due = not request.user.is_authenticated
    user = _pending_user(request) if due else request.user
    if user is None:
        return redirect("login")
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_change_password(actor=user, password=form.cleaned_data["new_password1"])
        if due:
            request.session.pop(PENDING_USER, None)
            request.session.pop(PENDING_HASH, None)
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        else:
            update_session_auth_hash(request, user)
        return redirect("reports:home")
    return render(request, "registration/password_change.html", {"form": form, "due": due, "account": user})


def _second_factor_context(request, form, *, held: bool) -> dict:
    user = request.user
    device = factor.confirmed_device(user)
    context = {"form": form, "held": held, "device": device, "required": factor.required(user)}
    if device is None:
        pending = factor.pending_device(user)
        context |= {"secret": factor.secret_text(pending), "qr": factor.qr_svg(pending)}
    return context


@never_cache
@require_http_methods(["GET", "POST"])
def second_factor(request):
    """The code of one's authenticator app after the password; where a second factor is required
    and none is set up yet, setting one up here. The session is verified from then on."""
    user = request.user
    if user.is_verified() or not factor.needs_verification(user):
        return redirect("reports:home")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        enrolling = factor.confirmed_device(user) is None
        try:
            device = (factor.second_factor_enrol if enrolling else factor.second_factor_verify)(actor=user, token=token)
        except DomainError as exc:
            form.add_error("token", exc.message)
        else:
            django_otp.login(request, device)
            return redirect("reports:home")
    return render(request, "registration/second_factor.html", _second_factor_context(request, form, held=True))


@never_cache
@require_http_methods(["GET", "POST"])
def second_factor_settings(request):
    """Any user: set up (or replace) their authenticator app, or turn it off where not required."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "remove":
        try:
            factor.second_factor_remove(actor=request.user, user=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已关闭两步验证")
        return redirect("second_factor_settings")
    if request.method == "POST" and form.is_valid():
        try:
            device = factor.second_factor_enrol(actor=request.user, token=form.cleaned_data["token"])
        except DomainError as exc:
            form.add_error("token", exc.message)
        else:
            django_otp.login(request, device)
            messages.success(request, "已启用两步验证：以后登录时须输入验证码")
            return redirect("second_factor_settings")
    context = _second_factor_context(request, form, held=False)
    return render(request, "registration/second_factor.html", context)


login = LoginView.as_view(
    template_name="registration/login.html",
    authentication_form=LoginForm,
    next_page="reports:home",
    redirect_authenticated_user=True,
)
logout = auth_views.LogoutView.as_view()

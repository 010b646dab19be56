"""Login, logout and changing one's password: Django's auth views with Chinese forms. django-axes
locks an account after 5 failed logins (settings), answered with org/locked_out.html.

A user whose password is one-time (set by an administrator) or older than 90 days is not logged in
by the right password: the session only remembers who they are, and the password-change page logs
them in once a new password is set. Until then no other page knows them.
"""

from django import forms
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

from . import services
from .forms import PasswordChangeForm
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


login = LoginView.as_view(
    template_name="registration/login.html",
    authentication_form=LoginForm,
    next_page="reports:home",
    redirect_authenticated_user=True,
)
logout = auth_views.LogoutView.as_view()

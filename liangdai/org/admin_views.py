"""Pages of the system administrator (accounts) and the security administrator (roles and rights).

Each administrator sees only the pages of their own role; anyone else gets 404, as for a page
that does not exist (DESIGN.md: outside the area is 404, the same as missing).
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from liangdai.core.errors import DomainError, NotFound
from liangdai.core.web import int_param

from . import second_factor, services
from .forms import ROLE_CHOICES, UserCreateForm, UserHolderForm
from .models import Role
from .scoping import admin_area
from .selectors import user_managed, users_managed


def admin_page(role: str):
    """Login required; then 404 unless the user is an active administrator of `role` with an area."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if admin_area(request.user, role) is None:
                raise Http404
            try:
                return view(request, *args, **kwargs)
            except NotFound:
                raise Http404 from None

        return wrapped

    return decorate


def _list_context(request, role: str) -> dict:
    query = request.GET.get("q", "").strip()
    page = users_managed(actor=request.user, role=role, query=query, after=int_param(request.GET.get("after")))
    return {"users": page.items, "q": query, "next_after": page.next_cursor}


def _shown_once(request, user, password: str, heading: str):
    # The views that call this are never_cache: the password must not stay in a cache.
    return render(request, "org/password_once.html", {"account": user, "password": password, "heading": heading})


@require_GET
@admin_page(Role.SYSADMIN)
def user_list(request):
    return render(request, "org/user_list.html", _list_context(request, Role.SYSADMIN))


@never_cache
@require_http_methods(["GET", "POST"])
@admin_page(Role.SYSADMIN)
def user_new(request):
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user, password = services.user_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return _shown_once(request, user, password, "用户已创建")
    return render(request, "org/user_new.html", {"form": form})


@require_POST
@admin_page(Role.SYSADMIN)
def user_active(request, user_id: int):
    active = request.POST.get("active") == "1"
    try:
        user = services.user_set_active(actor=request.user, user_id=user_id, active=active)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已{'启用' if active else '停用'}用户 {user.username}")
    return redirect("org:users")


@never_cache
@require_http_methods(["GET", "POST"])
@admin_page(Role.SYSADMIN)
def user_edit(request, user_id: int):
    """Who holds an account: real name, unit and phone (shown masked: an administrator may not reveal)."""
    account = user_managed(actor=request.user, role=Role.SYSADMIN, user_id=user_id)
    initial = {"real_name": account.first_name, "unit": account.unit}
    form = UserHolderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update_holder(actor=request.user, user_id=user_id, **form.holder())
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已保存 {account.username} 的账号信息")
            return redirect("org:users")
    return render(request, "org/user_edit.html", {"form": form, "account": account})


@never_cache
@require_POST
@admin_page(Role.SYSADMIN)
def user_password(request, user_id: int):
    user, password = services.user_reset_password(actor=request.user, user_id=user_id)
    return _shown_once(request, user, password, "密码已重置")


@require_GET
@admin_page(Role.SECADMIN)
def permission_list(request):
    context = _list_context(request, Role.SECADMIN) | {"role_choices": ROLE_CHOICES}
    context["with_second_factor"] = second_factor.users_with_device([u.pk for u in context["users"]])
    return render(request, "org/permission_list.html", context)


@require_POST
@admin_page(Role.SECADMIN)
def user_role(request, user_id: int):
    try:
        user = services.user_set_role(actor=request.user, user_id=user_id, role=request.POST.get("role", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已将 {user.username} 的角色改为{user.get_role_display()}")
    return redirect("org:permissions")


@require_POST
@admin_page(Role.SECADMIN)
def user_reveal(request, user_id: int):
    grant = {"1": True, "0": False}.get(request.POST.get("can_reveal", ""))
    try:
        if grant is None:
            raise DomainError("请选择授予或收回")
        user = services.user_set_reveal(actor=request.user, user_id=user_id, can_reveal=grant)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已{'授予' if grant else '收回'} {user.username} 查看完整身份证号和电话的权限")
    return redirect("org:permissions")


@require_POST
@admin_page(Role.SECADMIN)
def user_second_factor_reset(request, user_id: int):
    """A user who lost their phone: their authenticator is removed and set up again at next login."""
    user = user_managed(actor=request.user, role=Role.SECADMIN, user_id=user_id)
    try:
        second_factor.second_factor_remove(actor=request.user, user=user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已重置 {user.username} 的两步验证：其下次登录时重新设置")
    return redirect("org:permissions")

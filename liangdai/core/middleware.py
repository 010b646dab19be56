from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponse, JsonResponse
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.defaults import bad_request


class ChosenLanguageMiddleware:
    """Chinese unless the user chose another language (the set_language cookie). Unlike Django's
    LocaleMiddleware it ignores the browser's Accept-Language: a clerk on an English-language
    browser still gets the Chinese system, with English one click away."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Only for this request: a language left active on the thread would follow into whatever
        # runs next on it (a command, another test), as English once did into `liangdai approval`.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class LoginRequiredMiddleware(auth_middleware.LoginRequiredMiddleware):
    """Every page needs a login unless its view says otherwise (`login_not_required`): a page added
    later is closed by default. The JSON API authenticates each endpoint itself and answers 401
    rather than a redirect to the login page."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)

    def handle_no_permission(self, request, view_func):
        if request.headers.get("HX-Request") == "true":
            # A live update after the session timed out: send the whole page to the login form
            # instead of swapping the login form into a part of the page.
            return HttpResponse(status=204, headers={"HX-Redirect": resolve_url(settings.LOGIN_URL)})
        return super().handle_no_permission(request, view_func)


class RefuseUnusableInputMiddleware:
    """A request whose path, query string, form or cookies carry a NUL character, or whose query
    string or form carries a value longer than any input of the system takes, is answered 400
    before it reaches a view. PostgreSQL can neither store nor compare a NUL ("%00" in a search once
    answered 500), and no filter or form field needs pages of text; fields keep their own, tighter
    limits, this is the outer fence. A multipart body (an upload) is left for its view to parse,
    which may set its own upload handlers first."""

    # A query string carries codes, dates and search words; a form at most a paragraph or two.
    GET_MAX_LENGTH = 1_000
    POST_MAX_LENGTH = 20_000

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = self.problem(request)
        if problem is None:
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": problem}, status=400)
        # As Django renders its own 400 (views.defaults.bad_request): the template without the
        # request, so that nothing reads the session with the unusable input.
        return bad_request(request, SuspiciousOperation(problem))

    def problem(self, request) -> str | None:
        """The reason in Chinese, or None when the request is usable."""
        if "\x00" in request.path:
            return "请求地址含有不允许的空字符（\\x00）"
        sources = [("查询参数", request.GET, self.GET_MAX_LENGTH), ("Cookie", request.COOKIES, None)]
        if request.content_type == "application/x-www-form-urlencoded":
            sources.append(("表单", request.POST, self.POST_MAX_LENGTH))
        for label, values, max_length in sources:
            for key, value in _items(values):
                if "\x00" in key or "\x00" in value:
                    return f"{label}含有不允许的空字符（\\x00）"
                if max_length is not None and len(value) > max_length:
                    return f"{label}“{key[:20]}”过长：不能超过{max_length}个字符（实为{len(value)}个）"
        return None


class SecurityHeadersMiddleware:
    """Every answer carries a Content-Security-Policy that allows script only from this site's own
    files (htmx, ECharts and the pages' scripts under static/; no inline script, no eval), so that
    text slipped into a page cannot run. Every answer to a logged-in user is `no-store`: pages and
    API answers carry identity numbers, incomes and political status, which no browser cache or
    proxy may keep. Static files are answered by whitenoise before this and keep their caching."""

    CONTENT_SECURITY_POLICY = "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            # ECharts and htmx (includeIndicatorStyles) set inline styles; styles cannot run code.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ]
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.CONTENT_SECURITY_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


def _items(values):
    """Every (key, value) of a QueryDict (each value of a repeated key) or of a plain dict."""
    if hasattr(values, "lists"):
        return ((key, value) for key, items in values.lists() for value in items)
    return values.items()

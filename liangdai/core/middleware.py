from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.utils import translation


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
        translation.activate(language)
        request.LANGUAGE_CODE = language
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

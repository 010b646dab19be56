"""Holding a login at the second factor (`second_factor`)."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from . import second_factor

# What a user who has not yet given their code may reach: the code page itself, and the way out.
OPEN_TO_UNVERIFIED = ("second_factor", "logout", "set_language")


class SecondFactorMiddleware:
    """After django-otp's OTPMiddleware: a logged-in user who needs a code and has not given one in
    this session reaches only OPEN_TO_UNVERIFIED; the API answers 401, a live update goes to the page."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.open_paths = None

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and second_factor.needs_verification(user):
            if self.open_paths is None:
                self.open_paths = {reverse(name) for name in OPEN_TO_UNVERIFIED}
            if request.path_info not in self.open_paths:
                return self._held(request)
        return self.get_response(request)

    def _held(self, request):
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": "需要两步验证：请先在网页上输入身份验证器的验证码"}, status=401)
        if request.headers.get("HX-Request") == "true":
            return HttpResponse(status=204, headers={"HX-Redirect": reverse("second_factor")})
        return redirect("second_factor")

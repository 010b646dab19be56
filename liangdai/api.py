"""The JSON API (django-ninja): thin endpoints over the same selectors and services as the pages."""

from django.urls import path
from ninja import NinjaAPI

api = NinjaAPI(title="两个带头人 API", version="1", urls_namespace="api")

urlpatterns = [path("", api.urls)]

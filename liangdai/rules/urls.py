from django.urls import path

from . import views

app_name = "rules"
urlpatterns = [
    path("", views.rules_list, name="list"),
    path("fund-tiers/", views.fund_tiers_edit, name="fund_tiers"),
]

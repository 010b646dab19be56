from django.urls import path

from . import views

app_name = "rules"
urlpatterns = [
    path("", views.rules_list, name="list"),
    path("fund-tiers/", views.rule_edit, {"kind": "fund_tiers"}, name="fund_tiers"),
    path("rubric/", views.rule_edit, {"kind": "rubric"}, name="rubric"),
    path("star-thresholds/", views.rule_edit, {"kind": "star_thresholds"}, name="star_thresholds"),
    path("bonus-factors/", views.rule_edit, {"kind": "bonus_factors"}, name="bonus_factors"),
    path("leader-tiers/", views.rule_edit, {"kind": "leader_tiers"}, name="leader_tiers"),
    path("training-ratio/", views.rule_edit, {"kind": "training_ratio"}, name="training_ratio"),
]

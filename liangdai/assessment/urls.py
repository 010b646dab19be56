from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("node/<str:code>/scores/", views.scores, name="scores"),
    path("village/<str:code>/score/", views.score, name="score"),
    path("node/<str:code>/appraisals/", views.appraisal_list, name="appraisals"),
    path("person/<int:pk>/appraise/", views.appraise, name="appraise"),
    path("node/<str:code>/approvals/", views.board, name="board"),
    path("township/<str:code>/approvals/<str:action>/", views.approval_action, name="approval_action"),
    path("county/<str:code>/bonus/", views.bonus, name="bonus"),
    path("county/<str:code>/bonus/export/", views.bonus_export, name="bonus_export"),
]

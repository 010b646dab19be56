from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("import/<int:pk>/commit/", views.import_commit, name="commit"),
    path("import/<int:pk>/errors.xlsx", views.import_errors, name="errors"),
    path("history/", views.history, name="history"),
    path("template.xlsx", views.template_download, name="template"),
    path("export.xlsx", views.export_download, name="export"),
]

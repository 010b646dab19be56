from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.reports"
    label = "reports"

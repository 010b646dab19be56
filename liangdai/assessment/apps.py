from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.assessment"
    label = "assessment"

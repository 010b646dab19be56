from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.rules"
    label = "rules"

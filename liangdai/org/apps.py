from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.org"
    label = "org"

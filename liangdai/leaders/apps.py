from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.leaders"
    label = "leaders"

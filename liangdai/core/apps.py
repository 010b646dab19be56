from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.core"
    label = "core"

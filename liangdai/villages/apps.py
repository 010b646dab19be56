from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.villages"
    label = "villages"

from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.training"
    label = "training"

from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.cadres"
    label = "cadres"

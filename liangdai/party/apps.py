from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.party"
    label = "party"

from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.exchange"
    label = "exchange"

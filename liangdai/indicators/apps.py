from django.apps import AppConfig


class Config(AppConfig):
    """The registry of figures; each domain app adds its own in its `ready()`."""

    name = "liangdai.indicators"
    label = "indicators"

from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.audit"
    label = "audit"

    def ready(self) -> None:
        from . import signals  # noqa: F401

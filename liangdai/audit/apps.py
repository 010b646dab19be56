from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.audit"
    label = "audit"

    def ready(self) -> None:
        from liangdai.core import plugins

        from . import models, signals  # noqa: F401  (signals: login auditing)

        plugins.add_backup_models(models.AuditLog)

from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.audit"
    label = "audit"

    def ready(self) -> None:
        from liangdai.core import plugins

        from . import entities, models, signals  # noqa: F401  (signals: login auditing)

        plugins.add_backup_models(models.AuditLog)
        entities.register("export", "导出")

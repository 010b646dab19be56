from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.exchange"
    label = "exchange"

    def ready(self) -> None:
        from liangdai.audit import entities
        from liangdai.core import plugins

        from . import models

        plugins.add_backup_models(models.ImportRecord)
        entities.register("import", "导入", "exchange.ImportRecord")

from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.rules"
    label = "rules"

    def ready(self) -> None:
        from liangdai.audit import entities
        from liangdai.core import plugins

        from . import models, overview

        plugins.add_backup_models(models.RuleSet)
        entities.register("ruleset", "规则", "rules.RuleSet", read=overview.audit_reading)

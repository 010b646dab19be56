from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.assessment"
    label = "assessment"

    def ready(self) -> None:
        """Plugs the app in: its sheets, figures, page sections and tables (`core.plugins`)."""
        from liangdai.core import plugins
        from liangdai.exchange import sheets as exchange
        from liangdai.indicators.registry import REGISTRY

        from . import indicators, models, selectors, sheets

        exchange.register(sheets.StarSheet, sheets.AppraisalSheet)
        REGISTRY.add_module(indicators)
        plugins.add_backup_models(models.StarRating, models.Appraisal, models.BonusBudget)
        plugins.add_person_panel("assessment/_person_appraisals.html", selectors.person_appraisals)

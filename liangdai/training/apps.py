from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.training"
    label = "training"

    def ready(self) -> None:
        """Plugs the app in: its sheets, figures, page sections and tables (`core.plugins`)."""
        from liangdai.core import plugins
        from liangdai.exchange import sheets as exchange
        from liangdai.indicators.registry import REGISTRY

        from . import indicators, models, selectors, sheets

        exchange.register(sheets.TrainingSheet)
        REGISTRY.add_module(indicators)
        plugins.add_backup_models(models.TrainingClass, models.Enrolment)
        plugins.add_person_panel("training/_person_trainings.html", selectors.person_trainings)

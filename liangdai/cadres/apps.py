from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.cadres"
    label = "cadres"

    def ready(self) -> None:
        """Plugs the app in: its sheets, figures, page sections and tables (`core.plugins`)."""
        from liangdai.audit import entities
        from liangdai.core import plugins
        from liangdai.exchange import masked
        from liangdai.exchange import sheets as exchange
        from liangdai.indicators.registry import REGISTRY
        from liangdai.org import scoping

        from . import indicators, models, selectors, sheets, unmasking

        exchange.register(sheets.HoldingSheet)
        masked.add_unmasker(unmasking.unmask_persons)
        REGISTRY.add_module(indicators)
        plugins.add_backup_models(
            models.Person, models.Holding, models.ReserveCandidate, models.WeakOrganisation, models.RectificationStep
        )
        plugins.add_node_panel("cadres/node_panel.html", selectors.node_panel)
        plugins.add_warning_panel("cadres/_seat_warnings.html", selectors.warning_panel)
        scoping.add_person_link(models.Holding)
        scoping.add_person_link(models.ReserveCandidate)
        entities.register("person", "人员", "cadres.Person")
        entities.register("holding", "任职", "cadres.Holding")
        entities.register("reserve", "后备力量", "cadres.ReserveCandidate")
        entities.register("weak", "软弱涣散整顿", "cadres.WeakOrganisation", keys={"description": "整顿措施"})

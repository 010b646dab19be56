from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.villages"
    label = "villages"

    def ready(self) -> None:
        """Plugs the app in: its sheets, figures, page sections and tables (`core.plugins`)."""
        from liangdai.audit import entities
        from liangdai.core import plugins
        from liangdai.exchange import sheets as exchange
        from liangdai.indicators.registry import REGISTRY

        from . import indicators, models, panels, sheets

        exchange.register(
            sheets.VillageSheet,
            sheets.VenueSheet,
            sheets.SpendingSheet,
        )
        REGISTRY.add_module(indicators)
        plugins.add_node_panel("villages/_income_panel.html", panels.income_panel)
        plugins.add_backup_models(models.VillageProfile, models.VillageIncome, models.Venue, models.Spending)
        entities.register("village_profile", "村情", "villages.VillageProfile")
        entities.register("village_income", "人均纯收入", "villages.VillageIncome")
        entities.register("venue", "活动场所", "villages.Venue")
        entities.register("spending", "资金支出", "villages.Spending")

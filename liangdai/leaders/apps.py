from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.leaders"
    label = "leaders"

    def ready(self) -> None:
        """Plugs the app in: its sheets, figures, page sections and tables (`core.plugins`)."""
        from liangdai.audit import entities
        from liangdai.core import plugins
        from liangdai.exchange import sheets as exchange
        from liangdai.indicators.registry import REGISTRY
        from liangdai.org import scoping

        from . import indicators, models, selectors, sheets

        exchange.register(sheets.WealthLeaderSheet)
        REGISTRY.add_module(indicators)
        plugins.add_backup_models(models.WealthLeader, models.Support)
        scoping.add_person_link(models.WealthLeader)
        plugins.add_node_panel("leaders/node_panel.html", selectors.node_panel)
        plugins.add_person_panel("leaders/_person_panel.html", selectors.person_panel)
        entities.register("wealth_leader", "致富带头人", "leaders.WealthLeader")
        entities.register("support", "扶持", "leaders.Support")

from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.party"
    label = "party"

    def ready(self) -> None:
        """Plugs the app in: its sheets, figures, page sections and tables (`core.plugins`)."""
        from liangdai.audit import entities
        from liangdai.core import plugins
        from liangdai.exchange import sheets as exchange
        from liangdai.indicators.registry import REGISTRY
        from liangdai.org import scoping

        from . import indicators, models, panels, selectors, sheets

        exchange.register(sheets.DevelopmentSheet)
        REGISTRY.add_module(indicators)
        plugins.add_backup_models(models.DevelopmentRecord)
        plugins.add_warning_panel("party/_conversions_due.html", selectors.warning_panel)
        plugins.add_warning_panel("party/_no_candidate.html", selectors.no_candidate_panel)
        plugins.add_person_panel("party/_person_path.html", selectors.person_path)
        plugins.add_node_panel("party/node_panel.html", panels.node_panel)
        scoping.add_person_link(models.DevelopmentRecord)
        entities.register("development_record", "党员发展", "party.DevelopmentRecord")

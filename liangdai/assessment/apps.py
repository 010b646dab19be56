from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.assessment"
    label = "assessment"

    def ready(self) -> None:
        """Plugs the app in: its sheets, figures, page sections and tables (`core.plugins`)."""
        from liangdai.core import plugins
        from liangdai.exchange import sheets as exchange
        from liangdai.indicators.registry import REGISTRY

        from . import indicators, models, panels, selectors, sheets

        exchange.register(sheets.StarSheet, sheets.AppraisalSheet)
        REGISTRY.add_module(indicators)
        plugins.add_backup_models(models.StarRating, models.Appraisal, models.BonusBudget, models.Approval)
        plugins.add_backup_models(models.ApprovalStep, models.BonusAllocation, models.BonusShare)
        plugins.add_node_panel("assessment/node_panel.html", panels.node_panel)
        plugins.add_village_panel("assessment/_village_panel.html", panels.village_panel)
        plugins.add_warning_panel("assessment/_zero_stars.html", selectors.zero_star_villages)
        plugins.add_person_panel("assessment/_person_appraisals.html", selectors.person_appraisals)
        plugins.add_village_stars(selectors.village_stars)  # the rotation plan's region places

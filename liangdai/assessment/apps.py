from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.assessment"
    label = "assessment"

    def ready(self) -> None:
        """Plugs the app in: its sheets, figures, page sections and tables (`core.plugins`)."""
        from liangdai.audit import entities
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
        entities.register("star_rating", "星级评定", "assessment.StarRating")
        entities.register("appraisal", "考核等次", "assessment.Appraisal")
        entities.register("bonus_budget", "奖励总额", "assessment.BonusBudget")
        entities.register("bonus_allocation", "奖励分配", "assessment.BonusAllocation")
        entities.register("approval", "审核", "assessment.Approval")

from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.training"
    label = "training"

    def ready(self) -> None:
        """Plugs the app in: its sheets, figures, page sections and tables (`core.plugins`)."""
        from liangdai.audit import entities
        from liangdai.core import plugins
        from liangdai.exchange import sheets as exchange
        from liangdai.indicators.registry import REGISTRY

        from . import coverage, indicators, models, selectors, sheets

        exchange.register(sheets.TrainingSheet)
        REGISTRY.add_module(indicators)
        plugins.add_backup_models(
            models.TrainingBase, models.TrainingClass, models.Enrolment, models.RotationPlan, models.PlanEntry
        )
        plugins.add_node_panel("training/node_panel.html", coverage.node_panel)
        plugins.add_warning_panel("training/_coverage_warning.html", coverage.warning_panel)
        plugins.add_person_panel("training/_person_trainings.html", selectors.person_trainings)
        entities.register("training_base", "培训基地", "training.TrainingBase")
        entities.register("training_class", "培训班", "training.TrainingClass")
        entities.register("enrolment", "培训学员", "training.Enrolment")
        entities.register("rotation_plan", "轮训计划", "training.RotationPlan", keys={"ratio": "轮训比例"})

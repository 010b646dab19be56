from importlib import import_module

from django.apps import AppConfig

# Modules that register indicators, in the order their figures appear.
INDICATOR_MODULES = [
    "liangdai.villages.indicators",
    "liangdai.cadres.indicators",
    "liangdai.leaders.indicators",
    "liangdai.party.indicators",
    "liangdai.training.indicators",
    "liangdai.assessment.indicators",
]


class Config(AppConfig):
    name = "liangdai.indicators"
    label = "indicators"

    def ready(self) -> None:
        for module in INDICATOR_MODULES:
            import_module(module)

from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.org"
    label = "org"

    def ready(self) -> None:
        from liangdai.core import plugins

        from . import models

        plugins.add_backup_models(models.Division, models.User, models.PasswordHistory)

from django.apps import AppConfig


class Config(AppConfig):
    name = "liangdai.org"
    label = "org"

    def ready(self) -> None:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from liangdai.audit import entities
        from liangdai.core import plugins

        from . import models

        # The second-factor keys too (the backup is sealed): after a restore nobody enrols again.
        plugins.add_backup_models(models.Division, models.User, models.PasswordHistory, TOTPDevice)
        entities.register("division", "区划", "org.Division", keys={"divisions": "区划数"})
        entities.register("user", "用户", "org.User")

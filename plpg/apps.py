from django.apps import AppConfig
from django.db.models.signals import post_save


def _seed_holidays(sender, instance, created, raw=False, **kwargs):
    """A new district starts with the US federal holidays of this and next school year."""
    if created and not raw:
        from plpg.holidays import seed_district_holidays

        seed_district_holidays(instance)


class PlpgConfig(AppConfig):
    name = "plpg"
    verbose_name = "PLPG core"

    def ready(self):
        post_save.connect(_seed_holidays, sender=self.get_model("District"), weak=False)

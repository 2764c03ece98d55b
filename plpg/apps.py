from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _history_baseline(sender, **kwargs):
    """Rows that predate the history (or came in bulk) get a first version after migrate."""
    from plpg.history import populate_missing

    if sender.name == "plpg":
        populate_missing()


class PlpgConfig(AppConfig):
    name = "plpg"
    verbose_name = "PLPG core"

    def ready(self):
        post_migrate.connect(_history_baseline, sender=self)

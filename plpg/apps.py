from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate, post_save

CURATOR_GROUP = "curator"


class PlpgAdminConfig(admin_apps.AdminConfig):
    """The admin with PLPG's curator/superuser split (plpg.admin_site)."""

    default = False
    default_site = "plpg.admin_site.PlpgAdminSite"


def _seed_holidays(sender, instance, created, raw=False, **kwargs):
    """A new district starts with the US federal holidays of this and next school year."""
    if created and not raw:
        from plpg.holidays import seed_district_holidays

        seed_district_holidays(instance)


class PlpgConfig(AppConfig):
    default = True
    name = "plpg"
    verbose_name = "PLPG core"

    def ready(self):
        post_migrate.connect(ensure_curator_group)
        post_save.connect(_seed_holidays, sender=self.get_model("District"), weak=False)
        post_migrate.connect(_history_baseline, sender=self)
        # The sign-in receiver of the idle timeout, connected before any request (a test's
        # force_login may come first).
        from plpg import middleware  # noqa: F401


def _history_baseline(sender, **kwargs):
    """Rows that predate the history (or came in bulk) get a first version after migrate."""
    from plpg.history import populate_missing

    populate_missing()


def ensure_curator_group(sender, **kwargs):
    """The "curator" group: every permission on the directory's models, nothing else
    (after the directory's permissions exist: its app's post_migrate)."""
    from django.contrib.auth.models import Group, Permission

    from plpg.admin_site import CURATOR_APPS

    if sender.label not in CURATOR_APPS:
        return
    group, _ = Group.objects.get_or_create(name=CURATOR_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=CURATOR_APPS))

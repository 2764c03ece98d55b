from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from plpg.demo import demo_logins, demo_password
from plpg.history import populate_missing


def demo_modules():
    """Each installed PLPG app's ``demo`` module, in INSTALLED_APPS order (the core first):
    it loads the app's records of fixtures/demo/ through the app's services."""
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if config.path.startswith(str(settings.BASE_DIR)) and find_spec(name):
            yield import_module(name)


class Command(BaseCommand):
    help = "Load the demo districts, users, partners and their year's story (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (demo logins must never exist in production).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo creates demo logins; it runs only with DEBUG=1 (or --force)."
            )
        with transaction.atomic():
            for module in demo_modules():
                if hasattr(module, "seed_demo"):
                    module.seed_demo(stdout=self.stdout)
            # Demo rows loaded in bulk get their first version, as the users' rows do.
            populate_missing(reason="Demo data")
        self.stdout.write(
            self.style.SUCCESS(f"Demo data loaded. Demo logins (password: {demo_password()}):")
        )
        for email, what in demo_logins():
            self.stdout.write(f"  {email:<22} {what}")

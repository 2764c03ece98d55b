from django.core.management.base import BaseCommand
from django.db import transaction

from interviews.guide_data import guide_templates_load


class Command(BaseCommand):
    help = "Create the global interview guide templates from fixtures/interviews (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            created = guide_templates_load()
        self.stdout.write(self.style.SUCCESS(f"Guide templates created: {created}"))

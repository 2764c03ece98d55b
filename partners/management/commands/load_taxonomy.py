from django.core.management.base import BaseCommand

from partners.taxonomy import TAXONOMY_FILE, taxonomy_load


class Command(BaseCommand):
    help = "Create or update the directory's taxonomy from fixtures/partners/taxonomy.json."

    def handle(self, *args, **options):
        counts = taxonomy_load()
        self.stdout.write(self.style.SUCCESS(f"Taxonomy loaded from {TAXONOMY_FILE.name}:"))
        for group, count in counts.items():
            self.stdout.write(f"  {group:<18} {count}")

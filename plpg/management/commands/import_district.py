from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plpg.exchange import ImportRefused, district_import, read_document


class Command(BaseCommand):
    help = "Load a district export (the zip from /district/export.zip, or its district.json)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--slug", help="Slug of the new district (default: from its name).")

    def handle(self, *args, file: Path, slug=None, **options):
        try:
            district = district_import(read_document(file.read_bytes()), slug=slug)
        except (OSError, ImportRefused) as error:
            raise CommandError(f"Nothing was imported: {error}") from error
        self.stdout.write(f"Imported “{district}” (slug {district.slug}).")

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partners.importer import ScopeSequenceError, import_scope_sequence
from partners.models import Partner


class Command(BaseCommand):
    help = "Import a scope-and-sequence table (seed format) as a partner's sample engagement."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the tab-separated .txt file (UTF-8).")
        parser.add_argument("--partner", required=True, help="The partner's slug.")
        parser.add_argument(
            "--title", default="", help="Title of the sample engagement (default: from the file)."
        )

    def handle(self, *args, file, partner, title, **options):
        try:
            partner_obj = Partner.objects.get(slug=partner)
        except Partner.DoesNotExist as exc:
            raise CommandError(f"No partner with slug {partner!r}.") from exc
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError as exc:
            raise CommandError(f"{file}: no such file.") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(
                f"{file}: not UTF-8 text ({exc.reason} at byte {exc.start})."
            ) from exc
        try:
            engagement = import_scope_sequence(text=text, partner=partner_obj, title=title)
        except ScopeSequenceError as exc:
            raise CommandError(
                f"{file}, line {exc.line}: {exc.message}. Nothing was imported."
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported “{engagement.title}” for {partner_obj}: {engagement.items.count()} rows."
            )
        )

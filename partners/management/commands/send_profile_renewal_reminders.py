from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date

from partners.curation import renewal_reminders_send


class Command(BaseCommand):
    help = (
        "Email the staff of partners whose profile was not reviewed for 12 months (every 30 "
        "days until renewed) and the curators a list. Run it daily (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List, don't send.")
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["date"]:
            try:
                today = parse_date(options["date"])
            except ValueError:
                today = None
            if today is None:
                raise CommandError("--date must be a date like 2026-09-30")
        sent = renewal_reminders_send(today=today, dry_run=options["dry_run"])
        verb = "Would send" if options["dry_run"] else "Sent"
        for email, partner in sent:
            self.stdout.write(f"{verb} a renewal reminder to {email} ({partner})")
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(sent)} email(s)."))

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date

from engagements.reminders import reminders_send
from engagements.workspace.issues import escalations_send
from plpg.models import District


class Command(BaseCommand):
    help = (
        "Email PL managers and leads their districts' overdue check-ins, overdue action items, "
        "step-backs due and contracts ending within 60 days. Run it daily (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List, don't send.")
        parser.add_argument("--district", help="Only this district (slug).")
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["date"]:
            today = parse_date(options["date"]) if _valid(options["date"]) else None
            if today is None:
                raise CommandError("--date must be a date like 2026-09-30")
        district = None
        if options["district"]:
            district = District.objects.filter(slug=options["district"]).first()
            if district is None:
                raise CommandError(f"No district with slug {options['district']!r}")
        sent = reminders_send(today=today, dry_run=options["dry_run"], district=district)
        # High-severity field issues open past their due date go to the district's leads.
        escalated = escalations_send(today=today, dry_run=options["dry_run"], district=district)
        verb = "Would send" if options["dry_run"] else "Sent"
        for email, count in sent:
            self.stdout.write(f"{verb} {count} reminder(s) to {email}")
        for email, title in escalated:
            self.stdout.write(f"{verb} an escalation of {title!r} to {email}")
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(sent) + len(escalated)} email(s)."))


def _valid(text):
    try:
        return parse_date(text) is not None
    except ValueError:
        return False

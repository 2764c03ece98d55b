from django.core.management.base import BaseCommand

from interviews.services import reminders_send


class Command(BaseCommand):
    help = "Email panelists who have not submitted their scorecard one day after the interview."

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(self.style.SUCCESS(f"Reminders sent: {sent}"))

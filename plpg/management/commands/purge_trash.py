from django.core.management.base import BaseCommand

from plpg.trash import TRASH_DAYS, trash_purge


class Command(BaseCommand):
    help = (
        f"Delete for good what has been in the trash for more than {TRASH_DAYS} days (daily cron)."
    )

    def handle(self, *args, **options):
        purged = trash_purge()
        self.stdout.write(f"Purged {purged} item(s) older than {TRASH_DAYS} days from the trash.")

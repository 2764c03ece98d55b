from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from plpg.management.commands.seed_demo import demo_modules


class Command(BaseCommand):
    help = "Synthetic data for benchmarks: N partners, districts, interviews and check-ins."

    def add_arguments(self, parser):
        parser.add_argument("--partners", type=int, default=0)
        parser.add_argument("--districts", type=int, default=0)
        parser.add_argument("--interviews", type=int, default=0)
        parser.add_argument("--checkins", type=int, default=0)
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed (same seed, same data)."
        )

    def handle(self, *args, **options):
        counts = {k: options[k] for k in ("partners", "districts", "interviews", "checkins")}
        for name, value in counts.items():
            if value < 0:
                raise CommandError(f"--{name} must be zero or more")
        with transaction.atomic():
            for module in demo_modules():
                if hasattr(module, "seed_scale"):
                    module.seed_scale(seed=options["seed"], stdout=self.stdout, **counts)
        self.stdout.write(self.style.SUCCESS(f"Scale data created: {counts}"))

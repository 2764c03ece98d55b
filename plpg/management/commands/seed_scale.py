import time

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Synthetic data at production scale for benchmarks (plpg/scale.py): partners, "
        "districts (one large one), interviews and check-ins. Idempotent per --seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--partners", type=int, default=5000)
        parser.add_argument("--districts", type=int, default=200)
        parser.add_argument("--interviews", type=int, default=2000)
        parser.add_argument("--checkins", type=int, default=50000)
        parser.add_argument("--no-large", action="store_true", help="No large district.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")

    def handle(self, *args, **options):
        from plpg.scale import seed_scale

        counts = {k: options[k] for k in ("partners", "districts", "interviews", "checkins")}
        for name, value in counts.items():
            if value < 0:
                raise CommandError(f"--{name} must be zero or more")
        started = time.monotonic()
        seed_scale(
            seed=options["seed"], large=not options["no_large"], say=self.stdout.write, **counts
        )
        self.stdout.write(
            self.style.SUCCESS(f"Scale data ready in {time.monotonic() - started:.1f} s: {counts}")
        )

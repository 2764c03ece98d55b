"""The demo's shared workspace: Riverside shares its Northstar engagement with
provider@demo.test (seed_demo runs this after engagements' demo; idempotent)."""

from engagements.models import Engagement
from engagements.workspace.services import share_add
from plpg.models import User

RIVERSIDE = "riverside-unified-demo"
NORTHSTAR = "northstar-math-collaborative"


def seed_demo(stdout=None):
    engagement = (
        Engagement.objects.filter(district__slug=RIVERSIDE, partner__slug=NORTHSTAR)
        .order_by("pk")
        .first()
    )
    provider = User.objects.filter(email="provider@demo.test").first()
    manager = User.objects.filter(email="manager@demo.test").first()
    if engagement is None or provider is None:
        if stdout:
            stdout.write("workspace: Northstar engagement or provider missing; skipped.\n")
        return
    share_add(engagement=engagement, staff_user=provider, user=manager)  # no-op if shared

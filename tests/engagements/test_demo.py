import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from engagements.models import CheckIn, Engagement, GoalUpdate, PlanItem
from engagements.selectors import dashboard_for
from plpg.models import User

pytestmark = pytest.mark.django_db


def test_demo_story(demo):
    manager = User.objects.get(email="manager@demo.test")
    riverside = manager.memberships.get().district
    data = dashboard_for(user=manager, district=riverside, today=timezone.localdate())
    partners = {e.partner.slug for e in data["engagements"]}
    # Beacon (high-school ELA, 50 days from its end) comes from engagements.impact's demo.
    assert partners == {
        "northstar-math-collaborative",
        "ember-literacy-partners",
        "beacon-ela-institute",
    }
    overdue = [a.engagement.partner.slug for a in data["alerts"] if a.kind == "checkin-overdue"]
    assert overdue == ["ember-literacy-partners"]
    [overlap] = data["overlaps"]
    assert "Teachers" in overlap.audiences and overlap.needs_joint_checkin(timezone.localdate())
    lakeview = Engagement.objects.get(district__slug="lakeview-county-schools-demo")
    assert lakeview.partner.slug == "prairie-reading-institute"


def test_demo_is_idempotent_and_keeps_user_changes(demo):
    counts = [m.objects.count() for m in (Engagement, CheckIn, PlanItem, GoalUpdate)]
    Engagement.objects.filter(partner__slug="ember-literacy-partners").update(title="Renamed")
    call_command("seed_demo", force=True, stdout=io.StringIO())
    assert [m.objects.count() for m in (Engagement, CheckIn, PlanItem, GoalUpdate)] == counts
    assert Engagement.objects.filter(title="Renamed").exists()


def test_logging_the_overdue_checkin_clears_it_on_the_dashboard(client, demo):
    manager = User.objects.get(email="manager@demo.test")
    ember = Engagement.objects.get(partner__slug="ember-literacy-partners")
    client.force_login(manager)
    dashboard = client.get(reverse("engagements:dashboard")).content.decode()
    assert "Check-in with Ember Literacy Partners was due" in dashboard
    response = client.post(
        reverse("engagements:checkin_create", args=[ember.pk]),
        {
            "kind": "regular",
            "date": timezone.localdate().isoformat(),
            "duration_minutes": "30",
            "actions-TOTAL_FORMS": "0",
            "actions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    dashboard = client.get(reverse("engagements:dashboard")).content.decode()
    assert "Check-in with Ember Literacy Partners was due" not in dashboard

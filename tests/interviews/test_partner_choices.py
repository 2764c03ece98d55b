"""The partner pickers of the shortlist and of a new engagement ask "published" on the day
of the request, not on the day the process started (a profile lapses after 15 months)."""

import datetime as dt

import pytest
from django.utils import timezone

from engagements.forms import EngagementForm
from interviews.forms import ShortlistAddForm
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("form_class", [ShortlistAddForm, EngagementForm])
def test_a_lapsing_profile_leaves_the_picker_without_a_restart(form_class, monkeypatch):
    today = timezone.localdate()
    lapsing = PartnerFactory(slug="lapsing", last_reviewed=today - dt.timedelta(days=400))
    assert lapsing in form_class().fields["partner"].queryset
    # 100 days later (in the same process) the profile is past 15 months without review.
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: today + dt.timedelta(days=100))
    assert lapsing not in form_class().fields["partner"].queryset

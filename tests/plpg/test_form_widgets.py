"""Forms speak plainly (#10 item 8): no Django "---------" empty choice and no Ctrl-click
multi-select on any form page a district uses; a multi-choice is a checkbox list."""

import re

import pytest
from django.urls import reverse

from engagements.models import Engagement
from interviews.models import Interview, Selection
from plpg.models import User

pytestmark = pytest.mark.django_db


def _form_pages():
    selection = Selection.objects.get(title__startswith="K–8 math partner")
    interview = Interview.objects.filter(selection=selection).first()
    engagement = Engagement.objects.filter(district=selection.district).first()
    return {
        "leader@demo.test": [
            reverse("interviews:selection_create"),
            reverse("interviews:selection_edit", args=[selection.pk]),
            reverse("interviews:interview_create", args=[selection.pk]),
            reverse("interviews:edit", args=[interview.pk]),
            reverse("district_settings"),
            reverse("partners:diagnostic"),
        ],
        "manager@demo.test": [
            reverse("engagements:create"),
            reverse("engagements:edit", args=[engagement.pk]),
            reverse("engagements:checkin_create", args=[engagement.pk]),
            reverse("engagements:goal_create", args=[engagement.pk]),
            reverse("engagements:plan_create", args=[engagement.pk]),
        ],
    }


def test_no_dashes_choice_and_no_multiple_select_on_form_pages(client, demo):
    checked = 0
    for email, urls in _form_pages().items():
        client.force_login(User.objects.get(email=email))
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert "---------" not in html, url
            assert not re.search(r"<select[^>]*\bmultiple\b", html), url
            checked += 1
    assert checked == 11


def test_the_selection_forms_multi_choices_are_checkboxes(client, demo):
    client.force_login(User.objects.get(email="leader@demo.test"))
    html = client.get(reverse("interviews:selection_create")).content.decode()
    for name in ("phases", "curricula", "grade_bands"):
        assert re.search(rf'<input type="checkbox"[^>]* name="{name}"', html), name

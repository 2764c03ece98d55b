"""Starting a selection: one service (interviews.services.selection_create) for the needs
form at /selections/new/ and for the directory's shortlist picker."""

import pytest
from django.urls import reverse

from interviews import services
from interviews.forms import SelectionForm
from interviews.models import Guide, Selection
from partners.models import ContentArea, PartnerStaff, Phase
from plpg.models import Membership
from tests.factories import PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("interviews:selection_create")


def test_from_a_title_on_the_default_guide_with_the_diagnostics_needs(district, lead):
    area = ContentArea.objects.get(slug="math")
    launch = Phase.objects.get(slug="launch")
    selection = services.selection_create(
        district=district,
        user=lead,
        title="Math partner",
        prefill={"needs": "Launch our math curriculum.", "content_area": area, "phases": [launch]},
    )
    selection = Selection.objects.get(pk=selection.pk)
    assert selection.district == district and selection.created_by == lead
    assert selection.guide == Guide.objects.default()
    assert selection.needs == "Launch our math curriculum." and selection.content_area == area
    assert list(selection.phases.all()) == [launch]
    # Created, then its needs filled: two versions in its history.
    assert list(
        selection.history.order_by("history_id").values_list("history_type", flat=True)
    ) == [
        "+",
        "~",
    ]


def test_from_the_needs_form_with_its_choices(district, lead):
    launch = Phase.objects.get(slug="launch")
    form = SelectionForm({"title": "ELA partner", "phases": [launch.pk]}, user=lead)
    assert form.is_valid(), form.errors
    selection = services.selection_create(district=district, user=lead, form=form)
    selection = Selection.objects.get(pk=selection.pk)
    assert selection.district == district and selection.created_by == lead
    assert list(selection.phases.all()) == [launch]
    assert selection.guide is None  # the form left "The playbook's guide (default)"


def test_the_form_creates_for_the_lead_only(
    client, district, lead, panelist, viewer, manager, outsider, curator
):
    data = {"title": "Coaching partner"}
    client.logout()
    response = client.post(URL, data)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for user in (panelist, viewer, manager):
        client.force_login(user)
        assert client.post(URL, data).status_code == 403, user.email
    staff = UserFactory(email="staff@partner.test")
    PartnerStaff.objects.create(user=staff, partner=PartnerFactory())
    for user in (curator, staff):  # no district: a page that says so, nothing created
        client.force_login(user)
        response = client.post(URL, data)
        assert response.status_code == 200 and b"Selections and interviews" in response.content
    client.force_login(outsider)  # the lead of another district starts their own
    client.post(URL, {"title": "Theirs"})
    assert (
        Selection.objects.get(title="Theirs").district
        == Membership.objects.get(user=outsider).district
    )
    assert not Selection.objects.filter(title="Coaching partner").exists()
    client.force_login(lead)
    bad = client.post(URL, {"title": "", "phases": ["999999"]})
    assert bad.status_code == 400
    assert not Selection.objects.filter(district=district).exists()
    response = client.post(URL, data)
    assert Selection.objects.get(title="Coaching partner").district == district
    assert response.status_code == 302

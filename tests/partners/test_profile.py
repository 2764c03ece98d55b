"""Profiles (sample engagements as tables) and add-to-shortlist from a profile."""

import pytest
from django.urls import reverse

from interviews.models import Selection, ShortlistEntry
from partners.importer import import_scope_sequence
from partners.models import Partner
from plpg.models import Membership
from tests.access import assert_district_private
from tests.factories import MembershipFactory, PartnerFactory, UserFactory
from tests.partners.test_importer import IM, LEADERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(taxonomy):
    partner = PartnerFactory(slug="northstar", name="Northstar", phases=["launch"], is_demo=True)
    import_scope_sequence(text=IM, partner=partner)
    import_scope_sequence(text=LEADERS, partner=partner)
    return partner


def test_profile_shows_both_seed_tables_row_for_row(client, partner, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        response = client.get(reverse("partners:detail", args=["northstar"]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Demo" in content and "fictional" in content
    for engagement in partner.sample_engagements.all():
        assert content.count(f'id="engagement-{engagement.pk}"') == 1
        for item in engagement.items.all():
            assert f"<td>{item.timing}</td>" in content
            assert item.name in content
    assert content.count("<tr>") == 1 + 4 + 1 + 12  # two header rows, 16 items
    assert "Greater than 20% students with disability" in content
    assert "$100,001 - $500,000" in content


def test_drafts_are_404_except_for_curators(client, taxonomy):
    PartnerFactory(slug="draft", status=Partner.Status.DRAFT)
    url = reverse("partners:detail", args=["draft"])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 200
    assert client.get(reverse("partners:detail", args=["no-such"])).status_code == 404


def test_anonymous_sees_sign_in_prompt(client, partner):
    content = client.get(reverse("partners:detail", args=["northstar"])).content.decode()
    assert "Sign in to put Northstar on your district" in content


def test_shortlist_into_an_open_selection(client, partner, lead, district):
    selection = Selection.objects.create(district=district, title="Math search")
    client.force_login(lead)
    content = client.get(reverse("partners:detail", args=["northstar"])).content.decode()
    assert "Math search" in content
    url = reverse("partners:shortlist", args=["northstar"])
    response = client.post(url, {"selection": selection.pk})
    assert response.status_code == 302
    assert ShortlistEntry.objects.filter(selection=selection, partner=partner).count() == 1
    client.post(url, {"selection": selection.pk})
    assert ShortlistEntry.objects.filter(selection=selection, partner=partner).count() == 1
    content = client.get(reverse("partners:detail", args=["northstar"])).content.decode()
    assert "Already on" in content


def test_shortlist_into_a_new_selection(client, partner, panelist, district):
    client.force_login(panelist)
    response = client.post(
        reverse("partners:shortlist", args=["northstar"]), {"new_title": "ELA partner 2027"}
    )
    assert response.status_code == 302
    selection = Selection.objects.get(title="ELA partner 2027")
    assert selection.district == district
    assert selection.shortlist.get().partner == partner


def test_shortlist_is_district_private(client, partner, lead, district, outsider):
    selection = Selection.objects.create(district=district, title="Ours")
    assert_district_private(
        client,
        reverse("partners:shortlist", args=["northstar"]),
        outsider=outsider,
        member=lead,
        method="post",
        data={"selection": selection.pk},
    )
    assert not ShortlistEntry.objects.filter(selection__district__memberships__user=outsider)


def test_shortlist_refusals(client, partner, manager, lead, district):
    selection = Selection.objects.create(district=district, title="Ours")
    url = reverse("partners:shortlist", args=["northstar"])
    client.force_login(manager)
    assert client.post(url, {"selection": selection.pk}).status_code == 403
    assert client.post(url, {"new_title": "Mine"}).status_code == 403
    client.force_login(lead)
    Selection.objects.filter(pk=selection.pk).update(status=Selection.Status.DECIDED)
    response = client.post(url, {"selection": selection.pk}, follow=True)
    assert "no longer open" in response.content.decode()
    response = client.post(url, {}, follow=True)
    assert "Choose a selection or give a title" in response.content.decode()
    assert client.post(url, {"selection": "abc"}).status_code == 302  # form error, no 500
    assert client.post(url, {"selection": 10**12}).status_code == 404
    assert client.post(url, {"new_title": "x" * 500}).status_code == 302
    assert not ShortlistEntry.objects.exists()
    assert client.get(url).status_code == 405
    assert client.post(reverse("partners:shortlist", args=["nope"]), {}).status_code == 404


def test_member_without_district_gets_a_message(client, partner):
    user = UserFactory()
    client.force_login(user)
    content = client.get(reverse("partners:detail", args=["northstar"])).content.decode()
    assert "not a member of a district" in content
    response = client.post(
        reverse("partners:shortlist", args=["northstar"]), {"new_title": "X"}, follow=True
    )
    assert "belong to a district" in response.content.decode()


def test_viewer_may_shortlist(client, partner, viewer, district):
    selection = Selection.objects.create(district=district, title="Ours")
    client.force_login(viewer)
    client.post(reverse("partners:shortlist", args=["northstar"]), {"selection": selection.pk})
    assert selection.shortlist.count() == 1


def test_role_in_a_second_district_does_not_leak(client, partner, lead, other_district):
    """A lead here who is only a viewer elsewhere still cannot touch a third district."""
    MembershipFactory(user=lead, district=other_district, role=Membership.Role.MANAGER)
    theirs = Selection.objects.create(district=other_district, title="Theirs")
    client.force_login(lead)
    response = client.post(
        reverse("partners:shortlist", args=["northstar"]), {"selection": theirs.pk}
    )
    assert response.status_code == 403

"""Profiles: sample engagements as tables; the shortlist picker is loaded from interviews."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

import partners
from partners.importer import import_scope_sequence
from partners.models import Partner
from plpg.apps import CURATOR_GROUP
from tests.factories import PartnerFactory, UserFactory
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
            assert f'<td data-label="Timing">{item.timing}</td>' in content
            assert item.name in content
    assert content.count("<tr>") == 1 + 4 + 1 + 12  # two header rows, 16 items
    assert "Greater than 20% students with disability" in content
    assert "$100,001 - $500,000" in content


def test_drafts_are_404_except_for_curators(client, taxonomy):
    PartnerFactory(slug="draft", status=Partner.Status.DRAFT)
    url = reverse("partners:detail", args=["draft"])
    assert client.get(url).status_code == 404
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get(url).status_code == 404  # staff, but not a curator
    staff.groups.add(Group.objects.get_or_create(name=CURATOR_GROUP)[0])
    client.force_login(staff)
    assert client.get(url).status_code == 200
    assert client.get(reverse("partners:detail", args=["no-such"])).status_code == 404


def test_anonymous_sees_sign_in_prompt(client, partner):
    content = client.get(reverse("partners:detail", args=["northstar"])).content.decode()
    assert "Sign in to put Northstar on your district" in content


def test_members_get_the_shortlist_picker_with_a_no_js_link(client, partner, lead):
    client.force_login(lead)
    content = client.get(reverse("partners:detail", args=["northstar"])).content.decode()
    picker = reverse("interviews:shortlist_from_directory") + "?partner=northstar&amp;next="
    assert f'data-hx-get="{picker}' in content and 'data-hx-trigger="load"' in content
    assert f'<a href="{picker}' in content  # the fallback without JavaScript


LATER_APP = (
    r"(?:from|import)\s+(?:interviews|engagements)\b|get_model\(\s*.(?:interviews|engagements)"
)


def test_partners_imports_no_later_app():
    """DESIGN.md, Layout: partners → plpg only; no import, no apps.get_model in disguise."""
    root = Path(partners.__file__).parent
    for path in root.rglob("*.py"):
        found = re.findall(LATER_APP, path.read_text())
        assert not found, f"{path} mentions {found}"

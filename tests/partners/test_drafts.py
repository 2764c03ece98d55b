"""Profile drafts: the submit / return / approve state machine, the one publication path,
the diff, and that the public directory and CSV change only when a curator approves."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from partners import curation
from partners.curation import CurationError
from partners.models import Partner, PartnerStaff, ProfileDraft
from partners.profile import profile_diff, profile_snapshot, words_diff
from plpg.apps import CURATOR_GROUP
from tests.factories import (
    PartnerFactory,
    SampleEngagementFactory,
    SequenceItemFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
Status = ProfileDraft.Status


@pytest.fixture
def curator(db):
    user = UserFactory(email="curator@x.test", is_staff=True)
    group, _ = Group.objects.get_or_create(name=CURATOR_GROUP)
    user.groups.add(group)
    return user


@pytest.fixture
def partner(taxonomy):
    partner = PartnerFactory(
        slug="acme", name="Acme Learning", summary="Math coaching.", states_served=["CA"],
        content_areas=["math"], phases=["launch"], last_reviewed=timezone.localdate(),
    )  # fmt: skip
    engagement = SampleEngagementFactory(partner=partner, title="IM launch")
    SequenceItemFactory(sample_engagement=engagement, timing="August")
    return partner


@pytest.fixture
def provider(partner):
    user = UserFactory(email="staff@acme.test")
    PartnerStaff.objects.create(user=user, partner=partner)
    return user


def test_full_cycle_edit_submit_return_new_draft_approve(partner, provider, curator):
    draft = curation.draft_start(partner=partner, user=provider)
    assert draft.status == Status.EDITING and draft.number == 1
    assert curation.draft_start(partner=partner, user=provider) == draft  # one at a time

    data = {**draft.data, "summary": "Math and science coaching."}
    curation.draft_save(draft=draft, data=data, revision=draft.revision, user=provider)
    curation.draft_submit(draft=draft, user=provider, note="New summary")
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and draft.submitted_by == provider
    with pytest.raises(CurationError):  # edits after submission go into a new draft
        curation.draft_save(draft=draft, data=data, revision=None, user=provider)

    curation.draft_return(draft=draft, reviewer=curator, comment="Say which grades.")
    draft.refresh_from_db()
    assert draft.status == Status.RETURNED and draft.review_comment == "Say which grades."
    with pytest.raises(CurationError):
        curation.draft_approve(draft=draft, reviewer=curator)
    partner.refresh_from_db()
    assert partner.summary == "Math coaching."  # nothing published

    second = curation.draft_start(partner=partner, user=provider)
    assert second.number == 2 and second.data["summary"] == "Math and science coaching."
    curation.draft_save(
        draft=second, data={**second.data, "summary": "K-8 math and science coaching."},
        revision=second.revision, user=provider,
    )  # fmt: skip
    curation.draft_submit(draft=second, user=provider)
    curation.draft_approve(draft=second, reviewer=curator)
    second.refresh_from_db()
    partner.refresh_from_db()
    assert second.status == Status.APPROVED and second.reviewed_by == curator
    assert second.previous["summary"] == "Math coaching."  # the version it replaced
    assert partner.summary == "K-8 math and science coaching."
    assert partner.last_reviewed == timezone.localdate()
    assert "science" in partner.search_document or partner.summary


def test_stale_form_is_refused(partner, provider):
    draft = curation.draft_start(partner=partner, user=provider)
    curation.draft_save(draft=draft, data=draft.data, revision=1, user=provider)
    with pytest.raises(CurationError, match="Someone saved"):
        curation.draft_save(draft=draft, data=draft.data, revision=1, user=provider)


def test_a_later_submission_withdraws_the_waiting_one(partner, provider, curator):
    first = curation.draft_start(partner=partner, user=provider)
    curation.draft_submit(draft=first, user=provider)
    second = curation.draft_start(partner=partner, user=provider)
    curation.draft_submit(draft=second, user=provider)
    first.refresh_from_db()
    assert first.status == Status.WITHDRAWN
    with pytest.raises(CurationError):
        curation.draft_approve(draft=first, reviewer=curator)


def test_return_needs_a_comment(partner, provider, curator):
    draft = curation.draft_submit(
        draft=curation.draft_start(partner=partner, user=provider), user=provider
    )
    with pytest.raises(CurationError):
        curation.draft_return(draft=draft, reviewer=curator, comment="  ")


def test_curator_direct_edit_and_renewal_use_the_publication_path(partner, curator):
    partner.last_reviewed = timezone.localdate() - timedelta(days=500)
    partner.save()
    draft = curation.draft_start(partner=partner, user=curator)
    curation.draft_save(
        draft=draft, data={**draft.data, "name": "Acme PL"}, revision=None, user=curator
    )
    curation.draft_publish_direct(draft=draft, curator=curator)
    renewal = curation.partner_renew(partner=partner, curator=curator)
    versions = list(partner.drafts.filter(status=Status.APPROVED).order_by("number"))
    assert [v.reviewed_by for v in versions] == [curator, curator]
    assert versions[-1] == renewal
    partner.refresh_from_db()
    assert partner.name == "Acme PL" and partner.last_reviewed == timezone.localdate()


def test_application_needs_gateway_3(taxonomy, curator):
    partner = curation.partner_create(name="Newco", slug="newco", curator=curator)
    staff = UserFactory(email="a@newco.test")
    curation.staff_add(partner=partner, user=staff)
    draft = curation.draft_start(partner=partner, user=staff)
    assert draft.data["name"] == "Newco"
    curation.draft_submit(draft=draft, user=staff)
    with pytest.raises(CurationError, match="Gateway 3"):
        curation.draft_approve(draft=draft, reviewer=curator)
    review = curation.gateway_review_save(
        partner=partner, curator=curator, checklist=["reactions", "learning"], notes="Partial"
    )
    assert not review.passed
    curation.gateway_review_save(
        partner=partner, curator=curator,
        checklist=["reactions", "learning", "organisation", "use", "outcomes", "improves", "x"],
        notes="Uses the five levels.",
    )  # fmt: skip
    curation.draft_approve(draft=draft, reviewer=curator)
    partner.refresh_from_db()
    assert partner.status == Partner.Status.PUBLISHED
    draft.refresh_from_db()
    assert draft.previous is None  # nothing was published before


def test_profile_snapshot_round_trip_keeps_engagement_ids(partner, provider, curator):
    before = profile_snapshot(partner=partner)
    engagement_id = before["sample_engagements"][0]["id"]
    data = {**before, "states_served": ["CA", "NV"], "content_areas": ["math", "science"]}
    data["sample_engagements"] = [
        {**before["sample_engagements"][0], "title": "IM launch, year one"},
        {"id": None, "title": "New one", "items": [{"timing": "June", "participants": "All",
                                                     "name": "Institute", "format": "", "description": ""}]},
    ]  # fmt: skip
    draft = curation.draft_start(partner=partner, user=provider)
    curation.draft_save(draft=draft, data=data, revision=None, user=provider)
    curation.draft_submit(draft=draft, user=provider)
    curation.draft_approve(draft=draft, reviewer=curator)
    after = profile_snapshot(partner=partner)
    assert after["states_served"] == ["CA", "NV"]
    assert after["sample_engagements"][0]["id"] == engagement_id
    assert [e["title"] for e in after["sample_engagements"]] == ["IM launch, year one", "New one"]
    assert after["sample_engagements"][1]["items"][0]["timing"] == "June"


def test_words_diff():
    ops = words_diff("Math coaching for teachers.", "Math and science coaching for leaders.")
    assert [(o.op, o.text) for o in ops if o.op != "same"] == [
        ("added", "and science "),
        ("removed", "teachers."),
        ("added", "leaders."),
    ]
    assert (
        "".join(o.text for o in ops if o.op != "removed")
        == "Math and science coaching for leaders."
    )
    assert "".join(o.text for o in ops if o.op != "added") == "Math coaching for teachers."


def test_profile_diff_fields_chips_and_engagements(partner):
    before = profile_snapshot(partner=partner)
    after = {**before, "summary": "Science coaching.", "states_served": ["NV"], "national": True}
    after["sample_engagements"] = [{"id": None, "title": "Brand new", "items": []}]
    changes = {c.label: c for c in profile_diff(before, after)}
    assert [(o.op, o.text) for o in changes["Summary"].words] == [
        ("removed", "Math "), ("added", "Science "), ("same", "coaching."),
    ]  # fmt: skip
    states = changes["States served"]
    assert states.added == ["Nevada"] and states.removed == ["California"]
    assert changes["Works in every state"].after == "yes"
    assert changes["Sample engagement “Brand new”"].status == "added"
    assert changes["Sample engagement “IM launch”"].status == "removed"
    assert "Name" not in changes
    assert profile_diff(before, before) == []


def _csv_summaries(client):
    rows = csv.DictReader(
        io.StringIO(b"".join(client.get(reverse("partners:export")).streaming_content).decode())
    )
    return {row["slug"]: row["summary"] for row in rows}


def test_public_profile_and_csv_change_only_on_approval(client, partner, provider, curator):
    client.force_login(provider)
    response = client.post(reverse("partners:portal_draft_new"))
    draft = ProfileDraft.objects.get(partner=partner)
    assert response.url == reverse("partners:portal_draft", args=[draft.pk])
    form = {**{k: draft.data[k] for k in ("name", "website", "contact_name", "contact_email")},
            "summary": "Brand new words", "description": "", "hq_state": "",
            "states_served": ["CA"], "content_areas": ["math"], "revision": draft.revision}  # fmt: skip
    assert client.post(reverse("partners:portal_draft", args=[draft.pk]), form).status_code == 302
    client.post(reverse("partners:portal_draft_submit", args=[draft.pk]), {"note": "please"})
    profile = reverse("partners:detail", args=["acme"])
    client.logout()
    assert "Brand new words" not in client.get(profile).content.decode()
    assert _csv_summaries(client)["acme"] == "Math coaching."
    assert "Brand new" not in client.get(reverse("partners:list"), {"q": "brand"}).content.decode()

    client.force_login(curator)
    page = client.get(reverse("partners:curation_draft", args=[draft.pk])).content.decode()
    diff = page[page.index("diff-list") :]
    assert "<del>Math coaching.</del>" in diff and "<ins>Brand new words</ins>" in diff, diff[:3000]
    assert client.post(reverse("partners:curation_approve", args=[draft.pk])).status_code == 302
    client.logout()
    assert "Brand new words" in client.get(profile).content.decode()
    assert _csv_summaries(client)["acme"] == "Brand new words"


def test_stale_profile_form_gets_409(client, partner, provider):
    client.force_login(provider)
    client.post(reverse("partners:portal_draft_new"))
    draft = ProfileDraft.objects.get(partner=partner)
    url = reverse("partners:portal_draft", args=[draft.pk])
    form = {"name": "Acme", "revision": draft.revision}
    assert client.post(url, form).status_code == 302
    response = client.post(url, {**form, "name": "Stale"})
    assert response.status_code == 409
    assert "Someone saved this draft" in response.content.decode()
    draft.refresh_from_db()
    assert draft.data["name"] == "Acme"


def test_bad_profile_input_is_400_and_saves_nothing(client, partner, provider):
    client.force_login(provider)
    client.post(reverse("partners:portal_draft_new"))
    draft = ProfileDraft.objects.get(partner=partner)
    response = client.post(
        reverse("partners:portal_draft", args=[draft.pk]),
        {"name": "", "states_served": ["ZZ"], "website": "not a url", "revision": "x"},
    )
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.revision == 1 and draft.data["name"] == "Acme Learning"

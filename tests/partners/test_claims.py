"""Claims with evidence: upload validation, files served only to curators and the partner,
gateway checklists, badges and directory facets from confirmed claims only, renewal, and
access both ways (partner ↔ district, partner ↔ other partner)."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partners import curation
from partners.curation import CurationError
from partners.models import Claim, Partner, PartnerStaff, Phase, ProfileDraft, Specialty
from partners.renewal import hidden_before, hidden_on, months_before, renewal_state
from partners.selectors import directory_search
from plpg.apps import CURATOR_GROUP
from tests.factories import PartnerFactory, UserFactory
from tests.partners.oracle import directory_search_sql

# The directory's engine and the tests' SQL oracle must agree on what is shown.
ENGINES = [directory_search, directory_search_sql]

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    return tmp_path / "media"


@pytest.fixture
def curator(db):
    user = UserFactory(email="curator@x.test", is_staff=True)
    group, _ = Group.objects.get_or_create(name=CURATOR_GROUP)
    user.groups.add(group)
    return user


@pytest.fixture
def acme(taxonomy):
    return PartnerFactory(slug="acme", name="Acme", phases=["launch"], content_areas=["math"])


@pytest.fixture
def rival(taxonomy):
    return PartnerFactory(slug="rival", name="Rival")


def _staff(partner, email):
    user = UserFactory(email=email)
    PartnerStaff.objects.create(user=user, partner=partner)
    return user


@pytest.fixture
def provider(acme):
    return _staff(acme, "staff@acme.test")


@pytest.fixture
def rival_staff(rival):
    return _staff(rival, "staff@rival.test")


def _claim_post(client, **extra):
    return client.post(reverse("partners:portal_claim_new"), {"note": "We did it", **extra})


# Uploads ------------------------------------------------------------------------------------


def test_pdf_evidence_is_stored_under_a_generated_name(client, provider, acme, media):
    client.force_login(provider)
    upload = SimpleUploadedFile("../../etc/Case study.pdf", PDF, content_type="application/pdf")
    response = _claim_post(client, term="specialty:science-of-reading", file=upload)
    assert response.status_code == 302
    claim = Claim.objects.get(partner=acme, kind="specialty")
    assert claim.status == Claim.Status.SUBMITTED
    assert claim.evidence_filename == "Case_study.pdf"
    assert claim.evidence_file.name.startswith(f"evidence/{acme.pk}/")
    stored = media / claim.evidence_file.name
    assert stored.read_bytes() == PDF
    assert stored.resolve().is_relative_to(media.resolve())


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", PDF, "Upload a PDF file"),
        ("fake.pdf", b"MZ\x90\x00 this is an executable", "not a PDF"),
        ("empty.pdf", b"", "empty"),
        ("big.pdf", PDF + b"0" * 2048, "the limit is"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_saved(
    client, provider, acme, settings, media, name, content, message
):
    settings.EVIDENCE_MAX_BYTES = 1024
    client.force_login(provider)
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = _claim_post(client, term="specialty:science-of-reading", file=upload)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Claim.objects.filter(partner=acme, kind="specialty").exists()
    assert not list(media.rglob("*.pdf")) if media.exists() else True


def test_evidence_file_only_for_curators_and_the_partner(
    client, provider, rival_staff, curator, acme, lead
):
    client.force_login(provider)
    _claim_post(client, term="specialty:science-of-reading", file=SimpleUploadedFile("e.pdf", PDF))
    claim = Claim.objects.get(partner=acme, kind="specialty")
    url = reverse("partners:claim_file", args=[claim.pk])
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"]
    client.force_login(curator)
    assert client.get(url).status_code == 200
    for outsider in (rival_staff, lead):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


# Claims, gateways, badges ---------------------------------------------------------------


def test_claim_needs_evidence_and_its_gateway_to_be_confirmed(acme, provider, curator):
    adoption = Phase.objects.get(slug="adoption")
    claim = curation.claim_create(partner=acme, kind="phase", term=adoption, user=provider)
    assert claim.status == Claim.Status.AWAITING_EVIDENCE
    with pytest.raises(CurationError, match="without evidence"):
        curation.claim_decide(claim=claim, curator=curator, confirm=True, checklist=[])
    curation.claim_evidence_add(claim=claim, user=provider, url="https://acme.example/case")
    with pytest.raises(CurationError, match="Gateway 2"):
        curation.claim_decide(claim=claim, curator=curator, confirm=True, checklist=["purpose"])
    acme.refresh_from_db()
    assert "adoption" not in set(acme.phases.values_list("slug", flat=True))
    curation.claim_decide(
        claim=claim, curator=curator, confirm=True, checklist=["purpose", "sequence", "practice"]
    )
    assert set(acme.phases.values_list("slug", flat=True)) == {"launch", "adoption"}
    result = directory_search(params={"phase": ["adoption"]})
    assert [c.partner.slug for c in result.partners] == ["acme"]
    # Declining later takes it out again.
    curation.claim_decide(claim=claim, curator=curator, confirm=False, checklist=[], notes="Lapsed")
    assert directory_search(params={"phase": ["adoption"]}).total == 0


def test_only_confirmed_specialties_show_as_badges(client, acme, provider, curator):
    sor = Specialty.objects.get(slug="science-of-reading")
    claim = curation.claim_create(
        partner=acme, kind="specialty", term=sor, user=provider, url="https://acme.example/sor"
    )
    profile = reverse("partners:detail", args=["acme"])
    assert "Science of reading" not in client.get(profile).content.decode()
    curation.claim_decide(claim=claim, curator=curator, confirm=True, checklist=[])
    page = client.get(profile).content.decode()
    assert "Science of reading" in page and "Badges" in page


def test_curator_claim_page_refuses_an_unticked_gateway(client, acme, provider, curator):
    claim = curation.claim_create(
        partner=acme, kind="curriculum", user=provider, url="https://acme.example/im",
        term=acme.curricula.model.objects.get(slug="illustrative-mathematics"),
    )  # fmt: skip
    client.force_login(curator)
    url = reverse("partners:curation_claim", args=[claim.pk])
    response = client.post(url, {"decision": "confirm", "checklist": ["staff"]})
    assert response.status_code == 400 and "Gateway 1" in response.content.decode()
    response = client.post(
        url, {"decision": "confirm", "checklist": ["staff", "materials", "references"]}
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Claim.Status.CONFIRMED and claim.reviewed_by == curator


# The public directory never shows unapproved content or unconfirmed claims ----------------

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=6, max_size=10)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    secret=WORDS,
    states=st.lists(st.sampled_from(["NV", "OR", "WA", "TX"]), unique=True),
    step=st.sampled_from(["editing", "submitted", "returned"]),
    specialty=st.sampled_from(["students-with-disabilities", "multilingual-learners"]),
    with_evidence=st.booleans(),
    declined=st.booleans(),
)
def test_directory_and_csv_never_show_drafts_or_unconfirmed_claims(
    client, acme, provider, curator, secret, states, step, specialty, with_evidence, declined
):
    # Hypothesis runs every example in the same test database: start from the listing.
    ProfileDraft.objects.filter(partner=acme).delete()
    Claim.objects.filter(partner=acme, kind="specialty").delete()
    marker = f"zz{secret}"
    draft = curation.draft_start(partner=acme, user=provider)
    data = {**draft.data, "summary": f"Summary {marker}", "name": f"Acme {marker}"}
    data["states_served"] = sorted(states)
    curation.draft_save(draft=draft, data=data, revision=None, user=provider)
    if step != "editing":
        curation.draft_submit(draft=draft, user=provider)
    if step == "returned":
        curation.draft_return(draft=draft, reviewer=curator, comment="Not yet")
    term = Specialty.objects.get(slug=specialty)
    claim = curation.claim_create(
        partner=acme, kind="specialty", term=term, user=provider,
        url="https://acme.example/e" if with_evidence else "",
    )  # fmt: skip
    if declined and with_evidence:
        curation.claim_decide(claim=claim, curator=curator, confirm=False, checklist=[], notes="No")

    for search in ENGINES:
        assert search(params={"q": marker}).total == 0
        assert search(params={"specialty": [specialty]}).total == 0
        for state in states:
            assert search(params={"state": [state]}).total == 0
        facets = {f.param: f for f in search(params={}).facets}
        counts = {o.value: o.count for o in facets["specialty"].options}
        assert counts[specialty] == 0
    pages = [
        client.get(reverse("partners:list")).content.decode(),
        client.get(reverse("partners:detail", args=["acme"])).content.decode(),
        b"".join(client.get(reverse("partners:export")).streaming_content).decode(),
    ]
    for page in pages:
        assert marker not in page
    row = next(r for r in csv.DictReader(io.StringIO(pages[2])) if r["slug"] == "acme")
    assert specialty not in row["specialties"]
    assert row["states"] == ""


# Renewal --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 12, 1), 12, date(2025, 12, 1)),
        (date(2026, 12, 1), 15, date(2025, 9, 1)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2028, 3, 31), 1, date(2028, 2, 29)),
        (date(2026, 5, 31), 15, date(2025, 2, 28)),
        (date(2026, 1, 15), 13, date(2024, 12, 15)),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


def test_renewal_states_and_hiding_day():
    today = date(2026, 12, 1)
    assert renewal_state(date(2025, 12, 2), today) == "current"
    assert renewal_state(date(2025, 12, 1), today) == "due"
    assert renewal_state(date(2025, 9, 2), today) == "due"
    assert renewal_state(date(2025, 9, 1), today) == "hidden"
    assert renewal_state(None, today) == "due"
    assert hidden_on(date(2025, 9, 1)) == date(2026, 12, 1)
    for offset in range(0, 800, 7):
        reviewed = date(2024, 1, 1) + timedelta(days=offset)
        first = hidden_on(reviewed)
        assert reviewed <= hidden_before(first)
        assert reviewed > hidden_before(first - timedelta(days=1))


def test_lapsed_profiles_leave_the_directory_until_renewed(client, acme, curator):
    today = timezone.localdate()
    Partner.objects.filter(pk=acme.pk).update(last_reviewed=hidden_before(today))
    for search in ENGINES:
        assert "acme" not in {c.partner.slug for c in search(params={}).partners}
    assert client.get(reverse("partners:detail", args=["acme"])).status_code == 404
    assert "acme" not in b"".join(client.get(reverse("partners:export")).streaming_content).decode()
    curation.partner_renew(partner=acme, curator=curator)
    assert "acme" in {c.partner.slug for c in directory_search(params={}).partners}
    page = client.get(reverse("partners:detail", args=["acme"])).content.decode()
    assert f"Last reviewed {today:%b %Y}" in page


def test_index_drops_a_lapsing_profile_the_next_day_without_any_write(acme, monkeypatch):
    from partners import index as index_module

    reviewed = timezone.localdate() - timedelta(days=400)
    Partner.objects.filter(pk=acme.pk).update(last_reviewed=reviewed)
    assert "acme" in {c.partner.slug for c in directory_search(params={}).partners}
    later = hidden_on(reviewed)
    monkeypatch.setattr(index_module.timezone, "localdate", lambda: later)
    monkeypatch.setattr("partners.models.timezone.localdate", lambda: later)
    assert "acme" not in {c.partner.slug for c in directory_search(params={}).partners}


def test_renewal_reminders_monthly_to_staff_and_curators(acme, provider, curator):
    today = timezone.localdate()
    Partner.objects.filter(pk=acme.pk).update(last_reviewed=today - timedelta(days=380))
    out = io.StringIO()
    call_command("send_profile_renewal_reminders", stdout=out)
    recipients = sorted(r for m in mail.outbox for r in m.to)
    assert recipients == ["curator@x.test", "staff@acme.test"]
    assert "last reviewed" in mail.outbox[0].body
    mail.outbox.clear()
    call_command("send_profile_renewal_reminders", stdout=io.StringIO())
    assert mail.outbox == []  # not again within 30 days
    call_command(
        "send_profile_renewal_reminders", "--date", str(today + timedelta(days=31)),
        stdout=io.StringIO(),
    )  # fmt: skip
    assert "staff@acme.test" in {r for m in mail.outbox for r in m.to}


# Access both ways ---------------------------------------------------------------------------


def test_partner_staff_reach_only_their_own_drafts_and_claims(
    client, acme, rival, provider, rival_staff
):
    draft = curation.draft_start(partner=acme, user=provider)
    claim = curation.claim_create(
        partner=acme, kind="specialty", user=provider,
        term=Specialty.objects.get(slug="multilingual-learners"),
    )  # fmt: skip
    urls = [
        reverse("partners:portal_draft", args=[draft.pk]),
        reverse("partners:portal_draft_submit", args=[draft.pk]),
        reverse("partners:portal_engagement_new", args=[draft.pk]),
        reverse("partners:portal_claim", args=[claim.pk]),
        reverse("partners:claim_file", args=[claim.pk]),
    ]
    client.force_login(rival_staff)
    for url in urls:
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {"name": "Hijack"}).status_code in (404, 405), url
    draft.refresh_from_db()
    assert draft.status == ProfileDraft.Status.EDITING and draft.data["name"] == "Acme"


def test_district_members_and_partner_staff_stay_apart(client, acme, provider, lead, district):
    draft = curation.draft_start(partner=acme, user=provider)
    client.force_login(lead)
    for url in [
        reverse("partners:portal_draft", args=[draft.pk]),
        reverse("partners:curation_queue"),
        reverse("partners:curation_draft", args=[draft.pk]),
        reverse("partners:curation_partner", args=[acme.pk]),
    ]:
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code in (404, 405), url
    assert client.get(reverse("partners:portal_home")).status_code == 200  # explains, shows nothing
    client.force_login(provider)
    assert client.get(reverse("partners:curation_queue")).status_code == 404
    response = client.get(reverse("partners:portal_home"))
    assert district.name not in response.content.decode()

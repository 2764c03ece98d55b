"""RFPs (issue 15): generated sections, versions, documents, invitations, the deadline,
questions, proposals and who sees them."""

import datetime as dt
import io
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document

from interviews import services
from interviews.models import RFP, LookFor, Proposal, RFPSection, Selection
from interviews.rfp_text import SEQUENCE_HEADER
from plpg import history
from tests.factories import PartnerFactory, SelectionFactory
from tests.interviews.rfp.conftest import rfp_for, submit_ready

pytestmark = pytest.mark.django_db


def section_text(rfp, key) -> str:
    return RFPSection.objects.get(rfp=rfp, key=key).text


def look_for_leads(selection) -> list[str]:
    return [
        lf.lead
        for lf in LookFor.objects.filter(
            block__section__guide=selection.guide,
            block__section__kind__in=["general", "launch", "ongoing-leaders"],
        )
    ]


def test_sections_are_generated_from_the_selection_and_the_guide(rfp, selection):
    keys = list(rfp.sections.values_list("key", flat=True))
    assert keys == [
        "background",
        "scope",
        "non-negotiables",
        "timeline",
        "budget",
        "requirements",
        "criteria",
    ]
    background = section_text(rfp, "background")
    assert "Every student does grade-level math every day." in background
    assert selection.needs in background
    assert "18% multilingual learners" in background
    assert "a rural district in California with 2,500–10,000 students" in background
    scope = section_text(rfp, "scope")
    for needed in (
        "Launch",
        "Math",
        "Illustrative Mathematics",
        "K–2",
        "Teachers",
        "School leaders",
    ):
        assert needed.lower() in scope.lower(), needed
    assert "Coaches use our observation tool" in section_text(rfp, "non-negotiables")
    assert "$50,000 - $100,000" in section_text(rfp, "budget")
    assert "Proposals due" in section_text(rfp, "timeline")
    requirements = section_text(rfp, "requirements")
    assert "\t".join(SEQUENCE_HEADER) in requirements
    assert "References from rural districts" in requirements
    criteria = section_text(rfp, "criteria")
    leads = look_for_leads(selection)
    assert leads and all(lead in criteria for lead in leads)
    assert "(weight 1)" in criteria


def test_a_section_keeps_its_versions_and_refuses_a_stale_edit(client, rfp, selection, lead):
    section = rfp.sections.get(key="budget")
    url = reverse("interviews:rfp_section", args=[selection.pk, section.pk])
    client.force_login(lead)
    response = client.post(url, {"text": "Up to $90,000.", "version": 1}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Up to $90,000." in response.content.decode()
    stale = client.post(url, {"text": "Mine instead.", "version": 1}, HTTP_HX_REQUEST="true")
    assert stale.status_code == 409
    assert "someone else changed this section" in stale.content.decode()
    section.refresh_from_db()
    assert (section.text, section.version) == ("Up to $90,000.", 2)
    texts = [c.record.text for c in history.object_records(RFPSection, section.pk)]
    assert "Up to $90,000." in texts and any("$50,000" in t for t in texts)
    page = client.get(reverse("history:object", args=["interviews.rfpsection", section.pk]))
    assert page.status_code == 200
    # Generate again brings the selection's text back as a new version.
    again = reverse("interviews:rfp_section_regenerate", args=[selection.pk, section.pk])
    assert client.post(again, {"version": 2}).status_code == 302
    section.refresh_from_db()
    assert "$50,000 - $100,000" in section.text and section.version == 3


def test_bad_section_input_is_a_400_and_changes_nothing(client, rfp, selection, lead):
    section = rfp.sections.get(key="budget")
    url = reverse("interviews:rfp_section", args=[selection.pk, section.pk])
    client.force_login(lead)
    for data in ({"text": "x" * 10_001, "version": 1}, {"text": "x", "version": "abc"}, {}):
        assert client.post(url, data, HTTP_HX_REQUEST="true").status_code == 400
    section.refresh_from_db()
    assert section.version == 1


def test_the_docx_reads_back_with_the_non_negotiables_and_look_fors(client, rfp, selection, lead):
    client.force_login(lead)
    response = client.get(reverse("interviews:rfp_docx", args=[selection.pk]))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Coaches use our observation tool" in text
    for lead_text in look_for_leads(selection):
        assert lead_text in text
    for section in rfp.sections.all():
        assert section.title in text
    assert SEQUENCE_HEADER[0] in cells
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [s.title for s in rfp.sections.all()]


def test_the_pdf_carries_every_section(client, rfp, selection, lead):
    client.force_login(lead)
    response = client.get(reverse("interviews:rfp_pdf", args=[selection.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    flat = " ".join(text.split())
    for section in rfp.sections.all():
        assert section.title in flat
        first_line = section.text.split("\n")[0].lstrip("- ").split("\t")[0]
        assert " ".join(first_line.split())[:40] in flat, (section.key, first_line)
    assert "Coaches use our observation tool" in flat
    repeat = client.get(
        reverse("interviews:rfp_pdf", args=[selection.pk]), HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert repeat.status_code == 304


def test_publishing_to_all_reaches_the_matching_partners_only(
    rfp, lead, partner, staff, mailoutbox
):
    PartnerFactory(name="Science Only", phases=["launch"], content_areas=["science"])
    services.rfp_publish(rfp=rfp, user=lead, to_all=True)
    invited = set(rfp.invitations.values_list("partner__name", flat=True))
    assert "Northstar Math" in invited and "Science Only" not in invited
    assert any(m.to == ["staff@northstar.test"] for m in mailoutbox)


def test_the_partner_sees_the_rfp_and_only_its_own_proposal(
    client, published, partner, staff, rival_staff, lead
):
    rival = rival_staff.partner_staff.partner
    services.rfp_invite(rfp=published, partners=[rival], user=lead)
    client.force_login(staff)
    assert "RFP: K-5 math launch" in client.get(reverse("partners:portal_home")).content.decode()
    assert client.get(reverse("interviews:portal_rfp", args=[published.pk])).status_code == 200
    client.post(reverse("interviews:portal_proposal_start", args=[published.pk]))
    mine = Proposal.objects.get(partner=partner)
    assert client.get(reverse("interviews:portal_proposal", args=[mine.pk])).status_code == 200
    client.force_login(rival_staff)
    for name in ("portal_proposal", "portal_proposal_submit", "portal_proposal_save"):
        method = client.get if name == "portal_proposal" else client.post
        assert method(reverse(f"interviews:{name}", args=[mine.pk])).status_code == 404
    # An RFP the partner was not invited to does not exist for it.
    other = SelectionFactory(district=published.selection.district)
    hidden = rfp_for(other, lead, title="Hidden")
    assert client.get(reverse("interviews:portal_rfp", args=[hidden.pk])).status_code == 404


def test_a_draft_rfp_is_invisible_to_partners(client, rfp, partner, staff, lead):
    services.rfp_invite(rfp=rfp, partners=[partner], user=lead)
    client.force_login(staff)
    assert client.get(reverse("interviews:portal_rfp", args=[rfp.pk])).status_code == 404


def test_a_complete_proposal_is_submitted_before_the_deadline(
    client, published, partner, staff, mailoutbox
):
    client.force_login(staff)
    proposal = services.proposal_for(rfp=published, partner=partner)
    response = client.post(reverse("interviews:portal_proposal_submit", args=[proposal.pk]))
    assert response.status_code == 400
    assert "Before submitting, add" in response.content.decode()
    proposal = submit_ready(proposal, staff)
    assert [row["timing"] for row in proposal.sequence] == ["August", "September - May"]
    bad = SimpleUploadedFile("budget.pdf", b"not a pdf at all", content_type="application/pdf")
    response = client.post(
        reverse("interviews:portal_proposal_attach", args=[proposal.pk]), {"file": bad}
    )
    assert response.status_code == 400 and not proposal.attachments.exists()
    good = SimpleUploadedFile("budget.pdf", b"%PDF-1.4\n...", content_type="application/pdf")
    client.post(reverse("interviews:portal_proposal_attach", args=[proposal.pk]), {"file": good})
    assert proposal.attachments.count() == 1
    response = client.post(reverse("interviews:portal_proposal_submit", args=[proposal.pk]))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.is_submitted
    assert any("Proposal submitted" in m.subject for m in mailoutbox)


def test_late_proposals_are_refused_until_the_lead_extends_for_everyone(
    client, published, partner, staff, lead, mailoutbox
):
    proposal = submit_ready(services.proposal_for(rfp=published, partner=partner), staff)
    RFP.objects.filter(pk=published.pk).update(proposals_due=timezone.now() - dt.timedelta(hours=1))
    client.force_login(staff)
    response = client.post(reverse("interviews:portal_proposal_submit", args=[proposal.pk]))
    assert response.status_code == 409
    assert "deadline has passed" in response.content.decode()
    assert not Proposal.objects.get(pk=proposal.pk).is_submitted
    client.force_login(lead)
    extend = reverse("interviews:rfp_extend", args=[published.selection_id])
    assert client.post(extend, {"proposals_due": "garbage"}).status_code == 302  # refused
    new_due = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    client.post(extend, {"proposals_due": new_due})
    assert RFP.objects.get(pk=published.pk).proposals_due > timezone.now()
    assert any("Deadline extended" in m.subject for m in mailoutbox)
    client.force_login(staff)
    client.post(reverse("interviews:portal_proposal_submit", args=[proposal.pk]))
    assert Proposal.objects.get(pk=proposal.pk).is_submitted


def test_answers_are_published_to_every_invited_partner(
    client, published, partner, staff, rival_staff, lead, mailoutbox
):
    rival = rival_staff.partner_staff.partner
    services.rfp_invite(rfp=published, partners=[rival], user=lead)
    client.force_login(staff)
    client.post(
        reverse("interviews:portal_question", args=[published.pk]),
        {"text": "May coaching be virtual?"},
    )
    question = published.questions.get()
    client.force_login(lead)
    client.post(
        reverse("interviews:rfp_answer", args=[published.selection_id, question.pk]),
        {"answer": "Half of it, yes."},
    )
    client.force_login(rival_staff)
    page = client.get(reverse("interviews:portal_rfp", args=[published.pk])).content.decode()
    assert "May coaching be virtual?" in page and "Half of it, yes." in page
    assert "Northstar" not in page  # who asked stays private
    told = {m.to[0] for m in mailoutbox if "Answer published" in m.subject}
    assert told == {"staff@northstar.test", "staff@rival.test"}


def test_the_selection_page_links_to_the_rfp_and_the_decision_quotes_the_playbook(
    client, rfp, selection, lead
):
    client.force_login(lead)
    page = client.get(reverse("interviews:selection_detail", args=[selection.pk])).content.decode()
    assert reverse("interviews:rfp", args=[selection.pk]) in page
    decide = client.get(reverse("interviews:selection_decide", args=[selection.pk]))
    assert "Based on the results of your RFP or interviews" in decide.content.decode()


def test_creating_twice_is_refused(client, rfp, selection, lead):
    client.force_login(lead)
    response = client.post(
        reverse("interviews:rfp_create", args=[selection.pk]),
        {"title": "Again", "proposals_due": "2030-01-01T12:00"},
    )
    assert response.status_code == 302
    assert RFP.objects.filter(selection=selection).count() == 1
    assert Selection.objects.get(pk=selection.pk).rfp == rfp

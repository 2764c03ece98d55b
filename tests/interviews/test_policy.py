"""Blind scoring: the one policy (interviews.policy) as a matrix, and the pages that use it.

Matrix: role × own scorecard on this interview (off the panel / on the panel without a
card / open / submitted / recused / withdrawn) × interview status (scheduled, in progress,
completed, cancelled, reinstated) × whether the user still owes a scorecard on another
interview of the same selection; the same for the selection-level pages.
"""

import subprocess
import tempfile

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews import policy
from interviews.models import Interview, Rating, Scorecard
from plpg.models import Membership
from tests.factories import GuidePartnerFactory, MembershipFactory, UserFactory, interview_for

pytestmark = pytest.mark.django_db

ROLES = [Membership.Role.LEAD, Membership.Role.MANAGER, Membership.Role.VIEWER]
ROLES += [Membership.Role.INTERVIEWER]
CARDS = ["off panel", "on panel, no card", "open", "submitted", "recused", "withdrawn"]
STATUSES = ["scheduled", "in_progress", "completed", "cancelled", "reinstated"]

# What the rule says, written out once per case (the docstring of interviews.policy).
OWES = {"on panel, no card", "open"}
DONE = {"submitted", "recused"}


def expected(role, card, owes_elsewhere):
    if card in OWES or owes_elsewhere:
        return False  # still scoring somewhere in the selection: blind, whatever the status
    if role == Membership.Role.INTERVIEWER:
        return card in DONE  # panelists see only the interviews they were on, once done
    return True  # lead, manager, viewer who owe nothing


def expected_selection(role, card, owes_elsewhere):
    if card in OWES or owes_elsewhere:
        return False
    if role == Membership.Role.INTERVIEWER:
        return card in DONE
    return True


def _put_on(interview, user, card):
    """Give user the scorecard state ``card`` on interview."""
    if card == "off panel":
        return
    interview.panel.add(user)
    if card == "on panel, no card":
        return
    now = timezone.now()
    Scorecard.objects.create(
        interview=interview,
        panelist=user,
        conflict=(Scorecard.Conflict.RECUSED if card == "recused" else Scorecard.Conflict.NONE),
        submitted_at=now if card == "submitted" else None,
        withdrawn_at=now if card == "withdrawn" else None,
    )


def _bare_interview(selection):
    """An interview without sections (the policy never looks at them): fast to make."""
    return Interview.objects.create(
        selection=selection,
        partner=GuidePartnerFactory(),
        guide=selection.guide,
        scheduled_at=timezone.now(),
    )


def _set_status(interview, status):
    if status == "reinstated":
        interview.status = Interview.Status.CANCELLED
        interview.save()
        status = Interview.Status.SCHEDULED
    interview.status = status
    interview.save()


@pytest.mark.parametrize("owes_elsewhere", [False, True], ids=["nothing-else", "owes-elsewhere"])
@pytest.mark.parametrize("card", CARDS)
@pytest.mark.parametrize("role", ROLES)
def test_matrix(selection, district, role, card, owes_elsewhere):
    user = MembershipFactory(district=district, role=role, user=UserFactory()).user
    interview = _bare_interview(selection)
    _put_on(interview, user, card)
    if owes_elsewhere:
        _put_on(_bare_interview(selection), user, "open")
    for status in STATUSES:
        _set_status(interview, status)
        interview.refresh_from_db()
        case = f"{role} · {card} · {status} · owes elsewhere={owes_elsewhere}"
        assert policy.scores_visible_to(user, interview) is expected(role, card, owes_elsewhere), (
            case
        )
        assert policy.selection_scores_visible_to(user, selection) is expected_selection(
            role, card, owes_elsewhere
        ), case


def test_strangers_and_anonymous_see_nothing(selection, interview, outsider):
    from django.contrib.auth.models import AnonymousUser

    for user in (outsider, AnonymousUser()):
        assert not policy.scores_visible_to(user, interview)
        assert not policy.selection_scores_visible_to(user, selection)


# --- The pages, fragments and PDFs all follow it ------------------------------------------


def _score_everything(card, look_fors, score=3, note="Evidence"):
    for look_for in look_fors:
        Rating.objects.create(scorecard=card, look_for=look_for, score=score, note=note)


def _submit(card):
    card.submitted_at = timezone.now()
    card.save()


SECRET = "Modelled a lesson SECRET-NOTE"


@pytest.fixture
def scored(interview, card, card2, look_fors):
    """panelist2 submitted (notes carry SECRET); panelist still scoring."""
    _score_everything(card2, look_fors, score=4, note=SECRET)
    _submit(card2)
    return interview


def _pages(interview):
    return {
        "results page": reverse("interviews:detail", args=[interview.pk]),
        "results PDF": reverse("interviews:report", args=[interview.pk]),
        "selection page": reverse("interviews:selection_detail", args=[interview.selection_id]),
        "selection PDF": reverse("interviews:selection_report", args=[interview.selection_id]),
    }


def pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        return subprocess.run(
            ["pdftotext", pdf.name, "-"], capture_output=True, text=True, check=True
        ).stdout


def _leaks(client, interview):
    """Which pages show the submitted panelist's scores (a PDF is text-searched)."""
    leaking = []
    for name, url in _pages(interview).items():
        response = client.get(url)
        if response.status_code != 200:
            continue
        body = (
            pdf_text(response.content)
            if response["Content-Type"] == "application/pdf"
            else response.content.decode()
        )
        if "SECRET-NOTE" in body or "Overall weighted score" in body or "selection-chart" in body:
            leaking.append(name)
    return leaking


def test_door_1_cancelling_does_not_unblind_and_reinstating_keeps_blind(
    client, scored, panelist, card, lead
):
    client.force_login(panelist)
    assert _leaks(client, scored) == []
    scored.status = Interview.Status.CANCELLED
    scored.save()
    assert _leaks(client, scored) == []
    assert client.get(reverse("interviews:report", args=[scored.pk])).status_code == 403
    scored.status = Interview.Status.SCHEDULED
    scored.save()
    assert _leaks(client, scored) == []
    # Once they submit, they see it (the page; the PDFs follow the same function).
    _submit(card)
    assert (
        "Overall weighted score"
        in client.get(reverse("interviews:detail", args=[scored.pk])).content.decode()
    )


def test_door_2_consensus_response_never_carries_scores_the_lead_may_not_see(
    client, selection, scored, lead, look_fors, card, panelist2
):
    # The lead is on the panel of another interview of the selection and has not submitted.
    interview_for(selection, panel=[lead, panelist2])
    card.withdrawn_at = timezone.now()
    card.save()
    scored.status = Interview.Status.COMPLETED
    scored.save()
    client.force_login(lead)
    url = reverse("interviews:consensus_set", args=[scored.pk, look_fors[0].pk])
    response = client.post(
        url, {"score": "3", "reason": "We agreed", "version": 0}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "SECRET-NOTE" not in body and "Overall weighted score" not in body
    assert "Submit your own scorecards" in body
    assert not scored.consensus.exists()


def test_door_3_no_consensus_while_panelists_are_still_scoring(
    client, scored, lead, panelist, look_fors
):
    client.force_login(lead)
    url = reverse("interviews:consensus_set", args=[scored.pk, look_fors[0].pk])
    response = client.post(url, {"score": "3", "reason": "We agreed", "version": 0})
    assert response.status_code in (302, 409)
    assert not scored.consensus.exists()
    page = client.get(reverse("interviews:detail", args=[scored.pk])).content.decode()
    assert "Consensus opens once every active panelist has submitted" in page
    # The panelist's open score page shows no consensus either.
    client.force_login(panelist)
    assert (
        "the lead set the consensus"
        not in client.get(reverse("interviews:score", args=[scored.pk])).content.decode()
    )


def test_consensus_opens_when_the_last_panelist_submits(
    client, scored, lead, panelist, card, look_fors
):
    client.force_login(panelist)
    client.post(reverse("interviews:score_submit", args=[scored.pk]))
    scored.refresh_from_db()
    assert scored.status == Interview.Status.COMPLETED
    client.force_login(lead)
    url = reverse("interviews:consensus_set", args=[scored.pk, look_fors[0].pk])
    response = client.post(
        url, {"score": "3", "reason": "We agreed", "version": 0}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert scored.consensus.get().score == 3


@pytest.mark.parametrize("reader", ["lead", "manager", "viewer"])
def test_door_4_history_shows_unsubmitted_ratings_only_to_their_author(
    client, request, interview, card, panelist, look_fors, reader
):
    client.force_login(panelist)
    client.post(
        reverse("interviews:score_rate", args=[interview.pk, look_fors[0].pk]),
        {"score": "2", "note": "HIDDEN-DRAFT", "version": 0},
    )
    user = request.getfixturevalue(reader)
    client.force_login(user)
    for url in (
        reverse("interviews:history", args=[interview.pk]),
        reverse("interviews:selection_history", args=[interview.selection_id]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "HIDDEN-DRAFT" not in response.content.decode(), url
    _submit(card)
    page = client.get(reverse("interviews:history", args=[interview.pk])).content.decode()
    assert "HIDDEN-DRAFT" in page


def test_door_5_no_card_here_but_scoring_another_interview_of_the_selection(
    client, selection, scored, panelist2
):
    """The old results_visible let this interviewer see the first interview's results."""
    other_member = MembershipFactory(
        district=selection.district, role=Membership.Role.INTERVIEWER, user=UserFactory()
    ).user
    interview_for(selection, panel=[other_member], partner=GuidePartnerFactory())
    client.force_login(other_member)
    assert _leaks(client, scored) == []

"""Fixtures of the RFP tests: a selection with needs, an RFP, a partner and its staff."""

import datetime as dt

import pytest
from django.utils import timezone

from interviews import services
from interviews.models import RFP
from partners.models import ContentArea, CostBand, Curriculum, GradeBand, PartnerStaff
from tests.factories import PartnerFactory, SelectionFactory, UserFactory

SEQUENCE = (
    "Timing\tParticipants\tName of PL and Format\tDescription\n"
    "August\tAll K-5 teachers\tLaunch institute (in-person)\tTwo days on the curriculum.\n"
    "September - May\tGrade-level teams\tCollaborative planning (virtual)\tMonthly planning.\n"
)


def rfp_for(selection, lead, **fields) -> RFP:
    fields.setdefault("title", "RFP: K-5 math launch")
    fields.setdefault("proposals_due", timezone.now() + dt.timedelta(days=10))
    fields.setdefault("questions_due", timezone.localdate() + dt.timedelta(days=5))
    return services.rfp_create(selection=selection, user=lead, **fields)


def submit_ready(proposal, staff):
    """Answers, cost and a sequence: everything a submission needs."""
    proposal = services.proposal_save(
        proposal_id=proposal.pk,
        answers={k: f"Our {k}." for k in ("approach", "references", "facilitators", "evaluation")},
        cost=85000,
        version=proposal.version,
        user=staff,
    )
    return services.proposal_sequence_set(proposal=proposal, text=SEQUENCE, user=staff)


@pytest.fixture
def selection(district, lead):
    district.instructional_vision = "Every student does grade-level math every day."
    district.locale = "rural"
    district.enrollment_band = "2500-10000"
    district.pct_multilingual_learners = 18
    district.save()
    selection = SelectionFactory(
        district=district,
        created_by=lead,
        phases=["launch", "ongoing-leaders"],
        title="K-5 math launch",
        needs="Coaching for new math teachers on lesson internalization.",
    )
    selection.content_area = ContentArea.objects.get(slug="math")
    selection.budget_band = CostBand.objects.get(slug="50k-100k")
    selection.save()
    selection.curricula.add(Curriculum.objects.get(slug="illustrative-mathematics"))
    selection.grade_bands.add(GradeBand.objects.get(slug="k-2"))
    services.non_negotiable_add(
        selection=selection, text="Coaches use our observation tool", user=lead
    )
    return selection


@pytest.fixture
def rfp(selection, lead):
    return rfp_for(selection, lead)


@pytest.fixture
def partner():
    return PartnerFactory(name="Northstar Math", phases=["launch"], content_areas=["math"])


@pytest.fixture
def staff(partner):
    user = UserFactory(email="staff@northstar.test")
    PartnerStaff.objects.create(user=user, partner=partner)
    return user


@pytest.fixture
def rival_staff():
    rival = PartnerFactory(name="Rival Learning", phases=["launch"], content_areas=["math"])
    user = UserFactory(email="staff@rival.test")
    PartnerStaff.objects.create(user=user, partner=rival)
    return user


@pytest.fixture
def published(rfp, partner, lead, staff):
    services.rfp_invite(rfp=rfp, partners=[partner], user=lead)
    return services.rfp_publish(rfp=rfp, user=lead, to_all=False)

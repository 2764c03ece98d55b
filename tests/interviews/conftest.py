import pytest

from interviews.models import LookFor
from tests.factories import SelectionFactory, interview_for, ready_scorecard


@pytest.fixture
def selection(district, lead):
    return SelectionFactory(district=district, created_by=lead, phases=["launch"])


@pytest.fixture
def interview(selection, panelist, panelist2):
    return interview_for(selection, panel=[panelist, panelist2])


@pytest.fixture
def card(interview, panelist):
    return ready_scorecard(interview, panelist)


@pytest.fixture
def card2(interview, panelist2):
    return ready_scorecard(interview, panelist2)


@pytest.fixture
def look_fors(interview):
    return list(
        LookFor.objects.filter(block__section__in=interview.sections.all()).order_by(
            "block__section__position", "block__position", "position"
        )
    )

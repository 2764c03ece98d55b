import datetime as dt

import pytest

from engagements.coherence import EngagementFacts, overlaps_find
from engagements.models import Audience, CheckIn
from engagements.selectors import overlaps_for
from tests.engagements.conftest import days
from tests.factories import CheckInFactory, EngagementFactory

D = dt.date
START, END = D(2026, 8, 1), D(2027, 6, 30)


def facts(pk, audiences, bands, areas=(), start=START, end=END, status="active"):
    return EngagementFacts(
        pk=pk,
        name=f"P{pk}",
        status=status,
        audiences=frozenset(audiences),
        grade_bands=frozenset(bands),
        content_areas=frozenset(areas),
        start=start,
        end=end,
    )


def test_the_seeds_example_ela_and_math_coaching_of_the_same_teachers():
    ela = facts(1, {"Teachers"}, {"3–5", "6–8"}, {"ELA"})
    math = facts(2, {"Teachers"}, {"3–5", "6–8"}, {"Math"})
    [overlap] = overlaps_find([ela, math])
    assert overlap.audiences == ["Teachers"]
    assert overlap.grade_bands == ["3–5", "6–8"]
    assert not overlap.same_content


def test_same_content_area_is_flagged_as_a_possible_role_overlap():
    [overlap] = overlaps_find(
        [facts(1, {"Teachers"}, {"K–2"}, {"Math"}), facts(2, {"Teachers"}, {"K–2"}, {"Math"})]
    )
    assert overlap.same_content


@pytest.mark.parametrize(
    "second",
    [
        facts(2, {"School leaders"}, {"3–5"}),  # principals, not teachers (the seed's example)
        facts(2, {"Teachers"}, {"9–12"}),  # other grades
        facts(2, {"Teachers"}, {"3–5"}, start=D(2027, 7, 1), end=None),  # later contract
        facts(2, {"Teachers"}, {"3–5"}, status="closed"),
    ],
)
def test_no_overlap(second):
    assert overlaps_find([facts(1, {"Teachers"}, {"3–5"}), second]) == []


def test_open_ended_contracts_overlap():
    assert overlaps_find(
        [facts(1, {"Coaches"}, {"6–8"}, end=None), facts(2, {"Coaches"}, {"6–8"}, start=None)]
    )


@pytest.mark.django_db
def test_joint_checkin_is_suggested_until_the_partners_meet(district, today):
    first = EngagementFactory(
        district=district, audiences=[Audience.TEACHERS], grade_bands=["k-2", "3-5"]
    )
    second = EngagementFactory(
        district=district,
        audiences=[Audience.TEACHERS, Audience.COACHES],
        grade_bands=["3-5", "k-2"],
    )
    EngagementFactory(district=district, audiences=[Audience.SCHOOL_LEADERS], grade_bands=["k-2"])
    engagements = list(district.engagements.prefetch_related("grade_bands", "content_areas"))
    [overlap] = overlaps_for(district=district, engagements=engagements)
    assert {overlap.first.pk, overlap.second.pk} == {first.pk, second.pk}
    assert overlap.grade_bands == ["K–2", "3–5"]
    assert overlap.needs_joint_checkin(today)

    CheckInFactory(
        district=district, engagements=[first, second], kind=CheckIn.Kind.JOINT, date=days(-10)
    )
    [overlap] = overlaps_for(district=district, engagements=engagements)
    assert overlap.last_joint == days(-10)
    assert not overlap.needs_joint_checkin(today)

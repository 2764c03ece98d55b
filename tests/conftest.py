import io

import pytest

from plpg.models import Membership
from tests.factories import DistrictFactory, MembershipFactory, UserFactory


@pytest.fixture
def district(db):
    return DistrictFactory(name="Home District")


@pytest.fixture
def other_district(db):
    return DistrictFactory(name="Other District")


def _member(district, role, email):
    return MembershipFactory(district=district, role=role, user=UserFactory(email=email)).user


@pytest.fixture
def lead(district):
    return _member(district, Membership.Role.LEAD, "lead@home.test")


@pytest.fixture
def panelist(district):
    return _member(district, Membership.Role.INTERVIEWER, "panelist@home.test")


@pytest.fixture
def panelist2(district):
    return _member(district, Membership.Role.INTERVIEWER, "panelist2@home.test")


@pytest.fixture
def manager(district):
    return _member(district, Membership.Role.MANAGER, "manager@home.test")


@pytest.fixture
def viewer(district):
    return _member(district, Membership.Role.VIEWER, "viewer@home.test")


@pytest.fixture
def outsider(other_district):
    """A lead of another district: must never see the home district's data."""
    return _member(other_district, Membership.Role.LEAD, "outsider@other.test")


@pytest.fixture
def demo(db):
    """The full demo data set, as make run loads it."""
    from django.core.management import call_command

    call_command("seed_demo", force=True, stdout=io.StringIO())


@pytest.fixture
def reference_data(transactional_db):
    """What migrations load (taxonomy, global guide templates), loaded again: a live-server
    test's flush wipes it for the transactional tests after it."""
    from django.core.management import call_command

    call_command("load_taxonomy", stdout=io.StringIO())
    call_command("load_guides", stdout=io.StringIO())


@pytest.fixture
def curator(db):
    """A directory curator as deployed: staff in the "curator" group, not a superuser."""
    from django.contrib.auth.models import Group

    from plpg.apps import CURATOR_GROUP

    user = UserFactory(email="curator@x.test", is_staff=True, is_superuser=False)
    user.groups.add(Group.objects.get(name=CURATOR_GROUP))
    return user


@pytest.fixture
def operator(db):
    """The platform operator: a superuser."""
    return UserFactory(email="operator@x.test", is_staff=True, is_superuser=True)

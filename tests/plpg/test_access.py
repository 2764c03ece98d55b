import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from interviews.models import Selection
from plpg.access import districts_for_user, get_for_user_or_404, require_role
from tests.access import assert_district_private

pytestmark = pytest.mark.django_db


def test_scoped_queryset_returns_only_own_districts_rows(district, other_district, lead):
    mine = Selection.objects.create(district=district, title="Mine")
    Selection.objects.create(district=other_district, title="Theirs")
    assert list(Selection.objects.for_user(lead)) == [mine]
    assert get_for_user_or_404(Selection.objects, lead, pk=mine.pk) == mine


def test_other_districts_object_is_404(other_district, lead):
    theirs = Selection.objects.create(district=other_district, title="Theirs")
    with pytest.raises(Http404):
        get_for_user_or_404(Selection.objects, lead, pk=theirs.pk)


def test_roles_filter_districts(district, panelist):
    assert list(districts_for_user(panelist)) == [district]
    assert not districts_for_user(panelist, roles=["lead"]).exists()
    with pytest.raises(PermissionDenied):
        require_role(panelist, district, "lead")
    assert require_role(panelist, district, "interviewer") == "interviewer"


def test_anonymous_sees_nothing(district):
    from django.contrib.auth.models import AnonymousUser

    Selection.objects.create(district=district, title="Mine")
    assert not Selection.objects.for_user(AnonymousUser()).exists()


def test_the_helper_catches_a_leaky_view(client, district, lead, outsider):
    """The helper must fail for a URL that shows every district's data."""
    with pytest.raises(AssertionError):
        assert_district_private(client, "/partners/", outsider=outsider)

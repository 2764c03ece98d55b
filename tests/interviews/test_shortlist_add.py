"""Adding a directory partner to a shortlist (/selections/shortlist/add/): the picker the
partner profile loads with htmx, and the POST that adds."""

import pytest
from django.urls import reverse

from interviews.models import Selection, ShortlistEntry
from plpg.models import Membership
from tests.access import assert_district_private
from tests.factories import MembershipFactory, PartnerFactory, SelectionFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("interviews:shortlist_from_directory")
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def partner(db):
    return PartnerFactory(slug="northstar", name="Northstar")


@pytest.fixture
def selection(district, lead):
    return SelectionFactory(district=district, created_by=lead, title="Math search")


def test_picker_lists_the_districts_open_selections(
    client, partner, selection, lead, district, django_assert_max_num_queries
):
    SelectionFactory(district=district, title="Old search", status=Selection.Status.DECIDED)
    theirs = SelectionFactory(title="Their search")
    for n in range(5):
        SelectionFactory(district=district, title=f"More {n}")
    client.force_login(lead)
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"partner": "northstar", "next": "/partners/northstar/"}, **HX)
    content = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 200
    assert "<html" not in content  # a fragment for htmx
    assert f'<option value="{selection.pk}">Math search</option>' in content
    assert "Old search" not in content and theirs.title not in content
    assert "start a new selection titled" in content
    assert 'value="/partners/northstar/"' in content
    page = client.get(URL, {"partner": "northstar"})
    assert page.status_code == 200 and "<html" in page.content.decode().replace(
        "&#x27;", "'"
    )  # no-JS: a page


def test_picker_shows_where_the_partner_already_is(client, partner, selection, lead):
    ShortlistEntry.objects.create(selection=selection, partner=partner)
    client.force_login(lead)
    content = (
        client.get(URL, {"partner": "northstar"}, **HX).content.decode().replace("&#x27;", "'")
    )
    assert "Already on" in content and "Math search" in content
    assert "<option" not in content  # nothing left to add it to


def test_manager_gets_a_clear_403(client, partner, selection, manager):
    client.force_login(manager)
    response = client.get(URL, {"partner": "northstar"})
    assert response.status_code == 403
    assert "As PL manager you can't add partners" in response.content.decode().replace(
        "&#x27;", "'"
    )
    inline = client.get(URL, {"partner": "northstar"}, **HX)  # htmx swaps only a 2xx
    assert "As PL manager you can't add partners" in inline.content.decode().replace("&#x27;", "'")
    assert client.post(URL, {"partner": "northstar", "selection": selection.pk}).status_code == 403
    assert client.post(URL, {"partner": "northstar", "new_title": "Mine"}).status_code == 403
    assert not ShortlistEntry.objects.exists()


def test_member_without_district_gets_a_message(client, partner):
    client.force_login(UserFactory())
    content = (
        client.get(URL, {"partner": "northstar"}, **HX).content.decode().replace("&#x27;", "'")
    )
    assert "not a member of a district" in content
    response = client.post(URL, {"partner": "northstar", "new_title": "X"}, follow=True)
    assert "belong to a district" in response.content.decode().replace("&#x27;", "'")


@pytest.mark.parametrize("role", ["panelist", "viewer", "manager"])
def test_only_the_lead_may_add(client, partner, selection, request, role):
    """One rule (SHORTLIST_ROLES) for the profile picker, this endpoint and the selection page."""
    client.force_login(request.getfixturevalue(role))
    assert client.post(URL, {"partner": "northstar", "selection": selection.pk}).status_code == 403
    page_add = reverse("interviews:shortlist_add", args=[selection.pk])
    assert client.post(page_add, {"partner": partner.pk}).status_code == 403
    assert not selection.shortlist.exists()


def test_the_lead_adds(client, partner, selection, lead):
    client.force_login(lead)
    response = client.post(URL, {"partner": "northstar", "selection": selection.pk})
    assert response.status_code == 302
    assert response["Location"] == "/partners/northstar/#shortlist"
    assert selection.shortlist.get().partner == partner
    assert selection.shortlist.get().history.filter(history_type="+").count() == 1


def test_adding_twice_is_idempotent(client, partner, selection, lead):
    client.force_login(lead)
    data = {"partner": "northstar", "selection": selection.pk, "next": "/partners/northstar/"}
    client.post(URL, data)
    response = client.post(URL, data, follow=True)
    assert "already on the shortlist" in response.content.decode().replace("&#x27;", "'")
    assert selection.shortlist.count() == 1
    assert selection.shortlist.get().history.count() == 1


def test_lead_starts_a_new_selection(client, partner, lead, district):
    client.force_login(lead)
    response = client.post(URL, {"partner": "northstar", "new_title": "  ELA partner 2027  "})
    assert response.status_code == 302
    selection = Selection.objects.get(title="ELA partner 2027")
    assert selection.district == district and selection.created_by == lead
    assert selection.guide is not None
    assert selection.shortlist.get().partner == partner


def test_only_the_lead_starts_a_selection(client, partner, panelist):
    client.force_login(panelist)
    response = client.post(URL, {"partner": "northstar", "new_title": "Mine"})
    assert response.status_code == 403
    assert "can't add partners" in response.content.decode().replace("&#x27;", "'")
    assert not Selection.objects.exists()


@pytest.mark.parametrize("status", [Selection.Status.DECIDED, Selection.Status.CLOSED])
def test_decided_and_closed_selections_are_refused(client, partner, selection, lead, status):
    Selection.objects.filter(pk=selection.pk).update(status=status)
    client.force_login(lead)
    response = client.post(URL, {"partner": "northstar", "selection": selection.pk}, follow=True)
    assert "its shortlist can't change" in response.content.decode().replace("&#x27;", "'")
    assert not ShortlistEntry.objects.exists()


def test_add_is_district_private(client, partner, selection, lead, outsider):
    assert_district_private(
        client,
        URL,
        outsider=outsider,
        member=lead,
        method="post",
        data={"partner": "northstar", "selection": selection.pk},
    )
    assert selection.shortlist.count() == 1  # only the member's POST added


def test_anonymous_is_sent_to_sign_in(client, partner):
    response = client.get(URL, {"partner": "northstar"})
    assert response.status_code == 302 and "/login" in response["Location"]


def test_a_role_elsewhere_does_not_leak(client, partner, lead, other_district):
    """A lead here who is only a PL manager elsewhere may not add to that district's lists."""
    MembershipFactory(user=lead, district=other_district, role=Membership.Role.MANAGER)
    theirs = SelectionFactory(district=other_district, title="Theirs")
    client.force_login(lead)
    assert client.post(URL, {"partner": "northstar", "selection": theirs.pk}).status_code == 403


def test_bad_input_is_a_message_or_404_never_500(client, partner, selection, lead):
    client.force_login(lead)
    assert client.get(URL).status_code == 404
    assert client.get(URL, {"partner": "no-such"}).status_code == 404
    assert client.post(URL, {"partner": "northstar"}).status_code == 400
    assert client.post(URL, {"partner": "northstar", "selection": "abc"}).status_code == 400
    assert client.post(URL, {"partner": "northstar", "selection": 10**12}).status_code == 404
    assert client.post(URL, {"partner": "northstar", "new_title": "x" * 500}).status_code == 400
    evil = {"partner": "northstar", "selection": selection.pk, "next": "https://evil.test/"}
    assert client.post(URL, evil)["Location"] == "/partners/northstar/#shortlist"
    assert client.put(URL).status_code == 405
    assert selection.shortlist.count() == 1


def test_an_empty_add_says_what_is_missing_on_the_form(client, partner, selection, lead):
    """Clicking "Add to shortlist" with nothing chosen: a 400 and the form again, with the
    reason beside the fields; nothing is added and no selection is started."""
    client.force_login(lead)
    selections = Selection.objects.count()
    response = client.post(
        URL, {"partner": "northstar", "selection": "", "new_title": "  ", "next": "/partners/"}
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in content
    assert "Nothing was added: choose one of your open selections, or type a title" in content
    assert 'class="form-select is-invalid"' in content
    assert 'name="next" value="/partners/"' in content  # the way back is kept
    assert Selection.objects.count() == selections
    assert not selection.shortlist.exists()

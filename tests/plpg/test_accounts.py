import pytest
from django.urls import reverse

from plpg.middleware import SESSION_KEY
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_email_is_the_login(client, lead):
    response = client.post(
        reverse("login"), {"username": "LEAD@home.test", "password": "pw"}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == lead


def test_wrong_password_is_refused_with_a_message(client, lead):
    response = client.post(reverse("login"), {"username": "lead@home.test", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct email address and password" in response.content.decode()


def test_login_is_throttled_after_five_failures(client, lead):
    for _ in range(5):
        client.post(reverse("login"), {"username": "lead@home.test", "password": "nope"})
    response = client.post(reverse("login"), {"username": "lead@home.test", "password": "pw"})
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()


def test_logout_is_a_post(client, lead):
    client.force_login(lead)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change(client, lead):
    client.force_login(lead)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "pw",
            "new_password1": "a-much-longer-pass",
            "new_password2": "a-much-longer-pass",
        },
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.check_password("a-much-longer-pass")


def test_member_of_two_districts_switches(client, lead, other_district):
    MembershipFactory(user=lead, district=other_district, role="viewer")
    client.force_login(lead)
    home = client.get(reverse("home"))
    assert home.context["active_district"].name == "Home District"
    assert 'id="district-switch"' in home.content.decode()
    response = client.post(reverse("switch_district"), {"district": other_district.pk, "next": "/"})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == other_district.pk
    assert client.get(reverse("home")).context["active_role"] == "viewer"


def test_switching_to_a_foreign_district_is_refused(client, lead, other_district):
    client.force_login(lead)
    client.post(reverse("switch_district"), {"district": other_district.pk})
    assert client.session.get(SESSION_KEY) is None
    assert client.get(reverse("home")).context["active_district"].name == "Home District"


def test_switch_ignores_offsite_next(client, lead):
    client.force_login(lead)
    response = client.post(
        reverse("switch_district"),
        {"district": lead.memberships.get().district_id, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("home")


def test_user_without_district_is_told_so(client):
    client.force_login(UserFactory())
    assert "not a member of any district" in client.get(reverse("home")).content.decode()

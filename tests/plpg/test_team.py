"""Invitations, the team page, roles, removal, district settings, starting a district."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from plpg.models import District, Invitation, Membership, User
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _invite(client, email="new.panelist@example.org", role="interviewer"):
    return client.post(reverse("team_invite"), {"email": email, "role": role})


def _link(message):
    return re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)


def _path(link):
    return "/invitations/" + link.split("/invitations/", 1)[1]


@pytest.fixture
def invited(client, lead, district):
    client.force_login(lead)
    assert _invite(client).status_code == 302
    client.logout()
    return _path(_link(mail.outbox[-1]))


def test_lead_invites_and_the_email_carries_a_one_time_link(client, lead, district, settings):
    settings.SITE_URL = "https://plpg.example.org"
    client.force_login(lead)
    response = _invite(client, "New.Panelist@Example.org")
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "new.panelist@example.org" and invitation.role == "interviewer"
    assert invitation.invited_by == lead and invitation.district == district
    assert (invitation.expires_at - timezone.now()).days == 6  # 7 days, less a moment
    message = mail.outbox[-1]
    assert message.to == ["new.panelist@example.org"]
    assert district.name in message.subject
    link = _link(message)
    assert link.startswith("https://plpg.example.org/invitations/")
    assert link.rstrip("/").rsplit("/", 1)[1] not in invitation.token_hash  # only a hash kept
    assert message.alternatives[0][1] == "text/html"
    page = client.get(reverse("team"))
    assert "new.panelist@example.org" in page.content.decode()  # pending


def test_new_user_accepts_sets_a_password_and_lands_in_the_district(client, invited, district):
    page = client.get(invited)
    assert page.status_code == 200 and "Choose your password" in page.content.decode()
    bad = client.post(
        invited, {"first_name": "N", "last_name": "P", "password1": "x", "password2": "x"}
    )
    assert (
        bad.status_code == 400
        and not User.objects.filter(email="new.panelist@example.org").exists()
    )
    response = client.post(
        invited,
        {
            "first_name": "Nia",
            "last_name": "Panelist",
            "password1": "correct-horse-77",
            "password2": "correct-horse-77",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
    user = User.objects.get(email="new.panelist@example.org")
    assert user.check_password("correct-horse-77") and user.first_name == "Nia"
    assert Membership.objects.get(user=user).district == district
    home = client.get(reverse("home"))
    assert home.context["user"] == user and home.context["active_role"] == "interviewer"
    # used: the link now says so, with a 4xx
    again = Client().get(invited)
    assert again.status_code == 410 and "already used" in again.content.decode()
    assert Invitation.objects.get().accepted_by == user


def test_existing_user_signs_in_then_accepts(client, lead, district, other_district):
    someone = MembershipFactory(
        district=other_district, user=UserFactory(email="x@other.test")
    ).user
    client.force_login(lead)
    _invite(client, "x@other.test", "viewer")
    client.logout()
    path = _path(_link(mail.outbox[-1]))
    page = client.get(path)
    assert "Sign in to accept" in page.content.decode()
    assert client.post(path).status_code == 302  # to sign in, nothing created
    assert not Membership.objects.filter(user=someone, district=district).exists()
    client.force_login(someone)
    assert client.post(path).status_code == 302
    assert Membership.objects.get(user=someone, district=district).role == "viewer"
    assert Membership.objects.filter(user=someone).count() == 2


def test_signed_in_as_someone_else_gets_a_clear_403(client, invited, panelist):
    client.force_login(panelist)
    page = client.get(invited)
    assert page.status_code == 403
    assert "new.panelist@example.org" in page.content.decode()
    assert client.post(invited).status_code == 403
    assert not Invitation.objects.get().accepted_at


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"expires_at": timezone.now() - timezone.timedelta(minutes=1)}, 410, "expired"),
        ({"revoked_at": timezone.now()}, 410, "withdrawn"),
        ({"accepted_at": timezone.now()}, 410, "already used"),
    ],
)
def test_unusable_links_say_why_with_a_4xx(client, invited, change, status, words):
    Invitation.objects.update(**change)
    for method in (client.get, client.post):
        response = method(
            invited, {"password1": "correct-horse-77", "password2": "correct-horse-77"}
        )
        assert response.status_code == status and words in response.content.decode()
    assert not User.objects.filter(email="new.panelist@example.org").exists()


@pytest.mark.parametrize("token", ["forged", "x" * 300, "%00", "..%2F"])
def test_forged_tokens_are_404(client, invited, token):
    response = client.get(f"/invitations/{token}/")
    assert response.status_code == 404


def test_inviting_a_member_or_twice_says_so(client, lead, panelist):
    client.force_login(lead)
    response = _invite(client, "panelist@home.test")
    assert response.status_code == 400 and "already a member" in response.content.decode()
    _invite(client, "someone@x.test")
    response = _invite(client, "someone@x.test")
    assert response.status_code == 400 and "already has an invitation" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_resend_gives_a_new_link_and_the_old_one_stops(client, lead, invited):
    client.force_login(lead)
    invitation = Invitation.objects.get()
    Invitation.objects.update(expires_at=timezone.now() - timezone.timedelta(days=1))
    assert client.post(reverse("invitation_resend", args=[invitation.pk])).status_code == 302
    new = _path(_link(mail.outbox[-1]))
    assert new != invited
    client.logout()
    assert client.get(invited).status_code == 404
    assert client.get(new).status_code == 200


def test_revoke(client, lead, invited):
    client.force_login(lead)
    invitation = Invitation.objects.get()
    assert client.post(reverse("invitation_revoke", args=[invitation.pk])).status_code == 302
    client.logout()
    assert client.get(invited).status_code == 410
    client.force_login(lead)
    assert client.post(reverse("invitation_resend", args=[invitation.pk])).status_code == 409


def test_only_leads_manage_the_team(client, lead, panelist, viewer, manager, invited):
    member = panelist.memberships.get()
    invitation = Invitation.objects.get()
    for user in (panelist, viewer, manager):
        client.force_login(user)
        page = client.get(reverse("team"))
        assert page.status_code == 200  # the list, read-only
        html = page.content.decode()
        assert "lead@home.test" not in html and "Send invitation" not in html
        assert lead.get_full_name() in html
        for url in (
            reverse("team_role", args=[member.pk]),
            reverse("team_remove", args=[member.pk]),
            reverse("invitation_resend", args=[invitation.pk]),
            reverse("invitation_revoke", args=[invitation.pk]),
            reverse("team_invite"),
            reverse("district_settings"),
        ):
            response = client.post(url, {"role": "lead", "email": "a@b.test", "name": "X"})
            assert response.status_code == 403, (user, url)
    member.refresh_from_db()
    assert member.role == "interviewer"
    assert Invitation.objects.count() == 1


def test_other_district_gets_404(client, outsider, panelist, invited):
    client.force_login(outsider)
    member = panelist.memberships.get()
    for url in (
        reverse("team_role", args=[member.pk]),
        reverse("team_remove", args=[member.pk]),
        reverse("invitation_resend", args=[Invitation.objects.get().pk]),
    ):
        assert client.post(url, {"role": "lead"}).status_code == 404
    page = client.get(reverse("team")).content.decode()
    assert "Other District" in page and "Home District" not in page


def test_role_change_takes_effect_on_the_next_request(client, lead, panelist):
    member = panelist.memberships.get()
    other = Client()
    other.force_login(panelist)
    assert other.get(reverse("district_settings")).status_code == 403
    client.force_login(lead)
    assert client.post(reverse("team_role", args=[member.pk]), {"role": "lead"}).status_code == 302
    assert other.get(reverse("district_settings")).status_code == 200
    bad = client.post(reverse("team_role", args=[member.pk]), {"role": "emperor"})
    assert bad.status_code == 400
    member.refresh_from_db()
    assert member.role == "lead"


def test_the_last_lead_cannot_be_demoted_or_removed(client, lead, panelist):
    me = lead.memberships.get()
    client.force_login(lead)
    response = client.post(reverse("team_role", args=[me.pk]), {"role": "viewer"})
    assert response.status_code == 409 and "only lead" in response.content.decode()
    assert client.post(reverse("team_remove", args=[me.pk])).status_code == 409
    me.refresh_from_db()
    assert me.role == "lead"
    # with a second lead, the first may step down
    client.post(reverse("team_role", args=[panelist.memberships.get().pk]), {"role": "lead"})
    assert client.post(reverse("team_role", args=[me.pk]), {"role": "viewer"}).status_code == 302


def test_remove_asks_first_then_removes(client, lead, panelist):
    member = panelist.memberships.get()
    client.force_login(lead)
    page = client.get(reverse("team_remove", args=[member.pk]))
    assert page.status_code == 200 and "signed out" in page.content.decode()
    assert Membership.objects.filter(pk=member.pk).exists()
    assert client.post(reverse("team_remove", args=[member.pk])).status_code == 302
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_district_settings_validate(client, lead, district):
    client.force_login(lead)
    url = reverse("district_settings")
    assert client.get(url).status_code == 200
    data = {
        "name": "Home District Renamed", "state": "ZZ", "locale": "rural", "enrollment_band": "under-2500",
        "pct_multilingual_learners": "140", "pct_students_with_disabilities": "-3",
        "pct_economically_disadvantaged": "50", "pct_students_of_color": "abc",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "0 to 100" in html or "less than or equal to 100" in html
    district.refresh_from_db()
    assert district.name == "Home District"
    good = {
        **data,
        "state": "OR",
        "pct_multilingual_learners": "14",
        "pct_students_with_disabilities": "0",
        "pct_students_of_color": "100",
    }
    assert client.post(url, good).status_code == 302
    district.refresh_from_db()
    assert (district.name, district.state, district.pct_students_of_color) == (
        "Home District Renamed",
        "OR",
        100,
    )


def test_operator_starts_a_district_and_invites_its_lead(client, operator, curator, lead):
    url = reverse("staff_district_new")
    client.force_login(curator)
    assert client.get(url).status_code == 403
    client.force_login(lead)
    assert client.get(url).status_code == 403
    client.force_login(operator)
    assert client.get(url).status_code == 200
    bad = client.post(url, {"name": "Pine Valley", "state": "XX", "lead_email": "nope"})
    assert bad.status_code == 400 and not District.objects.filter(name="Pine Valley").exists()
    response = client.post(
        url, {"name": "Pine Valley", "state": "WA", "lead_email": "chief@pine.test"}
    )
    assert response.status_code == 302
    district = District.objects.get(name="Pine Valley")
    invitation = Invitation.objects.get(district=district)
    assert (invitation.email, invitation.role) == ("chief@pine.test", "lead")
    path = _path(_link(mail.outbox[-1]))
    client.logout()
    client.post(
        path,
        {
            "first_name": "C",
            "last_name": "P",
            "password1": "pine-valley-77",
            "password2": "pine-valley-77",
        },
    )
    assert Membership.objects.get(user__email="chief@pine.test").district == district


def test_team_changes_are_in_the_history_and_on_the_team_page(client, lead, panelist, invited):
    """Invitations, role changes and removals are recorded (simple-history) with who did it;
    the lead sees the latest on the team page, the token's hash never."""
    client.force_login(lead)
    membership = Membership.objects.get(user=panelist)
    client.post(reverse("team_role", args=[membership.pk]), {"role": "viewer"})
    invitation = Invitation.objects.get(email="new.panelist@example.org")
    client.post(reverse("invitation_revoke", args=[invitation.pk]))
    assert invitation.history.filter(history_user=lead).count() >= 2  # sent, revoked
    assert not hasattr(invitation.history.model, "token_hash")
    assert membership.history.filter(role="viewer", history_user=lead).exists()
    page = client.get(reverse("team")).content.decode()
    assert "Recent changes to the team" in page
    assert "new.panelist@example.org" in page and "Viewer" in page
    client.force_login(panelist)  # now a viewer: no team history for them
    assert "Recent changes to the team" not in client.get(reverse("team")).content.decode()

"""A partner's team: a curator or the partner's own staff invite by email (the core's
invitations), the invitee accepts (new account or existing one) and becomes partner staff;
resend, revoke, remove (never the last one); every role against the new URLs."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partners import curation
from partners.models import PartnerInvitation, PartnerStaff
from plpg.models import Invitation, Membership, User
from tests.factories import MembershipFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW = {
    "first_name": "Pat",
    "last_name": "Provider",
    "password1": "correct-horse-77",
    "password2": "correct-horse-77",
}


@pytest.fixture
def partner(taxonomy):
    return PartnerFactory(slug="acme", name="Acme Learning")


@pytest.fixture
def other_partner(taxonomy):
    return PartnerFactory(slug="zenith", name="Zenith Coaching")


@pytest.fixture
def provider(partner):
    user = UserFactory(email="staff@acme.test", first_name="Sam", last_name="Staff")
    curation.staff_add(partner=partner, user=user)
    return user


@pytest.fixture
def rival(other_partner):
    user = UserFactory(email="staff@zenith.test")
    curation.staff_add(partner=other_partner, user=user)
    return user


def _link_path(email):
    message = [m for m in mail.outbox if m.to == [email]][-1]
    link = re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)
    return "/invitations/" + link.split("/invitations/", 1)[1]


def _curator_invites(client, curator, partner, email="new@acme.test"):
    client.force_login(curator)
    response = client.post(reverse("partners:curation_invite", args=[partner.pk]), {"email": email})
    client.logout()
    return response


def test_curator_invites_and_the_invitee_signs_up_into_the_portal(
    client, curator, partner, settings
):
    settings.SITE_URL = "https://plpg.example.org"
    response = _curator_invites(client, curator, partner, "New@Acme.test")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/curation/partners/{partner.pk}/#team")
    invitation = Invitation.objects.get()
    assert invitation.district is None and invitation.email == "new@acme.test"
    assert invitation.partner_invitation.partner == partner and invitation.invited_by == curator
    message = mail.outbox[-1]
    assert message.to == ["new@acme.test"] and "Acme Learning" in message.subject
    assert "as partner staff" in message.body
    assert "https://plpg.example.org/invitations/" in message.body

    path = _link_path("new@acme.test")
    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Join Acme Learning" in html and "partner staff" in html
    bad = client.post(path, {**NEW, "password2": "different-77"})
    assert bad.status_code == 400 and not User.objects.filter(email="new@acme.test").exists()
    response = client.post(path, NEW)
    assert response.status_code == 302 and response["Location"] == reverse("partners:portal_home")
    user = User.objects.get(email="new@acme.test")
    assert PartnerStaff.objects.get(user=user).partner == partner
    assert not Membership.objects.filter(user=user).exists()
    assert user.emailaddress_set.get().verified
    home = client.get(reverse("partners:portal_home"))
    assert home.status_code == 200 and "Welcome to Acme Learning" in home.content.decode()
    assert Invitation.objects.get().accepted_by == user
    # The link is used now.
    again = Client().get(path)
    assert again.status_code == 410 and "already used" in again.content.decode()


def test_staff_invite_a_colleague_who_signs_in_with_an_existing_account(client, provider, partner):
    someone = UserFactory(email="old.hand@example.org")
    client.force_login(provider)
    response = client.post(reverse("partners:portal_team_invite"), {"email": someone.email})
    assert response.status_code == 302 and response["Location"].endswith("/portal/#team")
    page = client.get(reverse("partners:portal_home")).content.decode()
    assert "old.hand@example.org" in page and "Pending invitations" in page
    client.logout()

    path = _link_path(someone.email)
    page = client.get(path)
    assert "Sign in to accept" in page.content.decode()
    response = client.post(path)
    assert response.status_code == 302 and "/accounts/login/?next=" in response["Location"]
    assert not PartnerStaff.objects.filter(user=someone).exists()
    client.force_login(someone)
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == "/portal/"
    assert PartnerStaff.objects.get(user=someone).partner == partner
    assert PartnerStaff.objects.get(user=someone).added_by == provider


def test_allauth_sign_in_comes_back_to_the_invitation(client, provider, partner):
    someone = UserFactory(email="old.hand@example.org")
    someone.set_password("correct-horse-77")
    someone.save()
    client.force_login(provider)
    client.post(reverse("partners:portal_team_invite"), {"email": someone.email})
    client.logout()
    path = _link_path(someone.email)
    response = client.post(
        f"{reverse('account_login')}?next={path}",
        {"login": someone.email, "password": "correct-horse-77"},
    )
    assert response.status_code == 302 and response["Location"] == path
    assert client.post(path).status_code == 302
    assert PartnerStaff.objects.filter(user=someone, partner=partner).exists()


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"expires_at": timezone.now() - timezone.timedelta(minutes=1)}, 410, "expired"),
        ({"revoked_at": timezone.now()}, 410, "withdrawn"),
        ({"accepted_at": timezone.now()}, 410, "already used"),
    ],
)
def test_unusable_links_say_why_with_a_4xx(client, curator, partner, change, status, words):
    _curator_invites(client, curator, partner)
    path = _link_path("new@acme.test")
    Invitation.objects.update(**change)
    for method in (client.get, client.post):
        response = method(path, NEW)
        html = response.content.decode()
        assert response.status_code == status and words in html
        if status == 410 and words != "already used":
            assert "a PLPG curator" in html and "district lead" not in html
    assert not User.objects.filter(email="new@acme.test").exists()


@pytest.mark.parametrize("token", ["forged", "x" * 300, "%00"])
def test_forged_tokens_are_404(client, curator, partner, token):
    _curator_invites(client, curator, partner)
    assert client.get(f"/invitations/{token}/").status_code == 404
    assert client.post(f"/invitations/{token}/", NEW).status_code == 404


def test_signed_in_as_someone_else_is_refused(client, curator, partner, provider):
    _curator_invites(client, curator, partner)
    path = _link_path("new@acme.test")
    client.force_login(provider)
    assert client.post(path).status_code == 403
    assert not Invitation.objects.get().accepted_at


def test_an_account_working_for_another_partner_cannot_join(
    client, curator, partner, rival, provider
):
    client.force_login(provider)
    response = client.post(reverse("partners:portal_team_invite"), {"email": rival.email})
    assert response.status_code == 409 and "another provider" in response.content.decode()
    # Invited before they joined the other partner: refused on accepting, nothing changed.
    _curator_invites(client, curator, partner, "late@x.test")
    late = UserFactory(email="late@x.test")
    curation.staff_add(partner=rival.partner_staff.partner, user=late)
    client.force_login(late)
    response = client.post(_link_path("late@x.test"))
    assert response.status_code == 409 and "already works for Zenith" in response.content.decode()
    assert PartnerStaff.objects.get(user=late).partner != partner
    assert not Invitation.objects.get(email="late@x.test").accepted_at


def test_invite_refusals_are_4xx_and_change_nothing(client, provider, partner):
    client.force_login(provider)
    url = reverse("partners:portal_team_invite")
    assert client.post(url, {"email": "not an email"}).status_code == 400
    assert client.post(url, {"email": "x" * 300 + "@a.test"}).status_code == 400
    assert client.post(url, {"email": provider.email}).status_code == 409  # already on it
    assert client.post(url, {"email": "twice@a.test"}).status_code == 302
    response = client.post(url, {"email": "TWICE@a.test"})
    assert response.status_code == 409 and "already has an invitation" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_resend_gives_a_new_link_and_revoke_ends_it(client, provider, partner):
    client.force_login(provider)
    client.post(reverse("partners:portal_team_invite"), {"email": "new@acme.test"})
    old = _link_path("new@acme.test")
    link = PartnerInvitation.objects.get()
    assert client.post(reverse("partners:portal_team_resend", args=[link.pk])).status_code == 302
    new = _link_path("new@acme.test")
    assert new != old and Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200
    assert client.post(reverse("partners:portal_team_revoke", args=[link.pk])).status_code == 302
    assert Client().get(new).status_code == 410
    assert client.post(reverse("partners:portal_team_resend", args=[link.pk])).status_code == 409
    assert "new@acme.test" not in client.get(reverse("partners:portal_home")).content.decode()


def test_remove_a_colleague_but_never_the_last_one(client, provider, partner, curator):
    colleague = UserFactory(email="colleague@acme.test")
    curation.staff_add(partner=partner, user=colleague)
    other = Client()
    other.force_login(colleague)
    assert "Acme" in other.get(reverse("partners:portal_home")).content.decode()
    client.force_login(provider)
    page = client.get(reverse("partners:portal_home")).content.decode()
    assert "colleague@acme.test" in page and "Remove" in page
    staff = PartnerStaff.objects.get(user=colleague)
    response = client.post(reverse("partners:portal_team_remove", args=[staff.pk]))
    assert response.status_code == 302 and not PartnerStaff.objects.filter(user=colleague).exists()
    # The colleague's sessions ended; signed in again, the portal has nothing of Acme's.
    response = other.get(reverse("partners:portal_home"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    colleague.refresh_from_db()
    other.force_login(colleague)
    page = other.get(reverse("partners:portal_home"))
    assert page.status_code == 200 and "Acme" not in page.content.decode()
    # The last one: refused for themselves and for a curator.
    mine = PartnerStaff.objects.get(user=provider)
    page = client.get(reverse("partners:portal_home")).content.decode()
    assert "only staff member cannot be removed" in page
    response = client.post(reverse("partners:portal_team_remove", args=[mine.pk]))
    assert response.status_code == 409 and "only staff member" in response.content.decode()
    client.force_login(curator)
    assert client.post(reverse("partners:portal_team_remove", args=[mine.pk])).status_code == 409
    assert PartnerStaff.objects.filter(user=provider).exists()


def test_curator_manages_any_partners_team(client, curator, partner, provider):
    colleague = UserFactory(email="colleague@acme.test")
    curation.staff_add(partner=partner, user=colleague)
    _curator_invites(client, curator, partner, "third@acme.test")
    client.force_login(curator)
    page = client.get(reverse("partners:curation_partner", args=[partner.pk])).content.decode()
    assert "third@acme.test" in page and "colleague@acme.test" in page
    link = PartnerInvitation.objects.get()
    response = client.post(reverse("partners:portal_team_revoke", args=[link.pk]))
    assert response["Location"].endswith(f"/curation/partners/{partner.pk}/#team")
    staff = PartnerStaff.objects.get(user=colleague)
    assert client.post(reverse("partners:portal_team_remove", args=[staff.pk])).status_code == 302
    assert not PartnerStaff.objects.filter(user=colleague).exists()


def _team_urls(partner, link, staff):
    return [
        reverse("partners:portal_team_invite"),
        reverse("partners:curation_invite", args=[partner.pk]),
        reverse("partners:portal_team_resend", args=[link.pk]),
        reverse("partners:portal_team_revoke", args=[link.pk]),
        reverse("partners:portal_team_remove", args=[staff.pk]),
    ]


def test_every_role_against_the_team_urls(client, curator, partner, provider, rival, lead):
    """Anonymous → sign in; district members and another partner's staff → 404 (nothing
    changes); GET is 405 everywhere (changes are POSTs)."""
    colleague = UserFactory(email="colleague@acme.test")
    curation.staff_add(partner=partner, user=colleague)
    _curator_invites(client, curator, partner)
    link = PartnerInvitation.objects.get()
    staff = PartnerStaff.objects.get(user=colleague)
    urls = _team_urls(partner, link, staff)
    for url in urls:
        response = client.post(url, {"email": "x@y.test"})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    viewer = MembershipFactory(district=lead.memberships.get().district, role="viewer").user
    for user in (lead, viewer, rival):
        client.force_login(user)
        # The portal's invite URL names no partner: for another partner's staff it is their
        # own team's (tested above); for district members a 404.
        for url in urls[1:] if user == rival else urls:
            assert client.post(url, {"email": "x@y.test"}).status_code == 404, (user, url)
            assert client.get(url).status_code in (404, 405), (user, url)
    client.force_login(provider)  # their own team: all but the curator's invite URL
    assert client.post(urls[1], {"email": "x@y.test"}).status_code == 404
    assert client.get(urls[0]).status_code == 405
    assert Invitation.objects.count() == 1 and not Invitation.objects.get().revoked_at
    assert PartnerStaff.objects.filter(user=colleague).exists()
    assert not Invitation.objects.filter(email="x@y.test").exists()


def test_a_district_invitation_still_lands_in_the_district(client, lead, district):
    client.force_login(lead)
    client.post(reverse("team_invite"), {"email": "p@home.test", "role": "interviewer"})
    client.logout()
    path = _link_path("p@home.test")
    assert "Join Home District" in client.get(path).content.decode()
    response = client.post(path, NEW)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert not PartnerStaff.objects.filter(user__email="p@home.test").exists()

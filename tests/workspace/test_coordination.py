"""Partner-to-partner coordination spaces (#13 item 6) and partner staff ticking their own
action items (item 3): who sees a space, removing a partner at once, meetings' shared notes
and partner actions (never private notes), posts, history (PostgreSQL)."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse

from engagements import services
from engagements.models import ActionItem, CheckIn
from engagements.workspace import coordination
from engagements.workspace.models import CoordinationMember, CoordinationPost, CoordinationSpace
from engagements.workspace.services import share_add
from partners import curation
from plpg.history import object_records, records_under
from tests.factories import EngagementFactory, UserFactory
from tests.workspace.conftest import PRIVATE

pytestmark = pytest.mark.django_db


@pytest.fixture
def second(district, manager):
    """Another partner of the district, with a staff member it is shared with."""
    engagement = EngagementFactory(district=district, title="K–5 ELA coaching")
    user = UserFactory(email="staff@second.test")
    curation.staff_add(partner=engagement.partner, user=user)
    share_add(engagement=engagement, staff_user=user, user=manager)
    engagement.staff_user = user
    return engagement


@pytest.fixture
def third(district, manager):
    """A third partner, not in the space, with shared staff."""
    engagement = EngagementFactory(district=district, title="Leaders' PL")
    user = UserFactory(email="staff@third.test")
    curation.staff_add(partner=engagement.partner, user=user)
    share_add(engagement=engagement, staff_user=user, user=manager)
    engagement.staff_user = user
    return engagement


@pytest.fixture
def space(district, engagement, second, manager, shared_staff):
    return coordination.space_open(
        district=district,
        user=manager,
        title="K–8 coaching partners",
        purpose="Align coaching cycles across math and ELA.",
        engagements=[engagement, second],
    )


def _meeting(district, engagements, manager, *, kind, notes, private, action_for):
    return services.checkin_log(
        district=district,
        engagements=engagements,
        user=manager,
        kind=kind,
        date=dt.date(2026, 11, 5),
        shared_notes=notes,
        private_notes=private,
        action_items=[
            {
                "engagement": engagement,
                "description": f"{engagement.title}: share the walkthrough trends",
                "owner": "Partner lead",
                "due_date": dt.date(2026, 12, 10),
                "for_partner": True,
            }
            for engagement in action_for
        ]
        + [
            {
                "engagement": engagements[0],
                "description": f"{PRIVATE} district to do",
                "owner": "Morgan",
                "due_date": dt.date(2026, 12, 10),
            }
        ],
    )


def _url(name, *args):
    return reverse(f"workspace:{name}", args=args)


def test_open_a_space_and_who_sees_it(
    client, district, engagement, second, third, manager, viewer, shared_staff, other_staff
):
    mail.outbox.clear()
    client.force_login(manager)
    page = client.get(_url("coordination_new"))
    assert page.status_code == 200 and "hop on the phone" not in page.content.decode()
    assert "speak once a month" in page.content.decode()  # the managing guide's advice
    # One partner is not coordination: 400, nothing saved.
    response = client.post(
        _url("coordination_new"), {"title": "Solo", "engagements": [engagement.pk]}
    )
    assert response.status_code == 400 and not CoordinationSpace.objects.exists()
    response = client.post(
        _url("coordination_new"),
        {"title": "K–8 coaching partners", "engagements": [engagement.pk, second.pk]},
    )
    assert response.status_code == 302
    space = CoordinationSpace.objects.get()
    assert {m.engagement for m in space.members.all()} == {engagement, second}
    assert sorted(m.to[0] for m in mail.outbox) == ["staff@partner.test", "staff@second.test"]

    url = _url("coordination", space.pk)
    for user in (manager, viewer, shared_staff, second.staff_user):
        client.force_login(user)
        assert client.get(url).status_code == 200, user
    for user in (third.staff_user, other_staff):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    # The partner's list shows its spaces.
    client.force_login(second.staff_user)
    assert "K–8 coaching partners" in client.get(_url("list")).content.decode()
    client.force_login(third.staff_user)
    assert "K–8 coaching partners" not in client.get(_url("list")).content.decode()


def test_removing_a_partner_takes_effect_at_once(client, space, second, manager):
    url = _url("coordination", space.pk)
    client.force_login(second.staff_user)
    assert client.get(url).status_code == 200
    member = CoordinationMember.objects.get(space=space, engagement=second)
    client.force_login(manager)
    response = client.post(_url("coordination_member_remove", space.pk, member.pk))
    assert response.status_code == 302
    client.force_login(second.staff_user)
    assert client.get(url).status_code == 404
    assert "K–8 coaching partners" not in client.get(_url("list")).content.decode()
    # Back in: visible again; and stopping the engagement's share also ends it.
    client.force_login(manager)
    assert (
        client.post(
            _url("coordination_member_add", space.pk), {"engagement": second.pk}
        ).status_code
        == 302
    )
    client.force_login(second.staff_user)
    assert client.get(url).status_code == 200
    second.shares.all().delete()
    assert client.get(url).status_code == 404
    reasons = [c.reason for c in records_under(space)]
    assert "Removed " + second.partner.name + " from the coordination space" in reasons


def test_meetings_show_shared_notes_and_partner_actions_never_private(
    client, district, space, engagement, second, third, manager, shared_staff
):
    _meeting(
        district,
        [engagement, second, third],
        manager,
        kind=CheckIn.Kind.COHERENCE,
        notes="All partners: one walkthrough tool from January.",
        private=f"{PRIVATE}: Northstar's facilitation was weak",
        action_for=[engagement, second],
    )
    _meeting(
        district,
        [second, third],
        manager,
        kind=CheckIn.Kind.JOINT,
        notes="ELA and leaders' partners: joint rounds in March.",
        private=f"{PRIVATE} joint",
        action_for=[second],
    )
    _meeting(
        district,
        [engagement],
        manager,
        kind=CheckIn.Kind.REGULAR,
        notes="A regular check-in: not coordination.",
        private=f"{PRIVATE} regular",
        action_for=[engagement],
    )
    url = _url("coordination", space.pk)
    client.force_login(shared_staff)
    html = client.get(url).content.decode()
    assert PRIVATE not in html
    assert "one walkthrough tool from January" in html
    assert "K–8 math launch: share the walkthrough trends" in html
    assert "K–5 ELA coaching: share the walkthrough trends" in html  # the other partner's to-do
    assert "joint rounds in March" not in html  # a meeting its team was not part of
    assert "A regular check-in" not in html
    client.force_login(second.staff_user)
    html = client.get(url).content.decode()
    assert "joint rounds in March" in html and PRIVATE not in html
    client.force_login(manager)
    html = client.get(url).content.decode()
    assert "joint rounds in March" in html and "one walkthrough tool" in html
    assert PRIVATE not in html  # the space shows shared notes only, to the district too


def test_posts_and_roles(
    client, space, engagement, manager, viewer, shared_staff, panelist, outsider
):
    url = _url("coordination_post", space.pk)
    client.force_login(shared_staff)
    assert client.post(url, {"text": ""}).status_code == 400
    response = client.post(url, {"text": "Grade 3 teachers ask for one lesson-planning template."})
    assert response.status_code == 302
    post = CoordinationPost.objects.get()
    assert (post.side, post.partner, post.author) == ("partner", engagement.partner, shared_staff)
    client.force_login(manager)
    assert client.post(url, {"text": "Let's agree one at the next call."}).status_code == 302
    html = client.get(_url("coordination", space.pk)).content.decode()
    assert "one lesson-planning template" in html and engagement.partner.name in html
    client.force_login(viewer)
    assert client.post(url, {"text": "x"}).status_code == 403
    assert (
        client.post(_url("coordination_member_add", space.pk), {"engagement": 1}).status_code == 403
    )
    client.force_login(panelist)
    assert client.get(_url("coordination", space.pk)).status_code == 403
    # Partners cannot choose members: 404, like every district action.
    client.force_login(shared_staff)
    assert (
        client.post(
            _url("coordination_member_add", space.pk), {"engagement": engagement.pk}
        ).status_code
        == 404
    )
    member = space.members.first()
    assert client.post(_url("coordination_member_remove", space.pk, member.pk)).status_code == 404
    assert client.get(_url("coordination_list")).status_code == 200  # "no district" page
    assert client.get(_url("coordination_new")).status_code == 200
    assert client.post(_url("coordination_new"), {"title": "x"}).status_code == 200
    assert CoordinationSpace.objects.count() == 1
    client.force_login(viewer)
    assert client.get(_url("coordination_new")).status_code == 403
    # Another district: 404 on every space URL; anonymous: sign in.
    from tests.access import assert_district_private

    for name, args, method in (
        ("coordination", (space.pk,), "get"),
        ("coordination_post", (space.pk,), "post"),
        ("coordination_member_add", (space.pk,), "post"),
        ("coordination_member_remove", (space.pk, member.pk), "post"),
    ):
        assert_district_private(client, _url(name, *args), outsider=outsider, method=method)
    assert CoordinationPost.objects.count() == 2


def test_another_districts_engagement_cannot_join(client, space, manager, other_district):
    elsewhere = EngagementFactory(district=other_district)
    client.force_login(manager)
    response = client.post(_url("coordination_member_add", space.pk), {"engagement": elsewhere.pk})
    assert response.status_code == 400
    assert not space.members.filter(engagement=elsewhere).exists()


# --- item 3: the partner ticks its own action items -----------------------------------------


def test_partner_ticks_its_own_action_item_and_the_district_sees_who(
    client, district, engagement, shared_staff, manager, other_staff
):
    mine = ActionItem.objects.get(engagement=engagement, for_partner=True)
    theirs = ActionItem.objects.get(engagement=engagement, for_partner=False)
    url = _url("action_done", engagement.pk, mine.pk)
    client.force_login(shared_staff)
    page = client.get(_url("page", engagement.pk)).content.decode()
    assert f'Done<span class="visually-hidden">: {mine.description}' in page
    response = client.post(url, {"version": mine.version, "done": "1"})
    assert response.status_code == 302 and response["Location"].endswith("#actions")
    mine.refresh_from_db()
    assert (mine.done, mine.done_by) == (True, shared_staff) and mine.done_at
    [latest, *_] = object_records(ActionItem, mine.pk)
    assert (latest.reason, latest.who) == ("Closed the action item", shared_staff)
    # A stale tick: 409, nothing changes.
    assert client.post(url, {"version": 1, "done": "0"}).status_code == 409
    mine.refresh_from_db()
    assert mine.done
    # The district's page says who closed it.
    client.force_login(manager)
    detail = client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()
    assert re.search(rf"done [A-Z][a-z]{{2}} \d+, \d{{4}} by {shared_staff.display_name}", detail)
    # Not the partner's item, another engagement's, or someone else: 404; the district: 404.
    client.force_login(shared_staff)
    assert (
        client.post(
            _url("action_done", engagement.pk, theirs.pk), {"version": 1, "done": "1"}
        ).status_code
        == 404
    )
    client.force_login(other_staff)
    assert client.post(url, {"version": mine.version, "done": "0"}).status_code == 404
    client.force_login(manager)
    assert client.post(url, {"version": mine.version, "done": "0"}).status_code == 404
    client.force_login(shared_staff)
    assert client.post(url, {"version": "x"}).status_code == 400
    # "next" goes back to a page of this site only.
    response = client.post(
        url, {"version": mine.version, "done": "0", "next": "https://evil.test/"}
    )
    assert response["Location"].startswith("/workspace/")
    theirs.refresh_from_db()
    assert not theirs.done


def test_partner_ticks_from_the_space(
    client, district, space, engagement, second, manager, shared_staff
):
    _meeting(
        district,
        [engagement, second],
        manager,
        kind=CheckIn.Kind.COHERENCE,
        notes="Monthly partner call.",
        private=f"{PRIVATE} call",
        action_for=[engagement, second],
    )
    mine = ActionItem.objects.get(engagement=engagement, description__contains="walkthrough trends")
    other = ActionItem.objects.get(engagement=second, description__contains="walkthrough trends")
    client.force_login(shared_staff)
    space_url = _url("coordination", space.pk)
    html = client.get(space_url).content.decode()
    assert _url("action_done", engagement.pk, mine.pk) in html
    assert _url("action_done", second.pk, other.pk) not in html  # only its own to tick
    response = client.post(
        _url("action_done", engagement.pk, mine.pk),
        {"version": mine.version, "done": "1", "next": space_url},
    )
    assert response["Location"] == space_url
    client.force_login(manager)
    assert f"done by {shared_staff.display_name}" in client.get(space_url).content.decode()


def test_space_page_queries_are_bounded(
    client,
    district,
    space,
    engagement,
    second,
    manager,
    shared_staff,
    django_assert_max_num_queries,
):
    for n in range(6):
        _meeting(
            district,
            [engagement, second],
            manager,
            kind=CheckIn.Kind.COHERENCE,
            notes=f"Call {n}",
            private="",
            action_for=[engagement, second],
        )
        CoordinationPost.objects.create(
            space=space, author=manager, side="district", text=f"Post {n}"
        )
    for user in (manager, shared_staff):
        client.force_login(user)
        with django_assert_max_num_queries(16):
            assert client.get(_url("coordination", space.pk)).status_code == 200

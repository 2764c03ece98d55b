"""Partner-to-partner coordination spaces (issue #13 item 6): who gets in, what they see,
and the writes.

The managing guide asks districts with several partners to have them "hop on the phone with
each other once a month to discuss trends that they're seeing and identify places where they
can collaborate", and to bring all partners together once or twice a year. A district lead
or PL manager opens a space and chooses the engagements whose partner staff share it; the
space has a thread, and shows the all-partner (coherence) and joint meetings the district
logged with those partners: their *shared* notes and the action items marked "the partner's
to do" — the same check-ins and action items as everywhere else (``engagements.CheckIn``,
``ActionItem``), never a second meeting model, never a private note.

Access, one rule (``space_seat_for``), read on every request:
- District side: members of the space's district, by the engagements' roles (viewers read;
  leads and PL managers open spaces, choose partners, post; interviewers 403).
- Partner side: a user with a seat on one of the space's engagements (``shared_engagements``:
  now on that partner's staff *and* shared with by the district). Taking the engagement out
  of the space, stopping the share, or leaving the partner ends it at the next request.
- Anyone else: 404.
A partner sees only the meetings its own engagements were part of.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.http import Http404
from django.urls import reverse

from engagements.models import ActionItem, CheckIn
from engagements.selectors import EDIT_ROLES, READ_ROLES
from engagements.workspace.access import DISTRICT, PARTNER, shared_engagements
from engagements.workspace.issues import partner_emails
from engagements.workspace.models import (
    CoordinationMember,
    CoordinationPost,
    CoordinationSpace,
)
from engagements.workspace.selectors import SHARED_CHECKIN_FIELDS
from plpg.access import require_role
from plpg.email import absolute_url, send_email
from plpg.history import with_reason
from plpg.limits import check_limit

MEETING_KINDS = (CheckIn.Kind.COHERENCE, CheckIn.Kind.JOINT)
SPACES_LIMIT = 50  # per district
POSTS_LIMIT = 500  # per space
MEETINGS_SHOWN = 24  # two years of monthly meetings

# From the managing guide, shown on every space (plain text; the template lays it out).
GUIDANCE = (
    "Partners who work with the same educators speak once a month to discuss the trends "
    "they are seeing and find places to collaborate to support teacher growth.",
    "Once or twice a year the district brings all its partners together to share and "
    "reshare the north star, so each is clear on its role.",
)


@dataclass
class SpaceSeat:
    """Who is looking at a coordination space, from which side, allowed to do what."""

    space: CoordinationSpace
    side: str
    can_edit: bool = False  # district leads and PL managers: members, and posting
    engagements: list = field(default_factory=list)  # a partner user's engagements in it

    @property
    def is_partner(self) -> bool:
        return self.side == PARTNER

    @property
    def can_post(self) -> bool:
        return self.is_partner or self.can_edit


def space_seat_for(request, pk, *, edit=False, post=False) -> SpaceSeat:
    """The space ``pk`` as ``request.user`` may see it, or 404 (403 for a district role that
    may not read engagements, or with ``edit``/``post`` not change them). ``edit`` is
    district-only (choosing partners): a 404 for the partner side."""
    user = request.user
    space = (
        CoordinationSpace.objects.for_user(user).select_related("district").filter(pk=pk).first()
    )
    if space is not None:
        role = require_role(user, space.district, *(EDIT_ROLES if edit or post else READ_ROLES))
        return SpaceSeat(space, DISTRICT, can_edit=role in EDIT_ROLES)
    if not edit:
        mine = list(
            shared_engagements(user)
            .filter(coordination_members__space_id=pk)
            .select_related("partner")
            .distinct()
        )
        if mine:
            space = CoordinationSpace.objects.select_related("district").get(pk=pk)
            return SpaceSeat(space, PARTNER, engagements=mine)
    raise Http404("Not found.")


def spaces_for_partner(user) -> list[CoordinationSpace]:
    """The coordination spaces a partner user is in (through their shared engagements)."""
    return list(
        CoordinationSpace.objects.filter(members__engagement__in=shared_engagements(user))
        .select_related("district")
        .distinct()
        .order_by("district__name", "title")
    )


def spaces_for_district(*, user, district) -> list[CoordinationSpace]:
    return list(
        CoordinationSpace.objects.for_user(user)
        .for_district(district)
        .prefetch_related("members__engagement__partner")
    )


def space_view(seat: SpaceSeat) -> dict:
    """Everything the space's page shows this seat (a fixed number of queries)."""
    space = seat.space
    members = list(
        CoordinationMember.objects.filter(space=space).select_related("engagement__partner")
    )
    engagement_ids = [m.engagement_id for m in members]
    seen_ids = [e.pk for e in seat.engagements] if seat.is_partner else engagement_ids
    meetings = list(
        CheckIn.objects.filter(kind__in=MEETING_KINDS, engagements__in=seen_ids)
        .only(*SHARED_CHECKIN_FIELDS)
        .distinct()
        .order_by("-date", "-pk")[:MEETINGS_SHOWN]
    )
    actions = list(
        ActionItem.objects.filter(
            checkin__in=[m.pk for m in meetings], for_partner=True, engagement_id__in=engagement_ids
        ).select_related("engagement__partner", "done_by")
    )
    by_meeting: dict[int, list] = {}
    mine = {e.pk for e in seat.engagements}
    for item in actions:
        item.can_tick = item.engagement_id in mine
        by_meeting.setdefault(item.checkin_id, []).append(item)
    for meeting in meetings:
        meeting.partner_actions = by_meeting.get(meeting.pk, [])
    return {
        "space": space,
        "members": members,
        "meetings": [m for m in meetings if m.shared_notes or m.partner_actions],
        "posts": list(space.posts.select_related("author", "partner")),
        "guidance": GUIDANCE,
    }


@transaction.atomic
def space_open(*, district, user, title, purpose, engagements) -> CoordinationSpace:
    """Open a space with the chosen engagements' partners in it."""
    check_limit(
        current=CoordinationSpace.objects.filter(district=district).count(),
        adding=1,
        limit=SPACES_LIMIT,
        what="coordination spaces",
        holder="a district",
    )
    space = CoordinationSpace(
        district=district, title=title.strip(), purpose=purpose.strip(), created_by=user
    )
    with_reason(space, "Opened the coordination space")
    space.save()
    for engagement in engagements:
        member_add(space=space, engagement=engagement, user=user)
    return space


@transaction.atomic
def member_add(*, space, engagement, user) -> CoordinationMember:
    """Bring an engagement's partner into the space; its shared staff are told by email."""
    if engagement.district_id != space.district_id:
        raise ValueError("An engagement of another district.")
    member = CoordinationMember.objects.filter(space=space, engagement=engagement).first()
    if member is not None:
        return member
    member = CoordinationMember(space=space, engagement=engagement, added_by=user)
    with_reason(member, f"Added {engagement.partner.name} to the coordination space")
    member.save()
    send_email(
        to=partner_emails(engagement),
        template="workspace/email/coordination_added",
        context={
            "space": space,
            "engagement": engagement,
            "district": space.district,
            "url": absolute_url(reverse("workspace:coordination", args=[space.pk])),
        },
    )
    return member


@transaction.atomic
def member_remove(*, member, user) -> None:
    """Take a partner out of the space: its staff's next request is a 404."""
    with_reason(member, f"Removed {member.engagement.partner.name} from the coordination space")
    member.delete()


@transaction.atomic
def post_add(*, seat: SpaceSeat, user, text: str) -> CoordinationPost:
    check_limit(
        current=seat.space.posts.count(),
        adding=1,
        limit=POSTS_LIMIT,
        what="posts",
        holder="a coordination space",
    )
    partner = seat.engagements[0].partner if seat.is_partner else None
    post = CoordinationPost(
        space=seat.space, author=user, side=seat.side, partner=partner, text=text.strip()
    )
    with_reason(post, "Posted in the coordination space")
    post.save()
    return post

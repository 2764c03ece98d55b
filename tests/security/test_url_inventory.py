"""Every URL of the project, walked with the demo data loaded.

Each route must be listed in ROUTES below with its kind and a way to fill its parameters from
Riverside's (leader@demo.test's district) real objects; a new route that is not listed fails
``test_every_route_is_inventoried``, so nobody can add a URL that these checks skip.

Kinds:
- ``public``: anyone may GET it (directory, landing page, health, token feeds).
- ``signin``: needs sign-in but is not one object's page (lists, "new" forms).
- ``object``: one of Riverside's objects: anonymous → login, Lakeview's lead → 404, and
  provider@demo.test (partner staff) → 404.
- ``portal``: one of the demo partner's (Northstar's) drafts, claims, staff or staff
  invitations: anonymous → login, district members → 404, staff of another partner → 404.
- ``proposal``: the demo partner's side of an RFP (Lakeview's, which invited Northstar) and
  its own proposal: anonymous → login; district members, curators (no district data) and
  another partner's staff → 404; provider@demo.test may open them.
- ``curation``: the curator workspace: anonymous → login, everyone but curators → 404.
- ``workspace``: the shared workspace of Riverside's engagement shared with
  provider@demo.test: anonymous → login, Lakeview's lead, curators and another partner's
  staff → 404; the provider and Riverside's members may open it.
"""

import re
from urllib.parse import urlparse

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from engagements.models import (
    ActionItem,
    CalendarFeed,
    CheckIn,
    Engagement,
    Goal,
    OnboardingItem,
    PlanItem,
    PlanSession,
)
from engagements.workspace.models import CoordinationSpace, EngagementShare
from interviews.models import (
    Block,
    Guide,
    Interview,
    LookFor,
    NonNegotiable,
    Question,
    Scorecard,
    Section,
    Selection,
    ShortlistEntry,
)
from partners.models import Partner, PartnerInvitation
from plpg.models import District, Invitation, Membership, User

pytestmark = pytest.mark.django_db

RIVERSIDE = "riverside-unified-demo"
HUGE = "99999999999999999999"
MISSING = "987654"
LOGIN_PATH = "/accounts/login/"


def _ctx():
    """Real ids of Riverside's objects, from the demo data."""
    riverside = District.objects.get(slug=RIVERSIDE)
    leader = User.objects.get(email="leader@demo.test")
    selection = Selection.objects.filter(district=riverside).order_by("pk").first()
    interview = (
        Interview.objects.filter(selection__district=riverside, scorecards__isnull=False)
        .order_by("pk")
        .first()
    )
    engagement = Engagement.objects.filter(district=riverside).order_by("pk").first()
    guide = Guide.objects.filter(district=riverside).order_by("pk").first()
    assert selection and interview and engagement and guide, "demo data is incomplete"
    feed, _ = CalendarFeed.objects.get_or_create(user=leader)
    on_engagement = {"engagement": engagement}
    Invitation.objects.filter(email="invited@example.org").delete()  # _ctx() runs again
    invitation = Invitation(
        district=riverside, email="invited@example.org", role="viewer", invited_by=leader
    )
    invite_token = invitation.new_token()
    invitation.save()
    member = Membership.objects.get(district=riverside, user__email="panelist2@demo.test")
    session = PlanSession.objects.filter(plan_item__engagement=engagement).first()
    ctx = {
        "selection": selection.pk,
        "entry": ShortlistEntry.objects.filter(selection=selection).first().pk,
        "nn": NonNegotiable.objects.filter(selection=selection).first().pk,
        "interview": interview.pk,
        "scorecard": Scorecard.objects.filter(interview=interview).first().pk,
        "look_for": LookFor.objects.filter(block__section__guide=interview.guide).first().pk,
        "guide": guide.pk,
        "section": Section.objects.filter(guide=guide).first().pk,
        # The guide editor's items (Riverside's own copy of the playbook, editable).
        "guide_section": Section.objects.filter(guide=guide).order_by("pk").first().pk,
        "guide_block": Block.objects.filter(section__guide=guide).order_by("pk").first().pk,
        "guide_question": Question.objects.filter(block__section__guide=guide).first().pk,
        "guide_look_for": LookFor.objects.filter(block__section__guide=guide).first().pk,
        "guide_nn": NonNegotiable.objects.filter(guide=guide).first().pk,
        "engagement": engagement.pk,
        "checkin": CheckIn.objects.filter(engagements=engagement).first().pk,
        "goal": Goal.objects.filter(**on_engagement).first().pk,
        "onboarding": OnboardingItem.objects.filter(**on_engagement).first().pk,
        "action": ActionItem.objects.filter(**on_engagement).first().pk,
        "plan": PlanItem.objects.filter(**on_engagement).first().pk,
        "session": session.pk,
        "session_item": session.plan_item_id,
        "token": feed.token,
        "member": member.pk,
        "invitation": invitation.pk,
        "invite_token": invite_token,
    }
    ctx["plan_version"] = PlanItem.history.filter(id=ctx["plan"]).first().history_id
    northstar = Partner.objects.get(slug="northstar-math-collaborative")
    share = EngagementShare.objects.get(
        engagement__district=riverside, user__email="provider@demo.test"
    )
    ctx["shared"] = share.engagement_id
    ctx["share"] = share.pk
    shared = share.engagement
    ctx["material"] = shared.materials.order_by("pk").first().pk
    ctx["issue"] = shared.issues.order_by("pk").first().pk
    ctx["document"] = shared.documents.filter(visibility="shared").order_by("pk").first().pk
    shared_sessions = PlanSession.objects.filter(plan_item__engagement=shared)
    ctx["awaiting"] = shared_sessions.get(confirmation="awaiting").pk
    ctx["confirmed"] = shared_sessions.exclude(sign_in_sheet="").get(confirmation="confirmed").pk
    ctx["partner_action"] = shared.action_items.filter(for_partner=True).order_by("pk").first().pk
    space = CoordinationSpace.objects.get(district=riverside)
    ctx["space"] = space.pk
    ctx["space_member"] = space.members.exclude(engagement=shared).first().pk
    ctx["partner"] = northstar.pk
    # Evidence of impact (engagements.impact): Northstar's invoices and outcome terms.
    from engagements.impact.models import (
        ContingentAmount,
        DistrictCommitment,
        FeedbackLink,
        Invoice,
    )

    ctx["invoice"] = Invoice.objects.filter(engagement=shared).order_by("pk").first().pk
    ctx["contingent"] = (
        ContingentAmount.objects.filter(terms__engagement=shared).order_by("pk").first().pk
    )
    ctx["commitment"] = (
        DistrictCommitment.objects.filter(terms__engagement=shared).order_by("pk").first().pk
    )
    feedback_link = (
        FeedbackLink.objects.filter(session__plan_item__engagement=shared).order_by("pk").first()
    )
    ctx["feedback_link"] = feedback_link.pk
    ctx["feedback_token"] = feedback_link.token
    ctx["draft"] = northstar.drafts.filter(status="submitted").first().pk
    ctx["claim"] = northstar.claims.filter(status="submitted").first().pk
    ctx["staff"] = northstar.staff.get(user__email="provider@demo.test").pk
    Invitation.objects.filter(email="invited-staff@example.org").delete()
    staff_invitation = Invitation(district=None, email="invited-staff@example.org", role="")
    staff_invitation.new_token()
    staff_invitation.save()
    ctx["staff_invitation"] = PartnerInvitation.objects.create(
        invitation=staff_invitation, partner=northstar
    ).pk
    ctx.update(_rfp_ctx(selection, leader, northstar))
    return ctx


def _rfp_ctx(selection, leader, northstar) -> dict:
    """Riverside's RFP with a submitted proposal (Catalyst's, with a file) and a question;
    Northstar's own draft proposal to Lakeview's demo RFP (issue 15). Idempotent."""
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from interviews import services
    from interviews.models import RFP, RFPQuestion

    rfp = RFP.objects.filter(selection=selection).first()
    if rfp is None:
        catalyst = Partner.objects.get(slug="catalyst-math-coaching")
        rfp = services.rfp_create(
            selection=selection,
            user=leader,
            title="Riverside RFP",
            proposals_due=timezone.now() + dt.timedelta(days=9),
        )
        services.rfp_invite(rfp=rfp, partners=[catalyst], user=leader)
        services.rfp_publish(rfp=rfp, user=leader, to_all=False, notify=False)
        RFPQuestion.objects.create(rfp=rfp, partner=catalyst, text="Virtual coaching?")
        proposal = services.proposal_for(rfp=rfp, partner=catalyst)
        answers = {k: "Yes." for k in ("approach", "references", "facilitators", "evaluation")}
        proposal = services.proposal_save(
            proposal_id=proposal.pk, answers=answers, cost=1, version=1, user=None
        )
        text = "Timing\tParticipants\tName\tDescription\nAugust\tTeachers\tLaunch\tTwo days."
        services.proposal_sequence_set(proposal=proposal, text=text, user=None)
        upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n", content_type="application/pdf")
        services.proposal_attach(proposal=proposal, upload=upload, user=None)
        services.proposal_submit(proposal=proposal, user=None, notify=False)
    proposal = rfp.proposals.get()
    lakeview = RFP.objects.get(selection__district__slug="lakeview-county-schools-demo")
    mine = services.proposal_for(rfp=lakeview, partner=northstar)
    if not mine.attachments.exists():
        upload = SimpleUploadedFile("ours.pdf", b"%PDF-1.4\n", content_type="application/pdf")
        services.proposal_attach(proposal=mine, upload=upload, user=None)
    return {
        "rfp_section": rfp.sections.first().pk,
        "rfp_question": rfp.questions.first().pk,
        "proposal": proposal.pk,
        "attachment": proposal.attachments.get().pk,
        "portal_rfp": lakeview.pk,
        "my_proposal": mine.pk,
        "my_attachment": mine.attachments.first().pk,
    }


@pytest.fixture
def client(client):
    """Server errors come back as 500 responses (collected), not as raised exceptions."""
    client.raise_request_exception = False
    return client


def _pk(key):
    return lambda c: {"pk": c[key]}


def _pk2(key, name, key2):
    return lambda c: {"pk": c[key], name: c[key2]}


def _none(c):
    return {}


# route → (kind, fill(ctx) -> kwargs)
ROUTES = {
    "": ("public", _none),
    "healthz": ("public", _none),
    "robots.txt": ("public", _none),
    # accounts (django-allauth and its mfa app)
    "accounts/login/": ("public", _none),
    "accounts/logout/": ("public", _none),
    "accounts/signup/": ("public", _none),  # says sign-up is closed
    "accounts/inactive/": ("public", _none),
    "accounts/login/code/confirm/": ("public", _none),
    "accounts/password/reset/": ("public", _none),
    "accounts/password/reset/done/": ("public", _none),
    "accounts/password/reset/key/<uidb36>-<key>/": (
        "public",
        lambda c: {"uidb36": "1", "key": "set-password"},
    ),
    "accounts/password/reset/key/done/": ("public", _none),
    "accounts/confirm-email/": ("public", _none),
    "accounts/confirm-email/<key>/": ("public", lambda c: {"key": "not-a-key"}),
    "accounts/password/change/": ("signin", _none),
    "accounts/password/set/": ("signin", _none),
    "accounts/email/": ("signin", _none),
    "accounts/reauthenticate/": ("signin", _none),
    "accounts/reauthenticate/code/": ("signin", _none),
    "accounts/reauthenticate/code/confirm/": ("signin", _none),
    "accounts/2fa/": ("signin", _none),
    "accounts/2fa/authenticate/": ("public", _none),  # the second step of signing in
    "accounts/2fa/reauthenticate/": ("signin", _none),
    "accounts/2fa/totp/activate/": ("signin", _none),
    "accounts/2fa/totp/deactivate/": ("signin", _none),
    "accounts/2fa/recovery-codes/": ("signin", _none),
    "accounts/2fa/recovery-codes/download/": ("signin", _none),
    "accounts/2fa/recovery-codes/generate/": ("signin", _none),
    # The invitation's secret token is the credential: public by design (404/410 if unusable).
    "invitations/<str:token>/": ("public", lambda c: {"token": c["invite_token"]}),
    "district/switch/": ("signin", _none),
    "district/activity/": ("signin", _none),
    "district/export.zip": ("signin", _none),
    "district/trash/": ("signin", _none),
    "district/trash/<str:label>/<int:pk>/delete/": (
        "object",
        lambda c: {"label": "engagements.planitem", "pk": c["plan"]},
    ),
    "district/trash/<str:label>/<int:pk>/restore/": (
        "object",
        lambda c: {"label": "engagements.planitem", "pk": c["plan"]},
    ),
    "district/history/<str:label>/<int:pk>/": (
        "object",
        lambda c: {"label": "engagements.planitem", "pk": c["plan"]},
    ),
    "district/history/<str:label>/<int:pk>/restore/<int:history_id>/": (
        "object",
        lambda c: {
            "label": "engagements.planitem",
            "pk": c["plan"],
            "history_id": c["plan_version"],
        },
    ),
    "district/team/": ("signin", _none),
    "district/team/invite/": ("signin", _none),
    "district/team/<int:pk>/role/": ("object", _pk("member")),
    "district/team/<int:pk>/remove/": ("object", _pk("member")),
    "district/invitations/<int:pk>/resend/": ("object", _pk("invitation")),
    "district/invitations/<int:pk>/revoke/": ("object", _pk("invitation")),
    "district/settings/": ("signin", _none),
    "staff/districts/new/": ("signin", _none),
    # partners (public directory)
    "partners/": ("public", _none),
    "partners/export.csv": ("public", _none),
    "partners/compare/": ("public", _none),
    "partners/<slug:slug>/": ("public", lambda c: {"slug": "northstar-math-collaborative"}),
    "diagnostic/": ("public", _none),
    # provider portal (partner staff) and curation (curators)
    "portal/": ("signin", _none),
    "portal/drafts/new/": ("signin", _none),
    "portal/drafts/<int:pk>/": ("portal", _pk("draft")),
    "portal/drafts/<int:pk>/submit/": ("portal", _pk("draft")),
    "portal/drafts/<int:pk>/engagements/new/": ("portal", _pk("draft")),
    "portal/drafts/<int:pk>/engagements/<int:index>/": (
        "portal",
        lambda c: {"pk": c["draft"], "index": 0},
    ),
    "portal/drafts/<int:pk>/engagements/<int:index>/delete/": (
        "portal",
        lambda c: {"pk": c["draft"], "index": 0},
    ),
    "portal/scope-and-sequence-template.<str:ext>": ("public", lambda c: {"ext": "csv"}),
    "portal/team/invite/": ("signin", _none),
    "portal/team/invitations/<int:pk>/resend/": ("portal", _pk("staff_invitation")),
    "portal/team/invitations/<int:pk>/revoke/": ("portal", _pk("staff_invitation")),
    "portal/team/staff/<int:pk>/remove/": ("portal", _pk("staff")),
    "portal/claims/new/": ("signin", _none),
    "portal/claims/<int:pk>/": ("portal", _pk("claim")),
    "portal/claims/<int:pk>/evidence.pdf": ("portal", _pk("claim")),
    "curation/": ("curation", _none),
    "curation/drafts/<int:pk>/": ("curation", _pk("draft")),
    "curation/drafts/<int:pk>/approve/": ("curation", _pk("draft")),
    "curation/drafts/<int:pk>/return/": ("curation", _pk("draft")),
    "curation/drafts/<int:pk>/publish/": ("curation", _pk("draft")),
    "curation/partners/": ("curation", _none),
    "curation/partners/new/": ("curation", _none),
    "curation/partners/<int:pk>/": ("curation", _pk("partner")),
    "curation/partners/<int:pk>/edit/": ("curation", _pk("partner")),
    "curation/partners/<int:pk>/renew/": ("curation", _pk("partner")),
    "curation/partners/<int:pk>/invite/": ("curation", _pk("partner")),
    "curation/partners/<int:pk>/gateway/": ("curation", _pk("partner")),
    "curation/claims/<int:pk>/": ("curation", _pk("claim")),
    # interviews
    "selections/": ("signin", _none),
    "selections/new/": ("signin", _none),
    "selections/shortlist/add/": ("signin", _none),
    "selections/<int:pk>/": ("object", _pk("selection")),
    "selections/<int:pk>/edit/": ("object", _pk("selection")),
    "selections/<int:pk>/shortlist/": ("object", _pk("selection")),
    "selections/<int:pk>/shortlist/<int:entry_id>/": (
        "object",
        _pk2("selection", "entry_id", "entry"),
    ),
    "selections/<int:pk>/non-negotiables/": ("object", _pk("selection")),
    "selections/<int:pk>/non-negotiables/<int:nn_id>/delete/": (
        "object",
        _pk2("selection", "nn_id", "nn"),
    ),
    "selections/<int:pk>/interviews/new/": ("object", _pk("selection")),
    "selections/<int:pk>/decide/": ("object", _pk("selection")),
    "selections/<int:pk>/history/": ("object", _pk("selection")),
    "selections/<int:pk>/status/": ("object", _pk("selection")),
    "selections/<int:pk>/report.pdf": ("object", _pk("selection")),
    # RFPs (issue 15): the district's side, then the partner's in the portal
    "selections/<int:pk>/rfp/": ("object", _pk("selection")),
    "selections/<int:pk>/rfp/new/": ("object", _pk("selection")),
    "selections/<int:pk>/rfp/settings/": ("object", _pk("selection")),
    "selections/<int:pk>/rfp/sections/<int:section_id>/": (
        "object",
        _pk2("selection", "section_id", "rfp_section"),
    ),
    "selections/<int:pk>/rfp/sections/<int:section_id>/regenerate/": (
        "object",
        _pk2("selection", "section_id", "rfp_section"),
    ),
    "selections/<int:pk>/rfp/invite/": ("object", _pk("selection")),
    "selections/<int:pk>/rfp/publish/": ("object", _pk("selection")),
    "selections/<int:pk>/rfp/extend/": ("object", _pk("selection")),
    "selections/<int:pk>/rfp/questions/<int:question_id>/answer/": (
        "object",
        _pk2("selection", "question_id", "rfp_question"),
    ),
    "selections/<int:pk>/rfp/proposals/<int:proposal_id>/": (
        "object",
        _pk2("selection", "proposal_id", "proposal"),
    ),
    "selections/<int:pk>/rfp/proposals/<int:proposal_id>/review/": (
        "object",
        _pk2("selection", "proposal_id", "proposal"),
    ),
    "selections/<int:pk>/rfp/proposals/<int:proposal_id>/attachments/<int:attachment_id>/": (
        "object",
        lambda c: {
            "pk": c["selection"],
            "proposal_id": c["proposal"],
            "attachment_id": c["attachment"],
        },
    ),
    "selections/<int:pk>/rfp.pdf": ("object", _pk("selection")),
    "selections/<int:pk>/rfp.docx": ("object", _pk("selection")),
    "portal/rfps/": ("signin", _none),
    "portal/rfps/<int:rfp_id>/": ("proposal", lambda c: {"rfp_id": c["portal_rfp"]}),
    "portal/rfps/<int:rfp_id>/rfp.pdf": ("proposal", lambda c: {"rfp_id": c["portal_rfp"]}),
    "portal/rfps/<int:rfp_id>/rfp.docx": ("proposal", lambda c: {"rfp_id": c["portal_rfp"]}),
    "portal/rfps/<int:rfp_id>/questions/": ("proposal", lambda c: {"rfp_id": c["portal_rfp"]}),
    "portal/rfps/<int:rfp_id>/proposal/": ("proposal", lambda c: {"rfp_id": c["portal_rfp"]}),
    "portal/proposals/<int:pk>/": ("proposal", _pk("my_proposal")),
    "portal/proposals/<int:pk>/save/": ("proposal", _pk("my_proposal")),
    "portal/proposals/<int:pk>/sequence/": ("proposal", _pk("my_proposal")),
    "portal/proposals/<int:pk>/attachments/": ("proposal", _pk("my_proposal")),
    "portal/proposals/<int:pk>/attachments/<int:attachment_id>/": (
        "proposal",
        _pk2("my_proposal", "attachment_id", "my_attachment"),
    ),
    "portal/proposals/<int:pk>/submit/": ("proposal", _pk("my_proposal")),
    "interviews/<int:pk>/": ("object", _pk("interview")),
    "interviews/<int:pk>/edit/": ("object", _pk("interview")),
    "interviews/<int:pk>/status/": ("object", _pk("interview")),
    "interviews/<int:pk>/history/": ("object", _pk("interview")),
    "interviews/<int:pk>/packet.pdf": ("object", _pk("interview")),
    "interviews/<int:pk>/report.pdf": ("object", _pk("interview")),
    "interviews/<int:pk>/score/": ("object", _pk("interview")),
    "interviews/<int:pk>/score/declare/": ("object", _pk("interview")),
    "interviews/<int:pk>/score/rate/<int:look_for_id>/": (
        "object",
        _pk2("interview", "look_for_id", "look_for"),
    ),
    "interviews/<int:pk>/score/summary/": ("object", _pk("interview")),
    "interviews/<int:pk>/score/submit/": ("object", _pk("interview")),
    "interviews/<int:pk>/scorecards/<int:scorecard_id>/reopen/": (
        "object",
        _pk2("interview", "scorecard_id", "scorecard"),
    ),
    "interviews/<int:pk>/scorecards/<int:scorecard_id>/conflict/": (
        "object",
        _pk2("interview", "scorecard_id", "scorecard"),
    ),
    "interviews/<int:pk>/consensus/<int:look_for_id>/": (
        "object",
        _pk2("interview", "look_for_id", "look_for"),
    ),
    "interviews/<int:pk>/non-negotiables/<int:nn_id>/": (
        "object",
        _pk2("interview", "nn_id", "nn"),
    ),
    "interviews/guides/": ("signin", _none),
    "interviews/guides/<int:pk>/": ("object", _pk("guide")),
    "interviews/guides/<int:pk>/copy/": ("object", _pk("guide")),
    "interviews/guides/<int:pk>/new-version/": ("object", _pk("guide")),
    "interviews/guides/<int:pk>/settings/": ("object", _pk("guide")),
    "interviews/guides/<int:pk>/non-negotiables/add/": ("object", _pk("guide")),
    "interviews/guides/<int:pk>/sections/<int:item_id>/blocks/add/": (
        "object",
        _pk2("guide", "item_id", "guide_section"),
    ),
    "interviews/guides/<int:pk>/blocks/<int:item_id>/questions/add/": (
        "object",
        _pk2("guide", "item_id", "guide_block"),
    ),
    "interviews/guides/<int:pk>/blocks/<int:item_id>/look-fors/add/": (
        "object",
        _pk2("guide", "item_id", "guide_block"),
    ),
    "interviews/guides/<int:pk>/sections/<int:item_id>/update/": (
        "object",
        _pk2("guide", "item_id", "guide_section"),
    ),
    "interviews/guides/<int:pk>/sections/<int:item_id>/move/": (
        "object",
        _pk2("guide", "item_id", "guide_section"),
    ),
    "interviews/guides/<int:pk>/sections/<int:item_id>/delete/": (
        "object",
        _pk2("guide", "item_id", "guide_section"),
    ),
    "interviews/guides/<int:pk>/blocks/<int:item_id>/update/": (
        "object",
        _pk2("guide", "item_id", "guide_block"),
    ),
    "interviews/guides/<int:pk>/blocks/<int:item_id>/move/": (
        "object",
        _pk2("guide", "item_id", "guide_block"),
    ),
    "interviews/guides/<int:pk>/blocks/<int:item_id>/delete/": (
        "object",
        _pk2("guide", "item_id", "guide_block"),
    ),
    "interviews/guides/<int:pk>/questions/<int:item_id>/update/": (
        "object",
        _pk2("guide", "item_id", "guide_question"),
    ),
    "interviews/guides/<int:pk>/questions/<int:item_id>/move/": (
        "object",
        _pk2("guide", "item_id", "guide_question"),
    ),
    "interviews/guides/<int:pk>/questions/<int:item_id>/delete/": (
        "object",
        _pk2("guide", "item_id", "guide_question"),
    ),
    "interviews/guides/<int:pk>/look-fors/<int:item_id>/update/": (
        "object",
        _pk2("guide", "item_id", "guide_look_for"),
    ),
    "interviews/guides/<int:pk>/look-fors/<int:item_id>/move/": (
        "object",
        _pk2("guide", "item_id", "guide_look_for"),
    ),
    "interviews/guides/<int:pk>/look-fors/<int:item_id>/delete/": (
        "object",
        _pk2("guide", "item_id", "guide_look_for"),
    ),
    "interviews/guides/<int:pk>/non-negotiables/<int:item_id>/update/": (
        "object",
        _pk2("guide", "item_id", "guide_nn"),
    ),
    "interviews/guides/<int:pk>/non-negotiables/<int:item_id>/move/": (
        "object",
        _pk2("guide", "item_id", "guide_nn"),
    ),
    "interviews/guides/<int:pk>/non-negotiables/<int:item_id>/delete/": (
        "object",
        _pk2("guide", "item_id", "guide_nn"),
    ),
    # engagements
    "engagements/": ("signin", _none),
    "engagements/north-star/": ("signin", _none),
    "engagements/coherence/": ("signin", _none),
    "engagements/new/": ("signin", _none),
    "engagements/start/<int:selection_id>/": (
        "object",
        lambda c: {"selection_id": c["selection"]},
    ),
    "engagements/calendar/": ("signin", _none),
    "engagements/calendar/revoke/": ("signin", _none),
    # The secret token is the credential (calendar apps cannot sign in): public by design.
    "engagements/calendar/<slug:token>.ics": ("public", lambda c: {"token": c["token"]}),
    "engagements/<int:pk>/": ("object", _pk("engagement")),
    "engagements/<int:pk>/edit/": ("object", _pk("engagement")),
    "engagements/<int:pk>/history/": ("object", _pk("engagement")),
    "engagements/<int:pk>/report.pdf": ("object", _pk("engagement")),
    "engagements/<int:pk>/check-ins/new/": ("object", _pk("engagement")),
    "engagements/<int:pk>/check-ins/<int:checkin_pk>/edit/": (
        "object",
        _pk2("engagement", "checkin_pk", "checkin"),
    ),
    "engagements/<int:pk>/check-ins/<int:checkin_pk>/delete/": (
        "object",
        _pk2("engagement", "checkin_pk", "checkin"),
    ),
    "engagements/<int:pk>/goals/new/": ("object", _pk("engagement")),
    "engagements/<int:pk>/goals/<int:goal_pk>/": ("object", _pk2("engagement", "goal_pk", "goal")),
    "engagements/<int:pk>/goals/<int:goal_pk>/progress/": (
        "object",
        _pk2("engagement", "goal_pk", "goal"),
    ),
    "engagements/<int:pk>/goals/<int:goal_pk>/delete/": (
        "object",
        _pk2("engagement", "goal_pk", "goal"),
    ),
    "engagements/<int:pk>/onboarding/<int:item_pk>/": (
        "object",
        _pk2("engagement", "item_pk", "onboarding"),
    ),
    "engagements/<int:pk>/actions/new/": ("object", _pk("engagement")),
    "engagements/<int:pk>/actions/<int:item_pk>/done/": (
        "object",
        _pk2("engagement", "item_pk", "action"),
    ),
    "engagements/<int:pk>/plan/progress/": ("object", _pk("engagement")),
    "engagements/<int:pk>/plan/new/": ("object", _pk("engagement")),
    "engagements/<int:pk>/plan/import/": ("object", _pk("engagement")),
    "engagements/<int:pk>/plan/from-sample/": ("object", _pk("engagement")),
    "engagements/<int:pk>/plan/<int:item_pk>/": ("object", _pk2("engagement", "item_pk", "plan")),
    "engagements/<int:pk>/plan/<int:item_pk>/edit/": (
        "object",
        _pk2("engagement", "item_pk", "plan"),
    ),
    "engagements/<int:pk>/plan/<int:item_pk>/status/": (
        "object",
        _pk2("engagement", "item_pk", "plan"),
    ),
    "engagements/<int:pk>/plan/<int:item_pk>/sessions/<int:session_pk>/status/": (
        "object",
        lambda c: {"pk": c["engagement"], "item_pk": c["session_item"], "session_pk": c["session"]},
    ),
    "engagements/<int:pk>/plan/<int:item_pk>/delete/": (
        "object",
        _pk2("engagement", "item_pk", "plan"),
    ),
    "engagements/<int:pk>/plan/<int:item_pk>/move/": (
        "object",
        _pk2("engagement", "item_pk", "plan"),
    ),
    # the shared workspace (engagements.workspace)
    "workspace/": ("signin", _none),
    "workspace/<int:pk>/": ("workspace", _pk("shared")),
    "workspace/<int:pk>/materials/new/": ("workspace", _pk("shared")),
    "workspace/<int:pk>/materials/<int:material_pk>/": (
        "workspace",
        _pk2("shared", "material_pk", "material"),
    ),
    "workspace/<int:pk>/materials/<int:material_pk>/versions/new/": (
        "workspace",
        _pk2("shared", "material_pk", "material"),
    ),
    # District-only actions inside the workspace: the partner gets a 404 like any district URL.
    "workspace/<int:pk>/materials/<int:material_pk>/review/": (
        "object",
        _pk2("shared", "material_pk", "material"),
    ),
    "workspace/<int:pk>/materials/<int:material_pk>/v<int:number>/": (
        "workspace",
        lambda c: {"pk": c["shared"], "material_pk": c["material"], "number": 1},
    ),
    "workspace/<int:pk>/issues/new/": ("workspace", _pk("shared")),
    "workspace/<int:pk>/issues/<int:issue_pk>/": ("workspace", _pk2("shared", "issue_pk", "issue")),
    "workspace/<int:pk>/issues/<int:issue_pk>/comment/": (
        "workspace",
        _pk2("shared", "issue_pk", "issue"),
    ),
    "workspace/<int:pk>/issues/<int:issue_pk>/resolve/": (
        "workspace",
        _pk2("shared", "issue_pk", "issue"),
    ),
    "workspace/<int:pk>/documents/": ("workspace", _pk("shared")),
    "workspace/<int:pk>/documents/new/": ("workspace", _pk("shared")),
    "workspace/<int:pk>/documents/<int:document_pk>/file/": (
        "workspace",
        _pk2("shared", "document_pk", "document"),
    ),
    "workspace/<int:pk>/amendments/new/": ("object", _pk("shared")),
    # Delivered sessions: the partner reports, the district (only) confirms or disputes.
    "workspace/<int:pk>/sessions/": ("workspace", _pk("shared")),
    "workspace/<int:pk>/sessions/<int:session_pk>/report/": (
        "workspace",
        _pk2("shared", "session_pk", "awaiting"),
    ),
    "workspace/<int:pk>/sessions/<int:session_pk>/confirm/": (
        "object",
        _pk2("shared", "session_pk", "awaiting"),
    ),
    "workspace/<int:pk>/sessions/<int:session_pk>/dispute/": (
        "object",
        _pk2("shared", "session_pk", "awaiting"),
    ),
    "workspace/<int:pk>/sessions/<int:session_pk>/sign-in-sheet/": (
        "workspace",
        _pk2("shared", "session_pk", "confirmed"),
    ),
    # The partner ticks its own action items (a 404 for the district, like any partner action).
    "workspace/<int:pk>/actions/<int:action_pk>/done/": (
        "workspace",
        _pk2("shared", "action_pk", "partner_action"),
    ),
    # Coordination spaces: the district's list and form; the space for both sides; choosing
    # partners is the district's.
    "engagements/coordination/": ("signin", _none),
    "engagements/coordination/new/": ("signin", _none),
    "coordination/<int:pk>/": ("workspace", _pk("space")),
    "coordination/<int:pk>/post/": ("workspace", _pk("space")),
    "coordination/<int:pk>/partners/add/": ("object", _pk("space")),
    "coordination/<int:pk>/partners/<int:member_pk>/remove/": (
        "object",
        _pk2("space", "member_pk", "space_member"),
    ),
    "engagements/<int:pk>/sharing/": ("object", _pk("shared")),
    "engagements/<int:pk>/sharing/add/": ("object", _pk("shared")),
    "engagements/<int:pk>/sharing/<int:share_pk>/revoke/": (
        "object",
        _pk2("shared", "share_pk", "share"),
    ),
    # Evidence of impact (engagements.impact): district pages, the partner gets a 404.
    "engagements/<int:pk>/invoices/": ("object", _pk("shared")),
    "engagements/<int:pk>/review/": ("object", _pk("shared")),
    "engagements/<int:pk>/years/": ("object", _pk("shared")),
    "engagements/<int:pk>/invoices/new/": ("object", _pk("shared")),
    "engagements/<int:pk>/invoices/<int:invoice_pk>/status/": (
        "object",
        _pk2("shared", "invoice_pk", "invoice"),
    ),
    "engagements/<int:pk>/invoices/<int:invoice_pk>/remove/": (
        "object",
        _pk2("shared", "invoice_pk", "invoice"),
    ),
    "engagements/<int:pk>/outcomes/": ("object", _pk("shared")),
    "engagements/<int:pk>/outcomes/terms/": ("object", _pk("shared")),
    "engagements/<int:pk>/outcomes/amounts/new/": ("object", _pk("shared")),
    "engagements/<int:pk>/outcomes/amounts/<int:contingent_pk>/verify/": (
        "object",
        _pk2("shared", "contingent_pk", "contingent"),
    ),
    "engagements/<int:pk>/outcomes/commitments/new/": ("object", _pk("shared")),
    "engagements/<int:pk>/outcomes/commitments/<int:commitment_pk>/status/": (
        "object",
        _pk2("shared", "commitment_pk", "commitment"),
    ),
    "engagements/portfolio/": ("signin", _none),
    "engagements/portfolio.csv": ("signin", _none),
    # Participant feedback: the public form, and both sides' pages (workspace seats).
    "feedback/<str:token>/": ("public", lambda c: {"token": c["feedback_token"]}),
    "workspace/<int:pk>/feedback/": ("workspace", _pk("shared")),
    "workspace/<int:pk>/feedback/new/": ("workspace", _pk("shared")),
    "workspace/<int:pk>/feedback.csv": ("workspace", _pk("shared")),
    "workspace/<int:pk>/feedback/<int:link_pk>/": (
        "workspace",
        _pk2("shared", "link_pk", "feedback_link"),
    ),
    "workspace/<int:pk>/feedback/<int:link_pk>/qr.svg": (
        "workspace",
        _pk2("shared", "link_pk", "feedback_link"),
    ),
}

SKIPPED_PREFIXES = ("admin/", "static/", "media/", "__debug__/", "__reload__/")
PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
REGEX_GROUP = re.compile(r"\(\?P<(\w+)>(?:\[[^\]]*\]|[^)])*\)")


def _walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith(SKIPPED_PREFIXES):
                continue
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and not route.startswith(SKIPPED_PREFIXES):
            route = route.lstrip("^").rstrip("$").replace("\\Z", "")
            # allauth's regex routes: (?P<name>...) reads as <name>
            yield REGEX_GROUP.sub(r"<\1>", route).replace("^", "")


def project_routes():
    return list(_walk(get_resolver().url_patterns))


def _build(route, kwargs):
    def fill(match):
        return str(kwargs[match.group("name")])

    return "/" + PARAM.sub(fill, route)


def _urls(kind=None):
    """(route, url) for every inventoried route of ``kind``, filled with Riverside's ids."""
    ctx = _ctx()
    return [
        (route, _build(route, fill(ctx)))
        for route, (route_kind, fill) in ROUTES.items()
        if kind is None or route_kind in ((kind,) if isinstance(kind, str) else kind)
    ]


def _users():
    return (
        User.objects.get(email="leader@demo.test"),
        User.objects.get(email="other@demo.test"),
    )


def test_every_route_is_inventoried():
    routes = project_routes()
    assert len(routes) > 50
    missing = sorted(set(routes) - set(ROUTES))
    assert not missing, (
        "URLs without a way to fill their parameters in tests/security/test_url_inventory.py "
        f"ROUTES (add them, with their kind): {missing}"
    )
    stale = sorted(set(ROUTES) - set(routes))
    assert not stale, f"ROUTES lists URLs that no longer exist: {stale}"
    for route, (_kind, fill) in ROUTES.items():
        names = {m.group("name") for m in PARAM.finditer(route)}
        assert names == set(fill(_FAKE_CTX)), f"{route}: parameters {names} not all filled"


class _Anything(dict):
    def __missing__(self, key):
        return 1


_FAKE_CTX = _Anything()


def test_anonymous_is_sent_to_sign_in_on_every_district_url(client, demo):
    failures = []
    for _route, url in _urls(("signin", "object", "portal", "proposal", "curation", "workspace")):
        response = client.get(url)
        location = response.get("Location", "")
        if response.status_code != 302 or urlparse(location).path != LOGIN_PATH:
            failures.append(f"GET {url}: {response.status_code} {location}")
    assert not failures, "\n".join(failures)


def test_other_district_gets_404_on_every_riverside_object(client, demo):
    _leader, other = _users()
    client.force_login(other)
    failures = []
    for _route, url in _urls(("object", "workspace")):
        response = client.get(url)
        # 405 comes from require_POST before any lookup: it says nothing about the object.
        if response.status_code not in (404, 405):
            failures.append(f"GET {url}: {response.status_code}")
        response = client.post(url, {})
        allowed = response.get("Allow", "")
        post_only_elsewhere = response.status_code == 405 and "POST" not in allowed
        if response.status_code != 404 and not post_only_elsewhere:
            failures.append(f"POST {url}: {response.status_code}")
    assert not failures, "\n".join(failures)


PERSONAL_WRITES = ("/engagements/calendar/revoke/",)


def _history_rows() -> int:
    """Every write to district data adds a history row: their count says whether one happened
    (all historical tables in one query; the fuzz tests ask it after every request)."""
    from django.db import connection

    from plpg.history import REGISTRY

    tables = [model.history.model._meta.db_table for model in REGISTRY]
    sql = " + ".join(f'(SELECT count(*) FROM "{table}")' for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql}")
        return cursor.fetchone()[0]


def _riverside_member(role, email):
    from plpg.models import Membership

    user = User.objects.create_user(email=email, password="x")
    Membership.objects.create(user=user, district=District.objects.get(slug=RIVERSIDE), role=role)
    return user


@pytest.mark.parametrize("role", ["viewer", "interviewer"])
def test_readers_get_refusals_and_change_nothing(client, demo, role):
    """A viewer, and a panelist on no panel, on every URL: no 5xx; every write endpoint
    (POST-only) refuses with 403/404 (or 400 for a malformed form), never "200 with no
    write"; and no row of district data changed."""
    client.force_login(_riverside_member(role, f"{role}-extra@demo.test"))
    urls = _urls(("object", "signin"))  # (it creates an invitation to fill the token route)
    before = _history_rows()
    failures = []
    for _route, url in urls:
        get = client.get(url)
        if get.status_code >= 500:
            failures.append(f"GET {url}: {get.status_code}")
        response = client.post(url, {})
        # Revoking one's own calendar link is personal, not district data: any member may.
        write_only = get.status_code == 405 and url not in PERSONAL_WRITES
        if response.status_code >= 500 or (
            write_only and response.status_code not in (400, 403, 404)
        ):
            failures.append(f"POST {url}: {response.status_code}")
    assert not failures, "\n".join(failures)
    assert _history_rows() == before


def test_manager_gets_no_server_error(client, demo):
    client.force_login(User.objects.get(email="manager@demo.test"))
    failures = []
    for _route, url in _urls(("object", "signin")):
        get = client.get(url)
        post = client.post(url, {})
        if get.status_code >= 500 or post.status_code >= 500:
            failures.append(f"{url}: GET {get.status_code}, POST {post.status_code}")
        elif get.status_code == 405 and post.status_code == 200:
            # A refused or invalid write is never a "200 with no write".
            failures.append(f"POST {url}: 200")
    assert not failures, "\n".join(failures)


def _refused_everywhere(client, urls):
    """GET and POST of each URL is a 404 (or a 405 from require_POST/GET before any lookup)."""
    failures = []
    for _route, url in urls:
        response = client.get(url)
        if response.status_code not in (404, 405):
            failures.append(f"GET {url}: {response.status_code}")
        response = client.post(url, {})
        post_only_elsewhere = response.status_code == 405 and "POST" not in response.get(
            "Allow", ""
        )
        if response.status_code != 404 and not post_only_elsewhere:
            failures.append(f"POST {url}: {response.status_code}")
    return failures


def test_partner_staff_get_404_on_every_district_url(client, demo):
    """provider@demo.test works for Riverside's partner and still sees no district data."""
    client.force_login(User.objects.get(email="provider@demo.test"))
    failures = _refused_everywhere(client, _urls("object"))
    failures += _refused_everywhere(client, _urls("curation"))
    assert not failures, "\n".join(failures)


def test_district_members_and_other_partners_get_404_on_portal_and_curation(client, demo):
    from partners import curation

    other_staff = User.objects.create_user("staff@other-partner.test", "x")
    curation.staff_add(partner=Partner.objects.get(slug="catalyst-math-coaching"), user=other_staff)
    for email in ("leader@demo.test", "other@demo.test", "manager@demo.test"):
        client.force_login(User.objects.get(email=email))
        failures = _refused_everywhere(client, _urls(("portal", "proposal", "curation")))
        assert not failures, f"{email}:\n" + "\n".join(failures)
    client.force_login(other_staff)
    failures = _refused_everywhere(client, _urls(("portal", "proposal", "curation", "workspace")))
    assert not failures, "another partner's staff:\n" + "\n".join(failures)
    client.force_login(User.objects.get(email="curator@demo.test"))
    failures = _refused_everywhere(client, _urls(("workspace", "proposal")))
    assert not failures, "curator:\n" + "\n".join(failures)


def test_portal_and_curation_pages_are_clean_for_their_users(client, demo):
    failures = []
    for email, kinds in (
        ("provider@demo.test", ("portal", "proposal", "signin", "workspace")),
        ("curator@demo.test", ("curation", "portal")),
    ):
        client.force_login(User.objects.get(email=email))
        for route, url in _urls(kinds):
            response = client.get(url)
            # The demo claim's evidence is a link (no file): its download is a 404.
            expected_404 = ROUTES[route][0] == "signin" or route.endswith("evidence.pdf")
            if response.status_code >= 500 or (response.status_code == 404 and not expected_404):
                failures.append(f"{email} GET {url}: {response.status_code}")
            _check_html(url, response, failures)
            response = client.post(url, BAD_POST)
            if response.status_code >= 500:
                failures.append(f"{email} POST {url}: {response.status_code}")
    assert not failures, "\n".join(failures)


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I)
STYLE_ATTR = re.compile(r"""\sstyle\s*=\s*["']""", re.I)
OUTSIDE_ASSET = re.compile(
    r"""<(?:link|script|img|source|iframe)\b[^>]*\b(?:src|href|srcset)\s*=\s*["']\s*(?:https?:)?//""",
    re.I,
)


def _check_html(url, response, failures):
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    html = response.content.decode()
    for pattern, what in (
        (INLINE_SCRIPT, "inline <script>"),
        (STYLE_ATTR, "style= attribute"),
        (OUTSIDE_ASSET, "asset from outside the app"),
    ):
        found = pattern.search(html)
        if found:
            snippet = html[max(0, found.start() - 60) : found.end() + 60].replace("\n", " ")
            failures.append(f"{url}: {what}: …{snippet}…")


def test_leader_gets_no_server_error_and_clean_html_on_every_get(client, demo):
    leader, _other = _users()
    failures = []
    for _route, url in _urls("public"):
        _check_html(url, client.get(url), failures)  # anonymous view of public pages
    client.force_login(leader)
    for _route, url in _urls():
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"GET {url}: {response.status_code}")
        _check_html(url, response, failures)
        # htmx fragments are pages too
        response = client.get(url, headers={"HX-Request": "true"})
        if response.status_code >= 500:
            failures.append(f"GET (htmx) {url}: {response.status_code}")
        _check_html(url + " (htmx)", response, failures)
    assert not failures, "\n".join(failures)


BAD_QUERIES = [
    "?page=abc",
    "?page=-1",
    "?page=0",
    f"?page={HUGE}",
    "?page=1e9",
    "?sort=%27;drop",
    "?phase=nope&cost=x&state=zz&content_area=%00",
    "?p=does-not-exist&p=",
    "?date=2026-13-45&month=99&year=abc&start=notadate",
    "?q=" + "x" * 5000,
]


def test_bad_query_strings_never_break_a_page(client, demo):
    leader, _other = _users()
    client.force_login(leader)
    failures = []
    for _route, url in _urls():
        for query in BAD_QUERIES:
            response = client.get(url + query)
            if response.status_code >= 500:
                failures.append(f"GET {url}{query}: {response.status_code}")
    assert not failures, "\n".join(failures)


def _with_bad_ids(route, kwargs):
    """The route's URL with each id or slug parameter in turn replaced by a bad value."""
    bad_values = {"int": (HUGE, MISSING), "slug": ("does-not-exist", "x" * 300)}
    for match in PARAM.finditer(route):
        for bad in bad_values.get(match.group("conv"), ()):
            yield _build(route, {**kwargs, match.group("name"): bad})


def test_huge_and_missing_ids_and_slugs_never_break(client, demo):
    leader, _other = _users()
    client.force_login(leader)
    ctx = _ctx()
    failures = []
    for route, (_kind, fill) in ROUTES.items():
        for url in _with_bad_ids(route, fill(ctx)):
            for method in ("get", "post"):
                response = getattr(client, method)(url, {})
                if response.status_code >= 500:
                    failures.append(f"{method.upper()} {url}: {response.status_code}")
    assert not failures, "\n".join(failures)


def test_deleted_objects_are_404(client, demo):
    leader, _other = _users()
    client.force_login(leader)
    ctx = _ctx()
    CheckIn.objects.filter(pk=ctx["checkin"]).delete()
    Goal.objects.filter(pk=ctx["goal"]).delete()
    PlanItem.objects.filter(pk=ctx["plan"]).delete()
    ActionItem.objects.filter(pk=ctx["action"]).delete()
    OnboardingItem.objects.filter(pk=ctx["onboarding"]).delete()
    ShortlistEntry.objects.filter(pk=ctx["entry"]).delete()
    NonNegotiable.objects.filter(pk=ctx["nn"]).delete()
    failures = []
    deleted = ("checkin", "goal", "plan", "action", "onboarding", "entry", "nn")
    # Which routes name a deleted object (other than by "pk"): fill them from a context
    # where the deleted ids are markers, so equal ids of other tables never count.
    probe = {**ctx, **{key: f"DELETED-{key}" for key in deleted}}
    for route, (_kind, fill) in ROUTES.items():
        marked = fill(probe)
        if not any(str(v).startswith("DELETED-") for n, v in marked.items() if n != "pk"):
            continue
        url = _build(route, fill(ctx))
        for method in ("get", "post"):
            response = getattr(client, method)(url, {})
            # 404, nothing else (405: the route refuses this method before any lookup).
            if response.status_code not in (404, 405):
                failures.append(f"{method.upper()} {url}: {response.status_code}")
    assert not failures, "\n".join(failures)


BAD_POST = {
    "date": "2026-13-45",
    "scheduled_at": "yesterday at noon",
    "start_date": "31/31/2026",
    "contract_start": "2026-02-30",
    "contract_end": "not a date",
    "due_date": "0000-00-00",
    "planned_date": "2026-1-99",
    "delivered_on": "💥",
    "baseline": "NaN",
    "target": "1e999",
    "value": "abc",
    "amount": "-1e50",
    "contract_amount": "99999999999999999999999999",
    "duration_minutes": HUGE,
    "version": HUGE,
    "score": "7",
    "position": "-" + HUGE,
    "partner": HUGE,
    "status": "nonsense",
    "kind": "nonsense",
    "title": "x" * 20000,
    "text": "y" * 20000,
    "notes": "z" * 20000,
}


def test_malformed_posts_are_never_a_server_error(client, demo):
    leader, _other = _users()
    client.force_login(leader)
    failures = []
    for route, url in _urls():
        if route in ("accounts/logout/",):
            continue
        response = client.post(url, BAD_POST)
        if response.status_code >= 500:
            failures.append(f"POST {url}: {response.status_code}")
        response = client.post(url, BAD_POST, headers={"HX-Request": "true"})
        if response.status_code >= 500:
            failures.append(f"POST (htmx) {url}: {response.status_code}")
    assert not failures, "\n".join(failures)


def test_partner_staff_and_curators_are_pointed_at_their_own_work(client, demo):
    """Outside any district, partner staff are sent to /portal/ and curators to /curation/
    — never told to ask a district lead — from every district page they can open."""
    failures = []
    for email, home in (("provider@demo.test", "/portal/"), ("curator@demo.test", "/curation/")):
        client.force_login(User.objects.get(email=email))
        for route, url in _urls("signin"):
            if route.startswith(("accounts/", "portal/", "staff/")):
                continue
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            html = response.content.decode()
            if "district lead" in html or f'href="{home}"' not in html:
                failures.append(f"{email} GET {url}")
    assert not failures, "\n".join(failures)
    client.force_login(User.objects.get(email="provider@demo.test"))
    for url in ("/selections/", "/engagements/"):
        assert "Go to the provider portal" in client.get(url).content.decode()

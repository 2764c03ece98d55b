"""Every list page reads the same number of queries for 1 row as for many ("1 row = N rows").

django-zeal (tests/settings.py) fails any request that loads a related row one at a time in
a loop; these tests also catch what zeal cannot see: a filter, count or exists() per row.

Each case below names a list page (a route of tests/security/test_url_inventory.py's ROUTES)
and returns who reads it, its address and a function that adds one row to it through the
factories or the services. ``test_list_page`` adds one row and counts the queries of a GET,
adds rows up to MANY (50; FEW, 20, where one row is several rows of several tables) and counts
again: the two counts must be equal. A case may start from two
rows where the second row turns on a part of the page (e.g. the overlap check of two
engagements), and a case may add fewer rows where a limit caps them (said beside it).

Covered elsewhere with the same kind of test: the directory (tests/partners/test_directory.py,
1 and 50 results), the curation queue, the curation partner list and the portal home
(tests/partners/test_curation_queries.py, 2 and 10 partners).
"""

import datetime as dt
import itertools
import re
from collections import Counter
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from engagements import services as engagement_services
from engagements.impact import feedback_services
from engagements.impact import services as impact
from engagements.models import PlanItem
from engagements.workspace import coordination, documents, issues, materials
from engagements.workspace.models import Document, Side
from engagements.workspace.services import share_add
from interviews import services as interview_services
from partners import curation
from plpg.history import with_reason
from plpg.trash import trash_move
from tests.factories import (
    ActionItemFactory,
    CheckInFactory,
    EngagementFactory,
    GoalFactory,
    MembershipFactory,
    PartnerFactory,
    PlanItemFactory,
    SelectionFactory,
    ShortlistEntryFactory,
    UserFactory,
    interview_for,
    playbook_guide,
)
from tests.security.test_url_inventory import ROUTES

pytestmark = pytest.mark.django_db

MANY = 50
FEW = 20  # where one row is several rows of several tables (the suite's time)
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = timezone.localdate()
_n = itertools.count(1)  # unique names across rows


def _pdf(name="file.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


# --- the cases: route → (who, url, add one row[, start, many]) --------------------------------


def _selections(w):
    def add():
        selection = SelectionFactory(district=w.district)
        ShortlistEntryFactory(selection=selection)
        interview_for(selection, panel=[w.lead, w.panelist])  # "my interviews" grows too

    return w.lead, reverse("interviews:selection_list"), add, 1, FEW


def _selection_page(w):
    selection = SelectionFactory(district=w.district)

    def add():
        entry = ShortlistEntryFactory(selection=selection)
        interview_for(selection, panel=[w.panelist, w.lead], partner=entry.partner)

    url = reverse("interviews:selection_detail", args=[selection.pk])
    return w.lead, url, add, 1, 40  # interviews.services.selections.INTERVIEWS_LIMIT


def _selection_history(w):
    selection = SelectionFactory(district=w.district)

    def add():
        entry = ShortlistEntryFactory(selection=selection)
        interview_for(selection, panel=[w.panelist], partner=entry.partner)
        with_reason(selection, f"Renamed {next(_n)}")
        selection.title = f"Selection {next(_n)}"
        selection.save()

    url = reverse("interviews:selection_history", args=[selection.pk])
    return w.lead, url, add, 1, FEW


def _interview_history(w):
    selection = SelectionFactory(district=w.district)
    interview = interview_for(selection, panel=[w.panelist, w.lead])

    def add():
        with_reason(interview, f"Moved {next(_n)}")
        interview.location = f"Room {next(_n)}"
        interview.save()

    return w.lead, reverse("interviews:history", args=[interview.pk]), add


def _guides(w):
    template = playbook_guide()  # reloaded if a transactional test flushed the templates

    def add():
        interview_services.guide_copy(
            guide=template, district=w.district, user=w.lead, name=f"Guide {next(_n)}"
        )

    return w.lead, reverse("interviews:guide_list"), add, 1, 10  # a copy is a whole guide


def _rfp(w):
    selection = SelectionFactory(district=w.district, created_by=w.lead)
    rfp = interview_services.rfp_create(
        selection=selection,
        user=w.lead,
        title="RFP",
        proposals_due=timezone.now() + dt.timedelta(days=10),
        questions_due=TODAY + dt.timedelta(days=5),
    )
    interview_services.rfp_invite(rfp=rfp, partners=[w.partner], user=w.lead)
    interview_services.rfp_publish(rfp=rfp, user=w.lead, to_all=False, notify=False)

    def add():
        partner = PartnerFactory()
        staff = UserFactory()
        curation.staff_add(partner=partner, user=staff)
        interview_services.rfp_invite(rfp=rfp, partners=[partner], user=w.lead)
        interview_services.question_ask(rfp=rfp, partner=partner, text="When?", user=staff)
        proposal = interview_services.proposal_for(rfp=rfp, partner=partner)
        proposal = interview_services.proposal_save(
            proposal_id=proposal.pk,
            answers={k: "Ours." for k in ("approach", "references", "facilitators", "evaluation")},
            cost=85000,
            version=proposal.version,
            user=staff,
        )
        proposal = interview_services.proposal_sequence_set(
            proposal=proposal, text="Timing\tParticipants\tName\tDescription\nAug\tAll\tA\tB\n",
            user=staff,
        )  # fmt: skip
        interview_services.proposal_attach(proposal=proposal, upload=_pdf(), user=staff)
        interview_services.proposal_submit(proposal=proposal, user=staff, notify=False)

    return w.lead, reverse("interviews:rfp", args=[selection.pk]), add, 1, 20


def _portal_rfps(w):
    def add():
        selection = SelectionFactory(district=w.district, created_by=w.lead)
        rfp = interview_services.rfp_create(
            selection=selection,
            user=w.lead,
            title=f"RFP {next(_n)}",
            proposals_due=timezone.now() + dt.timedelta(days=10),
            questions_due=TODAY + dt.timedelta(days=5),
        )
        interview_services.rfp_invite(rfp=rfp, partners=[w.partner], user=w.lead)
        interview_services.rfp_publish(rfp=rfp, user=w.lead, to_all=False, notify=False)
        interview_services.proposal_for(rfp=rfp, partner=w.partner)

    return w.staff, reverse("interviews:portal_rfps"), add, 1, 20


def _dashboard(w):
    def add():
        engagement = EngagementFactory(district=w.district, grade_bands=["k-2", "3-5"])
        PlanItemFactory(engagement=engagement)
        ActionItemFactory(engagement=engagement)
        GoalFactory(engagement=engagement)
        CheckInFactory(district=w.district, engagements=[engagement])

    # From two: the overlap check's joint-meeting query runs once two engagements overlap.
    return w.manager, reverse("engagements:dashboard"), add, 2, FEW


def _coherence(w):
    def add():
        engagement = EngagementFactory(district=w.district, grade_bands=["k-2"])
        CheckInFactory(district=w.district, engagements=[engagement], kind="joint")

    return w.manager, reverse("engagements:coherence"), add, 2, FEW  # as the dashboard


def _engagement_rows(w):
    ActionItemFactory(engagement=w.engagement)
    ActionItemFactory(engagement=w.engagement, for_partner=True)
    PlanItemFactory(engagement=w.engagement)
    CheckInFactory(district=w.district, engagements=[w.engagement])


def _engagement_page(w):
    url = reverse("engagements:detail", args=[w.engagement.pk])
    return w.manager, url, lambda: _engagement_rows(w), 1, 30


def _engagement_history(w):
    # From 8 rows (32 history lines) the latest 30 history lines are all of the kinds added
    # here; before, the engagement's own first lines (its terms, onboarding, sharing) are
    # among them, one query per kind of line — bounded, not per row.
    url = reverse("engagements:history", args=[w.engagement.pk])
    return w.manager, url, lambda: _engagement_rows(w), 8, 30


def _team(w):
    def add():
        MembershipFactory(district=w.district, role="viewer")

    return w.lead, reverse("team"), add


def _activity(w):
    def add():
        ActionItemFactory(engagement=w.engagement)
        GoalFactory(engagement=w.engagement)
        selection = SelectionFactory(district=w.district)
        interview_for(selection, panel=[w.panelist])

    return w.lead, reverse("history:activity"), add, 1, 20


def _object_history(w):
    def add():
        with_reason(w.engagement, f"Edited {next(_n)}")
        w.engagement.title = f"Engagement {next(_n)}"
        w.engagement.save()
        PlanItemFactory(engagement=w.engagement)

    url = reverse("history:object", args=["engagements.engagement", w.engagement.pk])
    return w.lead, url, add


def _trash(w):
    def add():
        trash_move(obj=PlanItemFactory(engagement=w.engagement), user=w.lead)
        trash_move(obj=EngagementFactory(district=w.district), user=w.lead)
        trash_move(obj=SelectionFactory(district=w.district), user=w.lead)

    return w.lead, reverse("trash:list"), add, 1, FEW


def _workspace_list(w):
    def add():
        engagement = EngagementFactory(district=w.district, partner=w.partner)
        share_add(engagement=engagement, staff_user=w.staff, user=w.manager)

    return w.staff, reverse("workspace:list"), add


def _workspace_page(w):
    rows = []

    def add():
        row = PlanItemFactory(engagement=w.engagement)
        rows.append(row)
        material = materials.material_create(
            engagement=w.engagement,
            user=w.staff,
            title=f"Deck {next(_n)}",
            upload=_pdf(),
            plan_item=row,
            needed_by=TODAY,
        )
        materials.version_review(
            material=material, user=w.manager, number=1, decision="changes", comment="More."
        )
        materials.version_add(material=material, user=w.staff, upload=_pdf())
        issue = issues.issue_raise(
            engagement=w.engagement,
            user=w.staff,
            side=Side.PARTNER,
            title=f"Issue {next(_n)}",
            seen="Seen.",
            where="Here",
            severity="high",
            owner="Morgan",
            due_date=TODAY,
        )
        issues.issue_comment(issue=issue, user=w.manager, side=Side.DISTRICT, text="On it.")

    return w.staff, reverse("workspace:page", args=[w.engagement.pk]), add, 1, FEW


def _documents(w):
    def add():
        documents.document_add(
            engagement=w.engagement,
            user=w.manager,
            side=Side.DISTRICT,
            kind=Document.Kind.CONTRACT,
            title=f"Contract {next(_n)}",
            date=TODAY,
            visibility=Document.Visibility.SHARED,
            upload=_pdf(),
        )
        documents.document_add(
            engagement=w.engagement,
            user=w.staff,
            side=Side.PARTNER,
            kind=Document.Kind.INVOICE,
            title=f"Invoice {next(_n)}",
            date=TODAY,
            visibility=Document.Visibility.SHARED,
            upload=_pdf(),
        )

    return w.manager, reverse("workspace:documents", args=[w.engagement.pk]), add


def _monthly_row(w):
    """A plan row with one dated session a month over the contract."""
    item = PlanItem(
        engagement=w.engagement, timing="Monthly", participants="Coaches", name=f"PLC {next(_n)}"
    )
    return engagement_services.plan_item_save(item=item, user=w.manager)


def _sessions(w):
    return (
        w.staff,
        reverse("workspace:sessions", args=[w.engagement.pk]) + "?all=1",
        lambda: _monthly_row(w),
        1,
        10,  # ten rows of a session a month each
    )


def _feedback(w):
    def add():
        for session in _monthly_row(w).sessions.all():
            feedback_services.feedback_link_create(
                session=session, user=w.manager, can_statement="I can plan.", today=TODAY
            )

    return w.manager, reverse("impact:feedback", args=[w.engagement.pk]), add, 1, 10


def _coordination_list(w):
    def add():
        other = EngagementFactory(district=w.district)
        coordination.space_open(
            district=w.district,
            user=w.manager,
            title=f"Space {next(_n)}",
            purpose="Align.",
            engagements=[w.engagement, other],
        )

    return w.manager, reverse("workspace:coordination_list"), add, 1, 50  # SPACES_LIMIT


def _coordination_space(w):
    space = coordination.space_open(
        district=w.district, user=w.manager, title="Space", purpose="Align.", engagements=[]
    )
    seat = coordination.SpaceSeat(space, "district", can_edit=True)

    def add():
        coordination.member_add(
            space=space, engagement=EngagementFactory(district=w.district), user=w.manager
        )
        coordination.post_add(seat=seat, user=w.manager, text=f"Post {next(_n)}")
        CheckInFactory(district=w.district, engagements=[w.engagement], kind="coherence")

    return w.manager, reverse("workspace:coordination", args=[space.pk]), add


def _invoices(w):
    def add():
        impact.invoice_add(
            engagement=w.engagement,
            user=w.manager,
            number=f"INV-{next(_n)}",
            date=TODAY,
            amount=Decimal("1000"),
            period_start=TODAY - dt.timedelta(days=30),
            period_end=TODAY,
            status="received",
        )

    return w.manager, reverse("impact:invoices", args=[w.engagement.pk]), add


def _outcomes(w):
    terms = impact.terms_set(engagement=w.engagement, base_amount=Decimal("100000"))

    def add():
        goal = GoalFactory(engagement=w.engagement)
        impact.contingent_add(
            terms=terms,
            goal=goal,
            amount=Decimal("1000"),
            rule="all-or-nothing",
            floor=None,
            measurement_date=TODAY + dt.timedelta(days=30),
        )
        impact.commitment_add(terms=terms, text=f"Release time {next(_n)}")

    # GOALS_LIMIT / CONTINGENTS_LIMIT: 25 a contract.
    return w.manager, reverse("impact:outcomes", args=[w.engagement.pk]), add, 1, 20


def _portfolio(w):
    def add():
        engagement = EngagementFactory(district=w.district, amount=Decimal("50000"))
        GoalFactory(engagement=engagement)
        impact.invoice_add(
            engagement=engagement,
            user=w.manager,
            number=f"INV-{next(_n)}",
            date=TODAY,
            amount=Decimal("1000"),
            period_start=TODAY - dt.timedelta(days=30),
            period_end=TODAY,
            status="paid",
        )

    return w.manager, reverse("impact:portfolio"), add


def _sharing(w):
    def add():
        user = UserFactory()
        curation.staff_add(partner=w.partner, user=user)
        share_add(engagement=w.engagement, staff_user=user, user=w.manager)

    return w.manager, reverse("workspace:sharing", args=[w.engagement.pk]), add


CASES = {
    "selections/": _selections,
    "selections/<int:pk>/": _selection_page,
    "selections/<int:pk>/history/": _selection_history,
    "interviews/<int:pk>/history/": _interview_history,
    "interviews/guides/": _guides,
    "selections/<int:pk>/rfp/": _rfp,
    "portal/rfps/": _portal_rfps,
    "engagements/": _dashboard,
    "engagements/coherence/": _coherence,
    "engagements/<int:pk>/": _engagement_page,
    "engagements/<int:pk>/history/": _engagement_history,
    "district/team/": _team,
    "district/activity/": _activity,
    "district/history/<str:label>/<int:pk>/": _object_history,
    "district/trash/": _trash,
    "workspace/": _workspace_list,
    "workspace/<int:pk>/": _workspace_page,
    "workspace/<int:pk>/documents/": _documents,
    "workspace/<int:pk>/sessions/": _sessions,
    "workspace/<int:pk>/feedback/": _feedback,
    "engagements/coordination/": _coordination_list,
    "coordination/<int:pk>/": _coordination_space,
    "engagements/<int:pk>/invoices/": _invoices,
    "engagements/<int:pk>/outcomes/": _outcomes,
    "engagements/portfolio/": _portfolio,
    "engagements/<int:pk>/sharing/": _sharing,
}


# --- the one test ------------------------------------------------------------------------------


@pytest.fixture
def world(district, lead, manager, panelist, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    engagement = EngagementFactory(district=district, amount=Decimal("100000"))
    staff = UserFactory(email="staff@partner.test")
    curation.staff_add(partner=engagement.partner, user=staff)
    share_add(engagement=engagement, staff_user=staff, user=manager)
    return SimpleNamespace(
        district=district,
        lead=lead,
        manager=manager,
        panelist=panelist,
        engagement=engagement,
        partner=engagement.partner,
        staff=staff,
    )


def _queries(client, url) -> list[str]:
    client.get(url)  # the session's first stamp and any first-request work
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return [query["sql"] for query in captured]


def same_queries_for_one_and_many(client, user, url, add, start=1, many=MANY):
    """Add ``start`` rows, count the page's queries; add rows up to ``many``, count again."""
    client.force_login(user)
    for _ in range(start):
        add()
    one = _queries(client, url)
    for _ in range(many - start):
        add()
    more = _queries(client, url)
    shapes_one, shapes_more = Counter(map(_shape, one)), Counter(map(_shape, more))
    assert len(more) == len(one), (
        f"{url}: {len(one)} queries with {start} row(s), {len(more)} with {many}.\n"
        f"More often with {many}: {dict(shapes_more - shapes_one)}\n"
        f"More often with {start}: {dict(shapes_one - shapes_more)}"
    )


def _shape(sql: str) -> str:
    """A query without its values, so the same query for another row compares equal."""
    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)[:300]


@pytest.mark.parametrize("route", list(CASES))
def test_list_page(client, world, route):
    same_queries_for_one_and_many(client, *CASES[route](world))


def test_cases_name_real_routes():
    stale = sorted(set(CASES) - set(ROUTES))
    assert not stale, f"list-page cases for routes that no longer exist: {stale}"

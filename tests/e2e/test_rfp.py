"""RFP journey in Chromium (issue 15): the lead drafts and publishes an RFP, the partner
answers it in its portal, a panelist scores the proposal against the guide's look-fors, and
the comparison shows the proposal score; axe on every new page at 1366 and 390 wide."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from interviews.models import RFP, Interview, LookFor, Proposal, Selection, ShortlistEntry
from partners.models import Partner
from tests.e2e.conftest import assert_accessible, assert_only_local_requests, login, screenshot

SEQUENCE = (
    "Timing\tParticipants\tName of PL and Format\tDescription\n"
    "August\tAll K-8 math teachers\tLaunch institute (in-person)\tTwo days on IM units.\n"
    "September - May\tMath coaches\tCoaching cycles (hybrid)\tMonthly cycles in each school."
)


def _both_widths(page, name):
    """axe and a screenshot at desktop (1366) and phone (390) width."""
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        assert_accessible(page)
        screenshot(page, f"rfp-{name}-{width}")
    page.set_viewport_size({"width": 1366, "height": 900})


def _fresh_selection():
    """A new Riverside selection with Northstar shortlisted (its own selection: blind
    scoring holds across a selection and the demo's panelists still owe scorecards there)."""
    demo = Selection.objects.get(title="K–8 math partner for the IM launch (demo)")
    selection = Selection.objects.create(
        district=demo.district,
        title="Math coaching RFP (e2e)",
        guide=demo.guide,
        needs="Coaching for K-8 math teachers in their first IM year.",
        content_area=demo.content_area,
        budget_band=demo.budget_band,
    )
    selection.phases.set(demo.phases.all())
    northstar = Partner.objects.get(slug="northstar-math-collaborative")
    ShortlistEntry.objects.create(selection=selection, partner=northstar)
    return selection


def test_lead_drafts_partner_submits_panelist_scores_comparison_shows_it(
    page, live_server, demo_data
):
    selection = _fresh_selection()
    rfp_url = f"/selections/{selection.pk}/rfp/"

    # 1. The lead drafts the RFP from the selection and publishes it to Northstar.
    login(page, "leader@demo.test")
    page.goto(f"/selections/{selection.pk}/")
    page.get_by_role("link", name="RFP", exact=True).click()
    due = timezone.localtime() + dt.timedelta(days=7)
    page.get_by_label("Proposals due (date and time)").fill(due.strftime("%Y-%m-%dT%H:%M"))
    _both_widths(page, "new")
    page.get_by_role("button", name="Draft the RFP").click()
    expect(page.get_by_text("RFP drafted from the selection")).to_be_visible()
    expect(page.get_by_role("heading", name="Evaluation criteria")).to_be_visible()
    budget = page.get_by_label("Text of “Budget”", exact=False)
    budget.fill("The district expects a total cost of up to $90,000.")
    page.get_by_role("button", name="Save Budget").click()
    expect(page.locator("#section-budget").get_by_text("Saved.")).to_be_visible()
    page.get_by_role("checkbox", name="Northstar Math Collaborative").check()
    page.get_by_role("button", name="Invite", exact=True).click()
    expect(page.get_by_text("1 partner(s) invited")).to_be_visible()
    page.get_by_role("button", name="Publish to the invited partners").click()
    expect(page.get_by_text("Published to 1 partner(s)")).to_be_visible()
    _both_widths(page, "lead")
    rfp = RFP.objects.get(selection=selection)
    assert rfp.sections.get(key="budget").version == 2

    # 2. The partner answers it in the portal.
    page.context.clear_cookies()
    login(page, "provider@demo.test")
    page.goto("/portal/")
    page.get_by_role("link", name=rfp.title).click()
    expect(page.get_by_text("Up to $90,000", exact=False)).to_be_visible()
    _both_widths(page, "portal")
    page.get_by_role("button", name="Start your proposal").click()
    for label in (
        "Proposed services and approach",
        "References from districts like ours",
        "Facilitator qualifications",
        "Evaluation approach",
    ):
        page.get_by_label(label).fill(f"{label}: our answer, with examples.")
    page.get_by_label("Total cost (US$)").fill("88000")
    page.get_by_role("button", name="Save the answers").click()
    expect(page.get_by_text("Proposal saved.")).to_be_visible()
    page.get_by_label("Paste the table", exact=False).fill(SEQUENCE)
    page.get_by_role("button", name="Read the scope and sequence").click()
    expect(page.get_by_text("Scope and sequence read: 2 rows.")).to_be_visible()
    _both_widths(page, "proposal")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit the proposal").click()
    expect(page.get_by_text("Proposal submitted.")).to_be_visible()
    proposal = Proposal.objects.get(rfp=rfp)
    assert proposal.is_submitted and proposal.cost == 88000

    # 3. The lead sets the panel; Pat scores the proposal against the look-fors.
    page.context.clear_cookies()
    login(page, "leader@demo.test")
    page.goto(rfp_url)
    page.get_by_role("checkbox", name="Pat Panelist").check()
    page.get_by_role("button", name="Start scoring Northstar Math Collaborative").click()
    expect(
        page.get_by_role("heading", name="Proposal review: Northstar Math Collaborative")
    ).to_be_visible()
    review = Interview.objects.get(proposal=proposal)

    page.context.clear_cookies()
    login(page, "panelist@demo.test")
    page.goto(f"/interviews/{review.pk}/score/")
    page.get_by_label("No, I have no conflict of interest").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("[data-scoring]")
    expect(page.get_by_role("link", name="Read the written proposal")).to_be_visible()
    look_fors = LookFor.objects.filter(block__section__in=review.sections.all())
    for look_for in look_fors:
        page.locator(f'label[for="lf-{look_for.pk}-3"]').click()
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=30_000)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit scorecard").click()
    page.wait_for_selector("#panel-results")

    # 4. The comparison shows the proposal's score next to the (empty) interview row.
    page.goto(f"/selections/{selection.pk}/")
    matrix = page.locator("table.matrix")
    row = matrix.locator("tr.matrix-proposal")
    expect(row).to_contain_text("Northstar Math Collaborative")
    expect(row).to_contain_text("Proposal")
    expect(row.locator("td.fw-semibold")).to_have_text("3.00")
    _both_widths(page, "comparison")
    assert_only_local_requests(page, live_server)

"""The year's story across the three apps, clicked as real users would click it."""

import re

from playwright.sync_api import expect

from engagements.models import Engagement
from interviews.models import Interview, LookFor, Selection
from tests.e2e.conftest import assert_accessible, assert_only_local_requests, login, screenshot

TITLE = "Grades 3–5 math coaching (journey)"


def _step(page, name):
    """Every page of the journey passes axe and is photographed."""
    assert_accessible(page)
    screenshot(page, f"journey-{name}")


def _logout(page):
    page.context.clear_cookies()


def test_the_years_story(page, live_server, demo_data):
    # 1. The leader takes the needs diagnostic and follows it into the directory.
    login(page, "leader@demo.test")
    page.goto("/diagnostic/")
    _step(page, "01-diagnostic")
    page.get_by_label(
        "Our materials are in use and we want to strengthen how they are used"
    ).check()
    page.get_by_label("Both teachers and leaders").check()
    page.get_by_label("Content area").select_option("math")
    page.get_by_role("button", name="Recommend phases").click()
    _step(page, "02-diagnostic-result")
    page.get_by_role("link", name=re.compile("See .* matching partner")).click()
    page.wait_for_url(re.compile(r"/partners/\?.*content_area=math"))
    _step(page, "03-directory")

    # 2. Filters, then opens a profile.
    page.locator("#f-grade_band-3-5").check()
    page.wait_for_url(re.compile(r"grade_band=3-5"))
    expect(page.locator("#results.htmx-request")).to_have_count(0)
    _step(page, "04-directory-filtered")
    page.locator("ol[aria-label=Partners] > li h2 a", has_text="Catalyst Math Coaching").click()
    page.wait_for_url("**/partners/catalyst-math-coaching/")
    _step(page, "05-profile")

    # 3. Adds the partner to a NEW selection's shortlist.
    page.get_by_label(re.compile("new selection titled")).fill(TITLE)
    page.get_by_role("button", name="Add to shortlist").click()
    expect(page.get_by_text(f"is on the shortlist of “{TITLE}”")).to_be_visible()
    _step(page, "06-shortlisted")
    selection = Selection.objects.get(title=TITLE)
    # Nothing typed twice: the diagnostic's answers are the new selection's needs.
    assert selection.content_area.slug == "math"
    assert set(selection.phases.values_list("slug", flat=True)) == {
        "ongoing-teachers",
        "ongoing-leaders",
    }
    assert "strengthen how they are used" in selection.needs

    # 4. Schedules an interview with panelist@ on the panel.
    page.goto("/selections/")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**/selections/{selection.pk}/")
    _step(page, "07-selection")
    page.get_by_role("link", name="Schedule an interview with Catalyst Math Coaching").click()
    page.wait_for_url(re.compile(rf"/selections/{selection.pk}/interviews/new/"))
    page.get_by_label("Date and time").fill("2026-12-01T10:00")
    page.get_by_label("Pat Panelist", exact=False).check()
    _step(page, "08-interview-form")
    page.get_by_role("button", name=re.compile("Schedule|Save|Create")).click()
    page.wait_for_url(re.compile(r"/interviews/\d+/"))
    interview = Interview.objects.get(selection=selection)
    _step(page, "09-interview")
    _logout(page)

    # 5. The panelist declares no conflict, rates a few look-fors, submits.
    login(page, "panelist@demo.test")
    page.goto(f"/interviews/{interview.pk}/score/")
    _step(page, "10-declare")
    page.get_by_label("No, I have no conflict of interest").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("[data-scoring]")
    look_fors = list(
        LookFor.objects.filter(block__section__in=interview.sections.all()).order_by(
            "block__section__position", "block__position", "position"
        )[:3]
    )
    assert look_fors
    for look_for, score in zip(look_fors, (4, 3, 3)[: len(look_fors)], strict=True):
        page.locator(f"label[for='lf-{look_for.pk}-{score}']").click()
    page.locator("label[for='rec-yes']").click()
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=20_000)
    _step(page, "11-scoring")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit scorecard").click()
    page.wait_for_selector("#panel-results")
    _step(page, "12-submitted")
    _logout(page)

    # 6. The leader records the decision and starts the engagement.
    login(page, "leader@demo.test")
    page.goto(f"/selections/{selection.pk}/")
    page.get_by_role("link", name="Decide").click()
    page.wait_for_url(f"**/selections/{selection.pk}/decide/")
    page.get_by_label("Chosen partner").select_option(label="Catalyst Math Coaching")
    for textarea in page.locator("textarea[name^=answer_]").all():
        textarea.fill("Yes: fits our vision and capacity.")
    _step(page, "13-decision-form")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url(re.compile(rf"/selections/{selection.pk}/"))
    _step(page, "14-decided")
    if "/engagements/start/" not in page.url:
        page.get_by_role("link", name=re.compile("Start the engagement")).click()
    page.wait_for_url(f"**/engagements/start/{selection.pk}/")
    _step(page, "15-engagement-form")
    # ...and the decision's content is the engagement form's: nothing to type again.
    assert "Catalyst Math Coaching leads" in page.get_by_label("Role statement").input_value()
    page.get_by_role("button", name=re.compile("Start|Create|Save")).first.click()
    page.wait_for_url(re.compile(r"/engagements/\d+/"))
    engagement = Engagement.objects.get(selection=selection)
    assert list(engagement.content_areas.values_list("slug", flat=True)) == ["math"]
    assert "school-leaders" in engagement.audiences and "teachers" in engagement.audiences
    _step(page, "16-engagement")
    page.goto(f"/selections/{selection.pk}/")
    expect(page.get_by_role("link", name="Go to the engagement")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Start the engagement"))).to_have_count(0)
    _logout(page)

    # 7. The manager sees it on the dashboard and logs a kick-off check-in.
    login(page, "manager@demo.test")
    page.goto("/engagements/")
    expect(
        page.get_by_role("link", name=re.compile("Catalyst Math Coaching")).first
    ).to_be_visible()
    _step(page, "17-dashboard")
    page.goto(f"/engagements/{engagement.pk}/check-ins/new/")
    page.get_by_label("Kind").select_option("kick-off")
    page.get_by_label("Attendees").fill("Morgan Manager, Catalyst lead coach")
    page.get_by_label("Progress").fill("Kick-off held; roles and calendar agreed.")
    _step(page, "18-checkin-form")
    page.get_by_role("button", name="Save the check-in").click()
    page.wait_for_url(f"**/engagements/{engagement.pk}/#checkins")
    _step(page, "19-engagement-after-kickoff")
    assert engagement.checkins.filter(kind__icontains="kick").exists()
    assert_only_local_requests(page, live_server)

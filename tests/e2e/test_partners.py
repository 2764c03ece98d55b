"""Browser journey through the directory: filter, profile, compare, shortlist; axe on each."""

import re

from playwright.sync_api import expect

from interviews.models import ShortlistEntry
from partners.models import Partner
from tests.e2e.conftest import assert_accessible, assert_only_local_requests, login, screenshot


def expected_slugs(**filters):
    queryset = Partner.objects.published()
    for field, slug in filters.items():
        queryset = queryset.filter(**{f"{field}__slug": slug})
    return set(queryset.values_list("slug", flat=True))


def facet(page, param, value):
    """A facet checkbox (its accessible name is the label and the count)."""
    return page.locator(f"#f-{param}-{value}")


def result_count(page) -> int:
    return int(page.locator("#result-count strong").inner_text())


def test_leader_filters_opens_compares_and_shortlists(page, live_server, demo_data):
    login(page, "leader@demo.test")
    page.goto("/partners/")
    assert page.get_by_role("heading", name="Partner directory").is_visible()
    assert result_count(page) >= 40
    assert_accessible(page)
    screenshot(page, "partners-directory")

    # Filters update the results in place (htmx) and the URL follows.
    facet(page, "phase", "adoption").check()
    page.wait_for_url(re.compile(r"phase=adoption"))
    facet(page, "content_area", "math").check()
    page.wait_for_url(re.compile(r"content_area=math"))
    facet(page, "cost", "50k-100k").check()
    page.wait_for_url(re.compile(r"cost=50k-100k"))
    expected = expected_slugs(phases="adoption", content_areas="math", cost_bands="50k-100k")
    expect(page.locator("#result-count strong")).to_have_text(str(len(expected)))
    expect(page.locator("#results.htmx-request")).to_have_count(0)
    assert result_count(page) == len(expected) >= 2
    cards = page.locator("ol[aria-label=Partners] > li h2 a")
    assert {
        href.split("/")[-2] for href in cards.evaluate_all("els => els.map(e => e.href)")
    } == expected
    assert facet(page, "phase", "adoption").is_checked()
    assert_accessible(page)
    screenshot(page, "partners-directory-filtered")

    # The filtered URL is bookmarkable: a fresh load shows the same results.
    page.reload()
    assert result_count(page) == len(expected)

    # Open a profile.
    page.get_by_role("link", name="Bright Path Learning").click()
    page.wait_for_url("**/partners/bright-path-learning/")
    assert page.get_by_role("heading", name=re.compile("Bright Path Learning")).is_visible()
    assert page.locator("table.table-sequence tbody tr").count() >= 3
    assert_accessible(page)
    page.go_back()

    # Compare two partners.
    page.get_by_label("Compare Bright Path Learning").check()
    page.get_by_label("Compare Cascade Adoption Advisors").check()
    page.get_by_role("button", name="Compare selected").click()
    page.wait_for_url(re.compile(r"/partners/compare/\?p="))
    assert page.get_by_role("link", name="Cascade Adoption Advisors").is_visible()
    assert page.locator("tr.compare-differs").count() >= 1
    assert_accessible(page)
    screenshot(page, "partners-compare")

    # Shortlist one: Riverside's math selection is decided, so start a new one.
    page.get_by_role("link", name="Cascade Adoption Advisors").click()
    page.get_by_label(re.compile("new selection titled")).fill("Science partner 2027 (e2e)")
    page.get_by_role("button", name="Add to shortlist").click()
    assert page.get_by_text("is on the shortlist of “Science partner 2027 (e2e)”").is_visible()
    assert ShortlistEntry.objects.filter(
        selection__title="Science partner 2027 (e2e)",
        partner__slug="cascade-adoption-advisors",
        selection__district__slug="riverside-unified-demo",
    ).exists()
    assert_accessible(page)
    screenshot(page, "partners-profile-shortlisted")
    assert_only_local_requests(page, live_server)


def test_seed_tables_on_profiles_and_axe(page, live_server, demo_data):
    page.goto("/partners/catalyst-math-coaching/")
    rows = page.locator("table.table-sequence tbody tr")
    assert rows.count() == 12
    assert rows.nth(3).locator("td").first.inner_text() == "August - September"
    assert_accessible(page)
    screenshot(page, "partners-profile-catalyst")
    page.goto("/partners/northstar-math-collaborative/")
    assert page.get_by_text("Instructional Rounds").first.is_visible()
    assert_accessible(page)


def test_directory_without_javascript_and_bad_input(browser, live_server, demo_data):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/partners/?cost=bogus&page=99999&state=ZZ")
    assert page.get_by_text("“bogus” is not a known value").is_visible()
    facet(page, "phase", "launch").check()
    page.get_by_role("button", name="Apply filters").click()
    assert "phase=launch" in page.url
    assert result_count(page) == len(expected_slugs(phases="launch"))

    # Without JavaScript the profile links to the shortlist picker's own page.
    login(page, "leader@demo.test")
    page.goto("/partners/prairie-reading-institute/")
    page.get_by_role(
        "link", name="Add Prairie Reading Institute to a selection's shortlist"
    ).click()
    assert page.get_by_role(
        "heading", name="Add Prairie Reading Institute to a shortlist"
    ).is_visible()
    page.get_by_label(re.compile("new selection titled")).fill("No-JS search (e2e)")
    page.get_by_role("button", name="Add to shortlist").click()
    page.wait_for_url("**/partners/prairie-reading-institute/#shortlist")
    assert page.get_by_text("is on the shortlist of “No-JS search (e2e)”").is_visible()
    context.close()


def test_diagnostic_opens_the_directory(page, live_server, demo_data):
    page.goto("/diagnostic/")
    assert_accessible(page)
    page.get_by_label(
        "Our materials are in use and we want to strengthen how they are used"
    ).check()
    page.get_by_label("Both teachers and leaders").check()
    page.get_by_label("Content area").select_option("ela")
    page.get_by_role("button", name="Recommend phases").click()
    assert page.get_by_text("Ongoing support for leaders").first.is_visible()
    assert_accessible(page)
    screenshot(page, "partners-diagnostic")
    page.get_by_role("link", name=re.compile("See .* matching partner")).click()
    assert "phase=ongoing-teachers" in page.url and "content_area=ela" in page.url

"""A panelist declares no conflict, scores a whole interview by keyboard, reloads, submits."""

from playwright.sync_api import expect

from interviews import services
from interviews.models import Interview, LookFor, Scorecard, Selection
from partners.models import Partner
from plpg.models import User
from tests.e2e.conftest import assert_accessible, assert_only_local_requests, login, screenshot
from tests.factories import interview_for


def _fresh_interview():
    """A new Riverside selection's interview; Quinn (panelist2) has scored and submitted.

    Its own selection: blind scoring holds across a selection, and Pat still owes the demo
    selection's other scorecards.
    """
    demo = Selection.objects.get(title="K–8 math partner for the IM launch (demo)")
    selection = Selection.objects.create(
        district=demo.district, title="Coaching partner (e2e)", guide=demo.guide
    )
    selection.phases.set(demo.phases.all())
    pat = User.objects.get(email="panelist@demo.test")
    quinn = User.objects.get(email="panelist2@demo.test")
    interview = interview_for(
        selection, panel=[pat, quinn], partner=Partner.objects.get(slug="bright-path-learning")
    )
    card = Scorecard.objects.get(interview=interview, panelist=quinn)
    services.scorecard_declare(scorecard=card, has_conflict=False, note="", user=quinn)
    for look_for in _look_fors(interview):
        services.rating_save(
            scorecard_id=card.pk,
            look_for=look_for,
            score=2,
            not_addressed=False,
            note="QUINN-EVIDENCE",
            version=0,
            user=quinn,
        )
    services.scorecard_submit(scorecard=card, user=quinn)
    return interview


def _look_fors(interview):
    return list(
        LookFor.objects.filter(block__section__in=interview.sections.all()).order_by(
            "block__section__position", "block__position", "position"
        )
    )


def test_panelist_scores_a_whole_interview_with_the_keyboard(page, live_server, demo_data):
    interview = _fresh_interview()
    look_fors = _look_fors(interview)
    login(page, "panelist@demo.test")
    page.goto(f"/interviews/{interview.pk}/score/")

    # The declaration comes first.
    assert page.get_by_role("heading", name="Before you score: conflict of interest").is_visible()
    assert_accessible(page)
    page.get_by_label("No, I have no conflict of interest").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # the note
    page.keyboard.press("Tab")  # Continue
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-scoring]")

    # Blind: Quinn's ratings are not on the page before Pat submits.
    assert "QUINN-EVIDENCE" not in page.content()

    # Keyboard only: into the first rating group, then Tab from group to note to next group.
    page.locator(f"#lf-{look_fors[0].pk}-1").focus()
    wanted = {}
    for index, look_for in enumerate(look_fors):
        score = index % 4 + 1
        page.keyboard.press("Space")  # selects 1
        for _ in range(score - 1):
            page.keyboard.press("ArrowRight")
        wanted[look_for.pk] = score
        page.keyboard.press("Tab")
        page.keyboard.type(f"evidence {index}")
        page.keyboard.press("Tab")
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=20_000)
    page.set_viewport_size({"width": 820, "height": 1180})  # tablet
    screenshot(page, "interviews-scoring-tablet")
    assert_accessible(page)

    # A reload loses nothing.
    page.reload()
    for index, look_for in enumerate(look_fors):
        assert page.locator(f"#lf-{look_for.pk}-{wanted[look_for.pk]}").is_checked()
        assert page.locator(f"#lf-{look_for.pk}-note").input_value() == f"evidence {index}"

    # Recommendation by keyboard, then submit (the confirmation is accepted).
    page.locator("#rec-yes").focus()
    page.keyboard.press("Space")
    expect(page.locator("#save-summary")).to_have_text("All changes saved")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit scorecard").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel-results")

    # Now the panel's ratings are shown.
    assert page.locator(".panel-ratings").count() == len(look_fors)
    assert "Quinn Panelist: 2" in page.locator(".panel-ratings").first.inner_text()
    screenshot(page, "interviews-scoring-submitted")
    assert_accessible(page)
    assert Scorecard.objects.get(
        interview=interview, panelist__email="panelist@demo.test"
    ).is_submitted

    page.goto(f"/interviews/{interview.pk}/")
    assert page.get_by_role("heading", name="Results").is_visible()
    assert_accessible(page)
    assert_only_local_requests(page, live_server)


def test_results_and_selection_pages_are_accessible(page, live_server, demo_data):
    login(page, "leader@demo.test")
    northstar = Interview.objects.get(partner__slug="northstar-math-collaborative")
    page.goto(f"/interviews/{northstar.pk}/")
    assert page.get_by_text("Overall weighted score").is_visible()
    screenshot(page, "interviews-results")
    assert_accessible(page)
    page.goto(f"/selections/{northstar.selection_id}/")
    assert page.locator("svg.chart-svg").is_visible()
    screenshot(page, "interviews-selection")
    assert_accessible(page)
    page.goto("/selections/")
    assert_accessible(page)
    assert_only_local_requests(page, live_server)


def test_a_stale_tab_shows_a_conflict_instead_of_overwriting(page, live_server, demo_data):
    interview = _fresh_interview()  # the demo's Catalyst card was withdrawn by the decision
    Scorecard.objects.filter(interview=interview, panelist__email="panelist@demo.test").update(
        conflict=Scorecard.Conflict.NONE
    )
    look_for = _look_fors(interview)[-1]
    login(page, "panelist@demo.test")
    page.goto(f"/interviews/{interview.pk}/score/")
    stale = page.context.new_page()
    stale.goto(f"{live_server.url}/interviews/{interview.pk}/score/")
    page.locator(f"label[for='lf-{look_for.pk}-3']").click()
    expect(page.locator("#save-summary")).to_have_text("All changes saved")
    stale.locator(f"label[for='lf-{look_for.pk}-1']").click()
    state = stale.locator(f"#lf-{look_for.pk} [data-save-state]")
    expect(state).to_contain_text("changed elsewhere")
    expect(stale.locator("#save-summary")).to_contain_text("not saved")
    screenshot(stale, "interviews-scoring-conflict")
    page.reload()
    assert page.locator(f"#lf-{look_for.pk}-3").is_checked()


def test_autosave_keeps_order_and_survives_a_slow_or_lost_connection(page, live_server, demo_data):
    interview = _fresh_interview()
    Scorecard.objects.filter(interview=interview, panelist__email="panelist@demo.test").update(
        conflict=Scorecard.Conflict.NONE
    )
    first, second = _look_fors(interview)[:2]
    card = Scorecard.objects.get(interview=interview, panelist__email="panelist@demo.test")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    login(page, "panelist@demo.test")
    page.goto(f"/interviews/{interview.pk}/score/")
    state = page.locator(f"#lf-{first.pk} [data-save-state]")
    summary = page.locator("#save-summary")

    # A slow save: the first one is held on the way; the changes made meanwhile wait for it,
    # and only the latest goes next, with the version the first save returned.
    rate_url = f"/interviews/{interview.pk}/score/rate/{first.pk}/"
    held = []

    def hold_the_first(route):
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route(f"**{rate_url}", hold_the_first)
    page.locator(f"label[for='lf-{first.pk}-1']").click()
    expect(state).to_have_text("Saving…")
    for value in (2, 3, 4):
        page.locator(f"label[for='lf-{first.pk}-{value}']").click()
    page.locator(f"#lf-{first.pk}-note").fill("the last word")
    page.keyboard.press("Tab")  # leaving the note saves it too
    page.wait_for_timeout(1_000)  # longer than any autosave delay
    assert sum(url.endswith(rate_url) for url in page.requests_seen) == 1
    expect(summary).to_have_text("Saving…")
    held[0].continue_()
    expect(summary).to_have_text("All changes saved")
    expect(state).to_contain_text("Saved")
    assert sum(url.endswith(rate_url) for url in page.requests_seen) == 2
    assert page.locator(f"#lf-{first.pk}-4").is_checked()
    rating = card.ratings.get(look_for=first)
    assert (rating.score, rating.note, rating.version) == (4, "the last word", 2)
    page.unroute(f"**{rate_url}")

    # Offline: the save fails visibly, submitting is refused, and it retries by itself.
    page.context.set_offline(True)
    page.locator(f"label[for='lf-{second.pk}-3']").click()
    second_state = page.locator(f"#lf-{second.pk} [data-save-state]")
    expect(second_state).to_have_text("Not saved: no connection. Retrying…")
    expect(summary).to_have_text("1 change not saved — see the message next to it")
    screenshot(page, "interviews-scoring-offline")
    page.get_by_role("button", name="Submit scorecard").click()
    assert dialogs == [
        "Some changes are not saved. Fix them (or reload the page) before submitting."
    ]
    page.context.set_offline(False)
    expect(second_state).to_contain_text("Saved", timeout=15_000)
    expect(summary).to_have_text("All changes saved")
    assert card.ratings.get(look_for=second).score == 3

    # A server error (no save state in the answer) says so, with its status.
    page.route(f"**/score/rate/{second.pk}/", lambda route: route.fulfill(status=500, body="boom"))
    page.locator(f"label[for='lf-{second.pk}-2']").click()
    expect(second_state).to_have_text("Not saved (error 500). Reload the page and try again.")
    expect(summary).to_have_text("1 change not saved — see the message next to it")
    assert card.ratings.get(look_for=second).score == 3
    assert not Scorecard.objects.get(pk=card.pk).is_submitted

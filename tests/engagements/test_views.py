import pytest
from django.urls import reverse
from django.utils import timezone

from engagements.models import (
    ActionItem,
    CheckIn,
    Engagement,
    GoalUpdate,
    OnboardingItem,
)
from tests.engagements.conftest import days
from tests.factories import (
    ActionItemFactory,
    EngagementFactory,
    PlanItemFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_dashboard_lists_alerts_and_engagements(
    client, manager, engagement, django_assert_max_num_queries
):
    for _ in range(5):
        EngagementFactory(district=engagement.district, grade_bands=["k-2"])
    client.force_login(manager)
    # + 2: the shared workspace's materials awaiting review and open field issues; + 2: the
    # engagements' latest meetings (one grouped query) and the session is saved (the idle
    # timeout's last-seen stamp) — constant in the engagements.
    with django_assert_max_num_queries(20):
        response = client.get(reverse("engagements:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Check-in overdue" in html
    assert engagement.partner.name in html
    assert "Our north star" in html


def test_dashboard_queries_do_not_grow_with_engagements(
    client, manager, district, django_assert_max_num_queries
):
    for _ in range(25):
        e = EngagementFactory(district=district, grade_bands=["k-2", "3-5"])
        PlanItemFactory(engagement=e)
        ActionItemFactory(engagement=e, due_date=days(-2))
    client.force_login(manager)
    # + 2: the shared workspace's materials awaiting review and open field issues; + 2: the
    # engagements' latest meetings (one grouped query) and the session is saved (the idle
    # timeout's last-seen stamp) — constant in the engagements.
    with django_assert_max_num_queries(20):
        assert client.get(reverse("engagements:dashboard")).status_code == 200


def test_dashboard_status_filter_and_bad_values(client, manager, engagement):
    EngagementFactory(
        district=engagement.district, status=Engagement.Status.CLOSED, title="Old one"
    )
    client.force_login(manager)
    assert "Old one" not in client.get(reverse("engagements:dashboard")).content.decode()
    assert (
        "Old one" in client.get(reverse("engagements:dashboard") + "?status=all").content.decode()
    )
    assert (
        client.get(reverse("engagements:dashboard") + "?status=%00zzz").status_code == 400
    )  # NUL: refused


def test_dashboard_without_district_or_as_interviewer_is_friendly(client, panelist):
    client.force_login(UserFactory(email="nobody@home.test"))
    response = client.get(reverse("engagements:dashboard"))
    assert response.status_code == 200 and b"not a member of a district" in response.content
    client.force_login(panelist)
    response = client.get(reverse("engagements:dashboard"))
    assert response.status_code == 403 and b"selections and interviews" in response.content


def test_detail_shows_everything(client, viewer, engagement, django_assert_max_num_queries):
    client.force_login(viewer)
    # 26 for the page (its history panel loads afterwards: engagements:history);
    # + 4: the shared workspace's materials, field issues, amendments, the plan rows' materials;
    # + 1: the plan rows' sessions;
    # + 4: evidence of impact (invoice sums, outcome terms, feedback links with their counts,
    # the year-end review), each one query whatever the number of rows.
    with django_assert_max_num_queries(45):
        response = client.get(reverse("engagements:detail", args=[engagement.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Our north star",
        "Lesson structure",
        "Launch institute",
        "Kick-off checklist",
        "Check-in overdue",
    ):
        assert text in html
    assert "Log a check-in" not in html  # viewers read only


def test_history_panel_loads_after_the_page_and_stays_in_the_district(
    client, manager, viewer, outsider, engagement, django_assert_max_num_queries
):
    client.force_login(manager)
    page = client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()
    url = reverse("engagements:history", args=[engagement.pk])
    assert f'data-hx-get="{url}"' in page and f'href="{url}"' in page  # htmx, or a link
    engagement.title = "Renamed for the history"
    engagement.save()  # a change on record (simple-history)
    client.force_login(viewer)
    with django_assert_max_num_queries(20):
        fragment = client.get(url, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert "Renamed for the history" in html and "<html" not in html  # a fragment
    full = client.get(url)  # without JavaScript: a page of its own
    assert full.status_code == 200 and b"<html" in full.content
    assert b"Renamed for the history" in full.content
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_logging_a_checkin_with_goal_update_and_action_items(client, manager, engagement, today):
    goal = engagement.goals.get()
    client.force_login(manager)
    url = reverse("engagements:checkin_create", args=[engagement.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "kind": "regular",
            "date": today.isoformat(),
            "duration_minutes": "45",
            "attendees": "Morgan, partner lead",
            "progress": "Good progress",
            "challenges": "",
            "next_steps": "Keep going",
            f"goal-{goal.pk}-value": "44.5",
            f"goal-{goal.pk}-note": "Walkthroughs",
            "actions-TOTAL_FORMS": "2",
            "actions-INITIAL_FORMS": "0",
            "actions-0-description": "Share the calendar",
            "actions-0-owner": "Morgan",
            "actions-0-due_date": days(7).isoformat(),
            "actions-1-description": "",
            "actions-1-owner": "",
            "actions-1-due_date": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    checkin = CheckIn.objects.get(date=today)
    assert list(checkin.engagements.all()) == [engagement]
    assert GoalUpdate.objects.get(goal=goal).value == 44.5
    assert ActionItem.objects.get(checkin=checkin).description == "Share the calendar"
    assert checkin.history.get().history_user == manager  # history of the new check-in
    dashboard = client.get(reverse("engagements:dashboard")).content.decode()
    assert "Check-in overdue" not in dashboard


def test_checkin_form_rejects_bad_input_without_saving(client, manager, engagement):
    client.force_login(manager)
    response = client.post(
        reverse("engagements:checkin_create", args=[engagement.pk]),
        {
            "kind": "joint",
            "date": "2026-02-30",
            "duration_minutes": "45",
            "progress": "x" * 20_000,
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "0",
            "actions-0-description": "Half filled",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid date" in html
    assert "at most 10000 characters" in html
    assert "Needed for a new action item" in html
    assert "A joint check-in covers at least one other partner" in html
    assert CheckIn.objects.filter(kind="joint").count() == 0


def test_joint_checkin_covers_both_engagements(client, manager, engagement, today):
    other = EngagementFactory(district=engagement.district)
    client.force_login(manager)
    response = client.post(
        reverse("engagements:checkin_create", args=[engagement.pk]),
        {
            "kind": "joint",
            "date": today.isoformat(),
            "duration_minutes": "60",
            "also": [other.pk],
            "actions-TOTAL_FORMS": "0",
            "actions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    checkin = CheckIn.objects.get(kind="joint")
    assert set(checkin.engagements.all()) == {engagement, other}


def test_joint_checkin_cannot_include_another_districts_engagement(
    client, manager, engagement, other_district, today
):
    foreign = EngagementFactory(district=other_district)
    client.force_login(manager)
    response = client.post(
        reverse("engagements:checkin_create", args=[engagement.pk]),
        {
            "kind": "joint",
            "date": today.isoformat(),
            "duration_minutes": "60",
            "also": [foreign.pk],
            "actions-TOTAL_FORMS": "0",
            "actions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 400
    assert not CheckIn.objects.filter(kind="joint").exists()


def test_kick_off_moves_onboarding_to_active(client, manager, district, today):
    engagement = EngagementFactory(district=district, status=Engagement.Status.ONBOARDING)
    client.force_login(manager)
    client.post(
        reverse("engagements:checkin_create", args=[engagement.pk]),
        {
            "kind": "kick-off",
            "date": today.isoformat(),
            "duration_minutes": "90",
            "actions-TOTAL_FORMS": "0",
            "actions-INITIAL_FORMS": "0",
        },
    )
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.ACTIVE


def test_viewer_cannot_change_anything(client, viewer, engagement):
    client.force_login(viewer)
    assert (
        client.get(reverse("engagements:checkin_create", args=[engagement.pk])).status_code == 403
    )
    assert client.post(reverse("engagements:edit", args=[engagement.pk]), {}).status_code == 403
    assert client.post(reverse("engagements:north_star"), {"priorities": "x"}).status_code == 403


def test_create_by_hand_adds_the_kickoff_checklist(client, lead, district):
    partner = EngagementFactory(district=district).partner
    client.force_login(lead)
    assert client.get(reverse("engagements:create")).status_code == 200
    response = client.post(
        reverse("engagements:create"),
        {
            "partner": partner.pk,
            "title": "K–5 ELA coaching",
            "status": "onboarding",
            "audiences": ["teachers", "coaches"],
            "contract_start": "2026-08-01",
            "contract_end": "2027-06-30",
            "amount": "90000",
            "checkin_cadence": "biweekly",
            "step_back_cadence": "quarterly",
        },
    )
    assert response.status_code == 302
    engagement = Engagement.objects.get(title="K–5 ELA coaching")
    assert engagement.district == district
    assert engagement.audiences == ["teachers", "coaches"]
    assert [i.key for i in engagement.onboarding_items.all()] == [
        "vision",
        "practices",
        "cohesion",
        "non-negotiables",
        "monitoring",
    ]


def test_create_rejects_contract_ending_before_it_starts(client, lead, district):
    partner = EngagementFactory(district=district).partner
    client.force_login(lead)
    response = client.post(
        reverse("engagements:create"),
        {
            "partner": partner.pk,
            "title": "Backwards",
            "status": "onboarding",
            "contract_start": "2026-08-01",
            "contract_end": "2026-07-01",
            "amount": "-5",
            "checkin_cadence": "monthly",
            "step_back_cadence": "quarterly",
        },
    )
    assert response.status_code == 400
    assert b"cannot end before it starts" in response.content
    assert not Engagement.objects.filter(title="Backwards").exists()


def test_edit_keeps_history_and_refuses_stale_versions(client, manager, engagement):
    client.force_login(manager)
    url = reverse("engagements:edit", args=[engagement.pk])
    assert client.get(url).status_code == 200
    data = dict(
        partner=engagement.partner_id,
        title=engagement.title,
        status="active",
        audiences=["teachers"],
        grade_bands=[g.pk for g in engagement.grade_bands.all()],
        checkin_cadence="biweekly",
        step_back_cadence="quarterly",
        contract_start=engagement.contract_start.isoformat(),
        contract_end=engagement.contract_end.isoformat(),
        role_statement="Owns K–5 coaching",
        version=engagement.version,
    )
    assert client.post(url, data).status_code == 302
    engagement.refresh_from_db()
    assert engagement.checkin_cadence == "biweekly" and engagement.version == 2
    change = engagement.history.first()
    reason = change.history_change_reason
    assert "check-in cadence" in reason and "role statement" in reason
    diff = {c.field: (c.old, c.new) for c in change.diff_against(change.prev_record).changes}
    assert diff["checkin_cadence"] == ("monthly", "biweekly")

    data["title"] = "Someone else's edit on an old page"
    response = client.post(url, data)  # version 1 again: stale
    assert response.status_code == 409
    assert b"Someone else changed this" in response.content
    engagement.refresh_from_db()
    assert engagement.title != "Someone else's edit on an old page"


def test_north_star_edit_and_the_seeds_warning(client, manager, district):
    client.force_login(manager)
    url = reverse("engagements:north_star")
    assert b"Edit" in client.get(url).content
    response = client.post(
        url,
        {
            "instructional_vision": "Every student",
            "priorities": "One\nTwo\nThree",
            "strategy": "HQIM",
        },
    )
    assert response.status_code == 302
    district.refresh_from_db()
    assert district.priority_list == ["One", "Two", "Three"]
    html = client.get(url).content.decode()
    assert "chasing too many priorities" in html
    assert client.post(url, {"priorities": "x" * 20_000}).status_code == 400


def test_north_star_shows_on_every_engagement_page(client, manager, engagement):
    engagement.district.instructional_vision = "Grade-level work for every student"
    engagement.district.save()
    client.force_login(manager)
    for name in ("engagements:detail", "engagements:checkin_create"):
        assert (
            b"Grade-level work for every student"
            in client.get(reverse(name, args=[engagement.pk])).content
        )


def test_onboarding_item_htmx_and_stale(client, manager, engagement):
    item = engagement.onboarding_items.first()
    client.force_login(manager)
    url = reverse("engagements:onboarding_item", args=[engagement.pk, item.pk])
    response = client.post(
        url, {"done": "on", "notes": "Shared", "version": 1}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and b"Saved" in response.content
    item.refresh_from_db()
    assert item.done and item.notes == "Shared" and item.done_by == manager
    response = client.post(url, {"notes": "old page", "version": 1}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert OnboardingItem.objects.get(pk=item.pk).notes == "Shared"


def test_action_item_done_toggle(client, manager, engagement):
    item = ActionItemFactory(engagement=engagement, due_date=days(-3))
    client.force_login(manager)
    url = reverse("engagements:action_done", args=[engagement.pk, item.pk])
    response = client.post(url, {"done": "on", "version": 1}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.done and item.done_at
    assert client.post(url, {"version": "abc"}, HTTP_HX_REQUEST="true").status_code == 400
    assert client.post(url, {"version": 1}).status_code == 302  # stale, without htmx: message


def test_action_item_create(client, manager, engagement):
    client.force_login(manager)
    url = reverse("engagements:action_create", args=[engagement.pk])
    assert (
        client.post(
            url, {"description": "Do it", "owner": "Me", "due_date": "2026-13-01"}
        ).status_code
        == 400
    )
    assert (
        client.post(
            url, {"description": "Do it", "owner": "Me", "due_date": "2026-12-01"}
        ).status_code
        == 302
    )
    assert engagement.action_items.get().description == "Do it"


def test_goal_create_edit_delete(client, manager, engagement):
    client.force_login(manager)
    url = reverse("engagements:goal_create", args=[engagement.pk])
    data = {
        "title": "Coaching cycles",
        "measure": "Coaches with a full cycle",
        "unit": "",
        "baseline": "0",
        "target": "12",
        "start_date": "2026-08-01",
        "due_date": "2027-06-01",
    }
    assert client.post(url, {**data, "due_date": "2026-01-01"}).status_code == 400
    assert client.post(url, data).status_code == 302
    goal = engagement.goals.get(title="Coaching cycles")
    edit = reverse("engagements:goal_edit", args=[engagement.pk, goal.pk])
    assert client.post(edit, {**data, "target": "10", "version": 1}).status_code == 302
    assert client.post(edit, {**data, "target": "9", "version": 1}).status_code == 409
    goal.refresh_from_db()
    assert goal.target == 10
    assert (
        client.post(reverse("engagements:goal_delete", args=[engagement.pk, goal.pk])).status_code
        == 302
    )
    assert not engagement.goals.filter(title="Coaching cycles").exists()


def test_unknown_ids_are_404(client, manager, engagement):
    client.force_login(manager)
    assert client.get(reverse("engagements:detail", args=[999999])).status_code == 404
    assert (
        client.get(reverse("engagements:goal_edit", args=[engagement.pk, 999999])).status_code
        == 404
    )
    assert client.get("/engagements/abc/").status_code == 404


def test_start_from_a_decided_selection(client, lead, district, today):
    from tests.factories import SelectionFactory

    partner = EngagementFactory(district=district).partner
    selection = SelectionFactory(district=district, title="K–8 math partner")
    client.force_login(lead)
    url = reverse("engagements:start_from_selection", args=[selection.pk])
    assert client.get(url).status_code == 409  # no decision yet
    selection.chosen_partner = partner
    selection.decided_at = timezone.now()
    selection.save()
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"].initial["partner"] == partner
    assert response.context["form"].initial["title"] == "K–8 math partner"
    response = client.post(
        url,
        {
            "partner": partner.pk,
            "title": "K–8 math partner",
            "status": "onboarding",
            "audiences": ["teachers"],
            "checkin_cadence": "monthly",
            "step_back_cadence": "quarterly",
        },
    )
    assert response.status_code == 302
    engagement = Engagement.objects.get(selection=selection)
    assert engagement.status == "onboarding" and engagement.onboarding_items.count() == 5
    # A second submit leads to the engagement already started, not to a twin.
    again = client.post(url, {"partner": partner.pk, "title": "twin"})
    assert again.status_code == 302 and again["Location"] == engagement.get_absolute_url()
    assert Engagement.objects.filter(selection=selection).count() == 1


def test_dashboard_offers_to_start_decided_selections(client, lead, district):
    from tests.factories import SelectionFactory

    partner = EngagementFactory(district=district).partner
    selection = SelectionFactory(district=district, title="K–5 ELA partner")
    selection.chosen_partner, selection.decided_at = partner, timezone.now()
    selection.save()
    client.force_login(lead)
    start = reverse("engagements:start_from_selection", args=[selection.pk])
    assert start in client.get(reverse("engagements:dashboard")).content.decode()
    EngagementFactory(district=district, partner=partner, selection=selection)
    assert start not in client.get(reverse("engagements:dashboard")).content.decode()


def test_deleting_a_checkin_keeps_its_updates_and_brings_the_alert_back(
    client, manager, engagement, today
):
    from engagements.services import checkin_log

    goal = engagement.goals.get()
    checkin = checkin_log(
        district=engagement.district,
        engagements=[engagement],
        user=manager,
        kind="regular",
        date=today,
        goal_updates=[(goal, 50, "")],
    )
    client.force_login(manager)
    assert "Check-in overdue" not in client.get(reverse("engagements:dashboard")).content.decode()
    url = reverse("engagements:checkin_delete", args=[engagement.pk, checkin.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not CheckIn.objects.filter(pk=checkin.pk).exists()
    assert GoalUpdate.objects.filter(goal=goal, value=50).exists()
    assert "Check-in overdue" in client.get(reverse("engagements:dashboard")).content.decode()
    assert CheckIn.all_objects.get(pk=checkin.pk).in_trash  # restorable by a lead


def test_out_of_range_ids_and_bad_query_values_are_4xx(client, manager, engagement):
    client.force_login(manager)
    huge = 10**25
    assert client.get(f"/engagements/{huge}/").status_code == 404
    assert client.get(f"/engagements/{engagement.pk}/plan/{huge}/edit/").status_code == 404
    url = reverse("engagements:checkin_create", args=[engagement.pk])
    assert client.get(url + "?kind=%00&with=abc&with=" + str(huge)).status_code == 400  # NUL
    assert client.get(url + "?kind=zz&with=abc&with=" + str(huge)).status_code == 200


def test_editing_a_checkin_keeps_history_and_refuses_stale_versions(client, manager, engagement):
    checkin = engagement.checkins.get()
    client.force_login(manager)
    url = reverse("engagements:checkin_edit", args=[engagement.pk, checkin.pk])
    assert client.get(url).status_code == 200
    data = {
        "kind": "regular",
        "date": checkin.date.isoformat(),
        "duration_minutes": "50",
        "progress": "Corrected notes",
        "version": 1,
    }
    assert client.post(url, data).status_code == 302
    checkin.refresh_from_db()
    assert checkin.progress == "Corrected notes" and checkin.version == 2
    assert checkin.history.filter(history_change_reason="Corrected the check-in").exists()
    assert client.post(url, {**data, "progress": "Old tab"}).status_code == 409
    assert client.post(url, {**data, "kind": "joint", "version": 2}).status_code == 400
    checkin.refresh_from_db()
    assert checkin.progress == "Corrected notes"

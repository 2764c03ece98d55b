from django.urls import path

from engagements.views import calendar, dashboard, engagement, plan, tracking

app_name = "engagements"

urlpatterns = [
    path("engagements/", dashboard.dashboard, name="dashboard"),
    path("engagements/north-star/", dashboard.north_star, name="north_star"),
    path("engagements/coherence/", dashboard.coherence, name="coherence"),
    path("engagements/new/", engagement.create, name="create"),
    path(
        "engagements/start/<int:selection_id>/",
        engagement.start_from_selection,
        name="start_from_selection",
    ),
    path("engagements/calendar/", calendar.feed_settings, name="calendar"),
    path("engagements/calendar/revoke/", calendar.feed_revoke, name="calendar_revoke"),
    path("engagements/calendar/<slug:token>.ics", calendar.feed, name="calendar_feed"),
    path("engagements/<int:pk>/", engagement.detail, name="detail"),
    path("engagements/<int:pk>/edit/", engagement.edit, name="edit"),
    path("engagements/<int:pk>/history/", engagement.history, name="history"),
    path("engagements/<int:pk>/report.pdf", engagement.report_pdf, name="report_pdf"),
    path("engagements/<int:pk>/check-ins/new/", tracking.checkin_create, name="checkin_create"),
    path(
        "engagements/<int:pk>/check-ins/<int:checkin_pk>/edit/",
        tracking.checkin_edit,
        name="checkin_edit",
    ),
    path(
        "engagements/<int:pk>/check-ins/<int:checkin_pk>/delete/",
        tracking.checkin_delete,
        name="checkin_delete",
    ),
    path("engagements/<int:pk>/goals/new/", tracking.goal_form, name="goal_create"),
    path("engagements/<int:pk>/goals/<int:goal_pk>/", tracking.goal_form, name="goal_edit"),
    path(
        "engagements/<int:pk>/goals/<int:goal_pk>/progress/",
        tracking.goal_progress,
        name="goal_progress",
    ),
    path(
        "engagements/<int:pk>/goals/<int:goal_pk>/delete/",
        tracking.goal_delete,
        name="goal_delete",
    ),
    path(
        "engagements/<int:pk>/onboarding/<int:item_pk>/",
        tracking.onboarding_item,
        name="onboarding_item",
    ),
    path("engagements/<int:pk>/actions/new/", tracking.action_item_create, name="action_create"),
    path(
        "engagements/<int:pk>/actions/<int:item_pk>/done/",
        tracking.action_item_done,
        name="action_done",
    ),
    path("engagements/<int:pk>/plan/progress/", plan.progress, name="plan_progress"),
    path("engagements/<int:pk>/plan/new/", plan.item_create, name="plan_create"),
    path("engagements/<int:pk>/plan/import/", plan.import_rows, name="plan_import"),
    path("engagements/<int:pk>/plan/from-sample/", plan.from_sample, name="plan_from_sample"),
    path("engagements/<int:pk>/plan/<int:item_pk>/", plan.row, name="plan_row"),
    path("engagements/<int:pk>/plan/<int:item_pk>/edit/", plan.item_edit, name="plan_edit"),
    path("engagements/<int:pk>/plan/<int:item_pk>/status/", plan.item_status, name="plan_status"),
    path(
        "engagements/<int:pk>/plan/<int:item_pk>/sessions/<int:session_pk>/status/",
        plan.session_status,
        name="plan_session_status",
    ),
    path("engagements/<int:pk>/plan/<int:item_pk>/delete/", plan.item_delete, name="plan_delete"),
    path("engagements/<int:pk>/plan/<int:item_pk>/move/", plan.item_move, name="plan_move"),
]

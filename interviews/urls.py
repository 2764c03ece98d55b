from django.urls import path

from interviews import views
from interviews.views.shortlist import shortlist_from_directory

app_name = "interviews"

urlpatterns = [
    # Selections
    path("selections/", views.selection_list, name="selection_list"),
    path("selections/new/", views.selection_create, name="selection_create"),
    path(
        "selections/shortlist/add/",
        shortlist_from_directory,
        name="shortlist_from_directory",
    ),
    path("selections/<int:pk>/", views.selection_detail, name="selection_detail"),
    path("selections/<int:pk>/edit/", views.selection_edit, name="selection_edit"),
    path("selections/<int:pk>/shortlist/", views.shortlist_add, name="shortlist_add"),
    path(
        "selections/<int:pk>/shortlist/<int:entry_id>/",
        views.shortlist_status,
        name="shortlist_status",
    ),
    path(
        "selections/<int:pk>/non-negotiables/", views.non_negotiable_add, name="non_negotiable_add"
    ),
    path(
        "selections/<int:pk>/non-negotiables/<int:nn_id>/delete/",
        views.non_negotiable_delete,
        name="non_negotiable_delete",
    ),
    path("selections/<int:pk>/interviews/new/", views.interview_create, name="interview_create"),
    path("selections/<int:pk>/decide/", views.selection_decide, name="selection_decide"),
    path("selections/<int:pk>/history/", views.selection_history, name="selection_history"),
    path("selections/<int:pk>/status/", views.selection_status, name="selection_status"),
    path("selections/<int:pk>/report.pdf", views.selection_report, name="selection_report"),
    # Interviews
    path("interviews/<int:pk>/", views.interview_detail, name="detail"),
    path("interviews/<int:pk>/edit/", views.interview_edit, name="edit"),
    path("interviews/<int:pk>/status/", views.interview_status, name="status"),
    path("interviews/<int:pk>/history/", views.interview_history, name="history"),
    path("interviews/<int:pk>/packet.pdf", views.interview_packet, name="packet"),
    path("interviews/<int:pk>/report.pdf", views.interview_report, name="report"),
    path("interviews/<int:pk>/score/", views.score, name="score"),
    path("interviews/<int:pk>/score/declare/", views.score_declare, name="score_declare"),
    path("interviews/<int:pk>/score/rate/<int:look_for_id>/", views.score_rate, name="score_rate"),
    path("interviews/<int:pk>/score/summary/", views.score_summary, name="score_summary"),
    path("interviews/<int:pk>/score/submit/", views.score_submit, name="score_submit"),
    path(
        "interviews/<int:pk>/scorecards/<int:scorecard_id>/reopen/",
        views.scorecard_reopen,
        name="scorecard_reopen",
    ),
    path(
        "interviews/<int:pk>/scorecards/<int:scorecard_id>/conflict/",
        views.conflict_resolve,
        name="conflict_resolve",
    ),
    path(
        "interviews/<int:pk>/consensus/<int:look_for_id>/",
        views.consensus_set,
        name="consensus_set",
    ),
    path(
        "interviews/<int:pk>/non-negotiables/<int:nn_id>/",
        views.non_negotiable_result,
        name="non_negotiable_result",
    ),
    # Guides
    path("interviews/guides/", views.guide_list, name="guide_list"),
    path("interviews/guides/<int:pk>/", views.guide_detail, name="guide_detail"),
    path("interviews/guides/<int:pk>/copy/", views.guide_copy, name="guide_copy"),
    path(
        "interviews/guides/<int:pk>/new-version/",
        views.guide_new_version,
        name="guide_new_version",
    ),
    path("interviews/guides/<int:pk>/settings/", views.guide_settings, name="guide_settings"),
    path(
        "interviews/guides/<int:pk>/<slug:kind>/<int:item_id>/<slug:action>/",
        views.guide_item,
        name="guide_item",
    ),
]

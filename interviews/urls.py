from django.urls import path

from interviews import views
from interviews.services.guides import GUIDE_ITEM_KINDS
from interviews.views import rfp_portal, rfps
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
    # The RFP of a selection (docs/rfp.md)
    path("selections/<int:pk>/rfp/", rfps.rfp, name="rfp"),
    path("selections/<int:pk>/rfp/new/", rfps.rfp_create, name="rfp_create"),
    path("selections/<int:pk>/rfp/settings/", rfps.rfp_settings, name="rfp_settings"),
    path(
        "selections/<int:pk>/rfp/sections/<int:section_id>/",
        rfps.rfp_section,
        name="rfp_section",
    ),
    path(
        "selections/<int:pk>/rfp/sections/<int:section_id>/regenerate/",
        rfps.rfp_section_regenerate,
        name="rfp_section_regenerate",
    ),
    path("selections/<int:pk>/rfp/invite/", rfps.rfp_invite, name="rfp_invite"),
    path("selections/<int:pk>/rfp/publish/", rfps.rfp_publish, name="rfp_publish"),
    path("selections/<int:pk>/rfp/extend/", rfps.rfp_extend, name="rfp_extend"),
    path(
        "selections/<int:pk>/rfp/questions/<int:question_id>/answer/",
        rfps.rfp_answer,
        name="rfp_answer",
    ),
    path(
        "selections/<int:pk>/rfp/proposals/<int:proposal_id>/",
        rfps.rfp_proposal,
        name="rfp_proposal",
    ),
    path(
        "selections/<int:pk>/rfp/proposals/<int:proposal_id>/review/",
        rfps.rfp_proposal_review,
        name="rfp_proposal_review",
    ),
    path(
        "selections/<int:pk>/rfp/proposals/<int:proposal_id>/attachments/<int:attachment_id>/",
        rfps.rfp_attachment,
        name="rfp_attachment",
    ),
    path("selections/<int:pk>/rfp.pdf", rfps.rfp_pdf, name="rfp_pdf"),
    path("selections/<int:pk>/rfp.docx", rfps.rfp_docx_view, name="rfp_docx"),
    # The partner's side, in the provider portal
    path("portal/rfps/", rfp_portal.portal_rfps, name="portal_rfps"),
    path("portal/rfps/<int:rfp_id>/", rfp_portal.portal_rfp, name="portal_rfp"),
    path("portal/rfps/<int:rfp_id>/rfp.pdf", rfp_portal.portal_rfp_pdf, name="portal_rfp_pdf"),
    path("portal/rfps/<int:rfp_id>/rfp.docx", rfp_portal.portal_rfp_docx, name="portal_rfp_docx"),
    path("portal/rfps/<int:rfp_id>/questions/", rfp_portal.portal_question, name="portal_question"),
    path(
        "portal/rfps/<int:rfp_id>/proposal/",
        rfp_portal.portal_proposal_start,
        name="portal_proposal_start",
    ),
    path("portal/proposals/<int:pk>/", rfp_portal.portal_proposal, name="portal_proposal"),
    path(
        "portal/proposals/<int:pk>/save/",
        rfp_portal.portal_proposal_save,
        name="portal_proposal_save",
    ),
    path(
        "portal/proposals/<int:pk>/sequence/",
        rfp_portal.portal_proposal_sequence,
        name="portal_proposal_sequence",
    ),
    path(
        "portal/proposals/<int:pk>/attachments/",
        rfp_portal.portal_proposal_attach,
        name="portal_proposal_attach",
    ),
    path(
        "portal/proposals/<int:pk>/attachments/<int:attachment_id>/",
        rfp_portal.portal_attachment,
        name="portal_attachment",
    ),
    path(
        "portal/proposals/<int:pk>/submit/",
        rfp_portal.portal_proposal_submit,
        name="portal_proposal_submit",
    ),
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
        "interviews/guides/<int:pk>/non-negotiables/add/",
        views.guide_non_negotiable_add,
        name="guide_non_negotiable_add",
    ),
    path(
        "interviews/guides/<int:pk>/sections/<int:item_id>/blocks/add/",
        views.guide_block_add,
        {"kind": "section"},
        name="guide_block_add",
    ),
    path(
        "interviews/guides/<int:pk>/blocks/<int:item_id>/questions/add/",
        views.guide_question_add,
        {"kind": "block"},
        name="guide_question_add",
    ),
    path(
        "interviews/guides/<int:pk>/blocks/<int:item_id>/look-fors/add/",
        views.guide_look_for_add,
        {"kind": "block"},
        name="guide_look_for_add",
    ),
    # Update, move (direction up or down) and delete of each kind of item:
    # guide_section_update, guide_section_move, guide_section_delete, guide_block_update, …
    *(
        path(
            f"interviews/guides/<int:pk>/{kind}s/<int:item_id>/{action}/",
            view,
            {"kind": kind},
            name=f"guide_{kind.replace('-', '_')}_{action}",
        )
        for kind in GUIDE_ITEM_KINDS
        for action, view in (
            ("update", views.guide_item_update),
            ("move", views.guide_item_move),
            ("delete", views.guide_item_delete),
        )
    ),
]

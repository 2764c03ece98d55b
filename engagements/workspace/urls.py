from django.urls import path

from engagements.workspace.views import (
    actions,
    coordination,
    documents,
    issues,
    materials,
    sessions,
    sharing,
)

app_name = "workspace"

urlpatterns = [
    # The partner's side: engagements districts shared with them.
    path("workspace/", sharing.shared_list, name="list"),
    path("workspace/<int:pk>/", sharing.page, name="page"),
    path("workspace/<int:pk>/materials/new/", materials.material_new, name="material_new"),
    path(
        "workspace/<int:pk>/materials/<int:material_pk>/",
        materials.material,
        name="material",
    ),
    path(
        "workspace/<int:pk>/materials/<int:material_pk>/versions/new/",
        materials.version_new,
        name="version_new",
    ),
    path(
        "workspace/<int:pk>/materials/<int:material_pk>/review/",
        materials.version_review,
        name="version_review",
    ),
    path(
        "workspace/<int:pk>/materials/<int:material_pk>/v<int:number>/",
        materials.download,
        name="download",
    ),
    path("workspace/<int:pk>/issues/new/", issues.issue_new, name="issue_new"),
    path("workspace/<int:pk>/issues/<int:issue_pk>/", issues.issue, name="issue"),
    path(
        "workspace/<int:pk>/issues/<int:issue_pk>/comment/",
        issues.issue_comment,
        name="issue_comment",
    ),
    path(
        "workspace/<int:pk>/issues/<int:issue_pk>/resolve/",
        issues.issue_resolve,
        name="issue_resolve",
    ),
    path("workspace/<int:pk>/documents/", documents.documents, name="documents"),
    path("workspace/<int:pk>/documents/new/", documents.document_new, name="document_new"),
    path(
        "workspace/<int:pk>/documents/<int:document_pk>/file/",
        documents.document_file,
        name="document_file",
    ),
    path(
        "workspace/<int:pk>/amendments/new/",
        documents.amendment_new,
        name="amendment_new",
    ),
    path("workspace/<int:pk>/sessions/", sessions.sessions, name="sessions"),
    path(
        "workspace/<int:pk>/sessions/<int:session_pk>/report/",
        sessions.report,
        name="session_report",
    ),
    path(
        "workspace/<int:pk>/sessions/<int:session_pk>/confirm/",
        sessions.confirm,
        name="session_confirm",
    ),
    path(
        "workspace/<int:pk>/sessions/<int:session_pk>/dispute/",
        sessions.dispute,
        name="session_dispute",
    ),
    path(
        "workspace/<int:pk>/sessions/<int:session_pk>/sign-in-sheet/",
        sessions.sheet,
        name="session_sheet",
    ),
    path(
        "workspace/<int:pk>/actions/<int:action_pk>/done/",
        actions.action_done,
        name="action_done",
    ),
    # Coordination spaces: the district opens them, the partners it chooses share them.
    path("engagements/coordination/", coordination.spaces, name="coordination_list"),
    path("engagements/coordination/new/", coordination.space_new, name="coordination_new"),
    path("coordination/<int:pk>/", coordination.space, name="coordination"),
    path("coordination/<int:pk>/post/", coordination.post, name="coordination_post"),
    path(
        "coordination/<int:pk>/partners/add/",
        coordination.member_add,
        name="coordination_member_add",
    ),
    path(
        "coordination/<int:pk>/partners/<int:member_pk>/remove/",
        coordination.member_remove,
        name="coordination_member_remove",
    ),
    # The district's side: who of the partner's staff may work in the engagement.
    path("engagements/<int:pk>/sharing/", sharing.sharing, name="sharing"),
    path("engagements/<int:pk>/sharing/add/", sharing.share_add, name="share_add"),
    path(
        "engagements/<int:pk>/sharing/<int:share_pk>/revoke/",
        sharing.share_revoke,
        name="share_revoke",
    ),
]

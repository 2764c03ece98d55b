from django.urls import path

from engagements.workspace.views import sharing

app_name = "workspace"

urlpatterns = [
    # The partner's side: engagements districts shared with them.
    path("workspace/", sharing.shared_list, name="list"),
    path("workspace/<int:pk>/", sharing.page, name="page"),
    # The district's side: who of the partner's staff may work in the engagement.
    path("engagements/<int:pk>/sharing/", sharing.sharing, name="sharing"),
    path("engagements/<int:pk>/sharing/add/", sharing.share_add, name="share_add"),
    path(
        "engagements/<int:pk>/sharing/<int:share_pk>/revoke/",
        sharing.share_revoke,
        name="share_revoke",
    ),
]

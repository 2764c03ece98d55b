from django.urls import path

from partners import views
from partners.views import curation, portal, team

app_name = "partners"

urlpatterns = [
    path("partners/", views.partner_list, name="list"),
    path("partners/export.csv", views.partner_export, name="export"),
    path("partners/compare/", views.partner_compare, name="compare"),
    path("partners/<slug:slug>/", views.partner_detail, name="detail"),
    path("diagnostic/", views.diagnostic, name="diagnostic"),
    # The provider portal (partner staff; curators open the same draft pages).
    path("portal/", portal.portal_home, name="portal_home"),
    path("portal/drafts/new/", portal.draft_new, name="portal_draft_new"),
    path("portal/drafts/<int:pk>/", portal.draft_edit, name="portal_draft"),
    path("portal/drafts/<int:pk>/submit/", portal.draft_submit, name="portal_draft_submit"),
    path(
        "portal/drafts/<int:pk>/engagements/new/",
        portal.engagement_edit,
        name="portal_engagement_new",
    ),
    path(
        "portal/drafts/<int:pk>/engagements/<int:index>/",
        portal.engagement_edit,
        name="portal_engagement",
    ),
    path(
        "portal/drafts/<int:pk>/engagements/<int:index>/delete/",
        portal.engagement_delete,
        name="portal_engagement_delete",
    ),
    path(
        "portal/scope-and-sequence-template.<str:ext>",
        portal.sequence_template,
        name="portal_sequence_template",
    ),
    path("portal/team/invite/", team.portal_invite, name="portal_team_invite"),
    path(
        "portal/team/invitations/<int:pk>/resend/",
        team.invitation_resend,
        name="portal_team_resend",
    ),
    path(
        "portal/team/invitations/<int:pk>/revoke/",
        team.invitation_revoke,
        name="portal_team_revoke",
    ),
    path("portal/team/staff/<int:pk>/remove/", team.staff_remove, name="portal_team_remove"),
    path("portal/claims/new/", portal.claim_new, name="portal_claim_new"),
    path("portal/claims/<int:pk>/", portal.claim_evidence, name="portal_claim"),
    path("portal/claims/<int:pk>/evidence.pdf", portal.claim_evidence_file, name="claim_file"),
    # The curator workspace.
    path("curation/", curation.queue, name="curation_queue"),
    path("curation/drafts/<int:pk>/", curation.draft_review, name="curation_draft"),
    path("curation/drafts/<int:pk>/approve/", curation.draft_approve, name="curation_approve"),
    path("curation/drafts/<int:pk>/return/", curation.draft_return, name="curation_return"),
    path("curation/drafts/<int:pk>/publish/", curation.draft_publish, name="curation_publish"),
    path("curation/partners/", curation.partner_list, name="curation_partners"),
    path("curation/partners/new/", curation.partner_new, name="curation_partner_new"),
    path("curation/partners/<int:pk>/", curation.partner_detail, name="curation_partner"),
    path("curation/partners/<int:pk>/edit/", curation.partner_edit, name="curation_edit"),
    path("curation/partners/<int:pk>/renew/", curation.partner_renew, name="curation_renew"),
    path("curation/partners/<int:pk>/invite/", team.curation_invite, name="curation_invite"),
    path("curation/partners/<int:pk>/gateway/", curation.partner_gateway, name="curation_gateway"),
    path("curation/claims/<int:pk>/", curation.claim_review, name="curation_claim"),
]

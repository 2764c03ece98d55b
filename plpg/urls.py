from django.contrib import admin
from django.urls import include, path

from plpg import mfa, team_views, views, views_export

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots),
    # django-allauth: /accounts/login/ (the sign-in URL people have bookmarked), password
    # reset, email, two-factor (/accounts/2fa/).
    # Recovery codes are shown once (plpg.mfa); these come before allauth's own.
    path("accounts/2fa/totp/activate/", mfa.activate_totp),
    path("accounts/2fa/recovery-codes/", mfa.view_recovery_codes),
    path("accounts/2fa/recovery-codes/generate/", mfa.generate_recovery_codes),
    path("accounts/2fa/recovery-codes/download/", mfa.download_recovery_codes),
    path("accounts/", include("allauth.urls")),
    path("district/switch/", views.switch_district, name="switch_district"),
    path("district/export.zip", views_export.district_export_zip, name="district_export"),
    path("", include("plpg.urls_history")),
    path("", include("plpg.urls_trash")),
    path("district/team/", team_views.team, name="team"),
    path("district/team/invite/", team_views.team_invite, name="team_invite"),
    path("district/team/<int:pk>/role/", team_views.team_role, name="team_role"),
    path("district/team/<int:pk>/remove/", team_views.team_remove, name="team_remove"),
    path(
        "district/invitations/<int:pk>/resend/",
        team_views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "district/invitations/<int:pk>/revoke/",
        team_views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("district/settings/", team_views.district_settings, name="district_settings"),
    path("invitations/<str:token>/", team_views.invitation_accept, name="invitation_accept"),
    path("staff/districts/new/", team_views.staff_district_new, name="staff_district_new"),
    path("admin/", admin.site.urls),
    path("", include("partners.urls")),
    path("", include("interviews.urls")),
    path("", include("engagements.urls")),
    path("", include("engagements.workspace.urls")),
    path("", include("engagements.impact.urls")),
]

handler400 = "plpg.views.bad_request"

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from plpg import views, views_export
from plpg.forms import EmailAuthenticationForm

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=EmailAuthenticationForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("district/switch/", views.switch_district, name="switch_district"),
    path("district/export.zip", views_export.district_export_zip, name="district_export"),
    path("", include("plpg.urls_history")),
    path("", include("plpg.urls_trash")),
    path("admin/", admin.site.urls),
    path("", include("partners.urls")),
    path("", include("interviews.urls")),
    path("", include("engagements.urls")),
]

handler400 = "plpg.views.bad_request"

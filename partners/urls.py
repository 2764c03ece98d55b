from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("partners/", views.partner_list, name="list"),
    path("partners/export.csv", views.partner_export, name="export"),
    path("partners/compare/", views.partner_compare, name="compare"),
    path("partners/<slug:slug>/", views.partner_detail, name="detail"),
    path("diagnostic/", views.diagnostic, name="diagnostic"),
]

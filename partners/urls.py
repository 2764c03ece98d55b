from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("partners/", views.partner_list, name="list"),
    path("diagnostic/", views.diagnostic, name="diagnostic"),
]

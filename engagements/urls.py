from django.urls import path

from engagements import views

app_name = "engagements"

urlpatterns = [
    path("engagements/", views.dashboard, name="dashboard"),
]

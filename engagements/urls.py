from django.urls import path

from engagements import views

app_name = "engagements"

urlpatterns = [
    path("engagements/", views.dashboard, name="dashboard"),
    path(
        "engagements/start/<int:selection_id>/",
        views.start_from_selection,
        name="start_from_selection",
    ),
]

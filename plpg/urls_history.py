from django.urls import path

from plpg import views_history

app_name = "history"

urlpatterns = [
    path("district/activity/", views_history.district_activity, name="activity"),
    path("district/history/<str:label>/<int:pk>/", views_history.object_history, name="object"),
    path(
        "district/history/<str:label>/<int:pk>/restore/<int:history_id>/",
        views_history.restore_version,
        name="restore",
    ),
]

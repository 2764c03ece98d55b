from django.urls import path

from plpg import views_trash

app_name = "trash"

urlpatterns = [
    path("district/trash/", views_trash.trash_list, name="list"),
    path("district/trash/<str:label>/<int:pk>/delete/", views_trash.trash_confirm, name="confirm"),
    path(
        "district/trash/<str:label>/<int:pk>/restore/",
        views_trash.trash_restore_view,
        name="restore",
    ),
]

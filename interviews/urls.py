from django.urls import path

from interviews import views

app_name = "interviews"

urlpatterns = [
    path("selections/", views.selection_list, name="selection_list"),
]

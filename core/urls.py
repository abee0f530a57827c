from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("sprog/<str:code>/", views.language_switch, name="language"),
]

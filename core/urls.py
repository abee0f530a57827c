from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("sprog/<str:code>/", views.language_switch, name="language"),
    path("udvikling/udbakke/", views.outbox, name="outbox"),
    path("udvikling/udbakke/<int:pk>/", views.outbox_email, name="outbox_email"),
]

"""URL patterns for offerings (collected by courses/urls/__init__.py)."""

from django.urls import path

from courses.views import offerings as views

urlpatterns = [
    path("hold/", views.offerings, name="offerings"),
    path("hold/<int:pk>.ics", views.offering_ics, name="offering_ics"),
    path("planlaegning/", views.planning, name="planning"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("mine-forloeb/kalender/", views.calendar_settings, name="calendar_settings"),
]

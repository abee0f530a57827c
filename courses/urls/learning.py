"""URL patterns for learning (collected by courses/urls/__init__.py)."""

from django.urls import path

from courses.views import learning as views

urlpatterns = [
    path(
        "lektion/<int:lesson_id>/gennemfoert/",
        views.lesson_complete_view,
        name="lesson_complete",
    ),
    path(
        "lektion/<int:lesson_id>/refleksion/<str:block_id>/",
        views.reflection_save_view,
        name="reflection_save",
    ),
    path(
        "lektion/<int:lesson_id>/quiz/<str:block_id>/",
        views.quiz_submit_view,
        name="quiz_submit",
    ),
    path(
        "hold/<int:offering_id>/session/<int:session_id>/fremmoede/",
        views.session_checkin,
        name="session_checkin",
    ),
    path("mine-forloeb/", views.dashboard, name="dashboard"),
    path("gennemfoerelse/", views.completion_overview, name="completion_overview"),
]

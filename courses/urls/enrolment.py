"""URL patterns for enrolment by dialogue (collected by courses/urls/__init__.py)."""

from django.urls import path

from courses.views import enrolment as views

urlpatterns = [
    path("tilmelding/", views.invitations, name="invitations"),
    path("tilmelding/<int:pk>/", views.invitation, name="invitation"),
    path(
        "tilmelding/<int:pk>/indstil/",
        views.nomination_create,
        name="nomination_create",
    ),
    path(
        "tilmelding/<int:pk>/besked/",
        views.dialogue_message_create,
        name="dialogue_message_create",
    ),
    path(
        "tilmelding/indstilling/<int:pk>/traek-tilbage/",
        views.nomination_withdraw_view,
        name="nomination_withdraw",
    ),
    path(
        "tilmelding/indstilling/<int:pk>/flyt/",
        views.nomination_move_view,
        name="nomination_move",
    ),
    path(
        "tilmelding/plads/<int:pk>/afmeld/",
        views.enrolment_cancel_view,
        name="enrolment_cancel",
    ),
    path(
        "tilmelding/plads/<int:pk>/accepter/",
        views.enrolment_accept_view,
        name="enrolment_accept",
    ),
    path(
        "planlaegning/hold/<int:pk>/tilmelding/",
        views.offering_enrolment,
        name="offering_enrolment",
    ),
    path(
        "planlaegning/hold/<int:pk>/tilmelding/inviter/",
        views.offering_invite,
        name="offering_invite",
    ),
    path(
        "planlaegning/hold/<int:pk>/tilmelding/afgoer/",
        views.offering_decide,
        name="offering_decide",
    ),
    path(
        "planlaegning/hold/<int:pk>/tilmelding/pladser/",
        views.offering_seats,
        name="offering_seats",
    ),
    path(
        "planlaegning/hold/<int:pk>/log/",
        views.offering_enrolment_log,
        name="offering_enrolment_log",
    ),
]

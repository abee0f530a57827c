from django.urls import path

from . import views

app_name = "webinars"

urlpatterns = [
    path("", views.room_list, name="room_list"),
    path(
        "session/<int:session_id>/opret/",
        views.room_create_view,
        name="room_create",
    ),
    path("ny/", views.room_standalone_create_view, name="room_standalone_create"),
    path("<int:room_id>/", views.room_detail, name="room_detail"),
    path(
        "<int:room_id>/invitationer/",
        views.room_invite_view,
        name="room_invite",
    ),
    path(
        "<int:room_id>/invitationer/<int:user_id>/fjern/",
        views.room_uninvite_view,
        name="room_uninvite",
    ),
    path("<int:room_id>/slides/", views.slides_upload_view, name="slides_upload"),
    path("<int:room_id>/slides.pdf", views.slides_file, name="slides_file"),
    path("<int:room_id>/rapport/", views.room_report, name="room_report"),
    path(
        "<int:room_id>/undertekster.vtt",
        views.room_captions_vtt,
        name="room_captions_vtt",
    ),
    path("<int:room_id>/links/", views.room_links_view, name="room_links"),
    path(
        "<int:room_id>/indstillinger/",
        views.room_settings_view,
        name="room_settings",
    ),
]

from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("", views.index, name="index"),
    path("soeg/", views.search, name="search"),
    path("notifikationer/", views.notifications, name="notifications"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/log/", views.moderation_log, name="moderation_log"),
    path(
        "moderation/indlaeg/<int:post_id>/",
        views.moderation_post,
        name="moderation_post",
    ),
    path(
        "moderation/traad/<int:thread_id>/",
        views.moderation_thread,
        name="moderation_thread",
    ),
    path("administration/", views.network_admin, name="network_admin"),
    path(
        "administration/<slug:slug>/luk/",
        views.network_admin_close,
        name="network_admin_close",
    ),
    path("praksisbank/", views.practice_list, name="practice_list"),
    path("praksisbank/nyt/", views.practice_create, name="practice_create"),
    path(
        "praksisbank/<int:example_id>/",
        views.practice_detail,
        name="practice_detail",
    ),
    path("medlemmer/", views.directory, name="directory"),
    path("medlemmer/min-profil/", views.my_profile, name="my_profile"),
    path("traad/<int:thread_id>/", views.thread_detail, name="thread"),
    path("traad/<int:thread_id>/svar/", views.post_create, name="post_create"),
    path("traad/<int:thread_id>/foelg/", views.thread_follow, name="thread_follow"),
    path("indlaeg/<int:post_id>/rediger/", views.post_edit, name="post_edit"),
    path("indlaeg/<int:post_id>/historik/", views.post_history, name="post_history"),
    path("indlaeg/<int:post_id>/nyttig/", views.post_useful, name="post_useful"),
    path("indlaeg/<int:post_id>/accepter/", views.post_accept, name="post_accept"),
    path("indlaeg/<int:post_id>/anmeld/", views.post_report, name="post_report"),
    path("<slug:slug>/", views.network_detail, name="network"),
    path("<slug:slug>/ny-traad/", views.thread_create, name="thread_create"),
    path("<slug:slug>/foelg/", views.network_follow, name="network_follow"),
]

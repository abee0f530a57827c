from django.urls import path  # noqa: F401

app_name = "core"

# Pages of the core app are Wagtail pages; this module holds the non-page routes.
urlpatterns: list = []

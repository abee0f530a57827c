"""URL patterns for search (collected by courses/urls/__init__.py)."""

from django.urls import path

from courses.views import search

urlpatterns = [
    path("soeg/", search.search, name="search"),
]

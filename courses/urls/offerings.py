"""URL patterns for offerings (collected by courses/urls/__init__.py)."""

urlpatterns: list = []

"""URL patterns for learning (collected by courses/urls/__init__.py)."""

urlpatterns: list = []

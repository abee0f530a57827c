"""URL patterns for certificates (collected by courses/urls/__init__.py)."""

urlpatterns: list = []

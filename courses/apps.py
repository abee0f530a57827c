from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self) -> None:
        from core.page_cache import page_cache_invalidate_on_change

        from .models import Offering, Session

        # The public offerings list and module pages show offerings and sessions.
        page_cache_invalidate_on_change(Offering, Session)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Evaluations")

    def ready(self) -> None:
        from courses.hooks import on_self_paced_completion

        from .tasks import self_paced_invitations_queue

        on_self_paced_completion(self_paced_invitations_queue)

"""Rebuild the report tallies from the stored answers (all versions, or some)."""

from django.core.management.base import BaseCommand

from evaluations.models import Invitation, Response
from evaluations.tallies import report_tallies_rebuild


class Command(BaseCommand):
    help = (
        "Count the report tallies afresh from the answers. Idempotent; safe while "
        "people answer (each version is locked while it is recounted)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--survey-version", type=int, action="append", dest="versions", default=[]
        )

    def handle(self, *args, versions, **options):
        if not versions:
            versions = sorted(
                set(Response.objects.values_list("version_id", flat=True).distinct())
                | set(Invitation.objects.values_list("version_id", flat=True))
            )
        for version_id in versions:
            rows = report_tallies_rebuild(version_id=version_id)
            self.stdout.write(f"version {version_id}: {rows} tallies")

"""Decide that a person is erased: ``manage.py erase_person <e-mail> --reason ...``.

The hourly erasure job carries it out when due, archiving the person's data first
unless ``--no-archive`` is given."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.erasure import erasure_request_create


class Command(BaseCommand):
    help = "Decide that a person is erased (archived first unless --no-archive)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--reason", required=True)
        parser.add_argument("--no-archive", action="store_true")
        parser.add_argument("--in-days", type=int, default=0)

    def handle(self, *args, email, reason, no_archive, in_days, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"Ingen bruger med e-mailadressen {email}.")
        try:
            request = erasure_request_create(
                user=user,
                requested_by=None,
                reason=reason,
                archive=not no_archive,
                due_at=timezone.now() + datetime.timedelta(days=in_days),
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"Sletning {request.pk} af {request.label} er besluttet til "
            f"{timezone.localtime(request.due_at):%d.%m.%Y %H:%M}."
        )

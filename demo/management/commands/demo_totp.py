import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from demo.seed import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo administrator (dev only)."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("Kun til udvikling (DEBUG skal være slået til).")
        counter = int(time.time()) // 30
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))
        seconds_left = 30 - int(time.time()) % 30
        self.stdout.write(f"{code}  (gyldig i {seconds_left} sekunder mere)")

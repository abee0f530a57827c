from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from demo.seed import DEMO_PASSWORD, DEMO_TOTP_SECRET, demo_seed


class Command(BaseCommand):
    help = "Create the demo site and demo users (idempotent)."

    def handle(self, *args, **options) -> None:
        try:
            users = demo_seed()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Demo-indhold er klar."))
        self.stdout.write("")
        self.stdout.write(f"Demo-logins (adgangskode for alle: {DEMO_PASSWORD})")
        for user in users:
            roles = ", ".join(str(role.label) for role in user.roles)
            self.stdout.write(f"  {user.email:<36} {roles} · {user.organisation}")
        self.stdout.write("")
        self.stdout.write(
            "Administratoren skal bruge totrinsbekræftelse. Kode: `make totp`, "
            f"eller tilføj nøglen {DEMO_TOTP_SECRET} i en authenticator-app."
        )

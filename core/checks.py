"""Project system checks that ``check --deploy`` does not make on its own."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.checks import Error, Tags, Warning, register

_CSP_MIDDLEWARE = "core.middleware.ContentSecurityPolicyMiddleware"
_MFA_MIDDLEWARE = "accounts.middleware.RequireMultiFactorMiddleware"

#: Every demo account's e-mail ends with this (the demo app's seed creates them).
#: Kept here, not in the demo app, because production, where the demo app is not
#: installed, is where the check below must find them.
DEMO_EMAIL_DOMAIN = "@demo.ssp.test"


def demo_accounts():
    """The demo accounts in the database (known password and TOTP secret)."""
    return get_user_model().objects.filter(email__iendswith=DEMO_EMAIL_DOMAIN)


@register(Tags.security)
def check_security_middleware(app_configs, **kwargs):
    errors = []
    if _CSP_MIDDLEWARE not in settings.MIDDLEWARE:
        errors.append(
            Error(
                "The Content-Security-Policy middleware is not installed.",
                id="lms.E001",
            )
        )
    if _MFA_MIDDLEWARE not in settings.MIDDLEWARE:
        errors.append(
            Error(
                "Staff could use the site without two-factor login: "
                f"{_MFA_MIDDLEWARE} is not installed.",
                id="lms.E002",
            )
        )
    script_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].get("script-src", [])
    if "'unsafe-inline'" in script_src or "'unsafe-eval'" in script_src:
        errors.append(
            Error(
                "The public Content-Security-Policy allows inline or eval'd script.",
                id="lms.E003",
            )
        )
    return errors


@register(Tags.security, deploy=True)
def check_deploy_settings(app_configs, **kwargs):
    warnings = []
    if not getattr(settings, "SERVICES_MODE", False):
        warnings.append(
            Warning(
                "Production runs in embedded mode; set DATABASE_URL and REDIS_URL.",
                id="lms.W001",
            )
        )
    warnings.extend(proxy_trust_warnings())
    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        warnings.append(
            Warning(
                "E-mail is written to files; set EMAIL_URL to send it.",
                id="lms.W003",
            )
        )
    return warnings


def proxy_trust_warnings() -> list[Warning]:
    """Forwarded headers are believed only from proxies declared in
    TRUSTED_PROXY_COUNT, and only through core.client_address. Anything else lets a
    client that reaches a web process directly choose its own address or scheme."""
    warnings = []
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and proxies < 1:
        warnings.append(
            Warning(
                "X-Forwarded-Proto is trusted (SECURE_PROXY_SSL_HEADER) but no proxy "
                "is declared: set TRUSTED_PROXY_COUNT to the proxies in front.",
                id="lms.W002",
            )
        )
    if getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0) != proxies or getattr(
        settings, "ALLAUTH_TRUSTED_CLIENT_IP_HEADER", None
    ):
        warnings.append(
            Warning(
                "allauth trusts forwarded headers on its own terms: leave "
                "ALLAUTH_TRUSTED_PROXY_COUNT equal to TRUSTED_PROXY_COUNT and "
                "ALLAUTH_TRUSTED_CLIENT_IP_HEADER unset.",
                id="lms.W004",
            )
        )
    if not _adapter_uses_client_address():
        warnings.append(
            Warning(
                "The allauth adapter does not take the client address from "
                "core.client_address, so its rate limits may trust X-Forwarded-For.",
                id="lms.W005",
            )
        )
    if proxies > 1:
        warnings.append(
            Warning(
                f"TRUSTED_PROXY_COUNT is {proxies}: deploy/haproxy overwrites "
                "X-Forwarded-For with the one address it saw, so 1 is expected.",
                id="lms.W006",
            )
        )
    return warnings


def _adapter_uses_client_address() -> bool:
    """Ask allauth's adapter for the address of a request whose X-Forwarded-For is
    not an address, and compare with core.client_address (which falls back to the
    peer where allauth's own code refuses the request)."""
    from django.http import HttpRequest

    from allauth.account.adapter import get_adapter

    from core.client_address import client_address

    request = HttpRequest()
    request.META = {
        "REMOTE_ADDR": "192.0.2.10",
        "HTTP_X_FORWARDED_FOR": "198.51.100.7, not-an-address",
    }
    try:
        address = get_adapter(request).get_client_ip(request)
    except Exception:  # noqa: BLE001 - any refusal means it is not ours
        return False
    return address == client_address(request)


@register(Tags.security, deploy=True)
def check_no_demo_accounts(app_configs, **kwargs):
    """A deploy fails while demo accounts (published password and TOTP secret)
    exist. A database that cannot be read yet (no tables) has none."""
    from django.db import DatabaseError

    try:
        count = demo_accounts().count()
    except DatabaseError:
        return []
    if not count:
        return []
    return [
        Error(
            f"{count} demo account(s) ({DEMO_EMAIL_DOMAIN}) exist; they have a "
            "published password. Delete them before going live.",
            id="lms.E004",
        )
    ]

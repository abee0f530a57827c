"""Project system checks that ``check --deploy`` does not make on its own."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

_CSP_MIDDLEWARE = "core.middleware.ContentSecurityPolicyMiddleware"
_MFA_MIDDLEWARE = "accounts.middleware.RequireMultiFactorMiddleware"


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
    if getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0) < 1:
        warnings.append(
            Warning(
                "ALLAUTH_TRUSTED_PROXY_COUNT is 0: behind a proxy every user shares "
                "the proxy's login rate-limit bucket.",
                id="lms.W002",
            )
        )
    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        warnings.append(
            Warning(
                "E-mail is written to files; set EMAIL_URL to send it.",
                id="lms.W003",
            )
        )
    return warnings

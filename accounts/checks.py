"""Deployment checks for NemLog-in: when it is switched on, its keys and the IdP's
metadata must be there, and production must not trust the local test IdP."""

from django.core.checks import Error, Tags, register

from . import nemlogin


@register(Tags.security, deploy=True)
def check_nemlogin_configuration(app_configs, **kwargs):
    problems = nemlogin.configuration_problems()
    messages = [
        Error(
            f"NEMLOGIN_ENABLED is on, but {problem}",
            hint="Set NEMLOGIN_IDP_METADATA_FILE, NEMLOGIN_SP_KEY_FILE and "
            "NEMLOGIN_SP_CERT_FILE (README: NemLog-in), or NEMLOGIN_ENABLED=false.",
            id="lms.E010",
        )
        for problem in problems
    ]
    if nemlogin.is_enabled() and "saml-test-idp" in nemlogin.idp_settings().get(
        "entity_id", ""
    ):
        messages.append(
            Error(
                "NemLog-in trusts the local test IdP, which signs any identity.",
                hint="Use NemLog-in's metadata in NEMLOGIN_IDP_METADATA_FILE.",
                id="lms.E011",
            )
        )
    return messages

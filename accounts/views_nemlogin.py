"""The end of a NemLog-in login: allauth's SAML ACS view has verified nothing yet; this
view (which takes the place of allauth's ``saml_finish_acs``) verifies the response
with python3-saml, then applies our rules before allauth logs the person in.

Every refusal renders a Danish explanation, is logged with its technical reason, and
logs nobody in. The only row a refused login can write is the used assertion's ID
(after its signature was verified), so it can never be played again.
"""

import binascii
import logging
from datetime import UTC, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from allauth.core.internal import httpkit
from allauth.socialaccount.helpers import complete_social_login
from allauth.socialaccount.providers.saml.utils import build_auth, get_app_or_404
from allauth.socialaccount.sessions import LoginSession

from . import nemlogin
from .nemlogin import NemLoginRefused, Refusal
from .selectors import nemlogin_user_find, organisation_by_cvr
from .services import nemlogin_account_link, saml_assertion_claim

logger = logging.getLogger("accounts.nemlogin")


def _refusal_response(request: HttpRequest, refusal: NemLoginRefused) -> HttpResponse:
    logger.warning(
        "NemLog-in login refused: %s: %s", refusal.reason.value, refusal.detail
    )
    return render(
        request,
        "account/nemlogin_refused.html",
        {"message": refusal.message, "reason": refusal.reason.value},
        status=403,
    )


def _verified_auth(request: HttpRequest, provider):
    """The python3-saml ``Auth`` of the posted response, verified (signature,
    issuer, audience, destination, validity window, encryption), or a refusal."""
    acs_session = LoginSession(request, "saml_acs_session", "saml-acs-session")
    serialized = acs_session.store.get("request")
    acs_session.delete()
    if not serialized:
        raise NemLoginRefused(Refusal.INVALID_RESPONSE, "no posted SAML response")
    acs_request = httpkit.deserialize_request(serialized, HttpRequest())
    auth = build_auth(acs_request, provider)
    try:
        auth.process_response(request_id=None)
    except (binascii.Error, ValueError) as error:
        raise NemLoginRefused(
            Refusal.INVALID_RESPONSE, f"unreadable: {error}"
        ) from None
    except Exception as error:  # python3-saml raises its own errors and lxml's
        raise NemLoginRefused(
            Refusal.INVALID_RESPONSE, f"{type(error).__name__}: {error}"
        ) from None
    errors = auth.get_errors()
    if errors:
        raise NemLoginRefused(
            Refusal.INVALID_RESPONSE,
            f"{', '.join(errors)}: {auth.get_last_error_reason()}",
        )
    if not auth.is_authenticated():
        raise NemLoginRefused(Refusal.INVALID_RESPONSE, "not authenticated")
    return auth


class NemLoginFinishView(View):
    def get(self, request: HttpRequest, organization_slug: str) -> HttpResponse:
        if organization_slug != nemlogin.CLIENT_ID or not nemlogin.is_enabled():
            raise Http404
        provider = get_app_or_404(request, organization_slug).get_provider(request)
        try:
            auth = _verified_auth(request, provider)
            expires = auth.get_last_assertion_not_on_or_after()
            if not saml_assertion_claim(
                assertion_id=auth.get_last_assertion_id(),
                issuer=provider.app.settings["idp"]["entity_id"],
                expires_at=(
                    datetime.fromtimestamp(expires, tz=UTC)
                    if expires
                    else timezone.now() + timedelta(hours=1)
                ),
            ):
                raise NemLoginRefused(
                    Refusal.REPLAYED, f"assertion {auth.get_last_assertion_id()}"
                )
            identity = nemlogin.identity_from_attributes(auth.get_attributes())
            organisation = organisation_by_cvr(cvr=identity.cvr)
            if organisation is None:
                raise NemLoginRefused(
                    Refusal.UNKNOWN_ORGANISATION,
                    f"CVR {identity.cvr} ({identity.organisation_name})",
                    cvr=identity.cvr,
                )
            user = nemlogin_user_find(
                persistent_id=identity.persistent_id, email=identity.email
            )
            if user is None:
                raise NemLoginRefused(Refusal.NO_ACCOUNT, f"CVR {identity.cvr}")
            if not user.is_active:
                raise NemLoginRefused(Refusal.INACTIVE, f"user {user.pk}")
            if user.organisation_id != organisation.pk:
                raise NemLoginRefused(
                    Refusal.ORGANISATION_MISMATCH,
                    f"user {user.pk} is in organisation {user.organisation_id}, "
                    f"CVR {identity.cvr} is organisation {organisation.pk}",
                    organisation=organisation.name,
                )
            state_id = auth.get_last_response_in_response_to()
            if not state_id:
                raise NemLoginRefused(Refusal.INVALID_RESPONSE, "IdP-initiated login")
            try:
                state = provider.unstash_redirect_state(request, state_id)
            except PermissionDenied:
                raise NemLoginRefused(
                    Refusal.INVALID_RESPONSE,
                    f"InResponseTo {state_id} was not requested in this session",
                ) from None
            extra_data = {
                "email": identity.email,
                "first_name": identity.first_name,
                "last_name": identity.last_name,
                "cvr": identity.cvr,
                "organisation_name": identity.organisation_name,
                "assurance": identity.assurance.name.title(),
            }
            try:
                nemlogin_account_link(
                    user=user,
                    persistent_id=identity.persistent_id,
                    extra_data=extra_data,
                )
            except ValidationError as error:
                raise NemLoginRefused(
                    Refusal.INVALID_RESPONSE, str(error.messages)
                ) from None
        except NemLoginRefused as refusal:
            return _refusal_response(request, refusal)

        sociallogin = provider.sociallogin_from_response(request, auth)
        sociallogin.account.extra_data = extra_data
        sociallogin.state = state
        logger.info(
            "NemLog-in login of user %s at assurance %s",
            user.pk,
            identity.assurance.name,
        )
        response = complete_social_login(request, sociallogin)
        if request.user.is_authenticated and request.user.pk == user.pk:
            # What single logout needs to tell NemLog-in which session ended.
            request.session[nemlogin.LOGOUT_SESSION_KEY] = {
                "name_id": auth.get_nameid(),
                "name_id_format": auth.get_nameid_format(),
                "name_id_nq": auth.get_nameid_nq(),
                "name_id_spnq": auth.get_nameid_spnq(),
                "session_index": auth.get_session_index(),
            }
        return response


nemlogin_finish = NemLoginFinishView.as_view()

"""allauth adapter: accounts are created by Socialstyrelsen or through a confirmed
nomination, never by self sign-up (enrolment is a dialogue with municipalities)."""

from django.http import HttpRequest

from allauth.account.adapter import DefaultAccountAdapter

from core.client_address import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        """allauth's rate limits count by the same address as ours
        (core.client_address), which trusts X-Forwarded-For only as configured."""
        return client_address(request)

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

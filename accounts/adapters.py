"""allauth adapter: accounts are created by Socialstyrelsen or through a confirmed
nomination, never by self sign-up (enrolment is a dialogue with municipalities)."""

from django.http import HttpRequest

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

"""Seats are never oversold: real concurrent requests on PostgreSQL."""

import threading

from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from courses.models import Enrolment, Nomination
from tests.courses.enrolment_helpers import (
    administrator,
    contact,
    nominate,
    open_offering,
    organisation,
)

pytestmark = [
    pytest.mark.services,
    # serialized_rollback: the flush after the test must not take the organisations
    # and roles (data migrations) away from the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _race(requests: list, worker) -> list:
    """Run ``worker(item)`` for every item at once (a barrier releases them
    together), each in its own thread with its own database connection."""
    barrier = threading.Barrier(len(requests))
    results: list = [None] * len(requests)

    def run(index, item):
        try:
            barrier.wait()
            results[index] = worker(item)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, item))
        for index, item in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_concurrent_confirmations_never_take_more_seats_than_there_are(
    services_mode,
):
    admin = administrator()
    TOTP.activate(admin, "JBSWY3DPEHPK3PXPTESTTEST")
    aarhus = contact("Aarhus")
    offering = open_offering(admin, seats=5)
    from courses.models import Invitation

    invitation = Invitation.objects.get(
        offering=offering, organisation=organisation("Aarhus")
    )
    nominations = [nominate(invitation, aarhus, number) for number in range(16)]
    url = f"/planlaegning/hold/{offering.pk}/tilmelding/afgoer/"

    def confirm(nomination: Nomination):
        client = Client(HTTP_ACCEPT_LANGUAGE="da")
        client.force_login(admin)
        response = client.post(
            url,
            {"decision": "confirm", "nominations": [nomination.pk]},
        )
        # Seat or not, the answer is a redirect; the message says which.
        said = [
            (message.level_tag, str(message))
            for message in get_messages(response.wsgi_request)
        ]
        return response.status_code, said

    results = _race(nominations, confirm)

    assert [status for status, _said in results] == [302] * 16
    levels = sorted(level for _status, said in results for level, _text in said)
    assert levels == ["error"] * 11 + ["success"] * 5
    refused = [text for _s, said in results for level, text in said if level == "error"]
    assert all(text.startswith("Der er 0 ledige pladser") for text in refused)
    assert Enrolment.objects.filter(offering=offering, status="bekraeftet").count() == 5
    assert Enrolment.objects.filter(offering=offering).count() == 5
    assert Nomination.objects.filter(status="afgjort").count() == 5

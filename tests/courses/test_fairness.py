"""The fairness rule (courses.services.fairness): suggested seats and freed seats.

Property tests over random offerings, organisations and cancellations check the
rule itself and that no seat is ever oversold, first on the pure functions, then
through the real services on the database."""

import itertools

from django.db import transaction

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courses.models import SEAT_HOLDING_STATUSES, Enrolment, EnrolmentStatus, Invitation
from courses.services.enrolment import (
    Decision,
    enrolment_cancel,
    invitation_set_seats,
    nominations_decide,
)
from courses.services.fairness import WaitingPlace, fair_shares, promotion_order
from courses.services.offerings import offering_save
from tests.courses.enrolment_helpers import (
    administrator,
    contact,
    nominate,
    open_offering,
    organisation,
)

# -- the rule, on its own --------------------------------------------------------

organisation_lists = st.lists(
    st.text(alphabet="abcdefghæøå", min_size=1, max_size=6),
    min_size=1,
    max_size=9,
    unique=True,
).map(lambda names: [(index + 1, name) for index, name in enumerate(names)])


@given(
    organisations=organisation_lists,
    seats=st.integers(min_value=0, max_value=60),
    data=st.data(),
)
def test_fair_shares_keep_manual_shares_and_split_the_rest_evenly(
    organisations, seats, data
):
    ids = [pk for pk, _name in organisations]
    fixed_ids = data.draw(st.sets(st.sampled_from(ids)))
    fixed = {pk: data.draw(st.integers(0, 20)) for pk in fixed_ids}

    shares = fair_shares(seats=seats, organisations=organisations, fixed=fixed)

    assert set(shares) == set(ids)
    assert all(shares[pk] == fixed[pk] for pk in fixed)
    free = sorted((name, pk) for pk, name in organisations if pk not in fixed)
    rest = [shares[pk] for _name, pk in free]
    if free:
        assert sum(rest) == max(seats - sum(fixed.values()), 0)
        assert max(rest) - min(rest) <= 1
        # The odd seats go to the first in alphabetical order.
        assert rest == sorted(rest, reverse=True)


def _expected_winner(queue, shares, held):
    """The rule, said the other way round: the organisations below their share with
    someone waiting; the one furthest below; its first waiting person, or, if two
    are equally far below, whoever of them waited longest. Nobody below: the
    first in the queue."""
    shortfall = {
        place.organisation_id: shares.get(place.organisation_id, 0)
        - held.get(place.organisation_id, 0)
        for place in queue
    }
    below = {org: gap for org, gap in shortfall.items() if gap > 0}
    if not below:
        return queue[0]
    furthest = max(below.values())
    return next(
        place for place in queue if below.get(place.organisation_id) == furthest
    )


@settings(max_examples=300)
@given(data=st.data())
def test_freed_seats_follow_the_rule_and_are_never_oversold(data):
    organisations = data.draw(organisation_lists)
    ids = [pk for pk, _name in organisations]
    seats = data.draw(st.integers(min_value=1, max_value=20))
    shares = fair_shares(seats=seats, organisations=organisations)
    people = itertools.count(1)
    holders = [
        WaitingPlace(next(people), data.draw(st.sampled_from(ids)))
        for _ in range(data.draw(st.integers(0, seats)))
    ]
    queue = [
        WaitingPlace(next(people), data.draw(st.sampled_from(ids)))
        for _ in range(data.draw(st.integers(0, 15)))
    ]
    for _step in range(data.draw(st.integers(1, 12))):
        if holders and data.draw(st.booleans()):
            holders.pop(data.draw(st.integers(0, len(holders) - 1)))  # cancels
        else:
            queue.append(WaitingPlace(next(people), data.draw(st.sampled_from(ids))))
        held = {}
        for place in holders:
            held[place.organisation_id] = held.get(place.organisation_id, 0) + 1
        free = seats - len(holders)
        chosen = promotion_order(free=free, shares=shares, holding=held, waiting=queue)
        assert len(chosen) == min(free, len(queue))
        for place in chosen:
            assert place == _expected_winner(queue, shares, held)
            queue.remove(place)
            holders.append(place)
            held[place.organisation_id] = held.get(place.organisation_id, 0) + 1
        assert len(holders) <= seats


# -- the rule, through the services ----------------------------------------------

DISTRICT_ORGANISATIONS = ("Aarhus", "Favrskov", "Odder", "Østjyllands Politi")


@pytest.mark.django_db
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_cancellations_on_the_database_promote_by_the_rule(data):
    seats = data.draw(st.integers(min_value=2, max_value=5), label="seats")
    with transaction.atomic():
        admin = administrator()
        offering = open_offering(admin, seats=seats)
        contacts = {name: contact(name) for name in DISTRICT_ORGANISATIONS}
        order = data.draw(
            st.lists(
                st.sampled_from(DISTRICT_ORGANISATIONS), min_size=seats, max_size=10
            ),
            label="nominations",
        )
        nominations = []
        for number, name in enumerate(order):
            invitation = Invitation.objects.get(
                offering=offering, organisation=organisation(name)
            )
            nominations.append(nominate(invitation, contacts[name], number))
        for nomination in nominations[:seats]:
            nominations_decide(
                offering=offering,
                nomination_ids=[nomination.pk],
                actor=admin,
                decision=Decision.CONFIRM,
            )
        for nomination in nominations[seats:]:  # wait-listed one at a time, in order
            nominations_decide(
                offering=offering,
                nomination_ids=[nomination.pk],
                actor=admin,
                decision=Decision.WAITLIST,
            )
        shares = dict(
            Invitation.objects.filter(offering=offering).values_list(
                "organisation_id", "suggested_seats"
            )
        )
        for _step in range(data.draw(st.integers(1, seats), label="cancellations")):
            holders = list(
                Enrolment.objects.filter(
                    offering=offering, status__in=SEAT_HOLDING_STATUSES
                ).select_related("nomination__invitation")
            )
            leaving = holders[data.draw(st.integers(0, len(holders) - 1))]
            queue = [
                WaitingPlace(e.pk, e.nomination.invitation.organisation_id)
                for e in Enrolment.objects.filter(
                    offering=offering, status=EnrolmentStatus.WAITLISTED
                )
                .select_related("nomination__invitation")
                .order_by("waitlisted_at", "pk")
            ]
            held = {}
            for enrolment in holders:
                if enrolment.pk != leaving.pk:
                    org = enrolment.nomination.invitation.organisation_id
                    held[org] = held.get(org, 0) + 1
            expected = _expected_winner(queue, shares, held) if queue else None

            enrolment_cancel(enrolment=leaving, actor=admin)

            offered = set(
                Enrolment.objects.filter(
                    offering=offering, status=EnrolmentStatus.OFFERED
                ).values_list("pk", flat=True)
            )
            if expected is not None:
                assert expected.enrolment_id in offered
            taken = Enrolment.objects.filter(
                offering=offering, status__in=SEAT_HOLDING_STATUSES
            ).count()
            assert taken <= seats
            assert taken == min(seats, len(holders) - 1 + len(queue))
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_suggestions_follow_the_seats_and_keep_manual_ones():
    admin = administrator()
    offering = open_offering(admin, seats=10)
    aarhus = Invitation.objects.get(
        offering=offering, organisation=organisation("Aarhus")
    )
    samsoe = Invitation.objects.get(
        offering=offering, organisation=organisation("Samsø")
    )
    invitation_set_seats(invitation=samsoe, actor=admin, seats=3)

    def shares():
        return dict(
            Invitation.objects.filter(offering=offering).values_list(
                "organisation__name", "suggested_seats"
            )
        )

    # Samsø's 3 are kept; the other 7 organisations share 7.
    assert shares()["Samsø Kommune"] == 3
    assert sum(shares().values()) == 10
    offering.seats = 5
    offering_save(offering=offering)
    assert shares() == {
        "Aarhus Kommune": 1,
        "Favrskov Kommune": 1,
        "Norddjurs Kommune": 0,
        "Odder Kommune": 0,
        "Randers Kommune": 0,
        "Samsø Kommune": 3,
        "Syddjurs Kommune": 0,
        "Østjyllands Politi": 0,
    }
    aarhus.refresh_from_db()
    assert not aarhus.seats_set_manually
    # Given back to the rule, Samsø is recomputed with the others.
    invitation_set_seats(invitation=samsoe, actor=admin, seats=None)
    assert shares()["Samsø Kommune"] == 0
    assert sum(shares().values()) == 5


@pytest.mark.django_db
def test_pages_explain_the_rule_and_flag_manual_shares(client):
    admin = administrator()
    TOTP.activate(admin, "JBSWY3DPEHPK3PXPTESTTEST")
    aarhus_contact = contact("Aarhus")
    offering = open_offering(admin, seats=10)
    aarhus = Invitation.objects.get(
        offering=offering, organisation=organisation("Aarhus")
    )
    client.force_login(admin)
    response = client.post(
        f"/planlaegning/hold/{offering.pk}/tilmelding/pladser/",
        {"invitation": aarhus.pk, "seats": "4"},
    )
    assert response.status_code == 302
    page = client.get(f"/planlaegning/hold/{offering.pk}/tilmelding/").content.decode()
    assert "Sådan fordeles pladserne:" in page
    assert "manuelt sat" in page
    client.force_login(aarhus_contact)
    page = client.get(f"/tilmelding/{aarhus.pk}/").content.decode()
    assert "Sådan fordeles pladserne:" in page
    assert "længst under sin andel" in page
    assert "(manuelt sat)" in page

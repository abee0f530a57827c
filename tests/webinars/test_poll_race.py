"""A vote never lands after the close of its poll: real concurrent threads on
PostgreSQL, several votes racing one close, repeated."""

import threading
import time

from django.db import connection

import pytest

from tests.accounts.factories import UserFactory
from webinars import services
from webinars.models import PollVote, RoomEvent, RoomState

from .factories import room_create

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROUNDS = 6
VOTERS = 6


def _race(workers: list) -> list:
    """Run every worker at once (a barrier releases them together), each in its
    own thread with its own database connection; return what each returned or
    raised."""
    barrier = threading.Barrier(len(workers))
    results: list = [None] * len(workers)

    def run(index, worker):
        try:
            barrier.wait()
            results[index] = worker()
        except Exception as error:  # noqa: BLE001 - a refusal is a result here
            results[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, worker))
        for index, worker in enumerate(workers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_no_vote_is_stored_after_the_close_counted(services_mode, monkeypatch):
    room, host, _people = room_create(participants=0)
    room.state = RoomState.LIVE
    room.save(update_fields=["state"])
    voters = [UserFactory() for _ in range(VOTERS)]
    # Widen the window between a vote's check of the poll and its insert, as a
    # busy database does: without the poll's row lock, the close slips in there
    # and announces final counts without the vote that is stored just after.
    create = PollVote.objects.create

    def slow_create(**fields):
        time.sleep(0.05)
        return create(**fields)

    monkeypatch.setattr(PollVote.objects, "create", slow_create)

    for round_number in range(ROUNDS):
        poll = services.poll_open(
            room=room,
            user=host,
            question=f"Runde {round_number}",
            options=["Ja", "Nej"],
        )

        def vote(person, poll_id=poll.pk):
            return lambda: services.poll_vote(
                room=room, user=person, poll_id=poll_id, option=0
            )

        def close(poll_id=poll.pk):
            # Let the votes pass their checks first, so the close meets them in
            # flight.
            time.sleep(0.02)
            return services.poll_close(room=room, user=host, poll_id=poll_id)

        results = _race([vote(person) for person in voters] + [close])

        assert not isinstance(results[-1], Exception), results[-1]
        closed = RoomEvent.objects.get(
            room=room, kind="poll.closed", payload__poll=poll.pk
        )
        stored = PollVote.objects.filter(poll=poll).count()
        accepted = sum(1 for result in results[:-1] if isinstance(result, RoomEvent))
        refused = [r for r in results[:-1] if not isinstance(r, RoomEvent)]
        assert all(str(r.messages[0]) == "Afstemningen er lukket." for r in refused), (
            refused
        )
        # Every stored vote is in the final result, and every accepted vote stored.
        assert closed.payload["counts"] == [stored, 0], (round_number, stored)
        assert stored == accepted

"""The fairness rule for seats, implemented once.

1. **Suggested seats.** Every invited organisation is suggested an equal share of
   the seats; seats that do not divide evenly go one each to the organisations
   first in alphabetical order. A share an administrator set by hand is kept (and
   shown as "manuelt sat"); the other shares divide what is left. They are
   recomputed whenever the seats or the invited organisations change.
2. **A freed seat** is offered first to the waiting list of the organisation
   furthest below its share (its share minus the seats its people hold, confirmed
   or offered); at a tie, to whoever has waited longest. When no organisation with
   people waiting is below its share, the seat goes to whoever has waited longest.

``fair_shares`` and ``promotion_order`` are pure functions (the property tests
drive them directly); ``invitation_suggestions_recompute`` applies rule 1 to an
offering's invitations. ``services.enrolment.waitlist_promote`` applies rule 2.
The Danish text shown to people is ``templates/courses/enrolment/_fairness_rule.html``.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import ngettext

from courses.models import EnrolmentEvent, EnrolmentEventKind, Invitation, Offering


def fair_shares(
    *,
    seats: int,
    organisations: Sequence[tuple[int, str]],
    fixed: Mapping[int, int] | None = None,
) -> dict[int, int]:
    """Rule 1: each organisation's share of ``seats``.

    ``organisations`` are (id, name) pairs; ``fixed`` maps ids to shares set by hand,
    which are kept as they are. The rest divide what is left (never below 0) equally,
    the remainder one each in alphabetical order. Pure; the shares of the
    organisations not fixed add up to ``max(seats - sum(fixed), 0)``.
    """
    ids = {pk for pk, _name in organisations}
    kept = {pk: seats for pk, seats in (fixed or {}).items() if pk in ids}
    shares = dict(kept)
    free = sorted((name, pk) for pk, name in organisations if pk not in kept)
    if free:
        base, rest = divmod(max(seats - sum(kept.values()), 0), len(free))
        for index, (_name, pk) in enumerate(free):
            shares[pk] = base + (index < rest)
    return shares


@dataclass(frozen=True)
class WaitingPlace:
    """One place on a waiting list: its id and the organisation it counts for."""

    enrolment_id: int
    organisation_id: int | None


def promotion_order(
    *,
    free: int,
    shares: Mapping[int, int],
    holding: Mapping[int | None, int],
    waiting: Sequence[WaitingPlace],
) -> list[WaitingPlace]:
    """Rule 2: who gets the ``free`` seats, in the order they get them.

    ``waiting`` is in order of waiting (longest first); ``holding`` is how many
    seats each organisation's people hold now. Each seat goes to the first waiting
    person of the organisation with the largest positive shortfall (share minus
    held), else to the first waiting person; the seat then counts as held. Pure.
    """
    held = dict(holding)
    queue = list(waiting)
    chosen: list[WaitingPlace] = []
    while free > 0 and queue:
        best, best_shortfall = 0, 0
        for index, place in enumerate(queue):
            organisation_id = place.organisation_id
            shortfall = (shares.get(organisation_id, 0) if organisation_id else 0) - (
                held.get(organisation_id, 0)
            )
            if shortfall > best_shortfall:
                best, best_shortfall = index, shortfall
        place = queue.pop(best)
        chosen.append(place)
        held[place.organisation_id] = held.get(place.organisation_id, 0) + 1
        free -= 1
    return chosen


def invitation_suggestions_recompute(*, offering: Offering) -> list[Invitation]:
    """Rule 1 applied to an offering's invitations: shares set by hand are kept,
    the others recomputed from the offering's seats. Must run inside the caller's
    transaction (the invitation rows are locked). Side effect: an audit event per
    changed invitation (no actor: the rule did it). Idempotent. Returns the
    invitations whose suggestion changed."""
    invitations = list(
        Invitation.objects.select_for_update(of=("self",))
        .filter(offering=offering)
        .select_related("organisation")
    )
    shares = fair_shares(
        seats=offering.seats,
        organisations=[(i.organisation_id, i.organisation.name) for i in invitations],
        fixed={
            i.organisation_id: i.suggested_seats
            for i in invitations
            if i.seats_set_manually
        },
    )
    changed = [i for i in invitations if i.suggested_seats != shares[i.organisation_id]]
    for invitation in changed:
        invitation.suggested_seats = shares[invitation.organisation_id]
    Invitation.objects.bulk_update(changed, ["suggested_seats"])
    EnrolmentEvent.objects.bulk_create(
        [
            EnrolmentEvent(
                offering=offering,
                organisation=invitation.organisation,
                kind=EnrolmentEventKind.SEATS_CHANGED,
                actor=None,
                detail=ngettext(
                    "%(seats)s suggested seat (recomputed)",
                    "%(seats)s suggested seats (recomputed)",
                    invitation.suggested_seats,
                )
                % {"seats": invitation.suggested_seats},
            )
            for invitation in changed
        ]
    )
    return changed


__all__ = [
    "WaitingPlace",
    "fair_shares",
    "invitation_suggestions_recompute",
    "promotion_order",
]

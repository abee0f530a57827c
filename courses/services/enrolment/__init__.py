"""Writes for enrolment by dialogue: invite, nominate, talk, decide, change, remind.

The seat limit is guarded in the database: every write that can take a seat locks
the offering's row (``select_for_update``) and counts the seat-holding enrolments
inside that lock, so concurrent confirmations queue up and the last seat goes to one
of them. Every step writes an ``EnrolmentEvent`` (the audit trail) and schedules its
e-mails through ``core.mail`` (sent after commit, once).

One module per flow; callers import from here. A test that replaces a name must
replace it in the module that uses it (e.g. ``courses.services.enrolment.waitlist.
OFFER_TIME``): these re-exports are bindings, not the names the flows look up.
"""

from courses.services.enrolment._common import Decision
from courses.services.enrolment.cancel import enrolment_cancel
from courses.services.enrolment.decide import nominations_decide
from courses.services.enrolment.dialogue import (
    dialogue_mark_read,
    dialogue_message_post,
)
from courses.services.enrolment.invite import (
    invitation_set_seats,
    offering_open_for_nominations,
)
from courses.services.enrolment.nominate import (
    nomination_add,
    nomination_move,
    nomination_withdraw,
)
from courses.services.enrolment.remind import (
    DEADLINE_REMINDER_DAYS,
    SESSION_REMINDER_BEFORE,
    enrolment_reminders_schedule,
)
from courses.services.enrolment.waitlist import (
    OFFER_TIME,
    enrolment_offer_accept,
    enrolment_offers_expire,
    waitlist_promote,
)

__all__ = [
    "DEADLINE_REMINDER_DAYS",
    "OFFER_TIME",
    "SESSION_REMINDER_BEFORE",
    "Decision",
    "dialogue_mark_read",
    "dialogue_message_post",
    "enrolment_cancel",
    "enrolment_offer_accept",
    "enrolment_offers_expire",
    "enrolment_reminders_schedule",
    "invitation_set_seats",
    "nomination_add",
    "nomination_move",
    "nomination_withdraw",
    "nominations_decide",
    "offering_open_for_nominations",
    "waitlist_promote",
]

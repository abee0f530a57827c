"""Erasure jobs: a person is erased when their erasure falls due, after their data
has been handed to the archive when the decision says so.

Public bodies may have to hand records to the archive (arkivering) before they
delete them. ``erasure_request_create`` records the decision; the periodic
``erasures_run_due`` carries it out: claim the row, write the person's export as
JSON into ``settings.ERASURE_ARCHIVE_DIR``, then apply every model's declared erasure
(``core.personal_data``). The request row stays as the record that it happened.
"""

import datetime
import json
import logging
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ErasureRequest
from .personal_data import personal_data_erase, personal_data_export

logger = logging.getLogger(__name__)


def erasure_request_create(
    *,
    user,
    requested_by,
    reason: str,
    archive: bool = True,
    due_at: datetime.datetime | None = None,
) -> ErasureRequest:
    """Record that ``user`` is to be erased at ``due_at`` (now by default).

    Raises ``ValidationError`` (Danish) without a reason, or when an erasure of the
    person is already pending; nothing is stored then. Not idempotent.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for the erasure."))
    if ErasureRequest.objects.filter(user=user, completed_at__isnull=True).exists():
        raise ValidationError(_("An erasure of this person is already pending."))
    return ErasureRequest.objects.create(
        user=user,
        label=f"bruger #{user.pk}",
        requested_by=requested_by,
        reason=reason[:300],
        archive=archive,
        due_at=due_at or timezone.now(),
    )


def _archive_write(request: ErasureRequest) -> str:
    folder = Path(settings.ERASURE_ARCHIVE_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"sletning-{request.pk}-{timezone.now():%Y%m%d%H%M%S}.json"
    document = {
        "erasure": request.pk,
        "label": request.label,
        "reason": request.reason,
        "exported_at": timezone.now(),
        "data": personal_data_export(user=request.user),
    }
    path.write_text(
        json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    return str(path)


def erasure_run(*, request_id: int) -> bool:
    """Carry out one due erasure if nobody has started it. Claims the row first
    (``started_at``), so two runs never erase twice. Writes the archive file before
    erasing; if writing fails the claim is released and nothing is erased. Returns
    whether this call completed it."""
    now = timezone.now()
    claimed = ErasureRequest.objects.filter(
        pk=request_id, started_at__isnull=True, due_at__lte=now
    ).update(started_at=now)
    if claimed != 1:
        return False
    request = ErasureRequest.objects.select_related("user").get(pk=request_id)
    if request.user is None:
        ErasureRequest.objects.filter(pk=request_id).update(completed_at=now)
        return True
    archive_file = ""
    if request.archive:
        try:
            archive_file = _archive_write(request)
        except OSError:
            ErasureRequest.objects.filter(pk=request_id).update(started_at=None)
            raise
    with transaction.atomic():
        personal_data_erase(user=request.user)
        ErasureRequest.objects.filter(pk=request_id).update(
            archive_file=archive_file, completed_at=timezone.now()
        )
    return True


def erasures_run_due() -> int:
    """Periodic: carry out every erasure that is due. Returns how many completed."""
    done = 0
    due = ErasureRequest.objects.filter(
        started_at__isnull=True, due_at__lte=timezone.now()
    )
    for request_id in due.values_list("pk", flat=True):
        try:
            done += erasure_run(request_id=request_id)
        except OSError:
            logger.exception("Erasure %s could not write its archive file", request_id)
    return done

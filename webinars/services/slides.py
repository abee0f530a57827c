"""Slides: the uploaded PDF and the page everyone sees."""

import io
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import pypdf

from accounts.models import User

from ..models import (
    Room,
    RoomEvent,
)
from ._common import _check_moderator
from .events import room_event_append

SLIDES_MAX_BYTES = 20 * 1024 * 1024


def _pdf_page_count(data: bytes) -> int:
    """Pages of an uploaded PDF, read by pypdf from the document itself (page
    tree, cross-reference streams and object streams, as PDF 1.5+ writers such as
    WeasyPrint make them). Raises ``ValidationError`` with the reason a browser's
    viewer could not show it: not a PDF, protected by a password, damaged or cut
    off, or without pages."""
    if not data.startswith(b"%PDF-"):
        raise ValidationError(_("The slides must be a PDF file."))
    broken = ValidationError(
        _(
            "The PDF file is damaged or incomplete. Save or export it again and "
            "upload the new file."
        )
    )
    # A file cut off during upload or copying has lost its end-of-file marker;
    # pypdf's lenient reading would otherwise rebuild what it can and count the
    # pages that happened to arrive.
    if b"%%EOF" not in data[-2048:]:
        raise broken
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            # Only a password to open it stops the viewer; a PDF with an owner
            # password alone (no printing, say) opens for everyone.
            raise ValidationError(
                _(
                    "The PDF is protected with a password. Save a copy without "
                    "a password and upload that."
                )
            )
        pages = len(reader.pages)
        for page in reader.pages:
            page.mediabox  # noqa: B018 - reads every page object, or fails here
    except ValidationError:
        raise
    # Anything a malformed file makes pypdf raise (its own errors, but also
    # KeyError, ValueError, TypeError deep in the parser) means the same to the
    # person uploading: the file is broken.
    except Exception as error:
        raise broken from error
    if pages < 1:
        raise ValidationError(_("The PDF has no pages."))
    return pages


def slides_upload(*, room: Room, user: User, file: UploadedFile) -> RoomEvent:
    """Replace the room's slides with a PDF (moderators): at most 20 MB, a PDF that
    opens without a password, is whole and holds at least one page (pypdf reads
    it; each refusal says why, and nothing is stored). Everyone moves to page 1."""
    _check_moderator(room=room, user=user)
    if file.size is None or file.size > SLIDES_MAX_BYTES:
        raise ValidationError(_("The slides can be at most 20 MB."))
    data = file.read()
    pages = _pdf_page_count(data)
    file.seek(0)
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=room.pk)
        room.slides.save(f"slides-{room.pk}.pdf", file, save=False)
        room.slide_pages = pages
        room.slide_page = 1
        room.save(update_fields=["slides", "slide_pages", "slide_page"])
        return room_event_append(
            room=room,
            kind="slides.uploaded",
            data={
                "pages": pages,
                "page": 1,
                "version": int(timezone.now().timestamp()),
            },
            actor=user,
        )


def slide_set(*, room: Room, user: User, page: Any) -> RoomEvent:
    """Turn everyone's slides to ``page`` (moderators)."""
    _check_moderator(room=room, user=user)
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=room.pk)
        if not room.slide_pages:
            raise ValidationError(_("No slides have been uploaded."))
        if not isinstance(page, int) or not 1 <= page <= room.slide_pages:
            raise ValidationError(
                _("Choose a page between 1 and %(pages)s.")
                % {"pages": room.slide_pages}
            )
        Room.objects.filter(pk=room.pk).update(slide_page=page)
        return room_event_append(
            room=room,
            kind="slide.changed",
            data={"page": page, "pages": room.slide_pages},
            actor=user,
        )

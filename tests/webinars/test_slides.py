"""Uploaded slides are read with pypdf: the page count comes from the document (also
PDF 1.7 with object streams), and a file the viewer could not show is refused with
its reason, storing nothing."""

import re

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

import pytest

from tests.webinars.factories import room_create
from tests.webinars.pdfs import (
    empty_pdf,
    encrypted_pdf,
    slides_pdf,
    truncated_pdf,
)
from webinars import services
from webinars.models import RoomEvent

pytestmark = pytest.mark.django_db


def _upload(room, user, data: bytes):
    return services.slides_upload(
        room=room, user=user, file=SimpleUploadedFile("slides.pdf", data)
    )


def test_a_weasyprint_pdf_with_object_streams_counts_its_three_pages():
    data = slides_pdf()
    # The byte search the service used before finds no page object here: the page
    # dictionaries sit compressed inside object streams.
    assert data.startswith(b"%PDF-1.7")
    assert re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data) == []
    room, host, _people = room_create(participants=0)
    event = _upload(room, host, data)
    room.refresh_from_db()
    assert (room.slide_pages, room.slide_page) == (3, 1)
    assert (event.kind, event.payload["pages"], event.payload["page"]) == (
        "slides.uploaded",
        3,
        1,
    )
    with room.slides.open("rb") as stored:
        assert stored.read() == data


def test_a_pdf_with_only_an_owner_password_opens_for_everyone_and_is_taken():
    room, host, _people = room_create(participants=0)
    _upload(room, host, encrypted_pdf(owner_only=True))
    room.refresh_from_db()
    assert room.slide_pages == 3


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: b"<html>ikke en pdf</html>", "Slides skal være en PDF-fil."),
        (lambda: b"GIF89a" + slides_pdf(), "Slides skal være en PDF-fil."),
        (
            encrypted_pdf,
            "PDF-filen er beskyttet med en adgangskode. Gem en kopi uden "
            "adgangskode, og upload den.",
        ),
        (
            truncated_pdf,
            "PDF-filen er beskadiget eller ufuldstændig. Gem eller eksportér den "
            "igen, og upload den nye fil.",
        ),
        (
            lambda: slides_pdf().replace(b"obj", b"jbo"),
            "PDF-filen er beskadiget eller ufuldstændig. Gem eller eksportér den "
            "igen, og upload den nye fil.",
        ),
        (empty_pdf, "PDF-filen har ingen sider."),
    ],
    ids=["html", "gif", "password", "truncated", "garbled", "no-pages"],
)
def test_a_pdf_the_viewer_cannot_show_is_refused_with_its_reason(make, reason):
    room, host, _people = room_create(participants=0)
    _upload(room, host, slides_pdf())
    room.refresh_from_db()
    before = (room.slides.name, room.slide_pages, room.slide_page, room.last_seq)
    with translation.override("da"), pytest.raises(ValidationError) as refusal:
        _upload(room, host, make())
    assert refusal.value.messages == [reason]
    room.refresh_from_db()
    assert (
        room.slides.name,
        room.slide_pages,
        room.slide_page,
        room.last_seq,
    ) == before
    assert RoomEvent.objects.filter(room=room).count() == 1

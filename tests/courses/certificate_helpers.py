"""Shared set-up for the Kursusbevis tests (test_certificates_*.py). The fixtures
``participant`` and ``grundmodul`` are in conftest.py. The PDF helpers read a
certificate's text back (a small parser, and pdftotext when installed)."""

import re
import shutil
import subprocess
import zlib

from django.utils import timezone

from courses.models import (
    ModuleCompletion,
    ModuleKind,
)
from tests.courses.factories import OfferingFactory, module_create

CODE_PATTERN = re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")


def completed(user, module, when=None):
    """A module completed on an offering (with attendance): it counts towards the
    programme under every programme rule."""
    return ModuleCompletion.objects.create(
        user=user,
        module=module,
        offering=OfferingFactory(module=module),
        completed_at=when or timezone.now(),
    )


def electives(count):
    return [
        module_create(title=f"Tilvalg {n}", kind=ModuleKind.ELECTIVE, lessons=0)
        for n in range(1, count + 1)
    ]


def _pdf_objects(data: bytes) -> dict[int, bytes]:
    """Every object of a PDF by number, streams inflated, object streams unpacked."""
    objects: dict[int, bytes] = {}
    for match in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.S):
        number, body = int(match.group(1)), match.group(2)
        head, marker, rest = body.partition(b"stream")
        if marker:
            length = int(re.search(rb"/Length (\d+)", head).group(1))
            raw = rest.lstrip(b"\r\n")[:length]
            if b"/FlateDecode" in head:
                raw = zlib.decompress(raw)
            objects[number] = head + b"stream\n" + raw
            if b"/ObjStm" in head:
                first = int(re.search(rb"/First (\d+)", head).group(1))
                pairs = [int(n) for n in raw[:first].split()]
                numbers, offsets = pairs[0::2], pairs[1::2]
                for index, inner in enumerate(numbers):
                    end = offsets[index + 1] if index + 1 < len(offsets) else None
                    stop = first + end if end is not None else None
                    objects[inner] = raw[first + offsets[index] : stop]
        else:
            objects[number] = body
    return objects


def _pdf_text_parsed(data: bytes) -> str:
    """The text of a PDF written by WeasyPrint: each font's ToUnicode map applied to
    the glyph codes in the page content. Enough for WeasyPrint's Identity-H fonts."""
    objects = _pdf_objects(data)

    def stream(number: int) -> bytes:
        return objects[number].partition(b"stream\n")[2]

    def to_unicode(number: int) -> dict[str, str]:
        cmap = stream(number)
        mapping = {}
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
            for source, target in re.findall(
                rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
            ):
                mapping[source.decode().lower()] = bytes.fromhex(
                    target.decode()
                ).decode("utf-16-be")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
            for low, high, target in re.findall(
                rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
            ):
                start = int(target, 16)
                for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                    mapping[f"{code:04x}"] = chr(start + offset)
        return mapping

    fonts: dict[bytes, dict[str, str]] = {}
    for body in objects.values():
        for font_dict in re.findall(rb"/Font (\d+) 0 R", body):
            font_names = objects[int(font_dict)]
            for name, ref in re.findall(rb"/(\w+) (\d+) 0 R", font_names):
                unicode_ref = re.search(rb"/ToUnicode (\d+) 0 R", objects[int(ref)])
                if unicode_ref:
                    fonts[name] = to_unicode(int(unicode_ref.group(1)))

    pages = [
        int(n) for n in re.findall(rb"/Contents (\d+) 0 R", b"".join(objects.values()))
    ]
    text = []
    for page in pages:
        content = stream(page)
        font: dict[str, str] = {}
        tokens = re.finditer(
            rb"/(\w+) [\d.]+ Tf|\[(.*?)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|(ET)",
            content,
            re.S,
        )
        for token in tokens:
            if token.group(1):
                font = fonts.get(token.group(1), {})
            elif token.group(4):
                text.append("\n")
            else:
                hexes = re.findall(rb"<([0-9a-fA-F]*)>", token.group(2) or b"")
                if token.group(3) is not None:
                    hexes = [token.group(3)]
                for chunk in hexes:
                    codes = chunk.decode().lower()
                    text.extend(
                        font.get(codes[i : i + 4], "") for i in range(0, len(codes), 4)
                    )
    return "".join(text)


def _pdf_text_tool(data: bytes) -> str | None:
    """The text as pypdf or poppler's pdftotext extracts it, if one is installed."""
    try:
        import pypdf  # noqa: PLC0415
    except ImportError:
        pypdf = None
    if pypdf is not None:
        import io

        return "\n".join(
            page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages
        )
    if shutil.which("pdftotext"):
        result = subprocess.run(  # noqa: S603
            ["pdftotext", "-layout", "-", "-"],  # noqa: S607
            input=data,
            capture_output=True,
            check=True,
        )
        return result.stdout.decode()
    return None

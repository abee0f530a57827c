"""Real PDF files for slide tests, made the way people make them: WeasyPrint writes
PDF 1.7 with object streams and a cross-reference stream (as PowerPoint, Keynote
and LibreOffice exports do), pypdf protects one with a password."""

import io

import pypdf
import weasyprint

SLIDE_TEXTS = ("Velkommen til SSP-webinaret", "Forebyggelsesniveauer", "Spørgsmål")


def slides_pdf(texts: tuple[str, ...] = SLIDE_TEXTS) -> bytes:
    """One landscape page per text, the text as a large heading on a coloured
    band (so a rendered page is visibly not blank)."""
    pages = "".join(
        f"<section><h1>{text}</h1><p>Side {number}</p></section>"
        for number, text in enumerate(texts, start=1)
    )
    html = f"""<style>
        @page {{ size: 297mm 167mm; margin: 0 }}
        section {{ break-after: page; height: 167mm; padding: 20mm;
                   box-sizing: border-box; background: #004993; color: white }}
        h1 {{ font-size: 40pt }}
    </style>{pages}"""
    return weasyprint.HTML(string=html).write_pdf()


def encrypted_pdf(*, owner_only: bool = False) -> bytes:
    """The slides with a password to open them, or (``owner_only``) only an owner
    password that restricts editing: anyone can open that one."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(slides_pdf())))
    password = "hemmelig"  # noqa: S105 - a test file's password
    writer.encrypt(
        user_password="" if owner_only else password,
        owner_password=password,
        algorithm="AES-256",
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def empty_pdf() -> bytes:
    """A well-formed PDF with no pages."""
    buffer = io.BytesIO()
    pypdf.PdfWriter().write(buffer)
    return buffer.getvalue()


def truncated_pdf() -> bytes:
    """The slides cut off after two thirds, as an interrupted copy leaves them."""
    data = slides_pdf()
    return data[: len(data) * 2 // 3]

"""E-mail for the whole platform: scheduled as rows, rendered in Danish, sent once.

Every e-mail goes through :func:`email_schedule`. The rows are the due dates: a
periodic job (:func:`emails_send_due`) sends what is due, and an e-mail that is due at
once is also queued right after the transaction commits. Sending claims the row first
(``sent_at``), so a retried task or an overlapping periodic run never sends twice.
"""

import logging
import smtplib
from contextvars import ContextVar
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import ScheduledEmail

logger = logging.getLogger(__name__)

#: After this many failed attempts an e-mail is left for a person to look at.
MAX_ATTEMPTS = 8
#: How many e-mails one periodic run sends at most.
BATCH_SIZE = 500
NETWORK_ERRORS = (smtplib.SMTPException, OSError)


#: The scheme and host of the request being served, set by
#: ``core.middleware.SiteBaseURLMiddleware`` when no ``SITE_BASE_URL`` is configured.
request_base_url: ContextVar[str] = ContextVar("request_base_url", default="")


def site_base_url() -> str:
    """The one base address (scheme and host, no trailing slash) for every absolute
    link the platform writes: e-mails, certificate PDFs, calendar feeds, allauth's
    mails and the Wagtail admin's.

    Production configures it (``SITE_BASE_URL``). Without it (development) it is the
    host of the request being served, so links work wherever the site runs; outside
    a request (a Celery worker) it falls back to ``WAGTAILADMIN_BASE_URL``.
    """
    return (
        settings.SITE_BASE_URL
        or request_base_url.get()
        or settings.WAGTAILADMIN_BASE_URL
    ).rstrip("/")


def absolute_url(path: str) -> str:
    """The full address of a path on this site (see :func:`site_base_url`)."""
    return site_base_url() + path


def absolute_url_rebased(url: str) -> str:
    """``url`` (absolute, built by other code from the request) moved onto the site's
    base address, keeping its path, query and fragment."""
    parts = urlsplit(url)
    tail = parts.path + (f"?{parts.query}" if parts.query else "")
    return absolute_url(tail + (f"#{parts.fragment}" if parts.fragment else ""))


def email_schedule(
    *,
    key: str,
    to: str,
    template: str,
    context: dict,
    user=None,
    due_at: datetime | None = None,
    attachments: list[dict] | None = None,
) -> ScheduledEmail | None:
    """Render ``template`` in Danish and store it as an e-mail to ``to``.

    ``template`` names three files: ``<template>_subject.txt``, ``<template>.txt`` and
    ``<template>.html`` (which extends ``email/base.html``). ``attachments`` are
    text files (``{"filename", "content", "mimetype"}``), e.g. an .ics. Idempotent
    by ``key``: returns ``None`` when an e-mail with that key exists, else the new
    row. When it is due now, a send task is queued after the transaction commits;
    otherwise the periodic job sends it when it is due.
    """
    if ScheduledEmail.objects.filter(key=key).exists():
        return None
    now = timezone.now()
    context = {"site_url": absolute_url(""), **context}
    with translation.override("da"):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body_text = render_to_string(f"{template}.txt", context)
        body_html = render_to_string(f"{template}.html", context)
    email, created = ScheduledEmail.objects.get_or_create(
        key=key,
        defaults={
            "user": user,
            "to_address": to,
            "subject": subject[:300],
            "body_text": body_text,
            "body_html": body_html,
            "due_at": due_at or now,
            "attachments": attachments or [],
        },
    )
    if not created:
        return None
    if email.due_at <= now:
        from .tasks import email_send_task

        transaction.on_commit(lambda: email_send_task.delay(email.pk))
    return email


def email_send(*, email_id: int) -> bool:
    """Send one due e-mail if nobody has sent it yet.

    Claims the row (``sent_at``) before sending, so it is sent at most once however
    often this runs. On a network error the claim is released and the error raised,
    so a retry (or the next periodic run) can try again. Returns whether this call
    sent it.
    """
    now = timezone.now()
    claimed = ScheduledEmail.objects.filter(
        pk=email_id,
        sent_at__isnull=True,
        due_at__lte=now,
        attempts__lt=MAX_ATTEMPTS,
    ).update(sent_at=now, attempts=F("attempts") + 1)
    if claimed != 1:
        return False
    email = ScheduledEmail.objects.get(pk=email_id)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        to=[email.to_address],
        headers={"X-SSP-Key": email.key},
    )
    message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments:
        message.attach(
            attachment["filename"], attachment["content"], attachment["mimetype"]
        )
    try:
        message.send()
    except NETWORK_ERRORS as error:
        ScheduledEmail.objects.filter(pk=email_id).update(
            sent_at=None, last_error=str(error)[:300]
        )
        raise
    return True


def emails_send_due() -> int:
    """Send every e-mail that is due and unsent (up to a batch). Returns how many
    this run sent. Safe to run concurrently with itself and with the send tasks."""
    due = ScheduledEmail.objects.filter(
        sent_at__isnull=True, due_at__lte=timezone.now(), attempts__lt=MAX_ATTEMPTS
    ).order_by("due_at")
    sent = 0
    for email_id in due.values_list("pk", flat=True)[:BATCH_SIZE]:
        try:
            sent += email_send(email_id=email_id)
        except NETWORK_ERRORS:
            logger.warning("E-mail %s could not be sent; will retry", email_id)
    return sent

"""The whole capability in one run, as the issue's "done means" describes it: an
administrator builds a template and attaches it to a module with an after-run
evaluation and a 90-day follow-up; the scheduler sends invitations and reminders as
time moves forward; participants answer by their links; the report shows the figures,
suppresses a small group, and its XLSX and PDF open."""

import datetime
import io
import re

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from openpyxl import load_workbook

from accounts.models import Politikreds
from accounts.roles import Role
from courses.models import ModuleCompletion
from evaluations.models import Invitation, SurveyTemplate
from evaluations.services import (
    invitations_create_due,
    invitations_send_due,
    reminders_send_due,
)
from tests.accounts.factories import UserFactory
from tests.courses.factories import (
    EnrolmentFactory,
    OfferingFactory,
    SessionFactory,
    module_create,
)
from tests.courses.test_certificates import _pdf_text_parsed
from tests.evaluations.test_admin import _template_post

pytestmark = pytest.mark.django_db

# Participants and how many of them answer, per district.
RUNS = {"1465": (7, 6), "1461": (6, 6), "1470": (3, 2)}


def _links(outbox) -> dict[str, str]:
    return {
        message.to[0]: re.search(r"/evaluering/svar/\S+/", message.body).group(0)
        for message in outbox
    }


def test_build_schedule_invite_remind_answer_and_report(
    client, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    admin = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    TOTP.activate(admin, "JBSWY3DPEHPK3PXPTESTTEST")
    client.force_login(admin)

    # The administrator builds the template and attaches it twice to a module.
    assert (
        client.post(reverse("evalueringsskabeloner:add"), _template_post()).status_code
        == 302
    )
    template = SurveyTemplate.objects.get()
    module = module_create()
    for trigger, delay in (("after_last_session", 1), ("after_completion", 90)):
        response = client.post(
            reverse("evalueringsplaner:add"),
            {
                "template": template.pk,
                "module": module.pk,
                "trigger": trigger,
                "delay_days": delay,
                "open_days": 21,
                "reminder_count": 1,
                "reminder_interval_days": 7,
                "active_from": (
                    timezone.localdate() - datetime.timedelta(days=30)
                ).isoformat(),
                "is_active": "on",
            },
        )
        assert response.status_code == 302

    # Three runs ended yesterday; everyone completed today.
    now = timezone.now()
    participants: dict[str, list] = {}
    for code, (count, _answering) in RUNS.items():
        offering = OfferingFactory(
            module=module,
            politikreds=Politikreds.objects.get(code=code),
            planned_start=timezone.localdate() - datetime.timedelta(days=1),
        )
        SessionFactory(offering=offering)
        participants[code] = []
        for _number in range(count):
            user = EnrolmentFactory(offering=offering).user
            ModuleCompletion.objects.create(
                user=user, module=module, offering=offering, completed_at=now
            )
            participants[code].append(user)
    last_end = max(
        offering_session.ends_at
        for offering_session in module.offerings.get(
            politikreds_id="1465"
        ).sessions.all()
    )

    def run(at):
        with django_capture_on_commit_callbacks(execute=True):
            invitations_create_due(now=at)
            invitations_send_due(now=at)
            reminders_send_due(now=at)

    # A day after the last session: one invitation per participant, by e-mail.
    run(last_end + datetime.timedelta(days=1))
    assert len(mail.outbox) == 16
    links = _links(mail.outbox)
    answerer = Client()  # the participants do not log in
    for code, (_count, answering) in RUNS.items():
        for user in participants[code][:answering]:
            response = answerer.post(
                links[user.email],
                {
                    f"q-{template.versions.get().questions[0]['id']}": "4",
                },
            )
            assert response.status_code == 302, response.content.decode()[:500]

    # A week later: one reminder, to the two who did not answer.
    mail.outbox.clear()
    run(last_end + datetime.timedelta(days=8))
    silent = {participants["1465"][6].email, participants["1470"][2].email}
    assert {message.to[0] for message in mail.outbox} == silent
    assert all(message.subject.startswith("Påmindelse") for message in mail.outbox)
    run(last_end + datetime.timedelta(days=15))
    assert len(mail.outbox) == 2  # at most one reminder

    # Ninety days after completion: the follow-up, to everyone.
    mail.outbox.clear()
    run(now + datetime.timedelta(days=89))
    assert mail.outbox == []
    run(now + datetime.timedelta(days=90))
    assert len(mail.outbox) == 16
    assert Invitation.objects.filter(schedule__trigger="after_completion").count() == 16

    # The report: 14 responses; København (2) hidden, and Fyn with it.
    version = template.versions.get()
    url = reverse("evaluations:report", args=[version.pk])
    report = client.get(url).context["report"]
    assert (report.invited, report.responses) == (32, 14)
    runs = {
        row.label.split(", ")[1]: row.responses for row in report.breakdowns[2].rows
    }
    # A hidden cell keeps only the reason, never its number.
    assert (runs["Københavns Politi"].n, runs["Københavns Politi"].hidden) == (
        0,
        "small",
    )
    assert runs["Fyns Politi"].hidden == "complement"
    assert (runs["Østjyllands Politi"].n, runs["Østjyllands Politi"].hidden) == (6, "")

    workbook = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    rows = list(workbook["Efter hold"].iter_rows(values_only=True))
    assert any("færre end 5 svar" in row for row in rows)
    pdf = client.get(url, {"format": "pdf"}).content
    assert pdf.startswith(b"%PDF-")
    text = _pdf_text_parsed(pdf)
    assert "færre end 5 svar" in text
    assert "Østjyllands Politi" in text

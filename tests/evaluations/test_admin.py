"""The Wagtail admin for survey templates and schedules: administrators build a
template (which becomes a version) and attach it to a module; nobody else may."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from accounts.roles import Role
from evaluations.models import Schedule, SurveyTemplate, Trigger
from tests.accounts.factories import UserFactory
from tests.courses.factories import OfferingFactory, module_create
from tests.evaluations.factories import schedule_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    TOTP.activate(user, "JBSWY3DPEHPK3PXPTESTTEST")
    client.force_login(user)
    return client


def _template_post(text="Modulet var relevant"):
    return nested_form_data(
        {
            "title": "Evaluering af grundmodul",
            "intro": "Tak for din tid.",
            "is_anonymous": "on",
            "questions": streamfield(
                [
                    ("likert", {"text": text, "required": "on", "labels": "enighed"}),
                    ("free_text", {"text": "Hvad kan gøres bedre?"}),
                ]
            ),
        }
    )


def test_an_administrator_builds_a_template_and_attaches_it_to_a_module(
    admin_client,
):
    for name in ("evalueringsskabeloner:add", "evalueringsplaner:add"):
        assert admin_client.get(reverse(name)).status_code == 200
    response = admin_client.post(reverse("evalueringsskabeloner:add"), _template_post())
    assert response.status_code == 302, response.content.decode()[:2000]
    template = SurveyTemplate.objects.get()
    version = template.versions.get()
    assert [item["kind"] for item in version.questions] == ["likert", "free_text"]
    assert version.is_anonymous

    module = module_create()
    for trigger, delay in (
        (Trigger.AFTER_LAST_SESSION, 1),
        (Trigger.AFTER_COMPLETION, 90),
    ):
        response = admin_client.post(
            reverse("evalueringsplaner:add"),
            {
                "template": template.pk,
                "module": module.pk,
                "trigger": trigger,
                "delay_days": delay,
                "open_days": 21,
                "reminder_count": 2,
                "reminder_interval_days": 7,
                "active_from": "2026-01-01",
                "is_active": "on",
            },
        )
        assert response.status_code == 302
    assert sorted(Schedule.objects.values_list("trigger", "delay_days")) == [
        ("after_completion", 90),
        ("after_last_session", 1),
    ]


def test_a_schedule_needs_a_module_or_an_offering_not_both(admin_client):
    schedule = schedule_create(module=module_create())
    data = {
        "template": schedule.template_id,
        "trigger": "after_last_session",
        "delay_days": 1,
        "open_days": 21,
        "reminder_count": 2,
        "reminder_interval_days": 7,
        "active_from": "2026-01-01",
    }
    response = admin_client.post(reverse("evalueringsplaner:add"), data)
    assert response.status_code == 200
    assert "Vælg enten et modul" in response.content.decode()
    assert Schedule.objects.count() == 1


def test_editing_a_template_with_responses_makes_a_new_version(admin_client):
    admin_client.post(reverse("evalueringsskabeloner:add"), _template_post())
    template = SurveyTemplate.objects.get()
    offering = OfferingFactory()
    schedule = schedule_create(template=template, module=offering.module)
    # Responses to the frozen version (made directly: only the version matters).
    from evaluations.models import Response

    Response.objects.create(
        version=template.versions.get(),
        schedule=schedule,
        offering=offering,
        module_id=offering.module_id,
        politikreds_id=offering.politikreds_id,
        year=2026,
    )
    data = _template_post(text="Modulet var nyttigt")
    for index, block in enumerate(template.questions):
        data[f"questions-{index}-id"] = block.id
    response = admin_client.post(
        reverse("evalueringsskabeloner:edit", args=[template.pk]), data
    )
    assert response.status_code == 302
    versions = list(template.versions.order_by("number"))
    assert [v.questions[0]["text"] for v in versions] == [
        "Modulet var relevant",
        "Modulet var nyttigt",
    ]


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.PRESENTER])
def test_others_cannot_open_the_evaluation_admin(client, role):
    client.force_login(UserFactory(roles=[role]))
    for name in ("evalueringsskabeloner:index", "evalueringsplaner:add"):
        response = client.get(reverse(name))
        assert response.status_code in (302, 403)
        assert not SurveyTemplate.objects.exists()


def test_the_schedule_list_costs_the_same_queries_for_more_schedules(admin_client):
    def measured_get():
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(reverse("evalueringsplaner:index"))
        assert response.status_code == 200
        return len(queries)

    schedule_create(module=module_create())
    schedule_create(offering=OfferingFactory())
    few = measured_get()
    for _ in range(3):
        schedule_create(module=module_create())
        schedule_create(offering=OfferingFactory())
    assert measured_get() == few

"""Malformed input never breaks the site: every URL pattern, four roles, thousands
of hostile requests, not one response of 500 or more.

The URL patterns are enumerated from Django's resolver (so a new view is fuzzed
without being listed here), their parameters filled with ids, slugs and tokens that
exist in the seeded demo data and with garbage. Each page's own form fields are read
from its HTML and posted back full of NUL, control characters, overlong text, bad
UTF-8 and values of the wrong type; JSON bodies get the same. Every request runs in
a savepoint that is rolled back, so a delete view that accepts garbage cannot remove
what later requests need.
"""

import random
import re
from urllib.parse import quote

from django.apps import apps
from django.core.cache import cache
from django.db import models, transaction
from django.test import Client
from django.urls import get_resolver
from django.utils import translation
from django.utils.regex_helper import normalize

import pytest

from accounts.models import User
from demo.seed import demo_seed

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": None,
    "participant": "deltager.aarhus@demo.ssp.test",
    "contact person": "kontakt.aarhus@demo.ssp.test",
    "administrator": "admin@demo.ssp.test",
}
#: Text that arrives decoded in a form field, a query value or a JSON string.
GARBAGE = [
    "\x00",
    "a\x00b",
    "\x01\x02\x1b[31m\x7f",
    "line\x0bbreak\x0c\x85",
    "x" * 20_000,
    "-1",
    "99999999999999999999999",
    "1.5e308",
    "NaN",
    "' OR 1=1 --",
    '<script>alert(1)</script>"',
    "\ud7ff\ufffe\uffff",
    "🙂" * 500,
    "2026-02-30",
    "",
]
#: Raw percent escapes: NUL, control characters, bad and overlong UTF-8, broken %.
RAW_ESCAPES = [
    "%00",
    "%01%1F%7F",
    "%FF%FE",
    "%C3%28",
    "%C0%AF",
    "%ED%A0%80",
    "%E2%82",
    "%",
    "%zz",
    "a" * 5000,
    "-1",
    "99999999999999999999",
]
FIELD_NAME = re.compile(r'<(?:input|textarea|select)\b[^>]*\bname="([^"]+)"', re.I)


def url_formats():
    """Every URL pattern as a format string and its parameter names."""

    def walk(resolver, prefix, prefix_params):
        for key in list(resolver.reverse_dict.keys()):
            for possibilities, *_rest in resolver.reverse_dict.getlist(key):
                for fmt, params in possibilities:
                    yield prefix + fmt, (*prefix_params, *params)
        for _namespace, (pattern, sub) in resolver.namespace_dict.items():
            (sub_prefix, sub_params), *_ = normalize(pattern)
            yield from walk(sub, prefix + sub_prefix, (*prefix_params, *sub_params))

    found = {}
    for fmt, params in walk(get_resolver(), "", ()):
        found.setdefault(fmt, params)
    # Wagtail's error-reporting test page raises on purpose.
    found.pop("admin/failwhale/", None)
    return sorted(found.items())


def valid_values():
    """Values that exist in the seeded data, by parameter name."""
    values: dict[str, list[str]] = {}
    by_model_name = {}
    for model in apps.get_models():
        by_model_name.setdefault(model._meta.model_name, model)
        for field in model._meta.concrete_fields:
            if isinstance(
                field, models.CharField | models.SlugField
            ) and field.name in {
                "token",
                "code",
                "slug",
                "key",
            }:
                sample = model.objects.exclude(**{field.name: ""}).values_list(
                    field.name, flat=True
                )[:3]
                values.setdefault(field.name, []).extend(str(v) for v in sample)
    for name, model_name in {
        "offering_id": "offering",
        "session_id": "session",
        "room_id": "room",
        "user_id": "user",
        "post_id": "post",
        "thread_id": "thread",
        "example_id": "practiceexample",
        "lesson_id": "lessonpage",
        "module_id": "modulepage",
        "page_id": "page",
    }.items():
        model = by_model_name.get(model_name)
        if model is not None:
            values[name] = [
                str(pk) for pk in model.objects.values_list("pk", flat=True)[:3]
            ]
    # "pk" means a different model on every page: the low ids exist in most tables.
    values["pk"] = ["1", "2", "3"]
    values["id"] = values["pk"]
    values["code"] = [*values.get("code", []), "da", "en"]
    return values


def fill(fmt, params, values, rng):
    return "/" + fmt % {
        name: quote(rng.choice(values.get(name) or ["1"]), safe="") for name in params
    }


def requests_for(fmt, params, values, rng, client):
    """The hostile requests for one URL pattern and one logged-in client."""
    path = fill(fmt, params, values, rng)
    # Parameters: each one garbage in turn, the rest valid.
    for name in params:
        for escape in rng.sample(RAW_ESCAPES, 1):
            yield (
                "GET",
                "/"
                + fmt
                % {
                    other: escape
                    if other == name
                    else quote(rng.choice(values.get(other) or ["1"]), safe="")
                    for other in params
                },
                None,
            )
    # Query strings: raw bad escapes and decoded garbage, with names pages use.
    for escape in rng.sample(RAW_ESCAPES, 1):
        yield "GET", f"{path}?q={escape}&page={escape}&{escape}=1", None
    yield (
        "GET",
        path
        + "?"
        + "&".join(
            f"{name}={quote(rng.choice(GARBAGE)[:500], safe='')}"
            for name in ("q", "page", "offering", "district", "status", "next", "sort")
        ),
        None,
    )
    # The page's own form, posted back with garbage of two kinds.
    with transaction.atomic():
        response = client.get(path)
        transaction.set_rollback(True)
    cache.clear()
    html = (
        response.content.decode(errors="replace") if response.status_code == 200 else ""
    )
    fields = sorted(set(FIELD_NAME.findall(html))) or ["title", "body", "name", "q"]
    for _round in range(2):
        data = {field: rng.choice(GARBAGE) for field in fields}
        if rng.random() < 0.5:  # a list where one value is expected
            data[rng.choice(fields)] = [rng.choice(GARBAGE), rng.choice(GARBAGE)]
        yield "POST", path, data
    # A JSON body with NUL and control characters, and one that is not JSON at all.
    yield "JSON", path, '{"text": "a\\u0000b", "\\u0001": [1, {"x": "\\u001b"}]}'
    yield "JSON", path, b'{"text": "\xff\xfe'


def run(client, method, path, data):
    with transaction.atomic():
        if method == "GET":
            response = client.get(path)
        elif method == "POST":
            response = client.post(path, data)
        else:
            response = client.generic(
                "POST", path, data, content_type="application/json"
            )
        transaction.set_rollback(True)
    # The cache is not rolled back with the database: sessions are cached
    # (core/sessions.py), and a cached copy of a rolled-back session row would be
    # a state production never has.
    cache.clear()
    return response


@pytest.fixture
def seeded():
    demo_seed()


def test_no_malformed_request_gets_a_server_error(seeded, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    rng = random.Random(13)
    values = valid_values()
    formats = url_formats()
    assert len(formats) > 200  # the resolver was enumerated, admin included
    sent = 0
    failures = []
    for role, email in ROLES.items():
        client = Client(raise_request_exception=False)
        user = User.objects.get(email=email) if email else None
        for fmt, params in formats:
            if user is not None:
                client.force_login(user)  # a fuzzed logout must not end the run
            for method, path, data in list(
                requests_for(fmt, params, values, rng, client)
            ):
                response = run(client, method, path, data)
                sent += 1
                if response.status_code >= 500:
                    failures.append((role, method, path[:120], response.status_code))
    print(f"fuzz: {sent} malformed requests, {len(failures)} server errors")
    assert sent >= 5000
    assert failures == []


@pytest.mark.parametrize(
    "path",
    ["/kalender/%00.ics", "/soeg/?q=%00", "/soeg/?q=a%01b", "/hold/?%00=1"],
)
def test_control_characters_in_the_address_get_the_danish_400_page(client, path):
    translation.activate("en")  # whatever the thread had active before
    response = client.get(path)
    assert response.status_code == 400
    assert "Forespørgslen kunne ikke læses" in response.content.decode()


def test_nul_in_a_form_field_is_refused_and_changes_nothing(client):
    user = User.objects.create_user(email="a@example.dk", password="x" * 12)
    client.force_login(user)
    response = client.post("/konto/profil/", {"first_name": "An\x00ne"})
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.first_name == ""


def test_nul_in_a_json_body_is_refused(client):
    response = client.post(
        "/soeg/", '{"q": "a\\u0000"}', content_type="application/json"
    )
    assert response.status_code == 400


def test_other_control_characters_in_a_form_field_are_removed(rf):
    from core.middleware import InputGuardMiddleware

    seen = {}

    def view(request):
        seen.update(request.POST.dict())
        return None

    request = rf.post("/", {"body": "one\x0btwo\r\nthree\tfour\x1b"})
    InputGuardMiddleware(view)(request)
    assert seen == {"body": "onetwo\r\nthree\tfour"}


def test_deleting_a_schedule_with_answers_in_the_admin_is_refused_not_a_500(client):
    """Found by the fuzz run: Wagtail's delete view raised ProtectedError."""
    from allauth.mfa.totp.internal.auth import TOTP

    from accounts.roles import Role
    from evaluations.models import Schedule
    from tests.accounts.factories import UserFactory
    from tests.courses.factories import OfferingFactory
    from tests.evaluations.factories import responses_create, schedule_create

    admin = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    TOTP.activate(admin, "JBSWY3DPEHPK3PXPTESTTEST")
    offering = OfferingFactory()
    schedule = schedule_create(offering=offering)
    responses_create(schedule=schedule, offering=offering, count=2)
    client.force_login(admin)

    response = client.post(f"/admin/evalueringsplaner/delete/{schedule.pk}/")

    assert response.status_code == 302
    assert response.url == "/admin/evalueringsplaner/"
    assert Schedule.objects.filter(pk=schedule.pk).exists()
    page = client.get(response.url).content.decode()
    assert "Det kan ikke slettes, fordi andre data stadig henviser til det" in page

"""Real-browser harness: Playwright drives the system Chromium against a live server,
and axe-core (from node_modules) checks every page a test visits."""

import inspect
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management import call_command
from django.db import connections

import pytest

from demo.seed import demo_seed

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or ""
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
BLOCKING_IMPACTS = {"serious", "critical"}
#: Schemes that never leave the browser.
LOCAL_SCHEMES = {"about", "data", "blob"}


def foreign_request(url: str, live_server_url: str) -> bool:
    """Whether the browser asked another origin than the live server: the site
    must not tell any third party (fonts, avatars, analytics) who visits it."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return False
    return parts.netloc != urlsplit(live_server_url).netloc


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


#: The database right after the demo seed, serialized once per test session (per
#: xdist worker) and keyed by the database it was made for.
_demo_snapshots: dict[str, str] = {}
_seeding_fixtures: dict[object, bool] = {}


#: How the browser tests' fixtures run the demo seed.
SEED_CALL = re.compile(r"""call_command\(\s*["']seed_demo["']""")


def _seeds_the_demo(request) -> bool:
    """Whether one of the test's own fixtures (not this file's) runs the demo seed."""
    for definitions in request.node._fixtureinfo.name2fixturedefs.values():
        for definition in definitions:
            func = definition.func
            if func not in _seeding_fixtures:
                try:
                    source = inspect.getsource(func)
                except (OSError, TypeError):
                    source = ""
                _seeding_fixtures[func] = func.__module__ != __name__ and bool(
                    SEED_CALL.search(source)
                )
            if _seeding_fixtures[func]:
                return True
    return False


def _flush(base: str) -> None:
    """Back to the database as the test run made it (what a transactional test
    with ``serialized_rollback`` starts from)."""
    # As Django's flush after a test: the sequences go on counting, so nothing made
    # later takes an id that the restored rows hold.
    call_command(
        "flush",
        interactive=False,
        verbosity=0,
        inhibit_post_migrate=True,
        reset_sequences=False,
    )
    connections["default"].creation.deserialize_db_from_string(base)


def _demo_snapshot_make(base: str) -> str:
    connection = connections["default"]
    _flush(base)
    demo_seed()
    snapshot = connection.creation.serialize_db_to_string()
    _flush(base)
    return snapshot


@pytest.fixture
def _demo_seeded_start(request, django_db_setup, django_db_blocker):
    """A browser test whose fixture runs the demo seed starts from a database that
    already holds it: the seed runs once per session, its result is serialized,
    and Django's ``serialized_rollback`` restores that instead of the bare
    database. The test's own ``call_command("seed_demo")`` still runs and finds
    everything in place (the seed is idempotent), and the flush after the test
    throws away whatever the test changed, as before. Tests that do not seed
    start from the bare database as before."""
    marker = request.node.get_closest_marker("django_db")
    connection = connections["default"]
    base = getattr(connection, "_test_serialized_contents", None)
    if (
        base is None
        or marker is None
        or not marker.kwargs.get("serialized_rollback")
        or not _seeds_the_demo(request)
    ):
        yield
        return
    key = connection.settings_dict["NAME"]
    if key not in _demo_snapshots:
        with django_db_blocker.unblock():
            _demo_snapshots[key] = _demo_snapshot_make(base)
    connection._test_serialized_contents = _demo_snapshots[key]
    try:
        yield
    finally:
        connection._test_serialized_contents = base


@pytest.fixture
def _django_db_helper(_demo_seeded_start, _django_db_helper):
    """pytest-django's database set-up for each test (what the ``django_db``
    marker, ``transactional_db`` and ``live_server`` use), after
    ``_demo_seeded_start`` has chosen what a seeding test starts from."""
    yield


@pytest.fixture
def browser(live_server, monkeypatch):
    """A Chromium for one test. Playwright's sync API keeps an asyncio loop marked as
    running in this thread, which makes Django switch to context-local database
    connections; stopping Playwright after each test, before pytest-django flushes
    and restores the database, keeps that restore on the right connection."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "Chromium is not installed (apt-get install chromium)"
    assert AXE_JS.exists(), "axe-core is not installed (npm install)"
    # The ORM calls tests make between browser steps are ordinary synchronous calls,
    # even though Playwright's loop counts as running.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
        # Close the connections opened in Playwright's context, or the test database
        # cannot be dropped at the end of the run.
        connections.close_all()


@pytest.fixture
def expected_origins() -> list[str]:
    """Origins besides the live server a journey is meant to visit (``host:port``):
    only the identity provider a login goes through (NemLog-in, or the local test
    IdP standing in for it)."""
    return []


@pytest.fixture
def new_page(browser, live_server, expected_origins):
    """Open pages in fresh browser contexts (one per simulated person). Every
    request to another origin than the live server (and ``expected_origins``) is
    recorded, and the test fails at teardown if there was one."""
    contexts = []
    foreign: list[str] = []

    def record(url: str) -> None:
        if foreign_request(url, live_server.url) and (
            urlsplit(url).netloc not in expected_origins
        ):
            foreign.append(url)

    def open_page(locale: str = "en-US"):
        # An English browser on purpose: the site must still be Danish by default.
        # bypass_csp lets the test inject axe-core; the site itself keeps its CSP.
        context = browser.new_context(
            base_url=live_server.url, locale=locale, bypass_csp=True
        )
        context.set_default_timeout(10_000)
        context.on("request", lambda request: record(request.url))
        context.on(
            "page",
            lambda page: page.on("websocket", lambda socket: record(socket.url)),
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    assert foreign == [], f"requests to other origins: {sorted(set(foreign))}"


@pytest.fixture
def page(new_page):
    return new_page()


def axe_violations(page) -> list[dict]:
    """Serious and critical WCAG 2.1 A/AA violations on the page as it is now."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {
                type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
            },
        })"""
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe on {page.url}: {violations}"

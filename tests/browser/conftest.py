"""Real-browser harness: Playwright drives the system Chromium against a live server,
and axe-core (from node_modules) checks every page a test visits."""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from django.db import connections

import pytest

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

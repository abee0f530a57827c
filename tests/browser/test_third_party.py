"""The harness itself: a request to another origin is noticed (so every browser
test fails on one), and the ones that stay inside the browser are not."""

import pytest

from tests.browser.conftest import foreign_request

LIVE = "http://localhost:41234"


@pytest.mark.parametrize(
    ("url", "foreign"),
    [
        ("http://localhost:41234/static/app.css", False),
        ("ws://localhost:41234/ws/webinar/1/", False),
        ("data:image/png;base64,AAAA", False),
        ("blob:http://localhost:41234/1234", False),
        ("about:blank", False),
        ("https://www.gravatar.com/avatar/abc", True),
        ("https://fonts.googleapis.com/css", True),
        ("http://localhost:9999/", True),
    ],
)
def test_foreign_requests_are_recognised(url, foreign):
    assert foreign_request(url, LIVE) is foreign

"""Every HTML e-mail escapes what people typed: a name or title with markup in it
arrives as text, never as live HTML or a ``javascript:`` link.

Rather than build each e-mail's real context, every template is rendered with a
context in which *every* variable (and every attribute of it) is the same hostile
string, so a template added later is covered without anyone listing it here.
"""

from pathlib import Path

from django.conf import settings
from django.template import Context
from django.template.loader import get_template

import pytest

PAYLOAD = '<img src=x onerror=alert(1)> <a href="javascript:alert(2)">x</a> '
ROOT = Path(settings.BASE_DIR) / "templates"
EMAIL_HTML = sorted(
    str(path.relative_to(ROOT))
    for path in ROOT.glob("**/email/*.html")
    if not path.name.startswith("_") and path.name != "base.html"
)


# Attributes that would make the value look like a date, a model or safe HTML.
NOT_HOSTILE = {
    *("tzinfo", "utcoffset", "timetuple", "weekday", "isocalendar", "toordinal"),
    *("year", "month", "day", "hour", "minute", "second", "microsecond", "date"),
}
#: Attributes that templates count with (``blocktranslate count``).
NUMBERS = {"count": 2, "suggested_seats": 3}


class Hostile:
    """A value whose text and every attribute, key and item is the payload."""

    def __str__(self):
        return PAYLOAD

    def __getattr__(self, name):
        if name.startswith("_") or name in NOT_HOSTILE:
            raise AttributeError(name)
        return NUMBERS.get(name, Hostile())

    def __getitem__(self, key):
        # Names are looked up as attributes (above); only the first item exists.
        if key != 0:
            raise KeyError(key)
        return Hostile()

    def __iter__(self):
        return iter([Hostile()])

    def __len__(self):
        return 1


class HostileContext(dict):
    """Every name a template asks for exists and is hostile."""

    def __contains__(self, key):
        return True

    def __missing__(self, key):
        return Hostile()


def render_hostile(name):
    template = get_template(name).template
    context = Context()
    context.dicts.append(HostileContext())
    return template.render(context)


def test_the_email_templates_are_found():
    assert "courses/email/invitation.html" in EMAIL_HTML
    assert "evaluations/email/invitation.html" in EMAIL_HTML
    assert len(EMAIL_HTML) >= 15


@pytest.mark.parametrize("name", EMAIL_HTML)
def test_an_html_email_shows_typed_markup_as_text(name):
    html = render_hostile(name)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img" not in html
    assert 'href="javascript:' not in html


def test_the_plain_text_part_keeps_the_name_as_typed():
    # Plain text is not HTML: escaping it would show "&lt;" to the reader.
    text = render_hostile("courses/email/invitation.txt")
    assert "<img src=x onerror=alert(1)>" in text

"""core.markdown: people write Markdown, pages get sanitised HTML only."""

import re

import pytest

from core.markdown import markdown_quote, markdown_render, markdown_to_plain_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**fed** og *kursiv*", "<p><strong>fed</strong> og <em>kursiv</em></p>"),
        ("- et\n- to", "<ul>\n<li>et</li>\n<li>to</li>\n</ul>"),
        ("> citat", "<blockquote>\n<p>citat</p>\n</blockquote>"),
        ("# Overskrift", "<h3>Overskrift</h3>"),
        (
            "[Socialstyrelsen](https://www.sm.dk)",
            '<p><a href="https://www.sm.dk" rel="nofollow noopener noreferrer">'
            "Socialstyrelsen</a></p>",
        ),
    ],
)
def test_markdown_renders_the_allowed_markup(text, expected):
    assert markdown_render(text) == expected


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">klik</a>',
        "[klik](javascript:alert(1))",
        "[klik](data:text/html;base64,PHNjcmlwdD4=)",
        "<iframe src=https://evil.test></iframe>",
        '<p style="background:url(x)" onclick="x()">hej</p>',
        "```\n<script>alert(1)</script>\n```",
        "<svg onload=alert(1)>",
    ],
)
def test_markdown_never_lets_html_or_script_through(attack):
    rendered = markdown_render(attack)
    # Every "<" of the writer's text is escaped, so each "<" left is a real tag.
    tags = re.findall(r"<([a-z0-9]+)([^>]*)>", rendered)
    assert tags, rendered
    for name, attributes in tags:
        assert name in {"p", "a", "pre", "code"}, rendered
        assert not re.search(r"\s(on\w+|style|src)=", attributes), rendered
        assert "javascript:" not in attributes and "data:" not in attributes


def test_raw_html_is_shown_as_text():
    assert markdown_render("<b>fed</b>") == "<p>&lt;b&gt;fed&lt;/b&gt;</p>"


def test_quote_and_plain_text():
    assert markdown_quote("linje 1\n\nlinje 2") == "> linje 1\n>\n> linje 2"
    assert markdown_to_plain_text("**Hej** <b>") == "Hej <b>"

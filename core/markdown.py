"""Safe Markdown for everything people write on the site (forum posts, practice
examples, profiles).

People write Markdown, never HTML: every ``<`` and ``&`` is escaped before the text
is parsed, so raw HTML shows as text, and the HTML that Markdown produces is then
cleaned by nh3 (an allow-list sanitiser) as a second line of defence. Links keep
only http(s) and mailto addresses and get ``rel="nofollow noopener noreferrer"``.
"""

import html

from django.utils.safestring import SafeString, mark_safe

import markdown as markdown_library
import nh3

ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "em",
    "h3",
    "h4",
    "h5",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def _escape_html(text: str) -> str:
    """Escape what would start raw HTML or an entity; ``>`` stays so that Markdown
    block quotes still work."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def markdown_render(text: str) -> SafeString:
    """Render the writer's Markdown ``text`` to sanitised HTML that is safe to put in
    a page as it is. Headings are shifted down (``#`` becomes ``h3``) so a post never
    competes with the page's own headings. Pure function, no side effects."""
    rendered = markdown_library.markdown(
        _escape_html(text or ""),
        extensions=["sane_lists", "fenced_code", "nl2br"],
        output_format="html",
    )
    for level in (6, 5, 4, 3, 2, 1):
        shifted = min(level + 2, 5)
        rendered = rendered.replace(f"<h{level}>", f"<h{shifted}>").replace(
            f"</h{level}>", f"</h{shifted}>"
        )
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 just above


def markdown_quote(text: str) -> str:
    """``text`` as a Markdown block quote (every line prefixed with ``> ``)."""
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())


def markdown_to_plain_text(text: str) -> str:
    """The text without markup, for e-mails and search excerpts."""
    return html.unescape(nh3.clean(markdown_render(text), tags=set())).strip()

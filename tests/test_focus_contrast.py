"""The focus outline has at least 3:1 contrast (WCAG 2.1, 1.4.11) against every
background colour the site's CSS gives an area where focusable elements sit."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE_CSS = ROOT / "static" / "css" / "site.css"
# FDS's own surfaces around our content: page, header, footer, grey panels.
FDS_BACKGROUNDS = {"#ffffff", "#f5f5f5"}
# Backgrounds of decorations that hold nothing focusable: the outline never meets
# them. The logo mark sits inside the logo link, whose outline is drawn on white.
DECORATIONS = {
    "#0059b3": ".site-logo-mark",
    "#5a3d8a": ".case-label",
    # The webinar's caption area (text lines only) and video (its controls are the
    # browser's own, with their own focus ring): nothing focusable sits on them.
    # When they take focus themselves (a scrollable log, the video), the outline is
    # drawn outside their edge, on the room panel's white.
    "#1a1a1a": ".webinar-captions",
    "#000000": ".webinar-video",
}


def _hex(colour: str) -> str:
    colour = colour.lower()
    if len(colour) == 4:
        colour = "#" + "".join(c * 2 for c in colour[1:])
    return colour


def luminance(colour: str) -> float:
    channels = [int(_hex(colour)[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def focus_outline_colour() -> str:
    css = SITE_CSS.read_text()
    rule = re.search(r"a:focus-visible,[^{]*\{([^}]*)\}", css)[1]
    return re.search(r"outline:\s*\d+px solid (#[0-9a-fA-F]{3,6})", rule)[1]


def css_backgrounds() -> dict[str, str]:
    """Every background colour in our stylesheets, with a selector that uses it."""
    found = {}
    for path in (ROOT / "static").rglob("*.css"):
        for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", path.read_text()):
            for colour in re.findall(
                r"background(?:-color)?:\s*(#[0-9a-fA-F]{3,6})\b", body
            ):
                found.setdefault(_hex(colour), f"{path.name}: {selector.strip()}")
    return found


def test_contrast_formula_matches_known_pairs():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#ffbf47", "#ffffff"), 1) == 1.6  # the old outline


def test_focus_outline_has_3_to_1_against_every_background():
    outline = focus_outline_colour()
    backgrounds = {
        colour: where
        for colour, where in css_backgrounds().items()
        if colour not in DECORATIONS
    } | dict.fromkeys(FDS_BACKGROUNDS, "FDS")
    too_low = {
        f"{colour} ({where})": round(contrast(outline, colour), 2)
        for colour, where in backgrounds.items()
        if contrast(outline, colour) < 3
    }
    assert too_low == {}
    assert len(backgrounds) >= 7  # the tints are really being read


def test_decorations_listed_still_exist_with_those_colours():
    backgrounds = css_backgrounds()
    for colour, selector in DECORATIONS.items():
        assert selector in backgrounds.get(colour, ""), colour

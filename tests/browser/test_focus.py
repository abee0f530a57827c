"""Keyboard focus is visible in a real browser: every element reached with Tab on the
front page and the login page draws an outline of at least 2px with 3:1 contrast
against the background around it (WCAG 2.1, 1.4.11 and 2.4.7)."""

from django.core.management import call_command

import pytest

from tests.test_focus_contrast import contrast

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FOCUSED = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    let background = "rgb(255, 255, 255)";
    for (let node = element.parentElement; node; node = node.parentElement) {
        const colour = getComputedStyle(node).backgroundColor;
        if (colour && colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") {
            background = colour;
            break;
        }
    }
    return {
        label: element.tagName + " " + (element.innerText || element.name || "")
            .trim().slice(0, 40),
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
        outline: style.outlineColor,
        background: background,
    };
}"""


def _hex(rgb: str) -> str:
    numbers = rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]
    return "#" + "".join(f"{int(float(n)):02x}" for n in numbers)


@pytest.fixture
def demo(transactional_db):
    with open("/dev/null", "w") as devnull:
        call_command("seed_demo", stdout=devnull)


@pytest.mark.parametrize("path", ["/", "/konto/login/"])
def test_every_focus_stop_has_a_visible_outline_with_enough_contrast(page, demo, path):
    page.goto(path)
    seen = []
    for _stop in range(14):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["label"].startswith("BODY"):
            break
        seen.append(focused)
    assert len(seen) >= 5
    weak = [
        (item["label"], item["outline"], item["background"])
        for item in seen
        if item["outlineStyle"] == "none"
        or item["outlineWidth"] < 2
        or contrast(_hex(item["outline"]), _hex(item["background"])) < 3
    ]
    assert weak == []

"""Every user-facing string is translatable and translated into Danish."""

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "locale" / "da" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
SOURCE_DIRS = [
    "lms",
    "accounts",
    "core",
    "courses",
    "webinars",
    "network",
    "evaluations",
    "demo",
    "templates",
]


def _entries():
    return [entry for entry in polib.pofile(str(PO)) if not entry.obsolete]


def test_every_string_has_a_danish_translation():
    untranslated = [e.msgid for e in _entries() if not e.translated()]
    fuzzy = [e.msgid for e in _entries() if "fuzzy" in e.flags]
    assert (untranslated, fuzzy) == ([], [])


def test_compiled_catalogue_matches_the_po_file():
    catalogue = gettext.GNUTranslations(MO.open("rb"))
    for entry in _entries():
        if entry.msgid_plural:
            assert (
                catalogue.ngettext(entry.msgid, entry.msgid_plural, 1)
                == (entry.msgstr_plural[0])
            )
        else:
            assert catalogue.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_no_string_in_the_code_is_missing_from_the_catalogue(tmp_path):
    assert shutil.which("xgettext"), (
        "gettext is not installed (apt-get install gettext)"
    )
    for name in [*SOURCE_DIRS, "locale"]:
        shutil.copytree(
            ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "makemessages", "-l", "da", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "lms.settings.test"},
    )
    extracted = {e.msgid for e in polib.pofile(str(tmp_path / PO.relative_to(ROOT)))}
    committed = {e.msgid for e in _entries()}
    assert sorted(extracted - committed) == []

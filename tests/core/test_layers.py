"""The dependency picture (docs/conventions.md): each app imports only the layers
below it, so a change at the top never forces one at the bottom.

    core  ←  accounts  ←  courses  ←  webinars, evaluations, network  ←  demo

Read from the source with ``ast`` (imports inside functions count too), not from
what happens to be imported at runtime.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("core", "accounts", "courses", "webinars", "evaluations", "network", "demo")
ALLOWED = {
    "core": set(),
    "accounts": {"core"},
    "courses": {"core", "accounts"},
    "webinars": {"core", "accounts", "courses"},
    "evaluations": {"core", "accounts", "courses", "webinars"},
    "network": {"core", "accounts", "courses"},
    "demo": {"core", "accounts", "courses", "webinars", "evaluations", "network"},
}


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", None) == "get_model"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            # apps.get_model("courses", "ModulePage") is an import by another name.
            names.add(str(node.args[0].value))
    tops = {name.split(".")[0] for name in names}
    return {top for top in tops if top in (*APPS, "lms")}


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_only_the_layers_below_it(app):
    wrong = {}
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        found = imported_apps(path) - ALLOWED[app] - {app}
        if found:
            wrong[str(path.relative_to(ROOT))] = sorted(found)
    assert wrong == {}


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "def f():\n    from courses.models import Offering\n"
        "    return apps.get_model('accounts', 'User')\n"
    )
    assert imported_apps(module) == {"courses", "accounts"}

"""`make test` and CI install system packages from one list, scripts/system-deps.sh."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "system-deps.sh"


def _script_with(tmp_path: Path, extra_line: str) -> Path:
    text = SCRIPT.read_text().replace(
        "DEPENDENCIES=(\n", f"DEPENDENCIES=(\n    {extra_line}\n", 1
    )
    copy = tmp_path / "system-deps.sh"
    copy.write_text(text)
    copy.chmod(0o755)
    return copy


def test_a_missing_package_is_named_with_the_exact_command(tmp_path):
    script = _script_with(tmp_path, '"command:no-such-program-ssp|xmlsec1"')
    result = subprocess.run(  # noqa: S603
        [script, "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "Missing system packages: xmlsec1" in result.stderr
    assert (
        "sudo apt-get update && sudo apt-get install -y --no-install-recommends "
        "xmlsec1" in result.stderr
    )


def test_a_present_program_and_library_pass_the_check(tmp_path):
    script = _script_with(tmp_path, '"command:bash|bash"')
    script.write_text(
        re.sub(
            r"DEPENDENCIES=\(\n.*?\n\)",
            'DEPENDENCIES=(\n    "command:bash|bash"\n    "library:libc.so.6|libc6"\n)',
            script.read_text(),
            flags=re.DOTALL,
        )
    )
    result = subprocess.run(  # noqa: S603
        [script, "--check"], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_make_test_and_ci_use_the_script():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test: .*\bsystem-deps\b", makefile, flags=re.MULTILINE)
    assert "scripts/system-deps.sh" in makefile
    assert "scripts/system-deps.sh" in (ROOT / ".ci" / "run").read_text()
    listed = SCRIPT.read_text()
    for package in ("chromium", "gettext", "libpangoft2-1.0-0", "redis-server"):
        assert package in listed

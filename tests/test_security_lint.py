"""bandit, the security linter, finds nothing in the portal's code (see pyproject.toml for
the checks skipped and why)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["network", "governance", "preparation", "communications"]


def run_bandit(*paths: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bandit", "-q", "-c", "pyproject.toml", "-r", *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_bandit_finds_nothing_in_the_portals_code():
    result = run_bandit(*PACKAGES)

    assert result.returncode == 0, result.stdout + result.stderr


def test_bandit_would_report_a_shell_command_built_from_input(tmp_path):
    # The skips in pyproject.toml leave bandit's other checks working.
    (tmp_path / "unsafe.py").write_text(
        "import subprocess\n\ndef run(name):\n    subprocess.call('ls ' + name, shell=True)\n"
    )

    result = run_bandit(str(tmp_path))

    assert result.returncode != 0
    assert "B602" in result.stdout

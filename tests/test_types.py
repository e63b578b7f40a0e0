"""The app packages pass mypy (with django-stubs), at the strictness set in pyproject.toml.

mypy runs as its own process over the packages listed in ``[tool.mypy] files`` and keeps
its cache in ``.mypy_cache`` in the work tree, so only the first run checks everything
(about 8 seconds on this project's machines) and later runs re-check the changed modules
(about 2 seconds).
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_app_code_passes_mypy():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-color-output", "--no-error-summary"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"mypy found errors:\n{result.stdout}{result.stderr}"

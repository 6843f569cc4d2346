"""Every Python module a test skips without is installed by `make test` (the dev extras).

A test module guarded by `pytest.importorskip` skips silently when its library is missing:
`tests/read/test_pdf.py` once ran nowhere for days after pdfplumber left the dependencies.
Debian tools (pandoc, soffice, pdflatex, chromium) may be absent; Python libraries may not.
"""

import importlib.util
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_every_module_a_test_skips_without_is_installed():
    guarded = {
        name
        for path in TESTS.rglob("*.py")
        for name in re.findall(r"importorskip\(\s*[\"']([\w.]+)[\"']", path.read_text(encoding="utf-8"))
    }
    assert guarded, "the search for importorskip found nothing: the pattern is stale"
    missing = sorted(name for name in guarded if importlib.util.find_spec(name) is None)
    assert not missing, f"declare these in pyproject.toml's dev extras: {missing}"

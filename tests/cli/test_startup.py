"""Start-up stays light: the command line loads a library only when a command needs it."""

import json
import subprocess
import sys

HEAVY = ("requests", "sqlite_utils", "rich", "bs4", "citetrack.store", "citetrack.workflows.ingest")


def loaded_after(code: str) -> list[str]:
    """The heavy modules a fresh interpreter holds after running `code`."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return json.loads(out.splitlines()[-1])


def test_importing_the_cli_loads_no_library():
    assert loaded_after("import citetrack.cli") == []


def test_importing_the_package_loads_nothing_until_a_name_is_used():
    assert loaded_after("import citetrack") == []
    assert "citetrack.store" in loaded_after("import citetrack\ncitetrack.open_store")


def test_version_needs_no_library():
    code = "import sys\nsys.argv = ['citetrack', '--version']\nimport citetrack.cli\ntry:\n    citetrack.cli.main()\nexcept SystemExit:\n    pass"
    assert loaded_after(code) == []


def test_library_warnings_are_logged_not_printed():
    """bs4's and pdfminer's warnings reach stderr only when asked for (verbosity 1: -v)."""
    code = ("import logging, warnings\nfrom citetrack.cli import configure_logging\nconfigure_logging({})\n"
            "warnings.warn('XMLParsedAsHTMLWarning-like')\nlogging.getLogger('pdfminer.pdffont').warning('FontBBox')\n")
    quiet = subprocess.run([sys.executable, "-c", code.format(0)], capture_output=True, text=True, check=True)
    assert quiet.stderr == ""
    verbose = subprocess.run([sys.executable, "-c", code.format(1)], capture_output=True, text=True, check=True)
    assert "XMLParsedAsHTMLWarning-like" in verbose.stderr and "FontBBox" in verbose.stderr


def test_the_check_workflow_loads_no_document_rule_before_its_first_request():
    """`citetrack check` needs the link policy only: the note, date and outlet rules (and their
    compiled patterns) load when a document's flags are computed."""
    code = "import citetrack.workflows.check\nimport sys\nprint([m for m in ('citetrack.rules.document', 'citetrack.cite') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_rules_package_still_gives_its_entry_points():
    import citetrack.rules as rules
    from citetrack.rules.document import citation_flags, document_flags

    assert rules.document_flags is document_flags and rules.citation_flags is citation_flags
    assert "document_flags" in rules.__all__

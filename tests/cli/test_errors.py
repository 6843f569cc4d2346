"""One edge turns every validation error into `citetrack: error: <one line>` and exit code 2.

Whatever a command meets (a typer.BadParameter from option parsing, a ConfigError from a config
file, a BadInputError or NotFoundError from the library, an OSError, a file that is not a store),
the user reads one line on stderr, never a traceback; a defect (any other exception) still raises.
"""

from __future__ import annotations

import sqlite3

import pytest
import typer

import citetrack.store.documents as store_documents
from citetrack.cli import error_message
from citetrack.errors import BadInputError, ConfigError, NotFoundError, StoreError


@pytest.mark.parametrize("error,shown", [
    (ConfigError("[archive] timeout must be a number\nsecond line"), "[archive] timeout must be a number\\nsecond line"),
    (BadInputError("paper.pdf is empty"), "paper.pdf is empty"),
    (NotFoundError("no document 9"), "no document 9"),
    (StoreError("the store is locked"), "the store is locked"),
    (typer.BadParameter("'soon' is not a date", param_hint="--published"), "'soon' is not a date"),
    (PermissionError(13, "Permission denied", "/tmp/out.bib"), "Permission denied: /tmp/out.bib"),
    (sqlite3.DatabaseError("file is not a database"), "database: file is not a database"),
])
def test_each_kind_of_validation_error_is_one_line_and_exit_2(cli, store, monkeypatch, error, shown):
    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr(store_documents, "list_documents", refuse)  # `documents` makes this one call
    result = cli("documents")
    assert result.exit_code == 2
    assert result.stderr.startswith("citetrack: error: ") and shown in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_defect_is_not_disguised_as_bad_input(cli, store, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(store_documents, "list_documents", broken)
    with pytest.raises(KeyError):
        cli("documents")


def test_error_message_names_help_for_usage_errors_and_nothing_for_defects():
    assert error_message(ValueError("a bug")) is None
    assert error_message(ConfigError("bad [check] table")) == "bad [check] table"
    assert "(see `citetrack --help`)" in error_message(typer.BadParameter("nope"))


def test_empty_search_words_are_bad_input(cli, store):
    result = cli("search", "   ")
    assert result.exit_code == 2 and "give some words to search for" in result.stderr

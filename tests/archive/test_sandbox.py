"""The worker process that holds parsers to a time and memory budget."""

from __future__ import annotations

import sys

import pytest

from citetrack.archive.sandbox import BudgetExceeded, Sandbox


@pytest.fixture
def sandbox():
    worker = Sandbox(512 * 1024 * 1024)
    yield worker
    worker.close()


def test_answers_come_back(sandbox):
    facts = sandbox.call("citetrack.archive.extract", "extract", b"<html><title>A page</title><p>Text.</p></html>",
                         "text/html", None, 5.0, seconds=60)
    assert facts.title == "A page"


def test_work_over_the_time_budget_is_stopped_and_the_worker_replaced(sandbox):
    with pytest.raises(BudgetExceeded) as exc_info:
        sandbox.call("time", "sleep", 600, seconds=0.2)
    assert exc_info.value.budget == "timeout"
    assert sandbox.call("math", "factorial", 5, seconds=60) == 120  # a fresh worker


@pytest.mark.skipif(sys.platform == "win32" or sys.platform == "darwin", reason="the address-space cap is Linux's")
def test_work_over_the_memory_budget_is_stopped(sandbox):
    with pytest.raises(BudgetExceeded) as exc_info:
        sandbox.call("builtins", "bytearray", 2 * 1024 * 1024 * 1024, seconds=60)
    assert exc_info.value.budget == "memory"
    assert sandbox.call("math", "factorial", 3, seconds=60) == 6


def test_errors_of_the_work_are_reported(sandbox):
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        sandbox.call("operator", "truediv", 1, 0, seconds=60)
    assert sandbox.call("operator", "add", 1, 2, seconds=60) == 3

"""The options of `citetrack check`: one validated value, built from defaults, config, command line."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from citetrack.config import check_section, validate_fail_on
from citetrack.errors import ConfigError
from citetrack.models import LinkStatus
from citetrack.workflows.check import CheckOptions, CheckReport, CheckTuning, ResultLine


def test_command_line_beats_config_beats_defaults():
    config = {"concurrency": 8, "per_host": 2, "fail_on": "flags"}
    cli = {"concurrency": 3, "per_host": None, "timeout": None}
    opts = CheckOptions.from_sources(config, cli)
    assert opts.concurrency == 3  # the command line wins
    assert opts.per_host == 2  # not given on the command line: the config's
    assert opts.fail_on == "flags"
    assert opts.timeout == CheckOptions().timeout  # neither: the default


def test_tuning_knobs_are_not_user_options():
    user_facing = {f.name for f in dataclasses.fields(CheckOptions)}
    for knob in ("backoff_base", "batch_size", "lease_seconds", "max_pending", "keep_results", "total_timeout"):
        assert knob not in user_facing
        assert knob in {f.name for f in dataclasses.fields(CheckTuning)}
    # a config file cannot reach them either
    with pytest.raises(ConfigError):
        check_section({"check": {"batch_size": 10}}, "c.toml")


def test_tuning_goes_by_name_and_reaches_the_checker():
    opts = CheckOptions.from_sources({}, {"timeout": 4.0}, keep_results=False, backoff_base=0.5, total_timeout=1.5)
    assert opts.tuning.keep_results is False
    checker = opts.checker_options()
    assert checker.backoff_base == 0.5 and checker.http.total_timeout == 1.5 and checker.http.timeout == 4.0
    quick = CheckOptions.quick(dead_after=1, batch_size=7)
    assert quick.dead_after == 1 and quick.tuning.batch_size == 7


@pytest.mark.parametrize("where", ["config", "command line", "options"])
def test_fail_on_is_checked_the_same_way_everywhere(where):
    with pytest.raises(ConfigError) as caught:
        if where == "config":
            check_section({"check": {"fail_on": "sometimes"}}, "c.toml")
        elif where == "command line":
            CheckOptions.from_sources({}, {"fail_on": "sometimes"})
        else:
            CheckOptions(fail_on="sometimes")
    assert "dead, flags, never" in str(caught.value) and "sometimes" in str(caught.value)
    assert validate_fail_on("never", "x") == "never"


def test_result_lines_are_named_and_print_as_before():
    line = ResultLine("https://a.example/x", "dead", 404, "https://a.example/x", None, "not-found")
    url, status, http_status, final_url, error, reason = line  # still reads as the old 6-tuple
    assert (url, status, http_status, reason) == ("https://a.example/x", "dead", 404, "not-found")
    assert line[1] == "dead" and line[1:3] == ("dead", 404)
    report = CheckReport(run_id=1, results=[line])
    assert report.to_json()["results"] == [
        {"url": "https://a.example/x", "status": "dead", "http_status": 404, "final_url": "https://a.example/x",
         "error": None, "reason": "not-found"}
    ]


def test_report_count_drops_a_status_at_zero():
    report = CheckReport(run_id=1)
    report.count(str(LinkStatus.DEAD), 1)
    report.count(str(LinkStatus.DEAD), -1)
    report.count(str(LinkStatus.ERROR), 1)
    assert dict(report.counts) == {"error": 1}


def test_bad_values_are_refused_by_the_options_themselves():
    for bad in ({"concurrency": 0}, {"timeout": 0}, {"retries": -1}):
        with pytest.raises(ConfigError):
            CheckOptions(**bad)
    assert CheckOptions(stale_after=dt.timedelta(days=1)).summary()["stale_after"] == 86400

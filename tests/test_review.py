"""Reviewers' decisions and the review walk, driven by scripted input."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from citetrack.errors import BadInputError, NotFoundError
from citetrack.export.model import ArchivedCopy, BibEntry, LinkInfo
from citetrack.models import Flag, FlagKind, FlagStatus, Severity
from citetrack.review import decide, matching_passage, review_walk, summary_by_kind
from citetrack.store.flags import FlagFilter, FoundFlag, StoredFlag, flag_history, get_flag, list_flags, sync_flags
from citetrack.store.views import ClaimPanel, NoteView, review_panels


def _fill():
    spec = importlib.util.spec_from_file_location("citetrack_tests_fill", Path(__file__).parent / "export" / "fill.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fill = _fill()


def _stored(flag_id: int, kind: str) -> StoredFlag:
    """An open flag as the store would return it, for tests that need no store."""
    return StoredFlag(
        id=flag_id, document_id=1, kind=kind, severity="error", footnote=None, citation_id=None, url=None,
        message=f"problem {flag_id}", evidence={"k": flag_id}, status="open", note=None, decided_by=None, decided_at=None,
    )


@pytest.fixture
def filled(store):
    return store, fill.populate(store)


def test_decide_records_reviewer_time_note_and_history(filled):
    store, ids = filled
    flag_id = ids["flags"]["misdated"]
    row = decide(store, flag_id, FlagStatus.DISMISSED, "  Verified with the author  ", by="alice")
    assert (row.status, row.decided_by, row.note) == ("dismissed", "alice", "Verified with the author")
    assert row.decided_at
    history = flag_history(store, flag_id)
    assert [event.action for event in history] == ["opened", "dismissed"]
    assert history[-1].note == "Verified with the author"


def test_decide_defaults_to_login_name(filled, monkeypatch):
    store, ids = filled
    monkeypatch.setattr("citetrack.review.getpass.getuser", lambda: "loginname")
    assert decide(store, ids["flags"]["no-url"], FlagStatus.RESOLVED, "added a link").decided_by == "loginname"


def test_decide_refuses_an_empty_note_and_an_unknown_flag(filled):
    store, ids = filled
    with pytest.raises(BadInputError):
        decide(store, ids["flags"]["misdated"], FlagStatus.RESOLVED, "   ", by="a")
    assert get_flag(store, ids["flags"]["misdated"]).status == "open"
    with pytest.raises(NotFoundError):
        decide(store, 9999, FlagStatus.RESOLVED, "note", by="a")


def _misdated(evidence: dict) -> FoundFlag:
    return FoundFlag(1, Flag(FlagKind.MISDATED, Severity.ERROR, "Note 1: dates differ", "1#0", evidence, "1", "1#0"))


def _rerun(store, found, doc):
    with store.transaction():
        sync_flags(store, "ingest", found, scope_sql="document_id = ?", scope_params=[doc], resolve_note="gone")


def test_dismissed_flag_survives_same_evidence_and_reopens_when_it_changes(filled):
    store, ids = filled
    doc, flag_id = ids["document"], ids["flags"]["misdated"]
    same = {"stated": "2023-01-12", "evidence": "2023-02-12"}
    decide(store, flag_id, FlagStatus.DISMISSED, "The URL date is the update date", by="bob")
    others = [f for f in list_flags(store, FlagFilter(status="all")) if f.kind in ("malformed-url", "no-url")]
    keep = [FoundFlag(doc, Flag(FlagKind(f.kind), Severity(f.severity), f.message, s, f.evidence, f.footnote), f.citation_id)
            for f, s in zip(others, ("3#0", "3#1"))]
    _rerun(store, [_misdated(same), *keep], doc)
    assert get_flag(store, flag_id).status == "dismissed"
    _rerun(store, [_misdated({**same, "evidence": "2023-05-01"}), *keep], doc)
    row = get_flag(store, flag_id)
    assert row.status == "open"
    actions = [event.action for event in flag_history(store, flag_id)]
    assert actions == ["opened", "dismissed", "reopened"]
    assert flag_history(store, flag_id)[1].note == "The URL date is the update date"  # the decision is kept


def test_flag_whose_condition_is_gone_is_resolved_automatically(filled):
    store, ids = filled
    _rerun(store, [], ids["document"])
    row = get_flag(store, ids["flags"]["misdated"])
    assert (row.status, row.decided_by, row.note) == ("resolved", "citetrack", "gone")
    assert flag_history(store, ids["flags"]["misdated"])[-1].action == "auto-resolved"


def test_summary_by_kind_counts_most_frequent_first():
    flags = [_stored(1, "no-url"), _stored(2, "dead-link"), _stored(3, "no-url")]
    assert summary_by_kind(flags) == [("no-url", 2), ("dead-link", 1)]


def test_matching_passage_finds_the_claim_in_the_source_text():
    text = "Intro words. " * 50 + "Officials said the valley has forty wells in total. " + "Other words. " * 50
    passage = matching_passage("The valley has forty wells.", text, width=120)
    assert passage is not None and "forty wells" in passage and len(passage) <= 122
    assert matching_passage("The valley has forty wells.", "Nothing related here at all, only bread and cheese.") is None
    assert matching_passage("claim", None) is None


def _panels() -> list[ClaimPanel]:
    archived = LinkInfo(
        "https://valley.example/wells", status="ok", checked_at="2024-03-10T00:00:00",
        archives=(ArchivedCopy("snapshot", "a.warc.gz", "2024-03-03T00:00:00", "Wells", "The valley has forty wells, officials say."),),
    )
    source = BibEntry(id=1, text="Valley Times", footnote="1", title="Wells", links=(archived,))
    return [
        ClaimPanel(1, "Paper", 10, "The valley has forty wells.", [NoteView("1", "Valley Times, wells")], [source],
                   [_stored(1, "misdated"), _stored(2, "dead-link")]),
        ClaimPanel(1, "Paper", 11, "Second claim.", [NoteView("2", "Other note")], [], [_stored(3, "no-url")]),
    ]


def _drive(lines, panels=None):
    script = iter(lines)
    out: list[str] = []
    decided: list[tuple[int, str, str]] = []

    def ask(prompt: str) -> str:
        out.append(prompt)
        try:
            return next(script)
        except StopIteration:
            raise EOFError from None

    outcome = review_walk(_panels() if panels is None else panels, ask, out.append, lambda i, status, note: decided.append((i, status.value, note)))
    return outcome, decided, "\n".join(out)


def test_walk_resolves_dismisses_and_skips_with_notes():
    outcome, decided, text = _drive(["r", "fixed the date", "s", "d", "not a problem"])
    assert decided == [(1, "resolved", "fixed the date"), (3, "dismissed", "not a problem")]
    assert (outcome.resolved, outcome.dismissed, outcome.skipped, outcome.quit) == (1, 1, 1, False)
    assert "Claim: The valley has forty wells." in text and "Note 1: Valley Times, wells" in text
    assert "snapshot 2024-03-03: a.warc.gz" in text and "passage:" in text and "forty wells" in text
    assert "Claim: Second claim." in text


def test_walk_back_returns_to_the_previous_flag_and_text_shows_the_source():
    outcome, decided, text = _drive(["s", "b", "t", "d", "dup", "q"])
    assert decided == [(1, "dismissed", "dup")]
    assert "The valley has forty wells, officials say." in text  # from `t`
    assert outcome.quit and outcome.skipped == 1
    assert text.count("Flag #1 (1/3)") == 3  # shown again after `b` and after `t`


def test_walk_needs_a_note_and_ignores_unknown_keys_and_ends_on_eof():
    outcome, decided, text = _drive(["x", "r", "", "b"])
    assert decided == []
    assert "Unknown key" in text and "A decision needs a note" in text and "Already at the first flag" in text
    assert outcome.quit  # input ran out


def test_walk_with_nothing_to_review():
    outcome, decided, text = _drive([], panels=[])
    assert "No open flags" in text and decided == []


def test_review_panels_group_flags_by_the_first_claim_citing_their_note(filled):
    store, ids = filled
    panels = review_panels(store, list_flags(store))
    assert [panel.claim_id for panel in panels] == [ids["claims"][0], ids["claims"][2]]
    first, third = panels
    assert sorted(f.kind for f in first.flags) == ["dead-link", "misdated"]
    assert sorted(f.kind for f in third.flags) == ["malformed-url", "no-url"]
    assert [n.label for n in third.notes] == ["1", "3"]
    assert [entry.footnote for entry in third.sources] == ["1", "3", "3"]


def test_review_panels_keep_flags_no_claim_leads_to(filled):
    store, ids = filled
    with store.transaction():
        sync_flags(store, "extra", [FoundFlag(ids["document"], Flag(FlagKind.UNUSED_NOTE, Severity.WARNING, "Note 9 unused", "9", {}, "9"))],
                   scope_sql="document_id = ?", scope_params=[ids["document"]], resolve_note="gone")
    panels = review_panels(store, list_flags(store, FlagFilter(kind="unused-note")))
    assert len(panels) == 1 and panels[0].claim is None and panels[0].flags[0].kind == "unused-note"

from citetrack.models import FlagKind, Note, Severity
from citetrack.rules.notes import (
    duplicate_note_flags,
    missing_note_flags,
    unnumbered_flag,
    unused_note_flags,
)


def notes(*pairs):
    return tuple(Note(label=label, text=text, position=i) for i, (label, text) in enumerate(pairs))


def test_a_marker_without_a_note_is_missing_once():
    flags = missing_note_flags(["1", "2", "3", "3"], notes(("1", "a"), ("2", "b")))
    assert [(f.kind, f.footnote, f.subject, f.severity) for f in flags] == [
        (FlagKind.MISSING_NOTE, "3", "3", Severity.ERROR)
    ]
    assert flags[0].evidence == {"marker": "3", "occurrences": 2}
    assert "note 3" in flags[0].message


def test_a_note_without_a_marker_is_unused():
    flags = unused_note_flags(["1"], notes(("1", "a"), ("2", "b"), (None, "lost")))
    assert [(f.kind, f.footnote, f.severity) for f in flags] == [(FlagKind.UNUSED_NOTE, "2", Severity.WARNING)]


def test_two_different_notes_with_one_label_are_duplicates():
    flags = duplicate_note_flags(notes(("1", "a"), ("2", "Some text."), ("2", "Other text.")))
    assert [(f.kind, f.footnote, f.subject) for f in flags] == [(FlagKind.DUPLICATE_NOTE, "2", "2")]
    assert flags[0].evidence["positions"] == [1, 2]


def test_a_note_repeated_verbatim_is_not_a_duplicate():
    assert duplicate_note_flags(notes(("4", "Same  text."), ("4", "same text."))) == []


def test_an_unnumbered_citation_is_flagged_with_a_stable_subject(cite):
    citation = cite(None, 1, title="A report", urls=("https://example.org/report",))
    flag = unnumbered_flag(citation)
    assert flag is not None and flag.kind is FlagKind.UNNUMBERED_NOTE and flag.severity is Severity.WARNING
    assert flag.footnote is None and flag.citation_key == "~#1"
    assert flag.subject == "~:https://example.org/report"
    # the subject does not move when another unnumbered citation is inserted before it
    assert unnumbered_flag(cite(None, 0, title="A report", urls=("https://example.org/report",))).subject == flag.subject
    assert unnumbered_flag(cite("3", 0, title="A report")) is None

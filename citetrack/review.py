"""The reviewer's side of flags: decisions with a note, summaries, and the interactive review walk.

The walk is a loop over an `ask` function (one line of input per call) and a `say` function
(text out), so tests drive it with scripted input and it runs in any plain terminal. The
store's flag lifecycle (identity, reopening, automatic resolution) lives in `store.flags`.
"""

from __future__ import annotations

import getpass
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from citetrack import settings
from citetrack.errors import BadInputError
from citetrack.entries import BibEntry
from citetrack.models import FlagStatus
from citetrack.store import Store
from citetrack.store.flags import StoredFlag, decide_flag
from citetrack.store.views import ClaimPanel

# The words a reviewer types, mapped to the status they give a flag.
DECISIONS = {"resolve": FlagStatus.RESOLVED, "dismiss": FlagStatus.DISMISSED, "reopen": FlagStatus.OPEN}


def reviewer() -> str:
    """Who decides when `--by` is not given: the login name."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "unknown"


def decide(store: Store, flag_id: int, status: FlagStatus, note: str, by: str | None = None) -> StoredFlag:
    """Record a decision on a flag; a note is required so that no decision goes unexplained."""
    note = (note or "").strip()
    if not note:
        raise BadInputError("a decision needs a note: --note TEXT")
    return decide_flag(store, flag_id, status, note, (by or "").strip() or reviewer())


def summary_by_kind(flags: Iterable[StoredFlag]) -> list[tuple[str, int]]:
    """Count of flags per kind, most frequent first."""
    counts = Counter(flag.kind for flag in flags)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


# ---------------------------------------------------------------- the panel's text


def matching_passage(claim: str, text: str | None, width: int = settings.REVIEW_PASSAGE_CHARS) -> str | None:
    """The passage of a source's text that best matches the claim, or None when nothing does."""
    if not claim or not text:
        return None
    flat = " ".join(text.split())
    alignment = fuzz.partial_ratio_alignment(claim.lower(), flat.lower())
    if alignment is None or alignment.score < settings.REVIEW_PASSAGE_MIN_SCORE:
        return None
    middle = (alignment.dest_start + alignment.dest_end) // 2
    start = max(0, middle - width // 2)
    end = min(len(flat), start + width)
    return ("…" if start else "") + flat[start:end].strip() + ("…" if end < len(flat) else "")


def _day(stamp: str | None) -> str:
    return stamp[:10] if stamp else "never"


def describe_source(entry: BibEntry, claim: str | None) -> list[str]:
    """A source as the panel lists it: what it is, each link's status and archived copies."""
    head = ", ".join(part for part in (entry.title, entry.outlet, entry.date) if part) or entry.text
    lines = [f"  [{entry.footnote if entry.footnote is not None else '-'}] {head}"]
    if not entry.links:
        lines.append("      no link")
    for link in entry.links:
        checked = f"checked {_day(link.checked_at)}" if link.checked_at else "not checked yet"
        lines.append(f"      {link.url}: {link.status_label}{link.detail}, {checked}")
        for copy in link.archives:
            what = "public archive" if copy.is_public else "snapshot"
            lines.append(f"      {what} {_day(copy.archived_at)}: {copy.location}")
        passage = next((matching_passage(claim or "", copy.text) for copy in link.archives if copy.text), None)
        if passage:
            lines.append(f"      passage: {passage}")
    return lines


def format_panel(panel: ClaimPanel, number: int, total: int) -> str:
    """The panel for one claim: the claim, its notes, its sources with their links, its flags."""
    title = panel.document_title or f"document {panel.document_id}"
    lines = [f"=== {number}/{total} · {title} ==="]
    lines.append(f"Claim: {panel.claim}" if panel.claim else "No claim cites this note.")
    for note in panel.notes:
        lines.append(f"Note {note.label}: {note.text}")
    if panel.sources:
        lines.append("Sources:")
        for entry in panel.sources:
            lines.extend(describe_source(entry, panel.claim))
    lines.append("Flags:")
    for flag in panel.flags:
        lines.append(f"  #{flag.id} {flag.severity} {flag.kind}: {flag.message}")
    return "\n".join(lines)


def format_flag(flag: StoredFlag, number: int, total: int) -> str:
    evidence = flag.evidence or {}
    shown = ", ".join(f"{key}={value}" for key, value in evidence.items())
    text = f"Flag #{flag.id} ({number}/{total}) [{flag.severity}] {flag.kind}: {flag.message}"
    return text + (f"\n  evidence: {shown}" if shown else "")


def source_text(panel: ClaimPanel, limit: int = settings.REVIEW_SOURCE_TEXT_CHARS) -> str:
    """The archived text of the panel's sources, for the `t` key."""
    parts = []
    for entry in panel.sources:
        for link in entry.links:
            copy = next((copy for copy in reversed(link.archives) if copy.text), None)
            if copy is not None:
                body = copy.text if len(copy.text) <= limit else copy.text[:limit] + "…"
                parts.append(f"--- {link.url} (snapshot {_day(copy.archived_at)})\n{body}")
    return "\n".join(parts) if parts else "No archived text for these sources (run `citetrack archive`)."


# ---------------------------------------------------------------- the walk

KEYS_HELP = "[r]esolve  [d]ismiss  [s]kip  [t]ext of the source  [b]ack  [q]uit"


@dataclass
class ReviewOutcome:
    resolved: int = 0
    dismissed: int = 0
    skipped: int = 0
    quit: bool = False
    decided: list[tuple[int, str]] = field(default_factory=list)  # (flag id, status) in order

    def summary(self) -> str:
        return f"Resolved {self.resolved}, dismissed {self.dismissed}, skipped {self.skipped}."


def review_walk(
    panels: Sequence[ClaimPanel],
    ask: Callable[[str], str],
    say: Callable[[str], None],
    decide_one: Callable[[int, FlagStatus, str], Any],
) -> ReviewOutcome:
    """Walk the flags panel by panel; `ask` returns one line (EOFError ends the walk like `q`)."""
    steps = [(index, flag) for index, panel in enumerate(panels) for flag in panel.flags]
    outcome = ReviewOutcome()
    if not steps:
        say("No open flags to review.")
        return outcome
    position, shown_panel = 0, None
    while position < len(steps):
        index, flag = steps[position]
        if shown_panel != index:
            say(format_panel(panels[index], index + 1, len(panels)))
            shown_panel = index
        say(format_flag(flag, position + 1, len(steps)))
        try:
            key = ask(f"{KEYS_HELP} > ").strip().lower()[:1]
        except EOFError:
            key = "q"
        if key == "q":
            outcome.quit = True
            break
        if key == "s" or key == "":
            outcome.skipped += 1
            position += 1
        elif key == "b":
            if position == 0:
                say("Already at the first flag.")
            else:
                position -= 1
                shown_panel = None
        elif key == "t":
            say(source_text(panels[index]))
        elif key in ("r", "d"):
            status = FlagStatus.RESOLVED if key == "r" else FlagStatus.DISMISSED
            verb = "resolve" if key == "r" else "dismiss"
            try:
                note = ask(f"Note (why {verb} #{flag.id}): ").strip()
            except EOFError:
                note = ""
            if not note:
                say("A decision needs a note; nothing recorded.")
                continue
            decide_one(flag.id, status, note)
            outcome.decided.append((flag.id, status.value))
            if status is FlagStatus.RESOLVED:
                outcome.resolved += 1
            else:
                outcome.dismissed += 1
            say(f"Flag #{flag.id} {status.value}.")
            position += 1
        else:
            say(f"Unknown key. {KEYS_HELP}")
    say(outcome.summary())
    return outcome

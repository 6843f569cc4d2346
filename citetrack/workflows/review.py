"""Reviewers' tasks beyond one decision: deciding many flags with one note, and one claim shown
with the passage of each source that best matches it (what `show` prints, what the web app shows)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TypeVar

from citetrack.errors import BadInputError
from citetrack.models import FlagStatus
from citetrack.review import decide
from citetrack.rules.support import SourceText, best_passage
from citetrack.store import Store
from citetrack.store.archive import ClaimSources, Passage, SourceLink, claim_sources
from citetrack.store.browse import ClaimDetail, claim_detail
from citetrack.store.flags import StoredFlag


def decide_flags(store: Store, flag_ids: Iterable[int], status: FlagStatus, note: str, by: str | None) -> list[StoredFlag]:
    """One decision with one note on many flags, all recorded or none (one transaction).

    Each goes through `review.decide`, as `resolve` and `dismiss` do, so it sticks across re-runs
    the same way and leaves the same history.
    """
    ids = list(dict.fromkeys(flag_ids))
    if not (note or "").strip():
        raise BadInputError("a decision needs a note")
    with store.transaction():
        return [decide(store, flag_id, status, note, by) for flag_id in ids]


View = TypeVar("View", ClaimSources, ClaimDetail)


def _with_passage(claim_text: str, url: SourceLink) -> SourceLink:
    """The link with the passage of its archived text that best matches the claim, the text itself dropped."""
    if not url.text:
        return replace(url, text=None, passage=None)
    passage, facts = best_passage(claim_text, SourceText.of(url.url, url.text))
    return replace(url, text=None, passage=Passage(passage, facts))


def _add_passages(view: View) -> View:
    """Replace each link's archived text by the passage that best matches the claim."""
    citations = [
        replace(citation, urls=[_with_passage(view.claim.text, url) for url in citation.urls])
        for citation in view.citations
    ]
    return replace(view, citations=citations)


def show_claim(store: Store, claim_id: int) -> ClaimSources:
    """A claim as `citetrack show ID --json` gives it: notes, sources with links, copies, passages, flags."""
    return _add_passages(claim_sources(store, claim_id))


def claim_review(store: Store, claim_id: int) -> ClaimDetail:
    """Everything the claim page shows: `show_claim` plus history, neighbours and decidable flags."""
    return _add_passages(claim_detail(store, claim_id))

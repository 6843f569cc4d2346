"""Test helpers: seed a store with cited URLs without the readers; quick check options."""

from __future__ import annotations


def seed_urls(store, urls, *, path="/tmp/doc-a.md", footnote_start=1):
    """Put one document citing `urls` (one citation each) into the store; returns the document id."""
    from citetrack.store import now

    stamp = now()
    with store.transaction() as db:
        existing = list(db.query("SELECT id FROM documents WHERE path = ?", [path]))
        if existing:
            document_id = existing[0]["id"]
        else:
            document_id = db["documents"].insert(
                {"path": path, "format": "md", "title": path.rsplit("/", 1)[-1], "sha256": "x", "ingested_at": stamp,
                 "updated_at": stamp}
            ).last_pk
        for i, url in enumerate(urls):
            label = str(footnote_start + i)
            citation_id = db["citations"].insert(
                {"document_id": document_id, "key": f"{label}#0", "footnote": label, "position": footnote_start + i,
                 "text": f"Source {label}. {url}"}
            ).last_pk
            rows = list(db.query("SELECT id FROM urls WHERE url = ?", [url]))
            url_id = rows[0]["id"] if rows else db["urls"].insert({"url": url, "first_seen": stamp}).last_pk
            db["citation_urls"].insert({"citation_id": citation_id, "position": 0, "url_id": url_id, "written": url})
    return document_id


def quick_check_options(**overrides):
    """CheckOptions for tests: loopback allowed, tiny delays, confirm dead at once."""
    from citetrack.workflows.check import CheckOptions

    values = dict(allow_private=True, timeout=2.0, total_timeout=2.0, backoff_base=0.01, retry_after_cap=0.05,
                  dead_after=1, batch_seconds=0.05)
    values.update(overrides)
    return CheckOptions.quick(**values)

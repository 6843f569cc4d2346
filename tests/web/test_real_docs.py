"""The app over a store made from ../shared/real-docs (documents by other authors, read from
there, never copied): every page answers. Skips where ../shared is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real-docs" / "docs"


@pytest.fixture
def real_store(store):
    from citetrack.workflows.ingest import IngestOptions, ingest_files

    files = sorted((REAL / "md").glob("*.md")) + sorted((REAL / "html").glob("*.html"))
    if not files:
        pytest.skip("../shared/real-docs is not available here")
    ingest_files(lambda: store, files, IngestOptions())
    return store


def test_every_page_of_a_real_store_answers(real_store, web):
    documents = web.get("/api/documents").json()
    assert len(documents) >= 10
    assert web.get("/").status_code == 200
    for doc in documents:
        assert web.get(f"/documents/{doc['id']}").status_code == 200
        queue = web.get(f"/flags?document={doc['id']}&status=all")
        assert queue.status_code == 200
        assert queue.text.count('class="flag ') == min(50, len(web.get(f"/api/flags?document={doc['id']}&status=all").json()))
    claims = [row["id"] for row in real_store.query("SELECT id FROM claims ORDER BY id")]
    for claim in claims[::15]:
        assert web.get(f"/claims/{claim}").status_code == 200, claim
        assert web.get(f"/api/claims/{claim}").status_code == 200, claim
    assert web.get("/flags?status=all&page=2").status_code == 200
    assert web.get("/flags?q=http&sort=severity").status_code == 200

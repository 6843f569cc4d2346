"""One key scheme for rows a re-ingest must find again: the base, then `base~2`, `base~3`..."""

from citetrack.models import Claim, Note
from citetrack.store import now
from citetrack.store.documents import claim_keys, note_keys, occurrence_keys
from citetrack.store.migrations import m006_one_key_scheme


def test_a_repeated_base_gets_its_occurrence():
    assert occurrence_keys(["1", "2", "1", "1#0", "1"]) == ["1", "2", "1~2", "1#0", "1~3"]


def test_notes_unnumbered_by_place_repeated_labels_by_occurrence():
    notes = [Note(label="1", text="a", position=0), Note(label=None, text="b", position=1),
             Note(label="1", text="c", position=2), Note(label=None, text="d", position=3)]
    assert note_keys(notes) == ["1", "~0", "1~2", "~1"]


def test_claims_citing_the_same_notes_use_the_same_scheme():
    claims = [Claim(text="One.", labels=("3", "4"), position=0), Claim(text="Two.", labels=("3", "4"), position=1),
              Claim(text="Three.", labels=("5",), position=2)]
    assert claim_keys(claims) == ["3,4", "3,4~2", "5"]


def test_old_claim_keys_and_the_flags_naming_them_move_to_the_scheme(store):
    stamp = now()
    with store.transaction() as db:
        document = db["documents"].insert({"path": "/d.txt", "format": "text", "sha256": "0", "ingested_at": stamp,
                                           "updated_at": stamp}).last_pk
        db["claims"].insert({"document_id": document, "key": "2@2", "position": 0, "text": "A claim."})
        db["flags"].insert({"document_id": document, "kind": "unsupported-claim", "subject": "claim:2@2",
                            "origin": "archive", "severity": "warning", "message": "m", "evidence_hash": "h",
                            "status": "dismissed", "created_at": stamp, "updated_at": stamp})
        m006_one_key_scheme(db)
    assert [row["key"] for row in store.query("SELECT key FROM claims")] == ["2~2"]
    assert [(row["subject"], row["status"]) for row in store.query("SELECT subject, status FROM flags")] == [
        ("claim:2~2", "dismissed")]

"""Append-only schema migrations: never edit one that has shipped, add a new one below.

The first migration lays out the whole model the later features build on: documents and
what they contain, URLs shared by every document that cites them with their check history,
runs, and flags with the reviewer's decisions and their history.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("citetrack")


def _document_tables(db: Database) -> None:
    """Documents and what they contain: notes, claims and the notes they cite, citations."""
    db.executescript(
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,          -- resolved absolute path: re-ingest updates in place
            format TEXT NOT NULL,
            title TEXT,
            published TEXT,                     -- YYYY-MM-DD
            published_source TEXT,              -- option, text, metadata
            sha256 TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            key TEXT NOT NULL,                  -- the label, or ~N for the Nth unnumbered note
            label TEXT,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            explanatory INTEGER NOT NULL DEFAULT 0,
            UNIQUE (document_id, key)
        );
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            key TEXT NOT NULL,                  -- its note labels (and occurrence): stable identity
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            UNIQUE (document_id, key)
        );
        CREATE TABLE claim_notes (
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (claim_id, label)
        );
        CREATE TABLE citations (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            note_id INTEGER REFERENCES notes(id) ON DELETE SET NULL,
            key TEXT NOT NULL,                  -- footnote#index: stable across re-ingests
            footnote TEXT,
            position INTEGER NOT NULL,          -- order in the document
            text TEXT NOT NULL,
            authors TEXT NOT NULL DEFAULT '[]', -- JSON list
            title TEXT,
            outlet TEXT,
            date TEXT,                          -- YYYY-MM-DD as stated, null when invalid
            date_raw TEXT,
            date_precision TEXT,
            named_site TEXT,
            UNIQUE (document_id, key)
        );
        """
    )


def _link_tables(db: Database) -> None:
    """URLs (one row for every document that cites them), which citation gives which, runs and checks."""
    db.executescript(
        """
        CREATE TABLE urls (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,           -- normalized identity; one row for every citer
            domain TEXT,
            first_seen TEXT NOT NULL,
            last_checked_at TEXT,
            last_status TEXT,
            last_http_status INTEGER,
            last_final_url TEXT,
            fail_count INTEGER NOT NULL DEFAULT 0,   -- consecutive counted failures
            fail_counted_at TEXT,                    -- time of the last counted failure
            confirmed_dead_at TEXT,
            etag TEXT,
            last_modified TEXT,
            lease_owner TEXT,                        -- the run checking it now
            lease_until TEXT
        );
        CREATE INDEX urls_due ON urls (last_checked_at);
        CREATE TABLE citation_urls (
            citation_id INTEGER NOT NULL REFERENCES citations(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            url_id INTEGER REFERENCES urls(id),  -- null for a malformed URL nobody can fetch
            written TEXT NOT NULL,              -- as the note writes it
            malformed TEXT,
            PRIMARY KEY (citation_id, position)
        );
        CREATE INDEX citation_urls_url ON citation_urls (url_id);
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,                 -- check, archive
            started_at TEXT NOT NULL,
            finished_at TEXT,
            options TEXT NOT NULL DEFAULT '{}',
            counts TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE checks (
            id INTEGER PRIMARY KEY,
            url_id INTEGER NOT NULL REFERENCES urls(id) ON DELETE CASCADE,
            run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
            checked_at TEXT NOT NULL,
            status TEXT NOT NULL,
            http_status INTEGER,
            final_url TEXT,
            redirects TEXT NOT NULL DEFAULT '[]',
            elapsed_ms INTEGER,
            error TEXT,
            reason TEXT,
            etag TEXT,
            last_modified TEXT,
            content_type TEXT,
            content_length INTEGER,
            title TEXT,
            evidence TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX checks_url ON checks (url_id, checked_at);
        """
    )


def _flag_tables(db: Database) -> None:
    """Flags with the reviewer's decision, and every event in their history."""
    db.executescript(
        """
        CREATE TABLE flags (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            subject TEXT NOT NULL,              -- with document and kind: the flag's identity
            origin TEXT NOT NULL,               -- ingest, check, archive: the step that owns it
            severity TEXT NOT NULL,
            footnote TEXT,
            citation_id INTEGER REFERENCES citations(id) ON DELETE SET NULL,
            url TEXT,
            message TEXT NOT NULL,
            evidence TEXT NOT NULL DEFAULT '{}',
            evidence_hash TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open',
            decided_by TEXT,
            decided_at TEXT,
            note TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (document_id, kind, subject)
        );
        CREATE INDEX flags_status ON flags (status, kind);
        CREATE TABLE flag_events (
            id INTEGER PRIMARY KEY,
            flag_id INTEGER NOT NULL REFERENCES flags(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            action TEXT NOT NULL,               -- opened, resolved, dismissed, reopened, auto-resolved
            status TEXT NOT NULL,
            by TEXT,
            note TEXT,
            evidence_hash TEXT
        );
        CREATE INDEX flag_events_flag ON flag_events (flag_id);
        """
    )


@migrations()
def m001_initial(db: Database) -> None:
    """The whole model the later features build on (the tables as first shipped; never edit)."""
    _document_tables(db)
    _link_tables(db)
    _flag_tables(db)


@migrations()
def m002_archive(db: Database) -> None:
    """Snapshots of cited pages (WARC place, metadata, main text, FTS5), public archive copies,
    and the fetch failures of the archive step (issue 4)."""
    db.executescript(
        """
        CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY,
            url_id INTEGER NOT NULL REFERENCES urls(id) ON DELETE CASCADE,
            run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
            fetched_at TEXT NOT NULL,           -- first fetch of this body
            last_seen_at TEXT NOT NULL,         -- last fetch that gave the same body
            seen_count INTEGER NOT NULL DEFAULT 1,
            final_url TEXT,
            warc_file TEXT,                     -- relative to the archive dir beside the store
            warc_offset INTEGER,
            warc_length INTEGER,
            http_status INTEGER,
            content_type TEXT,
            sha256 TEXT,                        -- of the (decoded) body; identical bodies share a record
            size INTEGER,
            truncated INTEGER NOT NULL DEFAULT 0,
            kind TEXT,                          -- html, pdf, other
            title TEXT,
            titles TEXT NOT NULL DEFAULT '[]',  -- JSON: every title candidate
            site_name TEXT,
            authors TEXT NOT NULL DEFAULT '[]', -- JSON list
            published TEXT,                     -- YYYY-MM-DD
            published_field TEXT,               -- where the date was read
            modified TEXT,
            language TEXT,
            text TEXT
        );
        CREATE INDEX snapshots_url ON snapshots (url_id, fetched_at);
        CREATE INDEX snapshots_sha ON snapshots (sha256);
        CREATE VIRTUAL TABLE snapshots_fts USING fts5(
            title, text, content='snapshots', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER snapshots_fts_ai AFTER INSERT ON snapshots BEGIN
            INSERT INTO snapshots_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        CREATE TRIGGER snapshots_fts_ad AFTER DELETE ON snapshots BEGIN
            INSERT INTO snapshots_fts (snapshots_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        END;
        CREATE TRIGGER snapshots_fts_au AFTER UPDATE OF title, text ON snapshots BEGIN
            INSERT INTO snapshots_fts (snapshots_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO snapshots_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        CREATE TABLE public_archives (
            id INTEGER PRIMARY KEY,
            url_id INTEGER NOT NULL REFERENCES urls(id) ON DELETE CASCADE,
            citation_id INTEGER REFERENCES citations(id) ON DELETE CASCADE,
            target TEXT,                        -- YYYYMMDD asked for (the stated date), or null
            archive_url TEXT,
            archived_at TEXT,                   -- the copy's own time, ISO
            source TEXT,                        -- wayback-api, wayback-redirect, save-page-now; no-copy
            looked_up_at TEXT NOT NULL,
            error TEXT                          -- why the lookup failed (offline, 429...)
        );
        CREATE INDEX public_archives_url ON public_archives (url_id);
        CREATE TABLE archive_failures (
            url_id INTEGER PRIMARY KEY REFERENCES urls(id) ON DELETE CASCADE,
            run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
            failed_at TEXT NOT NULL,
            error TEXT NOT NULL
        );
        """
    )


@migrations()
def m003_links(db: Database) -> None:
    """Link checks (issue 3): why a link is failing (for the dead-link flag), the last reason
    and error, and indexes for leases and for the flags of one URL."""
    db.executescript(
        """
        ALTER TABLE urls ADD COLUMN last_reason TEXT;
        ALTER TABLE urls ADD COLUMN last_error TEXT;
        ALTER TABLE urls ADD COLUMN fail_status TEXT;       -- status of the latest counted failure
        ALTER TABLE urls ADD COLUMN fail_reason TEXT;       -- its reason (not-found, gone, home-page...)
        ALTER TABLE urls ADD COLUMN fail_http_status INTEGER;
        ALTER TABLE urls ADD COLUMN fail_final_url TEXT;
        ALTER TABLE urls ADD COLUMN first_failed_at TEXT;   -- first failure of the current streak
        CREATE INDEX urls_lease ON urls (lease_owner);
        CREATE INDEX flags_url ON flags (url);
        CREATE INDEX checks_run ON checks (run_id);
        """
    )


@migrations()
def m004_snapshot_notes(db: Database) -> None:
    """Bounded work (issue 15): why a snapshot is incomplete, in words: its body cut (WARC-Truncated
    length, disconnect or time) or its extraction stopped (timeout, memory): null when whole."""
    db.executescript(
        """
        ALTER TABLE snapshots ADD COLUMN note TEXT;
        CREATE INDEX snapshots_warc ON snapshots (warc_file, warc_offset);  -- how far the store knows a WARC
        """
    )


@migrations()
def m005_citation_accessed(db: Database) -> None:
    """The access date of a citation (issue 13): when the citing author says the source was
    retrieved, accessed or archived (`Retrieved April 18, 2014`). Never the stated `date`."""
    db.executescript(
        """
        ALTER TABLE citations ADD COLUMN accessed TEXT;            -- YYYY-MM-DD, null when not given
        ALTER TABLE citations ADD COLUMN accessed_raw TEXT;        -- as written
        ALTER TABLE citations ADD COLUMN accessed_precision TEXT;  -- day, month or year
        """
    )


@migrations()
def m006_one_key_scheme(db: Database) -> None:
    """One scheme for unique keys (issue 16): a repeated claim key was `labels@N`, now `labels~N`
    like notes and citations; the unsupported-claim flags that name such a claim follow, so their
    identity (and the reviewers' decisions on them) carries over."""
    db.executescript(
        """
        UPDATE claims SET key = replace(key, '@', '~') WHERE key LIKE '%@%';
        UPDATE flags SET subject = 'claim:' || replace(substr(subject, 7), '@', '~')
            WHERE kind = 'unsupported-claim' AND subject LIKE 'claim:%@%';
        """
    )

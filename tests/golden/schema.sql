-- index checks_run
CREATE INDEX checks_run ON checks (run_id);

-- index checks_url
CREATE INDEX checks_url ON checks (url_id, checked_at);

-- index citation_urls_url
CREATE INDEX citation_urls_url ON citation_urls (url_id);

-- index flag_events_flag
CREATE INDEX flag_events_flag ON flag_events (flag_id);

-- index flags_status
CREATE INDEX flags_status ON flags (status, kind);

-- index flags_url
CREATE INDEX flags_url ON flags (url);

-- index idx__sqlite_migrations_migration_set_name
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");

-- index public_archives_url
CREATE INDEX public_archives_url ON public_archives (url_id);

-- index snapshots_sha
CREATE INDEX snapshots_sha ON snapshots (sha256);

-- index snapshots_url
CREATE INDEX snapshots_url ON snapshots (url_id, fetched_at);

-- index snapshots_warc
CREATE INDEX snapshots_warc ON snapshots (warc_file, warc_offset);

-- index urls_due
CREATE INDEX urls_due ON urls (last_checked_at);

-- index urls_lease
CREATE INDEX urls_lease ON urls (lease_owner);

-- table _sqlite_migrations
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);

-- table archive_failures
CREATE TABLE archive_failures (
            url_id INTEGER PRIMARY KEY REFERENCES urls(id) ON DELETE CASCADE,
            run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
            failed_at TEXT NOT NULL,
            error TEXT NOT NULL
        );

-- table checks
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

-- table citation_urls
CREATE TABLE citation_urls (
            citation_id INTEGER NOT NULL REFERENCES citations(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            url_id INTEGER REFERENCES urls(id),  -- null for a malformed URL nobody can fetch
            written TEXT NOT NULL,              -- as the note writes it
            malformed TEXT,
            PRIMARY KEY (citation_id, position)
        );

-- table citations
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
            named_site TEXT, accessed TEXT, accessed_raw TEXT, accessed_precision TEXT,
            UNIQUE (document_id, key)
        );

-- table claim_notes
CREATE TABLE claim_notes (
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (claim_id, label)
        );

-- table claims
CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            key TEXT NOT NULL,                  -- its note labels (and occurrence): stable identity
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            UNIQUE (document_id, key)
        );

-- table documents
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

-- table flag_events
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

-- table flags
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

-- table notes
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

-- table public_archives
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

-- table runs
CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,                 -- check, archive
            started_at TEXT NOT NULL,
            finished_at TEXT,
            options TEXT NOT NULL DEFAULT '{}',
            counts TEXT NOT NULL DEFAULT '{}'
        );

-- table snapshots
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
        , note TEXT);

-- table snapshots_fts
CREATE VIRTUAL TABLE snapshots_fts USING fts5(
            title, text, content='snapshots', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
        );

-- table snapshots_fts_config
CREATE TABLE 'snapshots_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table snapshots_fts_data
CREATE TABLE 'snapshots_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table snapshots_fts_docsize
CREATE TABLE 'snapshots_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table snapshots_fts_idx
CREATE TABLE 'snapshots_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table urls
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
        , last_reason TEXT, last_error TEXT, fail_status TEXT, fail_reason TEXT, fail_http_status INTEGER, fail_final_url TEXT, first_failed_at TEXT);

-- trigger snapshots_fts_ad
CREATE TRIGGER snapshots_fts_ad AFTER DELETE ON snapshots BEGIN
            INSERT INTO snapshots_fts (snapshots_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        END;

-- trigger snapshots_fts_ai
CREATE TRIGGER snapshots_fts_ai AFTER INSERT ON snapshots BEGIN
            INSERT INTO snapshots_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
        END;

-- trigger snapshots_fts_au
CREATE TRIGGER snapshots_fts_au AFTER UPDATE OF title, text ON snapshots BEGIN
            INSERT INTO snapshots_fts (snapshots_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO snapshots_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
        END;


-- Schema version 1 on SQLite: the tables the intake had before sqlx, so a
-- database written by an older intake is adopted as is (IF NOT EXISTS; the
-- columns added over time are added before this runs, src/db.rs).
CREATE TABLE IF NOT EXISTS applications (
    receipt         TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    body_sha256     TEXT NOT NULL,
    status          TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    pack_id         TEXT NOT NULL,
    pack_version    TEXT NOT NULL,
    eligibility     TEXT NOT NULL,
    files           INTEGER NOT NULL,
    size            INTEGER NOT NULL,
    result          TEXT NOT NULL DEFAULT '',
    client_result   TEXT NOT NULL DEFAULT '',
    result_differs  TEXT NOT NULL DEFAULT '',
    decided_at      TEXT,
    purged_at       TEXT
) STRICT;
CREATE TABLE IF NOT EXISTS audit (
    at      TEXT NOT NULL,
    receipt TEXT NOT NULL,
    event   TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS application_meta (
    receipt       TEXT PRIMARY KEY,
    supersedes    TEXT,
    late          INTEGER NOT NULL DEFAULT 0,
    result        TEXT NOT NULL,
    renewal_years INTEGER
) STRICT;
CREATE INDEX IF NOT EXISTS application_meta_supersedes ON application_meta (supersedes);
CREATE TABLE IF NOT EXISTS decisions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    receipt        TEXT NOT NULL,
    status         TEXT NOT NULL,
    reasons        TEXT NOT NULL,
    note           TEXT NOT NULL,
    decided_at     TEXT NOT NULL,
    decided_by     TEXT NOT NULL,
    resubmit_by    TEXT,
    effective_from TEXT,
    renewal_due    TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS decisions_receipt ON decisions (receipt, id);
CREATE TRIGGER IF NOT EXISTS decisions_no_update BEFORE UPDATE ON decisions
    BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER IF NOT EXISTS decisions_no_delete BEFORE DELETE ON decisions
    BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;

-- Schema version 1 on PostgreSQL: the same tables and meanings as on
-- SQLite (migrations/sqlite/0001_schema.sql). Times are RFC 3339 text, as
-- on SQLite, so both answer byte for byte the same.
CREATE TABLE applications (
    receipt         TEXT PRIMARY KEY,
    -- One receipt per key across every replica: this constraint, not a lock.
    idempotency_key TEXT NOT NULL UNIQUE,
    body_sha256     TEXT NOT NULL,
    status          TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    pack_id         TEXT NOT NULL,
    pack_version    TEXT NOT NULL,
    eligibility     TEXT NOT NULL,
    files           BIGINT NOT NULL,
    size            BIGINT NOT NULL,
    result          TEXT NOT NULL DEFAULT '',
    client_result   TEXT NOT NULL DEFAULT '',
    result_differs  TEXT NOT NULL DEFAULT '',
    decided_at      TEXT,
    purged_at       TEXT
);
CREATE INDEX applications_received ON applications (received_at, receipt);
CREATE TABLE audit (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      TEXT NOT NULL,
    receipt TEXT NOT NULL,
    event   TEXT NOT NULL
);
CREATE INDEX audit_receipt ON audit (receipt, id);
CREATE TABLE application_meta (
    receipt       TEXT PRIMARY KEY,
    supersedes    TEXT,
    late          BIGINT NOT NULL DEFAULT 0,
    result        TEXT NOT NULL,
    renewal_years BIGINT
);
CREATE INDEX application_meta_supersedes ON application_meta (supersedes);
CREATE TABLE decisions (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    receipt        TEXT NOT NULL,
    status         TEXT NOT NULL,
    reasons        TEXT NOT NULL,
    note           TEXT NOT NULL,
    decided_at     TEXT NOT NULL,
    decided_by     TEXT NOT NULL,
    resubmit_by    TEXT,
    effective_from TEXT,
    renewal_due    TEXT
);
CREATE INDEX decisions_receipt ON decisions (receipt, id);
CREATE FUNCTION decisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'decisions are append-only';
END
$$;
CREATE TRIGGER decisions_no_rewrite BEFORE UPDATE OR DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION decisions_append_only();

-- OnAir audit history. One row per transition the operator caused or observed, and one row per
-- stream session (a LiveStream run, or one connection of a Restream output). Rows never hold spec
-- contents, stream keys or anything read from a Secret.

CREATE TABLE audit_event (
    -- Deterministic key of the transition (see docs/audit.md): a retry or a replay of the same
    -- transition produces the same key and is ignored.
    event_id    TEXT PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL,
    -- Order of the records one reconcile produced at the same instant.
    ordinal     SMALLINT    NOT NULL DEFAULT 0,
    namespace   TEXT        NOT NULL,
    kind        TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    uid         TEXT,
    reason      TEXT        NOT NULL,
    type        TEXT        NOT NULL,
    message     TEXT        NOT NULL,
    -- Who caused it: the field manager that changed the spec, or what stopped a run.
    actor       TEXT,
    phase       TEXT,
    -- The Endpoint an output event is about (Restreams only).
    output      TEXT,
    session_id  TEXT,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX audit_event_time_idx ON audit_event (occurred_at DESC, ordinal DESC, event_id DESC);
CREATE INDEX audit_event_object_idx ON audit_event (namespace, kind, name, occurred_at DESC);

CREATE TABLE stream_session (
    session_id       TEXT PRIMARY KEY,
    namespace        TEXT        NOT NULL,
    kind             TEXT        NOT NULL,
    name             TEXT        NOT NULL,
    uid              TEXT,
    -- The Endpoint of an output connection; NULL for a LiveStream run.
    output           TEXT,
    started_at       TIMESTAMPTZ NOT NULL,
    ended_at         TIMESTAMPTZ,
    -- spec, schedule, failure, spec-change, deletion; for outputs the state it left Live for.
    end_reason       TEXT,
    duration_seconds DOUBLE PRECISION
);

CREATE INDEX stream_session_time_idx ON stream_session (started_at DESC, session_id DESC);
CREATE INDEX stream_session_object_idx ON stream_session (namespace, kind, name, output, started_at DESC);

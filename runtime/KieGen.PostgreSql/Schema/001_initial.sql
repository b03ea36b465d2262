-- KieGen.PostgreSql schema, version 1. Idempotent: safe to run again. KieGen runs it at start (MigrateOnStart, under an
-- advisory lock); teams that run migrations themselves run this file and set MigrateOnStart to false.

CREATE TABLE IF NOT EXISTS kiegen_schema_version (
    version    integer PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);

-- Tasks the app submitted, so a callback finds its model on any instance: by the correlation value in the callback URL
-- (saved before the create call) and by Kie's task id (once known). Rows expire (expires_at).
CREATE TABLE IF NOT EXISTS kiegen_tasks (
    correlation text PRIMARY KEY,
    task_id     text UNIQUE,
    model_id    text NOT NULL,
    family      text NOT NULL,
    result_kind text NOT NULL,
    status_path text NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS kiegen_tasks_expires_at ON kiegen_tasks (expires_at);

-- One row per (task, stage) claimed by a callback, so a duplicate delivery is processed once.
CREATE TABLE IF NOT EXISTS kiegen_task_claims (
    task_id    text NOT NULL,
    stage      text NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (task_id, stage)
);

-- Confirmed statuses published by the instance that handled a callback; every instance hears of a new row through
-- NOTIFY and reads it, and reads the latest terminal one of each task it waits on after a reconnect.
CREATE TABLE IF NOT EXISTS kiegen_completions (
    id           bigserial PRIMARY KEY,
    task_id      text NOT NULL,
    terminal     boolean NOT NULL,
    status       jsonb NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS kiegen_completions_task_id ON kiegen_completions (task_id, id);
CREATE INDEX IF NOT EXISTS kiegen_completions_published_at ON kiegen_completions (published_at);

-- Verified callbacks, committed before the endpoint answers 200. state: pending (due_at, and claimed while
-- lease_until is in the future), done, or dead (dead-lettered after too many attempts).
CREATE TABLE IF NOT EXISTS kiegen_callback_inbox (
    id                 bigserial PRIMARY KEY,
    delivery_key       text NOT NULL UNIQUE,
    task_id            text NOT NULL,
    delivery_timestamp text NOT NULL,
    correlation        text,
    stage_hint         text,
    received_at        timestamptz NOT NULL DEFAULT now(),
    due_at             timestamptz NOT NULL DEFAULT now(),
    lease_until        timestamptz,
    attempts           integer NOT NULL DEFAULT 0,
    last_error         text,
    state              text NOT NULL DEFAULT 'pending',
    finished_at        timestamptz
);
CREATE INDEX IF NOT EXISTS kiegen_callback_inbox_due ON kiegen_callback_inbox (due_at, id) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS kiegen_callback_inbox_finished ON kiegen_callback_inbox (finished_at) WHERE state = 'done';

-- The idempotency key of the handlers: one row per task and confirmed outcome.
CREATE TABLE IF NOT EXISTS kiegen_callback_handled (
    task_id    text NOT NULL,
    outcome    text NOT NULL,
    handled_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (task_id, outcome)
);

-- One row per key (as a SHA-256 hash) and limit: when each of the limit's slots is free again. A slot in use is free at
-- the latest two windows after its holder last renewed it (a dead instance's slot frees by itself).
CREATE TABLE IF NOT EXISTS kiegen_rate_limits (
    limit_id   text PRIMARY KEY,
    free_at    timestamptz[] NOT NULL,
    holders    uuid[] NOT NULL,
    min_rtt_ms  double precision,
    rtt_samples integer NOT NULL DEFAULT 0
);

INSERT INTO kiegen_schema_version (version) VALUES (1) ON CONFLICT (version) DO NOTHING;

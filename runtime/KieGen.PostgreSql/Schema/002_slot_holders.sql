-- KieGen.PostgreSql schema, version 2. Idempotent: safe to run again.

-- Who holds each rate-limit slot, by subscript like free_at and holders: the backend pid of the holding instance's
-- session (a connection each instance keeps open for its whole life) and the server start that pid belongs to. When
-- that session is gone from pg_stat_activity on the same server start, the instance has ended, and its slot is free
-- one window after that is seen, not when its lease runs out. Null (older rows, a session that could not be
-- confirmed) means the lease alone decides, as in version 1.
ALTER TABLE kiegen_rate_limits ADD COLUMN IF NOT EXISTS holder_pids integer[];
ALTER TABLE kiegen_rate_limits ADD COLUMN IF NOT EXISTS holder_epochs timestamptz[];

INSERT INTO kiegen_schema_version (version) VALUES (2) ON CONFLICT (version) DO NOTHING;

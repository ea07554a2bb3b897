-- One row rewritten by the health check, so that /health reports a database that still
-- answers reads but refuses writes (read-only, full disk).
CREATE TABLE write_probe (
    id    BIGINT PRIMARY KEY,
    at_ms BIGINT NOT NULL
);

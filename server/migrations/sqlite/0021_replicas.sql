-- Replicas on one database. job_slots: each scheduled job's slot (job, due instant) is
-- claimed once, by the leader that runs it, so no slot runs twice across a takeover and the
-- odds quota is never spent twice on one slot. replica_leader: the one row naming the
-- replica that leads (for /health on every replica). Same tables as the PostgreSQL migration of
-- the same number.
CREATE TABLE job_slots (
    job        TEXT NOT NULL,
    slot_ms    BIGINT NOT NULL,
    replica    TEXT NOT NULL,
    claimed_ms BIGINT NOT NULL,
    done_ms    BIGINT,
    PRIMARY KEY (job, slot_ms)
);

CREATE TABLE replica_leader (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    replica      TEXT NOT NULL,
    since_ms     BIGINT NOT NULL,
    heartbeat_ms BIGINT NOT NULL
);

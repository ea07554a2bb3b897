-- edgecore schema (PostgreSQL). Money and prices are NUMERIC, never a float; instants are
-- Unix milliseconds. Same tables, columns and keys as the SQLite migration of the same
-- number.

CREATE TABLE events (
    id          TEXT PRIMARY KEY,
    sport       TEXT NOT NULL,
    home        TEXT NOT NULL,
    away        TEXT NOT NULL,
    kickoff_ms  BIGINT NOT NULL,
    updated_ms  BIGINT NOT NULL
);
CREATE INDEX events_kickoff ON events (kickoff_ms);

-- The latest price per (event, bookmaker, market, line, selection); line is '' when the
-- market has none, so the key never holds NULL.
CREATE TABLE latest_prices (
    event_id    TEXT NOT NULL,
    bookmaker   TEXT NOT NULL,
    market      TEXT NOT NULL,
    line        TEXT NOT NULL,
    selection   TEXT NOT NULL,
    price       NUMERIC NOT NULL,
    seen_ms     BIGINT NOT NULL,
    changed_ms  BIGINT NOT NULL,
    PRIMARY KEY (event_id, bookmaker, market, line, selection)
);

-- Every new or changed price; the unique key makes a replayed collection a no-op.
CREATE TABLE price_history (
    id          BIGSERIAL PRIMARY KEY,
    event_id    TEXT NOT NULL,
    bookmaker   TEXT NOT NULL,
    market      TEXT NOT NULL,
    line        TEXT NOT NULL,
    selection   TEXT NOT NULL,
    price       NUMERIC NOT NULL,
    captured_ms BIGINT NOT NULL,
    UNIQUE (event_id, bookmaker, market, line, selection, captured_ms)
);
CREATE INDEX price_history_captured ON price_history (captured_ms);

CREATE TABLE event_results (
    event_id     TEXT PRIMARY KEY,
    status       TEXT NOT NULL CHECK (status IN ('final', 'cancelled')),
    home_score   BIGINT,
    away_score   BIGINT,
    completed_ms BIGINT NOT NULL
);

CREATE TABLE bets (
    id                  TEXT PRIMARY KEY,
    event_id            TEXT NOT NULL,
    league              TEXT NOT NULL,
    market              TEXT NOT NULL,
    line                TEXT NOT NULL,
    selection           TEXT NOT NULL,
    bookmaker           TEXT NOT NULL,
    odds                NUMERIC NOT NULL,
    stake               NUMERIC NOT NULL,
    placed_ms           BIGINT NOT NULL,
    source              TEXT NOT NULL,
    outcome             TEXT,
    closing_odds        NUMERIC,
    closing_probability DOUBLE PRECISION,
    kickoff_ms          BIGINT,
    settled_ms          BIGINT,
    created_ms          BIGINT NOT NULL,
    updated_ms          BIGINT NOT NULL
);
CREATE INDEX bets_placed ON bets (placed_ms);

CREATE TABLE collection_runs (
    id                 BIGSERIAL PRIMARY KEY,
    kind               TEXT NOT NULL,
    finished_ms        BIGINT NOT NULL,
    status             TEXT NOT NULL,
    requests_remaining BIGINT,
    prices             BIGINT NOT NULL,
    history_appended   BIGINT NOT NULL,
    message            TEXT NOT NULL
);
CREATE INDEX collection_runs_kind ON collection_runs (kind, status, finished_ms);

CREATE TABLE rejected_responses (
    id          BIGSERIAL PRIMARY KEY,
    received_ms BIGINT NOT NULL,
    endpoint    TEXT NOT NULL,
    status      BIGINT NOT NULL,
    reason      TEXT NOT NULL,
    body        TEXT NOT NULL
);

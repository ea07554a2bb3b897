-- The agents' track record: every opportunity published, once per (event, market, line,
-- selection, bookmaker), with what it was when first seen; its closing line once the event
-- kicked off (closed_ms, closing_odds NULL when the reference had no price) and its
-- outcome once the result is in. Same columns as the SQLite migration of
-- the same number.
CREATE TABLE agent_picks (
    event_id            TEXT NOT NULL,
    market              TEXT NOT NULL,
    line                TEXT NOT NULL,
    selection           TEXT NOT NULL,
    bookmaker           TEXT NOT NULL,
    sport               TEXT NOT NULL,
    kickoff_ms          BIGINT NOT NULL,
    first_seen_ms       BIGINT NOT NULL,
    price               NUMERIC NOT NULL,
    fair_probability    DOUBLE PRECISION NOT NULL,
    edge                DOUBLE PRECISION NOT NULL,
    score               DOUBLE PRECISION NOT NULL,
    label               TEXT NOT NULL,
    agents              TEXT NOT NULL,
    closing_odds        NUMERIC,
    closing_probability DOUBLE PRECISION,
    closed_ms           BIGINT,
    outcome             TEXT,
    settled_ms          BIGINT,
    PRIMARY KEY (event_id, market, line, selection, bookmaker)
);
CREATE INDEX agent_picks_seen ON agent_picks (first_seen_ms);
CREATE INDEX agent_picks_kickoff ON agent_picks (kickoff_ms);

-- Bets placed at or after kickoff are accepted only as live bets, at a price that was on
-- the board; the flag is kept with the bet.
ALTER TABLE bets ADD COLUMN live BIGINT NOT NULL DEFAULT 0;

-- POST /bets with an Idempotency-Key: the key (scoped by the caller), a hash of the request
-- body and the bet it created, so that a retried request returns that bet instead of
-- recording a second one.
CREATE TABLE bet_requests (
    request_key  TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    bet_id       TEXT NOT NULL,
    created_ms   BIGINT NOT NULL
);

-- Demo bets: the season of settled bets the replay demonstration adds (from the core's seeded
-- generator and backtest) are flagged, so a reader never mistakes them for real bets.
-- 1 for a demo bet, 0 for a real one (BIGINT like the other flags and counts).
ALTER TABLE bets ADD COLUMN demo BIGINT NOT NULL DEFAULT 0;

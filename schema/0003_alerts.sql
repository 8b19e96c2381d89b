-- 0003_alerts.sql: the alerts the diagnosis raised, with their evidence,
-- fix and verify lines. An alert is raised once, updated when its cause
-- changes while open, and cleared when the tunnel is healthy again;
-- cleared_at is NULL while it is open. Times are UTC ISO 8601 text.

CREATE TABLE alerts (
	id		INTEGER PRIMARY KEY,
	router		TEXT NOT NULL,
	peer		TEXT,			-- NULL for a router-wide alert
	kind		TEXT NOT NULL,		-- phase1_stuck, psk_mismatch, ...
	cause		TEXT NOT NULL,		-- one of the seven, or 'unknown'
	severity	TEXT NOT NULL,		-- critical, warning, info
	confidence	TEXT NOT NULL,		-- high, medium, low
	summary		TEXT NOT NULL,
	evidence	TEXT NOT NULL,		-- JSON array of strings
	fix		TEXT NOT NULL,		-- JSON array of strings
	verify		TEXT NOT NULL,		-- JSON array of strings
	candidates	TEXT NOT NULL,		-- JSON array (cause 'unknown')
	raised_at	TEXT NOT NULL,
	updated_at	TEXT NOT NULL,
	cleared_at	TEXT
);
CREATE INDEX alerts_open ON alerts (router, kind, peer) WHERE cleared_at IS NULL;
CREATE INDEX alerts_raised ON alerts (raised_at);

CREATE VIEW open_alerts AS
SELECT * FROM alerts WHERE cleared_at IS NULL;

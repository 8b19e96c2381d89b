-- 0001_polls.sql: one row per poll, one per command sent, and the
-- (redacted) outputs when keep_raw_output is set.
--
-- Times are UTC ISO 8601 text with milliseconds ("2026-11-29T06:10:06.123Z"):
-- they sort as text, read as text in the sqlite3 shell, and date() and
-- julianday() understand them.

CREATE TABLE polls (
	id		INTEGER PRIMARY KEY,
	router		TEXT NOT NULL,
	started_at	TEXT NOT NULL,
	finished_at	TEXT NOT NULL,
	duration_ms	INTEGER,
	-- 'ok', 'connect', 'hostkey', 'auth', 'timeout', 'command',
	-- 'closed', 'protocol', ...: left open so that a new failure kind
	-- needs no migration.
	status		TEXT NOT NULL,
	error		TEXT,
	overrun		INTEGER NOT NULL DEFAULT 0 CHECK (overrun IN (0, 1))
);

-- "The last polls of this router" is the question asked most.
CREATE INDEX polls_router_started ON polls (router, started_at);
-- "Everything that failed in the last hour" scans by time alone.
CREATE INDEX polls_started ON polls (started_at);

CREATE TABLE poll_commands (
	poll_id		INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
	seq		INTEGER NOT NULL,	-- 1, 2, ... in the order sent
	command		TEXT NOT NULL,
	-- 'ok', 'error', 'timeout', 'truncated', 'skipped'
	status		TEXT NOT NULL,
	bytes		INTEGER NOT NULL DEFAULT 0,
	duration_ms	INTEGER,
	error		TEXT,
	PRIMARY KEY (poll_id, seq)
);

-- Never a secret here: the output went through redact_text() first.
CREATE TABLE raw_outputs (
	poll_id		INTEGER NOT NULL,
	seq		INTEGER NOT NULL,
	output		TEXT NOT NULL,
	masked_lines	INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (poll_id, seq),
	FOREIGN KEY (poll_id, seq) REFERENCES poll_commands (poll_id, seq)
	    ON DELETE CASCADE
);

-- The latest poll of each router (ties on started_at go to the later row).
CREATE VIEW last_poll AS
SELECT p.*
FROM polls AS p
WHERE p.id = (
	SELECT q.id FROM polls AS q
	WHERE q.router = p.router
	ORDER BY q.started_at DESC, q.id DESC
	LIMIT 1
);

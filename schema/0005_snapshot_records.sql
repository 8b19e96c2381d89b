-- 0005_snapshot_records.sql: each distinct probe result is stored once.
--
-- Most probes give the same records poll after poll (crypto maps,
-- policies, transform sets, the config lines, the routes): measured on the
-- demo lab they were more than half of the database. poll_snapshots now
-- ties a poll's command to a row of snapshot_records, found by the
-- SHA-256 of its JSON; `snapshots` becomes a view with the same columns
-- as the table it replaces, so every query written for it still works.
-- A record no poll refers to any more (retention) goes with its last
-- reference, by the trigger below.

CREATE TABLE snapshot_records (
	id		INTEGER PRIMARY KEY,
	hash		BLOB UNIQUE,		-- SHA-256 of records; NULL for rows
						-- carried over from 0002's table
	records		TEXT NOT NULL		-- JSON, as `ipsecwatch parse` prints
);

CREATE TABLE poll_snapshots (
	poll_id		INTEGER NOT NULL,
	seq		INTEGER NOT NULL,
	probe		TEXT NOT NULL,
	ok		INTEGER NOT NULL CHECK (ok IN (0, 1)),
	error		TEXT,			-- why the output was not understood
	unparsed_lines	INTEGER NOT NULL DEFAULT 0,
	records_id	INTEGER NOT NULL REFERENCES snapshot_records (id),
	PRIMARY KEY (poll_id, seq),
	FOREIGN KEY (poll_id, seq) REFERENCES poll_commands (poll_id, seq)
	    ON DELETE CASCADE
);

INSERT INTO snapshot_records (id, records) SELECT rowid, records FROM snapshots;
INSERT INTO poll_snapshots (poll_id, seq, probe, ok, error, unparsed_lines,
    records_id)
SELECT poll_id, seq, probe, ok, error, unparsed_lines, rowid FROM snapshots;
DROP INDEX snapshots_probe;
DROP TABLE snapshots;

CREATE INDEX poll_snapshots_probe ON poll_snapshots (probe, poll_id);
CREATE INDEX poll_snapshots_records ON poll_snapshots (records_id);

CREATE TRIGGER snapshot_records_unused AFTER DELETE ON poll_snapshots
WHEN NOT EXISTS (SELECT 1 FROM poll_snapshots WHERE records_id = OLD.records_id)
BEGIN
	DELETE FROM snapshot_records WHERE id = OLD.records_id;
END;

CREATE VIEW snapshots AS
SELECT s.poll_id, s.seq, s.probe, s.ok, s.error, s.unparsed_lines, r.records
FROM poll_snapshots s JOIN snapshot_records r ON r.id = s.records_id;

-- tunnel_latest needs only which polls have crypto records: no JSON.
DROP VIEW tunnel_latest;
CREATE VIEW tunnel_latest AS
SELECT t.* FROM tunnel_polls t
WHERE t.poll_id = (SELECT max(s.poll_id) FROM poll_snapshots s
                    JOIN polls q ON q.id = s.poll_id
                    WHERE q.router = t.router
                      AND s.probe IN ('isakmp_sa', 'ipsec_sa'));

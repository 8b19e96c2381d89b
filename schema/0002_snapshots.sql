-- 0002_snapshots.sql: what the probes made of each output, tied to its
-- poll and command, and the typed tables and views a NOC queries.
--
-- snapshots holds each probe's records as JSON (the same JSON as
-- `ipsecwatch parse`); the typed tables below are filled from it by the
-- store in the same transaction, so the two never disagree.

CREATE TABLE snapshots (
	poll_id		INTEGER NOT NULL,
	seq		INTEGER NOT NULL,
	probe		TEXT NOT NULL,
	ok		INTEGER NOT NULL CHECK (ok IN (0, 1)),
	error		TEXT,			-- why the output was not understood
	unparsed_lines	INTEGER NOT NULL DEFAULT 0,
	records		TEXT NOT NULL,		-- JSON
	PRIMARY KEY (poll_id, seq),
	FOREIGN KEY (poll_id, seq) REFERENCES poll_commands (poll_id, seq)
	    ON DELETE CASCADE
);
CREATE INDEX snapshots_probe ON snapshots (probe, poll_id);

-- The platform learnt from `show version` at a session's first poll.
CREATE TABLE router_platform (
	router		TEXT PRIMARY KEY,
	platform	TEXT NOT NULL,		-- 'ios', 'iosxe', 'asa'
	version		TEXT,
	hostname	TEXT,
	learnt_at	TEXT NOT NULL
);

-- One row per Phase 1 SA seen (show crypto isakmp sa).
CREATE TABLE isakmp_sas (
	poll_id		INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
	router		TEXT NOT NULL,
	family		TEXT,
	peer		TEXT,			-- dst (IOS) / IKE Peer (ASA)
	src		TEXT,
	state		TEXT,
	phase1_step	INTEGER,
	phase1_up	INTEGER,
	conn_id		INTEGER,
	status		TEXT,
	deleted		INTEGER
);
CREATE INDEX isakmp_sas_poll ON isakmp_sas (poll_id);
CREATE INDEX isakmp_sas_router_peer ON isakmp_sas (router, peer, poll_id);

-- One row per protected flow (show crypto ipsec sa), with its counters.
CREATE TABLE ipsec_flows (
	poll_id		INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
	router		TEXT NOT NULL,
	interface	TEXT,
	crypto_map	TEXT,
	local_addr	TEXT,
	peer		TEXT,
	local_ident	TEXT,			-- "10.1.0.0/255.255.255.0/0/0"
	remote_ident	TEXT,
	pkts_encaps	INTEGER,
	pkts_decaps	INTEGER,
	send_errors	INTEGER,
	recv_errors	INTEGER,
	current_outbound_spi INTEGER,
	inbound_sas	INTEGER,		-- inbound ESP + AH SAs
	outbound_sas	INTEGER
);
CREATE INDEX ipsec_flows_poll ON ipsec_flows (poll_id);
CREATE INDEX ipsec_flows_router_peer ON ipsec_flows (router, peer, poll_id);

-- Per poll and peer (a peer seen in Phase 1, in Phase 2, or both): the
-- Phase 1 state and the summed IPsec counters.
CREATE VIEW tunnel_polls AS
WITH peers AS (
	SELECT poll_id, peer FROM isakmp_sas WHERE peer IS NOT NULL
	UNION
	SELECT poll_id, peer FROM ipsec_flows WHERE peer IS NOT NULL
)
SELECT p.id AS poll_id, p.router, p.started_at, k.peer,
       (SELECT group_concat(s.state, ' ') FROM isakmp_sas s
         WHERE s.poll_id = p.id AND s.peer = k.peer) AS phase1_state,
       (SELECT max(s.phase1_up) FROM isakmp_sas s
         WHERE s.poll_id = p.id AND s.peer = k.peer) AS phase1_up,
       (SELECT sum(f.inbound_sas + f.outbound_sas) FROM ipsec_flows f
         WHERE f.poll_id = p.id AND f.peer = k.peer) AS ipsec_sas,
       (SELECT sum(f.pkts_encaps) FROM ipsec_flows f
         WHERE f.poll_id = p.id AND f.peer = k.peer) AS pkts_encaps,
       (SELECT sum(f.pkts_decaps) FROM ipsec_flows f
         WHERE f.poll_id = p.id AND f.peer = k.peer) AS pkts_decaps,
       (SELECT sum(f.send_errors) FROM ipsec_flows f
         WHERE f.poll_id = p.id AND f.peer = k.peer) AS send_errors,
       (SELECT sum(f.recv_errors) FROM ipsec_flows f
         WHERE f.poll_id = p.id AND f.peer = k.peer) AS recv_errors
FROM peers k JOIN polls p ON p.id = k.poll_id;

-- The latest state of every tunnel (router, peer): from the router's
-- latest poll whose crypto outputs were parsed.
CREATE VIEW tunnel_latest AS
SELECT t.* FROM tunnel_polls t
WHERE t.poll_id = (SELECT max(s.poll_id) FROM snapshots s
                    JOIN polls q ON q.id = s.poll_id
                    WHERE q.router = t.router
                      AND s.probe IN ('isakmp_sa', 'ipsec_sa'));

-- Counter deltas and rates between consecutive polls of a tunnel. A
-- counter that goes down means the SA was rebuilt: the delta is then the
-- new value (traffic since the rebuild), never negative traffic.
CREATE VIEW tunnel_rates AS
SELECT router, peer, poll_id, started_at, phase1_state, ipsec_sas,
       pkts_encaps, pkts_decaps, reset,
       d_encaps, d_decaps, seconds,
       CASE WHEN seconds > 0 THEN d_encaps / seconds END AS encaps_per_s,
       CASE WHEN seconds > 0 THEN d_decaps / seconds END AS decaps_per_s
FROM (
	SELECT t.*,
	  (julianday(t.started_at) - julianday(lag(t.started_at) OVER w))
	      * 86400.0 AS seconds,
	  CASE WHEN t.pkts_encaps < lag(t.pkts_encaps) OVER w
	        OR t.pkts_decaps < lag(t.pkts_decaps) OVER w THEN 1 ELSE 0
	  END AS reset,
	  CASE WHEN lag(t.pkts_encaps) OVER w IS NULL THEN NULL
	       WHEN t.pkts_encaps >= lag(t.pkts_encaps) OVER w
	       THEN t.pkts_encaps - lag(t.pkts_encaps) OVER w
	       ELSE t.pkts_encaps END AS d_encaps,
	  CASE WHEN lag(t.pkts_decaps) OVER w IS NULL THEN NULL
	       WHEN t.pkts_decaps >= lag(t.pkts_decaps) OVER w
	       THEN t.pkts_decaps - lag(t.pkts_decaps) OVER w
	       ELSE t.pkts_decaps END AS d_decaps
	FROM tunnel_polls t
	WINDOW w AS (PARTITION BY t.router, t.peer ORDER BY t.started_at)
);

-- Phase 1 state changes over time, per router and peer.
CREATE VIEW phase1_changes AS
SELECT router, peer, started_at, state, previous_state FROM (
	SELECT p.router, s.peer, p.started_at, s.state,
	       lag(s.state) OVER (PARTITION BY p.router, s.peer
	                          ORDER BY p.started_at) AS previous_state
	FROM isakmp_sas s JOIN polls p ON p.id = s.poll_id
)
WHERE previous_state IS NULL OR previous_state <> state;

-- 0007_latest_views.sql: views that cost the size of the answer, not of
-- the history.
--
-- tunnel_latest used to build every tunnel of every poll ever recorded and
-- then keep the latest: 3 s on 226,000 polls, minutes on a month of a
-- large fleet. Now the latest parsed poll of each router is found first
-- (latest_crypto_poll: one index skip per router), and only its tunnels are
-- built: 29 ms on the same database. tunnel_polls carries the router of
-- its key subquery, so that a WHERE router = ... reaches the indexes on
-- (router, peer, poll_id); tunnel_rates, built on it, benefits too.
-- "Latest" is by started_at, as last_poll has it, not by row id.

DROP VIEW tunnel_latest;
DROP VIEW tunnel_polls;

CREATE VIEW tunnel_polls AS
SELECT k.poll_id, k.router, p.started_at, k.peer,
       (SELECT group_concat(s.state, ' ') FROM isakmp_sas s
         WHERE s.poll_id = k.poll_id AND s.peer = k.peer) AS phase1_state,
       (SELECT max(s.phase1_up) FROM isakmp_sas s
         WHERE s.poll_id = k.poll_id AND s.peer = k.peer) AS phase1_up,
       (SELECT sum(f.inbound_sas + f.outbound_sas) FROM ipsec_flows f
         WHERE f.poll_id = k.poll_id AND f.peer = k.peer) AS ipsec_sas,
       (SELECT sum(f.pkts_encaps) FROM ipsec_flows f
         WHERE f.poll_id = k.poll_id AND f.peer = k.peer) AS pkts_encaps,
       (SELECT sum(f.pkts_decaps) FROM ipsec_flows f
         WHERE f.poll_id = k.poll_id AND f.peer = k.peer) AS pkts_decaps,
       (SELECT sum(f.send_errors) FROM ipsec_flows f
         WHERE f.poll_id = k.poll_id AND f.peer = k.peer) AS send_errors,
       (SELECT sum(f.recv_errors) FROM ipsec_flows f
         WHERE f.poll_id = k.poll_id AND f.peer = k.peer) AS recv_errors
FROM (SELECT poll_id, router, peer FROM isakmp_sas WHERE peer IS NOT NULL
      UNION
      SELECT poll_id, router, peer FROM ipsec_flows WHERE peer IS NOT NULL) AS k
JOIN polls p ON p.id = k.poll_id;

CREATE VIEW latest_crypto_poll AS
WITH RECURSIVE r(router) AS (
	SELECT min(router) FROM polls
	UNION ALL
	SELECT (SELECT min(q.router) FROM polls q WHERE q.router > r.router)
	FROM r WHERE r.router IS NOT NULL
)
SELECT r.router,
       (SELECT p.id FROM polls p
         WHERE p.router = r.router
           AND EXISTS (SELECT 1 FROM poll_snapshots s WHERE s.poll_id = p.id
                        AND s.probe IN ('isakmp_sa', 'ipsec_sa'))
         ORDER BY p.started_at DESC, p.id DESC LIMIT 1) AS poll_id
FROM r WHERE r.router IS NOT NULL;

CREATE VIEW tunnel_latest AS
WITH k AS (
	SELECT s.poll_id, s.router, s.peer
	FROM latest_crypto_poll l JOIN isakmp_sas s ON s.poll_id = l.poll_id
	WHERE s.peer IS NOT NULL
	UNION
	SELECT f.poll_id, f.router, f.peer
	FROM latest_crypto_poll l JOIN ipsec_flows f ON f.poll_id = l.poll_id
	WHERE f.peer IS NOT NULL
)
SELECT k.poll_id, k.router, p.started_at, k.peer,
       (SELECT group_concat(s.state, ' ') FROM isakmp_sas s
         WHERE s.poll_id = k.poll_id AND s.peer = k.peer) AS phase1_state,
       (SELECT max(s.phase1_up) FROM isakmp_sas s
         WHERE s.poll_id = k.poll_id AND s.peer = k.peer) AS phase1_up,
       (SELECT sum(f.inbound_sas + f.outbound_sas) FROM ipsec_flows f
         WHERE f.poll_id = k.poll_id AND f.peer = k.peer) AS ipsec_sas,
       (SELECT sum(f.pkts_encaps) FROM ipsec_flows f
         WHERE f.poll_id = k.poll_id AND f.peer = k.peer) AS pkts_encaps,
       (SELECT sum(f.pkts_decaps) FROM ipsec_flows f
         WHERE f.poll_id = k.poll_id AND f.peer = k.peer) AS pkts_decaps,
       (SELECT sum(f.send_errors) FROM ipsec_flows f
         WHERE f.poll_id = k.poll_id AND f.peer = k.peer) AS send_errors,
       (SELECT sum(f.recv_errors) FROM ipsec_flows f
         WHERE f.poll_id = k.poll_id AND f.peer = k.peer) AS recv_errors
FROM k JOIN polls p ON p.id = k.poll_id;


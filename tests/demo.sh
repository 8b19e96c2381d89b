#!/bin/sh
# make demo: the simulated router lab polled by ipsecwatchd for three cycles:
# 9 routers with SSH-level faults and stuck states, and the 28 routers of
# tests/scenarios/lab.json (each root cause, both ends, healthy tunnels).
# Starts iossim and ipsecwatchd in a temporary directory, shows what was
# collected per router, and stops everything it started.
set -eu
B=${1:-build}
SRC=$(cd "$(dirname "$0")/.." && pwd)
. "$SRC/tests/sim-start.sh"
DIR=$(mktemp -d /tmp/ipsecwatch-demo.XXXXXX)
SIM_PID= ; D_PID=
cleanup() {
	[ -n "$D_PID" ] && kill "$D_PID" 2>/dev/null && wait "$D_PID" 2>/dev/null
	[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
	[ -z "${KEEP:-}" ] && rm -rf "$DIR"
	return 0
}
trap cleanup EXIT INT TERM

cp "$SRC/tests/demo/lab.json" "$SRC/tests/demo/ipsecwatch.conf" "$DIR/"
umask 077
printf 'lab-password\n' > "$DIR/pw"
printf 'lab-enable\n' > "$DIR/en"
umask 022

echo "== starting the simulated lab (iossim, one process, libssh server)"
sim_start
echo "   $(cat "$DIR/sim.out")"

# Pin every router's host key except one, to show the refusal of an
# unknown key (what `ipsecwatch trust ROUTER` would fix).
grep -v '^\[127.0.0.1\]:32008 ' "$DIR/known_hosts.sim" > "$DIR/known_hosts"
"$B/ipsecwatch" check-config -f "$DIR/ipsecwatch.conf"

echo "== ipsecwatchd polling the lab for three cycles (interval 5 s)"
"$B/ipsecwatchd" -f "$DIR/ipsecwatch.conf" 2> "$DIR/daemon.log" &
D_PID=$!
sleep 16
kill -TERM "$D_PID"; wait "$D_PID" || true; D_PID=
echo "== what journalctl -p warning would show: the raised alerts, nothing routine"
grep -E '^<[0-4]>' "$DIR/daemon.log" | cut -c1-220 | sed 's/^/   /' || true
echo
echo "== what it collected, per router (from its SQLite history)"
sqlite3 -header -column "$DIR/ipsecwatch.db" "
SELECT p.router,
       count(*) AS polls,
       sum(p.status = 'ok') AS ok,
       (SELECT status FROM polls q WHERE q.router = p.router
         ORDER BY started_at DESC LIMIT 1) AS last_status,
       (SELECT sum(bytes) FROM poll_commands c JOIN polls q ON q.id = c.poll_id
         WHERE q.router = p.router) AS bytes,
       printf('%.0f', avg(p.duration_ms)) AS avg_ms
  FROM polls p GROUP BY p.router ORDER BY p.router;"
echo
echo "== last error per failing router"
sqlite3 "$DIR/ipsecwatch.db" "
SELECT router || ': ' || status || ': ' || error FROM polls
 WHERE status <> 'ok' AND id IN (SELECT max(id) FROM polls GROUP BY router);" |
	cut -c1-160 | sed 's/^/   /'
echo
echo "== one command's outcome on a healthy router"
sqlite3 -header -column "$DIR/ipsecwatch.db" "
SELECT c.command, c.status, c.bytes, c.duration_ms AS ms FROM poll_commands c
  WHERE c.poll_id = (SELECT max(id) FROM polls WHERE router = 'hq-1' AND status = 'ok');"
echo
echo "== 'show crypto isakmp sa' as last collected from each router (stored redacted)"
for r in $(sqlite3 "$DIR/ipsecwatch.db" "SELECT DISTINCT router FROM polls ORDER BY router"); do
	out=$(sqlite3 "$DIR/ipsecwatch.db" "
SELECT o.output FROM raw_outputs o JOIN poll_commands c
    ON c.poll_id = o.poll_id AND c.seq = o.seq
  JOIN polls p ON p.id = c.poll_id
 WHERE p.router = '$r' AND c.command = 'show crypto isakmp sa'
 ORDER BY p.started_at DESC LIMIT 1;")
	echo "-- $r"
	if [ -n "$out" ]; then
		printf '%s\n' "$out" | grep -E 'IKE Peer|State|QM_|MM_|AM_|AG_' | sed 's/^/   /'
	else
		echo "   (nothing collected: $(sqlite3 "$DIR/ipsecwatch.db" "SELECT status FROM polls WHERE router = '$r' ORDER BY started_at DESC LIMIT 1"))"
	fi
done
echo
echo "== tunnels, as the probes parsed them (view tunnel_latest)"
sqlite3 -header -column "$DIR/ipsecwatch.db" "
SELECT router, peer, phase1_state AS phase1, ipsec_sas, pkts_encaps, pkts_decaps
  FROM tunnel_latest ORDER BY router, peer;"
echo
echo "== outputs a probe could not understand (should be none)"
sqlite3 "$DIR/ipsecwatch.db" "
SELECT p.router || ': ' || s.probe || ': ' || s.error FROM snapshots s
  JOIN polls p ON p.id = s.poll_id WHERE s.ok = 0 GROUP BY p.router, s.probe;" | sed 's/^/   /'
echo
echo "== platforms learnt from show version"
sqlite3 -header -column "$DIR/ipsecwatch.db" "SELECT router, platform, version FROM router_platform ORDER BY router;"
echo
echo "== ipsecwatch status: one row per tunnel (exit 1: open critical alerts)"
"$B/ipsecwatch" status --db "$DIR/ipsecwatch.db" | sed 's/^/   /' || true
echo
echo "== ipsecwatch alerts --open --router psk-hq"
"$B/ipsecwatch" alerts --open --router psk-hq --db "$DIR/ipsecwatch.db" | cut -c1-160 | sed 's/^/   /'
echo
ID=$(sqlite3 "$DIR/ipsecwatch.db" "SELECT id FROM alerts WHERE router = 'psk-hq'
    AND kind = 'phase1_stuck' ORDER BY id LIMIT 1")
echo "== ipsecwatch explain $ID: evidence, cause, fix and verify"
"$B/ipsecwatch" explain "$ID" --db "$DIR/ipsecwatch.db" | sed 's/^/   /'
echo
echo "== ipsecwatch runbook psk-hq: what to check and reset (never a key)"
"$B/ipsecwatch" runbook psk-hq --db "$DIR/ipsecwatch.db" | sed 's/^/   /'
echo
echo "== the same diagnosis offline, on a pasted transcript (ipsecwatch diagnose)"
"$B/ipsecwatch" diagnose "$SRC/tests/scenarios/psk/"*.txt | head -24 | sed 's/^/   /'

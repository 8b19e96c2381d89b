#!/bin/sh
# make bench, part 4: the operator's queries on a long history. The
# 37-router demo lab is polled for three cycles; every poll is then cloned
# back in time, a minute per copy, COPIES times (2000: some 226,000 polls
# over a day and a half), with all it owns. The copies take ids below the
# polls recorded, so that ids grow with time as the daemon writes them.
# status, runbook, history and alerts are timed on the database as
# recorded and on the cloned one. Figures, not a test: nothing is asserted
# but that each command answers.
# Usage: bench_queries.sh BUILD_DIR
set -eu
B=$1
SRC=$(cd "$(dirname "$0")/.." && pwd)
. "$SRC/tests/sim-start.sh"
COPIES=${QUERY_COPIES:-2000}
# The lab's ports 32xxx move to ${PREFIX}xxx: below the ephemeral range,
# and clear of the other benches.
PREFIX=${QUERY_PORT_PREFIX:-19}
STEP=1000000			# above any poll id of the three cycles
lab_tmpdir queries
now() { date +%s.%N; }

echo "== the query subcommands on a long history (demo lab, cloned $COPIES times)"
sed "s/\"port\": 32/\"port\": $PREFIX/" "$SRC/tests/demo/lab.json" > "$DIR/lab.json"
sed -e "s/\"port\": 32/\"port\": $PREFIX/" \
    -e 's/"keep_raw_output": true/"keep_raw_output": false/' \
    "$SRC/tests/demo/ipsecwatch.conf" > "$DIR/ipsecwatch.conf"
umask 077; printf 'lab-password\n' > "$DIR/pw"; printf 'lab-enable\n' > "$DIR/en"; umask 022
sim_start
cp "$DIR/known_hosts.sim" "$DIR/known_hosts"
"$B/ipsecwatchd" -f "$DIR/ipsecwatch.conf" 2> "$DIR/daemon.log" &
D_PID=$!
sleep 16
kill -TERM "$D_PID"; wait "$D_PID" || true; D_PID=
kill "$SIM_PID"; wait "$SIM_PID" 2>/dev/null || true; SIM_PID=
DB=$DIR/ipsecwatch.db
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
cp "$DB" "$DIR/big.db"

# The columns of a table, with poll_id replaced by EXPR.
cols() {
	sqlite3 "$DIR/big.db" "SELECT group_concat(name, ', ')
	    FROM pragma_table_info('$1')"
}
sel() {
	sqlite3 "$DIR/big.db" "SELECT group_concat(CASE name WHEN 'poll_id'
	    THEN '$2' ELSE name END, ', ') FROM pragma_table_info('$1')"
}
T0=$(now)
{
	echo "PRAGMA foreign_keys = OFF; BEGIN;"
	# The recorded polls move above every copy...
	echo "UPDATE polls SET id = id + $COPIES * $STEP;"
	for t in poll_commands raw_outputs poll_snapshots isakmp_sas ipsec_flows; do
		echo "UPDATE $t SET poll_id = poll_id + $COPIES * $STEP;"
	done
	# ...and copy n, n minutes older, takes ids (COPIES - n) * STEP + id.
	k="WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < $COPIES)"
	echo "$k INSERT INTO polls ($(cols polls)) SELECT id - n * $STEP, router,"
	echo " strftime('%Y-%m-%dT%H:%M:%fZ', started_at, '-' || n || ' minutes'),"
	echo " strftime('%Y-%m-%dT%H:%M:%fZ', finished_at, '-' || n || ' minutes'),"
	echo " duration_ms, status, error, overrun FROM polls, k;"
	for t in poll_commands poll_snapshots isakmp_sas ipsec_flows; do
		echo "$k INSERT INTO $t ($(cols $t)) SELECT $(sel $t "poll_id - n * $STEP")"
		echo " FROM $t, k WHERE poll_id >= $COPIES * $STEP;"
	done
	echo "COMMIT;"
} > "$DIR/clone.sql"
# The INSERT above lists polls' columns in table order; check it still does.
[ "$(cols polls)" = "id, router, started_at, finished_at, duration_ms, status, error, overrun" ] ||
	{ echo "polls has other columns now: $(cols polls); update the clone"; exit 1; }
sqlite3 "$DIR/big.db" < "$DIR/clone.sql"
built=$(echo "$(now) - $T0" | bc)

info() {
	sqlite3 "$1" "SELECT count(DISTINCT router) || ' routers, ' || count(*) ||
	    ' polls, ' || min(started_at) || ' .. ' || max(started_at) FROM polls"
}
echo "recorded: $(info "$DB"), $(($(stat -c %s "$DB") / 1024)) KiB"
echo "cloned:   $(info "$DIR/big.db"), $(($(stat -c %s "$DIR/big.db") / 1048576)) MiB" \
    "(built in $(printf '%.0f' "$built") s)"

# Seconds for one run of ipsecwatch ARGS on database $1; 0 and 1 are
# answers (1: a critical alert is open), anything else is a failure.
timed() {
	db=$1; shift
	t0=$(now)
	rc=0; "$B/ipsecwatch" "$@" --db "$db" > "$DIR/out" 2> "$DIR/err" || rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "ipsecwatch $* --db $db: exit $rc"; cat "$DIR/err"; exit 1
	fi
	printf '%.3f' "$(echo "$(now) - $t0" | bc)"
}
printf '%-36s %10s %10s\n' query recorded cloned
for q in "status" "status --json" "status --router hq-1" "runbook" \
    "runbook --json" "runbook hq-1" "history psk-hq --since 2d" \
    "history hq-1 --since 2d --json" "history hq-1 --since 1h" "alerts"; do
	# shellcheck disable=SC2086
	printf '%-36s %9ss %9ss\n' "$q" "$(timed "$DB" $q)" "$(timed "$DIR/big.db" $q)"
done

#!/bin/sh
# make bench, part 3: how fast the database grows. The 37-router demo lab
# (realistic outputs: tunnels up, stuck, failing routers) is polled for
# POLLS cycles at a short interval; the growth per poll, measured on the
# pages in use (page_count - freelist_count, after a checkpoint), is then
# scaled to one router polled every 60 s for a day. Run once with the
# default keep_raw_output false, once with it true.
# Usage: dbgrowth.sh BUILD_DIR
set -eu
B=$1
SRC=$(cd "$(dirname "$0")/.." && pwd)
. "$SRC/tests/sim-start.sh"
POLLS=${GROWTH_POLLS:-12}
INTERVAL=2
lab_tmpdir growth
cp "$SRC/tests/demo/lab.json" "$DIR/"
umask 077; printf 'lab-password\n' > "$DIR/pw"; printf 'lab-enable\n' > "$DIR/en"; umask 022
sim_start
cp "$DIR/known_hosts.sim" "$DIR/known_hosts"

used() {
	sqlite3 "$DIR/ipsecwatch.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
	sqlite3 "$DIR/ipsecwatch.db" "SELECT (page_count - freelist_count) * page_size
	    FROM pragma_page_count, pragma_freelist_count, pragma_page_size"
}

for raw in false true; do
	rm -f "$DIR"/ipsecwatch.db*
	sed -e "s/\"interval\": 5/\"interval\": $INTERVAL/" \
	    -e "s/\"keep_raw_output\": true/\"keep_raw_output\": $raw/" \
	    "$SRC/tests/demo/ipsecwatch.conf" > "$DIR/ipsecwatch.conf"
	"$B/ipsecwatchd" -f "$DIR/ipsecwatch.conf" 2> "$DIR/daemon.log" &
	D_PID=$!
	# Past the first cycle (show version, platform learning, alerts).
	sleep $((INTERVAL * 3))
	b0=$(used); p0=$(sqlite3 "$DIR/ipsecwatch.db" "SELECT count(*) FROM polls")
	sleep $((INTERVAL * POLLS))
	b1=$(used); p1=$(sqlite3 "$DIR/ipsecwatch.db" "SELECT count(*) FROM polls")
	kill -TERM "$D_PID"; wait "$D_PID" || true; D_PID=
	polls=$((p1 - p0))
	[ "$polls" -gt 0 ] || { echo "no polls recorded"; exit 1; }
	per_poll=$(((b1 - b0) / polls))
	echo "keep_raw_output=$raw: $polls polls of 37 routers, $((b1 - b0)) bytes:" \
	    "$per_poll bytes per router-poll;" \
	    "at 60 s: $(echo "$per_poll * 1440 / 1048576" | bc -l | xargs printf '%.1f') MiB" \
	    "per router per day," \
	    "$(echo "$per_poll * 1440 * 30 / 1048576" | bc -l | xargs printf '%.0f') MiB" \
	    "per router over the default 30-day retention"
done

#!/bin/sh
# make bench: figures, not a test. The simulator with 100, 500 and 1000
# routers, 8 commands each (the default probe list), 10 s interval:
#   - time until every router completed its first poll (start-up cycle;
#     first polls are spread over the interval on purpose)
#   - connect capacity: a second start with a 1 s interval, all routers
#     due at once; routers connected (kex + auth + shell + prep) per second
#   - ipsecwatchd's CPU seconds per router-poll in steady state
#   - ipsecwatchd's RSS, per router
# Usage: bench.sh BUILD_DIR [N...]
set -eu
B=$1; shift
SIZES=${*:-100 500 1000}
INTERVAL=${BENCH_INTERVAL:-10}
STEADY=${BENCH_STEADY:-30}
DIR=$(mktemp -d /tmp/ipsecwatch-bench.XXXXXX)
SIM_PID= ; D_PID=
cleanup() {
	[ -n "$D_PID" ] && kill "$D_PID" 2>/dev/null && wait "$D_PID" 2>/dev/null
	[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
	rm -rf "$DIR"
	return 0
}
trap cleanup EXIT INT TERM
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
umask 077; printf 'bench-pw\n' > "$DIR/pw"; umask 022
HZ=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
now() { date +%s.%N; }
q() { sqlite3 "$DIR/db" "$1"; }

# Start the daemon on conf $1; wait until every router has one ok poll or
# the deadline (seconds) passes; ELAPSED gets the seconds it took.
first_cycle() {
	rm -f "$DIR"/db*
	T0=$(now)
	"$B/ipsecwatchd" -f "$1" 2> "$DIR/daemon.log" &
	D_PID=$!
	while :; do
		n=$(q "SELECT count(DISTINCT router) FROM polls WHERE status='ok'" 2>/dev/null || echo 0)
		[ "${n:-0}" -ge "$N" ] && break
		[ "$(echo "$(now) - $T0 > $2" | bc)" = 1 ] && break
		sleep 0.1
	done
	ELAPSED=$(echo "$(now) - $T0" | bc)
}

printf '%-7s %-12s %-14s %-12s %-12s %-12s %-9s\n' routers first_cycle connect_cap/s cpu_ms/poll rss_MiB rss_kB/rtr overruns
for N in $SIZES; do
	rm -f "$DIR"/db* "$DIR/known_hosts"*
	# below the ephemeral port range (32768+), where client sockets live
	BASE=$((20000 + (N % 7) * 1000))
	printf '{"keys_dir": "keys", "known_hosts_out": "known_hosts", "routers": [{"name": "r%%d", "count": %d, "port": %d, "username": "mon", "password": "bench-pw"}]}\n' "$N" "$BASE" > "$DIR/lab.json"
	{
		printf '{"interval": %d, "jitter": 10, "max_connecting": 32, "database": "db", "known_hosts": "known_hosts", "routers": [\n' "$INTERVAL"
		i=1
		while [ $i -le "$N" ]; do
			[ $i -gt 1 ] && printf ','
			printf '{"name": "r%d", "host": "127.0.0.1", "port": %d, "username": "mon", "password_file": "pw"}\n' $i $((BASE + i - 1))
			i=$((i + 1))
		done
		printf ']}\n'
	} > "$DIR/conf"
	"$B/iossim" "$DIR/lab.json" > "$DIR/sim.out" 2> "$DIR/sim.log" &
	SIM_PID=$!
	i=0
	until grep -q '^ready' "$DIR/sim.out" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 600 ] && { echo "iossim did not start:"; tail -5 "$DIR/sim.log"; exit 1; }
		sleep 0.2
	done
	# connect capacity: everything due within one second
	sed "s/\"interval\": $INTERVAL,/\"interval\": 1,/" "$DIR/conf" > "$DIR/conf.burst"
	first_cycle "$DIR/conf.burst" 60
	burst=$ELAPSED
	cps=$(echo "scale=0; $N / $burst" | bc)
	kill "$D_PID"; wait "$D_PID" 2>/dev/null || true; D_PID=
	# the real schedule
	first_cycle "$DIR/conf" $((INTERVAL * 6))
	first=$ELAPSED
	# steady state: CPU over STEADY seconds, polls in that window
	c0=$(cpu_ticks "$D_PID"); p0=$(q "SELECT count(*) FROM polls WHERE status='ok'")
	sleep "$STEADY"
	c1=$(cpu_ticks "$D_PID"); p1=$(q "SELECT count(*) FROM polls WHERE status='ok'")
	rss=$(rss_kb "$D_PID")
	polls=$((p1 - p0))
	cpu_ms=$(echo "scale=3; ($c1 - $c0) * 1000 / $HZ / $polls" | bc)
	over=$(q "SELECT count(*) FROM polls WHERE overrun=1")
	fails=$(q "SELECT count(*) FROM polls WHERE status<>'ok'")
	printf '%-7s %-12s %-14s %-12s %-12s %-12s %-9s\n' "$N" "$(printf '%.1fs' "$first")" "$cps" "$cpu_ms" \
		"$(echo "scale=1; $rss / 1024" | bc)" "$(echo "scale=1; $rss / $N" | bc)" "$over"
	[ "$fails" -gt 0 ] && echo "   ($fails failed polls: $(q "SELECT status || ' x' || count(*) FROM polls WHERE status<>'ok' GROUP BY status" | tr '\n' ' '))"
	# projection: N routers every 60 s
	echo "   -> at a 60 s interval: $(echo "scale=2; $cpu_ms * $N / 60 / 10" | bc) % of one core for $N routers"
	kill "$D_PID"; wait "$D_PID" 2>/dev/null || true; D_PID=
	kill "$SIM_PID"; wait "$SIM_PID" 2>/dev/null || true; SIM_PID=
done

#!/bin/sh
# make valgrind: ipsecwatchd under valgrind's memcheck, polling the demo lab
# for three cycles with /metrics scraped and a SIGHUP reload on the way,
# then SIGTERM. Fails if valgrind reports a leak or an error in our code.
set -eu
B=${1:-build}
SRC=$(cd "$(dirname "$0")/.." && pwd)
. "$SRC/tests/sim-start.sh"
DIR=$(mktemp -d /tmp/ipsecwatch-vg.XXXXXX)
SIM_PID=
cleanup() {
	[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
	rm -rf "$DIR"
	return 0
}
trap cleanup EXIT INT TERM
cp "$SRC/tests/demo/lab.json" "$DIR/"
METRICS_PORT=${METRICS_PORT:-19810}
sed "s/\"keep_raw_output\": true,/\"keep_raw_output\": true, \"metrics_listen\": \"127.0.0.1:$METRICS_PORT\",/" \
    "$SRC/tests/demo/ipsecwatch.conf" > "$DIR/ipsecwatch.conf"
scrape() {
	python3 -c "import urllib.request,sys; sys.stdout.write(urllib.request.urlopen('http://127.0.0.1:$METRICS_PORT$1', timeout=10).read().decode())"
}
umask 077; printf 'lab-password\n' > "$DIR/pw"; printf 'lab-enable\n' > "$DIR/en"; umask 022
sim_start
grep -v '^\[127.0.0.1\]:32008 ' "$DIR/known_hosts.sim" > "$DIR/known_hosts"
valgrind --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
	--log-file="$DIR/vg.log" "$B/ipsecwatchd" -f "$DIR/ipsecwatch.conf" 2> "$DIR/daemon.log" &
VG=$!
sleep 10
n1=$(scrape /metrics | grep -c '^ipsecwatch_tunnel_phase1_up')
kill -HUP "$VG"
sleep 8
n2=$(scrape /metrics | grep -c '^ipsecwatch_tunnel_phase1_up')
scrape /healthz >/dev/null
echo "/metrics under valgrind: $n1 tunnel series, $n2 after a reload"
kill -TERM "$VG"
rc=0; wait "$VG" || rc=$?
polls=$(sqlite3 "$DIR/ipsecwatch.db" "SELECT count(*) FROM polls")
grep -E 'in use at exit|All heap blocks|definitely lost|indirectly lost|ERROR SUMMARY' "$DIR/vg.log" | sed 's/^==[0-9]*== //'
echo "polls recorded under valgrind: $polls; exit status $rc"
[ "$rc" = 0 ] || { cat "$DIR/vg.log" | tail -60; exit 1; }

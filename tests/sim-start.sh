# Sourced by the lab scripts (demo, bench, valgrind, dbgrowth, queries, e2e):
# sim_start starts iossim on $DIR/lab.json, sets SIM_PID, and waits for its
# "ready" line (30 s at most; the log's tail on failure).
sim_start() {
	"$B/iossim" "$DIR/lab.json" > "$DIR/sim.out" 2> "$DIR/sim.log" &
	SIM_PID=$!
	_i=0
	until grep -q '^ready' "$DIR/sim.out" 2>/dev/null; do
		_i=$((_i + 1))
		if [ $_i -gt 300 ]; then
			echo "iossim did not start:"; tail -5 "$DIR/sim.log"; exit 1
		fi
		sleep 0.1
	done
}

# lab_tmpdir NAME: a scratch DIR, and a trap that stops the simulator and
# the daemon (SIM_PID, D_PID) and removes DIR unless KEEP is set.
lab_tmpdir() {
	DIR=$(mktemp -d "/tmp/ipsecwatch-$1.XXXXXX")
	SIM_PID= ; D_PID=
	trap lab_cleanup EXIT INT TERM
}
lab_cleanup() {
	[ -n "$D_PID" ] && kill "$D_PID" 2>/dev/null && wait "$D_PID" 2>/dev/null
	[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
	[ -n "${KEEP:-}" ] || rm -rf "$DIR"
	return 0
}

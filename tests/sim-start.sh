# Sourced by the lab scripts (demo, bench, valgrind, dbgrowth, service-e2e):
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

#!/bin/sh
# make service-check: the unit under a real systemd, not a model of it.
#
# Boots systemd 252 in a container (systemd-nspawn on an overlay of this
# machine's root, so nothing here is changed), with ipsecwatch installed by
# `make install` and the demo lab's simulator on the host's loopback. The
# container's e2e.target runs tests/service-e2e-inside.sh, which walks the
# README's "Run it as a service" steps and checks what systemd sees: the
# user and directories from sysusers/tmpfiles, `systemctl start` returning
# once READY=1, STATUS=, the journal by priority, `ipsecwatch status` as a
# member of the ipsecwatch group, reload, a stuck loop killed by the
# watchdog and restarted, the online security rating, a clean stop.
#
# Needs root, overlayfs and systemd-nspawn (Debian's systemd-container);
# not part of make check, whose CI container may not allow nspawn.
# Usage: service-e2e.sh BUILD_DIR
set -eu
B=$1
SRC=$(cd "$(dirname "$0")/.." && pwd)
. "$SRC/tests/sim-start.sh"
[ "$(id -u)" = 0 ] || { echo "service-check: needs root (nspawn, overlayfs)"; exit 1; }
command -v systemd-nspawn >/dev/null ||
	{ echo "service-check: needs systemd-nspawn: apt-get install systemd-container"; exit 1; }
DIR=$(mktemp -d /tmp/ipsecwatch-e2e.XXXXXX)
SIM_PID=
cleanup() {
	[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
	umount "$DIR/merged" 2>/dev/null || true
	umount "$DIR/rootbind" 2>/dev/null || true
	[ -n "${KEEP:-}" ] || rm -rf "$DIR"
	return 0
}
trap cleanup EXIT INT TERM

# The lab, on the host's loopback (the container shares the network).
cp "$SRC/tests/demo/lab.json" "$DIR/"
sim_start

# The container's root: this machine's root filesystem (without its
# submounts: /dev must be empty for nspawn) under a writable overlay.
mkdir -p "$DIR/rootbind" "$DIR/upper" "$DIR/work" "$DIR/merged" "$DIR/out"
mount --bind / "$DIR/rootbind"
mount -t overlay overlay -o "lowerdir=$DIR/rootbind,upperdir=$DIR/upper,workdir=$DIR/work" \
    "$DIR/merged"
R=$DIR/merged
rm -f "$R/etc/machine-id"
rm -rf "$R/etc/systemd/system/"*		# none of the host's enabled units
make -s -C "$SRC" install DESTDIR="$R" B="$B" >/dev/null
mkdir -p "$R/e2e"
cp "$SRC/tests/service-e2e-inside.sh" "$R/e2e/inside.sh"
cp "$DIR/known_hosts.sim" "$R/e2e/known_hosts"
python3 - "$SRC/tests/demo/ipsecwatch.conf" > "$R/e2e/ipsecwatch.conf" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1]))
del c["database"], c["known_hosts"]		# the defaults, in /var/lib/ipsecwatch
for r in c["routers"]:
    for k in ("password_file", "enable_secret_file"):
        if k in r:
            r[k] = "/etc/ipsecwatch/secrets/" + r[k]
print(json.dumps(c, indent=1))
EOF
cat > "$R/etc/systemd/system/e2e.target" <<'EOF'
[Unit]
Description=ipsecwatch service check
Requires=sysinit.target e2e-run.service
After=sysinit.target
EOF
cat > "$R/etc/systemd/system/e2e-run.service" <<'EOF'
[Unit]
After=sysinit.target systemd-journald.service
[Service]
Type=oneshot
ExecStart=/bin/sh /e2e/inside.sh
ExecStopPost=/bin/systemctl poweroff --no-block
StandardOutput=append:/e2e/out/result.txt
StandardError=append:/e2e/out/result.txt
EOF

echo "== booting systemd in a container (nspawn); the checks run inside"
timeout 300 systemd-nspawn -q -D "$R" --keep-unit --register=no \
    --link-journal=no --bind="$DIR/out:/e2e/out" -b -- systemd.unit=e2e.target \
    > "$DIR/boot.log" 2>&1 || true
[ -s "$DIR/out/result.txt" ] || { tail -40 "$DIR/boot.log"; echo "service-check: no result"; exit 1; }
cat "$DIR/out/result.txt"
grep -q '^service-check: ok' "$DIR/out/result.txt"

#!/bin/sh
# make install into a scratch DESTDIR, with another PREFIX: every file is
# where the man pages and the README say, the unit starts the installed
# binary, the binaries run; make uninstall leaves only the operator's
# directories (config and state), empty.
set -eu
dest=$(mktemp -d /tmp/ipsecwatch-install.XXXXXX)
trap 'rm -rf "$dest"' EXIT
fail() { echo "install-check: $*" >&2; exit 1; }

make -s install DESTDIR="$dest" PREFIX=/opt/ipsecwatch >/dev/null
for f in /opt/ipsecwatch/sbin/ipsecwatchd /opt/ipsecwatch/bin/ipsecwatch \
    /opt/ipsecwatch/lib/systemd/system/ipsecwatchd.service \
    /opt/ipsecwatch/lib/sysusers.d/ipsecwatch.conf \
    /opt/ipsecwatch/lib/tmpfiles.d/ipsecwatch.conf \
    /etc/ipsecwatch/ipsecwatch.conf.example \
    /opt/ipsecwatch/share/ipsecwatch/schema/0001_polls.sql \
    /opt/ipsecwatch/share/ipsecwatch/prometheus/ipsecwatch-rules.yml \
    /opt/ipsecwatch/share/man/man1/ipsecwatch.1 \
    /opt/ipsecwatch/share/man/man5/ipsecwatch.conf.5 \
    /opt/ipsecwatch/share/man/man8/ipsecwatchd.8; do
	[ -s "$dest$f" ] || fail "missing $f"
done
grep -q '^ExecStart=/opt/ipsecwatch/sbin/ipsecwatchd ' \
    "$dest/opt/ipsecwatch/lib/systemd/system/ipsecwatchd.service" ||
	fail "the unit does not start /opt/ipsecwatch/sbin/ipsecwatchd"
grep -q /usr/local "$dest/opt/ipsecwatch/lib/systemd/system/ipsecwatchd.service" &&
	fail "the unit still names /usr/local"
"$dest/opt/ipsecwatch/sbin/ipsecwatchd" -n -f tests/config/ok_empty_routers.json \
    2>/dev/null || fail "the installed ipsecwatchd does not run"
n=$(find "$dest" -type f | wc -l)

make -s uninstall DESTDIR="$dest" PREFIX=/opt/ipsecwatch >/dev/null
left=$(find "$dest" -type f | wc -l)
[ "$left" = 0 ] || { find "$dest" -type f; fail "uninstall left $left files"; }
echo "install-check: $n files installed under PREFIX=/opt/ipsecwatch, all removed by uninstall"

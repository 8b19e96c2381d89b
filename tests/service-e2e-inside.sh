#!/bin/sh
# Inside the container that service-e2e.sh boots: the README's "Run it as
# a service" steps, and what systemd makes of the unit. One line a check;
# the last line is "service-check: ok" or the number of failures.
set -u
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
prop() { systemctl show -p "$1" --value ipsecwatchd; }

echo "== sysusers and tmpfiles, at boot"
if id ipsecwatch >/dev/null 2>&1; then ok "user: $(id ipsecwatch)"; else bad "no ipsecwatch user"; fi
for d in /var/lib/ipsecwatch:750:ipsecwatch:ipsecwatch /etc/ipsecwatch:750:root:ipsecwatch; do
	p=${d%%:*}; want=${d#*:}
	got=$(stat -c %a:%U:%G "$p" 2>/dev/null || echo missing)
	[ "$got" = "$want" ] && ok "$p $got" || bad "$p is $got, not $want"
done

echo "== the README's steps"
[ -s /etc/ipsecwatch/ipsecwatch.conf.example ] && ok "example config installed" ||
	bad "no /etc/ipsecwatch/ipsecwatch.conf.example"
install -m 0640 -g ipsecwatch /e2e/ipsecwatch.conf /etc/ipsecwatch/ipsecwatch.conf
install -d -o ipsecwatch -g ipsecwatch -m 0700 /etc/ipsecwatch/secrets
(umask 077; printf 'lab-password\n' > /etc/ipsecwatch/secrets/pw
 printf 'lab-enable\n' > /etc/ipsecwatch/secrets/en)
chown ipsecwatch:ipsecwatch /etc/ipsecwatch/secrets/pw /etc/ipsecwatch/secrets/en
install -o ipsecwatch -g ipsecwatch -m 0640 /e2e/known_hosts /var/lib/ipsecwatch/known_hosts
out=$(runuser -u ipsecwatch -- ipsecwatchd -n -f /etc/ipsecwatch/ipsecwatch.conf 2>&1) &&
	ok "ipsecwatchd -n as ipsecwatch: $out" || bad "ipsecwatchd -n: $out"

echo "== systemctl start (returns once READY=1 is sent)"
t0=$(date +%s%N)
systemctl start ipsecwatchd; rc=$?
t1=$(date +%s%N)
[ $rc = 0 ] && [ "$(systemctl is-active ipsecwatchd)" = active ] &&
	ok "active after $(( (t1 - t0) / 1000000 )) ms; Type=$(prop Type) WatchdogUSec=$(prop WatchdogUSec)" ||
	bad "start: rc $rc, $(systemctl is-active ipsecwatchd)"
sleep 14
st=$(prop StatusText)
case "$st" in *routers:*polling\ ok*failing*open\ alerts*) ok "STATUS=$st" ;; *) bad "StatusText '$st'" ;; esac
[ -s /var/lib/ipsecwatch/ipsecwatch.db ] && ok "database $(stat -c '%a %U:%G' /var/lib/ipsecwatch/ipsecwatch.db)" ||
	bad "no database"

echo "== the journal by priority"
nw=$(journalctl -q -u ipsecwatchd -p warning -o cat | wc -l)
nr=$(journalctl -q -u ipsecwatchd -p warning -o cat | grep -vc '^alert=raise' || true)
[ "$nw" -gt 0 ] && [ "$nr" = 0 ] && ok "-p warning: $nw lines, all alert=raise" ||
	{ bad "-p warning: $nw lines, $nr not a raised alert"; journalctl -q -u ipsecwatchd -p warning -o cat | grep -v '^alert=raise' | head -5; }
journalctl -q -u ipsecwatchd -p warning -o cat | grep 'router=psk-hq' | head -2 | cut -c1-150 | sed 's/^/     /'
ni=$(journalctl -q -u ipsecwatchd -p info -o cat | grep -c 'poll failed' || true)
[ "$ni" -gt 0 ] && ok "-p info adds router state changes ($ni 'poll failed')" || bad "-p info: no state change"
secret=$(journalctl -q -u ipsecwatchd -o cat | grep -c 'lab-password\|lab-enable' || true)
[ "$secret" = 0 ] && ok "no secret in the journal" || bad "a secret in the journal"

echo "== ipsecwatch status, as a member of the ipsecwatch group"
useradd -M -G ipsecwatch noc 2>/dev/null
out=$(runuser -u noc -- ipsecwatch status 2>&1); rc=$?
echo "$out" | head -4 | sed 's/^/     /'
[ $rc = 1 ] && echo "$out" | grep -q '^psk-hq ' && ok "status as noc: exit 1 (open critical alerts)" ||
	bad "status as noc: exit $rc"

echo "== systemctl reload (SIGHUP; RELOADING=1 then READY=1)"
pid=$(prop MainPID)
systemctl reload ipsecwatchd && [ "$(prop MainPID)" = "$pid" ] &&
	[ "$(systemctl is-active ipsecwatchd)" = active ] &&
	journalctl -q -u ipsecwatchd -o cat | grep -q '^reloaded' &&
	ok "reloaded in place (pid $pid)" || bad "reload"

echo "== a stuck event loop: the watchdog kills it, systemd restarts it"
kill -STOP "$pid"
i=0
while [ "$(prop NRestarts)" = 0 ] && [ $i -lt 120 ]; do sleep 1; i=$((i + 1)); done
sleep 2
npid=$(prop MainPID)
[ "$(prop NRestarts)" = 1 ] && [ "$npid" != "$pid" ] && [ "$(systemctl is-active ipsecwatchd)" = active ] &&
	ok "restarted after ${i} s (pid $pid -> $npid): $(journalctl -q -u ipsecwatchd -o cat | grep -m1 -i 'watchdog timeout')" ||
	bad "watchdog: NRestarts=$(prop NRestarts) pid $pid -> $npid"

echo "== systemd-analyze security (online)"
sec=$(systemd-analyze security ipsecwatchd 2>/dev/null | tail -1)
echo "     $sec"
case "$sec" in *"exposure level for ipsecwatchd.service: "[01].*|*"ipsecwatchd.service: 2.0"*) ok "rated 2.0 or lower" ;; *) bad "rating" ;; esac

echo "== systemctl stop"
systemctl stop ipsecwatchd
[ "$(systemctl is-active ipsecwatchd)" = inactive ] && [ "$(prop Result)" = success ] &&
	ok "stopped, Result=success" || bad "stop: $(systemctl is-active ipsecwatchd) $(prop Result)"

[ $fails = 0 ] && echo "service-check: ok" || echo "service-check: $fails failed"

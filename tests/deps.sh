#!/bin/sh
# What a fresh Debian 12 machine needs to build and test ipsecwatch.
#   deps.sh --check    exit 1 and print the apt-get line if something is missing
#   deps.sh --install  install what is missing when run as root, else print the line
# The list is also what .ci/run installs.
set -u
BUILD_PKGS="gcc make pkg-config libssh-dev libevent-dev libsqlite3-dev libcjson-dev check clang libclang-rt-14-dev"
TEST_PKGS="sqlite3 python3-netmiko openssh-client procps bc systemd mandoc man-db prometheus"
PKGS="$BUILD_PKGS $TEST_PKGS"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

case "${1:-}" in
--install)
	if [ "$(id -u)" = 0 ]; then
		echo "installing:$missing"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq $missing >/dev/null && exit 0
		echo "apt-get failed; run by hand: apt-get install$missing" >&2
		exit 1
	fi
	;;
esac
echo "missing Debian packages:$missing" >&2
echo "install them with:  sudo apt-get install$missing" >&2
exit 1

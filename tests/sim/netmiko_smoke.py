#!/usr/bin/env python3
"""netmiko_smoke.py: an independent client (netmiko 2.4.2) against iossim.

If netmiko can log in, enter enable mode and get clean command output
(no echo, no prompt), the simulator's prompt, echo and paging behaviour
is close enough to IOS. Exit status 0 on success, 1 on a failed check,
2 when netmiko is missing.

    netmiko_smoke.py --port 30001 --username mon --password pw \
        --secret en --hostname hq-1 [--expect QM_IDLE]
"""
import argparse
import sys
import time

try:
    from netmiko import ConnectHandler
except ImportError:
    print("NOTICE: netmiko is not installed (Debian: python3-netmiko)")
    sys.exit(2)


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--username", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--secret", default="")
    ap.add_argument("--hostname", required=True)
    ap.add_argument("--device-type", default="cisco_ios")
    ap.add_argument("--expect", default="QM_IDLE")
    a = ap.parse_args()

    t0 = time.time()
    conn = ConnectHandler(device_type=a.device_type, host=a.host,
                          port=a.port, username=a.username,
                          password=a.password, secret=a.secret,
                          fast_cli=True, timeout=20)
    prompt = conn.find_prompt()
    if prompt not in (a.hostname + ">", a.hostname + "#"):
        fail("prompt %r" % prompt)
    conn.enable()
    prompt = conn.find_prompt()
    if prompt != a.hostname + "#":
        fail("after enable, prompt %r" % prompt)

    cmd = "show crypto isakmp sa"
    out = conn.send_command(cmd)
    if a.expect not in out:
        fail("%r not in output %r" % (a.expect, out))
    if cmd in out:
        fail("command echo left in output %r" % out)
    if prompt in out:
        fail("prompt left in output %r" % out)
    if "--More--" in out:
        fail("pager left in output %r" % out)

    # Longer than a page: paging must have been turned off by netmiko.
    out = conn.send_command("show running-config")
    if "--More--" in out or not out.rstrip().endswith("end"):
        fail("show running-config: %r" % out[-200:])
    if len(out.splitlines()) < 30:
        fail("show running-config too short: %d lines" %
             len(out.splitlines()))

    out = conn.send_command("show version")
    if "uptime is" not in out and " up " not in out:
        fail("show version: %r" % out[:200])
    conn.disconnect()
    print("ok: %s prompt %s, %.2fs" % (a.device_type, prompt,
                                       time.time() - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main())

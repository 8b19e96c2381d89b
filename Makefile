# ipsecwatch: plain GNU Makefile.
#   make            build ipsecwatchd, ipsecwatch and the simulator (warnings on)
#   make check      the Check suites with -Werror, then again under ASan+UBSan
#   make demo       the simulated lab polled by the daemon (see README.md)
#   make bench      figures, not tests

B	?= build
CC	?= cc
PKGS	 = libssh libevent sqlite3 libcjson
CFLAGS	?= -O2 -g
WARN	 = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	   -Wpointer-arith -Wformat=2 -Wno-format-nonliteral
ifeq ($(WERROR),1)
WARN	+= -Werror
endif
ifeq ($(SAN),1)
CFLAGS	+= -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS	+= -fsanitize=address,undefined
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Ilib -Iprobes -Idaemon -I$(B) $(PKG_CFLAGS)

PROBE_SRC ?= $(wildcard probes/*.c)
LIB_SRC	  = $(filter-out $(LIB_EXCLUDE),$(wildcard lib/*.c)) $(PROBE_SRC)
LIB_OBJ	  = $(patsubst %.c,$(B)/%.o,$(LIB_SRC)) $(B)/schema_sql.o
DAEMON_SRC = daemon/ipsecwatchd.c daemon/router.c daemon/sched.c daemon/sshconn.c \
	     daemon/collect.c daemon/alert.c daemon/retention.c daemon/notify.c \
	     daemon/metrics.c
TOOL_SRC  = daemon/ipsecwatch.c daemon/cmd_trust.c daemon/cmd_check_config.c \
	    daemon/cmd_parse.c daemon/cmd_diagnose.c daemon/sshconn.c \
	    daemon/query.c daemon/cmd_status.c daemon/cmd_alerts.c \
	    daemon/cmd_history.c daemon/cmd_explain.c daemon/cmd_runbook.c
SIM_SRC	  = $(wildcard tests/sim/*.c)
TEST_SRC  = $(wildcard tests/check_*.c)
TESTS	  = $(patsubst tests/%.c,$(B)/tests/%,$(TEST_SRC))
SCHEMA	  = $(sort $(wildcard schema/[0-9][0-9][0-9][0-9]_*.sql))

PROGS	= $(B)/ipsecwatchd $(B)/ipsecwatch $(if $(SIM_SRC),$(B)/iossim)

all: $(PROGS)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/schema_sql.c: $(SCHEMA) lib/embed-schema.sh
	@mkdir -p $(B)
	sh lib/embed-schema.sh $(SCHEMA) > $@.tmp && mv $@.tmp $@

$(B)/schema_sql.o: $(B)/schema_sql.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/ipsecwatchd: $(patsubst %.c,$(B)/%.o,$(DAEMON_SRC)) $(LIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(B)/ipsecwatch: $(patsubst %.c,$(B)/%.o,$(TOOL_SRC)) $(LIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(B)/iossim: $(patsubst %.c,$(B)/%.o,$(SIM_SRC)) $(LIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(B)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -Itests -MMD -MP -c -o $@ $<

$(B)/tests/check_%: $(B)/tests/check_%.o $(LIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CHECK_LIBS) -lm

# The suites find the binaries and the sources through these.
TEST_ENV = IPSECWATCH_BUILD=$(abspath $(B)) IPSECWATCH_SRC=$(CURDIR)

test: $(PROGS) $(TESTS)
	@set -e; for t in $(TESTS); do echo "== $$t"; $(TEST_ENV) $$t; done

check: deps-check
	$(MAKE) WERROR=1 test
	$(MAKE) WERROR=1 SAN=1 B=$(B)/san test
	$(MAKE) fuzz-smoke
	$(MAKE) install-check

deps-check:
	@sh tests/deps.sh --check

demo:
	@sh tests/deps.sh --install
	$(MAKE) all
	sh tests/demo.sh $(abspath $(B))

$(B)/bench_probes: $(B)/tests/bench_probes.o $(LIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

bench:
	$(MAKE) all $(B)/bench_probes
	@echo "== parse throughput per probe"
	$(TEST_ENV) $(B)/bench_probes
	@echo "== the daemon against the simulated lab"
	sh tests/bench.sh $(abspath $(B))
	@echo "== database growth per router (demo lab)"
	sh tests/dbgrowth.sh $(abspath $(B))
	sh tests/bench_queries.sh $(abspath $(B))

valgrind:
	$(MAKE) all
	sh tests/valgrind.sh $(abspath $(B))

# Regenerate the golden files (config and probes), for review with git diff.
update-golden: $(TESTS)
	@for t in $(B)/tests/check_config $(filter $(B)/tests/check_probe_%,$(TESTS)); do \
		UPDATE_GOLDEN=1 $(TEST_ENV) $$t > /dev/null; done; git status --short tests/

# libFuzzer targets (clang): the CLI dialogue and one per probe parser,
# each seeded with its fixtures. `make fuzz` runs each FUZZ_TIME seconds;
# `make check` runs each FUZZ_SMOKE seconds.
FUZZ_TIME  ?= 60
FUZZ_SMOKE ?= 3
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -fno-sanitize-recover=undefined \
	      -Ilib -Iprobes $(PKG_CFLAGS)
PROBES	   := $(shell sed -n 's/^const struct probe probe_\([a-z0-9_]*\) = {/\1/p' $(PROBE_SRC))
# The parsers and what they use, compiled once with coverage for all fuzzers.
FUZZ_LIBSRC = $(PROBE_SRC) lib/util.c lib/log.c $(wildcard lib/sha256.c)
FUZZ_OBJ    = $(patsubst %.c,$(B)/fuzz/obj/%.o,$(FUZZ_LIBSRC))

$(B)/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

$(B)/fuzz/fuzz_ioscli: tests/fuzz_ioscli.c lib/ioscli.c lib/log.c lib/util.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $^

$(B)/fuzz/fuzz_%: tests/fuzz_probe.c $(FUZZ_OBJ)
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined \
	    -DFUZZ_PROBE=probe_$* -o $@ $^ $(PKG_LIBS)

FUZZERS = $(B)/fuzz/fuzz_ioscli $(patsubst %,$(B)/fuzz/fuzz_%,$(PROBES))

fuzz-build: $(FUZZERS)

# Run every fuzzer for $(1) seconds, seeded with a copy of its fixtures.
define run_fuzzers
	@set -e; for f in $(FUZZERS); do \
		n=$${f##*/fuzz_}; c=$(B)/fuzz/corpus_$$n; mkdir -p $$c; \
		[ -d tests/fixtures/$$n ] && cp tests/fixtures/$$n/*.txt $$c/ 2>/dev/null || true; \
		echo "== fuzz $$n ($(1) s)"; \
		$$f -max_total_time=$(1) -max_len=16384 -print_final_stats=0 $$c \
		    2> $(B)/fuzz/$$n.log || { tail -40 $(B)/fuzz/$$n.log; exit 1; }; \
		grep -E '^(Done|#[0-9]+.*DONE)' $(B)/fuzz/$$n.log | tail -1; \
	done
endef

fuzz: fuzz-build
	$(call run_fuzzers,$(FUZZ_TIME))

fuzz-smoke: fuzz-build
	$(call run_fuzzers,$(FUZZ_SMOKE))

# Install: binaries, the systemd unit with its sysusers and tmpfiles
# entries, the example config, the schema and the man pages. The unit's
# ExecStart names SBINDIR; the config and state stay in /etc and /var/lib.
PREFIX	   ?= /usr/local
BINDIR	   ?= $(PREFIX)/bin
SBINDIR	   ?= $(PREFIX)/sbin
MANDIR	   ?= $(PREFIX)/share/man
DATADIR	   ?= $(PREFIX)/share/ipsecwatch
SYSTEMDDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR ?= $(PREFIX)/lib/tmpfiles.d
SYSCONFDIR ?= /etc
MAN1	    = daemon/ipsecwatch.1
MAN5	    = daemon/ipsecwatch.conf.5
MAN8	    = daemon/ipsecwatchd.8
INSTALLED   = $(SBINDIR)/ipsecwatchd $(BINDIR)/ipsecwatch \
	      $(SYSTEMDDIR)/ipsecwatchd.service $(SYSUSERSDIR)/ipsecwatch.conf \
	      $(TMPFILESDIR)/ipsecwatch.conf \
	      $(SYSCONFDIR)/ipsecwatch/ipsecwatch.conf.example \
	      $(patsubst schema/%,$(DATADIR)/schema/%,$(SCHEMA)) \
	      $(DATADIR)/prometheus/ipsecwatch-rules.yml \
	      $(MANDIR)/man1/ipsecwatch.1 $(MANDIR)/man5/ipsecwatch.conf.5 \
	      $(MANDIR)/man8/ipsecwatchd.8

install: $(B)/ipsecwatchd $(B)/ipsecwatch
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SBINDIR) \
	    $(DESTDIR)$(SYSTEMDDIR) $(DESTDIR)$(SYSUSERSDIR) \
	    $(DESTDIR)$(TMPFILESDIR) $(DESTDIR)$(SYSCONFDIR)/ipsecwatch \
	    $(DESTDIR)$(DATADIR)/schema $(DESTDIR)$(DATADIR)/prometheus \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(MANDIR)/man8
	install -m 0755 $(B)/ipsecwatchd $(DESTDIR)$(SBINDIR)/ipsecwatchd
	install -m 0755 $(B)/ipsecwatch $(DESTDIR)$(BINDIR)/ipsecwatch
	sed 's|/usr/local/sbin/ipsecwatchd|$(SBINDIR)/ipsecwatchd|' \
	    systemd/ipsecwatchd.service > $(DESTDIR)$(SYSTEMDDIR)/ipsecwatchd.service
	chmod 0644 $(DESTDIR)$(SYSTEMDDIR)/ipsecwatchd.service
	install -m 0644 systemd/ipsecwatch.sysusers $(DESTDIR)$(SYSUSERSDIR)/ipsecwatch.conf
	install -m 0644 systemd/ipsecwatch.tmpfiles $(DESTDIR)$(TMPFILESDIR)/ipsecwatch.conf
	install -m 0644 etc/ipsecwatch.conf.example \
	    $(DESTDIR)$(SYSCONFDIR)/ipsecwatch/ipsecwatch.conf.example
	install -m 0644 $(SCHEMA) schema/README.md $(DESTDIR)$(DATADIR)/schema/
	install -m 0644 etc/prometheus/ipsecwatch-rules.yml $(DESTDIR)$(DATADIR)/prometheus/
	install -m 0644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	install -m 0644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	install -m 0644 $(MAN8) $(DESTDIR)$(MANDIR)/man8/

# The config, the database and the keys are the operator's: never removed.
uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED)) $(DESTDIR)$(DATADIR)/schema/README.md
	-rmdir $(DESTDIR)$(DATADIR)/schema $(DESTDIR)$(DATADIR)/prometheus \
	    $(DESTDIR)$(DATADIR) 2>/dev/null

# The unit under a real systemd booted in a container (root, nspawn).
service-check: all
	sh tests/service-e2e.sh $(abspath $(B))

# make install into a scratch DESTDIR: every file lands, the unit names
# SBINDIR, and make uninstall takes it all back.
install-check: all
	sh tests/install.sh

clean:
	rm -rf $(B)

.PHONY: all test check deps-check demo bench valgrind update-golden fuzz fuzz-build fuzz-smoke \
	install uninstall install-check service-check clean

-include $(shell find $(B) -name '*.d' 2>/dev/null)

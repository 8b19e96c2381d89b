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
LIB_SRC	  = $(wildcard lib/*.c) $(PROBE_SRC)
LIB_OBJ	  = $(patsubst %.c,$(B)/%.o,$(LIB_SRC)) $(B)/schema_sql.o
DAEMON_SRC = daemon/ipsecwatchd.c daemon/router.c daemon/sched.c daemon/sshconn.c \
	     daemon/collect.c
TOOL_SRC  = daemon/ipsecwatch.c daemon/cmd_trust.c daemon/cmd_check_config.c \
	    daemon/cmd_parse.c daemon/sshconn.c
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

deps-check:
	@sh tests/deps.sh --check

demo:
	@sh tests/deps.sh --install
	$(MAKE) all
	sh tests/demo.sh $(abspath $(B))

bench:
	$(MAKE) all
	sh tests/bench.sh $(abspath $(B))

valgrind:
	$(MAKE) all
	sh tests/valgrind.sh $(abspath $(B))

# Regenerate the config golden files, for review with git diff.
update-golden: $(B)/tests/check_config
	UPDATE_GOLDEN=1 $(TEST_ENV) $(B)/tests/check_config

# libFuzzer target for the CLI dialogue (clang); FUZZ_TIME seconds.
FUZZ_TIME ?= 30
fuzz:
	@mkdir -p $(B)/fuzz
	clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=undefined -Ilib tests/fuzz_ioscli.c lib/ioscli.c \
	    lib/log.c lib/util.c -o $(B)/fuzz/fuzz_ioscli
	$(B)/fuzz/fuzz_ioscli -max_total_time=$(FUZZ_TIME) -max_len=8192

clean:
	rm -rf $(B)

.PHONY: all test check deps-check demo bench valgrind update-golden fuzz clean

-include $(shell find $(B) -name '*.d' 2>/dev/null)

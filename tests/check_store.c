/*
 * check_store.c: the SQLite history, on real files in a scratch directory,
 * read back with sqlite3 directly as the NOC would.
 */
#include <sys/stat.h>

#include <check.h>
#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "util.h"

#define SECRET	"Zq8SecretPSK"
#define MARKER	"MARKER-42-visible"

static char	 dir[PATH_MAX];
static char	 dbpath[PATH_MAX + 16];

/* 2026-11-29T06:10:06.123Z, and 1.500 s later. */
static const struct timespec t0 = { 1795932606, 123456789 };
static const struct timespec t1 = { 1795932607, 623999999 };

static const char raw_output[] =
    "crypto isakmp key 0 " SECRET " address 10.1.1.1\r\n"
    "crypto isakmp keepalive 10 3 periodic\r\n"
    MARKER "\r\n";
static const char raw_redacted[] =
    "crypto isakmp key <redacted> address 10.1.1.1\r\n"
    "crypto isakmp keepalive 10 3 periodic\r\n"
    MARKER "\r\n";

static const struct store_command cmds[] = {
	{ .command = "show running-config | include crypto isakmp",
	  .status = "ok", .bytes = sizeof(raw_output) - 1, .duration_ms = 35,
	  .output = raw_output, .output_len = sizeof(raw_output) - 1 },
	{ .command = "show crypto ipsecc sa", .status = "error", .bytes = 60,
	  .duration_ms = 12, .error = "% Invalid input detected at '^' marker." },
	{ .command = "show crypto session", .status = "timeout", .bytes = 0,
	  .duration_ms = 10000, .error = "no prompt within 10 s" },
};

static struct store_poll
poll_of(const char *router, const struct store_command *c, size_t n)
{
	struct store_poll	 p;

	memset(&p, 0, sizeof(p));
	p.router = router;
	p.started_at = t0;
	p.finished_at = t1;
	p.status = "command";
	p.error = "show crypto ipsecc sa: % Invalid input";
	p.overrun = 1;
	p.commands = c;
	p.ncommands = n;
	return p;
}

static void
setup(void)
{
	const char	*tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/check_store.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(dbpath, sizeof(dbpath), "%s/history.db", dir);
}

static void
teardown(void)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	char	 p[PATH_MAX + 32];
	size_t	 i;

	for (i = 0; i < NITEMS(sfx); i++) {
		snprintf(p, sizeof(p), "%s%s", dbpath, sfx[i]);
		unlink(p);
	}
	rmdir(dir);
}

static sqlite3 *
raw_open(void)
{
	sqlite3	*db;

	ck_assert_int_eq(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	return db;
}

static void
raw_exec(sqlite3 *db, const char *sql)
{
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK,
	    "%s: %s", sql, sqlite3_errmsg(db));
}

static int64_t
q_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*st;
	int64_t		 v;

	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK,
	    "%s: %s", sql, sqlite3_errmsg(db));
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The first column of the first row, or NULL for SQL NULL; caller frees. */
static char *
q_text(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*st;
	const char	*s;
	char		*v;

	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK,
	    "%s: %s", sql, sqlite3_errmsg(db));
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	s = (const char *)sqlite3_column_text(st, 0);
	v = s != NULL ? xstrdup(s) : NULL;
	sqlite3_finalize(st);
	return v;
}

static void
assert_text(sqlite3 *db, const char *sql, const char *want)
{
	char	*got = q_text(db, sql);

	if (want == NULL)
		ck_assert_msg(got == NULL, "%s: got \"%s\", want NULL", sql,
		    got != NULL ? got : "");
	else {
		ck_assert_ptr_nonnull(got);
		ck_assert_str_eq(got, want);
	}
	free(got);
}

/* Does the file at dbpath + suffix hold the bytes? A missing file does not. */
static int
file_has(const char *suffix, const char *needle)
{
	char	 p[PATH_MAX + 32], *buf;
	FILE	*fp;
	long	 size;
	int	 found;

	snprintf(p, sizeof(p), "%s%s", dbpath, suffix);
	if ((fp = fopen(p, "rb")) == NULL) {
		ck_assert_int_eq(errno, ENOENT);
		return 0;
	}
	ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
	size = ftell(fp);
	rewind(fp);
	buf = xmalloc(size > 0 ? (size_t)size : 1);
	ck_assert_uint_eq(fread(buf, 1, (size_t)size, fp), (size_t)size);
	fclose(fp);
	found = memmem(buf, (size_t)size, needle, strlen(needle)) != NULL;
	free(buf);
	return found;
}

static struct store *
open_rw(void)
{
	struct store	*st;
	char		 err[512] = "";

	ck_assert_msg(store_open(dbpath, 0, &st, err, sizeof(err)) == 0,
	    "store_open: %s", err);
	ck_assert_ptr_nonnull(st);
	return st;
}

static int64_t
record(struct store *st, const struct store_poll *p, int keep_raw)
{
	char	 err[512] = "";
	int64_t	 id;

	id = store_record_poll(st, p, keep_raw, err, sizeof(err));
	ck_assert_msg(id > 0, "store_record_poll: %s", err);
	return id;
}

static mode_t
file_mode(const char *suffix)
{
	char		 p[PATH_MAX + 32];
	struct stat	 sb;

	snprintf(p, sizeof(p), "%s%s", dbpath, suffix);
	ck_assert_int_eq(stat(p, &sb), 0);
	return sb.st_mode & 07777;
}

START_TEST(test_open_creates)
{
	struct store	*st;
	struct store_poll p = poll_of("r1", cmds, 1);
	sqlite3		*db;
	char		*mode;

	umask(077);	/* the file must be 0640 whatever the umask */
	st = open_rw();
	ck_assert_int_ge(store_binary_version(), 1);
	ck_assert_int_eq(store_db_version(st), store_binary_version());
	record(st, &p, 1);
	ck_assert_uint_eq(file_mode(""), 0640);
	ck_assert_uint_eq(file_mode("-wal"), 0640);	/* sqlite copies it */
	store_close(st);

	db = raw_open();
	ck_assert_int_eq(q_int(db, "PRAGMA user_version"),
	    store_binary_version());
	mode = q_text(db, "PRAGMA journal_mode");
	ck_assert_str_eq(mode, "wal");
	free(mode);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM sqlite_master WHERE"
	    " (type = 'table' AND name IN ('polls', 'poll_commands',"
	    " 'raw_outputs')) OR (type = 'view' AND name = 'last_poll') OR"
	    " (type = 'index' AND name = 'polls_router_started')"), 5);
	sqlite3_close(db);
}
END_TEST

START_TEST(test_reopen_noop)
{
	struct store	*st;
	struct store_poll p = poll_of("r1", cmds, NITEMS(cmds));
	sqlite3		*db;
	int64_t		 cookie;

	st = open_rw();
	record(st, &p, 0);
	store_close(st);
	db = raw_open();
	cookie = q_int(db, "PRAGMA schema_version");
	ck_assert_int_gt(cookie, 0);

	st = open_rw();
	ck_assert_int_eq(store_db_version(st), store_binary_version());
	store_close(st);
	/* No DDL ran: the schema cookie did not move, the data is there. */
	ck_assert_int_eq(q_int(db, "PRAGMA schema_version"), cookie);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM polls"), 1);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM poll_commands"), 3);
	sqlite3_close(db);
}
END_TEST

START_TEST(test_newer_refused)
{
	struct store	*st;
	sqlite3		*db;
	char		 sql[64], err[512], want[256];
	int		 newer = store_binary_version() + 1;

	st = open_rw();
	store_close(st);
	db = raw_open();
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", newer);
	raw_exec(db, sql);

	snprintf(want, sizeof(want), "database schema version %d is newer "
	    "than this binary's (%d); upgrade ipsecwatch", newer,
	    store_binary_version());
	st = (struct store *)&st;	/* store_open must clear it */
	ck_assert_int_eq(store_open(dbpath, 0, &st, err, sizeof(err)), -1);
	ck_assert_ptr_null(st);
	ck_assert_str_eq(err, want);
	err[0] = '\0';
	ck_assert_int_eq(store_open(dbpath, STORE_OPEN_READONLY, &st, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(q_int(db, "PRAGMA user_version"), newer);
	sqlite3_close(db);
}
END_TEST

START_TEST(test_readonly_missing)
{
	struct store	*st;
	struct stat	 sb;
	char		 err[512], want[PATH_MAX + 48];

	ck_assert_int_eq(store_open(dbpath, STORE_OPEN_READONLY, &st, err,
	    sizeof(err)), -1);
	snprintf(want, sizeof(want), "no database at %s", dbpath);
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(stat(dbpath, &sb), -1);	/* not created */
	ck_assert_int_eq(errno, ENOENT);
}
END_TEST

START_TEST(test_readonly)
{
	struct store	*st;
	struct store_poll p = poll_of("r1", cmds, NITEMS(cmds));
	sqlite3		*db;
	char		 err[512] = "";

	st = open_rw();
	record(st, &p, 0);
	store_close(st);

	ck_assert_msg(store_open(dbpath, STORE_OPEN_READONLY, &st, err,
	    sizeof(err)) == 0, "%s", err);
	ck_assert_int_eq(store_db_version(st), store_binary_version());
	ck_assert_int_eq(store_record_poll(st, &p, 0, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "read-only"));
	store_close(st);
	db = raw_open();
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM polls"), 1);
	sqlite3_close(db);
}
END_TEST

/* Read-only never migrates, and accepts a database older than the binary. */
START_TEST(test_readonly_older)
{
	struct store	*st;
	sqlite3		*db;
	char		 err[512] = "";

	db = raw_open();
	raw_exec(db, "CREATE TABLE t (x)");
	ck_assert_msg(store_open(dbpath, STORE_OPEN_READONLY, &st, err,
	    sizeof(err)) == 0, "%s", err);
	ck_assert_int_eq(store_db_version(st), 0);
	store_close(st);
	ck_assert_int_eq(q_int(db, "PRAGMA user_version"), 0);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM sqlite_master"
	    " WHERE name = 'polls'"), 0);
	sqlite3_close(db);
}
END_TEST

START_TEST(test_record)
{
	struct store	*st;
	struct store_poll p = poll_of("r1", cmds, NITEMS(cmds));
	sqlite3		*db;
	int64_t		 id;

	st = open_rw();
	id = record(st, &p, 0);
	store_close(st);

	db = raw_open();
	ck_assert_int_eq(q_int(db, "SELECT id FROM polls"), id);
	assert_text(db, "SELECT router FROM polls", "r1");
	assert_text(db, "SELECT started_at FROM polls",
	    "2026-11-29T06:10:06.123Z");
	assert_text(db, "SELECT finished_at FROM polls",
	    "2026-11-29T06:10:07.623Z");
	ck_assert_int_eq(q_int(db, "SELECT duration_ms FROM polls"), 1500);
	assert_text(db, "SELECT status FROM polls", "command");
	assert_text(db, "SELECT error FROM polls",
	    "show crypto ipsecc sa: % Invalid input");
	ck_assert_int_eq(q_int(db, "SELECT overrun FROM polls"), 1);
	/* The times are what SQLite's date functions read. */
	ck_assert_int_eq(q_int(db, "SELECT round((julianday(finished_at) -"
	    " julianday(started_at)) * 86400000) FROM polls"), 1500);

	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM poll_commands"
	    " WHERE poll_id = (SELECT id FROM polls)"), 3);
	assert_text(db, "SELECT group_concat(seq || '|' || command || '|' ||"
	    " status || '|' || bytes || '|' || duration_ms || '|' ||"
	    " coalesce(error, 'NULL'), '\n') FROM (SELECT * FROM poll_commands"
	    " ORDER BY seq)",
	    "1|show running-config | include crypto isakmp|ok|109|35|NULL\n"
	    "2|show crypto ipsecc sa|error|60|12|"
	    "% Invalid input detected at '^' marker.\n"
	    "3|show crypto session|timeout|0|10000|no prompt within 10 s");
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM raw_outputs"), 0);
	ck_assert_int_eq(file_has("", SECRET), 0);
	sqlite3_close(db);
}
END_TEST

START_TEST(test_keep_raw)
{
	struct store	*st;
	struct store_poll p = poll_of("r1", cmds, NITEMS(cmds));
	sqlite3		*db;

	st = open_rw();
	record(st, &p, 1);
	/* The poll sits in the WAL while the store is open. */
	ck_assert(file_has("-wal", MARKER) || file_has("", MARKER));
	ck_assert_int_eq(file_has("-wal", SECRET), 0);
	ck_assert_int_eq(file_has("", SECRET), 0);
	store_close(st);

	db = raw_open();
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM raw_outputs"), 1);
	ck_assert_int_eq(q_int(db, "SELECT seq FROM raw_outputs"), 1);
	assert_text(db, "SELECT output FROM raw_outputs", raw_redacted);
	ck_assert_int_eq(q_int(db, "SELECT masked_lines FROM raw_outputs"), 1);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM raw_outputs WHERE"
	    " instr(output, '" SECRET "') > 0"), 0);
	sqlite3_close(db);
	/* After the checkpoint at close, in the database file itself. */
	ck_assert_int_eq(file_has("", MARKER), 1);
	ck_assert_int_eq(file_has("", SECRET), 0);
	ck_assert_int_eq(file_has("-wal", SECRET), 0);
}
END_TEST

START_TEST(test_rollback)
{
	struct store	*st;
	struct store_command bad[NITEMS(cmds)];
	struct store_poll p;
	sqlite3		*db;
	char		 err[512];

	memcpy(bad, cmds, sizeof(bad));
	bad[2].command = NULL;	/* fails after the poll and two commands */
	p = poll_of("r1", bad, NITEMS(bad));
	st = open_rw();
	err[0] = '\0';
	ck_assert_int_eq(store_record_poll(st, &p, 1, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "NOT NULL") != NULL &&
	    strstr(err, "poll_commands.command") != NULL, "err: %s", err);

	p = poll_of(NULL, cmds, NITEMS(cmds));
	err[0] = '\0';
	ck_assert_int_eq(store_record_poll(st, &p, 1, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "polls.router") != NULL, "err: %s", err);

	db = raw_open();
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM polls"), 0);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM poll_commands"), 0);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM raw_outputs"), 0);

	/* The failures left no transaction open: the next poll goes in. */
	p = poll_of("r1", cmds, NITEMS(cmds));
	record(st, &p, 1);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM polls"), 1);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM poll_commands"), 3);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM raw_outputs"), 1);
	store_close(st);
	sqlite3_close(db);
}
END_TEST

START_TEST(test_last_poll)
{
	struct store	*st;
	struct store_poll p;
	sqlite3		*db;
	int64_t		 latest;

	st = open_rw();
	p = poll_of("r1", cmds, 1);
	record(st, &p, 0);
	p.started_at.tv_sec += 60;
	p.finished_at.tv_sec += 60;
	p.status = "ok";
	latest = record(st, &p, 0);
	p = poll_of("r2", NULL, 0);
	p.status = "auth";
	record(st, &p, 0);
	store_close(st);

	db = raw_open();
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM last_poll"), 2);
	ck_assert_int_eq(q_int(db, "SELECT id FROM last_poll"
	    " WHERE router = 'r1'"), latest);
	assert_text(db, "SELECT started_at || ' ' || status FROM last_poll"
	    " WHERE router = 'r1'", "2026-11-29T06:11:06.123Z ok");
	assert_text(db, "SELECT status FROM last_poll WHERE router = 'r2'",
	    "auth");
	sqlite3_close(db);
}
END_TEST

START_TEST(test_integrity)
{
	struct store	*st;
	struct store_poll p;
	sqlite3		*db;
	int		 i;

	st = open_rw();
	for (i = 0; i < 20; i++) {
		p = poll_of(i % 2 ? "r1" : "r2", cmds, NITEMS(cmds));
		p.started_at.tv_sec += i * 60;
		p.finished_at.tv_sec += i * 60;
		record(st, &p, 1);
	}
	store_close(st);

	db = raw_open();
	assert_text(db, "PRAGMA integrity_check", "ok");
	raw_exec(db, "PRAGMA foreign_keys = ON");
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM"
	    " pragma_foreign_key_check"), 0);
	/* Deleting polls takes their commands and outputs with them. */
	raw_exec(db, "DELETE FROM polls WHERE router = 'r1'");
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM polls"), 10);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM poll_commands"), 30);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM raw_outputs"), 10);
	assert_text(db, "PRAGMA integrity_check", "ok");
	sqlite3_close(db);
}
END_TEST

/*
 * A schema file that fails half-way leaves nothing behind: here a table
 * takes the name of the view that 0001 creates last, after its tables.
 */
/* One poll of "r1" whose isakmp_sa and ipsec_sa outputs were parsed. */
static int64_t
record_snapshot_as(struct store *st, int sec, const char *state,
    long long encaps, long long decaps, int responder)
{
	struct store_command	 c[2];
	struct store_poll	 p;
	char			 isakmp[512], ipsec[1024];

	snprintf(isakmp, sizeof(isakmp), "{\"probe\":\"isakmp_sa\",\"sas\":"
	    "[{\"family\":\"ipv4\",\"dst\":\"%s\",\"src\":"
	    "\"%s\",\"state\":\"%s\",\"phase1_step\":7,"
	    "\"phase1_up\":true,\"conn_id\":1001,\"status\":\"ACTIVE\","
	    "\"deleted\":false}]}", responder ? "192.0.2.1" : "198.51.100.2",
	    responder ? "198.51.100.2" : "192.0.2.1", state);
	snprintf(ipsec, sizeof(ipsec), "{\"probe\":\"ipsec_sa\",\"interfaces\":"
	    "[{\"interface\":\"Gi0/1\",\"crypto_map\":\"CM\",\"local_addr\":"
	    "\"192.0.2.1\",\"flows\":[{\"peer\":\"198.51.100.2\","
	    "\"local_ident\":{\"addr\":\"10.1.0.0\",\"mask\":\"255.255.255.0\","
	    "\"prot\":0,\"port\":0},\"remote_ident\":{\"addr\":\"10.9.0.0\","
	    "\"mask\":\"255.255.255.0\",\"prot\":0,\"port\":0},"
	    "\"pkts_encaps\":%lld,\"pkts_decaps\":%lld,\"send_errors\":0,"
	    "\"recv_errors\":0,\"current_outbound_spi\":439,"
	    "\"inbound_esp\":[{\"spi\":1}],\"outbound_esp\":[{\"spi\":2}],"
	    "\"inbound_ah\":[],\"outbound_ah\":[]}]}]}", encaps, decaps);
	memset(c, 0, sizeof(c));
	c[0].command = "show crypto isakmp sa";
	c[0].status = "ok";
	c[0].probe = "isakmp_sa";
	c[0].parse_ok = 1;
	c[0].records_json = isakmp;
	c[1].command = "show crypto ipsec sa";
	c[1].status = "ok";
	c[1].probe = "ipsec_sa";
	c[1].parse_ok = 1;
	c[1].records_json = ipsec;
	p = poll_of("r1", c, 2);
	p.started_at.tv_sec += sec;
	p.finished_at.tv_sec += sec;
	p.status = "ok";
	p.error = NULL;
	return record(st, &p, 0);
}

static int64_t
record_snapshot(struct store *st, int sec, const char *state,
    long long encaps, long long decaps)
{
	return record_snapshot_as(st, sec, state, encaps, decaps, 0);
}

/* 0006: on the responder, IOS's dst is the router itself; src is the peer. */
START_TEST(test_responder_peer)
{
	struct store	*st;
	sqlite3		*db;

	st = open_rw();
	record_snapshot_as(st, 0, "QM_IDLE", 1000, 900, 1);
	record_snapshot_as(st, 60, "QM_IDLE", 1600, 1500, 1);
	store_close(st);
	ck_assert_int_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM isakmp_sas WHERE "
	    "peer = '198.51.100.2' AND src = '198.51.100.2'"), 2);
	/* One tunnel, with its Phase 1 state and its SAs on the same row. */
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM tunnel_latest"), 1);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM tunnel_latest WHERE "
	    "peer = '198.51.100.2' AND phase1_state = 'QM_IDLE' AND "
	    "ipsec_sas = 2"), 1);
	sqlite3_close(db);
}
END_TEST

/* Snapshots fill the typed tables; the rates view handles counter resets. */
START_TEST(test_snapshots_and_rates)
{
	struct store	*st;
	sqlite3		*db;

	st = open_rw();
	record_snapshot(st, 0, "QM_IDLE", 1000, 900);
	record_snapshot(st, 60, "QM_IDLE", 7000, 6900);	/* +6000 in 60 s */
	record_snapshot(st, 120, "QM_IDLE", 600, 500);	/* SA rebuilt */
	record_snapshot(st, 180, "MM_NO_STATE", 600, 500);
	store_close(st);
	ck_assert_int_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM snapshots"), 8);
	/*
	 * Equal results are stored once: the first three isakmp_sa results
	 * (QM_IDLE) are one record, the two last ipsec_sa ones another.
	 */
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM snapshot_records"), 5);
	ck_assert_int_eq(q_int(db, "SELECT count(DISTINCT records_id) FROM "
	    "poll_snapshots WHERE probe = 'ipsec_sa'"), 3);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM isakmp_sas WHERE "
	    "peer='198.51.100.2' AND phase1_up=1 AND conn_id=1001"), 4);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM ipsec_flows WHERE "
	    "local_ident='10.1.0.0/255.255.255.0/0/0' AND inbound_sas=1 AND "
	    "outbound_sas=1"), 4);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM tunnel_latest"), 1);
	assert_text(db, "SELECT phase1_state FROM tunnel_latest", "MM_NO_STATE");
	ck_assert_int_eq(q_int(db, "SELECT pkts_encaps FROM tunnel_latest"), 600);
	/* 6000 packets in 60 s: 100/s */
	ck_assert_int_eq(q_int(db, "SELECT CAST(round(encaps_per_s) AS INT) FROM "
	    "tunnel_rates ORDER BY started_at LIMIT 1 OFFSET 1"), 100);
	/* A counter that went down is a rebuild, not negative traffic. */
	ck_assert_int_eq(q_int(db, "SELECT reset FROM tunnel_rates ORDER BY "
	    "started_at LIMIT 1 OFFSET 2"), 1);
	ck_assert_int_eq(q_int(db, "SELECT d_encaps FROM tunnel_rates ORDER BY "
	    "started_at LIMIT 1 OFFSET 2"), 600);
	ck_assert_int_eq(q_int(db, "SELECT min(d_encaps) FROM tunnel_rates"), 0);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM tunnel_rates WHERE "
	    "d_encaps IS NULL"), 1);	/* the first poll has no delta */
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM phase1_changes"), 2);
	sqlite3_close(db);
}
END_TEST

START_TEST(test_migration_rollback)
{
	struct store	*st;
	sqlite3		*db;
	char		 err[512] = "";

	db = raw_open();
	raw_exec(db, "CREATE TABLE last_poll (x)");
	ck_assert_int_eq(store_open(dbpath, 0, &st, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "0001_polls.sql") != NULL &&
	    strstr(err, "last_poll") != NULL, "err: %s", err);
	ck_assert_int_eq(q_int(db, "PRAGMA user_version"), 0);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM sqlite_master WHERE"
	    " name IN ('polls', 'poll_commands', 'raw_outputs')"), 0);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM sqlite_master WHERE"
	    " name = 'last_poll' AND type = 'table'"), 1);
	sqlite3_close(db);
}
END_TEST

/* The schema files up to `upto`, as an older binary would have applied them. */
static void
apply_schema_upto(sqlite3 *db, int upto)
{
	const char	*src = getenv("IPSECWATCH_SRC");
	char		 cmd[PATH_MAX + 64], *sql = NULL, ver[64];
	size_t		 cap = 0, len = 0;
	FILE		*fp;
	int		 c;

	ck_assert_ptr_nonnull(src);
	snprintf(cmd, sizeof(cmd), "cat '%s'/schema/000[1-%d]_*.sql", src, upto);
	fp = popen(cmd, "r");
	ck_assert_ptr_nonnull(fp);
	while ((c = fgetc(fp)) != EOF) {
		if (len + 2 > cap)
			sql = realloc(sql, cap = cap * 2 + 4096);
		sql[len++] = (char)c;
	}
	ck_assert_int_eq(pclose(fp), 0);
	sql[len] = '\0';
	raw_exec(db, sql);
	snprintf(ver, sizeof(ver), "PRAGMA user_version = %d", upto);
	raw_exec(db, ver);
	free(sql);
}

/* 0005: a database with snapshots in the old table keeps them all. */
START_TEST(test_migration_records)
{
	struct store	*st;
	sqlite3		*db;
	char		 err[512] = "";

	db = raw_open();
	apply_schema_upto(db, 4);
	raw_exec(db, "INSERT INTO polls (id, router, started_at, finished_at,"
	    " status) VALUES (7, 'r1', '2026-11-29T06:00:00.000Z',"
	    " '2026-11-29T06:00:01.000Z', 'ok');"
	    "INSERT INTO poll_commands (poll_id, seq, command, status) VALUES"
	    " (7, 1, 'show crypto map', 'ok'), (7, 2, 'show crypto isakmp sa', 'ok');"
	    "INSERT INTO snapshots (poll_id, seq, probe, ok, records) VALUES"
	    " (7, 1, 'crypto_map', 1, '{\"maps\": []}'),"
	    " (7, 2, 'isakmp_sa', 1, '{\"sas\": []}')");
	ck_assert_int_eq(store_open(dbpath, 0, &st, err, sizeof(err)), 0);
	store_close(st);
	ck_assert_int_eq(q_int(db, "PRAGMA user_version"),
	    store_binary_version());
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM snapshots WHERE "
	    "poll_id = 7 AND ((seq = 1 AND records = '{\"maps\": []}') OR "
	    "(seq = 2 AND probe = 'isakmp_sa' AND records = '{\"sas\": []}'))"),
	    2);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM tunnel_latest"), 0);
	/* Retention: the poll goes, and the records no poll refers to. */
	raw_exec(db, "PRAGMA foreign_keys = ON; DELETE FROM polls WHERE id = 7");
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM snapshot_records"), 0);
	sqlite3_close(db);
}
END_TEST

static Suite *
store_suite(void)
{
	Suite	*s = suite_create("store");
	TCase	*tc = tcase_create("sqlite");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_open_creates);
	tcase_add_test(tc, test_reopen_noop);
	tcase_add_test(tc, test_newer_refused);
	tcase_add_test(tc, test_readonly_missing);
	tcase_add_test(tc, test_readonly);
	tcase_add_test(tc, test_readonly_older);
	tcase_add_test(tc, test_record);
	tcase_add_test(tc, test_keep_raw);
	tcase_add_test(tc, test_rollback);
	tcase_add_test(tc, test_last_poll);
	tcase_add_test(tc, test_integrity);
	tcase_add_test(tc, test_migration_rollback);
	tcase_add_test(tc, test_snapshots_and_rates);
	tcase_add_test(tc, test_migration_records);
	tcase_add_test(tc, test_responder_peer);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(store_suite());
	int	 nfailed;

	srunner_run_all(sr, CK_NORMAL);
	nfailed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nfailed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

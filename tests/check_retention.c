/*
 * check_retention.c: old history is deleted while the daemon polls.
 *
 * A real database is first filled by the daemon polling four simulated
 * routers; its polls are then cloned back in time (40 days old: to go;
 * 20 days old: to stay) together with their commands, snapshots and
 * typed rows (and one result that only an old poll refers to), and old alerts are added (cleared 400 days ago: to go;
 * cleared 100 days ago and open since 400 days: to stay). The daemon is
 * started again: its retention pass must delete exactly the old rows, in
 * batches, while polls keep being recorded on time, and leave no orphan.
 */
#include <check.h>

#include "testutil.h"

#define INTERVAL	1
#define NROUTERS	4
#define OLD_COPIES	1500	/* per poll of the first run: 40 days old */
#define KEPT_COPIES	5	/* 20 days old */
#define ID_STEP		1000000LL
/* Below the ephemeral range; apart from the other suites' ranges. */
#define BASE_PORT	(10000 + (getpid() % 40) * 40)

struct lab {
	char	*dir, *labfile, *conf, *db, *daemon_log, *sim_log;
	pid_t	 sim, daemon;
	int	 port0;
};

static void
lab_files(struct lab *l)
{
	FILE	*fp;
	int	 i;
	char	*pw;

	fp = fopen(l->labfile, "w");
	ck_assert_ptr_nonnull(fp);
	fprintf(fp, "{\"keys_dir\": \"keys\", \"known_hosts_out\": "
	    "\"known_hosts\", \"routers\": [\n");
	for (i = 0; i < NROUTERS; i++)
		fprintf(fp, "%s{\"name\": \"r%d\", \"port\": %d, \"username\": "
		    "\"mon\", \"password\": \"pw-secret\", \"platform\": "
		    "\"ios\"}\n", i ? "," : "", i, l->port0 + i);
	fprintf(fp, "]}\n");
	fclose(fp);

	fp = fopen(l->conf, "w");
	ck_assert_ptr_nonnull(fp);
	fprintf(fp, "{\"interval\": %d, \"jitter\": 0, \"retention_days\": 30,"
	    " \"alert_retention_days\": 365, \"database\": \"ipsecwatch.db\","
	    " \"known_hosts\": \"known_hosts\", \"routers\": [\n", INTERVAL);
	for (i = 0; i < NROUTERS; i++)
		fprintf(fp, "%s{\"name\": \"r%d\", \"host\": \"127.0.0.1\", "
		    "\"port\": %d, \"username\": \"mon\", \"platform\": \"ios\","
		    " \"password_file\": \"pw\"}\n", i ? "," : "", i,
		    l->port0 + i);
	fprintf(fp, "]}\n");
	fclose(fp);
	pw = tu_path(l->dir, "pw");
	tu_write_file(pw, 0600, "pw-secret\n");
	free(pw);
}

static void
lab_init(struct lab *l)
{
	memset(l, 0, sizeof(*l));
	l->dir = tu_mkdtemp();
	l->labfile = tu_path(l->dir, "lab.json");
	l->conf = tu_path(l->dir, "ipsecwatch.conf");
	l->db = tu_path(l->dir, "ipsecwatch.db");
	l->daemon_log = tu_path(l->dir, "daemon.log");
	l->sim_log = tu_path(l->dir, "sim.log");
	l->port0 = BASE_PORT;
	lab_files(l);
	l->sim = tu_start_sim(l->labfile, l->sim_log);
}

static void
lab_fini(struct lab *l)
{
	if (l->daemon > 0)
		tu_stop(l->daemon, SIGKILL, 2);
	if (l->sim > 0)
		tu_stop(l->sim, SIGTERM, 5);
	tu_remove_dir(l->dir);
	free(l->dir);
	free(l->labfile);
	free(l->conf);
	free(l->db);
	free(l->daemon_log);
	free(l->sim_log);
}

static void
daemon_start(struct lab *l)
{
	char	*bin = tu_path(tu_build_dir(), "ipsecwatchd");
	char	*argv[] = { bin, "-d", "-f", l->conf, NULL };

	l->daemon = tu_spawn(argv, NULL, l->daemon_log);
	free(bin);
}

static void
exec_sql(sqlite3 *h, const char *sql)
{
	char	*err = NULL;

	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		ck_abort_msg("%s: %s", sql, err);
}

/*
 * Clone every row of a table whose rows hang off a poll into `copies`
 * copies, poll ids moved by n * ID_STEP: the columns are read from the
 * table itself, so a schema change does not silently skip a column.
 */
static void
clone_children(sqlite3 *h, const char *table, int copies, long long first)
{
	sqlite3_stmt	*st;
	char		*sql, cols[2048] = "", sel[2048] = "";

	sql = sqlite3_mprintf("PRAGMA table_info(%s)", table);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 1);
		if (cols[0] != '\0') {
			strcat(cols, ", ");
			strcat(sel, ", ");
		}
		strcat(cols, c);
		strcat(sel, strcmp(c, "poll_id") == 0 ? "poll_id + n * 1000000" : c);
	}
	sqlite3_finalize(st);
	sqlite3_free(sql);
	sql = sqlite3_mprintf("WITH RECURSIVE k(n) AS (SELECT %lld UNION ALL "
	    "SELECT n + 1 FROM k WHERE n < %lld) INSERT INTO %s (%s) SELECT %s "
	    "FROM %s, k WHERE poll_id < %lld", first, first + copies - 1, table,
	    cols, sel, table, ID_STEP);
	exec_sql(h, sql);
	sqlite3_free(sql);
}

/* Polls cloned `days` back in time, a minute apart, with all they own. */
static void
clone_polls(sqlite3 *h, int copies, long long first, int days)
{
	static const char *const children[] = { "poll_commands", "raw_outputs",
	    "poll_snapshots", "isakmp_sas", "ipsec_flows" };
	char	*sql;
	size_t	 i;

	sql = sqlite3_mprintf("WITH RECURSIVE k(n) AS (SELECT %lld UNION ALL "
	    "SELECT n + 1 FROM k WHERE n < %lld) INSERT INTO polls (id, router, "
	    "started_at, finished_at, duration_ms, status, error, overrun) "
	    "SELECT id + n * 1000000, router, strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ',"
	    " started_at, '-%d days', '-' || (n - %lld) || ' minutes'), "
	    "strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', finished_at, '-%d days', '-' "
	    "|| (n - %lld) || ' minutes'), duration_ms, status, error, overrun "
	    "FROM polls, k WHERE id < %lld", first, first + copies - 1, days,
	    first, days, first, ID_STEP);
	exec_sql(h, sql);
	sqlite3_free(sql);
	for (i = 0; i < sizeof(children) / sizeof(children[0]); i++)
		clone_children(h, children[i], copies, first);
}

static void
age_history(struct lab *l)
{
	sqlite3	*h;

	ck_assert_int_eq(sqlite3_open(l->db, &h), SQLITE_OK);
	exec_sql(h, "PRAGMA foreign_keys = ON; BEGIN");
	clone_polls(h, OLD_COPIES, 1, 40);
	clone_polls(h, KEPT_COPIES, OLD_COPIES + 1, 20);
	/* A result only an old poll refers to: it must go with that poll. */
	exec_sql(h, "INSERT INTO snapshot_records (hash, records) VALUES "
	    "(randomblob(32), '{\"only\": \"old\"}'); UPDATE poll_snapshots "
	    "SET records_id = last_insert_rowid() WHERE poll_id = "
	    "(SELECT min(poll_id) FROM poll_snapshots WHERE poll_id >= 1000000)");
	exec_sql(h, "INSERT INTO alerts (router, peer, kind, cause, severity,"
	    " confidence, summary, evidence, fix, verify, candidates, raised_at,"
	    " updated_at, cleared_at) VALUES "
	    "('r0', '10.0.0.2', 'phase1_down', 'unknown', 'critical', 'low', 'gone',"
	    " '[]', '[]', '[]', '[]', strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-401 days'),"
	    " strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-400 days'),"
	    " strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-400 days')),"
	    "('r1', '10.0.0.2', 'phase1_down', 'unknown', 'critical', 'low', 'kept',"
	    " '[]', '[]', '[]', '[]', strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-101 days'),"
	    " strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-100 days'),"
	    " strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-100 days')),"
	    "('r2', NULL, 'poll_failed', 'unknown', 'warning', 'low', 'open',"
	    " '[]', '[]', '[]', '[]', strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-400 days'),"
	    " strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-400 days'), NULL)");
	exec_sql(h, "COMMIT");
	sqlite3_close(h);
}

static long long
old_polls(struct lab *l)
{
	return tu_sql_int(l->db, "SELECT count(*) FROM polls WHERE started_at"
	    " < strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now', '-30 days')");
}

static long long
new_polls(struct lab *l)
{
	return tu_sql_int(l->db, "SELECT count(*) FROM polls WHERE started_at"
	    " > strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now', '-1 days')");
}

/* The longest gap between two polls of a router, over the second run. */
static double
longest_gap_s(struct lab *l, const char *since)
{
	return (double)tu_sql_int(l->db, "WITH p AS (SELECT router, "
	    "julianday(started_at) AS t, lag(julianday(started_at)) OVER "
	    "(PARTITION BY router ORDER BY started_at) AS prev FROM polls "
	    "WHERE started_at >= %Q) SELECT CAST(max(t - prev) * 86400000 AS "
	    "INTEGER) FROM p WHERE prev IS NOT NULL", since) / 1000.0;
}

static void
assert_no_orphans(struct lab *l)
{
	static const char *const q[] = {
		"SELECT count(*) FROM poll_commands c WHERE NOT EXISTS "
		    "(SELECT 1 FROM polls p WHERE p.id = c.poll_id)",
		"SELECT count(*) FROM snapshots s WHERE NOT EXISTS (SELECT 1 "
		    "FROM poll_commands c WHERE c.poll_id = s.poll_id AND "
		    "c.seq = s.seq)",
		"SELECT count(*) FROM snapshot_records r WHERE NOT EXISTS "
		    "(SELECT 1 FROM poll_snapshots s WHERE s.records_id = r.id)",
		"SELECT count(*) FROM isakmp_sas s WHERE NOT EXISTS "
		    "(SELECT 1 FROM polls p WHERE p.id = s.poll_id)",
		"SELECT count(*) FROM ipsec_flows s WHERE NOT EXISTS "
		    "(SELECT 1 FROM polls p WHERE p.id = s.poll_id)",
	};
	size_t	 i;

	for (i = 0; i < sizeof(q) / sizeof(q[0]); i++)
		ck_assert_msg(tu_sql_int(l->db, "%s", q[i]) == 0, "orphans: %s",
		    q[i]);
}

START_TEST(test_retention_while_polling)
{
	struct lab	 l;
	long long	 first, old0, prev_old, prev_new, n, kept0, snaps_old;
	int		 interleaved = 0, i;
	char		*since;

	lab_init(&l);
	daemon_start(&l);
	for (i = 0; i < 100 && tu_sql_int(l.db, "SELECT count(*) FROM polls "
	    "WHERE status = 'ok'") < NROUTERS * 2; i++)
		tu_sleep(0.1);
	ck_assert_int_eq(tu_stop(l.daemon, SIGTERM, 5), 0);
	l.daemon = 0;
	first = tu_sql_int(l.db, "SELECT count(*) FROM polls");
	ck_assert_int_ge(first, NROUTERS * 2);
	ck_assert_int_gt(tu_sql_int(l.db, "SELECT count(*) FROM ipsec_flows"), 0);

	age_history(&l);
	old0 = old_polls(&l);
	ck_assert_int_eq(old0, first * OLD_COPIES);
	kept0 = tu_sql_int(l.db, "SELECT count(*) FROM polls WHERE started_at "
	    "< strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now', '-10 days')") - old0;
	ck_assert_int_eq(kept0, first * KEPT_COPIES);
	snaps_old = tu_sql_int(l.db, "SELECT count(*) FROM snapshots WHERE "
	    "poll_id >= %lld", ID_STEP);
	ck_assert_int_gt(snaps_old, old0);

	since = tu_sql_text(l.db, "SELECT strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ',"
	    " 'now')");
	daemon_start(&l);
	/*
	 * Sample the pass: polls recorded between two samples that both saw
	 * it half done prove that retention and polling ran interleaved.
	 */
	prev_old = old0;
	prev_new = new_polls(&l);
	for (i = 0; i < 600 && (n = old_polls(&l)) > 0; i++) {
		long long nn = new_polls(&l);
		if (n < prev_old && prev_old < old0 && nn > prev_new)
			interleaved++;
		prev_old = n;
		prev_new = nn;
		tu_sleep(0.05);
	}
	ck_assert_msg(old_polls(&l) == 0, "old polls left: %lld", old_polls(&l));
	ck_assert_msg(interleaved > 0, "no poll was recorded while the "
	    "retention pass ran");
	tu_sleep(2.5 * INTERVAL);	/* polls go on after the pass */

	ck_assert_int_eq(tu_sql_int(l.db, "SELECT count(*) FROM polls WHERE "
	    "started_at < strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now', "
	    "'-10 days')"), kept0);
	ck_assert_int_eq(tu_sql_int(l.db, "SELECT count(*) FROM snapshots WHERE "
	    "poll_id BETWEEN %lld AND %lld", ID_STEP, OLD_COPIES * ID_STEP), 0);
	assert_no_orphans(&l);
	ck_assert_int_eq(tu_sql_int(l.db, "SELECT count(*) FROM "
	    "snapshot_records WHERE records = '{\"only\": \"old\"}'"), 0);
	ck_assert_int_eq(tu_sql_int(l.db, "SELECT count(*) FROM alerts WHERE "
	    "summary = 'gone'"), 0);
	ck_assert_int_eq(tu_sql_int(l.db, "SELECT count(*) FROM alerts WHERE "
	    "summary IN ('kept', 'open')"), 2);
	ck_assert_msg(longest_gap_s(&l, since) < 1.8 * INTERVAL,
	    "a poll was delayed: gap %.2f s", longest_gap_s(&l, since));
	ck_assert_int_ge(tu_count_in_file(l.daemon_log, "retention: deleted"), 1);
	ck_assert_int_eq(tu_stop(l.daemon, SIGTERM, 5), 0);
	l.daemon = 0;
	ck_assert_int_eq(tu_sql_int(l.db, "SELECT count(*) FROM "
	    "pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
	free(since);
	lab_fini(&l);
}
END_TEST

static Suite *
retention_suite(void)
{
	Suite	*s = suite_create("retention");
	TCase	*tc = tcase_create("retention");

	tcase_set_timeout(tc, 180);
	tcase_add_test(tc, test_retention_while_polling);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(retention_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}

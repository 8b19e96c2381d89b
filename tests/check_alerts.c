/*
 * check_alerts.c: the daemon against the scenario lab (tests/scenarios/
 * lab.json: one router per tunnel end, each of the seven root causes,
 * stuck states on IOS and ASA, one-way traffic, a DPD loop, weak crypto
 * and healthy tunnels, IOS, IOS-XE and ASA mixed). Over ten poll cycles it
 * must raise exactly the expected alerts (tests/scenarios/lab-expected),
 * none above info on a healthy tunnel, each logged once; when a scenario
 * heals its alerts are cleared, and logged as cleared once.
 */
#include <check.h>
#include <cjson/cJSON.h>

#include "testutil.h"

#define INTERVAL	2
#define CYCLES		10

struct lab {
	char	*dir;
	char	*labfile;
	char	*conf;
	char	*db;
	char	*log;
	pid_t	 sim;
	pid_t	 daemon;
	cJSON	*lab;
};

static void
write_json(const char *path, const cJSON *j)
{
	char	*s = cJSON_Print(j);

	tu_write_file(path, 0644, "%s\n", s);
	free(s);
}

/* The daemon's config for every router of the lab but skip1, skip2. */
static void
write_conf(struct lab *l, const char *skip1, const char *skip2)
{
	cJSON	*c = cJSON_CreateObject(), *rs, *r, *lr;

	cJSON_AddNumberToObject(c, "interval", INTERVAL);
	cJSON_AddNumberToObject(c, "connect_timeout", 5);
	cJSON_AddNumberToObject(c, "command_timeout", 5);
	cJSON_AddNumberToObject(c, "max_connecting", 32);
	cJSON_AddStringToObject(c, "database", "ipsecwatch.db");
	cJSON_AddStringToObject(c, "known_hosts", "known_hosts");
	rs = cJSON_AddArrayToObject(c, "routers");
	cJSON_ArrayForEach(lr, cJSON_GetObjectItem(l->lab, "routers")) {
		const char *name = cJSON_GetObjectItem(lr, "name")->valuestring;
		if ((skip1 && strcmp(name, skip1) == 0) ||
		    (skip2 && strcmp(name, skip2) == 0))
			continue;
		r = cJSON_CreateObject();
		cJSON_AddStringToObject(r, "name",
		    cJSON_GetObjectItem(lr, "name")->valuestring);
		cJSON_AddStringToObject(r, "host", "127.0.0.1");
		cJSON_AddNumberToObject(r, "port",
		    cJSON_GetObjectItem(lr, "port")->valuedouble);
		cJSON_AddStringToObject(r, "username", "noc");
		cJSON_AddStringToObject(r, "password_file", "pw");
		cJSON_AddStringToObject(r, "platform",
		    cJSON_GetObjectItem(lr, "platform")->valuestring);
		cJSON_AddItemToArray(rs, r);
	}
	write_json(l->conf, c);
	cJSON_Delete(c);
}

/*
 * Ports of this run: below the ephemeral range (client sockets would
 * collide) and apart from a run that is still winding down.
 */
static void
relocate_ports(cJSON *lab)
{
	cJSON	*r;
	int	 port = 12000 + (getpid() % 200) * 40;

	cJSON_ArrayForEach(r, cJSON_GetObjectItem(lab, "routers"))
		cJSON_ReplaceItemInObject(r, "port", cJSON_CreateNumber(port++));
}

static void
lab_start(struct lab *l)
{
	char	*src, *txt, *bin, *kh, *khs, cmd[800];
	char	*dargv[5];

	l->dir = tu_mkdtemp();
	l->labfile = tu_path(l->dir, "lab.json");
	l->conf = tu_path(l->dir, "ipsecwatch.conf");
	l->db = tu_path(l->dir, "ipsecwatch.db");
	l->log = tu_path(l->dir, "daemon.log");
	src = tu_path(tu_src_dir(), "tests/scenarios/lab.json");
	txt = tu_slurp(src);
	l->lab = cJSON_Parse(txt);
	ck_assert_ptr_nonnull(l->lab);
	free(txt);
	free(src);
	relocate_ports(l->lab);
	write_json(l->labfile, l->lab);
	{
		char *pw = tu_path(l->dir, "pw");
		tu_write_file(pw, 0600, "lab-password\n");
		free(pw);
	}
	{
		char *simlog = tu_path(l->dir, "sim.log");
		l->sim = tu_start_sim(l->labfile, simlog);
		free(simlog);
	}
	kh = tu_path(l->dir, "known_hosts");
	khs = tu_path(l->dir, "known_hosts.scenarios");
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", khs, kh);
	ck_assert_int_eq(system(cmd), 0);
	free(kh);
	free(khs);
	write_conf(l, NULL, NULL);
	bin = tu_path(tu_build_dir(), "ipsecwatchd");
	dargv[0] = bin;
	dargv[1] = "-f";
	dargv[2] = l->conf;
	dargv[3] = NULL;
	setenv("ASAN_OPTIONS", "quarantine_size_mb=4:detect_leaks=1", 1);
	l->daemon = tu_spawn(dargv, NULL, l->log);
	free(bin);
}

static void
lab_stop(struct lab *l)
{
	int	 status;

	if (l->daemon > 0) {
		status = tu_stop(l->daemon, SIGTERM, 5.0);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		    "ipsecwatchd exit status %d", status);
	}
	if (l->sim > 0)
		tu_stop(l->sim, SIGTERM, 5.0);
	tu_remove_dir(l->dir);
	cJSON_Delete(l->lab);
	free(l->dir);
	free(l->labfile);
	free(l->conf);
	free(l->db);
	free(l->log);
}

/* kind may be "a|b"; "-" matches anything. */
static long long
count_alerts(struct lab *l, const char *router, const char *peer,
    const char *kind, const char *cause, const char *extra)
{
	char	 k1[64], k2[64];
	const char *bar = strchr(kind, '|');

	snprintf(k1, sizeof(k1), "%.*s", bar ? (int)(bar - kind) :
	    (int)strlen(kind), kind);
	snprintf(k2, sizeof(k2), "%s", bar ? bar + 1 : kind);
	return tu_sql_int(l->db, "SELECT count(*) FROM alerts WHERE router=%Q "
	    "AND (%Q = '-' OR ifnull(peer, '-') = %Q) AND kind IN (%Q, %Q) AND "
	    "(%Q = '-' OR cause = %Q) %s", router, peer, peer, k1, k2, cause,
	    cause, extra);
}

/* Every line of lab-expected has its open alert; returns how many. */
static int
check_expected(struct lab *l, char *report, size_t rlen)
{
	char	*path = tu_path(tu_src_dir(), "tests/scenarios/lab-expected");
	FILE	*fp = fopen(path, "r");
	char	 line[512], r[64], p[64], k[96], c[64];
	int	 n = 0;
	size_t	 off = 0;

	ck_assert_ptr_nonnull(fp);
	while (fgets(line, sizeof(line), fp) != NULL) {
		long long got;
		if (line[0] == '#' || sscanf(line, "%63s %63s %95s %63s", r, p,
		    k, c) != 4)
			continue;
		got = count_alerts(l, r, p, k, c, "AND cleared_at IS NULL");
		off += (size_t)snprintf(report + off, rlen - off,
		    "%-8s %-15s %-40s %-28s %s\n", r, p, k, c,
		    got > 0 ? "raised" : "MISSING");
		ck_assert_msg(got >= 1, "no open alert for: %s", line);
		n++;
	}
	fclose(fp);
	free(path);
	return n;
}

/* Each alert raised is logged once, with its id. */
static void
check_logged_once(struct lab *l, const char *what)
{
	long long	 max = tu_sql_int(l->db, "SELECT ifnull(max(id), 0) FROM alerts");
	long long	 id;
	char		 needle[64];

	for (id = 1; id <= max; id++) {
		snprintf(needle, sizeof(needle), "alert=%s id=%lld ", what, id);
		if (strcmp(what, "raise") == 0)
			ck_assert_msg(tu_count_in_file(l->log, needle) == 1,
			    "alert %lld raised %d times in the log", id,
			    tu_count_in_file(l->log, needle));
		else
			ck_assert_msg(tu_count_in_file(l->log, needle) <= 1,
			    "alert %lld cleared twice", id);
	}
}

/*
 * The psk scenario heals: its two ends now answer what the healthy h1
 * pair answers, and h1 leaves the daemon's config (SIGHUP) so that no
 * two routers claim the same addresses.
 */
static void
heal_psk(struct lab *l)
{
	cJSON	*r, *healthy_hq = NULL, *healthy_br = NULL;

	cJSON_ArrayForEach(r, cJSON_GetObjectItem(l->lab, "routers")) {
		const char *n = cJSON_GetObjectItem(r, "name")->valuestring;
		if (strcmp(n, "h1-hq") == 0)
			healthy_hq = cJSON_GetObjectItem(r, "commands");
		if (strcmp(n, "h1-br") == 0)
			healthy_br = cJSON_GetObjectItem(r, "commands");
	}
	ck_assert_ptr_nonnull(healthy_hq);
	ck_assert_ptr_nonnull(healthy_br);
	cJSON_ArrayForEach(r, cJSON_GetObjectItem(l->lab, "routers")) {
		const char *n = cJSON_GetObjectItem(r, "name")->valuestring;
		cJSON *src = strcmp(n, "psk-hq") == 0 ? healthy_hq :
		    strcmp(n, "psk-br") == 0 ? healthy_br : NULL;
		if (src == NULL)
			continue;
		cJSON_ReplaceItemInObject(r, "commands",
		    cJSON_Duplicate(src, 1));
		cJSON_ReplaceItemInObject(r, "platform",
		    cJSON_CreateString("ios"));
	}
	write_json(l->labfile, l->lab);
	kill(l->sim, SIGHUP);
	write_conf(l, "h1-hq", "h1-br");
	kill(l->daemon, SIGHUP);
}

START_TEST(test_lab_alerts)
{
	struct lab	 l;
	char		 report[16384];
	int		 n;

	memset(&l, 0, sizeof(l));
	lab_start(&l);
	tu_sleep((CYCLES + 0.5) * INTERVAL);
	n = check_expected(&l, report, sizeof(report));
	printf("scenario alerts after %d cycles (router peer kind cause):\n%s",
	    CYCLES, report);
	ck_assert_int_ge(n, 30);
	/* Healthy tunnels: nothing above info over ten cycles. */
	ck_assert_int_eq(tu_sql_int(l.db, "SELECT count(*) FROM alerts WHERE "
	    "router IN ('h1-hq','h1-br','h2-hq','h2-fw','h3-a','h3-b','wk-hq',"
	    "'wk-fw') AND severity <> 'info'"), 0);
	/* Every alert names a cause and says why. */
	ck_assert_int_eq(tu_sql_int(l.db, "SELECT count(*) FROM alerts WHERE "
	    "summary = '' OR evidence = '[]'"), 0);
	ck_assert_int_eq(tu_sql_int(l.db, "SELECT count(*) FROM alerts WHERE "
	    "cause <> 'unknown' AND (fix = '[]' OR verify = '[]')"), 0);
	check_logged_once(&l, "raise");
	/* Raised with the sd-daemon priority of their severity. */
	ck_assert_int_ge(tu_count_in_file(l.log, "<2>alert=raise"), 10);

	/* The psk scenario heals: its alerts clear, once. */
	heal_psk(&l);
	tu_sleep(5.5 * INTERVAL);
	ck_assert_int_ge(tu_sql_int(l.db, "SELECT count(*) FROM alerts WHERE "
	    "router IN ('psk-hq','psk-br') AND cleared_at IS NOT NULL"), 3);
	ck_assert_int_eq(tu_sql_int(l.db, "SELECT count(*) FROM alerts WHERE "
	    "router IN ('psk-hq','psk-br') AND severity <> 'info' AND "
	    "cleared_at IS NULL"), 0);
	ck_assert_int_ge(tu_count_in_file(l.log, "alert=clear"), 3);
	check_logged_once(&l, "raise");
	check_logged_once(&l, "clear");
	/* Other scenarios are still open. */
	ck_assert_int_ge(count_alerts(&l, "p1-hq", "198.19.4.1", "phase1_down|"
	    "phase1_stuck", "phase1_proposal_mismatch",
	    "AND cleared_at IS NULL"), 1);
	ck_assert_int_eq(tu_count_in_file(l.log, "lab-password"), 0);
	/* journalctl -p warning: the alerts, nothing routine. */
	ck_assert_int_eq(tu_unexpected_warnings(l.log, NULL), 0);
	lab_stop(&l);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("alerts");
	TCase	*tc = tcase_create("lab");
	SRunner	*sr;
	int	 failed;

	tcase_set_timeout(tc, 240);
	tcase_add_test(tc, test_lab_alerts);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}

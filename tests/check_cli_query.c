/*
 * check_cli_query.c: the operator's read-only queries (status, alerts,
 * history, explain, runbook) on a real database: the daemon polls the
 * scenario lab (tests/scenarios/lab.json) through the simulator, with one
 * scenario that heals (wrong-interface: its routers start answering what
 * a healthy pair answers) and one router that refuses our login. While
 * the daemon writes, status and alerts are run in a loop; then every
 * subcommand is run, text and JSON, and what it says is checked against
 * the lab and the database. No key of the lab may appear in any output.
 */
#include <check.h>
#include <cjson/cJSON.h>
#include <regex.h>

#include "testutil.h"

#define INTERVAL	2	/* seconds between polls */
#define HEAL_AT		10	/* seconds after the lab starts */

struct lab {
	char	*dir;
	char	*labfile;
	char	*conf;
	char	*db;
	char	*log;
	char	*tool;
	pid_t	 sim;
	pid_t	 daemon;
	cJSON	*lab;
	char	*secrets[64];	/* the lab's keys and password */
	int	 nsecrets;
};

static struct lab	 L;

/* ---- files and commands ---- */

static char *
slurp(const char *path)
{
	FILE	*fp = fopen(path, "rb");
	char	*b;
	long	 n;

	if (fp == NULL)
		return strdup("");
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	b = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(fread(b, 1, (size_t)n, fp), (size_t)n);
	b[n] = '\0';
	fclose(fp);
	return b;
}

static void
write_json(const char *path, const cJSON *j)
{
	char	*s = cJSON_Print(j);

	tu_write_file(path, 0644, "%s\n", s);
	free(s);
}

/* Output of the last run(), and its stderr. */
static char	*out_text;
static char	*err_text;

/* Every output seen, for the check that no key ever appears. */
static FILE	*all_out;

/*
 * Run a shell line in the lab dir; returns the exit status, out_text and
 * err_text hold what it printed.
 */
static int
sh(const char *line)
{
	char	 cmd[4096], *o, *e;
	int	 st;

	snprintf(cmd, sizeof(cmd), "cd '%s' && %s > cli.out 2> cli.err",
	    L.dir, line);
	st = system(cmd);
	free(out_text);
	free(err_text);
	o = tu_path(L.dir, "cli.out");
	e = tu_path(L.dir, "cli.err");
	out_text = slurp(o);
	err_text = slurp(e);
	free(o);
	free(e);
	if (all_out != NULL)
		fprintf(all_out, "%s\n%s\n", out_text, err_text);
	ck_assert_msg(WIFEXITED(st), "%s: killed", line);
	/* A sanitizer report is a failure whatever the exit code. */
	ck_assert_msg(strstr(err_text, "Sanitizer") == NULL &&
	    strstr(err_text, "runtime error") == NULL,
	    "%s:\n%s", line, err_text);
	return WEXITSTATUS(st);
}

/* Run `ipsecwatch ARGS` (ARGS a shell line) in the lab dir. */
static int
run(const char *fmt, ...)
{
	char	 args[2048], line[3072];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(line, sizeof(line), "'%s' %s", L.tool, args);
	return sh(line);
}

static cJSON *
run_json(int want_rc, const char *fmt, ...)
{
	char	 args[2048];
	va_list	 ap;
	cJSON	*j;
	int	 rc;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	rc = run("%s --json", args);
	ck_assert_msg(rc == want_rc, "ipsecwatch %s --json: exit %d, not %d:"
	    "\n%s", args, rc, want_rc, err_text);
	j = cJSON_Parse(out_text);
	ck_assert_msg(j != NULL, "ipsecwatch %s --json: not JSON:\n%s", args,
	    out_text);
	return j;
}

static const char *
jstr(const cJSON *o, const char *k)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int
jnum(const cJSON *o, const char *k, double *d)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, k);

	if (!cJSON_IsNumber(v))
		return 0;
	*d = v->valuedouble;
	return 1;
}

static int
streq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* The element of arr whose k1 is v1 and (k2 NULL or) k2 is v2. */
static const cJSON *
find(const cJSON *arr, const char *k1, const char *v1, const char *k2,
    const char *v2)
{
	const cJSON	*e;

	cJSON_ArrayForEach(e, arr)
		if (streq(jstr(e, k1), v1) && (k2 == NULL ||
		    (v2 == NULL ? cJSON_IsNull(cJSON_GetObjectItem(e, k2)) :
		    streq(jstr(e, k2), v2))))
			return e;
	return NULL;
}

static int
count(const cJSON *arr, const char *k, const char *v)
{
	const cJSON	*e;
	int		 n = 0;

	cJSON_ArrayForEach(e, arr)
		if (streq(jstr(e, k), v))
			n++;
	return n;
}

static int
arr_has(const cJSON *arr, const char *s)
{
	const cJSON	*e;

	cJSON_ArrayForEach(e, arr)
		if (cJSON_IsString(e) && strcmp(e->valuestring, s) == 0)
			return 1;
	return 0;
}

/* ---- the lab ---- */

static char *
replace_all(const char *s, const char *from, const char *to)
{
	size_t	 fl = strlen(from), tl = strlen(to), n = 0;
	const char *p;
	char	*out, *o;

	for (p = strstr(s, from); p != NULL; p = strstr(p + fl, from))
		n++;
	out = malloc(strlen(s) + n * (tl + 1) + 1);
	ck_assert_ptr_nonnull(out);
	for (o = out; (p = strstr(s, from)) != NULL; s = p + fl) {
		memcpy(o, s, (size_t)(p - s));
		o += p - s;
		memcpy(o, to, tl);
		o += tl;
	}
	strcpy(o, s);
	return out;
}

static cJSON *
lab_router(const char *name)
{
	cJSON	*r;

	cJSON_ArrayForEach(r, cJSON_GetObjectItem(L.lab, "routers"))
		if (streq(jstr(r, "name"), name))
			return r;
	ck_abort_msg("no router %s in the lab", name);
	return NULL;
}

/* The healthy h1 pair's outputs, moved to the wrong-interface pair's
   addresses, names and key. */
static cJSON *
healed_commands(const char *from)
{
	static const char *const map[][2] = {
		{ "198.18.1.", "198.18.11." }, { "198.19.1.", "198.19.11." },
		{ "10.1.1.", "10.11.1." }, { "10.1.2.", "10.11.2." },
		{ "h1-hq", "wi-hq" }, { "h1-br", "wi-br" },
		{ "Lab-1-Shared", "Lab-11-Shared" },
	};
	cJSON	*c = cJSON_CreateObject(), *cmd;
	size_t	 i;

	cJSON_ArrayForEach(cmd, cJSON_GetObjectItem(lab_router(from),
	    "commands")) {
		char *t = strdup(cmd->valuestring), *u;
		for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
			u = replace_all(t, map[i][0], map[i][1]);
			free(t);
			t = u;
		}
		cJSON_AddStringToObject(c, cmd->string, t);
		free(t);
	}
	return c;
}

/* wi-hq and wi-br answer as broken until HEAL_AT, then as healthy. */
static void
make_healing(const char *name, const char *from)
{
	cJSON	*r = lab_router(name), *states, *s;

	states = cJSON_AddArrayToObject(r, "states");
	s = cJSON_CreateObject();
	cJSON_AddNumberToObject(s, "duration", HEAL_AT);
	cJSON_AddItemToObject(s, "commands", cJSON_CreateObject());
	cJSON_AddItemToArray(states, s);
	s = cJSON_CreateObject();
	cJSON_AddNumberToObject(s, "duration", 3600);
	cJSON_AddItemToObject(s, "commands", healed_commands(from));
	cJSON_AddItemToArray(states, s);
	cJSON_AddBoolToObject(r, "repeat", 0);
}

/* A router whose login is refused: its polls fail with "auth". */
static void
add_dead_router(void)
{
	cJSON	*r = cJSON_CreateObject(), *f;

	cJSON_AddStringToObject(r, "name", "dead-hq");
	cJSON_AddNumberToObject(r, "port", 0);
	cJSON_AddStringToObject(r, "hostname", "dead-hq");
	cJSON_AddStringToObject(r, "platform", "ios");
	cJSON_AddStringToObject(r, "username", "noc");
	cJSON_AddStringToObject(r, "password", "lab-password");
	f = cJSON_AddObjectToObject(r, "faults");
	cJSON_AddBoolToObject(f, "reject_auth", 1);
	cJSON_AddItemToArray(cJSON_GetObjectItem(L.lab, "routers"), r);
}

/* Our test port range is 18000-19999, below the ephemeral range. */
static void
relocate_ports(void)
{
	cJSON	*r;
	int	 port = 18000 + (getpid() % 48) * 40;

	cJSON_ArrayForEach(r, cJSON_GetObjectItem(L.lab, "routers"))
		cJSON_ReplaceItemInObject(r, "port", cJSON_CreateNumber(port++));
}

/* Every key (and the login password) written in the lab's outputs. */
static void
collect_secrets(const char *text)
{
	regex_t		 re;
	regmatch_t	 m[3];
	const char	*p = text;
	int		 i, dup;

	ck_assert_int_eq(regcomp(&re, "(crypto isakmp key [0-9] |"
	    "pre-shared-key |key-string |pre-shared-key local |"
	    "pre-shared-key remote )([^ \\\\\"*]+)", REG_EXTENDED), 0);
	while (regexec(&re, p, 3, m, 0) == 0 && L.nsecrets < 63) {
		char *s = strndup(p + m[2].rm_so,
		    (size_t)(m[2].rm_eo - m[2].rm_so));
		for (i = 0, dup = 0; i < L.nsecrets; i++)
			dup |= strcmp(L.secrets[i], s) == 0;
		if (dup || strlen(s) < 4)
			free(s);
		else
			L.secrets[L.nsecrets++] = s;
		p += m[0].rm_eo;
	}
	regfree(&re);
	L.secrets[L.nsecrets++] = strdup("lab-password");
}

static void
write_conf(void)
{
	cJSON	*c = cJSON_CreateObject(), *rs, *r, *lr;

	cJSON_AddNumberToObject(c, "interval", INTERVAL);
	cJSON_AddNumberToObject(c, "connect_timeout", 5);
	cJSON_AddNumberToObject(c, "command_timeout", 5);
	cJSON_AddNumberToObject(c, "max_connecting", 32);
	cJSON_AddStringToObject(c, "database", "ipsecwatch.db");
	cJSON_AddStringToObject(c, "known_hosts", "known_hosts");
	rs = cJSON_AddArrayToObject(c, "routers");
	cJSON_ArrayForEach(lr, cJSON_GetObjectItem(L.lab, "routers")) {
		r = cJSON_CreateObject();
		cJSON_AddStringToObject(r, "name", jstr(lr, "name"));
		cJSON_AddStringToObject(r, "host", "127.0.0.1");
		cJSON_AddNumberToObject(r, "port",
		    cJSON_GetObjectItem(lr, "port")->valuedouble);
		cJSON_AddStringToObject(r, "username", "noc");
		cJSON_AddStringToObject(r, "password_file", "pw");
		cJSON_AddStringToObject(r, "platform", jstr(lr, "platform"));
		cJSON_AddItemToArray(rs, r);
	}
	write_json(L.conf, c);
	cJSON_Delete(c);
}

static long long
open_alerts_of(const char *router)
{
	return tu_sql_int(L.db, "SELECT count(*) FROM alerts WHERE router = %Q"
	    " AND cleared_at IS NULL AND severity <> 'info'", router);
}

static void
lab_setup(void)
{
	char	*src, *txt, *bin, *pw, *simlog, cmd[1200];
	char	*dargv[4];
	double	 end;

	setenv("ASAN_OPTIONS", "detect_leaks=1", 1);
	setenv("TZ", "UTC", 1);
	unsetenv("IPSECWATCH_CONFIG");
	memset(&L, 0, sizeof(L));
	L.dir = tu_mkdtemp();
	L.labfile = tu_path(L.dir, "lab.json");
	L.conf = tu_path(L.dir, "ipsecwatch.conf");
	L.db = tu_path(L.dir, "ipsecwatch.db");
	L.log = tu_path(L.dir, "daemon.log");
	L.tool = tu_path(tu_build_dir(), "ipsecwatch");
	src = tu_path(tu_src_dir(), "tests/scenarios/lab.json");
	txt = slurp(src);
	L.lab = cJSON_Parse(txt);
	ck_assert_ptr_nonnull(L.lab);
	collect_secrets(txt);
	ck_assert_int_ge(L.nsecrets, 10);
	free(txt);
	free(src);
	make_healing("wi-hq", "h1-hq");
	make_healing("wi-br", "h1-br");
	add_dead_router();
	relocate_ports();
	write_json(L.labfile, L.lab);
	pw = tu_path(L.dir, "pw");
	tu_write_file(pw, 0600, "lab-password\n");
	free(pw);

	simlog = tu_path(L.dir, "sim.log");
	L.sim = tu_start_sim(L.labfile, simlog);
	free(simlog);
	snprintf(cmd, sizeof(cmd), "cp '%s/known_hosts.scenarios' "
	    "'%s/known_hosts'", L.dir, L.dir);
	ck_assert_int_eq(system(cmd), 0);
	write_conf();
	bin = tu_path(tu_build_dir(), "ipsecwatchd");
	dargv[0] = bin;
	dargv[1] = "-f";
	dargv[2] = L.conf;
	dargv[3] = NULL;
	L.daemon = tu_spawn(dargv, NULL, L.log);
	free(bin);

	/* Until the wrong-interface pair has healed and its alerts cleared. */
	end = tu_now() + 60;
	while (tu_now() < end) {
		tu_sleep(0.5);
		if (tu_sql_int(L.db, "SELECT count(*) FROM alerts WHERE "
		    "router = 'wi-hq' AND cleared_at IS NOT NULL") > 0 &&
		    open_alerts_of("wi-hq") == 0 &&
		    open_alerts_of("wi-br") == 0 &&
		    open_alerts_of("psk-hq") > 0)
			break;
	}
	ck_assert_msg(tu_now() < end, "the wi pair did not heal in time");
	all_out = tmpfile();
}

static void
lab_teardown(void)
{
	char	 cmd[600];
	int	 status, i;

	if (L.daemon > 0) {
		status = tu_stop(L.daemon, SIGTERM, 5.0);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		    "ipsecwatchd exit status %d", status);
	}
	if (L.sim > 0)
		tu_stop(L.sim, SIGTERM, 5.0);
	if (getenv("KEEP_TEST_DIR") == NULL) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", L.dir);
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", L.dir);
	} else
		fprintf(stderr, "kept %s\n", L.dir);
	cJSON_Delete(L.lab);
	for (i = 0; i < L.nsecrets; i++)
		free(L.secrets[i]);
	free(L.dir);
	free(L.labfile);
	free(L.conf);
	free(L.db);
	free(L.log);
	free(L.tool);
	free(out_text);
	free(err_text);
	if (all_out != NULL)
		fclose(all_out);
}

/* ---- while the daemon writes ---- */

START_TEST(test_reads_while_daemon_writes)
{
	long long	 before, after;
	double		 end = tu_now() + 3 * INTERVAL;
	int		 n = 0, rc;
	cJSON		*j;

	before = tu_sql_int(L.db, "SELECT count(*) FROM polls");
	while (tu_now() < end || n < 10) {
		rc = run("status --json --db ipsecwatch.db");
		ck_assert_msg(rc == 0 || rc == 1, "status exit %d: %s", rc,
		    err_text);
		ck_assert_msg(strstr(err_text, "locked") == NULL &&
		    strstr(err_text, "busy") == NULL, "%s", err_text);
		ck_assert_ptr_nonnull(j = cJSON_Parse(out_text));
		ck_assert_int_gt(cJSON_GetArraySize(j), 30);
		cJSON_Delete(j);
		j = run_json(0, "alerts --open --db ipsecwatch.db");
		ck_assert_str_eq(err_text, "");
		cJSON_Delete(j);
		n++;
	}
	after = tu_sql_int(L.db, "SELECT count(*) FROM polls");
	printf("%d status+alerts runs while the daemon recorded %lld polls\n",
	    n, after - before);
	/* The daemon really wrote meanwhile. */
	ck_assert_int_gt(after - before, 20);
}
END_TEST

/* ---- status ---- */

static void
check_healthy(const cJSON *rows, const char *router, const char *peer,
    const char *state)
{
	const cJSON	*r = find(rows, "router", router, "peer", peer);
	double		 sas, enc, dec;

	ck_assert_msg(r != NULL, "no status row for %s %s", router, peer);
	ck_assert_str_eq(jstr(r, "phase1_state"), state);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(r, "phase1_up")));
	ck_assert(jnum(r, "ipsec_sas", &sas) && sas > 0);
	/* The lab's counters grow at 12 and 11 packets a second. */
	ck_assert_msg(jnum(r, "encaps_per_s", &enc) && enc >= 0 && enc > 5 &&
	    enc < 20, "%s encaps/s", router);
	ck_assert_msg(jnum(r, "decaps_per_s", &dec) && dec > 5 && dec < 20,
	    "%s decaps/s", router);
	ck_assert_ptr_nonnull(jstr(r, "since"));
	ck_assert_str_eq(jstr(r, "poll_status"), "ok");
	ck_assert_int_eq(count(rows, "router", router), 1);
}

START_TEST(test_status)
{
	cJSON		*rows;
	const cJSON	*r;
	char		*line, *save = NULL, *first;
	double		 d;

	rows = run_json(1, "status --db ipsecwatch.db");
	/* Stuck on the key, with its open critical alert. */
	r = find(rows, "router", "psk-hq", "peer", "198.19.9.1");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(jstr(r, "phase1_state"), "MM_KEY_EXCH");
	ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(r, "phase1_up")));
	ck_assert_str_eq(jstr(r, "worst_severity"), "critical");
	ck_assert(jnum(r, "open_alerts", &d) && d >= 1);
	ck_assert(jnum(r, "ipsec_sas", &d) && d == 0);
	/* Healthy pairs, both ends: a responder's row names its peer. */
	check_healthy(rows, "h1-hq", "198.19.1.1", "QM_IDLE");
	check_healthy(rows, "h1-br", "198.18.1.1", "QM_IDLE");
	check_healthy(rows, "h2-fw", "198.18.2.1", "MM_ACTIVE");
	check_healthy(rows, "h3-b", "198.18.3.1", "QM_IDLE");
	/* The healed pair: up since after the heal, no alert left open. */
	r = find(rows, "router", "wi-hq", "peer", "198.19.11.1");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(jstr(r, "phase1_state"), "QM_IDLE");
	first = tu_sql_text(L.db, "SELECT min(started_at) FROM polls WHERE "
	    "router = 'wi-hq'");
	ck_assert_ptr_nonnull(first);
	ck_assert_msg(strcmp(jstr(r, "since"), first) > 0,
	    "since %s is the first poll: the change was missed",
	    jstr(r, "since"));
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(r, "since_exact")));
	/* Stable since the first poll: a bound, not a start. */
	free(first);
	first = tu_sql_text(L.db, "SELECT min(started_at) FROM polls WHERE "
	    "router = 'h1-hq'");
	r = find(rows, "router", "h1-hq", "peer", "198.19.1.1");
	ck_assert_str_eq(jstr(r, "since"), first);
	ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(r, "since_exact")));
	r = find(rows, "router", "wi-hq", "peer", "198.19.11.1");
	ck_assert(jnum(r, "open_alerts", &d));
	free(first);
	/* The dead router is a row of its own. */
	r = find(rows, "router", "dead-hq", NULL, NULL);
	ck_assert_ptr_nonnull(r);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(r, "peer")));
	ck_assert_str_eq(jstr(r, "poll_status"), "auth");
	ck_assert_ptr_nonnull(jstr(r, "since"));
	cJSON_Delete(rows);

	/* The table: header, the dead router, no trailing spaces. */
	ck_assert_int_eq(run("status --db ipsecwatch.db"), 1);
	ck_assert_msg(strncmp(out_text, "ROUTER ", 7) == 0 &&
	    strstr(out_text, "  PEER ") && strstr(out_text, "  PHASE1 ") &&
	    strstr(out_text, "  ENC/S  DEC/S  SINCE ") &&
	    strstr(out_text, "  ALERTS\n"), "header: %.120s", out_text);
	ck_assert_ptr_nonnull(strstr(out_text, "poll failed: auth"));
	for (line = strtok_r(out_text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		ck_assert_msg(line[strlen(line) - 1] != ' ',
		    "trailing space: [%s]", line);
		if (strncmp(line, "psk-hq ", 7) == 0)
			ck_assert_msg(strstr(line, "MM_KEY_EXCH") &&
			    strstr(line, " crit"), "%s", line);
	}

	/* --router, before or after the subcommand. */
	rows = run_json(0, "--router h1-hq status --db ipsecwatch.db");
	ck_assert_int_eq(cJSON_GetArraySize(rows), 1);
	ck_assert_int_eq(count(rows, "router", "h1-hq"), 1);
	cJSON_Delete(rows);
	ck_assert_int_eq(run("status --router psk-hq --db ipsecwatch.db"), 1);
	ck_assert_int_eq(run("status --router no-such --db ipsecwatch.db"), 1);
	ck_assert_ptr_nonnull(strstr(err_text, "no-such"));
}
END_TEST

/* ---- alerts ---- */

START_TEST(test_alerts)
{
	cJSON		*rows;
	const cJSON	*r;
	const char	*prev = NULL;
	long long	 n;

	rows = run_json(0, "alerts --open --kind psk_mismatch --db "
	    "ipsecwatch.db");
	n = tu_sql_int(L.db, "SELECT count(*) FROM alerts WHERE kind = "
	    "'psk_mismatch' AND cleared_at IS NULL");
	ck_assert_int_ge(n, 2);
	ck_assert_int_eq(cJSON_GetArraySize(rows), n);
	cJSON_ArrayForEach(r, rows) {
		ck_assert_str_eq(jstr(r, "kind"), "psk_mismatch");
		ck_assert(streq(jstr(r, "router"), "psk-hq") ||
		    streq(jstr(r, "router"), "psk-br"));
		ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(r, "open")));
		ck_assert(cJSON_IsNull(cJSON_GetObjectItem(r, "cleared_at")));
		ck_assert_int_gt(cJSON_GetArraySize(
		    cJSON_GetObjectItem(r, "evidence")), 0);
	}
	cJSON_Delete(rows);

	rows = run_json(0, "alerts --router psk-hq --db ipsecwatch.db");
	ck_assert_int_eq(cJSON_GetArraySize(rows), tu_sql_int(L.db,
	    "SELECT count(*) FROM alerts WHERE router = 'psk-hq'"));
	ck_assert_int_eq(count(rows, "router", "psk-hq"),
	    cJSON_GetArraySize(rows));
	cJSON_Delete(rows);

	/* Newest first; --since 1h is all of them, 2099 none. */
	rows = run_json(0, "alerts --since 1h --db ipsecwatch.db");
	ck_assert_int_eq(cJSON_GetArraySize(rows), tu_sql_int(L.db,
	    "SELECT count(*) FROM alerts"));
	cJSON_ArrayForEach(r, rows) {
		if (prev != NULL)
			ck_assert_int_le(strcmp(jstr(r, "raised_at"), prev), 0);
		prev = jstr(r, "raised_at");
	}
	/* The healed pair's alerts are cleared, with a time. */
	r = find(rows, "router", "wi-hq", "kind", "crypto_map_wrong_interface");
	ck_assert_ptr_nonnull(r);
	ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(r, "open")));
	ck_assert_ptr_nonnull(jstr(r, "cleared_at"));
	cJSON_Delete(rows);
	rows = run_json(0, "alerts --since 2099-01-01 --db ipsecwatch.db");
	ck_assert_int_eq(cJSON_GetArraySize(rows), 0);
	cJSON_Delete(rows);

	ck_assert_int_eq(run("alerts --since 2099-01-01 --db ipsecwatch.db"), 0);
	ck_assert_str_eq(out_text, "ID  RAISED  CLEARED  SEVERITY  ROUTER  "
	    "PEER  KIND  CAUSE  SUMMARY\n");
	ck_assert_int_eq(run("alerts --router wi-hq --db ipsecwatch.db"), 0);
	ck_assert_ptr_nonnull(strstr(out_text, "crypto_map_wrong_interface"));
	ck_assert_ptr_null(strstr(out_text, " open "));
	ck_assert_int_eq(run("alerts --open --router psk-hq --db "
	    "ipsecwatch.db"), 0);
	ck_assert_ptr_nonnull(strstr(out_text, " open "));
	ck_assert_ptr_nonnull(strstr(out_text, "psk_mismatch"));
}
END_TEST

/* ---- explain ---- */

START_TEST(test_explain)
{
	long long	 id;
	cJSON		*a, *ev;
	const cJSON	*l;
	char		*evtext;

	id = tu_sql_int(L.db, "SELECT id FROM alerts WHERE router = 'psk-hq' "
	    "AND kind = 'psk_mismatch' AND cleared_at IS NULL");
	ck_assert_int_gt(id, 0);
	evtext = tu_sql_text(L.db, "SELECT evidence FROM alerts WHERE id = "
	    "%lld", id);
	ev = cJSON_Parse(evtext);
	ck_assert_int_gt(cJSON_GetArraySize(ev), 1);

	ck_assert_int_eq(run("explain %lld --db ipsecwatch.db", id), 0);
	ck_assert_ptr_nonnull(strstr(out_text, "router:      psk-hq\n"));
	ck_assert_ptr_nonnull(strstr(out_text, "peer:        198.19.9.1\n"));
	ck_assert_ptr_nonnull(strstr(out_text, "cause:       psk_mismatch"));
	ck_assert_ptr_nonnull(strstr(out_text, "\nevidence:\n"));
	ck_assert_ptr_nonnull(strstr(out_text, "\nfix:\n"));
	ck_assert_ptr_nonnull(strstr(out_text, "\nverify:\n"));
	cJSON_ArrayForEach(l, ev)
		ck_assert_msg(strstr(out_text, l->valuestring) != NULL,
		    "evidence line missing: %s", l->valuestring);
	ck_assert_ptr_nonnull(strstr(out_text, "  crypto isakmp key "));
	ck_assert_ptr_nonnull(strstr(out_text, "show crypto isakmp sa\n"));

	a = run_json(0, "explain %lld --db ipsecwatch.db", id);
	ck_assert(jnum(a, "id", &(double){0}));
	ck_assert_str_eq(jstr(a, "kind"), "psk_mismatch");
	ck_assert_int_eq(cJSON_Compare(cJSON_GetObjectItem(a, "evidence"), ev,
	    1), 1);
	ck_assert_int_gt(cJSON_GetArraySize(cJSON_GetObjectItem(a, "fix")), 0);
	ck_assert_int_gt(cJSON_GetArraySize(cJSON_GetObjectItem(a, "verify")),
	    0);
	ck_assert(cJSON_IsArray(cJSON_GetObjectItem(a, "candidates")));
	cJSON_Delete(a);
	cJSON_Delete(ev);
	free(evtext);

	/* An unknown cause lists its candidates. */
	id = tu_sql_int(L.db, "SELECT min(id) FROM alerts WHERE cause = "
	    "'unknown' AND candidates <> '[]'");
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(run("explain %lld --db ipsecwatch.db", id), 0);
	ck_assert_ptr_nonnull(strstr(out_text, "\ncandidates"));

	ck_assert_int_eq(run("explain 999999 --db ipsecwatch.db"), 1);
	ck_assert_ptr_nonnull(strstr(err_text, "999999"));
	ck_assert_int_eq(run("explain abc --db ipsecwatch.db"), 2);
	ck_assert_int_eq(run("explain --db ipsecwatch.db"), 2);
}
END_TEST

/* ---- history ---- */

START_TEST(test_history)
{
	cJSON		*ev;
	const cJSON	*e, *change = NULL;
	const char	*prev = NULL;
	int		 rates = 0, cleared = 0;
	double		 d;

	ev = run_json(0, "history wi-hq 198.19.11.1 --since 10m --db "
	    "ipsecwatch.db");
	cJSON_ArrayForEach(e, ev) {
		if (prev != NULL)
			ck_assert_int_le(strcmp(prev, jstr(e, "time")), 0);
		prev = jstr(e, "time");
		if (streq(jstr(e, "event"), "phase1") &&
		    streq(jstr(e, "state"), "QM_IDLE") &&
		    streq(jstr(e, "previous_state"), "MM_NO_STATE"))
			change = e;
		if (streq(jstr(e, "event"), "rates") && change != NULL &&
		    jnum(e, "encaps_per_s", &d) && d > 5)
			rates++;
		if (streq(jstr(e, "event"), "alert_cleared"))
			cleared++;
		ck_assert(jstr(e, "peer") == NULL ||
		    streq(jstr(e, "peer"), "198.19.11.1"));
	}
	ck_assert_msg(change != NULL, "no MM_NO_STATE -> QM_IDLE change");
	ck_assert_int_gt(rates, 0);
	ck_assert_int_gt(cleared, 0);
	cJSON_Delete(ev);

	ck_assert_int_eq(run("history wi-hq --db ipsecwatch.db"), 0);
	ck_assert_ptr_nonnull(strstr(out_text, "MM_NO_STATE -> QM_IDLE"));
	ck_assert_ptr_nonnull(strstr(out_text, "alert   cleared #"));

	/* The dead router's polls failed. */
	ev = run_json(0, "history dead-hq --db ipsecwatch.db");
	e = find(ev, "event", "poll_failed", NULL, NULL);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(jstr(e, "status"), "auth");
	cJSON_Delete(ev);

	/* An empty window; an unknown router; a bad time. */
	ev = run_json(0, "history psk-hq --since 2099-01-01 --db "
	    "ipsecwatch.db");
	ck_assert_int_eq(cJSON_GetArraySize(ev), 0);
	cJSON_Delete(ev);
	ev = run_json(0, "history psk-hq --since 2d --until 2000-01-01 "
	    "--db ipsecwatch.db");
	ck_assert_int_eq(cJSON_GetArraySize(ev), 0);
	cJSON_Delete(ev);
	ck_assert_int_eq(run("history no-such --db ipsecwatch.db"), 1);
	ck_assert_ptr_nonnull(strstr(err_text, "no-such"));
	ck_assert_int_eq(run("history --db ipsecwatch.db"), 2);
	ck_assert_int_eq(run("history psk-hq --until soon --db "
	    "ipsecwatch.db"), 2);
}
END_TEST

/* ---- runbook ---- */

START_TEST(test_runbook)
{
	cJSON		*rb;
	const cJSON	*t, *p, *s, *a;

	rb = run_json(0, "runbook h1-hq --db ipsecwatch.db");
	ck_assert_int_eq(cJSON_GetArraySize(rb), 1);
	t = cJSON_GetArrayItem(rb, 0);
	ck_assert_str_eq(jstr(t, "peer"), "198.19.1.1");
	ck_assert_str_eq(jstr(t, "platform"), "ios");
	ck_assert_str_eq(jstr(cJSON_GetObjectItem(t, "crypto_map"), "name"),
	    "VPNMAP");
	ck_assert(arr_has(cJSON_GetObjectItem(t, "interfaces"),
	    "GigabitEthernet0/0"));
	ck_assert_str_eq(jstr(t, "local_address"), "198.18.1.1");
	p = cJSON_GetArrayItem(cJSON_GetObjectItem(t, "phase1_policies"), 0);
	ck_assert(jnum(p, "priority", &(double){0}));
	ck_assert_double_eq(cJSON_GetObjectItem(p, "priority")->valuedouble,
	    10);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(p, "in_use")));
	s = cJSON_GetArrayItem(cJSON_GetObjectItem(t, "transform_sets"), 0);
	ck_assert_str_eq(jstr(s, "name"), "TS-AES256");
	ck_assert(arr_has(cJSON_GetObjectItem(s, "transforms"),
	    "esp-256-aes"));
	a = cJSON_GetObjectItem(t, "acl");
	ck_assert_str_eq(jstr(a, "name"), "VPN-ACL");
	ck_assert(arr_has(cJSON_GetObjectItem(a, "entries"),
	    "permit ip 10.1.1.0 0.0.0.255 10.1.2.0 0.0.0.255"));
	ck_assert(arr_has(cJSON_GetObjectItem(t, "check"),
	    "show crypto ipsec sa peer 198.19.1.1"));
	ck_assert(arr_has(cJSON_GetObjectItem(t, "check"),
	    "ping 198.19.1.1 source GigabitEthernet0/0"));
	ck_assert(arr_has(cJSON_GetObjectItem(t, "reset"),
	    "clear crypto sa peer 198.19.1.1"));
	ck_assert(arr_has(cJSON_GetObjectItem(t, "reset"),
	    "clear crypto isakmp 1001"));
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(t,
	    "psk"), "set")));
	ck_assert_uint_eq(strlen(jstr(cJSON_GetObjectItem(t, "psk"),
	    "fingerprint")), 8);
	ck_assert_str_eq(jstr(t, "dpd"), "crypto isakmp keepalive 30 5 "
	    "periodic");
	cJSON_Delete(rb);

	/* An ASA: its own syntax. */
	rb = run_json(0, "runbook h2-fw 198.18.2.1 --db ipsecwatch.db");
	ck_assert_int_eq(cJSON_GetArraySize(rb), 1);
	t = cJSON_GetArrayItem(rb, 0);
	ck_assert_str_eq(jstr(t, "platform"), "asa");
	ck_assert(arr_has(cJSON_GetObjectItem(t, "interfaces"), "outside"));
	ck_assert(arr_has(cJSON_GetObjectItem(t, "reset"),
	    "clear crypto ipsec sa peer 198.18.2.1"));
	ck_assert(arr_has(cJSON_GetObjectItem(t, "reset"),
	    "clear crypto ikev1 sa 198.18.2.1"));
	ck_assert(arr_has(cJSON_GetObjectItem(t, "check"),
	    "ping outside 198.18.2.1"));
	ck_assert(arr_has(cJSON_GetObjectItem(t, "check"),
	    "show route 198.18.2.1"));
	cJSON_Delete(rb);

	ck_assert_int_eq(run("runbook h1-hq --db ipsecwatch.db"), 0);
	ck_assert_ptr_nonnull(strstr(out_text, "== h1-hq 198.19.1.1 (ios"));
	ck_assert_ptr_nonnull(strstr(out_text, "phase 1 policy  10: aes 256, "
	    "sha256, group 14, psk, lifetime 86400 s  (in use)\n"));
	ck_assert_ptr_nonnull(strstr(out_text, "transform set   TS-AES256: "
	    "esp-256-aes esp-sha256-hmac (tunnel)\n"));
	ck_assert_ptr_nonnull(strstr(out_text, "crypto ACL      VPN-ACL\n"));
	ck_assert_ptr_nonnull(strstr(out_text, "on GigabitEthernet0/0"));
	ck_assert_ptr_nonnull(strstr(out_text, "pre-shared key  set "
	    "(fingerprint "));

	/* Every tunnel of the lab; unknown router or peer. */
	rb = run_json(0, "runbook --db ipsecwatch.db");
	ck_assert_int_ge(cJSON_GetArraySize(rb), 36);
	ck_assert_ptr_nonnull(find(rb, "router", "sta-fw", "peer",
	    "203.0.113.135"));
	cJSON_Delete(rb);
	ck_assert_int_eq(run("runbook no-such --db ipsecwatch.db"), 1);
	ck_assert_int_eq(run("runbook h1-hq 192.0.2.99 --db ipsecwatch.db"), 1);
	ck_assert_int_eq(run("runbook a b c --db ipsecwatch.db"), 2);
}
END_TEST

/* ---- times ---- */

/* raised_at (UTC) shifted by off seconds, as "%Y-%m-%d %H:%M:%S". */
static void
shifted(const char *iso, long off, char *buf, size_t len)
{
	struct tm	 tm;
	time_t		 t;

	memset(&tm, 0, sizeof(tm));
	ck_assert_ptr_nonnull(strptime(iso, "%Y-%m-%dT%H:%M:%S", &tm));
	t = timegm(&tm) + off;
	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm);
}

START_TEST(test_times)
{
	static const char *const good[] = { "2026-11-29", "2026-11-29T08:00",
	    "'2026-11-29 08:00:00'", "2026-11-29T08:00:00Z",
	    "2026-11-29T08:00+01:00", "2026-11-29T08:00:00.5-05:00", "30s",
	    "15m", "1h", "2d", "1w" };
	static const char *const bad[] = { "2026-13-01", "2026-02-30",
	    "2026-11-29T25:00", "1x", "yesterday", "''", "2026-11-29T08",
	    "h1" };
	char		*raised, want[40], arg[64], line[80];
	long long	 id;
	size_t		 i;
	cJSON		*rows;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(run("alerts --since %s --db ipsecwatch.db",
		    good[i]) == 0, "--since %s refused: %s", good[i], err_text);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(run("alerts --since %s --db ipsecwatch.db",
		    bad[i]) == 2, "--since %s accepted", bad[i]);
		ck_assert_ptr_nonnull(strstr(err_text, "not a time"));
	}

	id = tu_sql_int(L.db, "SELECT min(id) FROM alerts");
	raised = tu_sql_text(L.db, "SELECT raised_at FROM alerts WHERE id = "
	    "%lld", id);
	ck_assert_ptr_nonnull(raised);
	/* Shown in local time: UTC, then India (+05:30). */
	shifted(raised, 0, want, sizeof(want));
	snprintf(line, sizeof(line), "raised:      %s\n", want);
	ck_assert_int_eq(run("explain %lld --db ipsecwatch.db", id), 0);
	ck_assert_msg(strstr(out_text, line) != NULL, "%s not in\n%s", line,
	    out_text);
	shifted(raised, 5 * 3600 + 1800, want, sizeof(want));
	snprintf(line, sizeof(line), "raised:      %s\n", want);
	setenv("TZ", "Asia/Kolkata", 1);
	ck_assert_int_eq(run("explain %lld --db ipsecwatch.db", id), 0);
	ck_assert_msg(strstr(out_text, line) != NULL, "%s not in\n%s", line,
	    out_text);
	/* JSON stays UTC. */
	rows = run_json(0, "explain %lld --db ipsecwatch.db", id);
	ck_assert_str_eq(jstr(rows, "raised_at"), raised);
	cJSON_Delete(rows);

	/* A local time without zone is India's; one with a zone is that. */
	shifted(raised, 5 * 3600 + 1800 - 1, want, sizeof(want));
	snprintf(arg, sizeof(arg), "'%s'", want);
	rows = run_json(0, "alerts --since %s --db ipsecwatch.db", arg);
	ck_assert_ptr_nonnull(find(rows, "raised_at", raised, NULL, NULL));
	cJSON_Delete(rows);
	shifted(raised, 5 * 3600 + 1800 + 1, want, sizeof(want));
	snprintf(arg, sizeof(arg), "'%s'", want);
	rows = run_json(0, "alerts --since %s --db ipsecwatch.db", arg);
	ck_assert_ptr_null(find(rows, "raised_at", raised, NULL, NULL));
	cJSON_Delete(rows);
	shifted(raised, -3600 - 1, want, sizeof(want));
	want[10] = 'T';
	snprintf(arg, sizeof(arg), "%s-01:00", want);
	rows = run_json(0, "alerts --since %s --db ipsecwatch.db", arg);
	ck_assert_ptr_nonnull(find(rows, "raised_at", raised, NULL, NULL));
	cJSON_Delete(rows);
	shifted(raised, -3600 + 1, want, sizeof(want));
	want[10] = 'T';
	snprintf(arg, sizeof(arg), "%s-01:00", want);
	rows = run_json(0, "alerts --since %s --db ipsecwatch.db", arg);
	ck_assert_ptr_null(find(rows, "raised_at", raised, NULL, NULL));
	cJSON_Delete(rows);
	setenv("TZ", "UTC", 1);
	free(raised);
}
END_TEST

/* ---- exit codes ---- */

static void
make_db(const char *path, const char *sql)
{
	sqlite3	*h;

	unlink(path);
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

START_TEST(test_exit_codes)
{
	char	*p, line[1024];

	/* No database. */
	ck_assert_int_eq(run("status --db /nonexistent/ipsecwatch.db"), 66);
	ck_assert_ptr_nonnull(strstr(err_text, "/nonexistent/ipsecwatch.db"));
	ck_assert_int_eq(run("alerts --db /nonexistent/x.db"), 66);
	ck_assert_int_eq(run("runbook --db /nonexistent/x.db"), 66);
	ck_assert_int_eq(run("history r --db /nonexistent/x.db"), 66);
	ck_assert_int_eq(run("explain 1 --db /nonexistent/x.db"), 66);
	/* Not a database, not ours, newer than us. */
	p = tu_path(L.dir, "junk.db");
	tu_write_file(p, 0644, "this is not an SQLite database, not at all; "
	    "it is long enough to have a header\n");
	ck_assert_int_eq(run("status --db junk.db"), 65);
	ck_assert_ptr_nonnull(strstr(err_text, "junk.db"));
	free(p);
	p = tu_path(L.dir, "other.db");
	make_db(p, "CREATE TABLE t (x);");
	ck_assert_int_eq(run("alerts --db other.db"), 65);
	ck_assert_ptr_nonnull(strstr(err_text, "not an ipsecwatch database"));
	make_db(p, "CREATE TABLE polls (x); PRAGMA user_version = 9999;");
	ck_assert_int_eq(run("status --db other.db"), 65);
	ck_assert_ptr_nonnull(strstr(err_text, "newer"));
	free(p);
	/* Usage. */
	ck_assert_int_eq(run("alerts --since yesterday --db ipsecwatch.db"), 2);
	ck_assert_int_eq(run("history h1-hq --since 1y --db ipsecwatch.db"), 2);
	ck_assert_int_eq(run("status --kind psk_mismatch --db ipsecwatch.db"),
	    2);
	ck_assert_ptr_nonnull(strstr(err_text, "--kind"));
	ck_assert_int_eq(run("runbook --open --db ipsecwatch.db"), 2);
	ck_assert_int_eq(run("explain 1 --since 1h --db ipsecwatch.db"), 2);
	ck_assert_int_eq(run("history h1-hq --router h1-hq --db "
	    "ipsecwatch.db"), 2);
	ck_assert_int_eq(run("alerts --until 1h --db ipsecwatch.db"), 2);
	ck_assert_int_eq(run("check-config --db ipsecwatch.db"), 2);
	ck_assert_int_eq(run("status extra --db ipsecwatch.db"), 2);
	ck_assert_int_eq(run("alerts --bogus --db ipsecwatch.db"), 2);
	/* Which database: the config's, relative to the config's dir. */
	ck_assert_int_eq(run("status -f ipsecwatch.conf"), 1);
	snprintf(line, sizeof(line), "IPSECWATCH_CONFIG=ipsecwatch.conf '%s' "
	    "alerts --open --kind psk_mismatch", L.tool);
	ck_assert_int_eq(sh(line), 0);
	ck_assert_ptr_nonnull(strstr(out_text, "psk-hq"));
	p = tu_path(L.dir, "bad.conf");
	tu_write_file(p, 0644, "{ \"interval\": \"often\" }\n");
	ck_assert_int_eq(run("status -f bad.conf"), 78);
	ck_assert_ptr_nonnull(strstr(err_text, "bad.conf"));
	snprintf(line, sizeof(line), "IPSECWATCH_CONFIG=bad.conf '%s' status",
	    L.tool);
	ck_assert_int_eq(sh(line), 78);
	free(p);
	ck_assert_int_eq(run("status -f missing.conf"), 78);
	/* Neither -f nor IPSECWATCH_CONFIG: the default config when it
	   exists, else the default database (only checkable where neither
	   is installed). */
	if (access("/etc/ipsecwatch/ipsecwatch.conf", F_OK) != 0 &&
	    access("/var/lib/ipsecwatch/ipsecwatch.db", F_OK) != 0) {
		ck_assert_int_eq(run("status"), 66);
		ck_assert_ptr_nonnull(strstr(err_text,
		    "no database at /var/lib/ipsecwatch/ipsecwatch.db"));
	} else
		printf("ipsecwatch is installed here: default paths not "
		    "checked\n");
	/* --db wins over the config. */
	ck_assert_int_eq(run("status -f bad.conf --db ipsecwatch.db"), 1);
}
END_TEST

/* No key of the lab in anything any subcommand printed. */
START_TEST(test_no_secrets)
{
	cJSON		*routers;
	const cJSON	*r;
	long long	 id, max;
	char		*all;
	long		 len;
	int		 i;

	/* Everything once more, text and JSON, into all_out. */
	for (i = 0; i < 2; i++) {
		const char *j = i ? "--json" : "";
		run("status %s --db ipsecwatch.db", j);
		run("alerts %s --db ipsecwatch.db", j);
		run("runbook %s --db ipsecwatch.db", j);
	}
	max = tu_sql_int(L.db, "SELECT max(id) FROM alerts");
	for (id = 1; id <= max; id++) {
		run("explain %lld --db ipsecwatch.db", id);
		run("explain %lld --json --db ipsecwatch.db", id);
	}
	routers = run_json(0, "runbook --db ipsecwatch.db");
	cJSON_ArrayForEach(r, routers) {
		run("history %s --db ipsecwatch.db", jstr(r, "router"));
		run("history %s --json --db ipsecwatch.db", jstr(r, "router"));
	}
	cJSON_Delete(routers);
	fflush(all_out);
	len = ftell(all_out);
	ck_assert_int_gt(len, 100000);
	all = malloc((size_t)len + 1);
	ck_assert_ptr_nonnull(all);
	rewind(all_out);
	ck_assert_uint_eq(fread(all, 1, (size_t)len, all_out), (size_t)len);
	all[len] = '\0';
	for (i = 0; i < L.nsecrets; i++)
		ck_assert_msg(strstr(all, L.secrets[i]) == NULL,
		    "a lab secret appears in an output");
	printf("%ld bytes of output, none of %d lab secrets in it\n", len,
	    L.nsecrets);
	free(all);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("cli_query");
	TCase	*tc = tcase_create("lab");
	SRunner	*sr;
	int	 failed;

	tcase_set_timeout(tc, 240);
	tcase_add_unchecked_fixture(tc, lab_setup, lab_teardown);
	tcase_add_test(tc, test_reads_while_daemon_writes);
	tcase_add_test(tc, test_status);
	tcase_add_test(tc, test_alerts);
	tcase_add_test(tc, test_explain);
	tcase_add_test(tc, test_history);
	tcase_add_test(tc, test_runbook);
	tcase_add_test(tc, test_times);
	tcase_add_test(tc, test_exit_codes);
	tcase_add_test(tc, test_no_secrets);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	/* One process: the secrets check reads every earlier output. */
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}

/*
 * check_daemon.c: ipsecwatchd against the simulator, over real SSH.
 *
 * A lab of 20 routers, healthy ones and one per fault, polled by the real
 * daemon binary: healthy routers are polled on time while the faulty ones
 * fail with the right status and recover once healed; a changed or
 * unknown host key is refused; SIGHUP adds and removes routers without
 * dropping the others' sessions; fds and memory stay flat; SIGTERM exits
 * 0 within 5 s; kill -9 mid-poll leaves a sound database.
 */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "testutil.h"

#define INTERVAL	3	/* seconds between polls in these tests */
/* Below the ephemeral range (32768+), where client sockets would collide. */
#define BASE_PORT	(20000 + (getpid() % 300) * 40)

struct lab {
	char	*dir;
	char	*labfile;
	char	*conf;
	char	*db;
	char	*daemon_log;
	char	*sim_log;
	pid_t	 sim;
	pid_t	 daemon;
	int	 port0;
};

/* name, sim fields (JSON members), daemon extra fields */
struct lab_router {
	const char	*name;
	const char	*sim;
	const char	*conf;
};

/* Short outputs, so a trickling router can answer within the timeout. */
#define SHORT_OUTPUTS \
	"\"commands\": {\"show crypto isakmp sa\": \"IPv4 Crypto ISAKMP SA\\n" \
	"dst             src             state          conn-id status\\n" \
	"10.0.0.2        10.0.0.1        QM_IDLE           1001 ACTIVE\\n\"," \
	"\"show crypto ipsec sa\": \"interface: Gi0/0\\n  #pkts encaps: 5\\n\"," \
	"\"show crypto map\": \"Crypto Map CM 10 ipsec-isakmp\\n\"}"

static const struct lab_router fleet[] = {
	{ "ok-01", "\"platform\": \"ios\"", "" },
	{ "ok-02", "\"platform\": \"iosxe\"", "" },
	{ "ok-03", "\"platform\": \"asa\"", ", \"platform\": \"asa\"" },
	{ "ok-04", "\"platform\": \"ios\", \"enable_secret\": \"en\"",
	  ", \"enable_secret_file\": \"en\"" },
	{ "ok-05", "\"platform\": \"ios\", \"motd\": \"##### Authorized "
	  "access only > # <\\n#####\"", "" },
	{ "ok-06", "\"platform\": \"iosxe\"", "" },
	{ "ok-07", "\"platform\": \"ios\"", "" },
	{ "ok-08", "\"platform\": \"ios\"", "" },
	{ "ok-09", "\"platform\": \"ios\"", "" },
	{ "stall", "\"faults\": {\"stall_before_prompt\": true}", "" },
	{ "dropper", "\"faults\": {\"close_mid_output\": \"show crypto ipsec sa\"}",
	  "" },
	{ "badauth", "\"faults\": {\"reject_auth\": true}", "" },
	{ "garbage", "\"faults\": {\"garbage\": true}", "" },
	{ "huge", "\"faults\": {\"huge_output\": \"show crypto ipsec sa\"}", "" },
	/* platform set: no show version, whose trickle would outlast the timeout */
	{ "trickle", "\"faults\": {\"trickle\": true}, " SHORT_OUTPUTS,
	  ", \"platform\": \"ios\"" },
	{ "aaa", "\"enable_secret\": \"en\", "
	  "\"faults\": {\"aaa_deny_terminal_length\": true}",
	  ", \"enable_secret_file\": \"en\"" },
	{ "vty1", "\"vty_lines\": 1", ", \"persistent\": false" },
	{ "newkey", "\"host_key\": \"newkey-a.key\"", ", \"persistent\": false" },
	{ "legacy", "\"algorithms\": \"legacy\"", ", \"algorithms\": \"legacy\"" },
	{ "unpinned", "", "" },
	{ "kbdint", "\"auth_methods\": [\"keyboard-interactive\"]", "" },
	{ "pubkey", "\"auth_methods\": [\"publickey\"], "
	  "\"authorized_key\": \"id_test.pub\"", ", \"key_file\": \"id_test\"" },
	{ "slowpoke", "\"faults\": {\"slow\": 1400}", "" },
	/* legacy-only server, modern client profile: no common algorithm */
	{ "legacy-mm", "\"algorithms\": \"legacy\"", "" },
	/* in the lab, not in the first daemon config: SIGHUP adds it */
	{ "late", "", "" },
};
#define NFLEET		(sizeof(fleet) / sizeof(fleet[0]))
#define NCONFIGURED	(NFLEET - 1)

static void
write_lab(struct lab *l, const struct lab_router *rs, size_t n,
    const char *newkey_file, int heal)
{
	FILE	*fp = fopen(l->labfile, "w");
	size_t	 i;

	ck_assert_ptr_nonnull(fp);
	fprintf(fp, "{\"keys_dir\": \"keys\", \"known_hosts_out\": "
	    "\"known_hosts.sim\", \"routers\": [\n");
	for (i = 0; i < n; i++) {
		const char *sim = rs[i].sim;
		if (heal && strcmp(rs[i].name, "stall") == 0)
			sim = "";
		if (newkey_file != NULL && strcmp(rs[i].name, "newkey") == 0) {
			fprintf(fp, "%s{\"name\": \"%s\", \"port\": %d, "
			    "\"username\": \"mon\", \"password\": \"pw-secret\", "
			    "\"host_key\": \"%s\"}\n", i ? "," : "",
			    rs[i].name, l->port0 + (int)i, newkey_file);
			continue;
		}
		fprintf(fp, "%s{\"name\": \"%s\", \"port\": %d, "
		    "\"username\": \"mon\", \"password\": \"pw-secret\"%s%s}\n",
		    i ? "," : "", rs[i].name, l->port0 + (int)i,
		    sim[0] ? ", " : "", sim);
	}
	fprintf(fp, "]}\n");
	fclose(fp);
}

static void
write_conf(struct lab *l, const struct lab_router *rs, size_t n,
    const char *skip, const char *commands, const char *globals)
{
	FILE	*fp = fopen(l->conf, "w");
	size_t	 i;
	int	 first = 1;

	ck_assert_ptr_nonnull(fp);
	fprintf(fp, "{\"interval\": %d, \"jitter\": 10, \"connect_timeout\": 4,"
	    " \"command_timeout\": 4, \"backoff_max\": 4, \"auth_backoff\": 60,"
	    " \"database\": \"ipsecwatch.db\", \"known_hosts\": \"known_hosts\","
	    " %s \"commands\": %s, \"routers\": [\n", INTERVAL, globals,
	    commands);
	for (i = 0; i < n; i++) {
		if (skip != NULL && strcmp(rs[i].name, skip) == 0)
			continue;
		fprintf(fp, "%s{\"name\": \"%s\", \"host\": \"127.0.0.1\", "
		    "\"port\": %d, \"username\": \"mon\"%s%s}\n",
		    first ? "" : ",", rs[i].name, l->port0 + (int)i,
		    strstr(rs[i].conf, "key_file") ? "" :
		    ", \"password_file\": \"pw\"", rs[i].conf);
		first = 0;
	}
	fprintf(fp, "]}\n");
	fclose(fp);
}

/* The daemon's known_hosts: the simulator's, minus the unpinned router. */
static void
pin_keys(struct lab *l, int unpinned_port)
{
	char	*in = tu_path(l->dir, "known_hosts.sim");
	char	*out = tu_path(l->dir, "known_hosts");
	char	 skip[64], line[8192];
	FILE	*fi = fopen(in, "r"), *fo = fopen(out, "w");

	ck_assert_ptr_nonnull(fi);
	ck_assert_ptr_nonnull(fo);
	snprintf(skip, sizeof(skip), "[127.0.0.1]:%d ", unpinned_port);
	while (fgets(line, sizeof(line), fi) != NULL)
		if (strncmp(line, skip, strlen(skip)) != 0)
			fputs(line, fo);
	fclose(fi);
	fclose(fo);
	free(in);
	free(out);
}

static void
lab_start_sim(struct lab *l)
{
	l->sim = tu_start_sim(l->labfile, l->sim_log);
}

static void
lab_start_daemon(struct lab *l)
{
	char	*bin = tu_path(tu_build_dir(), "ipsecwatchd");
	char	*argv[] = { bin, "-d", "-f", l->conf, NULL };

	/* A small ASan quarantine, so RSS measures our heap, not ASan's. */
	setenv("ASAN_OPTIONS", "quarantine_size_mb=4:detect_leaks=1", 1);
	l->daemon = tu_spawn(argv, NULL, l->daemon_log);
	free(bin);
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
	{
		char *pw = tu_path(l->dir, "pw"), *en = tu_path(l->dir, "en");
		tu_write_file(pw, 0600, "pw-secret\n");
		tu_write_file(en, 0600, "en\n");
		free(pw);
		free(en);
	}
	{
		char cmd[600];
		snprintf(cmd, sizeof(cmd), "ssh-keygen -q -t ed25519 -N '' "
		    "-C ipsecwatch-test -f '%s/id_test'", l->dir);
		ck_assert_int_eq(system(cmd), 0);
	}
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

static long long
polls(struct lab *l, const char *router, const char *status)
{
	return tu_sql_int(l->db, "SELECT count(*) FROM polls WHERE router=%Q "
	    "AND status=%Q", router, status);
}

static void
utc_now_iso(char *buf, size_t len)
{
	struct timespec	 ts;
	struct tm	 tm;
	char		 base[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(base, sizeof(base), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, len, "%s.%03dZ", base, (int)(ts.tv_nsec / 1000000) % 1000);
}

static void
dump_on_failure(struct lab *l)
{
	char	 cmd[700];

	snprintf(cmd, sizeof(cmd), "echo '--- daemon log (tail)'; tail -n 60 "
	    "'%s'; echo '--- polls'; sqlite3 '%s' 'select router,status,"
	    "count(*) from polls group by 1,2' 2>&1", l->daemon_log, l->db);
	if (system(cmd) != 0)
		fprintf(stderr, "(no dump)\n");
}

/* Every router must reach its expected status within the first cycles. */
static void
assert_first_cycles(struct lab *l)
{
	static const char *const healthy[] = { "ok-01", "ok-02", "ok-03",
	    "ok-04", "ok-05", "ok-06", "ok-07", "ok-08", "ok-09", "trickle",
	    "aaa", "vty1", "newkey", "legacy", "huge", "kbdint", "pubkey" };
	size_t	 i;

	for (i = 0; i < sizeof(healthy) / sizeof(healthy[0]); i++)
		ck_assert_msg(polls(l, healthy[i], "ok") >= 2,
		    "%s: expected >= 2 ok polls, got %lld", healthy[i],
		    polls(l, healthy[i], "ok"));
	ck_assert_int_ge(polls(l, "stall", "timeout"), 1);
	ck_assert_int_ge(polls(l, "garbage", "timeout"), 1);
	ck_assert_int_ge(polls(l, "dropper", "closed"), 1);
	ck_assert_int_ge(polls(l, "badauth", "auth"), 1);
	ck_assert_int_ge(polls(l, "unpinned", "hostkey"), 1);
	ck_assert_int_ge(polls(l, "legacy-mm", "connect"), 1);
	ck_assert_int_eq(polls(l, "stall", "ok") + polls(l, "garbage", "ok") +
	    polls(l, "dropper", "ok") + polls(l, "badauth", "ok") +
	    polls(l, "unpinned", "ok"), 0);
	/* The 10 MiB output is cut at the 4 MiB cap and reported. */
	ck_assert_int_ge(tu_sql_int(l->db, "SELECT count(*) FROM poll_commands "
	    "JOIN polls ON polls.id = poll_id WHERE router='huge' AND "
	    "command='show crypto ipsec sa' AND poll_commands.status="
	    "'truncated'"), 1);
	/* A poll longer than the interval is an overrun, not a backlog. */
	ck_assert_int_ge(tu_sql_int(l->db, "SELECT count(*) FROM polls WHERE "
	    "router='slowpoke' AND status='ok' AND overrun=1"), 1);
	/* After an auth failure the daemon waits long: one try so far. */
	ck_assert_int_eq(polls(l, "badauth", "auth"), 1);
}

/* Healthy routers: one ok poll per interval, no gap much longer. */
static void
assert_on_time(struct lab *l, double elapsed)
{
	char	 name[8];
	int	 i;
	long long n, gap;

	for (i = 1; i <= 8; i++) {
		snprintf(name, sizeof(name), "ok-%02d", i);
		n = polls(l, name, "ok");
		ck_assert_msg(n >= (long long)(elapsed / INTERVAL) - 2,
		    "%s polled %lld times in %.0f s", name, n, elapsed);
		gap = tu_sql_int(l->db, "SELECT max(g) FROM (SELECT "
		    "(julianday(started_at) - julianday(lag(started_at) OVER "
		    "(ORDER BY started_at))) * 86400000 AS g FROM polls WHERE "
		    "router=%Q)", name);
		ck_assert_msg(gap <= INTERVAL * 1000 * 1.5,
		    "%s: %lld ms between two polls", name, gap);
	}
}

/* Poll a count until it is >= 1 or timeout_s passes; returns the count. */
static long long
wait_sql(struct lab *l, double timeout_s, const char *fmt, const char *arg)
{
	double		 end = tu_now() + timeout_s;
	long long	 n;

	while ((n = tu_sql_int(l->db, fmt, arg)) < 1 && tu_now() < end)
		tu_sleep(0.25);
	return n;
}

static int
connects(struct lab *l, const char *router)
{
	char	 a[96], b[96];

	snprintf(a, sizeof(a), "router %s: idle -> connect", router);
	snprintf(b, sizeof(b), "router %s: wait-slot -> connect", router);
	return tu_count_in_file(l->daemon_log, a) +
	    tu_count_in_file(l->daemon_log, b);
}

START_TEST(test_fleet)
{
	struct lab	 l;
	char		 healed_at[40], hup_at[40];
	double		 t0;
	long		 rss1, rss2;
	int		 fds1, fds2, status;
	const char	*cmds = "[\"show crypto isakmp sa\", "
	    "\"show crypto ipsec sa\", \"show crypto map\"]";

	lab_init(&l);
	write_lab(&l, fleet, NFLEET, NULL, 0);
	lab_start_sim(&l);
	pin_keys(&l, l.port0 + 19);
	write_conf(&l, fleet, NFLEET, "late", cmds, "");
	lab_start_daemon(&l);
	t0 = tu_now();

	tu_sleep(3.5 * INTERVAL);
	if (polls(&l, "ok-01", "ok") < 2)
		dump_on_failure(&l);
	assert_first_cycles(&l);
	fds1 = tu_count_fds(l.daemon);
	rss1 = tu_rss_kb(l.daemon);

	/* Heal the stalled router; give "newkey" a new host key. */
	utc_now_iso(healed_at, sizeof(healed_at));
	write_lab(&l, fleet, NFLEET, "newkey-b.key", 1);
	kill(l.sim, SIGHUP);
	tu_sleep(4.5 * INTERVAL);
	/* A loaded machine (the sanitizer build) may need a few more seconds. */
	ck_assert_msg(wait_sql(&l, 6 * INTERVAL, "SELECT count(*) FROM polls "
	    "WHERE router='stall' AND status='ok' AND started_at > %Q",
	    healed_at) >= 1, "the healed router never recovered");
	ck_assert_msg(wait_sql(&l, 4 * INTERVAL, "SELECT count(*) FROM polls "
	    "WHERE router='newkey' AND status='hostkey' AND started_at > %Q",
	    healed_at) >= 1, "a changed host key was not refused");
	ck_assert_msg(tu_sql_int(l.db, "SELECT count(*) FROM polls WHERE "
	    "router='newkey' AND status='hostkey' AND started_at > %Q",
	    healed_at) >= 1, "a changed host key was not refused");
	ck_assert_int_eq(tu_sql_int(l.db, "SELECT count(*) FROM polls WHERE "
	    "router='newkey' AND status='ok' AND started_at > %Q",
	    healed_at), 0);
	assert_on_time(&l, tu_now() - t0);

	/* Over many cycles the daemon's fds and heap stay flat. */
	fds2 = tu_count_fds(l.daemon);
	rss2 = tu_rss_kb(l.daemon);
	ck_assert_msg(fds2 <= fds1 + 2, "fds grew: %d -> %d", fds1, fds2);
	ck_assert_msg(rss2 <= rss1 + 8192, "RSS grew: %ld -> %ld kB", rss1, rss2);

	/* A bad config on SIGHUP is refused; the running one goes on. */
	tu_write_file(l.conf, 0644, "{\"interval\": \"often\", \"routers\": []}\n");
	utc_now_iso(hup_at, sizeof(hup_at));
	kill(l.daemon, SIGHUP);
	tu_sleep(1.5 * INTERVAL);
	ck_assert_int_eq(tu_count_in_file(l.daemon_log, "reload refused"), 1);
	ck_assert_int_ge(tu_sql_int(l.db, "SELECT count(*) FROM polls WHERE "
	    "router='ok-01' AND status='ok' AND started_at > %Q", hup_at), 1);

	/* SIGHUP: remove ok-09, add late, change ok-08; the others keep their session. */
	{
		struct lab_router changed[NFLEET];
		memcpy(changed, fleet, sizeof(changed));
		changed[7].conf = ", \"platform\": \"iosxe\"";
		ck_assert_str_eq(changed[7].name, "ok-08");
		write_conf(&l, changed, NFLEET, "ok-09", cmds, "");
	}
	utc_now_iso(hup_at, sizeof(hup_at));
	kill(l.daemon, SIGHUP);
	tu_sleep(2.5 * INTERVAL);
	ck_assert_int_ge(wait_sql(&l, 4 * INTERVAL, "SELECT count(*) FROM polls "
	    "WHERE router='late' AND status='ok' AND %Q <> ''", hup_at), 1);
	ck_assert_int_eq(tu_sql_int(l.db, "SELECT count(*) FROM polls WHERE "
	    "router='ok-09' AND started_at > %Q", hup_at), 0);
	ck_assert_int_eq(connects(&l, "ok-01"), 1);
	ck_assert_int_eq(connects(&l, "ok-05"), 1);
	ck_assert_int_eq(connects(&l, "ok-08"), 2);	/* its entry changed */
	ck_assert_int_ge(connects(&l, "vty1"), 3);	/* closes after each poll */

	/* No secret in the log. */
	ck_assert_int_eq(tu_count_in_file(l.daemon_log, "pw-secret"), 0);
	/*
	 * journalctl -p warning: the alerts (poll_failed for each faulty
	 * router) and the refused reload; failed polls themselves are
	 * state changes, logged at notice.
	 */
	{
		static const char *const expected[] = { "reload refused", NULL };
		ck_assert_int_eq(tu_unexpected_warnings(l.daemon_log,
		    expected), 0);
		ck_assert_int_ge(tu_count_in_file(l.daemon_log,
		    "<5>router badauth: poll failed: auth"), 1);
	}

	status = tu_stop(l.daemon, SIGTERM, 5.0);
	ck_assert_msg(status != -1, "ipsecwatchd did not exit within 5 s");
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "ipsecwatchd exit status %d", status);
	l.daemon = 0;
	ck_assert_int_eq(tu_count_in_file(l.daemon_log, "Sanitizer"), 0);
	ck_assert_int_eq(tu_count_in_file(l.daemon_log, "runtime error"), 0);
	lab_fini(&l);
}
END_TEST

/* The debug log traces every slot change; it never exceeds the cap. */
static void
assert_slot_cap(struct lab *l, int cap)
{
	FILE	*fp = fopen(l->daemon_log, "r");
	char	 line[1024];
	int	 used, max = 0, n;

	ck_assert_ptr_nonnull(fp);
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *p = strstr(line, "key-exchange slots: ");
		if (p != NULL && sscanf(p, "key-exchange slots: %d/%d", &used,
		    &n) == 2 && used > max)
			max = used;
	}
	fclose(fp);
	ck_assert_int_eq(max, cap);
	ck_assert_int_ge(tu_count_in_file(l->daemon_log, "wait-slot -> connect"),
	    1);
}

static int
run_trust(struct lab *l, const char *router, int yes, const char *out)
{
	char	 cmd[1200];

	snprintf(cmd, sizeof(cmd), "setsid %s/ipsecwatch trust %s -f '%s' %s "
	    "< /dev/null > '%s' 2>&1", tu_build_dir(), router, l->conf,
	    yes ? "--yes" : "", out);
	return WEXITSTATUS(system(cmd));
}

/* ipsecwatch trust pins an unknown key, and replaces a changed one only when told. */
START_TEST(test_trust)
{
	struct lab	 l;
	char		*out, *kh, needle[64];
	int		 status;
	const char	*cmds = "[\"show crypto isakmp sa\"]";

	lab_init(&l);
	out = tu_path(l.dir, "trust.out");
	kh = tu_path(l.dir, "known_hosts");
	write_lab(&l, fleet, 2, NULL, 0);
	lab_start_sim(&l);
	write_conf(&l, fleet, 2, NULL, cmds, "");
	snprintf(needle, sizeof(needle), "[127.0.0.1]:%d ", l.port0);

	ck_assert_int_eq(run_trust(&l, "ok-01", 1, out), 0);
	ck_assert_int_eq(tu_count_in_file(out, "SHA256:"), 1);
	ck_assert_int_eq(tu_count_in_file(out, "pinned"), 1);
	ck_assert_int_eq(tu_count_in_file(kh, needle), 1);
	ck_assert_int_eq(run_trust(&l, "ok-01", 1, out), 0);
	ck_assert_int_eq(tu_count_in_file(out, "already pinned"), 1);

	/* A new key: without --yes and without a terminal nothing changes. */
	{
		struct lab_router two[2] = { fleet[0], fleet[1] };
		two[0].sim = "\"host_key\": \"other.key\"";
		write_lab(&l, two, 2, NULL, 0);
		kill(l.sim, SIGHUP);
		tu_sleep(1.0);
	}
	ck_assert_int_ne(run_trust(&l, "ok-01", 0, out), 0);
	ck_assert_int_eq(tu_count_in_file(out, "WARNING"), 1);
	ck_assert_int_eq(tu_count_in_file(out, "not pinned"), 1);
	ck_assert_int_eq(tu_count_in_file(kh, needle), 1);
	ck_assert_int_eq(run_trust(&l, "ok-01", 1, out), 0);
	ck_assert_int_eq(tu_count_in_file(kh, needle), 1);
	ck_assert_int_eq(run_trust(&l, "ok-01", 1, out), 0);
	ck_assert_int_eq(tu_count_in_file(out, "already pinned"), 1);
	ck_assert_int_eq(run_trust(&l, "nosuch", 1, out), 2);

	/* The daemon accepts the pinned key and refuses the unpinned one. */
	lab_start_daemon(&l);
	tu_sleep(1.5 * INTERVAL);
	ck_assert_int_ge(polls(&l, "ok-01", "ok"), 1);
	ck_assert_int_ge(polls(&l, "ok-02", "hostkey"), 1);
	status = tu_stop(l.daemon, SIGTERM, 5.0);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	l.daemon = 0;
	free(out);
	free(kh);
	lab_fini(&l);
}
END_TEST

/* A TCP listener that never speaks SSH: a session stuck in key exchange. */
static int
blackhole(int port)
{
	struct sockaddr_in	 sin;
	int			 fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	ck_assert_int_ge(fd, 0);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	ck_assert_int_eq(listen(fd, 16), 0);
	return fd;
}

/*
 * Two key-exchange slots; two routers that hang in key exchange, retried
 * every second, often hold both: the others, which reconnect for every
 * poll, wait for a slot (never more than two at once) and are polled when
 * one frees.
 */
START_TEST(test_slots)
{
	struct lab		 l;
	struct lab_router	 rs[8];
	int			 h[2], i, status;
	const char		*cmds = "[\"show crypto isakmp sa\"]";

	lab_init(&l);
	for (i = 0; i < 6; i++) {
		rs[i] = fleet[i];
		/* a slot per poll; an interval longer than a hung connect */
		rs[i].conf = ", \"persistent\": false, \"interval\": 6";
	}
	write_lab(&l, rs, 6, NULL, 0);
	lab_start_sim(&l);
	pin_keys(&l, 0);
	for (i = 0; i < 2; i++) {
		static const char *const names[] = { "hung-1", "hung-2" };
		rs[6 + i].name = names[i];
		rs[6 + i].conf = ", \"interval\": 1";
		h[i] = blackhole(l.port0 + 6 + i);
	}
	write_conf(&l, rs, 8, NULL, cmds, "\"max_connecting\": 2,");
	lab_start_daemon(&l);
	tu_sleep(5.0 * INTERVAL);
	assert_slot_cap(&l, 2);
	for (i = 0; i < 6; i++)
		ck_assert_msg(polls(&l, rs[i].name, "ok") >= 1, "%s never polled",
		    rs[i].name);
	ck_assert_int_ge(polls(&l, "hung-1", "timeout") +
	    polls(&l, "hung-2", "timeout"), 2);
	status = tu_stop(l.daemon, SIGTERM, 5.0);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	l.daemon = 0;
	for (i = 0; i < 2; i++)
		close(h[i]);
	lab_fini(&l);
}
END_TEST

START_TEST(test_kill9)
{
	struct lab	 l;
	long long	 before, after;
	char		*ic;
	const char	*cmds = "[\"show crypto isakmp sa\", "
	    "\"show crypto ipsec sa\", \"show bogus thing\", \"show version\"]";

	lab_init(&l);
	write_lab(&l, fleet, 9, NULL, 0);
	lab_start_sim(&l);
	pin_keys(&l, 0);
	write_conf(&l, fleet, 9, NULL, cmds, "");
	lab_start_daemon(&l);
	tu_sleep(2.2 * INTERVAL);
	before = tu_sql_int(l.db, "SELECT count(*) FROM polls");
	ck_assert_int_ge(before, 9);
	/* The router's "% Invalid input" is a command error, not output. */
	ck_assert_int_ge(tu_sql_int(l.db, "SELECT count(*) FROM poll_commands "
	    "WHERE command='show bogus thing' AND status='error' AND "
	    "error LIKE '%%Invalid input detected%%'"), 9);
	ck_assert_int_eq(tu_sql_int(l.db, "SELECT count(*) FROM poll_commands "
	    "WHERE command='show version' AND status<>'ok'"), 0);
	ck_assert_int_ge(tu_sql_int(l.db, "SELECT count(*) FROM polls WHERE "
	    "status='command'"), 9);
	/* Every output went to its probe, and every probe understood it. */
	ck_assert_int_ge(tu_sql_int(l.db, "SELECT count(*) FROM snapshots WHERE "
	    "probe='isakmp_sa' AND ok=1"), 9);
	ck_assert_int_ge(tu_sql_int(l.db, "SELECT count(*) FROM snapshots WHERE "
	    "probe='ipsec_sa' AND ok=1"), 9);
	ck_assert_int_eq(tu_sql_int(l.db, "SELECT count(*) FROM snapshots WHERE "
	    "ok=0"), 0);
	ck_assert_int_eq(tu_sql_int(l.db, "SELECT count(DISTINCT router) FROM "
	    "tunnel_latest WHERE phase1_up=1 AND ipsec_sas>0"), 9);
	/* The platform learnt from show version (ok-03 is an ASA). */
	ck_assert_int_ge(tu_sql_int(l.db, "SELECT count(*) FROM router_platform"),
	    8);
	ck_assert_int_eq(tu_sql_int(l.db, "SELECT count(*) FROM router_platform "
	    "WHERE router='ok-02' AND platform='iosxe'"), 1);
	ck_assert_int_eq(tu_sql_int(l.db, "SELECT count(*) FROM router_platform "
	    "WHERE router='ok-01' AND platform='ios'"), 1);
	kill(l.daemon, SIGKILL);
	waitpid(l.daemon, NULL, 0);
	l.daemon = 0;
	{
		/* A writer replays the WAL, as the next daemon start would. */
		sqlite3 *h;
		ck_assert_int_eq(sqlite3_open(l.db, &h), SQLITE_OK);
		sqlite3_close(h);
	}
	ic = tu_sql_text(l.db, "PRAGMA integrity_check");
	ck_assert_ptr_nonnull(ic);
	ck_assert_str_eq(ic, "ok");
	free(ic);
	after = tu_sql_int(l.db, "SELECT count(*) FROM polls");
	/* At most the polls in flight are lost: nothing already committed. */
	ck_assert_int_ge(after, before);
	ck_assert_int_eq(tu_sql_int(l.db, "SELECT count(*) FROM poll_commands "
	    "WHERE poll_id NOT IN (SELECT id FROM polls)"), 0);
	lab_fini(&l);
}
END_TEST

static int
run_status(const char *fmt, const char *a, const char *b, const char *out)
{
	char	 cmd[1200], inner[1000];

	snprintf(inner, sizeof(inner), fmt, a, b);
	snprintf(cmd, sizeof(cmd), "%s > '%s' 2>&1", inner, out);
	return WEXITSTATUS(system(cmd));
}

/* -n checks the config and exits 78 when bad; -nv prints it. */
START_TEST(test_check_config)
{
	char	*dir = tu_mkdtemp(), *bad = tu_path(dir, "bad.conf");
	char	*good = tu_path(dir, "good.conf"), *out = tu_path(dir, "out");
	char	*pw = tu_path(dir, "pw"), *d, *t, cmd[600];

	tu_write_file(pw, 0600, "x\n");
	tu_write_file(bad, 0644, "{\"routers\": [{\"name\": \"a\",\n"
	    "  \"host\": \"a.example.net\", \"username\": \"u\", "
	    "\"password_file\": \"pw\"}]}\n");
	tu_write_file(good, 0644, "{\"routers\": [{\"name\": \"a\", "
	    "\"host\": \"192.0.2.1\", \"username\": \"u\", "
	    "\"password_file\": \"pw\"}]}\n");
	d = tu_path(tu_build_dir(), "ipsecwatchd");
	t = tu_path(tu_build_dir(), "ipsecwatch");
	ck_assert_int_eq(run_status("%s -n -f %s", d, bad, out), 78);
	ck_assert_int_eq(tu_count_in_file(out, "bad.conf:2:3: routers[0].host:"), 1);
	ck_assert_int_eq(run_status("%s check-config -f %s", t, bad, out), 78);
	ck_assert_int_eq(tu_count_in_file(out, "must be an IP address"), 1);
	ck_assert_int_eq(run_status("%s -n -f %s", d, good, out), 0);
	ck_assert_int_eq(run_status("%s -nv -f %s", d, good, out), 0);
	ck_assert_int_eq(tu_count_in_file(out, "\"password_file\": "), 1);
	ck_assert_int_eq(tu_count_in_file(out, "\"interval\": 60"), 1);
	chmod(pw, 0644);
	ck_assert_int_eq(run_status("%s -n -f %s", d, good, out), 78);
	ck_assert_int_eq(tu_count_in_file(out, "readable by group or others"), 1);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(dir); free(bad); free(good); free(out); free(pw); free(d); free(t);
}
END_TEST

static Suite *
daemon_suite(void)
{
	Suite	*s = suite_create("daemon");
	TCase	*tc = tcase_create("lab");

	tcase_set_timeout(tc, 180);
	tcase_add_test(tc, test_fleet);
	tcase_add_test(tc, test_kill9);
	tcase_add_test(tc, test_trust);
	tcase_add_test(tc, test_slots);
	tcase_add_test(tc, test_check_config);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(daemon_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}

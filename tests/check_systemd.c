/*
 * check_systemd.c: the service as systemd sees it.
 *
 * The unit passes `systemd-analyze verify` and rates 2.0 or lower in
 * `systemd-analyze security`; the sysusers.d and tmpfiles.d files create
 * the user and the directories they should in a scratch root. The daemon
 * speaks sd_notify to a socket of ours while it polls a small simulated
 * lab: READY=1 once the database is open, WATCHDOG=1 from its event loop,
 * STATUS= with its routers, RELOADING=1 then READY=1 on SIGHUP, STOPPING=1
 * on SIGTERM. systemd is not PID 1 here: a real restart by the watchdog
 * cannot be shown, only that the daemon keeps its side of the protocol.
 */
#include <check.h>
#include <limits.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "testutil.h"

#define UNIT		"ipsecwatchd.service"
#define INSTALLED_BIN	"/usr/local/sbin/ipsecwatchd"
#define INTERVAL	2
/* This suite's ports: 14000-15999, apart from a run still winding down. */
#define BASE_PORT	(14000 + (getpid() % 60) * 32)

/* ---- helpers ---- */

static void
rm_rf(char *dir)
{
	tu_remove_dir(dir);
	free(dir);
}

/*
 * Run argv (looked up in PATH) with stdout and stderr captured in dir;
 * returns the exit status (-1 if it did not exit) and the two texts.
 */
static int
run(const char *dir, char *const argv[], char **out, char **err)
{
	char	*o = tu_path(dir, "run.out"), *e = tu_path(dir, "run.err");
	pid_t	 pid;
	int	 status;

	if ((pid = fork()) == 0) {
		int fo = open(o, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int fe = open(e, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fo < 0 || fe < 0)
			_exit(126);
		dup2(fo, 1);
		dup2(fe, 2);
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	ck_assert_int_gt(pid, 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	*out = tu_slurp(o);
	*err = tu_slurp(e);
	free(o);
	free(e);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static char *
src_file(const char *rel)
{
	return tu_path(tu_src_dir(), rel);
}

/* The built daemon's absolute path: verify resolves ExecStart as is. */
static char *
built_daemon(void)
{
	char	*rel = tu_path(tu_build_dir(), "ipsecwatchd"), *abs;

	abs = realpath(rel, NULL);
	ck_assert_msg(abs != NULL, "no daemon binary at %s", rel);
	free(rel);
	return abs;
}

/*
 * The unit with only its ExecStart binary replaced by exec (and the extra
 * line appended to [Service], if any), written to dir/UNIT.
 */
static char *
unit_copy(const char *dir, const char *exec, const char *extra)
{
	char	*src = src_file("systemd/" UNIT), *text = tu_slurp(src);
	char	*path = tu_path(dir, UNIT), *line, *save = NULL;
	FILE	*fp = fopen(path, "w");
	int	 execs = 0;

	ck_assert_ptr_nonnull(fp);
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "ExecStart=", 10) == 0) {
			execs++;
			ck_assert_msg(strncmp(line + 10, INSTALLED_BIN " ",
			    strlen(INSTALLED_BIN) + 1) == 0,
			    "ExecStart is not " INSTALLED_BIN ": %s", line);
			fprintf(fp, "ExecStart=%s%s\n", exec,
			    line + 10 + strlen(INSTALLED_BIN));
		} else
			fprintf(fp, "%s\n", line);
		if (extra != NULL && strcmp(line, "[Service]") == 0)
			fprintf(fp, "%s\n", extra);
	}
	ck_assert_int_eq(execs, 1);
	fclose(fp);
	free(text);
	free(src);
	return path;
}

/* Lines of text that name needle (printed if show); how many. */
static int
lines_naming(const char *text, const char *needle, int show)
{
	const char	*p = text, *nl;
	int		 n = 0;

	for (; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		if (memmem(p, (size_t)(nl - p), needle, strlen(needle))) {
			if (show)
				fprintf(stderr, "  %.*s\n", (int)(nl - p), p);
			n++;
		}
		if (*nl == '\0')
			break;
	}
	return n;
}

/* ---- the unit ---- */

START_TEST(test_verify)
{
	char	*dir = tu_mkdtemp(), *bin = built_daemon(), *unit, *out, *err;
	char	*argv[] = { "systemd-analyze", "verify", "--man=no", NULL, NULL };
	int	 rc;

	unit = unit_copy(dir, bin, NULL);
	argv[3] = unit;
	rc = run(dir, argv, &out, &err);
	ck_assert_msg(rc == 0, "verify exit %d:\n%s%s", rc, out, err);
	ck_assert_msg(lines_naming(out, "ipsecwatchd", 1) == 0 &&
	    lines_naming(err, "ipsecwatchd", 1) == 0,
	    "systemd-analyze verify has something to say about " UNIT);
	free(out);
	free(err);
	free(unit);

	/*
	 * The same check sees a bad line, which verify only warns about
	 * ("ignoring") and exits 0: the exit status alone proves little.
	 */
	unit = unit_copy(dir, bin, "ProtectSystem=sideways");
	argv[3] = unit;
	run(dir, argv, &out, &err);
	ck_assert_msg(lines_naming(err, UNIT ":", 0) == 1 &&
	    strstr(err, "sideways") != NULL, "a bad line went unnoticed:\n%s",
	    err);
	free(out);
	free(err);
	free(unit);
	free(bin);
	rm_rf(dir);
}
END_TEST

START_TEST(test_security)
{
	static const char prefix[] = "Overall exposure level for " UNIT ": ";
	char	*dir = tu_mkdtemp(), *unit = src_file("systemd/" UNIT);
	char	*argv[] = { "systemd-analyze", "security", "--offline=true",
	    "--no-pager", unit, NULL };
	char	*out, *err, *at, *end;
	double	 level;
	int	 rc;

	rc = run(dir, argv, &out, &err);
	ck_assert_msg(rc == 0, "security exit %d:\n%s", rc, err);
	at = strstr(out, prefix);
	ck_assert_msg(at != NULL, "no overall exposure level in:\n%s%s", out,
	    err);
	level = strtod(at + strlen(prefix), &end);
	ck_assert_msg(end != at + strlen(prefix), "no figure: %.60s", at);
	fprintf(stderr, "%s: exposure level %.1f\n", UNIT, level);
	ck_assert_msg(level <= 2.0, "exposure %.1f > 2.0:\n%s", level, out);
	free(out);
	free(err);
	free(unit);
	rm_rf(dir);
}
END_TEST

/* ---- sysusers.d, tmpfiles.d: applied to a scratch root ---- */

static int
passwd_ids(const char *root, const char *name, long *uid, long *gid)
{
	char	*path = tu_path(root, "etc/passwd"), line[512], want[64];
	FILE	*fp = fopen(path, "r");
	int	 found = 0;

	ck_assert_ptr_nonnull(fp);
	snprintf(want, sizeof(want), "%s:x:%%ld:%%ld:", name);
	while (!found && fgets(line, sizeof(line), fp) != NULL)
		found = sscanf(line, want, uid, gid) == 2;
	fclose(fp);
	free(path);
	return found;
}

/* The sysusers file applied to dir/root (created with its etc/). */
static char *
sysusers_root(const char *dir)
{
	char	*root = tu_path(dir, "root"), *etc = tu_path(root, "etc");
	char	*file = src_file("systemd/ipsecwatch.sysusers");
	char	*rootarg, *out, *err;
	char	*argv[] = { "systemd-sysusers", NULL, NULL, NULL, NULL };
	int	 rc;

	ck_assert_int_eq(mkdir(root, 0755), 0);
	ck_assert_int_eq(mkdir(etc, 0755), 0);
	if (asprintf(&rootarg, "--root=%s", root) < 0)
		exit(1);
	/* --dry-run first: it must parse and plan the user, writing nothing. */
	argv[1] = "--dry-run";
	argv[2] = rootarg;
	argv[3] = file;
	rc = run(dir, argv, &out, &err);
	ck_assert_msg(rc == 0, "sysusers --dry-run exit %d:\n%s", rc, err);
	ck_assert_msg(strstr(err, "Creating user 'ipsecwatch' (ipsecwatch "
	    "daemon)") != NULL || strstr(out, "Creating user 'ipsecwatch' "
	    "(ipsecwatch daemon)") != NULL, "no user planned:\n%s%s", out, err);
	ck_assert_int_eq(lines_naming(err, "ipsecwatch.sysusers", 1), 0);
	free(out);
	free(err);
	argv[1] = rootarg;
	argv[2] = file;
	argv[3] = NULL;
	rc = run(dir, argv, &out, &err);
	ck_assert_msg(rc == 0, "sysusers exit %d:\n%s", rc, err);
	free(out);
	free(err);
	free(rootarg);
	free(file);
	free(etc);
	return root;
}

START_TEST(test_sysusers)
{
	char	*dir = tu_mkdtemp(), *root = sysusers_root(dir);
	char	*passwd = tu_path(root, "etc/passwd"), *text = tu_slurp(passwd);
	char	*group = tu_path(root, "etc/group"), *gtext = tu_slurp(group);
	char	*line;
	long	 uid, gid;

	ck_assert_msg(passwd_ids(root, "ipsecwatch", &uid, &gid),
	    "no ipsecwatch in:\n%s", text);
	/* A system user: below the login range, its own group. */
	ck_assert_int_gt(uid, 0);
	ck_assert_int_lt(uid, 1000);
	line = strstr(text, "ipsecwatch:x:");
	ck_assert_msg(strstr(line, ":ipsecwatch daemon:/var/lib/ipsecwatch:")
	    != NULL, "passwd line: %s", line);
	ck_assert_msg(strstr(line, "nologin\n") != NULL, "a login shell: %s",
	    line);
	ck_assert_ptr_nonnull(strstr(gtext, "ipsecwatch:x:"));
	free(text);
	free(gtext);
	free(passwd);
	free(group);
	free(root);
	rm_rf(dir);
}
END_TEST

static void
assert_dir(const char *root, const char *rel, mode_t mode, long uid, long gid)
{
	char		*path = tu_path(root, rel);
	struct stat	 st;

	ck_assert_msg(stat(path, &st) == 0 && S_ISDIR(st.st_mode),
	    "%s not created", rel);
	ck_assert_msg((st.st_mode & 07777) == mode && (long)st.st_uid == uid &&
	    (long)st.st_gid == gid, "%s: mode %o uid %ld gid %ld, expected "
	    "%o %ld %ld", rel, st.st_mode & 07777, (long)st.st_uid,
	    (long)st.st_gid, mode, uid, gid);
	free(path);
}

START_TEST(test_tmpfiles)
{
	char	*dir = tu_mkdtemp(), *root, *rootarg, *file, *out, *err;
	char	*argv[] = { "systemd-tmpfiles", "--create", NULL, NULL, NULL };
	long	 uid, gid;
	int	 rc;

	/*
	 * Setting owners needs root, as the package's postinst has. Without
	 * it, the file is still parsed whole (--prefix matches none of its
	 * paths, so nothing is created) and any complaint fails the test;
	 * only the owners go unchecked, and the test says so.
	 */
	if (geteuid() != 0) {
		char *pargv[] = { "systemd-tmpfiles", "--create",
		    "--prefix=/nonexistent-ipsecwatch-test", NULL, NULL };
		pargv[3] = file = src_file("systemd/ipsecwatch.tmpfiles");
		rc = run(dir, pargv, &out, &err);
		ck_assert_msg(rc == 0, "tmpfiles exit %d:\n%s", rc, err);
		ck_assert_int_eq(lines_naming(err, "ipsecwatch.tmpfiles", 1), 0);
		fprintf(stderr, "test_tmpfiles: not root: syntax checked, "
		    "owners and modes not\n");
		free(out);
		free(err);
		free(file);
		rm_rf(dir);
		return;
	}
	root = sysusers_root(dir);
	ck_assert(passwd_ids(root, "ipsecwatch", &uid, &gid));
	file = src_file("systemd/ipsecwatch.tmpfiles");
	if (asprintf(&rootarg, "--root=%s", root) < 0)
		exit(1);
	argv[2] = rootarg;
	argv[3] = file;
	rc = run(dir, argv, &out, &err);
	ck_assert_msg(rc == 0, "tmpfiles exit %d:\n%s", rc, err);
	ck_assert_int_eq(lines_naming(err, "ipsecwatch.tmpfiles", 1), 0);
	/* The names resolve in the scratch root's passwd, not the host's. */
	assert_dir(root, "var/lib/ipsecwatch", 0750, uid, gid);
	assert_dir(root, "etc/ipsecwatch", 0750, 0, gid);
	free(out);
	free(err);
	free(rootarg);
	free(file);
	free(root);
	rm_rf(dir);
}
END_TEST

/* ---- sd_notify: the daemon against a small lab ---- */

#define NMSGS	1024

struct lab {
	char	*dir;
	char	*labfile;
	char	*conf;
	char	*db;
	char	*log;
	char	*sock;
	pid_t	 sim;
	pid_t	 daemon;
	int	 port0;
	int	 fd;			/* our end of NOTIFY_SOCKET */
	char	*msgs[NMSGS];		/* datagrams received, in order */
	double	 at[NMSGS];
	size_t	 n;
};

static const char *const lab_routers[] = { "ok-1", "ok-2", "badauth" };

static void
write_conf(struct lab *l, int with_badauth)
{
	FILE	*fp = fopen(l->conf, "w");
	size_t	 i, n = with_badauth ? 3 : 2;

	ck_assert_ptr_nonnull(fp);
	fprintf(fp, "{\"interval\": %d, \"jitter\": 10, \"connect_timeout\": 4,"
	    " \"command_timeout\": 4, \"backoff_max\": 4, \"auth_backoff\": 60,"
	    " \"database\": \"ipsecwatch.db\", \"known_hosts\": \"known_hosts\","
	    " \"routers\": [\n", INTERVAL);
	for (i = 0; i < n; i++)
		fprintf(fp, "%s{\"name\": \"%s\", \"host\": \"127.0.0.1\", "
		    "\"port\": %d, \"username\": \"mon\", \"password_file\": "
		    "\"pw\"}\n", i ? "," : "", lab_routers[i], l->port0 + (int)i);
	fprintf(fp, "]}\n");
	fclose(fp);
}

static void
lab_start_sim(struct lab *l)
{
	char	*simlog = tu_path(l->dir, "sim.log"), cmd[PATH_MAX * 2];
	FILE	*fp = fopen(l->labfile, "w");

	ck_assert_ptr_nonnull(fp);
	fprintf(fp, "{\"keys_dir\": \"keys\", \"known_hosts_out\": "
	    "\"known_hosts\", \"routers\": [\n"
	    "{\"name\": \"ok-1\", \"port\": %d, \"username\": \"mon\", "
	    "\"password\": \"pw-secret\"},\n"
	    "{\"name\": \"ok-2\", \"port\": %d, \"username\": \"mon\", "
	    "\"password\": \"pw-secret\", \"platform\": \"iosxe\"},\n"
	    "{\"name\": \"badauth\", \"port\": %d, \"username\": \"mon\", "
	    "\"password\": \"pw-secret\", \"faults\": {\"reject_auth\": true}}"
	    "]}\n", l->port0, l->port0 + 1, l->port0 + 2);
	fclose(fp);
	l->sim = tu_start_sim(l->labfile, simlog);
	/* The simulator wrote every router's key: the daemon trusts them. */
	snprintf(cmd, sizeof(cmd), "test -s '%s/known_hosts'", l->dir);
	ck_assert_int_eq(system(cmd), 0);
	free(simlog);
}

/* Our end of the notify socket: bound before the daemon starts. */
static int
notify_bind(const char *path)
{
	struct sockaddr_un	 sun;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	ck_assert_uint_lt(strlen(path), sizeof(sun.sun_path));
	memcpy(sun.sun_path, path, strlen(path));
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	return fd;
}

static void
lab_init(struct lab *l, int port_slot)
{
	char	*pw;

	memset(l, 0, sizeof(*l));
	l->fd = -1;
	l->dir = tu_mkdtemp();
	l->labfile = tu_path(l->dir, "lab.json");
	l->conf = tu_path(l->dir, "ipsecwatch.conf");
	l->db = tu_path(l->dir, "ipsecwatch.db");
	l->log = tu_path(l->dir, "daemon.log");
	l->sock = tu_path(l->dir, "notify.sock");
	l->port0 = BASE_PORT + port_slot * 8;
	pw = tu_path(l->dir, "pw");
	tu_write_file(pw, 0600, "pw-secret\n");
	free(pw);
	lab_start_sim(l);
	write_conf(l, 1);
}

/* Start the daemon with these NOTIFY_SOCKET / WATCHDOG_* (NULL: unset). */
static void
lab_start_daemon(struct lab *l, const char *sock, const char *usec,
    const char *wpid)
{
	char	*bin = tu_path(tu_build_dir(), "ipsecwatchd");
	char	*argv[] = { bin, "-f", l->conf, NULL };
	const char *names[] = { "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID" };
	const char *vals[] = { sock, usec, wpid };
	size_t	 i;

	for (i = 0; i < 3; i++) {
		if (vals[i] != NULL)
			setenv(names[i], vals[i], 1);
		else
			unsetenv(names[i]);
	}
	setenv("ASAN_OPTIONS", "detect_leaks=1", 1);
	l->daemon = tu_spawn(argv, NULL, l->log);
	for (i = 0; i < 3; i++)
		unsetenv(names[i]);
	free(bin);
}

static void
lab_fini(struct lab *l)
{
	size_t	 i;

	if (l->daemon > 0)
		tu_stop(l->daemon, SIGKILL, 2);
	if (l->sim > 0)
		tu_stop(l->sim, SIGTERM, 5);
	if (l->fd != -1)
		close(l->fd);
	for (i = 0; i < l->n; i++)
		free(l->msgs[i]);
	rm_rf(l->dir);
	free(l->labfile);
	free(l->conf);
	free(l->db);
	free(l->log);
	free(l->sock);
}

/* Receive one datagram within timeout_s; returns its index or -1. */
static ssize_t
nrecv(struct lab *l, double timeout_s)
{
	struct pollfd	 pfd = { l->fd, POLLIN, 0 };
	char		 buf[4096];
	ssize_t		 n;

	if (poll(&pfd, 1, (int)(timeout_s * 1000)) <= 0)
		return -1;
	if ((n = recv(l->fd, buf, sizeof(buf) - 1, 0)) < 0)
		return -1;
	buf[n] = '\0';
	ck_assert_uint_lt(l->n, NMSGS);
	l->msgs[l->n] = strdup(buf);
	l->at[l->n] = tu_now();
	return (ssize_t)l->n++;
}

/* The line of msg that starts with key ("READY=1", "STATUS="), or NULL. */
static const char *
msg_line(const char *msg, const char *key)
{
	const char	*p = msg;
	size_t		 len = strlen(key);

	for (; p != NULL; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, key, len) == 0)
			return p;
	return NULL;
}

/* Receive until a datagram has a line starting with key; index or -1. */
static ssize_t
nwait(struct lab *l, const char *key, double timeout_s)
{
	double	 end = tu_now() + timeout_s;
	ssize_t	 i;

	while (tu_now() < end)
		if ((i = nrecv(l, end - tu_now())) >= 0 &&
		    msg_line(l->msgs[i], key) != NULL)
			return i;
	return -1;
}

static int
status_is(const char *msg, const char *want)
{
	const char	*st = msg_line(msg, "STATUS=");

	return st != NULL && strncmp(st + 7, want, strlen(want)) == 0;
}

/* A STATUS= line starting with want, received already or in time. */
static ssize_t
nwait_status(struct lab *l, const char *want, double timeout_s)
{
	double		 end = tu_now() + timeout_s;
	ssize_t		 i;

	for (i = 0; i < (ssize_t)l->n; i++)
		if (status_is(l->msgs[i], want))
			return i;
	while (tu_now() < end)
		if ((i = nwait(l, "STATUS=", end - tu_now())) >= 0 &&
		    status_is(l->msgs[i], want))
			return i;
	return -1;
}

static size_t
count_from(struct lab *l, size_t from, const char *key)
{
	size_t	 i, n = 0;

	for (i = from; i < l->n; i++)
		if (msg_line(l->msgs[i], key) != NULL)
			n++;
	return n;
}

static void
dump(struct lab *l)
{
	char	 cmd[PATH_MAX + 64];
	size_t	 i;

	fprintf(stderr, "--- datagrams\n");
	for (i = 0; i < l->n; i++)
		fprintf(stderr, "[%zu] %s\n", i, l->msgs[i]);
	snprintf(cmd, sizeof(cmd), "echo '--- daemon log'; tail -n 40 '%s'",
	    l->log);
	if (system(cmd) != 0)
		fprintf(stderr, "(no log)\n");
}

/* READY=1, first of all, and only once the database is there. */
static void
assert_ready(struct lab *l)
{
	ssize_t		 i = nwait(l, "READY=1", 30);
	struct stat	 st;

	if (i < 0)
		dump(l);
	ck_assert_msg(i == 0, "READY=1 was not the first datagram");
	ck_assert_msg(stat(l->db, &st) == 0, "READY=1 before the database");
	ck_assert_int_ge(tu_sql_int(l->db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'polls'"), 1);
	ck_assert_ptr_nonnull(strstr(l->msgs[i], "\nSTATUS=3 routers: "));
}

/* WATCHDOG=1 every half period: never a gap systemd would kill us for. */
static void
assert_watchdog(struct lab *l, double secs)
{
	double	 end = tu_now() + secs, last = l->at[l->n - 1], gap = 0;
	size_t	 from = l->n, i;

	while (tu_now() < end)
		nrecv(l, end - tu_now());
	for (i = from; i < l->n; i++) {
		if (msg_line(l->msgs[i], "WATCHDOG=1") == NULL)
			continue;
		if (l->at[i] - last > gap)
			gap = l->at[i] - last;
		last = l->at[i];
	}
	fprintf(stderr, "WATCHDOG=1: %zu in %.1f s, longest gap %.2f s\n",
	    count_from(l, from, "WATCHDOG=1"), secs, gap);
	ck_assert_uint_ge(count_from(l, from, "WATCHDOG=1"), 3);
	ck_assert_msg(gap < 1.0, "%.2f s without WATCHDOG=1 (WATCHDOG_USEC is "
	    "1 s)", gap);
}

START_TEST(test_notify)
{
	struct lab	 l;
	ssize_t		 i, r;
	int		 status;

	lab_init(&l, 0);
	l.fd = notify_bind(l.sock);
	lab_start_daemon(&l, l.sock, "1000000", NULL);
	assert_ready(&l);
	assert_watchdog(&l, 3.0);

	/* Two routers poll fine; badauth is refused at every attempt. */
	i = nwait_status(&l, "3 routers: 2 polling ok, 1 failing; ", 30);
	if (i < 0)
		dump(&l);
	ck_assert_msg(i >= 0, "no STATUS= with 2 ok and 1 failing");
	ck_assert_ptr_nonnull(strstr(l.msgs[i], " open alert"));
	ck_assert_int_ge(tu_sql_int(l.db, "SELECT count(*) FROM polls WHERE "
	    "router = 'badauth' AND status = 'auth'"), 1);
	ck_assert_int_ge(tu_sql_int(l.db, "SELECT count(DISTINCT router) FROM "
	    "polls WHERE status = 'ok'"), 2);

	/* SIGHUP without badauth: RELOADING=1, then READY=1 and its status. */
	write_conf(&l, 0);
	kill(l.daemon, SIGHUP);
	r = nwait(&l, "RELOADING=1", 10);
	ck_assert_msg(r >= 0, "no RELOADING=1");
	ck_assert_ptr_nonnull(msg_line(l.msgs[r], "MONOTONIC_USEC="));
	i = nwait(&l, "READY=1", 10);
	if (i < 0)
		dump(&l);
	ck_assert_msg(i > r, "no READY=1 after RELOADING=1");
	ck_assert_ptr_nonnull(strstr(l.msgs[i], "\nSTATUS=2 routers: 2 polling "
	    "ok, 0 failing; "));

	/* SIGTERM: STOPPING=1, exit 0, and READY=1 never again. */
	kill(l.daemon, SIGTERM);
	i = nwait(&l, "STOPPING=1", 10);
	ck_assert_msg(i >= 0, "no STOPPING=1");
	/* As systemd does: one SIGTERM, then wait (signal 0 only probes). */
	status = tu_stop(l.daemon, 0, 10);
	l.daemon = 0;
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "exit status %d", status);
	while (nrecv(&l, 0.2) >= 0)
		;
	ck_assert_uint_eq(count_from(&l, (size_t)i + 1, "READY=1"), 0);
	ck_assert_int_eq(tu_count_in_file(l.log, "sd_notify"), 0);
	ck_assert_int_eq(tu_count_in_file(l.log, "pw-secret"), 0);
	lab_fini(&l);
}
END_TEST

/*
 * Nobody listens on NOTIFY_SOCKET at first: one warning, polling goes on;
 * once the socket is there, the daemon says so and WATCHDOG=1 arrives.
 */
START_TEST(test_notify_unreachable)
{
	struct lab	 l;
	double		 end;
	int		 status;

	lab_init(&l, 1);
	lab_start_daemon(&l, l.sock, "1000000", NULL);
	end = tu_now() + 20;
	while (tu_now() < end && tu_sql_int(l.db, "SELECT count(*) FROM polls "
	    "WHERE status = 'ok'") < 2)
		tu_sleep(0.2);
	ck_assert_int_ge(tu_sql_int(l.db, "SELECT count(*) FROM polls WHERE "
	    "status = 'ok'"), 2);
	ck_assert_int_eq(kill(l.daemon, 0), 0);
	ck_assert_int_eq(tu_count_in_file(l.log, "sd_notify"), 1);
	ck_assert_int_eq(tu_count_in_file(l.log,
	    "<4>sd_notify: send to NOTIFY_SOCKET: "), 1);

	l.fd = notify_bind(l.sock);
	ck_assert_msg(nwait(&l, "WATCHDOG=1", 5) >= 0, "no WATCHDOG=1");
	ck_assert_int_eq(tu_count_in_file(l.log,
	    "sd_notify: sending to NOTIFY_SOCKET again"), 1);
	status = tu_stop(l.daemon, SIGTERM, 10);
	l.daemon = 0;
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "exit status %d", status);
	ck_assert_int_eq(tu_count_in_file(l.log, "sd_notify"), 2);
	lab_fini(&l);
}
END_TEST

/* WATCHDOG_PID names another process: READY=1 and STATUS=, no WATCHDOG=1. */
START_TEST(test_watchdog_other_pid)
{
	struct lab	 l;
	char		 pid[32];
	double		 end;

	lab_init(&l, 2);
	l.fd = notify_bind(l.sock);
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	lab_start_daemon(&l, l.sock, "1000000", pid);
	assert_ready(&l);
	end = tu_now() + 2.5;
	while (tu_now() < end)
		nrecv(&l, end - tu_now());
	ck_assert_uint_eq(count_from(&l, 0, "WATCHDOG=1"), 0);
	ck_assert_int_eq(tu_count_in_file(l.log, "sd_notify"), 0);
	lab_fini(&l);
}
END_TEST

static Suite *
systemd_suite(void)
{
	Suite	*s = suite_create("systemd");
	TCase	*unit = tcase_create("unit"), *notify = tcase_create("notify");

	tcase_set_timeout(unit, 60);
	tcase_add_test(unit, test_verify);
	tcase_add_test(unit, test_security);
	tcase_add_test(unit, test_sysusers);
	tcase_add_test(unit, test_tmpfiles);
	suite_add_tcase(s, unit);
	tcase_set_timeout(notify, 120);
	tcase_add_test(notify, test_notify);
	tcase_add_test(notify, test_notify_unreachable);
	tcase_add_test(notify, test_watchdog_other_pid);
	suite_add_tcase(s, notify);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	/* Should this very run be under systemd, its socket is not ours. */
	unsetenv("NOTIFY_SOCKET");
	sr = srunner_create(systemd_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}

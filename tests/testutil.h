/*
 * testutil.h: what the integration suites share: temp dirs, files,
 * child processes (the simulator, the daemon) and SQLite queries.
 * Header-only so each suite stays one file.
 */
#ifndef IPSECWATCH_TESTUTIL_H
#define IPSECWATCH_TESTUTIL_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static inline const char *
tu_build_dir(void)
{
	const char *b = getenv("IPSECWATCH_BUILD");
	return b != NULL ? b : "build";
}

static inline const char *
tu_src_dir(void)
{
	const char *s = getenv("IPSECWATCH_SRC");
	return s != NULL ? s : ".";
}

static inline char *
tu_mkdtemp(void)
{
	char	*p = strdup("/tmp/ipsecwatch-test-XXXXXX");

	if (p == NULL || mkdtemp(p) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	return p;
}

static inline void
tu_write_file(const char *path, mode_t mode, const char *fmt, ...)
{
	va_list	 ap;
	FILE	*fp;

	unlink(path);
	if ((fp = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	va_start(ap, fmt);
	vfprintf(fp, fmt, ap);
	va_end(ap);
	fclose(fp);
	chmod(path, mode);
}

static inline char *
tu_path(const char *dir, const char *name)
{
	char	*p;

	if (asprintf(&p, "%s/%s", dir, name) < 0)
		exit(1);
	return p;
}

static inline double
tu_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline void
tu_sleep(double s)
{
	struct timespec	 ts;

	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/*
 * Start argv[0] with stdout to a pipe (*outfd) or a file, stderr to
 * errpath (or inherited). Returns the pid.
 */
static inline pid_t
tu_spawn(char *const argv[], int *outfd, const char *errpath)
{
	int	 p[2] = { -1, -1 };
	pid_t	 pid;

	if (outfd != NULL && pipe(p) != 0)
		exit(1);
	if ((pid = fork()) < 0)
		exit(1);
	if (pid == 0) {
		if (outfd != NULL) {
			dup2(p[1], 1);
			close(p[0]);
			close(p[1]);
		}
		if (errpath != NULL) {
			int fd = open(errpath, O_WRONLY | O_CREAT | O_APPEND, 0644);
			if (fd >= 0) {
				dup2(fd, 2);
				if (outfd == NULL)
					dup2(fd, 1);
				close(fd);
			}
		}
		execv(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	if (outfd != NULL) {
		close(p[1]);
		*outfd = p[0];
	}
	return pid;
}

/* Read lines from fd until one starts with prefix; 1 if seen in time. */
static inline int
tu_wait_line(int fd, const char *prefix, double timeout_s)
{
	char	 buf[4096];
	size_t	 len = 0;
	double	 end = tu_now() + timeout_s;

	while (tu_now() < end) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		ssize_t n;
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		n = read(fd, buf + len, sizeof(buf) - 1 - len);
		if (n <= 0)
			return 0;
		len += (size_t)n;
		buf[len] = '\0';
		if (strstr(buf, prefix) != NULL)
			return 1;
		if (len > sizeof(buf) / 2) {
			memmove(buf, buf + len / 2, len - len / 2);
			len -= len / 2;
		}
	}
	return 0;
}

/* Signal pid and wait up to timeout_s; returns the wait status or -1. */
static inline int
tu_stop(pid_t pid, int sig, double timeout_s)
{
	int	 status;
	double	 end = tu_now() + timeout_s;

	if (pid <= 0)
		return -1;
	kill(pid, sig);
	while (tu_now() < end) {
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			return status;
		tu_sleep(0.02);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

/*
 * Lines logged at warning or worse (sd-daemon <0>..<4>) that are not an
 * alert and not one of the expected lines: what `journalctl -p warning`
 * would show beyond the alerts. Printed to stderr; returns their count.
 */
static inline int
tu_unexpected_warnings(const char *path, const char *const *expected)
{
	FILE	*fp = fopen(path, "r");
	char	*line = NULL;
	size_t	 cap = 0;
	int	 n = 0, ok;
	size_t	 i;

	if (fp == NULL)
		return -1;
	while (getline(&line, &cap, fp) != -1) {
		if (line[0] != '<' || line[1] < '0' || line[1] > '4' ||
		    line[2] != '>')
			continue;
		ok = strncmp(line + 3, "alert=", 6) == 0 ||
		    strncmp(line + 3, "{\"alert\":", 9) == 0;
		for (i = 0; !ok && expected != NULL && expected[i] != NULL; i++)
			ok = strstr(line, expected[i]) != NULL;
		if (!ok) {
			fprintf(stderr, "unexpected warning: %s", line);
			n++;
		}
	}
	free(line);
	fclose(fp);
	return n;
}

/* A whole file, NUL-terminated; the test fails when it cannot be read. */
static inline char *
tu_slurp(const char *path)
{
	FILE	*fp = fopen(path, "rb");
	char	*b;
	long	 n;

	ck_assert_msg(fp != NULL, "cannot read %s", path);
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

/*
 * The simulator on a lab file, its stderr in logpath; returns its pid once
 * it has said "ready" (every router listening, known_hosts written).
 */
static inline pid_t
tu_start_sim(const char *labfile, const char *logpath)
{
	char	*sim = tu_path(tu_build_dir(), "iossim");
	char	*argv[] = { sim, (char *)labfile, NULL };
	pid_t	 pid;
	int	 out;

	pid = tu_spawn(argv, &out, logpath);
	ck_assert_msg(tu_wait_line(out, "ready", 60), "iossim not ready, see %s",
	    logpath);
	close(out);
	free(sim);
	return pid;
}

/* A test's scratch directory goes, unless KEEP_TEST_DIR asks to keep it. */
static inline void
tu_remove_dir(const char *dir)
{
	char	 cmd[600];

	if (getenv("KEEP_TEST_DIR") != NULL) {
		fprintf(stderr, "kept %s\n", dir);
		return;
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
}

/* One integer from a query on a database file (opened read-only). */
static inline long long
tu_sql_int(const char *db, const char *fmt, ...)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	char		*sql;
	long long	 v = -1;
	va_list		 ap;

	va_start(ap, fmt);
	sql = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		sqlite3_free(sql);
		return -2;
	}
	sqlite3_busy_timeout(h, 5000);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	} else
		fprintf(stderr, "sql error: %s: %s\n", sql, sqlite3_errmsg(h));
	sqlite3_close(h);
	sqlite3_free(sql);
	return v;
}

/* One text value (malloc'd, or NULL). */
static inline char *
tu_sql_text(const char *db, const char *fmt, ...)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	char		*sql, *v = NULL;
	va_list		 ap;

	va_start(ap, fmt);
	sql = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		sqlite3_free(sql);
		return NULL;
	}
	sqlite3_busy_timeout(h, 5000);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_text(st, 0) != NULL)
			v = strdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	sqlite3_free(sql);
	return v;
}

/* Count of lines in a file containing needle. */
static inline int
tu_count_in_file(const char *path, const char *needle)
{
	FILE	*fp = fopen(path, "r");
	char	*line = NULL;
	size_t	 cap = 0;
	int	 n = 0;

	if (fp == NULL)
		return 0;
	while (getline(&line, &cap, fp) > 0)
		if (strstr(line, needle) != NULL)
			n++;
	free(line);
	fclose(fp);
	return n;
}

static inline int
tu_count_fds(pid_t pid)
{
	char	 cmd[128];
	FILE	*fp;
	int	 n = -1;

	snprintf(cmd, sizeof(cmd), "ls /proc/%d/fd | wc -l", (int)pid);
	if ((fp = popen(cmd, "r")) != NULL) {
		if (fscanf(fp, "%d", &n) != 1)
			n = -1;
		pclose(fp);
	}
	return n;
}

/* VmRSS in kB from /proc/PID/status. */
static inline long
tu_rss_kb(pid_t pid)
{
	char	 path[64], line[256];
	FILE	*fp;
	long	 kb = -1;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
			break;
	fclose(fp);
	return kb;
}

#endif

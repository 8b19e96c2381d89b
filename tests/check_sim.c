/*
 * check_sim.c: the simulated router lab (build/iossim) driven by a
 * blocking libssh client, and by netmiko as an independent client.
 *
 * Each TCase starts its own iossim on a lab written into a mkdtemp
 * directory (unchecked fixture: once, in the parent) and kills it in the
 * teardown, also when a test fails; iossim also gets SIGTERM if this
 * process dies (PR_SET_PDEATHSIG).
 *
 * Environment: IPSECWATCH_BUILD (directory holding iossim, default
 * "build"), IPSECWATCH_SRC (source tree, default ".").
 */
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libssh/libssh.h>

#define USER		"mon"
#define PASS		"s3cret-pw"
#define SECRET		"en4ble"
#define READ_MS		5000
#define SCALE_N		1000

/* One running simulator, shared by the tests of a TCase. */
struct simproc {
	pid_t	 pid;
	pid_t	 owner;		/* the process that started it */
	int	 outfd;		/* its stdout, for the "ready N" lines */
	int	 base;		/* first port */
	char	 dir[PATH_MAX];
	char	 lab[PATH_MAX + 16];
	char	 kh[PATH_MAX + 16];
};

static struct simproc	 sp;

enum {
	R_IOS = 0,	/* hostname r1, no enable secret: starts at '#' */
	R_ENABLE,	/* r2: enable secret, motd */
	R_REJECT,	/* r3: reject_auth */
	R_ASA,		/* r4: platform asa, enable secret */
	R_AAA,		/* r5: aaa_deny_terminal_length, enable secret */
	R_STALL,	/* r6 */
	R_CUT,		/* r7: close_mid_output "show version" */
	R_GARBAGE,	/* r8 */
	R_HUGE,		/* r9: huge_output "show logging" */
	R_TRICKLE,	/* r10: trickle + slow 200 */
	R_LEGACY,	/* r11: legacy algorithms */
	R_STATES,	/* r12: scripted states */
	R_NROUTERS
};

/* --- simulator process -------------------------------------------------- */

static const char *
envdef(const char *k, const char *def)
{
	const char	*v = getenv(k);

	return v != NULL && *v != '\0' ? v : def;
}

/* One line from fd within ms, without stdio buffering. */
static int
read_line(int fd, char *buf, size_t len, int ms)
{
	struct pollfd	 pfd = { fd, POLLIN, 0 };
	size_t		 n = 0;
	char		 c;

	while (n + 1 < len) {
		if (poll(&pfd, 1, ms) <= 0)
			return -1;
		if (read(fd, &c, 1) != 1)
			return -1;
		if (c == '\n')
			break;
		buf[n++] = c;
	}
	buf[n] = '\0';
	return 0;
}

static void
write_file(const char *path, const char *text)
{
	FILE	*fp = fopen(path, "w");

	ck_assert_msg(fp != NULL, "%s: %s", path, strerror(errno));
	fputs(text, fp);
	fclose(fp);
}

static pid_t
spawn(const char *lab, int *outfd)
{
	char	 bin[PATH_MAX], log[PATH_MAX + 16];
	int	 p[2], fd;
	pid_t	 pid;

	snprintf(bin, sizeof(bin), "%s/iossim",
	    envdef("IPSECWATCH_BUILD", "build"));
	snprintf(log, sizeof(log), "%s/iossim.log", sp.dir);
	ck_assert_msg(access(bin, X_OK) == 0, "%s: not found", bin);
	ck_assert(pipe(p) == 0);
	if ((pid = fork()) == 0) {
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		dup2(p[1], 1);
		if ((fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644)) != -1)
			dup2(fd, 2);
		close(p[0]);
		execl(bin, "iossim", "-v", lab, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	*outfd = p[0];
	return pid;
}

static int
wait_ready(int fd, int *n)
{
	char	 line[128];

	if (read_line(fd, line, sizeof(line), 60000) == -1)
		return -1;
	return sscanf(line, "ready %d", n) == 1 ? 0 : -1;
}

static void
sim_stop(void)
{
	int	 st;

	if (sp.pid <= 0)
		return;
	kill(sp.pid, SIGTERM);
	waitpid(sp.pid, &st, 0);
	close(sp.outfd);
	sp.pid = 0;
}

static void
router_json(FILE *fp, int i, int port)
{
	static const char *const extra[R_NROUTERS] = {
		[R_ENABLE] = "\"enable_secret\": \"" SECRET "\", "
		    "\"motd\": \"Authorized access only # > !\\nsecond line\", "
		    "\"banner\": \"SSH banner\\n\"",
		[R_REJECT] = "\"faults\": {\"reject_auth\": true}",
		[R_ASA] = "\"platform\": \"asa\", \"enable_secret\": \""
		    SECRET "\"",
		[R_AAA] = "\"enable_secret\": \"" SECRET "\", "
		    "\"faults\": {\"aaa_deny_terminal_length\": true}",
		[R_STALL] = "\"faults\": {\"stall_before_prompt\": true}",
		[R_CUT] = "\"faults\": {\"close_mid_output\": \"sh ver\"}",
		[R_GARBAGE] = "\"faults\": {\"garbage\": true}",
		[R_HUGE] = "\"faults\": {\"huge_output\": \"show logging\"}",
		[R_TRICKLE] = "\"faults\": {\"trickle\": true, \"slow\": 200}",
		[R_LEGACY] = "\"algorithms\": \"legacy\"",
		[R_STATES] = "\"states\": ["
		    "{\"duration\": 3600, \"commands\": {\"show crypto isakmp"
		    " sa\": \"dst src state\\n198.51.100.2 192.0.2.1 "
		    "MM_NO_STATE 1001 ACTIVE\\n\", \"show crypto ipsec sa\":"
		    " \"#pkts encaps: {{counter:1000}}\\n\"}}, "
		    "{\"duration\": 5, \"commands\": {}}]",
	};

	fprintf(fp, "%s{\"name\": \"r%d\", \"port\": %d, \"username\": \""
	    USER "\", \"password\": \"" PASS "\"%s%s}", i ? ",\n" : "",
	    i + 1, port, extra[i] ? ", " : "", extra[i] ? extra[i] : "");
}

static void
write_lab(const char *path, int base, const char *hostkey1)
{
	FILE	*fp = fopen(path, "w");
	int	 i;

	ck_assert(fp != NULL);
	fprintf(fp, "{\"keys_dir\": \"keys\", \"known_hosts_out\": "
	    "\"known_hosts\",\n\"routers\": [\n");
	for (i = 0; i < R_NROUTERS; i++) {
		if (i == 0 && hostkey1 != NULL)
			fprintf(fp, "{\"name\": \"r1\", \"port\": %d, "
			    "\"host_key\": \"%s\", \"username\": \"" USER
			    "\", \"password\": \"" PASS "\"}", base, hostkey1);
		else
			router_json(fp, i, base + i);
	}
	fprintf(fp, "]}\n");
	fclose(fp);
}

static void
write_scale_lab(const char *path, int base)
{
	FILE	*fp = fopen(path, "w");

	ck_assert(fp != NULL);
	fprintf(fp, "{\"keys_dir\": \"keys\", \"routers\": [{\"name\": "
	    "\"edge-%%d\", \"count\": %d, \"port\": %d, \"username\": \""
	    USER "\", \"password\": \"" PASS "\"}]}\n", SCALE_N, base);
	fclose(fp);
}

/* A port range unlikely to be taken; retried if a bind fails. */
static void
sim_start(void (*lab)(const char *, int, const char *), int nports)
{
	int	 try, n;

	snprintf(sp.dir, sizeof(sp.dir), "/tmp/check_sim.XXXXXX");
	ck_assert(mkdtemp(sp.dir) != NULL);
	snprintf(sp.lab, sizeof(sp.lab), "%s/lab.json", sp.dir);
	snprintf(sp.kh, sizeof(sp.kh), "%s/known_hosts", sp.dir);
	srandom((unsigned)(getpid() ^ time(NULL)));
	for (try = 0; try < 5; try++) {
		/* below Linux's ephemeral range (32768-60999), where the
		 * client ends of earlier runs may linger */
		sp.base = 10000 + (int)(random() % (22000 - nports));
		lab(sp.lab, sp.base, NULL);
		sp.pid = spawn(sp.lab, &sp.outfd);
		sp.owner = getpid();
		if (wait_ready(sp.outfd, &n) == 0)
			return;
		sim_stop();
	}
	ck_abort_msg("iossim did not start (see %s/iossim.log)", sp.dir);
}

static void
lab_main(const char *path, int base, const char *hk)
{
	write_lab(path, base, hk);
}

static void
lab_scale(const char *path, int base, const char *hk)
{
	(void)hk;
	write_scale_lab(path, base);
}

static void
setup_main(void)
{
	sim_start(lab_main, R_NROUTERS);
}

static void
setup_scale(void)
{
	struct rlimit	 rl;

	/* 1000 sessions need more descriptors than the usual 1024. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	sim_start(lab_scale, SCALE_N);
}

static void
teardown(void)
{
	char	*cmd;

	sim_stop();
	if (getenv("IOSSIM_KEEP") != NULL) {
		fprintf(stderr, "kept %s\n", sp.dir);
		return;
	}
	if (asprintf(&cmd, "rm -rf '%s'", sp.dir) != -1) {
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", sp.dir);
		free(cmd);
	}
}

/* Forked test processes inherit this handler: only the owner kills. */
static void
atexit_kill(void)
{
	if (sp.pid > 0 && sp.owner == getpid())
		kill(sp.pid, SIGTERM);
}

/* --- client helpers ----------------------------------------------------- */

static ssh_session
cli_new(int port)
{
	ssh_session	 s = ssh_new();
	bool		 no = false;
	int		 verb = SSH_LOG_NOLOG, one = 1;
	long		 tmo = 10;

	ck_assert(s != NULL);
	ssh_options_set(s, SSH_OPTIONS_HOST, "127.0.0.1");
	ssh_options_set(s, SSH_OPTIONS_PORT, &port);
	ssh_options_set(s, SSH_OPTIONS_USER, USER);
	ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &no);
	ssh_options_set(s, SSH_OPTIONS_LOG_VERBOSITY, &verb);
	ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &tmo);
	/* without it, Nagle and delayed ACKs cost 40 ms per handshake */
	ssh_options_set(s, SSH_OPTIONS_NODELAY, &one);
	ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, sp.kh);
	ssh_options_set(s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null");
	return s;
}

/* What a client with a legacy profile adds for old IOS. */
static void
cli_legacy(ssh_session s)
{
	ssh_options_set(s, SSH_OPTIONS_KEY_EXCHANGE,
	    "curve25519-sha256,diffie-hellman-group14-sha1");
	ssh_options_set(s, SSH_OPTIONS_HOSTKEYS,
	    "ssh-ed25519,rsa-sha2-256,ssh-rsa");
	ssh_options_set(s, SSH_OPTIONS_CIPHERS_C_S, "aes128-ctr,aes128-cbc");
	ssh_options_set(s, SSH_OPTIONS_CIPHERS_S_C, "aes128-ctr,aes128-cbc");
	ssh_options_set(s, SSH_OPTIONS_HMAC_C_S, "hmac-sha2-256,hmac-sha1");
	ssh_options_set(s, SSH_OPTIONS_HMAC_S_C, "hmac-sha2-256,hmac-sha1");
}

static void
cli_free(ssh_session s)
{
	ssh_disconnect(s);
	ssh_free(s);
}

static ssh_session
cli_login(int port, const char *pw)
{
	ssh_session	 s = cli_new(port);

	ck_assert_msg(ssh_connect(s) == SSH_OK, "connect %d: %s", port,
	    ssh_get_error(s));
	ck_assert_msg(ssh_userauth_password(s, NULL, pw) == SSH_AUTH_SUCCESS,
	    "password auth on %d: %s", port, ssh_get_error(s));
	return s;
}

static ssh_channel
cli_shell(ssh_session s)
{
	ssh_channel	 ch = ssh_channel_new(s);

	ck_assert(ch != NULL);
	ck_assert(ssh_channel_open_session(ch) == SSH_OK);
	ck_assert(ssh_channel_request_pty_size(ch, "vt100", 200, 24) ==
	    SSH_OK);
	ck_assert(ssh_channel_request_shell(ch) == SSH_OK);
	return ch;
}

/* Collected channel output. */
struct rbuf {
	char	*d;
	size_t	 len;
	int	 eof;
};

static void
rbuf_free(struct rbuf *b)
{
	free(b->d);
	memset(b, 0, sizeof(*b));
}

static int
ends_with(const struct rbuf *b, const char *sfx)
{
	size_t	 n = strlen(sfx);

	return b->len >= n && memcmp(b->d + b->len - n, sfx, n) == 0;
}

/* Read until the output ends with sfx (NULL: until EOF) or ms pass. */
static int
cli_read(ssh_channel ch, struct rbuf *b, const char *sfx, int ms)
{
	char	 tmp[65536];
	int	 n, left = ms;
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (left > 0) {
		if (sfx != NULL && ends_with(b, sfx))
			return 0;
		n = ssh_channel_read_timeout(ch, tmp, sizeof(tmp), 0,
		    left < 200 ? left : 200);
		if (n == SSH_ERROR || (n == 0 && ssh_channel_is_eof(ch))) {
			b->eof = 1;
			break;
		}
		if (n > 0) {
			b->d = realloc(b->d, b->len + n + 1);
			ck_assert(b->d != NULL);
			memcpy(b->d + b->len, tmp, n);
			b->len += n;
			b->d[b->len] = '\0';
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		left = ms - (int)((t1.tv_sec - t0.tv_sec) * 1000 +
		    (t1.tv_nsec - t0.tv_nsec) / 1000000);
	}
	if (sfx != NULL && ends_with(b, sfx))
		return 0;
	return sfx == NULL && b->eof ? 0 : -1;
}

/* After a pager key: the next " --More-- " or the prompt. */
static int
read_page(ssh_channel ch, struct rbuf *b, const char *prompt)
{
	size_t	 was = b->len;
	int	 i;

	for (i = 0; i < READ_MS / 50; i++) {
		cli_read(ch, b, prompt, 50);
		if (b->len > was && (ends_with(b, " --More-- ") ||
		    ends_with(b, prompt)))
			return 0;
		if (b->eof)
			break;
	}
	return -1;
}

static void
cli_send(ssh_channel ch, const char *str)
{
	ck_assert(ssh_channel_write(ch, str, strlen(str)) ==
	    (int)strlen(str));
}

/* Send a line, return everything up to and including the next prompt. */
static char *
cli_cmd(ssh_channel ch, const char *line, const char *prompt)
{
	struct rbuf	 b = { 0 };

	cli_send(ch, line);
	ck_assert_msg(cli_read(ch, &b, prompt, READ_MS) == 0,
	    "no prompt %s after %s; got \"%s\"", prompt, line,
	    b.d ? b.d : "");
	return b.d;
}

/* Logged in, shell open, first prompt read (and returned in *first). */
static ssh_channel
cli_open(int idx, ssh_session *sp_out, const char *prompt, char **first)
{
	struct rbuf	 b = { 0 };
	ssh_channel	 ch;

	*sp_out = cli_login(sp.base + idx, PASS);
	ch = cli_shell(*sp_out);
	ck_assert_msg(cli_read(ch, &b, prompt, READ_MS) == 0,
	    "no first prompt %s; got \"%s\"", prompt, b.d ? b.d : "");
	if (first != NULL)
		*first = b.d;
	else
		free(b.d);
	return ch;
}

static int
count_str(const char *hay, const char *needle)
{
	int	 n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* --- tests: shell ------------------------------------------------------- */

START_TEST(test_prompt_echo_abbrev)
{
	ssh_session	 s;
	ssh_channel	 ch;
	char		*first, *out;

	ch = cli_open(R_IOS, &s, "r1#", &first);
	ck_assert_str_eq(first, "\r\nr1#");
	free(first);
	/* An abbreviated command: echoed as typed, then IOS output. */
	out = cli_cmd(ch, "sh cry isa sa\n", "\r\nr1#");
	ck_assert_msg(strncmp(out, "sh cry isa sa\r\n", 15) == 0,
	    "no echo: \"%s\"", out);
	ck_assert_ptr_nonnull(strstr(out, "IPv4 Crypto ISAKMP SA\r\n"));
	ck_assert_ptr_nonnull(strstr(out,
	    "198.51.100.2    192.0.2.1       QM_IDLE           1001 ACTIVE\r\n"));
	free(out);
	/* An argument after a complete command, and a filter. */
	out = cli_cmd(ch, "show ip route 198.51.100.2 | include Gig\n",
	    "\r\nr1#");
	ck_assert_str_eq(out, "show ip route 198.51.100.2 | include Gig\r\n"
	    "  * 192.0.2.254, via GigabitEthernet0/0\r\nr1#");
	free(out);
	/* "\r\n" ends one line: one prompt, not two. */
	out = cli_cmd(ch, "\r\n", "r1#");
	ck_assert_str_eq(out, "\r\nr1#");
	free(out);
	cli_free(s);
}
END_TEST

START_TEST(test_invalid_ambiguous)
{
	ssh_session	 s;
	ssh_channel	 ch;
	char		*out;

	ch = cli_open(R_IOS, &s, "r1#", NULL);
	out = cli_cmd(ch, "show crypto bogus\n", "r1#");
	/* caret under the 'b': prompt (3) + "show crypto " (12) */
	ck_assert_str_eq(out, "show crypto bogus\r\n"
	    "               ^\r\n"
	    "% Invalid input detected at '^' marker.\r\n\r\nr1#");
	free(out);
	out = cli_cmd(ch, "sh c\n", "r1#");
	ck_assert_ptr_nonnull(strstr(out, "% Ambiguous command:  \"sh c\""));
	free(out);
	out = cli_cmd(ch, "show crypto\n", "r1#");
	ck_assert_ptr_nonnull(strstr(out, "% Incomplete command."));
	free(out);
	cli_free(s);
}
END_TEST

START_TEST(test_paging)
{
	ssh_session	 s;
	ssh_channel	 ch;
	struct rbuf	 b = { 0 };
	char		*out, *p;
	int		 pages = 0;

	ch = cli_open(R_IOS, &s, "r1#", NULL);
	cli_send(ch, "show crypto ipsec sa\n");
	ck_assert(cli_read(ch, &b, " --More-- ", READ_MS) == 0);
	/* echo line + 23 output lines, then the pager, no newline */
	ck_assert_int_eq(count_str(b.d, "\r\n"), 24);
	while (!ends_with(&b, "r1#")) {
		ck_assert_int_lt(++pages, 10);
		cli_send(ch, " ");
		ck_assert_msg(read_page(ch, &b, "r1#") == 0, "stuck: \"%s\"",
		    b.d);
	}
	ck_assert_int_ge(pages, 1);
	ck_assert_ptr_nonnull(strstr(b.d, " --More-- \b\b\b\b\b\b\b\b\b\b"
	    "          \b\b\b\b\b\b\b\b\b\b"));
	ck_assert_ptr_nonnull(strstr(b.d, "outbound pcp sas:\r\nr1#"));
	rbuf_free(&b);

	/* 'q' stops the output; then terminal length 0: no pager. */
	cli_send(ch, "show crypto ipsec sa\n");
	ck_assert(cli_read(ch, &b, " --More-- ", READ_MS) == 0);
	rbuf_free(&b);
	out = cli_cmd(ch, "q", "r1#");
	ck_assert_ptr_null(strstr(out, "outbound"));
	free(out);
	out = cli_cmd(ch, "terminal length 0\n", "r1#");
	ck_assert_str_eq(out, "terminal length 0\r\nr1#");
	free(out);
	out = cli_cmd(ch, "show crypto ipsec sa\n", "\r\nr1#");
	ck_assert_ptr_null(strstr(out, "--More--"));
	ck_assert_ptr_nonnull((p = strstr(out, "#pkts encaps: ")));
	ck_assert_ptr_nonnull(strstr(out, "outbound pcp sas:"));
	free(out);
	cli_free(s);
}
END_TEST

START_TEST(test_enable)
{
	ssh_session	 s;
	ssh_channel	 ch;
	char		*first, *out;

	ch = cli_open(R_ENABLE, &s, "r2>", &first);
	ck_assert_ptr_nonnull(strstr(first,
	    "Authorized access only # > !\r\nsecond line\r\n"));
	free(first);
	/* the SSH-level banner arrived during userauth */
	first = ssh_get_issue_banner(s);
	ck_assert_ptr_nonnull(first);
	ck_assert_ptr_nonnull(strstr(first, "SSH banner"));
	ssh_string_free_char(first);
	out = cli_cmd(ch, "show running-config\n", "r2>");
	ck_assert_ptr_nonnull(strstr(out, "% Invalid input detected"));
	free(out);
	out = cli_cmd(ch, "enable\n", "Password: ");
	ck_assert_str_eq(out, "enable\r\nPassword: ");
	free(out);
	out = cli_cmd(ch, "wrong\n", "Password: ");
	ck_assert_str_eq(out, "\r\nPassword: ");	/* no echo */
	free(out);
	out = cli_cmd(ch, SECRET "\n", "r2#");
	ck_assert_str_eq(out, "\r\nr2#");
	free(out);
	out = cli_cmd(ch, "show running-config | include ^hostname\n", "r2#");
	ck_assert_ptr_nonnull(strstr(out, "\r\nhostname r2\r\n"));
	free(out);
	out = cli_cmd(ch, "disable\n", "r2>");
	free(out);
	/* three wrong secrets: access denied, still at '>' */
	out = cli_cmd(ch, "enable\n", "Password: ");
	free(out);
	out = cli_cmd(ch, "a\n", "Password: ");
	free(out);
	out = cli_cmd(ch, "b\n", "Password: ");
	free(out);
	out = cli_cmd(ch, "c\n", "r2>");
	ck_assert_str_eq(out, "\r\n% Access denied\r\n\r\nr2>");
	free(out);
	cli_free(s);
}
END_TEST

START_TEST(test_reject_auth)
{
	ssh_session	 s = cli_new(sp.base + R_REJECT);

	ck_assert(ssh_connect(s) == SSH_OK);
	ck_assert_int_eq(ssh_userauth_password(s, NULL, PASS),
	    SSH_AUTH_DENIED);
	cli_free(s);
	/* and a wrong password on a normal router */
	s = cli_new(sp.base + R_IOS);
	ck_assert(ssh_connect(s) == SSH_OK);
	ck_assert_int_eq(ssh_userauth_password(s, NULL, "nope"),
	    SSH_AUTH_DENIED);
	ck_assert_int_eq(ssh_userauth_password(s, NULL, PASS),
	    SSH_AUTH_SUCCESS);
	cli_free(s);
}
END_TEST

static char *
server_key_b64(ssh_session s)
{
	ssh_key	 key;
	char	*b64 = NULL;

	ck_assert(ssh_get_server_publickey(s, &key) == SSH_OK);
	ck_assert(ssh_pki_export_pubkey_base64(key, &b64) == SSH_OK);
	ssh_key_free(key);
	return b64;
}

static char *
kh_line(int port)
{
	FILE	*fp = fopen(sp.kh, "r");
	char	 line[4096], pfx[64];
	char	*r = NULL;

	ck_assert(fp != NULL);
	snprintf(pfx, sizeof(pfx), "[127.0.0.1]:%d ", port);
	while (fgets(line, sizeof(line), fp) != NULL)
		if (strncmp(line, pfx, strlen(pfx)) == 0)
			r = strdup(line);
	fclose(fp);
	return r;
}

START_TEST(test_known_hosts)
{
	ssh_session	 s;
	char		*b64, *line;
	int		 i;

	for (i = 0; i < R_NROUTERS; i++) {
		s = cli_new(sp.base + i);
		if (i == R_LEGACY)
			cli_legacy(s);
		ck_assert_msg(ssh_connect(s) == SSH_OK, "r%d: %s", i + 1,
		    ssh_get_error(s));
		ck_assert_int_eq(ssh_session_is_known_server(s),
		    SSH_KNOWN_HOSTS_OK);
		b64 = server_key_b64(s);
		line = kh_line(sp.base + i);
		ck_assert_ptr_nonnull(line);
		ck_assert_ptr_nonnull(strstr(line, b64));
		if (i == R_LEGACY)
			ck_assert_ptr_nonnull(strstr(line, " ssh-rsa "));
		free(line);
		ssh_string_free_char(b64);
		cli_free(s);
	}
}
END_TEST

START_TEST(test_legacy_algorithms)
{
	ssh_session	 s = cli_new(sp.base + R_LEGACY);
	const char	*modern = "curve25519-sha256,ecdh-sha2-nistp256";

	/* A modern-only client cannot agree with the old-IOS profile. */
	ssh_options_set(s, SSH_OPTIONS_KEY_EXCHANGE, modern);
	ck_assert_int_ne(ssh_connect(s), SSH_OK);
	ssh_free(s);
	s = cli_new(sp.base + R_LEGACY);
	cli_legacy(s);
	ck_assert_msg(ssh_connect(s) == SSH_OK, "%s", ssh_get_error(s));
	ck_assert_str_eq(ssh_get_kex_algo(s), "diffie-hellman-group14-sha1");
	ck_assert_str_eq(ssh_get_cipher_out(s), "aes128-cbc");
	ck_assert_str_eq(ssh_get_hmac_out(s), "hmac-sha1");
	ck_assert_int_eq(ssh_get_version(s), 2);
	ck_assert_int_eq(ssh_userauth_password(s, NULL, PASS),
	    SSH_AUTH_SUCCESS);
	cli_free(s);
}
END_TEST

START_TEST(test_asa_and_aaa)
{
	ssh_session	 s;
	ssh_channel	 ch;
	char		*out;

	ch = cli_open(R_ASA, &s, "r4>", NULL);
	out = cli_cmd(ch, "terminal length 0\n", "r4>");
	ck_assert_ptr_nonnull(strstr(out,
	    "ERROR: % Invalid input detected at '^' marker."));
	free(out);
	out = cli_cmd(ch, "terminal pager 0\n", "r4>");
	ck_assert_str_eq(out, "terminal pager 0\r\nr4>");
	free(out);
	out = cli_cmd(ch, "show crypto isakmp sa\n", "r4>");
	ck_assert_ptr_nonnull(strstr(out, "State   : MM_ACTIVE"));
	free(out);
	cli_free(s);

	ch = cli_open(R_AAA, &s, "r5>", NULL);
	out = cli_cmd(ch, "terminal length 0\n", "r5>");
	ck_assert_str_eq(out, "terminal length 0\r\n"
	    "% Authorization failed.\r\nr5>");
	free(out);
	/* so paging stays on */
	out = cli_cmd(ch, "show crypto ipsec sa\n", " --More-- ");
	free(out);
	cli_free(s);
}
END_TEST

START_TEST(test_exec_and_channels)
{
	ssh_session	 s;
	ssh_channel	 ch, ch2;
	struct rbuf	 b = { 0 };

	s = cli_login(sp.base + R_IOS, PASS);
	ch = ssh_channel_new(s);
	ck_assert(ssh_channel_open_session(ch) == SSH_OK);
	ck_assert(ssh_channel_request_exec(ch, "show version") == SSH_OK);
	ck_assert(cli_read(ch, &b, NULL, READ_MS) == 0);
	ck_assert_ptr_nonnull(strstr(b.d, "r1 uptime is "));
	ck_assert_ptr_null(strstr(b.d, "r1#"));
	rbuf_free(&b);
	cli_free(s);

	/* One session channel only, like IOS. */
	s = cli_login(sp.base + R_IOS, PASS);
	ch = cli_shell(s);
	ch2 = ssh_channel_new(s);
	ck_assert_int_ne(ssh_channel_open_session(ch2), SSH_OK);
	ssh_channel_free(ch2);
	ck_assert(cli_read(ch, &b, "r1#", READ_MS) == 0);
	rbuf_free(&b);
	/* exit closes the channel */
	cli_send(ch, "exit\n");
	ck_assert(cli_read(ch, &b, NULL, READ_MS) == 0);
	ck_assert(b.eof);
	rbuf_free(&b);
	cli_free(s);
}
END_TEST

START_TEST(test_fault_stall_garbage)
{
	ssh_session	 s;
	ssh_channel	 ch;
	struct rbuf	 b = { 0 };

	s = cli_login(sp.base + R_STALL, PASS);
	ch = cli_shell(s);
	cli_send(ch, "\n");
	ck_assert(cli_read(ch, &b, "#", 1500) == -1);
	ck_assert_uint_eq(b.len, 0);
	cli_free(s);

	s = cli_login(sp.base + R_GARBAGE, PASS);
	ch = cli_shell(s);
	ck_assert(cli_read(ch, &b, "r8#", 1000) == -1);
	ck_assert_uint_ge(b.len, 2048);
	rbuf_free(&b);
	cli_free(s);
}
END_TEST

START_TEST(test_fault_cut_huge_trickle)
{
	ssh_session	 s;
	ssh_channel	 ch;
	struct rbuf	 b = { 0 };
	char		*out;
	struct timespec	 t0, t1;

	ch = cli_open(R_CUT, &s, "r7#", NULL);
	out = cli_cmd(ch, "terminal length 0\n", "r7#");
	free(out);
	cli_send(ch, "show version\n");
	ck_assert(cli_read(ch, &b, "r7#", READ_MS) == -1);
	ck_assert(b.eof);
	ck_assert_ptr_nonnull(strstr(b.d, "Cisco IOS Software"));
	ck_assert_ptr_null(strstr(b.d, "Configuration register"));
	rbuf_free(&b);
	cli_free(s);

	ch = cli_open(R_HUGE, &s, "r9#", NULL);
	out = cli_cmd(ch, "terminal length 0\n", "r9#");
	free(out);
	cli_send(ch, "show logging\n");
	ck_assert(cli_read(ch, &b, "\r\nr9#", 30000) == 0);
	ck_assert_uint_ge(b.len, 10u * 1024 * 1024);
	rbuf_free(&b);
	cli_free(s);

	ch = cli_open(R_TRICKLE, &s, "r10#", NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	out = cli_cmd(ch, "show clock\n", "\r\nr10#");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ck_assert_ptr_nonnull(strstr(out, " UTC "));
	/* "slow": 200 ms before the output */
	ck_assert_int_ge((t1.tv_sec - t0.tv_sec) * 1000 +
	    (t1.tv_nsec - t0.tv_nsec) / 1000000, 200);
	free(out);
	cli_free(s);
}
END_TEST

START_TEST(test_states_counter)
{
	ssh_session	 s;
	ssh_channel	 ch;
	char		*out, *p;
	long		 a, b;

	ch = cli_open(R_STATES, &s, "r12#", NULL);
	out = cli_cmd(ch, "show crypto isakmp sa\n", "r12#");
	ck_assert_ptr_nonnull(strstr(out, "MM_NO_STATE"));
	free(out);
	out = cli_cmd(ch, "show crypto ipsec sa\n", "r12#");
	ck_assert_ptr_nonnull((p = strstr(out, "#pkts encaps: ")));
	a = strtol(p + 14, NULL, 10);
	free(out);
	usleep(300000);
	out = cli_cmd(ch, "show crypto ipsec sa\n", "r12#");
	ck_assert_ptr_nonnull((p = strstr(out, "#pkts encaps: ")));
	b = strtol(p + 14, NULL, 10);
	free(out);
	ck_assert_int_ge(b - a, 200);	/* 1000/s for 0.3 s */
	cli_free(s);
}
END_TEST

START_TEST(test_netmiko)
{
	char	*cmd;
	int	 rc;

	if (asprintf(&cmd, "%s %s/tests/sim/netmiko_smoke.py --port %d "
	    "--username " USER " --password " PASS " --secret " SECRET
	    " --hostname r2 >&2", envdef("IOSSIM_PYTHON", "python3"),
	    envdef("IPSECWATCH_SRC", "."), sp.base + R_ENABLE) == -1)
		ck_abort();
	rc = system(cmd);
	free(cmd);
	ck_assert_msg(WIFEXITED(rc) && WEXITSTATUS(rc) == 0,
	    "netmiko smoke test failed (%d)", rc);
}
END_TEST

/* --- tests: reload ------------------------------------------------------ */

START_TEST(test_sighup_host_key)
{
	ssh_session	 s, s2;
	ssh_channel	 ch;
	char		*k1, *k2, *line, *out;
	int		 n;

	ch = cli_open(R_IOS, &s, "r1#", NULL);
	s2 = cli_new(sp.base + R_IOS);
	ck_assert(ssh_connect(s2) == SSH_OK);
	k1 = server_key_b64(s2);
	cli_free(s2);

	write_lab(sp.lab, sp.base, "r1-rotated.key");
	ck_assert(kill(sp.pid, SIGHUP) == 0);
	ck_assert_int_eq(wait_ready(sp.outfd, &n), 0);
	ck_assert_int_eq(n, R_NROUTERS);

	/* New connections see the new key, and known_hosts says so. */
	s2 = cli_new(sp.base + R_IOS);
	ck_assert(ssh_connect(s2) == SSH_OK);
	k2 = server_key_b64(s2);
	ck_assert_str_ne(k1, k2);
	ck_assert_int_eq(ssh_session_is_known_server(s2), SSH_KNOWN_HOSTS_OK);
	line = kh_line(sp.base + R_IOS);
	ck_assert_ptr_nonnull(strstr(line, k2));
	free(line);
	cli_free(s2);
	/* The old session lives on. */
	out = cli_cmd(ch, "show crypto isakmp sa\n", "r1#");
	ck_assert_ptr_nonnull(strstr(out, "QM_IDLE"));
	free(out);
	ssh_string_free_char(k1);
	ssh_string_free_char(k2);
	cli_free(s);
}
END_TEST

START_TEST(test_sigterm_exit)
{
	char		 path[PATH_MAX + 32];
	int		 fd, n, st;
	pid_t		 pid;
	struct timespec	 t0, t1;

	/* A private instance, so that its exit status can be read here. */
	snprintf(path, sizeof(path), "%s/small.json", sp.dir);
	write_file(path, "{\"routers\": [{\"name\": \"x\", \"port\": 1, "
	    "\"count\": 0}]}");
	/* bad lab: exits non-zero */
	pid = spawn(path, &fd);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) != 0);
	close(fd);

	snprintf(path, sizeof(path), "%s/small.json", sp.dir);
	{
		char	 lab[256];

		snprintf(lab, sizeof(lab), "{\"routers\": [{\"name\": \"x\", "
		    "\"port\": %d}]}", sp.base + R_NROUTERS + 5);
		write_file(path, lab);
	}
	pid = spawn(path, &fd);
	ck_assert_int_eq(wait_ready(fd, &n), 0);
	ck_assert_int_eq(n, 1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	kill(pid, SIGTERM);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	ck_assert_int_lt(t1.tv_sec - t0.tv_sec, 3);
	close(fd);
}
END_TEST

/* --- tests: scale ------------------------------------------------------- */

START_TEST(test_scale)
{
	ssh_session	*ss;
	ssh_channel	*cs;
	char		 prompt[32], *out;
	int		 i;

	ss = calloc(SCALE_N, sizeof(*ss));
	cs = calloc(SCALE_N, sizeof(*cs));
	ck_assert(ss != NULL && cs != NULL);
	/* 1000 persistent sessions, one per router, all open at once */
	for (i = 0; i < SCALE_N; i++) {
		struct rbuf	 b = { 0 };

		ss[i] = cli_login(sp.base + i, PASS);
		cs[i] = cli_shell(ss[i]);
		snprintf(prompt, sizeof(prompt), "edge-%d#", i + 1);
		ck_assert_msg(cli_read(cs[i], &b, prompt, READ_MS) == 0,
		    "router %d: no prompt", i + 1);
		rbuf_free(&b);
	}
	for (i = 0; i < SCALE_N; i++) {
		snprintf(prompt, sizeof(prompt), "\r\nedge-%d#", i + 1);
		out = cli_cmd(cs[i], "show crypto isakmp sa\n", prompt);
		ck_assert_ptr_nonnull(strstr(out, "QM_IDLE"));
		free(out);
	}
	for (i = 0; i < SCALE_N; i++)
		cli_free(ss[i]);
	free(ss);
	free(cs);
}
END_TEST

/* netmiko is an optional client: register its test only if importable. */
static int
have_netmiko(void)
{
	static const char *const pys[] = { "python3", "/usr/bin/python3" };
	char	*cmd;
	size_t	 i;
	int	 rc;

	for (i = 0; i < sizeof(pys) / sizeof(pys[0]); i++) {
		if (asprintf(&cmd, "%s -c 'import netmiko' >/dev/null 2>&1",
		    pys[i]) == -1)
			return 0;
		rc = system(cmd);
		free(cmd);
		if (rc == 0) {
			setenv("IOSSIM_PYTHON", pys[i], 0);
			return 1;
		}
	}
	return 0;
}

static Suite *
sim_suite(void)
{
	Suite	*su = suite_create("iossim");
	TCase	*tc;

	tc = tcase_create("shell");
	tcase_add_unchecked_fixture(tc, setup_main, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_prompt_echo_abbrev);
	tcase_add_test(tc, test_invalid_ambiguous);
	tcase_add_test(tc, test_paging);
	tcase_add_test(tc, test_enable);
	tcase_add_test(tc, test_reject_auth);
	tcase_add_test(tc, test_known_hosts);
	tcase_add_test(tc, test_legacy_algorithms);
	tcase_add_test(tc, test_asa_and_aaa);
	tcase_add_test(tc, test_exec_and_channels);
	tcase_add_test(tc, test_fault_stall_garbage);
	tcase_add_test(tc, test_fault_cut_huge_trickle);
	tcase_add_test(tc, test_states_counter);
	if (have_netmiko())
		tcase_add_test(tc, test_netmiko);
	else
		printf("NOTICE: netmiko not importable: test_netmiko not "
		    "registered (install python3-netmiko)\n");
	suite_add_tcase(su, tc);

	tc = tcase_create("reload");
	tcase_add_unchecked_fixture(tc, setup_main, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_sighup_host_key);
	tcase_add_test(tc, test_sigterm_exit);
	suite_add_tcase(su, tc);

	tc = tcase_create("scale");
	tcase_add_unchecked_fixture(tc, setup_scale, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_scale);
	suite_add_tcase(su, tc);
	return su;
}

int
main(void)
{
	SRunner	*sr;
	int	 nfail;

	signal(SIGPIPE, SIG_IGN);
	atexit(atexit_kill);
	ssh_init();
	sr = srunner_create(sim_suite());
	srunner_run_all(sr, CK_NORMAL);
	nfail = srunner_ntests_failed(sr);
	srunner_free(sr);
	ssh_finalize();
	return nfail == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

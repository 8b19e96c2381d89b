/*
 * check_metrics.c: /metrics, /healthz and --shard.
 *
 * The real daemon polls a simulated lab (hq: a healthy tunnel of two
 * flows with fixed counters and a tunnel stuck in MM_NO_STATE; fw: an ASA
 * whose counters grow; slow: commands answered 1.5 s late; down: nothing
 * listens) and serves metrics_listen on loopback. A plain HTTP/1.0 client
 * written here fetches /metrics; promtool checks the exposition and the
 * values are compared with what the simulator serves and the database
 * holds. Two daemons with --shard 1/2 and 2/2 split the same lab without
 * overlap, before and after a reload. The example Prometheus rules are
 * checked and unit-tested with promtool.
 */
#include <arpa/inet.h>
#include <check.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <math.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "config.h"
#include "shard.h"
#include "testutil.h"

#define INTERVAL	2
#define PASSWORD	"lab-secret-pw-7"
/* Test ports 16000-17999: 20 per run, apart from a run winding down. */
#define BASE_PORT	(16000 + (getpid() % 90) * 20)
#define NEDGE		5

struct lab {
	char	*dir;
	char	*labfile;
	char	*sim_log;
	pid_t	 sim;
	int	 port0;		/* sim ports port0..port0+9 */
	int	 mport;		/* metrics port */
	int	 mport2;	/* what a reload asks for */
	int	 down_port;	/* nothing listens */
};

struct daemon {
	char	*dir;
	char	*conf;
	char	*db;
	char	*log;
	pid_t	 pid;
};

/* ---- the lab ---- */

static const char isakmp_hq[] =
    "IPv4 Crypto ISAKMP SA\n"
    "dst             src             state          conn-id status\n"
    "198.51.100.2    192.0.2.1       QM_IDLE           1001 ACTIVE\n"
    "203.0.113.9     192.0.2.1       MM_NO_STATE       1002 ACTIVE\n"
    "\n"
    "IPv6 Crypto ISAKMP SA\n"
    "\n";

static const char map_hq[] =
    "\n"
    "Crypto Map IPv4 \"VPNMAP\" 10 ipsec-isakmp\n"
    "\tPeer = 198.51.100.2\n"
    "\tExtended IP access list VPN-ACL\n"
    "\t    access-list VPN-ACL permit ip 10.1.0.0 0.0.0.255 10.2.0.0 0.0.0.255\n"
    "\tCurrent peer: 198.51.100.2\n"
    "\tSecurity association lifetime: 4608000 kilobytes/3600 seconds\n"
    "\tPFS (Y/N): N\n"
    "\tTransform sets={ \n"
    "\t\tTS-AES256:  { esp-256-aes esp-sha256-hmac  } , \n"
    "\t}\n"
    "\n"
    "Crypto Map IPv4 \"VPNMAP\" 20 ipsec-isakmp\n"
    "\tPeer = 203.0.113.9\n"
    "\tExtended IP access list VPN-ACL2\n"
    "\t    access-list VPN-ACL2 permit ip 10.1.0.0 0.0.0.255 10.9.0.0 0.0.0.255\n"
    "\tCurrent peer: 203.0.113.9\n"
    "\tSecurity association lifetime: 4608000 kilobytes/3600 seconds\n"
    "\tPFS (Y/N): N\n"
    "\tTransform sets={ \n"
    "\t\tTS-AES256:  { esp-256-aes esp-sha256-hmac  } , \n"
    "\t}\n"
    "\tInterfaces using crypto map VPNMAP:\n"
    "\t\tGigabitEthernet0/0\n"
    "\n";

/* The counters hq serves, fixed: the metrics must say exactly these. */
#define HQ_ENC1	1000
#define HQ_DEC1	900
#define HQ_ENC2	234
#define HQ_DEC2	111

static void
esp_sa(char *buf, size_t len, const char *spi, int conn)
{
	size_t	 n = strlen(buf);

	snprintf(buf + n, len - n,
	    "      spi: %s\n"
	    "        transform: esp-256-aes esp-sha256-hmac ,\n"
	    "        in use settings ={Tunnel, }\n"
	    "        conn id: %d, flow_id: SW:1, sibling_flags 80000040, "
	    "crypto map: VPNMAP\n"
	    "        sa timing: remaining key lifetime (k/sec): (4607999/3247)\n"
	    "        IV size: 16 bytes\n"
	    "        replay detection support: Y\n"
	    "        Status: ACTIVE(ACTIVE)\n", spi, conn);
}

/* One flow of show crypto ipsec sa; no SA when spi_in is NULL. */
static void
flow(char *buf, size_t len, const char *remote, const char *peer,
    int enc, int dec, const char *spi_in, const char *spi_out)
{
	size_t	 n = strlen(buf);

	snprintf(buf + n, len - n,
	    "\n   protected vrf: (none)\n"
	    "   local  ident (addr/mask/prot/port): (10.1.0.0/255.255.255.0/0/0)\n"
	    "   remote ident (addr/mask/prot/port): (%s/255.255.255.0/0/0)\n"
	    "   current_peer %s port 500\n"
	    "     PERMIT, flags={origin_is_acl,}\n"
	    "    #pkts encaps: %d, #pkts encrypt: %d, #pkts digest: %d\n"
	    "    #pkts decaps: %d, #pkts decrypt: %d, #pkts verify: %d\n"
	    "    #pkts compressed: 0, #pkts decompressed: 0\n"
	    "    #pkts not compressed: 0, #pkts compr. failed: 0\n"
	    "    #pkts not decompressed: 0, #pkts decompress failed: 0\n"
	    "    #send errors 0, #recv errors 0\n\n"
	    "     local crypto endpt.: 192.0.2.1, remote crypto endpt.: %s\n"
	    "     plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb "
	    "GigabitEthernet0/0\n"
	    "     current outbound spi: %s\n"
	    "     PFS (Y/N): N, DH group: none\n\n"
	    "     inbound esp sas:\n", remote, peer, enc, enc, enc, dec, dec,
	    dec, peer, spi_out != NULL ? spi_out : "0x0(0)");
	if (spi_in != NULL)
		esp_sa(buf, len, spi_in, 2001);
	n = strlen(buf);
	snprintf(buf + n, len - n, "\n     inbound ah sas:\n\n"
	    "     inbound pcp sas:\n\n     outbound esp sas:\n");
	if (spi_out != NULL)
		esp_sa(buf, len, spi_out, 2002);
	n = strlen(buf);
	snprintf(buf + n, len - n, "\n     outbound ah sas:\n\n"
	    "     outbound pcp sas:\n");
}

static char *
ipsec_hq(void)
{
	size_t	 len = 16384;
	char	*buf = calloc(1, len);

	ck_assert_ptr_nonnull(buf);
	snprintf(buf, len, "\ninterface: GigabitEthernet0/0\n"
	    "    Crypto map tag: VPNMAP, local addr 192.0.2.1\n");
	flow(buf, len, "10.2.0.0", "198.51.100.2", HQ_ENC1, HQ_DEC1,
	    "0x1B2E4C7D(456019069)", "0x8A3C19F2(2319194610)");
	flow(buf, len, "10.2.1.0", "198.51.100.2", HQ_ENC2, HQ_DEC2,
	    "0x1B2E4C7E(456019070)", "0x8A3C19F3(2319194611)");
	/* The stuck peer: a flow from its crypto map, no SA, nothing sent. */
	flow(buf, len, "10.9.0.0", "203.0.113.9", 0, 0, NULL, NULL);
	return buf;
}

static cJSON *
lab_router(const char *name, int port, const char *platform)
{
	cJSON	*r = cJSON_CreateObject();

	cJSON_AddStringToObject(r, "name", name);
	cJSON_AddNumberToObject(r, "port", port);
	cJSON_AddStringToObject(r, "username", "noc");
	cJSON_AddStringToObject(r, "password", PASSWORD);
	cJSON_AddStringToObject(r, "platform", platform);
	return r;
}

static void
write_json(const char *path, const cJSON *j)
{
	char	*s = cJSON_Print(j);

	tu_write_file(path, 0644, "%s\n", s);
	free(s);
}

static void
write_lab(struct lab *l)
{
	cJSON	*lab = cJSON_CreateObject(), *rs, *r, *cmds, *f;
	char	*ipsec = ipsec_hq(), name[32];
	int	 i;

	cJSON_AddStringToObject(lab, "keys_dir", "keys");
	cJSON_AddStringToObject(lab, "known_hosts_out", "known_hosts");
	rs = cJSON_AddArrayToObject(lab, "routers");
	r = lab_router("hq", l->port0, "ios");
	cmds = cJSON_AddObjectToObject(r, "commands");
	cJSON_AddStringToObject(cmds, "show crypto isakmp sa", isakmp_hq);
	cJSON_AddStringToObject(cmds, "show crypto ipsec sa", ipsec);
	cJSON_AddStringToObject(cmds, "show crypto map", map_hq);
	cJSON_AddItemToArray(rs, r);
	cJSON_AddItemToArray(rs, lab_router("fw", l->port0 + 1, "asa"));
	r = lab_router("slow", l->port0 + 2, "ios");
	f = cJSON_AddObjectToObject(r, "faults");
	cJSON_AddNumberToObject(f, "slow", 1500);
	cJSON_AddItemToArray(rs, r);
	for (i = 1; i <= NEDGE; i++) {
		snprintf(name, sizeof(name), "edge-%d", i);
		cJSON_AddItemToArray(rs, lab_router(name, l->port0 + 2 + i,
		    "iosxe"));
	}
	write_json(l->labfile, lab);
	cJSON_Delete(lab);
	free(ipsec);
}

static void
lab_start(struct lab *l)
{
	memset(l, 0, sizeof(*l));
	l->dir = tu_mkdtemp();
	l->labfile = tu_path(l->dir, "lab.json");
	l->sim_log = tu_path(l->dir, "sim.log");
	l->port0 = BASE_PORT;
	l->mport = l->port0 + 10;
	l->mport2 = l->port0 + 11;
	l->down_port = l->port0 + 13;
	write_lab(l);
	l->sim = tu_start_sim(l->labfile, l->sim_log);
}

static void
lab_stop(struct lab *l)
{
	if (l->sim > 0)
		tu_stop(l->sim, SIGTERM, 5.0);
	tu_remove_dir(l->dir);
	free(l->dir);
	free(l->labfile);
	free(l->sim_log);
}

/* ---- the daemons ---- */

static const char *const fleet[] = {
	"hq", "fw", "slow", "down", "edge-1", "edge-2", "edge-3", "edge-4",
	"edge-5"
};
#define NFLEET	(sizeof(fleet) / sizeof(fleet[0]))

static int
fleet_port(const struct lab *l, const char *name)
{
	if (strcmp(name, "hq") == 0)
		return l->port0;
	if (strcmp(name, "fw") == 0)
		return l->port0 + 1;
	if (strcmp(name, "slow") == 0)
		return l->port0 + 2;
	if (strcmp(name, "down") == 0)
		return l->down_port;
	return l->port0 + 2 + atoi(name + 5);	/* edge-N */
}

static int
in_list(const char *name, const char *const *list, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (list[i] != NULL && strcmp(list[i], name) == 0)
			return 1;
	return 0;
}

/* The config: the routers of fleet[] but those in skip[]. */
static void
write_conf(const struct lab *l, const struct daemon *d, int mport,
    const char *const *skip, size_t nskip)
{
	cJSON	*c = cJSON_CreateObject(), *rs, *r;
	char	 listen[64];
	size_t	 i;

	cJSON_AddNumberToObject(c, "interval", INTERVAL);
	cJSON_AddNumberToObject(c, "connect_timeout", 8);
	cJSON_AddNumberToObject(c, "command_timeout", 5);
	cJSON_AddNumberToObject(c, "backoff_max", 4);
	cJSON_AddStringToObject(c, "database", d->db);
	cJSON_AddStringToObject(c, "known_hosts", "known_hosts");
	if (mport > 0) {
		snprintf(listen, sizeof(listen), "127.0.0.1:%d", mport);
		cJSON_AddStringToObject(c, "metrics_listen", listen);
	}
	rs = cJSON_AddArrayToObject(c, "routers");
	for (i = 0; i < NFLEET; i++) {
		if (in_list(fleet[i], skip, nskip))
			continue;
		r = cJSON_CreateObject();
		cJSON_AddStringToObject(r, "name", fleet[i]);
		cJSON_AddStringToObject(r, "host", "127.0.0.1");
		cJSON_AddNumberToObject(r, "port", fleet_port(l, fleet[i]));
		cJSON_AddStringToObject(r, "username", "noc");
		cJSON_AddStringToObject(r, "password_file", "pw");
		cJSON_AddItemToArray(rs, r);
	}
	write_json(d->conf, c);
	cJSON_Delete(c);
}

static void
daemon_init(const struct lab *l, struct daemon *d, const char *sub)
{
	char	 cmd[800];

	memset(d, 0, sizeof(*d));
	d->dir = tu_path(l->dir, sub);
	ck_assert_int_eq(mkdir(d->dir, 0700), 0);
	d->conf = tu_path(d->dir, "ipsecwatch.conf");
	d->db = tu_path(d->dir, "ipsecwatch.db");
	d->log = tu_path(d->dir, "daemon.log");
	{
		char *pw = tu_path(d->dir, "pw");
		tu_write_file(pw, 0600, "%s\n", PASSWORD);
		free(pw);
	}
	snprintf(cmd, sizeof(cmd), "cp '%s/known_hosts' '%s/known_hosts'",
	    l->dir, d->dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void
daemon_start(struct daemon *d, const char *shard)
{
	char	*bin = tu_path(tu_build_dir(), "ipsecwatchd");
	char	*argv[] = { bin, "-d", "-f", d->conf, NULL, NULL, NULL };

	if (shard != NULL) {
		argv[4] = "--shard";
		argv[5] = (char *)shard;
	}
	setenv("ASAN_OPTIONS", "quarantine_size_mb=4:detect_leaks=1", 1);
	d->pid = tu_spawn(argv, NULL, d->log);
	free(bin);
}

static void
daemon_stop(struct daemon *d)
{
	int	 status;

	if (d->pid > 0) {
		status = tu_stop(d->pid, SIGTERM, 8.0);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		    "ipsecwatchd exit status %d", status);
		d->pid = 0;
	}
	free(d->dir);
	free(d->conf);
	free(d->db);
	free(d->log);
}

/* ---- a plain HTTP/1.0 client ---- */

struct reply {
	int	 status;	/* -1: could not connect */
	char	*head;
	char	*body;
	size_t	 body_len;
};

static void
reply_free(struct reply *r)
{
	free(r->head);
	r->head = r->body = NULL;
}

static int
tcp_connect(int port)
{
	struct sockaddr_in	 sin;
	int			 s = socket(AF_INET, SOCK_STREAM, 0);

	ck_assert_int_ge(s, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(s, (struct sockaddr *)&sin, sizeof(sin)) != 0) {
		close(s);
		return -1;
	}
	return s;
}

/* Send raw, read to EOF (10 s at most), split head and body. */
static void
http_raw(int port, const char *raw, struct reply *rep)
{
	size_t	 len = 0, cap = 65536;
	char	*buf, *sep;
	double	 end = tu_now() + 10;
	int	 s;

	memset(rep, 0, sizeof(*rep));
	rep->status = -1;
	if ((s = tcp_connect(port)) < 0)
		return;
	ck_assert_int_eq(write(s, raw, strlen(raw)), (ssize_t)strlen(raw));
	buf = malloc(cap);
	ck_assert_ptr_nonnull(buf);
	while (tu_now() < end) {
		struct pollfd pfd = { s, POLLIN, 0 };
		ssize_t n;
		if (poll(&pfd, 1, 200) <= 0)
			continue;
		if (len + 4096 >= cap) {
			cap *= 2;
			buf = realloc(buf, cap);
			ck_assert_ptr_nonnull(buf);
		}
		if ((n = read(s, buf + len, cap - len - 1)) <= 0)
			break;
		len += (size_t)n;
	}
	close(s);
	buf[len] = '\0';
	rep->head = buf;
	ck_assert_msg((sep = strstr(buf, "\r\n\r\n")) != NULL,
	    "no end of headers in: %s", buf);
	*sep = '\0';
	rep->body = sep + 4;
	rep->body_len = len - (size_t)(rep->body - buf);
	ck_assert_int_eq(sscanf(buf, "HTTP/1.%*d %d", &rep->status), 1);
}

static void
http(int port, const char *method, const char *path, struct reply *rep)
{
	char	 req[256];

	snprintf(req, sizeof(req), "%s %s HTTP/1.0\r\n\r\n", method, path);
	http_raw(port, req, rep);
}

/* The value of one series (exact name and labels), or 0 when absent. */
static int
series(const char *body, const char *name, double *v)
{
	size_t		 n = strlen(name);
	const char	*p = body;

	while ((p = strstr(p, name)) != NULL) {
		if ((p == body || p[-1] == '\n') && p[n] == ' ')
			return sscanf(p + n + 1, "%lf", v) == 1;
		p += n;
	}
	return 0;
}

static double
must(const char *body, const char *name)
{
	double	 v = 0;

	ck_assert_msg(series(body, name, &v), "no series %s in:\n%s", name,
	    body);
	return v;
}

static int
count_lines(const char *body, const char *prefix)
{
	const char	*p = body;
	int		 n = 0;

	for (; p != NULL && *p != '\0'; p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (strncmp(p, prefix, strlen(prefix)) == 0)
			n++;
	return n;
}

/* Run cmd; its output (stdout and stderr) into out; returns the exit status. */
static int
run(const char *cmd, char *out, size_t outlen)
{
	FILE	*fp = popen(cmd, "r");
	size_t	 n = 0;
	int	 st;

	ck_assert_ptr_nonnull(fp);
	while (n + 1 < outlen && fgets(out + n, (int)(outlen - n), fp) != NULL)
		n = strlen(out);
	out[n] = '\0';
	while (fgetc(fp) != EOF)
		;
	st = pclose(fp);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Sockets of pid in LISTEN state (TCP, v4 and v6). */
static int
listening(pid_t pid)
{
	char	 path[128], link[128], line[512];
	unsigned long inodes[256], ino;
	unsigned st;
	size_t	 ni = 0, i;
	int	 n = 0;
	DIR	*dir;
	struct dirent *de;
	const char *const tables[] = { "/proc/net/tcp", "/proc/net/tcp6" };

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	ck_assert_ptr_nonnull(dir = opendir(path));
	while ((de = readdir(dir)) != NULL && ni < sizeof(inodes) / sizeof(inodes[0])) {
		char fdp[512];
		ssize_t k;
		snprintf(fdp, sizeof(fdp), "%s/%s", path, de->d_name);
		if ((k = readlink(fdp, link, sizeof(link) - 1)) <= 0)
			continue;
		link[k] = '\0';
		if (sscanf(link, "socket:[%lu]", &ino) == 1)
			inodes[ni++] = ino;
	}
	closedir(dir);
	for (i = 0; i < 2; i++) {
		FILE *fp = fopen(tables[i], "r");
		if (fp == NULL)
			continue;
		while (fgets(line, sizeof(line), fp) != NULL) {
			size_t j;
			if (sscanf(line, " %*s %*s %*s %x %*s %*s %*s %*s %*s %lu",
			    &st, &ino) != 2 || st != 0x0A)
				continue;
			for (j = 0; j < ni; j++)
				if (inodes[j] == ino)
					n++;
		}
		fclose(fp);
	}
	return n;
}

/* ---- --shard: the hash and the filter ---- */

START_TEST(test_shard_hash)
{
	/* FNV-1a 32 reference values: a change would reshuffle every fleet. */
	ck_assert_uint_eq(shard_hash(""), 0x811c9dc5u);
	ck_assert_uint_eq(shard_hash("a"), 0xe40c292cu);
	ck_assert_uint_eq(shard_hash("foobar"), 0xbf9cf968u);
}
END_TEST

START_TEST(test_shard_parse)
{
	static const char *const bad[] = {
		"", "1", "/2", "1/", "0/2", "3/2", "1/0", "0/0", "1/1025",
		"1025/1025", "+1/2", "-1/2", " 1/2", "1/2 ", "1/2/3", "a/b",
		"1.0/2", "99999/99999", "1/2x"
	};
	struct shard	 sh;
	size_t		 i;

	ck_assert_int_eq(shard_parse("1/1", &sh), 0);
	ck_assert_int_eq(sh.k, 1);
	ck_assert_int_eq(sh.n, 1);
	ck_assert_int_eq(shard_parse("7/16", &sh), 0);
	ck_assert_int_eq(sh.k, 7);
	ck_assert_int_eq(sh.n, 16);
	ck_assert_int_eq(shard_parse("1024/1024", &sh), 0);
	ck_assert_int_eq(shard_parse("1/1024", &sh), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(shard_parse(bad[i], &sh) == -1,
		    "--shard \"%s\" accepted", bad[i]);
	ck_assert_int_eq(shard_parse(NULL, &sh), -1);
}
END_TEST

START_TEST(test_shard_partition)
{
	static const int ns[] = { 1, 2, 3, 4, 7, 10, 16, 1024 };
	char		 name[32];
	int		 counts[1024];
	size_t		 t;
	int		 i, k, owners;

	for (t = 0; t < sizeof(ns) / sizeof(ns[0]); t++) {
		int n = ns[t];
		memset(counts, 0, sizeof(counts));
		for (i = 0; i < 1000; i++) {
			snprintf(name, sizeof(name), "router-%04d", i);
			owners = 0;
			for (k = 1; k <= n; k++) {
				struct shard sh = { k, n };
				if (shard_owns(&sh, name)) {
					owners++;
					counts[k - 1]++;
				}
			}
			ck_assert_msg(owners == 1, "%s is in %d of %d shards",
			    name, owners, n);
		}
		/* Roughly even: each share within 20% of 1000/N. */
		for (k = 0; n <= 16 && k < n; k++)
			ck_assert_msg(counts[k] * n >= 800 && counts[k] * n <= 1200,
			    "shard %d/%d has %d of 1000 routers", k + 1, n,
			    counts[k]);
	}
}
END_TEST

static struct config *
fake_conf(size_t n, int with_new)
{
	struct config	*c = calloc(1, sizeof(*c));
	size_t		 i, m = 0;

	ck_assert_ptr_nonnull(c);
	c->routers = calloc(2 * n, sizeof(*c->routers));
	ck_assert_ptr_nonnull(c->routers);
	for (i = 0; i < n; i++) {
		/* New names go in between the old ones, not only at the end. */
		if (with_new && i % 2 == 0)
			ck_assert_int_gt(asprintf(&c->routers[m++].name,
			    "new-%zu.lyon", i), 0);
		ck_assert_int_gt(asprintf(&c->routers[m++].name,
		    "br%zu.paris", i), 0);
	}
	c->nrouters = m;
	return c;
}

static int
keep_share(const struct router_conf *rc, void *arg)
{
	return shard_owns(arg, rc->name);
}

START_TEST(test_shard_stable)
{
	struct config	*before, *after;
	size_t		 i, total = 0, n = 1000;
	int		 k;

	for (k = 1; k <= 5; k++) {
		struct shard sh = { k, 5 };
		before = fake_conf(n, 0);
		after = fake_conf(n, 1);
		config_filter_routers(before, keep_share, &sh);
		config_filter_routers(after, keep_share, &sh);
		total += after->nrouters;
		/* Each kept router is this share's, by the hash alone. */
		for (i = 0; i < after->nrouters; i++)
			ck_assert_uint_eq(shard_hash(after->routers[i].name) % 5,
			    (unsigned)(k - 1));
		/* Adding names moved none of the existing ones. */
		for (i = 0; i < before->nrouters; i++)
			ck_assert_ptr_nonnull(config_router(after,
			    before->routers[i].name));
		for (i = 0; i < after->nrouters; i++)
			if (strncmp(after->routers[i].name, "br", 2) == 0)
				ck_assert_ptr_nonnull(config_router(before,
				    after->routers[i].name));
		config_free(before);
		config_free(after);
	}
	ck_assert_uint_eq(total, n + n / 2);
}
END_TEST

/* ---- the example Prometheus files ---- */

START_TEST(test_rules)
{
	char	 cmd[2048], out[16384], *tmp = tu_mkdtemp();
	const char *src = tu_src_dir();

	snprintf(cmd, sizeof(cmd), "promtool check rules "
	    "'%s/etc/prometheus/ipsecwatch-rules.yml' 2>&1", src);
	ck_assert_msg(run(cmd, out, sizeof(out)) == 0, "%s", out);
	ck_assert_msg(strstr(out, "SUCCESS: 7 rules found") != NULL, "%s", out);
	/* Each rule fires on the series it is for, and only on those. */
	snprintf(cmd, sizeof(cmd), "promtool test rules "
	    "'%s/tests/prometheus/ipsecwatch-rules.test.yml' 2>&1", src);
	ck_assert_msg(run(cmd, out, sizeof(out)) == 0, "%s", out);
	ck_assert_msg(strstr(out, "SUCCESS") != NULL, "%s", out);
	/* The scrape config, with its rule file where this tree has it. */
	snprintf(cmd, sizeof(cmd), "sed 's|/etc/prometheus/rules/|%s/etc/"
	    "prometheus/|' '%s/etc/prometheus/prometheus.yml.example' > "
	    "'%s/prometheus.yml' && promtool check config "
	    "'%s/prometheus.yml' 2>&1", src, src, tmp, tmp);
	ck_assert_msg(run(cmd, out, sizeof(out)) == 0, "%s", out);
	tu_remove_dir(tmp);
	free(tmp);
}
END_TEST

/* ---- the daemon's listener ---- */

#define HQ_OK	"{router=\"hq\",peer=\"198.51.100.2\"}"
#define HQ_BAD	"{router=\"hq\",peer=\"203.0.113.9\"}"
#define FW_OK	"{router=\"fw\",peer=\"198.51.100.2\"}"

static void
scrape(int port, struct reply *rep)
{
	http(port, "GET", "/metrics", rep);
	ck_assert_int_eq(rep->status, 200);
	ck_assert_msg(strstr(rep->head, "\r\nContent-Type: text/plain; "
	    "version=0.0.4; charset=utf-8") != NULL, "%s", rep->head);
}

/* Every router polled, hq's tunnels in, down failed at least once. */
static void
wait_polled(const struct lab *l, struct reply *rep)
{
	double	 end = tu_now() + 60, v;

	for (;;) {
		http(l->mport, "GET", "/metrics", rep);
		if (rep->status == 200 &&
		    series(rep->body, "ipsecwatch_tunnel_phase1_step" HQ_BAD, &v) &&
		    series(rep->body, "ipsecwatch_tunnel_encaps_packets_total"
		    FW_OK, &v) && series(rep->body,
		    "ipsecwatch_router_poll_failures_total{router=\"down\","
		    "platform=\"auto\"}", &v) && v >= 1 &&
		    count_lines(rep->body, "ipsecwatch_router_up{") == NFLEET)
			return;
		ck_assert_msg(tu_now() < end, "not every router polled in 60 s; "
		    "last /metrics (status %d):\n%s", rep->status,
		    rep->body ? rep->body : "");
		reply_free(rep);
		tu_sleep(0.5);
	}
}

static void
check_promtool(const char *dir, const struct reply *rep)
{
	char	*file = tu_path(dir, "metrics.txt"), cmd[1024], out[8192];

	tu_write_file(file, 0644, "%s", rep->body);
	snprintf(cmd, sizeof(cmd), "promtool check metrics < '%s' 2>&1", file);
	ck_assert_msg(run(cmd, out, sizeof(out)) == 0, "promtool: %s", out);
	ck_assert_msg(out[0] == '\0', "promtool complains: %s", out);
	free(file);
}

static void
check_values(const struct reply *rep)
{
	const char	*b = rep->body;
	double		 now = (double)time(NULL);

	/* hq's healthy tunnel: two flows, counters summed exactly. */
	ck_assert_int_eq(must(b, "ipsecwatch_tunnel_phase1_up" HQ_OK), 1);
	ck_assert_int_eq(must(b, "ipsecwatch_tunnel_phase1_step" HQ_OK), 7);
	ck_assert_int_eq(must(b, "ipsecwatch_tunnel_ipsec_sas" HQ_OK), 4);
	ck_assert_int_eq(must(b, "ipsecwatch_tunnel_encaps_packets_total"
	    HQ_OK), HQ_ENC1 + HQ_ENC2);
	ck_assert_int_eq(must(b, "ipsecwatch_tunnel_decaps_packets_total"
	    HQ_OK), HQ_DEC1 + HQ_DEC2);
	/* The stuck one: MM_NO_STATE waits for message 2; no SA, no traffic. */
	ck_assert_int_eq(must(b, "ipsecwatch_tunnel_phase1_up" HQ_BAD), 0);
	ck_assert_int_eq(must(b, "ipsecwatch_tunnel_phase1_step" HQ_BAD), 2);
	ck_assert_int_eq(must(b, "ipsecwatch_tunnel_ipsec_sas" HQ_BAD), 0);
	ck_assert_int_eq(must(b, "ipsecwatch_tunnel_encaps_packets_total"
	    HQ_BAD), 0);
	ck_assert_int_eq(count_lines(b, "ipsecwatch_tunnel_phase1_up{"
	    "router=\"hq\""), 2);
	/* The ASA: MM_ACTIVE, one flow. */
	ck_assert_int_eq(must(b, "ipsecwatch_tunnel_phase1_up" FW_OK), 1);
	ck_assert_int_eq(must(b, "ipsecwatch_tunnel_ipsec_sas" FW_OK), 2);
	/* Routers. */
	ck_assert_int_eq(must(b, "ipsecwatch_router_up{router=\"hq\","
	    "platform=\"ios\"}"), 1);
	ck_assert_int_eq(must(b, "ipsecwatch_router_poll_failures_total{"
	    "router=\"hq\",platform=\"ios\"}"), 0);
	ck_assert_int_ge(must(b, "ipsecwatch_router_polls_total{router=\"hq\","
	    "platform=\"ios\"}"), 1);
	ck_assert(fabs(must(b, "ipsecwatch_router_last_success_timestamp_seconds"
	    "{router=\"hq\",platform=\"ios\"}") - now) < 60);
	ck_assert_int_eq(must(b, "ipsecwatch_router_up{router=\"down\","
	    "platform=\"auto\"}"), 0);
	ck_assert_int_ge(must(b, "ipsecwatch_router_poll_failures_total{"
	    "router=\"down\",platform=\"auto\"}"), 1);
	ck_assert_int_eq(count_lines(b, "ipsecwatch_router_last_success_"
	    "timestamp_seconds{router=\"down\""), 0);
	ck_assert_int_eq(count_lines(b, "ipsecwatch_tunnel_phase1_up{"
	    "router=\"down\""), 0);
	ck_assert_int_eq(must(b, "ipsecwatch_routers"), NFLEET);
	ck_assert_int_eq(must(b, "ipsecwatch_shard_info{shard=\"1\","
	    "shards=\"1\"}"), 1);
	ck_assert_ptr_null(strstr(b, PASSWORD));
}

/* Each (kind, severity) of the database's open alerts, and only those. */
static int
alerts_match(const char *db, const char *body)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	char		 name[256];
	double		 v;
	int		 rows = 0, ok = 1;

	ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT kind, severity, "
	    "count(*) FROM open_alerts GROUP BY 1, 2", -1, &st, NULL),
	    SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(name, sizeof(name), "ipsecwatch_open_alerts{kind=\"%s\","
		    "severity=\"%s\"}", sqlite3_column_text(st, 0),
		    sqlite3_column_text(st, 1));
		if (!series(body, name, &v) || v != sqlite3_column_int(st, 2))
			ok = 0;
		rows++;
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return ok && rows > 0 && count_lines(body, "ipsecwatch_open_alerts{") ==
	    rows;
}

static void
check_alerts(const struct lab *l, const struct daemon *d)
{
	struct reply	 rep;
	double		 end = tu_now() + 60;
	int		 i;

	/* Raised after two polls: the stuck tunnel and the dead router. */
	while (tu_sql_int(d->db, "SELECT count(*) FROM open_alerts WHERE "
	    "router = 'hq' AND peer = '203.0.113.9'") < 1 ||
	    tu_sql_int(d->db, "SELECT count(*) FROM open_alerts WHERE "
	    "router = 'down'") < 1) {
		ck_assert_msg(tu_now() < end, "alerts not raised in 60 s");
		tu_sleep(0.5);
	}
	/* A poll may raise one between the scrape and the query: retry. */
	for (i = 0; i < 5; i++) {
		scrape(l->mport, &rep);
		if (alerts_match(d->db, rep.body))
			break;
		reply_free(&rep);
		tu_sleep(0.3);
	}
	ck_assert_msg(i < 5, "open alerts in /metrics differ from the database");
	ck_assert_int_ge(count_lines(rep.body, "ipsecwatch_open_alerts{kind="
	    "\"poll_failed\",severity=\"critical\"}"), 1);
	reply_free(&rep);
}

static void
check_http(const struct lab *l)
{
	struct reply	 rep;

	http(l->mport, "GET", "/healthz", &rep);
	ck_assert_int_eq(rep.status, 200);
	ck_assert_str_eq(rep.body, "ok\n");
	reply_free(&rep);
	/* HEAD: the headers of a GET, no body. */
	http(l->mport, "HEAD", "/metrics", &rep);
	ck_assert_int_eq(rep.status, 200);
	ck_assert_uint_eq(rep.body_len, 0);
	ck_assert_ptr_nonnull(strstr(rep.head, "\r\nContent-Length: "));
	reply_free(&rep);
	http(l->mport, "GET", "/metrics?x=1", &rep);
	ck_assert_int_eq(rep.status, 200);
	reply_free(&rep);
	http(l->mport, "GET", "/", &rep);
	ck_assert_int_eq(rep.status, 404);
	reply_free(&rep);
	http(l->mport, "GET", "/metricsx", &rep);
	ck_assert_int_eq(rep.status, 404);
	reply_free(&rep);
	http_raw(l->mport, "POST /metrics HTTP/1.0\r\nContent-Length: 2\r\n"
	    "\r\nhi", &rep);
	ck_assert_int_eq(rep.status, 405);
	ck_assert_ptr_nonnull(strstr(rep.head, "\r\nAllow: GET, HEAD"));
	reply_free(&rep);
	http(l->mport, "DELETE", "/healthz", &rep);
	ck_assert_int_eq(rep.status, 405);
	reply_free(&rep);
}

/* The ASA's counters grow between two polls, as the simulator serves. */
static void
check_counters_grow(const struct lab *l)
{
	struct reply	 rep;
	double		 first, now, end = tu_now() + 20;

	scrape(l->mport, &rep);
	first = must(rep.body, "ipsecwatch_tunnel_encaps_packets_total" FW_OK);
	reply_free(&rep);
	do {
		ck_assert_msg(tu_now() < end, "fw's encaps stuck at %.0f", first);
		tu_sleep(0.5);
		scrape(l->mport, &rep);
		now = must(rep.body, "ipsecwatch_tunnel_encaps_packets_total"
		    FW_OK);
		reply_free(&rep);
	} while (now == first);
	ck_assert(now > first);
}

/* A changed metrics_listen is not applied by a reload; logged once. */
static void
check_reload(const struct lab *l, struct daemon *d)
{
	struct reply	 rep;
	char		 needle[128];
	double		 end = tu_now() + 10;

	write_conf(l, d, l->mport2, NULL, 0);
	kill(d->pid, SIGHUP);
	while (tu_count_in_file(d->log, "metrics_listen change needs a "
	    "restart") == 0) {
		ck_assert_msg(tu_now() < end, "reload not logged");
		tu_sleep(0.2);
	}
	snprintf(needle, sizeof(needle), "still serving on 127.0.0.1:%d",
	    l->mport);
	ck_assert_int_eq(tu_count_in_file(d->log, needle), 1);
	ck_assert_int_eq(tu_count_in_file(d->log, "reloaded "), 1);
	http(l->mport, "GET", "/healthz", &rep);
	ck_assert_int_eq(rep.status, 200);
	reply_free(&rep);
	http(l->mport2, "GET", "/healthz", &rep);
	ck_assert_int_eq(rep.status, -1);
	ck_assert_int_eq(listening(d->pid), 1);
}

static int
slow_execs(const struct daemon *d)
{
	return tu_count_in_file(d->log, "router slow: prep -> exec") +
	    tu_count_in_file(d->log, "router slow: ready -> exec");
}

/*
 * SIGTERM while slow's poll runs (ten commands, 1.5 s each): the daemon
 * gives it time to finish, and meanwhile /healthz says it is stopping.
 */
static void
check_stopping(const struct lab *l, struct daemon *d)
{
	struct reply	 rep;
	double		 end = tu_now() + 40;
	int		 n = slow_execs(d);

	while (slow_execs(d) == n) {
		ck_assert_msg(tu_now() < end, "slow's poll never started");
		tu_sleep(0.1);
	}
	kill(d->pid, SIGTERM);
	tu_sleep(0.3);
	http(l->mport, "GET", "/healthz", &rep);
	ck_assert_int_eq(rep.status, 503);
	ck_assert_str_eq(rep.body, "stopping\n");
	reply_free(&rep);
}

START_TEST(test_metrics_lab)
{
	struct lab	 l;
	struct daemon	 d;
	struct reply	 rep;
	double		 end;

	lab_start(&l);
	daemon_init(&l, &d, "d");
	write_conf(&l, &d, l.mport, NULL, 0);
	daemon_start(&d, NULL);
	wait_polled(&l, &rep);
	check_promtool(l.dir, &rep);
	check_values(&rep);
	reply_free(&rep);
	check_http(&l);
	check_counters_grow(&l);
	check_alerts(&l, &d);
	/* slow's polls outlast the interval: counted as overruns. */
	end = tu_now() + 40;
	for (;;) {
		double v;
		scrape(l.mport, &rep);
		if (series(rep.body, "ipsecwatch_router_poll_overruns_total{"
		    "router=\"slow\",platform=\"ios\"}", &v) && v >= 1)
			break;
		ck_assert_msg(tu_now() < end, "no overrun counted for slow");
		reply_free(&rep);
		tu_sleep(0.5);
	}
	check_promtool(l.dir, &rep);
	reply_free(&rep);
	check_reload(&l, &d);
	check_stopping(&l, &d);
	ck_assert_int_eq(tu_count_in_file(d.log, PASSWORD), 0);
	daemon_stop(&d);
	lab_stop(&l);
}
END_TEST

/* metrics_listen on a port taken: the daemon does not start without it. */
START_TEST(test_bind_failure)
{
	struct lab		 l;
	struct daemon		 d;
	struct sockaddr_in	 sin;
	char			 needle[128], *kh;
	int			 s, status = -1;
	double			 end;

	memset(&l, 0, sizeof(l));
	l.dir = tu_mkdtemp();
	l.port0 = BASE_PORT;
	l.down_port = l.port0 + 13;
	kh = tu_path(l.dir, "known_hosts");
	tu_write_file(kh, 0644, "");
	free(kh);
	s = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)(l.port0 + 12));
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(s, (struct sockaddr *)&sin, sizeof(sin)), 0);
	ck_assert_int_eq(listen(s, 1), 0);
	daemon_init(&l, &d, "d");
	write_conf(&l, &d, l.port0 + 12, NULL, 0);
	daemon_start(&d, NULL);
	end = tu_now() + 10;
	while (waitpid(d.pid, &status, WNOHANG) != d.pid) {
		ck_assert_msg(tu_now() < end, "ipsecwatchd still runs");
		tu_sleep(0.05);
	}
	d.pid = 0;
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 1);
	snprintf(needle, sizeof(needle), "metrics_listen 127.0.0.1:%d: cannot "
	    "listen: Address already in use", l.port0 + 12);
	ck_assert_int_eq(tu_count_in_file(d.log, needle), 1);
	ck_assert_int_eq(tu_count_in_file(d.log, "started:"), 0);
	close(s);
	daemon_stop(&d);
	tu_remove_dir(l.dir);
	free(l.dir);
}
END_TEST

/* ---- --shard: two daemons split the lab ---- */

static int
owner(const char *name)
{
	struct shard	 one = { 1, 2 };

	return shard_owns(&one, name) ? 1 : 2;
}

/* Each configured router polled by its shard's daemon only. */
static void
check_split(struct daemon *a, struct daemon *b, const char *const *skip,
    size_t nskip)
{
	size_t	 i;
	long long n[3] = { 0, 0, 0 };

	for (i = 0; i < NFLEET; i++) {
		long long pa = tu_sql_int(a->db, "SELECT count(*) FROM polls "
		    "WHERE router = %Q", fleet[i]);
		long long pb = tu_sql_int(b->db, "SELECT count(*) FROM polls "
		    "WHERE router = %Q", fleet[i]);

		if (in_list(fleet[i], skip, nskip)) {
			ck_assert_msg(pa == 0 && pb == 0, "%s polled", fleet[i]);
			continue;
		}
		n[owner(fleet[i])]++;
		ck_assert_msg(owner(fleet[i]) == 1 ? pa > 0 && pb == 0 :
		    pa == 0 && pb > 0, "%s (shard %d/2): %lld polls by 1/2, "
		    "%lld by 2/2", fleet[i], owner(fleet[i]), pa, pb);
	}
	ck_assert_int_eq(tu_sql_int(a->db, "SELECT count(DISTINCT router) "
	    "FROM polls"), n[1]);
	ck_assert_int_eq(tu_sql_int(b->db, "SELECT count(DISTINCT router) "
	    "FROM polls"), n[2]);
	ck_assert(n[1] > 0 && n[2] > 0);
}

/* -n -v --shard prints the share; a bad --shard is a usage error. */
static void
check_noaction(const struct daemon *a, const char *const *skip, size_t nskip)
{
	static const char *const bad[] = { "0/2", "3/2", "1/1025", "2", "x/y",
	    "1/2x", "" };
	char	 cmd[1024], out[65536];
	cJSON	*j, *r;
	size_t	 i, n = 0;

	snprintf(cmd, sizeof(cmd), "'%s/ipsecwatchd' -n -v --shard 1/2 -f '%s' "
	    "2>/dev/null", tu_build_dir(), a->conf);
	ck_assert_int_eq(run(cmd, out, sizeof(out)), 0);
	ck_assert_ptr_nonnull(j = cJSON_Parse(out));
	cJSON_ArrayForEach(r, cJSON_GetObjectItem(j, "routers")) {
		const char *name = cJSON_GetObjectItem(r, "name")->valuestring;
		ck_assert_msg(owner(name) == 1, "-nv --shard 1/2 prints %s",
		    name);
		n++;
	}
	cJSON_Delete(j);
	for (i = 0; i < NFLEET; i++)
		if (!in_list(fleet[i], skip, nskip) && owner(fleet[i]) == 1)
			n--;
	ck_assert_uint_eq(n, 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(cmd, sizeof(cmd), "'%s/ipsecwatchd' -n --shard '%s' "
		    "-f '%s' 2>&1", tu_build_dir(), bad[i], a->conf);
		ck_assert_msg(run(cmd, out, sizeof(out)) == 2, "--shard '%s': %s",
		    bad[i], out);
		ck_assert_ptr_nonnull(strstr(out, "usage: ipsecwatchd"));
	}
}

static void
shard_logged(const struct daemon *d, int k, const char *const *skip,
    size_t nskip)
{
	char	 needle[64];
	size_t	 i, m = 0, t = 0;

	for (i = 0; i < NFLEET; i++)
		if (!in_list(fleet[i], skip, nskip)) {
			t++;
			m += owner(fleet[i]) == k;
		}
	snprintf(needle, sizeof(needle), "shard %d/2: %zu of %zu routers", k,
	    m, t);
	ck_assert_msg(tu_count_in_file(d->log, needle) == 1, "no \"%s\"",
	    needle);
}

START_TEST(test_shard_daemons)
{
	struct lab	 l;
	struct daemon	 a, b;
	/* slow: its first poll outlasts this test's wait */
	const char	*skip[3] = { "slow", NULL, NULL };
	char		 name[16];
	int		 i;

	/* Held back until the reload: one router of each shard. */
	for (i = 1; i <= NEDGE; i++) {
		snprintf(name, sizeof(name), "edge-%d", i);
		if (skip[owner(name)] == NULL)
			skip[owner(name)] = fleet[4 + i - 1];
	}
	ck_assert(skip[1] != NULL && skip[2] != NULL);
	lab_start(&l);
	daemon_init(&l, &a, "a");
	daemon_init(&l, &b, "b");
	write_conf(&l, &a, 0, skip, 3);
	write_conf(&l, &b, 0, skip, 3);
	check_noaction(&a, skip, 3);
	daemon_start(&a, "1/2");
	daemon_start(&b, "2/2");
	tu_sleep(3.5 * INTERVAL);
	check_split(&a, &b, skip, 3);
	shard_logged(&a, 1, skip, 3);
	shard_logged(&b, 2, skip, 3);
	/* metrics_listen absent: nothing listens. */
	ck_assert_int_eq(listening(a.pid), 0);
	ck_assert_int_eq(listening(b.pid), 0);

	/* The reload adds both: each daemon starts only its own. */
	write_conf(&l, &a, 0, skip, 1);
	write_conf(&l, &b, 0, skip, 1);
	kill(a.pid, SIGHUP);
	kill(b.pid, SIGHUP);
	tu_sleep(3.5 * INTERVAL);
	check_split(&a, &b, skip, 1);
	shard_logged(&a, 1, skip, 1);
	shard_logged(&b, 2, skip, 1);
	daemon_stop(&a);
	daemon_stop(&b);
	lab_stop(&l);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("metrics");
	TCase	*unit = tcase_create("shard");
	TCase	*rules = tcase_create("rules");
	TCase	*lab = tcase_create("daemon");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(unit, test_shard_hash);
	tcase_add_test(unit, test_shard_parse);
	tcase_add_test(unit, test_shard_partition);
	tcase_add_test(unit, test_shard_stable);
	suite_add_tcase(s, unit);
	tcase_set_timeout(rules, 60);
	tcase_add_test(rules, test_rules);
	suite_add_tcase(s, rules);
	tcase_set_timeout(lab, 240);
	tcase_add_test(lab, test_metrics_lab);
	tcase_add_test(lab, test_bind_failure);
	tcase_add_test(lab, test_shard_daemons);
	suite_add_tcase(s, lab);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}

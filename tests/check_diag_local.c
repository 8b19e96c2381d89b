/*
 * check_diag_local.c: the one-router checks (lib/diag_local.c) on
 * snapshots built from pasted transcripts by the real parsers, IOS and
 * ASA; the over-time checks on two or more of them; and the ranking of
 * diag.c (each case has one router, so no pair is formed).
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "snapshot.h"

#define PEER	"198.51.100.2"
#define MAXSN	6

/* ---- transcripts: hq-1 (IOS 15) and fw-1 (ASA 9.12) ---- */

#define IOS_MAP \
"hq-1#show crypto map\n" \
"\n" \
"Crypto Map IPv4 \"VPNMAP\" 10 ipsec-isakmp\n" \
"\tPeer = 198.51.100.2\n" \
"\tExtended IP access list VPN-ACL\n" \
"\t    access-list VPN-ACL permit ip 10.1.0.0 0.0.0.255 10.2.0.0 0.0.0.255\n" \
"\tCurrent peer: 198.51.100.2\n" \
"\tSecurity association lifetime: 4608000 kilobytes/3600 seconds\n" \
"\tResponder-Only (Y/N): N\n" \
"\tPFS (Y/N): N\n" \
"\tMixed-mode : Disabled\n" \
"\tTransform sets={ \n" \
"\t\tTS-AES256:  { esp-256-aes esp-sha256-hmac  } , \n" \
"\t}\n" \
"\tInterfaces using crypto map VPNMAP:\n" \
"\t\tGigabitEthernet0/0\n" \
"\n"

#define IOS_POLICY \
"hq-1#show crypto isakmp policy\n" \
"\n" \
"Global IKE policy\n" \
"Protection suite of priority 10\n" \
"\tencryption algorithm:\tAES - Advanced Encryption Standard (256 bit keys).\n" \
"\thash algorithm:\t\tSecure Hash Standard 2 (256 bit)\n" \
"\tauthentication method:\tPre-Shared Key\n" \
"\tDiffie-Hellman group:\t#14 (2048 bit)\n" \
"\tlifetime:\t\t86400 seconds, no volume limit\n"

#define IOS_TSET \
"hq-1#show crypto ipsec transform-set\n" \
"Transform set default: { esp-aes esp-sha-hmac  } \n" \
"   will negotiate = { Transport,  }, \n" \
"   \n" \
"\n" \
"Transform set TS-AES256: { esp-256-aes esp-sha256-hmac  } \n" \
"   will negotiate = { Tunnel,  }, \n" \
"\n"

#define IOS_RUN_HEAD \
"hq-1#show running-config | include crypto isakmp|crypto ikev2|crypto keyring|pre-shared-key|keepalive|nat\n" \
"crypto isakmp policy 10\n" \
"crypto isakmp key 6 FLgBaJHXdYY_AcHZZMgQ_RhTDJXHUBAAB address 198.51.100.2\n"

#define IOS_RUN IOS_RUN_HEAD "crypto isakmp keepalive 30 5 periodic\n"

#define IOS_ROUTE_OK \
"hq-1#show ip route 198.51.100.2\n" \
"Routing entry for 0.0.0.0/0, supernet\n" \
"  Known via \"static\", distance 1, metric 0, candidate default path\n" \
"  Routing Descriptor Blocks:\n" \
"  * 192.0.2.254, via GigabitEthernet0/0\n" \
"      Route metric is 0, traffic share count is 1\n"

#define IOS_ROUTE_NONE \
"hq-1#show ip route 198.51.100.2\n" \
"% Network not in table\n"

#define IOS_ROUTE_GI1 \
"hq-1#show ip route 198.51.100.2\n" \
"Routing entry for 198.51.100.0/24\n" \
"  Known via \"static\", distance 1, metric 0\n" \
"  Routing Descriptor Blocks:\n" \
"  * 203.0.113.254, via GigabitEthernet0/1\n" \
"      Route metric is 0, traffic share count is 1\n"

#define IOS_LOG_HEAD \
"hq-1#show logging | include CRYPTO|ISAKMP|IPSEC|IKEv2|DPD\n"

static const char *
ios_isakmp(const char *state, int conn)
{
	static char	 buf[512];

	snprintf(buf, sizeof(buf),
	    "hq-1#show crypto isakmp sa\n"
	    "IPv4 Crypto ISAKMP SA\n"
	    "dst             src             state          conn-id status\n"
	    "198.51.100.2    192.0.2.1       %-17s %4d ACTIVE\n"
	    "\n"
	    "IPv6 Crypto ISAKMP SA\n"
	    "\n", state, conn);
	return buf;
}

#define IOS_ISAKMP_EMPTY \
"hq-1#show crypto isakmp sa\n" \
"IPv4 Crypto ISAKMP SA\n" \
"dst             src             state          conn-id status\n" \
"\n" \
"IPv6 Crypto ISAKMP SA\n" \
"\n"

#define IOS_ESP(spi, conn) \
"      spi: " spi "\n" \
"        transform: esp-256-aes esp-sha256-hmac ,\n" \
"        in use settings ={Tunnel, }\n" \
"        conn id: " conn ", flow_id: SW:1, sibling_flags 80000040, crypto map: VPNMAP\n" \
"        sa timing: remaining key lifetime (k/sec): (4607999/3247)\n" \
"        IV size: 16 bytes\n" \
"        replay detection support: Y\n" \
"        Status: ACTIVE(ACTIVE)\n"

/*
 * "show crypto ipsec sa" with one flow to PEER: the SAs up with the given
 * outbound SPI (0: none, the Phase 2 never built), the counters, and the
 * peer port (4500 behind NAT).
 */
static const char *
ios_ipsec(unsigned spi, long long enc, long long dec, int port)
{
	static char	 buf[4096];
	char		 sas[1024];

	if (spi != 0)
		snprintf(sas, sizeof(sas),
		    "     inbound esp sas:\n"
		    IOS_ESP("0x1B2E4C7D(456019069)", "2001")
		    "\n"
		    "     inbound ah sas:\n"
		    "\n"
		    "     inbound pcp sas:\n"
		    "\n"
		    "     outbound esp sas:\n"
		    "      spi: 0x%X(%u)\n"
		    "        transform: esp-256-aes esp-sha256-hmac ,\n"
		    "        in use settings ={Tunnel, }\n"
		    "        conn id: 2002, flow_id: SW:2, sibling_flags 80000040, crypto map: VPNMAP\n"
		    "        sa timing: remaining key lifetime (k/sec): (4607999/3247)\n"
		    "        IV size: 16 bytes\n"
		    "        replay detection support: Y\n"
		    "        Status: ACTIVE(ACTIVE)\n"
		    "\n"
		    "     outbound ah sas:\n"
		    "\n"
		    "     outbound pcp sas:\n", spi, spi);
	else
		snprintf(sas, sizeof(sas),
		    "     inbound esp sas:\n\n     inbound ah sas:\n\n"
		    "     inbound pcp sas:\n\n     outbound esp sas:\n\n"
		    "     outbound ah sas:\n\n     outbound pcp sas:\n");
	snprintf(buf, sizeof(buf),
	    "hq-1#show crypto ipsec sa\n"
	    "\n"
	    "interface: GigabitEthernet0/0\n"
	    "    Crypto map tag: VPNMAP, local addr 192.0.2.1\n"
	    "\n"
	    "   protected vrf: (none)\n"
	    "   local  ident (addr/mask/prot/port): (10.1.0.0/255.255.255.0/0/0)\n"
	    "   remote ident (addr/mask/prot/port): (10.2.0.0/255.255.255.0/0/0)\n"
	    "   current_peer 198.51.100.2 port %d\n"
	    "     PERMIT, flags={origin_is_acl,}\n"
	    "    #pkts encaps: %lld, #pkts encrypt: %lld, #pkts digest: %lld\n"
	    "    #pkts decaps: %lld, #pkts decrypt: %lld, #pkts verify: %lld\n"
	    "    #pkts compressed: 0, #pkts decompressed: 0\n"
	    "    #pkts not compressed: 0, #pkts compr. failed: 0\n"
	    "    #pkts not decompressed: 0, #pkts decompress failed: 0\n"
	    "    #send errors 0, #recv errors 0\n"
	    "\n"
	    "     local crypto endpt.: 192.0.2.1, remote crypto endpt.: 198.51.100.2\n"
	    "     plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet0/0\n"
	    "     current outbound spi: 0x%X(%u)\n"
	    "     PFS (Y/N): N, DH group: none\n"
	    "\n"
	    "%s", port, enc, enc, enc, dec, dec, dec, spi, spi, sas);
	return buf;
}

/* ASA */

#define ASA_MAP \
"fw-1# show running-config crypto map\n" \
"crypto map VPNMAP 10 match address VPN-ACL\n" \
"crypto map VPNMAP 10 set peer 198.51.100.2 \n" \
"crypto map VPNMAP 10 set ikev1 transform-set TS-AES256\n" \
"crypto map VPNMAP interface outside\n"

static const char *
asa_isakmp(const char *state)
{
	static char	 buf[512];

	snprintf(buf, sizeof(buf),
	    "fw-1# show crypto isakmp sa\n"
	    "\n"
	    "IKEv1 SAs:\n"
	    "\n"
	    "   Active SA: 1\n"
	    "    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)\n"
	    "Total IKE SA: 1\n"
	    "\n"
	    "1   IKE Peer: 198.51.100.2\n"
	    "    Type    : L2L             Role    : initiator \n"
	    "    Rekey   : no              State   : %s \n"
	    "\n"
	    "There are no IKEv2 SAs\n", state);
	return buf;
}

#define ASA_RUN(ka) \
"fw-1# show running-config | include crypto|tunnel-group|pre-shared-key|keepalive|nat-traversal\n" \
"crypto ipsec ikev1 transform-set TS-AES256 esp-aes-256 esp-sha-256-hmac \n" \
"crypto map VPNMAP 10 match address VPN-ACL\n" \
"crypto map VPNMAP 10 set peer 198.51.100.2 \n" \
"crypto map VPNMAP interface outside\n" \
"crypto ikev1 enable outside\n" \
"tunnel-group 198.51.100.2 type ipsec-l2l\n" \
"tunnel-group 198.51.100.2 ipsec-attributes\n" \
" ikev1 pre-shared-key *****\n" \
ka

/* ---- building routers ---- */

struct rtr {
	cJSON			*json[MAXSN];
	struct diag_snapshot	 snaps[MAXSN];
	struct diag_router	 r;
	struct diag_findings	 fs;
};

static void
add_snap(struct rtr *t, const char *text, time_t at)
{
	struct snapshot_info	 info;
	size_t			 i = t->r.nsnaps;

	ck_assert_uint_lt(i, MAXSN);
	t->json[i] = snapshot_from_transcript(text, strlen(text),
	    PLATFORM_AUTO, NULL, 0, &info);
	ck_assert_ptr_nonnull(t->json[i]);
	ck_assert_uint_eq(info.failed, 0);
	t->snaps[i].at = at;
	t->snaps[i].probes = t->json[i];
	t->r.nsnaps = i + 1;
}

static void
rtr_init(struct rtr *t, const char *name, enum platform plat)
{
	memset(t, 0, sizeof(*t));
	t->r.name = name;
	t->r.platform = plat;
	t->r.snaps = t->snaps;
}

static void
rtr_free(struct rtr *t)
{
	size_t	 i;

	for (i = 0; i < t->r.nsnaps; i++)
		cJSON_Delete(t->json[i]);
	diag_findings_free(&t->fs);
}

/* Concatenate transcript pieces (NULL-terminated) into buf. */
static const char *
cat(char *buf, size_t len, ...)
{
	va_list		 ap;
	const char	*s;
	size_t		 n = 0;

	buf[0] = '\0';
	va_start(ap, len);
	while ((s = va_arg(ap, const char *)) != NULL) {
		ck_assert_uint_lt(n + strlen(s), len);
		memcpy(buf + n, s, strlen(s) + 1);
		n += strlen(s);
	}
	va_end(ap);
	return buf;
}

static void
run_local(struct rtr *t)
{
	struct diag_opts	 o;

	diag_opts_default(&o);
	diag_local(&t->r, &o, &t->fs);
}

static void
run_ranked(struct rtr *t)
{
	diag_run(&t->r, 1, NULL, &t->fs);
}

static int
has(const struct strv *sv, const char *sub)
{
	size_t	 i;

	for (i = 0; i < sv->n; i++)
		if (strstr(sv->v[i], sub) != NULL)
			return 1;
	return 0;
}

static int
has_exact(const struct strv *sv, const char *s)
{
	size_t	 i;

	for (i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return 1;
	return 0;
}

static struct diag_finding *
must(struct rtr *t, const char *kind, const char *peer, const char *sev)
{
	struct diag_finding	*f;

	f = diag_find(&t->fs, kind, t->r.name, peer);
	ck_assert_msg(f != NULL, "no %s finding for %s", kind,
	    peer ? peer : "(router)");
	ck_assert_str_eq(f->severity, sev);
	ck_assert_str_eq(f->peer, peer ? peer : "");
	ck_assert_msg(f->summary[0] != '\0', "%s without summary", kind);
	return f;
}

static void
none(struct rtr *t, const char *kind, const char *peer)
{
	ck_assert_msg(diag_find(&t->fs, kind, t->r.name, peer) == NULL,
	    "unexpected %s", kind);
}

static void
dump(const struct rtr *t)
{
	if (getenv("DIAG_DUMP") != NULL)
		diag_findings_text(&t->fs, stderr);
}

#define T0	1764396000	/* 2025-11-29 06:00:00 UTC */
static char	 b1[16384], b2[16384], b3[16384];

/* ---- healthy ---- */

START_TEST(healthy_ios_two_polls)
{
	struct rtr	 t;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	add_snap(&t, cat(b1, sizeof(b1), ios_isakmp("QM_IDLE", 1001),
	    ios_ipsec(0x8A3C19F2, 1000, 990, 500), IOS_MAP, IOS_POLICY,
	    IOS_TSET, IOS_RUN, IOS_ROUTE_OK, IOS_LOG_HEAD,
	    "*Nov 29 06:01:05.559: %CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is ON\n",
	    NULL), T0);
	add_snap(&t, cat(b2, sizeof(b2), ios_isakmp("QM_IDLE", 1001),
	    ios_ipsec(0x8A3C19F2, 1500, 1480, 500), IOS_MAP, IOS_POLICY,
	    IOS_TSET, IOS_RUN, IOS_ROUTE_OK, NULL), T0 + 60);
	run_local(&t);
	dump(&t);
	ck_assert_uint_eq(t.fs.n, 0);
	rtr_free(&t);
}
END_TEST

START_TEST(healthy_asa)
{
	struct rtr	 t;

	rtr_init(&t, "fw-1", PLATFORM_AUTO);
	cat(b1, sizeof(b1), asa_isakmp("MM_ACTIVE"), ASA_MAP,
	    ASA_RUN(" isakmp keepalive threshold 30 retry 5\n"),
	    "fw-1# show route 198.51.100.2\n"
	    "\n"
	    "Routing entry for 0.0.0.0 0.0.0.0, supernet\n"
	    "  Known via \"static\", distance 1, metric 0, candidate default path\n"
	    "  Routing Descriptor Blocks:\n"
	    "  * 192.0.2.254, via outside\n"
	    "      Route metric is 0, traffic share count is 1\n", NULL);
	add_snap(&t, b1, T0);
	run_local(&t);
	dump(&t);
	ck_assert_uint_eq(t.fs.n, 0);
	rtr_free(&t);
}
END_TEST

/* ---- poll failures ---- */

START_TEST(poll_failed_hostkey)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	/* An earlier poll saw a stuck tunnel: a failed poll says nothing. */
	add_snap(&t, cat(b1, sizeof(b1), ios_isakmp("MM_NO_STATE", 1012),
	    NULL), T0);
	t.snaps[1].at = T0 + 60;
	t.snaps[1].poll_status = "hostkey";
	t.snaps[1].poll_error = "host key changed";
	t.r.nsnaps = 2;
	run_local(&t);
	dump(&t);
	ck_assert_uint_eq(t.fs.n, 1);
	f = must(&t, K_POLL_FAILED, NULL, S_CRITICAL);
	ck_assert_ptr_nonnull(strstr(f->summary, "hostkey"));
	ck_assert(has_exact(&f->fix, "ipsecwatch trust hq-1"));
	ck_assert(has(&f->evidence, "poll: hostkey: host key changed"));
	rtr_free(&t);
}
END_TEST

START_TEST(poll_failed_auth_timeout)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	t.snaps[0].at = T0;
	t.snaps[0].poll_status = "auth";
	t.r.nsnaps = 1;
	run_local(&t);
	f = must(&t, K_POLL_FAILED, NULL, S_CRITICAL);
	ck_assert(has(&f->verify, "show aaa sessions"));
	ck_assert(!has(&f->fix, "ipsecwatch trust"));
	diag_findings_free(&t.fs);
	t.snaps[0].poll_status = "timeout";
	run_local(&t);
	f = must(&t, K_POLL_FAILED, NULL, S_CRITICAL);
	ck_assert(has(&f->verify, "ping hq-1"));
	ck_assert(has_exact(&f->fix, "ip ssh version 2"));
	rtr_free(&t);
}
END_TEST

/* ---- Phase 1 ---- */

START_TEST(phase1_down_no_state_single)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	cat(b1, sizeof(b1), ios_isakmp("MM_NO_STATE", 1012), NULL);
	add_snap(&t, cat(b2, sizeof(b2), b1, IOS_MAP, IOS_ROUTE_OK, NULL), T0);
	run_local(&t);
	dump(&t);
	f = must(&t, K_PHASE1_DOWN, PEER, S_CRITICAL);
	ck_assert(has_exact(&f->evidence, "isakmp_sa: dst 198.51.100.2 src "
	    "192.0.2.1 state MM_NO_STATE conn-id 1012"));
	none(&t, K_PHASE1_STUCK, PEER);
	rtr_free(&t);
}
END_TEST

START_TEST(phase1_down_no_sa)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	add_snap(&t, cat(b1, sizeof(b1), IOS_ISAKMP_EMPTY, IOS_MAP, NULL), T0);
	run_local(&t);
	f = must(&t, K_PHASE1_DOWN, PEER, S_CRITICAL);
	ck_assert(has(&f->evidence, "isakmp_sa: no SA for 198.51.100.2"));
	rtr_free(&t);
}
END_TEST

START_TEST(phase1_stuck_no_state)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	cat(b1, sizeof(b1), ios_isakmp("MM_NO_STATE", 1012), NULL);
	add_snap(&t, cat(b2, sizeof(b2), b1, IOS_MAP, NULL), T0);
	cat(b1, sizeof(b1), ios_isakmp("MM_NO_STATE", 1013), NULL);
	add_snap(&t, cat(b3, sizeof(b3), b1, IOS_MAP, NULL), T0 + 60);
	run_local(&t);
	dump(&t);
	f = must(&t, K_PHASE1_STUCK, PEER, S_CRITICAL);
	ck_assert_ptr_nonnull(strstr(f->summary,
	    "waiting for the peer's second Main Mode message (MM_NO_STATE)"));
	ck_assert_ptr_null(strstr(f->summary, "authentication"));
	ck_assert(has_exact(&f->evidence, "isakmp_sa: dst 198.51.100.2 src "
	    "192.0.2.1 state MM_NO_STATE conn-id 1013 (2 polls)"));
	none(&t, K_PHASE1_DOWN, PEER);
	rtr_free(&t);
}
END_TEST

START_TEST(phase1_moving_not_stuck)
{
	struct rtr	 t;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	cat(b1, sizeof(b1), ios_isakmp("MM_SA_SETUP", 1012), NULL);
	add_snap(&t, cat(b2, sizeof(b2), b1, IOS_MAP, NULL), T0);
	cat(b1, sizeof(b1), ios_isakmp("MM_KEY_EXCH", 1012), NULL);
	add_snap(&t, cat(b3, sizeof(b3), b1, IOS_MAP, NULL), T0 + 60);
	run_local(&t);
	none(&t, K_PHASE1_STUCK, PEER);
	none(&t, K_PHASE1_DOWN, PEER);
	rtr_free(&t);
}
END_TEST

START_TEST(phase1_stuck_asa_msg5)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "fw-1", PLATFORM_ASA);
	add_snap(&t, cat(b1, sizeof(b1), asa_isakmp("MM_WAIT_MSG5"), ASA_MAP,
	    NULL), T0);
	add_snap(&t, cat(b2, sizeof(b2), asa_isakmp("MM_WAIT_MSG5"), ASA_MAP,
	    NULL), T0 + 60);
	run_local(&t);
	dump(&t);
	f = must(&t, K_PHASE1_STUCK, PEER, S_CRITICAL);
	ck_assert_ptr_nonnull(strstr(f->summary, "authentication"));
	ck_assert_ptr_nonnull(strstr(f->summary, "MM_WAIT_MSG5"));
	ck_assert(has_exact(&f->evidence, "isakmp_sa: peer 198.51.100.2 state "
	    "MM_WAIT_MSG5 role initiator (2 polls)"));
	rtr_free(&t);
}
END_TEST

/* ---- Phase 2 ---- */

START_TEST(phase2_missing_spi0)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	cat(b1, sizeof(b1), ios_isakmp("QM_IDLE", 1001), NULL);
	add_snap(&t, cat(b2, sizeof(b2), b1, ios_ipsec(0, 0, 0, 500), IOS_MAP,
	    NULL), T0);
	run_local(&t);
	dump(&t);
	f = must(&t, K_PHASE2_MISSING, PEER, S_CRITICAL);
	ck_assert(has(&f->evidence, "current outbound spi 0x0"));
	ck_assert(has(&f->evidence, "local ident 10.1.0.0/24 remote ident "
	    "10.2.0.0/24"));
	ck_assert(has(&f->evidence, "state QM_IDLE"));
	none(&t, K_PHASE1_DOWN, PEER);
	none(&t, K_COUNTERS_ZERO, PEER);
	rtr_free(&t);
}
END_TEST

/* ---- traffic over time ---- */

static void
two_polls(struct rtr *t, unsigned spi0, long long e0, long long d0,
    unsigned spi1, long long e1, long long d1)
{
	rtr_init(t, "hq-1", PLATFORM_IOS);
	cat(b1, sizeof(b1), ios_isakmp("QM_IDLE", 1001), NULL);
	add_snap(t, cat(b2, sizeof(b2), b1, ios_ipsec(spi0, e0, d0, 500),
	    IOS_MAP, NULL), T0);
	add_snap(t, cat(b3, sizeof(b3), b1, ios_ipsec(spi1, e1, d1, 500),
	    IOS_MAP, NULL), T0 + 300);
	run_local(t);
	dump(t);
}

START_TEST(one_way_outbound)
{
	struct rtr		 t;
	struct diag_finding	*f;

	two_polls(&t, 0x8A3C19F2, 100, 50, 0x8A3C19F2, 200, 50);
	f = must(&t, K_ONE_WAY, PEER, S_WARNING);
	ck_assert_ptr_nonnull(strstr(f->summary, "outbound only"));
	ck_assert_ptr_nonnull(strstr(f->summary, "encaps +100"));
	ck_assert(has(&f->evidence, "#pkts encaps: 100 -> 200, #pkts decaps: "
	    "50 -> 50 (300 s apart)"));
	ck_assert(has_exact(&f->verify, "show crypto ipsec sa peer "
	    "198.51.100.2 | include pkts"));
	none(&t, K_COUNTERS_ZERO, PEER);
	rtr_free(&t);
}
END_TEST

START_TEST(one_way_inbound)
{
	struct rtr		 t;
	struct diag_finding	*f;

	two_polls(&t, 0x8A3C19F2, 100, 50, 0x8A3C19F2, 100, 90);
	f = must(&t, K_ONE_WAY, PEER, S_WARNING);
	ck_assert_ptr_nonnull(strstr(f->summary, "inbound only"));
	ck_assert_ptr_nonnull(strstr(f->summary, "decaps +40"));
	rtr_free(&t);
}
END_TEST

START_TEST(counters_frozen)
{
	struct rtr		 t;
	struct diag_finding	*f;

	two_polls(&t, 0x8A3C19F2, 100, 50, 0x8A3C19F2, 100, 50);
	f = must(&t, K_COUNTERS_ZERO, PEER, S_WARNING);
	ck_assert_ptr_nonnull(strstr(f->summary, "frozen"));
	none(&t, K_ONE_WAY, PEER);
	rtr_free(&t);
}
END_TEST

START_TEST(counters_zero_single)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	cat(b1, sizeof(b1), ios_isakmp("QM_IDLE", 1001), NULL);
	add_snap(&t, cat(b2, sizeof(b2), b1, ios_ipsec(0x8A3C19F2, 0, 0, 500),
	    IOS_MAP, NULL), T0);
	run_local(&t);
	f = must(&t, K_COUNTERS_ZERO, PEER, S_WARNING);
	ck_assert(has(&f->evidence, "#pkts encaps: 0, #pkts decaps: 0"));
	none(&t, K_PHASE2_MISSING, PEER);
	rtr_free(&t);
}
END_TEST

START_TEST(reset_is_not_traffic)
{
	struct rtr	 t;

	/* New SPI, counters restarted: a rebuild, not one-way traffic. */
	two_polls(&t, 0x8A3C19F2, 5000, 4000, 0x11223344, 10, 4000 - 3990);
	none(&t, K_ONE_WAY, PEER);
	none(&t, K_COUNTERS_ZERO, PEER);
	rtr_free(&t);
	/* Same SPI, a counter went down: no negative traffic either. */
	two_polls(&t, 0x8A3C19F2, 5000, 4000, 0x8A3C19F2, 6000, 3000);
	none(&t, K_ONE_WAY, PEER);
	none(&t, K_COUNTERS_ZERO, PEER);
	rtr_free(&t);
	/* A new SPI: the deltas would span two SAs. */
	two_polls(&t, 0x8A3C19F2, 100, 50, 0x11223344, 150, 50);
	none(&t, K_ONE_WAY, PEER);
	none(&t, K_COUNTERS_ZERO, PEER);
	rtr_free(&t);
}
END_TEST

START_TEST(ipsec_up_without_isakmp_sa)
{
	struct rtr	 t;

	/* The IKEv1 SA expired (or IKEv2, not polled): the tunnel is up. */
	rtr_init(&t, "hq-1", PLATFORM_IOS);
	add_snap(&t, cat(b1, sizeof(b1), IOS_ISAKMP_EMPTY,
	    ios_ipsec(0x8A3C19F2, 10, 10, 500), IOS_MAP, NULL), T0);
	run_local(&t);
	none(&t, K_PHASE1_DOWN, PEER);
	ck_assert_uint_eq(t.fs.n, 0);
	rtr_free(&t);
}
END_TEST

#define PEER2	"203.0.113.9"
#define IOS_MAP2 \
"hq-1#show crypto map\n" \
"Crypto Map IPv4 \"VPNMAP\" 10 ipsec-isakmp\n" \
"\tPeer = 198.51.100.2\n" \
"\tInterfaces using crypto map VPNMAP:\n" \
"\t\tGigabitEthernet0/0\n" \
"Crypto Map IPv4 \"VPNMAP\" 20 ipsec-isakmp\n" \
"\tPeer = 203.0.113.9\n" \
"\tInterfaces using crypto map VPNMAP:\n" \
"\t\tGigabitEthernet0/0\n"

START_TEST(two_peers_attribution)
{
	struct rtr	 t;

	/*
	 * An unnamed debug line belongs to the peer named by the line kept
	 * just before it (within 5 s); one a minute later belongs to no one.
	 * "show ip route 198.51.100.2" answered "not in table" is pinned on
	 * that peer alone (the snapshot keeps the command's target).
	 */
	rtr_init(&t, "hq-1", PLATFORM_IOS);
	add_snap(&t, cat(b1, sizeof(b1), IOS_MAP2, IOS_ROUTE_NONE,
	    IOS_LOG_HEAD,
	    "*Nov 29 06:10:05.100: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at 203.0.113.9\n"
	    "*Nov 29 06:10:06.123: ISAKMP:(0):no offers accepted!\n"
	    "*Nov 29 06:11:06.123: ISAKMP:(1012):Authentication failed\n",
	    NULL), T0);
	run_local(&t);
	dump(&t);
	must(&t, K_P1_PROPOSAL, PEER2, S_WARNING);
	none(&t, K_P1_PROPOSAL, PEER);
	none(&t, K_PSK, PEER);
	none(&t, K_PSK, PEER2);
	must(&t, K_NO_ROUTE, PEER, S_WARNING);
	none(&t, K_NO_ROUTE, PEER2);
	rtr_free(&t);
}
END_TEST

/* ---- DPD ---- */

START_TEST(dpd_loop_from_log)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	cat(b1, sizeof(b1), ios_isakmp("QM_IDLE", 1001), NULL);
	add_snap(&t, cat(b2, sizeof(b2), b1, IOS_MAP, IOS_LOG_HEAD,
	    "*Nov 29 06:01:00.100: %CRYPTO-5-IKE_SA_DELETED: peer 198.51.100.2 not responding\n"
	    "*Nov 29 06:05:00.100: %CRYPTO-5-IKE_SA_DELETED: peer 198.51.100.2 not responding\n"
	    "*Nov 29 06:09:00.100: %CRYPTO-5-IKE_SA_DELETED: peer 198.51.100.2 not responding\n",
	    NULL), T0);
	run_local(&t);
	dump(&t);
	f = must(&t, K_DPD_LOOP, PEER, S_WARNING);
	ck_assert_ptr_nonnull(strstr(f->summary, "3 DPD teardowns"));
	ck_assert(has_exact(&f->evidence, "logging: *Nov 29 06:05:00.100: "
	    "peer 198.51.100.2 not responding"));
	rtr_free(&t);
}
END_TEST

START_TEST(dpd_loop_spread_out)
{
	struct rtr	 t;

	/* Three teardowns, 20 minutes apart: no loop within 15 minutes. */
	rtr_init(&t, "hq-1", PLATFORM_IOS);
	cat(b1, sizeof(b1), ios_isakmp("QM_IDLE", 1001), NULL);
	add_snap(&t, cat(b2, sizeof(b2), b1, IOS_MAP, IOS_LOG_HEAD,
	    "*Nov 29 06:00:00.100: %CRYPTO-5-IKE_SA_DELETED: peer 198.51.100.2 not responding\n"
	    "*Nov 29 06:20:00.100: %CRYPTO-5-IKE_SA_DELETED: peer 198.51.100.2 not responding\n"
	    "*Nov 29 06:40:00.100: %CRYPTO-5-IKE_SA_DELETED: peer 198.51.100.2 not responding\n",
	    NULL), T0);
	run_local(&t);
	none(&t, K_DPD_LOOP, PEER);
	rtr_free(&t);
}
END_TEST

START_TEST(dpd_loop_from_rebuilds)
{
	struct rtr		 t;
	struct diag_finding	*f;
	int			 i;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	for (i = 0; i < 4; i++) {
		cat(b1, sizeof(b1), ios_isakmp("QM_IDLE", 1001 + i), NULL);
		add_snap(&t, cat(b2, sizeof(b2), b1,
		    ios_ipsec(0x10000000u + (unsigned)i, 10, 10, 500), IOS_MAP,
		    NULL), T0 + i * 120);
	}
	run_local(&t);
	dump(&t);
	f = must(&t, K_DPD_LOOP, PEER, S_WARNING);
	ck_assert_ptr_nonnull(strstr(f->summary, "3 SA rebuilds"));
	ck_assert(has_exact(&f->evidence, "isakmp_sa: conn-id 1003 -> 1004"));
	rtr_free(&t);
}
END_TEST

START_TEST(dpd_aggressive_ios)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	cat(b1, sizeof(b1), ios_isakmp("QM_IDLE", 1001), NULL);
	add_snap(&t, cat(b2, sizeof(b2), b1, IOS_MAP, IOS_RUN_HEAD,
	    "crypto isakmp keepalive 10 3 periodic\n", NULL), T0);
	run_local(&t);
	dump(&t);
	f = must(&t, K_DPD_AGGRESSIVE, NULL, S_WARNING);
	ck_assert(has_exact(&f->fix, "crypto isakmp keepalive 30 5 periodic"));
	ck_assert(has(&f->evidence, "running_config: crypto isakmp keepalive "
	    "10 3 periodic"));
	f = must(&t, K_DPD_AGGRESSIVE, PEER, S_WARNING);
	ck_assert(has_exact(&f->fix, "crypto isakmp keepalive 30 5 periodic"));
	rtr_free(&t);
}
END_TEST

START_TEST(dpd_aggressive_asa)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "fw-1", PLATFORM_ASA);
	add_snap(&t, cat(b1, sizeof(b1), asa_isakmp("MM_ACTIVE"), ASA_MAP,
	    ASA_RUN(" isakmp keepalive threshold 10 retry 2\n"), NULL), T0);
	run_local(&t);
	dump(&t);
	f = must(&t, K_DPD_AGGRESSIVE, PEER, S_WARNING);
	ck_assert(has_exact(&f->fix, "tunnel-group 198.51.100.2 "
	    "ipsec-attributes"));
	ck_assert(has(&f->fix, "isakmp keepalive threshold 30 retry 5"));
	ck_assert(!has(&f->fix, "crypto isakmp keepalive"));
	must(&t, K_DPD_AGGRESSIVE, NULL, S_WARNING);
	rtr_free(&t);
}
END_TEST

/* ---- routes and interfaces ---- */

START_TEST(no_route)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	add_snap(&t, cat(b1, sizeof(b1), IOS_ISAKMP_EMPTY, IOS_MAP,
	    IOS_ROUTE_NONE, NULL), T0);
	run_local(&t);
	dump(&t);
	f = must(&t, K_NO_ROUTE, PEER, S_WARNING);
	ck_assert(has(&f->evidence, "ip_route: 198.51.100.2: % Network not "
	    "in table"));
	ck_assert(has(&f->evidence, "crypto_map: VPNMAP 10 peer 198.51.100.2 "
	    "on GigabitEthernet0/0"));
	ck_assert(has_exact(&f->fix, "ip route 198.51.100.2 255.255.255.255 "
	    "NEXT-HOP"));
	ck_assert(has_exact(&f->verify, "show ip route 198.51.100.2"));
	none(&t, K_WRONG_IF, PEER);
	rtr_free(&t);
}
END_TEST

START_TEST(wrong_interface)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	add_snap(&t, cat(b1, sizeof(b1), IOS_ISAKMP_EMPTY, IOS_MAP,
	    IOS_ROUTE_GI1, NULL), T0);
	run_local(&t);
	dump(&t);
	f = must(&t, K_WRONG_IF, PEER, S_WARNING);
	ck_assert(has(&f->evidence, "ip_route: 198.51.100.2 via 203.0.113.254 "
	    "on GigabitEthernet0/1"));
	ck_assert(has(&f->evidence, "crypto_map: VPNMAP 10 peer 198.51.100.2 "
	    "on GigabitEthernet0/0"));
	ck_assert_uint_eq(f->fix.n, 4);
	ck_assert_str_eq(f->fix.v[0], "interface GigabitEthernet0/0");
	ck_assert_str_eq(f->fix.v[1], " no crypto map VPNMAP");
	ck_assert_str_eq(f->fix.v[2], "interface GigabitEthernet0/1");
	ck_assert_str_eq(f->fix.v[3], " crypto map VPNMAP");
	none(&t, K_NO_ROUTE, PEER);
	rtr_free(&t);
}
END_TEST

/* ---- NAT-T ---- */

START_TEST(natt_disabled)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	cat(b1, sizeof(b1), ios_isakmp("QM_IDLE", 1001), NULL);
	add_snap(&t, cat(b2, sizeof(b2), b1, ios_ipsec(0x8A3C19F2, 10, 0, 4500),
	    IOS_MAP, IOS_RUN,
	    "no crypto ipsec nat-transparency udp-encapsulation\n", NULL), T0);
	run_local(&t);
	dump(&t);
	f = must(&t, K_NATT, PEER, S_WARNING);
	ck_assert(has_exact(&f->fix, "crypto ipsec nat-transparency "
	    "udp-encapsulation"));
	ck_assert(has(&f->evidence, "running_config: no crypto ipsec "
	    "nat-transparency"));
	ck_assert(has(&f->evidence, "port 4500"));
	rtr_free(&t);
	/* The same flow with NAT-T on: nothing to say. */
	rtr_init(&t, "hq-1", PLATFORM_IOS);
	cat(b1, sizeof(b1), ios_isakmp("QM_IDLE", 1001), NULL);
	add_snap(&t, cat(b2, sizeof(b2), b1, ios_ipsec(0x8A3C19F2, 10, 5, 4500),
	    IOS_MAP, IOS_RUN, NULL), T0);
	run_local(&t);
	none(&t, K_NATT, PEER);
	rtr_free(&t);
}
END_TEST

/* ---- weak crypto ---- */

START_TEST(weak_crypto)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	cat(b1, sizeof(b1), ios_isakmp("QM_IDLE", 1001), NULL);
	add_snap(&t, cat(b2, sizeof(b2), b1,
	    "hq-1#show crypto map\n"
	    "Crypto Map IPv4 \"VPNMAP\" 10 ipsec-isakmp\n"
	    "\tPeer = 198.51.100.2\n"
	    "\tTransform sets={ \n"
	    "\t\tTS-OLD:  { esp-3des esp-md5-hmac  } , \n"
	    "\t}\n"
	    "\tInterfaces using crypto map VPNMAP:\n"
	    "\t\tGigabitEthernet0/0\n",
	    "hq-1#show crypto isakmp policy\n"
	    "Protection suite of priority 10\n"
	    "\tencryption algorithm:\tThree key triple DES\n"
	    "\thash algorithm:\t\tMessage Digest 5\n"
	    "\tauthentication method:\tPre-Shared Key\n"
	    "\tDiffie-Hellman group:\t#2 (1024 bit)\n"
	    "\tlifetime:\t\t86400 seconds, no volume limit\n",
	    "hq-1#show crypto ipsec transform-set\n"
	    "Transform set TS-OLD: { esp-3des esp-md5-hmac  } \n"
	    "   will negotiate = { Tunnel,  }, \n", NULL), T0);
	run_local(&t);
	dump(&t);
	f = must(&t, K_WEAK_CRYPTO, NULL, S_INFO);
	ck_assert(has_exact(&f->evidence, "isakmp_policy: policy 10: "
	    "encryption 3des, hash md5, DH group 2"));
	ck_assert(has_exact(&f->evidence, "ipsec_transform_set: TS-OLD uses "
	    "esp-3des"));
	ck_assert(has_exact(&f->evidence, "ipsec_transform_set: TS-OLD uses "
	    "esp-md5-hmac"));
	ck_assert(has(&f->evidence, "IKEv2"));
	ck_assert(has_exact(&f->fix, "crypto isakmp policy 5"));
	ck_assert(has_exact(&f->fix, " encryption aes 256"));
	ck_assert(has_exact(&f->fix, " group 14"));
	ck_assert(has_exact(&f->fix, "crypto ipsec transform-set TS-AES256 "
	    "esp-aes 256 esp-sha256-hmac"));
	rtr_free(&t);
}
END_TEST

/* ---- log-driven causes ---- */

START_TEST(log_causes)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	cat(b1, sizeof(b1), ios_isakmp("QM_IDLE", 1001), NULL);
	add_snap(&t, cat(b2, sizeof(b2), b1, ios_ipsec(0, 0, 0, 500), IOS_MAP,
	    IOS_TSET, IOS_LOG_HEAD,
	    "*Nov 29 06:10:05.201: IPSEC(validate_transform_proposal): transform proposal not supported for identity:\n"
	    "*Nov 29 06:10:06.202: IPSEC(validate_transform_proposal): proxy identities not supported\n",
	    NULL), T0);
	run_local(&t);
	dump(&t);
	f = must(&t, K_P2_TRANSFORM, PEER, S_WARNING);
	ck_assert_str_eq(f->confidence, CONF_MEDIUM);
	ck_assert(has(&f->evidence, "logging: *Nov 29 06:10:05.201: "
	    "IPSEC(validate_transform_proposal): transform proposal"));
	ck_assert(has_exact(&f->fix, "crypto ipsec transform-set TS-AES256 "
	    "esp-aes 256 esp-sha256-hmac"));
	f = must(&t, K_ACL_MIRROR, PEER, S_WARNING);
	ck_assert_str_eq(f->confidence, CONF_MEDIUM);
	ck_assert(has_exact(&f->fix, " permit ip 10.2.0.0 0.0.0.255 10.1.0.0 "
	    "0.0.0.255"));
	none(&t, K_PSK, PEER);
	none(&t, K_P1_PROPOSAL, PEER);
	rtr_free(&t);
}
END_TEST

START_TEST(log_other_peer_ignored)
{
	struct rtr	 t;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	cat(b1, sizeof(b1), ios_isakmp("QM_IDLE", 1001), NULL);
	add_snap(&t, cat(b2, sizeof(b2), b1, IOS_MAP, IOS_LOG_HEAD,
	    "*Nov 29 06:10:06.123: %CRYPTO-6-IKMP_AUTH_FAIL: Authentication method 1 failed with host 198.51.100.20\n",
	    NULL), T0);
	run_local(&t);
	none(&t, K_PSK, PEER);
	rtr_free(&t);
}
END_TEST

/* ---- ranking through diag_run ---- */

START_TEST(rank_no_state_no_route)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	cat(b1, sizeof(b1), ios_isakmp("MM_NO_STATE", 1012), NULL);
	add_snap(&t, cat(b2, sizeof(b2), b1, IOS_MAP, IOS_ROUTE_NONE, NULL),
	    T0);
	add_snap(&t, cat(b3, sizeof(b3), b1, IOS_MAP, IOS_ROUTE_NONE, NULL),
	    T0 + 60);
	run_ranked(&t);
	dump(&t);
	f = must(&t, K_PHASE1_STUCK, PEER, S_CRITICAL);
	ck_assert_str_eq(f->cause, C_ROUTE);
	ck_assert_str_eq(f->confidence, CONF_HIGH);
	ck_assert(has(&f->fix, "ip route 198.51.100.2 255.255.255.255"));
	rtr_free(&t);
}
END_TEST

START_TEST(rank_key_exch_auth_failed)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	cat(b1, sizeof(b1), ios_isakmp("MM_KEY_EXCH", 1012), NULL);
	add_snap(&t, cat(b2, sizeof(b2), b1, IOS_MAP, IOS_ROUTE_OK, NULL), T0);
	add_snap(&t, cat(b3, sizeof(b3), b1, IOS_MAP, IOS_ROUTE_OK, IOS_RUN,
	    IOS_LOG_HEAD,
	    "*Nov 29 06:10:06.123: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at 198.51.100.2\n"
	    "*Nov 29 06:10:07.300: ISAKMP:(1012):Authentication failed\n",
	    NULL), T0 + 60);
	run_ranked(&t);
	dump(&t);
	f = must(&t, K_PHASE1_STUCK, PEER, S_CRITICAL);
	ck_assert_ptr_nonnull(strstr(f->summary, "authentication"));
	ck_assert_str_eq(f->cause, C_PSK);
	ck_assert_str_eq(f->confidence, CONF_MEDIUM);
	ck_assert(has_exact(&f->evidence, "logging: *Nov 29 06:10:07.300: "
	    "ISAKMP:(1012):Authentication failed"));
	ck_assert(has_exact(&f->evidence, "logging: *Nov 29 06:10:06.123: "
	    "Processing of Main mode failed with peer at 198.51.100.2"));
	ck_assert(has(&f->fix, "crypto isakmp key"));
	f = must(&t, K_PSK, PEER, S_WARNING);
	ck_assert_str_eq(f->cause, C_PSK);
	rtr_free(&t);
}
END_TEST

START_TEST(rank_qm_idle_proxy_ids)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	cat(b1, sizeof(b1), ios_isakmp("QM_IDLE", 1001), NULL);
	add_snap(&t, cat(b2, sizeof(b2), b1, ios_ipsec(0, 0, 0, 500), IOS_MAP,
	    IOS_ROUTE_OK, IOS_LOG_HEAD,
	    "*Nov 29 06:10:06.202: IPSEC(validate_transform_proposal): proxy identities not supported\n",
	    NULL), T0);
	run_ranked(&t);
	dump(&t);
	f = must(&t, K_PHASE2_MISSING, PEER, S_CRITICAL);
	ck_assert_str_eq(f->cause, C_ACL_MIRROR);
	ck_assert_str_eq(f->confidence, CONF_MEDIUM);
	ck_assert(has(&f->evidence, "proxy identities not supported"));
	rtr_free(&t);
}
END_TEST

START_TEST(rank_no_offers)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	cat(b1, sizeof(b1), ios_isakmp("MM_NO_STATE", 1012), NULL);
	add_snap(&t, cat(b2, sizeof(b2), b1, IOS_MAP, IOS_POLICY, IOS_ROUTE_OK,
	    IOS_LOG_HEAD,
	    "*Nov 29 06:10:06.123: ISAKMP:(0):no offers accepted!\n", NULL), T0);
	run_ranked(&t);
	dump(&t);
	f = must(&t, K_PHASE1_DOWN, PEER, S_CRITICAL);
	ck_assert_str_eq(f->cause, C_P1_PROPOSAL);
	ck_assert(has_exact(&f->evidence, "logging: *Nov 29 06:10:06.123: "
	    "ISAKMP:(0):no offers accepted!"));
	ck_assert(has_exact(&f->fix, "crypto isakmp policy 10"));
	ck_assert(has_exact(&f->fix, " encryption aes 256"));
	ck_assert(has_exact(&f->fix, " group 14"));
	rtr_free(&t);
}
END_TEST

START_TEST(rank_stuck_unknown)
{
	struct rtr		 t;
	struct diag_finding	*f;

	rtr_init(&t, "hq-1", PLATFORM_IOS);
	cat(b1, sizeof(b1), ios_isakmp("MM_NO_STATE", 1012), NULL);
	add_snap(&t, cat(b2, sizeof(b2), b1, IOS_MAP, IOS_ROUTE_OK, IOS_RUN,
	    NULL), T0);
	add_snap(&t, cat(b3, sizeof(b3), b1, IOS_MAP, IOS_ROUTE_OK, IOS_RUN,
	    NULL), T0 + 60);
	run_ranked(&t);
	dump(&t);
	ck_assert_uint_eq(t.fs.n, 1);
	f = must(&t, K_PHASE1_STUCK, PEER, S_CRITICAL);
	ck_assert_str_eq(f->cause, C_UNKNOWN);
	ck_assert(has_exact(&f->candidates, C_ROUTE));
	ck_assert(has_exact(&f->candidates, C_P1_PROPOSAL));
	ck_assert(has(&f->verify, "debug crypto condition peer ipv4 "
	    "198.51.100.2"));
	rtr_free(&t);
}
END_TEST

static Suite *
diag_local_suite(void)
{
	Suite	*s = suite_create("diag_local");
	TCase	*tc = tcase_create("local");

	tcase_add_test(tc, healthy_ios_two_polls);
	tcase_add_test(tc, healthy_asa);
	tcase_add_test(tc, poll_failed_hostkey);
	tcase_add_test(tc, poll_failed_auth_timeout);
	tcase_add_test(tc, phase1_down_no_state_single);
	tcase_add_test(tc, phase1_down_no_sa);
	tcase_add_test(tc, phase1_stuck_no_state);
	tcase_add_test(tc, phase1_moving_not_stuck);
	tcase_add_test(tc, phase1_stuck_asa_msg5);
	tcase_add_test(tc, phase2_missing_spi0);
	tcase_add_test(tc, one_way_outbound);
	tcase_add_test(tc, one_way_inbound);
	tcase_add_test(tc, counters_frozen);
	tcase_add_test(tc, counters_zero_single);
	tcase_add_test(tc, reset_is_not_traffic);
	tcase_add_test(tc, ipsec_up_without_isakmp_sa);
	tcase_add_test(tc, two_peers_attribution);
	tcase_add_test(tc, dpd_loop_from_log);
	tcase_add_test(tc, dpd_loop_spread_out);
	tcase_add_test(tc, dpd_loop_from_rebuilds);
	tcase_add_test(tc, dpd_aggressive_ios);
	tcase_add_test(tc, dpd_aggressive_asa);
	tcase_add_test(tc, no_route);
	tcase_add_test(tc, wrong_interface);
	tcase_add_test(tc, natt_disabled);
	tcase_add_test(tc, weak_crypto);
	tcase_add_test(tc, log_causes);
	tcase_add_test(tc, log_other_peer_ignored);
	tcase_add_test(tc, rank_no_state_no_route);
	tcase_add_test(tc, rank_key_exch_auth_failed);
	tcase_add_test(tc, rank_qm_idle_proxy_ids);
	tcase_add_test(tc, rank_no_offers);
	tcase_add_test(tc, rank_stuck_unknown);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(diag_local_suite());
	int	 nfail;

	srunner_run_all(sr, CK_NORMAL);
	nfail = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nfail == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

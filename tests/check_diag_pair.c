/*
 * check_diag_pair.c: both ends of a tunnel compared (lib/diag_pair.c),
 * on snapshots built from pasted transcripts by the real parsers.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "snapshot.h"

static const unsigned char salt[] = "check-diag-pair-salt-0123456789";

#define HQ_KEY	"Hq-Sup3r-Secret!"
#define BR_KEY	"Br-0ther-Secret"
#define ASA_KEY	"Asa-Clear-Key-1"

struct rt {
	cJSON			*json;
	struct diag_snapshot	 snap;
	struct diag_router	 r;
	char			 name[64];
};

static void
rt_load(struct rt *t, enum platform plat, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
rt_load(struct rt *t, enum platform plat, const char *fmt, ...)
{
	struct snapshot_info	 info;
	va_list			 ap;
	char			*text;

	va_start(ap, fmt);
	ck_assert_int_ge(vasprintf(&text, fmt, ap), 0);
	va_end(ap);
	memset(t, 0, sizeof(*t));
	t->json = snapshot_from_transcript(text, strlen(text), plat, salt,
	    sizeof(salt) - 1, &info);
	free(text);
	ck_assert_ptr_nonnull(t->json);
	ck_assert_uint_eq(info.failed, 0);
	snprintf(t->name, sizeof(t->name), "%s", info.hostname);
	t->snap.at = 1732860000;
	t->snap.probes = t->json;
	t->r.name = t->name;
	t->r.platform = plat;
	t->r.snaps = &t->snap;
	t->r.nsnaps = 1;
}

static void
rt_free(struct rt *t)
{
	cJSON_Delete(t->json);
}

/* ---- IOS transcripts ---- */

#define POL_AES256_SHA256 \
	"Global IKE policy\n" \
	"Protection suite of priority 10\n" \
	"\tencryption algorithm:\tAES - Advanced Encryption Standard (256 bit keys).\n" \
	"\thash algorithm:\t\tSecure Hash Standard 2 (256 bit)\n" \
	"\tauthentication method:\tPre-Shared Key\n" \
	"\tDiffie-Hellman group:\t#14 (2048 bit)\n" \
	"\tlifetime:\t\t86400 seconds, no volume limit\n"

#define POL_AES256_SHA \
	"Global IKE policy\n" \
	"Protection suite of priority 10\n" \
	"\tencryption algorithm:\tAES - Advanced Encryption Standard (256 bit keys).\n" \
	"\thash algorithm:\t\tSecure Hash Standard\n" \
	"\tauthentication method:\tPre-Shared Key\n" \
	"\tDiffie-Hellman group:\t#14 (2048 bit)\n" \
	"\tlifetime:\t\t86400 seconds, no volume limit\n"

#define POL_3DES_20 \
	"Global IKE policy\n" \
	"Protection suite of priority 20\n" \
	"\tencryption algorithm:\tThree key triple DES\n" \
	"\thash algorithm:\t\tSecure Hash Standard\n" \
	"\tauthentication method:\tPre-Shared Key\n" \
	"\tDiffie-Hellman group:\t#2 (1024 bit)\n" \
	"\tlifetime:\t\t86400 seconds, no volume limit\n"

#define TS_AES256_SHA256 \
	"Transform set TS-AES256: { esp-256-aes esp-sha256-hmac  }\n" \
	"   will negotiate = { Tunnel,  },\n"

#define TS_AES256_SHA \
	"Transform set TS-AES256: { esp-aes 256 esp-sha-hmac  }\n" \
	"   will negotiate = { Tunnel,  },\n"

#define ACL_HQ \
	"\t    access-list VPN-TRAFFIC permit ip 10.1.0.0 0.0.0.255 10.9.0.0 0.0.0.255\n"
#define ACL_BR \
	"\t    access-list VPN-HQ permit ip 10.9.0.0 0.0.0.255 10.1.0.0 0.0.0.255\n"

#define RC_CMD "show running-config | include crypto isakmp|crypto ikev2|" \
	"crypto keyring|pre-shared-key|keepalive|nat"

/*
 * One IOS router: policy, transform sets, its crypto map (name, local
 * address, interface, peer, ACL name and lines, transform set), and the
 * crypto lines of its running configuration.
 */
static void
ios_load(struct rt *t, const char *host, const char *policy,
    const char *tsets, const char *map, const char *local, const char *ifname,
    const char *peer, const char *acl, const char *acl_lines,
    const char *tsname, const char *rc)
{
	rt_load(t, PLATFORM_IOS,
	    "%s#show crypto isakmp policy\n\n%s\n"
	    "%s#show crypto ipsec transform-set\n%s\n"
	    "%s#show crypto map\n"
	    "Crypto Map: \"%s\" idb: %s local address: %s\n\n"
	    "Crypto Map IPv4 \"%s\" 10 ipsec-isakmp\n"
	    "\tPeer = %s\n"
	    "\tExtended IP access list %s\n"
	    "%s"
	    "\tCurrent peer: %s\n"
	    "\tSecurity association lifetime: 4608000 kilobytes/3600 seconds\n"
	    "\tResponder-Only (Y/N): N\n"
	    "\tPFS (Y/N): N\n"
	    "\tMixed-mode : Disabled\n"
	    "\tTransform sets={ \n"
	    "\t\t%s:  { esp-256-aes esp-sha-hmac  } , \n"
	    "\t}\n"
	    "\tInterfaces using crypto map %s:\n"
	    "\t\t%s\n\n"
	    "%s#" RC_CMD "\n%s"
	    "%s#\n",
	    host, policy, host, tsets, host, map, ifname, local, map, peer,
	    acl, acl_lines, peer, tsname, map, ifname, host, rc, host);
}

#define RC_HQ \
	"crypto isakmp policy 10\n" \
	"crypto isakmp key " HQ_KEY " address 198.51.100.2\n" \
	"crypto isakmp keepalive 30 5 periodic\n" \
	"crypto isakmp nat keepalive 20\n"

#define RC_BR \
	"crypto isakmp policy 10\n" \
	"crypto isakmp key " HQ_KEY " address 203.0.113.1\n" \
	"crypto isakmp keepalive 30 5 periodic\n" \
	"crypto isakmp nat keepalive 20\n"

static void
hq_load(struct rt *t, const char *policy, const char *tsets,
    const char *peer, const char *acl_lines, const char *rc)
{
	ios_load(t, "hq-1", policy, tsets, "CM", "203.0.113.1",
	    "GigabitEthernet0/1", peer, "VPN-TRAFFIC", acl_lines, "TS-AES256",
	    rc);
}

static void
br_load(struct rt *t, const char *policy, const char *tsets,
    const char *peer, const char *acl_lines, const char *rc)
{
	ios_load(t, "br-1", policy, tsets, "BR-MAP", "198.51.100.2",
	    "GigabitEthernet0/0", peer, "VPN-HQ", acl_lines, "TS-AES256", rc);
}

/* ---- ASA transcripts ---- */

#define ASA_POL_AES256_SHA \
	" authentication pre-share\n" \
	" encryption aes-256\n" \
	" hash sha\n" \
	" group 14\n" \
	" lifetime 86400\n"

#define ASA_TS_AES256_SHA \
	"crypto ipsec ikev1 transform-set TS-AES256 esp-aes-256 esp-sha-hmac\n"

#define ASA_TG_OK \
	"tunnel-group 203.0.113.1 type ipsec-l2l\n" \
	"tunnel-group 203.0.113.1 ipsec-attributes\n" \
	" ikev1 pre-shared-key " HQ_KEY "\n" \
	" isakmp keepalive threshold 30 retry 5\n"

static void
asa_load(struct rt *t, const char *policy, const char *tsets,
    const char *tsname, const char *tg)
{
	rt_load(t, PLATFORM_ASA,
	    "fw-1# show running-config crypto ikev1\n"
	    "crypto ikev1 enable outside\n"
	    "crypto ikev1 policy 10\n%s"
	    "fw-1# show running-config crypto ipsec\n%s"
	    "crypto ipsec security-association lifetime seconds 28800\n"
	    "fw-1# show running-config crypto map\n"
	    "crypto map OUTSIDE_MAP 10 match address VPN-ACL\n"
	    "crypto map OUTSIDE_MAP 10 set peer 203.0.113.1 \n"
	    "crypto map OUTSIDE_MAP 10 set ikev1 transform-set %s\n"
	    "crypto map OUTSIDE_MAP interface outside\n"
	    "fw-1# show running-config | include crypto|tunnel-group|"
	    "pre-shared-key|keepalive|nat-traversal\n"
	    "crypto ipsec ikev1 transform-set %s esp-aes-256 esp-sha-hmac\n"
	    "crypto map OUTSIDE_MAP 10 match address VPN-ACL\n"
	    "crypto isakmp nat-traversal 20\n"
	    "crypto ikev1 enable outside\n"
	    "%s"
	    "fw-1# \n", policy, tsets, tsname, tsname, tg);
}

/* ---- assertions ---- */

static struct diag_finding *
must_find(struct diag_findings *fs, const char *kind, const char *router,
    const char *peer)
{
	struct diag_finding *f = diag_find(fs, kind, router, peer);

	ck_assert_msg(f != NULL, "no %s on %s peer %s", kind, router, peer);
	ck_assert_str_eq(f->severity, S_WARNING);
	ck_assert_str_eq(f->confidence, CONF_HIGH);
	ck_assert_msg(f->summary[0] != '\0', "empty summary");
	ck_assert_uint_gt(f->evidence.n, 0);
	ck_assert_uint_gt(f->verify.n, 0);
	return f;
}

static int
has(const struct strv *sv, const char *s)
{
	size_t	 i;

	for (i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return 1;
	return 0;
}

#define ck_has(sv, s) \
	ck_assert_msg(has(&(sv), (s)), "missing \"%s\"", (s))

static void
dump(const struct diag_findings *fs)
{
	if (getenv("CHECK_DIAG_PAIR_DUMP") != NULL)
		diag_findings_text(fs, stderr);
}

/* No key, clear or not, in anything a finding says. */
static void
assert_no_key(const struct diag_findings *fs, const char *key)
{
	const struct strv	*lists[3];
	size_t			 i, j, k;

	for (i = 0; i < fs->n; i++) {
		const struct diag_finding *f = &fs->v[i];
		ck_assert_ptr_null(strstr(f->summary, key));
		lists[0] = &f->evidence;
		lists[1] = &f->fix;
		lists[2] = &f->verify;
		for (k = 0; k < 3; k++)
			for (j = 0; j < lists[k]->n; j++)
				ck_assert_msg(strstr(lists[k]->v[j], key) == NULL,
				    "key printed: %s", lists[k]->v[j]);
	}
}

/* ---- healthy pairs ---- */

START_TEST(healthy_ios_ios)
{
	struct rt		 hq, br;
	struct diag_findings	 fs = { 0 };

	hq_load(&hq, POL_AES256_SHA256, TS_AES256_SHA256, "198.51.100.2",
	    ACL_HQ, RC_HQ);
	br_load(&br, POL_AES256_SHA256, TS_AES256_SHA256, "203.0.113.1",
	    ACL_BR, RC_BR);
	diag_pair(&hq.r, "198.51.100.2", &br.r, "203.0.113.1", NULL, &fs);
	dump(&fs);
	ck_assert_uint_eq(fs.n, 0);
	diag_findings_free(&fs);
	rt_free(&hq);
	rt_free(&br);
}
END_TEST

START_TEST(healthy_ios_asa)
{
	struct rt		 hq, fw;
	struct diag_findings	 fs = { 0 };

	hq_load(&hq, POL_AES256_SHA, TS_AES256_SHA, "192.0.2.1", ACL_HQ,
	    "crypto isakmp key " HQ_KEY " address 192.0.2.1\n"
	    "crypto isakmp keepalive 30 5 periodic\n"
	    "crypto isakmp nat keepalive 20\n");
	asa_load(&fw, ASA_POL_AES256_SHA, ASA_TS_AES256_SHA, "TS-AES256",
	    ASA_TG_OK);
	diag_pair(&hq.r, "192.0.2.1", &fw.r, "203.0.113.1", NULL, &fs);
	dump(&fs);
	ck_assert_uint_eq(fs.n, 0);
	diag_findings_free(&fs);
	rt_free(&hq);
	rt_free(&fw);
}
END_TEST

/* The whole run pairs the two routers by their addresses. */
START_TEST(run_pairs_by_address)
{
	struct rt		 rts[2];
	struct diag_router	 rs[2];
	struct diag_findings	 fs = { 0 };

	hq_load(&rts[0], POL_AES256_SHA256, TS_AES256_SHA256, "198.51.100.2",
	    ACL_HQ, RC_HQ);
	br_load(&rts[1], POL_AES256_SHA256, TS_AES256_SHA256, "203.0.113.1",
	    ACL_BR, "crypto isakmp key " BR_KEY " address 203.0.113.1\n"
	    "crypto isakmp keepalive 30 5 periodic\n");
	rs[0] = rts[0].r;
	rs[1] = rts[1].r;
	diag_run(rs, 2, NULL, &fs);
	dump(&fs);
	ck_assert_uint_eq(fs.n, 2);
	ck_assert_str_eq(must_find(&fs, K_PSK, "hq-1", "198.51.100.2")->cause,
	    C_PSK);
	ck_assert_str_eq(must_find(&fs, K_PSK, "br-1", "203.0.113.1")->cause,
	    C_PSK);
	diag_findings_free(&fs);
	rt_free(&rts[0]);
	rt_free(&rts[1]);
}
END_TEST

/* Missing probes: no check, no finding, no crash. */
START_TEST(missing_probes)
{
	struct rt		 hq, br;
	struct diag_findings	 fs = { 0 };

	rt_load(&hq, PLATFORM_IOS, "hq-1#show crypto map\n"
	    "Crypto Map IPv4 \"CM\" 10 ipsec-isakmp\n"
	    "\tPeer = 198.51.100.2\n"
	    "\tTransform sets={ TS:  { esp-256-aes esp-sha-hmac  } ,  }\n"
	    "hq-1#\n");
	rt_load(&br, PLATFORM_IOS, "br-1#show crypto isakmp sa\n"
	    "IPv4 Crypto ISAKMP SA\n"
	    "dst             src             state          conn-id status\n"
	    "hq-1#\n");
	diag_pair(&hq.r, "198.51.100.2", &br.r, "203.0.113.1", NULL, &fs);
	diag_pair(&br.r, "203.0.113.1", &hq.r, "198.51.100.2", NULL, &fs);
	ck_assert_uint_eq(fs.n, 0);
	diag_findings_free(&fs);
	rt_free(&hq);
	rt_free(&br);
}
END_TEST

/* ---- phase 1 ---- */

START_TEST(proposal_ios_ios)
{
	struct rt		 hq, br;
	struct diag_findings	 fs = { 0 };
	struct diag_finding	*f;

	hq_load(&hq, POL_AES256_SHA256, TS_AES256_SHA256, "198.51.100.2",
	    ACL_HQ, RC_HQ);
	br_load(&br, POL_3DES_20, TS_AES256_SHA256, "203.0.113.1", ACL_BR,
	    RC_BR);
	diag_pair(&hq.r, "198.51.100.2", &br.r, "203.0.113.1", NULL, &fs);
	dump(&fs);
	ck_assert_uint_eq(fs.n, 2);
	f = must_find(&fs, K_P1_PROPOSAL, "br-1", "203.0.113.1");
	ck_has(f->evidence, "isakmp_policy(hq-1): 10 aes 256 sha256 psk group14");
	ck_has(f->evidence, "isakmp_policy(br-1): 20 3des sha psk group2");
	ck_assert_ptr_nonnull(strstr(f->summary, "adding hq-1's policy (10 aes "
	    "256 sha256 psk group14) here would match"));
	ck_assert_uint_eq(f->fix.n, 5);
	ck_assert_str_eq(f->fix.v[0], "crypto isakmp policy 10");
	ck_assert_str_eq(f->fix.v[1], " authentication pre-share");
	ck_assert_str_eq(f->fix.v[2], " encryption aes 256");
	ck_assert_str_eq(f->fix.v[3], " hash sha256");
	ck_assert_str_eq(f->fix.v[4], " group 14");
	ck_has(f->verify, "clear crypto sa peer 203.0.113.1");
	ck_has(f->verify, "show crypto isakmp sa");
	f = must_find(&fs, K_P1_PROPOSAL, "hq-1", "198.51.100.2");
	ck_assert_str_eq(f->fix.v[0], "crypto isakmp policy 20");
	ck_has(f->fix, " encryption 3des");
	ck_has(f->fix, " group 2");
	ck_has(f->verify, "show crypto ipsec sa peer 198.51.100.2 | include pkts");
	diag_findings_free(&fs);
	rt_free(&hq);
	rt_free(&br);
}
END_TEST

/* The ASA cannot hash sha256 in IKEv1: the fix goes on the IOS end. */
START_TEST(proposal_ios_asa)
{
	struct rt		 hq, fw;
	struct diag_findings	 fs = { 0 };
	struct diag_finding	*f;

	hq_load(&hq, POL_AES256_SHA256, TS_AES256_SHA, "192.0.2.1", ACL_HQ,
	    "crypto isakmp key " HQ_KEY " address 192.0.2.1\n"
	    "crypto isakmp keepalive 30 5 periodic\n");
	asa_load(&fw, ASA_POL_AES256_SHA, ASA_TS_AES256_SHA, "TS-AES256",
	    ASA_TG_OK);
	diag_pair(&hq.r, "192.0.2.1", &fw.r, "203.0.113.1", NULL, &fs);
	dump(&fs);
	ck_assert_uint_eq(fs.n, 2);
	f = must_find(&fs, K_P1_PROPOSAL, "hq-1", "192.0.2.1");
	ck_has(f->evidence, "isakmp_policy(fw-1): 10 aes 256 sha psk group14");
	ck_assert_str_eq(f->fix.v[0], "crypto isakmp policy 20");
	ck_has(f->fix, " encryption aes 256");
	ck_has(f->fix, " hash sha");
	f = must_find(&fs, K_P1_PROPOSAL, "fw-1", "203.0.113.1");
	ck_assert_str_eq(f->fix.v[0], "! on hq-1");
	ck_assert_str_eq(f->fix.v[1], "crypto isakmp policy 20");
	ck_has(f->verify, "clear crypto ipsec sa peer 203.0.113.1");
	diag_findings_free(&fs);
	rt_free(&hq);
	rt_free(&fw);
}
END_TEST

/* ---- phase 2 ---- */

START_TEST(transform_ios_asa)
{
	struct rt		 hq, fw;
	struct diag_findings	 fs = { 0 };
	struct diag_finding	*f;

	hq_load(&hq, POL_AES256_SHA, TS_AES256_SHA256, "192.0.2.1", ACL_HQ,
	    "crypto isakmp key " HQ_KEY " address 192.0.2.1\n"
	    "crypto isakmp keepalive 30 5 periodic\n");
	asa_load(&fw, ASA_POL_AES256_SHA,
	    "crypto ipsec ikev1 transform-set TS-3DES esp-3des esp-sha-hmac\n",
	    "TS-3DES", ASA_TG_OK);
	diag_pair(&hq.r, "192.0.2.1", &fw.r, "203.0.113.1", NULL, &fs);
	dump(&fs);
	ck_assert_uint_eq(fs.n, 2);
	f = must_find(&fs, K_P2_TRANSFORM, "hq-1", "192.0.2.1");
	ck_has(f->evidence, "crypto_map(hq-1): CM 10 peer 192.0.2.1 sets "
	    "TS-AES256");
	ck_has(f->evidence, "ipsec_transform_set(fw-1): TS-3DES { esp-3des "
	    "esp-sha-hmac } tunnel");
	ck_assert_uint_eq(f->fix.n, 4);
	ck_assert_str_eq(f->fix.v[0],
	    "crypto ipsec transform-set TS-3DES esp-3des esp-sha-hmac");
	ck_assert_str_eq(f->fix.v[1], " mode tunnel");
	ck_assert_str_eq(f->fix.v[2], "crypto map CM 10");
	ck_assert_str_eq(f->fix.v[3], " set transform-set TS-AES256 TS-3DES");
	f = must_find(&fs, K_P2_TRANSFORM, "fw-1", "203.0.113.1");
	ck_assert_uint_eq(f->fix.n, 2);
	ck_assert_str_eq(f->fix.v[0], "crypto ipsec ikev1 transform-set "
	    "TS-AES256 esp-aes-256 esp-sha-256-hmac");
	ck_assert_str_eq(f->fix.v[1], "crypto map OUTSIDE_MAP 10 set ikev1 "
	    "transform-set TS-3DES TS-AES256");
	diag_findings_free(&fs);
	rt_free(&hq);
	rt_free(&fw);
}
END_TEST

/* ---- crypto ACLs ---- */

START_TEST(acl_not_mirrored)
{
	struct rt		 hq, br;
	struct diag_findings	 fs = { 0 };
	struct diag_finding	*f;

	hq_load(&hq, POL_AES256_SHA256, TS_AES256_SHA256, "198.51.100.2",
	    ACL_HQ
	    "\t    access-list VPN-TRAFFIC permit ip host 10.1.0.5 10.9.5.0 0.0.0.255\n",
	    RC_HQ);
	/* 10.1.0.7 0.0.0.255 is the same set as 10.1.0.0 0.0.0.255. */
	br_load(&br, POL_AES256_SHA256, TS_AES256_SHA256, "203.0.113.1",
	    "\t    access-list VPN-HQ permit ip 10.9.0.0 0.0.0.255 10.1.0.7 0.0.0.255\n"
	    "\t    access-list VPN-HQ permit ip 10.9.1.0 0.0.0.255 any\n",
	    RC_BR);
	diag_pair(&hq.r, "198.51.100.2", &br.r, "203.0.113.1", NULL, &fs);
	dump(&fs);
	ck_assert_uint_eq(fs.n, 2);
	f = must_find(&fs, K_ACL_MIRROR, "hq-1", "198.51.100.2");
	ck_assert_uint_eq(f->evidence.n, 2);
	ck_has(f->evidence, "crypto_map(hq-1): CM 10 VPN-TRAFFIC permit ip "
	    "host 10.1.0.5 10.9.5.0 0.0.0.255 has no mirror in br-1's VPN-HQ");
	ck_has(f->evidence, "crypto_map(br-1): BR-MAP 10 VPN-HQ permit ip "
	    "10.9.1.0 0.0.0.255 any has no mirror in hq-1's VPN-TRAFFIC");
	ck_assert_uint_eq(f->fix.n, 2);
	ck_assert_str_eq(f->fix.v[0], "ip access-list extended VPN-TRAFFIC");
	ck_assert_str_eq(f->fix.v[1], " permit ip any 10.9.1.0 0.0.0.255");
	f = must_find(&fs, K_ACL_MIRROR, "br-1", "203.0.113.1");
	ck_assert_uint_eq(f->evidence.n, 2);
	ck_assert_uint_eq(f->fix.n, 2);
	ck_assert_str_eq(f->fix.v[0], "ip access-list extended VPN-HQ");
	ck_assert_str_eq(f->fix.v[1], " permit ip 10.9.5.0 0.0.0.255 host 10.1.0.5");
	diag_findings_free(&fs);
	rt_free(&hq);
	rt_free(&br);
}
END_TEST

/*
 * The ASA's crypto_map probe does not parse its "access-list X extended"
 * lines (acl_entries stays empty there), so the check is skipped; with
 * entries given, the fix is in ASA syntax with netmasks.
 */
START_TEST(acl_asa_netmasks)
{
	struct rt		 hq, fw;
	struct diag_findings	 fs = { 0 };
	struct diag_finding	*f;
	cJSON			*cm, *e, *acl;

	hq_load(&hq, POL_AES256_SHA, TS_AES256_SHA, "192.0.2.1", ACL_HQ
	    "\t    access-list VPN-TRAFFIC permit tcp host 10.1.0.5 eq 443 10.2.5.0 0.0.0.255\n",
	    "crypto isakmp key " HQ_KEY " address 192.0.2.1\n"
	    "crypto isakmp keepalive 30 5 periodic\n");
	asa_load(&fw, ASA_POL_AES256_SHA, ASA_TS_AES256_SHA, "TS-AES256",
	    ASA_TG_OK);
	diag_pair(&hq.r, "192.0.2.1", &fw.r, "203.0.113.1", NULL, &fs);
	ck_assert_uint_eq(fs.n, 0);	/* no ASA entries: not checked */
	cm = cJSON_GetObjectItem(fw.json, "crypto_map");
	e = cJSON_GetArrayItem(cJSON_GetObjectItem(cm, "entries"), 0);
	acl = cJSON_GetObjectItem(e, "acl_entries");
	ck_assert_ptr_nonnull(acl);
	cJSON_AddItemToArray(acl, cJSON_Parse("{\"action\":\"permit\","
	    "\"protocol\":\"ip\",\"src\":\"10.9.0.0\",\"src_wildcard\":"
	    "\"255.255.255.0\",\"dst\":\"10.1.0.0\",\"dst_wildcard\":"
	    "\"255.255.255.0\",\"src_port\":null,\"dst_port\":null}"));
	diag_pair(&hq.r, "192.0.2.1", &fw.r, "203.0.113.1", NULL, &fs);
	dump(&fs);
	ck_assert_uint_eq(fs.n, 2);
	f = must_find(&fs, K_ACL_MIRROR, "fw-1", "203.0.113.1");
	ck_assert_uint_eq(f->evidence.n, 1);
	ck_assert_uint_eq(f->fix.n, 1);
	ck_assert_str_eq(f->fix.v[0], "access-list VPN-ACL extended permit "
	    "tcp 10.2.5.0 255.255.255.0 host 10.1.0.5 eq 443");
	f = must_find(&fs, K_ACL_MIRROR, "hq-1", "192.0.2.1");
	ck_assert_str_eq(f->fix.v[0], "! on fw-1");
	diag_findings_free(&fs);
	rt_free(&hq);
	rt_free(&fw);
}
END_TEST

/* Same wildcards, another network: the addresses are compared too. */
START_TEST(acl_network_differs)
{
	struct rt		 hq, br;
	struct diag_findings	 fs = { 0 };
	struct diag_finding	*f;

	hq_load(&hq, POL_AES256_SHA256, TS_AES256_SHA256, "198.51.100.2",
	    ACL_HQ, RC_HQ);
	br_load(&br, POL_AES256_SHA256, TS_AES256_SHA256, "203.0.113.1",
	    "\t    access-list VPN-HQ permit ip 10.9.0.0 0.0.0.255 10.2.0.0 0.0.0.255\n",
	    RC_BR);
	diag_pair(&hq.r, "198.51.100.2", &br.r, "203.0.113.1", NULL, &fs);
	dump(&fs);
	ck_assert_uint_eq(fs.n, 2);
	f = must_find(&fs, K_ACL_MIRROR, "br-1", "203.0.113.1");
	ck_assert_uint_eq(f->evidence.n, 2);
	ck_has(f->fix, " permit ip 10.9.0.0 0.0.0.255 10.1.0.0 0.0.0.255");
	f = must_find(&fs, K_ACL_MIRROR, "hq-1", "198.51.100.2");
	ck_has(f->fix, " permit ip 10.2.0.0 0.0.0.255 10.9.0.0 0.0.0.255");
	diag_findings_free(&fs);
	rt_free(&hq);
	rt_free(&br);
}
END_TEST

/*
 * "crypto isakmp keepalive 10" is 10 s, retry 2 s; an ASA tunnel group
 * without a keepalive line is threshold 10 retry 2: the same.
 */
START_TEST(dpd_defaults_equal)
{
	struct rt		 hq, fw;
	struct diag_findings	 fs = { 0 };

	hq_load(&hq, POL_AES256_SHA, TS_AES256_SHA, "192.0.2.1", ACL_HQ,
	    "crypto isakmp key " HQ_KEY " address 192.0.2.1\n"
	    "crypto isakmp keepalive 10\n");
	asa_load(&fw, ASA_POL_AES256_SHA, ASA_TS_AES256_SHA, "TS-AES256",
	    "tunnel-group 203.0.113.1 type ipsec-l2l\n"
	    "tunnel-group 203.0.113.1 ipsec-attributes\n"
	    " ikev1 pre-shared-key " HQ_KEY "\n");
	diag_pair(&hq.r, "192.0.2.1", &fw.r, "203.0.113.1", NULL, &fs);
	dump(&fs);
	ck_assert_uint_eq(fs.n, 0);
	diag_findings_free(&fs);
	rt_free(&hq);
	rt_free(&fw);
}
END_TEST

/* ---- DPD ---- */

START_TEST(dpd_ios_asa)
{
	struct rt		 hq, fw;
	struct diag_findings	 fs = { 0 };
	struct diag_finding	*f;

	hq_load(&hq, POL_AES256_SHA, TS_AES256_SHA, "192.0.2.1", ACL_HQ,
	    "crypto isakmp key " HQ_KEY " address 192.0.2.1\n"
	    "crypto isakmp keepalive 10 3 periodic\n");
	asa_load(&fw, ASA_POL_AES256_SHA, ASA_TS_AES256_SHA, "TS-AES256",
	    ASA_TG_OK);
	diag_pair(&hq.r, "192.0.2.1", &fw.r, "203.0.113.1", NULL, &fs);
	dump(&fs);
	ck_assert_uint_eq(fs.n, 2);
	f = must_find(&fs, K_DPD_ASYMMETRIC, "hq-1", "192.0.2.1");
	ck_has(f->evidence, "running_config(hq-1): crypto isakmp keepalive 10 "
	    "3 periodic");
	ck_has(f->evidence, "running_config(fw-1): tunnel-group 203.0.113.1 "
	    "isakmp keepalive threshold 30 retry 5");
	ck_assert_uint_eq(f->fix.n, 1);
	ck_assert_str_eq(f->fix.v[0], "crypto isakmp keepalive 30 5 periodic");
	f = must_find(&fs, K_DPD_ASYMMETRIC, "fw-1", "203.0.113.1");
	ck_assert_uint_eq(f->fix.n, 2);
	ck_assert_str_eq(f->fix.v[0], "tunnel-group 203.0.113.1 ipsec-attributes");
	ck_assert_str_eq(f->fix.v[1], " isakmp keepalive threshold 30 retry 5");
	diag_findings_free(&fs);
	rt_free(&hq);
	rt_free(&fw);
}
END_TEST

START_TEST(dpd_one_end_only)
{
	struct rt		 hq, br;
	struct diag_findings	 fs = { 0 };
	struct diag_finding	*f;

	hq_load(&hq, POL_AES256_SHA256, TS_AES256_SHA256, "198.51.100.2",
	    ACL_HQ, RC_HQ);
	br_load(&br, POL_AES256_SHA256, TS_AES256_SHA256, "203.0.113.1",
	    ACL_BR, "crypto isakmp key " HQ_KEY " address 203.0.113.1\n");
	diag_pair(&hq.r, "198.51.100.2", &br.r, "203.0.113.1", NULL, &fs);
	dump(&fs);
	ck_assert_uint_eq(fs.n, 2);
	f = must_find(&fs, K_DPD_ASYMMETRIC, "br-1", "203.0.113.1");
	ck_has(f->evidence, "running_config(br-1): no crypto isakmp keepalive "
	    "(DPD off)");
	ck_has(f->evidence, "running_config(hq-1): crypto isakmp keepalive 30 "
	    "5 periodic");
	ck_has(f->fix, "crypto isakmp keepalive 30 5 periodic");
	must_find(&fs, K_DPD_ASYMMETRIC, "hq-1", "198.51.100.2");
	diag_findings_free(&fs);
	rt_free(&hq);
	rt_free(&br);
}
END_TEST

/* ---- pre-shared keys ---- */

START_TEST(psk_ios_ios)
{
	struct rt		 hq, br;
	struct diag_findings	 fs = { 0 };
	struct diag_finding	*f;

	hq_load(&hq, POL_AES256_SHA256, TS_AES256_SHA256, "198.51.100.2",
	    ACL_HQ, RC_HQ);
	/* br-1's key for hq-1 is its wildcard key. */
	br_load(&br, POL_AES256_SHA256, TS_AES256_SHA256, "203.0.113.1",
	    ACL_BR, "crypto isakmp key " BR_KEY " address 0.0.0.0 0.0.0.0\n"
	    "crypto isakmp keepalive 30 5 periodic\n");
	diag_pair(&hq.r, "198.51.100.2", &br.r, "203.0.113.1", NULL, &fs);
	dump(&fs);
	ck_assert_uint_eq(fs.n, 2);
	f = must_find(&fs, K_PSK, "hq-1", "198.51.100.2");
	ck_assert_uint_eq(f->evidence.n, 2);
	ck_assert_ptr_nonnull(strstr(f->evidence.v[0],
	    "running_config(hq-1): crypto isakmp key (fingerprint "));
	ck_assert_ptr_nonnull(strstr(f->evidence.v[0], ") address 198.51.100.2"));
	ck_assert_ptr_nonnull(strstr(f->evidence.v[1], ") address 0.0.0.0 0.0.0.0"));
	ck_assert_str_eq(f->fix.v[0], "crypto isakmp key <the same key on "
	    "both ends> address 198.51.100.2");
	f = must_find(&fs, K_PSK, "br-1", "203.0.113.1");
	ck_assert_str_eq(f->fix.v[0], "crypto isakmp key <the same key on "
	    "both ends> address 0.0.0.0 0.0.0.0");
	assert_no_key(&fs, HQ_KEY);
	assert_no_key(&fs, BR_KEY);
	diag_findings_free(&fs);
	rt_free(&hq);
	rt_free(&br);
}
END_TEST

START_TEST(psk_ios_asa)
{
	struct rt		 hq, fw;
	struct diag_findings	 fs = { 0 };
	struct diag_finding	*f;

	hq_load(&hq, POL_AES256_SHA, TS_AES256_SHA, "192.0.2.1", ACL_HQ,
	    "crypto isakmp key " HQ_KEY " address 192.0.2.1\n"
	    "crypto isakmp keepalive 30 5 periodic\n");
	asa_load(&fw, ASA_POL_AES256_SHA, ASA_TS_AES256_SHA, "TS-AES256",
	    "tunnel-group 203.0.113.1 type ipsec-l2l\n"
	    "tunnel-group 203.0.113.1 ipsec-attributes\n"
	    " ikev1 pre-shared-key " ASA_KEY "\n"
	    " isakmp keepalive threshold 30 retry 5\n");
	diag_pair(&hq.r, "192.0.2.1", &fw.r, "203.0.113.1", NULL, &fs);
	dump(&fs);
	ck_assert_uint_eq(fs.n, 2);
	f = must_find(&fs, K_PSK, "fw-1", "203.0.113.1");
	ck_assert_ptr_nonnull(strstr(f->evidence.v[1], "running_config(fw-1): "
	    "tunnel-group 203.0.113.1 ikev1 pre-shared-key (fingerprint "));
	ck_assert_uint_eq(f->fix.n, 2);
	ck_assert_str_eq(f->fix.v[0], "tunnel-group 203.0.113.1 ipsec-attributes");
	ck_assert_str_eq(f->fix.v[1], " ikev1 pre-shared-key <the same key on "
	    "both ends>");
	must_find(&fs, K_PSK, "hq-1", "192.0.2.1");
	assert_no_key(&fs, HQ_KEY);
	assert_no_key(&fs, ASA_KEY);
	diag_findings_free(&fs);
	rt_free(&hq);
	rt_free(&fw);
}
END_TEST

/* A type 7 string is not the key: fingerprints do not compare. */
START_TEST(psk_type7_not_compared)
{
	struct rt		 hq, br;
	struct diag_findings	 fs = { 0 };

	hq_load(&hq, POL_AES256_SHA256, TS_AES256_SHA256, "198.51.100.2",
	    ACL_HQ, RC_HQ);
	br_load(&br, POL_AES256_SHA256, TS_AES256_SHA256, "203.0.113.1",
	    ACL_BR, "crypto isakmp key 7 0822455D0A165F4A address 203.0.113.1\n"
	    "crypto isakmp keepalive 30 5 periodic\n");
	diag_pair(&hq.r, "198.51.100.2", &br.r, "203.0.113.1", NULL, &fs);
	ck_assert_ptr_null(diag_find(&fs, K_PSK, "hq-1", "198.51.100.2"));
	ck_assert_uint_eq(fs.n, 0);
	diag_findings_free(&fs);
	rt_free(&hq);
	rt_free(&br);
}
END_TEST

/* ---- NAT-T ---- */

START_TEST(natt_one_side)
{
	struct rt		 hq, br;
	struct diag_findings	 fs = { 0 };
	struct diag_finding	*f;

	hq_load(&hq, POL_AES256_SHA256, TS_AES256_SHA256, "198.51.100.2",
	    ACL_HQ, RC_HQ);
	br_load(&br, POL_AES256_SHA256, TS_AES256_SHA256, "203.0.113.1",
	    ACL_BR, RC_BR
	    "no crypto ipsec nat-transparency udp-encapsulation\n");
	diag_pair(&hq.r, "198.51.100.2", &br.r, "203.0.113.1", NULL, &fs);
	dump(&fs);
	ck_assert_uint_eq(fs.n, 2);
	f = must_find(&fs, K_NATT, "br-1", "203.0.113.1");
	ck_has(f->evidence, "running_config(br-1): no crypto ipsec "
	    "nat-transparency udp-encapsulation (NAT-T disabled)");
	ck_has(f->evidence, "running_config(hq-1): NAT-T enabled");
	ck_assert_str_eq(f->fix.v[0],
	    "crypto ipsec nat-transparency udp-encapsulation");
	f = must_find(&fs, K_NATT, "hq-1", "198.51.100.2");
	ck_assert_str_eq(f->summary, "NAT traversal is disabled on br-1 and "
	    "enabled on hq-1: through NAT the tunnel cannot form");
	ck_assert_str_eq(f->fix.v[0], "! on br-1");
	ck_assert_str_eq(f->fix.v[1],
	    "crypto ipsec nat-transparency udp-encapsulation");
	diag_findings_free(&fs);
	rt_free(&hq);
	rt_free(&br);
}
END_TEST

/* ---- peer address versus the far end's crypto map ---- */

START_TEST(peer_not_map_address)
{
	struct rt		 hq, br;
	struct diag_findings	 fs = { 0 };
	struct diag_finding	*f;

	/* hq-1 targets br-1's other interface; br-1's map is on Gi0/0. */
	hq_load(&hq, POL_AES256_SHA256, TS_AES256_SHA256, "198.51.100.9",
	    ACL_HQ, "crypto isakmp key " HQ_KEY " address 198.51.100.9\n"
	    "crypto isakmp keepalive 30 5 periodic\n");
	br_load(&br, POL_AES256_SHA256, TS_AES256_SHA256, "203.0.113.1",
	    ACL_BR, RC_BR);
	diag_pair(&hq.r, "198.51.100.9", &br.r, "203.0.113.1", NULL, &fs);
	dump(&fs);
	ck_assert_uint_eq(fs.n, 2);
	f = must_find(&fs, K_WRONG_IF, "hq-1", "198.51.100.9");
	ck_has(f->evidence, "crypto_map(hq-1): CM 10 peer 198.51.100.9 on "
	    "GigabitEthernet0/1 address 203.0.113.1");
	ck_has(f->evidence, "crypto_map(br-1): BR-MAP 10 peer 203.0.113.1 on "
	    "GigabitEthernet0/0 address 198.51.100.2");
	ck_assert_uint_eq(f->fix.n, 3);
	ck_assert_str_eq(f->fix.v[0], "crypto map CM 10");
	ck_assert_str_eq(f->fix.v[1], " set peer 198.51.100.2");
	ck_assert_str_eq(f->fix.v[2], " no set peer 198.51.100.9");
	f = must_find(&fs, K_WRONG_IF, "br-1", "203.0.113.1");
	ck_assert_str_eq(f->fix.v[0], "! on hq-1");
	diag_findings_free(&fs);
	rt_free(&hq);
	rt_free(&br);
}
END_TEST

START_TEST(no_peer_back)
{
	struct rt		 hq, br;
	struct diag_findings	 fs = { 0 };
	struct diag_finding	*f;

	hq_load(&hq, POL_AES256_SHA256, TS_AES256_SHA256, "198.51.100.2",
	    ACL_HQ, RC_HQ);
	br_load(&br, POL_AES256_SHA256, TS_AES256_SHA256, "203.0.113.77",
	    ACL_BR, RC_BR);
	diag_pair(&hq.r, "198.51.100.2", &br.r, NULL, NULL, &fs);
	dump(&fs);
	f = must_find(&fs, K_WRONG_IF, "br-1", "203.0.113.1");
	ck_has(f->evidence, "crypto_map(br-1): BR-MAP 10 peer 203.0.113.77 is "
	    "not an address of hq-1");
	ck_assert_uint_eq(f->fix.n, 3);
	ck_assert_str_eq(f->fix.v[0], "crypto map BR-MAP 10");
	ck_assert_str_eq(f->fix.v[1], " set peer 203.0.113.1");
	ck_assert_str_eq(f->fix.v[2], " no set peer 203.0.113.77");
	f = must_find(&fs, K_WRONG_IF, "hq-1", "198.51.100.2");
	ck_assert_str_eq(f->fix.v[0], "! on br-1");
	/* Only that: the configuration compares equal otherwise. */
	ck_assert_uint_eq(fs.n, 2);
	diag_findings_free(&fs);
	rt_free(&hq);
	rt_free(&br);
}
END_TEST

static Suite *
diag_pair_suite(void)
{
	Suite	*s = suite_create("diag_pair");
	TCase	*tc = tcase_create("pair");

	tcase_add_test(tc, healthy_ios_ios);
	tcase_add_test(tc, healthy_ios_asa);
	tcase_add_test(tc, run_pairs_by_address);
	tcase_add_test(tc, missing_probes);
	tcase_add_test(tc, proposal_ios_ios);
	tcase_add_test(tc, proposal_ios_asa);
	tcase_add_test(tc, transform_ios_asa);
	tcase_add_test(tc, acl_not_mirrored);
	tcase_add_test(tc, acl_asa_netmasks);
	tcase_add_test(tc, acl_network_differs);
	tcase_add_test(tc, dpd_defaults_equal);
	tcase_add_test(tc, dpd_ios_asa);
	tcase_add_test(tc, dpd_one_end_only);
	tcase_add_test(tc, psk_ios_ios);
	tcase_add_test(tc, psk_ios_asa);
	tcase_add_test(tc, psk_type7_not_compared);
	tcase_add_test(tc, natt_one_side);
	tcase_add_test(tc, peer_not_map_address);
	tcase_add_test(tc, no_peer_back);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(diag_pair_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

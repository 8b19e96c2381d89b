/*
 * check_probe_running_config.c: the IKE lines of the running
 * configuration: keys reduced to fingerprints (and never leaked), DPD,
 * NAT-T, ASA tunnel-groups; the ASA corpus; tolerance.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "probe.h"
#include "running_config.h"
#include "sha256.h"
#include "util.h"

static const unsigned char test_salt[] = "per-install-salt";

static char *
fixture(const char *name, size_t *len)
{
	const char	*src = getenv("IPSECWATCH_SRC");
	char		 path[1024], *txt;

	snprintf(path, sizeof(path), "%s/tests/fixtures/running_config/%s",
	    src ? src : ".", name);
	txt = golden_read(path, len);
	ck_assert_msg(txt != NULL, "cannot read %s", path);
	return txt;
}

static void
parse_salted(const char *txt, size_t len, enum platform plat,
    const unsigned char *salt, size_t saltlen, struct probe_result *res)
{
	struct probe_input	 in;
	char			*copy = malloc(len ? len : 1);

	memcpy(copy, txt, len);
	memset(&in, 0, sizeof(in));
	in.text = copy;
	in.len = len;
	in.platform = plat;
	in.salt = salt;
	in.saltlen = saltlen;
	probe_parse(&probe_running_config, &in, res);
	/* Wipe and free the input: records must not point into it. */
	memset(copy, 'X', len);
	free(copy);
}

static void
parse(const char *txt, size_t len, enum platform plat,
    struct probe_result *res)
{
	parse_salted(txt, len, plat, test_salt, sizeof(test_salt) - 1, res);
}

static char *
render(const struct probe_result *res)
{
	cJSON	*j = probe_result_json(&probe_running_config, res);
	char	*s = cJSON_Print(j);

	cJSON_Delete(j);
	return s;
}

static char *
render_text(const char *txt, size_t len, enum platform plat)
{
	struct probe_result	 res;
	char			*s;

	parse(txt, len, plat, &res);
	s = render(&res);
	probe_result_free(&probe_running_config, &res);
	return s;
}

static const struct running_config *
rc_of(const struct probe_result *res)
{
	ck_assert_ptr_nonnull(res->records);
	return res->records;
}

/* The expected fingerprint: first 16 hex digits of HMAC(salt, key). */
static void
expected_fingerprint(const char *key, char out[17])
{
	uint8_t	 mac[SHA256_DIGEST_LENGTH];
	int	 i;

	hmac_sha256(test_salt, sizeof(test_salt) - 1, key, strlen(key), mac);
	for (i = 0; i < 8; i++)
		snprintf(out + 2 * i, 3, "%02x", mac[i]);
}

/* ---- (a) goldens -------------------------------------------------------- */

START_TEST(test_golden)
{
	ck_assert_int_ge(golden_check_dir(&probe_running_config), 16);
}
END_TEST

/* ---- (b) corpus: ASA show running-config crypto {ikev1,ipsec,map} ------- */

/*
 * Upstream parses policies, transform-sets and crypto map entries: none
 * of them is a field of this probe (other probes own them). What maps to
 * ours: every line is known ASA crypto configuration (recognised, none
 * unparsed), no key, no tunnel-group, no keepalive, NAT-T at its default.
 * "lines" is the number of non-blank lines of the .raw file.
 */
static const struct {
	const char	*file;
	size_t		 lines;
	size_t		 upstream_records;	/* len(parsed_sample) */
	int		 asa_marker;		/* crypto ikev1: platform guessed */
} corpus[] = {
	{ "ntc-crypto-ikev1.asa.txt", 72, 12, 1 },
	{ "ntc-ipsec.asa.txt", 20, 12, 0 },
	{ "ntc-crypto-map.asa.txt", 11, 2, 0 },
	{ "ntc-crypto-map2.asa.txt", 22, 7, 0 },
	{ "ntc-all-crypto-map.asa.txt", 68, 10, 0 },
	{ "ntc-all-crypto-map2.asa.txt", 76, 11, 0 },
};

START_TEST(test_corpus)
{
	struct probe_result		 res;
	const struct running_config	*rc;
	char				*txt;
	size_t				 len;

	txt = fixture(corpus[_i].file, &len);
	parse(txt, len, PLATFORM_AUTO, &res);
	ck_assert_msg(res.ok, "%s: %s", corpus[_i].file, res.error);
	ck_assert_uint_eq(res.unparsed, 0);
	ck_assert_uint_eq(res.recognised, corpus[_i].lines);
	ck_assert_uint_ge(res.recognised, corpus[_i].upstream_records);
	ck_assert_int_eq(res.platform, corpus[_i].asa_marker ? PLATFORM_ASA :
	    PLATFORM_AUTO);
	rc = rc_of(&res);
	ck_assert_uint_eq(rc->nkeys, 0);
	ck_assert_uint_eq(rc->ngroups, 0);
	ck_assert_int_eq(rc->keepalive.present, 0);
	ck_assert_int_eq(rc->ikev2_dpd.present, 0);
	ck_assert_int_eq(rc->natt_enabled, 1);
	ck_assert_int_eq(rc->natt_keepalive_s, -1);
	probe_result_free(&probe_running_config, &res);
	free(txt);
}
END_TEST

/* ---- (c) own cases ------------------------------------------------------ */

struct want_key {
	const char		*peer;
	const char		*mask;
	const char		*hostname;
	const char		*secret;	/* to check the fingerprint; NULL */
	enum rc_key_encoding	 enc;
	const char		*keyring;
	int			 ike_version;
	const char		*ikev2_peer;
	const char		*direction;
	int			 no_xauth;
};

static const struct want_key want_ios_filtered[] = {
	{ "198.51.100.2", "255.255.255.255", "", "Sup3rS3cret!", RC_KEY_CLEAR, "", 1, "", "", 1 },
	{ "198.51.100.6", "", "", "FLgBaJHXdYY_AcHZZMgQ_RhTDJXHUBAAB", RC_KEY_TYPE6, "", 1, "", "", 0 },
	{ "192.0.2.77", "255.255.255.0", "", "0822455D0A165F4A", RC_KEY_TYPE7, "", 1, "", "", 0 },
	{ "", "", "peer.example.net", "branchkey", RC_KEY_CLEAR, "", 1, "", "", 0 },
	{ "2001:db8:1::2", "/128", "", "v6secret", RC_KEY_CLEAR, "", 1, "", "", 0 },
	/* "key 6 address": the key is "6", not a type */
	{ "203.0.113.9", "", "", "6", RC_KEY_CLEAR, "", 1, "", "", 0 },
};

static const struct want_key want_iosxe_full[] = {
	{ "198.51.100.10", "", "", "KeyRing-One", RC_KEY_CLEAR, "KR-LEGACY", 1, "", "", 0 },
	{ "198.51.100.0", "255.255.255.0", "", "OeYbEbhhd\\UUVfOZaVWgCNRGd\\MfXbHAAB", RC_KEY_TYPE6, "KR-LEGACY", 1, "", "", 0 },
	{ "", "", "site3.example.net", "site3-secret", RC_KEY_CLEAR, "KR-LEGACY", 1, "", "", 0 },
	{ "198.51.100.20", "", "", "Ikev2-Symmetric", RC_KEY_CLEAR, "IKEV2-KR", 2, "SITE-B", "", 0 },
	{ "2001:db8:c::1", "/128", "", "Local-Side-Key", RC_KEY_CLEAR, "IKEV2-KR", 2, "SITE-C", "local", 0 },
	{ "2001:db8:c::1", "/128", "", "RemoteEncryptedXYZ", RC_KEY_TYPE6, "IKEV2-KR", 2, "SITE-C", "remote", 0 },
	{ "", "", "site-d.example.net", "site-d-key", RC_KEY_CLEAR, "IKEV2-KR", 2, "SITE-D", "", 0 },
};

static void
check_keys(const struct running_config *rc, const struct want_key *w,
    size_t n)
{
	char	 fp[17];
	size_t	 i;

	ck_assert_uint_eq(rc->nkeys, n);
	for (i = 0; i < n; i++) {
		const struct rc_isakmp_key *k = &rc->keys[i];
		ck_assert_msg(strcmp(k->peer, w[i].peer) == 0, "key %zu peer %s",
		    i, k->peer);
		ck_assert_str_eq(k->peer_mask, w[i].mask);
		ck_assert_str_eq(k->hostname, w[i].hostname);
		ck_assert_int_eq(k->psk.encoding, w[i].enc);
		ck_assert_str_eq(k->keyring, w[i].keyring);
		ck_assert_int_eq(k->ike_version, w[i].ike_version);
		ck_assert_str_eq(k->ikev2_peer, w[i].ikev2_peer);
		ck_assert_str_eq(k->direction, w[i].direction);
		ck_assert_int_eq(k->no_xauth, w[i].no_xauth);
		expected_fingerprint(w[i].secret, fp);
		ck_assert_msg(strcmp(k->psk.fingerprint, fp) == 0,
		    "key %zu fingerprint %s, want %s", i, k->psk.fingerprint,
		    fp);
	}
}

START_TEST(test_ios_filtered)
{
	struct probe_result		 res;
	const struct running_config	*rc;
	char				*txt;
	size_t				 len;

	txt = fixture("own-ios-filtered.ios.txt", &len);
	parse(txt, len, PLATFORM_IOS, &res);
	ck_assert(res.ok);
	ck_assert_uint_eq(res.unparsed, 0);
	ck_assert_uint_eq(res.recognised, 20);
	rc = rc_of(&res);
	check_keys(rc, want_ios_filtered, NITEMS(want_ios_filtered));
	ck_assert_int_eq(rc->keepalive.present, 1);
	ck_assert_int_eq(rc->keepalive.interval_s, 10);
	ck_assert_int_eq(rc->keepalive.retries, 3);
	ck_assert_int_eq(rc->keepalive.periodic, 1);
	ck_assert_int_eq(rc->ikev2_dpd.present, 0);
	ck_assert_int_eq(rc->natt_enabled, 1);
	ck_assert_int_eq(rc->natt_keepalive_s, 20);
	ck_assert_int_eq(rc->aggressive_mode_disabled, 1);
	ck_assert_int_eq(rc->invalid_spi_recovery, 1);
	ck_assert_uint_eq(rc->ngroups, 0);
	probe_result_free(&probe_running_config, &res);
	free(txt);
}
END_TEST

START_TEST(test_ios_defaults)
{
	struct probe_result		 res;
	const struct running_config	*rc;
	char				*txt;
	size_t				 len;

	txt = fixture("own-ios-keepalive-defaults.ios.txt", &len);
	parse(txt, len, PLATFORM_IOS, &res);
	ck_assert(res.ok);
	ck_assert_uint_eq(res.unparsed, 0);
	rc = rc_of(&res);
	ck_assert_uint_eq(rc->nkeys, 1);
	ck_assert_str_eq(rc->keys[0].peer, "0.0.0.0");
	ck_assert_str_eq(rc->keys[0].peer_mask, "0.0.0.0");
	/* "keepalive 30": retries not printed (null), on-demand by default */
	ck_assert_int_eq(rc->keepalive.present, 1);
	ck_assert_int_eq(rc->keepalive.interval_s, 30);
	ck_assert_int_eq(rc->keepalive.retries, -1);
	ck_assert_int_eq(rc->keepalive.periodic, 0);
	ck_assert_int_eq(rc->natt_enabled, 0);
	ck_assert_int_eq(rc->natt_keepalive_s, -1);
	ck_assert_int_eq(rc->aggressive_mode_disabled, 0);
	probe_result_free(&probe_running_config, &res);
	free(txt);
}
END_TEST

START_TEST(test_iosxe_ikev2_filtered)
{
	struct probe_result		 res;
	const struct running_config	*rc;
	char				*txt;
	size_t				 len;

	txt = fixture("own-iosxe-ikev2-filtered.iosxe.txt", &len);
	parse(txt, len, PLATFORM_IOSXE, &res);
	ck_assert(res.ok);
	ck_assert_uint_eq(res.unparsed, 0);
	rc = rc_of(&res);
	ck_assert_uint_eq(rc->nkeys, 0);
	ck_assert_int_eq(rc->ikev2_dpd.present, 1);
	ck_assert_int_eq(rc->ikev2_dpd.interval_s, 10);
	ck_assert_int_eq(rc->ikev2_dpd.retries, 2);
	ck_assert_int_eq(rc->ikev2_dpd.periodic, 0);
	ck_assert_int_eq(rc->ikev2_nat_keepalive_s, 20);
	ck_assert_int_eq(rc->keepalive.present, 1);
	ck_assert_int_eq(rc->keepalive.interval_s, 15);
	ck_assert_int_eq(rc->keepalive.retries, 5);
	ck_assert_int_eq(rc->keepalive.periodic, 0);
	probe_result_free(&probe_running_config, &res);
	free(txt);
}
END_TEST

START_TEST(test_iosxe_full_config)
{
	struct probe_result		 res;
	const struct running_config	*rc;
	char				*txt;
	size_t				 len;

	txt = fixture("own-iosxe-full-config.iosxe.txt", &len);
	parse(txt, len, PLATFORM_IOSXE, &res);
	ck_assert(res.ok);
	ck_assert_uint_eq(res.unparsed, 0);
	rc = rc_of(&res);
	check_keys(rc, want_iosxe_full, NITEMS(want_iosxe_full));
	ck_assert_int_eq(rc->keepalive.interval_s, 10);
	ck_assert_int_eq(rc->keepalive.retries, -1);
	ck_assert_int_eq(rc->keepalive.periodic, 1);
	ck_assert_int_eq(rc->ikev2_dpd.interval_s, 20);
	ck_assert_int_eq(rc->ikev2_dpd.retries, 5);
	ck_assert_int_eq(rc->ikev2_dpd.periodic, 1);
	probe_result_free(&probe_running_config, &res);
	free(txt);
}
END_TEST

START_TEST(test_asa_crypto)
{
	struct probe_result		 res;
	const struct running_config	*rc;
	char				*txt;
	size_t				 len;

	txt = fixture("own-asa-crypto.asa.txt", &len);
	parse(txt, len, PLATFORM_AUTO, &res);
	ck_assert(res.ok);
	ck_assert_uint_eq(res.unparsed, 0);
	ck_assert_int_eq(res.platform, PLATFORM_ASA);
	rc = rc_of(&res);
	ck_assert_int_eq(rc->natt_enabled, 1);
	ck_assert_int_eq(rc->natt_keepalive_s, 20);
	ck_assert_uint_eq(rc->nikev1_interfaces, 1);
	ck_assert_str_eq(rc->ikev1_interfaces[0], "outside");
	ck_assert_uint_eq(rc->nikev2_interfaces, 1);
	ck_assert_str_eq(rc->ikev2_interfaces[0], "outside");
	ck_assert_uint_eq(rc->nkeys, 0);
	ck_assert_uint_eq(rc->ngroups, 0);
	probe_result_free(&probe_running_config, &res);
	free(txt);
}
END_TEST

START_TEST(test_asa_tunnel_groups)
{
	struct probe_result		 res;
	const struct running_config	*rc;
	const struct rc_tunnel_group	*g;
	char				*txt;
	size_t				 len;

	txt = fixture("own-asa-full-tunnel-groups.asa.txt", &len);
	parse(txt, len, PLATFORM_ASA, &res);
	ck_assert(res.ok);
	ck_assert_uint_eq(res.unparsed, 0);
	rc = rc_of(&res);
	ck_assert_int_eq(rc->natt_keepalive_s, 30);
	ck_assert_int_eq(rc->aggressive_mode_disabled, 1);
	ck_assert_uint_eq(rc->ngroups, 2);
	g = &rc->groups[0];
	ck_assert_str_eq(g->name, "198.51.100.2");
	ck_assert_str_eq(g->type, "ipsec-l2l");
	ck_assert_int_eq(g->psk.encoding, RC_KEY_MASKED);
	ck_assert_str_eq(g->psk.fingerprint, "");	/* masked: none */
	ck_assert_int_eq(g->keepalive_threshold_s, 10);
	ck_assert_int_eq(g->keepalive_retry_s, 2);
	ck_assert_int_eq(g->keepalive_disabled, 0);
	g = &rc->groups[1];
	ck_assert_str_eq(g->name, "203.0.113.50");
	ck_assert_int_eq(g->psk.encoding, RC_KEY_NONE);
	ck_assert_int_eq(g->ikev2_local_psk.encoding, RC_KEY_MASKED);
	ck_assert_int_eq(g->ikev2_remote_psk.encoding, RC_KEY_MASKED);
	ck_assert_int_eq(g->keepalive_threshold_s, -1);
	ck_assert_int_eq(g->keepalive_disabled, 1);
	probe_result_free(&probe_running_config, &res);
	free(txt);
}
END_TEST

START_TEST(test_asa_clear_key_and_natt_off)
{
	struct probe_result		 res;
	const struct running_config	*rc;
	char				*txt, fp[17];
	size_t				 len;

	txt = fixture("own-asa-system-config-clear-key.asa.txt", &len);
	parse(txt, len, PLATFORM_ASA, &res);
	ck_assert(res.ok);
	rc = rc_of(&res);
	ck_assert_int_eq(rc->natt_enabled, 0);
	ck_assert_int_eq(rc->natt_keepalive_s, -1);
	ck_assert_uint_eq(rc->ngroups, 1);
	ck_assert_int_eq(rc->groups[0].psk.encoding, RC_KEY_CLEAR);
	expected_fingerprint("Asa-Clear-Key-1", fp);
	ck_assert_str_eq(rc->groups[0].psk.fingerprint, fp);
	ck_assert_int_eq(rc->groups[0].keepalive_threshold_s, 30);
	ck_assert_int_eq(rc->groups[0].keepalive_retry_s, 5);
	probe_result_free(&probe_running_config, &res);
	free(txt);
}
END_TEST

/* ---- secrets ------------------------------------------------------------ */

static const struct {
	const char	*file;
	const char	*secret;
} secrets[] = {
	{ "own-ios-filtered.ios.txt", "Sup3rS3cret!" },
	{ "own-ios-filtered.ios.txt", "FLgBaJHXdYY_AcHZZMgQ_RhTDJXHUBAAB" },
	{ "own-ios-filtered.ios.txt", "0822455D0A165F4A" },
	{ "own-ios-filtered.ios.txt", "branchkey" },
	{ "own-ios-filtered.ios.txt", "v6secret" },
	{ "own-ios-keepalive-defaults.ios.txt", "s3cond-key" },
	{ "own-iosxe-full-config.iosxe.txt", "KeyRing-One" },
	{ "own-iosxe-full-config.iosxe.txt", "OeYbEbhhd" },
	{ "own-iosxe-full-config.iosxe.txt", "site3-secret" },
	{ "own-iosxe-full-config.iosxe.txt", "Ikev2-Symmetric" },
	{ "own-iosxe-full-config.iosxe.txt", "Local-Side-Key" },
	{ "own-iosxe-full-config.iosxe.txt", "RemoteEncryptedXYZ" },
	{ "own-iosxe-full-config.iosxe.txt", "site-d-key" },
	{ "own-asa-system-config-clear-key.asa.txt", "Asa-Clear-Key-1" },
};

/* With and without salt, whole or cut anywhere: the key never shows. */
START_TEST(test_secret_never_in_json)
{
	struct probe_result	 res;
	char			*txt, *js;
	size_t			 len, cut;
	int			 salted;

	txt = fixture(secrets[_i].file, &len);
	ck_assert_ptr_nonnull(strstr(txt, secrets[_i].secret));
	for (salted = 0; salted < 2; salted++)
		for (cut = 1; cut <= len; cut += cut < len - 8 ? 7 : 1) {
			parse_salted(txt, cut, PLATFORM_AUTO, salted ?
			    test_salt : NULL, salted ? sizeof(test_salt) - 1 :
			    0, &res);
			js = render(&res);
			ck_assert_msg(strstr(js, secrets[_i].secret) == NULL,
			    "%s leaked", secrets[_i].secret);
			ck_assert(strstr(res.error, secrets[_i].secret) == NULL);
			free(js);
			probe_result_free(&probe_running_config, &res);
		}
	free(txt);
}
END_TEST

/* A key that is the whole line's problem: errors never quote it. */
START_TEST(test_secret_not_in_error)
{
	static const char txt[] = "crypto isakmp key TopSecretKey99 nowhere\n";
	struct probe_result	 res;
	char			*js;

	parse(txt, sizeof(txt) - 1, PLATFORM_IOS, &res);
	ck_assert(!res.ok);
	ck_assert_uint_eq(res.unparsed, 1);
	ck_assert(strstr(res.error, "TopSecretKey99") == NULL);
	js = render(&res);
	ck_assert(strstr(js, "TopSecretKey99") == NULL);
	free(js);
	probe_result_free(&probe_running_config, &res);
}
END_TEST

START_TEST(test_no_salt_no_fingerprint)
{
	static const char txt[] =
	    "crypto isakmp key 6 EncryptedForm address 198.51.100.2\n";
	struct probe_result	 res;
	char			*js;

	parse_salted(txt, sizeof(txt) - 1, PLATFORM_IOS, NULL, 0, &res);
	ck_assert(res.ok);
	ck_assert_uint_eq(rc_of(&res)->nkeys, 1);
	ck_assert_str_eq(rc_of(&res)->keys[0].psk.fingerprint, "");
	ck_assert_int_eq(rc_of(&res)->keys[0].psk.encoding, RC_KEY_TYPE6);
	js = render(&res);
	ck_assert_ptr_nonnull(strstr(js, "\"psk_fingerprint\":\tnull"));
	ck_assert_ptr_nonnull(strstr(js, "\"key_encoding\":\t\"type6\""));
	free(js);
	probe_result_free(&probe_running_config, &res);
}
END_TEST

/* The same key gives the same fingerprint; another salt another one. */
START_TEST(test_fingerprint_comparable)
{
	static const char a[] = "crypto isakmp key Same-Key address 192.0.2.1\n";
	static const char b[] = "crypto keyring K\n pre-shared-key address "
	    "192.0.2.9 key Same-Key\n";
	static const unsigned char other[] = "another-salt";
	struct probe_result	 ra, rb, rc;

	parse(a, sizeof(a) - 1, PLATFORM_IOS, &ra);
	parse(b, sizeof(b) - 1, PLATFORM_IOS, &rb);
	parse_salted(a, sizeof(a) - 1, PLATFORM_IOS, other, sizeof(other) - 1,
	    &rc);
	ck_assert_uint_eq(rc_of(&rb)->nkeys, 1);
	ck_assert_str_eq(rc_of(&ra)->keys[0].psk.fingerprint,
	    rc_of(&rb)->keys[0].psk.fingerprint);
	ck_assert_str_ne(rc_of(&ra)->keys[0].psk.fingerprint,
	    rc_of(&rc)->keys[0].psk.fingerprint);
	ck_assert_uint_eq(strlen(rc_of(&ra)->keys[0].psk.fingerprint), 16);
	probe_result_free(&probe_running_config, &ra);
	probe_result_free(&probe_running_config, &rb);
	probe_result_free(&probe_running_config, &rc);
}
END_TEST

/* ---- broken statements ------------------------------------------------- */

START_TEST(test_broken_statements_unparsed)
{
	static const char txt[] =
	    "crypto isakmp key OnlyAKey\n"
	    "crypto isakmp key K1 address not-an-ip\n"
	    "crypto isakmp keepalive soon\n"
	    "crypto isakmp keepalive 10 3 sometimes\n"
	    "crypto ikev2 dpd\n"
	    "crypto isakmp nat keepalive x\n"
	    "crypto isakmp keepalive 10 2 periodic\n";
	struct probe_result	 res;

	parse(txt, sizeof(txt) - 1, PLATFORM_IOS, &res);
	ck_assert(res.ok);
	ck_assert_uint_eq(res.unparsed, 6);
	ck_assert_uint_eq(res.recognised, 1);
	ck_assert_uint_eq(rc_of(&res)->nkeys, 0);
	ck_assert_int_eq(rc_of(&res)->keepalive.interval_s, 10);
	ck_assert_int_eq(rc_of(&res)->natt_keepalive_s, -1);
	probe_result_free(&probe_running_config, &res);
}
END_TEST

/* ---- tolerance ---------------------------------------------------------- */

enum rewrite { RW_CRLF, RW_TABS, RW_NO_INDENT, RW_PROMPTS, RW_MORE };

static char *
rewrite(const char *txt, size_t len, enum rewrite mode, size_t *outlen)
{
	char	*out = malloc(len * 2 + 256);
	size_t	 i = 0, n = 0, lineno = 0;

	if (mode == RW_PROMPTS)
		n += (size_t)sprintf(out, "hq-1#show running-config\n");
	while (i < len) {
		size_t e = i;
		while (e < len && txt[e] != '\n')
			e++;
		if (mode == RW_MORE && lineno == 3)
			n += (size_t)sprintf(out + n, " --More-- \n");
		if (mode == RW_NO_INDENT)
			while (i < e && (txt[i] == ' ' || txt[i] == '\t'))
				i++;
		for (; i < e; i++) {
			if (mode == RW_TABS && txt[i] == ' ' &&
			    (i + 1 == e || txt[i + 1] == ' ' || i == 0 ||
			    txt[i - 1] == '\n')) {
				out[n++] = '\t';
				while (i + 1 < e && txt[i + 1] == ' ')
					i++;
				continue;
			}
			out[n++] = txt[i];
		}
		if (mode == RW_CRLF)
			out[n++] = '\r';
		out[n++] = '\n';
		i = e + 1;
		lineno++;
	}
	if (mode == RW_PROMPTS)
		n += (size_t)sprintf(out + n, "hq-1#\n");
	*outlen = n;
	return out;
}

static const char *const tolerance_files[] = {
	"own-ios-filtered.ios.txt", "own-iosxe-full-config.iosxe.txt",
	"own-asa-full-tunnel-groups.asa.txt", "own-asa-crypto.asa.txt",
};

START_TEST(test_tolerance)
{
	enum rewrite	 mode;
	char		*txt, *want, *alt, *got;
	size_t		 len, altlen;
	const char	*file = tolerance_files[_i];
	enum platform	 plat = strstr(file, ".asa.") ? PLATFORM_ASA :
	    PLATFORM_IOS;

	txt = fixture(file, &len);
	want = render_text(txt, len, plat);
	for (mode = RW_CRLF; mode <= RW_MORE; mode++) {
		alt = rewrite(txt, len, mode, &altlen);
		got = render_text(alt, altlen, plat);
		ck_assert_msg(strcmp(got, want) == 0, "%s rewrite %d:\n%s",
		    file, (int)mode, got);
		free(got);
		free(alt);
	}
	free(want);
	free(txt);
}
END_TEST

START_TEST(test_empty)
{
	struct probe_result	 res;

	parse("", 0, PLATFORM_IOS, &res);
	ck_assert(res.ok);
	ck_assert_uint_eq(rc_of(&res)->nkeys, 0);
	ck_assert_int_eq(rc_of(&res)->natt_enabled, 1);
	probe_result_free(&probe_running_config, &res);
}
END_TEST

START_TEST(test_garbage_refused)
{
	static const char *const garbage[] = {
		"% Invalid input detected at '^' marker.\n",
		"lorem ipsum\ndolor sit amet\n",
		"\x01\x02\x03\xff\xfe\n",
	};
	struct probe_result	 res;
	size_t			 i;

	for (i = 0; i < NITEMS(garbage); i++) {
		parse(garbage[i], strlen(garbage[i]), PLATFORM_IOS, &res);
		ck_assert(!res.ok);
		ck_assert_uint_gt(strlen(res.error), 0);
		probe_result_free(&probe_running_config, &res);
	}
}
END_TEST

/* Cut anywhere: no crash; keys before the cut line are kept. */
START_TEST(test_truncated)
{
	struct probe_result	 res;
	char			*txt;
	const char		*at;
	size_t			 len, cut;

	txt = fixture("own-ios-filtered.ios.txt", &len);
	for (cut = 0; cut <= len; cut++) {
		parse(txt, cut, PLATFORM_IOS, &res);
		probe_result_free(&probe_running_config, &res);
	}
	/* Cut in the middle of the third key's address. */
	at = strstr(txt, "192.0.2.77");
	cut = (size_t)(at - txt) + 3;
	parse(txt, cut, PLATFORM_IOS, &res);
	ck_assert(res.ok);
	ck_assert_uint_eq(rc_of(&res)->nkeys, 2);
	ck_assert_str_eq(rc_of(&res)->keys[1].peer, "198.51.100.6");
	ck_assert_uint_eq(res.unparsed, 1);	/* the cut line */
	probe_result_free(&probe_running_config, &res);
	free(txt);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("probe_running_config");
	TCase	*tc = tcase_create("running_config");
	SRunner	*sr;
	int	 nf;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_golden);
	tcase_add_loop_test(tc, test_corpus, 0, (int)NITEMS(corpus));
	tcase_add_test(tc, test_ios_filtered);
	tcase_add_test(tc, test_ios_defaults);
	tcase_add_test(tc, test_iosxe_ikev2_filtered);
	tcase_add_test(tc, test_iosxe_full_config);
	tcase_add_test(tc, test_asa_crypto);
	tcase_add_test(tc, test_asa_tunnel_groups);
	tcase_add_test(tc, test_asa_clear_key_and_natt_off);
	tcase_add_loop_test(tc, test_secret_never_in_json, 0,
	    (int)NITEMS(secrets));
	tcase_add_test(tc, test_secret_not_in_error);
	tcase_add_test(tc, test_no_salt_no_fingerprint);
	tcase_add_test(tc, test_fingerprint_comparable);
	tcase_add_test(tc, test_broken_statements_unparsed);
	tcase_add_loop_test(tc, test_tolerance, 0,
	    (int)NITEMS(tolerance_files));
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_garbage_refused);
	tcase_add_test(tc, test_truncated);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

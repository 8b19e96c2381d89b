/*
 * check_probe_ipsec_transform_set.c: the ipsec_transform_set parser
 * against the corpus (ntc's expected values, field by field), the IOS
 * documentation's example, our own cases, the golden files and the paste
 * rewrites every parser must tolerate.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "golden.h"
#include "ipsec_transform_set.h"
#include "probe.h"

/* strlcat is not in every libc we build on. */
static void
strlcat_compat(char *dst, const char *src, size_t size)
{
	size_t	 n = strlen(dst);

	if (n + 1 < size)
		snprintf(dst + n, size - n, "%s", src);
}

#include "probetest.h"

/*
 * Expected values: ntc's TextFSM parse of the ASA running configuration
 * (name, ike_version 1 = ikev1-transform-set / 2 = ikev2-ipsec-proposal,
 * encryption and auth lists; "esp-aes-256" is aes 256, "esp-md5-hmac"
 * md5), the IOS documentation's example and our own cases.
 */
struct exp_set {
	const char	*file;
	size_t		 idx;
	const char	*name;
	enum transform_set_kind kind;
	const char	*transforms;	/* joined by "|" */
	const char	*esp_encryption;
	int64_t		 key_bits;
	const char	*esp_auth, *ah, *mode;
	int		 mode_inferred;
	size_t		 nencryptions, nintegrities;
};

#define NTC	"ntc-cisco_asa_show_running-config_ipsec.asa.txt"
#define DOC	"own-ios-doc.ios.txt"
#define IOS15	"own-ios15.ios.txt"
#define ASA	"own-asa-full.asa.txt"
#define V1	TS_KIND_IKEV1
#define V2	TS_KIND_IKEV2_PROPOSAL
#define IOS	TS_KIND_IOS
static const struct exp_set expected[] = {
	{ NTC, 0, "AES-256_MD5", V1, "esp-aes-256|esp-md5-hmac", "aes", 256,
	  "md5", NULL, "tunnel", 1, 0, 0 },
	{ NTC, 1, "AES-256_SHA", V1, "esp-aes-256|esp-sha-hmac", "aes", 256,
	  "sha", NULL, "tunnel", 1, 0, 0 },
	{ NTC, 2, "3DES_MD5", V1, "esp-3des|esp-md5-hmac", "3des", 168, "md5",
	  NULL, "tunnel", 1, 0, 0 },
	{ NTC, 3, "3DES_SHa", V1, "esp-3des|esp-sha-hmac", "3des", 168, "sha",
	  NULL, "tunnel", 1, 0, 0 },
	{ NTC, 4, "AES_MD5", V1, "esp-aes|esp-md5-hmac", "aes", 128, "md5",
	  NULL, "tunnel", 1, 0, 0 },
	{ NTC, 5, "AES_SHA", V1, "esp-aes|esp-sha-hmac", "aes", 128, "sha",
	  NULL, "tunnel", 1, 0, 0 },
	{ NTC, 6, "AES-192_MD5", V1, "esp-aes-192|esp-md5-hmac", "aes", 192,
	  "md5", NULL, "tunnel", 1, 0, 0 },
	{ NTC, 7, "AES-192_SHA", V1, "esp-aes-192|esp-sha-hmac", "aes", 192,
	  "sha", NULL, "tunnel", 1, 0, 0 },
	{ NTC, 8, "IKE2", V2, "aes-gcm-256|aes-gcm-192|aes-gcm|aes-256|"
	  "aes-192|aes|3des|des|aes-gmac-256|aes-gmac-192|aes-gmac|sha-512|"
	  "sha-384|sha-256|sha-1|md5", NULL, -1, NULL, NULL, NULL, 0, 11, 5 },
	{ NTC, 9, "NEW_IKE2", V2, "aes-gcm-256|aes-gcm-192|aes-gcm|aes-256|"
	  "aes-192|aes|3des|des|aes-gmac-256|aes-gmac-192|aes-gmac", NULL, -1,
	  NULL, NULL, NULL, 0, 11, 0 },
	{ NTC, 10, "newer_ike2", V2, "sha-512|sha-384|sha-256|sha-1|md5", NULL,
	  -1, NULL, NULL, NULL, 0, 0, 5 },
	{ NTC, 11, "DES_MD5", V1, "esp-des|esp-md5-hmac", "des", 56, "md5",
	  NULL, "tunnel", 1, 0, 0 },
	{ NTC, 12, "DES_SHA", V1, "esp-des|esp-sha-hmac", "des", 56, "sha",
	  NULL, "tunnel", 1, 0, 0 },
	{ NTC, 13, "final_IKE2", V2, "aes-gcm-256|aes-gcm-192|3des|des|"
	  "aes-gmac-256|aes-gmac-192|aes-gmac|sha-512|sha-1|md5", NULL, -1,
	  NULL, NULL, NULL, 0, 7, 3 },
	{ DOC, 0, "combined-des-sha", IOS, "esp-des|esp-sha-hmac", "des", 56,
	  "sha", NULL, "tunnel", 0, 0, 0 },
	{ DOC, 1, "combined-des-md5", IOS, "esp-des|esp-md5-hmac", "des", 56,
	  "md5", NULL, "tunnel", 0, 0, 0 },
	{ DOC, 2, "t1", IOS, "esp-des|esp-md5-hmac", "des", 56, "md5", NULL,
	  "tunnel", 0, 0, 0 },
	{ DOC, 3, "t100", IOS, "ah-sha-hmac", NULL, -1, NULL, "sha",
	  "transport", 0, 0, 0 },
	{ DOC, 4, "t2", IOS, "ah-sha-hmac|esp-des", "des", 56, NULL, "sha",
	  "tunnel", 0, 0, 0 },
	{ IOS15, 0, "default", IOS, "esp-aes|esp-sha-hmac", "aes", 128, "sha",
	  NULL, "transport", 0, 0, 0 },
	{ IOS15, 1, "TS", IOS, "esp-256-aes|esp-sha-hmac", "aes", 256, "sha",
	  NULL, "tunnel", 0, 0, 0 },
	{ IOS15, 2, "GCM", IOS, "esp-gcm 256", "aes-gcm", 256, NULL, NULL,
	  "tunnel", 0, 0, 0 },
	{ IOS15, 3, "AES256-SHA256", IOS, "esp-aes 256|esp-sha256-hmac", "aes",
	  256, "sha256", NULL, "tunnel", 0, 0, 0 },
	{ IOS15, 4, "LEGACY", IOS, "esp-3des|esp-md5-hmac", "3des", 168, "md5",
	  NULL, "transport", 0, 0, 0 },
	{ IOS15, 5, "NULL-SHA512", IOS, "esp-null|esp-sha512-hmac", "null", -1,
	  "sha512", NULL, "tunnel", 0, 0, 0 },
	{ IOS15, 6, "GMAC", IOS, "esp-gmac", "aes-gmac", 128, NULL, NULL,
	  "tunnel", 0, 0, 0 },
	{ ASA, 0, "ESP-AES-256-SHA", V1, "esp-aes-256|esp-sha-hmac", "aes",
	  256, "sha", NULL, "tunnel", 1, 0, 0 },
	{ ASA, 1, "L2TP", V1, "esp-3des|esp-sha-hmac", "3des", 168, "sha",
	  NULL, "transport", 0, 0, 0 },
	{ ASA, 2, "NULL-NONE", V1, "esp-null|esp-none", "null", -1, "none",
	  NULL, "tunnel", 1, 0, 0 },
	{ ASA, 3, "GCM256", V2, "aes-gcm-256|null", "aes-gcm", 256, "none",
	  NULL, NULL, 0, 1, 1 },
	{ ASA, 4, "AES256-SHA256", V2, "aes-256|sha-256", "aes", 256, "sha256",
	  NULL, NULL, 0, 1, 1 },
};

static const struct {
	const char	*file;
	size_t		 nsets, nsa_settings;
} counts[] = {
	{ NTC, 14, 0 }, { DOC, 5, 0 }, { IOS15, 7, 0 }, { ASA, 5, 4 },
};

static const struct transform_set_list *
parse_fixture(const char *file, struct probe_result *res)
{
	size_t	 len;
	char	*txt = fixture_read("ipsec_transform_set", file, &len);

	ck_assert_int_eq(parse_text(&probe_ipsec_transform_set, txt, len,
	    PLATFORM_AUTO, res), 0);
	ck_assert_msg(res->unparsed == 0, "%s: %zu lines not understood",
	    file, res->unparsed);
	free(txt);
	return res->records;
}

START_TEST(test_golden)
{
	ck_assert_int_ge(golden_check_dir(&probe_ipsec_transform_set), 6);
}
END_TEST

START_TEST(test_counts)
{
	const struct transform_set_list	*l;
	struct probe_result		 res;
	size_t				 i;

	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		l = parse_fixture(counts[i].file, &res);
		ck_assert_msg(l->nsets == counts[i].nsets, "%s: %zu sets, "
		    "want %zu", counts[i].file, l->nsets, counts[i].nsets);
		ck_assert_uint_eq(l->nsa_settings, counts[i].nsa_settings);
		probe_result_free(&probe_ipsec_transform_set, &res);
	}
}
END_TEST

START_TEST(test_expected_fields)
{
	const struct exp_set		*e = &expected[_i];
	const struct transform_set_list	*l;
	const struct transform_set	*s;
	struct probe_result		 res;
	char				 joined[512] = "";
	size_t				 i;

	l = parse_fixture(e->file, &res);
	ck_assert_msg(e->idx < l->nsets, "%s: no set #%zu", e->file, e->idx);
	s = &l->sets[e->idx];
	ck_assert_str_eq(s->name, e->name);	/* names are case-sensitive */
	ck_assert_int_eq(s->kind, e->kind);
	for (i = 0; i < s->ntransforms; i++) {
		if (i > 0)
			strlcat_compat(joined, "|", sizeof(joined));
		strlcat_compat(joined, s->transforms[i], sizeof(joined));
	}
	ck_assert_str_eq(joined, e->transforms);
	expect_str("esp_encryption", s->esp_encryption, e->esp_encryption);
	expect_num("key_bits", s->key_bits, e->key_bits);
	expect_str("esp_auth", s->esp_auth, e->esp_auth);
	expect_str("ah", s->ah, e->ah);
	expect_str("mode", s->mode, e->mode);
	expect_num("mode_inferred", s->mode_inferred, e->mode_inferred);
	ck_assert_uint_eq(s->nesp_encryptions, e->nencryptions);
	ck_assert_uint_eq(s->nesp_integrities, e->nintegrities);
	probe_result_free(&probe_ipsec_transform_set, &res);
}
END_TEST

START_TEST(test_sa_settings)
{
	const struct transform_set_list	*l;
	struct probe_result		 res;

	l = parse_fixture(ASA, &res);
	ck_assert_int_eq(res.platform, PLATFORM_ASA);
	ck_assert_str_eq(l->sa_settings[0],
	    "crypto ipsec security-association lifetime seconds 28800");
	ck_assert_str_eq(l->sa_settings[3], "crypto ipsec df-bit clear-df "
	    "outside");
	ck_assert_str_eq(l->sets[3].esp_encryptions[0], "aes-gcm-256");
	ck_assert_str_eq(l->sets[3].esp_integrities[0], "null");
	probe_result_free(&probe_ipsec_transform_set, &res);
}
END_TEST

START_TEST(test_empty)
{
	struct probe_result	 res;

	ck_assert_int_eq(parse_text(&probe_ipsec_transform_set, "", 0,
	    PLATFORM_IOS, &res), 0);
	ck_assert(res.ok);
	ck_assert_uint_eq(((struct transform_set_list *)res.records)->nsets, 0);
	probe_result_free(&probe_ipsec_transform_set, &res);
	ck_assert_int_eq(parse_text(&probe_ipsec_transform_set, "fw-1# \n\n",
	    8, PLATFORM_ASA, &res), 0);
	ck_assert(res.ok);
	probe_result_free(&probe_ipsec_transform_set, &res);
}
END_TEST

START_TEST(test_garbage)
{
	check_refused(&probe_ipsec_transform_set, "% Invalid input detected "
	    "at '^' marker.\n");
	check_refused(&probe_ipsec_transform_set, "   will negotiate = { "
	    "Tunnel,  },\n");
	check_refused(&probe_ipsec_transform_set, "crypto map MAP 10 set peer "
	    "192.0.2.1\n");
	check_refused(&probe_ipsec_transform_set, "Transform set NOCOLON { "
	    "esp-aes }\n");
}
END_TEST

static const char *const tolerance_cases[] = { NTC, DOC, IOS15, ASA };

START_TEST(test_tolerance)
{
	check_tolerance(&probe_ipsec_transform_set, tolerance_cases[_i],
	    PLATFORM_AUTO);
}
END_TEST

START_TEST(test_truncated)
{
	const struct transform_set_list	*l;
	struct probe_result		 res;
	size_t				 len;
	char				*txt;

	check_prefixes(&probe_ipsec_transform_set, NTC);
	check_prefixes(&probe_ipsec_transform_set, DOC);
	txt = fixture_read("ipsec_transform_set", "own-truncated.ios.txt",
	    &len);
	parse_text(&probe_ipsec_transform_set, txt, len, PLATFORM_IOS, &res);
	ck_assert(res.ok);
	l = res.records;
	ck_assert_uint_eq(l->nsets, 2);
	ck_assert_str_eq(l->sets[0].mode, "transport");
	ck_assert_str_eq(l->sets[1].name, "TS");
	ck_assert_str_eq(l->sets[1].mode, "");	/* "{ Tun" */
	ck_assert_uint_eq(res.unparsed, 1);
	probe_result_free(&probe_ipsec_transform_set, &res);
	free(txt);
}
END_TEST

START_TEST(test_probe_entry)
{
	ck_assert_str_eq(probe_ipsec_transform_set.name, "ipsec_transform_set");
	ck_assert_str_eq(probe_ipsec_transform_set.command,
	    "show crypto ipsec transform-set");
	ck_assert_str_eq(probe_ipsec_transform_set.command_asa,
	    "show running-config crypto ipsec");
	ck_assert_int_eq(probe_ipsec_transform_set.polled, 1);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("probe_ipsec_transform_set");
	TCase	*tc = tcase_create("parse");
	SRunner	*sr;
	int	 failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_golden);
	tcase_add_test(tc, test_counts);
	tcase_add_loop_test(tc, test_expected_fields, 0,
	    sizeof(expected) / sizeof(expected[0]));
	tcase_add_test(tc, test_sa_settings);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_garbage);
	tcase_add_loop_test(tc, test_tolerance, 0,
	    sizeof(tolerance_cases) / sizeof(tolerance_cases[0]));
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_probe_entry);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

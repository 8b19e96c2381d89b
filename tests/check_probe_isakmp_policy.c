/*
 * check_probe_isakmp_policy.c: the isakmp_policy parser against the
 * corpus (genie's and ntc's expected values, field by field), the IOS
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
#include "isakmp_policy.h"
#include "probe.h"

#include "probetest.h"

/*
 * Expected values: genie's ShowCryptoIsakmpDefaultPolicy (words mapped to
 * our keywords: "Secure Hash Standard" is sha, "Rivest-Shamir-Adleman
 * Signature" rsa-sig, "#5 (1536 bit)" group 5), ntc's TextFSM parse of
 * the ASA running configuration (policy_id, encryption "aes-256" is aes
 * 256, auth_algorithm, "group 5"), and our own cases.
 */
struct exp_policy {
	const char	*file;
	size_t		 idx;
	int64_t		 priority;
	int		 is_default;
	int64_t		 default_priority;
	const char	*encryption;
	int64_t		 key_bits;
	const char	*hash, *auth;
	int64_t		 dh_group, lifetime_s;
};

#define GD	"genie-ShowCryptoIsakmpDefaultPolicy-golden_output_1.iosxe.txt"
#define NTC	"ntc-cisco_asa_show_running-config_crypto_ikev1.asa.txt"
#define DOC	"own-ios-doc.ios.txt"
#define IOS15	"own-ios15-global.ios.txt"
#define ASA	"own-asa-enable.asa.txt"
static const struct exp_policy expected[] = {
	{ GD, 0, -1, 1, 65507, "aes", 128, "sha", "rsa-sig", 5, 86400 },
	{ GD, 1, -1, 1, 65508, "aes", 128, "sha", "psk", 5, 86400 },
	{ NTC, 0, 5, 0, -1, "aes", 256, "sha", "psk", 5, 86400 },
	{ NTC, 1, 10, 0, -1, "3des", 168, "md5", "psk", 2, 86400 },
	{ NTC, 2, 15, 0, -1, "3des", 168, "sha", "psk", 2, 86400 },
	{ NTC, 3, 20, 0, -1, "3des", 168, "md5", "psk", 5, 86400 },
	{ NTC, 4, 25, 0, -1, "3des", 168, "sha", "psk", 5, 86400 },
	{ NTC, 5, 30, 0, -1, "aes", 192, "md5", "psk", 2, 86400 },
	{ NTC, 6, 35, 0, -1, "aes", 192, "sha", "psk", 2, 86400 },
	{ NTC, 7, 40, 0, -1, "aes", 192, "md5", "psk", 5, 86400 },
	{ NTC, 8, 45, 0, -1, "aes", 192, "sha", "psk", 5, 86400 },
	{ NTC, 9, 50, 0, -1, "aes", 256, "md5", "psk", 2, 86400 },
	{ NTC, 10, 55, 0, -1, "aes", 256, "sha", "psk", 2, 86400 },
	{ NTC, 11, 60, 0, -1, "aes", 256, "md5", "psk", 5, 86400 },
	{ DOC, 0, 15, 0, -1, "des", 56, "md5", "rsa-sig", 2, 5000 },
	{ DOC, 1, 20, 0, -1, "des", 56, "sha", "psk", 1, 10000 },
	{ DOC, 2, -1, 1, -1, "des", 56, "sha", "rsa-sig", 1, 86400 },
	{ IOS15, 0, 10, 0, -1, "aes", 256, "sha256", "psk", 14, 86400 },
	{ IOS15, 1, 20, 0, -1, "3des", 168, "md5", "rsa-encr", 5, 28800 },
	{ IOS15, 2, 30, 0, -1, "aes", 128, "sha512", "ecdsa-sig", 19, 3600 },
	{ IOS15, 3, 40, 0, -1, "aes", 192, "sha384", "psk", 20, 86400 },
	{ IOS15, 4, -1, 1, 65507, "aes", 128, "sha", "rsa-sig", 5, 86400 },
	{ IOS15, 5, -1, 1, 65508, "aes", 128, "sha", "psk", 5, 86400 },
	{ ASA, 0, 10, 0, -1, "aes", 128, "sha", "rsa-sig", 14, -1 },
	{ ASA, 1, 65535, 0, -1, "des", 56, "md5", "psk", 1, 86400 },
};

static const struct {
	const char	*file;
	size_t		 npolicies;
} counts[] = {
	{ GD, 2 }, { NTC, 12 }, { DOC, 3 }, { IOS15, 6 }, { ASA, 2 },
	{ "genie-ShowCryptoIsakmpDefaultPolicy-empty_output_1.iosxe.txt", 0 },
};

static const struct isakmp_policy_list *
parse_fixture(const char *file, struct probe_result *res)
{
	size_t	 len;
	char	*txt = fixture_read("isakmp_policy", file, &len);

	ck_assert_int_eq(parse_text(&probe_isakmp_policy, txt, len,
	    PLATFORM_AUTO, res), 0);
	ck_assert_msg(res->unparsed == 0, "%s: %zu lines not understood",
	    file, res->unparsed);
	free(txt);
	return res->records;
}

START_TEST(test_golden)
{
	ck_assert_int_ge(golden_check_dir(&probe_isakmp_policy), 8);
}
END_TEST

START_TEST(test_counts)
{
	const struct isakmp_policy_list	*l;
	struct probe_result		 res;
	size_t				 i;

	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		l = parse_fixture(counts[i].file, &res);
		ck_assert_msg(l->npolicies == counts[i].npolicies,
		    "%s: %zu policies, want %zu", counts[i].file,
		    l->npolicies, counts[i].npolicies);
		probe_result_free(&probe_isakmp_policy, &res);
	}
}
END_TEST

START_TEST(test_expected_fields)
{
	const struct exp_policy		*e = &expected[_i];
	const struct isakmp_policy_list	*l;
	const struct isakmp_policy	*p;
	struct probe_result		 res;

	l = parse_fixture(e->file, &res);
	ck_assert_msg(e->idx < l->npolicies, "%s: no policy #%zu", e->file,
	    e->idx);
	p = &l->policies[e->idx];
	expect_num("priority", p->priority, e->priority);
	expect_num("default", p->is_default, e->is_default);
	expect_num("default_priority", p->default_priority,
	    e->default_priority);
	expect_str("encryption", p->encryption, e->encryption);
	expect_num("key_bits", p->key_bits, e->key_bits);
	expect_str("hash", p->hash, e->hash);
	expect_str("auth", p->auth, e->auth);
	expect_num("dh_group", p->dh_group, e->dh_group);
	expect_num("lifetime_s", p->lifetime_s, e->lifetime_s);
	probe_result_free(&probe_isakmp_policy, &res);
}
END_TEST

START_TEST(test_asa_extras)
{
	const struct isakmp_policy_list	*l;
	struct probe_result		 res;

	l = parse_fixture(ASA, &res);
	ck_assert_int_eq(res.platform, PLATFORM_ASA);
	ck_assert_uint_eq(l->nenabled_interfaces, 2);
	ck_assert_str_eq(l->enabled_interfaces[0], "outside");
	ck_assert_str_eq(l->enabled_interfaces[1], "dmz");
	ck_assert_uint_eq(l->nsettings, 1);
	ck_assert_str_eq(l->settings[0], "crypto ikev1 am-disable");
	ck_assert_int_eq(l->policies[0].no_lifetime, 1);
	ck_assert_int_eq(l->policies[1].no_lifetime, 0);
	probe_result_free(&probe_isakmp_policy, &res);
}
END_TEST

/* A value we cannot map is not guessed: the line is counted unparsed. */
START_TEST(test_unknown_value)
{
	const struct isakmp_policy_list	*l;
	struct probe_result		 res;
	const char			*txt =
	    "Protection suite of priority 10\n"
	    "\tencryption algorithm:\tChaCha20 (256 bit keys).\n"
	    "\thash algorithm:\t\tSecure Hash Standard\n"
	    "\tauthentication method:\tQuantum Handshake\n"
	    "\tDiffie-Hellman group:\t#14 (2048 bit)\n"
	    "\tlifetime:\t\t86400 seconds, no volume limit\n"
	    "crypto ikev1 policy 20\n"
	    " encryption aes-512\n"
	    " group 19\n";

	ck_assert_int_eq(parse_text(&probe_isakmp_policy, txt, strlen(txt),
	    PLATFORM_AUTO, &res), 0);
	l = res.records;
	ck_assert_uint_eq(l->npolicies, 2);
	ck_assert_uint_eq(res.unparsed, 3);
	ck_assert_str_eq(l->policies[0].encryption, "");
	expect_num("key_bits", l->policies[0].key_bits, -1);
	ck_assert_str_eq(l->policies[0].auth, "");
	ck_assert_str_eq(l->policies[0].hash, "sha");
	ck_assert_str_eq(l->policies[1].encryption, "");
	expect_num("dh_group", l->policies[1].dh_group, 19);
	expect_num("lifetime_s", l->policies[1].lifetime_s, -1);
	probe_result_free(&probe_isakmp_policy, &res);
}
END_TEST

START_TEST(test_empty)
{
	struct probe_result	 res;

	ck_assert_int_eq(parse_text(&probe_isakmp_policy, "", 0, PLATFORM_IOS,
	    &res), 0);
	ck_assert(res.ok);
	ck_assert_uint_eq(((struct isakmp_policy_list *)res.records)->npolicies,
	    0);
	probe_result_free(&probe_isakmp_policy, &res);
	/* "Global IKE policy" alone: no policy configured, no default */
	ck_assert_int_eq(parse_text(&probe_isakmp_policy,
	    "Global IKE policy\n", 18, PLATFORM_IOS, &res), 0);
	ck_assert(res.ok);
	ck_assert_uint_eq(((struct isakmp_policy_list *)res.records)->npolicies,
	    0);
	probe_result_free(&probe_isakmp_policy, &res);
}
END_TEST

START_TEST(test_garbage)
{
	check_refused(&probe_isakmp_policy, "% Invalid input detected at '^' "
	    "marker.\n");
	check_refused(&probe_isakmp_policy, "\tencryption algorithm:\tAES - "
	    "Advanced Encryption Standard (128 bit keys).\n");
	check_refused(&probe_isakmp_policy, "Transform set default: { esp-aes "
	    "esp-sha-hmac  }\n");
}
END_TEST

static const char *const tolerance_cases[] = { GD, NTC, DOC, IOS15, ASA };

START_TEST(test_tolerance)
{
	check_tolerance(&probe_isakmp_policy, tolerance_cases[_i],
	    PLATFORM_AUTO);
}
END_TEST

START_TEST(test_truncated)
{
	const struct isakmp_policy_list	*l;
	struct probe_result		 res;
	size_t				 len;
	char				*txt;

	check_prefixes(&probe_isakmp_policy, IOS15);
	check_prefixes(&probe_isakmp_policy, NTC);
	txt = fixture_read("isakmp_policy", "own-truncated.ios.txt", &len);
	parse_text(&probe_isakmp_policy, txt, len, PLATFORM_IOS, &res);
	ck_assert(res.ok);
	l = res.records;
	ck_assert_uint_eq(l->npolicies, 2);
	expect_num("dh_group", l->policies[0].dh_group, 14);
	expect_num("lifetime_s", l->policies[0].lifetime_s, 86400);
	ck_assert_str_eq(l->policies[1].encryption, "3des");
	ck_assert_str_eq(l->policies[1].hash, "");	/* "Messa" */
	ck_assert_uint_eq(res.unparsed, 1);
	probe_result_free(&probe_isakmp_policy, &res);
	free(txt);
}
END_TEST

START_TEST(test_probe_entry)
{
	ck_assert_str_eq(probe_isakmp_policy.name, "isakmp_policy");
	ck_assert_str_eq(probe_isakmp_policy.command,
	    "show crypto isakmp policy");
	ck_assert_str_eq(probe_isakmp_policy.command_asa,
	    "show running-config crypto ikev1");
	ck_assert_int_eq(probe_isakmp_policy.polled, 1);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("probe_isakmp_policy");
	TCase	*tc = tcase_create("parse");
	SRunner	*sr;
	int	 failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_golden);
	tcase_add_test(tc, test_counts);
	tcase_add_loop_test(tc, test_expected_fields, 0,
	    sizeof(expected) / sizeof(expected[0]));
	tcase_add_test(tc, test_asa_extras);
	tcase_add_test(tc, test_unknown_value);
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

/*
 * check_cli_parse.c: `ipsecwatch parse` as an engineer runs it on a ticket:
 * a saved output (file or stdin) or a pasted terminal session, JSON out,
 * exit 0, 65 when an output could not be parsed, 2 on a usage error.
 */
#include <check.h>

#include "testutil.h"

static char	*dir;

static int
sh(const char *fmt, const char *a, const char *b)
{
	char	 inner[2048], cmd[2600];

	snprintf(inner, sizeof(inner), fmt, a, b);
	snprintf(cmd, sizeof(cmd), "cd '%s' && %s > out 2> err", dir, inner);
	return WEXITSTATUS(system(cmd));
}

static int
out_has(const char *needle)
{
	char	*p = tu_path(dir, "out");
	int	 n = tu_count_in_file(p, needle);

	free(p);
	return n;
}

static void
setup(void)
{
	dir = tu_mkdtemp();
}

static void
teardown(void)
{
	char	 cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(dir);
}

static char *
tool(void)
{
	return tu_path(tu_build_dir(), "ipsecwatch");
}

START_TEST(test_parse_file_and_stdin)
{
	char	*t = tool(), *f;

	f = tu_path(dir, "sa.txt");
	tu_write_file(f, 0644, "IPv4 Crypto ISAKMP SA\n"
	    "dst             src             state          conn-id status\n"
	    "203.0.113.9     192.0.2.1       MM_NO_STATE       1012 ACTIVE\n");
	ck_assert_int_eq(sh("%s parse isakmp_sa %s", t, f), 0);
	ck_assert_int_eq(out_has("\"probe\":\t\"isakmp_sa\""), 1);
	ck_assert_int_eq(out_has("\"state\":\t\"MM_NO_STATE\""), 1);
	ck_assert_int_eq(out_has("\"phase1_up\":\tfalse"), 1);
	ck_assert_int_eq(out_has("\"ok\":\ttrue"), 1);
	ck_assert_int_eq(sh("%s parse isakmp_sa < %s", t, f), 0);
	ck_assert_int_eq(out_has("\"dst\":\t\"203.0.113.9\""), 1);
	free(f);
	free(t);
}
END_TEST

START_TEST(test_parse_errors)
{
	char	*t = tool(), *f = tu_path(dir, "junk.txt");

	tu_write_file(f, 0644, "this is not what show crypto ipsec sa prints\n");
	ck_assert_int_eq(sh("%s parse ipsec_sa %s", t, f), 65);
	ck_assert_int_eq(out_has("\"ok\":\tfalse"), 1);
	ck_assert_int_eq(out_has("unknown format"), 1);
	ck_assert_int_eq(sh("%s parse no_such_probe %s", t, f), 2);
	ck_assert_int_eq(sh("%s parse ipsec_sa %s --platform junos", t, f), 2);
	ck_assert_int_eq(sh("%s parse ipsec_sa %s/missing", t, dir), 66);
	/* Empty output is a valid, empty result. */
	tu_write_file(f, 0644, "");
	ck_assert_int_eq(sh("%s parse ipsec_sa %s", t, f), 0);
	free(f);
	free(t);
}
END_TEST

START_TEST(test_transcript)
{
	char	*t = tool(), *f = tu_path(dir, "ticket.txt");

	/* Pasted from a terminal: CRLF, abbreviations, a prompt at the end. */
	tu_write_file(f, 0644,
	    "hq-1#sh cry isa sa\r\n"
	    "IPv4 Crypto ISAKMP SA\r\n"
	    "dst             src             state          conn-id status\r\n"
	    "198.51.100.2    192.0.2.1       QM_IDLE           1001 ACTIVE\r\n"
	    "\r\n"
	    "hq-1#show crypto ipsec sa\r\n"
	    "\r\n"
	    "interface: GigabitEthernet0/1\r\n"
	    "    Crypto map tag: VPN, local addr 192.0.2.1\r\n"
	    "   protected vrf: (none)\r\n"
	    "   local  ident (addr/mask/prot/port): (10.1.0.0/255.255.255.0/0/0)\r\n"
	    "   remote ident (addr/mask/prot/port): (10.9.0.0/255.255.255.0/0/0)\r\n"
	    "   current_peer 198.51.100.2 port 500\r\n"
	    "    #pkts encaps: 1200, #pkts encrypt: 1200, #pkts digest: 1200\r\n"
	    "    #pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0\r\n"
	    "hq-1#terminal length 0\r\n"
	    "hq-1#\r\n");
	ck_assert_int_eq(sh("%s parse --transcript %s", t, f), 0);
	ck_assert_int_eq(out_has("\"hostname\":\t\"hq-1\""), 1);
	ck_assert_int_eq(out_has("\"probe\":\t\"isakmp_sa\""), 1);
	ck_assert_int_eq(out_has("\"probe\":\t\"ipsec_sa\""), 1);
	ck_assert_int_eq(out_has("\"command\":\t\"sh cry isa sa\""), 1);
	ck_assert_int_eq(out_has("\"pkts_encaps\":\t1200"), 1);
	ck_assert_int_eq(out_has("\"pkts_decaps\":\t0"), 1);
	ck_assert_int_eq(out_has("\"skipped\":\ttrue"), 1);	/* terminal length */
	tu_write_file(f, 0644, "no prompt in here\n");
	ck_assert_int_eq(sh("%s parse --transcript %s", t, f), 65);
	free(f);
	free(t);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("cli_parse");
	TCase	*tc = tcase_create("parse");
	SRunner	*sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_parse_file_and_stdin);
	tcase_add_test(tc, test_parse_errors);
	tcase_add_test(tc, test_transcript);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}

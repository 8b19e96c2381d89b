/*
 * check_probe_isakmp_sa.c: the "show crypto isakmp sa" probe.
 *
 * Golden files, the upstream parses of the corpus cases mapped to our
 * fields, every Phase 1 state, and the tolerance rules (CRLF, tabs, lost
 * indentation, prompts, pager remnants, truncation).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "isakmp_sa.h"
#include "phase1.h"
#include "probe.h"
#include "util.h"

static char *
fixture(const char *name, size_t *len)
{
	const char	*src = getenv("IPSECWATCH_SRC");
	char		 path[1024], *txt;

	snprintf(path, sizeof(path), "%s/tests/fixtures/isakmp_sa/%s",
	    src ? src : ".", name);
	txt = golden_read(path, len);
	ck_assert_msg(txt != NULL, "cannot read %s", path);
	return txt;
}

static int
parse_text(const char *txt, size_t len, enum platform plat,
    struct probe_result *res)
{
	struct probe_input	 in;

	memset(&in, 0, sizeof(in));
	in.text = txt;
	in.len = len;
	in.platform = plat;
	return probe_parse(&probe_isakmp_sa, &in, res);
}

static const struct isakmp_sa_list *
sas_of(const struct probe_result *res)
{
	ck_assert_ptr_nonnull(res->records);
	return res->records;
}

/* The records as JSON, to compare two parses of the same output. */
static char *
sas_json(const struct probe_result *res)
{
	cJSON	*o = cJSON_CreateObject();
	char	*s;

	probe_isakmp_sa.to_json(res->records, o);
	s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return s;
}

START_TEST(test_golden)
{
	int	 n = golden_check_dir(&probe_isakmp_sa);

	ck_assert_int_ge(n, 21);
}
END_TEST

/* Upstream expectations, in our field names (-1: null; "": null). */
struct exp_sa {
	const char	*dst, *src, *state;
	int64_t		 conn_id, slot;
	const char	*status;
	int		 deleted;
	int		 family;
};

struct exp_case {
	const char		*file;
	size_t			 nsas;
	size_t			 unparsed;
	const struct exp_sa	*sas;
};

/* genie ShowCryptoIsakmpSa golden_output_isakmp{,_no_ipv6} IPv4 rows */
static const struct exp_sa genie_v4[] = {
	{ "100.0.10.2", "100.13.220.2", "QM_IDLE", 29609, -1, "ACTIVE", 0,
	    ISAKMP_FAMILY_IPV4 },
	{ "100.0.10.2", "100.12.82.2", "MM_NO_STATE", 29188, -1, "ACTIVE", 1,
	    ISAKMP_FAMILY_IPV4 },
	{ "100.0.10.2", "100.11.106.2", "QM_IDLE", 29362, -1, "ACTIVE", 0,
	    ISAKMP_FAMILY_IPV4 },
};

/* genie ShowCryptoIsakmpSaStatus golden_output_1 */
static const struct exp_sa genie_status[] = {
	{ "10.165.201.3", "10.165.200.225", "QM_IDLE", 5, 0, "ACTIVE", 0,
	    ISAKMP_FAMILY_IPV4 },
	{ "10.165.202.3", "10.165.200.225", "QM_IDLE", 5, 0, "STDBY", 0,
	    ISAKMP_FAMILY_IPV4 },
};

/*
 * genie's IPv6 rows ("100.0.10::2") are hand-edited upstream (formats.md
 * §0): not addresses, so they are counted unparsed, never turned into
 * records; the IPv6 section's expectations are therefore not mapped.
 */
static const struct exp_case corpus_cases[] = {
	{ "genie-isakmp.iosxe.txt", 3, 3, genie_v4 },
	{ "genie-isakmp-no-ipv6.iosxe.txt", 3, 0, genie_v4 },
	{ "genie-isakmp-no-ipv4.iosxe.txt", 0, 3, NULL },
	{ "genie-status-1.iosxe.txt", 2, 0, genie_status },
	{ "genie-status-empty.iosxe.txt", 0, 0, NULL },
};

static void
check_sa(const struct isakmp_sa *got, const struct exp_sa *want,
    const char *file, size_t i)
{
	ck_assert_msg(strcmp(got->dst, want->dst) == 0, "%s[%zu] dst %s",
	    file, i, got->dst);
	ck_assert_msg(strcmp(got->src, want->src) == 0, "%s[%zu] src %s",
	    file, i, got->src);
	ck_assert_msg(strcmp(got->state, want->state) == 0, "%s[%zu] state %s",
	    file, i, got->state);
	ck_assert_msg(got->conn_id == want->conn_id, "%s[%zu] conn_id", file, i);
	ck_assert_msg(got->slot == want->slot, "%s[%zu] slot", file, i);
	ck_assert_msg(strcmp(got->status, want->status) == 0,
	    "%s[%zu] status %s", file, i, got->status);
	ck_assert_msg(got->deleted == want->deleted, "%s[%zu] deleted", file, i);
	ck_assert_msg((int)got->family == want->family, "%s[%zu] family",
	    file, i);
	ck_assert_msg(!got->asa, "%s[%zu] asa", file, i);
}

START_TEST(test_corpus)
{
	const struct exp_case	*c = &corpus_cases[_i];
	struct probe_result	 res;
	size_t			 len, i;
	char			*txt = fixture(c->file, &len);

	ck_assert_int_eq(parse_text(txt, len, PLATFORM_IOSXE, &res), 0);
	ck_assert_msg(res.ok, "%s: %s", c->file, res.error);
	ck_assert_uint_eq(sas_of(&res)->count, c->nsas);
	ck_assert_uint_eq(res.unparsed, c->unparsed);
	for (i = 0; i < c->nsas; i++)
		check_sa(&sas_of(&res)->sas[i], &c->sas[i], c->file, i);
	probe_result_free(&probe_isakmp_sa, &res);
	free(txt);
}
END_TEST

/* Own cases: every IOS state and the normalisation of each. */
static const struct exp_state {
	const char	*state;
	int		 step, up, aggressive;
	const char	*step_name;
} ios_states[] = {
	{ "MM_NO_STATE", 2, 0, 0, "wait_msg2" },
	{ "MM_SA_SETUP", 3, 0, 0, "wait_msg3" },
	{ "MM_KEY_EXCH", 5, 0, 0, "wait_msg5" },
	{ "MM_KEY_AUTH", 6, 0, 0, "wait_msg6" },
	{ "AG_NO_STATE", 1, 0, 1, "am_wait_msg2" },
	{ "AG_INIT_EXCH", 2, 0, 1, "am_wait_msg3" },
	{ "AG_AUTH", 3, 0, 1, "am_auth" },
	{ "QM_IDLE", 7, 1, TRI_UNKNOWN, "done" },
	{ "MM_NO_STATE", 2, 0, 0, "wait_msg2" },	/* the deleted one */
}, asa_states[] = {
	{ "MM_WAIT_MSG2", 2, 0, 0, "wait_msg2" },
	{ "MM_WAIT_MSG3", 3, 0, 0, "wait_msg3" },
	{ "MM_WAIT_MSG4", 4, 0, 0, "wait_msg4" },
	{ "MM_WAIT_MSG5", 5, 0, 0, "wait_msg5" },
	{ "MM_WAIT_MSG6", 6, 0, 0, "wait_msg6" },
	{ "MM_ACTIVE", 7, 1, 0, "done" },
	{ "AM_ACTIVE", 7, 1, 1, "done" },
};

static void
check_state(const struct isakmp_sa *sa, const struct exp_state *e)
{
	struct phase1_state	 ps;

	ck_assert_str_eq(sa->state, e->state);
	phase1_classify(sa->state, &ps);
	ck_assert_int_eq(ps.step, e->step);
	ck_assert_int_eq(ps.up, e->up);
	ck_assert_int_eq(ps.aggressive, e->aggressive);
	ck_assert_str_eq(ps.step_name, e->step_name);
}

START_TEST(test_ios_states)
{
	struct probe_result	 res;
	const struct isakmp_sa_list *l;
	size_t			 len, i;
	char			*txt = fixture("own-ios-states.ios.txt", &len);

	parse_text(txt, len, PLATFORM_IOS, &res);
	ck_assert(res.ok);
	ck_assert_uint_eq(res.unparsed, 0);
	l = sas_of(&res);
	ck_assert_uint_eq(l->count, NITEMS(ios_states));
	for (i = 0; i < l->count; i++) {
		check_state(&l->sas[i], &ios_states[i]);
		ck_assert_int_eq(l->sas[i].conn_id, 1001 + (int64_t)i);
		ck_assert_int_eq(l->sas[i].deleted, i == 8);
		ck_assert_str_eq(l->sas[i].status, "ACTIVE");
		ck_assert_str_eq(l->sas[i].src, "198.51.100.1");
	}
	probe_result_free(&probe_isakmp_sa, &res);
	free(txt);
}
END_TEST

START_TEST(test_asa_states)
{
	static const char *const roles[] = { "initiator", "responder",
	    "initiator", "responder", "initiator", "initiator", "responder" };
	struct probe_result	 res;
	const struct isakmp_sa_list *l;
	size_t			 len, i;
	char			*txt = fixture("own-asa-states.asa.txt", &len);
	char			 peer[32];

	parse_text(txt, len, PLATFORM_AUTO, &res);
	ck_assert(res.ok);
	ck_assert_int_eq(res.platform, PLATFORM_ASA);
	ck_assert_uint_eq(res.unparsed, 0);
	l = sas_of(&res);
	ck_assert_uint_eq(l->count, NITEMS(asa_states));
	for (i = 0; i < l->count; i++) {
		const struct isakmp_sa *sa = &l->sas[i];
		check_state(sa, &asa_states[i]);
		ck_assert(sa->asa);
		ck_assert_int_eq(sa->asa_sa.index, (int64_t)i + 1);
		snprintf(peer, sizeof(peer), "203.0.113.%zu", i + 1);
		ck_assert_str_eq(sa->dst, i == 6 ? "198.51.100.77" : peer);
		ck_assert_str_eq(sa->dst, sa->asa_sa.peer);
		ck_assert_str_eq(sa->src, "");
		ck_assert_str_eq(sa->asa_sa.role, roles[i]);
		ck_assert_str_eq(sa->asa_sa.type, i == 6 ? "user" : "L2L");
		ck_assert_int_eq(sa->asa_sa.rekey, i == 5);
		ck_assert_int_eq(sa->conn_id, -1);
		ck_assert_int_eq(sa->deleted, TRI_UNKNOWN);
	}
	probe_result_free(&probe_isakmp_sa, &res);
	free(txt);
}
END_TEST

START_TEST(test_ipv6_mixed)
{
	struct probe_result	 res;
	const struct isakmp_sa_list *l;
	size_t			 len;
	char			*txt = fixture("own-mixed-v4-v6.iosxe.txt", &len);

	parse_text(txt, len, PLATFORM_IOSXE, &res);
	ck_assert(res.ok);
	l = sas_of(&res);
	ck_assert_uint_eq(l->count, 3);
	ck_assert_int_eq(l->sas[0].family, ISAKMP_FAMILY_IPV4);
	ck_assert_int_eq(l->sas[1].family, ISAKMP_FAMILY_IPV4);
	ck_assert_int_eq(l->sas[2].family, ISAKMP_FAMILY_IPV6);
	ck_assert_str_eq(l->sas[2].dst, "2001:db8:0:1::10");
	ck_assert_str_eq(l->sas[2].src, "2001:db8:0:1::1");
	ck_assert_str_eq(l->sas[2].state, "QM_IDLE");
	ck_assert_int_eq(l->sas[2].conn_id, 1003);
	ck_assert_str_eq(l->sas[2].status, "ACTIVE");
	probe_result_free(&probe_isakmp_sa, &res);
	free(txt);

	txt = fixture("own-ipv6-blocks.iosxe.txt", &len);
	parse_text(txt, len, PLATFORM_IOSXE, &res);
	ck_assert(res.ok);
	l = sas_of(&res);
	ck_assert_uint_eq(l->count, 3);
	ck_assert_str_eq(l->sas[1].state, "MM_NO_STATE");
	ck_assert_int_eq(l->sas[1].deleted, 1);
	ck_assert_str_eq(l->sas[1].src, "2001:470:c814:3002::1");
	ck_assert_str_eq(l->sas[2].state, "MM_KEY_AUTH");
	ck_assert_int_eq(l->sas[2].conn_id, 1004);
	probe_result_free(&probe_isakmp_sa, &res);
	free(txt);
}
END_TEST

START_TEST(test_vrf_slot_variants)
{
	struct probe_result	 res;
	const struct isakmp_sa_list *l;
	size_t			 len;
	char			*txt = fixture("own-ios-doc-vrf.ios.txt", &len);

	parse_text(txt, len, PLATFORM_IOS, &res);
	ck_assert(res.ok);
	ck_assert_uint_eq(res.unparsed, 0);
	l = sas_of(&res);
	ck_assert_uint_eq(l->count, 4);
	ck_assert_str_eq(l->sas[0].ivrf, "");
	ck_assert_str_eq(l->sas[0].fvrf, "");
	ck_assert_str_eq(l->sas[1].ivrf, "vrf1");
	ck_assert_str_eq(l->sas[3].fvrf, "inet");
	ck_assert_str_eq(l->sas[3].ivrf, "vrf3");
	ck_assert_int_eq(l->sas[2].conn_id, 5);
	ck_assert_int_eq(l->sas[2].slot, 0);
	ck_assert_str_eq(l->sas[2].status, "");	/* no status column */
	probe_result_free(&probe_isakmp_sa, &res);
	free(txt);

	txt = fixture("own-ios12-slot-no-banner.ios.txt", &len);
	parse_text(txt, len, PLATFORM_IOS, &res);
	ck_assert(res.ok);
	l = sas_of(&res);
	ck_assert_uint_eq(l->count, 2);
	ck_assert_int_eq(l->sas[1].conn_id, 2);
	ck_assert_int_eq(l->sas[1].slot, 0);
	ck_assert_str_eq(l->sas[1].state, "MM_KEY_EXCH");
	probe_result_free(&probe_isakmp_sa, &res);
	free(txt);

	txt = fixture("own-asa-legacy.asa.txt", &len);
	parse_text(txt, len, PLATFORM_ASA, &res);
	ck_assert(res.ok);
	l = sas_of(&res);
	ck_assert_uint_eq(l->count, 2);
	ck_assert_str_eq(l->sas[1].state, "AM_Active");
	ck_assert_str_eq(l->sas[1].asa_sa.role, "responder");
	ck_assert_str_eq(l->sas[0].asa_sa.role, "initiator");
	ck_assert_int_eq(l->sas[0].asa_sa.rekey, 0);
	probe_result_free(&probe_isakmp_sa, &res);
	free(txt);
}
END_TEST

static const char base_text[] =
    "IPv4 Crypto ISAKMP SA\n"
    "dst             src             state          conn-id status\n"
    "192.0.2.1       198.51.100.1    QM_IDLE           1001 ACTIVE\n"
    "192.0.2.2       198.51.100.1    MM_KEY_EXCH       1002 ACTIVE (deleted)\n"
    "192.168.122.221 192.168.122.55  MM_SA_SETUP       1003 ACTIVE\n"
    "\n"
    "IPv6 Crypto ISAKMP SA\n"
    "\n"
    " dst: 2001:DB8::7\n"
    " src: 2001:DB8::1\n"
    " state: QM_IDLE         conn-id:   1004 status: ACTIVE\n"
    "\n";

/* Rewrite base_text line by line: mode picks the damage. */
static char *
mangle(int mode, size_t *outlen)
{
	size_t	 cap = sizeof(base_text) * 3 + 128, o = 0, i;
	char	*out = malloc(cap);
	int	 bol = 1;

	ck_assert_ptr_nonnull(out);
	if (mode == 4)
		o += (size_t)snprintf(out, cap, "hq-1#show crypto isakmp sa\n");
	for (i = 0; base_text[i] != '\0'; i++) {
		char c = base_text[i];
		if (mode == 2 && bol && c == ' ')
			continue;		/* lost indentation */
		bol = 0;
		if (mode == 1 && c == '\n')
			out[o++] = '\r';	/* CRLF */
		if ((mode == 3 || mode == 2) && c == ' ') {
			/* tabs for runs of spaces; 2: a single space */
			while (base_text[i + 1] == ' ')
				i++;
			c = mode == 3 ? '\t' : ' ';
		}
		out[o++] = c;
		if (c == '\n') {
			bol = 1;
			if (mode == 5 && o > 100 && o < 200)
				o += (size_t)snprintf(out + o, cap - o,
				    " --More-- \n");
		}
	}
	if (mode == 4)
		o += (size_t)snprintf(out + o, cap - o, "hq-1#");
	*outlen = o;
	return out;
}

START_TEST(test_tolerance)
{
	struct probe_result	 base, res;
	char			*want, *got, *txt;
	size_t			 len;

	parse_text(base_text, sizeof(base_text) - 1, PLATFORM_IOS, &base);
	ck_assert(base.ok);
	ck_assert_uint_eq(sas_of(&base)->count, 4);
	ck_assert_uint_eq(base.unparsed, 0);
	want = sas_json(&base);
	txt = mangle(_i, &len);
	parse_text(txt, len, PLATFORM_IOS, &res);
	ck_assert_msg(res.ok, "mode %d: %s", _i, res.error);
	ck_assert_uint_eq(res.unparsed, 0);
	got = sas_json(&res);
	ck_assert_msg(strcmp(got, want) == 0, "mode %d:\n%s\n%s", _i, got, want);
	free(got);
	free(want);
	free(txt);
	probe_result_free(&probe_isakmp_sa, &res);
	probe_result_free(&probe_isakmp_sa, &base);
}
END_TEST

START_TEST(test_empty_and_garbage)
{
	struct probe_result	 res;
	static const char	 garbage[] = "% Invalid input detected at '^' "
	    "marker.\nfoo bar baz\n";
	static const char	 blank[] = "\n  \r\n\t\n";

	ck_assert_int_eq(parse_text("", 0, PLATFORM_IOS, &res), 0);
	ck_assert(res.ok);
	ck_assert_uint_eq(sas_of(&res)->count, 0);
	probe_result_free(&probe_isakmp_sa, &res);

	ck_assert_int_eq(parse_text(blank, sizeof(blank) - 1, PLATFORM_IOS,
	    &res), 0);
	ck_assert(res.ok);
	ck_assert_uint_eq(sas_of(&res)->count, 0);
	probe_result_free(&probe_isakmp_sa, &res);

	ck_assert_int_eq(parse_text(garbage, sizeof(garbage) - 1,
	    PLATFORM_IOS, &res), -1);
	ck_assert(!res.ok);
	ck_assert(res.error[0] != '\0');
	ck_assert_uint_eq(res.unparsed, 2);
	probe_result_free(&probe_isakmp_sa, &res);

	/* a table row whose address is not one: unparsed, no record */
	static const char badrow[] = "IPv4 Crypto ISAKMP SA\n"
	    "300.0.0.1 10.0.0.1 QM_IDLE 1 ACTIVE\n";
	parse_text(badrow, sizeof(badrow) - 1, PLATFORM_IOS, &res);
	ck_assert(res.ok);
	ck_assert_uint_eq(sas_of(&res)->count, 0);
	ck_assert_uint_eq(res.unparsed, 1);
	probe_result_free(&probe_isakmp_sa, &res);
}
END_TEST

START_TEST(test_truncated)
{
	struct probe_result	 full, res;
	const struct isakmp_sa_list *fl, *l;
	const char		*cut;
	size_t			 n, i;

	parse_text(base_text, sizeof(base_text) - 1, PLATFORM_IOS, &full);
	fl = sas_of(&full);
	/* every cut: no crash, never more records, all but the last intact */
	for (n = 0; n < sizeof(base_text); n++) {
		char *copy = malloc(n ? n : 1);
		memcpy(copy, base_text, n);
		parse_text(copy, n, PLATFORM_IOS, &res);
		l = sas_of(&res);
		ck_assert_uint_le(l->count, fl->count);
		for (i = 0; i + 1 < l->count; i++) {
			ck_assert_str_eq(l->sas[i].dst, fl->sas[i].dst);
			ck_assert_str_eq(l->sas[i].state, fl->sas[i].state);
			ck_assert_int_eq(l->sas[i].conn_id, fl->sas[i].conn_id);
		}
		probe_result_free(&probe_isakmp_sa, &res);
		free(copy);
	}
	/* cut mid third row: the first two are kept whole */
	cut = strstr(base_text, "192.168.122.221");
	parse_text(base_text, (size_t)(cut - base_text) + 20, PLATFORM_IOS,
	    &res);
	ck_assert(res.ok);
	l = sas_of(&res);
	ck_assert_uint_eq(l->count, 2);
	ck_assert_int_eq(l->sas[1].deleted, 1);
	ck_assert_uint_eq(res.unparsed, 1);
	probe_result_free(&probe_isakmp_sa, &res);
	/* cut inside the IPv6 block: its two lines are not a record */
	cut = strstr(base_text, " state: QM_IDLE");
	parse_text(base_text, (size_t)(cut - base_text), PLATFORM_IOS, &res);
	ck_assert(res.ok);
	ck_assert_uint_eq(sas_of(&res)->count, 3);
	ck_assert_uint_eq(res.unparsed, 2);
	probe_result_free(&probe_isakmp_sa, &res);
	probe_result_free(&probe_isakmp_sa, &full);
}
END_TEST

START_TEST(test_probe_entry)
{
	ck_assert_str_eq(probe_isakmp_sa.name, "isakmp_sa");
	ck_assert_str_eq(probe_isakmp_sa.command, "show crypto isakmp sa");
	ck_assert_ptr_null(probe_isakmp_sa.command_asa);
	ck_assert_int_eq(probe_isakmp_sa.polled, 1);
}
END_TEST

static Suite *
isakmp_sa_suite(void)
{
	Suite	*s = suite_create("probe_isakmp_sa");
	TCase	*tc = tcase_create("parse");

	tcase_add_test(tc, test_golden);
	tcase_add_loop_test(tc, test_corpus, 0,
	    (int)(sizeof(corpus_cases) / sizeof(corpus_cases[0])));
	tcase_add_test(tc, test_ios_states);
	tcase_add_test(tc, test_asa_states);
	tcase_add_test(tc, test_ipv6_mixed);
	tcase_add_test(tc, test_vrf_slot_variants);
	tcase_add_loop_test(tc, test_tolerance, 0, 6);
	tcase_add_test(tc, test_empty_and_garbage);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_probe_entry);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(isakmp_sa_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

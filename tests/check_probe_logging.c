/*
 * check_probe_logging.c: the "show logging" parser against the corpus
 * (ntc-templates, genieparser), our own crypto captures, and the
 * tolerance every parser owes (CRLF, tabs, lost indentation, prompts,
 * --More--, truncation).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "util.h"
#include "logging.h"
#include "probe.h"

/* ---- helpers ----------------------------------------------------------- */

static char *
fixture(const char *name, size_t *len)
{
	const char	*src = getenv("IPSECWATCH_SRC");
	char		 path[1024], *txt;

	snprintf(path, sizeof(path), "%s/tests/fixtures/logging/%s",
	    src ? src : ".", name);
	txt = golden_read(path, len);
	ck_assert_msg(txt != NULL, "cannot read %s", path);
	return txt;
}

static void
parse(const char *txt, size_t len, enum platform plat,
    struct probe_result *res)
{
	struct probe_input	 in;
	char			*copy = malloc(len ? len : 1);

	/* An exact-size copy: ASan catches any read past the end. */
	memcpy(copy, txt, len);
	memset(&in, 0, sizeof(in));
	in.text = copy;
	in.len = len;
	in.platform = plat;
	probe_parse(&probe_logging, &in, res);
	free(copy);
	/* records never point into the input */
}

static char *
render(const struct probe_result *res)
{
	cJSON	*j = probe_result_json(&probe_logging, res);
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
	probe_result_free(&probe_logging, &res);
	return s;
}

static const struct log_events *
events(const struct probe_result *res)
{
	ck_assert_ptr_nonnull(res->records);
	return res->records;
}

/* ---- (a) goldens -------------------------------------------------------- */

START_TEST(test_golden)
{
	ck_assert_int_ge(golden_check_dir(&probe_logging), 44);
}
END_TEST

/* ---- (b) corpus --------------------------------------------------------- */

/*
 * Upstream parses every log line; we keep only crypto ones as events. The
 * mapping: an upstream record with facility CRYPTO (IOS) or an ASA IKE/IPsec
 * id is an event with the same time/facility/severity/mnemonic/message;
 * every other upstream record is a recognised line and no event. So for
 * each case: the number of crypto records upstream, no unparsed line.
 */
static const struct {
	const char	*file;
	enum platform	 plat;
	size_t		 upstream_records;	/* len(parsed_sample / logs) */
	size_t		 crypto_events;
} corpus[] = {
	{ "ntc-show-logging-1.ios.txt", PLATFORM_IOS, 4, 0 },
	{ "ntc-show-logging-2.ios.txt", PLATFORM_IOS, 3, 0 },
	{ "ntc-show-logging-3.ios.txt", PLATFORM_IOS, 5, 0 },
	{ "ntc-show-logging-4.ios.txt", PLATFORM_IOS, 3, 0 },
	{ "ntc-show-logging-5.ios.txt", PLATFORM_IOS, 3, 1 },
	{ "ntc-show-logging-1.asa.txt", PLATFORM_ASA, 4, 0 },
	{ "ntc-show-logging-2.asa.txt", PLATFORM_ASA, 4, 0 },
	{ "ntc-show-logging-3.asa.txt", PLATFORM_ASA, 5, 0 },
	{ "ntc-show-logging-4.asa.txt", PLATFORM_ASA, 5, 0 },
	{ "genie-golden-1.ios.txt", PLATFORM_IOS, 7, 0 },
	{ "genie-golden-2.ios.txt", PLATFORM_IOS, 2, 0 },
	{ "genie-golden-3.ios.txt", PLATFORM_IOS, 0, 0 },
	{ "genie-golden-4.ios.txt", PLATFORM_IOS, 1, 0 },
	{ "genie-golden-5.ios.txt", PLATFORM_IOS, 2, 0 },
	{ "genie-golden-6.ios.txt", PLATFORM_IOS, 1, 0 },
	{ "genie-golden-7.ios.txt", PLATFORM_IOS, 1, 0 },
	{ "genie-empty.ios.txt", PLATFORM_IOS, 0, 0 },
	{ "genie-empty.iosxe.txt", PLATFORM_IOSXE, 0, 0 },
};

START_TEST(test_corpus_counts)
{
	struct probe_result	 res;
	char			*txt;
	size_t			 len;

	txt = fixture(corpus[_i].file, &len);
	parse(txt, len, corpus[_i].plat, &res);
	ck_assert_msg(res.ok, "%s: %s", corpus[_i].file, res.error);
	ck_assert_uint_eq(res.unparsed, 0);
	ck_assert_uint_ge(res.recognised, corpus[_i].upstream_records);
	ck_assert_uint_eq(events(&res)->n, corpus[_i].crypto_events);
	probe_result_free(&probe_logging, &res);
	free(txt);
}
END_TEST

/* genie iosxe 6..19: many non-crypto logs, header variants; no events. */
START_TEST(test_corpus_genie_iosxe)
{
	struct probe_result	 res;
	char			 name[64], *txt;
	size_t			 len;

	snprintf(name, sizeof(name), "genie-golden-%d.iosxe.txt", _i);
	txt = fixture(name, &len);
	parse(txt, len, PLATFORM_IOSXE, &res);
	ck_assert_msg(res.ok, "%s: %s", name, res.error);
	ck_assert_uint_eq(res.unparsed, 0);
	ck_assert_uint_eq(events(&res)->n, 0);
	probe_result_free(&probe_logging, &res);
	free(txt);
}
END_TEST

/* ntc cisco_ios show_logging_5.yml, the one CRYPTO record, field by field. */
START_TEST(test_corpus_ntc5_crypto_record)
{
	struct probe_result	 res;
	const struct log_event	*e;
	char			*txt;
	size_t			 len;

	txt = fixture("ntc-show-logging-5.ios.txt", &len);
	parse(txt, len, PLATFORM_IOS, &res);
	ck_assert(res.ok);
	ck_assert_uint_eq(events(&res)->n, 1);
	e = &events(&res)->ev[0];
	/* month "Sep", day "14", time "06:00:45.693"; "*" is printed too */
	ck_assert_str_eq(e->time, "*Sep 14 06:00:45.693");
	ck_assert_int_eq(e->seq, -1);			/* number: "" */
	ck_assert_str_eq(e->facility, "CRYPTO");
	ck_assert_int_eq(e->severity, 4);
	ck_assert_str_eq(e->mnemonic, "PKT_REPLAY_ERR");
	/* message: both lines, the continuation's indentation collapsed */
	ck_assert_str_eq(e->text, "decrypt: replay check failed "
	    "connection id=29, sequence number=219");
	ck_assert_str_eq(e->kind, "pkt_replay_err");
	ck_assert_str_eq(e->peer, "");
	probe_result_free(&probe_logging, &res);
	free(txt);
}
END_TEST

/* ---- (c) our own cases -------------------------------------------------- */

struct want_event {
	const char	*time;		/* "" = null */
	const char	*facility;
	int		 severity;
	const char	*mnemonic;
	const char	*kind;
	const char	*peer;
	int64_t		 seq;
};

static const struct want_event want_ios_filtered[] = {
	{ "*Mar 1 00:10:12.123", "CRYPTO", 6, "ISAKMP_ON_OFF", "isakmp_on_off", "", -1 },
	{ "Nov 29 06:10:06.123 UTC", "CRYPTO", 4, "IKMP_NO_SA", "ikmp_no_sa", "198.51.100.2", -1 },
	{ "Nov 29 06:10:07.456 UTC", "CRYPTO", 6, "IKMP_MODE_FAILURE", "ikmp_mode_failure", "198.51.100.2", 123 },
	{ "", "CRYPTO", 4, "RECVD_PKT_NOT_IPSEC", "recvd_pkt_not_ipsec", "198.51.100.2", -1 },
	{ "*Oct 24 04:31:10.058", "CRYPTO", 4, "RECVD_PKT_INV_SPI", "recvd_pkt_inv_spi", "198.51.100.2", -1 },
	{ "Nov 29 2026 06:11:00", "CRYPTO", 5, "SESSION_STATUS", "tunnel_down", "198.51.100.2", -1 },
	{ "Nov 29 2026 06:12:00", "CRYPTO", 5, "SESSION_STATUS", "tunnel_up", "198.51.100.2", -1 },
	{ "1d02h", "CRYPTO", 4, "IKE_DENY_SA_REQ", "ike_deny_sa_req", "203.0.113.7", -1 },
	{ "00:10:12", "CRYPTO", 6, "IKMP_AUTH_FAIL", "auth_failed", "198.51.100.2", 124 },
	{ "*Mar 1 00:12:40.001", "CRYPTO", 4, "IKMP_BAD_MESSAGE", "bad_message", "198.51.100.2", -1 },
	{ "*Mar 1 00:13:02.777", "CRYPTO", 6, "IKMP_NOT_ENCRYPTED", "ikmp_not_encrypted", "198.51.100.2", -1 },
	{ "*Mar 1 00:14:59.900", "CRYPTO", 5, "IKMP_INVAL_CERT", "other", "2001:db8::2", -1 },
	{ "*Mar 1 00:15:00.100", "CRYPTO", 4, "PKT_REPLAY_ERR", "pkt_replay_err", "", -1 },
};

static const struct want_event want_ios_debug[] = {
	{ "*Mar 1 00:20:01.101", "", -1, "", "atts_not_acceptable", "", -1 },
	{ "*Mar 1 00:20:01.102", "", -1, "", "no_offers_accepted", "", -1 },
	{ "*Mar 1 00:20:01.103", "", -1, "", "phase1_policy_not_acceptable", "198.51.100.2", -1 },
	{ "*Mar 1 00:20:01.104", "", -1, "", "policy_mismatch", "", -1 },
	{ "*Mar 1 00:20:05.201", "", -1, "", "transform_proposal_not_supported", "", -1 },
	{ "*Mar 1 00:20:05.202", "", -1, "", "proxy_identities_not_supported", "", -1 },
	{ "*Mar 1 00:20:07.300", "", -1, "", "auth_failed", "", -1 },
	{ "*Mar 1 00:20:07.301", "", -1, "", "reserved_not_zero", "", -1 },
	{ "*Mar 1 00:20:07.302", "CRYPTO", 4, "IKMP_BAD_MESSAGE", "bad_message", "198.51.100.2", -1 },
	{ "*Mar 1 00:20:08.400", "", -1, "", "no_psk", "198.51.100.9", -1 },
	{ "*Mar 1 00:21:10.500", "", -1, "", "dpd_request_sent", "198.51.100.2", -1 },
	{ "*Mar 1 00:21:10.501", "", -1, "", "dpd_request_sent", "", -1 },
	{ "*Mar 1 00:21:12.700", "", -1, "", "dpd_ack_received", "198.51.100.2", -1 },
	{ "*Mar 1 00:22:40.800", "", -1, "", "peer_not_responding", "198.51.100.2", -1 },
	{ "*Mar 1 00:22:40.801", "", -1, "", "peer_not_responding", "198.51.100.2", -1 },
	{ "*Mar 1 00:22:40.802", "CRYPTO", 5, "IKMP_DPD_FAIL", "peer_not_responding", "198.51.100.2", -1 },
	{ "*Mar 1 00:23:00.900", "", -1, "", "retransmit", "", -1 },
};

static const struct want_event want_asa[] = {
	{ "Nov 29 2026 06:10:01", "ASA", 5, "713904", "other", "198.51.100.2", -1 },
	{ "Nov 29 2026 06:10:02", "ASA", 4, "713903", "peer_table_error", "198.51.100.2", -1 },
	{ "Nov 29 2026 06:10:03", "ASA", 3, "713902", "peer_table_error", "198.51.100.2", -1 },
	{ "Nov 29 2026 06:10:04", "ASA", 4, "113019", "tunnel_down", "198.51.100.2", -1 },
	{ "Nov 29 2026 06:10:05", "ASA", 5, "713257", "phase1_failure", "", -1 },
	{ "Nov 29 2026 06:10:06", "ASA", 3, "713048", "payload_error", "198.51.100.2", -1 },
	{ "Nov 29 2026 06:10:07", "ASA", 5, "713119", "phase1_completed", "198.51.100.2", -1 },
	{ "Nov 29 2026 06:10:08", "ASA", 3, "713122", "keepalive_unsupported", "198.51.100.2", -1 },
	{ "Nov 29 2026 06:10:09", "ASA", 3, "713020", "no_psk", "203.0.113.8", -1 },
	{ "Nov 29 2026 06:10:10", "ASA", 5, "713120", "phase2_completed", "198.51.100.2", -1 },
	{ "Nov 29 2026 06:10:11", "ASA", 6, "602303", "ipsec_sa_created", "198.51.100.2", -1 },
	{ "Nov 29 2026 06:10:12", "ASA", 4, "402114", "recvd_pkt_inv_spi", "198.51.100.2", -1 },
	{ "Nov 29 2026 06:10:13", "ASA", 3, "713902", "proxy_identities_not_supported", "198.51.100.2", -1 },
	{ "Nov 29 2026 06:10:14", "ASA", 5, "713904", "transform_proposal_not_supported", "198.51.100.2", -1 },
	{ "Nov 29 2026 06:10:15", "ASA", 4, "713123", "peer_not_responding", "198.51.100.2", -1 },
};

static const struct want_event want_asa_device_id[] = {
	{ "Mar 09 2026 10:25:04", "ASA", 5, "713119", "phase1_completed", "198.51.100.2", -1 },
	{ "", "ASA", 4, "113019", "tunnel_down", "198.51.100.2", -1 },
	{ "", "ASA", 7, "715036", "dpd_request_sent", "2001:db8::2", -1 },
};

static const struct {
	const char		*file;
	enum platform		 plat;
	const struct want_event	*want;
	size_t			 n;
	size_t			 recognised;
} own[] = {
	{ "own-ios-crypto-filtered.ios.txt", PLATFORM_IOS, want_ios_filtered,
	    NITEMS(want_ios_filtered), 13 },
	{ "own-ios-debug.ios.txt", PLATFORM_IOS, want_ios_debug,
	    NITEMS(want_ios_debug), 22 },
	{ "own-asa-crypto.asa.txt", PLATFORM_ASA, want_asa, NITEMS(want_asa),
	    32 },
	{ "own-asa-device-id.asa.txt", PLATFORM_AUTO, want_asa_device_id,
	    NITEMS(want_asa_device_id), 3 },
};

START_TEST(test_own_events)
{
	struct probe_result	 res;
	const struct log_events	*evs;
	char			*txt;
	size_t			 len, k;

	txt = fixture(own[_i].file, &len);
	parse(txt, len, own[_i].plat, &res);
	ck_assert_msg(res.ok, "%s: %s", own[_i].file, res.error);
	ck_assert_uint_eq(res.unparsed, 0);
	ck_assert_uint_eq(res.recognised, own[_i].recognised);
	evs = events(&res);
	ck_assert_uint_eq(evs->n, own[_i].n);
	for (k = 0; k < evs->n; k++) {
		const struct log_event *e = &evs->ev[k];
		const struct want_event *w = &own[_i].want[k];
		ck_assert_msg(strcmp(e->time, w->time) == 0,
		    "%s #%zu time %s", own[_i].file, k, e->time);
		ck_assert_str_eq(e->facility, w->facility);
		ck_assert_int_eq(e->severity, w->severity);
		ck_assert_str_eq(e->mnemonic, w->mnemonic);
		ck_assert_msg(strcmp(e->kind, w->kind) == 0, "%s #%zu kind %s",
		    own[_i].file, k, e->kind);
		ck_assert_msg(strcmp(e->peer, w->peer) == 0, "%s #%zu peer %s",
		    own[_i].file, k, e->peer);
		ck_assert_int_eq(e->seq, w->seq);
		ck_assert_ptr_nonnull(e->text);
		ck_assert_uint_gt(strlen(e->text), 0);
	}
	probe_result_free(&probe_logging, &res);
	free(txt);
}
END_TEST

/* Text and host of the ASA device-id form; the platform is guessed. */
START_TEST(test_asa_device_id_and_platform)
{
	struct probe_result	 res;
	char			*txt;
	size_t			 len;

	txt = fixture("own-asa-device-id.asa.txt", &len);
	parse(txt, len, PLATFORM_AUTO, &res);
	ck_assert(res.ok);
	ck_assert_int_eq(res.platform, PLATFORM_ASA);
	ck_assert_str_eq(events(&res)->ev[0].host, "fw-1");
	ck_assert_str_eq(events(&res)->ev[0].text, "Group = 198.51.100.2, "
	    "IP = 198.51.100.2, PHASE 1 COMPLETED");
	ck_assert_str_eq(events(&res)->ev[2].host, "");
	probe_result_free(&probe_logging, &res);
	free(txt);
}
END_TEST

/* Non-crypto lines are recognised, not events. */
START_TEST(test_non_crypto_lines)
{
	static const char txt[] =
	    "*Mar  1 00:23:01.000: %LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel1, changed state to down\n"
	    "000051: Dec  2 12:09:25.719: %SNMP-5-COLDSTART: SNMP agent on host R1 is undergoing a cold start\n"
	    "Mar 04 2024 09:12:44: %ASA-5-111008: User 'enable_15' executed the 'write memory' command.\n";
	struct probe_result	 res;

	parse(txt, sizeof(txt) - 1, PLATFORM_AUTO, &res);
	ck_assert(res.ok);
	ck_assert_uint_eq(res.recognised, 3);
	ck_assert_uint_eq(res.unparsed, 0);
	ck_assert_uint_eq(events(&res)->n, 0);
	probe_result_free(&probe_logging, &res);
}
END_TEST

/* ---- tolerance ---------------------------------------------------------- */

/* Rewrite text line by line; mode picks the rewrite. */
enum rewrite { RW_CRLF, RW_TABS, RW_NO_INDENT, RW_PROMPTS, RW_MORE };

static char *
rewrite(const char *txt, size_t len, enum rewrite mode, size_t *outlen)
{
	char	*out = malloc(len * 2 + 256);
	size_t	 i = 0, n = 0, lineno = 0;

	if (mode == RW_PROMPTS)
		n += (size_t)sprintf(out, "hq-1#show logging\n");
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
			if (mode == RW_TABS && txt[i] == ' ' && i + 1 < e &&
			    txt[i + 1] == ' ') {
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
	"own-ios-crypto-filtered.ios.txt", "own-ios-debug.ios.txt",
	"own-asa-crypto.asa.txt", "ntc-show-logging-5.ios.txt",
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
	ck_assert_uint_eq(events(&res)->n, 0);
	probe_result_free(&probe_logging, &res);
	parse("\n\r\n  \nhq-1#\n", 11, PLATFORM_IOS, &res);
	ck_assert(res.ok);
	ck_assert_uint_eq(events(&res)->n, 0);
	probe_result_free(&probe_logging, &res);
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
		probe_result_free(&probe_logging, &res);
	}
}
END_TEST

/* Cut anywhere: no crash; every event before the cut is kept intact. */
START_TEST(test_truncated)
{
	struct probe_result	 full, res;
	char			*txt;
	size_t			 len, cut, k;

	txt = fixture("own-asa-crypto.asa.txt", &len);
	parse(txt, len, PLATFORM_ASA, &full);
	for (cut = 0; cut <= len; cut++) {
		parse(txt, cut, PLATFORM_ASA, &res);
		if (res.records != NULL && events(&res)->n > 1)
			for (k = 0; k + 1 < events(&res)->n; k++) {
				ck_assert_str_eq(events(&res)->ev[k].kind,
				    events(&full)->ev[k].kind);
				ck_assert_str_eq(events(&res)->ev[k].text,
				    events(&full)->ev[k].text);
			}
		probe_result_free(&probe_logging, &res);
	}
	/* Cut mid-way through the 5th event line: 4 complete events kept. */
	cut = (size_t)(strstr(txt, "%ASA-5-713257") - txt) + 6;
	parse(txt, cut, PLATFORM_ASA, &res);
	ck_assert_uint_ge(events(&res)->n, 4);
	ck_assert_str_eq(events(&res)->ev[3].kind, "tunnel_down");
	probe_result_free(&probe_logging, &res);
	probe_result_free(&probe_logging, &full);
	free(txt);
}
END_TEST

/* A long message with many continuation lines stays bounded. */
START_TEST(test_continuation_bounded)
{
	struct probe_result	 res;
	char			*txt = malloc(200000);
	size_t			 n = 0, i;

	n += (size_t)sprintf(txt, "*Mar 1 00:00:01.000: %%CRYPTO-4-PKT_REPLAY_ERR: x\n");
	for (i = 0; i < 5000; i++)
		n += (size_t)sprintf(txt + n, "   continuation %zu\n", i);
	parse(txt, n, PLATFORM_IOS, &res);
	ck_assert(res.ok);
	ck_assert_uint_eq(events(&res)->n, 1);
	ck_assert_uint_le(strlen(events(&res)->ev[0].text), 4096);
	probe_result_free(&probe_logging, &res);
	free(txt);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("probe_logging");
	TCase	*tc = tcase_create("logging");
	SRunner	*sr;
	int	 nf;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_golden);
	tcase_add_loop_test(tc, test_corpus_counts, 0, (int)NITEMS(corpus));
	tcase_add_loop_test(tc, test_corpus_genie_iosxe, 1, 20);
	tcase_add_test(tc, test_corpus_ntc5_crypto_record);
	tcase_add_loop_test(tc, test_own_events, 0, (int)NITEMS(own));
	tcase_add_test(tc, test_asa_device_id_and_platform);
	tcase_add_test(tc, test_non_crypto_lines);
	tcase_add_loop_test(tc, test_tolerance, 0,
	    (int)NITEMS(tolerance_files));
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_garbage_refused);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_continuation_bounded);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

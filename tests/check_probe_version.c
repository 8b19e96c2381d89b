/*
 * check_probe_version.c: "show version" on IOS 12/15, IOS-XE 16/17 and
 * ASA 9.x: platform detection and the identity fields; tolerance.
 * The corpus has no show version capture: every case is ours.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "probe.h"
#include "util.h"
#include "version.h"

static char *
fixture(const char *name, size_t *len)
{
	const char	*src = getenv("IPSECWATCH_SRC");
	char		 path[1024], *txt;

	snprintf(path, sizeof(path), "%s/tests/fixtures/version/%s",
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

	memcpy(copy, txt, len);
	memset(&in, 0, sizeof(in));
	in.text = copy;
	in.len = len;
	in.platform = plat;
	probe_parse(&probe_version, &in, res);
	free(copy);
}

static char *
render_text(const char *txt, size_t len, enum platform plat)
{
	struct probe_result	 res;
	cJSON			*j;
	char			*s;

	parse(txt, len, plat, &res);
	j = probe_result_json(&probe_version, &res);
	s = cJSON_Print(j);
	cJSON_Delete(j);
	probe_result_free(&probe_version, &res);
	return s;
}

START_TEST(test_golden)
{
	ck_assert_int_ge(golden_check_dir(&probe_version), 9);
}
END_TEST

static const struct {
	const char	*file;
	enum platform	 plat;
	const char	*version, *hostname, *uptime, *model, *serial, *image;
} cases[] = {
	{ "own-ios12-c2600.ios.txt", PLATFORM_IOS, "12.3(26)", "branch-12",
	  "3 weeks, 2 days, 4 hours, 17 minutes", "2621XM", "JAE0751CYTH",
	  "flash:c2600-adventerprisek9-mz.123-26.bin" },
	{ "own-ios15-isr2911.ios.txt", PLATFORM_IOS, "15.4(3)M2", "hq-1",
	  "1 year, 12 weeks, 3 days, 22 hours, 5 minutes", "CISCO2911/K9",
	  "FTX1840ALBM", "flash0:c2900-universalk9-mz.SPA.154-3.M2.bin" },
	{ "own-iosxe16-isr4331.iosxe.txt", PLATFORM_IOSXE, "16.09.04",
	  "br-4331", "21 weeks, 6 days, 1 hour, 42 minutes", "ISR4331/K9",
	  "FDO21520TGH", "bootflash:isr4300-universalk9.16.09.04.SPA.bin" },
	{ "own-iosxe17-c8000v.iosxe.txt", PLATFORM_IOSXE, "17.06.05",
	  "edge-c8kv", "2 days, 7 hours, 31 minutes", "C8000V", "9NWSAD9ZH2V",
	  "bootflash:packages.conf" },
	{ "own-asa98-asa5516.asa.txt", PLATFORM_ASA, "9.8(4)", "hq-fw",
	  "12 days 4 hours", "ASA5516", "JAD21450B2K",
	  "disk0:/asa984-lfbff-k8.SPA" },
	{ "own-asa912-asav.asa.txt", PLATFORM_ASA, "9.12(4)37", "dc-asav",
	  "41 days 2 hours", "ASAv", "9A5MLQR2XFD",
	  "boot:/asa9-12-4-37-smp-k8.bin" },
};

/* The platform is detected, whatever the caller assumed. */
START_TEST(test_cases)
{
	static const enum platform assumed[] = { PLATFORM_AUTO, PLATFORM_IOS,
	    PLATFORM_ASA };
	struct probe_result		 res;
	const struct version_info	*vi;
	char				*txt;
	size_t				 len, k;

	txt = fixture(cases[_i].file, &len);
	for (k = 0; k < NITEMS(assumed); k++) {
		parse(txt, len, assumed[k], &res);
		ck_assert_msg(res.ok, "%s: %s", cases[_i].file, res.error);
		ck_assert_uint_eq(res.unparsed, 0);
		ck_assert_int_eq(res.platform, cases[_i].plat);
		vi = res.records;
		ck_assert_int_eq(vi->platform, cases[_i].plat);
		ck_assert_str_eq(vi->version, cases[_i].version);
		ck_assert_str_eq(vi->hostname, cases[_i].hostname);
		ck_assert_str_eq(vi->uptime, cases[_i].uptime);
		ck_assert_str_eq(vi->model, cases[_i].model);
		ck_assert_str_eq(vi->serial, cases[_i].serial);
		ck_assert_str_eq(vi->image, cases[_i].image);
		probe_result_free(&probe_version, &res);
	}
	free(txt);
}
END_TEST

/* IOS-XE told apart by its markers alone, without the XE banner line. */
START_TEST(test_iosxe_without_xe_banner)
{
	static const char txt[] =
	    "Cisco IOS Software [Fuji], ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 16.9.4, RELEASE SOFTWARE (fc2)\n"
	    "r1 uptime is 5 minutes\n";
	struct probe_result		 res;
	const struct version_info	*vi;

	parse(txt, sizeof(txt) - 1, PLATFORM_AUTO, &res);
	ck_assert(res.ok);
	vi = res.records;
	ck_assert_int_eq(res.platform, PLATFORM_IOSXE);
	ck_assert_str_eq(vi->version, "16.9.4");
	ck_assert_str_eq(vi->image_name, "X86_64_LINUX_IOSD-UNIVERSALK9-M");
	ck_assert_str_eq(vi->model, "");	/* not printed: null */
	ck_assert_str_eq(vi->serial, "");
	probe_result_free(&probe_version, &res);
}
END_TEST

/* Unknown fields are null in JSON, never "" or 0. */
START_TEST(test_nulls_in_json)
{
	static const char txt[] =
	    "Cisco Adaptive Security Appliance Software Version 9.8(4)\n";
	char	*js = render_text(txt, sizeof(txt) - 1, PLATFORM_AUTO);

	ck_assert_ptr_nonnull(strstr(js, "\"platform\":\t\"asa\""));
	ck_assert_ptr_nonnull(strstr(js, "\"version\":\t\"9.8(4)\""));
	ck_assert_ptr_nonnull(strstr(js, "\"hostname\":\tnull"));
	ck_assert_ptr_nonnull(strstr(js, "\"serial\":\tnull"));
	ck_assert_ptr_null(strstr(js, "\"\""));
	free(js);
}
END_TEST

enum rewrite { RW_CRLF, RW_TABS, RW_NO_INDENT, RW_PROMPTS, RW_MORE };

static char *
rewrite(const char *txt, size_t len, enum rewrite mode, size_t *outlen)
{
	char	*out = malloc(len * 2 + 256);
	size_t	 i = 0, n = 0, lineno = 0;

	if (mode == RW_PROMPTS)
		n += (size_t)sprintf(out, "hq-1#show version\n");
	while (i < len) {
		size_t e = i;
		while (e < len && txt[e] != '\n')
			e++;
		if (mode == RW_MORE && lineno == 12)
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

START_TEST(test_tolerance)
{
	enum rewrite	 mode;
	char		*txt, *want, *alt, *got;
	size_t		 len, altlen;

	txt = fixture(cases[_i].file, &len);
	want = render_text(txt, len, PLATFORM_AUTO);
	for (mode = RW_CRLF; mode <= RW_MORE; mode++) {
		alt = rewrite(txt, len, mode, &altlen);
		got = render_text(alt, altlen, PLATFORM_AUTO);
		ck_assert_msg(strcmp(got, want) == 0, "%s rewrite %d:\n%s",
		    cases[_i].file, (int)mode, got);
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

	parse("", 0, PLATFORM_AUTO, &res);
	ck_assert(res.ok);
	ck_assert_int_eq(((const struct version_info *)res.records)->platform,
	    PLATFORM_AUTO);
	probe_result_free(&probe_version, &res);
	parse("\r\n\nR1#\n", 7, PLATFORM_AUTO, &res);
	ck_assert(res.ok);
	probe_result_free(&probe_version, &res);
}
END_TEST

START_TEST(test_garbage_refused)
{
	static const char *const garbage[] = {
		"% Invalid input detected at '^' marker.\n",
		"lorem ipsum\ndolor sit amet\n",
		/* known phrases, but no banner: what box is it? */
		"Configuration register is 0x2102\n",
		"\x01\x02\x03\xff\xfe\n",
	};
	struct probe_result	 res;
	size_t			 i;

	for (i = 0; i < NITEMS(garbage); i++) {
		parse(garbage[i], strlen(garbage[i]), PLATFORM_IOS, &res);
		ck_assert_msg(!res.ok, "garbage %zu accepted", i);
		ck_assert_uint_gt(strlen(res.error), 0);
		probe_result_free(&probe_version, &res);
	}
}
END_TEST

/* Cut anywhere: no crash; what came before the cut is kept. */
START_TEST(test_truncated)
{
	struct probe_result		 res;
	const struct version_info	*vi;
	char				*txt;
	const char			*at;
	size_t				 len, cut;

	txt = fixture("own-ios15-isr2911.ios.txt", &len);
	for (cut = 0; cut <= len; cut++) {
		parse(txt, cut, PLATFORM_AUTO, &res);
		probe_result_free(&probe_version, &res);
	}
	at = strstr(txt, "System returned");
	cut = (size_t)(at - txt) + 5;
	parse(txt, cut, PLATFORM_AUTO, &res);
	ck_assert(res.ok);
	vi = res.records;
	ck_assert_str_eq(vi->version, "15.4(3)M2");
	ck_assert_str_eq(vi->hostname, "hq-1");
	ck_assert_str_eq(vi->model, "");
	probe_result_free(&probe_version, &res);
	free(txt);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("probe_version");
	TCase	*tc = tcase_create("version");
	SRunner	*sr;
	int	 nf;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_golden);
	tcase_add_loop_test(tc, test_cases, 0, (int)NITEMS(cases));
	tcase_add_test(tc, test_iosxe_without_xe_banner);
	tcase_add_test(tc, test_nulls_in_json);
	tcase_add_loop_test(tc, test_tolerance, 0, (int)NITEMS(cases));
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

/*
 * check_probe_interface_crypto.c: the interface_crypto probe. There is no
 * upstream fixture for this filtered running-config; the cases are ours
 * (IOS, IOS-XE, ASA), written from the configuration syntax.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "interface_crypto.h"
#include "probe.h"
#include "util.h"

struct parsed {
	struct probe_result	 res;
	cJSON			*json;
};

static void
parse_text(const char *text, size_t len, enum platform plat,
    struct parsed *p)
{
	struct probe_input	 in;
	char			*copy = malloc(len ? len : 1);

	/* An exact-size copy: ASan sees any read past the end. */
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, text, len);
	memset(&in, 0, sizeof(in));
	in.text = copy;
	in.len = len;
	in.platform = plat;
	probe_parse(&probe_interface_crypto, &in, &p->res);
	p->json = probe_result_json(&probe_interface_crypto, &p->res);
	free(copy);
}

static void
parsed_free(struct parsed *p)
{
	cJSON_Delete(p->json);
	probe_result_free(&probe_interface_crypto, &p->res);
}

static char *
fixture(const char *name, size_t *len)
{
	const char	*src = getenv("IPSECWATCH_SRC");
	char		 path[1024], *txt;

	snprintf(path, sizeof(path), "%s/tests/fixtures/interface_crypto/%s",
	    src ? src : ".", name);
	txt = golden_read(path, len);
	ck_assert_msg(txt != NULL, "cannot read %s", path);
	return txt;
}

static enum platform
platform_of(const char *name)
{
	if (strstr(name, ".asa.") != NULL)
		return PLATFORM_ASA;
	if (strstr(name, ".iosxe.") != NULL)
		return PLATFORM_IOSXE;
	return PLATFORM_IOS;
}

/* interfaces[idx].field printed compactly. */
static char *
field_text(cJSON *j, int idx, const char *field)
{
	cJSON	*e = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "interfaces"),
	    idx);

	ck_assert_msg(e != NULL, "no interfaces[%d]", idx);
	ck_assert_msg(cJSON_GetObjectItem(e, field) != NULL,
	    "interfaces[%d] has no %s", idx, field);
	return cJSON_PrintUnformatted(cJSON_GetObjectItem(e, field));
}

struct expect {
	const char	*file;
	int		 entry;
	const char	*field;
	const char	*json;
};

static const struct expect own[] = {
	{ "own-ios15.ios.txt", 0, "interface", "\"Loopback0\"" },
	{ "own-ios15.ios.txt", 0, "crypto_map", "null" },
	{ "own-ios15.ios.txt", 1, "interface", "\"FastEthernet0/0\"" },
	{ "own-ios15.ios.txt", 1, "nameif", "null" },
	{ "own-ios15.ios.txt", 1, "crypto_map", "\"CM\"" },
	{ "own-ios15.ios.txt", 1, "addresses",
	    "[{\"addr\":\"198.51.100.1\",\"mask\":\"255.255.255.252\","
	    "\"prefix_len\":30,\"secondary\":false,\"link_local\":false,"
	    "\"standby\":null},{\"addr\":\"198.51.100.9\",\"mask\":"
	    "\"255.255.255.248\",\"prefix_len\":29,\"secondary\":true,"
	    "\"link_local\":false,\"standby\":null}]" },
	{ "own-ios15.ios.txt", 2, "crypto_map", "null" },
	{ "own-ios15.ios.txt", 3, "address_method", "\"none\"" },
	{ "own-ios15.ios.txt", 3, "addresses", "[]" },
	{ "own-ios15.ios.txt", 4, "interface", "\"Dialer1\"" },
	{ "own-ios15.ios.txt", 4, "address_method", "\"negotiated\"" },
	{ "own-ios15.ios.txt", 4, "crypto_map", "\"CM-BACKUP\"" },
	{ "own-ios15.ios.txt", 5, "interface", "\"Virtual-Template1\"" },
	{ "own-ios15.ios.txt", 5, "address_method", "\"dhcp\"" },
	{ "own-iosxe-redundancy.iosxe.txt", 0, "interface",
	    "\"GigabitEthernet1\"" },
	{ "own-iosxe-redundancy.iosxe.txt", 0, "crypto_map", "\"CM\"" },
	{ "own-iosxe-redundancy.iosxe.txt", 0, "ipv6_crypto_map", "\"CM6\"" },
	{ "own-iosxe-redundancy.iosxe.txt", 0, "addresses",
	    "[{\"addr\":\"192.0.2.1\",\"mask\":\"255.255.255.0\","
	    "\"prefix_len\":24,\"secondary\":false,\"link_local\":false,"
	    "\"standby\":null},{\"addr\":\"2001:db8:0:1::1\",\"mask\":null,"
	    "\"prefix_len\":64,\"secondary\":false,\"link_local\":false,"
	    "\"standby\":null},{\"addr\":\"fe80::1\",\"mask\":null,"
	    "\"prefix_len\":null,\"secondary\":false,\"link_local\":true,"
	    "\"standby\":null}]" },
	{ "own-iosxe-redundancy.iosxe.txt", 1, "crypto_map", "null" },
	{ "own-iosxe-redundancy.iosxe.txt", 2, "address_method", "\"none\"" },
	{ "own-asa.asa.txt", 0, "interface", "\"GigabitEthernet0/0\"" },
	{ "own-asa.asa.txt", 0, "nameif", "\"outside\"" },
	{ "own-asa.asa.txt", 0, "crypto_map", "\"OUTSIDE_MAP\"" },
	{ "own-asa.asa.txt", 0, "addresses",
	    "[{\"addr\":\"192.0.2.1\",\"mask\":\"255.255.255.0\","
	    "\"prefix_len\":24,\"secondary\":false,\"link_local\":false,"
	    "\"standby\":\"192.0.2.2\"}]" },
	{ "own-asa.asa.txt", 1, "nameif", "\"inside\"" },
	{ "own-asa.asa.txt", 1, "crypto_map", "null" },
	{ "own-asa.asa.txt", 2, "nameif", "\"backup\"" },
	{ "own-asa.asa.txt", 2, "address_method", "\"dhcp\"" },
	{ "own-asa.asa.txt", 2, "crypto_map", "\"BACKUP_MAP\"" },
	{ "own-asa.asa.txt", 3, "nameif", "null" },
	{ "own-asa.asa.txt", 4, "interface", "\"Management0/0\"" },
	{ "own-asa-bindings-only.asa.txt", 0, "interface", "null" },
	{ "own-asa-bindings-only.asa.txt", 0, "nameif", "\"WAN1\"" },
	{ "own-asa-bindings-only.asa.txt", 0, "crypto_map", "\"WAN1_CMAP\"" },
	{ "own-asa-bindings-only.asa.txt", 1, "nameif", "\"S2SVPN\"" },
	{ "own-asa-bindings-only.asa.txt", 1, "crypto_map", "\"S2S_CMAP\"" },
};

static const struct {
	const char	*file;
	int		 n;
} counts[] = {
	{ "own-ios15.ios.txt", 6 },
	{ "own-iosxe-redundancy.iosxe.txt", 3 },
	{ "own-asa.asa.txt", 5 },
	{ "own-asa-bindings-only.asa.txt", 2 },
	{ "own-empty.ios.txt", 0 },
};

START_TEST(test_golden)
{
	ck_assert_int_ge(golden_check_dir(&probe_interface_crypto), 6);
}
END_TEST

START_TEST(test_own_fields)
{
	const struct expect	*x = &own[_i];
	struct parsed		 p;
	char			*txt, *got;
	size_t			 len;

	txt = fixture(x->file, &len);
	parse_text(txt, len, platform_of(x->file), &p);
	ck_assert_msg(p.res.ok, "%s: %s", x->file, p.res.error);
	got = field_text(p.json, x->entry, x->field);
	ck_assert_msg(strcmp(got, x->json) == 0, "%s interfaces[%d].%s: got "
	    "%s, want %s", x->file, x->entry, x->field, got, x->json);
	free(got);
	parsed_free(&p);
	free(txt);
}
END_TEST

START_TEST(test_counts)
{
	struct parsed	 p;
	char		*txt;
	size_t		 len;

	txt = fixture(counts[_i].file, &len);
	parse_text(txt, len, platform_of(counts[_i].file), &p);
	ck_assert_msg(p.res.ok, "%s", p.res.error);
	ck_assert_uint_eq(p.res.unparsed, 0);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(p.json,
	    "interfaces")), counts[_i].n);
	parsed_free(&p);
	free(txt);
}
END_TEST

static char *
json_of(const char *text, size_t len, enum platform plat, int *ok)
{
	struct parsed	 p;
	char		*s;

	parse_text(text, len, plat, &p);
	*ok = p.res.ok;
	s = cJSON_PrintUnformatted(p.json);
	parsed_free(&p);
	return s;
}

/*
 * A damaged copy of src: 0 CRLF line ends, 1 tabs for the indentation and
 * spaces for inner tabs, 2 no indentation at all, 3 a leading and a
 * trailing prompt line, 4 a "--More--" remnant line in the middle.
 */
static char *
rewrite(const char *src, size_t len, int kind, size_t *outlen)
{
	char	*out = malloc(len * 3 + 128), *o = out;
	size_t	 i;
	int	 bol = 1, more = 0;

	ck_assert_ptr_nonnull(out);
	if (kind == 3)
		o += sprintf(o, "hq-1#show running-config | include ^interface|crypto map|ip address\r\n");
	for (i = 0; i < len; i++) {
		char c = src[i];
		if ((kind == 1 || kind == 2) && bol && (c == ' ' || c == '\t'))
			continue;
		if (kind == 1 && bol && i > 0 && src[i - 1] != '\n')
			*o++ = '\t';
		bol = 0;
		if (c == '\n') {
			if (kind == 0)
				*o++ = '\r';
			*o++ = '\n';
			if (kind == 4 && !more && i > len / 2) {
				o += sprintf(o, " --More-- \n");
				more = 1;
			}
			bol = 1;
		} else if (kind == 1 && c == '\t')
			*o++ = ' ';
		else
			*o++ = c;
	}
	if (kind == 3)
		o += sprintf(o, "%shq-1#\r\n", len > 0 && src[len - 1] != '\n' ?
		    "\r\n" : "");
	*outlen = (size_t)(o - out);
	return out;
}

static const char *const tolerance_files[] = {
	"own-ios15.ios.txt", "own-iosxe-redundancy.iosxe.txt",
	"own-asa.asa.txt",
};

START_TEST(test_tolerance)
{
	const char	*name = tolerance_files[_i];
	enum platform	 plat = platform_of(name);
	char		*txt, *want, *got, *v;
	size_t		 len, vlen;
	int		 ok, kind;

	txt = fixture(name, &len);
	want = json_of(txt, len, plat, &ok);
	ck_assert(ok);
	for (kind = 0; kind <= 4; kind++) {
		v = rewrite(txt, len, kind, &vlen);
		got = json_of(v, vlen, plat, &ok);
		ck_assert_msg(ok, "%s variant %d refused", name, kind);
		ck_assert_msg(strcmp(got, want) == 0, "%s variant %d:\n%s\n"
		    "want\n%s", name, kind, got, want);
		free(got);
		free(v);
	}
	free(want);
	free(txt);
}
END_TEST

START_TEST(test_empty_and_garbage)
{
	static const char garbage[] = "Building configuration...\n"
	    "\x01\x02\xff binary\n% Invalid input detected at '^' marker.\n";
	struct parsed	 p;

	parse_text("", 0, PLATFORM_IOS, &p);
	ck_assert(p.res.ok);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(p.json,
	    "interfaces")), 0);
	parsed_free(&p);
	parse_text(garbage, sizeof(garbage) - 1, PLATFORM_AUTO, &p);
	ck_assert(!p.res.ok);
	ck_assert(p.res.error[0] != '\0');
	parsed_free(&p);
}
END_TEST

/* Lines that belong to no interface are not silently taken. */
START_TEST(test_orphans)
{
	static const char text[] = " ip address 10.0.0.1 255.255.255.0\n"
	    " crypto map CM\n"
	    "interface GigabitEthernet1\n"
	    " ip address 10.0.0.1 999.1.1.1\n"
	    " crypto map CM\n";
	struct parsed	 p;
	char		*s;

	parse_text(text, sizeof(text) - 1, PLATFORM_IOS, &p);
	ck_assert(p.res.ok);
	ck_assert_uint_eq(p.res.unparsed, 3);
	s = field_text(p.json, 0, "addresses");
	ck_assert_str_eq(s, "[]");
	free(s);
	s = field_text(p.json, 0, "crypto_map");
	ck_assert_str_eq(s, "\"CM\"");
	free(s);
	parsed_free(&p);
}
END_TEST

/* Every cut of the output: no crash; complete interfaces are kept. */
START_TEST(test_truncated)
{
	struct parsed	 p;
	char		*txt, *s;
	const char	*after;
	size_t		 len, cut;

	txt = fixture("own-ios15.ios.txt", &len);
	after = strstr(txt, "interface FastEthernet0/1");
	ck_assert_ptr_nonnull(after);
	for (cut = 0; cut <= len; cut++) {
		parse_text(txt, cut, PLATFORM_IOS, &p);
		if (cut >= (size_t)(after - txt)) {
			s = field_text(p.json, 1, "crypto_map");
			ck_assert_str_eq(s, "\"CM\"");
			free(s);
		}
		parsed_free(&p);
	}
	free(txt);
}
END_TEST

START_TEST(test_probe_definition)
{
	ck_assert_str_eq(probe_interface_crypto.name, "interface_crypto");
	ck_assert_str_eq(probe_interface_crypto.command,
	    "show running-config | include ^interface|crypto map|ip address");
	ck_assert_str_eq(probe_interface_crypto.command_asa,
	    "show running-config | include "
	    "^interface|crypto map|ip address|nameif");
	ck_assert_int_eq(probe_interface_crypto.polled, 0);
}
END_TEST

static Suite *
interface_crypto_suite(void)
{
	Suite	*s = suite_create("probe_interface_crypto");
	TCase	*tc = tcase_create("interface_crypto");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_golden);
	tcase_add_loop_test(tc, test_own_fields, 0, NITEMS(own));
	tcase_add_loop_test(tc, test_counts, 0, NITEMS(counts));
	tcase_add_loop_test(tc, test_tolerance, 0, NITEMS(tolerance_files));
	tcase_add_test(tc, test_empty_and_garbage);
	tcase_add_test(tc, test_orphans);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_probe_definition);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(interface_crypto_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

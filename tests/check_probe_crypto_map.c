/*
 * check_probe_crypto_map.c: the crypto_map probe against the upstream
 * corpus (genie ShowCryptoMap, ntc ASA running-config crypto map), our own
 * IOS/ASA cases and damaged copies of them.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto_map.h"
#include "golden.h"
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
	probe_parse(&probe_crypto_map, &in, &p->res);
	p->json = probe_result_json(&probe_crypto_map, &p->res);
	free(copy);
}

static void
parsed_free(struct parsed *p)
{
	cJSON_Delete(p->json);
	probe_result_free(&probe_crypto_map, &p->res);
}

static char *
fixture(const char *name, size_t *len)
{
	const char	*src = getenv("IPSECWATCH_SRC");
	char		 path[1024], *txt;

	snprintf(path, sizeof(path), "%s/tests/fixtures/crypto_map/%s",
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

/* entries[idx].field printed compactly, for comparison with want. */
static char *
field_text(cJSON *j, int idx, const char *field)
{
	cJSON	*e = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "entries"), idx);

	ck_assert_msg(e != NULL, "no entries[%d]", idx);
	ck_assert_msg(cJSON_GetObjectItem(e, field) != NULL,
	    "entries[%d] has no %s", idx, field);
	return cJSON_PrintUnformatted(cJSON_GetObjectItem(e, field));
}

/*
 * The upstream parses mapped to our fields. genie: 'peer' -> peers,
 * 'sequence_number' -> seq, 'ipsec' -> type, 'ipv4'/'ipv6' -> family,
 * 'extended_ip_access_list' -> acl, 'security_association_lifetime' ->
 * lifetime_kb/lifetime_s, 'pfs' -> pfs, 'responder_only' ->
 * responder_only, 'transform_sets' keys -> transform_sets,
 * 'interfaces_crypto_map'.'interfaces' -> interfaces. ntc: map, seq,
 * peer -> peers, matched_address -> acl, pfs -> pfs_group, transform /
 * ikev1_transform_set -> transform_sets, sa / sa_sec -> lifetime_s, sa_kb
 * -> lifetime_kb, isakmp_dynamic -> dynamic_template, interface ->
 * interfaces.
 */
struct expect {
	const char	*file;
	int		 entry;
	const char	*field;
	const char	*json;
};

static const struct expect corpus[] = {
	{ "genie_golden_output_1.iosxe.txt", 0, "map", "\"VPN_To_Switch2\"" },
	{ "genie_golden_output_1.iosxe.txt", 0, "seq", "1" },
	{ "genie_golden_output_1.iosxe.txt", 0, "family", "\"ipv4\"" },
	{ "genie_golden_output_1.iosxe.txt", 0, "type", "\"ipsec-isakmp\"" },
	{ "genie_golden_output_1.iosxe.txt", 0, "peers", "[\"172.20.249.12\"]" },
	{ "genie_golden_output_1.iosxe.txt", 0, "acl", "\"101\"" },
	{ "genie_golden_output_1.iosxe.txt", 0, "lifetime_kb", "4608000" },
	{ "genie_golden_output_1.iosxe.txt", 0, "lifetime_s", "3600" },
	{ "genie_golden_output_1.iosxe.txt", 0, "responder_only", "false" },
	{ "genie_golden_output_1.iosxe.txt", 0, "pfs", "false" },
	{ "genie_golden_output_1.iosxe.txt", 0, "transform_sets", "[\"default\"]" },
	{ "genie_golden_output_1.iosxe.txt", 0, "interfaces", "[]" },
	{ "genie_golden_output_1.iosxe.txt", 0, "incomplete", "true" },
	{ "genie_golden_output_1.iosxe.txt", 0, "incomplete_reason",
	    "\"missing peer or access-list definitions\"" },
	{ "genie_golden_output_3.iosxe.txt", 0, "map", "\"sdsd\"" },
	{ "genie_golden_output_3.iosxe.txt", 0, "seq", "3" },
	{ "genie_golden_output_3.iosxe.txt", 0, "family", "\"ipv6\"" },
	{ "genie_golden_output_3.iosxe.txt", 0, "type", "\"ipsec-manual\"" },
	{ "genie_golden_output_3.iosxe.txt", 0, "peers", "[\"2001::1\"]" },
	{ "genie_golden_output_3.iosxe.txt", 0, "acl", "null" },
	{ "genie_golden_output_3.iosxe.txt", 0, "access_check_in", "\"sds\"" },
	{ "genie_golden_output_3.iosxe.txt", 0, "transform_sets", "[\"default\"]" },
	{ "genie_golden_output_3.iosxe.txt", 0, "pfs", "null" },
	{ "genie_golden_output_3.iosxe.txt", 0, "lifetime_s", "null" },
	{ "genie_golden_output_3.iosxe.txt", 0, "interfaces", "[]" },
	{ "genie_golden_output_4.iosxe.txt", 0, "map", "\"sdsd\"" },
	{ "genie_golden_output_4.iosxe.txt", 0, "peers", "[\"2001::1\"]" },
	{ "genie_golden_output_4.iosxe.txt", 0, "type", "\"ipsec-manual\"" },
	{ "genie_golden_output_4.iosxe.txt", 0, "interfaces",
	    "[\"TwoGigabitEthernet2/0/17\",\"TwoGigabitEthernet2/0/19\"]" },
	{ "ntc_cisco_asa_show_running-config_crypto_map.asa.txt", 0, "map",
	    "\"Standard-1\"" },
	{ "ntc_cisco_asa_show_running-config_crypto_map.asa.txt", 0, "seq", "20" },
	{ "ntc_cisco_asa_show_running-config_crypto_map.asa.txt", 0, "acl",
	    "\"peer1\"" },
	{ "ntc_cisco_asa_show_running-config_crypto_map.asa.txt", 0, "pfs_group",
	    "\"group5\"" },
	{ "ntc_cisco_asa_show_running-config_crypto_map.asa.txt", 0, "peers",
	    "[\"Peer-1\"]" },
	{ "ntc_cisco_asa_show_running-config_crypto_map.asa.txt", 0,
	    "transform_sets", "[\"Standard-Transform\"]" },
	{ "ntc_cisco_asa_show_running-config_crypto_map.asa.txt", 0,
	    "lifetime_s", "28800" },
	{ "ntc_cisco_asa_show_running-config_crypto_map.asa.txt", 0,
	    "interfaces", "[\"outside\"]" },
	{ "ntc_cisco_asa_show_running-config_crypto_map.asa.txt", 1, "seq", "25" },
	{ "ntc_cisco_asa_show_running-config_crypto_map.asa.txt", 1, "acl",
	    "\"peer2\"" },
	{ "ntc_cisco_asa_show_running-config_crypto_map.asa.txt", 1, "pfs_group",
	    "\"group2\"" },
	{ "ntc_cisco_asa_show_running-config_crypto_map.asa.txt", 1, "peers",
	    "[\"Peer-2\"]" },
	{ "ntc_cisco_asa_show_running-config_crypto_map.asa.txt", 1,
	    "lifetime_s", "28800" },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 0, "acl",
	    "\"CMAP_RU16\"" },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 0, "peers",
	    "[\"1.1.1.1\"]" },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 0,
	    "transform_sets", "[\"ESP-AES-256-SHA\",\"ESP-AES-192-SHA\"]" },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 0, "pfs",
	    "false" },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 0,
	    "lifetime_s", "null" },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 3, "seq", "40" },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 3, "peers",
	    "[\"1.1.1.4\"]" },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 4, "seq", "100" },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 4, "acl",
	    "\"CMAP_FR1\"" },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 4,
	    "pfs_group", "\"group5\"" },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 4,
	    "transform_sets", "[\"DES-MD5\"]" },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 4,
	    "lifetime_s", "3600" },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 5, "seq",
	    "65535" },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 5, "type",
	    "\"dynamic\"" },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 5,
	    "dynamic_template", "\"SYSTEM_DEFAULT_CRYPTO_MAP\"" },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 5,
	    "interfaces", "[\"WAN1\"]" },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 6, "map",
	    "\"S2S_CMAP\"" },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 6, "peers",
	    "[\"1.1.1.5\"]" },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 6,
	    "interfaces", "[]" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map.asa.txt", 0, "peers",
	    "[\"1.1.1.1\"]" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map.asa.txt", 0,
	    "interfaces", "[\"WAN1\"]" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map.asa.txt", 4, "acl",
	    "\"CMAP_FR_TEST_VPN\"" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map.asa.txt", 4, "peers",
	    "[\"185.108.69.37\"]" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map.asa.txt", 4,
	    "pfs_group", "\"group5\"" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map.asa.txt", 4,
	    "lifetime_s", "3600" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map.asa.txt", 5,
	    "dynamic_template", "\"SYSTEM_DEFAULT_CRYPTO_MAP\"" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map.asa.txt", 9, "map",
	    "\"S2S_CMAP\"" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map.asa.txt", 9, "seq",
	    "40" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map.asa.txt", 9, "acl",
	    "\"CMAP_RU16\"" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map.asa.txt", 9,
	    "interfaces", "[\"S2SVPN\"]" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map2.asa.txt", 1,
	    "lifetime_s", "3600" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map2.asa.txt", 1,
	    "lifetime_kb", "null" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map2.asa.txt", 2,
	    "lifetime_kb", "100000" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map2.asa.txt", 2,
	    "lifetime_s", "null" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map2.asa.txt", 3,
	    "lifetime_kb", "100000" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map2.asa.txt", 3,
	    "lifetime_s", "3600" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map2.asa.txt", 4,
	    "lifetime_kb", "100000" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map2.asa.txt", 4,
	    "lifetime_s", "3600" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map2.asa.txt", 10,
	    "acl", "\"CMAP_RU16_Access-to-Internet\"" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map2.asa.txt", 10,
	    "peers", "[\"172.21.251.34\"]" },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map2.asa.txt", 10,
	    "interfaces", "[]" },
};

/* Entries per corpus file (the upstream record counts; ntc lists 65535 too). */
static const struct {
	const char	*file;
	int		 n;
} corpus_counts[] = {
	{ "genie_golden_output_1.iosxe.txt", 1 },
	{ "genie_golden_output_3.iosxe.txt", 1 },
	{ "genie_golden_output_4.iosxe.txt", 1 },
	{ "genie_empty_output.iosxe.txt", 0 },
	{ "ntc_cisco_asa_show_running-config_crypto_map.asa.txt", 2 },
	{ "ntc_cisco_asa_show_running-config_crypto_map2.asa.txt", 7 },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map.asa.txt", 10 },
	{ "ntc_cisco_asa_show_running-config_all_crypto_map2.asa.txt", 11 },
};

static void
check_expect(const struct expect *x)
{
	struct parsed	 p;
	char		*txt, *got;
	size_t		 len;

	txt = fixture(x->file, &len);
	parse_text(txt, len, platform_of(x->file), &p);
	ck_assert_msg(p.res.ok, "%s: %s", x->file, p.res.error);
	got = field_text(p.json, x->entry, x->field);
	ck_assert_msg(strcmp(got, x->json) == 0, "%s entries[%d].%s: got %s, "
	    "want %s", x->file, x->entry, x->field, got, x->json);
	free(got);
	parsed_free(&p);
	free(txt);
}

START_TEST(test_golden)
{
	ck_assert_int_ge(golden_check_dir(&probe_crypto_map), 14);
}
END_TEST

START_TEST(test_corpus_fields)
{
	check_expect(&corpus[_i]);
}
END_TEST

START_TEST(test_corpus_counts)
{
	struct parsed	 p;
	char		*txt;
	size_t		 len;

	txt = fixture(corpus_counts[_i].file, &len);
	parse_text(txt, len, platform_of(corpus_counts[_i].file), &p);
	ck_assert_msg(p.res.ok, "%s", p.res.error);
	ck_assert_uint_eq(p.res.unparsed, 0);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(p.json,
	    "entries")), corpus_counts[_i].n);
	parsed_free(&p);
	free(txt);
}
END_TEST

static const struct expect own[] = {
	{ "own-ios15-full.ios.txt", 0, "peers",
	    "[\"198.51.100.2\",\"198.51.100.3\"]" },
	{ "own-ios15-full.ios.txt", 0, "current_peer", "\"198.51.100.2\"" },
	{ "own-ios15-full.ios.txt", 0, "acl", "\"VPN-TRAFFIC\"" },
	{ "own-ios15-full.ios.txt", 0, "acl_entries",
	    "[{\"action\":\"permit\",\"protocol\":\"ip\",\"src\":\"10.1.0.0\","
	    "\"src_wildcard\":\"0.0.0.255\",\"dst\":\"10.9.0.0\","
	    "\"dst_wildcard\":\"0.0.0.255\",\"src_port\":null,"
	    "\"dst_port\":null},{\"action\":\"permit\",\"protocol\":\"udp\","
	    "\"src\":\"10.1.0.5\",\"src_wildcard\":\"0.0.0.0\",\"dst\":"
	    "\"0.0.0.0\",\"dst_wildcard\":\"255.255.255.255\",\"src_port\":"
	    "\"eq 500\",\"dst_port\":\"range 1000 2000\"},{\"action\":\"deny\","
	    "\"protocol\":\"esp\",\"src\":\"0.0.0.0\",\"src_wildcard\":"
	    "\"255.255.255.255\",\"dst\":\"10.9.0.1\",\"dst_wildcard\":"
	    "\"0.0.0.0\",\"src_port\":null,\"dst_port\":null}]" },
	{ "own-ios15-full.ios.txt", 0, "pfs", "true" },
	{ "own-ios15-full.ios.txt", 0, "pfs_group", "\"group14\"" },
	{ "own-ios15-full.ios.txt", 0, "transform_sets", "[\"TS\",\"TS-GCM\"]" },
	{ "own-ios15-full.ios.txt", 0, "reverse_route", "true" },
	{ "own-ios15-full.ios.txt", 0, "incomplete", "false" },
	{ "own-ios15-full.ios.txt", 0, "interfaces", "[\"GigabitEthernet0/1\"]" },
	{ "own-ios15-full.ios.txt", 1, "incomplete", "true" },
	{ "own-ios15-full.ios.txt", 1, "incomplete_reason",
	    "\"missing peer or access-list definitions\"" },
	{ "own-ios15-full.ios.txt", 1, "peers", "[]" },
	{ "own-ios15-full.ios.txt", 1, "acl", "null" },
	{ "own-ios15-full.ios.txt", 1, "pfs_group", "\"group19\"" },
	{ "own-ios15-full.ios.txt", 1, "transform_sets", "[\"TS\"]" },
	{ "own-ios15-full.ios.txt", 2, "type", "\"dynamic\"" },
	{ "own-ios15-full.ios.txt", 2, "dynamic_template", "\"DYN\"" },
	{ "own-ios15-full.ios.txt", 2, "seq", "65535" },
	{ "own-ios12-docs.ios.txt", 0, "family", "null" },
	{ "own-ios12-docs.ios.txt", 0, "local_address", "\"10.0.0.1\"" },
	{ "own-ios12-docs.ios.txt", 0, "transform_sets", "[\"tset\"]" },
	{ "own-ios12-docs.ios.txt", 0, "pfs", "false" },
	{ "own-ios12-docs.ios.txt", 1, "type", "\"ipsec-manual\"" },
	{ "own-ios12-docs.ios.txt", 1, "lifetime_s", "null" },
	{ "own-iosxe-dynamic-ipv6.iosxe.txt", 0, "map", "\"NiStTeSt1\"" },
	{ "own-iosxe-dynamic-ipv6.iosxe.txt", 0, "interfaces", "[]" },
	{ "own-iosxe-dynamic-ipv6.iosxe.txt", 0, "transform_sets", "[]" },
	{ "own-iosxe-dynamic-ipv6.iosxe.txt", 1, "idletime_s", "900" },
	{ "own-iosxe-dynamic-ipv6.iosxe.txt", 1, "dynamic_template",
	    "\"DYN-RA\"" },
	{ "own-iosxe-dynamic-ipv6.iosxe.txt", 2, "peers", "[\"2001:db8::2\"]" },
	{ "own-iosxe-dynamic-ipv6.iosxe.txt", 2, "ike_profile", "\"PROF6\"" },
	{ "own-iosxe-dynamic-ipv6.iosxe.txt", 2, "responder_only", "true" },
	{ "own-iosxe-dynamic-ipv6.iosxe.txt", 2, "lifetime_s", "28800" },
	{ "own-asa-ikev2.asa.txt", 0, "peers",
	    "[\"198.51.100.2\",\"198.51.100.3\"]" },
	{ "own-asa-ikev2.asa.txt", 0, "ikev2_proposals", "[\"AES256\",\"AES128\"]" },
	{ "own-asa-ikev2.asa.txt", 0, "transform_sets", "[\"TS1\",\"TS2\"]" },
	{ "own-asa-ikev2.asa.txt", 0, "lifetime_kb", "null" },
	{ "own-asa-ikev2.asa.txt", 0, "lifetime_kb_unlimited", "true" },
	{ "own-asa-ikev2.asa.txt", 0, "pfs_group", "\"group14\"" },
	{ "own-asa-ikev2.asa.txt", 0, "reverse_route", "true" },
	{ "own-asa-ikev2.asa.txt", 1, "peers", "[\"2001:db8::20\"]" },
	{ "own-asa-ikev2.asa.txt", 1, "pfs", "true" },
	{ "own-asa-ikev2.asa.txt", 1, "pfs_group", "null" },
	{ "own-asa-ikev2.asa.txt", 2, "type", "\"dynamic\"" },
	{ "own-asa-ikev2.asa.txt", 3, "interfaces", "[\"backup\",\"outside2\"]" },
};

START_TEST(test_own_fields)
{
	check_expect(&own[_i]);
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
		o += sprintf(o, "hq-1#show crypto map\r\n");
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
	"own-ios15-full.ios.txt", "own-asa-ikev2.asa.txt",
	"genie_golden_output_4.iosxe.txt", "own-ios12-docs.ios.txt",
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
	static const char garbage[] = "Interface  IP-Address  OK? Method\n"
	    "\x01\x02\xff\xfe binary\n% Invalid input detected at '^' marker.\n";
	struct parsed	 p;

	parse_text("", 0, PLATFORM_IOS, &p);
	ck_assert(p.res.ok);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(p.json,
	    "entries")), 0);
	parsed_free(&p);
	parse_text("\r\n  \nhq-1#\n", 11, PLATFORM_IOS, &p);
	ck_assert(p.res.ok);
	parsed_free(&p);
	parse_text(garbage, sizeof(garbage) - 1, PLATFORM_AUTO, &p);
	ck_assert(!p.res.ok);
	ck_assert(p.res.error[0] != '\0');
	parsed_free(&p);
}
END_TEST

/* Every cut of the output: no crash, and complete entries survive. */
START_TEST(test_truncated)
{
	struct parsed	 p;
	char		*txt;
	const char	*second;
	size_t		 len, cut;
	cJSON		*e;

	txt = fixture("own-ios15-full.ios.txt", &len);
	second = strstr(txt, "Crypto Map IPv4 \"CM\" 20");
	ck_assert_ptr_nonnull(second);
	for (cut = 0; cut <= len; cut++) {
		parse_text(txt, cut, PLATFORM_IOS, &p);
		if (cut >= (size_t)(second - txt)) {
			e = cJSON_GetArrayItem(cJSON_GetObjectItem(p.json,
			    "entries"), 0);
			ck_assert_ptr_nonnull(e);
			ck_assert_str_eq(cJSON_GetObjectItem(e,
			    "current_peer")->valuestring, "198.51.100.2");
			ck_assert_int_eq(cJSON_GetArraySize(
			    cJSON_GetObjectItem(e, "peers")), 2);
			ck_assert_int_eq(cJSON_GetArraySize(
			    cJSON_GetObjectItem(e, "interfaces")), 1);
		}
		parsed_free(&p);
	}
	free(txt);
}
END_TEST

/* Peers that are not addresses; a header without a sequence number. */
START_TEST(test_broken_header)
{
	static const char text[] = "Crypto Map IPv4 \"CM\" ipsec-isakmp\n"
	    "\tPeer = 198.51.100.2\n"
	    "Crypto Map IPv4 \"CM\" 20 ipsec-isakmp\n"
	    "\tPeer = vpn.example.net\n";
	struct parsed	 p;
	char		*s;

	parse_text(text, sizeof(text) - 1, PLATFORM_IOS, &p);
	ck_assert(p.res.ok);
	ck_assert_uint_eq(p.res.unparsed, 2);	/* the header and its peer */
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(p.json,
	    "entries")), 1);
	s = field_text(p.json, 0, "peers");
	ck_assert_str_eq(s, "[\"vpn.example.net\"]");
	free(s);
	parsed_free(&p);
}
END_TEST

START_TEST(test_probe_definition)
{
	ck_assert_str_eq(probe_crypto_map.name, "crypto_map");
	ck_assert_str_eq(probe_crypto_map.command, "show crypto map");
	ck_assert_str_eq(probe_crypto_map.command_asa,
	    "show running-config crypto map");
	ck_assert_int_eq(probe_crypto_map.polled, 1);
}
END_TEST

static Suite *
crypto_map_suite(void)
{
	Suite	*s = suite_create("probe_crypto_map");
	TCase	*tc = tcase_create("crypto_map");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_golden);
	tcase_add_loop_test(tc, test_corpus_fields, 0, NITEMS(corpus));
	tcase_add_loop_test(tc, test_corpus_counts, 0, NITEMS(corpus_counts));
	tcase_add_loop_test(tc, test_own_fields, 0, NITEMS(own));
	tcase_add_loop_test(tc, test_tolerance, 0, NITEMS(tolerance_files));
	tcase_add_test(tc, test_empty_and_garbage);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_broken_header);
	tcase_add_test(tc, test_probe_definition);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(crypto_map_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

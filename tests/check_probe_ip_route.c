/*
 * check_probe_ip_route.c: the ip_route probe against genie ShowIpRouteWord
 * (ios, iosxe) and ShowRoute (asa), ntc show_ip_route / show_route (full
 * tables), our own cases (not-in-table, connected, default, ASA word form)
 * and damaged copies of them.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "ip_route.h"
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
	probe_parse(&probe_ip_route, &in, &p->res);
	p->json = probe_result_json(&probe_ip_route, &p->res);
	free(copy);
}

static void
parsed_free(struct parsed *p)
{
	cJSON_Delete(p->json);
	probe_result_free(&probe_ip_route, &p->res);
}

static char *
fixture(const char *name, size_t *len)
{
	const char	*src = getenv("IPSECWATCH_SRC");
	char		 path[1024], *txt;

	snprintf(path, sizeof(path), "%s/tests/fixtures/ip_route/%s",
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

/* A top-level member (path "" for the object) printed compactly. */
static char *
member_text(cJSON *o, const char *field)
{
	ck_assert_msg(cJSON_GetObjectItem(o, field) != NULL, "no %s", field);
	return cJSON_PrintUnformatted(cJSON_GetObjectItem(o, field));
}

/*
 * The word form: genie "entry" key -> prefix, known_via, distance,
 * metric; "paths" -> next_hops (nexthop -> via, interface, from, age,
 * metric); "routing_table" -> vrf; "default_gateway" -> default_gateway.
 * "egress_interface" is the interface of the "*" path.
 */
struct expect {
	const char	*file;
	const char	*field;		/* top-level member */
	const char	*json;
};

static const struct expect word[] = {
	{ "genie_golden_output_with_route.ios.txt", "target",
	    "\"192.168.234.0\"" },
	{ "genie_golden_output_with_route.ios.txt", "found", "true" },
	{ "genie_golden_output_with_route.ios.txt", "prefix",
	    "\"192.168.234.0/24\"" },
	{ "genie_golden_output_with_route.ios.txt", "known_via", "\"eigrp 1\"" },
	{ "genie_golden_output_with_route.ios.txt", "distance", "90" },
	{ "genie_golden_output_with_route.ios.txt", "metric", "3072" },
	{ "genie_golden_output_with_route.ios.txt", "egress_interface",
	    "\"GigabitEthernet0/2.4\"" },
	{ "genie_golden_output_with_route.ios.txt", "next_hops",
	    "[{\"via\":\"192.168.9.2\",\"interface\":\"GigabitEthernet0/2.4\","
	    "\"active\":true,\"directly_connected\":false,\"via_vrf\":null,"
	    "\"from\":\"192.168.9.2\",\"age\":\"3d04h\",\"distance\":null,"
	    "\"metric\":3072}]" },
	{ "genie_golden_output_2.iosxe.txt", "target", "\"10.16.2.2\"" },
	{ "genie_golden_output_2.iosxe.txt", "prefix", "\"10.16.2.2/32\"" },
	{ "genie_golden_output_2.iosxe.txt", "known_via", "\"ospf 1024\"" },
	{ "genie_golden_output_2.iosxe.txt", "distance", "95" },
	{ "genie_golden_output_2.iosxe.txt", "metric", "4" },
	{ "genie_golden_output_2.iosxe.txt", "egress_interface",
	    "\"GigabitEthernet4\"" },
	{ "genie_golden_output_3.iosxe.txt", "target", "null" },
	{ "genie_golden_output_3.iosxe.txt", "prefix", "\"0.0.0.0/0\"" },
	{ "genie_golden_output_3.iosxe.txt", "known_via", "\"bgp 65161\"" },
	{ "genie_golden_output_3.iosxe.txt", "distance", "20" },
	{ "genie_golden_output_3.iosxe.txt", "metric", "0" },
	{ "genie_golden_output_3.iosxe.txt", "candidate_default", "true" },
	{ "genie_golden_output_3.iosxe.txt", "egress_interface", "null" },
	{ "genie_golden_output_3.iosxe.txt", "next_hops",
	    "[{\"via\":\"10.101.146.10\",\"interface\":null,\"active\":true,"
	    "\"directly_connected\":false,\"via_vrf\":null,\"from\":"
	    "\"10.101.146.10\",\"age\":\"2d07h\",\"distance\":null,"
	    "\"metric\":0}]" },
	{ "genie_golden_output_4.iosxe.txt", "vrf", "\"Mgmt-intf\"" },
	{ "genie_golden_output_4.iosxe.txt", "target", "\"0.0.0.0\"" },
	{ "genie_golden_output_4.iosxe.txt", "prefix", "\"0.0.0.0/0\"" },
	{ "genie_golden_output_4.iosxe.txt", "known_via", "\"static\"" },
	{ "genie_golden_output_4.iosxe.txt", "distance", "1" },
	{ "genie_golden_output_4.iosxe.txt", "metric", "0" },
	{ "genie_golden_output_4.iosxe.txt", "next_hops",
	    "[{\"via\":\"10.255.207.129\",\"interface\":null,\"active\":true,"
	    "\"directly_connected\":false,\"via_vrf\":null,\"from\":null,"
	    "\"age\":null,\"distance\":null,\"metric\":0}]" },
	{ "genie_golden_output4.iosxe.txt", "default_gateway",
	    "\"172.27.147.1\"" },
	{ "genie_golden_output4.iosxe.txt", "found", "false" },
	{ "genie_golden_output4.iosxe.txt", "prefix", "null" },
	{ "genie_golden_output_with_route.iosxe.txt", "prefix",
	    "\"192.168.154.0/24\"" },
	{ "genie_golden_output_with_route.iosxe.txt", "distance", "130" },
	{ "genie_golden_output_with_route.iosxe.txt", "metric", "10880" },
	{ "genie_golden_output_with_route.iosxe.txt", "egress_interface",
	    "\"Vlan101\"" },
	{ "genie_golden_output_with_route_2.iosxe.txt", "known_via",
	    "\"eigrp 1\"" },
	{ "genie_golden_output_with_route_2.iosxe.txt", "egress_interface",
	    "\"Vlan101\"" },
	{ "genie_empty_output.ios.txt", "found", "null" },
	{ "genie_empty_output.iosxe.txt", "next_hops", "[]" },
	{ "genie_empty_output.asa.txt", "routes", "[]" },
	/* ours */
	{ "own-static.ios.txt", "found", "true" },
	{ "own-static.ios.txt", "prefix", "\"198.51.100.0/24\"" },
	{ "own-static.ios.txt", "egress_interface", "null" },
	{ "own-connected.ios.txt", "known_via", "\"connected\"" },
	{ "own-connected.ios.txt", "egress_interface",
	    "\"GigabitEthernet0/1\"" },
	{ "own-connected.ios.txt", "next_hops",
	    "[{\"via\":null,\"interface\":\"GigabitEthernet0/1\",\"active\":"
	    "true,\"directly_connected\":true,\"via_vrf\":null,\"from\":null,"
	    "\"age\":null,\"distance\":null,\"metric\":0}]" },
	{ "own-default-supernet.ios.txt", "prefix", "\"0.0.0.0/0\"" },
	{ "own-default-supernet.ios.txt", "candidate_default", "true" },
	{ "own-network-not-in-table.ios.txt", "found", "false" },
	{ "own-network-not-in-table.ios.txt", "target", "\"198.51.100.2\"" },
	{ "own-network-not-in-table.ios.txt", "next_hops", "[]" },
	{ "own-subnet-not-in-table.iosxe.txt", "found", "false" },
	{ "own-ecmp.iosxe.txt", "egress_interface", "\"GigabitEthernet2\"" },
	{ "own-word-default.asa.txt", "prefix", "\"0.0.0.0/0\"" },
	{ "own-word-default.asa.txt", "egress_interface", "\"outside\"" },
	{ "own-word-static.asa.txt", "prefix", "\"10.1.0.0/16\"" },
	{ "own-word-static.asa.txt", "egress_interface", "\"inside\"" },
	{ "own-table-longest-match.asa.txt", "found", "true" },
	{ "own-table-longest-match.asa.txt", "prefix", "\"198.51.100.0/24\"" },
	{ "own-table-longest-match.asa.txt", "egress_interface", "\"outside\"" },
	{ "own-table.iosxe.txt", "found", "null" },
	{ "own-table.iosxe.txt", "gateway_of_last_resort", "\"192.0.2.254\"" },
};

START_TEST(test_golden)
{
	ck_assert_int_ge(golden_check_dir(&probe_ip_route), 33);
}
END_TEST

START_TEST(test_word_fields)
{
	const struct expect	*x = &word[_i];
	struct parsed		 p;
	char			*txt, *got;
	size_t			 len;

	txt = fixture(x->file, &len);
	parse_text(txt, len, platform_of(x->file), &p);
	ck_assert_msg(p.res.ok, "%s: %s", x->file, p.res.error);
	got = member_text(p.json, x->field);
	ck_assert_msg(strcmp(got, x->json) == 0, "%s %s: got %s, want %s",
	    x->file, x->field, got, x->json);
	free(got);
	parsed_free(&p);
	free(txt);
}
END_TEST

/* genie ShowIpRouteWord _2: the four paths (nexthop, interface, metric). */
START_TEST(test_genie_paths)
{
	static const struct {
		const char	*via, *ifname;
		int		 metric, active;
	} paths[] = {
		{ "192.168.0.1", "GigabitEthernet4", 5, 1 },
		{ "192.168.0.2", "GigabitEthernet3", 3, 0 },
		{ "192.168.0.3", "GigabitEthernet2", 1, 0 },
		{ "192.168.0.4", "GigabitEthernet1", 2, 0 },
	};
	struct parsed	 p;
	cJSON		*hops, *h;
	char		*txt;
	size_t		 len, i;

	txt = fixture("genie_golden_output_2.iosxe.txt", &len);
	parse_text(txt, len, PLATFORM_IOSXE, &p);
	hops = cJSON_GetObjectItem(p.json, "next_hops");
	ck_assert_int_eq(cJSON_GetArraySize(hops), 4);
	for (i = 0; i < NITEMS(paths); i++) {
		h = cJSON_GetArrayItem(hops, (int)i);
		ck_assert_str_eq(cJSON_GetObjectItem(h, "via")->valuestring,
		    paths[i].via);
		ck_assert_str_eq(cJSON_GetObjectItem(h, "interface")->valuestring,
		    paths[i].ifname);
		ck_assert_str_eq(cJSON_GetObjectItem(h, "from")->valuestring,
		    "10.16.2.2");
		ck_assert_int_eq(cJSON_GetObjectItem(h, "metric")->valueint,
		    paths[i].metric);
		ck_assert_int_eq(cJSON_IsTrue(cJSON_GetObjectItem(h, "active")),
		    paths[i].active);
	}
	parsed_free(&p);
	free(txt);
}
END_TEST

/*
 * Full tables. The rows are the ntc parse (one row per next hop): network,
 * prefix_length / netmask, protocol, type, flag "*", distance, metric,
 * nexthop_ip, nexthop_if, uptime, vrf. Each must be a route of routes[]
 * with a next hop that has exactly these values (NULL: null in the JSON).
 */
struct table_row {
	const char	*file, *vrf;
	const char	*network, *len, *mask, *protocol, *type, *flag;
	const char	*distance, *metric, *via, *ifname, *age;
};

static const struct table_row ntc_rows[] = {
	/* ntc_cisco_ios_show_ip_route.ios.txt: 35 rows */
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "1.1.1.1", "32", NULL, "S", NULL, NULL,
	    "1", "0", "212.0.0.1", NULL, NULL },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "1.1.1.1", "32", NULL, "S", NULL, NULL,
	    "1", "0", "192.168.0.1", NULL, NULL },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "2.2.2.0", "24", NULL, "S", NULL, NULL,
	    NULL, NULL, NULL, "FastEthernet0/0.100", NULL },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "4.4.0.0", "16", NULL, "O", "E2", NULL,
	    "110", "20", "194.0.0.2", "FastEthernet0/0.100", "1d18h" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "5.5.5.0", "24", NULL, "D", "EX", NULL,
	    "170", "2297856", "10.0.1.2", "Serial0/0", "00:12:01" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "6.6.0.0", "16", NULL, "B", NULL, NULL,
	    "200", "0", "195.0.0.1", NULL, "00:00:04" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "172.16.1.0", "26", NULL, "i", "L2", NULL,
	    "115", "10", "10.0.1.2", "Serial0/0", NULL },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "172.20.1.1", "32", NULL, "O", NULL, NULL,
	    "110", "11", "194.0.0.2", "FastEthernet0/0.100", "00:05:45" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "172.20.3.1", "32", NULL, "O", NULL, NULL,
	    "110", "11", "194.0.0.2", "FastEthernet0/0.100", "00:05:45" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "172.20.2.1", "32", NULL, "O", NULL, NULL,
	    "110", "11", "194.0.0.2", "FastEthernet0/0.100", "00:05:45" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "10.0.1.0", "24", NULL, "C", NULL, NULL,
	    NULL, NULL, NULL, "Serial0/0", NULL },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "10.0.5.0", "26", NULL, "D", NULL, NULL,
	    "90", "2297856", "10.0.1.2", "Serial0/0", "00:12:03" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "10.0.5.64", "26", NULL, "D", NULL, NULL,
	    "90", "2297856", "10.0.1.2", "Serial0/0", "00:12:03" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "10.0.5.128", "26", NULL, "D", NULL, NULL,
	    "90", "2297856", "10.0.1.2", "Serial0/0", "00:12:03" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "10.0.5.192", "27", NULL, "D", NULL, NULL,
	    "90", "2297856", "10.0.1.2", "Serial0/0", "00:12:03" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "11.1.0.0", "17", NULL, "B", NULL, NULL,
	    "200", "0", NULL, "Null0", "2w0d" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "12.0.0.0", "16", NULL, "S", NULL, NULL,
	    NULL, NULL, NULL, "Null0", NULL },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "13.14.128.0", "17", NULL, "O", NULL, NULL,
	    NULL, NULL, NULL, "Null0", "7w0d" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "192.168.0.1", "32", NULL, "D", NULL, NULL,
	    "90", "2297856", "10.0.1.2", "Serial0/0", "00:12:03" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "192.168.10.168", "29", NULL, "O", "E2", NULL,
	    "110", "20", "7.7.7.170", "TenGigabitEthernet7/4", "12:54:35" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "10.63.184.0", "23", NULL, "O", "E2", NULL,
	    "110", "20", "10.62.4.29", "TenGigabitEthernet1/15", "12:55:19" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "10.63.184.0", "23", NULL, "O", "E2", NULL,
	    "110", "20", "10.62.3.29", "TenGigabitEthernet1/16", "12:55:19" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "192.168.12.0", "27", NULL, "O", "E2", NULL,
	    "110", "20", "10.64.3.13", "Port-channel202", "12:54:36" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "192.168.12.0", "27", NULL, "O", "E2", NULL,
	    "110", "20", "10.64.1.9", "Port-channel201", "12:54:36" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "10.64.4.88", "30", NULL, "C", NULL, NULL,
	    NULL, NULL, NULL, "Serial0/0/0:0", NULL },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "10.6.234.0", "24", NULL, "O", "E2", NULL,
	    "110", "20", "10.64.4.90", "Serial0/0/0:0", "12:54:53" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "7.7.7.168", "30", NULL, "C", NULL, NULL,
	    NULL, NULL, NULL, "TenGigabitEthernet7/4", NULL },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "10.64.3.12", "30", NULL, "C", NULL, NULL,
	    NULL, NULL, NULL, "Port-channel202", NULL },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "10.64.1.8", "30", NULL, "C", NULL, NULL,
	    NULL, NULL, NULL, "Port-channel201", NULL },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "10.62.4.28", "30", NULL, "C", NULL, NULL,
	    NULL, NULL, NULL, "TenGigabitEthernet1/15", NULL },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "10.62.3.28", "30", NULL, "C", NULL, NULL,
	    NULL, NULL, NULL, "TenGigabitEthernet1/16", NULL },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "195.0.0.0", "24", NULL, "O", "IA", NULL,
	    "110", "11", "194.0.0.2", "FastEthernet0/0.100", "00:05:45" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "0.0.0.0", "0", NULL, "O", "E2", "*",
	    "110", "1", "194.0.0.2", "FastEthernet0/0.100", "00:05:35" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "212.0.0.0", "8", NULL, "O", "E2", NULL,
	    "110", "20", "194.0.0.2", "FastEthernet0/0.100", "00:05:35" },
	{ "ntc_cisco_ios_show_ip_route.ios.txt", NULL,
	    "194.0.0.0", "16", NULL, "C", NULL, NULL,
	    NULL, NULL, NULL, "FastEthernet0/0.100", NULL },
	/* ntc_cisco_ios_show_ip_route1.ios.txt: 2 rows */
	{ "ntc_cisco_ios_show_ip_route1.ios.txt", NULL,
	    "192.168.1.0", "24", NULL, "C", NULL, NULL,
	    NULL, NULL, NULL, "vasileft1", NULL },
	{ "ntc_cisco_ios_show_ip_route1.ios.txt", NULL,
	    "192.168.1.1", "32", NULL, "L", NULL, NULL,
	    NULL, NULL, NULL, "vasileft1", NULL },
	/* ntc_cisco_ios_show_ip_route_vrf.ios.txt: 34 rows */
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "0.0.0.0", "0", NULL, "B", NULL, "*",
	    "200", "0", "10.10.254.3", NULL, "1d05h" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.0.0.0", "8", NULL, "B", NULL, NULL,
	    "200", "0", "10.10.254.3", NULL, "1d05h" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.0.0", "18", NULL, "B", NULL, NULL,
	    "200", "0", NULL, "Null0", "3w4d" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.5.0", "24", NULL, "B", NULL, NULL,
	    NULL, NULL, NULL, "Vlan5", "3w4d" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.5.1", "32", NULL, "L", NULL, NULL,
	    NULL, NULL, NULL, "Vlan5", NULL },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.10.0", "24", NULL, "B", NULL, NULL,
	    NULL, NULL, NULL, "Vlan10", "3w4d" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.10.1", "32", NULL, "L", NULL, NULL,
	    NULL, NULL, NULL, "Vlan10", NULL },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.20.0", "24", NULL, "B", NULL, NULL,
	    NULL, NULL, NULL, "Vlan20", "3w4d" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.20.1", "32", NULL, "L", NULL, NULL,
	    NULL, NULL, NULL, "Vlan20", NULL },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.64.0", "19", NULL, "B", NULL, NULL,
	    "200", "0", NULL, "Null0", "3w4d" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.64.0", "24", NULL, "B", NULL, NULL,
	    NULL, NULL, NULL, "Vlan64", "01:04:17" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.64.1", "32", NULL, "L", NULL, NULL,
	    NULL, NULL, NULL, "Vlan64", NULL },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.96.0", "19", NULL, "B", NULL, NULL,
	    "200", "0", NULL, "Null0", "3w4d" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.96.0", "24", NULL, "B", NULL, NULL,
	    NULL, NULL, NULL, "Vlan96", "3w4d" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.96.1", "32", NULL, "L", NULL, NULL,
	    NULL, NULL, NULL, "Vlan96", NULL },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.128.0", "20", NULL, "B", NULL, NULL,
	    "200", "0", NULL, "Null0", "3w4d" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.128.0", "24", NULL, "B", NULL, NULL,
	    NULL, NULL, NULL, "Vlan128", "3w4d" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.128.1", "32", NULL, "L", NULL, NULL,
	    NULL, NULL, NULL, "Vlan128", NULL },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.254.0", "29", NULL, "C", NULL, NULL,
	    NULL, NULL, NULL, "Vlan3101", NULL },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.254.1", "32", NULL, "L", NULL, NULL,
	    NULL, NULL, NULL, "Vlan3101", NULL },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.255.11", "32", NULL, "B", NULL, NULL,
	    NULL, NULL, NULL, "Loopback11", "3w4d" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.10.255.12", "32", NULL, "B", NULL, NULL,
	    NULL, NULL, NULL, "Loopback12", "3w4d" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.20.0.0", "16", NULL, "B", NULL, NULL,
	    "200", "0", "10.10.254.10", NULL, "3w4d" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.30.0.0", "16", NULL, "B", NULL, NULL,
	    "200", "0", "10.10.254.2", NULL, "3w4d" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.40.0.0", "16", NULL, "B", NULL, NULL,
	    "200", "0", "10.10.254.2", NULL, "3w4d" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "172.16.0.0", "12", NULL, "B", NULL, NULL,
	    "200", "0", "10.10.254.3", NULL, "1d05h" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "192.168.0.0", "16", NULL, "B", NULL, NULL,
	    "200", "0", "10.10.254.3", NULL, "1d05h" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "50.1.1.1", "32", NULL, "C", NULL, NULL,
	    NULL, NULL, NULL, "Loopback50", NULL },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.12.1.0", "27", NULL, "B", NULL, NULL,
	    "200", "1000", "192.168.12.5", NULL, "1w1d" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.12.1.0", "27", NULL, "B", NULL, NULL,
	    "200", "1000", "192.168.12.1", NULL, "1w1d" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.12.242.64", "28", NULL, "B", NULL, NULL,
	    "200", "1000", "192.168.12.5", NULL, "1w1d" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "10.12.242.64", "28", NULL, "B", NULL, NULL,
	    "200", "1000", "192.168.12.1", NULL, "1w1d" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "172.16.10.0", "24", NULL, "B", NULL, NULL,
	    "200", "0", "10.80.10.2", NULL, "04:42:57" },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", "TRI",
	    "172.16.20.0", "24", NULL, "B", NULL, NULL,
	    "200", "0", "10.80.10.2", NULL, "04:42:52" },
	/* ntc_cisco_ios_show_ip_route_wildcard.ios.txt: 8 rows */
	{ "ntc_cisco_ios_show_ip_route_wildcard.ios.txt", "CODE-DAVE-INSIDE",
	    "0.0.0.0", "0", NULL, "B", NULL, "*",
	    "20", "0", "10.195.96.1", NULL, "6d15h" },
	{ "ntc_cisco_ios_show_ip_route_wildcard.ios.txt", "CODE-DAVE-INSIDE",
	    "10.0.0.0", "8", NULL, "B", NULL, NULL,
	    "20", "0", "10.195.96.1", NULL, "6d15h" },
	{ "ntc_cisco_ios_show_ip_route_wildcard.ios.txt", "CODE-DAVE-INSIDE",
	    "10.195.96.0", "25", NULL, "C", NULL, NULL,
	    NULL, NULL, NULL, "Tunnel101530151", NULL },
	{ "ntc_cisco_ios_show_ip_route_wildcard.ios.txt", "CODE-DAVE-INSIDE",
	    "10.195.96.58", "32", NULL, "L", NULL, NULL,
	    NULL, NULL, NULL, "Tunnel101530151", NULL },
	{ "ntc_cisco_ios_show_ip_route_wildcard.ios.txt", "CODE-DAVE-INSIDE",
	    "10.197.70.0", "23", NULL, "S", NULL, NULL,
	    NULL, NULL, NULL, "Null0", NULL },
	{ "ntc_cisco_ios_show_ip_route_wildcard.ios.txt", "CODE-DAVE-OUTSIDE",
	    "0.0.0.0", "0", NULL, "S", NULL, "*",
	    "200", "0", "1.1.1.1", NULL, NULL },
	{ "ntc_cisco_ios_show_ip_route_wildcard.ios.txt", "CODE-DAVE-OUTSIDE",
	    "1.1.1.0", "30", NULL, "C", NULL, NULL,
	    NULL, NULL, NULL, "GigabitEthernet0/0/0", NULL },
	{ "ntc_cisco_ios_show_ip_route_wildcard.ios.txt", "CODE-DAVE-OUTSIDE",
	    "1.1.1.1", "32", NULL, "L", NULL, NULL,
	    NULL, NULL, NULL, "GigabitEthernet0/0/0", NULL },
	/* ntc_cisc_asa_show_route_vpn.asa.txt: 6 rows */
	{ "ntc_cisc_asa_show_route_vpn.asa.txt", NULL,
	    "10.1.24.0", NULL, "255.255.255.0", "V", NULL, NULL,
	    NULL, NULL, NULL, "external", NULL },
	{ "ntc_cisc_asa_show_route_vpn.asa.txt", NULL,
	    "10.2.2.4", NULL, "255.255.255.255", "V", NULL, NULL,
	    NULL, NULL, NULL, "external", NULL },
	{ "ntc_cisc_asa_show_route_vpn.asa.txt", NULL,
	    "10.2.2.5", NULL, "255.255.255.255", "V", NULL, NULL,
	    NULL, NULL, NULL, "external", NULL },
	{ "ntc_cisc_asa_show_route_vpn.asa.txt", NULL,
	    "10.2.2.132", NULL, "255.255.255.255", "V", NULL, NULL,
	    NULL, NULL, NULL, "external", NULL },
	{ "ntc_cisc_asa_show_route_vpn.asa.txt", NULL,
	    "10.2.2.232", NULL, "255.255.255.255", "V", NULL, NULL,
	    NULL, NULL, NULL, "external", NULL },
	{ "ntc_cisc_asa_show_route_vpn.asa.txt", NULL,
	    "10.2.2.253", NULL, "255.255.255.255", "V", NULL, NULL,
	    NULL, NULL, NULL, "external", NULL },
	/* ntc_cisco_asa_show_route.asa.txt: 31 rows */
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "Server1", NULL, "255.255.255.255", "S", NULL, NULL,
	    "1", "0", "10.0.5.12", "outside", NULL },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "10.64.65.82", NULL, "255.255.255.255", "S", NULL, NULL,
	    "1", "0", "10.100.67.246", "outside", NULL },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "10.64.65.82", NULL, "255.255.255.255", "S", NULL, NULL,
	    "1", "0", "10.0.5.12", "outside", NULL },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "Sever-2", NULL, "255.255.255.255", "S", NULL, NULL,
	    "1", "0", "10.0.5.12", "outside", NULL },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "192.168.14.95", NULL, "255.255.255.255", "S", NULL, NULL,
	    "1", "0", "10.0.5.12", "outside", NULL },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "Server_3", NULL, "255.255.255.255", "S", NULL, NULL,
	    "1", "0", "10.0.5.12", "outside", NULL },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "10.54.6.0", NULL, "255.255.255.0", "S", NULL, NULL,
	    "1", "0", "10.0.5.12", "outside", NULL },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "SERVER", NULL, "255.255.255.255", "S", NULL, NULL,
	    "1", "0", "10.0.5.12", "outside", NULL },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "192.168.10.0", NULL, "255.255.255.64", "S", NULL, NULL,
	    "1", "0", "172.52.64.1", "inside", NULL },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "server", NULL, "255.255.255.255", "S", NULL, NULL,
	    "1", "0", "172.52.64.1", "inside", NULL },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "10.14.128.0", NULL, "255.255.255.0", "S", NULL, NULL,
	    "1", "0", "172.52.64.1", "inside", NULL },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "10.13.0.0", NULL, "255.255.0.0", "S", NULL, NULL,
	    "1", "0", "172.52.64.1", "inside", NULL },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "10.3.18.16", NULL, "255.255.255.255", "S", NULL, NULL,
	    "1", "0", "172.52.64.1", "inside", NULL },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "192.168.1.0", NULL, "255.255.255.0", "C", NULL, NULL,
	    NULL, NULL, NULL, "outside", NULL },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "192.168.1.108", NULL, "255.255.255.255", "L", NULL, NULL,
	    NULL, NULL, NULL, "outside", NULL },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "172.16.2.254", NULL, "255.255.255.255", "O", "IA", NULL,
	    "110", "11", "192.168.2.2", "inside", "3:21:21" },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "172.16.3.254", NULL, "255.255.255.255", "O", "IA", NULL,
	    "110", "11", "192.168.2.2", "inside", "3:21:21" },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "172.16.1.254", NULL, "255.255.255.255", "O", "IA", NULL,
	    "110", "11", "192.168.2.2", "inside", "3:21:21" },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "172.16.4.254", NULL, "255.255.255.255", "O", "IA", NULL,
	    "110", "11", "192.168.2.2", "inside", "3:21:21" },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "10.0.4.254", NULL, "255.255.255.255", "O", "IA", NULL,
	    "110", "11", "192.168.1.2", "outside", "3:21:21" },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "10.0.1.254", NULL, "255.255.255.255", "O", "IA", NULL,
	    "110", "11", "192.168.1.2", "outside", "3:21:21" },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "10.0.2.254", NULL, "255.255.255.255", "O", "IA", NULL,
	    "110", "11", "192.168.1.2", "outside", "3:21:21" },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "10.0.3.254", NULL, "255.255.255.255", "O", "IA", NULL,
	    "110", "11", "192.168.1.2", "outside", "3:21:21" },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "10.1.1.0", NULL, "255.255.255.0", "O", "E2", NULL,
	    "170", "3840", "192.168.1.2", "outside", "2w6d" },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "10.1.1.0", NULL, "255.255.255.0", "O", "E2", NULL,
	    "170", "3840", "192.168.2.2", "outside", "2w6d" },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "10.1.2.0", NULL, "255.255.255.0", "O", "E2", NULL,
	    "170", "3840", "192.168.1.2", "outside", "2w6d" },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "10.1.2.0", NULL, "255.255.255.0", "O", "E2", NULL,
	    "170", "3840", "192.168.2.2", "outside", "2w6d" },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "10.1.3.0", NULL, "255.255.255.0", "O", "E2", NULL,
	    "170", "3840", "192.168.1.2", "outside", "2w6d" },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "10.1.3.0", NULL, "255.255.255.0", "O", "E2", NULL,
	    "170", "3840", "192.168.2.2", "outside", "2w6d" },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "192.168.1.0", NULL, "255.255.255.0", "C", NULL, NULL,
	    NULL, NULL, NULL, "outside", NULL },
	{ "ntc_cisco_asa_show_route.asa.txt", NULL,
	    "192.168.2.0", NULL, "255.255.255.0", "C", NULL, NULL,
	    NULL, NULL, NULL, "inside", NULL },
	/* ntc_cisco_asa_show_route_alt_multiline.asa.txt: 11 rows */
	/* the ASA template has no flag column: "S*" in the output */
	{ "ntc_cisco_asa_show_route_alt_multiline.asa.txt", NULL,
	    "0.0.0.0", NULL, "0.0.0.0", "S", NULL, "*",
	    "1", "0", "192.168.1.2", "outside", NULL },
	{ "ntc_cisco_asa_show_route_alt_multiline.asa.txt", NULL,
	    "10.15.0.0", NULL, "255.255.0.0", "O", "E1", NULL,
	    "110", "21", "192.168.2.1", "inside", "3w1d" },
	{ "ntc_cisco_asa_show_route_alt_multiline.asa.txt", NULL,
	    "172.23.100.0", NULL, "255.255.254.0", "O", "E1", NULL,
	    "110", "50", "192.168.2.1", "inside", "3w1d" },
	{ "ntc_cisco_asa_show_route_alt_multiline.asa.txt", NULL,
	    "172.23.42.0", NULL, "255.255.254.0", "O", "E1", NULL,
	    "110", "11", "172.17.13.52", "routing", "2w2d" },
	{ "ntc_cisco_asa_show_route_alt_multiline.asa.txt", NULL,
	    "172.23.42.0", NULL, "255.255.254.0", "O", "E1", NULL,
	    "110", "11", "172.17.13.51", "routing", "7w0d" },
	{ "ntc_cisco_asa_show_route_alt_multiline.asa.txt", NULL,
	    "172.17.13.0", NULL, "255.255.255.0", "C", NULL, NULL,
	    NULL, NULL, NULL, "routing", NULL },
	{ "ntc_cisco_asa_show_route_alt_multiline.asa.txt", NULL,
	    "172.17.13.60", NULL, "255.255.255.255", "L", NULL, NULL,
	    NULL, NULL, NULL, "routing", NULL },
	{ "ntc_cisco_asa_show_route_alt_multiline.asa.txt", NULL,
	    "192.168.1.0", NULL, "255.255.255.0", "C", NULL, NULL,
	    NULL, NULL, NULL, "outside", NULL },
	{ "ntc_cisco_asa_show_route_alt_multiline.asa.txt", NULL,
	    "192.168.1.108", NULL, "255.255.255.255", "L", NULL, NULL,
	    NULL, NULL, NULL, "outside", NULL },
	{ "ntc_cisco_asa_show_route_alt_multiline.asa.txt", NULL,
	    "192.168.2.0", NULL, "255.255.255.0", "C", NULL, NULL,
	    NULL, NULL, NULL, "inside", NULL },
	{ "ntc_cisco_asa_show_route_alt_multiline.asa.txt", NULL,
	    "192.168.2.108", NULL, "255.255.255.255", "L", NULL, NULL,
	    NULL, NULL, NULL, "inside", NULL },
};

/*
 * genie ShowRoute (asa): route -> prefix, source_protocol_codes ->
 * protocol, candidate_default, route_preference -> distance, metric,
 * next_hop_list -> next_hops (next_hop -> via, outgoing_interface_name ->
 * interface), date -> age. genie keeps one interface for "L 10.10.1.3"
 * and drops the next hop of "D 10.0.0.0/24"; we keep both (see report).
 */
static const struct table_row genie_rows[] = {
	{ "genie_golden_output_4.asa.txt", NULL,
	    "0.0.0.0", "0", "0.0.0.0", "S", NULL, "*",
	    "1", "0", "192.2.0.1", "Outside-Port-Channel", NULL },
	{ "genie_golden_output_4.asa.txt", NULL,
	    "1.1.1.0", "24", "255.255.255.0", "B", NULL, NULL,
	    "20", "0", "10.98.126.1", NULL, "2d19h" },
	{ "genie_golden_output_4.asa.txt", NULL,
	    "4.33.104.119", "32", "255.255.255.255", "B", NULL, NULL,
	    "20", "0", "10.98.126.1", NULL, "2d19h" },
	{ "genie_golden_output_4.asa.txt", NULL,
	    "0.0.0.0", "0", "0.0.0.0", "S", NULL, NULL,
	    "255", "0", "10.98.126.1", "Inside-Port-Channel", NULL },
	{ "genie_golden_output.asa.txt", NULL,
	    "0.0.0.0", "0", "0.0.0.0", "S", NULL, "*",
	    "10", NULL, "10.16.251.1", "outside", NULL },
	{ "genie_golden_output.asa.txt", NULL,
	    "0.0.0.0", "0", "0.0.0.0", "S", NULL, "*",
	    NULL, NULL, "10.16.251.2", "pod1000", NULL },
	{ "genie_golden_output.asa.txt", NULL,
	    "0.0.0.1", "0", "0.0.0.0", "S", NULL, NULL,
	    "10", "5", "10.16.255.1", "outside", NULL },
	{ "genie_golden_output.asa.txt", NULL,
	    "0.0.0.1", "0", "0.0.0.0", "S", NULL, NULL,
	    NULL, NULL, "10.16.255.3", "pod1002", NULL },
	{ "genie_golden_output.asa.txt", NULL,
	    "10.10.1.1", "16", "255.255.0.0", "C", NULL, NULL,
	    NULL, NULL, NULL, "_internal_loopback", NULL },
	{ "genie_golden_output.asa.txt", NULL,
	    "10.10.1.3", "32", "255.255.255.255", "L", NULL, NULL,
	    NULL, NULL, NULL, "pod2002", NULL },
	{ "genie_golden_output.asa.txt", NULL,
	    "10.10.1.4", "32", "255.255.255.255", "V", NULL, NULL,
	    NULL, NULL, NULL, "admin", NULL },
	{ "genie_golden_output.asa.txt", NULL,
	    "10.10.1.6", "24", "255.255.255.0", "C", NULL, NULL,
	    NULL, NULL, NULL, "pod3000", NULL },
	{ "genie_golden_output.asa.txt", NULL,
	    "10.20.58.64", "26", "255.255.255.192", "O", "E2", NULL,
	    "110", "11", "172.20.192.3", "wan1", "3w6d" },
	{ "genie_golden_output.asa.txt", NULL,
	    "10.30.79.64", "26", "255.255.255.192", "O", "E2", NULL,
	    "110", "11", "10.20.192.4", "wan4", "1w1d" },
	{ "genie_golden_output.asa.txt", NULL,
	    "10.0.0.0", "24", "255.255.255.0", "D", NULL, NULL,
	    "90", "30720", "192.168.1.1", "inside", "0:19:52" },
	{ "genie_golden_output.asa.txt", NULL,
	    "10.121.71.0", "24", "255.255.255.0", "D", "EX", NULL,
	    "170", "345856", "10.9.193.98", "esavpn", "2w1d" },
	{ "genie_golden_output3.asa.txt", NULL,
	    "10.121.0.0", "8", "255.0.0.0", "SI", NULL, NULL,
	    "1", "0", NULL, "gig3", NULL },
	{ "genie_golden_output_2.asa.txt", NULL,
	    "10.121.65.0", "24", "255.255.255.0", "O", NULL, NULL,
	    "110", "20", "10.121.64.34", "inside", "7w0d" },
	{ "genie_golden_output_2.asa.txt", NULL,
	    "10.121.70.0", "24", "255.255.255.0", "D", "EX", NULL,
	    "170", "345856", "10.9.193.99", "esavpn", "2w1d" },
};

static int
str_is(cJSON *o, const char *field, const char *want)
{
	cJSON	*v = cJSON_GetObjectItem(o, field);

	if (want == NULL)
		return cJSON_IsNull(v);
	return cJSON_IsString(v) && strcmp(v->valuestring, want) == 0;
}

static int
num_is(cJSON *o, const char *field, const char *want)
{
	cJSON	*v = cJSON_GetObjectItem(o, field);

	if (want == NULL)
		return cJSON_IsNull(v);
	return cJSON_IsNumber(v) && v->valuedouble == atof(want);
}

static int
hop_matches(cJSON *h, const struct table_row *w)
{
	return str_is(h, "via", w->via) && str_is(h, "interface", w->ifname) &&
	    str_is(h, "age", w->age) && num_is(h, "distance", w->distance) &&
	    num_is(h, "metric", w->metric);
}

static int
route_matches(cJSON *r, const struct table_row *w)
{
	cJSON	*h;

	if (!str_is(r, "network", w->network) || !str_is(r, "vrf", w->vrf) ||
	    !str_is(r, "protocol", w->protocol) || !str_is(r, "type", w->type) ||
	    (w->len != NULL && !num_is(r, "prefix_len", w->len)) ||
	    (w->mask != NULL && !str_is(r, "mask", w->mask)) ||
	    cJSON_IsTrue(cJSON_GetObjectItem(r, "candidate_default")) !=
	    (w->flag != NULL))
		return 0;
	cJSON_ArrayForEach(h, cJSON_GetObjectItem(r, "next_hops"))
		if (hop_matches(h, w))
			return 1;
	return 0;
}

static void
check_row(const struct table_row *w)
{
	struct parsed	 p;
	cJSON		*r;
	char		*txt;
	size_t		 len;
	int		 found = 0;

	txt = fixture(w->file, &len);
	parse_text(txt, len, platform_of(w->file), &p);
	ck_assert_msg(p.res.ok, "%s: %s", w->file, p.res.error);
	ck_assert_uint_eq(p.res.unparsed, 0);
	cJSON_ArrayForEach(r, cJSON_GetObjectItem(p.json, "routes"))
		if (route_matches(r, w))
			found = 1;
	ck_assert_msg(found, "%s: no route %s/%s %s via %s %s", w->file,
	    w->network, w->len ? w->len : w->mask, w->protocol,
	    w->via ? w->via : "-", w->ifname ? w->ifname : "-");
	parsed_free(&p);
	free(txt);
}

START_TEST(test_ntc_rows)
{
	check_row(&ntc_rows[_i]);
}
END_TEST

START_TEST(test_genie_rows)
{
	check_row(&genie_rows[_i]);
}
END_TEST

/* Routes per table (ntc rows are per next hop; these are per prefix). */
static const struct {
	const char	*file;
	int		 n;
} route_counts[] = {
	{ "ntc_cisco_ios_show_ip_route.ios.txt", 32 },
	{ "ntc_cisco_ios_show_ip_route1.ios.txt", 2 },
	{ "ntc_cisco_ios_show_ip_route_vrf.ios.txt", 32 },
	{ "ntc_cisco_ios_show_ip_route_wildcard.ios.txt", 8 },
	{ "ntc_cisco_asa_show_route.asa.txt", 27 },
	{ "ntc_cisco_asa_show_route_alt_multiline.asa.txt", 10 },
	{ "ntc_cisc_asa_show_route_vpn.asa.txt", 6 },
	{ "genie_golden_output.asa.txt", 20 },
	{ "genie_golden_output3.asa.txt", 21 },
	{ "genie_golden_output_2.asa.txt", 6 },
	{ "genie_golden_output_4.asa.txt", 4 },
};

START_TEST(test_route_counts)
{
	struct parsed	 p;
	char		*txt;
	size_t		 len;

	txt = fixture(route_counts[_i].file, &len);
	parse_text(txt, len, platform_of(route_counts[_i].file), &p);
	ck_assert_msg(p.res.ok, "%s", p.res.error);
	ck_assert_uint_eq(p.res.unparsed, 0);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(p.json,
	    "routes")), route_counts[_i].n);
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
		o += sprintf(o, "hq-1#show ip route 198.51.100.2\r\n");
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
	"genie_golden_output_2.iosxe.txt", "own-connected.ios.txt",
	"own-word-default.asa.txt", "ntc_cisco_ios_show_ip_route.ios.txt",
	"genie_golden_output.asa.txt",
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
		/* The leading prompt of variant 3 names a target. */
		if (kind != 3)
			ck_assert_msg(strcmp(got, want) == 0, "%s variant %d:"
			    "\n%s\nwant\n%s", name, kind, got, want);
		free(got);
		free(v);
	}
	free(want);
	free(txt);
}
END_TEST

/* The same word-form output, with and without its prompt lines. */
START_TEST(test_prompt_lines)
{
	static const char bare[] = "Routing entry for 10.1.0.0/16\n"
	    "  Known via \"static\", distance 1, metric 0\n"
	    "  Routing Descriptor Blocks:\n"
	    "  * 10.0.0.254, via GigabitEthernet0/2\n"
	    "      Route metric is 0, traffic share count is 1\n";
	static const char prompted[] = "rtr-1#show ip route 10.1.2.3\r\n"
	    "Routing entry for 10.1.0.0/16\r\n"
	    "  Known via \"static\", distance 1, metric 0\r\n"
	    "  Routing Descriptor Blocks:\r\n"
	    " --More-- \r\n"
	    "  * 10.0.0.254, via GigabitEthernet0/2\r\n"
	    "      Route metric is 0, traffic share count is 1\r\n"
	    "rtr-1#\r\n";
	struct parsed	 a, b;
	char		*s;

	parse_text(bare, sizeof(bare) - 1, PLATFORM_IOS, &a);
	parse_text(prompted, sizeof(prompted) - 1, PLATFORM_IOS, &b);
	ck_assert(a.res.ok && b.res.ok);
	ck_assert_uint_eq(a.res.unparsed + b.res.unparsed, 0);
	s = member_text(b.json, "target");
	ck_assert_str_eq(s, "\"10.1.2.3\"");
	free(s);
	cJSON_ReplaceItemInObject(b.json, "target", cJSON_CreateNull());
	ck_assert(cJSON_Compare(a.json, b.json, 1));
	s = member_text(a.json, "egress_interface");
	ck_assert_str_eq(s, "\"GigabitEthernet0/2\"");
	free(s);
	parsed_free(&a);
	parsed_free(&b);
}
END_TEST

START_TEST(test_empty_and_garbage)
{
	static const char garbage[] = "\x01\x02\xff binary\n"
	    "% Invalid input detected at '^' marker.\n";
	struct parsed	 p;
	char		*s;

	parse_text("", 0, PLATFORM_IOS, &p);
	ck_assert(p.res.ok);
	s = member_text(p.json, "found");
	ck_assert_str_eq(s, "null");
	free(s);
	parsed_free(&p);
	parse_text(garbage, sizeof(garbage) - 1, PLATFORM_AUTO, &p);
	ck_assert(!p.res.ok);
	ck_assert(p.res.error[0] != '\0');
	parsed_free(&p);
}
END_TEST

/* A descriptor block before any routing entry is not taken. */
START_TEST(test_broken_structure)
{
	static const char text[] = "Known via \"static\", distance 1\n"
	    "Routing Descriptor Blocks:\n"
	    "* 10.0.0.254, via GigabitEthernet0/2\n"
	    "Routing entry for 999.1.0.0/16\n";
	struct parsed	 p;

	parse_text(text, sizeof(text) - 1, PLATFORM_IOS, &p);
	ck_assert(!p.res.ok);
	ck_assert_uint_eq(p.res.unparsed, 4);
	parsed_free(&p);
}
END_TEST

/* Every cut of the output: no crash; a complete entry is kept. */
START_TEST(test_truncated)
{
	struct parsed	 p;
	char		*txt, *s;
	const char	*blocks;
	size_t		 len, cut;

	txt = fixture("genie_golden_output_2.iosxe.txt", &len);
	blocks = strstr(txt, "    192.168.0.2");
	ck_assert_ptr_nonnull(blocks);
	for (cut = 0; cut <= len; cut++) {
		parse_text(txt, cut, PLATFORM_IOSXE, &p);
		if (cut >= (size_t)(blocks - txt)) {
			s = member_text(p.json, "egress_interface");
			ck_assert_str_eq(s, "\"GigabitEthernet4\"");
			free(s);
			s = member_text(p.json, "prefix");
			ck_assert_str_eq(s, "\"10.16.2.2/32\"");
			free(s);
		}
		parsed_free(&p);
	}
	free(txt);
	txt = fixture("ntc_cisco_asa_show_route.asa.txt", &len);
	for (cut = 0; cut <= len; cut++) {
		parse_text(txt, cut, PLATFORM_ASA, &p);
		parsed_free(&p);
	}
	free(txt);
}
END_TEST

START_TEST(test_probe_definition)
{
	ck_assert_str_eq(probe_ip_route.name, "ip_route");
	ck_assert_str_eq(probe_ip_route.command, "show ip route");
	ck_assert_str_eq(probe_ip_route.command_asa, "show route");
	ck_assert_int_eq(probe_ip_route.polled, 0);
}
END_TEST

static Suite *
ip_route_suite(void)
{
	Suite	*s = suite_create("probe_ip_route");
	TCase	*tc = tcase_create("ip_route");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_golden);
	tcase_add_loop_test(tc, test_word_fields, 0, NITEMS(word));
	tcase_add_test(tc, test_genie_paths);
	tcase_add_loop_test(tc, test_ntc_rows, 0, NITEMS(ntc_rows));
	tcase_add_loop_test(tc, test_genie_rows, 0, NITEMS(genie_rows));
	tcase_add_loop_test(tc, test_route_counts, 0, NITEMS(route_counts));
	tcase_add_loop_test(tc, test_tolerance, 0, NITEMS(tolerance_files));
	tcase_add_test(tc, test_prompt_lines);
	tcase_add_test(tc, test_empty_and_garbage);
	tcase_add_test(tc, test_broken_structure);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_probe_definition);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(ip_route_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/*
 * ipsecwatch runbook [ROUTER [PEER]] [--json]
 *
 * Per tunnel (router, peer), from the router's latest snapshots: the
 * crypto map entry and the interface it is on, the Phase 1 policies that
 * could match, the transform sets, the crypto ACL, PFS, lifetimes, DPD
 * and NAT-T, and the commands that check and reset the tunnel in the
 * router's own syntax (IOS or ASA). Never a key: the snapshots hold none,
 * and of a pre-shared key only that it is set and the start of its
 * fingerprint is shown. Exit 1 when the router or peer is not known.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "query.h"
#include "store.h"
#include "util.h"

/* The probes a runbook reads, each from its latest parsed snapshot. */
enum {
	P_MAP, P_POLICY, P_TSET, P_IFACE, P_SA, P_SA_DETAIL, P_IPSEC, P_RCONF,
	P_COUNT
};
static const char *const probes[P_COUNT] = {
	"crypto_map", "isakmp_policy", "ipsec_transform_set",
	"interface_crypto", "isakmp_sa", "isakmp_sa_detail", "ipsec_sa",
	"running_config"
};

/* Hex digits of a PSK fingerprint shown: enough to compare two ends. */
#define FP_SHOWN	8

struct rb {
	const char	*router;
	char		 platform[16];
	int		 asa;
	cJSON		*snap[P_COUNT];	/* records, or NULL */
	char		 at[40];	/* the crypto map snapshot's poll */
	cJSON		*routes;	/* ip_route records of the last poll */
};

static int
streq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static const cJSON *
jarr(const cJSON *o, const char *key)
{
	const cJSON	*a = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsArray(a) ? a : NULL;
}

/* ---- loading ---- */

static cJSON *
router_param(const char *router, const char *extra)
{
	cJSON	*p = cJSON_CreateArray();

	cJSON_AddItemToArray(p, cJSON_CreateString(router));
	if (extra != NULL)
		cJSON_AddItemToArray(p, cJSON_CreateString(extra));
	return p;
}

static int
load_probe(struct store *st, struct rb *rb, int i)
{
	cJSON	*row;
	int	 failed = 0;

	/*
	 * The router's polls newest first, each looked up by its poll_id:
	 * the latest parse is found in a step or two. A probe that no poll
	 * of any router ran costs one lookup, not a walk through the polls.
	 */
	row = query_row(st, "SELECT r.records, p.started_at FROM polls p"
	    " CROSS JOIN poll_snapshots s ON s.poll_id = p.id"
	    "  AND s.probe = ?2 AND s.ok = 1"
	    " JOIN snapshot_records r ON r.id = s.records_id"
	    " WHERE p.router = ?1 AND EXISTS (SELECT 1 FROM poll_snapshots x"
	    "  WHERE x.probe = ?2 AND x.ok = 1)"
	    " ORDER BY p.started_at DESC, p.id DESC, s.seq LIMIT 1",
	    router_param(rb->router, probes[i]), &failed);
	if (failed)
		return -1;
	if (row == NULL)
		return 0;
	rb->snap[i] = cJSON_Parse(q_str(row, "records"));
	if (i == P_MAP)
		snprintf(rb->at, sizeof(rb->at), "%s", q_str(row, "started_at"));
	cJSON_Delete(row);
	return 0;
}

static int
load_platform(struct store *st, struct rb *rb)
{
	cJSON		*row;
	const char	*p;
	int		 failed = 0;

	row = query_row(st, "SELECT platform FROM router_platform"
	    " WHERE router = ?1", router_param(rb->router, NULL), &failed);
	if (failed)
		return -1;
	p = q_str(row, "platform");
	/* Else what the probes' envelopes say. */
	if (p == NULL && rb->snap[P_MAP] != NULL)
		p = q_str(rb->snap[P_MAP], "platform");
	snprintf(rb->platform, sizeof(rb->platform), "%s", p ? p : "auto");
	rb->asa = strcmp(rb->platform, "asa") == 0;
	cJSON_Delete(row);
	return 0;
}

static int
load_routes(struct store *st, struct rb *rb)
{
	cJSON	*rows, *r;

	if ((rows = query_rows(st, "SELECT r.records FROM poll_snapshots s"
	    " JOIN snapshot_records r ON r.id = s.records_id"
	    " WHERE s.probe = 'ip_route' AND s.ok = 1 AND s.poll_id ="
	    " (SELECT p.id FROM polls p WHERE p.router = ?1 AND EXISTS"
	    "  (SELECT 1 FROM poll_snapshots q WHERE q.probe = 'ip_route'"
	    "  AND q.poll_id = p.id)"
	    "  ORDER BY p.started_at DESC, p.id DESC LIMIT 1)"
	    " ORDER BY s.seq",
	    router_param(rb->router, NULL))) == NULL)
		return -1;
	rb->routes = cJSON_CreateArray();
	cJSON_ArrayForEach(r, rows) {
		cJSON *rec = cJSON_Parse(q_str(r, "records"));
		if (rec != NULL)
			cJSON_AddItemToArray(rb->routes, rec);
	}
	cJSON_Delete(rows);
	return 0;
}

static int
rb_load(struct store *st, const char *router, struct rb *rb)
{
	int	 i;

	memset(rb, 0, sizeof(*rb));
	rb->router = router;
	for (i = 0; i < P_COUNT; i++)
		if (load_probe(st, rb, i) == -1)
			return -1;
	if (load_platform(st, rb) == -1 || load_routes(st, rb) == -1)
		return -1;
	return 0;
}

static void
rb_free(struct rb *rb)
{
	int	 i;

	for (i = 0; i < P_COUNT; i++)
		cJSON_Delete(rb->snap[i]);
	cJSON_Delete(rb->routes);
}

/* ---- the parts of a tunnel ---- */

/* The interfaces a map is on: its entry, another entry, the SAs. */
static cJSON *
map_interfaces(const struct rb *rb, const cJSON *entry)
{
	const char	*map = q_str(entry, "map"), *name;
	const cJSON	*e, *i, *src = jarr(entry, "interfaces");
	cJSON		*out;

	if (cJSON_GetArraySize(src) == 0)
		cJSON_ArrayForEach(e, jarr(rb->snap[P_MAP], "entries"))
			if (streq(q_str(e, "map"), map) &&
			    cJSON_GetArraySize(jarr(e, "interfaces")) > 0) {
				src = jarr(e, "interfaces");
				break;
			}
	if (cJSON_GetArraySize(src) > 0)
		return cJSON_Duplicate(src, 1);
	out = cJSON_CreateArray();
	cJSON_ArrayForEach(i, jarr(rb->snap[P_IPSEC], "interfaces"))
		if (streq(q_str(i, "crypto_map"), map) &&
		    q_str(i, "interface") != NULL)
			cJSON_AddItemToArray(out,
			    cJSON_CreateString(q_str(i, "interface")));
	if (cJSON_GetArraySize(out) > 0)
		return out;
	/* The ASA's commands take the nameif, not the interface. */
	cJSON_ArrayForEach(i, jarr(rb->snap[P_IFACE], "interfaces")) {
		name = rb->asa && q_str(i, "nameif") != NULL ?
		    q_str(i, "nameif") : q_str(i, "interface");
		if (streq(q_str(i, "crypto_map"), map) && name != NULL)
			cJSON_AddItemToArray(out, cJSON_CreateString(name));
	}
	return out;
}

static const char *
local_address(const struct rb *rb, const cJSON *entry)
{
	const cJSON	*i;

	if (q_str(entry, "local_address") != NULL)
		return q_str(entry, "local_address");
	cJSON_ArrayForEach(i, jarr(rb->snap[P_IPSEC], "interfaces"))
		if (streq(q_str(i, "crypto_map"), q_str(entry, "map")) &&
		    q_str(i, "local_addr") != NULL)
			return q_str(i, "local_addr");
	return NULL;
}

/* ASA and IOS name the same algorithms differently in different shows. */
static void
norm_alg(const char *in, char *out, size_t len, double *bits)
{
	char	*dash;
	size_t	 i;

	snprintf(out, len, "%s", in != NULL ? in : "");
	for (i = 0; out[i] != '\0'; i++)
		out[i] = (char)tolower((unsigned char)out[i]);
	if ((dash = strchr(out, '-')) != NULL && strncmp(out, "aes", 3) == 0) {
		*bits = atof(dash + 1);
		*dash = '\0';
	}
	if (strcmp(out, "sha1") == 0)
		snprintf(out, len, "sha");
	if (strcmp(out, "preshared") == 0 || strcmp(out, "pre-share") == 0)
		snprintf(out, len, "psk");
}

/* Does a Phase 1 SA (show crypto isakmp sa detail) use this policy? */
static int
policy_in_use(const cJSON *pol, const cJSON *sa)
{
	char	 a[32], b[32];
	double	 pb = 0, sb = 0, pg, sg;

	if (sa == NULL)
		return 0;
	q_num(pol, "key_bits", &pb);
	q_num(sa, "key_bits", &sb);
	norm_alg(q_str(pol, "encryption"), a, sizeof(a), &pb);
	norm_alg(q_str(sa, "encryption"), b, sizeof(b), &sb);
	if (strcmp(a, b) != 0 || (pb != 0 && sb != 0 && pb != sb))
		return 0;
	norm_alg(q_str(pol, "hash"), a, sizeof(a), &pb);
	norm_alg(q_str(sa, "hash"), b, sizeof(b), &sb);
	if (strcmp(a, b) != 0)
		return 0;
	norm_alg(q_str(pol, "auth"), a, sizeof(a), &pb);
	norm_alg(q_str(sa, "auth"), b, sizeof(b), &sb);
	if (strcmp(a, b) != 0)
		return 0;
	return !q_num(pol, "dh_group", &pg) || !q_num(sa, "dh_group", &sg) ||
	    pg == sg;
}

/* The live Phase 1 SA with this peer, from a list of SAs. */
static const cJSON *
sa_of(const cJSON *sas, const char *peer, const char *k1, const char *k2)
{
	const cJSON	*sa, *best = NULL;

	cJSON_ArrayForEach(sa, sas) {
		if (cJSON_IsTrue(cJSON_GetObjectItem(sa, "deleted")))
			continue;
		if (!streq(q_str(sa, k1), peer) && !streq(q_str(sa, k2), peer) &&
		    !streq(q_str(sa, "peer"), peer))
			continue;
		if (best == NULL ||
		    cJSON_IsTrue(cJSON_GetObjectItem(sa, "phase1_up")))
			best = sa;
	}
	return best;
}

/*
 * The policies a peer could match: IOS and the ASA offer them in priority
 * order; with a pre-shared key only those that authenticate by one.
 */
static cJSON *
policies(const struct rb *rb, const char *peer, int psk)
{
	const cJSON	*p, *sa;
	cJSON		*out = cJSON_CreateArray(), *o;
	int		 used = 0, in_use;
	static const char *const keys[] = { "priority", "encryption",
	    "key_bits", "hash", "auth", "dh_group", "lifetime_s" };
	size_t		 i;

	sa = sa_of(jarr(rb->snap[P_SA_DETAIL], "sas"), peer, "remote",
	    "remote");
	cJSON_ArrayForEach(p, jarr(rb->snap[P_POLICY], "policies")) {
		if (psk && q_str(p, "auth") != NULL &&
		    strcmp(q_str(p, "auth"), "psk") != 0)
			continue;
		o = cJSON_CreateObject();
		for (i = 0; i < NITEMS(keys); i++)
			cJSON_AddItemToObject(o, keys[i], q_dup(p, keys[i]));
		cJSON_AddBoolToObject(o, "default",
		    cJSON_IsTrue(cJSON_GetObjectItem(p, "default")));
		/* The first that matches the live SA is the one in use. */
		in_use = !used && policy_in_use(p, sa);
		used |= in_use;
		cJSON_AddBoolToObject(o, "in_use", in_use);
		cJSON_AddItemToArray(out, o);
	}
	return out;
}

static cJSON *
transform_sets(const struct rb *rb, const cJSON *entry)
{
	const cJSON	*n, *s, *found;
	cJSON		*out = cJSON_CreateArray(), *o;

	cJSON_ArrayForEach(n, jarr(entry, "transform_sets")) {
		if (!cJSON_IsString(n))
			continue;
		found = NULL;
		cJSON_ArrayForEach(s, jarr(rb->snap[P_TSET], "sets"))
			if (streq(q_str(s, "name"), n->valuestring))
				found = s;
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", n->valuestring);
		cJSON_AddItemToObject(o, "transforms", found ?
		    q_dup(found, "transforms") : cJSON_CreateNull());
		cJSON_AddItemToObject(o, "mode", found ? q_dup(found, "mode") :
		    cJSON_CreateNull());
		cJSON_AddItemToArray(out, o);
	}
	return out;
}

/* An ACL address as IOS writes it: any, host A, or A WILDCARD. */
static void
acl_addr(char *buf, size_t len, const char *a, const char *wc)
{
	if (a == NULL)
		snprintf(buf, len, "?");
	else if (streq(a, "0.0.0.0") && streq(wc, "255.255.255.255"))
		snprintf(buf, len, "any");
	else if (streq(wc, "0.0.0.0"))
		snprintf(buf, len, "host %s", a);
	else if (wc == NULL)
		snprintf(buf, len, "%s", a);
	else
		snprintf(buf, len, "%s %s", a, wc);
}

static cJSON *
acl(const cJSON *entry)
{
	const cJSON	*e;
	cJSON		*o, *lines;
	char		 src[80], dst[80], line[256];

	if (q_str(entry, "acl") == NULL)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", q_str(entry, "acl"));
	lines = cJSON_AddArrayToObject(o, "entries");
	cJSON_ArrayForEach(e, jarr(entry, "acl_entries")) {
		acl_addr(src, sizeof(src), q_str(e, "src"),
		    q_str(e, "src_wildcard"));
		acl_addr(dst, sizeof(dst), q_str(e, "dst"),
		    q_str(e, "dst_wildcard"));
		snprintf(line, sizeof(line), "%s %s %s%s%s %s%s%s",
		    q_str(e, "action") ? q_str(e, "action") : "?",
		    q_str(e, "protocol") ? q_str(e, "protocol") : "ip", src,
		    q_str(e, "src_port") ? " " : "",
		    q_str(e, "src_port") ? q_str(e, "src_port") : "", dst,
		    q_str(e, "dst_port") ? " " : "",
		    q_str(e, "dst_port") ? q_str(e, "dst_port") : "");
		cJSON_AddItemToArray(lines, cJSON_CreateString(line));
	}
	return o;
}

static const cJSON *
tunnel_group(const struct rb *rb, const char *peer)
{
	const cJSON	*g;

	cJSON_ArrayForEach(g, jarr(rb->snap[P_RCONF], "tunnel_groups"))
		if (streq(q_str(g, "name"), peer))
			return g;
	return NULL;
}

/* DPD as the configuration line that sets it; "none"; NULL: unknown. */
static cJSON *
dpd(const struct rb *rb, const char *peer)
{
	const cJSON	*rc = rb->snap[P_RCONF], *k, *g;
	char		 buf[128];
	double		 a = 0, b = 0;

	if (rc == NULL)
		return cJSON_CreateNull();
	if (rb->asa) {
		if ((g = tunnel_group(rb, peer)) == NULL)
			return cJSON_CreateNull();
		if (cJSON_IsTrue(cJSON_GetObjectItem(g, "keepalive_disabled")))
			return cJSON_CreateString("isakmp keepalive disable");
		if (!q_num(g, "keepalive_threshold_s", &a))
			return cJSON_CreateString("none");
		q_num(g, "keepalive_retry_s", &b);
		snprintf(buf, sizeof(buf), "isakmp keepalive threshold %.0f "
		    "retry %.0f", a, b);
		return cJSON_CreateString(buf);
	}
	k = cJSON_GetObjectItem(rc, "keepalive");
	if (!cJSON_IsObject(k))
		k = cJSON_GetObjectItem(rc, "ikev2_dpd");
	if (!cJSON_IsObject(k))
		return cJSON_CreateString("none");
	q_num(k, "interval_s", &a);
	snprintf(buf, sizeof(buf), "crypto %s %.0f", cJSON_IsObject(
	    cJSON_GetObjectItem(rc, "keepalive")) ? "isakmp keepalive" :
	    "ikev2 dpd", a);
	if (q_num(k, "retries", &b))
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), " %.0f",
		    b);
	if (q_str(k, "mode") != NULL)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), " %s",
		    q_str(k, "mode"));
	return cJSON_CreateString(buf);
}

static cJSON *
natt(const struct rb *rb)
{
	const cJSON	*rc = rb->snap[P_RCONF], *en;
	char		 buf[64];
	double		 ka;

	en = rc != NULL ? cJSON_GetObjectItem(rc, "natt_enabled") : NULL;
	if (!cJSON_IsBool(en))
		return cJSON_CreateNull();
	if (cJSON_IsFalse(en))
		return cJSON_CreateString("disabled");
	if (q_num(rc, "natt_keepalive_s", &ka))
		snprintf(buf, sizeof(buf), "enabled, keepalive %.0f s", ka);
	else
		snprintf(buf, sizeof(buf), "enabled");
	return cJSON_CreateString(buf);
}

/* Only that a key is set, and the start of its salted fingerprint. */
static cJSON *
psk(const struct rb *rb, const char *peer)
{
	const cJSON	*k, *found = NULL;
	cJSON		*o;
	const char	*fp;
	char		 shown[FP_SHOWN + 1];
	int		 wildcard = 0;

	if (rb->asa)
		found = tunnel_group(rb, peer);
	else
		cJSON_ArrayForEach(k, jarr(rb->snap[P_RCONF], "isakmp_keys")) {
			if (streq(q_str(k, "peer"), peer)) {
				found = k;
				wildcard = 0;
				break;
			}
			if (streq(q_str(k, "peer"), "0.0.0.0") && found == NULL) {
				found = k;
				wildcard = 1;
			}
		}
	if (found == NULL)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	fp = q_str(found, "psk_fingerprint");
	cJSON_AddBoolToObject(o, "set", fp != NULL ||
	    q_str(found, "key_encoding") != NULL);
	if (fp != NULL) {
		snprintf(shown, sizeof(shown), "%s", fp);
		cJSON_AddStringToObject(o, "fingerprint", shown);
	} else
		cJSON_AddNullToObject(o, "fingerprint");
	cJSON_AddItemToObject(o, "encoding", q_dup(found, "key_encoding"));
	cJSON_AddBoolToObject(o, "wildcard", wildcard);
	return o;
}

static cJSON *
route(const struct rb *rb, const char *peer)
{
	const cJSON	*r, *hop;
	char		 buf[256];

	cJSON_ArrayForEach(r, rb->routes) {
		if (!streq(q_str(r, "target"), peer))
			continue;
		if (!cJSON_IsTrue(cJSON_GetObjectItem(r, "found")))
			return cJSON_CreateString("none (not in the routing "
			    "table)");
		hop = cJSON_GetArrayItem(jarr(r, "next_hops"), 0);
		snprintf(buf, sizeof(buf), "%s%s%s%s%s%s",
		    q_str(r, "prefix") ? q_str(r, "prefix") : "?",
		    q_str(hop, "via") ? " via " : "",
		    q_str(hop, "via") ? q_str(hop, "via") : "",
		    q_str(r, "egress_interface") ? " (" : "",
		    q_str(r, "egress_interface") ?
		    q_str(r, "egress_interface") : "",
		    q_str(r, "egress_interface") ? ")" : "");
		return cJSON_CreateString(buf);
	}
	return cJSON_CreateNull();
}

/* Phase 1 state and conn-id, and the IPsec SAs, as last polled. */
static void
now_state(const struct rb *rb, const char *peer, cJSON *o)
{
	const cJSON	*sa, *i, *f;
	double		 nsas = 0, cid;
	int		 flows = 0;

	sa = sa_of(jarr(rb->snap[P_SA], "sas"), peer, "dst", "src");
	cJSON_AddItemToObject(o, "phase1_state", sa ? q_dup(sa, "state") :
	    cJSON_CreateNull());
	cJSON_AddItemToObject(o, "conn_id", sa && q_num(sa, "conn_id", &cid) ?
	    cJSON_CreateNumber(cid) : cJSON_CreateNull());
	cJSON_ArrayForEach(i, jarr(rb->snap[P_IPSEC], "interfaces"))
		cJSON_ArrayForEach(f, jarr(i, "flows")) {
			if (!streq(q_str(f, "peer"), peer))
				continue;
			flows++;
			nsas += cJSON_GetArraySize(jarr(f, "inbound_esp")) +
			    cJSON_GetArraySize(jarr(f, "outbound_esp")) +
			    cJSON_GetArraySize(jarr(f, "inbound_ah")) +
			    cJSON_GetArraySize(jarr(f, "outbound_ah"));
		}
	cJSON_AddItemToObject(o, "ipsec_sas", flows ? cJSON_CreateNumber(nsas) :
	    cJSON_CreateNull());
}

static void
addf(cJSON *arr, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
addf(cJSON *arr, const char *fmt, ...)
{
	va_list	 ap;
	char	 buf[256];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	cJSON_AddItemToArray(arr, cJSON_CreateString(buf));
}

/*
 * Check and reset, in the router's syntax: the same commands as the
 * diagnosis's verify lines (lib/diag_local.c), IOS or ASA.
 */
static void
commands(const struct rb *rb, const char *peer, const cJSON *ifs,
    const cJSON *o)
{
	cJSON		*check, *reset;
	const char	*ifn = cJSON_IsString(cJSON_GetArrayItem(ifs, 0)) ?
	    cJSON_GetArrayItem(ifs, 0)->valuestring : NULL;
	double		 cid;

	check = cJSON_AddArrayToObject((cJSON *)o, "check");
	reset = cJSON_AddArrayToObject((cJSON *)o, "reset");
	addf(check, "show crypto isakmp sa");
	addf(check, "show crypto ipsec sa peer %s", peer);
	addf(check, rb->asa ? "show running-config crypto map" :
	    "show crypto map");
	addf(check, diag_cmd_route(rb->asa), peer);
	if (rb->asa && ifn != NULL)
		addf(check, "ping %s %s", ifn, peer);
	else if (ifn != NULL)
		addf(check, "ping %s source %s", peer, ifn);
	else
		addf(check, "ping %s", peer);
	addf(reset, diag_cmd_clear_sa(rb->asa), peer);
	if (rb->asa) {
		addf(reset, "clear crypto ikev1 sa %s", peer);
		return;
	}
	if (q_num(o, "conn_id", &cid))
		addf(reset, "clear crypto isakmp %.0f", cid);
	else
		addf(reset, "clear crypto isakmp CONN-ID   ! the conn-id of "
		    "show crypto isakmp sa");
}

static cJSON *
tunnel(const struct rb *rb, const cJSON *entry, const char *peer)
{
	cJSON	*o = cJSON_CreateObject(), *m, *ifs, *k;

	cJSON_AddStringToObject(o, "router", rb->router);
	cJSON_AddStringToObject(o, "platform", rb->platform);
	cJSON_AddStringToObject(o, "peer", peer);
	cJSON_AddItemToObject(o, "snapshot_at", q_str_or_null(rb->at));
	m = cJSON_AddObjectToObject(o, "crypto_map");
	cJSON_AddItemToObject(m, "name", q_dup(entry, "map"));
	cJSON_AddItemToObject(m, "seq", q_dup(entry, "seq"));
	cJSON_AddItemToObject(m, "type", q_dup(entry, "type"));
	ifs = map_interfaces(rb, entry);
	cJSON_AddItemToObject(o, "interfaces", ifs);
	cJSON_AddItemToObject(o, "local_address",
	    q_str_or_null(local_address(rb, entry)));
	now_state(rb, peer, o);
	cJSON_AddItemToObject(o, "route", route(rb, peer));
	k = psk(rb, peer);
	cJSON_AddItemToObject(o, "phase1_policies", policies(rb, peer,
	    cJSON_IsObject(k)));
	cJSON_AddItemToObject(o, "transform_sets", transform_sets(rb, entry));
	cJSON_AddItemToObject(o, "ikev2_proposals",
	    q_dup(entry, "ikev2_proposals"));
	cJSON_AddItemToObject(o, "acl", acl(entry));
	cJSON_AddItemToObject(o, "pfs", q_dup(entry, "pfs"));
	cJSON_AddItemToObject(o, "pfs_group", q_dup(entry, "pfs_group"));
	cJSON_AddItemToObject(o, "lifetime_s", q_dup(entry, "lifetime_s"));
	cJSON_AddItemToObject(o, "lifetime_kb", q_dup(entry, "lifetime_kb"));
	cJSON_AddItemToObject(o, "dpd", dpd(rb, peer));
	cJSON_AddItemToObject(o, "natt", natt(rb));
	cJSON_AddItemToObject(o, "psk", k);
	commands(rb, peer, ifs, o);
	return o;
}

/* ---- text ---- */

#define LABEL	"%-16s"

static void
print_policy(const cJSON *p, int first)
{
	char	 bits[16] = "", life[32] = "", grp[16] = "";
	double	 d;

	if (q_num(p, "key_bits", &d))
		snprintf(bits, sizeof(bits), " %.0f", d);
	if (q_num(p, "dh_group", &d))
		snprintf(grp, sizeof(grp), ", group %.0f", d);
	if (q_num(p, "lifetime_s", &d))
		snprintf(life, sizeof(life), ", lifetime %.0f s", d);
	printf(LABEL, first ? "phase 1 policy" : "");
	if (q_num(p, "priority", &d))
		printf("%.0f: ", d);
	else
		printf("default: ");
	printf("%s%s, %s%s, %s%s%s\n", q_str(p, "encryption") ?
	    q_str(p, "encryption") : "?", bits, q_str(p, "hash") ?
	    q_str(p, "hash") : "?", grp, q_str(p, "auth") ? q_str(p, "auth") :
	    "?", life, cJSON_IsTrue(cJSON_GetObjectItem(p, "in_use")) ?
	    "  (in use)" : "");
}

static void
print_tset(const cJSON *s, int first)
{
	const cJSON	*t;

	printf(LABEL "%s:", first ? "transform set" : "", q_str(s, "name"));
	cJSON_ArrayForEach(t, jarr(s, "transforms"))
		if (cJSON_IsString(t))
			printf(" %s", t->valuestring);
	if (q_str(s, "mode") != NULL)
		printf(" (%s)", q_str(s, "mode"));
	printf("\n");
}

static void
print_list(const char *title, const cJSON *arr)
{
	const cJSON	*l;

	printf("%s:\n", title);
	cJSON_ArrayForEach(l, arr)
		printf("  %s\n", l->valuestring);
}

static void
print_opt(const char *label, const char *v)
{
	if (v != NULL)
		printf(LABEL "%s\n", label, v);
}

static void
print_map(const cJSON *o)
{
	const cJSON	*m = cJSON_GetObjectItem(o, "crypto_map"), *i;
	double		 seq = 0;
	int		 n = 0;

	q_num(m, "seq", &seq);
	printf(LABEL "%s %.0f %s", "crypto map", q_str(m, "name"), seq,
	    q_str(m, "type") ? q_str(m, "type") : "");
	cJSON_ArrayForEach(i, jarr(o, "interfaces"))
		printf("%s%s", n++ ? ", " : ", on ", i->valuestring);
	if (q_str(o, "local_address") != NULL)
		printf(", local address %s", q_str(o, "local_address"));
	printf("\n");
}

static void
print_now(const cJSON *o)
{
	char	 buf[128] = "";
	double	 d;
	size_t	 n;

	snprintf(buf, sizeof(buf), "%s", q_str(o, "phase1_state") ?
	    q_str(o, "phase1_state") : "no Phase 1 SA");
	n = strlen(buf);
	if (q_num(o, "conn_id", &d))
		n += (size_t)snprintf(buf + n, sizeof(buf) - n,
		    " (conn-id %.0f)", d);
	if (q_num(o, "ipsec_sas", &d) && n < sizeof(buf))
		snprintf(buf + n, sizeof(buf) - n, ", %.0f IPsec SAs", d);
	print_opt("state", buf);
}

static void
print_tunnel(const cJSON *o)
{
	const cJSON	*p, *a = cJSON_GetObjectItem(o, "acl"), *k;
	char		 at[40], buf[128];
	double		 s, kb;
	int		 first = 1;

	printf("== %s %s (%s, snapshot of %s)\n", q_str(o, "router"),
	    q_str(o, "peer"), q_str(o, "platform"),
	    query_local(q_str(o, "snapshot_at"), at, sizeof(at)));
	print_opt("peer", q_str(o, "peer"));
	print_map(o);
	print_now(o);
	print_opt("route to peer", q_str(o, "route"));
	cJSON_ArrayForEach(p, jarr(o, "phase1_policies")) {
		print_policy(p, first);
		first = 0;
	}
	if (first)
		print_opt("phase 1 policy", "none known");
	first = 1;
	cJSON_ArrayForEach(p, jarr(o, "transform_sets")) {
		print_tset(p, first);
		first = 0;
	}
	first = 1;
	cJSON_ArrayForEach(p, jarr(o, "ikev2_proposals")) {
		print_opt(first ? "IKEv2 proposal" : "", p->valuestring);
		first = 0;
	}
	if (cJSON_IsObject(a)) {
		print_opt("crypto ACL", q_str(a, "name"));
		cJSON_ArrayForEach(p, jarr(a, "entries"))
			print_opt("", p->valuestring);
	}
	p = cJSON_GetObjectItem(o, "pfs");
	if (cJSON_IsBool(p)) {
		snprintf(buf, sizeof(buf), "%s%s%s", cJSON_IsTrue(p) ? "yes" :
		    "no", q_str(o, "pfs_group") ? ", " : "",
		    q_str(o, "pfs_group") ? q_str(o, "pfs_group") : "");
		print_opt("PFS", buf);
	}
	if (q_num(o, "lifetime_s", &s)) {
		if (q_num(o, "lifetime_kb", &kb))
			snprintf(buf, sizeof(buf), "%.0f s, %.0f KB", s, kb);
		else
			snprintf(buf, sizeof(buf), "%.0f s", s);
		print_opt("SA lifetime", buf);
	}
	print_opt("DPD", q_str(o, "dpd"));
	print_opt("NAT-T", q_str(o, "natt"));
	k = cJSON_GetObjectItem(o, "psk");
	if (cJSON_IsObject(k)) {
		if (q_str(k, "fingerprint") != NULL)
			snprintf(buf, sizeof(buf), "set (fingerprint %s…)%s",
			    q_str(k, "fingerprint"), cJSON_IsTrue(
			    cJSON_GetObjectItem(k, "wildcard")) ?
			    ", wildcard 0.0.0.0" : "");
		else
			snprintf(buf, sizeof(buf), "set (%s in the output)",
			    q_str(k, "encoding") ? q_str(k, "encoding") :
			    "masked");
		print_opt("pre-shared key", buf);
	}
	print_list("check", cJSON_GetObjectItem(o, "check"));
	print_list("reset", cJSON_GetObjectItem(o, "reset"));
}

/* ---- driver ---- */

/* Every (map entry, peer) of a router, or the one peer asked for. */
static void
router_tunnels(const struct rb *rb, const char *peer, cJSON *out)
{
	const cJSON	*e, *p;

	cJSON_ArrayForEach(e, jarr(rb->snap[P_MAP], "entries"))
		cJSON_ArrayForEach(p, jarr(e, "peers")) {
			if (!cJSON_IsString(p) ||
			    (peer != NULL && strcmp(peer, p->valuestring) != 0))
				continue;
			cJSON_AddItemToArray(out, tunnel(rb, e, p->valuestring));
		}
}

static int
runbook(struct store *st, const struct cmd_opts *o, cJSON *out)
{
	const char	*router = o->argc > 1 ? o->argv[1] : NULL;
	const char	*peer = o->argc > 2 ? o->argv[2] : NULL;
	cJSON		*routers, *r;
	struct rb	 rb;
	int		 rc = 0;

	r = cJSON_CreateArray();
	cJSON_AddItemToArray(r, q_str_or_null(router));
	if ((routers = query_rows(st, QUERY_ROUTERS_CTE " SELECT router"
	    " FROM r WHERE router IS NOT NULL ORDER BY router", r)) == NULL)
		return EXIT_DATAERR;
	cJSON_ArrayForEach(r, routers) {
		if (rb_load(st, q_str(r, "router"), &rb) == -1) {
			rb_free(&rb);
			rc = EXIT_DATAERR;
			break;
		}
		if (router != NULL && rb.snap[P_MAP] == NULL) {
			fprintf(stderr, "ipsecwatch: no crypto map of %s has "
			    "been parsed yet\n", router);
			rc = 1;
		}
		router_tunnels(&rb, peer, out);
		rb_free(&rb);
	}
	if (rc == 0 && router != NULL && cJSON_GetArraySize(routers) == 0) {
		fprintf(stderr, "ipsecwatch: no poll of a router named %s\n",
		    router);
		rc = 1;
	} else if (rc == 0 && peer != NULL && cJSON_GetArraySize(out) == 0) {
		fprintf(stderr, "ipsecwatch: no crypto map of %s names peer "
		    "%s\n", router, peer);
		rc = 1;
	}
	cJSON_Delete(routers);
	return rc;
}

static int
cmd_runbook_exec(struct cmd_opts *o)
{
	struct store	*st;
	cJSON		*out, *t;
	int		 rc, n = 0;

	if (o->argc > 3) {
		fprintf(stderr, "usage: ipsecwatch %s\n",
		    cmd_runbook_entry.usage);
		return EXIT_USAGE;
	}
	if ((rc = query_open(o, &st)) != 0)
		return rc;
	out = cJSON_CreateArray();
	if (query_exec(st, "BEGIN") == -1)
		rc = EXIT_DATAERR;
	else {
		rc = runbook(st, o, out);
		query_exec(st, "COMMIT");
	}
	if (rc == 0 && o->json)
		query_print_json(out);
	else if (rc == 0)
		cJSON_ArrayForEach(t, out) {
			printf("%s", n++ ? "\n" : "");
			print_tunnel(t);
		}
	cJSON_Delete(out);
	store_close(st);
	return rc;
}

const struct cmd_entry cmd_runbook_entry = {
	.name = "runbook",
	.usage = "runbook [ROUTER [PEER]] [--json] [--db PATH]",
	.opts = OPT_DB,
	.exec = cmd_runbook_exec,
};

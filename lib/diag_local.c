/*
 * diag_local.c: the checks on one router: each probe's detectors on the
 * latest snapshot, and the over-time checks on its history.
 *
 * Symptoms (phase1_down, phase1_stuck, phase2_missing, counters_zero,
 * one_way_traffic, dpd_teardown_loop) are emitted without a cause; cause
 * findings (no_route_to_peer, crypto_map_wrong_interface,
 * natt_not_enabled, dpd_aggressive, and the log-driven ones) are emitted
 * on the same (router, peer) so that diag.c's ranking can join them.
 * Pure: no I/O, no clock, no globals. Any probe may be absent, any field
 * null: then that check is simply not made.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <arpa/inet.h>

#include "diag.h"
#include "util.h"

#define MAX_PEERS	64
#define MAX_EVENTS	16	/* log lines quoted per finding */

struct ctx {
	const struct diag_router	*r;
	const struct diag_opts		*o;
	struct diag_findings		*out;
	const struct diag_snapshot	*last;
	int				 asa;
	size_t				 npeers;
};

/* The Phase 1 SA of one peer in one snapshot: the best one seen. */
struct p1 {
	int		 have;		/* a Phase 1 probe was there */
	const cJSON	*sa;		/* NULL: none (or only deleted) */
	const char	*probe;		/* "isakmp_sa" or "ikev2_sa" */
	int		 ndeleted;
	int		 up;		/* 1 up, 0 not, -1 unknown */
	int		 step;		/* -1 unknown */
	int		 aggr;		/* 1 aggressive mode */
	const char	*state;
	double		 conn_id;	/* -1 unknown */
};

/* The IPsec flows of one peer in one snapshot, summed. */
struct p2 {
	int		 have;		/* ipsec_sa was there */
	int		 nflows;
	int		 nup;		/* flows with inbound and outbound SAs */
	int		 counters;	/* every flow printed both counters */
	double		 enc, dec;
	char		 spis[256];	/* outbound SPIs, in order */
	const cJSON	*spi0;		/* a flow with outbound SPI 0 */
	const cJSON	*natflow;	/* a flow that shows NAT */
};

/* ---- JSON helpers ---- */

static int
jnum(const cJSON *o, const char *k, double *d)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, k);

	if (!cJSON_IsNumber(v))
		return 0;
	*d = v->valuedouble;
	return 1;
}

static double
jnum_or(const cJSON *o, const char *k, double dflt)
{
	double	 d;

	return jnum(o, k, &d) ? d : dflt;
}

/* 1 true, 0 false, -1 null or absent. */
static const char *
nz(const char *s, const char *dflt)
{
	return s != NULL && *s != '\0' ? s : dflt;
}

/* ---- addresses ---- */

static int
v4(const char *s, uint32_t *a)
{
	struct in_addr	 in;

	if (s == NULL || inet_pton(AF_INET, s, &in) != 1)
		return 0;
	*a = ntohl(in.s_addr);
	return 1;
}

/* Does "10.0.0.0/8" cover addr? Returns the prefix length, or -1. */
static int
prefix_covers(const char *prefix, const char *addr)
{
	char		 net[64], *slash;
	uint32_t	 n, a, mask;
	int		 len;

	if (prefix == NULL || strlen(prefix) >= sizeof(net))
		return -1;
	snprintf(net, sizeof(net), "%s", prefix);
	if ((slash = strchr(net, '/')) == NULL)
		return -1;
	*slash = '\0';
	len = atoi(slash + 1);
	if (len < 0 || len > 32 || !v4(net, &n) || !v4(addr, &a))
		return -1;
	mask = len == 0 ? 0 : 0xffffffffU << (32 - len);
	return (n & mask) == (a & mask) ? len : -1;
}

/* The address as a word of text: 10.0.0.1 is not in 10.0.0.10. */
static int
text_has_addr(const char *text, const char *addr)
{
	const char	*p;
	size_t		 n = strlen(addr);

	if (text == NULL || n == 0)
		return 0;
	for (p = strstr(text, addr); p != NULL; p = strstr(p + 1, addr)) {
		int before = p > text && (p[-1] == '.' ||
		    (p[-1] >= '0' && p[-1] <= '9'));
		int after = (p[n] >= '0' && p[n] <= '9') ||
		    (p[n] == '.' && p[n + 1] >= '0' && p[n + 1] <= '9');
		if (!before && !after)
			return 1;
	}
	return 0;
}

/* ---- platform-dependent commands ---- */

static void
verify_sa(const struct ctx *c, struct diag_finding *f, const char *peer)
{
	diag_verify(f, diag_cmd_clear_sa(c->asa), peer);
	diag_verify(f, "show crypto isakmp sa");
	diag_verify(f, "show crypto ipsec sa peer %s | include pkts", peer);
}

static void
verify_debug_ike(const struct ctx *c, struct diag_finding *f,
    const char *peer)
{
	if (c->asa) {
		diag_verify(f, "debug crypto condition peer %s", peer);
		diag_verify(f, "debug crypto ikev1 127");
	} else {
		diag_verify(f, "debug crypto condition peer ipv4 %s", peer);
		diag_verify(f, "debug crypto isakmp");
	}
}

/* ---- snapshots ---- */

static int
poll_ok(const struct diag_snapshot *s)
{
	return s->poll_status == NULL || strcmp(s->poll_status, "ok") == 0;
}

/* The ASA prints its envelopes as "asa" even when the config said auto. */
static int
router_is_asa(const struct diag_router *r, const struct diag_snapshot *s)
{
	const cJSON	*p;

	if (r->platform == PLATFORM_ASA)
		return 1;
	if (r->platform != PLATFORM_AUTO || s->probes == NULL)
		return 0;
	cJSON_ArrayForEach(p, s->probes)
		if (diag_streq(diag_jstr(p, "platform"), "asa"))
			return 1;
	return 0;
}

/* The latest snapshot before index i that has probe, or -1. */
static long
prev_with(const struct diag_router *r, size_t i, const char *probe)
{
	while (i > 0) {
		i--;
		if (diag_probe(&r->snaps[i], probe) != NULL)
			return (long)i;
	}
	return -1;
}

/* ---- Phase 1 ---- */

static int
p1_better(const struct p1 *p, int up, int step)
{
	if (p->sa == NULL)
		return 1;
	if (up == 1 && p->up != 1)
		return 1;
	return p->up != 1 && step > p->step;
}

static void
p1_isakmp(const cJSON *probe, const char *peer, struct p1 *p)
{
	const cJSON	*sa;
	double		 d;

	cJSON_ArrayForEach(sa, diag_jarr(probe, "sas")) {
		int up = diag_jbool(sa, "phase1_up");
		int step = jnum(sa, "phase1_step", &d) ? (int)d : -1;

		/*
		 * IOS prints the responder as dst: on the responder the peer
		 * is the src.
		 */
		if (!diag_streq(diag_jstr(sa, "dst"), peer) &&
		    !diag_streq(diag_jstr(sa, "src"), peer) &&
		    !diag_streq(diag_jstr(sa, "peer"), peer))
			continue;
		if (diag_jbool(sa, "deleted") == 1) {
			p->ndeleted++;
			continue;
		}
		if (!p1_better(p, up, step))
			continue;
		p->sa = sa;
		p->probe = "isakmp_sa";
		p->up = up;
		p->step = step;
		p->aggr = diag_jbool(sa, "aggressive") == 1;
		p->state = diag_jstr(sa, "state");
		p->conn_id = jnum_or(sa, "conn_id", -1);
	}
}

static void
p1_ikev2(const cJSON *probe, const char *peer, struct p1 *p)
{
	const cJSON	*sa;

	cJSON_ArrayForEach(sa, diag_jarr(probe, "sas")) {
		const char *st = diag_jstr(sa, "status");
		int up = diag_streq(st, "READY");

		if (!diag_streq(diag_jstr(sa, "remote"), peer))
			continue;
		if (!p1_better(p, up, up ? 7 : -1))
			continue;
		p->sa = sa;
		p->probe = "ikev2_sa";
		p->up = up;
		p->step = up ? 7 : -1;
		p->aggr = 0;
		p->state = st;
		p->conn_id = jnum_or(sa, "session_id", -1);
	}
}

static void
p1_get(const struct diag_snapshot *s, const char *peer, struct p1 *p)
{
	const cJSON	*probe;

	memset(p, 0, sizeof(*p));
	p->up = -1;
	p->step = -1;
	p->conn_id = -1;
	if ((probe = diag_probe(s, "isakmp_sa")) != NULL) {
		p->have = 1;
		p1_isakmp(probe, peer, p);
	}
	if ((probe = diag_probe(s, "ikev2_sa")) != NULL) {
		p->have = 1;
		p1_ikev2(probe, peer, p);
	}
}

static int
p1_auth_step(const struct p1 *p)
{
	if (p->sa == NULL || p->up == 1)
		return 0;
	return p->aggr ? p->step == 3 : (p->step == 5 || p->step == 6);
}

static void
p1_evidence(struct diag_finding *f, const struct p1 *p, int polls)
{
	char	 n[32] = "";

	if (polls > 1)
		snprintf(n, sizeof(n), " (%d polls)", polls);
	if (diag_streq(p->probe, "ikev2_sa")) {
		diag_evidence(f, "ikev2_sa: remote %s status %s%s",
		    nz(diag_jstr(p->sa, "remote"), "?"), nz(p->state, "?"), n);
		return;
	}
	if (diag_jstr(p->sa, "src") == NULL)		/* ASA */
		diag_evidence(f, "isakmp_sa: peer %s state %s role %s%s",
		    nz(diag_jstr(p->sa, "peer"), nz(diag_jstr(p->sa, "dst"), "?")),
		    nz(p->state, "?"), nz(diag_jstr(p->sa, "role"), "?"), n);
	else if (p->conn_id >= 0)
		diag_evidence(f, "isakmp_sa: dst %s src %s state %s conn-id "
		    "%.0f%s", nz(diag_jstr(p->sa, "dst"), "?"), diag_jstr(p->sa, "src"),
		    nz(p->state, "?"), p->conn_id, n);
	else
		diag_evidence(f, "isakmp_sa: dst %s src %s state %s%s",
		    nz(diag_jstr(p->sa, "dst"), "?"), diag_jstr(p->sa, "src"),
		    nz(p->state, "?"), n);
}

/* What the negotiation waits for, in words. "authentication" is a key
   word for the ranking: only the authentication steps may use it. */
static void
step_text(const struct p1 *p, char *buf, size_t len)
{
	const char	*st = nz(p->state, "?");

	if (p->aggr && p->step == 1)
		snprintf(buf, len, "waiting for the peer's Aggressive Mode "
		    "reply (%s)", st);
	else if (p->aggr && p->step == 2)
		snprintf(buf, len, "waiting for the last Aggressive Mode "
		    "message (%s)", st);
	else if (p->aggr && p->step == 3)
		snprintf(buf, len, "at the authentication of the last "
		    "Aggressive Mode message (%s)", st);
	else if (p->step == 2)
		snprintf(buf, len, "waiting for the peer's second Main Mode "
		    "message (%s): no answer to our proposals", st);
	else if (p->step == 3 || p->step == 4)
		snprintf(buf, len, "waiting for the peer's Diffie-Hellman "
		    "exchange, Main Mode message %d (%s)", p->step, st);
	else if (p->step == 5)
		snprintf(buf, len, "at the authentication step, waiting for "
		    "Main Mode message 5 (%s): keys exchanged, the peer's "
		    "identity not proven", st);
	else if (p->step == 6)
		snprintf(buf, len, "at the authentication step, waiting for "
		    "the peer's Main Mode message 6 (%s): the peer did not "
		    "accept our identity or key", st);
	else
		snprintf(buf, len, "in state %s", st);
}

static int
p1_same(const struct p1 *a, const struct p1 *b)
{
	if (a->sa == NULL || b->sa == NULL || a->up == 1 || b->up == 1)
		return 0;
	if (a->step >= 0 && b->step >= 0)
		return a->step == b->step && a->aggr == b->aggr;
	return diag_streq(a->state, b->state);
}

/* Not up at the same step in the last stuck_polls snapshots. */
static int
p1_stuck(const struct ctx *c, const char *peer, const struct p1 *cur)
{
	struct p1	 p;
	size_t		 want, i;

	want = c->o->stuck_polls > 1 ? (size_t)c->o->stuck_polls : 1;
	if (c->r->nsnaps < want || cur->sa == NULL || cur->up == 1)
		return 0;
	for (i = 1; i < want; i++) {
		p1_get(&c->r->snaps[c->r->nsnaps - 1 - i], peer, &p);
		if (!p.have || !p1_same(&p, cur))
			return 0;
	}
	return (int)want;
}

/* ---- IPsec flows ---- */

static int
flow_of(const cJSON *flow, const char *peer)
{
	const char	*fp = diag_jstr(flow, "peer");

	return fp != NULL ? strcmp(fp, peer) == 0 :
	    diag_streq(diag_jstr(flow, "remote_endpoint"), peer);
}

static int
nsas(const cJSON *flow, const char *a, const char *b)
{
	return cJSON_GetArraySize(diag_jarr(flow, a)) +
	    cJSON_GetArraySize(diag_jarr(flow, b));
}

static int
flow_up(const cJSON *flow)
{
	return nsas(flow, "inbound_esp", "inbound_ah") > 0 &&
	    nsas(flow, "outbound_esp", "outbound_ah") > 0;
}

static int
flow_nat(const cJSON *flow, const char *peer)
{
	const char	*re = diag_jstr(flow, "remote_endpoint");

	return jnum_or(flow, "peer_port", 0) == 4500 ||
	    jnum_or(flow, "remote_endpoint_port", 0) == 4500 ||
	    (re != NULL && strcmp(re, peer) != 0);
}

static void
p2_flow(struct p2 *t, const cJSON *flow, const char *peer)
{
	double	 e, d, spi;
	size_t	 n;

	t->nflows++;
	if (flow_nat(flow, peer) && t->natflow == NULL)
		t->natflow = flow;
	if (jnum(flow, "current_outbound_spi", &spi) && spi == 0 &&
	    t->spi0 == NULL)
		t->spi0 = flow;
	if (!flow_up(flow))
		return;
	t->nup++;
	if (jnum(flow, "pkts_encaps", &e) && jnum(flow, "pkts_decaps", &d)) {
		t->enc += e;
		t->dec += d;
	} else
		t->counters = 0;
	n = strlen(t->spis);
	snprintf(t->spis + n, sizeof(t->spis) - n, "%.0f,",
	    jnum_or(flow, "current_outbound_spi", -1));
}

static void
p2_get(const struct diag_snapshot *s, const char *peer, struct p2 *t)
{
	const cJSON	*probe, *it, *flow;

	memset(t, 0, sizeof(*t));
	t->counters = 1;
	if ((probe = diag_probe(s, "ipsec_sa")) == NULL)
		return;
	t->have = 1;
	cJSON_ArrayForEach(it, diag_jarr(probe, "interfaces"))
		cJSON_ArrayForEach(flow, diag_jarr(it, "flows"))
			if (flow_of(flow, peer))
				p2_flow(t, flow, peer);
}

static void
ident_text(const cJSON *id, char *buf, size_t len)
{
	double	 pl;

	if (diag_jstr(id, "addr") == NULL)
		snprintf(buf, len, "?");
	else if (jnum(id, "prefix_len", &pl))
		snprintf(buf, len, "%s/%.0f", diag_jstr(id, "addr"), pl);
	else
		snprintf(buf, len, "%s", diag_jstr(id, "addr"));
}

static void
flow_evidence(struct diag_finding *f, const cJSON *flow, const char *what)
{
	char	 l[80], r[80];

	ident_text(cJSON_GetObjectItemCaseSensitive(flow, "local_ident"), l,
	    sizeof(l));
	ident_text(cJSON_GetObjectItemCaseSensitive(flow, "remote_ident"), r,
	    sizeof(r));
	diag_evidence(f, "ipsec_sa: local ident %s remote ident %s peer %s: %s",
	    l, r, nz(diag_jstr(flow, "peer"), nz(diag_jstr(flow, "remote_endpoint"),
	    "?")), what);
}

/* ---- crypto map ---- */

static const cJSON *
map_entry(const struct ctx *c, const char *peer)
{
	const cJSON	*p, *e, *a;

	if ((p = diag_probe(c->last, "crypto_map")) == NULL)
		return NULL;
	cJSON_ArrayForEach(e, diag_jarr(p, "entries"))
		cJSON_ArrayForEach(a, diag_jarr(e, "peers"))
			if (cJSON_IsString(a) && strcmp(a->valuestring, peer) == 0)
				return e;
	return NULL;
}

/* The interfaces a crypto map is applied to; returns how many. */
static size_t
map_ifaces(const struct ctx *c, const cJSON *entry, const char *out[],
    size_t max)
{
	const cJSON	*p, *it;
	const char	*map = diag_jstr(entry, "map");
	size_t		 n = 0, i;

	cJSON_ArrayForEach(it, diag_jarr(entry, "interfaces"))
		if (cJSON_IsString(it) && n < max)
			out[n++] = it->valuestring;
	if ((p = diag_probe(c->last, "interface_crypto")) == NULL)
		return n;
	cJSON_ArrayForEach(it, diag_jarr(p, "interfaces")) {
		const char *ifn = (c->asa && diag_jstr(it, "nameif") != NULL) ?
		    diag_jstr(it, "nameif") : diag_jstr(it, "interface");
		if (!diag_streq(diag_jstr(it, "crypto_map"), map) || ifn == NULL)
			continue;
		for (i = 0; i < n; i++)
			if (strcasecmp(out[i], ifn) == 0)
				break;
		if (i == n && n < max)
			out[n++] = ifn;
	}
	return n;
}

/* An interface is known by its name or (ASA) its nameif. */
static const cJSON *
iface_by_name(const struct ctx *c, const char *name)
{
	const cJSON	*p, *it;

	if (name == NULL ||
	    (p = diag_probe(c->last, "interface_crypto")) == NULL)
		return NULL;
	cJSON_ArrayForEach(it, diag_jarr(p, "interfaces"))
		if ((diag_jstr(it, "interface") != NULL &&
		    strcasecmp(diag_jstr(it, "interface"), name) == 0) ||
		    (diag_jstr(it, "nameif") != NULL &&
		    strcasecmp(diag_jstr(it, "nameif"), name) == 0))
			return it;
	return NULL;
}

static int
same_iface(const struct ctx *c, const char *a, const char *b)
{
	const cJSON	*ia;

	if (strcasecmp(a, b) == 0)
		return 1;
	ia = iface_by_name(c, a);
	return ia != NULL && ia == iface_by_name(c, b);
}

static void
map_evidence(const struct ctx *c, struct diag_finding *f, const cJSON *e,
    const char *peer)
{
	const char	*ifs[8];
	char		 on[256] = "";
	size_t		 n, i, len = 0;

	n = map_ifaces(c, e, ifs, NITEMS(ifs));
	for (i = 0; i < n && len < sizeof(on); i++)
		len += (size_t)snprintf(on + len, sizeof(on) - len, "%s%s",
		    i ? ", " : " on ", ifs[i]);
	diag_evidence(f, "crypto_map: %s %.0f peer %s%s",
	    nz(diag_jstr(e, "map"), "?"), jnum_or(e, "seq", 0), peer,
	    n ? on : " (applied to no interface)");
}

/* ---- routes ---- */

struct route {
	int		 known;
	int		 found;
	const char	*egress;
	const char	*via;
	const char	*prefix;
	int		 table;		/* looked up in a full table */
};

/* The longest route of a full table that covers peer. */
static void
route_table(const cJSON *res, const char *peer, struct route *rt)
{
	const cJSON	*r, *nh, *best = NULL;
	int		 bl = -1, l;

	cJSON_ArrayForEach(r, diag_jarr(res, "routes")) {
		if (diag_jstr(r, "vrf") != NULL)
			continue;
		if ((l = prefix_covers(diag_jstr(r, "prefix"), peer)) > bl) {
			bl = l;
			best = r;
		}
	}
	rt->known = 1;
	rt->table = 1;
	rt->found = best != NULL;
	if (best == NULL)
		return;
	rt->prefix = diag_jstr(best, "prefix");
	rt->egress = diag_jstr(best, "interface");
	nh = cJSON_GetArrayItem(diag_jarr(best, "next_hops"), 0);
	rt->via = diag_jstr(nh, "via");
	if (rt->egress == NULL)
		rt->egress = diag_jstr(nh, "interface");
}

static void
route_from(const cJSON *res, struct route *rt)
{
	const cJSON	*nh = cJSON_GetArrayItem(diag_jarr(res, "next_hops"), 0);

	rt->known = 1;
	rt->found = diag_jbool(res, "found") == 1;
	rt->prefix = diag_jstr(res, "prefix");
	rt->egress = diag_jstr(res, "egress_interface");
	rt->via = diag_jstr(nh, "via");
}

/*
 * The route to peer, from the ip_route results ("ip_route", "ip_route#5").
 * A result names its target only when the output kept the command echo;
 * without it, a found route counts when its prefix covers the peer, and a
 * "not in table" only when the router has a single peer.
 */
static void
route_get(const struct ctx *c, const char *peer, struct route *rt)
{
	const cJSON	*res, *nf = NULL;
	int		 bl = -1, l;

	memset(rt, 0, sizeof(*rt));
	if (c->last->probes == NULL)
		return;
	cJSON_ArrayForEach(res, c->last->probes) {
		const char *tgt;

		if (res->string == NULL ||
		    strncmp(res->string, "ip_route", 8) != 0 ||
		    !cJSON_IsTrue(cJSON_GetObjectItem(res, "ok")))
			continue;
		tgt = diag_jstr(res, "target");
		if (tgt != NULL && strcmp(tgt, peer) != 0)
			continue;
		if (diag_jbool(res, "found") == -1) {
			if (cJSON_GetArraySize(diag_jarr(res, "routes")) > 0 &&
			    (tgt != NULL || !rt->known))
				route_table(res, peer, rt);
			continue;
		}
		if (tgt != NULL) {
			route_from(res, rt);
			return;
		}
		if (diag_jbool(res, "found") == 0)
			nf = res;
		else if ((l = prefix_covers(diag_jstr(res, "prefix"), peer)) > bl) {
			bl = l;
			route_from(res, rt);
		}
	}
	if (!rt->known && nf != NULL && c->npeers == 1)
		route_from(nf, rt);
}

static void
check_no_route(const struct ctx *c, const char *peer, const struct route *rt,
    const cJSON *entry)
{
	struct diag_finding	*f;
	const char		*ifs[8];
	size_t			 n = 0;

	if (!rt->known || rt->found)
		return;
	f = diag_add(c->out, K_NO_ROUTE, S_WARNING, c->r->name, peer);
	diag_summary(f, "No route to peer %s: IKE and ESP packets for it "
	    "cannot leave %s", peer, c->r->name);
	if (rt->table)
		diag_evidence(f, "ip_route: no route in the table covers %s "
		    "and there is no gateway of last resort", peer);
	else
		diag_evidence(f, "ip_route: %s: %% Network not in table",
		    peer);
	if (entry != NULL) {
		map_evidence(c, f, entry, peer);
		n = map_ifaces(c, entry, ifs, NITEMS(ifs));
	}
	diag_fix(f, "! NEXT-HOP is not known here: fill in the gateway "
	    "towards %s%s%s", peer, n ? " on " : "", n ? ifs[0] : "");
	if (c->asa)
		diag_fix(f, "route %s %s 255.255.255.255 NEXT-HOP",
		    n ? ifs[0] : "outside", peer);
	else
		diag_fix(f, "ip route %s 255.255.255.255 NEXT-HOP", peer);
	diag_verify(f, diag_cmd_route(c->asa), peer);
	diag_verify(f, "ping %s", peer);
	verify_sa(c, f, peer);
}

static void
wrong_if_fix(const struct ctx *c, struct diag_finding *f, const char *map,
    const char *wrong, const char *egress)
{
	if (c->asa) {
		if (wrong != NULL)
			diag_fix(f, "no crypto map %s interface %s", map, wrong);
		diag_fix(f, "crypto map %s interface %s", map, egress);
		return;
	}
	if (wrong != NULL) {
		diag_fix(f, "interface %s", wrong);
		diag_fix(f, " no crypto map %s", map);
	}
	diag_fix(f, "interface %s", egress);
	diag_fix(f, " crypto map %s", map);
}

/* The map's local address is not on the interface the peer is reached by. */
static void
check_local_addr(const struct ctx *c, const char *peer,
    const struct route *rt, const cJSON *entry)
{
	struct diag_finding	*f;
	const cJSON		*ifc, *a;
	const char		*la = diag_jstr(entry, "local_address");
	char			 have[128] = "";
	size_t			 len = 0;

	if (la == NULL || rt->egress == NULL ||
	    (ifc = iface_by_name(c, rt->egress)) == NULL ||
	    cJSON_GetArraySize(diag_jarr(ifc, "addresses")) == 0)
		return;
	cJSON_ArrayForEach(a, diag_jarr(ifc, "addresses")) {
		if (diag_streq(diag_jstr(a, "addr"), la))
			return;
		if (diag_jstr(a, "addr") != NULL && len < sizeof(have))
			len += (size_t)snprintf(have + len, sizeof(have) - len,
			    "%s%s", len ? ", " : "", diag_jstr(a, "addr"));
	}
	f = diag_add(c->out, K_WRONG_IF, S_WARNING, c->r->name, peer);
	diag_summary(f, "Crypto map %s sources from %s, but the route to %s "
	    "leaves by %s (%s)", nz(diag_jstr(entry, "map"), "?"), la, peer,
	    rt->egress, have);
	diag_evidence(f, "crypto_map: %s local address %s",
	    nz(diag_jstr(entry, "map"), "?"), la);
	diag_evidence(f, "interface_crypto: %s has %s", rt->egress, have);
	if (c->asa)
		diag_fix(f, "crypto map %s interface %s",
		    nz(diag_jstr(entry, "map"), "?"), rt->egress);
	else
		diag_fix(f, "crypto map %s local-address %s",
		    nz(diag_jstr(entry, "map"), "?"), rt->egress);
	diag_verify(f, "show crypto map");
	verify_sa(c, f, peer);
}

static void
check_wrong_if(const struct ctx *c, const char *peer, const struct route *rt,
    const cJSON *entry)
{
	struct diag_finding	*f;
	const char		*ifs[8], *map;
	size_t			 n, i;

	if (entry == NULL || !rt->known || !rt->found)
		return;
	check_local_addr(c, peer, rt, entry);
	if (rt->egress == NULL ||
	    (n = map_ifaces(c, entry, ifs, NITEMS(ifs))) == 0)
		return;
	for (i = 0; i < n; i++)
		if (same_iface(c, ifs[i], rt->egress))
			return;
	map = nz(diag_jstr(entry, "map"), "?");
	f = diag_add(c->out, K_WRONG_IF, S_WARNING, c->r->name, peer);
	diag_summary(f, "The route to %s leaves by %s, but crypto map %s is "
	    "applied to %s: IKE goes out unprotected on the wrong interface",
	    peer, rt->egress, map, ifs[0]);
	diag_evidence(f, "ip_route: %s via %s on %s (%s)", peer,
	    nz(rt->via, "directly connected"), rt->egress,
	    nz(rt->prefix, "?"));
	map_evidence(c, f, entry, peer);
	wrong_if_fix(c, f, map, ifs[0], rt->egress);
	diag_verify(f, "show crypto map");
	diag_verify(f, diag_cmd_route(c->asa), peer);
	verify_sa(c, f, peer);
}

/* ---- the symptoms ---- */

static void
check_phase1(const struct ctx *c, const char *peer, const struct p2 *t)
{
	struct diag_finding	*f;
	struct p1		 p;
	char			 what[200];
	int			 polls;

	p1_get(c->last, peer, &p);
	if (!p.have)
		return;
	if ((polls = p1_stuck(c, peer, &p)) > 0) {
		f = diag_add(c->out, K_PHASE1_STUCK, S_CRITICAL, c->r->name,
		    peer);
		step_text(&p, what, sizeof(what));
		diag_summary(f, "Tunnel to %s down: Phase 1 stuck for %d "
		    "polls, %s", peer, polls, what);
		p1_evidence(f, &p, polls);
		return;
	}
	/* IPsec SAs up: Phase 1 was done (an expired IKEv1 SA, or IKEv2). */
	if (t->nup > 0)
		return;
	if (p.sa != NULL && (p.up == 1 || p.aggr || p.step != 2))
		return;
	f = diag_add(c->out, K_PHASE1_DOWN, S_CRITICAL, c->r->name, peer);
	if (p.sa != NULL) {
		diag_summary(f, "Tunnel to %s down: Phase 1 gets no answer "
		    "(%s, waiting for the peer's second Main Mode message)",
		    peer, nz(p.state, "?"));
		p1_evidence(f, &p, 1);
	} else if (p.ndeleted > 0) {
		diag_summary(f, "Tunnel to %s down: its only Phase 1 (IKE) SA "
		    "is deleted", peer);
		diag_evidence(f, "isakmp_sa: only deleted SAs for %s", peer);
	} else {
		diag_summary(f, "Tunnel to %s down: no Phase 1 (IKE) SA with "
		    "the peer", peer);
		diag_evidence(f, "isakmp_sa: no SA for %s", peer);
	}
}

static void
check_phase2(const struct ctx *c, const char *peer, const struct p2 *t)
{
	struct diag_finding	*f;
	struct p1		 p;

	p1_get(c->last, peer, &p);
	if (!t->have || p.up != 1 || (t->nup > 0 && t->spi0 == NULL))
		return;
	f = diag_add(c->out, K_PHASE2_MISSING, S_CRITICAL, c->r->name, peer);
	diag_summary(f, "Tunnel to %s down: Phase 1 is up (%s) but no IPsec "
	    "SA is built (Phase 2 fails)", peer, nz(p.state, "?"));
	p1_evidence(f, &p, 1);
	if (t->spi0 != NULL)
		flow_evidence(f, t->spi0, "current outbound spi 0x0");
	else
		diag_evidence(f, "ipsec_sa: no IPsec SA for %s", peer);
	verify_sa(c, f, peer);
}

static void
check_traffic(const struct ctx *c, const char *peer, const struct p2 *t)
{
	struct diag_finding	*f;
	struct p2		 o;
	long			 i;
	double			 de, dd;

	if (t->nup == 0 || !t->counters)
		return;
	if (t->enc == 0 && t->dec == 0) {
		f = diag_add(c->out, K_COUNTERS_ZERO, S_WARNING, c->r->name,
		    peer);
		diag_summary(f, "IPsec SAs to %s are up but carry no traffic "
		    "(encaps 0, decaps 0)", peer);
		diag_evidence(f, "ipsec_sa: peer %s #pkts encaps: 0, "
		    "#pkts decaps: 0", peer);
		verify_sa(c, f, peer);
		return;
	}
	if ((i = prev_with(c->r, c->r->nsnaps - 1, "ipsec_sa")) < 0)
		return;
	p2_get(&c->r->snaps[i], peer, &o);
	/* A new SPI or a counter going down is a rebuild, not traffic. */
	if (o.nup == 0 || !o.counters || strcmp(o.spis, t->spis) != 0 ||
	    t->enc < o.enc || t->dec < o.dec)
		return;
	de = t->enc - o.enc;
	dd = t->dec - o.dec;
	if (de == 0 && dd == 0) {
		f = diag_add(c->out, K_COUNTERS_ZERO, S_WARNING, c->r->name,
		    peer);
		diag_summary(f, "Traffic to %s frozen: encaps %.0f and decaps "
		    "%.0f unchanged since the last poll", peer, t->enc, t->dec);
	} else if (de > 0 && dd == 0) {
		f = diag_add(c->out, K_ONE_WAY, S_WARNING, c->r->name, peer);
		diag_summary(f, "One-way traffic to %s: outbound only, encaps "
		    "+%.0f, decaps +0 since the last poll: nothing comes back",
		    peer, de);
	} else if (dd > 0 && de == 0) {
		f = diag_add(c->out, K_ONE_WAY, S_WARNING, c->r->name, peer);
		diag_summary(f, "One-way traffic to %s: inbound only, decaps "
		    "+%.0f, encaps +0 since the last poll: nothing goes back",
		    peer, dd);
	} else
		return;
	diag_evidence(f, "ipsec_sa: peer %s #pkts encaps: %.0f -> %.0f, "
	    "#pkts decaps: %.0f -> %.0f (%lld s apart)", peer, o.enc, t->enc,
	    o.dec, t->dec, (long long)(c->last->at - c->r->snaps[i].at));
	verify_sa(c, f, peer);
}

/* ---- the log buffer ---- */

/* "*Mar  1 00:10:12.123", "Nov 29 06:10:06.123 UTC", "Nov 29 2026
   06:10:06": seconds on a scale of our own, good for differences. */
static int
log_time(const char *s, long long *t)
{
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	static const int	 cum[] = { 0, 31, 59, 90, 120, 151, 181, 212,
	    243, 273, 304, 334 };
	size_t			 m;
	int			 day, y = 0, h, mi, sec;

	if (s == NULL)
		return 0;
	while (*s == '*' || *s == '.' || *s == ' ')
		s++;
	for (m = 0; m < NITEMS(months); m++)
		if (strncmp(s, months[m], 3) == 0)
			break;
	if (m == NITEMS(months))
		return 0;
	/* The year form first: "29 2026 06:10:06" reads as day 29 hour 2026. */
	if (sscanf(s + 3, "%d %d %d:%d:%d", &day, &y, &h, &mi, &sec) != 5) {
		y = 0;
		if (sscanf(s + 3, "%d %d:%d:%d", &day, &h, &mi, &sec) != 4)
			return 0;
	}
	*t = ((long long)y * 366 + cum[m] + day) * 86400LL + h * 3600LL +
	    mi * 60LL + sec;
	return 1;
}

static void
event_line(const cJSON *ev, char *buf, size_t len)
{
	if (diag_jstr(ev, "time") != NULL)
		snprintf(buf, len, "logging: %s: %s", diag_jstr(ev, "time"),
		    nz(diag_jstr(ev, "text"), ""));
	else
		snprintf(buf, len, "logging: %s", nz(diag_jstr(ev, "text"), ""));
}

static int
event_names(const cJSON *ev, const char *peer)
{
	const char	*ep = diag_jstr(ev, "peer");

	return ep != NULL ? strcmp(ep, peer) == 0 :
	    text_has_addr(diag_jstr(ev, "text"), peer);
}

static int
event_named(const cJSON *ev)
{
	return diag_jstr(ev, "peer") != NULL;
}

/*
 * Is event ev about peer? It names it; or it names no one (a debug line
 * such as "ISAKMP:(0):no offers accepted!") and either the router has a
 * single peer or the closest earlier line that names a peer, within 5 s,
 * names this one (debug lines of one exchange follow each other).
 */
static int
event_for(const struct ctx *c, const cJSON *events, const cJSON *ev,
    const char *peer)
{
	const cJSON	*e, *named = NULL;
	long long	 t0, t1;

	if (event_named(ev) || text_has_addr(diag_jstr(ev, "text"), peer))
		return event_names(ev, peer);
	if (c->npeers == 1)
		return 1;
	cJSON_ArrayForEach(e, events) {
		if (e == ev)
			break;
		if (event_named(e))
			named = e;
	}
	if (named == NULL || !event_names(named, peer))
		return 0;
	if (log_time(diag_jstr(named, "time"), &t0) &&
	    log_time(diag_jstr(ev, "time"), &t1))
		return t1 >= t0 && t1 - t0 <= 5;
	return named->next == ev;
}

static int
kind_in(const char *kind, const char *const *list)
{
	for (; *list != NULL; list++)
		if (diag_streq(kind, *list))
			return 1;
	return 0;
}

/* ---- cause findings from the log ---- */

static void
p1_policy_fix(const struct ctx *c, struct diag_finding *f)
{
	const cJSON	*p, *pol;
	double		 d;

	if ((p = diag_probe(c->last, "isakmp_policy")) == NULL)
		return;
	diag_fix(f, "! the peer's configuration is needed: one of its "
	    "policies must match one of ours exactly");
	cJSON_ArrayForEach(pol, diag_jarr(p, "policies")) {
		if (diag_jbool(pol, "default") == 1 || !jnum(pol, "priority", &d))
			continue;
		diag_fix(f, c->asa ? "crypto ikev1 policy %.0f" :
		    "crypto isakmp policy %.0f", d);
		if (diag_jstr(pol, "encryption") != NULL &&
		    jnum(pol, "key_bits", &d) && diag_streq(diag_jstr(pol, "encryption"),
		    "aes"))
			diag_fix(f, c->asa ? " encryption aes-%.0f" :
			    " encryption aes %.0f", d);
		else if (diag_jstr(pol, "encryption") != NULL)
			diag_fix(f, " encryption %s", diag_jstr(pol, "encryption"));
		if (diag_jstr(pol, "hash") != NULL)
			diag_fix(f, " hash %s", diag_jstr(pol, "hash"));
		if (diag_streq(diag_jstr(pol, "auth"), "psk"))
			diag_fix(f, " authentication pre-share");
		else if (diag_jstr(pol, "auth") != NULL)
			diag_fix(f, " authentication %s", diag_jstr(pol, "auth"));
		if (jnum(pol, "dh_group", &d))
			diag_fix(f, " group %.0f", d);
		if (jnum(pol, "lifetime_s", &d))
			diag_fix(f, " lifetime %.0f", d);
	}
}

static void
psk_fix(const struct ctx *c, struct diag_finding *f, const char *peer)
{
	diag_fix(f, "! the key must be the same on both ends (compare the "
	    "psk_fingerprint of both routers)");
	if (c->asa) {
		diag_fix(f, "tunnel-group %s ipsec-attributes", peer);
		diag_fix(f, " ikev1 pre-shared-key KEY-AS-ON-%s", peer);
	} else
		diag_fix(f, "crypto isakmp key KEY-AS-ON-%s address %s", peer,
		    peer);
}

/* "esp-256-aes" (show) is "esp-aes 256" (config); the ASA's are the same. */
static void
transform_conf(const char *t, char *buf, size_t len)
{
	int	 bits;

	if (sscanf(t, "esp-%d-aes", &bits) == 1)
		snprintf(buf, len, "esp-aes %d", bits);
	else
		snprintf(buf, len, "%s", t);
}

static const cJSON *
tset_by_name(const struct ctx *c, const char *name)
{
	const cJSON	*p, *s;

	if ((p = diag_probe(c->last, "ipsec_transform_set")) == NULL)
		return NULL;
	cJSON_ArrayForEach(s, diag_jarr(p, "sets"))
		if (diag_streq(diag_jstr(s, "name"), name))
			return s;
	return NULL;
}

static void
tset_fix(const struct ctx *c, struct diag_finding *f, const cJSON *set)
{
	const cJSON	*t;
	char		 line[256], conf[64];
	size_t		 len;

	len = (size_t)snprintf(line, sizeof(line), c->asa ?
	    "crypto ipsec ikev1 transform-set %s" :
	    "crypto ipsec transform-set %s", nz(diag_jstr(set, "name"), "?"));
	cJSON_ArrayForEach(t, diag_jarr(set, "transforms")) {
		if (!cJSON_IsString(t) || len >= sizeof(line))
			continue;
		transform_conf(t->valuestring, conf, sizeof(conf));
		len += (size_t)snprintf(line + len, sizeof(line) - len, " %s",
		    conf);
	}
	diag_fix(f, "%s", line);
}

static void
p2_transform_fix(const struct ctx *c, struct diag_finding *f,
    const char *peer)
{
	const cJSON	*e = map_entry(c, peer), *ts, *set;

	if (e == NULL)
		return;
	diag_fix(f, "! the peer's configuration is needed: it must propose "
	    "one of these transform sets");
	cJSON_ArrayForEach(ts, diag_jarr(e, "transform_sets")) {
		if (!cJSON_IsString(ts))
			continue;
		if ((set = tset_by_name(c, ts->valuestring)) != NULL)
			tset_fix(c, f, set);
		diag_fix(f, c->asa ? "crypto map %s %.0f set ikev1 "
		    "transform-set %s" : "crypto map %s %.0f set "
		    "transform-set %s", nz(diag_jstr(e, "map"), "?"),
		    jnum_or(e, "seq", 0), ts->valuestring);
	}
}

/* "host A", "any", "A W" as IOS writes them. */
static void
acl_addr(const char *a, const char *w, char *buf, size_t len)
{
	if (diag_streq(w, "0.0.0.0") || w == NULL)
		snprintf(buf, len, "host %s", nz(a, "?"));
	else if (diag_streq(a, "0.0.0.0") && diag_streq(w, "255.255.255.255"))
		snprintf(buf, len, "any");
	else
		snprintf(buf, len, "%s %s", nz(a, "?"), w);
}

static void
acl_fix(const struct ctx *c, struct diag_finding *f, const char *peer)
{
	const cJSON	*e = map_entry(c, peer), *a;
	char		 src[80], dst[80];

	if (e == NULL || cJSON_GetArraySize(diag_jarr(e, "acl_entries")) == 0)
		return;
	diag_fix(f, "! on %s: its crypto ACL must be the mirror image of %s",
	    peer, nz(diag_jstr(e, "acl"), "ours"));
	diag_fix(f, "ip access-list extended MIRROR-OF-%s",
	    nz(diag_jstr(e, "acl"), "ACL"));
	cJSON_ArrayForEach(a, diag_jarr(e, "acl_entries")) {
		if (!diag_streq(diag_jstr(a, "action"), "permit"))
			continue;
		acl_addr(diag_jstr(a, "src"), diag_jstr(a, "src_wildcard"), src,
		    sizeof(src));
		acl_addr(diag_jstr(a, "dst"), diag_jstr(a, "dst_wildcard"), dst,
		    sizeof(dst));
		diag_fix(f, " permit %s %s %s", nz(diag_jstr(a, "protocol"), "ip"),
		    dst, src);
	}
}

struct log_cause {
	const char	*kind;
	const char	*summary;
	const char	*const *events;
};

static const char *const ev_p1[] = { "no_offers_accepted",
    "atts_not_acceptable", "phase1_policy_not_acceptable", "policy_mismatch",
    NULL };
static const char *const ev_psk[] = { "auth_failed", "bad_message",
    "reserved_not_zero", "no_psk", NULL };
static const char *const ev_mode[] = { "ikmp_mode_failure", NULL };
static const char *const ev_p2[] = { "transform_proposal_not_supported",
    NULL };
static const char *const ev_acl[] = { "proxy_identities_not_supported",
    "recvd_pkt_not_ipsec", NULL };

static const struct log_cause log_causes[] = {
	{ K_P1_PROPOSAL, "Peer %s rejects our Phase 1 (ISAKMP) proposals: "
	    "no common policy", ev_p1 },
	{ K_PSK, "Pre-shared key mismatch with %s: authentication fails",
	    ev_psk },
	{ K_P2_TRANSFORM, "Peer %s rejects our Phase 2 transform set", ev_p2 },
	{ K_ACL_MIRROR, "Crypto ACLs with %s are not mirror images: proxy "
	    "identities refused", ev_acl },
};

static void
log_cause_fix(const struct ctx *c, struct diag_finding *f, const char *kind,
    const char *peer)
{
	if (diag_streq(kind, K_P1_PROPOSAL)) {
		p1_policy_fix(c, f);
		verify_debug_ike(c, f, peer);
		diag_verify(f, "show crypto isakmp sa");
	} else if (diag_streq(kind, K_PSK)) {
		psk_fix(c, f, peer);
		verify_debug_ike(c, f, peer);
		diag_verify(f, "show crypto isakmp sa");
	} else if (diag_streq(kind, K_P2_TRANSFORM)) {
		p2_transform_fix(c, f, peer);
		diag_verify(f, "debug crypto ipsec");
		verify_sa(c, f, peer);
	} else {
		acl_fix(c, f, peer);
		diag_verify(f, "debug crypto ipsec");
		verify_sa(c, f, peer);
	}
}

static void
log_cause_one(const struct ctx *c, const char *peer, const cJSON *events,
    const struct log_cause *lc, int auth)
{
	struct diag_finding	*f = NULL;
	const cJSON		*ev;
	char			 line[512];
	int			 n = 0;

	cJSON_ArrayForEach(ev, events) {
		const char *k = diag_jstr(ev, "kind");
		if (!kind_in(k, lc->events) &&
		    !(lc->events == ev_psk && auth && kind_in(k, ev_mode)))
			continue;
		if (!event_for(c, events, ev, peer) || n++ >= MAX_EVENTS)
			continue;
		if (f == NULL) {
			f = diag_add(c->out, lc->kind, S_WARNING, c->r->name,
			    peer);
			diag_set_cause(f, "", CONF_MEDIUM);
			diag_summary(f, lc->summary, peer);
		}
		event_line(ev, line, sizeof(line));
		diag_evidence(f, "%s", line);
	}
	if (f != NULL)
		log_cause_fix(c, f, lc->kind, peer);
}

static void
check_log_causes(const struct ctx *c, const char *peer)
{
	const cJSON	*lg;
	struct p1	 p;
	size_t		 i;

	if ((lg = diag_probe(c->last, "logging")) == NULL)
		return;
	p1_get(c->last, peer, &p);
	for (i = 0; i < NITEMS(log_causes); i++)
		log_cause_one(c, peer, diag_jarr(lg, "events"), &log_causes[i],
		    p1_auth_step(&p));
}

/* ---- DPD teardown loops ---- */

static int
cmp_ll(const void *a, const void *b)
{
	long long	 x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* The most events within window_s of each other; all when undated. */
static int
max_in_window(long long *t, int n, int dated, int window)
{
	int	 i, j = 0, best = 0;

	if (!dated)
		return n;
	qsort(t, (size_t)n, sizeof(*t), cmp_ll);
	for (i = 0; i < n; i++) {
		while (t[i] - t[j] > window)
			j++;
		if (i - j + 1 > best)
			best = i - j + 1;
	}
	return best;
}

/* The DPD teardowns of peer in the log: their lines in out[], and the
   most of them within window_s of each other. */
static int
dpd_log_events(const struct ctx *c, const char *peer, const cJSON *out[],
    size_t max)
{
	static const char *const down[] = { "peer_not_responding",
	    "tunnel_down", NULL };
	const cJSON	*lg, *ev, *events;
	long long	 t[64];
	int		 n = 0, dated = 1;

	if ((lg = diag_probe(c->last, "logging")) == NULL)
		return 0;
	events = diag_jarr(lg, "events");
	cJSON_ArrayForEach(ev, events) {
		if (!kind_in(diag_jstr(ev, "kind"), down) ||
		    !event_for(c, events, ev, peer) || n >= (int)NITEMS(t))
			continue;
		if (!log_time(diag_jstr(ev, "time"), &t[n]))
			dated = 0;
		if ((size_t)n < max)
			out[n] = ev;
		n++;
	}
	return max_in_window(t, n, dated, c->o->window_s);
}

/* SA rebuilds between polls: a new IKE conn-id, or a new SPI with the
   counters reset. Only those within window_s of the latest poll. */
static int
dpd_rebuilds(const struct ctx *c, const char *peer, struct diag_finding *f)
{
	struct p1	 a1, b1;
	struct p2	 a2, b2;
	size_t		 i;
	int		 n = 0;

	for (i = 1; i < c->r->nsnaps; i++) {
		const struct diag_snapshot *a = &c->r->snaps[i - 1];
		const struct diag_snapshot *b = &c->r->snaps[i];
		if (b->at < c->last->at - c->o->window_s)
			continue;
		p1_get(a, peer, &a1);
		p1_get(b, peer, &b1);
		p2_get(a, peer, &a2);
		p2_get(b, peer, &b2);
		if (a1.conn_id >= 0 && b1.conn_id >= 0 &&
		    a1.conn_id != b1.conn_id) {
			n++;
			if (f != NULL)
				diag_evidence(f, "%s: conn-id %.0f -> %.0f",
				    b1.probe, a1.conn_id, b1.conn_id);
		} else if (a2.nup > 0 && b2.nup > 0 &&
		    strcmp(a2.spis, b2.spis) != 0 &&
		    b2.enc + b2.dec < a2.enc + a2.dec) {
			n++;
			if (f != NULL)
				diag_evidence(f, "ipsec_sa: new outbound SPI, "
				    "counters reset (encaps %.0f -> %.0f)",
				    a2.enc, b2.enc);
		}
	}
	return n;
}

static void
check_dpd_loop(const struct ctx *c, const char *peer)
{
	struct diag_finding	*f;
	const cJSON		*evs[MAX_EVENTS];
	char			 line[512];
	int			 nlog, nreb;
	size_t			 i;

	memset(evs, 0, sizeof(evs));
	nlog = dpd_log_events(c, peer, evs, NITEMS(evs));
	nreb = dpd_rebuilds(c, peer, NULL);
	if (nlog < 3 && nreb < 3)
		return;
	f = diag_add(c->out, K_DPD_LOOP, S_WARNING, c->r->name, peer);
	if (nlog >= 3) {
		diag_summary(f, "Tunnel to %s keeps being torn down: %d DPD "
		    "teardowns within %d min", peer, nlog, c->o->window_s / 60);
		for (i = 0; i < NITEMS(evs) && evs[i] != NULL; i++) {
			event_line(evs[i], line, sizeof(line));
			diag_evidence(f, "%s", line);
		}
	} else
		diag_summary(f, "Tunnel to %s keeps being rebuilt: %d SA "
		    "rebuilds within %d min", peer, nreb, c->o->window_s / 60);
	if (nreb >= 3)
		(void)dpd_rebuilds(c, peer, f);
	diag_verify(f, "show crypto isakmp sa detail");
	diag_verify(f, "show logging | include %s", peer);
	verify_sa(c, f, peer);
}

/* ---- NAT-T ---- */

static const cJSON *
natt_detail(const struct ctx *c, const char *peer, const char **probe)
{
	const cJSON	*p, *sa;

	if ((p = diag_probe(c->last, "isakmp_sa_detail")) != NULL)
		cJSON_ArrayForEach(sa, diag_jarr(p, "sas"))
			if ((diag_streq(diag_jstr(sa, "remote"), peer) ||
			    diag_streq(diag_jstr(sa, "peer"), peer)) &&
			    diag_jbool(sa, "natt") == 1) {
				*probe = "isakmp_sa_detail";
				return sa;
			}
	if ((p = diag_probe(c->last, "ikev2_sa")) != NULL)
		cJSON_ArrayForEach(sa, diag_jarr(p, "sas"))
			if (diag_streq(diag_jstr(sa, "remote"), peer) &&
			    diag_jbool(sa, "natt_detected") == 1) {
				*probe = "ikev2_sa";
				return sa;
			}
	return NULL;
}

static void
check_natt(const struct ctx *c, const char *peer, const struct p2 *t)
{
	struct diag_finding	*f;
	const cJSON		*rc, *sa;
	const char		*probe = NULL;
	char			 what[160];

	if ((rc = diag_probe(c->last, "running_config")) == NULL ||
	    diag_jbool(rc, "natt_enabled") != 0)
		return;
	sa = natt_detail(c, peer, &probe);
	if (t->natflow == NULL && sa == NULL)
		return;
	f = diag_add(c->out, K_NATT, S_WARNING, c->r->name, peer);
	diag_summary(f, "NAT sits between %s and %s but NAT-Traversal is "
	    "disabled: ESP cannot cross it", c->r->name, peer);
	diag_evidence(f, c->asa ? "running_config: no crypto isakmp "
	    "nat-traversal" : "running_config: no crypto ipsec "
	    "nat-transparency udp-encapsulation");
	if (t->natflow != NULL) {
		snprintf(what, sizeof(what), "remote crypto endpt. %s port "
		    "%.0f", nz(diag_jstr(t->natflow, "remote_endpoint"), peer),
		    jnum_or(t->natflow, "remote_endpoint_port",
		    jnum_or(t->natflow, "peer_port", 0)));
		flow_evidence(f, t->natflow, what);
	}
	if (sa != NULL)
		diag_evidence(f, "%s: %s NAT-T detected", probe, peer);
	if (c->asa)
		diag_fix(f, "crypto isakmp nat-traversal 20");
	else {
		diag_fix(f, "crypto ipsec nat-transparency udp-encapsulation");
		diag_fix(f, "crypto isakmp nat keepalive 20");
	}
	diag_verify(f, "show crypto isakmp sa detail");
	verify_sa(c, f, peer);
}

/* ---- DPD timers ---- */

static int
dpd_low(const struct ctx *c, double interval, double retries)
{
	return (interval >= 0 && interval < c->o->dpd_min_interval_s) ||
	    (retries >= 0 && retries < c->o->dpd_min_retries);
}

static void
dpd_fix(const struct ctx *c, struct diag_finding *f, const char *what,
    const char *tg)
{
	int	 iv = MAXIMUM(30, c->o->dpd_min_interval_s);
	int	 rt = MAXIMUM(5, c->o->dpd_min_retries);

	if (tg != NULL) {
		diag_fix(f, "tunnel-group %s ipsec-attributes", tg);
		diag_fix(f, " isakmp keepalive threshold %d retry %d", iv, rt);
	} else if (diag_streq(what, "ikev2_dpd"))
		diag_fix(f, "crypto ikev2 dpd %d %d periodic", iv, rt);
	else
		diag_fix(f, "crypto isakmp keepalive %d %d periodic", iv, rt);
}

/* A finding router-wide and on each peer given (NULL: every map peer). */
static void
dpd_emit(const struct ctx *c, char peers[][64], size_t np, const char *ev,
    const char *what, const char *tg, double iv, double rt)
{
	struct diag_finding	*f;
	size_t			 i;

	for (i = 0; i <= np; i++) {
		const char *peer = i == np ? "" : peers[i];
		f = diag_add(c->out, K_DPD_AGGRESSIVE, S_WARNING, c->r->name,
		    peer);
		diag_summary(f, "DPD too aggressive: %s %.0f s, retry %.0f "
		    "(minimum %d s, %d): a short loss tears the tunnel down",
		    what, iv, rt, c->o->dpd_min_interval_s,
		    c->o->dpd_min_retries);
		diag_evidence(f, "%s", ev);
		dpd_fix(c, f, what, tg);
		diag_verify(f, "show crypto isakmp sa detail");
		diag_verify(f, c->asa ? "show running-config tunnel-group" :
		    "show running-config | include keepalive|dpd");
	}
}

static void
check_dpd_global(const struct ctx *c, const cJSON *rc, char peers[][64],
    size_t np, const char *what)
{
	const cJSON	*k = cJSON_GetObjectItemCaseSensitive(rc, what);
	char		 ev[160];
	double		 iv, rt;

	if (!cJSON_IsObject(k))
		return;
	iv = jnum_or(k, "interval_s", -1);
	rt = jnum_or(k, "retries", -1);
	if (!dpd_low(c, iv, rt))
		return;
	snprintf(ev, sizeof(ev), "running_config: %s %.0f %.0f %s",
	    diag_streq(what, "keepalive") ? "crypto isakmp keepalive" :
	    "crypto ikev2 dpd", iv, rt, nz(diag_jstr(k, "mode"), ""));
	dpd_emit(c, peers, np, ev, what, NULL, iv, rt);
}

static void
check_dpd_asa(const struct ctx *c, const cJSON *rc, char peers[][64],
    size_t np)
{
	const cJSON	*g;
	char		 ev[200], one[1][64];
	double		 iv, rt;
	size_t		 i;

	cJSON_ArrayForEach(g, diag_jarr(rc, "tunnel_groups")) {
		const char *name = diag_jstr(g, "name");
		iv = jnum_or(g, "keepalive_threshold_s", -1);
		rt = jnum_or(g, "keepalive_retry_s", -1);
		if (name == NULL || diag_jbool(g, "keepalive_disabled") == 1 ||
		    !dpd_low(c, iv, rt))
			continue;
		snprintf(ev, sizeof(ev), "running_config: tunnel-group %s "
		    "isakmp keepalive threshold %.0f retry %.0f", name, iv, rt);
		/* A tunnel group is one peer's: the others keep their own. */
		for (i = 0; i < np && strcmp(peers[i], name) != 0; i++)
			;
		snprintf(one[0], sizeof(one[0]), "%s", name);
		dpd_emit(c, one, i < np ? 1 : 0, ev, "keepalive threshold",
		    name, iv, rt);
	}
}

static void
check_dpd_aggressive(const struct ctx *c, char peers[][64], size_t np)
{
	const cJSON	*rc;

	if ((rc = diag_probe(c->last, "running_config")) == NULL)
		return;
	check_dpd_global(c, rc, peers, np, "keepalive");
	check_dpd_global(c, rc, peers, np, "ikev2_dpd");
	check_dpd_asa(c, rc, peers, np);
}

/* ---- weak crypto ---- */

static int
weak_policy(const cJSON *pol, char *buf, size_t len)
{
	const char	*enc = diag_jstr(pol, "encryption"), *hash = diag_jstr(pol, "hash");
	double		 g = jnum_or(pol, "dh_group", 0);
	size_t		 n = 0;

	buf[0] = '\0';
	if (diag_streq(enc, "des") || diag_streq(enc, "3des"))
		n += (size_t)snprintf(buf + n, len - n, " encryption %s", enc);
	if (diag_streq(hash, "md5") || diag_streq(hash, "sha"))
		n += (size_t)snprintf(buf + n, len - n, "%s hash %s%s",
		    n ? "," : "", hash, diag_streq(hash, "sha") ? " (SHA-1)" : "");
	if (g == 1 || g == 2 || g == 5)
		n += (size_t)snprintf(buf + n, len - n, "%s DH group %.0f",
		    n ? "," : "", g);
	return n > 0 && n < len;
}

static int
weak_transform(const char *t)
{
	static const char *const weak[] = { "esp-des", "esp-3des",
	    "esp-md5-hmac", "esp-sha-hmac", "ah-md5-hmac", "ah-sha-hmac",
	    NULL };

	return kind_in(t, weak);
}

/* The sets the crypto maps use; every configured set without a map. */
static int
tset_used(const struct ctx *c, const char *name)
{
	const cJSON	*p, *e, *ts;

	if (name == NULL)
		return 0;
	if ((p = diag_probe(c->last, "crypto_map")) == NULL)
		return strncmp(name, "default", 7) != 0 &&
		    strncmp(name, "#$!default", 10) != 0;
	cJSON_ArrayForEach(e, diag_jarr(p, "entries"))
		cJSON_ArrayForEach(ts, diag_jarr(e, "transform_sets"))
			if (diag_streq(ts->valuestring, name))
				return 1;
	return 0;
}

/* A priority no configured policy has, ahead of the weak ones. */
static int
free_priority(const struct ctx *c)
{
	const cJSON	*p, *pol;
	int		 prio;

	p = diag_probe(c->last, "isakmp_policy");
	/* 5, then 1 to 4, then 6 and up. */
	for (prio = 5; prio < 10000;
	    prio = prio == 5 ? 1 : prio == 4 ? 6 : prio + 1) {
		cJSON_ArrayForEach(pol, diag_jarr(p, "policies"))
			if (jnum_or(pol, "priority", -1) == prio)
				break;
		if (pol == NULL)
			break;
	}
	return prio;
}

static int
weak_policies(const struct ctx *c, struct diag_finding **f)
{
	const cJSON	*p, *pol;
	char		 why[128];
	double		 prio;
	int		 n = 0;

	if ((p = diag_probe(c->last, "isakmp_policy")) == NULL)
		return 0;
	cJSON_ArrayForEach(pol, diag_jarr(p, "policies")) {
		/* The built-in default suites are not the operator's. */
		if (diag_jbool(pol, "default") == 1 || !jnum(pol, "priority", &prio))
			continue;
		if (!weak_policy(pol, why, sizeof(why)))
			continue;
		if (*f == NULL)
			*f = diag_add(c->out, K_WEAK_CRYPTO, S_INFO,
			    c->r->name, "");
		diag_evidence(*f, "isakmp_policy: policy %.0f:%s", prio, why);
		n++;
	}
	return n;
}

static int
weak_tsets(const struct ctx *c, struct diag_finding **f)
{
	const cJSON	*p, *s, *t;
	int		 n = 0;

	if ((p = diag_probe(c->last, "ipsec_transform_set")) == NULL)
		return 0;
	cJSON_ArrayForEach(s, diag_jarr(p, "sets")) {
		if (!tset_used(c, diag_jstr(s, "name")))
			continue;
		cJSON_ArrayForEach(t, diag_jarr(s, "transforms")) {
			if (!cJSON_IsString(t) || !weak_transform(t->valuestring))
				continue;
			if (*f == NULL)
				*f = diag_add(c->out, K_WEAK_CRYPTO, S_INFO,
				    c->r->name, "");
			diag_evidence(*f, "ipsec_transform_set: %s uses %s",
			    diag_jstr(s, "name"), t->valuestring);
			n++;
		}
	}
	return n;
}

static void
weak_fix(const struct ctx *c, struct diag_finding *f, int npol, int nts,
    int prio)
{
	if (npol > 0 && c->asa) {
		diag_fix(f, "crypto ikev2 policy %d", prio);
		diag_fix(f, " encryption aes-256");
		diag_fix(f, " integrity sha256");
		diag_fix(f, " group 14");
		diag_fix(f, " prf sha256");
	} else if (npol > 0) {
		diag_fix(f, "crypto isakmp policy %d", prio);
		diag_fix(f, " encryption aes 256");
		diag_fix(f, " hash sha256");
		diag_fix(f, " authentication pre-share");
		diag_fix(f, " group 14");
	}
	if (nts > 0)
		diag_fix(f, c->asa ? "crypto ipsec ikev1 transform-set TS-AES256 "
		    "esp-aes-256 esp-sha-256-hmac" : "crypto ipsec "
		    "transform-set TS-AES256 esp-aes 256 esp-sha256-hmac");
}

static void
check_weak(const struct ctx *c)
{
	struct diag_finding	*f = NULL;
	const cJSON		*sa;
	int			 npol, nts;

	npol = weak_policies(c, &f);
	nts = weak_tsets(c, &f);
	if (f == NULL)
		return;
	diag_summary(f, "Weak crypto configured: %d ISAKMP polic%s, %d "
	    "transform%s with DES/3DES, MD5, SHA-1 or DH group 1/2/5 "
	    "(advisory)", npol, npol == 1 ? "y" : "ies", nts,
	    nts == 1 ? "" : "s");
	/* IKEv1 is in use: IKEv2 would serve where the peer has it. */
	sa = cJSON_GetArrayItem(diag_jarr(diag_probe(c->last, "isakmp_sa"), "sas"),
	    0);
	if (sa != NULL)
		diag_evidence(f, "isakmp_sa: IKEv1 in use (with %s): prefer "
		    "IKEv2 where the peer supports it", nz(diag_jstr(sa, "dst"),
		    nz(diag_jstr(sa, "peer"), "?")));
	weak_fix(c, f, npol, nts, free_priority(c));
	diag_verify(f, c->asa ? "show running-config crypto" :
	    "show crypto isakmp policy");
	diag_verify(f, "show crypto ipsec transform-set");
}

/* ---- the failed poll ---- */

static void
check_poll(const struct ctx *c)
{
	const struct diag_snapshot	*s = c->last;
	struct diag_finding		*f;
	const char			*st = s->poll_status, *name = c->r->name;

	f = diag_add(c->out, K_POLL_FAILED, S_CRITICAL, name, "");
	diag_summary(f, "Cannot poll %s (%s): %s", name, st,
	    nz(s->poll_error, "no detail"));
	diag_evidence(f, "poll: %s: %s", st, nz(s->poll_error, "no detail"));
	if (diag_streq(st, "hostkey")) {
		diag_fix(f, "! check the new SSH host key of %s with its "
		    "admins first", name);
		diag_fix(f, "ipsecwatch trust %s", name);
		diag_verify(f, "show crypto key mypubkey rsa");
	} else if (diag_streq(st, "auth")) {
		diag_fix(f, "! check the username and the password file "
		    "ipsecwatch uses for %s", name);
		diag_verify(f, "show aaa sessions");
		diag_verify(f, "show logging | include SSH|LOGIN|AAA");
	} else if (diag_streq(st, "connect") || diag_streq(st, "timeout")) {
		diag_fix(f, "! check that %s is reachable and accepts SSH "
		    "from ipsecwatch", name);
		diag_fix(f, "ip ssh version 2");
		diag_fix(f, "line vty 0 4");
		diag_fix(f, " transport input ssh");
		diag_verify(f, "ping %s", name);
		diag_verify(f, "show ip ssh");
	} else {
		diag_fix(f, "! check the account's privilege level on %s",
		    name);
		diag_verify(f, "show privilege");
	}
}

/* ---- peers ---- */

static size_t
peer_add(char peers[][64], size_t n, const char *p)
{
	size_t	 i;

	if (p == NULL || *p == '\0' || n >= MAX_PEERS)
		return n;
	for (i = 0; i < n; i++)
		if (strcmp(peers[i], p) == 0)
			return n;
	snprintf(peers[n], 64, "%s", p);
	return n + 1;
}

/*
 * The crypto maps' peers, and the peers of flows under a crypto map tag
 * (dynamic maps name no peer). Without a crypto map probe at all, the
 * Phase 1 SAs tell which peers there are.
 */
static size_t
peers_get(const struct ctx *c, char peers[][64])
{
	const cJSON	*p, *it, *fl, *sa;
	size_t		 n;

	n = diag_map_peers(c->r, peers, MAX_PEERS);
	if ((p = diag_probe(c->last, "ipsec_sa")) != NULL)
		cJSON_ArrayForEach(it, diag_jarr(p, "interfaces")) {
			if (diag_jstr(it, "crypto_map") == NULL)
				continue;
			cJSON_ArrayForEach(fl, diag_jarr(it, "flows"))
				n = peer_add(peers, n, diag_jstr(fl, "peer"));
		}
	if (diag_latest(c->r, "crypto_map") != NULL)
		return n;
	if ((p = diag_probe(c->last, "isakmp_sa")) != NULL)
		cJSON_ArrayForEach(sa, diag_jarr(p, "sas"))
			n = peer_add(peers, n, nz(diag_jstr(sa, "peer"),
			    diag_jstr(sa, "dst")));
	if ((p = diag_probe(c->last, "ikev2_sa")) != NULL)
		cJSON_ArrayForEach(sa, diag_jarr(p, "sas"))
			n = peer_add(peers, n, diag_jstr(sa, "remote"));
	return n;
}

static void
check_peer(const struct ctx *c, const char *peer)
{
	struct p2	 t;
	struct route	 rt;
	const cJSON	*entry = map_entry(c, peer);

	p2_get(c->last, peer, &t);
	check_phase1(c, peer, &t);
	check_phase2(c, peer, &t);
	check_traffic(c, peer, &t);
	check_dpd_loop(c, peer);
	route_get(c, peer, &rt);
	check_no_route(c, peer, &rt, entry);
	check_wrong_if(c, peer, &rt, entry);
	check_natt(c, peer, &t);
	check_log_causes(c, peer);
}

void
diag_local(const struct diag_router *r, const struct diag_opts *o,
    struct diag_findings *out)
{
	struct diag_opts	 def;
	struct ctx		 c;
	char			 peers[MAX_PEERS][64];
	size_t			 np, i;

	if (r == NULL || r->nsnaps == 0 || r->snaps == NULL)
		return;
	if (o == NULL) {
		diag_opts_default(&def);
		o = &def;
	}
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.o = o;
	c.out = out;
	c.last = &r->snaps[r->nsnaps - 1];
	if (r->name == NULL)
		return;
	if (!poll_ok(c.last)) {
		/* Its probes are absent: nothing else can be said. */
		check_poll(&c);
		return;
	}
	c.asa = router_is_asa(r, c.last);
	np = peers_get(&c, peers);
	c.npeers = np;
	for (i = 0; i < np; i++)
		check_peer(&c, peers[i]);
	check_dpd_aggressive(&c, peers, np);
	check_weak(&c);
}

/*
 * ip_route.c: "show ip route ADDR" (IOS, IOS-XE) and "show route ADDR"
 * (ASA), and the full table both print without an address.
 *
 * The word form:
 *	Routing entry for 198.51.100.0/24		(ASA: "A MASK")
 *	  Known via "static", distance 1, metric 0
 *	  Routing Descriptor Blocks:
 *	  * 192.0.2.254, from 10.0.0.1, 00:01:02 ago, via GigabitEthernet0/1
 *	      Route metric is 0, traffic share count is 1
 * or "% Network not in table" / "% Subnet not in table" (found false).
 *
 * The table form: a Codes legend, "Gateway of last resort ...", then one
 * line per route ("O E2  10.1.0.0/16 [110/20] via 10.0.0.1, 2d03h, Gi0/1";
 * ASA: "S* 0.0.0.0 0.0.0.0 [1/0] via 192.0.2.254, outside"), extra next
 * hops on continuation lines ("[110/20] via ...", "via ...", "is directly
 * connected, X"). IOS prints subnets of a classful network under
 * "10.0.0.0/24 is subnetted, 3 subnets" without their length.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ip_route.h"
#include "text.h"
#include "util.h"

struct route_parser {
	struct ip_route_records	*recs;
	int			 in_blocks;	/* after "Routing Descriptor Blocks:" */
	int			 entry_seen;	/* a "Routing entry for" was read */
	int			 subnet_len;	/* "X/len is subnetted"; -1 */
	char			 vrf[ROUTE_NAME_MAX];	/* "Routing Table: X" */
};

static void
hop_init(struct route_hop *h)
{
	memset(h, 0, sizeof(*h));
	h->distance = -1;
	h->metric = -1;
}

static struct route_hop *
hop_add(struct route_hop **hops, size_t *n)
{
	*hops = xreallocarray(*hops, *n + 1, sizeof(**hops));
	hop_init(&(*hops)[*n]);
	return &(*hops)[(*n)++];
}

/* Contiguous dotted mask to a length; -1 otherwise. */
static int
mask_len(const struct tok *t)
{
	char		 buf[ROUTE_ADDR_MAX];
	struct in_addr	 a;
	uint32_t	 m;
	int		 n = 0;

	if (t->len == 0 || t->len >= sizeof(buf))
		return -1;
	memcpy(buf, t->s, t->len);
	buf[t->len] = '\0';
	if (inet_pton(AF_INET, buf, &a) != 1)
		return -1;
	m = ntohl(a.s_addr);
	while (n < 32 && (m & (UINT32_C(1) << (31 - n))) != 0)
		n++;
	if (n < 32 && (m << n) != 0)
		return -1;
	return n;
}

/* "10.0.0.0/24" or "10.0.0.0": the address (canonical) and length or -1. */
static int
ipv4_prefix(const struct tok *t, char *addr, size_t addrlen, int *len)
{
	struct tok	 a = *t, l;
	const char	*slash = memchr(t->s, '/', t->len);
	uint64_t	 v;

	*len = -1;
	if (slash != NULL) {
		a.len = (size_t)(slash - t->s);
		l.s = slash + 1;
		l.len = (size_t)(t->s + t->len - l.s);
		if (!tok_u64(&l, &v) || v > 32)
			return 0;
		*len = (int)v;
	}
	return tok_ip(&a, addr, addrlen) && strchr(addr, ':') == NULL;
}

/* "3d04h", "00:12:01", "2w3d", "0:19:52": a route age. */
static int
is_age(const struct tok *t)
{
	size_t	 i;

	if (t->len == 0 || t->s[0] < '0' || t->s[0] > '9')
		return 0;
	for (i = 0; i < t->len; i++)
		if (strchr("0123456789:ywdhms", t->s[i]) == NULL)
			return 0;
	return 1;
}

/* "[110/20]" or "[10]": distance and metric (-1 when not printed). */
static int
distance_metric(const struct tok *t, int64_t *d, int64_t *m)
{
	struct tok	 a, b;
	const char	*slash;
	uint64_t	 v;

	if (t->len < 3 || t->s[0] != '[' || t->s[t->len - 1] != ']')
		return 0;
	a.s = t->s + 1;
	a.len = t->len - 2;
	*m = -1;
	if ((slash = memchr(a.s, '/', a.len)) != NULL) {
		b.s = slash + 1;
		b.len = (size_t)(a.s + a.len - b.s);
		a.len = (size_t)(slash - a.s);
		if (!tok_u64(&b, &v) || v > INT64_MAX)
			return 0;
		*m = (int64_t)v;
	}
	if (!tok_u64(&a, &v) || v > INT64_MAX)
		return 0;
	*d = (int64_t)v;
	return 1;
}

/*
 * The next-hop part of a table line, from token i: "[d/m] via A[,]
 * [(VRF),] [age,] [IF]", "is directly connected, [age,] IF", "is a
 * summary, age, Null0", "connected by VPN (advertised), IF". Adds a hop
 * to r when there is one. Returns 0 on tokens it cannot place.
 */
static int
table_hop(struct route_entry *r, const struct toks *tk, size_t i)
{
	struct route_hop	 h;
	struct tok		 t;
	int			 any = 0;

	hop_init(&h);
	h.active = 1;	/* a table lists the installed next hops */
	for (; i < tk->n; i++) {
		t = tok_strip(&tk->t[i], ",");
		if (distance_metric(&t, &h.distance, &h.metric)) {
			if (r->distance < 0) {
				r->distance = h.distance;
				r->metric = h.metric;
			}
		} else if (tok_is(&t, "via") && i + 1 < tk->n) {
			t = tok_strip(&tk->t[++i], ",");
			if (!tok_ip(&t, h.via, sizeof(h.via)))
				tok_copy(&t, h.interface, sizeof(h.interface));
			any = 1;
		} else if (t.len > 2 && t.s[0] == '(' && t.s[t.len - 1] == ')' &&
		    h.via[0] != '\0' && h.interface[0] == '\0') {
			t.s++;
			t.len -= 2;
			tok_copy(&t, h.via_vrf, sizeof(h.via_vrf));
		} else if (tok_is(&t, "is") && i + 2 < tk->n &&
		    tok_is(&tk->t[i + 1], "directly")) {
			h.directly_connected = 1;
			any = 1;
			i += 2;
		} else if (tok_is(&t, "is") && i + 2 < tk->n &&
		    tok_is(&tk->t[i + 1], "a")) {
			r->summary = 1;
			i += 2;
		} else if (tok_is(&t, "connected") && i + 3 < tk->n &&
		    tok_is(&tk->t[i + 1], "by")) {
			r->vpn = 1;
			any = 1;
			i += 3;	/* "by VPN (advertised)," */
		} else if (tok_is(&t, "tunneled")) {
			r->tunneled = 1;
		} else if (is_age(&t)) {
			tok_copy(&t, h.age, sizeof(h.age));
		} else if (t.len > 0 && t.s[0] != '[') {
			tok_copy(&t, h.interface, sizeof(h.interface));
			any = 1;
		} else
			return 0;
	}
	if (any || h.interface[0] != '\0') {
		r->hops = xreallocarray(r->hops, r->nhops + 1, sizeof(*r->hops));
		r->hops[r->nhops++] = h;
	}
	return 1;
}

/* A code token of the legend: "S", "S*", "O*E2", "EX", "L2", "%", "+". */
static int
is_code(const struct tok *t)
{
	size_t	 i;

	if (t->len == 0 || t->len > 4)
		return 0;
	for (i = 0; i < t->len; i++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789*+%&", t->s[i]) == NULL)
			return 0;
	return 1;
}

/* "S*", "O*E2", "O" + "E2": protocol, type and the candidate flag. */
static void
route_codes(struct route_entry *r, const struct toks *tk, size_t k)
{
	const char	*star = memchr(tk->t[0].s, '*', tk->t[0].len);
	struct tok	 p = tk->t[0], rest;

	if (star != NULL) {
		r->candidate_default = 1;
		p.len = (size_t)(star - p.s);
		rest.s = star + 1;
		rest.len = (size_t)(tk->t[0].s + tk->t[0].len - rest.s);
		tok_copy(&rest, r->type, sizeof(r->type));
	}
	tok_copy(&p, r->protocol, sizeof(r->protocol));
	if (k > 1)
		tok_copy(&tk->t[1], r->type, sizeof(r->type));
}

/*
 * A table route line: 1 to 3 code tokens, the network ("10.0.0.0/8";
 * ASA: "10.0.0.0 255.0.0.0", or a "names" name and a mask), the rest.
 */
static int
table_route(struct route_parser *p, const struct toks *tk)
{
	struct ip_route_records	*rec = p->recs;
	struct route_entry	 r;
	char			 mask[ROUTE_ADDR_MAX];
	size_t			 k, j;
	int			 len, have = 0;

	memset(&r, 0, sizeof(r));
	for (k = 1; k <= 3 && k < tk->n && !have; k++) {
		if (!is_code(&tk->t[k - 1]))
			return 0;
		if (ipv4_prefix(&tk->t[k], r.network, sizeof(r.network), &len))
			have = 1;
		else if (k + 1 < tk->n && mask_len(&tk->t[k + 1]) >= 0 &&
		    tk->t[k].s[0] != '[' && !tok_is(&tk->t[k], "is") &&
		    !tok_is(&tk->t[k], "via")) {
			tok_copy(&tk->t[k], r.network, sizeof(r.network));
			len = -1;
			have = 1;
		}
	}
	if (!have)
		return 0;
	k--;
	route_codes(&r, tk, k);
	j = k + 1;
	/* ASA: "A MASK"; a mask that is not contiguous has no length. */
	if (len < 0 && j < tk->n && tok_ip(&tk->t[j], mask, sizeof(mask)) &&
	    strchr(mask, ':') == NULL) {
		len = mask_len(&tk->t[j++]);
		snprintf(r.mask, sizeof(r.mask), "%s", mask);
	}
	if (len >= 0 && r.mask[0] == '\0')
		p->subnet_len = -1;	/* an explicit length ends a group */
	else if (len < 0 && r.mask[0] == '\0')
		len = p->subnet_len;
	r.prefix_len = len;
	r.distance = r.metric = -1;
	snprintf(r.vrf, sizeof(r.vrf), "%s", p->vrf);
	if (!table_hop(&r, tk, j)) {
		free(r.hops);
		return 0;
	}
	rec->routes = xreallocarray(rec->routes, rec->nroutes + 1,
	    sizeof(*rec->routes));
	rec->routes[rec->nroutes++] = r;
	return 1;
}

/* "10.0.0.0/24 is subnetted, 3 subnets", "... is variably subnetted, ..." */
static int
subnet_header(struct route_parser *p, const struct toks *tk)
{
	char	 net[ROUTE_ADDR_MAX];
	int	 len;

	if (tk->n < 3 || !tok_is(&tk->t[1], "is") ||
	    !ipv4_prefix(&tk->t[0], net, sizeof(net), &len))
		return 0;
	if (tok_is(&tk->t[2], "subnetted,") || tok_is(&tk->t[2], "subnetted"))
		p->subnet_len = len;
	else if (tok_is(&tk->t[2], "variably"))
		p->subnet_len = -1;
	else
		return 0;
	return 1;
}

/* "Routing entry for 10.0.0.0/8[, supernet]" or "... for A MASK". */
static int
routing_entry(struct route_parser *p, const struct toks *tk)
{
	struct ip_route_records	*rec = p->recs;
	char			 net[ROUTE_ADDR_MAX];
	struct tok		 t;
	int			 len;

	if (tk->n < 4)
		return 0;
	t = tok_strip(&tk->t[3], ",");
	if (!ipv4_prefix(&t, net, sizeof(net), &len))
		return 0;
	if (len < 0) {
		if (tk->n < 5)
			return 0;
		t = tok_strip(&tk->t[4], ",");
		if ((len = mask_len(&t)) < 0)
			return 0;
	}
	/* A second entry (longer-prefixes and the like): keep the first. */
	if (!p->entry_seen) {
		snprintf(rec->prefix, sizeof(rec->prefix), "%s/%d", net, len);
		rec->found = 1;
		p->entry_seen = 1;
	}
	p->in_blocks = 0;
	return 1;
}

/* 'Known via "ospf 1", distance 110, metric 20, type intra area' */
static int
known_via(struct route_parser *p, const struct line *t)
{
	struct ip_route_records	*rec = p->recs;
	const char		*q1, *q2, *end = t->s + t->len;
	uint64_t		 v;

	if (!p->entry_seen || (q1 = memchr(t->s, '"', t->len)) == NULL ||
	    (q2 = memchr(q1 + 1, '"', (size_t)(end - q1 - 1))) == NULL)
		return 0;
	snprintf(rec->known_via, sizeof(rec->known_via), "%.*s",
	    (int)(q2 - q1 - 1), q1 + 1);
	if (line_label_u64(t, "distance", &v) && v <= INT64_MAX)
		rec->distance = (int64_t)v;
	if (line_label_u64(t, "metric", &v) && v <= INT64_MAX)
		rec->metric = (int64_t)v;
	if (line_find(t, "candidate default") != NULL)
		rec->candidate_default = 1;
	return 1;
}

/*
 * A descriptor block: "* 192.0.2.254, from 10.0.0.1, 00:01:02 ago, via
 * Gi0/1, merge-labels", "* directly connected, via Gi0/1", "* 10.0.0.1",
 * ASA "* 192.0.2.254, via outside". Comma-separated parts.
 */
static int
descriptor_block(struct route_parser *p, const struct line *t)
{
	struct ip_route_records	*rec = p->recs;
	struct route_hop	 h;
	struct toks		 part;
	const char		*s = t->s, *end = t->s + t->len, *c;
	int			 first = 1;

	hop_init(&h);
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s < end && *s == '*') {
		h.active = 1;
		s++;
	}
	for (; s < end; s = c + 1, first = 0) {
		if ((c = memchr(s, ',', (size_t)(end - s))) == NULL)
			c = end;
		toks_split(&part, s, (size_t)(c - s));
		if (part.n == 0)
			continue;
		if (first) {
			if (part.n == 2 && tok_is(&part.t[0], "directly") &&
			    tok_is(&part.t[1], "connected"))
				h.directly_connected = 1;
			else if (part.n != 1 ||
			    !tok_ip(&part.t[0], h.via, sizeof(h.via)))
				return 0;
		} else if (part.n == 2 && tok_is(&part.t[0], "from"))
			tok_ip(&part.t[1], h.from, sizeof(h.from));
		else if (part.n == 2 && tok_is(&part.t[1], "ago"))
			tok_copy(&part.t[0], h.age, sizeof(h.age));
		else if (part.n == 2 && tok_is(&part.t[0], "via"))
			tok_copy(&part.t[1], h.interface, sizeof(h.interface));
		/* other parts are flags: merge-labels, prefer-non-rib-labels */
	}
	*hop_add(&rec->hops, &rec->nhops) = h;
	return 1;
}

/* Lines of the word form that carry nothing the diagnosis uses. */
static int
word_form_detail(const struct line *t)
{
	static const char *const prefixes[] = {
		"Redistributing via", "Advertised by", "Last update from",
		"Tag ", "Route tag", "AS Hops", "MPLS label", "MPLS Flags",
		"Repair Path", "SR Incoming Label", "Total delay is",
		"Reliability ", "Loading ", "Minimum bandwidth",
		"Originated from", "Attached (", "Variably subnetted with",
	};
	size_t	 i;

	for (i = 0; i < NITEMS(prefixes); i++)
		if (line_starts(t, prefixes[i]))
			return 1;
	return 0;
}

/* "show", "sh": an abbreviation of word (at least two letters). */
static int
tok_abbrev(const struct tok *t, const char *word)
{
	return t->len >= 2 && t->len <= strlen(word) &&
	    strncasecmp(t->s, word, t->len) == 0;
}

/*
 * "hq-1#show ip route 198.51.100.2", "show route vrf X 10.0.0.1": the
 * command echo names the target (its last word, when an address).
 */
static int
command_echo(struct route_parser *p, const struct line *t)
{
	struct toks	 tk;
	const char	*s = t->s, *end = t->s + t->len, *mark;
	size_t		 i;
	int		 route = 0;

	if ((mark = memchr(s, '#', t->len)) != NULL ||
	    (mark = memchr(s, '>', t->len)) != NULL)
		s = mark + 1;
	toks_split(&tk, s, (size_t)(end - s));
	if (tk.n < 2 || !tok_abbrev(&tk.t[0], "show"))
		return 0;
	for (i = 1; i < tk.n; i++)
		if (tok_abbrev(&tk.t[i], "route"))
			route = 1;
	if (!route)
		return 0;
	if (!tok_ip(&tk.t[tk.n - 1], p->recs->target,
	    sizeof(p->recs->target)))
		p->recs->target[0] = '\0';
	for (i = 1; i + 1 < tk.n; i++)
		if (tok_is(&tk.t[i], "vrf"))
			tok_copy(&tk.t[i + 1], p->recs->vrf,
			    sizeof(p->recs->vrf));
	return 1;
}

/* "Tue May 22 22:32:30.765 UTC": the timestamp some images print first. */
static int
is_timestamp(const struct toks *tk)
{
	static const char *const days[] = { "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat", "Sun" };
	size_t	 i;

	if (tk->n < 4)
		return 0;
	for (i = 0; i < NITEMS(days); i++)
		if (tok_is(&tk->t[0], days[i]))
			return memchr(tk->t[3].s, ':', tk->t[3].len) != NULL;
	return 0;
}

/*
 * "Gateway of last resort is 10.0.0.1 to network 0.0.0.0" / "is not set".
 * With several tables (show ip route vrf *), the first one's is kept.
 */
static int
last_resort(struct ip_route_records *rec, const struct toks *tk)
{
	char	 addr[ROUTE_ADDR_MAX];

	if (tk->n >= 7 && tok_is(&tk->t[5], "not")) {
		if (rec->last_resort_set == -1)
			rec->last_resort_set = 0;
		return 1;
	}
	if (tk->n < 6 || !tok_ip(&tk->t[5], addr, sizeof(addr)))
		return 0;
	if (rec->last_resort_set == -1) {
		snprintf(rec->last_resort, sizeof(rec->last_resort), "%s", addr);
		rec->last_resort_set = 1;
	}
	return 1;
}

/* Legend, banners and messages common to both forms. */
static int
header_line(struct route_parser *p, const struct line *t,
    const struct toks *tk)
{
	struct ip_route_records	*rec = p->recs;

	if (tok_is(&tk->t[0], "Codes:") || (tk->n >= 3 &&
	    tok_is(&tk->t[1], "-")))
		return 1;
	if (line_starts(t, "Gateway of last resort is"))
		return last_resort(rec, tk);
	if (line_starts(t, "Routing Table:") && tk->n == 3) {
		tok_copy(&tk->t[2], p->vrf, sizeof(p->vrf));
		if (rec->vrf[0] == '\0')
			snprintf(rec->vrf, sizeof(rec->vrf), "%s", p->vrf);
		p->subnet_len = -1;
		return 1;
	}
	if (line_starts(t, "% Network not in table") ||
	    line_starts(t, "% Subnet not in table")) {
		if (!p->entry_seen)
			rec->found = 0;
		return 1;
	}
	if (line_starts(t, "Default gateway is") && tk->n == 4)
		return tok_ip(&tk->t[3], rec->default_gateway,
		    sizeof(rec->default_gateway));
	if (line_starts(t, "Host") && line_find(t, "Gateway") != NULL)
		return 1;
	if (line_starts(t, "ICMP redirect cache is"))
		return 1;
	return is_timestamp(tk);
}

static int
parse_line(struct route_parser *p, const struct line *l)
{
	struct line	 t = line_trim(l);
	struct toks	 tk;

	if (toks_line(&tk, &t) == 0)
		return 0;
	if (tok_abbrev(&tk.t[0], "show"))
		return command_echo(p, &t);
	if (header_line(p, &t, &tk))
		return 1;
	if (line_starts(&t, "Routing entry for"))
		return routing_entry(p, &tk);
	if (line_starts(&t, "Known via"))
		return known_via(p, &t);
	if (line_starts(&t, "Routing Descriptor Blocks")) {
		p->in_blocks = p->entry_seen;
		return p->entry_seen;
	}
	if (p->in_blocks) {
		if (line_starts(&t, "Route metric is")) {
			uint64_t v;
			if (p->recs->nhops == 0 ||
			    !line_label_u64(&t, "metric is", &v) ||
			    v > INT64_MAX)
				return 0;
			p->recs->hops[p->recs->nhops - 1].metric = (int64_t)v;
			return 1;
		}
		if (word_form_detail(&t) || descriptor_block(p, &t))
			return 1;
	}
	if (p->entry_seen && word_form_detail(&t))
		return 1;
	if (subnet_header(p, &tk))
		return 1;
	/* A continuation: another next hop of the last table route. */
	if (p->recs->nroutes > 0 && (t.s[0] == '[' || tok_is(&tk.t[0], "via") ||
	    tok_is(&tk.t[0], "is") || tok_is(&tk.t[0], "connected")))
		return table_hop(&p->recs->routes[p->recs->nroutes - 1], &tk, 0);
	return table_route(p, &tk);
}

/* IPv4 text to a host-order number. */
static int
ipv4_number(const char *s, uint32_t *v)
{
	struct in_addr	 a;

	if (inet_pton(AF_INET, s, &a) != 1)
		return 0;
	*v = ntohl(a.s_addr);
	return 1;
}

/* The longest table route covering the target, in the target's VRF. */
static long
longest_match(const struct ip_route_records *rec)
{
	uint32_t	 target, net, mask;
	long		 best = -1;
	int		 bestlen = -1;
	size_t		 i;

	if (!ipv4_number(rec->target, &target))
		return -1;
	for (i = 0; i < rec->nroutes; i++) {
		const struct route_entry *r = &rec->routes[i];
		if (r->prefix_len < 0 || r->prefix_len <= bestlen ||
		    strcmp(r->vrf, rec->vrf) != 0 ||
		    !ipv4_number(r->network, &net))
			continue;
		mask = r->prefix_len == 0 ? 0 :
		    UINT32_MAX << (32 - r->prefix_len);
		if ((target & mask) == (net & mask)) {
			best = (long)i;
			bestlen = r->prefix_len;
		}
	}
	return best;
}

static int
ip_route_parse(const struct probe_input *in, struct probe_result *res)
{
	struct ip_route_records	*rec = xcalloc(1, sizeof(*rec));
	struct route_parser	 p;
	struct line_iter	 it;
	struct line		 l;

	memset(&p, 0, sizeof(p));
	p.recs = rec;
	p.subnet_len = -1;
	rec->found = -1;
	rec->distance = rec->metric = -1;
	rec->last_resort_set = -1;
	rec->match = -1;
	res->records = rec;
	line_iter_init(&it, in->text, in->len);
	while (line_next(&it, &l)) {
		/* A prompt line is noise, but its command names the target. */
		if (line_is_noise(&l)) {
			if (!line_is_blank(&l))
				command_echo(&p, &l);
			continue;
		}
		if (parse_line(&p, &l))
			res->recognised++;
		else
			res->unparsed++;
	}
	if (!p.entry_seen && rec->nroutes > 0) {
		rec->match = longest_match(rec);
		if (rec->target[0] != '\0')
			rec->found = rec->match >= 0;
	}
	if (rec->found == -1 && rec->default_gateway[0] != '\0')
		rec->found = 0;	/* no routing: the default gateway is used */
	return 0;
}

static void
add_num_or_null(cJSON *o, const char *key, int64_t v)
{
	if (v >= 0)
		cJSON_AddNumberToObject(o, key, (double)v);
	else
		cJSON_AddNullToObject(o, key);
}

static cJSON *
hop_json(const struct route_hop *h)
{
	cJSON	*o = cJSON_CreateObject();

	probe_json_str(o, "via", h->via);
	probe_json_str(o, "interface", h->interface);
	cJSON_AddBoolToObject(o, "active", h->active);
	cJSON_AddBoolToObject(o, "directly_connected", h->directly_connected);
	probe_json_str(o, "via_vrf", h->via_vrf);
	probe_json_str(o, "from", h->from);
	probe_json_str(o, "age", h->age);
	add_num_or_null(o, "distance", h->distance);
	add_num_or_null(o, "metric", h->metric);
	return o;
}

static void
add_hops(cJSON *o, const char *key, const struct route_hop *h, size_t n)
{
	cJSON	*a = cJSON_AddArrayToObject(o, key);
	size_t	 i;

	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(a, hop_json(&h[i]));
}

/* The interface of the active next hop, or of the first that has one. */
static const char *
egress(const struct route_hop *h, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (h[i].active && h[i].interface[0] != '\0')
			return h[i].interface;
	for (i = 0; i < n; i++)
		if (h[i].interface[0] != '\0')
			return h[i].interface;
	return "";
}

static void
route_prefix(const struct route_entry *r, char *buf, size_t len)
{
	if (r->prefix_len < 0 ||
	    snprintf(buf, len, "%s/%d", r->network, r->prefix_len) < 0)
		buf[0] = '\0';
}

static cJSON *
route_json(const struct route_entry *r)
{
	cJSON	*o = cJSON_CreateObject();
	char	 pfx[ROUTE_NAME_MAX + 8];

	route_prefix(r, pfx, sizeof(pfx));
	probe_json_str(o, "vrf", r->vrf);
	cJSON_AddStringToObject(o, "protocol", r->protocol);
	probe_json_str(o, "type", r->type);
	cJSON_AddBoolToObject(o, "candidate_default", r->candidate_default);
	probe_json_str(o, "prefix", pfx);
	cJSON_AddStringToObject(o, "network", r->network);
	probe_json_str(o, "mask", r->mask);
	add_num_or_null(o, "prefix_len", r->prefix_len);
	add_num_or_null(o, "distance", r->distance);
	add_num_or_null(o, "metric", r->metric);
	cJSON_AddBoolToObject(o, "summary", r->summary);
	cJSON_AddBoolToObject(o, "vpn", r->vpn);
	cJSON_AddBoolToObject(o, "tunneled", r->tunneled);
	add_hops(o, "next_hops", r->hops, r->nhops);
	probe_json_str(o, "interface", egress(r->hops, r->nhops));
	return o;
}

static void
ip_route_to_json(const void *records, cJSON *obj)
{
	const struct ip_route_records	*rec = records;
	const struct route_entry	*m = NULL;
	cJSON				*a;
	char				 pfx[ROUTE_NAME_MAX + 8];
	size_t				 i;

	if (rec->match >= 0 && (size_t)rec->match < rec->nroutes)
		m = &rec->routes[rec->match];
	probe_json_str(obj, "target", rec->target);
	if (rec->found >= 0)
		cJSON_AddBoolToObject(obj, "found", rec->found);
	else
		cJSON_AddNullToObject(obj, "found");
	probe_json_str(obj, "vrf", rec->vrf);
	if (m != NULL) {
		route_prefix(m, pfx, sizeof(pfx));
		probe_json_str(obj, "prefix", pfx);
		cJSON_AddNullToObject(obj, "known_via");
		add_num_or_null(obj, "distance", m->distance);
		add_num_or_null(obj, "metric", m->metric);
		cJSON_AddBoolToObject(obj, "candidate_default",
		    m->candidate_default);
		add_hops(obj, "next_hops", m->hops, m->nhops);
		probe_json_str(obj, "egress_interface",
		    egress(m->hops, m->nhops));
	} else {
		probe_json_str(obj, "prefix", rec->prefix);
		probe_json_str(obj, "known_via", rec->known_via);
		add_num_or_null(obj, "distance", rec->distance);
		add_num_or_null(obj, "metric", rec->metric);
		cJSON_AddBoolToObject(obj, "candidate_default",
		    rec->candidate_default);
		add_hops(obj, "next_hops", rec->hops, rec->nhops);
		probe_json_str(obj, "egress_interface",
		    egress(rec->hops, rec->nhops));
	}
	probe_json_str(obj, "default_gateway", rec->default_gateway);
	probe_json_str(obj, "gateway_of_last_resort", rec->last_resort);
	a = cJSON_AddArrayToObject(obj, "routes");
	for (i = 0; i < rec->nroutes; i++)
		cJSON_AddItemToArray(a, route_json(&rec->routes[i]));
}

static void
ip_route_free(void *records)
{
	struct ip_route_records	*rec = records;
	size_t			 i;

	if (rec == NULL)
		return;
	for (i = 0; i < rec->nroutes; i++)
		free(rec->routes[i].hops);
	free(rec->routes);
	free(rec->hops);
	free(rec);
}

const struct probe probe_ip_route = {
	.name = "ip_route",
	.command = "show ip route",
	.command_asa = "show route",
	.polled = 0,
	.parse = ip_route_parse,
	.to_json = ip_route_to_json,
	.free_records = ip_route_free,
};

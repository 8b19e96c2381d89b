/*
 * crypto_map.c: "show crypto map" (IOS, IOS-XE) and
 * "show running-config crypto map" (ASA).
 *
 * IOS prints one block per map entry, opened by
 * 'Crypto Map IPv4 "CM" 10 ipsec-isakmp' (or 'Crypto Map "CM" 10 ...' on
 * older images) and made of "label: value" lines; two lists span lines
 * (the transform sets between "={" and "}", the interfaces after
 * "Interfaces using crypto map CM:"), so the parser keeps a small mode.
 * ASA prints configuration lines, each naming its map and sequence number,
 * plus "crypto map CM interface outside" for the whole map.
 * Both are read on keywords and tokens only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto_map.h"
#include "text.h"
#include "util.h"

enum cmap_mode {
	MODE_NONE,
	MODE_WARNING,		/* after the incomplete-state warning */
	MODE_ACL,		/* after "Extended IP access list X" */
	MODE_TRANSFORMS,	/* inside "Transform sets={ ... }" */
	MODE_INTERFACES		/* after "Interfaces using crypto map X:" */
};

/* An ASA "crypto map CM interface outside": applied to every entry at the end. */
struct cmap_binding {
	char	 map[CMAP_NAME_MAX];
	char	 ifname[CMAP_NAME_MAX];
};

struct cmap_parser {
	struct crypto_map_records *recs;
	struct cmap_entry	*cur;		/* the IOS block being read */
	enum cmap_mode		 mode;
	int			 ts_depth;	/* inner braces in the sets */
	char			 idb_map[CMAP_NAME_MAX];	/* "Crypto Map: ..." */
	char			 idb_local[CMAP_ADDR_MAX];
	struct cmap_binding	*bindings;
	size_t			 nbindings;
};

static void
entry_init(struct cmap_entry *e, const char *map, int64_t seq)
{
	memset(e, 0, sizeof(*e));
	snprintf(e->map, sizeof(e->map), "%s", map);
	e->seq = seq;
	e->pfs = -1;
	e->lifetime_kb = -1;
	e->lifetime_s = -1;
	e->idletime_s = -1;
	e->responder_only = -1;
}

static struct cmap_entry *
entry_add(struct crypto_map_records *r, const char *map, int64_t seq)
{
	r->entries = xreallocarray(r->entries, r->nentries + 1,
	    sizeof(*r->entries));
	entry_init(&r->entries[r->nentries], map, seq);
	return &r->entries[r->nentries++];
}

static struct cmap_entry *
entry_find(struct crypto_map_records *r, const char *map, int64_t seq)
{
	size_t	 i;

	/* The lines of an entry come together: try the last one first. */
	if (r->nentries > 0 && r->entries[r->nentries - 1].seq == seq &&
	    strcmp(r->entries[r->nentries - 1].map, map) == 0)
		return &r->entries[r->nentries - 1];
	for (i = 0; i < r->nentries; i++)
		if (r->entries[i].seq == seq &&
		    strcmp(r->entries[i].map, map) == 0)
			return &r->entries[i];
	return NULL;
}

/* Append a string to a growable array of fixed-size names. */
static void *
names_add(void *arr, size_t *n, size_t width, const char *s, size_t len)
{
	char	*a;

	a = xreallocarray(arr, *n + 1, width);
	if (len >= width)
		len = width - 1;
	memcpy(a + *n * width, s, len);
	a[*n * width + len] = '\0';
	(*n)++;
	return a;
}

static void
add_peer(struct cmap_entry *e, const struct tok *t)
{
	char	 buf[CMAP_ADDR_MAX];

	/* An address is canonicalised; an ASA peer may be a name. */
	if (!tok_ip(t, buf, sizeof(buf)))
		tok_copy(t, buf, sizeof(buf));
	e->peers = names_add(e->peers, &e->npeers, sizeof(*e->peers), buf,
	    strlen(buf));
}

/* The map name of a header: "CM" with its quotes, or a bare word. */
static void
unquote(const struct tok *t, char *buf, size_t buflen)
{
	struct tok	 u = *t;

	if (u.len >= 2 && u.s[0] == '"' && u.s[u.len - 1] == '"') {
		u.s++;
		u.len -= 2;
	}
	tok_copy(&u, buf, buflen);
}

static int
strpbrk_n(const char *s, size_t len, const char *set)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (strchr(set, s[i]) != NULL && s[i] != '\0')
			return 1;
	return 0;
}

/* The text after the first ':' of a line, as a token (trimmed). */
static int
value_after_colon(const struct line *l, struct tok *v)
{
	const char	*p = memchr(l->s, ':', l->len), *end = l->s + l->len;

	if (p == NULL)
		return 0;
	p++;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	v->s = p;
	v->len = (size_t)(end - p);
	return v->len > 0;
}

/*
 * 'Crypto Map IPv4 "CM" 10 ipsec-isakmp', 'Crypto Map "CM" 10 ipsec-isakmp'
 * and 'Crypto Map: "CM" idb: Gi0/0 local address: 192.0.2.1'.
 */
static int
ios_header(struct cmap_parser *p, const struct toks *tk)
{
	struct cmap_entry	*e;
	const char		*family = NULL;
	char			 name[CMAP_NAME_MAX];
	uint64_t		 seq;
	size_t			 i = 2;

	if (tok_is(&tk->t[1], "Map:")) {
		if (tk->n < 3)
			return 0;
		unquote(&tk->t[2], p->idb_map, sizeof(p->idb_map));
		p->idb_local[0] = '\0';
		for (i = 3; i + 2 < tk->n; i++)
			if (tok_is(&tk->t[i], "local") &&
			    tok_is(&tk->t[i + 1], "address:") &&
			    !tok_ip(&tk->t[i + 2], p->idb_local,
			    sizeof(p->idb_local)))
				p->idb_local[0] = '\0';
		p->cur = NULL;
		p->mode = MODE_NONE;
		return 1;
	}
	if (tk->n > 2 && tok_is(&tk->t[2], "IPv4")) {
		family = "ipv4";
		i = 3;
	} else if (tk->n > 2 && tok_is(&tk->t[2], "IPv6")) {
		family = "ipv6";
		i = 3;
	}
	if (i + 1 >= tk->n || !tok_u64(&tk->t[i + 1], &seq) ||
	    seq > INT64_MAX) {
		p->cur = NULL;	/* no sequence number: not an entry */
		return 0;
	}
	unquote(&tk->t[i], name, sizeof(name));
	e = entry_add(p->recs, name, (int64_t)seq);
	e->family = family;
	if (i + 2 < tk->n) {
		if (tok_is(&tk->t[i + 2], "ipsec-isakmp"))
			e->type = "ipsec-isakmp";
		else if (tok_is(&tk->t[i + 2], "ipsec-manual"))
			e->type = "ipsec-manual";
		/* Some images print the dynamic template on the header. */
		if (i + 4 < tk->n && tok_is(&tk->t[i + 3], "dynamic")) {
			e->type = "dynamic";
			tok_copy(&tk->t[i + 4], e->dynamic_template,
			    sizeof(e->dynamic_template));
		}
	}
	if (p->idb_map[0] != '\0' && strcmp(p->idb_map, name) == 0)
		snprintf(e->local_address, sizeof(e->local_address), "%s",
		    p->idb_local);
	p->cur = e;
	p->mode = MODE_NONE;
	return 1;
}

/* "any", "host A", "A WILDCARD", "2001:db8::/64"; returns tokens used. */
static size_t
acl_address(const struct toks *tk, size_t i, char *addr, char *wild,
    size_t buflen)
{
	const char	*slash;
	char		 pfx[CMAP_ADDR_MAX];
	struct tok	 a;

	if (i >= tk->n)
		return 0;
	if (tok_is(&tk->t[i], "any") || tok_is(&tk->t[i], "any4")) {
		snprintf(addr, buflen, "0.0.0.0");
		snprintf(wild, buflen, "255.255.255.255");
		return 1;
	}
	if (tok_is(&tk->t[i], "host"))
		return i + 1 < tk->n && tok_ip(&tk->t[i + 1], addr, buflen) ?
		    (snprintf(wild, buflen, "0.0.0.0"), 2) : 0;
	if (tok_ip(&tk->t[i], addr, buflen)) {
		if (i + 1 < tk->n && tok_ip(&tk->t[i + 1], wild, buflen))
			return 2;
		wild[0] = '\0';
		return 1;
	}
	/* IPv6 ACLs print "prefix/len" and no wildcard. */
	slash = memchr(tk->t[i].s, '/', tk->t[i].len);
	if (slash == NULL)
		return 0;
	a.s = tk->t[i].s;
	a.len = (size_t)(slash - a.s);
	if (!tok_ip(&a, pfx, sizeof(pfx)))
		return 0;
	/* A prefix longer than the field is cut, never overrun. */
	if (snprintf(addr, buflen, "%s%.*s", pfx,
	    (int)(tk->t[i].len - a.len), slash) < 0)
		addr[0] = '\0';
	wild[0] = '\0';
	return 1;
}

/* "eq 500", "range 500 4500"; returns tokens used (0: no port). */
static size_t
acl_port(const struct toks *tk, size_t i, char *buf, size_t buflen)
{
	if (i + 1 >= tk->n)
		return 0;
	if (tok_is(&tk->t[i], "eq") || tok_is(&tk->t[i], "neq") ||
	    tok_is(&tk->t[i], "lt") || tok_is(&tk->t[i], "gt")) {
		snprintf(buf, buflen, "%.*s %.*s", (int)tk->t[i].len,
		    tk->t[i].s, (int)tk->t[i + 1].len, tk->t[i + 1].s);
		return 2;
	}
	if (tok_is(&tk->t[i], "range") && i + 2 < tk->n) {
		snprintf(buf, buflen, "range %.*s %.*s",
		    (int)tk->t[i + 1].len, tk->t[i + 1].s,
		    (int)tk->t[i + 2].len, tk->t[i + 2].s);
		return 3;
	}
	return 0;
}

/*
 * "access-list 101 permit ip 10.1.0.0 0.0.0.255 host 10.9.0.1" (or the
 * same without "access-list NAME", or with a leading sequence number).
 * Whatever follows the destination (log, matches) is ignored.
 */
static int
acl_entry(struct cmap_entry *e, const struct toks *tk)
{
	struct cmap_acl_entry	 a;
	size_t			 i = 0, n;
	uint64_t		 num;

	memset(&a, 0, sizeof(a));
	if (tk->n > 0 && tok_is(&tk->t[0], "access-list"))
		i = 2;
	if (i < tk->n && tok_u64(&tk->t[i], &num))
		i++;
	if (i + 1 >= tk->n || (!tok_is(&tk->t[i], "permit") &&
	    !tok_is(&tk->t[i], "deny")))
		return 0;
	tok_copy(&tk->t[i++], a.action, sizeof(a.action));
	tok_copy(&tk->t[i++], a.protocol, sizeof(a.protocol));
	if ((n = acl_address(tk, i, a.src, a.src_wildcard, CMAP_ADDR_MAX)) == 0)
		return 0;
	i += n;
	i += acl_port(tk, i, a.src_port, sizeof(a.src_port));
	if ((n = acl_address(tk, i, a.dst, a.dst_wildcard, CMAP_ADDR_MAX)) == 0)
		return 0;
	i += n;
	acl_port(tk, i, a.dst_port, sizeof(a.dst_port));
	e->acl_entries = xreallocarray(e->acl_entries, e->nacl_entries + 1,
	    sizeof(*e->acl_entries));
	e->acl_entries[e->nacl_entries++] = a;
	return 1;
}

/*
 * The sets between "Transform sets={" and its "}": "NAME:  { esp-aes
 * esp-sha-hmac  } ," on IOS 15 / XE, "{ NAME, }" on 12.x. Reads from s;
 * leaves MODE_TRANSFORMS at the closing brace.
 */
static void
transform_words(struct cmap_parser *p, const char *s, size_t len)
{
	struct cmap_entry	*e = p->cur;
	size_t			 i = 0, start, wl;

	while (i < len && p->mode == MODE_TRANSFORMS) {
		char c = s[i];
		if (c == '{') {
			p->ts_depth++;
			i++;
		} else if (c == '}') {
			if (p->ts_depth > 0)
				p->ts_depth--;
			else
				p->mode = MODE_NONE;
			i++;
		} else if (c == ' ' || c == '\t' || c == ',') {
			i++;
		} else {
			start = i;
			while (i < len && s[i] != ' ' && s[i] != '\t' &&
			    s[i] != ',' && s[i] != '{' && s[i] != '}')
				i++;
			wl = i - start;
			if (s[start + wl - 1] == ':')
				wl--;
			/* Words inside the inner braces are the transforms. */
			if (p->ts_depth == 0 && wl > 0 && e != NULL)
				e->transform_sets = names_add(e->transform_sets,
				    &e->ntransform_sets,
				    sizeof(*e->transform_sets), s + start, wl);
		}
	}
}

/* "Security association lifetime: 4608000 kilobytes/3600 seconds" */
static int
ios_lifetime(struct cmap_entry *e, const struct line *t)
{
	const char	*p = line_find(t, "lifetime:"), *end = t->s + t->len;
	struct toks	 tk;
	uint64_t	 v;
	size_t		 i;
	int		 got = 0;

	if (p == NULL)
		return 0;
	/* Split "kilobytes/3600" by hand: '/' is no blank for toks_split. */
	{
		char	 buf[256];
		size_t	 n = (size_t)(end - p), k;

		if (n >= sizeof(buf))
			n = sizeof(buf) - 1;
		memcpy(buf, p, n);
		for (k = 0; k < n; k++)
			if (buf[k] == '/')
				buf[k] = ' ';
		toks_split(&tk, buf, n);
		for (i = 0; i + 1 < tk.n; i++) {
			if (!tok_u64(&tk.t[i], &v) || v > INT64_MAX)
				continue;
			if (tok_is(&tk.t[i + 1], "kilobytes")) {
				e->lifetime_kb = (int64_t)v;
				got = 1;
			} else if (tok_is(&tk.t[i + 1], "seconds")) {
				e->lifetime_s = (int64_t)v;
				got = 1;
			}
		}
	}
	return got;
}

/* "PFS (Y/N): Y  DH group:  group14" or "PFS (Y/N): N" */
static int
ios_pfs(struct cmap_entry *e, const struct toks *tk)
{
	size_t	 i;

	if (tk->n < 3)
		return 0;
	if (tok_is(&tk->t[2], "Y"))
		e->pfs = 1;
	else if (tok_is(&tk->t[2], "N"))
		e->pfs = 0;
	else
		return 0;
	for (i = 3; i + 2 < tk->n; i++)
		if (tok_is(&tk->t[i], "DH") && tok_is(&tk->t[i + 1], "group:"))
			tok_copy(&tk->t[i + 2], e->pfs_group,
			    sizeof(e->pfs_group));
	return 1;
}

static int
yes_no(const struct toks *tk, size_t i, int *v)
{
	if (i >= tk->n)
		return 0;
	if (tok_is(&tk->t[i], "Y"))
		*v = 1;
	else if (tok_is(&tk->t[i], "N"))
		*v = 0;
	else
		return 0;
	return 1;
}

/* "Extended IP access list 101", "IPv6 access list X"; "access check". */
static int
ios_acl_name(struct cmap_parser *p, const struct toks *tk)
{
	struct cmap_entry	*e = p->cur;
	size_t			 i;

	for (i = 0; i + 2 < tk->n; i++) {
		if (tok_is(&tk->t[i], "access") && tok_is(&tk->t[i + 1], "list")) {
			tok_copy(&tk->t[i + 2], e->acl, sizeof(e->acl));
			p->mode = MODE_ACL;
			return 1;
		}
		/* "Extended IP access check IN list X": set ip access-group. */
		if (tok_is(&tk->t[i], "check") && i + 3 < tk->n &&
		    tok_is(&tk->t[i + 2], "list")) {
			if (tok_is(&tk->t[i + 1], "IN"))
				tok_copy(&tk->t[i + 3], e->access_check_in,
				    sizeof(e->access_check_in));
			else if (tok_is(&tk->t[i + 1], "OUT"))
				tok_copy(&tk->t[i + 3], e->access_check_out,
				    sizeof(e->access_check_out));
			else
				return 0;
			return 1;
		}
	}
	return 0;
}

/* A line inside an IOS entry block; 1 when understood. */
static int
ios_body(struct cmap_parser *p, const struct line *t, const struct toks *tk)
{
	struct cmap_entry	*e = p->cur;
	struct tok		 v;

	if (tok_is(&tk->t[0], "Peer") && tk->n >= 3 &&
	    tok_is(&tk->t[1], "=")) {
		add_peer(e, &tk->t[2]);
		return 1;
	}
	if (line_starts(t, "WARNING: This crypto map is in an incomplete")) {
		e->incomplete = 1;
		p->mode = MODE_WARNING;
		return 1;
	}
	if (p->mode == MODE_WARNING && t->s[0] == '(') {
		size_t n = t->len - 1;
		if (t->s[t->len - 1] == ')')
			n--;
		snprintf(e->incomplete_reason, sizeof(e->incomplete_reason),
		    "%.*s", (int)n, t->s + 1);
		p->mode = MODE_NONE;
		return 1;
	}
	if ((tok_is(&tk->t[0], "Extended") || tok_is(&tk->t[0], "Standard") ||
	    tok_is(&tk->t[0], "IPv6")) && ios_acl_name(p, tk))
		return 1;
	if (p->mode == MODE_ACL && acl_entry(e, tk))
		return 1;
	if (line_starts(t, "No matching address list set")) {
		e->acl[0] = '\0';
		return 1;
	}
	if (line_starts(t, "Current peer:") && value_after_colon(t, &v)) {
		if (!tok_ip(&v, e->current_peer, sizeof(e->current_peer)))
			tok_copy(&v, e->current_peer, sizeof(e->current_peer));
		return 1;
	}
	if (line_starts(t, "Security association lifetime"))
		return ios_lifetime(e, t);
	if (line_starts(t, "Security association idletime")) {
		uint64_t s;
		if (!line_label_u64(t, "idletime:", &s) || s > INT64_MAX)
			return 0;
		e->idletime_s = (int64_t)s;
		return 1;
	}
	if (line_starts(t, "PFS (Y/N):"))
		return ios_pfs(e, tk);
	if (line_starts(t, "DH group:") && tk->n == 3) {
		tok_copy(&tk->t[2], e->pfs_group, sizeof(e->pfs_group));
		return 1;
	}
	if (line_starts(t, "Responder-Only (Y/N):"))
		return yes_no(tk, 2, &e->responder_only);
	if (line_starts(t, "Dualstack (Y/N):") || line_starts(t, "Mixed-mode") ||
	    line_starts(t, "Access-List SS dynamic:") ||
	    line_starts(t, "QOS pre-classification"))
		return 1;
	if ((line_starts(t, "IKEv2 Profile:") ||
	    line_starts(t, "ISAKMP Profile:")) && value_after_colon(t, &v)) {
		tok_copy(&v, e->ike_profile, sizeof(e->ike_profile));
		return 1;
	}
	if (line_starts(t, "Dynamic map template tag:") &&
	    value_after_colon(t, &v)) {
		tok_copy(&v, e->dynamic_template, sizeof(e->dynamic_template));
		e->type = "dynamic";
		return 1;
	}
	if (line_starts(t, "Reverse Route Injection")) {
		e->reverse_route = 1;
		return 1;
	}
	if (line_starts(t, "Transform sets")) {
		const char *eq = memchr(t->s, '=', t->len);
		if (eq == NULL || eq + 1 >= t->s + t->len || eq[1] != '{')
			return 0;
		p->mode = MODE_TRANSFORMS;
		p->ts_depth = 0;
		transform_words(p, eq + 2, (size_t)(t->s + t->len - eq - 2));
		return 1;
	}
	if (p->mode == MODE_TRANSFORMS) {
		transform_words(p, t->s, t->len);
		return 1;
	}
	if (line_starts(t, "Interfaces using crypto map")) {
		p->mode = MODE_INTERFACES;
		return 1;
	}
	/*
	 * An interface name alone on its line, under "Interfaces using";
	 * every interface name has a number (a cut-off word has not).
	 */
	if (p->mode == MODE_INTERFACES && tk->n == 1 &&
	    t->s[t->len - 1] != ':' && strpbrk_n(t->s, t->len, "0123456789")) {
		e->interfaces = names_add(e->interfaces, &e->ninterfaces,
		    sizeof(*e->interfaces), tk->t[0].s, tk->t[0].len);
		return 1;
	}
	return 0;
}

/* Every entry of a map the ASA bound to an interface gets the interface. */
static void
apply_bindings(struct cmap_parser *p)
{
	struct crypto_map_records	*r = p->recs;
	size_t				 i, k;

	for (k = 0; k < p->nbindings; k++)
		for (i = 0; i < r->nentries; i++) {
			struct cmap_entry *e = &r->entries[i];
			if (strcmp(e->map, p->bindings[k].map) != 0)
				continue;
			e->interfaces = names_add(e->interfaces, &e->ninterfaces,
			    sizeof(*e->interfaces), p->bindings[k].ifname,
			    strlen(p->bindings[k].ifname));
		}
}

/* "... set security-association lifetime seconds 28800 kilobytes unlimited" */
static int
asa_lifetime(struct cmap_entry *e, const struct toks *tk, size_t i)
{
	uint64_t	 v;
	int		 got = 0;

	for (; i + 1 < tk->n; i += 2) {
		if (tok_is(&tk->t[i], "kilobytes") &&
		    tok_is(&tk->t[i + 1], "unlimited")) {
			e->lifetime_kb_unlimited = 1;
			got = 1;
			continue;
		}
		if (!tok_u64(&tk->t[i + 1], &v) || v > INT64_MAX)
			return 0;
		if (tok_is(&tk->t[i], "seconds"))
			e->lifetime_s = (int64_t)v;
		else if (tok_is(&tk->t[i], "kilobytes"))
			e->lifetime_kb = (int64_t)v;
		else
			return 0;
		got = 1;
	}
	return got;
}

/* The "set ..." attributes of an ASA entry; tokens from i (after "set"). */
static int
asa_set(struct cmap_entry *e, const struct toks *tk, size_t i)
{
	size_t	 k;

	if (i >= tk->n)
		return 0;
	if (tok_is(&tk->t[i], "peer")) {
		for (k = i + 1; k < tk->n; k++)
			add_peer(e, &tk->t[k]);
		return k > i + 1;
	}
	if ((tok_is(&tk->t[i], "ikev1") && i + 1 < tk->n &&
	    tok_is(&tk->t[i + 1], "transform-set")) ||
	    tok_is(&tk->t[i], "transform-set")) {
		k = tok_is(&tk->t[i], "ikev1") ? i + 2 : i + 1;
		for (; k < tk->n; k++)
			e->transform_sets = names_add(e->transform_sets,
			    &e->ntransform_sets, sizeof(*e->transform_sets),
			    tk->t[k].s, tk->t[k].len);
		return 1;
	}
	if (tok_is(&tk->t[i], "ikev2") && i + 1 < tk->n &&
	    tok_is(&tk->t[i + 1], "ipsec-proposal")) {
		for (k = i + 2; k < tk->n; k++)
			e->ikev2_proposals = names_add(e->ikev2_proposals,
			    &e->nikev2_proposals, sizeof(*e->ikev2_proposals),
			    tk->t[k].s, tk->t[k].len);
		return 1;
	}
	if (tok_is(&tk->t[i], "pfs")) {
		e->pfs = 1;
		if (i + 1 < tk->n)
			tok_copy(&tk->t[i + 1], e->pfs_group,
			    sizeof(e->pfs_group));
		return 1;
	}
	if (tok_is(&tk->t[i], "security-association") && i + 1 < tk->n &&
	    tok_is(&tk->t[i + 1], "lifetime"))
		return asa_lifetime(e, tk, i + 2);
	if (tok_is(&tk->t[i], "reverse-route"))
		e->reverse_route = 1;
	/* Other attributes (connection-type, phase1-mode, nat-t-disable...). */
	return 1;
}

/*
 * "[no] crypto map NAME SEQ match address ACL | set ... | ipsec-isakmp
 * [dynamic DYN]" and "crypto map NAME interface IF". Also the IOS global
 * "crypto map NAME local-address IF" kind of line.
 */
static int
asa_line(struct cmap_parser *p, const struct toks *tk)
{
	struct cmap_entry	*e;
	char			 name[CMAP_NAME_MAX];
	size_t			 i = 0;
	uint64_t		 seq;
	int			 negated = 0;

	if (tok_is(&tk->t[0], "no")) {
		negated = 1;
		i = 1;
	}
	if (i + 3 >= tk->n)
		return 0;
	tok_copy(&tk->t[i + 2], name, sizeof(name));
	p->cur = NULL;
	p->mode = MODE_NONE;
	if (tok_is(&tk->t[i + 3], "interface")) {
		if (negated)
			return 1;
		if (i + 4 >= tk->n)
			return 0;
		p->bindings = xreallocarray(p->bindings, p->nbindings + 1,
		    sizeof(*p->bindings));
		snprintf(p->bindings[p->nbindings].map, CMAP_NAME_MAX, "%s",
		    name);
		tok_copy(&tk->t[i + 4], p->bindings[p->nbindings].ifname,
		    CMAP_NAME_MAX);
		p->nbindings++;
		return 1;
	}
	if (!tok_u64(&tk->t[i + 3], &seq) || seq > INT64_MAX)
		return 1;	/* a map-wide setting: local-address, ... */
	if (i + 4 >= tk->n)
		return 0;
	e = entry_find(p->recs, name, (int64_t)seq);
	if (negated)
		return 1;	/* "no crypto map X 10 set tfc-packets": a default */
	if (e == NULL) {
		e = entry_add(p->recs, name, (int64_t)seq);
		e->from_config = 1;
		e->type = "ipsec-isakmp";	/* the only kind the ASA has */
	}
	i += 4;
	if (tok_is(&tk->t[i], "match") && i + 2 < tk->n &&
	    tok_is(&tk->t[i + 1], "address")) {
		tok_copy(&tk->t[i + 2], e->acl, sizeof(e->acl));
		return 1;
	}
	if (tok_is(&tk->t[i], "set"))
		return asa_set(e, tk, i + 1);
	if (tok_is(&tk->t[i], "ipsec-isakmp") || tok_is(&tk->t[i], "ipsec-manual")) {
		e->type = tok_is(&tk->t[i], "ipsec-manual") ? "ipsec-manual" :
		    "ipsec-isakmp";
		if (i + 2 < tk->n && tok_is(&tk->t[i + 1], "dynamic")) {
			e->type = "dynamic";
			tok_copy(&tk->t[i + 2], e->dynamic_template,
			    sizeof(e->dynamic_template));
		}
		return 1;
	}
	return 0;
}

static int
is_config_line(const struct toks *tk)
{
	size_t	 i = tk->n > 0 && tok_is(&tk->t[0], "no") ? 1 : 0;

	return i + 1 < tk->n && tok_is(&tk->t[i], "crypto") &&
	    tok_is(&tk->t[i + 1], "map");
}

static int
parse_line(struct cmap_parser *p, const struct line *l)
{
	struct line	 t = line_trim(l);
	struct toks	 tk;

	if (toks_line(&tk, &t) == 0)
		return 0;
	if (tk.n >= 2 && tok_is(&tk.t[0], "Crypto") &&
	    (tok_is(&tk.t[1], "Map") || tok_is(&tk.t[1], "Map:")))
		return ios_header(p, &tk);
	if (is_config_line(&tk))
		return asa_line(p, &tk);
	if (p->cur == NULL)
		return 0;
	return ios_body(p, &t, &tk);
}

static int
crypto_map_parse(const struct probe_input *in, struct probe_result *res)
{
	struct crypto_map_records	*r = xcalloc(1, sizeof(*r));
	struct cmap_parser		 p;
	struct line_iter		 it;
	struct line			 l;
	size_t				 i;

	memset(&p, 0, sizeof(p));
	p.recs = r;
	res->records = r;
	line_iter_init(&it, in->text, in->len);
	while (line_next(&it, &l)) {
		if (line_is_noise(&l))
			continue;
		if (parse_line(&p, &l))
			res->recognised++;
		else
			res->unparsed++;
	}
	apply_bindings(&p);
	/* In a configuration, an absent "set pfs" means no PFS. */
	for (i = 0; i < r->nentries; i++)
		if (r->entries[i].from_config && r->entries[i].pfs == -1)
			r->entries[i].pfs = 0;
	free(p.bindings);
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

static void
add_bool_or_null(cJSON *o, const char *key, int v)
{
	if (v >= 0)
		cJSON_AddBoolToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

static void
add_names(cJSON *o, const char *key, const char *names, size_t n,
    size_t width)
{
	cJSON	*a = cJSON_AddArrayToObject(o, key);
	size_t	 i;

	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(names + i * width));
}

static cJSON *
acl_entry_json(const struct cmap_acl_entry *a)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "action", a->action);
	cJSON_AddStringToObject(o, "protocol", a->protocol);
	probe_json_str(o, "src", a->src);
	probe_json_str(o, "src_wildcard", a->src_wildcard);
	probe_json_str(o, "dst", a->dst);
	probe_json_str(o, "dst_wildcard", a->dst_wildcard);
	probe_json_str(o, "src_port", a->src_port);
	probe_json_str(o, "dst_port", a->dst_port);
	return o;
}

static cJSON *
entry_json(const struct cmap_entry *e)
{
	cJSON	*o = cJSON_CreateObject(), *a;
	size_t	 i;

	cJSON_AddStringToObject(o, "map", e->map);
	add_num_or_null(o, "seq", e->seq);
	probe_json_str(o, "family", e->family);
	probe_json_str(o, "type", e->type);
	add_names(o, "peers", (const char *)e->peers, e->npeers,
	    sizeof(*e->peers));
	probe_json_str(o, "current_peer", e->current_peer);
	probe_json_str(o, "local_address", e->local_address);
	probe_json_str(o, "acl", e->acl);
	a = cJSON_AddArrayToObject(o, "acl_entries");
	for (i = 0; i < e->nacl_entries; i++)
		cJSON_AddItemToArray(a, acl_entry_json(&e->acl_entries[i]));
	probe_json_str(o, "access_check_in", e->access_check_in);
	probe_json_str(o, "access_check_out", e->access_check_out);
	add_names(o, "transform_sets", (const char *)e->transform_sets,
	    e->ntransform_sets, sizeof(*e->transform_sets));
	add_names(o, "ikev2_proposals", (const char *)e->ikev2_proposals,
	    e->nikev2_proposals, sizeof(*e->ikev2_proposals));
	add_bool_or_null(o, "pfs", e->pfs);
	probe_json_str(o, "pfs_group", e->pfs_group);
	add_num_or_null(o, "lifetime_kb", e->lifetime_kb);
	cJSON_AddBoolToObject(o, "lifetime_kb_unlimited",
	    e->lifetime_kb_unlimited);
	add_num_or_null(o, "lifetime_s", e->lifetime_s);
	add_num_or_null(o, "idletime_s", e->idletime_s);
	cJSON_AddBoolToObject(o, "incomplete", e->incomplete);
	probe_json_str(o, "incomplete_reason", e->incomplete_reason);
	add_names(o, "interfaces", (const char *)e->interfaces, e->ninterfaces,
	    sizeof(*e->interfaces));
	probe_json_str(o, "dynamic_template", e->dynamic_template);
	probe_json_str(o, "ike_profile", e->ike_profile);
	add_bool_or_null(o, "responder_only", e->responder_only);
	cJSON_AddBoolToObject(o, "reverse_route", e->reverse_route);
	return o;
}

static void
crypto_map_to_json(const void *records, cJSON *obj)
{
	const struct crypto_map_records	*r = records;
	cJSON				*a = cJSON_AddArrayToObject(obj, "entries");
	size_t				 i;

	for (i = 0; i < r->nentries; i++)
		cJSON_AddItemToArray(a, entry_json(&r->entries[i]));
}

static void
crypto_map_free(void *records)
{
	struct crypto_map_records	*r = records;
	size_t				 i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nentries; i++) {
		free(r->entries[i].peers);
		free(r->entries[i].acl_entries);
		free(r->entries[i].transform_sets);
		free(r->entries[i].ikev2_proposals);
		free(r->entries[i].interfaces);
	}
	free(r->entries);
	free(r);
}

const struct probe probe_crypto_map = {
	.name = "crypto_map",
	.command = "show crypto map",
	.command_asa = "show running-config crypto map",
	.polled = 1,
	.parse = crypto_map_parse,
	.to_json = crypto_map_to_json,
	.free_records = crypto_map_free,
};

/*
 * ikev2_sa.c: parser for "show crypto ikev2 sa detail".
 *
 * IOS-XE prints, per SA, a "Tunnel-id Local Remote fvrf/ivrf Status" row
 * (IPv6: "Tunnel-id fvrf/ivrf Status" and then "Local"/"Remote" lines)
 * followed by "Label: value" detail lines. The ASA groups SAs under
 * "Session-id:N, Status:..., IKE count:N, CHILD count:N" lines, uses a
 * "Status Role" row and appends "Child sa:" blocks whose "Encr:" line is
 * the child's, not the IKE SA's. Everything is matched on labels and
 * tokens, never on columns.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ikev2_sa.h"
#include "text.h"
#include "util.h"

#define NO_SA	((size_t)-1)

struct ikev2_parse {
	struct ikev2_sa_list	*list;
	size_t			 cur;		/* SA the detail lines go to */
	size_t			 cap;		/* room in list->sas */
	int			 ipv6_section;
	int			 in_subnets;	/* after "Remote subnets:" */
	int			 in_child;	/* after an ASA "Child sa:" */
	/* The last ASA "Session-id:" line, for the rows under it. */
	int64_t			 session_id;
	char			 session_status[IKEV2_WORD_LEN];
	int64_t			 ike_count;
	int64_t			 child_count;
	int			 seen_asa;
	int			 seen_iosxe;
};

/* A piece of a line: not NUL-terminated. */
struct span {
	const char	*s;
	size_t		 len;
};

static int
is_space(char c)
{
	return c == ' ' || c == '\t';
}

static struct span
span_trim(struct span v)
{
	while (v.len > 0 && is_space(v.s[0])) {
		v.s++;
		v.len--;
	}
	while (v.len > 0 && is_space(v.s[v.len - 1]))
		v.len--;
	return v;
}

/*
 * Does sp start with label (case-insensitive; a blank in label matches
 * one or more blanks)? Then *value is what follows, after an optional
 * ':' and blanks. The label must end at a word boundary.
 */
static int
label_value(struct span sp, const char *label, struct span *value)
{
	size_t	 i = 0;

	sp = span_trim(sp);
	for (; *label != '\0'; label++) {
		if (*label == ' ') {
			if (i >= sp.len || !is_space(sp.s[i]))
				return 0;
			while (i < sp.len && is_space(sp.s[i]))
				i++;
			continue;
		}
		if (i >= sp.len || tolower((unsigned char)sp.s[i]) !=
		    tolower((unsigned char)*label))
			return 0;
		i++;
	}
	if (i < sp.len && !is_space(sp.s[i]) && sp.s[i] != ':')
		return 0;
	while (i < sp.len && is_space(sp.s[i]))
		i++;
	if (i < sp.len && sp.s[i] == ':')
		i++;
	value->s = sp.s + i;
	value->len = sp.len - i;
	*value = span_trim(*value);
	return 1;
}

static void
span_copy(struct span v, char *buf, size_t buflen)
{
	struct tok	 t = { v.s, v.len };

	tok_copy(&t, buf, buflen);
}

/* A decimal number and nothing else. */
static int
span_i64(struct span v, int64_t *out)
{
	struct tok	 t = { v.s, v.len };
	uint64_t	 u;

	if (!tok_u64(&t, &u) || u > (uint64_t)INT64_MAX)
		return 0;
	*out = (int64_t)u;
	return 1;
}

/* "10.1.1.1/500", "2001:db8::1/4500": canonical address and port. */
static int
addr_port(const struct tok *t, char *addr, size_t addrlen, int64_t *port)
{
	struct tok	 a, p;
	uint64_t	 u;
	size_t		 i;

	for (i = t->len; i > 0 && t->s[i - 1] != '/'; i--)
		;
	if (i == 0)
		return 0;
	a.s = t->s;
	a.len = i - 1;
	p.s = t->s + i;
	p.len = t->len - i;
	if (!tok_u64(&p, &u) || u > 65535 || !tok_ip(&a, addr, addrlen))
		return 0;
	*port = (int64_t)u;
	return 1;
}

static void
sa_init(struct ikev2_sa *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->tunnel_id = sa->local_port = sa->remote_port = -1;
	sa->session_id = sa->ike_count = sa->child_count = sa->ce_id = -1;
	sa->key_bits = sa->dh_group = sa->lifetime_s = sa->active_s = -1;
	sa->dpd_interval_s = sa->dpd_retries = -1;
	sa->natt_detected = sa->fragmentation = sa->initiator = -1;
}

static struct ikev2_sa *
cur_sa(struct ikev2_parse *st)
{
	return st->cur == NO_SA ? NULL : &st->list->sas[st->cur];
}

static struct ikev2_sa *
sa_add(struct ikev2_parse *st)
{
	struct ikev2_sa_list	*l = st->list;

	/* Doubling: a long output must not cost a copy per SA. */
	if (l->nsas == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 8;
		l->sas = xreallocarray(l->sas, st->cap, sizeof(*l->sas));
	}
	sa_init(&l->sas[l->nsas]);
	st->cur = l->nsas++;
	st->in_subnets = st->in_child = 0;
	return &l->sas[st->cur];
}

static void
forget_sa(struct ikev2_parse *st)
{
	st->cur = NO_SA;
	st->in_subnets = st->in_child = 0;
}

static int
tok_has(const struct tok *t, char c)
{
	return memchr(t->s, c, t->len) != NULL;
}

/*
 * A tunnel row. IOS-XE: "ID LOCAL/PORT REMOTE/PORT FVRF/IVRF STATUS";
 * IOS-XE IPv6: "ID FVRF/IVRF STATUS"; ASA: "ID LOCAL/PORT REMOTE/PORT
 * STATUS ROLE". The addresses are mandatory where the layout has them.
 */
static int
parse_row(struct ikev2_parse *st, const struct toks *tk)
{
	struct ikev2_sa	 sa;
	int64_t		 id, port;
	char		 addr[IKEV2_ADDR_LEN];
	const struct tok *vrf = NULL, *status = NULL, *role = NULL;
	struct span	 idsp = { tk->t[0].s, tk->t[0].len };

	if (tk->n < 3 || !span_i64(idsp, &id))
		return 0;
	sa_init(&sa);
	if (tk->n == 3) {
		if (!tok_has(&tk->t[1], '/') ||
		    addr_port(&tk->t[1], addr, sizeof(addr), &port))
			return 0;
		vrf = &tk->t[1];
		status = &tk->t[2];
		sa.ipv6 = 1;
	} else if (tk->n <= 5) {
		if (!addr_port(&tk->t[1], sa.local, sizeof(sa.local),
		    &sa.local_port) || !addr_port(&tk->t[2], sa.remote,
		    sizeof(sa.remote), &sa.remote_port))
			return 0;
		if (tk->n == 5 && tok_has(&tk->t[3], '/')) {
			vrf = &tk->t[3];
			status = &tk->t[4];
		} else {
			status = &tk->t[3];
			role = tk->n == 5 ? &tk->t[4] : NULL;
		}
		sa.ipv6 = strchr(sa.local, ':') != NULL;
	} else
		return 0;
	if (!isalpha((unsigned char)status->s[0]))
		return 0;
	sa.tunnel_id = id;
	sa.ipv6 = sa.ipv6 || st->ipv6_section;
	tok_copy(status, sa.status, sizeof(sa.status));
	if (role != NULL) {
		tok_copy(role, sa.role, sizeof(sa.role));
		st->seen_asa = 1;
	}
	if (vrf != NULL) {
		const char *slash = memchr(vrf->s, '/', vrf->len);
		struct tok f = { vrf->s, (size_t)(slash - vrf->s) };
		struct tok i = { slash + 1, vrf->len - f.len - 1 };

		tok_copy(&f, sa.fvrf, sizeof(sa.fvrf));
		tok_copy(&i, sa.ivrf, sizeof(sa.ivrf));
		st->seen_iosxe = 1;
	}
	if (st->session_id >= 0 || st->session_status[0] != '\0') {
		sa.session_id = st->session_id;
		memcpy(sa.session_status, st->session_status,
		    sizeof(sa.session_status));
		sa.ike_count = st->ike_count;
		sa.child_count = st->child_count;
	}
	*sa_add(st) = sa;
	return 1;
}

/* "128", "256" at the end of "AES256" or "AES-GCM-256". */
static int64_t
key_bits_from_name(const char *name)
{
	size_t	 n = strlen(name);

	if (n >= 3 && (strcmp(name + n - 3, "128") == 0 ||
	    strcmp(name + n - 3, "192") == 0 ||
	    strcmp(name + n - 3, "256") == 0))
		return (int64_t)(name[n - 3] - '0') * 100 +
		    (name[n - 2] - '0') * 10 + (name[n - 1] - '0');
	return -1;
}

/*
 * One "Label: value" piece of an "Encr:" line; 0 if the label is unknown.
 * An SA still negotiating prints "Unknown - 0" and "DH Grp:0": those are
 * not values, and stay null.
 */
static int
algo_segment(struct ikev2_sa *sa, struct ikev2_child_sa *child,
    struct span seg)
{
	struct span	 v;
	const char	*colon = memchr(seg.s, ':', seg.len);

	if (label_value(seg, "DH Grp", &v) || label_value(seg, "DH Group", &v)) {
		if (child != NULL || !span_i64(v, &sa->dh_group))
			return 0;
		if (sa->dh_group == 0)
			sa->dh_group = -1;
		return 1;
	}
	if (colon != NULL) {
		v.s = colon + 1;
		v.len = seg.len - (size_t)(v.s - seg.s);
		v = span_trim(v);
		if (text_find_ci(v.s, v.len, "Unknown") == v.s)
			return 1;
	}
	if (label_value(seg, "Encr", &v) || label_value(seg, "Encryption", &v)) {
		if (child != NULL)
			span_copy(v, child->encryption, sizeof(child->encryption));
		else
			span_copy(v, sa->encryption, sizeof(sa->encryption));
		return v.len > 0;
	}
	if (label_value(seg, "keysize", &v))
		return span_i64(v, child != NULL ? &child->key_bits :
		    &sa->key_bits);
	if (child != NULL) {
		if (label_value(seg, "esp_hmac", &v)) {
			span_copy(v, child->esp_hmac, sizeof(child->esp_hmac));
			return 1;
		}
		return 0;
	}
	if (label_value(seg, "PRF", &v))
		span_copy(v, sa->prf, sizeof(sa->prf));
	else if (label_value(seg, "Hash", &v) ||
	    label_value(seg, "Integrity", &v))
		span_copy(v, sa->hash, sizeof(sa->hash));
	else if (label_value(seg, "Auth sign", &v))
		span_copy(v, sa->auth_sign, sizeof(sa->auth_sign));
	else if (label_value(seg, "Auth verify", &v))
		span_copy(v, sa->auth_verify, sizeof(sa->auth_verify));
	else if (label_value(seg, "QR", &v))
		return 1;	/* quantum resistance flag */
	else
		return 0;
	return 1;
}

/*
 * "Encr: AES-CBC, keysize: 128, PRF: SHA1, Hash: SHA96, DH Grp:16, ..."
 * Recognised when its first piece is the cipher; a piece we do not know
 * is skipped (new algorithms get appended to this line over releases).
 */
static int
parse_algos(struct ikev2_parse *st, const struct line *t)
{
	struct ikev2_sa		*sa = cur_sa(st);
	struct ikev2_child_sa	*child = NULL;
	struct span		 rest = { t->s, t->len }, seg, v;
	const char		*comma;
	int			 first = 1;

	if (sa == NULL)
		return 0;
	if (!label_value(rest, "Encr", &v) && !label_value(rest, "Encryption",
	    &v))
		return 0;
	if (st->in_child && sa->nchild_sas > 0)
		child = &sa->child_sas[sa->nchild_sas - 1];
	while (rest.len > 0) {
		comma = memchr(rest.s, ',', rest.len);
		seg.s = rest.s;
		seg.len = comma != NULL ? (size_t)(comma - rest.s) : rest.len;
		if (!algo_segment(sa, child, seg) && first)
			return 0;
		first = 0;
		if (comma == NULL)
			break;
		rest.s = comma + 1;
		rest.len -= seg.len + 1;
	}
	if (child == NULL && sa->key_bits < 0)
		sa->key_bits = key_bits_from_name(sa->encryption);
	if (child != NULL && child->key_bits < 0)
		child->key_bits = key_bits_from_name(child->encryption);
	return 1;
}

/* ASA "Session-id:1, Status:UP-ACTIVE, IKE count:1, CHILD count:2". */
static int
parse_session(struct ikev2_parse *st, const struct line *t)
{
	struct span	 rest = { t->s, t->len }, seg, v;
	const char	*comma;
	int64_t		 id = -1;
	int		 has_status = 0;

	comma = memchr(rest.s, ',', rest.len);
	seg.s = rest.s;
	seg.len = comma != NULL ? (size_t)(comma - rest.s) : rest.len;
	if (!label_value(seg, "Session-id", &v) || !span_i64(v, &id))
		return 0;
	if (comma == NULL) {
		/* A bare "Session-id: 3" inside an SA's detail lines. */
		if (cur_sa(st) == NULL)
			return 0;
		cur_sa(st)->session_id = id;
		return 1;
	}
	forget_sa(st);
	st->seen_asa = 1;
	st->session_id = id;
	st->session_status[0] = '\0';
	st->ike_count = st->child_count = -1;
	while (comma != NULL) {
		rest.len -= (size_t)(comma + 1 - rest.s);
		rest.s = comma + 1;
		comma = memchr(rest.s, ',', rest.len);
		seg.s = rest.s;
		seg.len = comma != NULL ? (size_t)(comma - rest.s) : rest.len;
		if (label_value(seg, "Status", &v)) {
			span_copy(v, st->session_status,
			    sizeof(st->session_status));
			has_status = 1;
		} else if (label_value(seg, "IKE count", &v))
			(void)span_i64(v, &st->ike_count);
		else if (label_value(seg, "CHILD count", &v))
			(void)span_i64(v, &st->child_count);
	}
	return has_status;
}

/* "Local spi: 1F7B76961C3A77ED  Remote spi: 1298FDE074BD724C" */
static int
parse_spis(struct ikev2_sa *sa, const struct toks *tk)
{
	if (tk->n != 6 || !tok_ieq(&tk->t[0], "Local") ||
	    !tok_ieq(&tk->t[1], "spi:") || !tok_ieq(&tk->t[3], "Remote") ||
	    !tok_ieq(&tk->t[4], "spi:"))
		return 0;
	tok_copy(&tk->t[2], sa->local_spi, sizeof(sa->local_spi));
	tok_copy(&tk->t[5], sa->remote_spi, sizeof(sa->remote_spi));
	return 1;
}

/* "DPD configured for 10 seconds, retry 2"; "DPD disabled". */
static int
parse_dpd(struct ikev2_sa *sa, const struct toks *tk)
{
	uint64_t	 secs, tries;

	if (tk->n == 2 && tok_ieq(&tk->t[1], "disabled")) {
		sa->dpd_interval_s = 0;
		return 1;
	}
	/* DPD configured for N seconds, retry M */
	if (tk->n != 7 || !tok_ieq(&tk->t[1], "configured") ||
	    !tok_ieq(&tk->t[2], "for") || !tok_u64(&tk->t[3], &secs) ||
	    !tok_ieq(&tk->t[5], "retry") || !tok_u64(&tk->t[6], &tries) ||
	    secs > INT64_MAX || tries > INT64_MAX)
		return 0;
	sa->dpd_interval_s = (int64_t)secs;
	sa->dpd_retries = (int64_t)tries;
	return 1;
}

/* "NAT-T is detected inside", "NAT-T is not detected". */
static int
parse_natt(struct ikev2_sa *sa, const struct toks *tk)
{
	if (tk->n >= 4 && tok_ieq(&tk->t[1], "is") &&
	    tok_ieq(&tk->t[2], "not") && tok_ieq(&tk->t[3], "detected")) {
		sa->natt_detected = 0;
		return 1;
	}
	if (tk->n >= 3 && tok_ieq(&tk->t[1], "is") &&
	    tok_ieq(&tk->t[2], "detected")) {
		sa->natt_detected = 1;
		if (tk->n >= 4)
			tok_copy(&tk->t[3], sa->natt_side, sizeof(sa->natt_side));
		return 1;
	}
	return 0;
}

static void
add_subnet(struct ikev2_sa *sa, const struct toks *tk)
{
	char	 a[IKEV2_ADDR_LEN], m[IKEV2_ADDR_LEN], buf[2 * IKEV2_ADDR_LEN];

	struct tok	 addr = tk->t[0];
	const char	*slash = memchr(addr.s, '/', addr.len);
	char		 canon[IKEV2_ADDR_LEN];

	/* "2001:DB8:10::/64": canonical address, prefix length kept */
	if (slash != NULL)
		addr.len = (size_t)(slash - addr.s);
	if (!tok_ip(&addr, canon, sizeof(canon)))
		tok_copy(&addr, canon, sizeof(canon));
	if (snprintf(a, sizeof(a), "%s%.*s", canon, slash != NULL ?
	    (int)(tk->t[0].len - addr.len) : 0, slash != NULL ? slash : "") >=
	    (int)sizeof(a))
		a[sizeof(a) - 1] = '\0';	/* truncated, still a string */
	if (tk->n == 2) {
		if (!tok_ip(&tk->t[1], m, sizeof(m)))
			tok_copy(&tk->t[1], m, sizeof(m));
		snprintf(buf, sizeof(buf), "%s %s", a, m);
	} else
		snprintf(buf, sizeof(buf), "%s", a);
	sa->remote_subnets = xreallocarray(sa->remote_subnets,
	    sa->nremote_subnets + 1, sizeof(*sa->remote_subnets));
	sa->remote_subnets[sa->nremote_subnets++] = xstrdup(buf);
}

/* "10.0.0.0 255.0.0.0" or "2001:db8::/64" after "Remote subnets:". */
static int
is_subnet_line(const struct toks *tk)
{
	char		 buf[IKEV2_ADDR_LEN];
	struct tok	 a;
	const char	*slash;

	if (tk->n < 1 || tk->n > 2)
		return 0;
	a = tk->t[0];
	if ((slash = memchr(a.s, '/', a.len)) != NULL)
		a.len = (size_t)(slash - a.s);
	if (!tok_ip(&a, buf, sizeof(buf)))
		return 0;
	return tk->n == 1 || tok_ip(&tk->t[1], buf, sizeof(buf));
}

static struct ikev2_child_sa *
child_add(struct ikev2_sa *sa)
{
	struct ikev2_child_sa	*c;

	sa->child_sas = xreallocarray(sa->child_sas, sa->nchild_sas + 1,
	    sizeof(*sa->child_sas));
	c = &sa->child_sas[sa->nchild_sas++];
	memset(c, 0, sizeof(*c));
	c->key_bits = -1;
	return c;
}

/* ASA "Child sa: local selector A - B" / "remote selector ..." / SPIs. */
static int
parse_child(struct ikev2_parse *st, struct ikev2_sa *sa, const struct line *t,
    const struct toks *tk)
{
	struct span		 line = { t->s, t->len }, v;
	struct ikev2_child_sa	*c;
	const char		*slash;

	if (label_value(line, "Child sa", &v)) {
		if (!label_value(v, "local selector", &v))
			return 0;
		c = child_add(sa);
		span_copy(v, c->local_selector, sizeof(c->local_selector));
		st->in_child = 1;
		st->in_subnets = 0;
		return 1;
	}
	if (!st->in_child || sa->nchild_sas == 0)
		return 0;
	c = &sa->child_sas[sa->nchild_sas - 1];
	if (label_value(line, "remote selector", &v)) {
		span_copy(v, c->remote_selector, sizeof(c->remote_selector));
		return 1;
	}
	if (label_value(line, "ESP spi in/out", &v)) {
		slash = memchr(v.s, '/', v.len);
		if (slash == NULL)
			return 0;
		span_copy((struct span){ v.s, (size_t)(slash - v.s) },
		    c->esp_spi_in, sizeof(c->esp_spi_in));
		span_copy((struct span){ slash + 1, v.len -
		    (size_t)(slash + 1 - v.s) }, c->esp_spi_out,
		    sizeof(c->esp_spi_out));
		return 1;
	}
	if (label_value(line, "AH spi in/out", &v) ||
	    label_value(line, "CPI in/out", &v))
		return 1;
	/* "ah_hmac: None, comp: IPCOMP_NONE, mode tunnel" */
	if (label_value(line, "ah_hmac", &v)) {
		if (tk->n >= 2 && tok_ieq(&tk->t[tk->n - 2], "mode"))
			tok_copy(&tk->t[tk->n - 1], c->mode, sizeof(c->mode));
		return 1;
	}
	return 0;
}

/* "Local 2001:DB8::1/500" / "Remote ..." in the IPv6 layout. */
static int
parse_v6_endpoint(struct ikev2_sa *sa, const struct toks *tk)
{
	if (tk->n != 2)
		return 0;
	if (tok_ieq(&tk->t[0], "Local"))
		return addr_port(&tk->t[1], sa->local, sizeof(sa->local),
		    &sa->local_port);
	if (tok_ieq(&tk->t[0], "Remote"))
		return addr_port(&tk->t[1], sa->remote, sizeof(sa->remote),
		    &sa->remote_port);
	return 0;
}

/* The lines we know but keep nothing of. */
static int
is_known_detail(struct span line)
{
	static const char *const labels[] = {
		"Local req msg id", "Local next msg id", "Local req queued",
		"Local req mess id", "Local next mess id", "Local window",
		"Dynamic Route Update", "Extended Authentication",
		"Cisco Trust Security SGT", "Quantum Resistance",
		"Local Sys Id",
	};
	struct span	 v;
	size_t		 i;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (label_value(line, labels[i], &v))
			return 1;
	return 0;
}

/* "86400/735 sec": the lifetime and the time the SA has been up. */
static int
parse_lifetimes(struct ikev2_sa *sa, struct span v)
{
	const char	*slash = memchr(v.s, '/', v.len);
	struct toks	 active;

	if (slash == NULL)
		return 0;
	toks_split(&active, slash + 1, v.len - (size_t)(slash + 1 - v.s));
	if (active.n < 1 || !span_i64((struct span){ v.s,
	    (size_t)(slash - v.s) }, &sa->lifetime_s) ||
	    !span_i64((struct span){ active.t[0].s, active.t[0].len },
	    &sa->active_s))
		return 0;
	return 1;
}

/* "0, Session-id: 5206" after "CE id:". */
static int
parse_ce_id(struct ikev2_sa *sa, struct span v)
{
	const char	*comma = memchr(v.s, ',', v.len);
	struct span	 id = { v.s, comma ? (size_t)(comma - v.s) : v.len };
	struct span	 rest, sid;

	if (!span_i64(span_trim(id), &sa->ce_id))
		return 0;
	if (comma == NULL)
		return 1;
	rest.s = comma + 1;
	rest.len = v.len - (size_t)(comma + 1 - v.s);
	if (label_value(rest, "Session-id", &sid))
		(void)span_i64(sid, &sa->session_id);
	return 1;
}

/* A line after an SA row. */
static int
parse_detail(struct ikev2_parse *st, struct ikev2_sa *sa, const struct line *t,
    const struct toks *tk)
{
	struct span	 line = { t->s, t->len }, v;

	if (parse_algos(st, t))
		return 1;
	if (parse_child(st, sa, t, tk))
		return 1;
	if (st->in_subnets && is_subnet_line(tk)) {
		add_subnet(sa, tk);
		return 1;
	}
	st->in_subnets = 0;
	if (label_value(line, "Life/Active Time", &v))
		return parse_lifetimes(sa, v);
	if (label_value(line, "CE id", &v))
		return parse_ce_id(sa, v);
	if (label_value(line, "Status Description", &v)) {
		span_copy(v, sa->status_description,
		    sizeof(sa->status_description));
		return 1;
	}
	if (parse_spis(sa, tk))
		return 1;
	if (label_value(line, "Local id", &v)) {
		span_copy(v, sa->local_id, sizeof(sa->local_id));
		return 1;
	}
	if (label_value(line, "Remote id", &v)) {
		span_copy(v, sa->remote_id, sizeof(sa->remote_id));
		return 1;
	}
	if (tok_ieq(&tk->t[0], "DPD"))
		return parse_dpd(sa, tk);
	if (tok_ieq(&tk->t[0], "NAT-T"))
		return parse_natt(sa, tk);
	if (label_value(line, "Fragmentation", &v) ||
	    label_value(line, "IKEv2 Fragmentation", &v)) {
		sa->fragmentation = text_find_ci(v.s, v.len, "not") == NULL;
		return 1;
	}
	if (label_value(line, "Initiator of SA", &v)) {
		if (text_find_ci(v.s, v.len, "yes") == v.s)
			sa->initiator = 1;
		else if (text_find_ci(v.s, v.len, "no") == v.s)
			sa->initiator = 0;
		return 1;
	}
	if (label_value(line, "Pushed IP address", &v)) {
		struct tok a = { v.s, v.len };
		return tok_ip(&a, sa->pushed_ip, sizeof(sa->pushed_ip));
	}
	if (label_value(line, "PEER TYPE", &v)) {
		span_copy(v, sa->peer_type, sizeof(sa->peer_type));
		return 1;
	}
	if (label_value(line, "PQC Key Exchange", &v)) {
		span_copy(v, sa->pqc_kex, sizeof(sa->pqc_kex));
		return 1;
	}
	if (label_value(line, "Remote subnets", &v)) {
		st->in_subnets = 1;
		return 1;
	}
	if (parse_v6_endpoint(sa, tk))
		return 1;
	return is_known_detail(line);
}

static int
parse_banner(struct ikev2_parse *st, const struct line *t)
{
	struct span	 line = { t->s, t->len }, v;

	if (label_value(line, "IPv4 Crypto IKEv2 SA", &v) && v.len == 0) {
		st->ipv6_section = 0;
		st->seen_iosxe = 1;
	} else if (label_value(line, "IPv6 Crypto IKEv2 SA", &v) &&
	    v.len == 0) {
		st->ipv6_section = 1;
		st->seen_iosxe = 1;
	} else if (label_value(line, "IKEv2 SAs", &v) && v.len == 0) {
		st->seen_asa = 1;
	} else if (label_value(line, "There are no IKEv2 SAs", &v)) {
		st->list->no_sas = 1;
	} else
		return 0;
	forget_sa(st);
	st->session_id = -1;
	st->session_status[0] = '\0';
	return 1;
}

static int
parse_line(struct ikev2_parse *st, const struct line *l)
{
	struct line	 t = line_trim(l);
	struct toks	 tk;
	struct ikev2_sa	*sa;

	toks_line(&tk, &t);
	if (tk.n == 0)
		return 0;
	if (parse_banner(st, &t))
		return 1;
	if (tok_ieq(&tk.t[0], "Tunnel-id")) {
		forget_sa(st);
		if (text_find_ci(t.s, t.len, "Role") != NULL)
			st->seen_asa = 1;
		return 1;
	}
	if (text_find_ci(tk.t[0].s, tk.t[0].len, "Session-id") == tk.t[0].s &&
	    parse_session(st, &t))
		return 1;
	if (parse_row(st, &tk))
		return 1;
	if ((sa = cur_sa(st)) == NULL)
		return 0;
	return parse_detail(st, sa, &t, &tk);
}

static int
ikev2_sa_parse(const struct probe_input *in, struct probe_result *res)
{
	struct ikev2_parse	 st;
	struct line_iter	 it;
	struct line		 l;

	memset(&st, 0, sizeof(st));
	st.list = xcalloc(1, sizeof(*st.list));
	st.cur = NO_SA;
	st.session_id = st.ike_count = st.child_count = -1;
	res->records = st.list;
	line_iter_init(&it, in->text, in->len);
	while (line_next(&it, &l)) {
		if (line_is_noise(&l))
			continue;
		if (parse_line(&st, &l))
			res->recognised++;
		else
			res->unparsed++;
	}
	if (res->platform == PLATFORM_AUTO) {
		if (st.seen_asa)
			res->platform = PLATFORM_ASA;
		else if (st.seen_iosxe)
			res->platform = PLATFORM_IOSXE;
	}
	return 0;
}

static void
json_num(cJSON *o, const char *name, int64_t v)
{
	if (v >= 0)
		cJSON_AddNumberToObject(o, name, (double)v);
	else
		cJSON_AddNullToObject(o, name);
}

static void
json_bool(cJSON *o, const char *name, int v)
{
	if (v >= 0)
		cJSON_AddBoolToObject(o, name, v);
	else
		cJSON_AddNullToObject(o, name);
}

static cJSON *
child_json(const struct ikev2_child_sa *c)
{
	cJSON	*o = cJSON_CreateObject();

	probe_json_str(o, "local_selector", c->local_selector);
	probe_json_str(o, "remote_selector", c->remote_selector);
	probe_json_str(o, "esp_spi_in", c->esp_spi_in);
	probe_json_str(o, "esp_spi_out", c->esp_spi_out);
	probe_json_str(o, "encryption", c->encryption);
	json_num(o, "key_bits", c->key_bits);
	probe_json_str(o, "esp_hmac", c->esp_hmac);
	probe_json_str(o, "mode", c->mode);
	return o;
}

static cJSON *
sa_json(const struct ikev2_sa *sa)
{
	cJSON	*o = cJSON_CreateObject(), *a;
	size_t	 i;

	json_num(o, "tunnel_id", sa->tunnel_id);
	cJSON_AddStringToObject(o, "af", sa->ipv6 ? "ipv6" : "ipv4");
	probe_json_str(o, "local", sa->local);
	json_num(o, "local_port", sa->local_port);
	probe_json_str(o, "remote", sa->remote);
	json_num(o, "remote_port", sa->remote_port);
	probe_json_str(o, "fvrf", sa->fvrf);
	probe_json_str(o, "ivrf", sa->ivrf);
	probe_json_str(o, "status", sa->status);
	probe_json_str(o, "role", sa->role);
	json_num(o, "session_id", sa->session_id);
	probe_json_str(o, "session_status", sa->session_status);
	json_num(o, "ike_count", sa->ike_count);
	json_num(o, "child_count", sa->child_count);
	json_num(o, "ce_id", sa->ce_id);
	probe_json_str(o, "encryption", sa->encryption);
	json_num(o, "key_bits", sa->key_bits);
	probe_json_str(o, "prf", sa->prf);
	probe_json_str(o, "hash", sa->hash);
	json_num(o, "dh_group", sa->dh_group);
	probe_json_str(o, "auth_sign", sa->auth_sign);
	probe_json_str(o, "auth_verify", sa->auth_verify);
	json_num(o, "lifetime_s", sa->lifetime_s);
	json_num(o, "active_s", sa->active_s);
	probe_json_str(o, "status_description", sa->status_description);
	probe_json_str(o, "local_spi", sa->local_spi);
	probe_json_str(o, "remote_spi", sa->remote_spi);
	probe_json_str(o, "local_id", sa->local_id);
	probe_json_str(o, "remote_id", sa->remote_id);
	json_num(o, "dpd_interval_s", sa->dpd_interval_s);
	json_num(o, "dpd_retries", sa->dpd_retries);
	json_bool(o, "natt_detected", sa->natt_detected);
	probe_json_str(o, "natt_side", sa->natt_side);
	json_bool(o, "fragmentation", sa->fragmentation);
	json_bool(o, "initiator", sa->initiator);
	probe_json_str(o, "pushed_ip", sa->pushed_ip);
	probe_json_str(o, "peer_type", sa->peer_type);
	probe_json_str(o, "pqc_kex", sa->pqc_kex);
	a = cJSON_AddArrayToObject(o, "remote_subnets");
	for (i = 0; i < sa->nremote_subnets; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(
		    sa->remote_subnets[i]));
	a = cJSON_AddArrayToObject(o, "child_sas");
	for (i = 0; i < sa->nchild_sas; i++)
		cJSON_AddItemToArray(a, child_json(&sa->child_sas[i]));
	return o;
}

static void
ikev2_sa_to_json(const void *records, cJSON *obj)
{
	const struct ikev2_sa_list	*l = records;
	cJSON				*a;
	size_t				 i;

	a = cJSON_AddArrayToObject(obj, "sas");
	for (i = 0; i < l->nsas; i++)
		cJSON_AddItemToArray(a, sa_json(&l->sas[i]));
}

static void
ikev2_sa_free(void *records)
{
	struct ikev2_sa_list	*l = records;
	size_t			 i, j;

	if (l == NULL)
		return;
	for (i = 0; i < l->nsas; i++) {
		for (j = 0; j < l->sas[i].nremote_subnets; j++)
			free(l->sas[i].remote_subnets[j]);
		free(l->sas[i].remote_subnets);
		free(l->sas[i].child_sas);
	}
	free(l->sas);
	free(l);
}

const struct probe probe_ikev2_sa = {
	.name = "ikev2_sa",
	.command = "show crypto ikev2 sa detail",
	.command_asa = "show crypto ikev2 sa detail",
	.polled = 0,
	.parse = ikev2_sa_parse,
	.to_json = ikev2_sa_to_json,
	.free_records = ikev2_sa_free,
};

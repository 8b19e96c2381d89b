/*
 * diag_pair.c: both ends of one tunnel compared.
 *
 * a's crypto map points at a_peer (one of b's addresses), b's at b_peer
 * (one of a's, or NULL when b's map points at none of them). Each check
 * compares the configuration the two routers printed; a difference is a
 * cause finding emitted on BOTH routers (a with a_peer, b with b_peer or
 * the address a is seen from), so that ranking can attach it to the
 * symptom of either end. Confidence is high: it is configuration seen on
 * both sides. A check whose records are missing on either side is simply
 * not made.
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "util.h"

#define LINE_MAX_LEN	384
#define FIX_MAX		48
#define ADDRS_MAX	32

/* One end of the tunnel. */
struct end {
	const struct diag_router *r;
	const char	*peer;		/* the finding's peer on this router */
	const char	*map_peer;	/* what r's map points at, or NULL */
	const cJSON	*entry;		/* r's crypto map entry for the tunnel */
	int		 asa;
};

struct pair {
	struct end		 e[2];
	struct diag_findings	*out;
};

/* The configuration lines one check would apply on each end. */
struct fixes {
	char	 l[2][FIX_MAX][LINE_MAX_LEN];
	size_t	 n[2];
};

/* ---- small JSON helpers ---- */

static const char *
jstr(const cJSON *o, const char *k)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsString(v) && v->valuestring[0] != '\0' ?
	    v->valuestring : NULL;
}

/* 1 and *out set when the field is a number; 0 when null or absent. */
static int
jint(const cJSON *o, const char *k, long *out)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, k);

	if (!cJSON_IsNumber(v))
		return 0;
	*out = (long)v->valuedouble;
	return 1;
}

/* 1 true, 0 false, -1 null or absent. */
/* Both unknown, or equal: a null field is no evidence of a difference. */
static int
str_compatible(const char *a, const char *b)
{
	return a == NULL || b == NULL || strcasecmp(a, b) == 0;
}

static void
fixadd(struct fixes *fx, int side, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fixadd(struct fixes *fx, int side, const char *fmt, ...)
{
	va_list	 ap;

	if (fx->n[side] >= FIX_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(fx->l[side][fx->n[side]++], LINE_MAX_LEN, fmt, ap);
	va_end(ap);
}

/* ---- the ends ---- */

static int
router_is_asa(const struct diag_router *r)
{
	static const char *const probes[] = { "crypto_map", "running_config",
	    "isakmp_policy", "ipsec_transform_set" };
	const cJSON	*p;
	size_t		 i;

	if (r->platform == PLATFORM_ASA)
		return 1;
	/* Offline without show version, the probes may have told. */
	for (i = 0; i < NITEMS(probes); i++)
		if ((p = diag_latest(r, probes[i])) != NULL &&
		    diag_streq(jstr(p, "platform"), "asa"))
			return 1;
	return 0;
}

static const cJSON *
entry_for_peer(const struct diag_router *r, const char *peer)
{
	const cJSON	*p, *e, *a;

	if (peer == NULL || (p = diag_latest(r, "crypto_map")) == NULL)
		return NULL;
	cJSON_ArrayForEach(e, diag_jarr(p, "entries"))
		cJSON_ArrayForEach(a, diag_jarr(e, "peers"))
			if (cJSON_IsString(a) && strcmp(a->valuestring, peer) == 0)
				return e;
	return NULL;
}

static size_t
addr_push(char addrs[][64], size_t n, const char *a)
{
	size_t	 i;

	if (a == NULL || n >= ADDRS_MAX)
		return n;
	for (i = 0; i < n; i++)
		if (strcmp(addrs[i], a) == 0)
			return n;
	snprintf(addrs[n], 64, "%s", a);
	return n + 1;
}

static int
entry_on_if(const cJSON *entry, const cJSON *ifc)
{
	const cJSON	*i;
	const char	*map = jstr(entry, "map");

	if (diag_streq(map, jstr(ifc, "crypto_map")))
		return 1;
	cJSON_ArrayForEach(i, diag_jarr(entry, "interfaces"))
		if (cJSON_IsString(i) &&
		    (diag_streq(i->valuestring, jstr(ifc, "interface")) ||
		    diag_streq(i->valuestring, jstr(ifc, "nameif"))))
			return 1;
	return 0;
}

/*
 * The addresses a crypto map entry terminates on: its local-address if
 * set, else those of the interfaces carrying the map; plus the local
 * crypto endpoint the IPsec SAs of that map show.
 */
static size_t
map_local_addrs(const struct diag_router *r, const cJSON *entry,
    char addrs[][64])
{
	const cJSON	*p, *it, *a;
	const char	*map = jstr(entry, "map");
	size_t		 n = 0;

	if (jstr(entry, "local_address") != NULL)
		n = addr_push(addrs, n, jstr(entry, "local_address"));
	else if ((p = diag_latest(r, "interface_crypto")) != NULL)
		cJSON_ArrayForEach(it, diag_jarr(p, "interfaces"))
			if (entry_on_if(entry, it))
				cJSON_ArrayForEach(a, diag_jarr(it, "addresses"))
					n = addr_push(addrs, n, jstr(a, "addr"));
	if ((p = diag_latest(r, "ipsec_sa")) != NULL)
		cJSON_ArrayForEach(it, diag_jarr(p, "interfaces"))
			if (diag_streq(jstr(it, "crypto_map"), map))
				n = addr_push(addrs, n, jstr(it, "local_addr"));
	return n;
}

/* Where the other end sees r from: its map's address, else any of its own. */
static void
seen_from(const struct end *e, char *buf, size_t len)
{
	char	 addrs[ADDRS_MAX][64];
	size_t	 n = 0;

	if (e->entry != NULL)
		n = map_local_addrs(e->r, e->entry, addrs);
	if (n == 0)
		n = diag_local_addrs(e->r, addrs, ADDRS_MAX);
	snprintf(buf, len, "%s", n > 0 ? addrs[0] : "");
}

static const char *
entry_desc(const cJSON *e, char *buf, size_t len)
{
	long	 seq = -1;

	jint(e, "seq", &seq);
	snprintf(buf, len, "%s %ld", jstr(e, "map") ? jstr(e, "map") : "?",
	    seq);
	return buf;
}

/* ---- emitting ---- */

static void
add_verify(struct diag_finding *f, const struct end *e)
{
	diag_verify(f, diag_cmd_clear_sa(e->asa), e->peer);
	diag_verify(f, "show crypto isakmp sa");
	diag_verify(f, "show crypto ipsec sa peer %s | include pkts", e->peer);
}

/*
 * A finding's fix is what to configure on its own router; when nothing
 * is to change there, the other end's lines, introduced by a comment
 * naming it (a finding may be the only one a NOC engineer reads).
 */
static void
add_fix(struct diag_finding *f, const struct pair *p, const struct fixes *fx,
    int side)
{
	int	 src = side;
	size_t	 i;

	if (fx->n[side] == 0) {
		src = !side;
		if (fx->n[src] == 0)
			return;
		diag_fix(f, "! on %s", p->e[src].r->name);
	}
	for (i = 0; i < fx->n[src]; i++)
		diag_fix(f, "%s", fx->l[src][i]);
}

/* One summary per end from a format taking (this router, the other). */
static void
summaries(const struct pair *p, char sum[2][LINE_MAX_LEN], const char *fmt)
{
	int	 s;

	for (s = 0; s < 2; s++)
		snprintf(sum[s], LINE_MAX_LEN, fmt, p->e[s].r->name,
		    p->e[!s].r->name);
}

/*
 * Emit on both ends: the evidence lines (the same on both), each end's
 * summary and fix, the commands that prove the repair.
 */
static void
emit(struct pair *p, const char *kind, char ev[][LINE_MAX_LEN], size_t nev,
    const struct fixes *fx, char sum[2][LINE_MAX_LEN])
{
	struct diag_finding	*f;
	size_t			 i;
	int			 s;

	for (s = 0; s < 2; s++) {
		f = diag_add(p->out, kind, S_WARNING, p->e[s].r->name,
		    p->e[s].peer);
		/* Seen on both sides: sure, whatever a local check said. */
		snprintf(f->confidence, sizeof(f->confidence), "%s",
		    CONF_HIGH);
		if (f->summary[0] == '\0')
			diag_summary(f, "%s", sum[s]);
		for (i = 0; i < nev; i++)
			diag_evidence(f, "%s", ev[i]);
		add_fix(f, p, fx, s);
		add_verify(f, &p->e[s]);
	}
}

/* ---- phase 1: ISAKMP policies ---- */

static int
weak_policy(const cJSON *pol)
{
	const char	*enc = jstr(pol, "encryption"), *hash = jstr(pol, "hash");
	long		 g = 0;

	jint(pol, "dh_group", &g);
	return diag_streq(enc, "des") || diag_streq(enc, "3des") || diag_streq(hash, "md5") ||
	    g == 1 || g == 2 || g == 5;
}

static int
policy_eq(const cJSON *x, const cJSON *y)
{
	long	 a, b;

	if (!str_compatible(jstr(x, "encryption"), jstr(y, "encryption")) ||
	    !str_compatible(jstr(x, "hash"), jstr(y, "hash")) ||
	    !str_compatible(jstr(x, "auth"), jstr(y, "auth")))
		return 0;
	if (jint(x, "key_bits", &a) && jint(y, "key_bits", &b) && a != b)
		return 0;
	if (jint(x, "dh_group", &a) && jint(y, "dh_group", &b) && a != b)
		return 0;
	return 1;
}

static const char *
policy_text(const cJSON *pol, char *buf, size_t len)
{
	const char	*enc = jstr(pol, "encryption");
	char		 prio[32], bits[16] = "", group[16] = "?";
	long		 v;

	if (jint(pol, "priority", &v))
		snprintf(prio, sizeof(prio), "%ld", v);
	else if (jint(pol, "default_priority", &v))
		snprintf(prio, sizeof(prio), "default %ld", v);
	else
		snprintf(prio, sizeof(prio), "default");
	if (diag_streq(enc, "aes") && jint(pol, "key_bits", &v))
		snprintf(bits, sizeof(bits), " %ld", v);
	if (jint(pol, "dh_group", &v))
		snprintf(group, sizeof(group), "%ld", v);
	snprintf(buf, len, "%s %s%s %s %s group%s", prio, enc ? enc : "?", bits,
	    jstr(pol, "hash") ? jstr(pol, "hash") : "?",
	    jstr(pol, "auth") ? jstr(pol, "auth") : "?", group);
	return buf;
}

static void
policies_line(const struct end *e, const cJSON *pols, char *buf, size_t len)
{
	const cJSON	*pol;
	char		 one[96];
	size_t		 off;

	off = (size_t)snprintf(buf, len, "isakmp_policy(%s): ", e->r->name);
	cJSON_ArrayForEach(pol, pols) {
		if (off >= len)
			break;
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
		    pol != pols->child ? ", " : "",
		    policy_text(pol, one, sizeof(one)));
	}
}

/* The ASA's IKEv1 policy knows only md5 and sha as hash. */
static int
policy_expressible(const cJSON *pol, int asa)
{
	const char	*h = jstr(pol, "hash");

	if (jstr(pol, "encryption") == NULL || h == NULL ||
	    jstr(pol, "auth") == NULL)
		return 0;
	return !asa || strcmp(h, "sha") == 0 || strcmp(h, "md5") == 0;
}

static int
has_auth(const cJSON *pols, const char *auth)
{
	const cJSON	*pol;

	cJSON_ArrayForEach(pol, pols)
		if (diag_streq(jstr(pol, "auth"), auth))
			return 1;
	return 0;
}

/*
 * The policy of `from` to copy onto `to`: one `to` can express, with an
 * authentication `to` already uses, not weak, configured rather than a
 * default suite; among equals the most preferred (first printed).
 */
static const cJSON *
best_policy(const cJSON *from, const cJSON *to, int to_asa)
{
	const cJSON	*pol, *best = NULL;
	int		 score, best_score = -1;

	cJSON_ArrayForEach(pol, from) {
		if (!policy_expressible(pol, to_asa))
			continue;
		score = (has_auth(to, jstr(pol, "auth")) ? 4 : 0) +
		    (!weak_policy(pol) ? 2 : 0) +
		    (diag_jbool(pol, "default") != 1 ? 1 : 0);
		if (score > best_score) {
			best = pol;
			best_score = score;
		}
	}
	return best;
}

static int
priority_used(const cJSON *pols, long prio)
{
	const cJSON	*pol;
	long		 v;

	cJSON_ArrayForEach(pol, pols)
		if ((jint(pol, "priority", &v) ||
		    jint(pol, "default_priority", &v)) && v == prio)
			return 1;
	return 0;
}

static long
free_priority(const cJSON *pols, const cJSON *model)
{
	long	 prio;

	if (jint(model, "priority", &prio) && !priority_used(pols, prio))
		return prio;
	for (prio = 10; prio < 10000; prio += 10)
		if (!priority_used(pols, prio))
			return prio;
	return 9999;
}

static const char *
auth_word(const char *auth)
{
	return diag_streq(auth, "psk") ? "pre-share" : auth;
}

static void
policy_fix(struct fixes *fx, int side, int asa, const cJSON *pol, long prio)
{
	const char	*enc = jstr(pol, "encryption"), *hash = jstr(pol, "hash");
	long		 bits = 128, g = 0;
	char		 e[24];

	jint(pol, "key_bits", &bits);
	if (diag_streq(enc, "aes") && bits != 128)
		snprintf(e, sizeof(e), asa ? "aes-%ld" : "aes %ld", bits);
	else
		snprintf(e, sizeof(e), "%s", enc);
	fixadd(fx, side, asa ? "crypto ikev1 policy %ld" :
	    "crypto isakmp policy %ld", prio);
	fixadd(fx, side, " authentication %s", auth_word(jstr(pol, "auth")));
	fixadd(fx, side, " encryption %s", e);
	fixadd(fx, side, " hash %s", hash);
	if (jint(pol, "dh_group", &g))
		fixadd(fx, side, " group %ld", g);
}

/* IKEv2-only on an ASA: its crypto map names IPsec proposals only. */
static int
ikev2_only(const struct end *e)
{
	const cJSON	*ts = diag_jarr(e->entry, "transform_sets");
	const cJSON	*pr = diag_jarr(e->entry, "ikev2_proposals");

	return e->entry != NULL && cJSON_GetArraySize(pr) > 0 &&
	    cJSON_GetArraySize(ts) == 0;
}

static void
check_proposal(struct pair *p)
{
	const cJSON	*pols[2], *x, *y, *best;
	char		 ev[2][LINE_MAX_LEN], sum[2][LINE_MAX_LEN], one[96];
	struct fixes	 fx;
	int		 s;

	for (s = 0; s < 2; s++) {
		const cJSON *r = diag_latest(p->e[s].r, "isakmp_policy");
		pols[s] = diag_jarr(r, "policies");
		/* IKEv2 proposals are not in the records: not compared. */
		if (cJSON_GetArraySize(pols[s]) == 0 || ikev2_only(&p->e[s]))
			return;
	}
	cJSON_ArrayForEach(x, pols[0])
		cJSON_ArrayForEach(y, pols[1])
			if (policy_eq(x, y))
				return;
	memset(&fx, 0, sizeof(fx));
	for (s = 0; s < 2; s++) {
		policies_line(&p->e[s], pols[s], ev[s], sizeof(ev[s]));
		snprintf(sum[s], LINE_MAX_LEN, "no common IKE policy between "
		    "%s and %s: Phase 1 cannot be negotiated", p->e[s].r->name,
		    p->e[!s].r->name);
		best = best_policy(pols[!s], pols[s], p->e[s].asa);
		if (best == NULL)
			continue;
		policy_fix(&fx, s, p->e[s].asa, best,
		    free_priority(pols[s], best));
		snprintf(sum[s] + strlen(sum[s]), LINE_MAX_LEN - strlen(sum[s]),
		    "; adding %s's policy (%s) here would match",
		    p->e[!s].r->name, policy_text(best, one, sizeof(one)));
	}
	emit(p, K_P1_PROPOSAL, ev, 2, &fx, sum);
}

/* ---- phase 2: transform sets ---- */

struct suite {
	char	 enc[16];
	long	 bits;		/* -1 unknown */
	char	 auth[16];	/* "none" when no integrity */
	char	 ah[16];	/* "none" when no AH */
	char	 mode[12];
};

static const struct v2enc {
	const char	*word;
	const char	*enc;
	long		 bits;
} v2encs[] = {
	{ "des", "des", 56 }, { "3des", "3des", 168 },
	{ "aes", "aes", 128 }, { "aes-192", "aes", 192 },
	{ "aes-256", "aes", 256 }, { "aes-gcm", "aes-gcm", 128 },
	{ "aes-gcm-192", "aes-gcm", 192 }, { "aes-gcm-256", "aes-gcm", 256 },
	{ "aes-gmac", "aes-gmac", 128 }, { "aes-gmac-192", "aes-gmac", 192 },
	{ "aes-gmac-256", "aes-gmac", 256 }, { "null", "null", -1 },
};

static const struct v2int {
	const char	*word;
	const char	*auth;
} v2ints[] = {
	{ "md5", "md5" }, { "sha-1", "sha" }, { "sha", "sha" },
	{ "sha-256", "sha256" }, { "sha-384", "sha384" },
	{ "sha-512", "sha512" }, { "null", "none" }, { "none", "none" },
};

static void
suite_base(struct suite *su, const cJSON *set)
{
	const char	*m = jstr(set, "mode");

	memset(su, 0, sizeof(*su));
	su->bits = -1;
	snprintf(su->enc, sizeof(su->enc), "%s",
	    jstr(set, "esp_encryption") ? jstr(set, "esp_encryption") : "");
	jint(set, "key_bits", &su->bits);
	snprintf(su->auth, sizeof(su->auth), "%s",
	    jstr(set, "esp_auth") ? jstr(set, "esp_auth") : "none");
	snprintf(su->ah, sizeof(su->ah), "%s",
	    jstr(set, "ah") ? jstr(set, "ah") : "none");
	/* Tunnel is the default of every platform. */
	snprintf(su->mode, sizeof(su->mode), "%s", m ? m : "tunnel");
}

/*
 * The suites a set offers: one for a transform set, every encryption x
 * integrity combination for an IKEv2 IPsec proposal. Returns the count
 * (0: nothing comparable).
 */
static size_t
set_suites(const cJSON *set, struct suite *out, size_t max)
{
	const cJSON	*encs = diag_jarr(set, "esp_encryptions");
	const cJSON	*ints = diag_jarr(set, "esp_integrities");
	const cJSON	*e, *i;
	struct suite	 base;
	size_t		 n = 0, k;

	suite_base(&base, set);
	if (cJSON_GetArraySize(encs) == 0) {
		if (base.enc[0] == '\0' || max == 0)
			return 0;
		out[0] = base;
		return 1;
	}
	cJSON_ArrayForEach(e, encs) {
		for (k = 0; k < NITEMS(v2encs); k++)
			if (cJSON_IsString(e) &&
			    strcasecmp(e->valuestring, v2encs[k].word) == 0)
				break;
		if (k == NITEMS(v2encs))
			continue;
		snprintf(base.enc, sizeof(base.enc), "%s", v2encs[k].enc);
		base.bits = v2encs[k].bits;
		if (cJSON_GetArraySize(ints) == 0 && n < max)
			out[n++] = base;
		cJSON_ArrayForEach(i, ints) {
			for (k = 0; k < NITEMS(v2ints); k++)
				if (cJSON_IsString(i) && strcasecmp(
				    i->valuestring, v2ints[k].word) == 0)
					break;
			if (k == NITEMS(v2ints) || n >= max)
				continue;
			snprintf(base.auth, sizeof(base.auth), "%s",
			    v2ints[k].auth);
			out[n++] = base;
		}
	}
	return n;
}

static int
suite_eq(const struct suite *x, const struct suite *y)
{
	return strcmp(x->enc, y->enc) == 0 &&
	    (x->bits == y->bits || x->bits < 0 || y->bits < 0) &&
	    strcmp(x->auth, y->auth) == 0 && strcmp(x->ah, y->ah) == 0 &&
	    strcmp(x->mode, y->mode) == 0;
}

static const cJSON *
set_by_name(const cJSON *sets, const char *name)
{
	const cJSON	*s;

	cJSON_ArrayForEach(s, sets)
		if (diag_streq(jstr(s, "name"), name))
			return s;
	return NULL;
}

#define SETS_MAX	8
#define SUITES_MAX	32

struct p2side {
	const cJSON	*sets[SETS_MAX];	/* the entry's sets, resolved */
	size_t		 nsets;
	struct suite	 su[SUITES_MAX];
	size_t		 nsu;
};

/*
 * The entry's transform sets and IKEv2 proposals. 0 when one of them is
 * not among the printed sets: what it offers is unknown, so no verdict.
 */
static int
p2side_load(const struct end *e, struct p2side *ps)
{
	static const char *const lists[] = { "transform_sets",
	    "ikev2_proposals" };
	const cJSON	*sets, *n, *s;
	size_t		 i;

	memset(ps, 0, sizeof(*ps));
	sets = diag_jarr(diag_latest(e->r, "ipsec_transform_set"), "sets");
	if (e->entry == NULL || sets == NULL)
		return 0;
	for (i = 0; i < NITEMS(lists); i++)
		cJSON_ArrayForEach(n, diag_jarr(e->entry, lists[i])) {
			if (!cJSON_IsString(n) || ps->nsets >= SETS_MAX)
				continue;
			if ((s = set_by_name(sets, n->valuestring)) == NULL)
				return 0;
			ps->sets[ps->nsets++] = s;
			ps->nsu += set_suites(s, ps->su + ps->nsu,
			    SUITES_MAX - ps->nsu);
		}
	return ps->nsu > 0;
}

static void
set_line(const struct end *e, const cJSON *set, char *buf, size_t len)
{
	const cJSON	*t;
	size_t		 off;

	off = (size_t)snprintf(buf, len, "ipsec_transform_set(%s): %s {",
	    e->r->name, jstr(set, "name"));
	cJSON_ArrayForEach(t, diag_jarr(set, "transforms"))
		if (cJSON_IsString(t) && off < len)
			off += (size_t)snprintf(buf + off, len - off, " %s",
			    t->valuestring);
	if (off < len)
		snprintf(buf + off, len - off, " } %s",
		    jstr(set, "mode") ? jstr(set, "mode") : "tunnel");
}

static void
map_sets_line(const struct end *e, const struct p2side *ps, char *buf,
    size_t len)
{
	char	 d[80];
	size_t	 off, i;

	off = (size_t)snprintf(buf, len, "crypto_map(%s): %s peer %s sets",
	    e->r->name, entry_desc(e->entry, d, sizeof(d)), e->map_peer);
	for (i = 0; i < ps->nsets && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, " %s",
		    jstr(ps->sets[i], "name"));
}

static int
ios_esp_enc(const struct suite *su, char *buf, size_t len)
{
	if (strcmp(su->enc, "aes") == 0 && su->bits > 128)
		snprintf(buf, len, "esp-aes %ld", su->bits);
	else if (strcmp(su->enc, "aes") == 0)
		snprintf(buf, len, "esp-aes");
	else if (strcmp(su->enc, "aes-gcm") == 0)
		snprintf(buf, len, "esp-gcm %ld", su->bits > 0 ? su->bits : 128);
	else if (strcmp(su->enc, "aes-gmac") == 0)
		snprintf(buf, len, "esp-gmac %ld", su->bits > 0 ? su->bits : 128);
	else if (strcmp(su->enc, "des") == 0 || strcmp(su->enc, "3des") == 0 ||
	    strcmp(su->enc, "null") == 0)
		snprintf(buf, len, "esp-%s", su->enc);
	else
		return 0;
	return 1;
}

static int
asa_esp_enc(const struct suite *su, char *buf, size_t len)
{
	if (strcmp(su->enc, "aes") == 0 && su->bits > 128)
		snprintf(buf, len, "esp-aes-%ld", su->bits);
	else if (strcmp(su->enc, "aes") == 0)
		snprintf(buf, len, "esp-aes");
	else if (strcmp(su->enc, "des") == 0 || strcmp(su->enc, "3des") == 0 ||
	    strcmp(su->enc, "null") == 0)
		snprintf(buf, len, "esp-%s", su->enc);
	else
		return 0;	/* GCM/GMAC: IKEv2 proposals only */
	return 1;
}

/* "sha256" -> "sha-256" for the ASA's spelling. */
static void
asa_hash(const char *h, char *buf, size_t len)
{
	if (strncmp(h, "sha", 3) == 0 && h[3] != '\0')
		snprintf(buf, len, "sha-%.6s", h + 3);
	else
		snprintf(buf, len, "%s", h);
}

static int
transform_words(const struct suite *su, int asa, char *buf, size_t len)
{
	char	 enc[32], auth[40] = "", h[16];

	if (!(asa ? asa_esp_enc(su, enc, sizeof(enc)) :
	    ios_esp_enc(su, enc, sizeof(enc))))
		return 0;
	if (strcmp(su->auth, "none") != 0) {
		if (asa)
			asa_hash(su->auth, h, sizeof(h));
		snprintf(auth, sizeof(auth), " esp-%s-hmac",
		    asa ? h : su->auth);
	} else if (asa)
		snprintf(auth, sizeof(auth), " esp-none");
	snprintf(buf, len, "%s%s", enc, auth);
	if (strcmp(su->ah, "none") != 0 && !asa)
		snprintf(buf + strlen(buf), len - strlen(buf), " ah-%s-hmac",
		    su->ah);
	return strcmp(su->ah, "none") == 0 || !asa;
}

/* The ASA's IKEv2 IPsec proposal words for a suite. */
static int
asa_v2_words(const struct suite *su, char *enc, size_t elen, char *integ,
    size_t ilen)
{
	size_t	 k;

	for (k = 0; k < NITEMS(v2encs); k++)
		if (strcmp(v2encs[k].enc, su->enc) == 0 &&
		    (v2encs[k].bits == su->bits || su->bits < 0))
			break;
	if (k == NITEMS(v2encs) || strcmp(su->ah, "none") != 0)
		return 0;
	snprintf(enc, elen, "%s", v2encs[k].word);
	if (strcmp(su->auth, "none") == 0)
		snprintf(integ, ilen, "null");
	else if (strcmp(su->auth, "sha") == 0)
		snprintf(integ, ilen, "sha-1");
	else
		asa_hash(su->auth, integ, ilen);
	return 1;
}

/* A name for the copy: the peer's, unless it is taken on this router. */
static void
copy_name(const cJSON *sets, const char *name, char *buf, size_t len)
{
	if (set_by_name(diag_jarr(sets, "sets"), name) == NULL)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "%s-PEER", name);
}

static void
names_list(const struct p2side *ps, const char *add, char *buf, size_t len)
{
	size_t	 i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < ps->nsets && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s ",
		    jstr(ps->sets[i], "name"));
	if (off < len)
		snprintf(buf + off, len - off, "%s", add);
}

/* An ASA running IKEv2 takes an IPsec proposal, not a transform set. */
static void
asa_proposal_fix(struct fixes *fx, int side, const struct end *e,
    const struct p2side *mine, const cJSON *model)
{
	char		 enc[32], integ[32], name[96], list[256], d[80];
	struct suite	 su[1];

	if (set_suites(model, su, 1) == 0 ||
	    !asa_v2_words(&su[0], enc, sizeof(enc), integ, sizeof(integ)))
		return;
	copy_name(diag_latest(e->r, "ipsec_transform_set"),
	    jstr(model, "name"), name, sizeof(name));
	names_list(mine, name, list, sizeof(list));
	fixadd(fx, side, "crypto ipsec ikev2 ipsec-proposal %s", name);
	fixadd(fx, side, " protocol esp encryption %s", enc);
	fixadd(fx, side, " protocol esp integrity %s", integ);
	fixadd(fx, side, "crypto map %s set ikev2 ipsec-proposal %s",
	    entry_desc(e->entry, d, sizeof(d)), list);
}

/* On `side`, a copy of the other end's first set it can express. */
static void
transform_fix(struct fixes *fx, int side, const struct pair *p,
    const struct p2side *mine, const struct p2side *theirs)
{
	const struct end *e = &p->e[side];
	char		 words[96], name[96], list[256], d[80];
	struct suite	 su[SUITES_MAX];
	size_t		 i;

	for (i = 0; i < theirs->nsets; i++) {
		if (e->asa && ikev2_only(e)) {
			asa_proposal_fix(fx, side, e, mine, theirs->sets[i]);
			return;
		}
		if (set_suites(theirs->sets[i], su, 1) == 0 ||
		    !transform_words(&su[0], e->asa, words, sizeof(words)))
			continue;
		copy_name(diag_latest(e->r, "ipsec_transform_set"),
		    jstr(theirs->sets[i], "name"), name, sizeof(name));
		names_list(mine, name, list, sizeof(list));
		entry_desc(e->entry, d, sizeof(d));
		if (e->asa) {
			fixadd(fx, side, "crypto ipsec ikev1 transform-set "
			    "%s %s", name, words);
			if (strcmp(su[0].mode, "transport") == 0)
				fixadd(fx, side, "crypto ipsec ikev1 "
				    "transform-set %s mode transport", name);
			fixadd(fx, side, "crypto map %s set ikev1 "
			    "transform-set %s", d, list);
		} else {
			fixadd(fx, side, "crypto ipsec transform-set %s %s",
			    name, words);
			fixadd(fx, side, " mode %s", su[0].mode);
			fixadd(fx, side, "crypto map %s", d);
			fixadd(fx, side, " set transform-set %s", list);
		}
		return;
	}
}

static void
check_transform(struct pair *p)
{
	struct p2side	 ps[2];
	char		 ev[2 + 2 * SETS_MAX][LINE_MAX_LEN], sum[2][LINE_MAX_LEN];
	struct fixes	 fx;
	size_t		 i, j, nev = 0;
	int		 s;

	if (!p2side_load(&p->e[0], &ps[0]) || !p2side_load(&p->e[1], &ps[1]))
		return;
	for (i = 0; i < ps[0].nsu; i++)
		for (j = 0; j < ps[1].nsu; j++)
			if (suite_eq(&ps[0].su[i], &ps[1].su[j]))
				return;
	memset(&fx, 0, sizeof(fx));
	for (s = 0; s < 2; s++) {
		map_sets_line(&p->e[s], &ps[s], ev[nev++], LINE_MAX_LEN);
		for (i = 0; i < ps[s].nsets; i++)
			set_line(&p->e[s], ps[s].sets[i], ev[nev++],
			    LINE_MAX_LEN);
		transform_fix(&fx, s, p, &ps[s], &ps[!s]);
	}
	summaries(p, sum, "no transform set in common between %s and %s for "
	    "this tunnel: Phase 2 (IPsec SA) cannot be negotiated");
	emit(p, K_P2_TRANSFORM, ev, nev, &fx, sum);
}

/* ---- crypto ACLs ---- */

struct ace {
	const char	*action, *proto, *sport, *dport;
	const char	*src_s, *srcw_s, *dst_s, *dstw_s;
	uint32_t	 src, srcw, dst, dstw;	/* host order, network masked */
};

static int
ipv4(const char *s, uint32_t *out)
{
	struct in_addr	 a;

	if (s == NULL || inet_pton(AF_INET, s, &a) != 1)
		return 0;
	*out = ntohl(a.s_addr);
	return 1;
}

/*
 * A wildcard as printed; a netmask (ones from the top, as an ASA prints)
 * is turned into its wildcard.
 */
static uint32_t
to_wildcard(uint32_t w)
{
	if (w != 0 && w != 0xffffffffU && (w & 0x80000000U) != 0 &&
	    ((~w + 1) & ~w) == 0)
		return ~w;
	return w;
}

static int
ace_load(const cJSON *o, struct ace *a)
{
	memset(a, 0, sizeof(*a));
	a->action = jstr(o, "action");
	a->proto = jstr(o, "protocol");
	a->sport = jstr(o, "src_port");
	a->dport = jstr(o, "dst_port");
	a->src_s = jstr(o, "src");
	a->dst_s = jstr(o, "dst");
	a->srcw_s = jstr(o, "src_wildcard");
	a->dstw_s = jstr(o, "dst_wildcard");
	/* IPv6 entries have no wildcard: not compared. */
	if (a->action == NULL || a->proto == NULL ||
	    !ipv4(a->src_s, &a->src) || !ipv4(a->dst_s, &a->dst))
		return 0;
	if (!ipv4(a->srcw_s, &a->srcw))
		a->srcw = 0;
	if (!ipv4(a->dstw_s, &a->dstw))
		a->dstw = 0;
	a->srcw = to_wildcard(a->srcw);
	a->dstw = to_wildcard(a->dstw);
	a->src &= ~a->srcw;
	a->dst &= ~a->dstw;
	return 1;
}

static int
ace_mirrors(const struct ace *x, const struct ace *y)
{
	return strcasecmp(x->action, y->action) == 0 &&
	    strcasecmp(x->proto, y->proto) == 0 &&
	    x->src == y->dst && x->srcw == y->dstw &&
	    x->dst == y->src && x->dstw == y->srcw &&
	    ((x->sport == NULL && y->dport == NULL) ||
	    diag_streq(x->sport, y->dport)) &&
	    ((x->dport == NULL && y->sport == NULL) ||
	    diag_streq(x->dport, y->sport));
}

static void
addr_words(uint32_t a, uint32_t w, int asa, char *buf, size_t len)
{
	struct in_addr	 ia, iw;
	char		 as[INET_ADDRSTRLEN], ws[INET_ADDRSTRLEN];

	if (w == 0xffffffffU) {
		snprintf(buf, len, "any");
		return;
	}
	ia.s_addr = htonl(a);
	inet_ntop(AF_INET, &ia, as, sizeof(as));
	if (w == 0) {
		snprintf(buf, len, "host %s", as);
		return;
	}
	/* The ASA wants a netmask where IOS wants a wildcard. */
	iw.s_addr = htonl(asa ? ~w : w);
	inet_ntop(AF_INET, &iw, ws, sizeof(ws));
	snprintf(buf, len, "%s %s", as, ws);
}

/* "permit ip 10.9.0.0 0.0.0.255 10.1.0.0 0.0.0.255": y's mirror of x. */
static void
mirror_words(const struct ace *x, int asa, char *buf, size_t len)
{
	char	 s[64], d[64];

	addr_words(x->dst, x->dstw, asa, s, sizeof(s));
	addr_words(x->src, x->srcw, asa, d, sizeof(d));
	snprintf(buf, len, "%s %s %s%s%s %s%s%s", x->action, x->proto, s,
	    x->dport ? " " : "", x->dport ? x->dport : "", d,
	    x->sport ? " " : "", x->sport ? x->sport : "");
}

static void
ace_text(const struct ace *a, char *buf, size_t len)
{
	char	 s[64], d[64];

	addr_words(a->src, a->srcw, 0, s, sizeof(s));
	addr_words(a->dst, a->dstw, 0, d, sizeof(d));
	snprintf(buf, len, "%s %s %s%s%s %s%s%s", a->action, a->proto, s,
	    a->sport ? " " : "", a->sport ? a->sport : "", d,
	    a->dport ? " " : "", a->dport ? a->dport : "");
}

#define ACES_MAX	32

static size_t
aces_load(const struct end *e, struct ace *v)
{
	const cJSON	*o;
	size_t		 n = 0;

	cJSON_ArrayForEach(o, diag_jarr(e->entry, "acl_entries"))
		if (n < ACES_MAX && ace_load(o, &v[n]))
			n++;
	return n;
}

static void
check_acl(struct pair *p)
{
	struct ace	 v[2][ACES_MAX];
	size_t		 n[2], i, j, nev = 0;
	char		 ev[2 * ACES_MAX][LINE_MAX_LEN], txt[160], d[80];
	char		 sum[2][LINE_MAX_LEN];
	const char	*acl[2];
	struct fixes	 fx;
	int		 s, head[2] = { 0, 0 };

	for (s = 0; s < 2; s++) {
		if (p->e[s].entry == NULL)
			return;
		n[s] = aces_load(&p->e[s], v[s]);
		acl[s] = jstr(p->e[s].entry, "acl");
		/* Not printed on a side (ASA config view): no check. */
		if (n[s] == 0)
			return;
	}
	memset(&fx, 0, sizeof(fx));
	for (s = 0; s < 2; s++) {
		for (i = 0; i < n[s]; i++) {
			for (j = 0; j < n[!s]; j++)
				if (ace_mirrors(&v[s][i], &v[!s][j]))
					break;
			if (j < n[!s])
				continue;
			ace_text(&v[s][i], txt, sizeof(txt));
			snprintf(ev[nev++], LINE_MAX_LEN, "crypto_map(%s): %s "
			    "%s %s has no mirror in %s's %s",
			    p->e[s].r->name, entry_desc(p->e[s].entry, d,
			    sizeof(d)), acl[s] ? acl[s] : "ACL", txt,
			    p->e[!s].r->name, acl[!s] ? acl[!s] : "ACL");
			/* Without the ACL's name there is no line to give. */
			if (acl[!s] == NULL)
				continue;
			mirror_words(&v[s][i], p->e[!s].asa, txt, sizeof(txt));
			if (p->e[!s].asa)
				fixadd(&fx, !s, "access-list %s extended %s",
				    acl[!s], txt);
			else {
				if (!head[!s]++)
					fixadd(&fx, !s, "ip access-list "
					    "extended %s", acl[!s]);
				fixadd(&fx, !s, " %s", txt);
			}
		}
	}
	if (nev == 0)
		return;
	summaries(p, sum, "the crypto ACLs of %s and %s are not mirror "
	    "images: Phase 2 fails or traffic goes unencrypted for the "
	    "unmatched networks");
	emit(p, K_ACL_MIRROR, ev, nev, &fx, sum);
}

/* ---- DPD ---- */

struct dpd {
	int		 known;
	int		 on;
	long		 interval, retries;
	const char	*mode;		/* NULL on the ASA: not compared */
	int		 ikev2;
	char		 text[160];
};

static const cJSON *
tunnel_group(const struct diag_router *r, const char *name)
{
	const cJSON	*g;

	cJSON_ArrayForEach(g, diag_jarr(diag_latest(r, "running_config"),
	    "tunnel_groups"))
		if (diag_streq(jstr(g, "name"), name))
			return g;
	return NULL;
}

static void
dpd_ios(const struct end *e, const cJSON *rc, struct dpd *d)
{
	const cJSON	*k = cJSON_GetObjectItemCaseSensitive(rc, "keepalive");
	const char	*what = "crypto isakmp keepalive";

	if (!cJSON_IsObject(k)) {
		k = cJSON_GetObjectItemCaseSensitive(rc, "ikev2_dpd");
		what = "crypto ikev2 dpd";
		d->ikev2 = 1;
	}
	d->known = 1;
	if (!cJSON_IsObject(k) || !jint(k, "interval_s", &d->interval)) {
		d->ikev2 = 0;
		snprintf(d->text, sizeof(d->text), "running_config(%s): no "
		    "crypto isakmp keepalive (DPD off)", e->r->name);
		return;
	}
	d->on = 1;
	/* IOS defaults: retry every 2 s, on-demand. */
	if (!jint(k, "retries", &d->retries))
		d->retries = 2;
	d->mode = jstr(k, "mode") ? jstr(k, "mode") : "on-demand";
	snprintf(d->text, sizeof(d->text), "running_config(%s): %s %ld %ld %s",
	    e->r->name, what, d->interval, d->retries, d->mode);
}

static void
dpd_asa(const struct end *e, struct dpd *d)
{
	const cJSON	*g = tunnel_group(e->r, e->peer);

	if (g == NULL)
		return;		/* no tunnel-group printed: unknown */
	d->known = 1;
	if (diag_jbool(g, "keepalive_disabled") == 1) {
		snprintf(d->text, sizeof(d->text), "running_config(%s): "
		    "tunnel-group %s isakmp keepalive disable (DPD off)",
		    e->r->name, e->peer);
		return;
	}
	d->on = 1;
	/* The ASA's L2L default is threshold 10 retry 2. */
	if (!jint(g, "keepalive_threshold_s", &d->interval)) {
		d->interval = 10;
		d->retries = 2;
		snprintf(d->text, sizeof(d->text), "running_config(%s): "
		    "tunnel-group %s isakmp keepalive default (threshold 10 "
		    "retry 2)", e->r->name, e->peer);
		return;
	}
	if (!jint(g, "keepalive_retry_s", &d->retries))
		d->retries = 2;
	snprintf(d->text, sizeof(d->text), "running_config(%s): tunnel-group "
	    "%s isakmp keepalive threshold %ld retry %ld", e->r->name,
	    e->peer, d->interval, d->retries);
}

static void
dpd_fix(struct fixes *fx, int side, const struct end *e, const struct dpd *d)
{
	if (e->asa) {
		fixadd(fx, side, "tunnel-group %s ipsec-attributes", e->peer);
		fixadd(fx, side, " isakmp keepalive threshold 30 retry 5");
	} else if (d->ikev2)
		fixadd(fx, side, "crypto ikev2 dpd 30 5 periodic");
	else
		fixadd(fx, side, "crypto isakmp keepalive 30 5 periodic");
}

static void
check_dpd(struct pair *p)
{
	struct dpd	 d[2];
	char		 ev[2][LINE_MAX_LEN], sum[2][LINE_MAX_LEN];
	struct fixes	 fx;
	int		 s;

	memset(d, 0, sizeof(d));
	for (s = 0; s < 2; s++) {
		const cJSON *rc = diag_latest(p->e[s].r, "running_config");
		if (rc == NULL)
			return;
		if (p->e[s].asa)
			dpd_asa(&p->e[s], &d[s]);
		else
			dpd_ios(&p->e[s], rc, &d[s]);
		if (!d[s].known)
			return;
	}
	if (d[0].on == d[1].on && (!d[0].on ||
	    (d[0].interval == d[1].interval && d[0].retries == d[1].retries &&
	    str_compatible(d[0].mode, d[1].mode))))
		return;
	memset(&fx, 0, sizeof(fx));
	for (s = 0; s < 2; s++) {
		snprintf(ev[s], LINE_MAX_LEN, "%s", d[s].text);
		dpd_fix(&fx, s, &p->e[s], &d[s]);
	}
	summaries(p, sum, "DPD differs between %s and %s: one end may tear "
	    "the tunnel down while the other keeps it; set the same timers on "
	    "both ends");
	emit(p, K_DPD_ASYMMETRIC, ev, 2, &fx, sum);
}

/* ---- pre-shared keys ---- */

struct psk {
	const char	*fp, *encoding, *keyring, *ikev2_peer;
	char		 where[96];	/* "address 198.51.100.2", ... */
	long		 ike;
	int		 tunnel_group;
};

static int
prefix_of_mask(const char *m)
{
	uint32_t	 v;
	int		 n = 0;

	if (!ipv4(m, &v))
		return -1;
	while (v & 0x80000000U) {
		n++;
		v <<= 1;
	}
	return n;
}

/* How specific a key entry is for `addr`: -1 no match, else prefix length. */
static int
key_match(const cJSON *k, const char *addr)
{
	const char	*peer = jstr(k, "peer"), *mask = jstr(k, "peer_mask");
	uint32_t	 a, pa, m;
	int		 len;

	if (peer == NULL)
		return -1;
	if (strcmp(peer, addr) == 0)
		return 128;
	if (mask == NULL || !ipv4(addr, &a) || !ipv4(peer, &pa) ||
	    !ipv4(mask, &m) || (len = prefix_of_mask(mask)) < 0)
		return -1;
	return (a & m) == (pa & m) ? len : -1;
}

static int
psk_ios(const cJSON *rc, const char *addr, struct psk *k)
{
	const cJSON	*it, *best = NULL;
	int		 m, best_m = -1;

	/* The router picks the most specific key for the peer. */
	cJSON_ArrayForEach(it, diag_jarr(rc, "isakmp_keys"))
		if ((m = key_match(it, addr)) > best_m) {
			best = it;
			best_m = m;
		}
	if (best == NULL)
		return 0;
	k->fp = jstr(best, "psk_fingerprint");
	k->encoding = jstr(best, "key_encoding");
	k->keyring = jstr(best, "keyring");
	k->ikev2_peer = jstr(best, "ikev2_peer");
	if (!jint(best, "ike_version", &k->ike))
		k->ike = 1;
	snprintf(k->where, sizeof(k->where), "address %s%s%s",
	    jstr(best, "peer"), jstr(best, "peer_mask") &&
	    strcmp(jstr(best, "peer_mask"), "255.255.255.255") != 0 ? " " : "",
	    jstr(best, "peer_mask") && strcmp(jstr(best, "peer_mask"),
	    "255.255.255.255") != 0 ? jstr(best, "peer_mask") : "");
	return 1;
}

static int
psk_asa(const struct end *e, struct psk *k)
{
	const cJSON	*g = tunnel_group(e->r, e->peer);

	if (g == NULL)
		return 0;
	k->fp = jstr(g, "psk_fingerprint");
	k->encoding = jstr(g, "key_encoding");
	k->ike = 1;
	k->tunnel_group = 1;
	snprintf(k->where, sizeof(k->where), "tunnel-group %s", e->peer);
	return 1;
}

static void
psk_evidence(const struct end *e, const struct psk *k, char *buf, size_t len)
{
	if (k->tunnel_group)
		snprintf(buf, len, "running_config(%s): %s ikev1 "
		    "pre-shared-key (fingerprint %s)", e->r->name, k->where,
		    k->fp);
	else
		snprintf(buf, len, "running_config(%s): %s%s%s key "
		    "(fingerprint %s) %s", e->r->name,
		    k->keyring ? "keyring " : "crypto isakmp",
		    k->keyring ? k->keyring : "", k->keyring ? " pre-shared-key"
		    : "", k->fp, k->where);
}

static void
psk_fix(struct fixes *fx, int side, const struct end *e, const struct psk *k)
{
	static const char key[] = "<the same key on both ends>";

	if (e->asa) {
		fixadd(fx, side, "tunnel-group %s ipsec-attributes", e->peer);
		fixadd(fx, side, " ikev1 pre-shared-key %s", key);
	} else if (k->keyring != NULL && k->ike == 2) {
		fixadd(fx, side, "crypto ikev2 keyring %s", k->keyring);
		fixadd(fx, side, " peer %s", k->ikev2_peer ? k->ikev2_peer :
		    e->peer);
		fixadd(fx, side, "  pre-shared-key %s", key);
	} else if (k->keyring != NULL) {
		fixadd(fx, side, "crypto keyring %s", k->keyring);
		fixadd(fx, side, " pre-shared-key %s key %s", k->where, key);
	} else
		fixadd(fx, side, "crypto isakmp key %s %s", key, k->where);
}

/*
 * Only fingerprints of clear keys compare: a type 6 or type 7 string,
 * or the ASA's "*****", is a different text for the same key (and type 6
 * depends on the router's master key), so no verdict then.
 */
static void
check_psk(struct pair *p)
{
	struct psk	 k[2];
	char		 ev[2][LINE_MAX_LEN], sum[2][LINE_MAX_LEN];
	struct fixes	 fx;
	int		 s;

	memset(k, 0, sizeof(k));
	for (s = 0; s < 2; s++) {
		const struct end *e = &p->e[s];
		const cJSON *rc = diag_latest(e->r, "running_config");
		if (rc == NULL || e->peer[0] == '\0')
			return;
		if (!(e->asa ? psk_asa(e, &k[s]) :
		    psk_ios(rc, e->peer, &k[s])))
			return;
		if (!diag_streq(k[s].encoding, "clear") || k[s].fp == NULL)
			return;
	}
	if (strcmp(k[0].fp, k[1].fp) == 0)
		return;
	memset(&fx, 0, sizeof(fx));
	for (s = 0; s < 2; s++) {
		psk_evidence(&p->e[s], &k[s], ev[s], LINE_MAX_LEN);
		psk_fix(&fx, s, &p->e[s], &k[s]);
	}
	summaries(p, sum, "the pre-shared keys of %s and %s for each other "
	    "differ (fingerprints): IKE authentication fails; set the same "
	    "key on both ends");
	emit(p, K_PSK, ev, 2, &fx, sum);
}

/* ---- NAT-T ---- */

static void
check_natt(struct pair *p)
{
	char		 ev[2][LINE_MAX_LEN], sum[2][LINE_MAX_LEN];
	struct fixes	 fx;
	int		 on[2], s;

	for (s = 0; s < 2; s++) {
		on[s] = diag_jbool(diag_latest(p->e[s].r, "running_config"),
		    "natt_enabled");
		if (on[s] < 0)
			return;
	}
	if (on[0] == on[1])
		return;
	memset(&fx, 0, sizeof(fx));
	for (s = 0; s < 2; s++) {
		const struct end *e = &p->e[s];
		if (on[s])
			snprintf(ev[s], LINE_MAX_LEN, "running_config(%s): "
			    "NAT-T enabled", e->r->name);
		else
			snprintf(ev[s], LINE_MAX_LEN, "running_config(%s): %s "
			    "(NAT-T disabled)", e->r->name, e->asa ?
			    "no crypto isakmp nat-traversal" :
			    "no crypto ipsec nat-transparency udp-encapsulation");
		if (on[s])
			continue;
		if (e->asa)
			fixadd(&fx, s, "crypto isakmp nat-traversal 20");
		else {
			fixadd(&fx, s, "crypto ipsec nat-transparency "
			    "udp-encapsulation");
			fixadd(&fx, s, "crypto isakmp nat keepalive 20");
		}
	}
	for (s = 0; s < 2; s++)
		snprintf(sum[s], LINE_MAX_LEN, "NAT traversal is disabled on %s "
		    "and enabled on %s: through NAT the tunnel cannot form",
		    p->e[on[0] ? 1 : 0].r->name, p->e[on[0] ? 0 : 1].r->name);
	emit(p, K_NATT, ev, 2, &fx, sum);
}

/* ---- each end's peer versus the other's crypto map address ---- */

static void
map_where(const struct end *e, char *buf, size_t len)
{
	char		 d[80], addrs[ADDRS_MAX][64];
	const cJSON	*i;
	size_t		 off, n, k;

	off = (size_t)snprintf(buf, len, "crypto_map(%s): %s peer %s on",
	    e->r->name, entry_desc(e->entry, d, sizeof(d)),
	    e->map_peer ? e->map_peer : "(none)");
	cJSON_ArrayForEach(i, diag_jarr(e->entry, "interfaces"))
		if (cJSON_IsString(i) && off < len)
			off += (size_t)snprintf(buf + off, len - off, " %s",
			    i->valuestring);
	n = map_local_addrs(e->r, e->entry, addrs);
	for (k = 0; k < n && off < len; k++)
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
		    k == 0 ? " address " : ", ", addrs[k]);
}

/* The static entry b's map has for this tunnel, when there is one only. */
static const cJSON *
only_static_entry(const struct diag_router *r)
{
	const cJSON	*e, *found = NULL;

	cJSON_ArrayForEach(e, diag_jarr(diag_latest(r, "crypto_map"), "entries")) {
		if (cJSON_GetArraySize(diag_jarr(e, "peers")) == 0)
			continue;
		if (found != NULL)
			return NULL;
		found = e;
	}
	return found;
}

static void
set_peer_fix(struct fixes *fx, int side, const struct end *e,
    const cJSON *entry, const char *old, const char *correct)
{
	char	 d[80];

	entry_desc(entry, d, sizeof(d));
	if (e->asa) {
		/* "set peer" replaces the list on the ASA. */
		fixadd(fx, side, "crypto map %s set peer %s", d, correct);
		return;
	}
	fixadd(fx, side, "crypto map %s", d);
	fixadd(fx, side, " set peer %s", correct);
	if (old != NULL)
		fixadd(fx, side, " no set peer %s", old);
}

/* b's map points at none of a's addresses. */
static void
check_no_peer_back(struct pair *p)
{
	const struct end *a = &p->e[0], *b = &p->e[1];
	const cJSON	*be, *pe;
	char		 ev[ADDRS_MAX + 1][LINE_MAX_LEN], d[80];
	char		 sum[2][LINE_MAX_LEN];
	struct fixes	 fx;
	size_t		 nev = 0;

	memset(&fx, 0, sizeof(fx));
	if (a->entry != NULL)
		map_where(a, ev[nev++], LINE_MAX_LEN);
	cJSON_ArrayForEach(be, diag_jarr(diag_latest(b->r, "crypto_map"),
	    "entries")) {
		if (nev >= NITEMS(ev))
			break;
		cJSON_ArrayForEach(pe, diag_jarr(be, "peers"))
			if (cJSON_IsString(pe) && nev < NITEMS(ev))
				snprintf(ev[nev++], LINE_MAX_LEN, "crypto_map(%s):"
				    " %s peer %s is not an address of %s",
				    b->r->name, entry_desc(be, d, sizeof(d)),
				    pe->valuestring, a->r->name);
	}
	if ((be = only_static_entry(b->r)) != NULL && b->peer[0] != '\0') {
		pe = cJSON_GetArrayItem(diag_jarr(be, "peers"), 0);
		set_peer_fix(&fx, 1, b, be, cJSON_IsString(pe) ?
		    pe->valuestring : NULL, b->peer);
	}
	snprintf(sum[0], LINE_MAX_LEN, "%s's crypto map points at none of "
	    "%s's addresses%s%s: the tunnel cannot form", b->r->name,
	    a->r->name, b->peer[0] ? "; it should point at " : "", b->peer);
	snprintf(sum[1], LINE_MAX_LEN, "%s", sum[0]);
	emit(p, K_WRONG_IF, ev, nev, &fx, sum);
}

/* x's configured peer is not where y's crypto map terminates. */
static void
check_peer_addr(struct pair *p, int x)
{
	const struct end *xe = &p->e[x], *ye = &p->e[!x];
	char		 addrs[ADDRS_MAX][64], ev[2][LINE_MAX_LEN];
	char		 sum[2][LINE_MAX_LEN];
	struct fixes	 fx;
	size_t		 n, i;

	if (xe->map_peer == NULL || xe->entry == NULL || ye->entry == NULL)
		return;
	n = map_local_addrs(ye->r, ye->entry, addrs);
	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		if (strcmp(addrs[i], xe->map_peer) == 0)
			return;
	memset(&fx, 0, sizeof(fx));
	map_where(xe, ev[0], LINE_MAX_LEN);
	map_where(ye, ev[1], LINE_MAX_LEN);
	set_peer_fix(&fx, x, xe, xe->entry, xe->map_peer, addrs[0]);
	snprintf(sum[0], LINE_MAX_LEN, "%s sends IKE to %s but %s's crypto "
	    "map is on %s: the tunnel cannot form", xe->r->name, xe->map_peer,
	    ye->r->name, addrs[0]);
	snprintf(sum[1], LINE_MAX_LEN, "%s", sum[0]);
	emit(p, K_WRONG_IF, ev, 2, &fx, sum);
}

/*
 * NAT in the path: IPsec over UDP 4500, or NAT-T detected by IKE.
 */
static int
nat_in_path(const struct diag_router *r)
{
	const cJSON	*it, *fl, *sa;
	long		 d;

	cJSON_ArrayForEach(it, diag_jarr(diag_latest(r, "ipsec_sa"), "interfaces"))
		cJSON_ArrayForEach(fl, diag_jarr(it, "flows"))
			if ((jint(fl, "peer_port", &d) && d == 4500) ||
			    (jint(fl, "remote_endpoint_port", &d) && d == 4500) ||
			    (jint(fl, "local_endpoint_port", &d) && d == 4500))
				return 1;
	cJSON_ArrayForEach(sa, diag_jarr(diag_latest(r, "isakmp_sa_detail"), "sas"))
		if (cJSON_IsTrue(cJSON_GetObjectItem(sa, "natt")))
			return 1;
	cJSON_ArrayForEach(sa, diag_jarr(diag_latest(r, "ikev2_sa"), "sas"))
		if (cJSON_IsTrue(cJSON_GetObjectItem(sa, "natt_detected")))
			return 1;
	return 0;
}

/* ---- entry point ---- */

void
diag_pair(const struct diag_router *a, const char *a_peer,
    const struct diag_router *b, const char *b_peer,
    const struct diag_opts *o, struct diag_findings *out)
{
	struct pair	 p;
	char		 seen[64];

	(void)o;
	if (a == NULL || b == NULL || a_peer == NULL || out == NULL)
		return;
	memset(&p, 0, sizeof(p));
	p.out = out;
	p.e[0].r = a;
	p.e[0].peer = a_peer;
	p.e[0].map_peer = a_peer;
	p.e[0].entry = entry_for_peer(a, a_peer);
	p.e[0].asa = router_is_asa(a);
	p.e[1].r = b;
	p.e[1].map_peer = b_peer;
	p.e[1].entry = entry_for_peer(b, b_peer);
	p.e[1].asa = router_is_asa(b);
	if (b_peer != NULL)
		p.e[1].peer = b_peer;
	else {
		/* The address b would have to point at. */
		seen_from(&p.e[0], seen, sizeof(seen));
		p.e[1].peer = seen;
	}
	check_proposal(&p);
	check_transform(&p);
	check_acl(&p);
	check_dpd(&p);
	check_psk(&p);
	check_natt(&p);
	/* Behind NAT a peer address cannot be an address of the other end. */
	if (nat_in_path(a) || nat_in_path(b))
		return;
	if (b_peer == NULL) {
		char	 own[ADDRS_MAX][64];

		/*
		 * Only when a's own addresses were seen can b be said to
		 * point elsewhere: an end with no SA up (an ASA prints no
		 * local address then) is no evidence of a wrong peer.
		 */
		if (diag_local_addrs(a, own, ADDRS_MAX) > 0)
			check_no_peer_back(&p);
	} else {
		check_peer_addr(&p, 0);
		check_peer_addr(&p, 1);
	}
}

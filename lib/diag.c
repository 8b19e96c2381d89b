/*
 * diag.c: findings, pairing of tunnel ends, ranking of causes, output.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "log.h"
#include "util.h"

void
diag_opts_default(struct diag_opts *o)
{
	o->window_s = 900;
	o->stuck_polls = 2;
	o->dpd_min_interval_s = 15;
	o->dpd_min_retries = 3;
}

/* ---- building findings ---- */

static void
strv_addv(struct strv *sv, const char *fmt, va_list ap)
{
	char	*s;
	size_t	 i;

	if (vasprintf(&s, fmt, ap) < 0)
		fatal("vasprintf");
	for (i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0) {
			free(s);	/* the same line once */
			return;
		}
	sv->v = xreallocarray(sv->v, sv->n + 1, sizeof(*sv->v));
	sv->v[sv->n++] = s;
}

static void
strv_add(struct strv *sv, const char *s)
{
	size_t	 i;

	for (i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return;
	sv->v = xreallocarray(sv->v, sv->n + 1, sizeof(*sv->v));
	sv->v[sv->n++] = xstrdup(s);
}

static void
strv_free(struct strv *sv)
{
	size_t	 i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = 0;
}

struct diag_finding *
diag_find(struct diag_findings *fs, const char *kind, const char *router,
    const char *peer)
{
	size_t	 i;

	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].kind, kind) == 0 &&
		    strcmp(fs->v[i].router, router) == 0 &&
		    strcmp(fs->v[i].peer, peer ? peer : "") == 0)
			return &fs->v[i];
	return NULL;
}

/* One finding per (kind, router, peer): a second detector adds to it. */
struct diag_finding *
diag_add(struct diag_findings *fs, const char *kind, const char *severity,
    const char *router, const char *peer)
{
	struct diag_finding	*f;

	if ((f = diag_find(fs, kind, router, peer)) != NULL)
		return f;
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 16;
		fs->v = xreallocarray(fs->v, fs->cap, sizeof(*fs->v));
	}
	f = &fs->v[fs->n++];
	memset(f, 0, sizeof(*f));
	snprintf(f->kind, sizeof(f->kind), "%s", kind);
	snprintf(f->severity, sizeof(f->severity), "%s", severity);
	snprintf(f->router, sizeof(f->router), "%s", router);
	snprintf(f->peer, sizeof(f->peer), "%s", peer ? peer : "");
	snprintf(f->confidence, sizeof(f->confidence), "%s", CONF_HIGH);
	return f;
}

#define STRV_FN(fn, member)					\
void								\
fn(struct diag_finding *f, const char *fmt, ...)		\
{								\
	va_list	 ap;						\
	va_start(ap, fmt);					\
	strv_addv(&f->member, fmt, ap);				\
	va_end(ap);						\
}

STRV_FN(diag_evidence, evidence)
STRV_FN(diag_fix, fix)
STRV_FN(diag_verify, verify)

void
diag_summary(struct diag_finding *f, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(f->summary, sizeof(f->summary), fmt, ap);
	va_end(ap);
}

void
diag_candidate(struct diag_finding *f, const char *cause)
{
	strv_add(&f->candidates, cause);
}

void
diag_set_cause(struct diag_finding *f, const char *cause,
    const char *confidence)
{
	snprintf(f->cause, sizeof(f->cause), "%s", cause);
	snprintf(f->confidence, sizeof(f->confidence), "%s", confidence);
}

void
diag_findings_free(struct diag_findings *fs)
{
	size_t	 i;

	for (i = 0; i < fs->n; i++) {
		strv_free(&fs->v[i].evidence);
		strv_free(&fs->v[i].fix);
		strv_free(&fs->v[i].verify);
		strv_free(&fs->v[i].candidates);
	}
	free(fs->v);
	memset(fs, 0, sizeof(*fs));
}

/* ---- JSON accessors: absent, null or the wrong type reads as unknown ---- */

const char *
diag_jstr(const cJSON *o, const char *k)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* 1 true, 0 false, -1 unknown. */
int
diag_jbool(const cJSON *o, const char *k)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, k);

	if (cJSON_IsTrue(v))
		return 1;
	if (cJSON_IsFalse(v))
		return 0;
	return -1;
}

const cJSON *
diag_jarr(const cJSON *o, const char *k)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsArray(v) ? v : NULL;
}

/* Both known and equal. */
int
diag_streq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* ---- snapshot accessors ---- */

const cJSON *
diag_probe(const struct diag_snapshot *s, const char *probe)
{
	const cJSON	*p;

	if (s == NULL || s->probes == NULL)
		return NULL;
	p = cJSON_GetObjectItemCaseSensitive(s->probes, probe);
	/* A result the parser refused is no evidence at all. */
	if (p == NULL || !cJSON_IsTrue(cJSON_GetObjectItem(p, "ok")))
		return NULL;
	return p;
}

const cJSON *
diag_latest(const struct diag_router *r, const char *probe)
{
	size_t	 i;

	/* The latest snapshot that has this probe (a poll may have failed). */
	for (i = r->nsnaps; i > 0; i--) {
		const cJSON *p = diag_probe(&r->snaps[i - 1], probe);
		if (p != NULL)
			return p;
	}
	return NULL;
}

static size_t
addr_add(char addrs[][64], size_t n, size_t max, const char *a)
{
	size_t	 i;

	if (a == NULL || *a == '\0' || n >= max)
		return n;
	for (i = 0; i < n; i++)
		if (strcmp(addrs[i], a) == 0)
			return n;
	snprintf(addrs[n], 64, "%s", a);
	return n + 1;
}

#define MAX_PEERS	32

int
diag_addr_in(char addrs[][64], size_t n, const char *a)
{
	size_t	 i;

	for (i = 0; a != NULL && i < n; i++)
		if (strcmp(addrs[i], a) == 0)
			return 1;
	return 0;
}

/* The IOS and ASA forms of the commands every layer suggests. */
const char *
diag_cmd_clear_sa(int asa)
{
	return asa ? "clear crypto ipsec sa peer %s" :
	    "clear crypto sa peer %s";
}

const char *
diag_cmd_route(int asa)
{
	return asa ? "show route %s" : "show ip route %s";
}

size_t
diag_local_addrs(const struct diag_router *r, char addrs[][64], size_t max)
{
	const cJSON	*p, *it, *a;
	size_t		 n = 0;

	if ((p = diag_latest(r, "ipsec_sa")) != NULL)
		cJSON_ArrayForEach(it, cJSON_GetObjectItem(p, "interfaces")) {
			n = addr_add(addrs, n, max, diag_jstr(it, "local_addr"));
			cJSON_ArrayForEach(a, cJSON_GetObjectItem(it, "flows"))
				n = addr_add(addrs, n, max,
				    diag_jstr(a, "local_endpoint"));
		}
	/*
	 * IOS prints the initiator as src and the responder as dst: ours is
	 * whichever end is not one of the crypto maps' peers.
	 */
	if ((p = diag_latest(r, "isakmp_sa")) != NULL) {
		char	 peers[MAX_PEERS][64];
		size_t	 np = diag_map_peers(r, peers, MAX_PEERS);

		cJSON_ArrayForEach(it, cJSON_GetObjectItem(p, "sas")) {
			const char *src = diag_jstr(it, "src"), *dst = diag_jstr(it, "dst");
			if (src == NULL || dst == NULL)
				continue;
			if (diag_addr_in(peers, np, dst))
				n = addr_add(addrs, n, max, src);
			else if (diag_addr_in(peers, np, src))
				n = addr_add(addrs, n, max, dst);
		}
	}
	if ((p = diag_latest(r, "interface_crypto")) != NULL)
		cJSON_ArrayForEach(it, cJSON_GetObjectItem(p, "interfaces"))
			cJSON_ArrayForEach(a, cJSON_GetObjectItem(it, "addresses"))
				n = addr_add(addrs, n, max, diag_jstr(a, "addr"));
	if ((p = diag_latest(r, "crypto_map")) != NULL)
		cJSON_ArrayForEach(it, cJSON_GetObjectItem(p, "entries"))
			n = addr_add(addrs, n, max, diag_jstr(it, "local_address"));
	return n;
}

size_t
diag_map_peers(const struct diag_router *r, char peers[][64], size_t max)
{
	const cJSON	*p, *e, *a;
	size_t		 n = 0;

	if ((p = diag_latest(r, "crypto_map")) != NULL)
		cJSON_ArrayForEach(e, cJSON_GetObjectItem(p, "entries"))
			cJSON_ArrayForEach(a, cJSON_GetObjectItem(e, "peers"))
				if (cJSON_IsString(a))
					n = addr_add(peers, n, max,
					    a->valuestring);
	return n;
}

/* ---- pairing: A's peer is one of B's local addresses ---- */

#define MAX_ADDRS	32

/*
 * Two routers are the ends of a tunnel when A's crypto map points at one
 * of B's addresses and B's at one of A's. (Behind NAT, B's view of A is
 * A's public address, which is among B's map peers too.)
 */
static void
pair_all(const struct diag_router *rs, size_t n, const struct diag_opts *o,
    struct diag_findings *out)
{
	char	 pa[MAX_ADDRS][64], pb[MAX_ADDRS][64];
	char	 la[MAX_ADDRS][64], lb[MAX_ADDRS][64];
	size_t	 i, j, k, l, npa, npb, nla, nlb;

	for (i = 0; i < n; i++) {
		npa = diag_map_peers(&rs[i], pa, MAX_ADDRS);
		nla = diag_local_addrs(&rs[i], la, MAX_ADDRS);
		for (j = i + 1; j < n; j++) {
			npb = diag_map_peers(&rs[j], pb, MAX_ADDRS);
			nlb = diag_local_addrs(&rs[j], lb, MAX_ADDRS);
			for (k = 0; k < npa; k++)
				if (diag_addr_in(lb, nlb, pa[k]))
					break;
			for (l = 0; l < npb; l++)
				if (diag_addr_in(la, nla, pb[l]))
					break;
			/*
			 * One direction is enough to pair them (an end whose
			 * own address was not seen, or NAT in between); the
			 * pair layer then compares what both ends show.
			 */
			/*
			 * Behind NAT the other end points at a public address
			 * we never see: its only map peer is then "the NAT
			 * address B sees".
			 */
			if (k < npa)
				diag_pair(&rs[i], pa[k], &rs[j], l < npb ? pb[l] :
				    npb == 1 ? pb[0] : NULL, o, out);
			else if (l < npb)
				diag_pair(&rs[j], pb[l], &rs[i], npa == 1 ?
				    pa[0] : NULL, o, out);
		}
	}
}

/* ---- ranking: which cause explains each symptom ---- */

struct cause_map {
	const char	*kind;
	const char	*cause;
};

static const struct cause_map cause_kinds[] = {
	{ K_NO_ROUTE, C_ROUTE },
	{ K_WRONG_IF, C_ROUTE },
	{ K_P1_PROPOSAL, C_P1_PROPOSAL },
	{ K_PSK, C_PSK },
	{ K_NATT, C_NATT },
	{ K_P2_TRANSFORM, C_P2_TRANSFORM },
	{ K_ACL_MIRROR, C_ACL_MIRROR },
	{ K_DPD_AGGRESSIVE, C_DPD },
	{ K_DPD_ASYMMETRIC, C_DPD },
};

static const char *
cause_of_kind(const char *kind)
{
	size_t	 i;

	for (i = 0; i < NITEMS(cause_kinds); i++)
		if (strcmp(cause_kinds[i].kind, kind) == 0)
			return cause_kinds[i].cause;
	return NULL;
}

/* The causes that can explain a symptom, most likely first. */
static size_t
plausible_causes(const struct diag_finding *s, const char *out[], size_t max)
{
	static const char *const p1_early[] = { C_ROUTE, C_P1_PROPOSAL, C_NATT };
	static const char *const p1_auth[] = { C_PSK, C_NATT, C_P1_PROPOSAL };
	static const char *const p2[] = { C_P2_TRANSFORM, C_ACL_MIRROR };
	static const char *const traffic[] = { C_ACL_MIRROR, C_ROUTE, C_NATT };
	static const char *const dpd[] = { C_DPD, C_ROUTE, C_NATT };
	const char *const *list = p1_early;
	size_t	 n = 3, i;

	if (strcmp(s->kind, K_PHASE1_STUCK) == 0 &&
	    strstr(s->summary, "authentication") != NULL)
		list = p1_auth;
	else if (strcmp(s->kind, K_PHASE2_MISSING) == 0) {
		list = p2;
		n = 2;
	} else if (strcmp(s->kind, K_COUNTERS_ZERO) == 0 ||
	    strcmp(s->kind, K_ONE_WAY) == 0)
		list = traffic;
	else if (strcmp(s->kind, K_DPD_LOOP) == 0)
		list = dpd;
	for (i = 0; i < n && i < max; i++)
		out[i] = list[i];
	return i;
}

static int
is_symptom(const char *kind)
{
	return strcmp(kind, K_PHASE1_DOWN) == 0 ||
	    strcmp(kind, K_PHASE1_STUCK) == 0 ||
	    strcmp(kind, K_PHASE2_MISSING) == 0 ||
	    strcmp(kind, K_COUNTERS_ZERO) == 0 ||
	    strcmp(kind, K_ONE_WAY) == 0 || strcmp(kind, K_DPD_LOOP) == 0;
}

static void
copy_strv(struct strv *dst, const struct strv *src)
{
	size_t	 i;

	for (i = 0; i < src->n; i++)
		strv_add(dst, src->v[i]);
}

static const char *decide_cmds[] = {
	"debug crypto condition peer ipv4 %s",
	"debug crypto isakmp",
	"debug crypto ipsec",
	"show logging | include %s",
};

/*
 * A symptom takes the first plausible cause for which a cause finding
 * exists on the same router and peer; without one it is "unknown", with
 * the candidates and the commands that would decide. Never a cause
 * without evidence.
 */
static void
rank_one(struct diag_findings *fs, size_t si)
{
	const char		*cands[8];
	struct diag_finding	*s, *c;
	size_t			 n, i, j;

	n = plausible_causes(&fs->v[si], cands, NITEMS(cands));
	for (i = 0; i < n; i++) {
		for (j = 0; j < fs->n; j++) {
			c = &fs->v[j];
			if (j == si || strcmp(c->router, fs->v[si].router) != 0 ||
			    strcmp(c->peer, fs->v[si].peer) != 0)
				continue;
			if (cause_of_kind(c->kind) == NULL ||
			    strcmp(cause_of_kind(c->kind), cands[i]) != 0)
				continue;
			s = &fs->v[si];
			diag_set_cause(s, cands[i], c->confidence);
			copy_strv(&s->evidence, &c->evidence);
			copy_strv(&s->fix, &c->fix);
			copy_strv(&s->verify, &c->verify);
			return;
		}
	}
	s = &fs->v[si];
	diag_set_cause(s, C_UNKNOWN, CONF_LOW);
	for (i = 0; i < n; i++)
		diag_candidate(s, cands[i]);
	for (i = 0; i < NITEMS(decide_cmds); i++)
		diag_verify(s, decide_cmds[i], s->peer);
}

void
diag_rank(struct diag_findings *fs)
{
	size_t	 i;
	const char *cause;

	for (i = 0; i < fs->n; i++) {
		if (is_symptom(fs->v[i].kind))
			rank_one(fs, i);
		else if (fs->v[i].cause[0] == '\0' &&
		    (cause = cause_of_kind(fs->v[i].kind)) != NULL)
			snprintf(fs->v[i].cause, sizeof(fs->v[i].cause), "%s",
			    cause);
	}
}

void
diag_run(const struct diag_router *rs, size_t n, const struct diag_opts *o,
    struct diag_findings *out)
{
	struct diag_opts	 def;
	size_t			 i;

	if (o == NULL) {
		diag_opts_default(&def);
		o = &def;
	}
	for (i = 0; i < n; i++)
		diag_local(&rs[i], o, out);
	pair_all(rs, n, o, out);
	diag_rank(out);
}

/* ---- output ---- */

static cJSON *
strv_json(const struct strv *sv)
{
	cJSON	*a = cJSON_CreateArray();
	size_t	 i;

	for (i = 0; i < sv->n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(sv->v[i]));
	return a;
}

cJSON *
diag_finding_json(const struct diag_finding *f)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "kind", f->kind);
	cJSON_AddStringToObject(o, "severity", f->severity);
	cJSON_AddStringToObject(o, "router", f->router);
	if (f->peer[0])
		cJSON_AddStringToObject(o, "peer", f->peer);
	else
		cJSON_AddNullToObject(o, "peer");
	cJSON_AddStringToObject(o, "cause", f->cause[0] ? f->cause : C_UNKNOWN);
	cJSON_AddStringToObject(o, "confidence", f->confidence);
	cJSON_AddStringToObject(o, "summary", f->summary);
	cJSON_AddItemToObject(o, "evidence", strv_json(&f->evidence));
	cJSON_AddItemToObject(o, "fix", strv_json(&f->fix));
	cJSON_AddItemToObject(o, "verify", strv_json(&f->verify));
	cJSON_AddItemToObject(o, "candidates", strv_json(&f->candidates));
	return o;
}

cJSON *
diag_findings_json(const struct diag_findings *fs)
{
	cJSON	*o = cJSON_CreateObject(), *a;
	size_t	 i;

	a = cJSON_AddArrayToObject(o, "findings");
	for (i = 0; i < fs->n; i++)
		cJSON_AddItemToArray(a, diag_finding_json(&fs->v[i]));
	return o;
}

static void
strv_text(FILE *fp, const char *title, const struct strv *sv)
{
	size_t	 i;

	if (sv->n == 0)
		return;
	fprintf(fp, "  %s:\n", title);
	for (i = 0; i < sv->n; i++)
		fprintf(fp, "    %s\n", sv->v[i]);
}

void
diag_findings_text(const struct diag_findings *fs, FILE *fp)
{
	size_t	 i;

	if (fs->n == 0) {
		fprintf(fp, "no findings: every tunnel seen looks healthy\n");
		return;
	}
	for (i = 0; i < fs->n; i++) {
		const struct diag_finding *f = &fs->v[i];
		fprintf(fp, "%s %s router=%s%s%s cause=%s confidence=%s\n  %s\n",
		    f->severity, f->kind, f->router, f->peer[0] ? " peer=" : "",
		    f->peer, f->cause[0] ? f->cause : C_UNKNOWN, f->confidence,
		    f->summary);
		strv_text(fp, "evidence", &f->evidence);
		strv_text(fp, "candidates", &f->candidates);
		strv_text(fp, "fix", &f->fix);
		strv_text(fp, "verify", &f->verify);
		fputc('\n', fp);
	}
}

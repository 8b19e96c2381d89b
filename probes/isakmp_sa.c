/*
 * isakmp_sa.c: "show crypto isakmp sa" on IOS, IOS-XE and ASA.
 *
 * IOS prints a table per address family ("IPv4 Crypto ISAKMP SA"), the
 * slot column only on some images, and IPv6 SAs as three-line blocks
 * ("dst: X" / "src: Y" / "state: S conn-id: N status: ACTIVE"). The ASA
 * prints "N   IKE Peer: X" blocks of "Label : value" pairs, or on PIX/ASA
 * 8.0 a one-line table. Every line is told apart by its tokens.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isakmp_sa.h"
#include "phase1.h"
#include "probe.h"
#include "text.h"
#include "util.h"

struct sa_parse {
	struct isakmp_sa_list	*list;
	int			 pix_table;	/* "dst src state pending created" */
	int			 no_status_col;	/* a header without "status" */
	long			 asa_cur;	/* index of the open ASA block, -1 */
	/* An IPv6 block being read: "dst:" then "src:" then "state:". */
	int			 v6_open;
	size_t			 v6_lines;
	char			 v6_dst[PHASE1_ADDR_MAX];
	char			 v6_src[PHASE1_ADDR_MAX];
	int			 saw_asa;
};

static void
sa_init(struct isakmp_sa *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->conn_id = -1;
	sa->slot = -1;
	sa->deleted = 0;
	asa_ike_sa_init(&sa->asa_sa);
}

static enum isakmp_family
addr_family(const char *addr)
{
	if (addr[0] == '\0')
		return ISAKMP_FAMILY_UNKNOWN;
	return strchr(addr, ':') != NULL ? ISAKMP_FAMILY_IPV6 :
	    ISAKMP_FAMILY_IPV4;
}

static struct isakmp_sa *
sa_push(struct isakmp_sa_list *l, const struct isakmp_sa *sa)
{
	if (l->count == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->sas = xreallocarray(l->sas, l->cap, sizeof(*l->sas));
	}
	l->sas[l->count] = *sa;
	l->sas[l->count].family = addr_family(sa->dst);
	return &l->sas[l->count++];
}

static int
tok_is_deleted(const struct tok *t)
{
	return tok_ieq(t, "(deleted)") || tok_ieq(t, "deleted");
}

/* A state or status word: letters, digits and "_" / "-", no other signs. */
static int
tok_is_word(const struct tok *t)
{
	size_t	 i;

	if (t->len == 0)
		return 0;
	for (i = 0; i < t->len; i++) {
		char c = t->s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

/* "IPv4 Crypto ISAKMP SA", "IPv6 Crypto ISAKMP SA" */
static int
banner_line(const struct toks *tk)
{
	return tk->n == 4 && (tok_is(&tk->t[0], "IPv4") ||
	    tok_is(&tk->t[0], "IPv6")) && tok_is(&tk->t[1], "Crypto") &&
	    tok_is(&tk->t[2], "ISAKMP") && tok_is(&tk->t[3], "SA");
}

/* "dst src state conn-id [slot] status", PIX: "dst src state pending created" */
static int
header_line(struct sa_parse *sp, const struct toks *tk)
{
	size_t	 i = 0, k;

	if (tk->n >= 1 && !tok_is(&tk->t[0], "dst"))
		i = 1;		/* "f_vrf/i_vrf dst src ..." */
	if (tk->n < i + 4 || !tok_is(&tk->t[i], "dst") ||
	    !tok_is(&tk->t[i + 1], "src") || !tok_is(&tk->t[i + 2], "state"))
		return 0;
	sp->pix_table = 0;
	sp->no_status_col = 1;
	for (k = i + 3; k < tk->n; k++) {
		if (tok_is(&tk->t[k], "pending"))
			sp->pix_table = 1;
		if (tok_is(&tk->t[k], "status"))
			sp->no_status_col = 0;
	}
	return 1;
}

/* PIX 6: "Total     : 1", "Embryonic : 0" */
static int
pix_count_line(const struct toks *tk)
{
	uint64_t	 n;

	return tk->n == 3 && (tok_is(&tk->t[0], "Total") ||
	    tok_is(&tk->t[0], "Embryonic")) && tok_is(&tk->t[1], ":") &&
	    tok_u64(&tk->t[2], &n);
}

/* Status words after conn-id [slot]: "ACTIVE", "ACTIVE (deleted)", "STDBY". */
static int
row_status(struct isakmp_sa *sa, const struct toks *tk, size_t j)
{
	if (j >= tk->n || !tok_is_word(&tk->t[j]))
		return 0;
	tok_copy(&tk->t[j], sa->status, sizeof(sa->status));
	for (j++; j < tk->n; j++) {
		if (!tok_is_deleted(&tk->t[j]))
			return 0;
		sa->deleted = 1;
	}
	return 1;
}

/* "fvrf/ivrf", "/ivrf", "fvrf/", "/" (global): the row's VRFs. */
static void
vrf_split(const struct tok *t, struct isakmp_sa *sa)
{
	const char	*slash = memchr(t->s, '/', t->len);
	struct tok	 f, v;

	f.s = t->s;
	f.len = (size_t)(slash - t->s);
	v.s = slash + 1;
	v.len = t->len - f.len - 1;
	tok_copy(&f, sa->fvrf, sizeof(sa->fvrf));
	tok_copy(&v, sa->ivrf, sizeof(sa->ivrf));
}

/* "100.0.10.2  100.12.82.2  MM_NO_STATE  29188 [0] ACTIVE (deleted)" */
static int
ios_row(struct sa_parse *sp, const struct toks *tk)
{
	struct isakmp_sa	 sa;
	struct tok		 state;
	uint64_t		 v;
	size_t			 i = 0, j;

	sa_init(&sa);
	if (tk->n > 3 && memchr(tk->t[0].s, '/', tk->t[0].len) != NULL &&
	    !tok_ip(&tk->t[0], sa.dst, sizeof(sa.dst))) {
		vrf_split(&tk->t[0], &sa);
		i = 1;
	}
	if (tk->n < i + 5 || !tok_ip(&tk->t[i], sa.dst, sizeof(sa.dst)) ||
	    !tok_ip(&tk->t[i + 1], sa.src, sizeof(sa.src)) ||
	    !tok_u64(&tk->t[i + 3], &v) || v > INT64_MAX)
		return 0;
	state = tk->t[i + 2];
	if (state.len > 9 && tok_ieq(&(struct tok){ state.s + state.len - 9,
	    9 }, "(deleted)")) {
		state.len -= 9;
		sa.deleted = 1;
	}
	if (!tok_is_word(&state))
		return 0;
	tok_copy(&state, sa.state, sizeof(sa.state));
	j = i + 4;
	if (sp->pix_table) {
		/* pending, created: no conn-id, no status */
		if (tk->n != i + 5 || !tok_u64(&tk->t[j], &v))
			return 0;
		sa.deleted = TRI_UNKNOWN;
	} else {
		sa.conn_id = (int64_t)v;
		if (tok_u64(&tk->t[j], &v) && v <= INT64_MAX) {
			sa.slot = (int64_t)v;
			j++;
		}
		/* VRF-aware IOS 12.x: "f_vrf/i_vrf dst src state conn-id slot" */
		if (!(j == tk->n && sp->no_status_col) &&
		    !row_status(&sa, tk, j))
			return 0;
	}
	sa_push(sp->list, &sa);
	return 1;
}

/* The lines of an IPv6 block that never got its "state:" line. */
static void
v6_abandon(struct sa_parse *sp, struct probe_result *res)
{
	if (!sp->v6_open)
		return;
	res->recognised -= sp->v6_lines;
	res->unparsed += sp->v6_lines;
	sp->v6_open = 0;
	sp->v6_lines = 0;
}

/* "dst: 2001:470:C814:7006::1" then "src: ..." */
static int
v6_addr_line(struct sa_parse *sp, const struct toks *tk,
    struct probe_result *res)
{
	int	 is_dst = tok_is(&tk->t[0], "dst:");

	if (tk->n != 2 || (!is_dst && !tok_is(&tk->t[0], "src:")))
		return 0;
	if (is_dst) {
		v6_abandon(sp, res);
		if (!tok_ip(&tk->t[1], sp->v6_dst, sizeof(sp->v6_dst)))
			return 0;
		sp->v6_open = 1;
		sp->v6_src[0] = '\0';
	} else {
		if (!sp->v6_open || sp->v6_src[0] != '\0' ||
		    !tok_ip(&tk->t[1], sp->v6_src, sizeof(sp->v6_src)))
			return 0;
	}
	sp->v6_lines++;
	return 1;
}

/* "state: QM_IDLE  conn-id: 1002 [slot: 0] status: ACTIVE [(deleted)]" */
static int
v6_state_line(struct sa_parse *sp, const struct toks *tk)
{
	struct isakmp_sa	 sa;
	uint64_t		 v;
	size_t			 i;

	if (tk->n < 2 || !tok_is(&tk->t[0], "state:") || !sp->v6_open ||
	    sp->v6_src[0] == '\0')
		return 0;
	sa_init(&sa);
	for (i = 0; i + 1 < tk->n; i += 2) {
		const struct tok *k = &tk->t[i], *val = &tk->t[i + 1];
		if (tok_is(k, "state:") && tok_is_word(val))
			tok_copy(val, sa.state, sizeof(sa.state));
		else if (tok_is(k, "conn-id:") && tok_u64(val, &v) &&
		    v <= INT64_MAX)
			sa.conn_id = (int64_t)v;
		else if (tok_is(k, "slot:") && tok_u64(val, &v) &&
		    v <= INT64_MAX)
			sa.slot = (int64_t)v;
		else if (tok_is(k, "status:") && tok_is_word(val)) {
			tok_copy(val, sa.status, sizeof(sa.status));
			if (i + 2 < tk->n && tok_is_deleted(&tk->t[i + 2])) {
				sa.deleted = 1;
				i++;
			}
		} else
			return 0;
	}
	if (i != tk->n || sa.state[0] == '\0')
		return 0;
	memcpy(sa.dst, sp->v6_dst, sizeof(sa.dst));
	memcpy(sa.src, sp->v6_src, sizeof(sa.src));
	sa_push(sp->list, &sa);
	sp->v6_open = 0;
	sp->v6_lines = 0;
	return 1;
}

static void
asa_to_sa(struct isakmp_sa *sa, const struct asa_ike_sa *a)
{
	sa->asa = 1;
	sa->asa_sa = *a;
	sa->deleted = TRI_UNKNOWN;
	memcpy(sa->dst, a->peer, sizeof(sa->dst));
	snprintf(sa->state, sizeof(sa->state), "%s", a->state);
}

static int
asa_line(struct sa_parse *sp, const struct toks *tk)
{
	struct asa_ike_sa	 a;
	struct isakmp_sa	 sa;
	int			 block;

	if (asa_summary_line(tk) || asa_legacy_header(tk)) {
		sp->asa_cur = -1;
		return 1;
	}
	block = asa_peer_line(tk, &a);
	if (block || asa_legacy_row(tk, &a)) {
		sa_init(&sa);
		asa_to_sa(&sa, &a);
		sa_push(sp->list, &sa);
		/* Only a block takes "Label : value" lines after it. */
		sp->asa_cur = block ? (long)sp->list->count - 1 : -1;
		return 1;
	}
	if (sp->asa_cur >= 0) {
		struct isakmp_sa *cur = &sp->list->sas[sp->asa_cur];
		if (asa_attr_line(tk, &cur->asa_sa)) {
			asa_to_sa(cur, &cur->asa_sa);
			return 1;
		}
	}
	return 0;
}

static int
parse_line(struct sa_parse *sp, const struct toks *tk,
    struct probe_result *res)
{
	if (tk->n == 0)
		return 0;
	if (banner_line(tk))
		return 1;
	if (header_line(sp, tk) || pix_count_line(tk)) {
		/* only the PIX prints "Total : N" and "pending created" */
		sp->saw_asa |= sp->pix_table || tok_is(&tk->t[0], "Total") ||
		    tok_is(&tk->t[0], "Embryonic");
		return 1;
	}
	if (v6_addr_line(sp, tk, res) || v6_state_line(sp, tk))
		return 1;
	if (asa_line(sp, tk)) {
		sp->saw_asa = 1;
		return 1;
	}
	return ios_row(sp, tk);
}

static int
isakmp_sa_parse(const struct probe_input *in, struct probe_result *res)
{
	struct isakmp_sa_list	*list = xcalloc(1, sizeof(*list));
	struct sa_parse		 sp;
	struct line_iter	 it;
	struct line		 l;
	struct toks		 tk;

	memset(&sp, 0, sizeof(sp));
	sp.list = list;
	sp.asa_cur = -1;
	res->records = list;
	line_iter_init(&it, in->text, in->len);
	while (line_next(&it, &l)) {
		if (line_is_noise(&l))
			continue;
		toks_line(&tk, &l);
		if (parse_line(&sp, &tk, res))
			res->recognised++;
		else {
			res->unparsed++;
			/* an unknown line ends an ASA block: no guessing */
			sp.asa_cur = -1;
		}
	}
	v6_abandon(&sp, res);
	if (sp.saw_asa && in->platform == PLATFORM_AUTO)
		res->platform = PLATFORM_ASA;
	return 0;
}

static const char *
family_name(enum isakmp_family f)
{
	switch (f) {
	case ISAKMP_FAMILY_IPV4:
		return "ipv4";
	case ISAKMP_FAMILY_IPV6:
		return "ipv6";
	default:
		return NULL;
	}
}

static cJSON *
sa_json(const struct isakmp_sa *sa)
{
	cJSON	*o = cJSON_CreateObject();

	probe_json_str(o, "family", family_name(sa->family));
	probe_json_str(o, "dst", sa->dst);
	probe_json_str(o, "src", sa->src);
	phase1_to_json(sa->state, o);
	json_add_i64_or_null(o, "conn_id", sa->conn_id);
	json_add_i64_or_null(o, "slot", sa->slot);
	probe_json_str(o, "status", sa->status);
	json_add_tri(o, "deleted", sa->deleted);
	/* vrf: the inside VRF, else the front-door one */
	probe_json_str(o, "vrf", sa->ivrf[0] ? sa->ivrf : sa->fvrf);
	probe_json_str(o, "fvrf", sa->fvrf);
	probe_json_str(o, "ivrf", sa->ivrf);
	probe_json_str(o, "peer", sa->asa ? sa->asa_sa.peer : NULL);
	json_add_i64_or_null(o, "index", sa->asa_sa.index);
	probe_json_str(o, "type", sa->asa_sa.type);
	probe_json_str(o, "role", sa->asa_sa.role);
	json_add_tri(o, "rekey", sa->asa_sa.rekey);
	return o;
}

static void
isakmp_sa_to_json(const void *records, cJSON *obj)
{
	const struct isakmp_sa_list	*l = records;
	cJSON				*arr = cJSON_AddArrayToObject(obj, "sas");
	size_t				 i;

	for (i = 0; i < l->count; i++)
		cJSON_AddItemToArray(arr, sa_json(&l->sas[i]));
}

static void
isakmp_sa_free(void *records)
{
	struct isakmp_sa_list	*l = records;

	if (l == NULL)
		return;
	free(l->sas);
	free(l);
}

const struct probe probe_isakmp_sa = {
	.name = "isakmp_sa",
	.command = "show crypto isakmp sa",
	.command_asa = NULL,
	.polled = 1,
	.parse = isakmp_sa_parse,
	.to_json = isakmp_sa_to_json,
	.free_records = isakmp_sa_free,
};

/*
 * isakmp_sa_detail.c: "show crypto isakmp sa detail" on IOS, IOS-XE, ASA.
 *
 * The IOS row is "C-id Local Remote [I-VRF] [Status] Encr Hash Auth DH
 * Lifetime [Cap.]": I-VRF and Cap. are usually blank, so the row is read
 * from its anchors (the two addresses, the hh:mm:ss lifetime), never from
 * columns. The ASA prints the blocks of "show crypto isakmp sa" with
 * Encrypt/Hash/Auth/Lifetime pairs, or the PIX/ASA 8.0 one-line table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isakmp_sa_detail.h"
#include "phase1.h"
#include "probe.h"
#include "text.h"
#include "util.h"

struct detail_parse {
	struct isakmp_sa_detail_list	*list;
	long				 ios_cur;	/* row awaiting its Engine-id line */
	long				 asa_cur;	/* open ASA block */
	int				 saw_asa;
};

static void
detail_init(struct isakmp_sa_detail *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->conn_id = -1;
	sa->deleted = 0;
	sa->key_bits = -1;
	sa->dh_group = -1;
	sa->lifetime_s = -1;
	sa->lifetime_remaining_s = -1;
	sa->dpd = sa->natt = sa->keepalive = TRI_UNKNOWN;
	sa->xauth = sa->config_mode = sa->ctcp = TRI_UNKNOWN;
	sa->engine_conn_id = -1;
	asa_ike_sa_init(&sa->asa_sa);
}

static long
detail_push(struct isakmp_sa_detail_list *l, const struct isakmp_sa_detail *sa)
{
	if (l->count == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->sas = xreallocarray(l->sas, l->cap, sizeof(*l->sas));
	}
	l->sas[l->count] = *sa;
	return (long)l->count++;
}

/* "23:47:45": hours may exceed two digits on long lifetimes. */
static int
tok_hms(const struct tok *t, int64_t *secs)
{
	uint64_t	 part[3];
	size_t		 i = 0, k, start;

	for (k = 0; k < 3; k++) {
		struct tok p;
		start = i;
		while (i < t->len && t->s[i] != ':')
			i++;
		p.s = t->s + start;
		p.len = i - start;
		if (p.len == 0 || p.len > 6 || !tok_u64(&p, &part[k]))
			return 0;
		if (k < 2 && (i >= t->len || t->s[i] != ':'))
			return 0;
		i++;
	}
	if (i <= t->len || part[1] > 59 || part[2] > 59)
		return 0;
	*secs = (int64_t)(part[0] * 3600 + part[1] * 60 + part[2]);
	return 1;
}

/* Cap. letters (the Codes legend): C D K N T X, and newer F R U S. */
static int
caps_set(struct isakmp_sa_detail *sa, const struct tok *t)
{
	size_t	 i;

	sa->dpd = sa->natt = sa->keepalive = 0;
	sa->xauth = sa->config_mode = sa->ctcp = 0;
	sa->has_capabilities = 1;
	if (t == NULL)
		return 1;
	if (t->len >= sizeof(sa->capabilities))
		return 0;
	for (i = 0; i < t->len; i++)
		switch (t->s[i]) {
		case 'C': sa->config_mode = 1; break;
		case 'D': sa->dpd = 1; break;
		case 'K': sa->keepalive = 1; break;
		case 'N': sa->natt = 1; break;
		case 'T': sa->ctcp = 1; break;
		case 'X': sa->xauth = 1; break;
		case 'F': case 'R': case 'U': case 'S': break;
		default: return 0;
		}
	tok_copy(t, sa->capabilities, sizeof(sa->capabilities));
	return 1;
}

static int
is_status_word(const struct tok *t)
{
	return tok_is(t, "ACTIVE") || tok_is(t, "STDBY") ||
	    tok_is(t, "STANDBY") || tok_is(t, "INACTIVE");
}

/* The tokens between Remote and Encr: [I-VRF] [Status [(deleted)]]. */
static int
middle_set(struct isakmp_sa_detail *sa, const struct toks *tk, size_t from,
    size_t to)
{
	size_t	 m = to - from;

	if (m > 0 && tok_ieq(&tk->t[to - 1], "(deleted)")) {
		sa->deleted = 1;
		to--;
		m--;
		if (m == 0)
			return 0;
	}
	if (m == 0)
		return 1;
	if (m > 2)
		return 0;
	if (m == 2 || !is_status_word(&tk->t[from])) {
		/* an I-VRF first: "RED ACTIVE", or "RED" alone (12.x) */
		tok_copy(&tk->t[from], sa->ivrf, sizeof(sa->ivrf));
		from++;
	}
	if (from < to)
		tok_copy(&tk->t[from], sa->status, sizeof(sa->status));
	return 1;
}

/* The algorithm columns before Lifetime: Encr Hash Auth DH. */
static int
algos_set(struct isakmp_sa_detail *sa, const struct toks *tk, size_t lt)
{
	uint64_t	 dh;

	if (!tok_u64(&tk->t[lt - 1], &dh) || dh > 1000)
		return 0;
	sa->dh_group = (int64_t)dh;
	tok_copy(&tk->t[lt - 4], sa->encryption, sizeof(sa->encryption));
	tok_copy(&tk->t[lt - 3], sa->hash, sizeof(sa->hash));
	tok_copy(&tk->t[lt - 2], sa->auth, sizeof(sa->auth));
	sa->key_bits = cipher_key_bits(sa->encryption);
	return 1;
}

/* "1013  2.2.2.2  1.1.1.1  [RED]  ACTIVE aes sha384 psk 14 23:47:45 [N]" */
static int
ios_row(struct detail_parse *dp, const struct toks *tk)
{
	struct isakmp_sa_detail	 sa;
	uint64_t		 cid;
	size_t			 a, lt;
	struct tok		 vrf;

	detail_init(&sa);
	for (a = 1; a <= 2 && a + 1 < tk->n; a++)
		if (tok_ip(&tk->t[a], sa.local, sizeof(sa.local)) &&
		    tok_ip(&tk->t[a + 1], sa.remote, sizeof(sa.remote)))
			break;
	if (a > 2 || a + 1 >= tk->n || !tok_u64(&tk->t[a - 1], &cid) ||
	    cid > INT64_MAX)
		return 0;
	sa.conn_id = (int64_t)cid;
	if (a == 2) {
		/* 12.x "f_vrf/i_vrf Conn-id Local Remote ...": "/", "/RED" */
		const char *slash = memchr(tk->t[0].s, '/', tk->t[0].len);
		if (slash == NULL)
			return 0;
		vrf.s = tk->t[0].s;
		vrf.len = (size_t)(slash - vrf.s);
		tok_copy(&vrf, sa.fvrf, sizeof(sa.fvrf));
		vrf.s = slash + 1;
		vrf.len = tk->t[0].len - vrf.len - 1;
		tok_copy(&vrf, sa.ivrf, sizeof(sa.ivrf));
	}
	for (lt = a + 6; lt < tk->n; lt++)
		if (tok_hms(&tk->t[lt], &sa.lifetime_remaining_s))
			break;
	if (lt >= tk->n || tk->n > lt + 2 ||
	    !middle_set(&sa, tk, a + 2, lt - 4) || !algos_set(&sa, tk, lt) ||
	    !caps_set(&sa, lt + 1 < tk->n ? &tk->t[lt + 1] : NULL))
		return 0;
	dp->ios_cur = detail_push(dp->list, &sa);
	return 1;
}

/* "Engine-id:Conn-id =  SW:13" after its row; "????" tells nothing. */
static int
engine_line(struct detail_parse *dp, const struct toks *tk)
{
	struct isakmp_sa_detail	*sa;
	const struct tok	*v;
	const char		*colon;
	struct tok		 id, num;
	uint64_t		 n;

	if (tk->n != 3 || !tok_is(&tk->t[0], "Engine-id:Conn-id") ||
	    !tok_is(&tk->t[1], "=") || dp->ios_cur < 0)
		return 0;
	sa = &dp->list->sas[dp->ios_cur];
	dp->ios_cur = -1;
	v = &tk->t[2];
	colon = memchr(v->s, ':', v->len);
	if (colon == NULL)
		return 1;
	id.s = v->s;
	id.len = (size_t)(colon - v->s);
	num.s = colon + 1;
	num.len = v->len - id.len - 1;
	if (id.len == 0 || !tok_u64(&num, &n) || n > INT64_MAX)
		return 0;
	tok_copy(&id, sa->engine_id, sizeof(sa->engine_id));
	sa->engine_conn_id = (int64_t)n;
	return 1;
}

/* "Codes: C - IKE configuration mode, ..." and its continuation lines */
static int
legend_line(const struct toks *tk)
{
	if (tk->n >= 4 && tok_is(&tk->t[0], "Codes:") && tok_is(&tk->t[2], "-"))
		return 1;
	return tk->n >= 3 && tk->t[0].len <= 4 && tok_is(&tk->t[1], "-");
}

static int
banner_or_header(const struct toks *tk)
{
	size_t	 i;
	int	 local = 0, remote = 0;

	if (tk->n == 4 && (tok_is(&tk->t[0], "IPv4") ||
	    tok_is(&tk->t[0], "IPv6")) && tok_is(&tk->t[1], "Crypto") &&
	    tok_is(&tk->t[2], "ISAKMP") && tok_is(&tk->t[3], "SA"))
		return 1;
	/* "C-id  Local  Remote  I-VRF  Status Encr ..." */
	for (i = 0; i < tk->n; i++) {
		local |= tok_is(&tk->t[i], "Local");
		remote |= tok_is(&tk->t[i], "Remote");
	}
	return local && remote && tk->n >= 6 && (tok_is(&tk->t[0], "C-id") ||
	    tok_is(&tk->t[0], "f_vrf/i_vrf") || tok_is(&tk->t[0], "Conn-id"));
}

static void
asa_to_detail(struct isakmp_sa_detail *sa, const struct asa_ike_sa *a)
{
	sa->asa = 1;
	sa->asa_sa = *a;
	sa->deleted = TRI_UNKNOWN;
	memcpy(sa->remote, a->peer, sizeof(sa->remote));
	memcpy(sa->state, a->state, sizeof(sa->state));
	memcpy(sa->encryption, a->encryption, sizeof(sa->encryption));
	memcpy(sa->hash, a->hash, sizeof(sa->hash));
	memcpy(sa->auth, a->auth, sizeof(sa->auth));
	sa->key_bits = cipher_key_bits(sa->encryption);
	sa->lifetime_s = a->lifetime_s;
	sa->lifetime_remaining_s = a->lifetime_remaining_s;
}

static int
asa_line(struct detail_parse *dp, const struct toks *tk)
{
	struct asa_ike_sa	 a;
	struct isakmp_sa_detail	 sa;
	int			 block;

	if (asa_summary_line(tk) || asa_legacy_header(tk)) {
		dp->asa_cur = -1;
		return 1;
	}
	block = asa_peer_line(tk, &a);
	if (block || asa_legacy_row(tk, &a)) {
		detail_init(&sa);
		asa_to_detail(&sa, &a);
		dp->asa_cur = detail_push(dp->list, &sa);
		if (!block)
			dp->asa_cur = -1;
		return 1;
	}
	if (dp->asa_cur >= 0) {
		struct isakmp_sa_detail *cur = &dp->list->sas[dp->asa_cur];
		if (asa_attr_line(tk, &cur->asa_sa)) {
			asa_to_detail(cur, &cur->asa_sa);
			return 1;
		}
	}
	return 0;
}

static int
parse_line(struct detail_parse *dp, const struct toks *tk)
{
	if (tk->n == 0)
		return 0;
	if (engine_line(dp, tk))
		return 1;
	dp->ios_cur = -1;
	if (banner_or_header(tk) || legend_line(tk))
		return 1;
	if (asa_line(dp, tk)) {
		dp->saw_asa = 1;
		return 1;
	}
	return ios_row(dp, tk);
}

static int
isakmp_sa_detail_parse(const struct probe_input *in, struct probe_result *res)
{
	struct isakmp_sa_detail_list	*list = xcalloc(1, sizeof(*list));
	struct detail_parse		 dp;
	struct line_iter		 it;
	struct line			 l;
	struct toks			 tk;

	memset(&dp, 0, sizeof(dp));
	dp.list = list;
	dp.ios_cur = dp.asa_cur = -1;
	res->records = list;
	line_iter_init(&it, in->text, in->len);
	while (line_next(&it, &l)) {
		if (line_is_noise(&l))
			continue;
		toks_line(&tk, &l);
		if (parse_line(&dp, &tk))
			res->recognised++;
		else {
			res->unparsed++;
			dp.ios_cur = dp.asa_cur = -1;
		}
	}
	if (dp.saw_asa && in->platform == PLATFORM_AUTO)
		res->platform = PLATFORM_ASA;
	return 0;
}

static const char *
family_of(const char *addr)
{
	if (addr[0] == '\0')
		return NULL;
	return strchr(addr, ':') != NULL ? "ipv6" : "ipv4";
}

static cJSON *
detail_json(const struct isakmp_sa_detail *sa)
{
	cJSON	*o = cJSON_CreateObject();

	probe_json_str(o, "family", family_of(sa->remote));
	json_add_i64_or_null(o, "conn_id", sa->conn_id);
	probe_json_str(o, "local", sa->local);
	probe_json_str(o, "remote", sa->remote);
	probe_json_str(o, "ivrf", sa->ivrf);
	probe_json_str(o, "fvrf", sa->fvrf);
	probe_json_str(o, "status", sa->status);
	json_add_tri(o, "deleted", sa->deleted);
	probe_json_str(o, "encryption", sa->encryption);
	json_add_i64_or_null(o, "key_bits", sa->key_bits);
	probe_json_str(o, "hash", sa->hash);
	probe_json_str(o, "auth", sa->auth);
	json_add_i64_or_null(o, "dh_group", sa->dh_group);
	json_add_i64_or_null(o, "lifetime_s", sa->lifetime_s);
	json_add_i64_or_null(o, "lifetime_remaining_s",
	    sa->lifetime_remaining_s);
	/* a blank Cap. column is "" (no capability), not unknown */
	if (sa->has_capabilities)
		cJSON_AddStringToObject(o, "capabilities", sa->capabilities);
	else
		cJSON_AddNullToObject(o, "capabilities");
	json_add_tri(o, "dpd", sa->dpd);
	json_add_tri(o, "natt", sa->natt);
	json_add_tri(o, "keepalive", sa->keepalive);
	json_add_tri(o, "xauth", sa->xauth);
	json_add_tri(o, "config_mode", sa->config_mode);
	json_add_tri(o, "ctcp", sa->ctcp);
	probe_json_str(o, "engine_id", sa->engine_id);
	json_add_i64_or_null(o, "engine_conn_id", sa->engine_conn_id);
	phase1_to_json(sa->state, o);
	probe_json_str(o, "peer", sa->asa ? sa->asa_sa.peer : NULL);
	json_add_i64_or_null(o, "index", sa->asa_sa.index);
	probe_json_str(o, "type", sa->asa_sa.type);
	probe_json_str(o, "role", sa->asa_sa.role);
	json_add_tri(o, "rekey", sa->asa_sa.rekey);
	return o;
}

static void
isakmp_sa_detail_to_json(const void *records, cJSON *obj)
{
	const struct isakmp_sa_detail_list	*l = records;
	cJSON					*arr;
	size_t					 i;

	arr = cJSON_AddArrayToObject(obj, "sas");
	for (i = 0; i < l->count; i++)
		cJSON_AddItemToArray(arr, detail_json(&l->sas[i]));
}

static void
isakmp_sa_detail_free(void *records)
{
	struct isakmp_sa_detail_list	*l = records;

	if (l == NULL)
		return;
	free(l->sas);
	free(l);
}

const struct probe probe_isakmp_sa_detail = {
	.name = "isakmp_sa_detail",
	.command = "show crypto isakmp sa detail",
	.command_asa = NULL,
	.polled = 1,
	.parse = isakmp_sa_detail_parse,
	.to_json = isakmp_sa_detail_to_json,
	.free_records = isakmp_sa_detail_free,
};

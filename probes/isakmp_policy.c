/*
 * isakmp_policy.c: parser for the IKEv1 policies.
 *
 * IOS / IOS-XE "show crypto isakmp policy" prints one "Protection suite
 * of priority N" block per policy (and "Default protection suite [of
 * priority N]" blocks) with "label: text" lines in words ("Secure Hash
 * Standard 2 (256 bit)"); the words are mapped to the configuration
 * keywords. The ASA has no such command: its "show running-config crypto
 * ikev1" prints "crypto ikev1 policy N" and keyword sub-lines, which are
 * read as they are (so is an IOS "crypto isakmp policy N" paste).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "isakmp_policy.h"
#include "text.h"
#include "util.h"

#define NO_POLICY	((size_t)-1)

struct policy_parse {
	struct isakmp_policy_list	*list;
	size_t				 cur;
	size_t				 cap;	/* room in list->policies */
	int				 seen_asa;
};

static struct isakmp_policy *
cur_policy(struct policy_parse *st)
{
	return st->cur == NO_POLICY ? NULL : &st->list->policies[st->cur];
}

static struct isakmp_policy *
policy_add(struct policy_parse *st)
{
	struct isakmp_policy_list	*l = st->list;
	struct isakmp_policy		*p;

	/* Doubling: a long output must not cost a copy per policy. */
	if (l->npolicies == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 8;
		l->policies = xreallocarray(l->policies, st->cap,
		    sizeof(*l->policies));
	}
	p = &l->policies[l->npolicies];
	memset(p, 0, sizeof(*p));
	p->priority = p->default_priority = p->key_bits = -1;
	p->dh_group = p->lifetime_s = -1;
	st->cur = l->npolicies++;
	return p;
}

static void
strlist_add(char ***list, size_t *n, const char *s, size_t len)
{
	*list = xreallocarray(*list, *n + 1, sizeof(**list));
	(*list)[(*n)++] = xstrndup(s, len);
}

static int
tok_i64_nonneg(const struct tok *t, int64_t *v)
{
	uint64_t	 u;

	if (!tok_u64(t, &u) || u > (uint64_t)INT64_MAX)
		return 0;
	*v = (int64_t)u;
	return 1;
}

/* Does the line contain word, case-insensitive? */
static int
has_word(const struct line *t, const char *word)
{
	return text_find_ci(t->s, t->len, word) != NULL;
}

/* "(256 bit keys)", "(1024 bit)": the number before " bit". */
static int64_t
bits_in_parens(const struct toks *tk)
{
	struct tok	 n;
	int64_t		 v;
	size_t		 i;

	for (i = 0; i + 1 < tk->n; i++) {
		/* "bit", "bit)", "bit)." */
		if (tk->t[i].len < 2 || tk->t[i].s[0] != '(' ||
		    tk->t[i + 1].len < 3 ||
		    strncasecmp(tk->t[i + 1].s, "bit", 3) != 0)
			continue;
		n.s = tk->t[i].s + 1;
		n.len = tk->t[i].len - 1;
		if (tok_i64_nonneg(&n, &v))
			return v;
	}
	return -1;
}

/*
 * The tokens after "word1 word2:" (or "word1 word2 :"), or 0 when the
 * line is not that label. Words, not columns: any blanks between them.
 */
static int
label_rest(const struct toks *tk, const char *w1, const char *w2,
    struct toks *rest)
{
	size_t		 nwords = w2 != NULL ? 2 : 1, i;
	struct tok	 last;

	if (tk->n < nwords)
		return 0;
	last = tok_strip(&tk->t[nwords - 1], ":");
	if (nwords == 2 && !tok_ieq(&tk->t[0], w1))
		return 0;
	if (!tok_ieq(&last, nwords == 2 ? w2 : w1))
		return 0;
	rest->n = 0;
	for (i = nwords; i < tk->n; i++) {
		if (i == nwords && tk->t[i].len == 1 && tk->t[i].s[0] == ':')
			continue;	/* "label : value" */
		rest->t[rest->n++] = tk->t[i];
	}
	return 1;
}

/* "AES - Advanced Encryption Standard (256 bit keys).", "Three key triple DES" */
static int
ios_encryption(struct isakmp_policy *p, const struct line *t,
    const struct toks *v)
{
	if (v->n == 0)
		return 0;
	if (tok_ieq(&v->t[0], "AES")) {
		snprintf(p->encryption, sizeof(p->encryption), "aes");
		p->key_bits = bits_in_parens(v);
	} else if (has_word(t, "triple DES") || tok_ieq(&v->t[0], "3DES")) {
		snprintf(p->encryption, sizeof(p->encryption), "3des");
		p->key_bits = 168;
	} else if (tok_ieq(&v->t[0], "DES")) {
		snprintf(p->encryption, sizeof(p->encryption), "des");
		p->key_bits = 56;
	} else
		return 0;
	return 1;
}

/* "Secure Hash Standard 2 (256 bit)", "Secure Hash Standard", "Message Digest 5" */
static int
ios_hash(struct isakmp_policy *p, const struct line *t, const struct toks *v)
{
	int64_t	 bits;

	if (has_word(t, "Message Digest 5")) {
		snprintf(p->hash, sizeof(p->hash), "md5");
		return 1;
	}
	if (!has_word(t, "Secure Hash Standard"))
		return 0;
	bits = bits_in_parens(v);
	if (bits == 256 || bits == 384 || bits == 512)
		snprintf(p->hash, sizeof(p->hash), "sha%d", (int)bits);
	else if (bits == -1 && !has_word(t, "Standard 2"))
		snprintf(p->hash, sizeof(p->hash), "sha");
	else
		return 0;
	return 1;
}

/* "Pre-Shared Key", "Rivest-Shamir-Adleman Signature", "RSA Encryption" ... */
static int
ios_auth(struct isakmp_policy *p, const struct line *t)
{
	const char	*a;

	if (has_word(t, "Pre-Shared"))
		a = "psk";
	else if (has_word(t, "ECDSA"))
		a = "ecdsa-sig";
	else if ((has_word(t, "Rivest-Shamir-Adleman") || has_word(t, "RSA"))
	    && has_word(t, "Signature"))
		a = "rsa-sig";
	else if ((has_word(t, "Rivest-Shamir-Adleman") || has_word(t, "RSA"))
	    && (has_word(t, "Encryption") || has_word(t, "Encrypted")))
		a = "rsa-encr";
	else
		return 0;
	snprintf(p->auth, sizeof(p->auth), "%s", a);
	return 1;
}

/* "#14 (2048 bit)" */
static int
ios_group(struct isakmp_policy *p, const struct toks *v)
{
	struct tok	 g;

	if (v->n == 0 || v->t[0].len < 2 || v->t[0].s[0] != '#')
		return 0;
	g.s = v->t[0].s + 1;
	g.len = v->t[0].len - 1;
	return tok_i64_nonneg(&g, &p->dh_group);
}

/* "86400 seconds, no volume limit" */
static int
ios_lifetime(struct isakmp_policy *p, const struct toks *v)
{
	return v->n >= 2 && tok_ieq(&v->t[1], "seconds,") ?
	    tok_i64_nonneg(&v->t[0], &p->lifetime_s) :
	    v->n >= 1 && tok_i64_nonneg(&v->t[0], &p->lifetime_s);
}

/* "Protection suite of priority 10", "Default protection suite [of priority N]" */
static int
ios_suite(struct policy_parse *st, const struct toks *tk)
{
	struct isakmp_policy	*p;
	int64_t			 prio;
	size_t			 at;
	int			 dflt = 0;

	at = 0;
	if (tk->n >= 1 && tok_ieq(&tk->t[0], "Default")) {
		dflt = 1;
		at = 1;
	}
	if (tk->n < at + 2 || !tok_ieq(&tk->t[at], "protection") ||
	    !tok_ieq(&tk->t[at + 1], "suite"))
		return 0;
	at += 2;
	if (tk->n == at && dflt) {
		p = policy_add(st);
		p->is_default = 1;
		return 1;
	}
	if (tk->n != at + 3 || !tok_ieq(&tk->t[at], "of") ||
	    !tok_ieq(&tk->t[at + 1], "priority") ||
	    !tok_i64_nonneg(&tk->t[at + 2], &prio))
		return 0;
	p = policy_add(st);
	p->is_default = dflt;
	if (dflt)
		p->default_priority = prio;
	else
		p->priority = prio;
	return 1;
}

static int
ios_detail(struct isakmp_policy *p, const struct line *t,
    const struct toks *tk)
{
	struct toks	 v;

	if (label_rest(tk, "encryption", "algorithm", &v))
		return ios_encryption(p, t, &v);
	if (label_rest(tk, "hash", "algorithm", &v))
		return ios_hash(p, t, &v);
	if (label_rest(tk, "authentication", "method", &v))
		return ios_auth(p, t);
	if (label_rest(tk, "Diffie-Hellman", "group", &v))
		return ios_group(p, &v);
	if (label_rest(tk, "lifetime", NULL, &v))
		return ios_lifetime(p, &v);
	return 0;
}

/* "aes-256", "aes", "3des", "des"; IOS config "aes 256". */
static int
conf_encryption(struct isakmp_policy *p, const struct toks *tk)
{
	const struct tok	*e = &tk->t[1];
	int64_t			 bits = -1;

	if (tk->n == 3 && !tok_i64_nonneg(&tk->t[2], &bits))
		return 0;
	if (tk->n > 3)
		return 0;
	if (tok_ieq(e, "des")) {
		snprintf(p->encryption, sizeof(p->encryption), "des");
		p->key_bits = 56;
	} else if (tok_ieq(e, "3des")) {
		snprintf(p->encryption, sizeof(p->encryption), "3des");
		p->key_bits = 168;
	} else if (tok_ieq(e, "aes")) {
		/* A bare "aes" is AES-128 on both IOS and the ASA. */
		snprintf(p->encryption, sizeof(p->encryption), "aes");
		p->key_bits = bits >= 0 ? bits : 128;
	} else if (tok_ieq(e, "aes-192") || tok_ieq(e, "aes-256")) {
		snprintf(p->encryption, sizeof(p->encryption), "aes");
		p->key_bits = e->s[5] == '9' ? 192 : 256;
	} else
		return 0;
	return 1;
}

static int
conf_hash(struct isakmp_policy *p, const struct tok *h)
{
	static const char *const known[] = { "md5", "sha", "sha256",
	    "sha384", "sha512" };
	size_t	 i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (tok_ieq(h, known[i])) {
			snprintf(p->hash, sizeof(p->hash), "%s", known[i]);
			return 1;
		}
	return 0;
}

static int
conf_auth(struct isakmp_policy *p, const struct tok *a)
{
	static const char *const known[][2] = {
		{ "pre-share", "psk" }, { "rsa-sig", "rsa-sig" },
		{ "rsa-encr", "rsa-encr" }, { "ecdsa-sig", "ecdsa-sig" },
		{ "crack", "crack" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (tok_ieq(a, known[i][0])) {
			snprintf(p->auth, sizeof(p->auth), "%s", known[i][1]);
			return 1;
		}
	return 0;
}

/* A sub-line of "crypto ikev1 policy N": " encryption aes-256" ... */
static int
conf_detail(struct isakmp_policy *p, const struct toks *tk)
{
	if (tk->n < 2)
		return 0;
	if (tok_ieq(&tk->t[0], "encryption") || tok_ieq(&tk->t[0], "encr"))
		return conf_encryption(p, tk);
	if (tk->n != 2)
		return 0;
	if (tok_ieq(&tk->t[0], "hash"))
		return conf_hash(p, &tk->t[1]);
	if (tok_ieq(&tk->t[0], "authentication"))
		return conf_auth(p, &tk->t[1]);
	if (tok_ieq(&tk->t[0], "group"))
		return tok_i64_nonneg(&tk->t[1], &p->dh_group);
	if (tok_ieq(&tk->t[0], "lifetime")) {
		if (tok_ieq(&tk->t[1], "none")) {
			p->no_lifetime = 1;
			return 1;
		}
		return tok_i64_nonneg(&tk->t[1], &p->lifetime_s);
	}
	return 0;
}

/* "crypto ikev1 policy 10", "crypto ikev1 enable outside", ... */
static int
conf_crypto(struct policy_parse *st, const struct line *t,
    const struct toks *tk)
{
	struct isakmp_policy	*p;
	int64_t			 prio;

	if (tk->n < 3 || !tok_ieq(&tk->t[0], "crypto") ||
	    (!tok_ieq(&tk->t[1], "ikev1") && !tok_ieq(&tk->t[1], "isakmp")))
		return 0;
	st->cur = NO_POLICY;
	if (tok_ieq(&tk->t[1], "ikev1"))
		st->seen_asa = 1;
	if (tok_ieq(&tk->t[2], "policy")) {
		if (tk->n != 4 || !tok_i64_nonneg(&tk->t[3], &prio))
			return 0;
		p = policy_add(st);
		p->priority = prio;
		return 1;
	}
	if (tok_ieq(&tk->t[2], "enable") && tk->n == 4) {
		strlist_add(&st->list->enabled_interfaces,
		    &st->list->nenabled_interfaces, tk->t[3].s, tk->t[3].len);
		return 1;
	}
	/* Known, kept as text; never a line that could carry a key. */
	if (!has_word(t, "key"))
		strlist_add(&st->list->settings, &st->list->nsettings, t->s,
		    t->len);
	return 1;
}

static int
parse_line(struct policy_parse *st, const struct line *l)
{
	struct line		 t = line_trim(l);
	struct toks		 tk;
	struct isakmp_policy	*p;

	if (toks_line(&tk, &t) == 0)
		return 0;
	if ((tk.n == 3 && (tok_ieq(&tk.t[0], "Global") ||
	    tok_ieq(&tk.t[0], "Default")) && tok_ieq(&tk.t[1], "IKE") &&
	    tok_ieq(&tk.t[2], "policy"))) {
		st->cur = NO_POLICY;
		return 1;
	}
	if (ios_suite(st, &tk))
		return 1;
	if (conf_crypto(st, &t, &tk))
		return 1;
	if ((p = cur_policy(st)) == NULL)
		return 0;
	return ios_detail(p, &t, &tk) || conf_detail(p, &tk);
}

static int
isakmp_policy_parse(const struct probe_input *in, struct probe_result *res)
{
	struct policy_parse	 st;
	struct line_iter	 it;
	struct line		 l;

	memset(&st, 0, sizeof(st));
	st.list = xcalloc(1, sizeof(*st.list));
	st.cur = NO_POLICY;
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
	if (res->platform == PLATFORM_AUTO && st.seen_asa)
		res->platform = PLATFORM_ASA;
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
json_strings(cJSON *o, const char *name, char *const *v, size_t n)
{
	cJSON	*a = cJSON_AddArrayToObject(o, name);
	size_t	 i;

	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
}

static void
isakmp_policy_to_json(const void *records, cJSON *obj)
{
	const struct isakmp_policy_list	*l = records;
	const struct isakmp_policy	*p;
	cJSON				*a, *o;
	size_t				 i;

	a = cJSON_AddArrayToObject(obj, "policies");
	for (i = 0; i < l->npolicies; i++) {
		p = &l->policies[i];
		o = cJSON_CreateObject();
		json_num(o, "priority", p->priority);
		cJSON_AddBoolToObject(o, "default", p->is_default);
		json_num(o, "default_priority", p->default_priority);
		probe_json_str(o, "encryption", p->encryption);
		json_num(o, "key_bits", p->key_bits);
		probe_json_str(o, "hash", p->hash);
		probe_json_str(o, "auth", p->auth);
		json_num(o, "dh_group", p->dh_group);
		json_num(o, "lifetime_s", p->lifetime_s);
		/* "lifetime none" (ASA): known only when a lifetime was read */
		if (p->no_lifetime || p->lifetime_s >= 0)
			cJSON_AddBoolToObject(o, "lifetime_unlimited",
			    p->no_lifetime);
		else
			cJSON_AddNullToObject(o, "lifetime_unlimited");
		cJSON_AddItemToArray(a, o);
	}
	json_strings(obj, "enabled_interfaces", l->enabled_interfaces,
	    l->nenabled_interfaces);
	json_strings(obj, "settings", l->settings, l->nsettings);
}

static void
isakmp_policy_free(void *records)
{
	struct isakmp_policy_list	*l = records;
	size_t				 i;

	if (l == NULL)
		return;
	for (i = 0; i < l->nenabled_interfaces; i++)
		free(l->enabled_interfaces[i]);
	for (i = 0; i < l->nsettings; i++)
		free(l->settings[i]);
	free(l->enabled_interfaces);
	free(l->settings);
	free(l->policies);
	free(l);
}

const struct probe probe_isakmp_policy = {
	.name = "isakmp_policy",
	.command = "show crypto isakmp policy",
	.command_asa = "show running-config crypto ikev1",
	.polled = 1,
	.parse = isakmp_policy_parse,
	.to_json = isakmp_policy_to_json,
	.free_records = isakmp_policy_free,
};

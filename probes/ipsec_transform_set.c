/*
 * ipsec_transform_set.c: parser for the IPsec transform sets.
 *
 * IOS prints "Transform set NAME: { esp-aes 256 esp-sha-hmac  }" (an AH
 * and an ESP group may each get their own "{ ... }", the second on a line
 * of its own) and then "will negotiate = { Tunnel,  },". The ASA's
 * running configuration has one-line "crypto ipsec ikev1 transform-set
 * NAME T1 T2" sets and "crypto ipsec ikev2 ipsec-proposal NAME" blocks of
 * "protocol esp encryption|integrity ..." lines, which offer several
 * algorithms at once: a single esp_encryption is only reported when
 * exactly one is offered.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ipsec_transform_set.h"
#include "text.h"
#include "util.h"

#define NO_SET	((size_t)-1)

struct ts_parse {
	struct transform_set_list	*list;
	size_t				 cur;
	size_t				 cap;	/* room in list->sets */
	int				 seen_asa;
};

/* Cipher names after "esp-" (IOS, ASA IKEv1) or in a proposal (ASA IKEv2). */
static const struct cipher {
	const char	*printed;
	const char	*name;
	int64_t		 bits;		/* the default when none is printed */
} ciphers[] = {
	{ "des", "des", 56 }, { "3des", "3des", 168 },
	{ "aes", "aes", 128 }, { "aes-128", "aes", 128 },
	{ "aes-192", "aes", 192 }, { "aes-256", "aes", 256 },
	{ "192-aes", "aes", 192 }, { "256-aes", "aes", 256 },
	{ "gcm", "aes-gcm", 128 }, { "aes-gcm", "aes-gcm", 128 },
	{ "aes-gcm-192", "aes-gcm", 192 }, { "aes-gcm-256", "aes-gcm", 256 },
	{ "gmac", "aes-gmac", 128 }, { "aes-gmac", "aes-gmac", 128 },
	{ "aes-gmac-192", "aes-gmac", 192 },
	{ "aes-gmac-256", "aes-gmac", 256 },
	{ "null", "null", -1 }, { "seal", "seal", 160 },
};

/* Integrity names after "esp-"/"ah-", or in a proposal. */
static const struct hmac {
	const char	*printed;
	const char	*name;
} hmacs[] = {
	{ "md5-hmac", "md5" }, { "sha-hmac", "sha" },
	{ "sha256-hmac", "sha256" }, { "sha-256-hmac", "sha256" },
	{ "sha384-hmac", "sha384" }, { "sha-384-hmac", "sha384" },
	{ "sha512-hmac", "sha512" }, { "sha-512-hmac", "sha512" },
	{ "none", "none" },
	/* ASA IKEv2 proposal words */
	{ "md5", "md5" }, { "sha-1", "sha" }, { "sha-256", "sha256" },
	{ "sha-384", "sha384" }, { "sha-512", "sha512" },
};

static const struct cipher *
cipher_find(const struct tok *t)
{
	size_t	 i;

	for (i = 0; i < sizeof(ciphers) / sizeof(ciphers[0]); i++)
		if (tok_ieq(t, ciphers[i].printed))
			return &ciphers[i];
	return NULL;
}

static const char *
hmac_find(const struct tok *t)
{
	size_t	 i;

	for (i = 0; i < sizeof(hmacs) / sizeof(hmacs[0]); i++)
		if (tok_ieq(t, hmacs[i].printed))
			return hmacs[i].name;
	return NULL;
}

static void
strlist_add(char ***list, size_t *n, const char *s, size_t len)
{
	*list = xreallocarray(*list, *n + 1, sizeof(**list));
	(*list)[(*n)++] = xstrndup(s, len);
}

static struct transform_set *
set_add(struct ts_parse *st, const struct tok *name, enum transform_set_kind k)
{
	struct transform_set_list	*l = st->list;
	struct transform_set		*s;

	/* Doubling: a long output must not cost a copy per set. */
	if (l->nsets == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 8;
		l->sets = xreallocarray(l->sets, st->cap, sizeof(*l->sets));
	}
	s = &l->sets[l->nsets];
	memset(s, 0, sizeof(*s));
	tok_copy(name, s->name, sizeof(s->name));
	s->kind = k;
	s->key_bits = -1;
	st->cur = l->nsets++;
	return s;
}

static struct transform_set *
set_by_name(struct ts_parse *st, const struct tok *name)
{
	char	 buf[128];
	size_t	 i;

	tok_copy(name, buf, sizeof(buf));
	for (i = 0; i < st->list->nsets; i++)
		if (strcmp(st->list->sets[i].name, buf) == 0)
			return &st->list->sets[i];
	return NULL;
}

static int
tok_prefix(const struct tok *t, const char *prefix, struct tok *rest)
{
	size_t	 n = strlen(prefix);

	if (t->len <= n || strncasecmp(t->s, prefix, n) != 0)
		return 0;
	rest->s = t->s + n;
	rest->len = t->len - n;
	return 1;
}

static int
tok_is_number(const struct tok *t)
{
	uint64_t	 v;

	return tok_u64(t, &v);
}

/*
 * One transform, "esp-aes" or "ah-sha-hmac", with its key size token
 * when the next one is a number ("esp-aes 256"). Returns the tokens used.
 */
static size_t
add_transform(struct transform_set *s, const struct tok *t,
    const struct tok *next)
{
	const struct cipher	*c;
	const char		*h;
	struct tok		 rest;
	uint64_t		 bits;
	size_t			 used = 1, len = t->len;

	if (next != NULL && tok_is_number(next)) {
		used = 2;
		len = (size_t)(next->s + next->len - t->s);
	}
	strlist_add(&s->transforms, &s->ntransforms, t->s, len);
	if (tok_prefix(t, "esp-", &rest)) {
		if ((c = cipher_find(&rest)) != NULL) {
			snprintf(s->esp_encryption, sizeof(s->esp_encryption),
			    "%s", c->name);
			s->key_bits = c->bits;
			if (used == 2 && tok_u64(next, &bits) && bits <= 1024)
				s->key_bits = (int64_t)bits;
		} else if ((h = hmac_find(&rest)) != NULL)
			snprintf(s->esp_auth, sizeof(s->esp_auth), "%s", h);
	} else if (tok_prefix(t, "ah-", &rest) &&
	    (h = hmac_find(&rest)) != NULL)
		snprintf(s->ah, sizeof(s->ah), "%s", h);
	return used;
}

/* The transforms of a "{ ... }" group or a config line, from token i on. */
static int
add_transforms(struct transform_set *s, const struct toks *tk, size_t i)
{
	struct tok	 t;
	int		 n = 0;

	while (i < tk->n) {
		t = tk->t[i];
		/* "{", "}", "{esp-aes", "esp-sha-hmac}" */
		while (t.len > 0 && t.s[0] == '{') {
			t.s++;
			t.len--;
		}
		while (t.len > 0 && (t.s[t.len - 1] == '}' ||
		    t.s[t.len - 1] == ','))
			t.len--;
		if (t.len == 0) {
			i++;
			continue;
		}
		i += add_transform(s, &t, i + 1 < tk->n ? &tk->t[i + 1] : NULL);
		n++;
	}
	return n;
}

/* "Transform set NAME: { esp-aes esp-sha-hmac  }" */
static int
ios_set(struct ts_parse *st, const struct toks *tk)
{
	struct transform_set	*s;
	struct tok		 name;

	if (tk->n < 3 || !tok_ieq(&tk->t[0], "Transform") ||
	    !tok_ieq(&tk->t[1], "set"))
		return 0;
	name = tk->t[2];
	if (name.len < 2 || name.s[name.len - 1] != ':')
		return 0;
	name.len--;
	s = set_add(st, &name, TS_KIND_IOS);
	(void)add_transforms(s, tk, 3);
	return 1;
}

/* "will negotiate = { Tunnel,  }," */
static int
ios_negotiate(struct transform_set *s, const struct toks *tk)
{
	struct tok	 m;
	size_t		 i;

	if (tk->n < 4 || !tok_ieq(&tk->t[0], "will") ||
	    !tok_ieq(&tk->t[1], "negotiate"))
		return 0;
	for (i = 2; i < tk->n; i++) {
		m = tok_strip(&tk->t[i], ",");
		if (m.len > 0 && m.s[0] == '{') {
			m.s++;
			m.len--;
		}
		if (tok_ieq(&m, "Tunnel") || tok_ieq(&m, "Transport")) {
			snprintf(s->mode, sizeof(s->mode), "%s",
			    tok_ieq(&m, "Tunnel") ? "tunnel" : "transport");
			return 1;
		}
	}
	return 0;
}

/* "mode transport" / "mode tunnel": a config sub-line or trailer. */
static int
set_mode(struct transform_set *s, const struct tok *mode)
{
	if (tok_ieq(mode, "tunnel"))
		snprintf(s->mode, sizeof(s->mode), "tunnel");
	else if (tok_ieq(mode, "transport"))
		snprintf(s->mode, sizeof(s->mode), "transport");
	else
		return 0;
	s->mode_inferred = 0;
	return 1;
}

/*
 * "crypto ipsec [ikev1] transform-set NAME T1 T2" or "... NAME mode
 * transport". The ASA does not print the default tunnel mode.
 */
static int
conf_transform_set(struct ts_parse *st, const struct toks *tk, size_t at)
{
	struct transform_set	*s;

	if (tk->n < at + 2)
		return 0;
	if (tk->n == at + 3 && tok_ieq(&tk->t[at + 1], "mode")) {
		if ((s = set_by_name(st, &tk->t[at])) == NULL)
			s = set_add(st, &tk->t[at], TS_KIND_IKEV1);
		return set_mode(s, &tk->t[at + 2]);
	}
	s = set_add(st, &tk->t[at], TS_KIND_IKEV1);
	snprintf(s->mode, sizeof(s->mode), "tunnel");
	s->mode_inferred = 1;
	return add_transforms(s, tk, at + 1) > 0;
}

/* " protocol esp encryption aes-256 aes" / " protocol esp integrity sha-1" */
static int
conf_proposal_line(struct transform_set *s, const struct toks *tk)
{
	int	 enc;
	size_t	 i;

	if (tk->n < 4 || !tok_ieq(&tk->t[0], "protocol") ||
	    !tok_ieq(&tk->t[1], "esp"))
		return 0;
	if (tok_ieq(&tk->t[2], "encryption"))
		enc = 1;
	else if (tok_ieq(&tk->t[2], "integrity"))
		enc = 0;
	else
		return 0;
	for (i = 3; i < tk->n; i++) {
		strlist_add(&s->transforms, &s->ntransforms, tk->t[i].s,
		    tk->t[i].len);
		if (enc)
			strlist_add(&s->esp_encryptions, &s->nesp_encryptions,
			    tk->t[i].s, tk->t[i].len);
		else
			strlist_add(&s->esp_integrities, &s->nesp_integrities,
			    tk->t[i].s, tk->t[i].len);
	}
	return 1;
}

/* A proposal's single algorithm, when only one is offered. */
static void
proposal_finish(struct transform_set *s)
{
	const struct cipher	*c;
	const char		*h;
	struct tok		 t;

	if (s->kind != TS_KIND_IKEV2_PROPOSAL)
		return;
	if (s->nesp_encryptions == 1) {
		t.s = s->esp_encryptions[0];
		t.len = strlen(t.s);
		if ((c = cipher_find(&t)) != NULL) {
			snprintf(s->esp_encryption, sizeof(s->esp_encryption),
			    "%s", c->name);
			s->key_bits = c->bits;
		}
	}
	if (s->nesp_integrities == 1) {
		t.s = s->esp_integrities[0];
		t.len = strlen(t.s);
		if (tok_ieq(&t, "null"))
			snprintf(s->esp_auth, sizeof(s->esp_auth), "none");
		else if ((h = hmac_find(&t)) != NULL)
			snprintf(s->esp_auth, sizeof(s->esp_auth), "%s", h);
	}
}

/* Any "crypto ipsec ..." line. */
static int
conf_crypto(struct ts_parse *st, const struct line *t, const struct toks *tk)
{
	if (tk->n < 3 || !tok_ieq(&tk->t[0], "crypto") ||
	    !tok_ieq(&tk->t[1], "ipsec"))
		return 0;
	st->cur = NO_SET;
	if (tok_ieq(&tk->t[2], "ikev1") || tok_ieq(&tk->t[2], "ikev2"))
		st->seen_asa = 1;
	if (tok_ieq(&tk->t[2], "transform-set"))
		return conf_transform_set(st, tk, 3);
	if (tk->n >= 4 && tok_ieq(&tk->t[2], "ikev1") &&
	    tok_ieq(&tk->t[3], "transform-set"))
		return conf_transform_set(st, tk, 4);
	if (tk->n >= 4 && tok_ieq(&tk->t[2], "ikev2") &&
	    tok_ieq(&tk->t[3], "ipsec-proposal")) {
		if (tk->n != 5)
			return 0;
		(void)set_add(st, &tk->t[4], TS_KIND_IKEV2_PROPOSAL);
		return 1;
	}
	strlist_add(&st->list->sa_settings, &st->list->nsa_settings, t->s,
	    t->len);
	return 1;
}

static int
parse_line(struct ts_parse *st, const struct line *l)
{
	struct line		 t = line_trim(l);
	struct toks		 tk;
	struct transform_set	*s;

	if (toks_line(&tk, &t) == 0)
		return 0;
	if (ios_set(st, &tk))
		return 1;
	if (conf_crypto(st, &t, &tk))
		return 1;
	if (st->cur == NO_SET)
		return 0;
	s = &st->list->sets[st->cur];
	switch (s->kind) {
	case TS_KIND_IOS:
		if (ios_negotiate(s, &tk))
			return 1;
		/* "{ esp-aes esp-sha-hmac  }": the next group of the set */
		if (tk.t[0].s[0] == '{')
			return add_transforms(s, &tk, 0) > 0;
		return 0;
	case TS_KIND_IKEV1:
		return tk.n == 2 && tok_ieq(&tk.t[0], "mode") &&
		    set_mode(s, &tk.t[1]);
	case TS_KIND_IKEV2_PROPOSAL:
		return conf_proposal_line(s, &tk);
	}
	return 0;
}

static int
ipsec_transform_set_parse(const struct probe_input *in,
    struct probe_result *res)
{
	struct ts_parse		 st;
	struct line_iter	 it;
	struct line		 l;
	size_t			 i;

	memset(&st, 0, sizeof(st));
	st.list = xcalloc(1, sizeof(*st.list));
	st.cur = NO_SET;
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
	for (i = 0; i < st.list->nsets; i++)
		proposal_finish(&st.list->sets[i]);
	if (res->platform == PLATFORM_AUTO && st.seen_asa)
		res->platform = PLATFORM_ASA;
	return 0;
}

static void
json_strings(cJSON *o, const char *name, char *const *v, size_t n)
{
	cJSON	*a = cJSON_AddArrayToObject(o, name);
	size_t	 i;

	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
}

static const char *
kind_name(enum transform_set_kind k)
{
	switch (k) {
	case TS_KIND_IKEV1:
		return "ikev1-transform-set";
	case TS_KIND_IKEV2_PROPOSAL:
		return "ikev2-ipsec-proposal";
	case TS_KIND_IOS:
		break;
	}
	return "transform-set";
}

static cJSON *
set_json(const struct transform_set *s)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "name", s->name);
	cJSON_AddStringToObject(o, "kind", kind_name(s->kind));
	json_strings(o, "transforms", s->transforms, s->ntransforms);
	probe_json_str(o, "esp_encryption", s->esp_encryption);
	if (s->key_bits >= 0)
		cJSON_AddNumberToObject(o, "key_bits", (double)s->key_bits);
	else
		cJSON_AddNullToObject(o, "key_bits");
	probe_json_str(o, "esp_auth", s->esp_auth);
	probe_json_str(o, "ah", s->ah);
	probe_json_str(o, "mode", s->mode);
	cJSON_AddBoolToObject(o, "mode_inferred", s->mode_inferred);
	if (s->kind == TS_KIND_IKEV2_PROPOSAL) {
		json_strings(o, "esp_encryptions", s->esp_encryptions,
		    s->nesp_encryptions);
		json_strings(o, "esp_integrities", s->esp_integrities,
		    s->nesp_integrities);
	} else {
		cJSON_AddNullToObject(o, "esp_encryptions");
		cJSON_AddNullToObject(o, "esp_integrities");
	}
	return o;
}

static void
ipsec_transform_set_to_json(const void *records, cJSON *obj)
{
	const struct transform_set_list	*l = records;
	cJSON				*a;
	size_t				 i;

	a = cJSON_AddArrayToObject(obj, "sets");
	for (i = 0; i < l->nsets; i++)
		cJSON_AddItemToArray(a, set_json(&l->sets[i]));
	json_strings(obj, "sa_settings", l->sa_settings, l->nsa_settings);
}

static void
strlist_free(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
ipsec_transform_set_free(void *records)
{
	struct transform_set_list	*l = records;
	struct transform_set		*s;
	size_t				 i;

	if (l == NULL)
		return;
	for (i = 0; i < l->nsets; i++) {
		s = &l->sets[i];
		strlist_free(s->transforms, s->ntransforms);
		strlist_free(s->esp_encryptions, s->nesp_encryptions);
		strlist_free(s->esp_integrities, s->nesp_integrities);
	}
	free(l->sets);
	strlist_free(l->sa_settings, l->nsa_settings);
	free(l);
}

const struct probe probe_ipsec_transform_set = {
	.name = "ipsec_transform_set",
	.command = "show crypto ipsec transform-set",
	.command_asa = "show running-config crypto ipsec",
	.polled = 1,
	.parse = ipsec_transform_set_parse,
	.to_json = ipsec_transform_set_to_json,
	.free_records = ipsec_transform_set_free,
};

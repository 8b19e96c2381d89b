/*
 * redact.c: mask secrets in router output before it is stored or shown.
 *
 * Work is line by line on whitespace-separated tokens: a rule marks the
 * tokens that carry a secret, and each run of marked tokens is written
 * out as one "<redacted>". Everything else, whitespace and "\r" included,
 * is copied byte for byte, so a line without a secret comes out as it
 * went in and the line structure never changes.
 *
 * Keywords match whole tokens, case-insensitively: "keepalive" and
 * "key-id" are not "key". When in doubt the rules mask: an over-masked
 * line costs a little diagnosis, a leaked pre-shared key costs a tunnel.
 */
#include <stdlib.h>
#include <string.h>

#include "redact.h"
#include "util.h"

#define REDACTED	"<redacted>"

struct tok {
	size_t		 off;	/* into the line */
	size_t		 len;
	int		 mark;	/* carries (part of) a secret */
};

struct line {
	const char	*s;
	size_t		 len;
	struct tok	*t;
	size_t		 nt;
	size_t		 cap;
};

struct buf {
	char		*p;
	size_t		 len;
	size_t		 cap;
};

/* Values after "key" that show the line is about keys, not a key. */
static const char *const key_stop[] = {
	"lifetime", "pair", "chain", "generate", "pubkey-chain", "config-key",
	"exchange", "id", "is", "was", "size", "length", "rollover",
	"zeroize", "import", "export", "storage", "label", "mypubkey",
	"usage", "name", "type", "data", "ring", NULL
};
/* "password encryption aes" configures the type 6 scheme; no secret. */
static const char *const password_stop[] = { "encryption", NULL };
static const char *const no_stop[] = { NULL };

/* Keywords whose value runs to the end of the line. */
static const struct keyword {
	const char		*word;
	const char *const	*stop;
} keywords[] = {
	{ "key",		key_stop },
	{ "password",		password_stop },
	{ "passwd",		no_stop },
	{ "secret",		no_stop },
	{ "key-string",		no_stop },
	{ "pre-shared-key",	no_stop },
	{ "authentication-key",	no_stop },
	{ "message-digest-key",	no_stop },
	{ "session-key",	no_stop },
	{ "server-key",		no_stop },
	{ "password-encrypt",	no_stop },
	{ "wpa-psk",		no_stop },
};

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static char
lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

static const char *
tok_ptr(const struct line *l, size_t i)
{
	return l->s + l->t[i].off;
}

/* Is token i the word, ignoring case (and one trailing ':' if colon)? */
static int
tok_eq(const struct line *l, size_t i, const char *word, int colon)
{
	const char	*p;
	size_t		 n, wlen = strlen(word), k;

	if (i >= l->nt)
		return 0;
	p = tok_ptr(l, i);
	n = l->t[i].len;
	if (colon && n == wlen + 1 && p[wlen] == ':')
		n = wlen;
	if (n != wlen)
		return 0;
	for (k = 0; k < n; k++)
		if (lower(p[k]) != word[k])
			return 0;
	return 1;
}

static int
tok_in(const struct line *l, size_t i, const char *const *words)
{
	for (; *words != NULL; words++)
		if (tok_eq(l, i, *words, 1))
			return 1;
	return 0;
}

static int
tok_digits(const struct line *l, size_t i)
{
	size_t	 k;

	if (i >= l->nt)
		return 0;
	for (k = 0; k < l->t[i].len; k++)
		if (tok_ptr(l, i)[k] < '0' || tok_ptr(l, i)[k] > '9')
			return 0;
	return 1;
}

/* An IOS encryption type (0 clear, 5 md5, 6 aes, 7 vigenere, 8, 9). */
static int
tok_enctype(const struct line *l, size_t i)
{
	return tok_digits(l, i) && l->t[i].len == 1 &&
	    strchr("056789", tok_ptr(l, i)[0]) != NULL;
}

static int
tok_algorithm(const struct line *l, size_t i)
{
	static const char *const algs[] = {
		"md5", "sha", "sha1", "sha-1", "sha224", "sha256", "sha384",
		"sha512", "sha-224", "sha-256", "sha-384", "sha-512",
		"hmac-sha-1", "hmac-sha-256", "hmac-sha-384", "hmac-sha-512",
		"cmac-aes-128", NULL
	};

	return tok_in(l, i, algs);
}

static int
tok_is_ip(const struct line *l, size_t i)
{
	char	 s[64];

	if (i >= l->nt || l->t[i].len >= sizeof(s))
		return 0;
	memcpy(s, tok_ptr(l, i), l->t[i].len);
	s[l->t[i].len] = '\0';
	return is_ip_address(s);
}

static void
mark_range(struct line *l, size_t from, size_t to)
{
	for (; from < to && from < l->nt; from++)
		l->t[from].mark = 1;
}

/*
 * Where the secret starts after the keyword at i: past "level N" (enable
 * secret), "ID ALGORITHM" (ntp, ospf md5), "ascii|hex" (wpa-psk) and an
 * encryption type, each only when something follows, since a lone last
 * token is the secret itself.
 */
static size_t
value_start(const struct line *l, size_t i)
{
	size_t	 j = i + 1;

	if (tok_eq(l, j, "level", 0) && tok_digits(l, j + 1) && j + 2 < l->nt)
		j += 2;
	if (tok_digits(l, j) && tok_algorithm(l, j + 1) && j + 2 < l->nt)
		j += 2;
	if ((tok_eq(l, j, "ascii", 0) || tok_eq(l, j, "hex", 0)) &&
	    j + 1 < l->nt)
		j++;
	if (tok_enctype(l, j) && j + 1 < l->nt)
		j++;
	return j;
}

/*
 * crypto isakmp key [T] KEY {address A [M] | hostname H} [no-xauth]: the
 * peer stays readable, the diagnosis needs it. The type goes with the key.
 */
static void
rule_isakmp_key(struct line *l, size_t i)
{
	size_t	 s = i + 1, k;

	if (tok_enctype(l, s) && s + 1 < l->nt)
		s++;
	for (k = s + 1; k < l->nt; k++)
		if (tok_eq(l, k, "address", 0) || tok_eq(l, k, "hostname", 0))
			break;
	mark_range(l, i + 1, k);
}

/* The value runs to the end of the line. */
static void
rule_keyword(struct line *l, size_t i, const struct keyword *kw)
{
	if (i + 1 >= l->nt || tok_in(l, i + 1, kw->stop))
		return;
	/* IOS keyring: the key follows its own "key" keyword. */
	if (strcmp(kw->word, "pre-shared-key") == 0) {
		if (tok_eq(l, i + 1, "address", 0) ||
		    tok_eq(l, i + 1, "hostname", 0))
			return;
		if ((tok_eq(l, i + 1, "local", 0) ||
		    tok_eq(l, i + 1, "remote", 0)) && i + 2 < l->nt)
			i++;
	}
	mark_range(l, value_start(l, i), l->nt);
}

/*
 * snmp-server host H [vrf V] [informs|traps] [version 1|2c|3 [auth|noauth|priv]]
 * COMMUNITY ...: the community has no keyword. Version 3 names a user, no
 * secret; the ASA form says "community" and is handled by that keyword.
 */
static void
rule_snmp_host(struct line *l)
{
	size_t	 j = 3;

	if (tok_is_ip(l, 3))
		return;
	if (tok_eq(l, j, "vrf", 0))
		j += 2;
	if (tok_eq(l, j, "informs", 0) || tok_eq(l, j, "traps", 0))
		j++;
	if (tok_eq(l, j, "version", 0)) {
		if (tok_eq(l, j + 1, "3", 0))
			return;
		j += 2;
	}
	mark_range(l, j, j + 1);
}

/* snmp-server: "community C", "auth ALG PASS", "priv CIPHER [BITS] PASS". */
static void
rule_snmp(struct line *l, size_t i)
{
	size_t	 j = i + 1;

	if (tok_eq(l, i, "community", 0)) {
		if (tok_enctype(l, j) && j + 1 < l->nt)
			j++;
		mark_range(l, j, j + 1);
	} else if (tok_eq(l, i, "auth", 0) && tok_algorithm(l, j)) {
		mark_range(l, j + 1, j + 2);
	} else if (tok_eq(l, i, "priv", 0) && (tok_eq(l, j, "des", 0) ||
	    tok_eq(l, j, "3des", 0) || tok_eq(l, j, "aes", 0))) {
		if (tok_digits(l, j + 1) && j + 2 < l->nt)
			j++;
		mark_range(l, j + 1, j + 2);
	}
}

static int
has_token(const struct line *l, const char *word)
{
	size_t	 i;

	for (i = 0; i < l->nt; i++)
		if (tok_eq(l, i, word, 0))
			return 1;
	return 0;
}

static const struct keyword *
find_keyword(const struct line *l, size_t i)
{
	size_t	 k;

	for (k = 0; k < NITEMS(keywords); k++)
		if (tok_eq(l, i, keywords[k].word, 1))
			return &keywords[k];
	return NULL;
}

static void
rules(struct line *l)
{
	const struct keyword	*kw;
	int			 snmp;
	size_t			 i;

	snmp = tok_eq(l, 0, "snmp-server", 0);
	if (snmp && tok_eq(l, 1, "host", 0) && !has_token(l, "community"))
		rule_snmp_host(l);
	for (i = 0; i < l->nt; i++) {
		if (l->t[i].mark)
			continue;
		if (snmp)
			rule_snmp(l, i);
		if (tok_eq(l, i, "key", 0) && i > 0 &&
		    tok_eq(l, i - 1, "isakmp", 0))
			rule_isakmp_key(l, i);
		else if (tok_eq(l, i, "text", 0) && i > 0 &&
		    tok_eq(l, i - 1, "authentication", 0))
			mark_range(l, i + 1, l->nt);	/* vrrp, hsrp, glbp */
		else if ((kw = find_keyword(l, i)) != NULL)
			rule_keyword(l, i, kw);
	}
}

/*
 * "show crypto isakmp key" prints the keys in a table:
 *	Keyring      Hostname/Address          Preshared Key
 *	default      10.1.1.1 [255.255.255.0]  Secr3t
 * The header turns the table on; the next prompt turns it off.
 */
static int
keytable_header(const struct line *l)
{
	size_t	 i;

	if (!tok_eq(l, 0, "keyring", 0))
		return 0;
	for (i = 1; i < l->nt; i++)
		if (tok_eq(l, i, "preshared", 0))
			return 1;
	return 0;
}

static int
is_prompt(const struct line *l)
{
	const char	*p;
	size_t		 n;

	if (l->nt == 0)
		return 0;
	p = tok_ptr(l, 0);
	n = l->t[0].len;
	return memchr(p, '#', n) != NULL || p[n - 1] == '>';
}

static void
keytable_row(struct line *l)
{
	size_t	 j = 2;

	if (j < l->nt && tok_ptr(l, j)[0] == '[')
		j++;	/* the peer's mask */
	mark_range(l, j, l->nt);
}

static void
tokenize(struct line *l, const char *s, size_t len)
{
	size_t	 i = 0, start;

	l->s = s;
	l->len = len;
	l->nt = 0;
	while (i < len) {
		while (i < len && is_space(s[i]))
			i++;
		if (i == len)
			break;
		start = i;
		while (i < len && !is_space(s[i]))
			i++;
		if (l->nt == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 32;
			l->t = xreallocarray(l->t, l->cap, sizeof(*l->t));
		}
		l->t[l->nt].off = start;
		l->t[l->nt].len = i - start;
		l->t[l->nt].mark = 0;
		l->nt++;
	}
}

static void
buf_add(struct buf *b, const char *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 256;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* Copy the line, one "<redacted>" per run of marked tokens. */
static int
emit(struct buf *b, const struct line *l)
{
	size_t	 pos = 0, i = 0, j;
	int	 masked = 0;

	while (i < l->nt) {
		if (!l->t[i].mark) {
			i++;
			continue;
		}
		for (j = i; j + 1 < l->nt && l->t[j + 1].mark; j++)
			;
		buf_add(b, l->s + pos, l->t[i].off - pos);
		buf_add(b, REDACTED, strlen(REDACTED));
		pos = l->t[j].off + l->t[j].len;
		masked = 1;
		i = j + 1;
	}
	buf_add(b, l->s + pos, l->len - pos);
	return masked;
}

char *
redact_text(const char *text, size_t len, size_t *outlen, size_t *nmasked)
{
	struct buf	 b = { NULL, 0, 0 };
	struct line	 l = { NULL, 0, NULL, 0, 0 };
	const char	*nl;
	size_t		 pos = 0, end, masked = 0;
	int		 table = 0;

	buf_add(&b, "", 0);
	while (pos < len) {
		nl = memchr(text + pos, '\n', len - pos);
		end = nl != NULL ? (size_t)(nl - text) : len;
		tokenize(&l, text + pos, end - pos);
		if (keytable_header(&l))
			table = 1;
		else if (table && is_prompt(&l))
			table = 0;
		else if (table)
			keytable_row(&l);
		rules(&l);
		masked += emit(&b, &l);
		if (nl != NULL)
			buf_add(&b, "\n", 1);
		pos = end + 1;
	}
	free(l.t);
	if (outlen != NULL)
		*outlen = b.len;
	if (nmasked != NULL)
		*nmasked = masked;
	return b.p;
}

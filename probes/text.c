/*
 * text.c: lines and tokens of router output.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text.h"

void
line_iter_init(struct line_iter *it, const char *text, size_t len)
{
	it->p = text;
	it->end = text + len;
	it->no = 0;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\0' || c == '\v' ||
	    c == '\f';
}

int
line_next(struct line_iter *it, struct line *l)
{
	const char	*s, *nl;
	size_t		 len, ind = 0;

	if (it->p >= it->end)
		return 0;
	s = it->p;
	nl = memchr(s, '\n', (size_t)(it->end - s));
	if (nl == NULL) {
		len = (size_t)(it->end - s);
		it->p = it->end;
	} else {
		len = (size_t)(nl - s);
		it->p = nl + 1;
	}
	/* A lone "\r" mid-line is a repaint: keep what follows it. */
	while (len > 0 && is_blank(s[len - 1]))
		len--;
	{
		const char *cr = len ? memchr(s, '\r', len) : NULL;
		while (cr != NULL) {
			len -= (size_t)(cr + 1 - s);
			s = cr + 1;
			cr = len ? memchr(s, '\r', len) : NULL;
		}
	}
	while (ind < len && is_blank(s[ind]))
		ind++;
	l->s = s;
	l->len = len;
	l->indent = ind;
	l->no = ++it->no;
	return 1;
}

int
line_is_blank(const struct line *l)
{
	return l->indent >= l->len;
}

struct line
line_trim(const struct line *l)
{
	struct line	 t = *l;

	t.s += l->indent;
	t.len -= l->indent;
	t.indent = 0;
	return t;
}

static int
is_host_char(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '-' || c == '_' ||
	    c == '/' || c == ':' || c == '@' || c == '(' || c == ')';
}

/* "host#", "host>", "host# show x", "host(config)#": a prompt line. */
static int
is_prompt(const struct line *t)
{
	size_t	 i = 0;

	while (i < t->len && i < 64 && is_host_char(t->s[i]))
		i++;
	if (i == 0 || i >= t->len || (t->s[i] != '#' && t->s[i] != '>'))
		return 0;
	/* "host#" alone, or "host#command" / "host# command" */
	if (i + 1 == t->len)
		return 1;
	/* a paste may have turned the blank after the prompt into a tab */
	if (t->s[i + 1] == ' ' || t->s[i + 1] == '\t')
		return i + 2 < t->len && isalpha((unsigned char)t->s[i + 2]);
	return isalpha((unsigned char)t->s[i + 1]);
}

int
line_is_noise(const struct line *l)
{
	struct line	 t;

	if (line_is_blank(l))
		return 1;
	t = line_trim(l);
	/* A pager remnant is short: test the length first, it is the hot path. */
	if (t.len <= 24 && (text_find_ci(t.s, t.len, "--More--") != NULL ||
	    text_find_ci(t.s, t.len, "<--- More --->") != NULL))
		return 1;
	return is_prompt(&t);
}

size_t
toks_split(struct toks *tk, const char *s, size_t len)
{
	size_t	 i = 0, start;

	tk->n = 0;
	while (i < len && tk->n < TOK_MAX) {
		while (i < len && is_blank(s[i]))
			i++;
		if (i >= len)
			break;
		start = i;
		while (i < len && !is_blank(s[i]))
			i++;
		tk->t[tk->n].s = s + start;
		tk->t[tk->n].len = i - start;
		tk->n++;
	}
	return tk->n;
}

size_t
toks_line(struct toks *tk, const struct line *l)
{
	return toks_split(tk, l->s, l->len);
}

int
tok_is(const struct tok *t, const char *w)
{
	size_t	 n = strlen(w);

	return t->len == n && memcmp(t->s, w, n) == 0;
}

int
tok_ieq(const struct tok *t, const char *w)
{
	size_t	 n = strlen(w);

	return t->len == n && strncasecmp(t->s, w, n) == 0;
}

int
tok_u64(const struct tok *t, uint64_t *v)
{
	uint64_t	 x = 0;
	size_t		 i;

	if (t->len == 0 || t->len > 20)
		return 0;
	for (i = 0; i < t->len; i++) {
		unsigned d;
		if (t->s[i] < '0' || t->s[i] > '9')
			return 0;
		d = (unsigned)(t->s[i] - '0');
		if (x > (UINT64_MAX - d) / 10)
			return 0;
		x = x * 10 + d;
	}
	*v = x;
	return 1;
}

int
tok_i64(const struct tok *t, int64_t *v)
{
	struct tok	 u = *t;
	uint64_t	 x;
	int		 neg = 0;

	if (u.len > 0 && u.s[0] == '-') {
		neg = 1;
		u.s++;
		u.len--;
	}
	if (!tok_u64(&u, &x) || x > (uint64_t)INT64_MAX)
		return 0;
	*v = neg ? -(int64_t)x : (int64_t)x;
	return 1;
}

void
tok_copy(const struct tok *t, char *buf, size_t buflen)
{
	size_t	 n;

	if (buflen == 0)
		return;
	n = t->len < buflen - 1 ? t->len : buflen - 1;
	memcpy(buf, t->s, n);
	buf[n] = '\0';
}

int
tok_ip(const struct tok *t, char *buf, size_t buflen)
{
	char		 tmp[64];
	unsigned char	 a[16];

	if (t->len == 0 || t->len >= sizeof(tmp))
		return 0;
	memcpy(tmp, t->s, t->len);
	tmp[t->len] = '\0';
	if (inet_pton(AF_INET, tmp, a) == 1)
		return inet_ntop(AF_INET, a, buf, (socklen_t)buflen) != NULL;
	if (inet_pton(AF_INET6, tmp, a) == 1)
		return inet_ntop(AF_INET6, a, buf, (socklen_t)buflen) != NULL;
	return 0;
}

struct tok
tok_strip(const struct tok *t, const char *chars)
{
	struct tok	 r = *t;

	if (r.len > 0 && strchr(chars, r.s[r.len - 1]) != NULL)
		r.len--;
	return r;
}

const char *
line_find(const struct line *l, const char *word)
{
	size_t		 n = strlen(word);
	const char	*p;

	if (n == 0 || n > l->len)
		return NULL;
	p = memmem(l->s, l->len, word, n);
	return p != NULL ? p + n : NULL;
}

int
line_starts(const struct line *l, const char *prefix)
{
	size_t	 n = strlen(prefix);

	return l->len - l->indent >= n &&
	    memcmp(l->s + l->indent, prefix, n) == 0;
}

int
line_label_u64(const struct line *l, const char *label, uint64_t *v)
{
	const char	*p = line_find(l, label), *end = l->s + l->len;
	struct tok	 t;

	if (p == NULL)
		return 0;
	while (p < end && (*p == ' ' || *p == ':' || *p == '\t'))
		p++;
	t.s = p;
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	t.len = (size_t)(p - t.s);
	return tok_u64(&t, v);
}

const char *
text_find_ci(const char *hay, size_t haylen, const char *needle)
{
	size_t	 n = strlen(needle), i;

	if (n == 0 || n > haylen)
		return NULL;
	for (i = 0; i + n <= haylen; i++)
		if (strncasecmp(hay + i, needle, n) == 0)
			return hay + i;
	return NULL;
}

/*
 * shell.c: the IOS exec shell: echo, line editing, command matching
 * with abbreviations, output filters, the --More-- pager, enable.
 *
 * Everything here only appends to the session's tx queue and changes
 * its mode; sess.c moves the queue into the channel.
 */
#include <sys/random.h>

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "util.h"
#include "iossim.h"

#define FILL_CHUNK	16384
#define HUGE_BYTES	(10ULL * 1024 * 1024)
#define ENABLE_TRIES	3
#define MORE		" --More-- "
#define MORE_ERASE	"\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b"

enum action {
	A_OUTPUT = 0,
	A_ENABLE,
	A_DISABLE,
	A_EXIT,
	A_TERMLEN,
	A_TERMWIDTH,
	A_TERMPAGER
};

/* A command the shell knows, whatever its source. */
struct cand {
	const char	*name;
	const char	*text;
	const char	*argtext;
	int		 args;
	int		 priv;
	enum action	 act;
};

enum { E_OK = 0, E_INVALID, E_AMBIG, E_INCOMPLETE };

struct match {
	int			 err;
	size_t			 at;	/* caret: offset in the line */
	const struct cand	*c;
	const char		*args;	/* trailing arguments, or NULL */
};

struct word {
	size_t	 off;
	size_t	 len;
};

#define MAX_WORDS	32

static const struct cand ios_actions[] = {
	{ "enable", NULL, NULL, 0, 0, A_ENABLE },
	{ "disable", NULL, NULL, 0, 0, A_DISABLE },
	{ "exit", NULL, NULL, 0, 0, A_EXIT },
	{ "logout", NULL, NULL, 0, 0, A_EXIT },
	{ "terminal length", NULL, NULL, 1, 0, A_TERMLEN },
	{ "terminal width", NULL, NULL, 1, 0, A_TERMWIDTH },
};

static const struct cand asa_actions[] = {
	{ "enable", NULL, NULL, 0, 0, A_ENABLE },
	{ "disable", NULL, NULL, 0, 0, A_DISABLE },
	{ "exit", NULL, NULL, 0, 0, A_EXIT },
	{ "logout", NULL, NULL, 0, 0, A_EXIT },
	{ "quit", NULL, NULL, 0, 0, A_EXIT },
	{ "terminal pager", NULL, NULL, 1, 0, A_TERMPAGER },
	{ "terminal width", NULL, NULL, 1, 0, A_TERMWIDTH },
};

static struct rdef *
sdef(const struct sess *s)
{
	return s->r->ri->def;
}

static void
emit(struct sess *s, const char *str)
{
	buf_adds(&s->tx, str);
}

/* Text with bare '\n' line ends, as the terminal wants them: "\r\n". */
static void
emit_lines(struct sess *s, const char *t)
{
	char	 prev = '\0';

	for (; *t != '\0'; prev = *t++) {
		if (*t == '\n' && prev != '\r')
			buf_add(&s->tx, "\r", 1);
		buf_add(&s->tx, t, 1);
	}
}

static void
prompt(struct sess *s)
{
	emit(s, s->r->ri->hostname);
	emit(s, s->priv ? "#" : ">");
	s->mode = M_INPUT;
}

/* Where a command ends: the prompt, or the end of an exec channel. */
static void
cmd_done(struct sess *s)
{
	if (s->exec) {
		s->closing = CLOSE_CHANNEL;
		s->mode = M_NONE;
	} else
		prompt(s);
}

/* The current scripted state, and when it began. */
static const struct simstate *
cur_state(const struct sess *s, int64_t *since)
{
	const struct rdef	*d = sdef(s);
	int64_t			 t, total = 0, base = 0, acc = 0;
	size_t			 i;

	*since = s->r->epoch_ms;
	if (d->nstates == 0)
		return NULL;
	for (i = 0; i < d->nstates; i++)
		total += d->states[i].duration_ms;
	t = mono_ms() - s->r->epoch_ms;
	if (d->repeat) {
		base = (t / total) * total;
		t -= base;
	} else if (t >= total) {
		*since += total - d->states[d->nstates - 1].duration_ms;
		return &d->states[d->nstates - 1];
	}
	for (i = 0; i < d->nstates; i++) {
		if (t < acc + d->states[i].duration_ms)
			break;
		acc += d->states[i].duration_ms;
	}
	if (i == d->nstates)
		i--;
	*since += base + acc;
	return &d->states[i];
}

/* --- candidates and matching ------------------------------------------ */

static size_t
cand_nwords(const char *name)
{
	size_t	 n = 0;

	for (; *name != '\0'; name++)
		if (*name != ' ' && (name[1] == ' ' || name[1] == '\0'))
			n++;
	return n;
}

static const char *
cand_word(const char *name, size_t i, size_t *len)
{
	const char	*p = name, *e;

	while (i-- > 0) {
		if ((p = strchr(p, ' ')) == NULL)
			return NULL;
		p++;
	}
	e = strchr(p, ' ');
	*len = e ? (size_t)(e - p) : strlen(p);
	return p;
}

static int
cand_has(const struct cand *v, size_t n, const char *name)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return 1;
	return 0;
}

static void
cand_add_set(struct cand *v, size_t *n, const struct cmdset *cs,
    const struct builtin *b, size_t nb)
{
	size_t	 i, j;

	for (i = 0; i < cs->n; i++) {
		if (cand_has(v, *n, cs->v[i].name))
			continue;
		memset(&v[*n], 0, sizeof(v[*n]));
		v[*n].name = cs->v[i].name;
		v[*n].text = cs->v[i].text;
		/* A lab text for a built-in command takes its arguments. */
		for (j = 0; j < nb; j++)
			if (strcmp(b[j].name, cs->v[i].name) == 0) {
				v[*n].args = b[j].args;
				v[*n].priv = b[j].priv;
			}
		(*n)++;
	}
}

/* Every command this router knows now: state, lab, built-in. */
static struct cand *
cands_collect(struct sess *s, size_t *np)
{
	const struct rdef	*d = sdef(s);
	const struct simstate	*st;
	const struct builtin	*b;
	const struct cand	*act;
	struct cand		*v;
	size_t			 nb, nact, n = 0, i;
	int64_t			 since;

	b = builtins(d->plat, &nb);
	act = d->plat == PLAT_ASA ? asa_actions : ios_actions;
	nact = d->plat == PLAT_ASA ? NITEMS(asa_actions) : NITEMS(ios_actions);
	st = cur_state(s, &since);
	v = xcalloc(nb + nact + d->cmds.n + (st ? st->cmds.n : 0),
	    sizeof(*v));
	if (st != NULL)
		cand_add_set(v, &n, &st->cmds, b, nb);
	cand_add_set(v, &n, &d->cmds, b, nb);
	for (i = 0; i < nact; i++)
		if (!cand_has(v, n, act[i].name))
			v[n++] = act[i];
	for (i = 0; i < nb; i++) {
		if (cand_has(v, n, b[i].name))
			continue;
		v[n].name = b[i].name;
		v[n].text = b[i].text;
		v[n].argtext = b[i].argtext;
		v[n].args = b[i].args;
		v[n].priv = b[i].priv;
		v[n].act = A_OUTPUT;
		n++;
	}
	*np = n;
	return v;
}

static size_t
split_words(const char *line, size_t len, struct word *w)
{
	size_t	 i = 0, n = 0;

	while (i < len && n < MAX_WORDS) {
		while (i < len && line[i] == ' ')
			i++;
		if (i == len)
			break;
		w[n].off = i;
		while (i < len && line[i] != ' ')
			i++;
		w[n].len = i - w[n].off;
		n++;
	}
	return n;
}

/*
 * IOS matching: each typed word is a prefix of the command's word at
 * that position; an exact word wins over longer ones; two different
 * words still possible = ambiguous. Words past a complete command are
 * arguments if that command takes any.
 */
static void
match_words(const char *line, const struct word *w, size_t nw,
    const struct cand *v, size_t nc, char *alive, struct match *m)
{
	const char	*cw, *first;
	size_t		 i, j, cl, fl;
	int		 nk, exact;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < nw; i++) {
		nk = exact = 0;
		for (j = 0; j < nc; j++) {
			if (alive[j] != 1)
				continue;
			cw = cand_word(v[j].name, i, &cl);
			if (cw == NULL || w[i].len > cl ||
			    strncasecmp(cw, line + w[i].off, w[i].len) != 0) {
				/* complete before this word: maybe args */
				alive[j] = (cw == NULL && v[j].args) ? 2 : 0;
				continue;
			}
			nk++;
			if (cl == w[i].len)
				exact = 1;
		}
		first = NULL;
		fl = 0;
		for (j = 0; j < nc && nk > 0; j++) {
			if (alive[j] != 1)
				continue;
			cw = cand_word(v[j].name, i, &cl);
			if (exact && cl != w[i].len) {
				alive[j] = 0;
				continue;
			}
			if (first == NULL) {
				first = cw;
				fl = cl;
			} else if (cl != fl || strncmp(cw, first, cl) != 0) {
				m->err = E_AMBIG;
				return;
			}
		}
		if (nk > 0) {
			for (j = 0; j < nc; j++)
				if (alive[j] == 2)
					alive[j] = 0;
			continue;
		}
		for (j = 0; j < nc; j++)
			if (alive[j] == 2) {
				m->c = &v[j];
				m->args = line + w[i].off;
				return;
			}
		m->err = E_INVALID;
		m->at = w[i].off;
		return;
	}
	for (j = 0; j < nc; j++)
		if (alive[j] == 1 && cand_nwords(v[j].name) == nw) {
			m->c = &v[j];
			return;
		}
	m->err = E_INCOMPLETE;
}

static void
match_cmd(struct sess *s, const char *line, size_t len,
    const struct cand *v, size_t nc, struct match *m)
{
	struct word	 w[MAX_WORDS];
	char		*alive;
	size_t		 nw, j;

	nw = split_words(line, len, w);
	alive = xcalloc(nc ? nc : 1, 1);
	for (j = 0; j < nc; j++)
		alive[j] = !v[j].priv || s->priv;
	match_words(line, w, nw, v, nc, alive, m);
	free(alive);
}

/* Is a fault's command (maybe abbreviated) the command just matched? */
static int
fault_is(struct sess *s, const char *fcmd, const struct cand *v, size_t nc,
    const struct cand *c)
{
	struct match	 fm;
	int		 priv = s->priv;

	if (fcmd == NULL)
		return 0;
	s->priv = 1;
	match_cmd(s, fcmd, strlen(fcmd), v, nc, &fm);
	s->priv = priv;
	return fm.err == E_OK && fm.c != NULL &&
	    strcmp(fm.c->name, c->name) == 0;
}

/* --- templates ---------------------------------------------------------- */

static void
fmt_uptime(struct sess *s, struct buf *b)
{
	const char	*n = s->r->ri->name;
	uint64_t	 h = 5381, secs;
	unsigned	 w, d, hr, mi;
	char		 tmp[128];
	int		 len = 0;

	for (; *n != '\0'; n++)
		h = h * 33 + (unsigned char)*n;
	/* A plausible uptime of some weeks, different per router. */
	secs = 1209600 + h % 2592000 +
	    (uint64_t)(mono_ms() - s->r->sim->start_ms) / 1000;
	w = (unsigned)(secs / 604800);
	d = (unsigned)(secs % 604800 / 86400);
	hr = (unsigned)(secs % 86400 / 3600);
	mi = (unsigned)(secs % 3600 / 60);
	if (w)
		len += snprintf(tmp + len, sizeof(tmp) - len, "%u week%s, ",
		    w, w == 1 ? "" : "s");
	if (d)
		len += snprintf(tmp + len, sizeof(tmp) - len, "%u day%s, ",
		    d, d == 1 ? "" : "s");
	if (hr)
		len += snprintf(tmp + len, sizeof(tmp) - len, "%u hour%s, ",
		    hr, hr == 1 ? "" : "s");
	snprintf(tmp + len, sizeof(tmp) - len, "%u minute%s", mi,
	    mi == 1 ? "" : "s");
	buf_adds(b, tmp);
}

static void
fmt_clock(struct buf *b)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed",
	    "Thu", "Fri", "Sat" };
	static const char *const mons[] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct timespec	 ts;
	struct tm	 tm;
	char		 tmp[64];

	wall_now(&ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(tmp, sizeof(tmp), "*%02d:%02d:%02d.%03ld UTC %s %s %d %d",
	    tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000,
	    days[tm.tm_wday], mons[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900);
	buf_adds(b, tmp);
}

static void
expand_one(struct sess *s, const char *key, size_t klen, double elapsed,
    const char *args, struct buf *b)
{
	char	 tmp[64];

	if (klen == 8 && strncmp(key, "hostname", 8) == 0)
		buf_adds(b, s->r->ri->hostname);
	else if (klen == 6 && strncmp(key, "uptime", 6) == 0)
		fmt_uptime(s, b);
	else if (klen == 5 && strncmp(key, "clock", 5) == 0)
		fmt_clock(b);
	else if (klen == 3 && strncmp(key, "arg", 3) == 0)
		buf_adds(b, args ? args : "");
	else if (klen == 7 && strncmp(key, "elapsed", 7) == 0) {
		snprintf(tmp, sizeof(tmp), "%.0f", floor(elapsed));
		buf_adds(b, tmp);
	} else if (klen > 8 && strncmp(key, "counter:", 8) == 0) {
		snprintf(tmp, sizeof(tmp), "%.0f",
		    floor(elapsed * strtod(key + 8, NULL)));
		buf_adds(b, tmp);
	} else {
		buf_adds(b, "{{");
		buf_add(b, key, klen);
		buf_adds(b, "}}");
	}
}

/* {{hostname}} {{uptime}} {{clock}} {{arg}} {{elapsed}} {{counter:RATE}} */
static char *
expand(struct sess *s, const char *t, const char *args, size_t *lenp)
{
	struct buf	 b = { 0 };
	const char	*p, *e;
	int64_t		 since;
	double		 elapsed;

	cur_state(s, &since);
	elapsed = (double)(mono_ms() - since) / 1000.0;
	while ((p = strstr(t, "{{")) != NULL &&
	    (e = strstr(p + 2, "}}")) != NULL) {
		buf_add(&b, t, (size_t)(p - t));
		expand_one(s, p + 2, (size_t)(e - p - 2), elapsed, args, &b);
		t = e + 2;
	}
	buf_adds(&b, t);
	*lenp = b.len;
	buf_add(&b, "", 1);
	return b.d;
}

/* --- output ------------------------------------------------------------- */

void
out_reset(struct outsrc *o)
{
	size_t	 i;

	free(o->text);
	for (i = 0; i < o->npats; i++)
		free(o->pats[i]);
	free(o->pats);
	memset(o, 0, sizeof(*o));
}

/* huge_output: log lines, as a box with a chatty crypto engine has. */
static void
huge_line(struct outsrc *o)
{
	uint64_t	 n = o->hline++;
	uint32_t	 spi = (uint32_t)(n * 2654435761u);

	snprintf(o->gline, sizeof(o->gline),
	    "*Mar  %u %02u:%02u:%02u.%03u: %%CRYPTO-4-RECVD_PKT_INV_SPI: "
	    "decaps: rec'd IPSEC packet has invalid spi for "
	    "destaddr=192.0.2.1, prot=50, spi=0x%08X(%u), "
	    "srcaddr=198.51.100.%u, input interface=GigabitEthernet0/0",
	    (unsigned)(1 + n / 86400 % 28), (unsigned)(n / 3600 % 24),
	    (unsigned)(n / 60 % 60), (unsigned)(n % 60),
	    (unsigned)(n * 7 % 1000), spi, spi, (unsigned)(1 + n % 254));
	o->cur = o->gline;
	o->curlen = strlen(o->gline);
	o->hbytes += o->curlen + 2;
}

static int
pat_match(const char *pat, const char *line, size_t len)
{
	size_t	 pl;

	if (pat[0] == '^') {
		pl = strlen(pat + 1);
		return pl <= len && strncmp(line, pat + 1, pl) == 0;
	}
	pl = strlen(pat);
	if (pl == 0)
		return 1;
	for (; len >= pl; line++, len--)
		if (memcmp(line, pat, pl) == 0)
			return 1;
	return 0;
}

static int
out_pass(struct outsrc *o)
{
	size_t	 i;
	int	 hit = 0;

	if (o->filter == 0 || o->begun)
		return 1;
	for (i = 0; i < o->npats && !hit; i++)
		hit = pat_match(o->pats[i], o->cur, o->curlen);
	if (o->filter == 'e')
		return !hit;
	if (o->filter == 'b' && hit)
		o->begun = 1;
	return hit;
}

/* The next line that passes the filter, into o->cur. */
static int
out_next(struct outsrc *o)
{
	const char	*nl;

	for (;;) {
		if (o->huge) {
			if (o->hbytes >= HUGE_BYTES)
				return 0;
			huge_line(o);
		} else {
			if (o->text == NULL || o->toff >= o->tlen)
				return 0;
			o->cur = o->text + o->toff;
			nl = memchr(o->cur, '\n', o->tlen - o->toff);
			o->curlen = nl ? (size_t)(nl - o->cur) :
			    o->tlen - o->toff;
			o->toff += o->curlen + (nl ? 1 : 0);
			if (o->curlen > 0 && o->cur[o->curlen - 1] == '\r')
				o->curlen--;
		}
		if (out_pass(o)) {
			o->has_cur = 1;
			return 1;
		}
	}
}

static void
out_end(struct sess *s)
{
	out_reset(&s->out);
	cmd_done(s);
}

/*
 * Produce the next piece of output into tx: up to FILL_CHUNK bytes, or
 * to the pager, the end, or the close_mid_output cut.
 */
int
shell_fill(struct sess *s)
{
	struct outsrc	*o = &s->out;

	while (buf_avail(&s->tx) < FILL_CHUNK) {
		if (!o->has_cur && !out_next(o)) {
			out_end(s);
			return 1;
		}
		if (o->close_at && o->emitted >= o->close_at) {
			s->closing = CLOSE_ABRUPT;
			s->mode = M_NONE;
			return 1;
		}
		if (s->pagelen > 0 && !s->exec &&
		    o->page_lines >= s->pagelen - 1) {
			emit(s, MORE);
			s->mode = M_MORE;
			return 1;
		}
		buf_add(&s->tx, o->cur, o->curlen);
		buf_add(&s->tx, "\r\n", 2);
		o->emitted += o->curlen + 2;
		o->page_lines++;
		o->has_cur = 0;
	}
	return 1;
}

static void
more_key(struct sess *s, int c)
{
	emit(s, MORE_ERASE);
	if (c == ' ') {
		s->out.page_lines = 0;
		s->mode = M_OUTPUT;
	} else if (c == '\r' || c == '\n') {
		s->out.page_lines = s->pagelen - 2;
		s->mode = M_OUTPUT;
	} else
		out_end(s);	/* 'q' and anything else stop the output */
}

/* --- commands ----------------------------------------------------------- */

static void
invalid_at(struct sess *s, size_t at)
{
	size_t	 col = at, i;

	if (!s->exec)
		col += strlen(s->r->ri->hostname) + 1;
	for (i = 0; i < col; i++)
		emit(s, " ");
	emit(s, "^\r\n");
	if (sdef(s)->plat == PLAT_ASA)
		emit(s, "ERROR: ");
	emit(s, "% Invalid input detected at '^' marker.\r\n");
	if (sdef(s)->plat != PLAT_ASA)
		emit(s, "\r\n");
	cmd_done(s);
}

static void
report(struct sess *s, const struct match *m, const char *line)
{
	switch (m->err) {
	case E_INVALID:
		invalid_at(s, m->at);
		return;
	case E_AMBIG:
		emit(s, "% Ambiguous command:  \"");
		emit(s, line);
		emit(s, "\"\r\n");
		break;
	default:
		emit(s, "% Incomplete command.\r\n\r\n");
		break;
	}
	cmd_done(s);
}

/* " | include a|b", " | exclude x", " | begin y" */
static int
parse_filter(struct sess *s, const char *line, const char *f)
{
	static const char *const kw[] = { "include", "exclude", "begin",
	    "section" };
	struct outsrc	*o = &s->out;
	const char	*p, *e, *a;
	size_t		 len, i;

	for (p = f; *p == ' '; p++)
		;
	for (e = p; *e != '\0' && *e != ' '; e++)
		;
	len = (size_t)(e - p);
	for (i = 0; i < NITEMS(kw) && len > 0; i++)
		if (strncasecmp(p, kw[i], len) == 0)
			break;
	if (len == 0 || i == NITEMS(kw)) {
		invalid_at(s, (size_t)(p - line));
		return -1;
	}
	o->filter = i == 1 ? 'e' : i == 2 ? 'b' : 'i';
	while (*e == ' ')
		e++;
	if (*e == '\0') {
		emit(s, "% Incomplete command.\r\n\r\n");
		cmd_done(s);
		return -1;
	}
	for (a = e;; a = p + 1) {
		p = strchr(a, '|');
		len = p ? (size_t)(p - a) : strlen(a);
		while (len > 0 && a[len - 1] == ' ')
			len--;
		o->pats = xreallocarray(o->pats, o->npats + 1, sizeof(char *));
		o->pats[o->npats++] = xstrndup(a, len);
		if (p == NULL)
			break;
	}
	return 0;
}

static int
parse_num(const char *a, int *n)
{
	char	*end;
	long	 v;

	if (a == NULL || !isdigit((unsigned char)*a))
		return -1;
	v = strtol(a, &end, 10);
	if ((*end != '\0' && *end != ' ') || v < 0 || v > 512)
		return -1;
	*n = (int)v;
	return 0;
}

static void
do_output(struct sess *s, const struct cand *c, const char *args,
    int huge, int cut)
{
	struct outsrc	*o = &s->out;
	const char	*t = (args && c->argtext) ? c->argtext : c->text;

	o->huge = huge;
	if (!huge)
		o->text = expand(s, t ? t : "", args, &o->tlen);
	if (cut)
		o->close_at = MAXIMUM(1, (huge ? HUGE_BYTES : o->tlen) / 2);
	s->mode = M_OUTPUT;
	if (sdef(s)->f.slow_ms > 0) {
		o->waiting = 1;
		sess_arm_slow(s, sdef(s)->f.slow_ms);
	}
}

static void
do_enable(struct sess *s)
{
	if (s->priv || sdef(s)->enable_secret == NULL) {
		s->priv = 1;
		cmd_done(s);
		return;
	}
	s->en_tries = 0;
	s->linelen = 0;
	emit(s, "Password: ");
	s->mode = M_ENPW;
}

static void
do_terminal(struct sess *s, const struct cand *c, const char *args,
    size_t aoff)
{
	const char	*a = args;
	int		 n;

	/* ASA: "terminal pager 0" or "terminal pager lines 0" */
	if (c->act == A_TERMPAGER && a != NULL &&
	    strncasecmp(a, "lines ", 6) == 0) {
		a += 6;
		aoff += 6;
	}
	if (a == NULL) {
		emit(s, "% Incomplete command.\r\n\r\n");
		cmd_done(s);
		return;
	}
	if (parse_num(a, &n) == -1) {
		invalid_at(s, aoff);
		return;
	}
	if (c->act != A_TERMWIDTH && sdef(s)->f.aaa_deny) {
		emit(s, "% Authorization failed.\r\n");
		cmd_done(s);
		return;
	}
	if (c->act == A_TERMWIDTH)
		s->width = n;
	else
		s->pagelen = n;
	cmd_done(s);
}

static void
run_action(struct sess *s, const char *line, const char *bar,
    const struct match *m, const char *args, size_t aoff,
    const struct cand *v, size_t nc)
{
	const struct faults	*f = &sdef(s)->f;

	switch (m->c->act) {
	case A_ENABLE:
		do_enable(s);
		break;
	case A_DISABLE:
		s->priv = 0;
		cmd_done(s);
		break;
	case A_EXIT:
		s->closing = CLOSE_CHANNEL;
		s->mode = M_NONE;
		break;
	case A_TERMLEN:
	case A_TERMWIDTH:
	case A_TERMPAGER:
		do_terminal(s, m->c, args, aoff);
		break;
	case A_OUTPUT:
		out_reset(&s->out);
		if (bar != NULL && parse_filter(s, line, bar + 1) == -1) {
			out_reset(&s->out);
			return;
		}
		do_output(s, m->c, args, fault_is(s, f->huge, v, nc, m->c),
		    fault_is(s, f->close_mid, v, nc, m->c));
		break;
	}
}

static void
run_cmd(struct sess *s, const char *line, const struct cand *v, size_t nc)
{
	const char	*bar;
	char		*args = NULL;
	size_t		 clen, aoff = 0, alen;
	struct match	 m;

	bar = strchr(line, '|');
	clen = bar ? (size_t)(bar - line) : strlen(line);
	match_cmd(s, line, clen, v, nc, &m);
	if (m.err != E_OK) {
		report(s, &m, line);
		return;
	}
	if (m.args != NULL) {
		aoff = (size_t)(m.args - line);
		alen = clen - aoff;
		while (alen > 0 && m.args[alen - 1] == ' ')
			alen--;
		args = xstrndup(m.args, alen);
	}
	run_action(s, line, bar, &m, args, aoff, v, nc);
	free(args);
}

static void
run_line(struct sess *s, char *line)
{
	struct cand	*v;
	size_t		 nc, len = strlen(line);

	while (len > 0 && line[len - 1] == ' ')
		line[--len] = '\0';
	if (strspn(line, " ") == len) {
		cmd_done(s);
		return;
	}
	log_debug("%s: command \"%s\"", s->r->ri->name, line);
	v = cands_collect(s, &nc);
	run_cmd(s, line, v, nc);
	free(v);
}

/* --- input -------------------------------------------------------------- */

static void
input_char(struct sess *s, int c)
{
	char	 ch = (char)c;

	if (c == '\r' || c == '\n') {
		emit(s, "\r\n");
		s->line[s->linelen] = '\0';
		s->linelen = 0;
		run_line(s, s->line);
	} else if (c == '\b' || c == 0x7f) {
		if (s->linelen > 0) {
			s->linelen--;
			emit(s, "\b \b");
		}
	} else if (c == 0x15) {			/* ^U: kill the line */
		while (s->linelen > 0) {
			s->linelen--;
			emit(s, "\b \b");
		}
	} else if ((c >= 0x20 && c != 0x7f) || c == '\t') {
		if (c == '\t')
			ch = ' ';
		if (s->linelen + 1 < sizeof(s->line)) {
			s->line[s->linelen++] = ch;
			buf_add(&s->tx, &ch, 1);	/* IOS echoes */
		}
	}
}

static void
enpw_char(struct sess *s, int c)
{
	const char	*secret = sdef(s)->enable_secret;

	if (c == '\b' || c == 0x7f) {
		if (s->linelen > 0)
			s->linelen--;
		return;
	}
	if (c != '\r' && c != '\n') {
		if (c >= 0x20 && s->linelen + 1 < sizeof(s->line))
			s->line[s->linelen++] = (char)c;
		return;
	}
	emit(s, "\r\n");
	s->line[s->linelen] = '\0';
	s->linelen = 0;
	if (secret != NULL && strcmp(s->line, secret) == 0) {
		explicit_bzero(s->line, sizeof(s->line));
		s->priv = 1;
		prompt(s);
		return;
	}
	explicit_bzero(s->line, sizeof(s->line));
	if (++s->en_tries < ENABLE_TRIES) {
		emit(s, "Password: ");
		return;
	}
	emit(s, "% Access denied\r\n\r\n");
	prompt(s);
}

void
shell_feed(struct sess *s)
{
	int	 c;

	while (buf_avail(&s->rx) > 0 && buf_avail(&s->tx) < FILL_CHUNK &&
	    (s->mode == M_INPUT || s->mode == M_ENPW || s->mode == M_MORE)) {
		c = (unsigned char)*buf_ptr(&s->rx);
		buf_consume(&s->rx, 1);
		/* "\r\n" ends one line, not two. */
		if (c == '\n' && s->last_cr) {
			s->last_cr = 0;
			continue;
		}
		s->last_cr = c == '\r';
		if (s->mode == M_INPUT)
			input_char(s, c);
		else if (s->mode == M_ENPW)
			enpw_char(s, c);
		else
			more_key(s, c);
	}
}

void
shell_start(struct sess *s)
{
	const struct rdef	*d = sdef(s);

	sess_shell_started(s);
	s->priv = d->enable_secret == NULL;
	s->pagelen = 24;
	if (d->f.stall) {
		log_info("%s: shell stalled (fault)", s->r->ri->name);
		s->mode = M_STALL;
		return;
	}
	if (d->f.garbage) {
		log_info("%s: shell sends garbage (fault)", s->r->ri->name);
		s->mode = M_GARBAGE;
		sess_arm_tick(s, 100);
		return;
	}
	emit(s, "\r\n");
	if (d->motd != NULL) {
		emit_lines(s, d->motd);
		emit(s, "\r\n\r\n");
	}
	prompt(s);
}

void
shell_exec(struct sess *s, const char *cmd)
{
	char	*line = xstrdup(cmd);

	sess_shell_started(s);
	s->priv = 1;
	s->pagelen = 0;
	run_line(s, line);
	free(line);
}

/* garbage: 2 KiB of noise per tick, only if the peer keeps up. */
void
shell_garbage(struct sess *s)
{
	char		 noise[2048];
	uint32_t	 win;
	size_t		 n;

	if (s->ch == NULL || s->dead ||
	    (ssh_get_poll_flags(s->ssh) & SSH_WRITE_PENDING))
		return;
	if ((win = ssh_channel_window_size(s->ch)) == 0)
		return;
	n = MINIMUM(sizeof(noise), win);
	if (getrandom(noise, n, 0) != (ssize_t)n)
		return;
	if (ssh_channel_write(s->ch, noise, (uint32_t)n) < 0)
		sess_kill(s);
}

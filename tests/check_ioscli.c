/*
 * check_ioscli.c: the IOS/ASA dialogue against scripted routers.
 *
 * A session is a banner plus a script of exchanges: the bytes the dialogue
 * must write next, and what the router answers to them. The driver feeds
 * whatever the router has sent so far, checks every byte written against
 * the script and queues the answer once a write is complete, so the
 * order on the wire is the order a real channel would give.
 *
 * Each session is replayed (a) with everything available in one feed,
 * (b) one byte per feed, (c) with one extra feed boundary at every offset
 * of the whole received stream. The event log (events, replies, learned
 * prompt, final state) must be the same every time.
 */
#include <check.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ioscli.h"

#if defined(__SANITIZE_ADDRESS__)
#define TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_ASAN 1
#endif
#endif

#ifdef TEST_ASAN
/* from <sanitizer/allocator_interface.h>, which gcc does not ship */
size_t	__sanitizer_get_current_allocated_bytes(void);

static size_t
heap_now(void)
{
	return __sanitizer_get_current_allocated_bytes();
}
#else
#include <malloc.h>
static size_t
heap_now(void)
{
	struct mallinfo2 mi = mallinfo2();

	return mi.uordblks + mi.hblkhd;	/* big blocks are mmap()ed */
}
#endif

#define CRLF	"\r\n"

#ifndef MIN
#define MIN(a, b)	(((a) < (b)) ? (a) : (b))
#define MAX(a, b)	(((a) > (b)) ? (a) : (b))
#endif

/* A growing byte string. */
struct buf {
	char	*p;
	size_t	 len;
	size_t	 size;
};

static void
buf_add(struct buf *b, const void *s, size_t n)
{
	if (b->len + n + 1 > b->size) {
		b->size = (b->len + n + 1) * 2;
		b->p = realloc(b->p, b->size);
		ck_assert_ptr_nonnull(b->p);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void
buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
buf_printf(struct buf *b, const char *fmt, ...)
{
	char	 tmp[1024];
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	ck_assert_int_ge(n, 0);
	buf_add(b, tmp, MIN((size_t)n, sizeof(tmp) - 1));
}

static void
buf_escaped(struct buf *b, const char *s, size_t n)
{
	char	 tmp[8];
	size_t	 i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			buf_str(b, "\\n");
		else if (c < 0x20 || c >= 0x7f || c == '\\') {
			snprintf(tmp, sizeof(tmp), "\\x%02x", c);
			buf_str(b, tmp);
		} else
			buf_add(b, &s[i], 1);
	}
}

/* The scripted router. */

struct xchg {
	const char	*write;		/* the dialogue must write this next */
	const char	*answer;	/* and the router then sends this */
};

struct session {
	struct ioscli_opts opts;
	const char	*banner;
	const struct xchg *x;		/* ends with write == NULL */
	const char *const *cmds;	/* NULL-terminated, run on READY/DONE */
	const char *const *idle;	/* sent before cmds[i] is run, or NULL */
	/*
	 * The output holds lines starting like "<host>#": the data must not
	 * stop right after such a start, or the command would end there
	 * (the documented limit), so no extra feed boundary goes there.
	 */
	const char	*ambiguous_host;
	int		 nudges;	/* times the banner timer fires */
};

#define MAXREPLIES	8

struct result {
	struct buf	 log;
	int		 ready;
	int		 done;
	int		 failed;
	int		 bad_write;
	size_t		 xi;		/* exchanges completed */
	size_t		 nx;		/* exchanges in the script */
	size_t		 wire_total;
	struct {
		char	*text;
		size_t	 len;
		enum ioscli_status status;
		char	 error[256];
		int	 pages;
		size_t	 raw;
	} rep[MAXREPLIES];
	char		 error[256];
	char		 host[64];
	int		 priv;
	int		 pager;
};

enum mode { M_WHOLE, M_BYTE, M_SPLIT };

struct driver {
	const struct session *s;
	enum mode	 mode;
	size_t		 split;
	struct ioscli	*cli;
	struct buf	 wire;		/* all the router sent, in order */
	size_t		 off;		/* how much of it was fed */
	size_t		 xi;
	size_t		 xm;		/* bytes of x[xi].write seen */
	size_t		 ci;
	int		 want_run;
	int		 nudged;
	struct result	*r;
};

static void
result_free(struct result *r)
{
	int	 i;

	free(r->log.p);
	for (i = 0; i < MAXREPLIES; i++)
		free(r->rep[i].text);
	memset(r, 0, sizeof(*r));
}

static void
drain_writes(struct driver *d)
{
	const struct xchg *x;
	const char	*p;
	size_t		 n, i;

	p = ioscli_outbuf(d->cli, &n);
	for (i = 0; i < n && !d->r->bad_write; i++) {
		x = &d->s->x[d->xi];
		if (x->write == NULL || x->write[d->xm] != p[i]) {
			buf_printf(&d->r->log, "BAD WRITE exchange %zu byte %zu "
			    "0x%02x\n", d->xi, d->xm, (unsigned char)p[i]);
			d->r->bad_write = 1;
			break;
		}
		if (x->write[++d->xm] == '\0') {
			buf_str(&d->wire, x->answer);
			d->xi++;
			d->xm = 0;
		}
	}
	ioscli_consumed(d->cli, n);
}

static void
on_event(struct driver *d, enum ioscli_event ev)
{
	const struct ioscli_reply *rep;
	struct result	*r = d->r;
	const char	*h;

	if (ev == IOSCLI_EV_FAILED) {
		r->failed++;
		buf_printf(&r->log, "FAILED %s\n", ioscli_error(d->cli));
		return;
	}
	if (ev == IOSCLI_EV_READY) {
		r->ready++;
		h = ioscli_hostname(d->cli);
		buf_printf(&r->log, "READY host=%s priv=%d pager=%d\n",
		    h != NULL ? h : "(null)", ioscli_privileged(d->cli),
		    ioscli_pager_mode(d->cli));
	} else if (ev == IOSCLI_EV_DONE) {
		rep = ioscli_reply(d->cli);
		ck_assert_ptr_nonnull(rep);
		ck_assert_uint_eq(strlen(rep->text), rep->len);
		if (r->done < MAXREPLIES) {
			r->rep[r->done].text = strdup(rep->text);
			r->rep[r->done].len = rep->len;
			r->rep[r->done].status = rep->status;
			snprintf(r->rep[r->done].error,
			    sizeof(r->rep[r->done].error), "%s", rep->error);
			r->rep[r->done].pages = rep->pages;
			r->rep[r->done].raw = rep->raw_bytes;
		}
		r->done++;
		buf_printf(&r->log, "DONE cmd=%s status=%d pages=%d raw=%zu "
		    "error=%s text=", rep->command, rep->status, rep->pages,
		    rep->raw_bytes, rep->error);
		buf_escaped(&r->log, rep->text, rep->len);
		buf_str(&r->log, "\n");
	} else
		return;
	if (d->s->cmds != NULL && d->s->cmds[d->ci] != NULL) {
		if (d->s->idle != NULL && d->s->idle[d->ci] != NULL)
			buf_str(&d->wire, d->s->idle[d->ci]);
		d->want_run = 1;
	}
}

static void
handle(struct driver *d, enum ioscli_event ev)
{
	while (ev != IOSCLI_EV_NONE) {
		on_event(d, ev);
		drain_writes(d);
		ev = ioscli_poll(d->cli);
	}
}

/* Does the fed data stop right after a prompt-shaped line start? */
static int
ambiguous(const struct driver *d, size_t end)
{
	const char	*h = d->s->ambiguous_host, *line;
	size_t		 n, hl;

	if (h == NULL)
		return 0;
	hl = strlen(h);
	line = d->wire.p + end;
	while (line > d->wire.p && line[-1] != '\n')
		line--;
	n = (size_t)(d->wire.p + end - line);
	while (n > 0 && line[n - 1] == ' ')
		n--;
	return n > hl && memcmp(line, h, hl) == 0 &&
	    (line[n - 1] == '#' || line[n - 1] == '>');
}

static void
feed_next(struct driver *d)
{
	size_t	 avail = d->wire.len - d->off, n = avail;

	if (d->mode == M_BYTE)
		n = 1;
	else if (d->mode == M_SPLIT && d->split > d->off &&
	    d->split < d->off + avail)
		n = d->split - d->off;
	while (d->off + n < d->wire.len && ambiguous(d, d->off + n))
		n++;
	d->off += n;
	handle(d, ioscli_feed(d->cli, d->wire.p + d->off - n, n));
}

static int
in_banner(struct ioscli *cli)
{
	const char	*st = ioscli_state_name(cli);

	return strcmp(st, "banner") == 0 || strcmp(st, "probe") == 0;
}

static void
session_run(const struct session *s, enum mode mode, size_t split,
    struct result *r)
{
	struct driver	 d;
	const char	*h;
	long		 guard;

	memset(r, 0, sizeof(*r));
	memset(&d, 0, sizeof(d));
	d.s = s;
	d.mode = mode;
	d.split = split;
	d.r = r;
	d.cli = ioscli_new(&s->opts);
	ck_assert_ptr_nonnull(d.cli);
	buf_str(&d.wire, s->banner);
	buf_str(&r->log, "");
	for (r->nx = 0; s->x[r->nx].write != NULL; r->nx++)
		;
	for (guard = 0; guard < 10000000; guard++) {
		drain_writes(&d);
		if (d.off < d.wire.len)
			feed_next(&d);
		else if (d.want_run) {
			d.want_run = 0;
			buf_printf(&r->log, "RUN %s\n", s->cmds[d.ci]);
			if (ioscli_run(d.cli, s->cmds[d.ci++]) != 0)
				buf_str(&r->log, "RUN REFUSED\n");
			handle(&d, ioscli_poll(d.cli));
		} else if (d.nudged < s->nudges && in_banner(d.cli)) {
			buf_str(&r->log, "NUDGE\n");
			ioscli_nudge(d.cli);
			d.nudged++;
		} else
			break;
	}
	h = ioscli_hostname(d.cli);
	snprintf(r->host, sizeof(r->host), "%s", h != NULL ? h : "");
	snprintf(r->error, sizeof(r->error), "%s", ioscli_error(d.cli));
	r->priv = ioscli_privileged(d.cli);
	r->pager = ioscli_pager_mode(d.cli);
	r->xi = d.xi;
	r->wire_total = d.wire.len;
	buf_printf(&r->log, "END state=%s exchanges=%zu/%zu cmds=%zu host=%s "
	    "priv=%d pager=%d error=%s\n", ioscli_state_name(d.cli), d.xi,
	    r->nx, d.ci, r->host, r->priv, r->pager, r->error);
	ioscli_free(d.cli);
	free(d.wire.p);
}

static void
same_log(const struct result *ref, const struct result *o, const char *how,
    size_t split)
{
	size_t	 i;

	if (strcmp(ref->log.p, o->log.p) == 0)
		return;
	for (i = 0; ref->log.p[i] == o->log.p[i]; i++)
		;
	ck_abort_msg("%s (split %zu): logs differ at %zu:\n--- one feed:\n%s\n"
	    "--- this one:\n%s", how, split, i, ref->log.p, o->log.p);
}

/* Replay in every way; *r gets the one-feed result for the caller's checks. */
static void
check_session(const struct session *s, struct result *r)
{
	struct result	 o;
	size_t		 k;

	session_run(s, M_WHOLE, 0, r);
	ck_assert_msg(!r->bad_write, "%s", r->log.p);
	session_run(s, M_BYTE, 0, &o);
	same_log(r, &o, "1-byte feeds", 0);
	result_free(&o);
	for (k = 1; k < r->wire_total; k++) {
		session_run(s, M_SPLIT, k, &o);
		same_log(r, &o, "two feeds", k);
		result_free(&o);
	}
}

static void
assert_complete(const struct result *r, int ready, int done)
{
	ck_assert_msg(r->xi == r->nx, "script not finished:\n%s", r->log.p);
	ck_assert_int_eq(r->ready, ready);
	ck_assert_int_eq(r->done, done);
	ck_assert_int_eq(r->failed, 0);
}

static void
assert_reply(const struct result *r, int i, enum ioscli_status st,
    const char *text, const char *error, int pages)
{
	ck_assert_msg(r->rep[i].text != NULL, "no reply %d:\n%s", i, r->log.p);
	ck_assert_str_eq(r->rep[i].text, text);
	ck_assert_int_eq(r->rep[i].status, st);
	ck_assert_str_eq(r->rep[i].error, error);
	ck_assert_int_eq(r->rep[i].pages, pages);
}

/* Canned router output; E is the line end. */

#define ISAKMP(E) \
	"IPv4 Crypto ISAKMP SA" E \
	"dst             src             state          conn-id status" E \
	"192.0.2.1       198.51.100.1    QM_IDLE           1001 ACTIVE" E \
	E \
	"IPv6 Crypto ISAKMP SA" E \
	E

#define PREP_IOS(P) \
	{ "terminal length 0\n", "terminal length 0" CRLF P }, \
	{ "terminal width 511\n", "terminal width 511" CRLF P }

/* Plain IOS: a motd full of '#' and '>' and prompt-like line starts. */
START_TEST(test_plain_ios)
{
	static const struct xchg x[] = {
		{ "\n", CRLF "hq-1#" },
		PREP_IOS("hq-1#"),
		{ "show crypto isakmp sa\n",
		  "show crypto isakmp sa" CRLF ISAKMP(CRLF) "hq-1#" },
		{ "show clock\n",
		  "show clock" CRLF "*10:01:02.345 UTC Mon Nov 30 2026" CRLF
		  "hq-1#" },
		{ NULL, NULL }
	};
	static const char *const cmds[] = {
		"show crypto isakmp sa", "show clock", NULL
	};
	static const struct session s = {
		.banner = CRLF
		    "****************************************************" CRLF
		    "* hq-1# is a router > keep out                     *" CRLF
		    "hq-1# this line starts like a prompt" CRLF
		    "#################### > ###################" CRLF
		    "core> also starts like one" CRLF
		    "****************************************************" CRLF
		    CRLF
		    "hq-1#",
		.x = x, .cmds = cmds,
	};
	struct result	 r;

	check_session(&s, &r);
	assert_complete(&r, 1, 2);
	ck_assert_str_eq(r.host, "hq-1");
	ck_assert_int_eq(r.priv, 1);
	ck_assert_int_eq(r.pager, 0);
	assert_reply(&r, 0, IOSCLI_OK, ISAKMP("\n"), "", 0);
	assert_reply(&r, 1, IOSCLI_OK, "*10:01:02.345 UTC Mon Nov 30 2026\n",
	    "", 0);
	ck_assert_uint_eq(r.rep[1].raw, strlen(x[4].answer));
	result_free(&r);
}
END_TEST

/* A prompt with a trailing space, at '>' with no secret. */
START_TEST(test_prompt_trailing_space)
{
	static const struct xchg x[] = {
		{ "\n", CRLF "hq-2> " },
		PREP_IOS("hq-2> "),
		{ "show crypto isakmp sa\n",
		  "show crypto isakmp sa" CRLF ISAKMP(CRLF) "hq-2> " },
		{ NULL, NULL }
	};
	static const char *const cmds[] = { "show crypto isakmp sa", NULL };
	static const struct session s = {
		.banner = CRLF "hq-2> ", .x = x, .cmds = cmds,
	};
	struct result	 r;

	check_session(&s, &r);
	assert_complete(&r, 1, 1);
	ck_assert_str_eq(r.host, "hq-2");
	ck_assert_int_eq(r.priv, 0);
	assert_reply(&r, 0, IOSCLI_OK, ISAKMP("\n"), "", 0);
	result_free(&r);
}
END_TEST

/* "\r\r\n", "\n\r", a "\r" repaint and ANSI escapes. */
START_TEST(test_line_endings)
{
	static const struct xchg x[] = {
		{ "\n", "\r\r\nhq-1#" },
		PREP_IOS("hq-1#"),
		{ "show clock\n",
		  "show clock\r\r\n*10:01:02 UTC\r\r\n\r\r\nhq-1#" },
		{ "show version\n",
		  "show version\n\rCisco IOS XE Software\n\r"
		  "uptime is 5 weeks\n\r\n\rhq-1#" },
		{ "show processes cpu\n",
		  "show processes cpu" CRLF
		  "progress 10%\rprogress 100%" CRLF
		  "\x1b[1mCPU\x1b[0m utilization\x1b[K: 5%" CRLF
		  "\x1b]0;title\x07" "five\x1b(B seconds" CRLF
		  "\x1b[?25hhq-1#" },
		{ NULL, NULL }
	};
	static const char *const cmds[] = {
		"show clock", "show version", "show processes cpu", NULL
	};
	static const struct session s = {
		.banner = "\n\rhq-1#", .x = x, .cmds = cmds,
	};
	struct result	 r;

	check_session(&s, &r);
	assert_complete(&r, 1, 3);
	assert_reply(&r, 0, IOSCLI_OK, "*10:01:02 UTC\n\n", "", 0);
	assert_reply(&r, 1, IOSCLI_OK,
	    "Cisco IOS XE Software\nuptime is 5 weeks\n\n", "", 0);
	assert_reply(&r, 2, IOSCLI_OK,
	    "progress 100%\nCPU utilization: 5%\nfive seconds\n", "", 0);
	result_free(&r);
}
END_TEST

/* Long commands echoed with backspaces: a scroll repaint and a fix-up. */
START_TEST(test_echo_backspaces)
{
	static const struct xchg x[] = {
		{ "\n", CRLF "hq-1#" },
		PREP_IOS("hq-1#"),
		{ "show crypto ipsec sa peer 192.0.2.1 detail\n",
		  "show crypto ipsec sa peer 192.0"
		  "\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b"
		  "$ipsec sa peer 192.0.2.1 detail" CRLF
		  "interface: Tunnel1" CRLF
		  "    Crypto map tag: Tunnel1-head-0, local addr 198.51.100.1"
		  CRLF "hq-1#" },
		{ "show crypto session remote 192.0.2.1 detail\n",
		  "show crypto session remote 192.0.2.1 detaXY\b\bil" CRLF
		  "Crypto session current status" CRLF "hq-1#" },
		{ NULL, NULL }
	};
	static const char *const cmds[] = {
		"show crypto ipsec sa peer 192.0.2.1 detail",
		"show crypto session remote 192.0.2.1 detail", NULL
	};
	static const struct session s = {
		.banner = "hq-1#", .x = x, .cmds = cmds,
	};
	struct result	 r;

	check_session(&s, &r);
	assert_complete(&r, 1, 2);
	assert_reply(&r, 0, IOSCLI_OK, "interface: Tunnel1\n"
	    "    Crypto map tag: Tunnel1-head-0, local addr 198.51.100.1\n",
	    "", 0);
	assert_reply(&r, 1, IOSCLI_OK, "Crypto session current status\n",
	    "", 0);
	result_free(&r);
}
END_TEST

#define SECRET	"s3cr3t!Xy"

static void
assert_no_secret(const struct result *r)
{
	ck_assert_ptr_null(strstr(r->log.p, SECRET));
	ck_assert_ptr_null(strstr(r->error, SECRET));
}

START_TEST(test_enable_ok)
{
	static const struct xchg x[] = {
		{ "\n", CRLF "br-7>" },
		{ "enable\n", "enable" CRLF "Password: " },
		{ SECRET "\n", CRLF "br-7#" },
		PREP_IOS("br-7#"),
		{ "show clock\n", "show clock" CRLF "10:00 UTC" CRLF "br-7#" },
		{ NULL, NULL }
	};
	static const char *const cmds[] = { "show clock", NULL };
	static const struct session s = {
		.opts = { .enable_secret = SECRET },
		.banner = CRLF "User Access Verification" CRLF CRLF "br-7>",
		.x = x, .cmds = cmds,
	};
	struct result	 r;

	check_session(&s, &r);
	assert_complete(&r, 1, 1);
	ck_assert_str_eq(r.host, "br-7");
	ck_assert_int_eq(r.priv, 1);
	assert_reply(&r, 0, IOSCLI_OK, "10:00 UTC\n", "", 0);
	assert_no_secret(&r);
	result_free(&r);
}
END_TEST

/* A device that echoes the secret: it must not reach any reply. */
START_TEST(test_enable_echoes_secret)
{
	static const struct xchg x[] = {
		{ "\n", CRLF "br-7>" },
		{ "enable\n", "enable" CRLF "Password: " },
		{ SECRET "\n", SECRET CRLF "br-7#" },
		PREP_IOS("br-7#"),
		{ "show clock\n", "show clock" CRLF "10:00 UTC" CRLF "br-7#" },
		{ NULL, NULL }
	};
	static const char *const cmds[] = { "show clock", NULL };
	static const struct session s = {
		.opts = { .enable_secret = SECRET },
		.banner = "br-7>", .x = x, .cmds = cmds,
	};
	struct result	 r;

	check_session(&s, &r);
	assert_complete(&r, 1, 1);
	assert_reply(&r, 0, IOSCLI_OK, "10:00 UTC\n", "", 0);
	assert_no_secret(&r);
	result_free(&r);
}
END_TEST

static const char *const wrong_secret_answers[] = {
	CRLF "% Access denied" CRLF CRLF "br-7>",
	CRLF "Password: ",
	SECRET CRLF "% Bad secrets" CRLF CRLF "br-7>",
	CRLF "br-7>",
};

START_TEST(test_enable_wrong)
{
	struct xchg	 x[] = {
		{ "\n", CRLF "br-7>" },
		{ "enable\n", "enable" CRLF "Password: " },
		{ SECRET "\n", wrong_secret_answers[_i] },
		{ NULL, NULL }
	};
	struct session	 s = {
		.opts = { .enable_secret = SECRET },
		.banner = "br-7>", .x = x,
	};
	struct result	 r;

	check_session(&s, &r);
	ck_assert_int_eq(r.failed, 1);
	ck_assert_int_eq(r.ready, 0);
	ck_assert_str_eq(r.error, "enable refused");
	ck_assert_uint_eq(r.xi, 3);
	assert_no_secret(&r);
	result_free(&r);
}
END_TEST

/* enable without a password configured on the router. */
START_TEST(test_enable_no_password_set)
{
	static const struct xchg x[] = {
		{ "\n", CRLF "br-7>" },
		{ "enable\n", "enable" CRLF "% No password set" CRLF CRLF
		  "br-7>" },
		{ NULL, NULL }
	};
	static const struct session s = {
		.opts = { .enable_secret = SECRET },
		.banner = "br-7>", .x = x,
	};
	struct result	 r;

	check_session(&s, &r);
	ck_assert_int_eq(r.failed, 1);
	ck_assert_str_eq(r.error, "enable refused");
	result_free(&r);
}
END_TEST

/* ASA: trailing-space prompts, terminal pager 0 after terminal length 0
   is invalid, no terminal width, "<--- More --->" pages. */
#define ASA_ERASE	"\r              \r"

START_TEST(test_asa)
{
	static const struct xchg x[] = {
		{ "\n", CRLF "ciscoasa> " },
		{ "enable\n", "enable" CRLF "Password: " },
		{ "asa-en\n", CRLF "ciscoasa# " },
		{ "terminal length 0\n", "terminal length 0" CRLF
		  "          ^" CRLF
		  "ERROR: % Invalid input detected at '^' marker." CRLF
		  "ciscoasa# " },
		{ "terminal pager 0\n", "terminal pager 0" CRLF "ciscoasa# " },
		{ "show crypto isakmp sa\n", "show crypto isakmp sa" CRLF
		  "IKEv1 SAs:" CRLF CRLF
		  "   Active SA: 1" CRLF "<--- More --->" },
		{ " ", ASA_ERASE "    Rekey SA: 0" CRLF
		  "1   IKE Peer: 192.0.2.1" CRLF "<--- More --->" },
		{ " ", ASA_ERASE "    Type    : L2L  Role : initiator" CRLF
		  "ciscoasa# " },
		{ "show version | include Up\n", "show version | include Up"
		  CRLF "ciscoasa up 5 days 2 hours" CRLF "ciscoasa# " },
		{ NULL, NULL }
	};
	static const char *const cmds[] = {
		"show crypto isakmp sa", "show version | include Up", NULL
	};
	static const struct session s = {
		.opts = { .enable_secret = "asa-en" },
		.banner = CRLF "Type help or '?' for a list of available "
		    "commands." CRLF "ciscoasa> ",
		.x = x, .cmds = cmds,
	};
	struct result	 r;

	check_session(&s, &r);
	assert_complete(&r, 1, 2);
	ck_assert_str_eq(r.host, "ciscoasa");
	ck_assert_int_eq(r.priv, 1);
	ck_assert_int_eq(r.pager, 0);
	assert_reply(&r, 0, IOSCLI_OK, "IKEv1 SAs:\n\n   Active SA: 1\n"
	    "    Rekey SA: 0\n1   IKE Peer: 192.0.2.1\n"
	    "    Type    : L2L  Role : initiator\n", "", 2);
	assert_reply(&r, 1, IOSCLI_OK, "ciscoasa up 5 days 2 hours\n", "", 0);
	result_free(&r);
}
END_TEST

/* The ASA hint goes straight to terminal pager 0. */
START_TEST(test_asa_hint)
{
	static const struct xchg x[] = {
		{ "\n", CRLF "fw1/admin# " },
		{ "terminal pager 0\n", "terminal pager 0" CRLF "fw1/admin# " },
		{ NULL, NULL }
	};
	static const struct session s = {
		.opts = { .platform = IOSCLI_PLATFORM_ASA },
		.banner = "fw1/admin# ", .x = x,
	};
	struct result	 r;

	check_session(&s, &r);
	assert_complete(&r, 1, 0);
	ck_assert_str_eq(r.host, "fw1/admin");
	result_free(&r);
}
END_TEST

/* A paged running-config, its unpaged text, and the exchanges for it. */
#define PAGED_LINES	48
#define IOS_ERASE	"\b\b\b\b\b\b\b\b\b         \b\b\b\b\b\b\b\b\b"

struct paged {
	struct buf	 plain;		/* lines ending "\n" */
	struct buf	 ans[3];	/* what the router sends per page */
};

static void
paged_build(struct paged *pg, const char *echo, const char *more,
    const char *erase, int page, const char *prompt)
{
	char	 line[128];
	int	 i, t;

	memset(pg, 0, sizeof(*pg));
	buf_str(&pg->ans[0], echo);
	for (i = 0; i < PAGED_LINES; i++) {
		t = i / 4;
		switch (i % 4) {
		case 0:
			snprintf(line, sizeof(line), "interface Tunnel%d", t);
			break;
		case 1:
			snprintf(line, sizeof(line), " description to-peer-%d "
			    "> primary #%d", t, t);
			break;
		case 2:
			snprintf(line, sizeof(line), " ip address 10.%d.0.1 "
			    "255.255.255.252", t);
			break;
		default:
			snprintf(line, sizeof(line), "!");
			break;
		}
		buf_printf(&pg->plain, "%s\n", line);
		if (i > 0 && i % page == 0) {
			buf_str(&pg->ans[i / page - 1], more);
			buf_str(&pg->ans[i / page], erase);
		}
		buf_printf(&pg->ans[i / page], "%s" CRLF, line);
	}
	buf_str(&pg->ans[(PAGED_LINES - 1) / page], prompt);
}

static void
paged_free(struct paged *pg)
{
	int	 i;

	free(pg->plain.p);
	for (i = 0; i < 3; i++)
		free(pg->ans[i].p);
}

/* terminal length 0 refused by AAA without a secret: answer --More--. */
START_TEST(test_authorization_failed_pager)
{
	struct paged	 pg;
	struct result	 r;

	paged_build(&pg, "show running-config" CRLF, " --More-- ",
	    IOS_ERASE, 21, "hq-3>");
	{
		struct xchg x[] = {
			{ "\n", CRLF "hq-3>" },
			{ "terminal length 0\n", "terminal length 0" CRLF
			  "% Authorization failed." CRLF CRLF "hq-3>" },
			{ "terminal width 511\n", "terminal width 511" CRLF
			  "Command authorization failed." CRLF CRLF "hq-3>" },
			{ "show running-config\n", pg.ans[0].p },
			{ " ", pg.ans[1].p },
			{ " ", pg.ans[2].p },
			{ NULL, NULL }
		};
		static const char *const cmds[] = {
			"show running-config", NULL
		};
		struct session s = {
			.banner = "hq-3>", .x = x, .cmds = cmds,
		};

		check_session(&s, &r);
	}
	assert_complete(&r, 1, 1);
	ck_assert_int_eq(r.pager, 1);
	ck_assert_int_eq(r.priv, 0);
	assert_reply(&r, 0, IOSCLI_OK, pg.plain.p, "", 2);
	ck_assert_ptr_null(strstr(r.rep[0].text, "More"));
	ck_assert_ptr_null(strchr(r.rep[0].text, '\b'));
	result_free(&r);
	paged_free(&pg);
}
END_TEST

/* Paging that comes back although terminal length 0 worked. */
START_TEST(test_pager_not_in_pager_mode)
{
	struct paged	 pg;
	struct result	 r;

	paged_build(&pg, "show running-config" CRLF, "<--- More --->",
	    ASA_ERASE, 22, "hq-1#");
	{
		struct xchg x[] = {
			{ "\n", CRLF "hq-1#" },
			PREP_IOS("hq-1#"),
			{ "show running-config\n", pg.ans[0].p },
			{ " ", pg.ans[1].p },
			{ " ", pg.ans[2].p },
			{ NULL, NULL }
		};
		static const char *const cmds[] = {
			"show running-config", NULL
		};
		struct session s = {
			.banner = "hq-1#", .x = x, .cmds = cmds,
		};

		check_session(&s, &r);
	}
	assert_complete(&r, 1, 1);
	ck_assert_int_eq(r.pager, 0);
	assert_reply(&r, 0, IOSCLI_OK, pg.plain.p, "", 2);
	result_free(&r);
	paged_free(&pg);
}
END_TEST

/* Refused commands, legitimate '%' lines, prompt-like output lines. */
START_TEST(test_errors_and_output)
{
	static const struct xchg x[] = {
		{ "\n", CRLF "hq-1#" },
		PREP_IOS("hq-1#"),
		{ "show crypto isakmp sa detial\n",
		  "show crypto isakmp sa detial" CRLF
		  "                            ^" CRLF
		  "% Invalid input detected at '^' marker." CRLF CRLF
		  "hq-1#" },
		{ "show ip route 10.9.9.9\n", "show ip route 10.9.9.9" CRLF
		  "% Network not in table" CRLF "hq-1#" },
		{ "show crypto map\n", "show crypto map" CRLF
		  "Crypto Map \"CM\" 10 ipsec-isakmp" CRLF
		  "        % Crypto map CM 10 is incomplete" CRLF "hq-1#" },
		{ "show crypto\n", "show crypto" CRLF
		  "% Type \"show crypto ?\" for a list of subcommands" CRLF
		  "hq-1#" },
		{ "show logging\n", "show logging" CRLF
		  "Syslog logging: enabled" CRLF
		  "hq-1#show run" CRLF
		  "hq-1>" CRLF
		  "interface X > Y" CRLF
		  "  description to-branch#2 > primary #" CRLF
		  "hq-1(config)# is not the end either" CRLF
		  "#" CRLF ">" CRLF "hq-1#" },
		{ "show users\n", "show users" CRLF
		  "% Authorization failed." CRLF CRLF "hq-1#" },
		{ NULL, NULL }
	};
	static const char *const cmds[] = {
		"show crypto isakmp sa detial", "show ip route 10.9.9.9",
		"show crypto map", "show crypto", "show logging",
		"show users", NULL
	};
	static const struct session s = {
		.banner = "hq-1#", .x = x, .cmds = cmds,
		.ambiguous_host = "hq-1",
	};
	struct result	 r;

	check_session(&s, &r);
	assert_complete(&r, 1, 6);
	assert_reply(&r, 0, IOSCLI_ERR_COMMAND,
	    "                            ^\n"
	    "% Invalid input detected at '^' marker.\n\n",
	    "% Invalid input detected at '^' marker.", 0);
	assert_reply(&r, 1, IOSCLI_OK, "% Network not in table\n", "", 0);
	assert_reply(&r, 2, IOSCLI_OK, "Crypto Map \"CM\" 10 ipsec-isakmp\n"
	    "        % Crypto map CM 10 is incomplete\n", "", 0);
	assert_reply(&r, 3, IOSCLI_ERR_COMMAND,
	    "% Type \"show crypto ?\" for a list of subcommands\n",
	    "% Type \"show crypto ?\" for a list of subcommands", 0);
	assert_reply(&r, 4, IOSCLI_OK, "Syslog logging: enabled\n"
	    "hq-1#show run\nhq-1>\ninterface X > Y\n"
	    "  description to-branch#2 > primary #\n"
	    "hq-1(config)# is not the end either\n#\n>\n", "", 0);
	assert_reply(&r, 5, IOSCLI_ERR_COMMAND,
	    "% Authorization failed.\n\n", "% Authorization failed.", 0);
	result_free(&r);
}
END_TEST

/* Stray prompts before the echo: fed while idle, or before the echo. */
START_TEST(test_back_to_back)
{
	static const struct xchg x[] = {
		{ "\n", CRLF "hq-1#" },
		PREP_IOS("hq-1#"),
		{ "show clock\n", "show clock" CRLF "10:00" CRLF "hq-1#" },
		{ "show clock\n", "show clock" CRLF "10:01" CRLF "hq-1#" },
		{ "show users\n", CRLF "hq-1#" CRLF "hq-1#show users" CRLF
		  "    Line       User       Host(s)" CRLF
		  "*  2 vty 0     poller     idle" CRLF CRLF "hq-1#" },
		{ "show clock\n", "show clock" CRLF "10:02" CRLF "hq-1#" },
		{ NULL, NULL }
	};
	static const char *const cmds[] = {
		"show clock", "show clock", "show users", "show clock", NULL
	};
	static const char *const idle[] = {
		NULL, CRLF "hq-1#", NULL, CRLF "hq-1#" CRLF CRLF "hq-1#\r"
	};
	static const struct session s = {
		.banner = "hq-1#", .x = x, .cmds = cmds, .idle = idle,
	};
	struct result	 r;

	check_session(&s, &r);
	assert_complete(&r, 1, 4);
	assert_reply(&r, 0, IOSCLI_OK, "10:00\n", "", 0);
	assert_reply(&r, 1, IOSCLI_OK, "10:01\n", "", 0);
	assert_reply(&r, 2, IOSCLI_OK, "    Line       User       Host(s)\n"
	    "*  2 vty 0     poller     idle\n\n", "", 0);
	assert_reply(&r, 3, IOSCLI_OK, "10:02\n", "", 0);
	/* the bytes kept while idle count for the command they preceded */
	ck_assert_uint_eq(r.rep[1].raw, strlen(CRLF "hq-1#") +
	    strlen(x[4].answer));
	result_free(&r);
}
END_TEST

/* A device that does not echo the command. */
START_TEST(test_no_echo)
{
	static const struct xchg x[] = {
		{ "\n", CRLF "hq-1#" },
		PREP_IOS("hq-1#"),
		{ "show clock\n", "*10:00:00 UTC" CRLF "hq-1#" },
		{ "show version\n", CRLF "hq-1#" CRLF "IOS 17.9" CRLF
		  "up 2 days" CRLF "hq-1#" },
		{ NULL, NULL }
	};
	static const char *const cmds[] = {
		"show clock", "show version", NULL
	};
	static const struct session s = {
		.banner = "hq-1#", .x = x, .cmds = cmds,
	};
	struct result	 r;

	check_session(&s, &r);
	assert_complete(&r, 1, 2);
	assert_reply(&r, 0, IOSCLI_OK, "*10:00:00 UTC\n", "", 0);
	assert_reply(&r, 1, IOSCLI_OK, "IOS 17.9\nup 2 days\n", "", 0);
	result_free(&r);
}
END_TEST

/* A router that prints no prompt until a key is pressed. */
START_TEST(test_nudge)
{
	static const struct xchg x[] = {
		{ "\n", CRLF "quiet-1>" },
		{ "\n", CRLF "quiet-1>" },
		PREP_IOS("quiet-1>"),
		{ NULL, NULL }
	};
	static const struct session s = {
		.banner = "", .x = x, .nudges = 1,
	};
	struct result	 r;

	check_session(&s, &r);
	assert_complete(&r, 1, 0);
	ck_assert_str_eq(r.host, "quiet-1");
	ck_assert_int_eq(r.priv, 0);
	result_free(&r);
}
END_TEST

/* A second login inside the shell is never answered. */
START_TEST(test_inshell_login)
{
	static const char *const banners[] = {
		CRLF CRLF "User Access Verification" CRLF CRLF "Username: ",
		CRLF "Password: ",
	};
	static const struct xchg x[] = { { NULL, NULL } };
	struct session	 s = {
		.opts = { .enable_secret = SECRET },
		.banner = banners[_i], .x = x,
	};
	struct result	 r;

	check_session(&s, &r);
	ck_assert_int_eq(r.failed, 1);
	ck_assert_str_eq(r.error, "in-shell login prompt; configure the vty "
	    "for SSH authentication");
	ck_assert_int_eq(r.bad_write, 0);
	result_free(&r);
}
END_TEST

/* A long hostname cut short in a later prompt (RANCID's 11 characters). */
START_TEST(test_truncated_prompt)
{
	static const struct xchg x[] = {
		{ "\n", CRLF "edge-router-frankfurt-01#" },
		PREP_IOS("edge-router-frankfurt-01#"),
		{ "show clock\n", "show clock" CRLF "10:00" CRLF
		  "edge-router-frank#" },
		{ "show clock\n", "show clock" CRLF "10:01" CRLF
		  "edge-router-frankfurt-01(config)#" },
		{ NULL, NULL }
	};
	static const char *const cmds[] = { "show clock", "show clock", NULL };
	static const struct session s = {
		.banner = "edge-router-frankfurt-01#", .x = x, .cmds = cmds,
	};
	struct result	 r;

	check_session(&s, &r);
	assert_complete(&r, 1, 2);
	ck_assert_str_eq(r.host, "edge-router-frankfurt-01");
	assert_reply(&r, 0, IOSCLI_OK, "10:00\n", "", 0);
	assert_reply(&r, 1, IOSCLI_OK, "10:01\n", "", 0);
	result_free(&r);
}
END_TEST

/* Direct drives, for streams too big to replay every way. */

static void
drain(struct ioscli *cli)
{
	size_t	 n;

	(void)ioscli_outbuf(cli, &n);
	ioscli_consumed(cli, n);
}

static void
expect_write(struct ioscli *cli, const char *want)
{
	const char	*p;
	size_t		 n;

	p = ioscli_outbuf(cli, &n);
	ck_assert_uint_eq(n, strlen(want));
	ck_assert(memcmp(p, want, n) == 0);
	ioscli_consumed(cli, n);
}

static enum ioscli_event
feed_str(struct ioscli *cli, const char *s)
{
	return ioscli_feed(cli, s, strlen(s));
}

static struct ioscli *
ready_cli(size_t cap)
{
	struct ioscli_opts o = { .output_cap = cap };
	struct ioscli	*cli = ioscli_new(&o);

	ck_assert_int_eq(feed_str(cli, "r1#"), IOSCLI_EV_NONE);
	expect_write(cli, "\n");
	ck_assert_int_eq(feed_str(cli, CRLF "r1#"), IOSCLI_EV_NONE);
	expect_write(cli, "terminal length 0\n");
	ck_assert_int_eq(feed_str(cli, "terminal length 0" CRLF "r1#"),
	    IOSCLI_EV_NONE);
	expect_write(cli, "terminal width 511\n");
	ck_assert_int_eq(feed_str(cli, "terminal width 511" CRLF "r1#"),
	    IOSCLI_EV_READY);
	ck_assert_str_eq(ioscli_state_name(cli), "idle");
	return cli;
}

#define BIG	(10 * 1024 * 1024)
#define CHUNK	65536
#define CAP	100000	/* not a power of two: growth must stop at the cap */
/* what may be allocated beyond the cap while a command runs (measured: ~20) */
#define SLACK	(16 * 1024)

static char chunk[CHUNK + 1];	/* + the last snprintf NUL */

START_TEST(test_cap_10mib)
{
	const struct ioscli_reply *rep;
	struct ioscli	*cli = ready_cli(CAP);
	size_t		 base = heap_now(), peak = 0, fed = 0, i, n, raw;
	enum ioscli_event ev;

	ck_assert_int_eq(ioscli_run(cli, "show tech-support"), 0);
	expect_write(cli, "show tech-support\n");
	raw = strlen("show tech-support" CRLF);
	ck_assert_int_eq(feed_str(cli, "show tech-support" CRLF),
	    IOSCLI_EV_NONE);
	while (fed < BIG) {
		for (i = 0; i < CHUNK; i += 64)
			snprintf(chunk + i, 65, "line %09zu %-47s\r\n",
			    (fed + i) / 64, "................................");
		n = MIN((size_t)CHUNK, (size_t)BIG - fed);
		ck_assert_int_eq(ioscli_feed(cli, chunk, n), IOSCLI_EV_NONE);
		fed += n;
		peak = MAX(peak, heap_now() - base);
	}
	raw += fed;
	ev = feed_str(cli, CRLF "r1#");
	raw += strlen(CRLF "r1#");
	ck_assert_int_eq(ev, IOSCLI_EV_DONE);
	rep = ioscli_reply(cli);
	ck_assert_int_eq(rep->status, IOSCLI_ERR_TRUNCATED);
	ck_assert_str_eq(rep->error, "output truncated at 100000 bytes (cap)");
	ck_assert_uint_le(rep->len, CAP);
	ck_assert_uint_gt(rep->len, CAP - 64);	/* whole lines, up to the cap */
	ck_assert_uint_eq(strlen(rep->text), rep->len);
	ck_assert_int_eq(rep->text[rep->len - 1], '\n');
	ck_assert(strncmp(rep->text, "line 000000000 ", 15) == 0);
	ck_assert_uint_eq(rep->raw_bytes, raw);
	ck_assert_msg(peak < CAP + SLACK, "heap grew by %zu", peak);
	ioscli_free(cli);
}
END_TEST

/* 10 MiB on one line, with NULs and 0xff: bounded, and the prompt after. */
START_TEST(test_huge_line)
{
	const struct ioscli_reply *rep;
	struct ioscli	*cli = ready_cli(CAP);
	size_t		 base = heap_now(), peak = 0, fed = 0, i;

	for (i = 0; i < CHUNK; i++)
		chunk[i] = (char)(i % 7 == 0 ? 0 : i % 11 == 0 ? 0xff : 'A');
	ck_assert_int_eq(ioscli_run(cli, "show x"), 0);
	drain(cli);
	ck_assert_int_eq(feed_str(cli, "show x" CRLF), IOSCLI_EV_NONE);
	while (fed < BIG) {
		ck_assert_int_eq(ioscli_feed(cli, chunk, CHUNK),
		    IOSCLI_EV_NONE);
		fed += CHUNK;
		peak = MAX(peak, heap_now() - base);
	}
	ck_assert_int_eq(feed_str(cli, "r1#"), IOSCLI_EV_NONE);
	ck_assert_int_eq(feed_str(cli, CRLF "r1#"), IOSCLI_EV_DONE);
	rep = ioscli_reply(cli);
	ck_assert_int_eq(rep->status, IOSCLI_ERR_TRUNCATED);
	ck_assert_uint_eq(rep->len, 0);	/* only whole lines are kept */
	ck_assert_msg(peak < CAP + SLACK, "heap grew by %zu", peak);
	ioscli_free(cli);
}
END_TEST

static uint64_t
xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void
garbage(struct ioscli *cli, uint64_t seed, size_t total)
{
	static char	 g[8192];
	size_t		 fed = 0, n, i, base = heap_now(), peak = 0;

	while (fed < total) {
		n = 1 + xorshift(&seed) % sizeof(g);
		for (i = 0; i < n; i++)
			g[i] = (char)(xorshift(&seed) >> 24);
		ck_assert_int_eq(ioscli_feed(cli, g, n), IOSCLI_EV_NONE);
		drain(cli);
		fed += n;
		peak = MAX(peak, heap_now() - base);
	}
	ck_assert_msg(peak < CAP + SLACK, "heap grew by %zu", peak);
}

START_TEST(test_garbage_banner)
{
	struct ioscli_opts o = { .enable_secret = SECRET, .output_cap = CAP };
	struct ioscli	*cli = ioscli_new(&o);

	garbage(cli, 0x9e3779b97f4a7c15ULL, 4 * 1024 * 1024);
	ck_assert_ptr_null(ioscli_hostname(cli));
	ioscli_free(cli);
}
END_TEST

START_TEST(test_garbage_command)
{
	const struct ioscli_reply *rep;
	struct ioscli	*cli = ready_cli(CAP);

	ck_assert_int_eq(ioscli_run(cli, "show x"), 0);
	drain(cli);
	garbage(cli, 0x2545f4914f6cdd1dULL, 4 * 1024 * 1024);
	/* whatever state the decoder is in, a line end and a prompt end it */
	ck_assert_int_eq(feed_str(cli, "\r\n\r\nr1#"), IOSCLI_EV_DONE);
	rep = ioscli_reply(cli);
	ck_assert_uint_le(rep->len, CAP);
	ck_assert_uint_eq(strlen(rep->text), rep->len);
	ioscli_free(cli);
}
END_TEST

/*
 * The documented limit: data that stop right after a prompt-shaped start
 * of an output line end the command there.
 */
START_TEST(test_prompt_shaped_data_end)
{
	const struct ioscli_reply *rep;
	struct ioscli	*cli = ready_cli(0);

	ck_assert_int_eq(ioscli_run(cli, "show logging"), 0);
	drain(cli);
	ck_assert_int_eq(feed_str(cli, "show logging" CRLF "a" CRLF "r1#"),
	    IOSCLI_EV_DONE);
	rep = ioscli_reply(cli);
	ck_assert_str_eq(rep->text, "a\n");
	ioscli_free(cli);
}
END_TEST

START_TEST(test_run_refused)
{
	struct ioscli	*cli = ioscli_new(NULL);

	ck_assert_int_eq(ioscli_run(cli, "show clock"), -1);	/* banner */
	ck_assert_ptr_null(ioscli_reply(cli));
	ck_assert_str_eq(ioscli_error(cli), "");
	ioscli_free(cli);

	cli = ready_cli(0);
	ck_assert_int_eq(ioscli_run(cli, "show clock\nreload"), -1);
	ck_assert_int_eq(ioscli_run(cli, NULL), -1);
	ck_assert_int_eq(ioscli_run(cli, "show clock"), 0);
	ck_assert_int_eq(ioscli_run(cli, "show clock"), -1);	/* busy */
	ck_assert_str_eq(ioscli_state_name(cli), "command");
	ioscli_free(cli);
}
END_TEST

/* Bytes after FAILED are dropped; nothing is written for them. */
START_TEST(test_after_failed)
{
	struct ioscli	*cli = ioscli_new(NULL);
	size_t		 n;

	ck_assert_int_eq(feed_str(cli, "Username: "), IOSCLI_EV_FAILED);
	ck_assert_int_eq(feed_str(cli, "hq-1#"), IOSCLI_EV_NONE);
	ck_assert_int_eq(ioscli_poll(cli), IOSCLI_EV_NONE);
	ioscli_nudge(cli);
	(void)ioscli_outbuf(cli, &n);
	ck_assert_uint_eq(n, 0);
	ck_assert_str_eq(ioscli_state_name(cli), "failed");
	ioscli_free(cli);
}
END_TEST

static Suite *
ioscli_suite(void)
{
	Suite	*s = suite_create("ioscli");
	TCase	*tc = tcase_create("dialogue");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_plain_ios);
	tcase_add_test(tc, test_prompt_trailing_space);
	tcase_add_test(tc, test_line_endings);
	tcase_add_test(tc, test_echo_backspaces);
	tcase_add_test(tc, test_enable_ok);
	tcase_add_test(tc, test_enable_echoes_secret);
	tcase_add_loop_test(tc, test_enable_wrong, 0,
	    (int)(sizeof(wrong_secret_answers) / sizeof(wrong_secret_answers[0])));
	tcase_add_test(tc, test_enable_no_password_set);
	tcase_add_test(tc, test_asa);
	tcase_add_test(tc, test_asa_hint);
	tcase_add_test(tc, test_authorization_failed_pager);
	tcase_add_test(tc, test_pager_not_in_pager_mode);
	tcase_add_test(tc, test_errors_and_output);
	tcase_add_test(tc, test_back_to_back);
	tcase_add_test(tc, test_no_echo);
	tcase_add_test(tc, test_nudge);
	tcase_add_loop_test(tc, test_inshell_login, 0, 2);
	tcase_add_test(tc, test_truncated_prompt);
	tcase_add_test(tc, test_cap_10mib);
	tcase_add_test(tc, test_huge_line);
	tcase_add_test(tc, test_garbage_banner);
	tcase_add_test(tc, test_garbage_command);
	tcase_add_test(tc, test_prompt_shaped_data_end);
	tcase_add_test(tc, test_run_refused);
	tcase_add_test(tc, test_after_failed);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(ioscli_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

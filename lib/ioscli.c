/*
 * ioscli.c: the IOS/ASA command-line dialogue over a pty shell.
 *
 * Every received byte goes through one decoder: ANSI escapes are dropped,
 * "\r\n", "\r\r\n" and "\n\r" become one line end, a lone "\r" followed by
 * text repaints (empties) the current line and a backspace deletes the
 * character before it. Complete lines are handed to the current state.
 *
 * What the line still being typed means -- a prompt, a "--More--", a
 * "Password:" -- is decided only at the end of the received data
 * ("settle"): a prompt is a prompt only when nothing follows it, because
 * show running-config and show logging can contain "hq-1#" or "a > b" at
 * the start of a line. As a consequence every event completes at the end
 * of a feed, and bytes fed while no command runs are kept (bounded) for
 * the next command, which skips stray prompts and blank lines before its
 * echo.
 *
 * The limit of that rule, shared by every screen scraper: if the data
 * happen to stop right after a prompt-shaped start of an output line
 * ("...\r\nhq-1#" followed later by "show run\r\n"), the command ends
 * there. Prompt-shaped means the learned hostname, nothing but prompt
 * characters and a final '>' or '#', so ordinary output does not qualify.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ioscli.h"
#include "util.h"

#define LINE_KEEP	2048	/* the current line kept whole; longer ones
				   are passed on in pieces (never a prompt) */
#define CMD_MAX		1024	/* longest command ioscli_run accepts */
#define HOST_MAX	63	/* hostname part of a prompt */
#define PREP_CAP	4096	/* output kept for the session-prep commands */
#define PENDING_MAX	65536	/* bytes kept while no command runs */
#define DEFAULT_CAP	(16 * 1024 * 1024)
#define ECHO_TAIL	24	/* a scrolled echo shows the command's tail */
#define ESC_MAX		64	/* longer "escape sequences" are text */
#define TRUNC_KEEP	11	/* RANCID: a prompt keeps >= 11 hostname chars */

#define CMD_IOS_LENGTH	"terminal length 0"
#define CMD_ASA_PAGER	"terminal pager 0"
#define CMD_WIDTH	"terminal width 511"

#define ERR_LOGIN	"in-shell login prompt; configure the vty for SSH " \
			"authentication"
#define ERR_ENABLE	"enable refused"

enum state {
	ST_BANNER,	/* reading the banner until a prompt-like last line */
	ST_PROBE,	/* sent "\n": the repeated prompt gives the hostname */
	ST_ENABLE,	/* sent "enable" */
	ST_SECRET,	/* sent the enable secret */
	ST_PAGING,	/* terminal length 0 / terminal pager 0 */
	ST_WIDTH,	/* terminal width 511 */
	ST_IDLE,	/* ready for a command */
	ST_COMMAND,	/* the caller's command runs */
	ST_FAILED,
	ST_COUNT
};

enum esc {
	ESC_NONE,
	ESC_START,	/* after ESC */
	ESC_CSI,	/* ESC [ params final */
	ESC_OSC		/* ESC ] ... BEL or ESC \ */
};

/* The line being received, after decoding. */
struct line {
	char		 buf[LINE_KEEP];
	size_t		 len;
	size_t		 passed;	/* bytes of this line handed on already */
	int		 cr;		/* a '\r' waits: line end or repaint? */
	enum esc	 esc;
	size_t		 esclen;
};

/* Command output as it will be returned: whole lines, at most cap bytes. */
struct text {
	char		*p;
	size_t		 len;
	size_t		 size;
	size_t		 cap;
	size_t		 line0;		/* start of the line being added */
	int		 full;		/* something did not fit */
};

enum errkind {
	ERRK_NONE,
	ERRK_REFUSED,	/* invalid, incomplete, ambiguous, unknown */
	ERRK_AUTH	/* command authorization */
};

/* One command in flight, the prep ones and enable included. */
struct cmd {
	char		*line;		/* as sent, without "\n" */
	char		 key[CMD_MAX + 1];	/* squeezed, lower case */
	size_t		 keylen;
	char		 tailkey[CMD_MAX + 1];	/* the same without '$' */
	size_t		 tailkeylen;
	int		 echoed;
	int		 content;	/* output seen without an echo */
	int		 refused;	/* enable: % Access denied and friends */
	int		 pages;
	size_t		 raw;
	enum errkind	 errkind;
	char		 error[256];
	struct text	 text;
};

struct ioscli;

struct state_ops {
	const char	*name;
	/* A line (eol) or a piece of an overlong one (!eol) was received. */
	void		(*line)(struct ioscli *, const char *, size_t, int);
	/* The received data ended: decide on the line being typed. */
	enum ioscli_event (*settle)(struct ioscli *);
};

struct ioscli {
	enum state	 state;
	char		*secret;
	size_t		 cap;
	enum ioscli_platform_hint platform;

	struct line	 ln;
	struct cmd	 cmd;

	struct ioscli_reply reply;
	char		*reply_cmd;
	int		 have_reply;

	char		*out;		/* to be written to the channel */
	size_t		 outlen;
	size_t		 outsize;

	char		*pend;		/* received while idle */
	size_t		 pendlen;

	char		 prev[HOST_MAX + 8];	/* last non-blank line, if short */
	size_t		 prevlen;

	char		 host[HOST_MAX + 1];
	int		 host_known;
	int		 privileged;
	int		 pager;
	int		 asa;
	int		 enable_tried;
	size_t		 carry;		/* raw bytes owed to the next command */
	const char	*paging_cmd;
	char		 error[256];
};

static const struct state_ops states[ST_COUNT];

/* Character classes, ASCII only: the locale must not change the dialogue. */

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' ||
	    c == '\r' || c == '\n';
}

static int
is_prompt_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' ||
	    c == '@' || c == '/' || c == ':' || c == '(' || c == ')';
}

static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static size_t
rtrim(const char *s, size_t n)
{
	while (n > 0 && is_space((unsigned char)s[n - 1]))
		n--;
	return n;
}

static size_t
ltrim(const char *s, size_t n)
{
	size_t	 i = 0;

	while (i < n && is_space((unsigned char)s[i]))
		i++;
	return i;
}

static int
has_prefix(const char *s, size_t n, const char *pfx)
{
	size_t	 m = strlen(pfx);

	return n >= m && memcmp(s, pfx, m) == 0;
}

static int
has_suffix_ci(const char *s, size_t n, const char *sfx)
{
	size_t	 m = strlen(sfx), i;

	if (n < m)
		return 0;
	for (i = 0; i < m; i++)
		if (lower((unsigned char)s[n - m + i]) !=
		    lower((unsigned char)sfx[i]))
			return 0;
	return 1;
}

static int
contains(const char *s, size_t n, const char *needle)
{
	return memmem(s, n, needle, strlen(needle)) != NULL;
}

/* Bytes to the router. The buffer may hold the secret: wipe what is freed. */

static void
send_str(struct ioscli *cli, const char *s)
{
	size_t	 n = strlen(s), size;
	char	*p;

	if (n > cli->outsize - cli->outlen) {
		size = MAXIMUM(cli->outsize * 2, cli->outlen + n + 64);
		p = xmalloc(size);
		if (cli->outlen > 0)
			memcpy(p, cli->out, cli->outlen);
		if (cli->out != NULL) {
			explicit_bzero(cli->out, cli->outsize);
			free(cli->out);
		}
		cli->out = p;
		cli->outsize = size;
	}
	memcpy(cli->out + cli->outlen, s, n);
	cli->outlen += n;
}

/* Output text. */

static void
text_init(struct text *t, size_t cap)
{
	free(t->p);
	memset(t, 0, sizeof(*t));
	t->cap = cap;
}

static void
text_reset(struct text *t)
{
	t->len = t->line0 = 0;
	t->full = 0;
}

static void
text_grow(struct text *t, size_t want)
{
	size_t	 size;

	if (want <= t->size)
		return;
	size = MAXIMUM(t->size * 2, MAXIMUM(want, 256));
	/* never more than the cap allows: memory stays cap + constant */
	size = MINIMUM(size, t->cap + 1);
	t->p = xreallocarray(t->p, size, 1);
	t->size = size;
}

/* Add a line (eol) or a piece of one; a line that does not fit is dropped. */
static void
text_put(struct text *t, const char *s, size_t n, int eol)
{
	size_t	 need = n + (eol ? 1 : 0);

	if (t->full)
		return;
	if (need > t->cap - t->len) {
		t->full = 1;
		t->len = t->line0;	/* keep whole lines only */
		return;
	}
	text_grow(t, t->len + need + 1);
	if (n > 0)
		memcpy(t->p + t->len, s, n);
	t->len += n;
	if (eol) {
		t->p[t->len++] = '\n';
		t->line0 = t->len;
	}
}

/* Hand the text over as a NUL-terminated string. */
static char *
text_take(struct text *t, size_t *len)
{
	char	*p;

	t->len = t->line0;	/* a line still open is not output */
	text_grow(t, t->len + 1);
	if (t->p == NULL)
		t->p = xcalloc(1, 1);
	t->p[t->len] = '\0';
	p = t->p;
	*len = t->len;
	t->p = NULL;
	t->size = t->len = t->line0 = 0;
	return p;
}

/* Line shapes. */

/* ^[A-Za-z0-9._\-@/:()]{1,63}[>#]\s*$ */
static int
prompt_like(const char *s, size_t n)
{
	size_t	 i;

	n = rtrim(s, n);
	if (n < 2 || n - 1 > HOST_MAX || (s[n - 1] != '>' && s[n - 1] != '#'))
		return 0;
	for (i = 0; i < n - 1; i++)
		if (!is_prompt_char((unsigned char)s[i]))
			return 0;
	return 1;
}

/*
 * The learned prompt: the hostname, then "(mode)" or, when the hostname is
 * longer than 11 characters, its first 11 and anything a prompt may hold
 * (IOS cuts long hostnames short), then '>' or '#' and optional spaces.
 * RANCID allows any [^#>\r\n] after the 11 characters; prompts never hold
 * spaces, so neither does this, which keeps output lines out.
 */
static int
prompt_match(const struct ioscli *cli, const char *s, size_t n)
{
	size_t	 hl = strlen(cli->host), body;

	if (!cli->host_known || !prompt_like(s, n))
		return 0;
	body = rtrim(s, n) - 1;
	if (body < hl) {
		return hl > TRUNC_KEEP && body >= TRUNC_KEEP &&
		    memcmp(s, cli->host, TRUNC_KEEP) == 0;
	}
	if (memcmp(s, cli->host, hl) == 0) {
		if (body == hl)
			return 1;
		if (s[hl] == '(' && s[body - 1] == ')')
			return 1;
	}
	return hl > TRUNC_KEEP && memcmp(s, cli->host, TRUNC_KEEP) == 0;
}

/* The length of "<hostname>[(mode)]>" or '#' and spaces starting s, or 0. */
static size_t
prompt_prefix(const struct ioscli *cli, const char *s, size_t n)
{
	size_t	 hl = strlen(cli->host), i;

	if (!cli->host_known || n <= hl || memcmp(s, cli->host, hl) != 0)
		return 0;
	i = hl;
	if (s[i] == '(') {
		while (i < n && s[i] != ')' && is_prompt_char((unsigned char)s[i]))
			i++;
		if (i == n || s[i] != ')')
			return 0;
		i++;
	}
	if (i == n || (s[i] != '>' && s[i] != '#'))
		return 0;
	for (i++; i < n && s[i] == ' '; i++)
		;
	return i;
}

/* The line ends in '#' (privileged) rather than '>'. */
static int
prompt_hash(const char *s, size_t n)
{
	n = rtrim(s, n);
	return n > 0 && s[n - 1] == '#';
}

/* IOS " --More-- ", ASA "<--- More --->", alone on the line. */
static int
pager_prompt(const char *s, size_t n)
{
	size_t	 i = ltrim(s, n), d;

	n = rtrim(s, n);
	if (i >= n)
		return 0;
	s += i;
	n -= i;
	if (n == 8 && memcmp(s, "--More--", 8) == 0)
		return 1;
	if (s[0] != '<' || s[n - 1] != '>')
		return 0;
	for (d = 1; d < n && s[d] == '-'; d++)
		;
	if (d == 1 || n - d < 7 || memcmp(s + d, " More ", 6) != 0)
		return 0;
	for (d += 6; d < n - 1 && s[d] == '-'; d++)
		;
	return d == n - 1 && s[d - 1] == '-';
}

/* /[Pp]assword:\s*$/ */
static int
password_prompt(const char *s, size_t n)
{
	n = rtrim(s, n);
	return n >= 9 && memcmp(s + n - 8, "assword:", 8) == 0 &&
	    (s[n - 9] == 'p' || s[n - 9] == 'P');
}

/* A second, in-shell login (vty "login" under SSH): never answered. */
static int
login_prompt(const char *s, size_t n)
{
	static const char *const words[] = {
		"username:", "user name:", "login:", "user:", "password:"
	};
	size_t	 i, b = ltrim(s, n);

	n = rtrim(s, n);
	if (b >= n || n - b > 40)
		return 0;
	for (i = 0; i < NITEMS(words); i++) {
		if (has_suffix_ci(s, n, words[i]))
			return 1;
	}
	return 0;
}

/*
 * The lines that mean the router refused the command. Other '%' lines
 * ("% Network not in table") are answers.
 */
static enum errkind
error_line(const char *s, size_t n)
{
	static const char *const refused[] = {
		"% Invalid input detected", "% Incomplete command",
		"% Ambiguous command", "% Unknown command", "% Type \""
	};
	static const char *const auth[] = {
		"% Authorization failed", "% Authorization denied",
		"Command authorization failed"
	};
	size_t	 i = ltrim(s, n);

	s += i;
	n -= i;
	if (has_prefix(s, n, "ERROR: ")) {	/* ASA */
		s += 7;
		n -= 7;
		i = ltrim(s, n);
		s += i;
		n -= i;
	}
	for (i = 0; i < NITEMS(refused); i++)
		if (has_prefix(s, n, refused[i]))
			return ERRK_REFUSED;
	for (i = 0; i < NITEMS(auth); i++)
		if (has_prefix(s, n, auth[i]))
			return ERRK_AUTH;
	return ERRK_NONE;
}

static int
enable_refusal(const char *s, size_t n)
{
	return contains(s, n, "% Access denied") ||
	    contains(s, n, "% Bad secrets") ||
	    contains(s, n, "% Bad passwords") ||
	    contains(s, n, "% No password set") ||
	    contains(s, n, "% Error in authentication");
}

/* Lower case, no whitespace, optionally no '$': how echoes are compared. */
static size_t
squeeze(const char *s, size_t n, char *dst, int dollar)
{
	size_t	 i, m = 0;

	for (i = 0; i < n; i++) {
		if (is_space((unsigned char)s[i]) || (!dollar && s[i] == '$'))
			continue;
		dst[m++] = (char)lower((unsigned char)s[i]);
	}
	return m;
}

static int
ends_with(const char *s, size_t n, const char *t, size_t m)
{
	return n >= m && memcmp(s + n - m, t, m) == 0;
}

/*
 * The echo line: with backspaces applied (the decoder did that) and
 * whitespace removed, it ends with the command. When IOS scrolls a long
 * command it repaints it as "$" + its tail, so a line holding a '$' also
 * counts when it ends with the last ECHO_TAIL characters of the command.
 */
static int
is_echo(const struct cmd *cmd, const char *s, size_t n)
{
	char	 sq[LINE_KEEP];
	size_t	 m, t;

	m = squeeze(s, n, sq, 1);
	if (ends_with(sq, m, cmd->key, cmd->keylen))
		return 1;
	if (memchr(sq, '$', m) == NULL)
		return 0;
	m = squeeze(s, n, sq, 0);
	t = MINIMUM(cmd->tailkeylen, ECHO_TAIL);
	return ends_with(sq, m, cmd->tailkey + cmd->tailkeylen - t, t);
}

/* The decoder. */

static void
line_end(struct ioscli *cli)
{
	struct line	*ln = &cli->ln;

	states[cli->state].line(cli, ln->buf, ln->len, 1);
	ln->len = 0;
	ln->passed = 0;
}

/* The line is too long to keep whole: pass on what there is. */
static void
line_pass(struct ioscli *cli)
{
	struct line	*ln = &cli->ln;

	states[cli->state].line(cli, ln->buf, ln->len, 0);
	ln->passed += ln->len;
	ln->len = 0;
}

static void
text_byte(struct ioscli *cli, unsigned char c)
{
	struct line	*ln = &cli->ln;

	if (ln->cr) {
		if (c == '\r')
			return;
		ln->cr = 0;
		if (c == '\n') {
			line_end(cli);
			return;
		}
		ln->len = 0;	/* lone "\r": the line is being repainted */
	}
	if (c == '\r')
		ln->cr = 1;
	else if (c == '\n')
		line_end(cli);
	else if (c == '\b') {
		if (ln->len > 0)
			ln->len--;
	} else if ((c < 0x20 && c != '\t') || c == 0x7f) {
		/* NUL padding, bells: nothing a reader wants */
	} else {
		if (ln->len == sizeof(ln->buf))
			line_pass(cli);
		ln->buf[ln->len++] = (char)c;
	}
}

/* Returns 1 when c belonged to an escape sequence. */
static int
escape_byte(struct line *ln, unsigned char c)
{
	if (++ln->esclen > ESC_MAX) {
		ln->esc = ESC_NONE;
		return 0;
	}
	if (ln->esc == ESC_START) {
		if (c == '[')
			ln->esc = ESC_CSI;
		else if (c == ']')
			ln->esc = ESC_OSC;
		else if (c >= 0x30 && c <= 0x7e)
			ln->esc = ESC_NONE;	/* ESC 7, ESC M, ESC ( B */
		else if (c < 0x20 || c > 0x2f) {
			ln->esc = ESC_NONE;	/* not an escape after all */
			return 0;
		}
		return 1;
	}
	if (ln->esc == ESC_CSI) {
		if (c >= 0x20 && c <= 0x3f)
			return 1;
		ln->esc = ESC_NONE;
		return c >= 0x40 && c <= 0x7e;
	}
	/* ESC_OSC: a title or hyperlink, ended by BEL or ESC \ */
	if (c == 0x07)
		ln->esc = ESC_NONE;
	else if (c == 0x1b) {
		ln->esc = ESC_START;
		ln->esclen = 0;
	} else if (c == '\r' || c == '\n') {
		ln->esc = ESC_NONE;
		return 0;
	}
	return 1;
}

static void
decode(struct ioscli *cli, unsigned char c)
{
	struct line	*ln = &cli->ln;

	if (ln->esc != ESC_NONE && escape_byte(ln, c))
		return;
	if (c == 0x1b) {
		ln->esc = ESC_START;
		ln->esclen = 0;
		return;
	}
	text_byte(cli, c);
}

/*
 * The line being typed, unless it is too long to be a prompt, or a '\r'
 * waits after it: nothing prompt-like is ever followed by one, it means
 * the line is about to end or be repainted.
 */
static int
cur_line(const struct ioscli *cli, const char **s, size_t *n)
{
	if (cli->ln.passed > 0 || cli->ln.cr)
		return 0;
	*s = cli->ln.buf;
	*n = cli->ln.len;
	return 1;
}

/* Dialogue steps. */

static enum ioscli_event
fail(struct ioscli *cli, const char *why)
{
	cli->state = ST_FAILED;
	snprintf(cli->error, sizeof(cli->error), "%s", why);
	cli->pendlen = 0;
	return IOSCLI_EV_FAILED;
}

/* A "--More--" was answered: its text goes, the erase that follows is
   undone by the decoder (backspaces, or "\r" + spaces + "\r"). */
static void
answer_pager(struct ioscli *cli)
{
	send_str(cli, " ");
	cli->ln.len = 0;
}

static void
cmd_start(struct ioscli *cli, const char *command, size_t cap)
{
	struct cmd	*cmd = &cli->cmd;
	size_t		 n = strlen(command);

	free(cmd->line);
	cmd->line = xstrdup(command);
	cmd->keylen = squeeze(command, n, cmd->key, 1);
	cmd->tailkeylen = squeeze(command, n, cmd->tailkey, 0);
	cmd->echoed = cmd->content = cmd->refused = cmd->pages = 0;
	cmd->raw = cli->carry;
	cli->carry = 0;
	cmd->errkind = ERRK_NONE;
	cmd->error[0] = '\0';
	text_init(&cmd->text, cap);
	send_str(cli, command);
	send_str(cli, "\n");
}

static void
cmd_echoed(struct cmd *cmd)
{
	cmd->echoed = 1;
	cmd->content = 0;
	cmd->errkind = ERRK_NONE;
	cmd->error[0] = '\0';
	text_reset(&cmd->text);
}

static void
cmd_error(struct cmd *cmd, const char *s, size_t n)
{
	enum errkind	 k;
	size_t		 b;

	if (cmd->errkind != ERRK_NONE || (k = error_line(s, n)) == ERRK_NONE)
		return;
	cmd->errkind = k;
	b = ltrim(s, n);
	n = rtrim(s, n) - b;
	n = MINIMUM(n, sizeof(cmd->error) - 1);
	memcpy(cmd->error, s + b, n);
	cmd->error[n] = '\0';
}

/*
 * Before the echo, blank lines and prompt-only lines are strays (an extra
 * prompt, a late answer to a nudge); anything else is kept as output in
 * case the device does not echo at all.
 */
static void
cmd_line(struct ioscli *cli, const char *s, size_t n, int eol)
{
	struct cmd	*cmd = &cli->cmd;
	int		 first = cli->ln.passed == 0;
	size_t		 b;

	if (!cmd->echoed) {
		if (eol && first && is_echo(cmd, s, n)) {
			cmd_echoed(cmd);
			return;
		}
		if (eol && first && (rtrim(s, n) == 0 ||
		    prompt_match(cli, s, n)))
			return;
		if (first && !cmd->content) {
			/* no echo: the output starts on the prompt's line */
			b = prompt_prefix(cli, s, n);
			s += b;
			n -= b;
		}
		cmd->content = 1;
	}
	if (first)
		cmd_error(cmd, s, n);
	text_put(&cmd->text, s, n, eol);
}

enum { CMD_WAIT, CMD_DONE };

/* At the end of the data: answer a pager, or see whether the prompt is back. */
static int
cmd_settle(struct ioscli *cli)
{
	const char	*s;
	size_t		 n;

	if (!cur_line(cli, &s, &n))
		return CMD_WAIT;
	if (pager_prompt(s, n)) {
		answer_pager(cli);
		cli->cmd.pages++;
		return CMD_WAIT;
	}
	if (!prompt_match(cli, s, n))
		return CMD_WAIT;
	/* a prompt before any echo or output is a stray one */
	if (!cli->cmd.echoed && !cli->cmd.content)
		return CMD_WAIT;
	cli->privileged = prompt_hash(s, n);
	/*
	 * Spaces after the prompt may or may not have arrived yet; count
	 * them for the next command either way, so raw_bytes does not
	 * depend on how the data were cut.
	 */
	cli->carry = MINIMUM(n - rtrim(s, n), cli->cmd.raw);
	cli->cmd.raw -= cli->carry;
	return CMD_DONE;
}

static enum ioscli_event
start_enable(struct ioscli *cli)
{
	cli->enable_tried = 1;
	cmd_start(cli, "enable", PREP_CAP);
	cli->state = ST_ENABLE;
	return IOSCLI_EV_NONE;
}

static enum ioscli_event
start_paging(struct ioscli *cli)
{
	cmd_start(cli, cli->paging_cmd, PREP_CAP);
	cli->state = ST_PAGING;
	return IOSCLI_EV_NONE;
}

static enum ioscli_event
ready(struct ioscli *cli)
{
	cli->state = ST_IDLE;
	return IOSCLI_EV_READY;
}

static enum ioscli_event
start_width(struct ioscli *cli)
{
	if (cli->asa)
		return ready(cli);
	cmd_start(cli, CMD_WIDTH, PREP_CAP);
	cli->state = ST_WIDTH;
	return IOSCLI_EV_NONE;
}

/* Keep the last non-blank line: the probe wants to see the prompt twice. */
static void
remember_line(struct ioscli *cli, const char *s, size_t n, int eol)
{
	if (!eol || cli->ln.passed > 0) {
		cli->prevlen = 0;
		return;
	}
	if ((n = rtrim(s, n)) == 0)
		return;
	if (n > sizeof(cli->prev)) {
		cli->prevlen = 0;
		return;
	}
	memcpy(cli->prev, s, n);
	cli->prevlen = n;
}

static void
learn_prompt(struct ioscli *cli, const char *s, size_t n)
{
	n = rtrim(s, n);
	cli->privileged = s[n - 1] == '#';
	n = rtrim(s, n - 1);
	memcpy(cli->host, s, n);
	cli->host[n] = '\0';
	cli->host_known = 1;
}

/* BANNER and PROBE share the line handler and the pre-prompt checks. */

static void
st_banner_line(struct ioscli *cli, const char *s, size_t n, int eol)
{
	remember_line(cli, s, n, eol);
}

/* Returns 1 when the line being typed was dealt with (or failed us). */
static int
preprompt(struct ioscli *cli, const char *s, size_t n, enum ioscli_event *ev)
{
	*ev = IOSCLI_EV_NONE;
	if (login_prompt(s, n)) {
		*ev = fail(cli, ERR_LOGIN);
		return 1;
	}
	if (pager_prompt(s, n)) {	/* ASA pages long banners */
		answer_pager(cli);
		return 1;
	}
	return 0;
}

/*
 * Only the last line counts, and only when nothing follows it: banners
 * hold '#' and '>' too. The probe that follows tells a real prompt apart.
 */
static enum ioscli_event
st_banner_settle(struct ioscli *cli)
{
	enum ioscli_event ev = IOSCLI_EV_NONE;
	const char	*s;
	size_t		 n;

	if (!cur_line(cli, &s, &n) || preprompt(cli, s, n, &ev))
		return ev;
	if (!prompt_like(s, n))
		return IOSCLI_EV_NONE;
	send_str(cli, "\n");
	cli->state = ST_PROBE;
	return IOSCLI_EV_NONE;
}

/*
 * After "\n" the router repeats its prompt: the prompt is a prompt-like
 * last line equal to the previous non-blank line. A banner line that only
 * looked like a prompt (data stopping right after "hq-1#" in "hq-1# is
 * ours") is not repeated, so it is never learned.
 */
static enum ioscli_event
st_probe_settle(struct ioscli *cli)
{
	enum ioscli_event ev = IOSCLI_EV_NONE;
	const char	*s;
	size_t		 n;

	if (!cur_line(cli, &s, &n) || preprompt(cli, s, n, &ev))
		return ev;
	if (!prompt_like(s, n))
		return IOSCLI_EV_NONE;
	n = rtrim(s, n);
	if (n != cli->prevlen || memcmp(s, cli->prev, n) != 0)
		return IOSCLI_EV_NONE;
	learn_prompt(cli, s, n);
	if (!cli->privileged && cli->secret != NULL)
		return start_enable(cli);
	return start_paging(cli);
}

static void
st_enable_line(struct ioscli *cli, const char *s, size_t n, int eol)
{
	if (enable_refusal(s, n))
		cli->cmd.refused = 1;
	cmd_line(cli, s, n, eol);
}

static enum ioscli_event
st_enable_settle(struct ioscli *cli)
{
	const char	*s;
	size_t		 n;

	if (cur_line(cli, &s, &n) && password_prompt(s, n)) {
		cli->ln.len = 0;	/* answered; the "\r\n" after it is ours */
		send_str(cli, cli->secret);
		send_str(cli, "\n");
		cli->state = ST_SECRET;
		return IOSCLI_EV_NONE;
	}
	if (cmd_settle(cli) != CMD_DONE)
		return IOSCLI_EV_NONE;
	/* the prompt came back without asking for a password */
	if (cli->privileged && !cli->cmd.refused)
		return start_paging(cli);
	return fail(cli, ERR_ENABLE);
}

/* Nothing after the secret is kept anywhere: a device might echo it. */
static void
st_secret_line(struct ioscli *cli, const char *s, size_t n, int eol)
{
	(void)eol;
	if (enable_refusal(s, n))
		cli->cmd.refused = 1;
}

static enum ioscli_event
st_secret_settle(struct ioscli *cli)
{
	const char	*s;
	size_t		 n;

	if (!cur_line(cli, &s, &n))
		return IOSCLI_EV_NONE;
	if (password_prompt(s, n))	/* asked again: the secret is wrong */
		return fail(cli, ERR_ENABLE);
	if (!prompt_match(cli, s, n))
		return IOSCLI_EV_NONE;
	cli->privileged = prompt_hash(s, n);
	if (!cli->privileged || cli->cmd.refused)
		return fail(cli, ERR_ENABLE);
	return start_paging(cli);
}

/*
 * terminal length 0. Refused by AAA: enable first if we can, else answer
 * the pager. Not a command here (ASA): terminal pager 0. Still refused:
 * answer the pager.
 */
static enum ioscli_event
st_paging_settle(struct ioscli *cli)
{
	struct cmd	*cmd = &cli->cmd;

	if (cmd_settle(cli) != CMD_DONE)
		return IOSCLI_EV_NONE;
	if (cmd->errkind == ERRK_NONE && !cmd->text.full) {
		if (strcmp(cli->paging_cmd, CMD_ASA_PAGER) == 0)
			cli->asa = 1;
		return start_width(cli);
	}
	if (cmd->errkind == ERRK_AUTH && !cli->privileged &&
	    cli->secret != NULL && !cli->enable_tried)
		return start_enable(cli);
	if (cmd->errkind == ERRK_REFUSED &&
	    cli->platform == IOSCLI_PLATFORM_AUTO &&
	    strcmp(cli->paging_cmd, CMD_IOS_LENGTH) == 0) {
		cli->paging_cmd = CMD_ASA_PAGER;
		return start_paging(cli);
	}
	cli->pager = 1;
	return start_width(cli);
}

/* terminal width 511: lines wrap at 80 without it, which parsers survive. */
static enum ioscli_event
st_width_settle(struct ioscli *cli)
{
	if (cmd_settle(cli) != CMD_DONE)
		return IOSCLI_EV_NONE;
	return ready(cli);
}

static void
finish_reply(struct ioscli *cli)
{
	struct cmd		*cmd = &cli->cmd;
	struct ioscli_reply	*r = &cli->reply;
	int			 full = cmd->text.full;

	r->command = cli->reply_cmd;
	r->text = text_take(&cmd->text, &r->len);
	r->raw_bytes = cmd->raw;
	r->pages = cmd->pages;
	r->error[0] = '\0';
	if (cmd->errkind != ERRK_NONE) {
		r->status = IOSCLI_ERR_COMMAND;
		snprintf(r->error, sizeof(r->error), "%s", cmd->error);
	} else if (full) {
		r->status = IOSCLI_ERR_TRUNCATED;
		snprintf(r->error, sizeof(r->error),
		    "output truncated at %zu bytes (cap)", cmd->text.cap);
	} else
		r->status = IOSCLI_OK;
	cli->have_reply = 1;
}

static enum ioscli_event
st_command_settle(struct ioscli *cli)
{
	if (cmd_settle(cli) != CMD_DONE)
		return IOSCLI_EV_NONE;
	finish_reply(cli);
	cli->state = ST_IDLE;
	return IOSCLI_EV_DONE;
}

static void
st_none_line(struct ioscli *cli, const char *s, size_t n, int eol)
{
	(void)cli;
	(void)s;
	(void)n;
	(void)eol;
}

static enum ioscli_event
st_none_settle(struct ioscli *cli)
{
	(void)cli;
	return IOSCLI_EV_NONE;
}

static const struct state_ops states[ST_COUNT] = {
	[ST_BANNER] =	{ "banner", st_banner_line, st_banner_settle },
	[ST_PROBE] =	{ "probe", st_banner_line, st_probe_settle },
	[ST_ENABLE] =	{ "enable", st_enable_line, st_enable_settle },
	[ST_SECRET] =	{ "enable-secret", st_secret_line, st_secret_settle },
	[ST_PAGING] =	{ "paging", cmd_line, st_paging_settle },
	[ST_WIDTH] =	{ "width", cmd_line, st_width_settle },
	[ST_IDLE] =	{ "idle", st_none_line, st_none_settle },
	[ST_COMMAND] =	{ "command", cmd_line, st_command_settle },
	[ST_FAILED] =	{ "failed", st_none_line, st_none_settle },
};

/* While idle, keep what arrives (the last PENDING_MAX bytes) for the next
   command: stray prompts are skipped there. */
static void
pending_keep(struct ioscli *cli, const char *buf, size_t len)
{
	size_t	 drop;

	if (len == 0)
		return;
	if (cli->pend == NULL)
		cli->pend = xmalloc(PENDING_MAX);
	if (len >= PENDING_MAX) {
		memcpy(cli->pend, buf + len - PENDING_MAX, PENDING_MAX);
		cli->pendlen = PENDING_MAX;
		return;
	}
	if (cli->pendlen + len > PENDING_MAX) {
		drop = cli->pendlen + len - PENDING_MAX;
		memmove(cli->pend, cli->pend + drop, cli->pendlen - drop);
		cli->pendlen -= drop;
	}
	memcpy(cli->pend + cli->pendlen, buf, len);
	cli->pendlen += len;
}

static enum ioscli_event
process(struct ioscli *cli, const char *buf, size_t len, int settle)
{
	size_t	 i;

	if (cli->state == ST_FAILED)
		return IOSCLI_EV_NONE;
	if (cli->state == ST_IDLE) {
		pending_keep(cli, buf, len);
		return IOSCLI_EV_NONE;
	}
	/* states change only in settle, so the whole buffer is this state's */
	cli->cmd.raw += len;
	for (i = 0; i < len; i++)
		decode(cli, (unsigned char)buf[i]);
	if (!settle)
		return IOSCLI_EV_NONE;
	return states[cli->state].settle(cli);
}

static enum ioscli_event
drain_pending(struct ioscli *cli, int settle)
{
	size_t	 n = cli->pendlen;

	/* not idle, so process() reads cli->pend without adding to it */
	cli->pendlen = 0;
	return process(cli, cli->pend, n, settle);
}

/* The interface. */

struct ioscli *
ioscli_new(const struct ioscli_opts *opts)
{
	struct ioscli	*cli = xcalloc(1, sizeof(*cli));

	cli->state = ST_BANNER;
	cli->cap = DEFAULT_CAP;
	cli->paging_cmd = CMD_IOS_LENGTH;
	if (opts != NULL) {
		if (opts->enable_secret != NULL)
			cli->secret = xstrdup(opts->enable_secret);
		if (opts->output_cap > 0)
			cli->cap = opts->output_cap;
		cli->platform = opts->platform;
	}
	if (cli->platform == IOSCLI_PLATFORM_ASA) {
		cli->paging_cmd = CMD_ASA_PAGER;
		cli->asa = 1;
	}
	return cli;
}

void
ioscli_free(struct ioscli *cli)
{
	if (cli == NULL)
		return;
	if (cli->secret != NULL)
		freezero_str(cli->secret);
	if (cli->out != NULL) {
		explicit_bzero(cli->out, cli->outsize);
		free(cli->out);
	}
	free(cli->pend);
	free(cli->cmd.line);
	free(cli->cmd.text.p);
	free(cli->reply.text);
	free(cli->reply_cmd);
	explicit_bzero(cli, sizeof(*cli));
	free(cli);
}

enum ioscli_event
ioscli_feed(struct ioscli *cli, const char *buf, size_t len)
{
	enum ioscli_event ev;

	if (cli->pendlen > 0 && cli->state != ST_IDLE) {
		ev = drain_pending(cli, len == 0);
		if (len == 0)
			return ev;
	}
	return process(cli, buf, len, 1);
}

enum ioscli_event
ioscli_poll(struct ioscli *cli)
{
	if (cli->pendlen == 0 || cli->state == ST_IDLE)
		return IOSCLI_EV_NONE;
	return drain_pending(cli, 1);
}

const char *
ioscli_outbuf(const struct ioscli *cli, size_t *len)
{
	*len = cli->outlen;
	return cli->out != NULL ? cli->out : "";
}

void
ioscli_consumed(struct ioscli *cli, size_t n)
{
	n = MINIMUM(n, cli->outlen);
	if (n == 0)
		return;
	memmove(cli->out, cli->out + n, cli->outlen - n);
	cli->outlen -= n;
	explicit_bzero(cli->out + cli->outlen, n);	/* may be the secret */
}

/* Also -1 for a command the dialogue cannot carry (a line end, too long). */
int
ioscli_run(struct ioscli *cli, const char *command)
{
	if (cli->state != ST_IDLE || command == NULL ||
	    strlen(command) > CMD_MAX || strpbrk(command, "\r\n") != NULL)
		return -1;
	free(cli->reply.text);
	free(cli->reply_cmd);
	memset(&cli->reply, 0, sizeof(cli->reply));
	cli->have_reply = 0;
	cli->reply_cmd = xstrdup(command);
	cmd_start(cli, command, cli->cap);
	cli->state = ST_COMMAND;
	return 0;
}

const struct ioscli_reply *
ioscli_reply(const struct ioscli *cli)
{
	return cli->have_reply ? &cli->reply : NULL;
}

void
ioscli_nudge(struct ioscli *cli)
{
	if (cli->state == ST_BANNER || cli->state == ST_PROBE)
		send_str(cli, "\n");
}

const char *
ioscli_hostname(const struct ioscli *cli)
{
	return cli->host_known ? cli->host : NULL;
}

int
ioscli_privileged(const struct ioscli *cli)
{
	return cli->privileged;
}

int
ioscli_pager_mode(const struct ioscli *cli)
{
	return cli->pager;
}

const char *
ioscli_error(const struct ioscli *cli)
{
	return cli->error;
}

const char *
ioscli_state_name(const struct ioscli *cli)
{
	return states[cli->state].name;
}

/*
 * ioscli.h: the IOS/ASA command-line dialogue over an interactive pty shell.
 *
 * Pure logic: bytes received from the channel go in (ioscli_feed), bytes to
 * send come out (ioscli_outbuf/ioscli_consumed), and results come out as
 * events. No I/O, no clock, no globals: the caller owns the timers (a quiet
 * banner -> ioscli_nudge(); a command overrunning its timeout -> abandon the
 * session).
 *
 * The dialogue: read the banner until a prompt-like last line, send "\n",
 * learn the prompt (hostname + '>' or '#') from the last line; if at '>' and
 * an enable secret is given, "enable" and the secret; then "terminal length
 * 0" ("terminal pager 0" on ASA) and "terminal width 511". If paging cannot
 * be turned off (% Authorization failed), the pager is answered instead:
 * a trailing "--More--" gets a space and its remnant is removed from the
 * output. Then one command at a time: the command and "\n" are written,
 * the echo is skipped (compared without backspaces and whitespace), and the
 * output ends when the LAST line matches the learned prompt.
 */
#ifndef IPSECWATCH_IOSCLI_H
#define IPSECWATCH_IOSCLI_H

#include <stddef.h>

enum ioscli_event {
	IOSCLI_EV_NONE = 0,	/* need more bytes */
	IOSCLI_EV_READY,	/* session prep done; a command may be run */
	IOSCLI_EV_DONE,		/* the running command finished; see reply */
	IOSCLI_EV_FAILED	/* the dialogue cannot go on; see ioscli_error */
};

enum ioscli_status {
	IOSCLI_OK = 0,
	IOSCLI_ERR_COMMAND,	/* the router refused it: % Invalid input, ... */
	IOSCLI_ERR_TRUNCATED	/* output exceeded the cap; what was kept is in text */
};

enum ioscli_platform_hint {
	IOSCLI_PLATFORM_AUTO = 0,
	IOSCLI_PLATFORM_IOS,	/* IOS and IOS-XE */
	IOSCLI_PLATFORM_ASA
};

struct ioscli_opts {
	const char	*enable_secret;	/* NULL: no enable; copied, wiped on free */
	size_t		 output_cap;	/* max bytes kept per command output */
	enum ioscli_platform_hint platform;
};

struct ioscli_reply {
	const char	*command;	/* as sent */
	char		*text;		/* NUL-terminated; echo, prompt, pager
					   remnants removed; lines end in "\n" */
	size_t		 len;		/* bytes in text */
	size_t		 raw_bytes;	/* bytes received for this command */
	enum ioscli_status status;
	char		 error[256];	/* the router's % line, or why truncated */
	int		 pages;		/* --More-- prompts answered */
};

struct ioscli;

struct ioscli	*ioscli_new(const struct ioscli_opts *);
void		 ioscli_free(struct ioscli *);

/*
 * Process received bytes. Bytes beyond the point where an event completed
 * are kept and processed by the next call. Returns the event, if any.
 */
enum ioscli_event ioscli_feed(struct ioscli *, const char *buf, size_t len);
/* Ask for the next event from kept bytes without new input. */
enum ioscli_event ioscli_poll(struct ioscli *);

/* Bytes waiting to be written to the channel. */
const char	*ioscli_outbuf(const struct ioscli *, size_t *len);
void		 ioscli_consumed(struct ioscli *, size_t n);

/* Start a command; only valid after READY or DONE. Returns 0, or -1 if busy. */
int		 ioscli_run(struct ioscli *, const char *command);
/* The reply of the last finished command; valid until the next ioscli_run. */
const struct ioscli_reply *ioscli_reply(const struct ioscli *);

/* The banner phase has been quiet: send "\n" to provoke a prompt. */
void		 ioscli_nudge(struct ioscli *);

/* Learnt hostname (without > or #), or NULL before it is known. */
const char	*ioscli_hostname(const struct ioscli *);
/* 1 when at the privileged '#' prompt. */
int		 ioscli_privileged(const struct ioscli *);
/* 1 when paging could not be turned off and --More-- is being answered. */
int		 ioscli_pager_mode(const struct ioscli *);
/* Why the dialogue failed (after IOSCLI_EV_FAILED). Never holds a secret. */
const char	*ioscli_error(const struct ioscli *);
/* A short name of the current state, for logs. */
const char	*ioscli_state_name(const struct ioscli *);

#endif

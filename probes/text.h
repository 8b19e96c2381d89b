/*
 * text.h: the line and token helpers every parser uses.
 *
 * Router output arrives pasted, paged, with "\r\n" or "\r\r\n", tabs
 * for spaces and lost indentation. These helpers give a parser lines
 * without "\r" or trailing blanks, tell it which lines are noise (blank, a
 * prompt line, a "--More--" remnant), and split a line into tokens by
 * whitespace. Nothing here allocates or reads past the text.
 */
#ifndef IPSECWATCH_TEXT_H
#define IPSECWATCH_TEXT_H

#include <stddef.h>
#include <stdint.h>

struct line {
	const char	*s;	/* not NUL-terminated */
	size_t		 len;	/* without "\r", "\n" and trailing blanks */
	size_t		 indent;	/* leading blanks (informative only) */
	size_t		 no;	/* 1-based line number */
};

struct line_iter {
	const char	*p;
	const char	*end;
	size_t		 no;
};

#define TOK_MAX	64

struct tok {
	const char	*s;
	size_t		 len;
};

struct toks {
	struct tok	 t[TOK_MAX];
	size_t		 n;
};

void	 line_iter_init(struct line_iter *, const char *text, size_t len);
/* Next line; 0 at the end. Leading blanks are kept in s (see indent). */
int	 line_next(struct line_iter *, struct line *);
/* Blank, a prompt line ("hq-1#", "hq-1#show ...", "fw>"), or a pager remnant. */
int	 line_is_noise(const struct line *);
int	 line_is_blank(const struct line *);
/* The line without its leading blanks. */
struct line line_trim(const struct line *);

/* Split by blanks (space, tab); at most TOK_MAX tokens, the rest dropped. */
size_t	 toks_split(struct toks *, const char *s, size_t len);
size_t	 toks_line(struct toks *, const struct line *);

int	 tok_is(const struct tok *, const char *word);		/* exact */
int	 tok_ieq(const struct tok *, const char *word);		/* case-insensitive */
int	 tok_u64(const struct tok *, uint64_t *);		/* decimal only */
int	 tok_i64(const struct tok *, int64_t *);
/* A literal IPv4 or IPv6 address (optionally followed by ",", ")" ...
   stripped by the caller). Writes the canonical text form into buf. */
int	 tok_ip(const struct tok *, char *buf, size_t buflen);
/* Copy a token as a NUL-terminated string (truncated to buflen-1). */
void	 tok_copy(const struct tok *, char *buf, size_t buflen);
/* The token with one trailing char among chars removed (e.g. "," or ":"). */
struct tok tok_strip(const struct tok *, const char *chars);

/* Does the line contain word (case-sensitive substring)? Returns a pointer
   just past it, or NULL. */
const char *line_find(const struct line *, const char *word);
/* Starts with prefix after leading blanks? */
int	 line_starts(const struct line *, const char *prefix);

/*
 * "#pkts encaps: 5, #pkts encrypt: 5" style: find "label" followed by
 * optional ':' and a decimal number. Returns 1 and *v when found.
 */
int	 line_label_u64(const struct line *, const char *label, uint64_t *v);

/* Case-insensitive memmem for short needles. */
const char *text_find_ci(const char *hay, size_t haylen, const char *needle);

#endif

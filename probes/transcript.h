/*
 * transcript.h: a pasted terminal session cut into its commands.
 *
 * An engineer pastes what the router printed: "hq-1#show crypto isakmp sa"
 * followed by its output, then the next prompt and command, and so on
 * (IOS abbreviations such as "sh cry isa sa" included). Each prompt line
 * that carries a command starts a new piece; its output runs to the next
 * prompt line.
 */
#ifndef IPSECWATCH_TRANSCRIPT_H
#define IPSECWATCH_TRANSCRIPT_H

#include <stddef.h>

struct transcript_cmd {
	char		 hostname[64];
	char		 command[512];	/* as typed, blanks squeezed */
	const char	*output;	/* points into the transcript */
	size_t		 output_len;
	size_t		 line;		/* 1-based line of the prompt */
};

struct transcript {
	struct transcript_cmd	*cmds;
	size_t			 ncmds;
};

/* Cut text into commands. Returns the number found (0: no prompt line). */
size_t	 transcript_split(const char *text, size_t len, struct transcript *);
void	 transcript_free(struct transcript *);

#endif

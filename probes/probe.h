/*
 * probe.h: one probe = one show command, its parser and (with the
 * diagnosis) its detectors, in one file under probes/.
 *
 * A parser is a pure function: text in, typed records out; no I/O, no
 * globals, no allocation it does not hand back. Router output is untrusted
 * input: a parser never reads past the text, never crashes, and never
 * turns an unknown format into silent zeros. Its rules:
 *   - keywords and tokens, never columns or indentation;
 *   - blank lines, trailing spaces, "\r", a leading or trailing prompt
 *     line and a "--More--" remnant are tolerated (text.h skips them);
 *   - empty output is a valid, empty result;
 *   - each line it does not recognise is counted in result->unparsed;
 *     an output in which nothing at all was recognised is an error
 *     (probe_parse() enforces this for every probe).
 */
#ifndef IPSECWATCH_PROBE_H
#define IPSECWATCH_PROBE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "platform.h"

struct probe_input {
	const char		*text;		/* not NUL-terminated necessarily */
	size_t			 len;
	enum platform		 platform;	/* PLATFORM_AUTO: guess */
	const unsigned char	*salt;		/* per-install salt for key fingerprints */
	size_t			 saltlen;
};

struct probe_result {
	int		 ok;		/* 0: error[] says why; records may be partial */
	char		 error[256];
	enum platform	 platform;	/* the one the parser used (or guessed) */
	size_t		 recognised;	/* lines understood */
	size_t		 unparsed;	/* non-blank lines not understood */
	void		*records;	/* the probe's own type; free_records() */
};

struct probe {
	const char	*name;		/* stable id: "isakmp_sa" */
	const char	*command;	/* IOS / IOS-XE command */
	const char	*command_asa;	/* ASA command, or NULL when the same */
	int		 polled;	/* in the default poll list */
	/*
	 * Fill res (res is zeroed by the caller; records allocated with
	 * xmalloc & co). Returns 0, or -1 with res->error set.
	 */
	int		(*parse)(const struct probe_input *, struct probe_result *);
	/* Add the records' members to obj ("sas": [...], ...). */
	void		(*to_json)(const void *records, cJSON *obj);
	void		(*free_records)(void *records);
};

/* The probes, NULL-terminated; polled ones first, in polling order. */
extern const struct probe *const probe_table[];
extern const size_t probe_count;	/* entries in probe_table */

const struct probe *probe_by_name(const char *);
/* Which probe a command (or an IOS abbreviation of it) belongs to. */
const struct probe *probe_by_command(const char *cmdline, enum platform);
const char	*probe_command(const struct probe *, enum platform);

/*
 * Run a probe's parser with the rules every parser shares: an output with
 * non-blank lines of which none was recognised is an error.
 */
int		 probe_parse(const struct probe *, const struct probe_input *,
		    struct probe_result *);
void		 probe_result_free(const struct probe *, struct probe_result *);
/* {"probe", "platform", "ok", "error", "unparsed_lines", ...records...} */
cJSON		*probe_result_json(const struct probe *,
		    const struct probe_result *);

/* A string field: NULL or "" (not printed by the router) is JSON null. */
void		 probe_json_str(cJSON *, const char *key, const char *s);

const char	*platform_id(enum platform);	/* "ios", "iosxe", "asa", "auto" */
int		 platform_from_id(const char *, enum platform *);

#endif

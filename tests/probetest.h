/*
 * probetest.h: helpers the probe suites share: reading a fixture, parsing
 * text with a probe, field expectations, and the paste rewrites (CRLF,
 * tabs, lost indentation, prompt lines, a --More-- remnant) every parser
 * must tolerate, plus cuts at every prefix. Static: include it from one
 * suite file, which uses all of them.
 */
#ifndef IPSECWATCH_PROBETEST_H
#define IPSECWATCH_PROBETEST_H

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "golden.h"
#include "probe.h"


static char *
fixture_read(const char *probe, const char *name, size_t *len)
{
	const char	*src = getenv("IPSECWATCH_SRC");
	char		 path[1024];
	char		*txt;

	snprintf(path, sizeof(path), "%s/tests/fixtures/%s/%s",
	    src ? src : ".", probe, name);
	txt = golden_read(path, len);
	ck_assert_msg(txt != NULL, "cannot read %s", path);
	return txt;
}

/* Parse len bytes of text from an exact-size copy (ASan sees overreads). */
static int
parse_text(const struct probe *p, const char *text, size_t len,
    enum platform plat, struct probe_result *res)
{
	struct probe_input	 in;
	char			*copy = malloc(len ? len : 1);
	int			 rc;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, text, len);
	memset(&in, 0, sizeof(in));
	in.text = copy;
	in.len = len;
	in.platform = plat;
	rc = probe_parse(p, &in, res);
	free(copy);
	return rc;
}

/* The records member of the JSON, unformatted (caller frees). */
static char *
records_json(const struct probe *p, const char *text, size_t len,
    enum platform plat, size_t *unparsed)
{
	struct probe_result	 res;
	cJSON			*j;
	char			*s;

	parse_text(p, text, len, plat, &res);
	ck_assert_msg(res.ok, "not parsed: %s", res.error);
	*unparsed = res.unparsed;
	j = probe_result_json(p, &res);
	cJSON_DeleteItemFromObject(j, "unparsed_lines");
	cJSON_DeleteItemFromObject(j, "platform");
	s = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	probe_result_free(p, &res);
	return s;
}

static void
expect_str(const char *what, const char *got, const char *want)
{
	if (want == NULL)
		ck_assert_msg(got[0] == '\0', "%s: got \"%s\", want null",
		    what, got);
	else
		ck_assert_msg(strcasecmp(got, want) == 0,
		    "%s: got \"%s\", want \"%s\"", what, got, want);
}

static void
expect_num(const char *what, int64_t got, int64_t want)
{
	ck_assert_msg(got == want, "%s: got %lld, want %lld", what,
	    (long long)got, (long long)want);
}

/* Rewrites of a text that a paste or a terminal makes. */
enum mangle { M_CRLF, M_TABS, M_NOINDENT, M_PROMPTS, M_MORE, M_COUNT };

static char *
mangle(const char *text, size_t len, enum mangle m, size_t *outlen)
{
	char	*out = malloc(len * 3 + 128), *o = out;
	size_t	 i;
	int	 bol = 1, more = 0;

	ck_assert_ptr_nonnull(out);
	if (m == M_PROMPTS)
		o += sprintf(o, "hq-1#show crypto something\n");
	for (i = 0; i < len; i++) {
		char	 c = text[i];

		if (m == M_NOINDENT && bol && (c == ' ' || c == '\t'))
			continue;
		bol = c == '\n';
		if (m == M_CRLF && c == '\n')
			*o++ = '\r';
		if (m == M_TABS && c == ' ' && i + 1 < len && text[i + 1] == ' ') {
			*o++ = '\t';
			while (i + 1 < len && text[i + 1] == ' ')
				i++;
			continue;
		}
		*o++ = c;
		/* one pager remnant, a third of the way in */
		if (m == M_MORE && c == '\n' && !more && i > len / 3) {
			o += sprintf(o, " --More-- \n");
			more = 1;
		}
	}
	if (m == M_PROMPTS)
		o += sprintf(o, "\nhq-1#\n");
	*outlen = (size_t)(o - out);
	return out;
}

/* Every rewrite of fixture name gives the same records, all lines read. */
static void
check_tolerance(const struct probe *p, const char *name, enum platform plat)
{
	size_t	 len, mlen, unparsed, u2;
	char	*txt = fixture_read(p->name, name, &len), *base, *m, *got;
	int	 k;

	base = records_json(p, txt, len, plat, &unparsed);
	for (k = 0; k < M_COUNT; k++) {
		m = mangle(txt, len, (enum mangle)k, &mlen);
		got = records_json(p, m, mlen, plat, &u2);
		ck_assert_msg(strcmp(base, got) == 0,
		    "%s: rewrite %d changes the records:\n%s\nvs\n%s", name, k,
		    got, base);
		ck_assert_msg(u2 == unparsed, "%s: rewrite %d: unparsed %zu "
		    "vs %zu", name, k, u2, unparsed);
		free(got);
		free(m);
	}
	free(base);
	free(txt);
}

/* Every prefix of a fixture parses without a crash or a leak. */
static void
check_prefixes(const struct probe *p, const char *name)
{
	struct probe_result	 res;
	size_t			 len, n;
	char			*txt = fixture_read(p->name, name, &len);

	for (n = 0; n <= len; n++) {
		parse_text(p, txt, n, PLATFORM_AUTO, &res);
		probe_result_free(p, &res);
	}
	free(txt);
}

static void
check_refused(const struct probe *p, const char *text)
{
	struct probe_result	 res;

	ck_assert_int_eq(parse_text(p, text, strlen(text), PLATFORM_AUTO,
	    &res), -1);
	ck_assert(!res.ok);
	ck_assert(res.error[0] != '\0');
	probe_result_free(p, &res);
}

#endif

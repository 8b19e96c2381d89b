/*
 * probe.c: what every probe shares: the parse rules and the JSON envelope.
 * (Finding a probe by name or command is in table.c.)
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"
#include "text.h"

static const char *const platform_ids[] = {
	[PLATFORM_AUTO] = "auto",
	[PLATFORM_IOS] = "ios",
	[PLATFORM_IOSXE] = "iosxe",
	[PLATFORM_ASA] = "asa",
};

const char *
platform_id(enum platform p)
{
	if ((size_t)p < sizeof(platform_ids) / sizeof(platform_ids[0]))
		return platform_ids[p];
	return "auto";
}

int
platform_from_id(const char *s, enum platform *p)
{
	size_t	 i;

	for (i = 0; i < sizeof(platform_ids) / sizeof(platform_ids[0]); i++)
		if (strcmp(s, platform_ids[i]) == 0) {
			*p = (enum platform)i;
			return 0;
		}
	return -1;
}

static size_t
count_content_lines(const struct probe_input *in)
{
	struct line_iter	 it;
	struct line		 l;
	size_t			 n = 0;

	line_iter_init(&it, in->text, in->len);
	while (line_next(&it, &l))
		if (!line_is_noise(&l))
			n++;
	return n;
}

int
probe_parse(const struct probe *p, const struct probe_input *in,
    struct probe_result *res)
{
	memset(res, 0, sizeof(*res));
	res->platform = in->platform;
	if (p->parse == NULL) {
		snprintf(res->error, sizeof(res->error), "%s: no parser", p->name);
		return -1;
	}
	if (p->parse(in, res) != 0) {
		res->ok = 0;
		if (res->error[0] == '\0')
			snprintf(res->error, sizeof(res->error),
			    "%s: output not understood", p->name);
		return -1;
	}
	/* Never a silent empty result from an output we did not understand. */
	if (res->recognised == 0 && count_content_lines(in) > 0) {
		res->ok = 0;
		snprintf(res->error, sizeof(res->error), "%s: no line of the "
		    "output was recognised (%zu lines): unknown format",
		    p->name, res->unparsed);
		return -1;
	}
	res->ok = 1;
	return 0;
}

void
probe_result_free(const struct probe *p, struct probe_result *res)
{
	if (res->records != NULL && p->free_records != NULL)
		p->free_records(res->records);
	res->records = NULL;
}

cJSON *
probe_result_json(const struct probe *p, const struct probe_result *res)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "probe", p->name);
	cJSON_AddStringToObject(o, "platform", platform_id(res->platform));
	cJSON_AddBoolToObject(o, "ok", res->ok);
	if (res->ok)
		cJSON_AddNullToObject(o, "error");
	else
		cJSON_AddStringToObject(o, "error", res->error);
	cJSON_AddNumberToObject(o, "unparsed_lines", (double)res->unparsed);
	if (res->records != NULL && p->to_json != NULL)
		p->to_json(res->records, o);
	return o;
}

void
probe_json_str(cJSON *o, const char *key, const char *s)
{
	if (s == NULL || s[0] == '\0')
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddStringToObject(o, key, s);
}

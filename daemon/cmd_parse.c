/*
 * ipsecwatch parse PROBE [FILE] [--platform P] [--salt-file F]
 * ipsecwatch parse --transcript FILE [--platform P] [--salt-file F]
 *
 * Runs the same parsers the daemon runs on a saved output (stdin without
 * FILE) or on a pasted terminal session, and prints the records as JSON.
 * Exit 0, or 65 (EX_DATAERR) when an output could not be parsed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "ipsecwatch.h"
#include "probe.h"
#include "salt.h"
#include "transcript.h"
#include "util.h"

static char *
read_all(const char *path, size_t *len)
{
	FILE	*fp = path ? fopen(path, "rb") : stdin;
	char	*buf = NULL;
	size_t	 cap = 0, n = 0, r;

	if (fp == NULL)
		return NULL;
	do {
		if (n + 65536 > cap) {
			cap = cap ? cap * 2 : 131072;
			buf = xreallocarray(buf, cap, 1);
		}
		r = fread(buf + n, 1, cap - n - 1, fp);
		n += r;
	} while (r > 0);
	if (path)
		fclose(fp);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int
parse_one(const struct probe *p, const struct probe_input *in, cJSON **out)
{
	struct probe_result	 res;
	int			 rc;

	rc = probe_parse(p, in, &res);
	*out = probe_result_json(p, &res);
	probe_result_free(p, &res);
	return rc;
}

/* show version, when pasted, tells the platform for the other commands. */
static enum platform
transcript_platform(const struct transcript *tr, const struct probe_input *base)
{
	const struct probe	*ver = probe_by_name("version");
	struct probe_result	 res;
	struct probe_input	 in = *base;
	enum platform		 plat = base->platform;
	size_t			 i;

	for (i = 0; ver != NULL && i < tr->ncmds; i++) {
		if (probe_by_command(tr->cmds[i].command, PLATFORM_AUTO) != ver)
			continue;
		in.text = tr->cmds[i].output;
		in.len = tr->cmds[i].output_len;
		if (probe_parse(ver, &in, &res) == 0 &&
		    res.platform != PLATFORM_AUTO)
			plat = res.platform;
		probe_result_free(ver, &res);
	}
	return plat;
}

static int
parse_transcript(const char *path, struct probe_input *in)
{
	struct transcript	 tr;
	cJSON			*o, *arr, *c;
	char			*js;
	size_t			 i;
	int			 bad = 0;

	if (transcript_split(in->text, in->len, &tr) == 0) {
		fprintf(stderr, "ipsecwatch: %s: no prompt line with a command "
		    "(expected lines like \"hq-1#show crypto isakmp sa\")\n",
		    path);
		return EXIT_DATAERR;
	}
	if (in->platform == PLATFORM_AUTO)
		in->platform = transcript_platform(&tr, in);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "transcript", path);
	cJSON_AddStringToObject(o, "hostname", tr.cmds[0].hostname);
	cJSON_AddStringToObject(o, "platform", platform_id(in->platform));
	arr = cJSON_AddArrayToObject(o, "commands");
	for (i = 0; i < tr.ncmds; i++) {
		const struct probe *p = probe_by_command(tr.cmds[i].command,
		    in->platform);
		struct probe_input one = *in;
		one.text = tr.cmds[i].output;
		one.len = tr.cmds[i].output_len;
		if (p == NULL) {
			c = cJSON_CreateObject();
			cJSON_AddNullToObject(c, "probe");
			cJSON_AddBoolToObject(c, "skipped", 1);
		} else if (parse_one(p, &one, &c) != 0)
			bad = 1;
		cJSON_AddStringToObject(c, "command", tr.cmds[i].command);
		cJSON_AddNumberToObject(c, "line", (double)tr.cmds[i].line);
		cJSON_AddItemToArray(arr, c);
	}
	js = cJSON_Print(o);
	printf("%s\n", js);
	free(js);
	cJSON_Delete(o);
	transcript_free(&tr);
	return bad ? EXIT_DATAERR : 0;
}

static int
cmd_parse_exec(struct cmd_opts *o)
{
	const struct probe	*p = NULL;
	struct probe_input	 in;
	unsigned char		 salt[SALT_LEN];
	const char		*file;
	char			*text, *js, err[256];
	cJSON			*j;
	size_t			 len;
	int			 rc;

	memset(&in, 0, sizeof(in));
	if (o->platform != NULL && (platform_from_id(o->platform,
	    &in.platform) != 0 || in.platform == PLATFORM_AUTO) &&
	    strcmp(o->platform, "auto") != 0) {
		fprintf(stderr, "ipsecwatch: --platform ios|iosxe|asa\n");
		return EXIT_USAGE;
	}
	if (o->transcript != NULL)
		file = o->transcript;
	else if (o->argc == 2 || o->argc == 3) {
		if ((p = probe_by_name(o->argv[1])) == NULL) {
			fprintf(stderr, "ipsecwatch: no probe %s; probes:",
			    o->argv[1]);
			for (len = 0; len < probe_count; len++)
				fprintf(stderr, " %s", probe_table[len]->name);
			fprintf(stderr, "\n");
			return EXIT_USAGE;
		}
		file = o->argc == 3 ? o->argv[2] : NULL;
	} else {
		fprintf(stderr, "usage: ipsecwatch %s\n", cmd_parse_entry.usage);
		return EXIT_USAGE;
	}
	if (salt_load_or_ephemeral(o->salt_file, salt, err, sizeof(err)) != 0) {
		fprintf(stderr, "ipsecwatch: %s\n", err);
		return EXIT_USAGE;
	}
	in.salt = salt;
	in.saltlen = sizeof(salt);
	if ((text = read_all(file, &len)) == NULL) {
		fprintf(stderr, "ipsecwatch: %s: %s\n", file ? file : "stdin",
		    strerror(errno));
		return EXIT_NOINPUT;
	}
	in.text = text;
	in.len = len;
	if (o->transcript != NULL)
		rc = parse_transcript(file, &in);
	else {
		rc = parse_one(p, &in, &j) == 0 ? 0 : EXIT_DATAERR;
		js = cJSON_Print(j);
		printf("%s\n", js);
		free(js);
		cJSON_Delete(j);
	}
	free(text);
	return rc;
}

const struct cmd_entry cmd_parse_entry = {
	.name = "parse",
	.usage = "parse PROBE [FILE] | parse --transcript FILE "
	    "[--platform ios|iosxe|asa] [--salt-file F]",
	.exec = cmd_parse_exec,
};

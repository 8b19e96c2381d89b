/*
 * snapshot.c: a transcript's outputs through their probes, as one object.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"
#include "snapshot.h"
#include "transcript.h"
#include "util.h"

/* A pasted show version decides the platform for the other commands. */
static enum platform
guess_platform(const struct transcript *tr)
{
	const struct probe	*ver = probe_by_name("version");
	struct probe_input	 in;
	struct probe_result	 res;
	enum platform		 plat = PLATFORM_AUTO;
	size_t			 i;

	for (i = 0; ver != NULL && i < tr->ncmds; i++) {
		if (probe_by_command(tr->cmds[i].command, PLATFORM_AUTO) != ver)
			continue;
		memset(&in, 0, sizeof(in));
		in.text = tr->cmds[i].output;
		in.len = tr->cmds[i].output_len;
		if (probe_parse(ver, &in, &res) == 0)
			plat = res.platform;
		probe_result_free(ver, &res);
	}
	return plat;
}

cJSON *
snapshot_from_transcript(const char *text, size_t len, enum platform plat,
    const unsigned char *salt, size_t saltlen, struct snapshot_info *info)
{
	struct transcript	 tr;
	cJSON			*snap;
	size_t			 i;

	memset(info, 0, sizeof(*info));
	if (transcript_split(text, len, &tr) == 0)
		return NULL;
	if (plat == PLATFORM_AUTO)
		plat = guess_platform(&tr);
	info->platform = plat;
	memcpy(info->hostname, tr.cmds[0].hostname, sizeof(info->hostname));
	info->commands = tr.ncmds;
	snap = cJSON_CreateObject();
	for (i = 0; i < tr.ncmds; i++) {
		const struct probe *p = probe_by_command(tr.cmds[i].command, plat);
		struct probe_input in;
		struct probe_result res;
		char *echoed;

		if (p == NULL || p->parse == NULL)
			continue;
		memset(&in, 0, sizeof(in));
		in.text = tr.cmds[i].output;
		in.len = tr.cmds[i].output_len;
		/* "show ip route PEER" names its target only on the prompt line. */
		echoed = NULL;
		if (strcmp(p->name, "ip_route") == 0) {
			xasprintf(&echoed, "%s#%s\n%.*s", tr.cmds[i].hostname,
			    tr.cmds[i].command, (int)tr.cmds[i].output_len,
			    tr.cmds[i].output);
			in.text = echoed;
			in.len = strlen(echoed);
		}
		in.platform = plat;
		in.salt = salt;
		in.saltlen = saltlen;
		if (probe_parse(p, &in, &res) == 0)
			info->parsed++;
		else
			info->failed++;
		/* The same probe twice (show ip route A, show ip route B): keep all. */
		if (cJSON_GetObjectItemCaseSensitive(snap, p->name) != NULL) {
			char key[96];
			snprintf(key, sizeof(key), "%s#%zu", p->name, i);
			cJSON_AddItemToObject(snap, key,
			    probe_result_json(p, &res));
		} else
			cJSON_AddItemToObject(snap, p->name,
			    probe_result_json(p, &res));
		probe_result_free(p, &res);
		free(echoed);
	}
	transcript_free(&tr);
	return snap;
}

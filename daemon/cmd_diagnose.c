/*
 * ipsecwatch diagnose [--json] FILE [FILE...]
 *
 * Pasted transcripts, one per router (the same router twice, some time
 * apart, for the over-time checks; both ends of a tunnel for the
 * cross-peer checks), through the same probes and the same diagnosis the
 * daemon runs. A router is known by the hostname in its prompt; its files
 * are its history, in the order given.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "diag.h"
#include "ipsecwatch.h"
#include "salt.h"
#include "snapshot.h"
#include "util.h"

struct host {
	char			 name[64];
	enum platform		 platform;
	struct diag_snapshot	*snaps;
	size_t			 nsnaps;
};

static char *
slurp(const char *path, size_t *len)
{
	FILE	*fp = fopen(path, "rb");
	char	*buf;
	long	 n;

	if (fp == NULL)
		return NULL;
	if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0) {
		fclose(fp);
		return NULL;
	}
	rewind(fp);
	buf = xmalloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, fp);
	buf[*len] = '\0';
	fclose(fp);
	return buf;
}

static struct host *
host_get(struct host **hosts, size_t *nhosts, const char *name)
{
	size_t	 i;

	for (i = 0; i < *nhosts; i++)
		if (strcmp((*hosts)[i].name, name) == 0)
			return &(*hosts)[i];
	*hosts = xreallocarray(*hosts, *nhosts + 1, sizeof(**hosts));
	memset(&(*hosts)[*nhosts], 0, sizeof(**hosts));
	snprintf((*hosts)[*nhosts].name, sizeof((*hosts)[0].name), "%s", name);
	return &(*hosts)[(*nhosts)++];
}

/* One file: its snapshot appended to its router's history. */
static int
load_file(const char *path, const unsigned char *salt, struct host **hosts,
    size_t *nhosts, time_t at)
{
	struct snapshot_info	 info;
	struct diag_snapshot	*s;
	struct host		*h;
	cJSON			*snap;
	char			*text;
	size_t			 len;

	if ((text = slurp(path, &len)) == NULL) {
		fprintf(stderr, "ipsecwatch: %s: %s\n", path, strerror(errno));
		return -1;
	}
	snap = snapshot_from_transcript(text, len, PLATFORM_AUTO, salt,
	    SALT_LEN, &info);
	free(text);
	if (snap == NULL) {
		fprintf(stderr, "ipsecwatch: %s: no prompt line with a command "
		    "(expected lines like \"hq-1#show crypto isakmp sa\")\n",
		    path);
		return -1;
	}
	if (info.failed > 0)
		fprintf(stderr, "ipsecwatch: %s: %zu output(s) not understood "
		    "(see ipsecwatch parse --transcript %s)\n", path,
		    info.failed, path);
	h = host_get(hosts, nhosts, info.hostname);
	if (info.platform != PLATFORM_AUTO)
		h->platform = info.platform;
	h->snaps = xreallocarray(h->snaps, h->nsnaps + 1, sizeof(*h->snaps));
	s = &h->snaps[h->nsnaps++];
	memset(s, 0, sizeof(*s));
	/* Files are a history in the order given, a minute apart. */
	s->at = at;
	s->probes = snap;
	return 0;
}

static int
cmd_diagnose_exec(struct cmd_opts *o)
{
	unsigned char		 salt[SALT_LEN];
	struct host		*hosts = NULL;
	struct diag_router	*rs;
	struct diag_findings	 fs;
	char			 err[256], *js;
	size_t			 nhosts = 0, i, j;
	int			 loaded = 0;

	if (o->argc < 2) {
		fprintf(stderr, "usage: ipsecwatch %s\n",
		    cmd_diagnose_entry.usage);
		return EXIT_USAGE;
	}
	/* One salt for the whole run: both ends' fingerprints compare. */
	if (salt_load_or_ephemeral(o->salt_file, salt, err, sizeof(err)) != 0) {
		fprintf(stderr, "ipsecwatch: %s\n", err);
		return EXIT_USAGE;
	}
	for (i = 1; i < (size_t)o->argc; i++)
		if (load_file(o->argv[i], salt, &hosts, &nhosts,
		    (time_t)(i * 60)) == 0)
			loaded++;
	if (loaded == 0)
		return EXIT_DATAERR;
	rs = xcalloc(nhosts, sizeof(*rs));
	for (i = 0; i < nhosts; i++) {
		rs[i].name = hosts[i].name;
		rs[i].platform = hosts[i].platform;
		rs[i].snaps = hosts[i].snaps;
		rs[i].nsnaps = hosts[i].nsnaps;
	}
	memset(&fs, 0, sizeof(fs));
	diag_run(rs, nhosts, NULL, &fs);
	if (o->json) {
		cJSON *j2 = diag_findings_json(&fs);
		js = cJSON_Print(j2);
		printf("%s\n", js);
		free(js);
		cJSON_Delete(j2);
	} else
		diag_findings_text(&fs, stdout);
	diag_findings_free(&fs);
	for (i = 0; i < nhosts; i++) {
		for (j = 0; j < hosts[i].nsnaps; j++)
			cJSON_Delete((cJSON *)hosts[i].snaps[j].probes);
		free(hosts[i].snaps);
	}
	free(hosts);
	free(rs);
	explicit_bzero(salt, sizeof(salt));
	return 0;
}

const struct cmd_entry cmd_diagnose_entry = {
	.name = "diagnose",
	.usage = "diagnose [--json] [--salt-file F] FILE [FILE...]",
	.exec = cmd_diagnose_exec,
};

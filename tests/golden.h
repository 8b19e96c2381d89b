/*
 * golden.h: the golden-file check every probe suite runs.
 *
 * For each tests/fixtures/<probe>/<case>.<platform>.txt (platform: ios,
 * iosxe, asa), the probe's JSON (probe_result_json, printed with
 * cJSON_Print) must equal <case>.<platform>.json byte for byte. With
 * UPDATE_GOLDEN=1 the .json files are rewritten instead, for review with
 * git diff (make update-golden). A fixture whose name starts with "bad-" is
 * an output the parser must refuse (ok == false, with an error).
 */
#ifndef IPSECWATCH_GOLDEN_H
#define IPSECWATCH_GOLDEN_H

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

static inline char *
golden_read(const char *path, size_t *len)
{
	FILE	*fp = fopen(path, "rb");
	char	*buf;
	long	 n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		fclose(fp);
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

/* Parse one fixture file; returns the JSON text (caller frees). */
static inline char *
golden_render(const struct probe *p, const char *path, enum platform plat,
    int *ok)
{
	struct probe_input	 in;
	struct probe_result	 res;
	static const unsigned char salt[] = "golden-test-salt";
	cJSON			*j;
	char			*txt, *out;
	size_t			 len;

	txt = golden_read(path, &len);
	ck_assert_msg(txt != NULL, "cannot read %s", path);
	memset(&in, 0, sizeof(in));
	in.text = txt;
	in.len = len;
	in.platform = plat;
	in.salt = salt;
	in.saltlen = sizeof(salt) - 1;
	probe_parse(p, &in, &res);
	*ok = res.ok;
	j = probe_result_json(p, &res);
	out = cJSON_Print(j);
	cJSON_Delete(j);
	probe_result_free(p, &res);
	free(txt);
	return out;
}

/* Returns the number of fixtures checked. */
static inline int
golden_check_dir(const struct probe *p)
{
	const char	*src = getenv("IPSECWATCH_SRC");
	char		 dir[1024], path[1300], gpath[1300], plat_s[16];
	struct dirent	*de;
	DIR		*d;
	int		 n = 0, update = getenv("UPDATE_GOLDEN") != NULL;

	snprintf(dir, sizeof(dir), "%s/tests/fixtures/%s", src ? src : ".",
	    p->name);
	d = opendir(dir);
	ck_assert_msg(d != NULL, "no fixtures in %s", dir);
	while ((de = readdir(d)) != NULL) {
		size_t		 l = strlen(de->d_name);
		const char	*dot;
		enum platform	 plat;
		char		*got, *want;
		size_t		 wlen;
		int		 ok;

		if (l < 5 || strcmp(de->d_name + l - 4, ".txt") != 0)
			continue;
		dot = memrchr(de->d_name, '.', l - 4);
		ck_assert_msg(dot != NULL, "%s: name it CASE.PLATFORM.txt",
		    de->d_name);
		snprintf(plat_s, sizeof(plat_s), "%.*s",
		    (int)(de->d_name + l - 4 - dot - 1), dot + 1);
		ck_assert_msg(platform_from_id(plat_s, &plat) == 0,
		    "%s: unknown platform %s", de->d_name, plat_s);
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		snprintf(gpath, sizeof(gpath), "%s/%.*s.json", dir,
		    (int)(l - 4), de->d_name);
		got = golden_render(p, path, plat, &ok);
		if (strncmp(de->d_name, "bad-", 4) == 0)
			ck_assert_msg(!ok, "%s: parsed, but must be refused",
			    de->d_name);
		else
			ck_assert_msg(ok, "%s: not parsed: %s", de->d_name, got);
		if (update) {
			FILE *fp = fopen(gpath, "w");
			ck_assert_ptr_nonnull(fp);
			fprintf(fp, "%s\n", got);
			fclose(fp);
		} else {
			want = golden_read(gpath, &wlen);
			ck_assert_msg(want != NULL, "missing golden %s "
			    "(make update-golden)", gpath);
			if (wlen > 0 && want[wlen - 1] == '\n')
				want[--wlen] = '\0';
			ck_assert_msg(strcmp(got, want) == 0,
			    "%s differs from its golden file %s:\n%s",
			    de->d_name, gpath, got);
			free(want);
		}
		free(got);
		n++;
	}
	closedir(d);
	return n;
}

#endif

/*
 * bench_probes.c: parse throughput per probe (make bench). Figures, not a
 * test. Each probe's fixtures (the "bad-" ones aside) are concatenated,
 * repeated until the input is at least 50 MB, and parsed as one output;
 * the best of three runs is reported in MB/s.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "probe.h"
#include "util.h"

#define TARGET_BYTES	(50u * 1024 * 1024)

static char *
slurp_fixtures(const char *src, const char *name, size_t *len)
{
	char		 dir[1024], path[1400];
	struct dirent	*de;
	DIR		*d;
	char		*buf = NULL;
	size_t		 cap = 0, n = 0;

	snprintf(dir, sizeof(dir), "%s/tests/fixtures/%s", src, name);
	if ((d = opendir(dir)) == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);
		FILE *fp;
		long sz;
		if (l < 5 || strcmp(de->d_name + l - 4, ".txt") != 0 ||
		    strncmp(de->d_name, "bad-", 4) == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if ((fp = fopen(path, "rb")) == NULL)
			continue;
		fseek(fp, 0, SEEK_END);
		sz = ftell(fp);
		rewind(fp);
		if (n + (size_t)sz + 2 > cap) {
			cap = (n + (size_t)sz + 2) * 2;
			buf = xreallocarray(buf, cap, 1);
		}
		n += fread(buf + n, 1, (size_t)sz, fp);
		buf[n++] = '\n';
		fclose(fp);
	}
	closedir(d);
	*len = n;
	return buf;
}

static double
now_s(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(void)
{
	const char	*src = getenv("IPSECWATCH_SRC") ? getenv("IPSECWATCH_SRC") : ".";
	size_t		 i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("%-22s %10s %10s %8s\n", "probe", "input_MB", "MB/s", "ok");
	for (i = 0; i < probe_count; i++) {
		const struct probe *p = probe_table[i];
		struct probe_input in;
		struct probe_result res;
		size_t flen, total, k;
		char *fx, *big;
		double best = 1e9;
		int run, ok = 0;

		if (p->parse == NULL || (fx = slurp_fixtures(src, p->name,
		    &flen)) == NULL || flen == 0)
			continue;
		total = (TARGET_BYTES / flen + 1) * flen;
		big = xmalloc(total);
		for (k = 0; k < total; k += flen)
			memcpy(big + k, fx, flen);
		memset(&in, 0, sizeof(in));
		in.text = big;
		in.len = total;
		in.salt = (const unsigned char *)"bench";
		in.saltlen = 5;
		for (run = 0; run < 3; run++) {
			double t0 = now_s(), dt;
			ok = probe_parse(p, &in, &res) == 0;
			dt = now_s() - t0;
			probe_result_free(p, &res);
			if (dt < best)
				best = dt;
		}
		printf("%-22s %10.1f %10.1f %8s\n", p->name,
		    total / 1048576.0, total / 1048576.0 / best, ok ? "yes" : "no");
		free(big);
		free(fx);
	}
	return 0;
}

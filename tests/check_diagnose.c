/*
 * check_diagnose.c: `ipsecwatch diagnose` on the transcripts of each
 * scenario in tests/scenarios/ gives the expected kind and cause.
 *
 * A scenario is a folder of pasted sessions (one router each; the same
 * router twice as HOST-1.txt, HOST-2.txt) and an `expected` file:
 *
 *   router peer kind cause      one line per finding that must be there;
 *                               "-" matches anything (a router-wide
 *                               finding's peer, any cause); kind may be
 *                               "a|b" when either kind is right
 *   none-above info             no finding of severity critical or warning
 *   # comment
 *
 * Every finding must also have a summary and evidence; a named cause
 * comes with fix and verify lines, a symptom whose cause is "unknown"
 * with candidates (an advisory such as weak_crypto has no cause); no PSK of
 * the transcripts ("crypto isakmp key 0 KEY ...") may appear anywhere in
 * the output. Text mode prints each finding's kind. Each scenario prints
 * "scenario | expected | found" on stdout: the closing note's table.
 */
#include <check.h>
#include <dirent.h>

#include <cjson/cJSON.h>

#include "testutil.h"

#define MAX_SCEN	64
#define MAX_FILES	32
#define MAX_LINES	64
#define MAX_PSK		32

static char	*scen[MAX_SCEN];
static size_t	 nscen;

struct expect {
	char	 router[64];
	char	 peer[64];
	char	 kind[128];	/* "a|b" */
	char	 cause[64];
};

struct scenario {
	char		*dir;
	char		*files[MAX_FILES];
	size_t		 nfiles;
	struct expect	 exp[MAX_LINES];
	size_t		 nexp;
	int		 none_above_info;
	char		*psk[MAX_PSK];
	size_t		 npsk;
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *
xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 r;

	va_start(ap, fmt);
	r = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (r < 0)
		abort();
	return s;
}

static char *
scen_root(void)
{
	return xasprintf("%s/tests/scenarios", tu_src_dir());
}

/* The scenario folders, sorted (lab.json and lab-expected are files). */
static void
find_scenarios(void)
{
	char		*root = scen_root(), *p;
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;

	if ((d = opendir(root)) == NULL) {
		perror(root);
		free(root);
		return;
	}
	while ((de = readdir(d)) != NULL && nscen < MAX_SCEN) {
		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", root, de->d_name);
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
			scen[nscen++] = strdup(de->d_name);
		free(p);
	}
	closedir(d);
	qsort(scen, nscen, sizeof(*scen), cmp_str);
	free(root);
}

static char *
slurp_fp(FILE *fp)
{
	char	*buf = NULL;
	size_t	 cap = 0, n = 0, r;

	do {
		if (n + 4096 >= cap) {
			cap = cap ? cap * 2 : 65536;
			if ((buf = realloc(buf, cap)) == NULL)
				abort();
		}
		r = fread(buf + n, 1, cap - n - 1, fp);
		n += r;
	} while (r > 0);
	buf[n] = '\0';
	return buf;
}

static char *
slurp(const char *path)
{
	FILE	*fp = fopen(path, "r");
	char	*s;

	if (fp == NULL)
		return NULL;
	s = slurp_fp(fp);
	fclose(fp);
	return s;
}

/* "crypto isakmp key [0|6|7] KEY address|hostname ...": the clear keys. */
static void
collect_psks(struct scenario *sc, const char *text)
{
	const char	*p = text, *q;
	char		 w[4][128];
	int		 n;

	while ((q = strstr(p, "crypto isakmp key ")) != NULL) {
		n = sscanf(q, "crypto isakmp key %127s %127s %127s %127s",
		    w[0], w[1], w[2], w[3]);
		p = q + 1;
		if (n < 2 || sc->npsk == MAX_PSK)
			continue;
		if (strcmp(w[0], "0") == 0 && n >= 3 &&
		    strcmp(w[1], "address") != 0)
			sc->psk[sc->npsk++] = strdup(w[1]);
		else if (strcmp(w[0], "6") != 0 && strcmp(w[0], "7") != 0 &&
		    strcmp(w[0], "0") != 0 && strcmp(w[1], "address") == 0)
			sc->psk[sc->npsk++] = strdup(w[0]);
	}
}

static void
load_expected(struct scenario *sc)
{
	char	*path = xasprintf("%s/expected", sc->dir), *text, *line, *save;
	struct expect *e;

	text = slurp(path);
	ck_assert_msg(text != NULL, "%s: missing", path);
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (*line == '\0' || *line == '#')
			continue;
		if (strncmp(line, "none-above info", 15) == 0) {
			sc->none_above_info = 1;
			continue;
		}
		ck_assert_msg(sc->nexp < MAX_LINES, "%s: too many lines", path);
		e = &sc->exp[sc->nexp];
		ck_assert_msg(sscanf(line, "%63s %63s %127s %63s", e->router,
		    e->peer, e->kind, e->cause) == 4,
		    "%s: bad line \"%s\" (router peer kind cause)", path, line);
		sc->nexp++;
	}
	free(text);
	free(path);
}

static void
load_scenario(struct scenario *sc, const char *name)
{
	char		*root = scen_root(), *text;
	DIR		*d;
	struct dirent	*de;
	size_t		 len, i;

	memset(sc, 0, sizeof(*sc));
	sc->dir = xasprintf("%s/%s", root, name);
	free(root);
	ck_assert_msg((d = opendir(sc->dir)) != NULL, "%s", sc->dir);
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".txt") != 0)
			continue;
		ck_assert(sc->nfiles < MAX_FILES);
		sc->files[sc->nfiles++] = xasprintf("%s/%s", sc->dir,
		    de->d_name);
	}
	closedir(d);
	ck_assert_msg(sc->nfiles > 0, "%s: no transcript", sc->dir);
	qsort(sc->files, sc->nfiles, sizeof(*sc->files), cmp_str);
	for (i = 0; i < sc->nfiles; i++) {
		text = slurp(sc->files[i]);
		ck_assert_msg(text != NULL, "%s", sc->files[i]);
		collect_psks(sc, text);
		free(text);
	}
	load_expected(sc);
}

static void
free_scenario(struct scenario *sc)
{
	size_t	 i;

	for (i = 0; i < sc->nfiles; i++)
		free(sc->files[i]);
	for (i = 0; i < sc->npsk; i++)
		free(sc->psk[i]);
	free(sc->dir);
}

/* ipsecwatch diagnose [--json] FILES...: output and exit status. */
static char *
run_diagnose(const struct scenario *sc, int json, int *status)
{
	char	*cmd, *t, *out;
	FILE	*fp;
	size_t	 i;
	int	 st;

	cmd = xasprintf("'%s/ipsecwatch' diagnose%s", tu_build_dir(),
	    json ? " --json" : "");
	for (i = 0; i < sc->nfiles; i++) {
		t = xasprintf("%s '%s'", cmd, sc->files[i]);
		free(cmd);
		cmd = t;
	}
	t = xasprintf("%s 2>/dev/null", cmd);
	free(cmd);
	cmd = t;
	fp = popen(cmd, "r");
	ck_assert_msg(fp != NULL, "popen %s", cmd);
	out = slurp_fp(fp);
	st = pclose(fp);
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	free(cmd);
	return out;
}

static const char *
jstr(const cJSON *o, const char *k)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int
jarray_len(const cJSON *o, const char *k)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsArray(v) ? cJSON_GetArraySize(v) : -1;
}

static int
field_matches(const char *want, const char *got)
{
	if (strcmp(want, "-") == 0)
		return 1;
	return got != NULL && strcmp(want, got) == 0;
}

/* kind "a|b|c": any of them. */
static int
kind_matches(const char *want, const char *got)
{
	const char	*p = want, *bar;
	size_t		 n;

	if (got == NULL)
		return 0;
	for (;;) {
		bar = strchr(p, '|');
		n = bar ? (size_t)(bar - p) : strlen(p);
		if (strlen(got) == n && strncmp(p, got, n) == 0)
			return 1;
		if (bar == NULL)
			return 0;
		p = bar + 1;
	}
}

static int
expect_matches(const struct expect *e, const cJSON *f)
{
	return field_matches(e->router, jstr(f, "router")) &&
	    field_matches(e->peer, jstr(f, "peer")) &&
	    kind_matches(e->kind, jstr(f, "kind")) &&
	    field_matches(e->cause, jstr(f, "cause"));
}

static int
is_above_info(const cJSON *f)
{
	const char	*s = jstr(f, "severity");

	return s != NULL && (strcmp(s, "critical") == 0 ||
	    strcmp(s, "warning") == 0);
}

/*
 * The kinds a cause explains. An advisory (weak_crypto) or a poll failure
 * has no root cause to rank: "unknown" there needs no candidates.
 */
static int
is_symptom(const char *kind)
{
	static const char *const k[] = { "phase1_down", "phase1_stuck",
	    "phase2_missing", "counters_zero", "one_way_traffic",
	    "dpd_teardown_loop" };
	size_t	 i;

	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++)
		if (strcmp(kind, k[i]) == 0)
			return 1;
	return 0;
}

/* The closing note's table line: scenario | expected | found. */
static void
table_line(const char *name, const struct scenario *sc, const cJSON *fs)
{
	const cJSON	*f;
	size_t		 i;
	int		 first = 1;

	printf("%s | ", name);
	for (i = 0; i < sc->nexp; i++)
		printf("%s%s %s %s %s", i ? "; " : "", sc->exp[i].router,
		    sc->exp[i].peer, sc->exp[i].kind, sc->exp[i].cause);
	if (sc->none_above_info)
		printf("%snone above info", sc->nexp ? "; " : "");
	printf(" | ");
	cJSON_ArrayForEach(f, fs) {
		printf("%s%s %s %s %s (%s)", first ? "" : "; ",
		    jstr(f, "router") ? jstr(f, "router") : "?",
		    jstr(f, "peer") ? jstr(f, "peer") : "-",
		    jstr(f, "kind") ? jstr(f, "kind") : "?",
		    jstr(f, "cause") ? jstr(f, "cause") : "?",
		    jstr(f, "severity") ? jstr(f, "severity") : "?");
		first = 0;
	}
	if (first)
		printf("no findings");
	printf("\n");
	fflush(stdout);
}

START_TEST(test_scenario)
{
	struct scenario	 sc;
	const char	*name = scen[_i];
	char		*out, *text;
	cJSON		*doc, *fs, *f;
	size_t		 i;
	int		 status, n, missing = 0;

	load_scenario(&sc, name);
	out = run_diagnose(&sc, 1, &status);
	doc = cJSON_Parse(out);
	fs = doc ? cJSON_GetObjectItemCaseSensitive(doc, "findings") : NULL;
	if (!cJSON_IsArray(fs)) {
		printf("%s | (expected %zu findings) | no JSON: exit %d\n",
		    name, sc.nexp, status);
		fflush(stdout);
	} else
		table_line(name, &sc, fs);
	ck_assert_msg(status == 0, "%s: diagnose exited %d", name, status);
	ck_assert_msg(cJSON_IsArray(fs), "%s: no {\"findings\": [...]} in "
	    "output:\n%.2000s", name, out);
	if (sc.nexp > 0)
		ck_assert_msg(cJSON_GetArraySize(fs) > 0, "%s: no findings",
		    name);

	/* No PSK anywhere: only fingerprints. */
	for (i = 0; i < sc.npsk; i++)
		ck_assert_msg(strstr(out, sc.psk[i]) == NULL,
		    "%s: the pre-shared key %s appears in the output", name,
		    sc.psk[i]);

	/* Every expected finding. */
	for (i = 0; i < sc.nexp; i++) {
		int found = 0;
		cJSON_ArrayForEach(f, fs)
			if (expect_matches(&sc.exp[i], f))
				found = 1;
		if (!found) {
			fprintf(stderr, "%s: expected finding missing: "
			    "%s %s %s %s\n", name, sc.exp[i].router,
			    sc.exp[i].peer, sc.exp[i].kind, sc.exp[i].cause);
			missing++;
		}
	}
	ck_assert_msg(missing == 0, "%s: %d expected finding(s) missing "
	    "(see stderr); output:\n%.4000s", name, missing, out);

	/* Nothing above info on a healthy tunnel. */
	if (sc.none_above_info)
		cJSON_ArrayForEach(f, fs)
			ck_assert_msg(!is_above_info(f), "%s: %s finding %s "
			    "router=%s peer=%s cause=%s on a scenario with no "
			    "finding above info", name, jstr(f, "severity"),
			    jstr(f, "kind"), jstr(f, "router"),
			    jstr(f, "peer") ? jstr(f, "peer") : "-",
			    jstr(f, "cause"));

	/* Every finding: summary, evidence; fix/verify or candidates. */
	cJSON_ArrayForEach(f, fs) {
		const char *kind = jstr(f, "kind"), *cause = jstr(f, "cause");
		const char *sum = jstr(f, "summary");

		ck_assert_msg(kind != NULL && *kind != '\0', "%s: finding "
		    "without kind", name);
		ck_assert_msg(jstr(f, "severity") != NULL && jstr(f, "router")
		    != NULL, "%s: %s without severity or router", name, kind);
		ck_assert_msg(sum != NULL && *sum != '\0', "%s: %s (router %s)"
		    " has no summary", name, kind, jstr(f, "router"));
		ck_assert_msg(jarray_len(f, "evidence") > 0, "%s: %s (router "
		    "%s) has no evidence", name, kind, jstr(f, "router"));
		ck_assert_msg(cause != NULL, "%s: %s has no cause", name, kind);
		if (strcmp(cause, "unknown") == 0 && is_symptom(kind))
			ck_assert_msg(jarray_len(f, "candidates") > 0, "%s: %s "
			    "(router %s) has cause unknown and no candidates",
			    name, kind, jstr(f, "router"));
		else if (strcmp(cause, "unknown") != 0) {
			ck_assert_msg(jarray_len(f, "fix") > 0, "%s: %s cause "
			    "%s (router %s) has no fix", name, kind, cause,
			    jstr(f, "router"));
			ck_assert_msg(jarray_len(f, "verify") > 0, "%s: %s "
			    "cause %s (router %s) has no verify", name, kind,
			    cause, jstr(f, "router"));
		}
	}

	/* Text mode: each finding's kind is printed. */
	text = run_diagnose(&sc, 0, &status);
	ck_assert_msg(status == 0, "%s: diagnose (text) exited %d", name,
	    status);
	for (i = 0; i < sc.npsk; i++)
		ck_assert_msg(strstr(text, sc.psk[i]) == NULL,
		    "%s: the pre-shared key %s appears in the text output",
		    name, sc.psk[i]);
	n = 0;
	cJSON_ArrayForEach(f, fs) {
		ck_assert_msg(strstr(text, jstr(f, "kind")) != NULL,
		    "%s: text output lacks %s:\n%.2000s", name,
		    jstr(f, "kind"), text);
		n++;
	}
	(void)n;
	free(text);
	cJSON_Delete(doc);
	free(out);
	free_scenario(&sc);
}
END_TEST

/* The scenarios are there, and each one names what it expects. */
START_TEST(test_scenarios_present)
{
	char	*p, *t;
	size_t	 i;

	ck_assert_msg(nscen >= 16, "only %zu scenario folders under "
	    "tests/scenarios", nscen);
	for (i = 0; i < nscen; i++) {
		p = xasprintf("%s/tests/scenarios/%s/expected", tu_src_dir(),
		    scen[i]);
		t = slurp(p);
		ck_assert_msg(t != NULL, "%s missing", p);
		free(t);
		free(p);
	}
}
END_TEST

/* Nothing parseable: exit 65 (EX_DATAERR). */
START_TEST(test_unparseable)
{
	char	*dir = tu_mkdtemp(), *f, *cmd;
	int	 st;

	f = tu_path(dir, "junk.txt");
	tu_write_file(f, 0644, "this is not a router session\nat all\n");
	cmd = xasprintf("'%s/ipsecwatch' diagnose --json '%s' >/dev/null "
	    "2>&1", tu_build_dir(), f);
	st = system(cmd);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 65,
	    "diagnose on junk exited %d, expected 65", WEXITSTATUS(st));
	unlink(f);
	rmdir(dir);
	free(cmd);
	free(f);
	free(dir);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("diagnose");
	TCase	*tc = tcase_create("scenarios");
	SRunner	*sr;
	int	 failed;

	find_scenarios();
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_scenarios_present);
	tcase_add_test(tc, test_unparseable);
	if (nscen > 0)
		tcase_add_loop_test(tc, test_scenario, 0, (int)nscen);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	printf("scenario | expected | found\n");
	fflush(stdout);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

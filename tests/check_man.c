/*
 * check_man.c: the man pages are clean mdoc and say what the code does.
 *
 * The pages live next to their source: daemon/ipsecwatchd.8,
 * daemon/ipsecwatch.1, daemon/ipsecwatch.conf.5.
 *
 *  - lint: `mandoc -T lint -W warning` prints nothing on each page, and
 *    `man -l` renders it without a warning.
 *  - drift, read from the sources at test time (IPSECWATCH_SRC): every key
 *    of lib/config.c's top_keys[] and router_keys[] is an item of the
 *    page's TOP-LEVEL KEYS or ROUTER KEYS, and every item there is such a
 *    key; every command of daemon/ipsecwatch.c's cmd_table is a
 *    subsection of ipsecwatch(1)'s COMMANDS, and every option its
 *    parse_opts() knows is in that page; every option of ipsecwatchd's
 *    getopt string (and any long option) is an item of ipsecwatchd(8).
 *    Commands and options are checked one way (source within page): a
 *    page may describe what is still being written.
 *  - what ipsecwatch.conf(5) states of each key is what config_load()
 *    does. Each item's first sentence reads "Integer, MIN to MAX;
 *    default D.", "One of A, B or C; default A.", "Boolean; default
 *    false.", "String; required." and so on: the default is what
 *    config_print() prints for a file without the key, MIN and MAX load
 *    and one past them does not, every value of an enumeration loads.
 *    The JSON examples of the page load.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>
#include <cjson/cJSON.h>

#include "config.h"
#include "util.h"

#define PAGE_DAEMON	"daemon/ipsecwatchd.8"
#define PAGE_TOOL	"daemon/ipsecwatch.1"
#define PAGE_CONF	"daemon/ipsecwatch.conf.5"

/* Fewer than these found means the extraction broke, not the pages. */
#define MIN_TOP_KEYS	15
#define MIN_ROUTER_KEYS	10
#define MIN_COMMANDS	4
#define MIN_LETTERS	4

static const char *src_dir = ".";
static char	  *tmp_root;

/*
 * Small helpers. They abort the test on a failure of the environment, so
 * that a broken setup cannot pass for a passing check.
 */

struct strs {
	char	**v;
	size_t	  n;
};

static void
strs_add(struct strs *s, const char *p, size_t len)
{
	s->v = xreallocarray(s->v, s->n + 1, sizeof(*s->v));
	s->v[s->n++] = xstrndup(p, len);
}

static int
strs_has(const struct strs *s, const char *p)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i], p) == 0)
			return 1;
	return 0;
}

static void
strs_free(struct strs *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static char *
read_file(const char *path)
{
	FILE	*fp;
	char	*buf;
	long	 n;

	if ((fp = fopen(path, "r")) == NULL)
		ck_abort_msg("fopen %s: %s", path, strerror(errno));
	if (fseek(fp, 0, SEEK_END) == -1 || (n = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) == -1)
		ck_abort_msg("seek %s", path);
	buf = xmalloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, fp) != (size_t)n)
		ck_abort_msg("read %s", path);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static char *
read_src(const char *rel)
{
	char	*p, *s;

	xasprintf(&p, "%s/%s", src_dir, rel);
	s = read_file(p);
	free(p);
	return s;
}

static void
write_file(const char *path, const char *s, mode_t mode)
{
	size_t	 len = strlen(s);
	int	 fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1)
		ck_abort_msg("open %s: %s", path, strerror(errno));
	if (write(fd, s, len) != (ssize_t)len)
		ck_abort_msg("write %s: %s", path, strerror(errno));
	/* fchmod, not the open mode: the umask must not change it. */
	if (fchmod(fd, mode) == -1)
		ck_abort_msg("fchmod %s: %s", path, strerror(errno));
	close(fd);
}

static char *
make_tmpdir(void)
{
	char	*tmpl, *real;

	xasprintf(&tmpl, "%s/case.XXXXXX", tmp_root);
	if (mkdtemp(tmpl) == NULL)
		ck_abort_msg("mkdtemp: %s", strerror(errno));
	/* The config resolves its directory with realpath(): so do we. */
	if ((real = realpath(tmpl, NULL)) == NULL)
		ck_abort_msg("realpath %s: %s", tmpl, strerror(errno));
	free(tmpl);
	return real;
}

/* Runs a shell command; its output in *out, its exit status returned. */
static int
run(const char *cmd, char **out)
{
	char	 buf[4096];
	char	*acc = xstrdup("");
	size_t	 n, len = 0;
	FILE	*fp;
	int	 st;

	if ((fp = popen(cmd, "r")) == NULL)
		ck_abort_msg("popen %s: %s", cmd, strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		acc = xreallocarray(acc, len + n + 1, 1);
		memcpy(acc + len, buf, n);
		len += n;
		acc[len] = '\0';
	}
	st = pclose(fp);
	*out = acc;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/*
 * The C sources: string literals and identifiers, comments skipped.
 */

/* One past the end of the literal or comment starting at p, or p. */
static const char *
c_skip(const char *p)
{
	char	 q;

	if (p[0] == '/' && p[1] == '*') {
		const char *e = strstr(p + 2, "*/");
		return e != NULL ? e + 2 : p + strlen(p);
	}
	if (p[0] == '/' && p[1] == '/')
		return p + strcspn(p, "\n");
	if (*p != '"' && *p != '\'')
		return p;
	q = *p++;
	while (*p != '\0' && *p != q)
		p += p[0] == '\\' && p[1] != '\0' ? 2 : 1;
	return *p != '\0' ? p + 1 : p;
}

/* Every string literal in [p, end), as written (no escapes in ours). */
static void
c_literals(const char *p, const char *end, struct strs *out)
{
	const char	*n;

	while (p < end && *p != '\0') {
		n = c_skip(p);
		if (n == p) {
			p++;
			continue;
		}
		if (*p == '"')
			strs_add(out, p + 1, (size_t)(n - p - 2));
		p = n;
	}
}

/*
 * The braces after the first `marker` in src: *start at '{', the return
 * one past the matching '}'. Aborts when the marker is not there.
 */
static const char *
c_block(const char *src, const char *marker, const char **start)
{
	const char	*p = strstr(src, marker), *n;
	int		 depth = 0;

	if (p == NULL || (p = strchr(p, '{')) == NULL)
		ck_abort_msg("%s not found in the source", marker);
	*start = p;
	while (*p != '\0') {
		if ((n = c_skip(p)) != p) {
			p = n;
			continue;
		}
		if (*p == '{')
			depth++;
		else if (*p == '}' && --depth == 0)
			return p + 1;
		p++;
	}
	ck_abort_msg("unbalanced braces after %s", marker);
	return p;
}

static void
c_array_strings(const char *src, const char *marker, struct strs *out)
{
	const char	*start, *end = c_block(src, marker, &start);

	c_literals(start, end, out);
}

/*
 * The man pages: one line each, with the section and subsection it is
 * in, and its words with the roff escapes we use undone.
 */

struct mline {
	char	 *sh;
	char	 *ss;
	char	 *raw;
	char	**w;
	size_t	  nw;
	int	  macro;	/* starts with '.' */
};

struct page {
	char		*name;
	struct mline	*l;
	size_t		 n;
	struct strs	 heads;		/* the section names, shared by lines */
};

/* "\-" is '-', "\&" and "\e" vanish or are '\\': enough for our pages. */
static char *
unescape(const char *s, size_t len)
{
	char	*o = xmalloc(len + 1);
	size_t	 i, j = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len && s[i + 1] == '-') {
			o[j++] = '-';
			i++;
		} else if (s[i] == '\\' && i + 1 < len && s[i + 1] == '&')
			i++;
		else if (s[i] == '\\' && i + 1 < len && s[i + 1] == 'e') {
			o[j++] = '\\';
			i++;
		} else
			o[j++] = s[i];
	}
	o[j] = '\0';
	return o;
}

static void
split_words(struct mline *m)
{
	const char	*p = m->raw;
	size_t		 n;

	for (;;) {
		p += strspn(p, " \t");
		if (*p == '\0')
			break;
		n = strcspn(p, " \t");
		m->w = xreallocarray(m->w, m->nw + 1, sizeof(*m->w));
		m->w[m->nw++] = unescape(p, n);
		p += n;
	}
}

/* A section name, kept by the page until page_free(). */
static char *
page_head(struct page *pg, const char *s)
{
	char	*u = unescape(s, strlen(s));

	strs_add(&pg->heads, u, strlen(u));
	free(u);
	return pg->heads.v[pg->heads.n - 1];
}

static void
page_load(struct page *pg, const char *rel)
{
	char	*text = read_src(rel), *line, *save = NULL, *sh, *ss;
	struct mline *m;

	memset(pg, 0, sizeof(*pg));
	pg->name = xstrdup(rel);
	sh = ss = page_head(pg, "");
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, ".\\\"", 3) == 0)
			continue;
		if (strncmp(line, ".Sh ", 4) == 0) {
			sh = page_head(pg, line + 4);
			ss = page_head(pg, "");
		} else if (strncmp(line, ".Ss ", 4) == 0)
			ss = page_head(pg, line + 4);
		pg->l = xreallocarray(pg->l, pg->n + 1, sizeof(*pg->l));
		m = &pg->l[pg->n++];
		memset(m, 0, sizeof(*m));
		m->sh = sh;
		m->ss = ss;
		m->raw = xstrdup(line);
		m->macro = line[0] == '.';
		split_words(m);
	}
	free(text);
}

static void
page_free(struct page *pg)
{
	size_t	 i, j;

	for (i = 0; i < pg->n; i++) {
		for (j = 0; j < pg->l[i].nw; j++)
			free(pg->l[i].w[j]);
		free(pg->l[i].w);
		free(pg->l[i].raw);
	}
	free(pg->l);
	free(pg->name);
	strs_free(&pg->heads);
}

static int
is_word(const struct mline *m, size_t i, const char *w)
{
	return i < m->nw && strcmp(m->w[i], w) == 0;
}

/* Macro w called at word i: ".Xr" at the start of a line, "Xr" after. */
static int
is_call(const struct mline *m, size_t i, const char *w)
{
	const char	*s;

	if (!m->macro || i >= m->nw)
		return 0;
	s = m->w[i];
	if (i == 0 && *s == '.')
		s++;
	return strcmp(s, w) == 0;
}

/* The line of ".It MACRO name" in section sh, or -1. */
static long
page_item(const struct page *pg, const char *sh, const char *macro,
    const char *name)
{
	size_t	 i;

	for (i = 0; i < pg->n; i++)
		if (strcmp(pg->l[i].sh, sh) == 0 &&
		    is_word(&pg->l[i], 0, ".It") &&
		    is_word(&pg->l[i], 1, macro) &&
		    is_word(&pg->l[i], 2, name))
			return (long)i;
	return -1;
}

static int
page_has_subsection(const struct page *pg, const char *sh, const char *ss)
{
	size_t	 i;

	for (i = 0; i < pg->n; i++)
		if (strcmp(pg->l[i].sh, sh) == 0 &&
		    strncmp(pg->l[i].raw, ".Ss ", 4) == 0 &&
		    strcmp(pg->l[i].ss, ss) == 0)
			return 1;
	return 0;
}

/*
 * Is the option (as in the source: "-f", "--db") shown with Fl? `Fl`
 * adds one dash. With item set, only on an .It line.
 */
static int
page_has_flag(const struct page *pg, const char *opt, int item)
{
	const char	*f = opt + 1;
	size_t		 i, j;

	for (i = 0; i < pg->n; i++) {
		if (!pg->l[i].macro ||
		    (item && !is_word(&pg->l[i], 0, ".It")))
			continue;
		for (j = 0; j + 1 < pg->l[i].nw; j++)
			if (is_call(&pg->l[i], j, "Fl") &&
			    strcmp(pg->l[i].w[j + 1], f) == 0)
				return 1;
	}
	return 0;
}

/* Does the page refer to name(sec) with Xr? */
static int
page_has_xr(const struct page *pg, const char *name, const char *sec)
{
	size_t	 i, j;

	for (i = 0; i < pg->n; i++)
		for (j = 0; j + 2 < pg->l[i].nw; j++)
			if (is_call(&pg->l[i], j, "Xr") &&
			    strcmp(pg->l[i].w[j + 1], name) == 0 &&
			    strcmp(pg->l[i].w[j + 2], sec) == 0)
				return 1;
	return 0;
}

/* A word such as Dq, Pa, Ns: an mdoc macro, not text. */
static int
is_macro_word(const char *w)
{
	size_t	 n = strlen(w);

	return (n == 2 || n == 3) && w[0] >= 'A' && w[0] <= 'Z' &&
	    w[1] >= 'a' && w[1] <= 'z' && (n == 2 || (w[2] >= 'a' &&
	    w[2] <= 'z'));
}

static void
text_append(char **t, const char *w)
{
	char	*n;
	int	 glue = strlen(w) == 1 && strchr(".,;:)", w[0]) != NULL;

	xasprintf(&n, "%s%s%s", *t, (*t)[0] == '\0' || glue ? "" : " ", w);
	free(*t);
	*t = n;
}

/*
 * An item's text (macros dropped, punctuation glued back) and its first
 * literal block, one line per element, an indented line continuing the
 * previous one. The item ends at the next .It or .El of its list.
 */
/* A literal line; an indented one continues the previous line. */
static void
block_line(struct strs *block, const char *raw)
{
	char	*c, *prev;

	if ((raw[0] == ' ' || raw[0] == '\t') && block->n > 0) {
		prev = block->v[block->n - 1];
		xasprintf(&c, "%s%s", prev, raw + strspn(raw, " \t"));
		free(prev);
		block->v[block->n - 1] = c;
	} else
		strs_add(block, raw, strlen(raw));
}

static void
item_body(const struct page *pg, long at, char **text, struct strs *block)
{
	size_t	 i, j;
	int	 depth = 0, blocks = 0, in_bd = 0;

	*text = xstrdup("");
	for (i = (size_t)at + 1; i < pg->n; i++) {
		const struct mline *m = &pg->l[i];

		if (is_word(m, 0, ".Bl"))
			depth++;
		else if (is_word(m, 0, ".El") && depth-- == 0)
			break;
		else if (is_word(m, 0, ".It") && depth == 0)
			break;
		if (is_word(m, 0, ".Bd") || is_word(m, 0, ".Ed")) {
			in_bd = is_word(m, 0, ".Bd");
			blocks += in_bd;
			continue;
		}
		if (in_bd) {
			if (blocks == 1)
				block_line(block, m->raw);
			continue;
		}
		for (j = m->macro ? 1 : 0; j < m->nw; j++)
			if (!m->macro || !is_macro_word(m->w[j]))
				text_append(text, m->w[j]);
	}
}

/*
 * What ipsecwatch.conf(5) says of one key, from its item's first
 * sentence.
 */
struct keydoc {
	const char	*key;
	int		 router;	/* a router key */
	char		*text;
	struct strs	 block;
	char		*dflt;		/* NULL: required or optional */
	int		 dflt_block;	/* the default is the literal block */
	int		 ranged;
	long long	 min, max;
	int		 zero_ok;	/* "Integer, MIN to MAX, or 0" */
	struct strs	 values;	/* "One of A, B or C" */
};

static char *
first_word(const char *p)
{
	size_t	 n = strcspn(p, " ");

	while (n > 0 && strchr(".,;:", p[n - 1]) != NULL)
		n--;
	return xstrndup(p, n);
}

static void
keydoc_enum(struct keydoc *kd)
{
	const char	*p = kd->text + strlen("One of ");
	const char	*end = strchr(p, ';');
	size_t		 n;

	if (end == NULL)
		end = p + strlen(p);
	while (p < end) {
		p += strspn(p, " ,");
		n = strcspn(p, " ,;");
		if (n > 0 && p < end && !(n == 2 && strncmp(p, "or", 2) == 0))
			strs_add(&kd->values, p, n);
		p += n;
	}
}

static void
keydoc_parse(struct keydoc *kd)
{
	const char	*d = strstr(kd->text, "; default");
	char		*lower, *c;

	if (d != NULL) {
		d += strlen("; default");
		if (*d == ':')
			kd->dflt_block = 1;
		else
			kd->dflt = first_word(d + strspn(d, " "));
	} else {
		lower = xstrdup(kd->text);
		for (c = lower; *c != '\0'; c++)
			*c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
		ck_assert_msg(strstr(lower, "required") != NULL ||
		    strstr(lower, "optional") != NULL, "ipsecwatch.conf(5): "
		    "%s states no default, nor that it is required or "
		    "optional: \"%s\"", kd->key, kd->text);
		free(lower);
	}
	if (sscanf(kd->text, "Integer, %lld to %lld", &kd->min,
	    &kd->max) == 2) {
		kd->ranged = 1;
		kd->zero_ok = strstr(kd->text, ", or 0;") != NULL;
	}
	if (strncmp(kd->text, "One of ", 7) == 0)
		keydoc_enum(kd);
}

static void
keydoc_load(struct keydoc *kd, const struct page *pg, const char *key,
    int router)
{
	const char	*sh = router ? "ROUTER KEYS" : "TOP-LEVEL KEYS";
	long		 at = page_item(pg, sh, "Ic", key);

	memset(kd, 0, sizeof(*kd));
	kd->key = key;
	kd->router = router;
	ck_assert_msg(at >= 0, "ipsecwatch.conf(5): no \".It Ic %s\" in %s",
	    key, sh);
	item_body(pg, at, &kd->text, &kd->block);
	keydoc_parse(kd);
}

static void
keydoc_free(struct keydoc *kd)
{
	free(kd->text);
	free(kd->dflt);
	strs_free(&kd->block);
	strs_free(&kd->values);
}

/*
 * config_load() on a file made of one key's value: the effective value
 * config_print() shows for the key, as text; NULL when the file was
 * refused, with the error in err.
 */

/* The router every router-key file has, the key under test added. */
#define BASE_ROUTER	"\"name\": \"r1\", \"host\": \"192.0.2.1\", " \
			"\"username\": \"u\", \"password_file\": \"pw\""

static char *
value_text(const cJSON *v)
{
	char	*s;

	if (v == NULL)
		return xstrdup("(absent)");
	if (cJSON_IsString(v))
		return xstrdup(v->valuestring);
	if (cJSON_IsNumber(v)) {
		xasprintf(&s, "%.0f", v->valuedouble);
		return s;
	}
	return cJSON_PrintUnformatted(v);
}

static char *
effective(const struct keydoc *kd, const char *json_value, char *err,
    size_t errlen)
{
	struct config		*conf;
	struct config_error	 cerr;
	char			*dir = make_tmpdir(), *path, *pw, *text;
	char			*out = NULL, *printed = NULL, *member;
	size_t			 len = 0;
	cJSON			*root, *obj;
	FILE			*fp;

	xasprintf(&pw, "%s/pw", dir);
	write_file(pw, "s3cret\n", 0600);
	xasprintf(&path, "%s/ipsecwatch.conf", dir);
	if (json_value != NULL)
		xasprintf(&member, "\"%s\": %s", kd->key, json_value);
	else
		member = xstrdup("");
	if (kd->router)
		xasprintf(&text, "{\"routers\": [{" BASE_ROUTER "%s%s}]}",
		    member[0] != '\0' ? ", " : "", member);
	else
		xasprintf(&text, "{%s%s\"routers\": []}", member,
		    member[0] != '\0' ? ", " : "");
	write_file(path, text, 0644);
	if (config_load(path, &conf, &cerr) != 0) {
		config_error_format(&cerr, err, errlen);
		goto done;
	}
	if ((fp = open_memstream(&printed, &len)) == NULL)
		ck_abort_msg("open_memstream: %s", strerror(errno));
	config_print(conf, fp);
	fclose(fp);
	config_free(conf);
	if ((root = cJSON_Parse(printed)) == NULL)
		ck_abort_msg("config_print output is not JSON: %s", printed);
	obj = kd->router ? cJSON_GetArrayItem(cJSON_GetObjectItem(root,
	    "routers"), 0) : root;
	out = value_text(cJSON_GetObjectItemCaseSensitive(obj, kd->key));
	cJSON_Delete(root);
 done:
	free(printed);
	free(member);
	free(text);
	free(path);
	free(pw);
	free(dir);
	return out;
}

static void
check_default(const struct keydoc *kd)
{
	char		 err[1024];
	char		*eff;
	const cJSON	*cmds;
	cJSON		*arr;
	size_t		 i;

	if (kd->dflt == NULL && !kd->dflt_block)
		return;
	eff = effective(kd, NULL, err, sizeof(err));
	ck_assert_msg(eff != NULL, "a file without %s is refused: %s",
	    kd->key, err);
	if (kd->dflt_block) {
		arr = cJSON_Parse(eff);
		ck_assert_msg(cJSON_IsArray(arr), "%s: not an array", kd->key);
		ck_assert_msg((size_t)cJSON_GetArraySize(arr) == kd->block.n,
		    "ipsecwatch.conf(5) lists %zu default %s, config.c has %d",
		    kd->block.n, kd->key, cJSON_GetArraySize(arr));
		for (i = 0, cmds = arr->child; cmds != NULL; cmds = cmds->next,
		    i++)
			ck_assert_msg(strcmp(cmds->valuestring,
			    kd->block.v[i]) == 0, "default %s[%zu]: page says "
			    "\"%s\", config.c \"%s\"", kd->key, i,
			    kd->block.v[i], cmds->valuestring);
		cJSON_Delete(arr);
	} else if (strcmp(eff, "(absent)") != 0 ||
	    strcmp(kd->dflt, "0") != 0) {
		/* (config_print() leaves out a router interval of 0.) */
		ck_assert_msg(strcmp(eff, kd->dflt) == 0,
		    "default of %s%s: ipsecwatch.conf(5) says %s, config.c "
		    "gives %s", kd->router ? "router " : "", kd->key, kd->dflt,
		    eff);
	}
	free(eff);
}

static void
check_loads(const struct keydoc *kd, long long v, int ok)
{
	char	 json[32], err[1024];
	char	*eff;

	snprintf(json, sizeof(json), "%lld", v);
	eff = effective(kd, json, err, sizeof(err));
	if (ok)
		ck_assert_msg(eff != NULL, "ipsecwatch.conf(5) says %s may be "
		    "%lld, config.c refuses it: %s", kd->key, v, err);
	else
		ck_assert_msg(eff == NULL, "ipsecwatch.conf(5) says %s is "
		    "%lld to %lld, config.c accepts %lld", kd->key, kd->min,
		    kd->max, v);
	free(eff);
}

static void
check_range(const struct keydoc *kd)
{
	if (!kd->ranged)
		return;
	check_loads(kd, kd->min, 1);
	check_loads(kd, kd->max, 1);
	check_loads(kd, kd->max + 1, 0);
	if (kd->zero_ok) {
		check_loads(kd, 0, 1);
		check_loads(kd, -1, 0);
	} else
		check_loads(kd, kd->min - 1, 0);
}

static void
check_enum(const struct keydoc *kd)
{
	char	 json[128], err[1024];
	char	*eff;
	size_t	 i;

	for (i = 0; i < kd->values.n; i++) {
		snprintf(json, sizeof(json), "\"%s\"", kd->values.v[i]);
		eff = effective(kd, json, err, sizeof(err));
		ck_assert_msg(eff != NULL, "ipsecwatch.conf(5) lists %s for "
		    "%s, config.c refuses it: %s", kd->values.v[i], kd->key,
		    err);
		ck_assert_str_eq(eff, kd->values.v[i]);
		free(eff);
	}
	if (kd->values.n > 0) {
		eff = effective(kd, "\"no-such-value\"", err, sizeof(err));
		ck_assert_msg(eff == NULL, "%s accepts any value", kd->key);
	}
}

/*
 * Lint.
 */

static const char *const pages[] = { PAGE_DAEMON, PAGE_TOOL, PAGE_CONF };

START_TEST(test_mandoc_lint)
{
	char	*cmd, *out;
	int	 rc;

	xasprintf(&cmd, "mandoc -T lint -W warning '%s/%s' 2>&1", src_dir,
	    pages[_i]);
	rc = run(cmd, &out);
	ck_assert_msg(rc == 0 && out[0] == '\0',
	    "mandoc -T lint -W warning %s: exit %d:\n%s", pages[_i], rc, out);
	free(out);
	free(cmd);
}
END_TEST

/* man -l (groff) renders the page, its title at the top, no warning. */
START_TEST(test_man_renders)
{
	static const char *const titles[] = {
		"IPSECWATCHD(8)", "IPSECWATCH(1)", "IPSECWATCH.CONF(5)"
	};
	char	*dir = make_tmpdir(), *cmd, *out, *errs, *errpath;
	int	 rc;

	xasprintf(&errpath, "%s/stderr", dir);
	xasprintf(&cmd, "LC_ALL=C MANWIDTH=80 man --warnings -P cat -l "
	    "'%s/%s' 2> '%s'", src_dir, pages[_i], errpath);
	rc = run(cmd, &out);
	errs = read_file(errpath);
	ck_assert_msg(rc == 0, "%s: exit %d: %s", cmd, rc, errs);
	ck_assert_msg(errs[0] == '\0', "man -l %s warns:\n%s", pages[_i],
	    errs);
	ck_assert_msg(strstr(out, titles[_i]) != NULL &&
	    strstr(out, "SEE ALSO") != NULL, "man -l %s rendered:\n%.400s",
	    pages[_i], out);
	free(errs);
	free(errpath);
	free(out);
	free(cmd);
	free(dir);
}
END_TEST

/* Each page sends the reader to the other two. */
START_TEST(test_see_also)
{
	static const char *const refs[][2] = {
		{ "ipsecwatchd", "8" }, { "ipsecwatch", "1" },
		{ "ipsecwatch.conf", "5" }
	};
	struct page	 pg;
	size_t		 j;

	page_load(&pg, pages[_i]);
	for (j = 0; j < 3; j++)
		if ((int)j != _i)
			ck_assert_msg(page_has_xr(&pg, refs[j][0], refs[j][1]),
			    "%s does not refer to %s(%s)", pages[_i],
			    refs[j][0], refs[j][1]);
	page_free(&pg);
}
END_TEST

/*
 * Drift.
 */

START_TEST(test_conf_keys_documented)
{
	static const char *const arrays[] = { "top_keys[]", "router_keys[]" };
	static const char *const sections[] = { "TOP-LEVEL KEYS",
	    "ROUTER KEYS" };
	static const size_t mins[] = { MIN_TOP_KEYS, MIN_ROUTER_KEYS };
	char		*src = read_src("lib/config.c");
	struct page	 pg;
	struct strs	 keys = { NULL, 0 };
	size_t		 s, i;

	page_load(&pg, PAGE_CONF);
	for (s = 0; s < 2; s++) {
		c_array_strings(src, arrays[s], &keys);
		ck_assert_msg(keys.n >= mins[s], "only %zu keys in %s: the "
		    "extraction is broken", keys.n, arrays[s]);
		for (i = 0; i < keys.n; i++)
			ck_assert_msg(page_item(&pg, sections[s], "Ic",
			    keys.v[i]) >= 0, "lib/config.c accepts \"%s\"; "
			    "ipsecwatch.conf(5) has no \".It Ic %s\" in %s",
			    keys.v[i], keys.v[i], sections[s]);
		/* And the page documents no key the code refuses. */
		for (i = 0; i < pg.n; i++)
			if (strcmp(pg.l[i].sh, sections[s]) == 0 &&
			    is_word(&pg.l[i], 0, ".It") &&
			    is_word(&pg.l[i], 1, "Ic"))
				ck_assert_msg(pg.l[i].nw > 2 &&
				    strs_has(&keys, pg.l[i].w[2]),
				    "ipsecwatch.conf(5) documents %s in %s; "
				    "lib/config.c's %s has no such key",
				    pg.l[i].raw, sections[s], arrays[s]);
		strs_free(&keys);
	}
	page_free(&pg);
	free(src);
}
END_TEST

/* The name of the cmd_entry called ident, from the daemon/ sources. */
static char *
command_name(const char *ident)
{
	char		 marker[256], *path, *src, *name = NULL;
	const char	*start, *end, *p;
	struct dirent	*de;
	struct strs	 lits = { NULL, 0 };
	DIR		*d;

	snprintf(marker, sizeof(marker), "struct cmd_entry %s =", ident);
	xasprintf(&path, "%s/daemon", src_dir);
	if ((d = opendir(path)) == NULL)
		ck_abort_msg("opendir %s: %s", path, strerror(errno));
	free(path);
	while (name == NULL && (de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		if (n < 3 || strcmp(de->d_name + n - 2, ".c") != 0)
			continue;
		xasprintf(&path, "daemon/%s", de->d_name);
		src = read_src(path);
		free(path);
		if (strstr(src, marker) != NULL) {
			end = c_block(src, marker, &start);
			if ((p = strstr(start, ".name")) != NULL && p < end) {
				c_literals(p, end, &lits);
				if (lits.n > 0)
					name = xstrdup(lits.v[0]);
				strs_free(&lits);
			}
		}
		free(src);
	}
	closedir(d);
	ck_assert_msg(name != NULL, "no \"const struct cmd_entry %s = { "
	    ".name = ... }\" in daemon/*.c", ident);
	return name;
}

START_TEST(test_commands_documented)
{
	char		*src = read_src("daemon/ipsecwatch.c"), *name;
	const char	*p, *end;
	struct page	 pg;
	size_t		 n = 0, len;

	page_load(&pg, PAGE_TOOL);
	end = c_block(src, "cmd_table[]", &p);
	for (; p < end; p++) {
		if (*p != '&')
			continue;
		len = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
		{
			char *ident = xstrndup(p + 1, len);
			name = command_name(ident);
			free(ident);
		}
		ck_assert_msg(page_has_subsection(&pg, "COMMANDS", name),
		    "ipsecwatch %s is in cmd_table; ipsecwatch(1) has no "
		    "\".Ss %s\" in COMMANDS", name, name);
		free(name);
		n++;
	}
	ck_assert_msg(n >= MIN_COMMANDS, "only %zu commands in cmd_table: "
	    "the extraction is broken", n);
	page_free(&pg);
	free(src);
}
END_TEST

static int
is_option(const char *s)
{
	size_t	 n = strlen(s);

	if (n == 2 && s[0] == '-' && ((s[1] >= 'a' && s[1] <= 'z') ||
	    (s[1] >= 'A' && s[1] <= 'Z')))
		return 1;
	return n > 3 && strncmp(s, "--", 2) == 0 && s[2] >= 'a' &&
	    s[2] <= 'z' && strspn(s + 2, "abcdefghijklmnopqrstuvwxyz"
	    "0123456789-") == n - 2;
}

/* Every option the tool's own parser knows, wherever it is given. */
START_TEST(test_tool_options_documented)
{
	char		*src = read_src("daemon/ipsecwatch.c");
	struct strs	 lits = { NULL, 0 };
	struct page	 pg;
	size_t		 i, n = 0;

	page_load(&pg, PAGE_TOOL);
	c_literals(src, src + strlen(src), &lits);
	for (i = 0; i < lits.n; i++) {
		if (!is_option(lits.v[i]))
			continue;
		n++;
		ck_assert_msg(page_has_flag(&pg, lits.v[i], 0),
		    "daemon/ipsecwatch.c knows %s; ipsecwatch(1) has no "
		    "\"Fl %s\"", lits.v[i], lits.v[i] + 1);
	}
	ck_assert_msg(n >= MIN_LETTERS, "only %zu options found in "
	    "daemon/ipsecwatch.c: the extraction is broken", n);
	strs_free(&lits);
	page_free(&pg);
	free(src);
}
END_TEST

/* The optstring of getopt() or getopt_long(), and the long options. */
static void
daemon_options(const char *src, struct strs *opts)
{
	struct strs	 lits = { NULL, 0 };
	const char	*p = strstr(src, "getopt_long(");
	const char	*start, *end;
	char		 o[3] = "-?";
	size_t		 i;

	if (p == NULL)
		p = strstr(src, "getopt(");
	ck_assert_msg(p != NULL, "no getopt() in daemon/ipsecwatchd.c");
	c_literals(p, p + strcspn(p, ")"), &lits);
	ck_assert_msg(lits.n > 0, "no optstring in getopt()");
	for (i = 0; lits.v[0][i] != '\0'; i++) {
		if (lits.v[0][i] == ':' || lits.v[0][i] == '+')
			continue;
		o[1] = lits.v[0][i];
		strs_add(opts, o, 2);
	}
	strs_free(&lits);
	/* "--shard" compared by hand, or { "shard", ... } for getopt_long. */
	c_literals(src, src + strlen(src), &lits);
	for (i = 0; i < lits.n; i++)
		if (is_option(lits.v[i]) && lits.v[i][1] == '-')
			strs_add(opts, lits.v[i], strlen(lits.v[i]));
	strs_free(&lits);
	if (strstr(src, "struct option") != NULL) {
		end = c_block(src, "struct option", &start);
		c_literals(start, end, &lits);
		for (i = 0; i < lits.n; i++) {
			char *l;
			xasprintf(&l, "--%s", lits.v[i]);
			strs_add(opts, l, strlen(l));
			free(l);
		}
		strs_free(&lits);
	}
}

START_TEST(test_daemon_options_documented)
{
	char		*src = read_src("daemon/ipsecwatchd.c");
	struct strs	 opts = { NULL, 0 };
	struct page	 pg;
	size_t		 i;

	page_load(&pg, PAGE_DAEMON);
	daemon_options(src, &opts);
	ck_assert_msg(opts.n >= MIN_LETTERS, "only %zu options in "
	    "ipsecwatchd's getopt: the extraction is broken", opts.n);
	for (i = 0; i < opts.n; i++)
		ck_assert_msg(page_has_flag(&pg, opts.v[i], 1),
		    "ipsecwatchd takes %s; ipsecwatchd(8) has no \".It Fl %s\"",
		    opts.v[i], opts.v[i] + 1);
	strs_free(&opts);
	page_free(&pg);
	free(src);
}
END_TEST

/*
 * ipsecwatch.conf(5) against config_load().
 */

static void
check_keys_of(const char *marker, int router)
{
	char		*src = read_src("lib/config.c");
	struct strs	 keys = { NULL, 0 };
	struct keydoc	 kd;
	struct page	 pg;
	size_t		 i;

	page_load(&pg, PAGE_CONF);
	c_array_strings(src, marker, &keys);
	ck_assert_msg(keys.n >= (router ? MIN_ROUTER_KEYS : MIN_TOP_KEYS),
	    "only %zu keys in %s", keys.n, marker);
	for (i = 0; i < keys.n; i++) {
		keydoc_load(&kd, &pg, keys.v[i], router);
		check_default(&kd);
		check_range(&kd);
		check_enum(&kd);
		keydoc_free(&kd);
	}
	strs_free(&keys);
	page_free(&pg);
	free(src);
}

START_TEST(test_conf_top_keys_as_documented)
{
	check_keys_of("top_keys[]", 0);
}
END_TEST

START_TEST(test_conf_router_keys_as_documented)
{
	check_keys_of("router_keys[]", 1);
}
END_TEST

/* Every secret file a JSON example names, made 0600 under dir. */
static void
make_example_secrets(const char *dir, const cJSON *root)
{
	static const char *const files[] = { "password_file", "key_file",
	    "enable_secret_file" };
	const cJSON	*r, *f;
	char		*path, *slash;
	size_t		 i;

	cJSON_ArrayForEach(r, cJSON_GetObjectItem(root, "routers")) {
		for (i = 0; i < NITEMS(files); i++) {
			f = cJSON_GetObjectItem(r, files[i]);
			if (!cJSON_IsString(f))
				continue;
			ck_assert_msg(f->valuestring[0] != '/', "an example's "
			    "%s is absolute: %s", files[i], f->valuestring);
			xasprintf(&path, "%s/%s", dir, f->valuestring);
			if ((slash = strrchr(path, '/')) != NULL) {
				*slash = '\0';
				if (mkdir(path, 0700) == -1 && errno != EEXIST)
					ck_abort_msg("mkdir %s", path);
				*slash = '/';
			}
			write_file(path, "s3cret\n", 0600);
			free(path);
		}
	}
}

/* A literal block that starts with "{" is a configuration: it loads. */
static void
check_example(const char *json)
{
	struct config		*conf;
	struct config_error	 cerr;
	char			*dir = make_tmpdir(), *path, msg[1024];
	cJSON			*root;

	root = cJSON_Parse(json);
	ck_assert_msg(root != NULL, "an example in ipsecwatch.conf(5) is not "
	    "JSON:\n%s", json);
	make_example_secrets(dir, root);
	cJSON_Delete(root);
	xasprintf(&path, "%s/ipsecwatch.conf", dir);
	write_file(path, json, 0644);
	if (config_load(path, &conf, &cerr) != 0) {
		config_error_format(&cerr, msg, sizeof(msg));
		ck_abort_msg("an example in ipsecwatch.conf(5) is refused: "
		    "%s\n%s", msg, json);
	}
	config_free(conf);
	free(path);
	free(dir);
}

START_TEST(test_conf_examples_load)
{
	struct page	 pg;
	char		*json = NULL, *n;
	size_t		 i, found = 0;

	page_load(&pg, PAGE_CONF);
	for (i = 0; i < pg.n; i++) {
		if (is_word(&pg.l[i], 0, ".Bd")) {
			json = NULL;
			if (i + 1 < pg.n && strcmp(pg.l[i + 1].raw, "{") == 0)
				json = xstrdup("");
			continue;
		}
		if (json == NULL)
			continue;
		if (is_word(&pg.l[i], 0, ".Ed")) {
			check_example(json);
			free(json);
			json = NULL;
			found++;
			continue;
		}
		xasprintf(&n, "%s%s\n", json, pg.l[i].raw);
		free(json);
		json = n;
	}
	ck_assert_msg(found >= 2, "%zu JSON examples in ipsecwatch.conf(5); "
	    "expected the complete one and the smallest one", found);
	page_free(&pg);
}
END_TEST

static int
rm_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

int
main(void)
{
	Suite	*s = suite_create("man");
	TCase	*lint = tcase_create("lint"), *drift = tcase_create("drift");
	TCase	*conf = tcase_create("conf");
	SRunner	*sr;
	char	 tmpl[] = "/tmp/ipsecwatch-man-XXXXXX";
	int	 failed;

	if (getenv("IPSECWATCH_SRC") != NULL)
		src_dir = getenv("IPSECWATCH_SRC");
	if ((tmp_root = mkdtemp(tmpl)) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	tcase_add_loop_test(lint, test_mandoc_lint, 0, (int)NITEMS(pages));
	tcase_add_loop_test(lint, test_man_renders, 0, (int)NITEMS(pages));
	tcase_add_loop_test(lint, test_see_also, 0, (int)NITEMS(pages));
	tcase_set_timeout(lint, 60);
	tcase_add_test(drift, test_conf_keys_documented);
	tcase_add_test(drift, test_commands_documented);
	tcase_add_test(drift, test_tool_options_documented);
	tcase_add_test(drift, test_daemon_options_documented);
	tcase_add_test(conf, test_conf_top_keys_as_documented);
	tcase_add_test(conf, test_conf_router_keys_as_documented);
	tcase_add_test(conf, test_conf_examples_load);
	tcase_set_timeout(conf, 60);
	suite_add_tcase(s, lint);
	suite_add_tcase(s, drift);
	suite_add_tcase(s, conf);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	nftw(tmp_root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return failed ? 1 : 0;
}

/*
 * check_config.c: the configuration file, its errors and its secrets.
 *
 * Most cases are golden files in tests/config: NAME.json is loaded and
 * what comes out (config_print() for a valid file, the formatted error
 * line for an invalid one) is compared with NAME.out. Names start with
 * ok_ or err_, which says which of the two the file must be; "example" is
 * etc/ipsecwatch.conf.example. Each case runs in a fresh temporary
 * directory, because paths come out absolute: the directory is written
 * "@DIR@" in the .out files (and may be used so in the .json files).
 *
 * Git does not keep file modes, so the secret files are made here: every
 * case gets "pw", "en" and "key", mode 0600. NAME.setup, when present,
 * changes that, one directive a line ('#' starts a comment):
 *	mode FILE OCTAL		chmod an existing file
 *	secret FILE		make one more secret file, mode 0600
 *	mkdir DIR		make a directory
 *	config FILE		where to put the config (default NAME.json)
 *	cwd			load it by a path relative to the directory
 *
 * UPDATE_GOLDEN=1 rewrites the .out files instead of comparing them.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "config.h"
#include "probe.h"
#include "util.h"

#define MIN_GOLDEN_CASES	25
#define BIG_SIZE		(16 * 1024 * 1024 + 1)	/* config.c's limit + 1 */

/* What the default secret files hold: none of it may ever be printed. */
#define PW_SECRET	"pw-S3cret-7f3a"
#define EN_SECRET	"en-S3cret-91c2"
#define KEY_SECRET	"KEY-S3cret-55d0"

static const char *src_dir = ".";
static char	**cases;
static size_t	  ncases;

/*
 * Helpers. They abort the test on any failure of the environment, so
 * that a broken setup cannot pass for a passing case.
 */

static void
write_file(const char *path, const char *data, size_t len, mode_t mode)
{
	int	 fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1)
		ck_abort_msg("open %s: %s", path, strerror(errno));
	if (write(fd, data, len) != (ssize_t)len)
		ck_abort_msg("write %s: %s", path, strerror(errno));
	/* fchmod, not the open mode: the umask must not weaken the test. */
	if (fchmod(fd, mode) == -1)
		ck_abort_msg("fchmod %s: %s", path, strerror(errno));
	close(fd);
}

static void
write_str(const char *path, const char *s, mode_t mode)
{
	write_file(path, s, strlen(s), mode);
}

/* NULL if the file does not exist. */
static char *
read_text(const char *path)
{
	FILE	*fp;
	char	*buf;
	long	 n;

	if ((fp = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return NULL;
		ck_abort_msg("fopen %s: %s", path, strerror(errno));
	}
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

/* Every occurrence of from in s replaced by to, in a new string. */
static char *
replace_all(const char *s, const char *from, const char *to)
{
	size_t		 flen = strlen(from), tlen = strlen(to), n = 0;
	const char	*p;
	char		*out, *o;

	for (p = s; (p = strstr(p, from)) != NULL; p += flen)
		n++;
	out = o = xmalloc(strlen(s) + n * tlen + 1);
	while ((p = strstr(s, from)) != NULL) {
		memcpy(o, s, (size_t)(p - s));
		o += p - s;
		memcpy(o, to, tlen);
		o += tlen;
		s = p + flen;
	}
	strcpy(o, s);
	return out;
}

/*
 * Every test's directory is made under one root, which main() removes
 * whatever happened: a failed assertion leaves its test at once.
 */
static char	*tmp_root;

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

static int
rm_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static void
remove_tree(const char *dir)
{
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static char *
path_in(const char *dir, const char *name)
{
	char	*p;

	xasprintf(&p, "%s/%s", dir, name);
	return p;
}

static void
make_secret(const char *dir, const char *name, const char *content)
{
	char	*p = path_in(dir, name);

	write_str(p, content, 0600);
	free(p);
}

static void
make_default_secrets(const char *dir)
{
	make_secret(dir, "pw", PW_SECRET "\n");
	make_secret(dir, "en", EN_SECRET "\n");
	make_secret(dir, "key", "-----BEGIN OPENSSH PRIVATE KEY-----\n"
	    KEY_SECRET "\n-----END OPENSSH PRIVATE KEY-----\n");
}

/* The text of a config_print(), in a new string. */
static char *
print_text(const struct config *conf)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		ck_abort_msg("open_memstream: %s", strerror(errno));
	config_print(conf, fp);
	fclose(fp);
	return buf;
}

static char *
error_text(const struct config_error *err)
{
	char	 line[2048];
	char	*s;

	config_error_format(err, line, sizeof(line));
	xasprintf(&s, "%s\n", line);
	return s;
}

/*
 * Golden cases.
 */

static int
json_name(const struct dirent *d)
{
	size_t	 n = strlen(d->d_name);

	return n > 5 && strcmp(d->d_name + n - 5, ".json") == 0;
}

static void
load_case_names(void)
{
	struct dirent	**list;
	char		 *dir;
	int		  n, i;

	xasprintf(&dir, "%s/tests/config", src_dir);
	if ((n = scandir(dir, &list, json_name, alphasort)) == -1) {
		fprintf(stderr, "scandir %s: %s\n", dir, strerror(errno));
		n = 0;
	}
	cases = xcalloc((size_t)n + 1, sizeof(*cases));
	cases[ncases++] = xstrdup("example");
	for (i = 0; i < n; i++) {
		cases[ncases++] = xstrndup(list[i]->d_name,
		    strlen(list[i]->d_name) - 5);
		free(list[i]);
	}
	free(list);
	free(dir);
}

static void
free_case_names(void)
{
	size_t	 i;

	for (i = 0; i < ncases; i++)
		free(cases[i]);
	free(cases);
}

struct setup {
	char	*config;	/* relative to the temporary directory */
	int	 cwd;
};

static void
apply_setup_line(const char *name, const char *dir, char *line,
    struct setup *su)
{
	char	*verb, *arg, *arg2, *p, *save = NULL;
	long	 mode;

	if ((p = strchr(line, '#')) != NULL)
		*p = '\0';
	if ((verb = strtok_r(line, " \t\n", &save)) == NULL)
		return;
	arg = strtok_r(NULL, " \t\n", &save);
	arg2 = strtok_r(NULL, " \t\n", &save);
	if (strcmp(verb, "cwd") == 0) {
		su->cwd = 1;
		return;
	}
	if (arg == NULL)
		ck_abort_msg("%s.setup: %s needs an argument", name, verb);
	p = path_in(dir, arg);
	if (strcmp(verb, "mode") == 0 && arg2 != NULL) {
		mode = strtol(arg2, NULL, 8);
		if (chmod(p, (mode_t)mode) == -1)
			ck_abort_msg("%s.setup: chmod %s: %s", name, arg,
			    strerror(errno));
	} else if (strcmp(verb, "secret") == 0)
		write_str(p, "setup-S3cret\n", 0600);
	else if (strcmp(verb, "mkdir") == 0) {
		if (mkdir(p, 0700) == -1)
			ck_abort_msg("%s.setup: mkdir %s: %s", name, arg,
			    strerror(errno));
	} else if (strcmp(verb, "config") == 0) {
		free(su->config);
		su->config = xstrdup(arg);
	} else
		ck_abort_msg("%s.setup: unknown directive %s", name, verb);
	free(p);
}

static void
apply_setup(const char *name, const char *dir, struct setup *su)
{
	char	*path, *text, *line, *save = NULL;

	xasprintf(&path, "%s/tests/config/%s.setup", src_dir, name);
	text = read_text(path);
	free(path);
	if (text == NULL)
		return;
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		apply_setup_line(name, dir, line, su);
	free(text);
}

static char *
case_input_path(const char *name)
{
	char	*p;

	if (strcmp(name, "example") == 0)
		xasprintf(&p, "%s/etc/ipsecwatch.conf.example", src_dir);
	else
		xasprintf(&p, "%s/tests/config/%s.json", src_dir, name);
	return p;
}

/*
 * Loads the case in dir; returns what it printed, "@DIR@" for dir, and
 * whether it loaded.
 */
static char *
run_case(const char *name, const char *dir, int *loaded)
{
	struct setup		 su = { NULL, 0 };
	struct config		*conf = NULL;
	struct config_error	 err;
	char			*in, *raw, *text, *path, *out, cwd[PATH_MAX];
	int			 rc;

	make_default_secrets(dir);
	xasprintf(&su.config, "%s.json", name);
	apply_setup(name, dir, &su);
	in = case_input_path(name);
	if ((raw = read_text(in)) == NULL)
		ck_abort_msg("%s: missing", in);
	text = replace_all(raw, "@DIR@", dir);
	path = path_in(dir, su.config);
	write_str(path, text, 0644);
	free(in);
	free(raw);
	free(text);
	if (su.cwd) {
		if (getcwd(cwd, sizeof(cwd)) == NULL || chdir(dir) == -1)
			ck_abort_msg("chdir %s: %s", dir, strerror(errno));
		rc = config_load(su.config, &conf, &err);
		if (chdir(cwd) == -1)
			ck_abort_msg("chdir %s: %s", cwd, strerror(errno));
	} else
		rc = config_load(path, &conf, &err);
	*loaded = rc == 0;
	ck_assert_msg(rc == 0 || conf == NULL, "%s: a config with an error",
	    name);
	text = rc == 0 ? print_text(conf) : error_text(&err);
	out = replace_all(text, dir, "@DIR@");
	config_free(conf);
	free(text);
	free(path);
	free(su.config);
	return out;
}

/* The first line where two texts differ, for a readable failure. */
static int
first_diff_line(const char *a, const char *b)
{
	int	 line = 1;

	for (; *a != '\0' && *a == *b; a++, b++)
		if (*a == '\n')
			line++;
	return line;
}

START_TEST(test_golden)
{
	const char	*name = cases[_i];
	char		*dir, *got, *want, *outpath;
	int		 loaded, want_ok;

	dir = make_tmpdir();
	got = run_case(name, dir, &loaded);
	remove_tree(dir);
	free(dir);
	xasprintf(&outpath, "%s/tests/config/%s.out", src_dir, name);
	want_ok = strncmp(name, "err_", 4) != 0;
	ck_assert_msg(strncmp(name, "ok_", 3) == 0 ||
	    strncmp(name, "err_", 4) == 0 || strcmp(name, "example") == 0,
	    "%s: a case name starts with ok_ or err_", name);
	ck_assert_msg(loaded == want_ok, "%s: expected %s, got:\n%s", name,
	    want_ok ? "a valid config" : "an error", got);
	ck_assert_msg(strstr(got, PW_SECRET) == NULL &&
	    strstr(got, EN_SECRET) == NULL && strstr(got, KEY_SECRET) == NULL,
	    "%s: a secret was printed", name);
	if (getenv("UPDATE_GOLDEN") != NULL &&
	    strcmp(getenv("UPDATE_GOLDEN"), "1") == 0) {
		write_str(outpath, got, 0644);
		want = xstrdup(got);
	} else if ((want = read_text(outpath)) == NULL)
		ck_abort_msg("%s: missing (UPDATE_GOLDEN=1 makes it)", outpath);
	ck_assert_msg(strcmp(got, want) == 0, "%s: differs from %s at line "
	    "%d; got:\n%s", name, outpath, first_diff_line(got, want), got);
	free(want);
	free(got);
	free(outpath);
}
END_TEST

/* The golden directory must be there: an empty run would prove nothing. */
START_TEST(test_golden_count)
{
	ck_assert_msg(ncases >= MIN_GOLDEN_CASES, "only %zu golden cases "
	    "under %s/tests/config (IPSECWATCH_SRC?)", ncases, src_dir);
}
END_TEST

/*
 * Secrets.
 */

static char *
secret_in(const char *dir, const char *name, const char *content,
    size_t len, mode_t mode)
{
	char	*p = path_in(dir, name);

	write_file(p, content, len, mode);
	return p;
}

START_TEST(test_read_secret_strips_one_newline)
{
	static const struct {
		const char	*content;
		const char	*want;
	} t[] = {
		{ "hunter2\n", "hunter2" },
		{ "hunter2\r\n", "hunter2" },
		{ "hunter2", "hunter2" },
		{ "hunter2\n\n", "hunter2\n" },
		{ " spaced out \n", " spaced out " },
		{ "a\r", "a\r" },
	};
	char	*dir, *p, *s, err[256];
	size_t	 i;

	dir = make_tmpdir();
	for (i = 0; i < NITEMS(t); i++) {
		p = secret_in(dir, "s", t[i].content, strlen(t[i].content),
		    0600);
		s = config_read_secret(p, err, sizeof(err));
		ck_assert_msg(s != NULL, "case %zu: %s", i, err);
		ck_assert_msg(strcmp(s, t[i].want) == 0, "case %zu: got "
		    "%zu bytes", i, strlen(s));
		freezero_str(s);
		free(p);
	}
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(test_read_secret_refuses_loose_modes)
{
	static const mode_t modes[] = { 0644, 0640, 0604, 0620, 0602, 0610,
	    0601, 0666 };
	char	*dir, *p, *s, err[256];
	size_t	 i;

	dir = make_tmpdir();
	for (i = 0; i < NITEMS(modes); i++) {
		p = secret_in(dir, "s", PW_SECRET "\n", strlen(PW_SECRET) + 1,
		    modes[i]);
		err[0] = '\0';
		s = config_read_secret(p, err, sizeof(err));
		ck_assert_msg(s == NULL, "mode %04o accepted", modes[i]);
		ck_assert_msg(strstr(err, "chmod 600") != NULL &&
		    strstr(err, p) != NULL, "mode %04o: %s", modes[i], err);
		ck_assert_msg(strstr(err, PW_SECRET) == NULL,
		    "the secret is in the error");
		ck_assert_int_eq(config_check_secret_file(p, err, sizeof(err)),
		    -1);
		ck_assert_msg(strstr(err, "group or others") != NULL, "%s",
		    err);
		free(p);
	}
	p = secret_in(dir, "s", "x", 1, 0400);
	ck_assert_int_eq(config_check_secret_file(p, err, sizeof(err)), 0);
	s = config_read_secret(p, err, sizeof(err));
	ck_assert_msg(s != NULL && strcmp(s, "x") == 0, "mode 0400: %s", err);
	freezero_str(s);
	free(p);
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(test_read_secret_refuses_empty)
{
	static const char *const t[] = { "", "\n", "\r\n" };
	char	*dir, *p, *s, err[256];
	size_t	 i;

	dir = make_tmpdir();
	for (i = 0; i < NITEMS(t); i++) {
		p = secret_in(dir, "s", t[i], strlen(t[i]), 0600);
		err[0] = '\0';
		s = config_read_secret(p, err, sizeof(err));
		ck_assert_msg(s == NULL, "case %zu accepted", i);
		ck_assert_msg(strstr(err, "empty") != NULL, "case %zu: %s", i,
		    err);
		free(p);
	}
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(test_read_secret_refuses_odd_files)
{
	char	*dir, *p, *s, err[256];

	dir = make_tmpdir();
	p = path_in(dir, "missing");
	err[0] = '\0';
	ck_assert_ptr_null(config_read_secret(p, err, sizeof(err)));
	ck_assert_msg(strstr(err, strerror(ENOENT)) != NULL, "%s", err);
	ck_assert_int_eq(config_check_secret_file(p, err, sizeof(err)), -1);
	free(p);

	p = path_in(dir, "d");
	ck_assert_int_eq(mkdir(p, 0700), 0);
	ck_assert_ptr_null(config_read_secret(p, err, sizeof(err)));
	ck_assert_msg(strstr(err, "not a regular file") != NULL, "%s", err);
	ck_assert_int_eq(config_check_secret_file(p, err, sizeof(err)), -1);
	free(p);

	/* A FIFO must be refused, not block the reader forever. */
	p = path_in(dir, "fifo");
	ck_assert_int_eq(mkfifo(p, 0600), 0);
	ck_assert_ptr_null(config_read_secret(p, err, sizeof(err)));
	ck_assert_msg(strstr(err, "not a regular file") != NULL, "%s", err);
	free(p);

	/* A NUL would cut the password short without a word. */
	p = secret_in(dir, "nul", "ab\0cd", 5, 0600);
	ck_assert_ptr_null(config_read_secret(p, err, sizeof(err)));
	ck_assert_msg(strstr(err, "NUL") != NULL, "%s", err);
	free(p);

	/* The error buffer is optional. */
	p = path_in(dir, "missing");
	ck_assert_ptr_null(config_read_secret(p, NULL, 0));
	free(p);

	/* Symbolic links are followed; the target's mode is what counts. */
	p = secret_in(dir, "target", PW_SECRET "\n", strlen(PW_SECRET) + 1,
	    0600);
	s = path_in(dir, "link");
	ck_assert_int_eq(symlink(p, s), 0);
	free(p);
	p = config_read_secret(s, err, sizeof(err));
	ck_assert_msg(p != NULL && strcmp(p, PW_SECRET) == 0, "%s", err);
	freezero_str(p);
	free(s);
	remove_tree(dir);
	free(dir);
}
END_TEST

/* Loading a config whose password file is loose names it, not its text. */
START_TEST(test_load_error_never_has_secret)
{
	struct config		*conf = (struct config *)1;
	struct config_error	 err;
	char			*dir, *p, line[2048];

	dir = make_tmpdir();
	make_default_secrets(dir);
	p = path_in(dir, "pw");
	ck_assert_int_eq(chmod(p, 0644), 0);
	free(p);
	p = path_in(dir, "c.json");
	write_str(p, "{\"routers\": [{\"name\": \"r1\", \"host\": \"192.0.2.1\", "
	    "\"username\": \"u\", \"password_file\": \"pw\"}]}", 0644);
	ck_assert_int_eq(config_load(p, &conf, &err), -1);
	ck_assert_ptr_null(conf);
	config_error_format(&err, line, sizeof(line));
	ck_assert_msg(strstr(line, "password file") != NULL &&
	    strstr(line, "mode 0644") != NULL, "%s", line);
	ck_assert_msg(strstr(line, PW_SECRET) == NULL, "%s", line);
	free(p);
	remove_tree(dir);
	free(dir);
}
END_TEST

/*
 * Routers.
 */

static struct tag tags_a[] = {
	{ "site", "paris" }, { "role", "hub" }
};
static struct tag tags_b[] = {
	{ "role", "hub" }, { "site", "paris" }
};
static struct tag tags_c[] = {
	{ "role", "hub" }, { "site", "lyon" }
};
static struct tag tags_d[] = {
	{ "role", "hub" }, { "city", "paris" }
};

static struct router_conf
base_router(void)
{
	struct router_conf	 r;

	memset(&r, 0, sizeof(r));
	r.name = "r1";
	r.host = "192.0.2.1";
	r.port = 22;
	r.username = "admin";
	r.password_file = "/etc/ipsecwatch/pw";
	r.enable_secret_file = "/etc/ipsecwatch/en";
	r.platform = PLATFORM_IOS;
	r.algorithms = ALGO_MODERN;
	r.interval = 0;
	r.persistent = 1;
	r.tags = tags_a;
	r.ntags = NITEMS(tags_a);
	return r;
}

START_TEST(test_router_conf_equal)
{
	struct router_conf	 a = base_router(), b;
	char			 name[] = "r1", other[] = "/x";

	b = base_router();
	ck_assert_int_eq(router_conf_equal(&a, &b), 1);
	/* Equal content, not equal pointers. */
	b.name = name;
	ck_assert_int_eq(router_conf_equal(&a, &b), 1);
	/* Tags are a set: their order does not matter. */
	b.tags = tags_b;
	ck_assert_int_eq(router_conf_equal(&a, &b), 1);

#define DIFFERS(field, value) do {					\
	b = base_router();						\
	b.field = value;						\
	ck_assert_msg(!router_conf_equal(&a, &b),			\
	    "a different " #field " compares equal");			\
	ck_assert_msg(!router_conf_equal(&b, &a),			\
	    "a different " #field " compares equal (swapped)");		\
} while (0)
	DIFFERS(name, "r2");
	DIFFERS(host, "192.0.2.2");
	DIFFERS(port, 2222);
	DIFFERS(username, "root");
	DIFFERS(password_file, other);
	DIFFERS(password_file, NULL);
	DIFFERS(key_file, other);
	DIFFERS(enable_secret_file, NULL);
	DIFFERS(enable_secret_file, other);
	DIFFERS(platform, PLATFORM_ASA);
	DIFFERS(algorithms, ALGO_LEGACY);
	DIFFERS(interval, 300);
	DIFFERS(persistent, 0);
	DIFFERS(tags, tags_c);
	DIFFERS(tags, tags_d);
	DIFFERS(ntags, 1);
	DIFFERS(ntags, 0);
#undef DIFFERS
}
END_TEST

static struct config *
load_text(const char *dir, const char *json)
{
	struct config		*conf;
	struct config_error	 err;
	char			*p, line[2048];

	p = path_in(dir, "c.json");
	write_str(p, json, 0644);
	if (config_load(p, &conf, &err) == -1) {
		config_error_format(&err, line, sizeof(line));
		ck_abort_msg("%s", line);
	}
	free(p);
	return conf;
}

static const char two_routers[] =
    "{\"interval\": 90, \"routers\": ["
    "{\"name\": \"a\", \"host\": \"192.0.2.1\", \"username\": \"u\","
    " \"password_file\": \"pw\", \"tags\": {\"x\": \"1\", \"y\": \"2\"}},"
    "{\"name\": \"b\", \"host\": \"2001:db8::0:1\", \"username\": \"u\","
    " \"key_file\": \"key\", \"interval\": 30, \"persistent\": false,"
    " \"platform\": \"asa\", \"algorithms\": \"legacy\"}]}";

START_TEST(test_loaded_routers)
{
	struct config		*c1, *c2;
	const struct router_conf *a, *b;
	char			*dir, *pw;

	dir = make_tmpdir();
	make_default_secrets(dir);
	c1 = load_text(dir, two_routers);
	c2 = load_text(dir, two_routers);
	ck_assert_uint_eq(c1->nrouters, 2);
	ck_assert_int_eq(c1->interval, 90);
	a = config_router(c1, "a");
	b = config_router(c1, "b");
	ck_assert_ptr_eq(a, &c1->routers[0]);
	ck_assert_ptr_eq(b, &c1->routers[1]);
	ck_assert_ptr_null(config_router(c1, "c"));
	ck_assert_ptr_null(config_router(c1, "A"));

	pw = path_in(dir, "pw");
	ck_assert_str_eq(a->password_file, pw);
	free(pw);
	ck_assert_ptr_null(a->key_file);
	ck_assert_ptr_null(a->enable_secret_file);
	ck_assert_int_eq(a->port, 22);
	ck_assert_int_eq(a->persistent, 1);
	ck_assert_int_eq(a->platform, PLATFORM_AUTO);
	ck_assert_int_eq(a->algorithms, ALGO_MODERN);
	ck_assert_uint_eq(a->ntags, 2);
	ck_assert_str_eq(a->tags[1].key, "y");
	ck_assert_str_eq(a->tags[1].value, "2");
	ck_assert_str_eq(b->host, "2001:db8::1");
	ck_assert_ptr_null(b->password_file);
	ck_assert_int_eq(b->persistent, 0);
	ck_assert_int_eq(b->platform, PLATFORM_ASA);
	ck_assert_int_eq(b->algorithms, ALGO_LEGACY);
	ck_assert_uint_eq(b->ntags, 0);

	ck_assert_int_eq(router_interval(c1, a), 90);
	ck_assert_int_eq(router_interval(c1, b), 30);

	/* The same file read twice describes the same sessions. */
	ck_assert_int_eq(router_conf_equal(a, config_router(c2, "a")), 1);
	ck_assert_int_eq(router_conf_equal(b, config_router(c2, "b")), 1);
	ck_assert_int_eq(router_conf_equal(a, b), 0);

	config_free(c1);
	config_free(c2);
	config_free(NULL);
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(test_names)
{
	ck_assert_str_eq(platform_name(PLATFORM_AUTO), "auto");
	ck_assert_str_eq(platform_name(PLATFORM_IOS), "ios");
	ck_assert_str_eq(platform_name(PLATFORM_IOSXE), "iosxe");
	ck_assert_str_eq(platform_name(PLATFORM_ASA), "asa");
	ck_assert_str_eq(platform_name((enum platform)42), "unknown");
	ck_assert_str_eq(algo_profile_name(ALGO_MODERN), "modern");
	ck_assert_str_eq(algo_profile_name(ALGO_LEGACY), "legacy");
	ck_assert_str_eq(algo_profile_name((enum algo_profile)42), "unknown");
}
END_TEST

/*
 * The whole config.
 */

START_TEST(test_defaults)
{
	struct config	*c;
	char		*dir;
	size_t		 i;

	dir = make_tmpdir();
	c = load_text(dir, "{\"routers\": []}");
	ck_assert_int_eq(c->interval, 60);
	ck_assert_int_eq(c->jitter, 10);
	ck_assert_int_eq(c->max_connecting, 16);
	ck_assert_int_eq(c->connect_timeout, 20);
	ck_assert_int_eq(c->command_timeout, 30);
	ck_assert_uint_eq(c->output_cap, 4194304);
	ck_assert_str_eq(c->database, "/var/lib/ipsecwatch/ipsecwatch.db");
	ck_assert_str_eq(c->known_hosts, "/var/lib/ipsecwatch/known_hosts");
	ck_assert_int_eq(c->log_format, LOG_FORMAT_LOGFMT);
	ck_assert_int_eq(c->keep_raw_output, 0);
	ck_assert_uint_eq(c->nrouters, 0);
	{
		size_t n = 0;
		for (i = 0; i < probe_count; i++) {
			if (!probe_table[i]->polled)
				continue;
			ck_assert_uint_lt(n, c->ncommands);
			ck_assert_str_eq(c->commands[n], probe_table[i]->command);
			n++;
		}
		ck_assert_uint_eq(c->ncommands, n);
		ck_assert_uint_eq(n, 8);
	}
	ck_assert_msg(strstr(c->path, "/c.json") != NULL, "%s", c->path);
	config_free(c);
	remove_tree(dir);
	free(dir);
}
END_TEST

/* What config_print() writes reads back to the same configuration. */
START_TEST(test_print_reads_back)
{
	struct config	*c1, *c2;
	char		*dir, *t1, *t2;

	dir = make_tmpdir();
	make_default_secrets(dir);
	c1 = load_text(dir, two_routers);
	t1 = print_text(c1);
	c2 = load_text(dir, t1);
	t2 = print_text(c2);
	ck_assert_str_eq(t1, t2);
	ck_assert_int_eq(router_conf_equal(&c1->routers[1],
	    &c2->routers[1]), 1);
	ck_assert_msg(t1[strlen(t1) - 1] == '\n', "no final newline");
	ck_assert_msg(strstr(t1, PW_SECRET) == NULL, "a secret was printed");
	free(t1);
	free(t2);
	config_free(c1);
	config_free(c2);
	remove_tree(dir);
	free(dir);
}
END_TEST

/*
 * The query commands load the config for the database's path only: a
 * secret file they may not see does not stop them, and the daemon's
 * load still refuses it.
 */
START_TEST(test_load_no_secrets)
{
	struct config		*conf;
	struct config_error	 err;
	char			*dir, *p, *db;

	dir = make_tmpdir();
	p = path_in(dir, "c.json");
	db = path_in(dir, "q.db");
	{
		char	 text[1024];
		int	 n = snprintf(text, sizeof(text), "{\"database\": \"q.db\","
		    " \"routers\": [{\"name\": \"r1\", \"host\": \"192.0.2.1\","
		    " \"username\": \"u\", \"password_file\": \"missing\"}]}");
		write_file(p, text, (size_t)n, 0644);
	}
	ck_assert_int_eq(config_load(p, &conf, &err), -1);
	ck_assert_msg(strstr(err.msg, "password file") != NULL, "%s", err.msg);
	ck_assert_int_eq(config_load_flags(p, CONFIG_LOAD_NO_SECRETS, &conf,
	    &err), 0);
	ck_assert_str_eq(conf->database, db);
	config_free(conf);
	free(db);
	free(p);
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(test_load_unreadable)
{
	struct config		*conf = (struct config *)1;
	struct config_error	 err;
	char			*dir, *p, *big, line[2048];

	dir = make_tmpdir();
	p = path_in(dir, "nope.json");
	ck_assert_int_eq(config_load(p, &conf, &err), -1);
	ck_assert_ptr_null(conf);
	ck_assert_str_eq(err.file, p);
	ck_assert_int_eq(err.line, 0);
	ck_assert_str_eq(err.key, "");
	config_error_format(&err, line, sizeof(line));
	ck_assert_msg(strncmp(line, p, strlen(p)) == 0 &&
	    strcmp(line + strlen(p), ": cannot open: No such file or "
	    "directory") == 0, "%s", line);
	free(p);

	/* A runaway file is refused, not read into memory without end. */
	p = path_in(dir, "big.json");
	big = xmalloc(BIG_SIZE);
	memset(big, ' ', BIG_SIZE);
	memcpy(big, "{\"routers\": []}", 15);
	write_file(p, big, BIG_SIZE, 0644);
	free(big);
	ck_assert_int_eq(config_load(p, &conf, &err), -1);
	ck_assert_ptr_null(conf);
	ck_assert_msg(strstr(err.msg, "larger than") != NULL, "%s", err.msg);
	free(p);

	/* A directory is not a config file. */
	ck_assert_int_eq(config_load(dir, &conf, &err), -1);
	ck_assert_ptr_null(conf);
	ck_assert_msg(strstr(err.msg, "not a regular file") != NULL, "%s",
	    err.msg);
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(test_error_format)
{
	struct config_error	 e;
	char			 buf[256], small[8];

	memset(&e, 0, sizeof(e));
	strcpy(e.file, "/etc/ipsecwatch.conf");
	strcpy(e.msg, "something is wrong");
	config_error_format(&e, buf, sizeof(buf));
	ck_assert_str_eq(buf, "/etc/ipsecwatch.conf: something is wrong");
	strcpy(e.key, "routers[2].port");
	config_error_format(&e, buf, sizeof(buf));
	ck_assert_str_eq(buf,
	    "/etc/ipsecwatch.conf: routers[2].port: something is wrong");
	e.line = 12;
	e.col = 7;
	config_error_format(&e, buf, sizeof(buf));
	ck_assert_str_eq(buf, "/etc/ipsecwatch.conf:12:7: routers[2].port: "
	    "something is wrong");
	e.key[0] = '\0';
	config_error_format(&e, buf, sizeof(buf));
	ck_assert_str_eq(buf, "/etc/ipsecwatch.conf:12:7: something is wrong");
	memset(small, 'x', sizeof(small));
	config_error_format(&e, small, sizeof(small));
	ck_assert_str_eq(small, "/etc/ip");
}
END_TEST

static Suite *
config_suite(void)
{
	Suite	*s = suite_create("config");
	TCase	*tc;

	tc = tcase_create("golden");
	tcase_add_test(tc, test_golden_count);
	tcase_add_loop_test(tc, test_golden, 0, (int)ncases);
	suite_add_tcase(s, tc);

	tc = tcase_create("secrets");
	tcase_add_test(tc, test_read_secret_strips_one_newline);
	tcase_add_test(tc, test_read_secret_refuses_loose_modes);
	tcase_add_test(tc, test_read_secret_refuses_empty);
	tcase_add_test(tc, test_read_secret_refuses_odd_files);
	tcase_add_test(tc, test_load_error_never_has_secret);
	suite_add_tcase(s, tc);

	tc = tcase_create("routers");
	tcase_add_test(tc, test_router_conf_equal);
	tcase_add_test(tc, test_loaded_routers);
	tcase_add_test(tc, test_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("config");
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_print_reads_back);
	tcase_add_test(tc, test_load_unreadable);
	tcase_add_test(tc, test_load_no_secrets);
	tcase_add_test(tc, test_error_format);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	if (getenv("IPSECWATCH_SRC") != NULL)
		src_dir = getenv("IPSECWATCH_SRC");
	load_case_names();
	tmp_root = xstrdup("/tmp/check_config.XXXXXX");
	if (mkdtemp(tmp_root) == NULL) {
		fprintf(stderr, "mkdtemp %s: %s\n", tmp_root, strerror(errno));
		return EXIT_FAILURE;
	}
	sr = srunner_create(config_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	remove_tree(tmp_root);
	free(tmp_root);
	free_case_names();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

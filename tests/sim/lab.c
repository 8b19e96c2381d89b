/*
 * lab.c: read LAB.json into a struct lab, load or make the host keys,
 * write the known_hosts file.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "log.h"
#include "util.h"
#include "iossim.h"

/* A parse error: the message is kept, the first one wins. */
struct perr {
	char	*msg;
};

static void
perr_set(struct perr *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
perr_set(struct perr *e, const char *fmt, ...)
{
	va_list	 ap;

	if (e->msg != NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(&e->msg, fmt, ap) < 0)
		fatal("vasprintf");
	va_end(ap);
}

static char *
read_file(const char *path, size_t *lenp)
{
	FILE	*fp;
	char	*p = NULL;
	size_t	 len = 0, cap = 0, n;

	if ((fp = fopen(path, "r")) == NULL)
		return NULL;
	for (;;) {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			p = xreallocarray(p, cap, 1);
		}
		n = fread(p + len, 1, cap - len - 1, fp);
		len += n;
		if (n == 0)
			break;
	}
	fclose(fp);
	p[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return p;
}

/* Paths in the lab are relative to the lab file's directory. */
static char *
lab_path(const char *dir, const char *p)
{
	char	*r;

	if (p[0] == '/')
		return xstrdup(p);
	xasprintf(&r, "%s/%s", dir, p);
	return r;
}

/* "%d" in a name becomes the instance number (not a printf format). */
static char *
subst_num(const char *s, int n)
{
	struct buf	 b = { 0 };
	char		 num[16];
	const char	*p;

	snprintf(num, sizeof(num), "%d", n);
	for (p = s; *p != '\0'; p++) {
		if (p[0] == '%' && p[1] == 'd') {
			buf_adds(&b, num);
			p++;
		} else
			buf_add(&b, p, 1);
	}
	buf_add(&b, "", 1);
	return b.d;
}

/* Lower case, single spaces, no leading or trailing blanks. */
static char *
norm_cmd(const char *s)
{
	char	*r = xmalloc(strlen(s) + 1), *q = r;

	for (; *s != '\0'; s++) {
		if (isspace((unsigned char)*s)) {
			if (q > r && q[-1] != ' ')
				*q++ = ' ';
		} else
			*q++ = (char)tolower((unsigned char)*s);
	}
	if (q > r && q[-1] == ' ')
		q--;
	*q = '\0';
	return r;
}

static const char *
jstr(const cJSON *o, const char *k)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static char *
jdup(const cJSON *o, const char *k)
{
	const char	*s = jstr(o, k);

	return s ? xstrdup(s) : NULL;
}

static int
jbool(const cJSON *o, const char *k)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, k);

	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v);
	if (cJSON_IsNumber(v))
		return v->valuedouble != 0;
	return 0;
}

static double
jnum(const cJSON *o, const char *k, double def)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsNumber(v) ? v->valuedouble : def;
}

static void
parse_cmds(const cJSON *o, const char *dir, struct cmdset *cs, struct perr *e)
{
	const cJSON	*c;
	char		*text, *path;

	if (o == NULL)
		return;
	if (!cJSON_IsObject(o)) {
		perr_set(e, "\"commands\" must be an object");
		return;
	}
	cJSON_ArrayForEach(c, o) {
		text = NULL;
		if (cJSON_IsString(c))
			text = xstrdup(c->valuestring);
		else if (cJSON_IsObject(c) && jstr(c, "file") != NULL) {
			path = lab_path(dir, jstr(c, "file"));
			if ((text = read_file(path, NULL)) == NULL)
				perr_set(e, "command \"%s\": %s: %s",
				    c->string, path, strerror(errno));
			free(path);
		} else
			perr_set(e, "command \"%s\": want a string or "
			    "{\"file\": ...}", c->string);
		if (text == NULL)
			continue;
		cs->v = xreallocarray(cs->v, cs->n + 1, sizeof(*cs->v));
		cs->v[cs->n].name = norm_cmd(c->string);
		cs->v[cs->n].text = text;
		cs->n++;
	}
}

void
cmdset_free(struct cmdset *cs)
{
	size_t	 i;

	for (i = 0; i < cs->n; i++) {
		free(cs->v[i].name);
		free(cs->v[i].text);
	}
	free(cs->v);
	cs->v = NULL;
	cs->n = 0;
}

static void
parse_states(const cJSON *o, const char *dir, struct rdef *d, struct perr *e)
{
	const cJSON	*st;
	size_t		 i = 0;

	if (o == NULL)
		return;
	if (!cJSON_IsArray(o) || cJSON_GetArraySize(o) == 0) {
		perr_set(e, "\"states\" must be a non-empty array");
		return;
	}
	d->nstates = (size_t)cJSON_GetArraySize(o);
	d->states = xcalloc(d->nstates, sizeof(*d->states));
	cJSON_ArrayForEach(st, o) {
		d->states[i].duration_ms =
		    (int64_t)(jnum(st, "duration", 0) * 1000);
		if (d->states[i].duration_ms <= 0)
			perr_set(e, "state %zu: \"duration\" must be > 0", i);
		parse_cmds(cJSON_GetObjectItemCaseSensitive(st, "commands"),
		    dir, &d->states[i].cmds, e);
		i++;
	}
	d->states_sig = cJSON_PrintUnformatted(o);
}

static int
parse_auth_methods(const cJSON *o, struct perr *e)
{
	const cJSON	*m;
	int		 mask = 0;

	cJSON_ArrayForEach(m, o) {
		if (!cJSON_IsString(m))
			continue;
		if (strcmp(m->valuestring, "password") == 0)
			mask |= SSH_AUTH_METHOD_PASSWORD;
		else if (strcmp(m->valuestring, "keyboard-interactive") == 0)
			mask |= SSH_AUTH_METHOD_INTERACTIVE;
		else if (strcmp(m->valuestring, "publickey") == 0)
			mask |= SSH_AUTH_METHOD_PUBLICKEY;
		else
			perr_set(e, "unknown auth method \"%s\"",
			    m->valuestring);
	}
	return mask;
}

static void
parse_faults(const cJSON *o, struct rdef *d)
{
	struct faults	*f = &d->f;

	if (o == NULL)
		return;
	f->stall = jbool(o, "stall_before_prompt");
	f->reject_auth = jbool(o, "reject_auth");
	f->garbage = jbool(o, "garbage");
	f->trickle = jbool(o, "trickle");
	f->aaa_deny = jbool(o, "aaa_deny_terminal_length");
	f->slow_ms = (int)jnum(o, "slow", 0);
	f->close_mid = jstr(o, "close_mid_output") ?
	    norm_cmd(jstr(o, "close_mid_output")) : NULL;
	f->huge = jstr(o, "huge_output") ?
	    norm_cmd(jstr(o, "huge_output")) : NULL;
	d->vty_lines = (int)jnum(o, "vty_lines", d->vty_lines);
}

static void
parse_rdef(const cJSON *o, const char *dir, struct rdef *d, struct perr *e)
{
	const char	*s;
	const cJSON	*am;
	char		*path;

	s = jstr(o, "platform");
	if (s == NULL || strcmp(s, "ios") == 0)
		d->plat = PLAT_IOS;
	else if (strcmp(s, "iosxe") == 0)
		d->plat = PLAT_IOSXE;
	else if (strcmp(s, "asa") == 0)
		d->plat = PLAT_ASA;
	else
		perr_set(e, "unknown platform \"%s\"", s);
	d->username = xstrdup(jstr(o, "username") ? jstr(o, "username") :
	    "admin");
	d->password = xstrdup(jstr(o, "password") ? jstr(o, "password") :
	    "admin");
	d->enable_secret = jdup(o, "enable_secret");
	d->banner = jdup(o, "banner");
	d->motd = jdup(o, "motd");
	if ((s = jstr(o, "authorized_key")) != NULL) {
		path = lab_path(dir, s);
		if (ssh_pki_import_pubkey_file(path, &d->authkey) != SSH_OK)
			perr_set(e, "authorized_key %s: cannot read", path);
		free(path);
	}
	am = cJSON_GetObjectItemCaseSensitive(o, "auth_methods");
	if (cJSON_IsArray(am))
		d->auth_methods = parse_auth_methods(am, e);
	else
		d->auth_methods = SSH_AUTH_METHOD_PASSWORD |
		    SSH_AUTH_METHOD_INTERACTIVE |
		    (d->authkey ? SSH_AUTH_METHOD_PUBLICKEY : 0);
	s = jstr(o, "algorithms");
	d->legacy = s != NULL && strcmp(s, "legacy") == 0;
	s = jstr(o, "host_key_type");
	d->keytype = (d->legacy || (s != NULL && strcmp(s, "rsa") == 0)) ?
	    SSH_KEYTYPE_RSA : SSH_KEYTYPE_ED25519;
	d->vty_lines = (int)jnum(o, "vty_lines", 5);
	parse_cmds(cJSON_GetObjectItemCaseSensitive(o, "commands"), dir,
	    &d->cmds, e);
	parse_states(cJSON_GetObjectItemCaseSensitive(o, "states"), dir, d, e);
	d->repeat = cJSON_GetObjectItemCaseSensitive(o, "repeat") ?
	    jbool(o, "repeat") : 1;
	parse_faults(cJSON_GetObjectItemCaseSensitive(o, "faults"), d);
}

static void
rdef_free(struct rdef *d)
{
	size_t	 i;

	free(d->username);
	freezero_str(d->password);
	freezero_str(d->enable_secret);
	free(d->banner);
	free(d->motd);
	ssh_key_free(d->authkey);
	cmdset_free(&d->cmds);
	for (i = 0; i < d->nstates; i++)
		cmdset_free(&d->states[i].cmds);
	free(d->states);
	free(d->states_sig);
	free(d->f.close_mid);
	free(d->f.huge);
}

/*
 * Load the host key, or make one. A key of the wrong type (say the router
 * went "legacy", which needs RSA) is replaced: the lab asked for it.
 */
static ssh_key
host_key(const char *path, int type, struct perr *e)
{
	ssh_key	 key = NULL;

	if (access(path, F_OK) == 0) {
		if (ssh_pki_import_privkey_file(path, NULL, NULL, NULL,
		    &key) != SSH_OK) {
			perr_set(e, "%s: cannot read host key", path);
			return NULL;
		}
		if (ssh_key_type(key) == (enum ssh_keytypes_e)type)
			return key;
		log_warnx("%s: not a %s key, making a new one", path,
		    ssh_key_type_to_char(type));
		ssh_key_free(key);
		key = NULL;
	}
	if (ssh_pki_generate(type, type == SSH_KEYTYPE_RSA ? 2048 : 0,
	    &key) != SSH_OK) {
		perr_set(e, "cannot generate a host key");
		return NULL;
	}
	unlink(path);
	if (ssh_pki_export_privkey_file(key, NULL, NULL, NULL, path) !=
	    SSH_OK || chmod(path, 0600) == -1) {
		perr_set(e, "%s: cannot write host key", path);
		ssh_key_free(key);
		return NULL;
	}
	log_info("%s: new %s host key", path, ssh_key_type_to_char(type));
	return key;
}

static void
rinst_key(struct lab *lab, struct rinst *ri, struct perr *e)
{
	char		*b64 = NULL;
	const char	*host;

	if ((ri->key = host_key(ri->keyfile, ri->def->keytype, e)) == NULL)
		return;
	if (ssh_pki_export_pubkey_base64(ri->key, &b64) != SSH_OK) {
		perr_set(e, "%s: cannot export the public key", ri->keyfile);
		return;
	}
	host = strcmp(lab->listen, "0.0.0.0") == 0 ? "127.0.0.1" :
	    lab->listen;
	xasprintf(&ri->khline, "[%s]:%d %s %s", host, ri->port,
	    ssh_key_type_to_char(ssh_key_type(ri->key)), b64);
	ssh_string_free_char(b64);
}

static void
add_instances(struct lab *lab, const cJSON *o, struct rdef *d,
    struct perr *e)
{
	const char	*name = jstr(o, "name"), *hn, *hk;
	int		 count, port, i;
	char		*kf;
	struct rinst	*ri;

	count = (int)jnum(o, "count", 1);
	port = (int)jnum(o, "port", 0);
	if (name == NULL || port <= 0 || port > 65535 || count < 1 ||
	    port + count - 1 > 65535) {
		perr_set(e, "router %s: need \"name\" and a valid \"port\"",
		    name ? name : "?");
		return;
	}
	hn = jstr(o, "hostname") ? jstr(o, "hostname") : name;
	hk = jstr(o, "host_key");
	lab->routers = xreallocarray(lab->routers, lab->nrouters + count,
	    sizeof(*lab->routers));
	for (i = 1; i <= count; i++) {
		ri = &lab->routers[lab->nrouters++];
		memset(ri, 0, sizeof(*ri));
		ri->def = d;
		ri->port = port + i - 1;
		ri->name = subst_num(name, i);
		ri->hostname = subst_num(hn, i);
		if (hk != NULL)
			kf = subst_num(hk, i);
		else
			xasprintf(&kf, "%s.key", ri->name);
		ri->keyfile = lab_path(lab->keys_dir, kf);
		free(kf);
	}
}

static int
cmp_port(const void *a, const void *b)
{
	const struct rinst	*x = a, *y = b;

	return (x->port > y->port) - (x->port < y->port);
}

static void
lab_parse(struct lab *lab, const cJSON *root, struct perr *e)
{
	const cJSON	*rs, *o;
	size_t		 i;

	lab->listen = xstrdup(jstr(root, "listen") ? jstr(root, "listen") :
	    "127.0.0.1");
	lab->keys_dir = lab_path(lab->dir, jstr(root, "keys_dir") ?
	    jstr(root, "keys_dir") : "keys");
	if (jstr(root, "known_hosts_out") != NULL)
		lab->known_hosts_out = lab_path(lab->dir,
		    jstr(root, "known_hosts_out"));
	if (mkdir(lab->keys_dir, 0700) == -1 && errno != EEXIST)
		perr_set(e, "%s: %s", lab->keys_dir, strerror(errno));
	rs = cJSON_GetObjectItemCaseSensitive(root, "routers");
	if (!cJSON_IsArray(rs)) {
		perr_set(e, "\"routers\" must be an array");
		return;
	}
	lab->ndefs = (size_t)cJSON_GetArraySize(rs);
	lab->defs = xcalloc(lab->ndefs, sizeof(*lab->defs));
	i = 0;
	cJSON_ArrayForEach(o, rs) {
		parse_rdef(o, lab->dir, &lab->defs[i], e);
		add_instances(lab, o, &lab->defs[i], e);
		i++;
	}
	if (e->msg != NULL)
		return;
	qsort(lab->routers, lab->nrouters, sizeof(*lab->routers), cmp_port);
	for (i = 0; i + 1 < lab->nrouters; i++)
		if (lab->routers[i].port == lab->routers[i + 1].port)
			perr_set(e, "port %d used twice", lab->routers[i].port);
	for (i = 0; i < lab->nrouters && e->msg == NULL; i++)
		rinst_key(lab, &lab->routers[i], e);
}

struct lab *
lab_load(const char *path, char **errp)
{
	struct lab	*lab;
	struct perr	 e = { NULL };
	cJSON		*root;
	char		*text, *tmp;

	*errp = NULL;
	if ((text = read_file(path, NULL)) == NULL) {
		xasprintf(errp, "%s: %s", path, strerror(errno));
		return NULL;
	}
	root = cJSON_Parse(text);
	free(text);
	if (root == NULL) {
		xasprintf(errp, "%s: bad JSON near \"%.20s\"", path,
		    cJSON_GetErrorPtr() ? cJSON_GetErrorPtr() : "");
		return NULL;
	}
	lab = xcalloc(1, sizeof(*lab));
	/* Absolute, so the paths we log and write do not depend on cwd. */
	tmp = xstrdup(path);
	if ((lab->dir = realpath(dirname(tmp), NULL)) == NULL)
		lab->dir = xstrdup(dirname(tmp));
	free(tmp);
	lab_parse(lab, root, &e);
	cJSON_Delete(root);
	if (e.msg != NULL) {
		xasprintf(errp, "%s: %s", path, e.msg);
		free(e.msg);
		lab_free(lab);
		return NULL;
	}
	return lab;
}

void
lab_free(struct lab *lab)
{
	size_t	 i;

	if (lab == NULL)
		return;
	for (i = 0; i < lab->nrouters; i++) {
		free(lab->routers[i].name);
		free(lab->routers[i].hostname);
		free(lab->routers[i].keyfile);
		free(lab->routers[i].khline);
		ssh_key_free(lab->routers[i].key);
	}
	free(lab->routers);
	for (i = 0; i < lab->ndefs; i++)
		rdef_free(&lab->defs[i]);
	free(lab->defs);
	free(lab->dir);
	free(lab->listen);
	free(lab->keys_dir);
	free(lab->known_hosts_out);
	free(lab);
}

/* Rewritten whole and renamed into place, so readers never see half. */
int
lab_write_known_hosts(const struct lab *lab)
{
	FILE	*fp;
	char	*tmp;
	size_t	 i;
	int	 rc = 0;

	if (lab->known_hosts_out == NULL)
		return 0;
	xasprintf(&tmp, "%s.tmp", lab->known_hosts_out);
	if ((fp = fopen(tmp, "w")) == NULL) {
		log_warn("%s", tmp);
		free(tmp);
		return -1;
	}
	for (i = 0; i < lab->nrouters; i++)
		fprintf(fp, "%s\n", lab->routers[i].khline);
	if (fclose(fp) == EOF || rename(tmp, lab->known_hosts_out) == -1) {
		log_warn("%s", lab->known_hosts_out);
		rc = -1;
	}
	free(tmp);
	return rc;
}

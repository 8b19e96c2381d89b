/*
 * config.c: ipsecwatch.conf, a strict JSON file read with cJSON.
 *
 * cJSON builds the tree but records no positions. So once cJSON has
 * accepted the text, a small scanner walks the same text again and builds
 * a parallel tree of byte offsets: where every value starts and ends, and
 * where the key of every object member is. Both trees list the members of
 * an object in document order, duplicates included, so walking them in
 * lockstep gives every cJSON item its place in the file, without matching
 * key strings (which could differ by escapes, as "\u0070ort" is "port").
 *
 * Validation walks the document in order and stops at the first error,
 * so the error reported is the first one in the file: within an object,
 * its members are checked before what is missing from it.
 */
#include <sys/stat.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "probe.h"
#include "util.h"

#define CONFIG_MAX_SIZE		(16 * 1024 * 1024)
#define SECRET_MAX_SIZE		(64 * 1024)
#define ROUTER_NAME_MAX		63
#define NOWHERE			SIZE_MAX

#define DEFAULT_DATABASE	"/var/lib/ipsecwatch/ipsecwatch.db"
#define DEFAULT_KNOWN_HOSTS	"/var/lib/ipsecwatch/known_hosts"

static const char *const top_keys[] = {
	"interval", "jitter", "max_connecting", "connect_timeout",
	"command_timeout", "backoff_max", "auth_backoff", "output_cap",
	"database", "known_hosts", "log_format", "keep_raw_output", "retention_days",
	"alert_retention_days", "metrics_listen", "commands", "routers", NULL
};

static const char *const router_keys[] = {
	"name", "host", "port", "username", "password_file", "key_file",
	"enable_secret_file", "platform", "algorithms", "interval",
	"persistent", "tags", NULL
};

/* Indexed by the enums of config.h and log.h. */
static const char *const platform_names[] = {
	"auto", "ios", "iosxe", "asa", NULL
};
static const char *const algo_names[] = { "modern", "legacy", NULL };
static const char *const log_format_names[] = { "logfmt", "json", NULL };

/* One JSON value of the text. Index 0 is the root, so 0 also means none. */
struct pnode {
	size_t	 koff;		/* its key's opening quote, if a member */
	size_t	 off;		/* its first byte */
	size_t	 end;		/* one past its last byte */
	size_t	 child;		/* first child */
	size_t	 next;		/* next sibling */
	int	 knul;		/* the key holds \u0000, which cJSON cuts at */
	int	 nul;		/* the same, for a string value */
};

struct scanner {
	const char	*s;
	size_t		 len;
	size_t		 i;
	struct pnode	*v;
	size_t		 n;
	size_t		 cap;
};

struct loader {
	char			*text;
	size_t			 len;
	struct pnode		*pos;
	char			*dir;		/* realpath of the file's directory */
	size_t			*name_at;	/* per router: its name's key */
	int			 seen_routers;
	struct config		*conf;
	struct config_error	*err;
	int			 flags;		/* CONFIG_LOAD_* */
};

/* An object member or an array element being validated. */
struct member {
	const char	*name;		/* the key; NULL for an array element */
	const cJSON	*v;
	size_t		 pi;		/* its node in the position tree */
	size_t		 at;		/* where errors point: key or element */
	char		 path[128];	/* "routers[2].port" */
};

typedef int (*member_fn)(struct loader *, void *, struct member *);

static int	fail_at(struct loader *, size_t, const char *, const char *, ...)
		    __attribute__((format(printf, 4, 5)));

/*
 * The position scanner. It only ever runs on text cJSON has accepted,
 * but it still makes progress on anything, so that a disagreement between
 * the two parsers can cost a position, never a hang.
 */

static size_t
scan_node(struct scanner *sc, size_t koff)
{
	struct pnode	*p;

	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 64;
		sc->v = xreallocarray(sc->v, sc->cap, sizeof(*sc->v));
	}
	p = &sc->v[sc->n];
	memset(p, 0, sizeof(*p));
	p->koff = koff;
	p->off = sc->i;
	return sc->n++;
}

static void
scan_ws(struct scanner *sc)
{
	while (sc->i < sc->len && (sc->s[sc->i] == ' ' ||
	    sc->s[sc->i] == '\t' || sc->s[sc->i] == '\n' ||
	    sc->s[sc->i] == '\r'))
		sc->i++;
}

/* Skips a string; returns whether it holds an escaped NUL. */
static int
scan_string(struct scanner *sc)
{
	int	 nul = 0;

	sc->i++;
	while (sc->i < sc->len && sc->s[sc->i] != '"') {
		if (sc->s[sc->i] == '\\') {
			if (sc->len - sc->i >= 6 &&
			    strncmp(sc->s + sc->i, "\\u0000", 6) == 0)
				nul = 1;
			sc->i++;
		}
		sc->i++;
	}
	if (sc->i < sc->len)
		sc->i++;
	return nul;
}

static void
scan_scalar(struct scanner *sc)
{
	size_t	 start = sc->i;

	while (sc->i < sc->len && strchr(",]} \t\r\n", sc->s[sc->i]) == NULL)
		sc->i++;
	if (sc->i == start && sc->i < sc->len)
		sc->i++;
}

static size_t	scan_value(struct scanner *, size_t);

static void
scan_container(struct scanner *sc, size_t self)
{
	char	 open = sc->s[sc->i], close = open == '{' ? '}' : ']';
	size_t	 last = 0, kid, koff;
	int	 knul = 0;

	sc->i++;
	for (;;) {
		scan_ws(sc);
		if (sc->i >= sc->len)
			break;
		if (sc->s[sc->i] == close) {
			sc->i++;
			break;
		}
		if (sc->s[sc->i] == ',') {
			sc->i++;
			continue;
		}
		koff = NOWHERE;
		if (open == '{') {
			koff = sc->i;
			knul = scan_string(sc);
			scan_ws(sc);
			if (sc->i < sc->len && sc->s[sc->i] == ':')
				sc->i++;
		}
		kid = scan_value(sc, koff);
		sc->v[kid].knul = knul;
		if (last == 0)
			sc->v[self].child = kid;
		else
			sc->v[last].next = kid;
		last = kid;
	}
}

static size_t
scan_value(struct scanner *sc, size_t koff)
{
	size_t	 self;

	scan_ws(sc);
	self = scan_node(sc, koff);
	if (sc->i >= sc->len)
		return self;
	if (sc->s[sc->i] == '"')
		sc->v[self].nul = scan_string(sc);
	else if (sc->s[sc->i] == '{' || sc->s[sc->i] == '[')
		scan_container(sc, self);
	else
		scan_scalar(sc);
	sc->v[self].end = sc->i;
	return self;
}

/* Skips what cJSON skips before the value: a UTF-8 byte order mark. */
static size_t
bom_len(const char *s, size_t len)
{
	return len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

static struct pnode *
scan_text(const char *s, size_t len)
{
	struct scanner	 sc;

	memset(&sc, 0, sizeof(sc));
	sc.s = s;
	sc.len = len;
	sc.i = bom_len(s, len);
	scan_value(&sc, NOWHERE);
	return sc.v;
}

/* Columns count characters, not bytes: UTF-8 continuations are skipped. */
static void
line_col(const char *s, size_t off, int *line, int *col)
{
	size_t	 i;

	*line = 1;
	*col = 1;
	for (i = bom_len(s, off); i < off; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)s[i] & 0xc0) != 0x80)
			(*col)++;
	}
}

/*
 * Errors.
 */

static int
fail_at(struct loader *ld, size_t off, const char *key, const char *fmt, ...)
{
	struct config_error	*e = ld->err;
	va_list			 ap;

	e->line = e->col = 0;
	if (off != NOWHERE)
		line_col(ld->text, off, &e->line, &e->col);
	snprintf(e->key, sizeof(e->key), "%s", key);
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static const char *
type_name(const cJSON *v)
{
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsBool(v))
		return "a boolean";
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsArray(v))
		return "an array";
	if (cJSON_IsObject(v))
		return "an object";
	return "an invalid value";
}

/* The length of buf[0..i) less a UTF-8 character the end cut in half. */
static size_t
utf8_cut(const char *buf, size_t i)
{
	size_t		 j = i, need;
	unsigned char	 c;

	while (j > 0 && ((unsigned char)buf[j - 1] & 0xc0) == 0x80)
		j--;
	if (j == 0 || (c = (unsigned char)buf[j - 1]) < 0xc0)
		return i;
	need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
	return i - (j - 1) < need ? j - 1 : i;
}

/*
 * A user's string, quoted for a message: shortened, control characters
 * shown as '?', so that a message stays one readable line.
 */
static const char *
quote(const char *s, char *buf, size_t len)
{
	size_t	 i = 0, n;

	buf[i++] = '"';
	for (n = 0; s[n] != '\0' && i + 6 < len; n++) {
		if (s[n] == '"' || s[n] == '\\')
			buf[i++] = '\\';
		buf[i++] = (unsigned char)s[n] < 0x20 ? '?' : s[n];
	}
	if (s[n] != '\0') {
		i = utf8_cut(buf, i);
		memcpy(buf + i, "...", 3);
		i += 3;
	}
	buf[i++] = '"';
	buf[i] = '\0';
	return buf;
}

static void
join_names(const char *const *names, const char *q, char *buf, size_t len)
{
	size_t	 i, n = 0;
	int	 r;

	buf[0] = '\0';
	for (i = 0; names[i] != NULL && n < len; i++) {
		r = snprintf(buf + n, len - n, "%s%s%s%s", i > 0 ? ", " : "",
		    q, names[i], q);
		if (r < 0)
			break;
		n += (size_t)r;
	}
}

static int
unknown_key(struct loader *ld, const struct member *m,
    const char *const *keys)
{
	char	 list[384];

	join_names(keys, "", list, sizeof(list));
	return fail_at(ld, m->at, m->path, "unknown key; expected one of: %s",
	    list);
}

/*
 * Paths.
 */

static void
member_path(struct member *m, const char *parent, const char *key,
    size_t index)
{
	int	 n;

	if (key == NULL)
		n = snprintf(m->path, sizeof(m->path), "%s[%zu]", parent,
		    index);
	else if (parent[0] == '\0')
		n = snprintf(m->path, sizeof(m->path), "%s", key);
	else
		n = snprintf(m->path, sizeof(m->path), "%s.%s", parent, key);
	/* A path longer than the error's key field is only ever shortened. */
	if (n < 0 || (size_t)n >= sizeof(m->path))
		m->path[sizeof(m->path) - 1] = '\0';
}

/* Relative paths are relative to the configuration file's directory. */
static char *
resolve_path(const struct loader *ld, const char *p)
{
	char	*abs;

	if (p[0] == '/')
		return xstrdup(p);
	while (p[0] == '.' && p[1] == '/') {
		p += 2;
		while (*p == '/')
			p++;
	}
	if (*p == '\0')
		p = ".";
	xasprintf(&abs, "%s%s%s", ld->dir,
	    ld->dir[strlen(ld->dir) - 1] == '/' ? "" : "/", p);
	return abs;
}

/*
 * Values. Each getter fails with the member's path and position, or
 * stores the value; string results are copies owned by the config.
 */

/* Is the number written as an integer, not as 22.0 or 1e3? */
static int
integer_literal(const struct loader *ld, const struct member *m)
{
	const struct pnode	*p = &ld->pos[m->pi];
	size_t			 i = p->off;

	if (i < p->end && ld->text[i] == '-')
		i++;
	return i < p->end &&
	    strspn(ld->text + i, "0123456789") == p->end - i;
}

/* With a zero_hint, 0 is accepted too, meaning what the hint says. */
static int
get_int_zero(struct loader *ld, const struct member *m, int min, int max,
    const char *zero_hint, int *out)
{
	const struct pnode	*p = &ld->pos[m->pi];
	double			 d;
	int			 n;

	if (!cJSON_IsNumber(m->v))
		return fail_at(ld, m->at, m->path,
		    "expected an integer between %d and %d%s, got %s",
		    min, max, zero_hint, type_name(m->v));
	d = m->v->valuedouble;
	if (!integer_literal(ld, m) ||
	    !((d >= min && d <= max) || (zero_hint[0] != '\0' && d == 0))) {
		n = (int)MINIMUM(p->end - p->off, 40);
		return fail_at(ld, m->at, m->path,
		    "expected an integer between %d and %d%s, got %.*s",
		    min, max, zero_hint, n, ld->text + p->off);
	}
	*out = (int)d;
	return 0;
}

static int
get_int(struct loader *ld, const struct member *m, int min, int max,
    int *out)
{
	return get_int_zero(ld, m, min, max, "", out);
}

static int
get_bool(struct loader *ld, const struct member *m, int *out)
{
	if (!cJSON_IsBool(m->v))
		return fail_at(ld, m->at, m->path,
		    "expected true or false, got %s", type_name(m->v));
	*out = cJSON_IsTrue(m->v) ? 1 : 0;
	return 0;
}

/* A string that may be empty (empty = allowed) or not. */
static int
get_str(struct loader *ld, const struct member *m, const char *what,
    int empty, const char **out)
{
	if (!cJSON_IsString(m->v))
		return fail_at(ld, m->at, m->path, "expected %s, got %s",
		    what, type_name(m->v));
	/* cJSON would silently cut the string at the NUL. */
	if (ld->pos[m->pi].nul)
		return fail_at(ld, m->at, m->path,
		    "expected %s without NUL characters", what);
	if (!empty && m->v->valuestring[0] == '\0')
		return fail_at(ld, m->at, m->path,
		    "expected %s, got an empty string", what);
	*out = m->v->valuestring;
	return 0;
}

static int
get_enum(struct loader *ld, const struct member *m,
    const char *const *names, int *out)
{
	char	 list[128], q[64];
	int	 i;

	join_names(names, "\"", list, sizeof(list));
	if (!cJSON_IsString(m->v))
		return fail_at(ld, m->at, m->path, "expected one of %s, got %s",
		    list, type_name(m->v));
	for (i = 0; names[i] != NULL; i++) {
		if (strcmp(m->v->valuestring, names[i]) == 0 &&
		    !ld->pos[m->pi].nul) {
			*out = i;
			return 0;
		}
	}
	return fail_at(ld, m->at, m->path, "expected one of %s, got %s", list,
	    quote(m->v->valuestring, q, sizeof(q)));
}

static int
get_path(struct loader *ld, const struct member *m, char **out)
{
	const char	*s;

	if (get_str(ld, m, "a file path", 0, &s) == -1)
		return -1;
	free(*out);
	*out = resolve_path(ld, s);
	return 0;
}

/*
 * A secret's file is checked now, so that a loose permission fails the
 * configuration check rather than a poll hours later. Its content is
 * read only when it is needed, by config_read_secret().
 */
static int
get_secret(struct loader *ld, const struct member *m, const char *what,
    char **out)
{
	char	 ebuf[256];
	char	*p = NULL;

	if (get_path(ld, m, &p) == -1)
		return -1;
	if (!(ld->flags & CONFIG_LOAD_NO_SECRETS) &&
	    config_check_secret_file(p, ebuf, sizeof(ebuf)) == -1) {
		free(p);
		return fail_at(ld, m->at, m->path, "%s %s", what, ebuf);
	}
	*out = p;
	return 0;
}

/*
 * Objects and arrays: walk cJSON's children and the position tree's
 * together, in document order.
 */

static int
walk_object(struct loader *ld, const cJSON *obj, size_t pobj,
    const char *path, member_fn fn, void *arg)
{
	const cJSON	*c, *d;
	size_t		 pc, pd;
	struct member	 m;
	int		 line, col;

	pc = ld->pos[pobj].child;
	for (c = obj->child; c != NULL; c = c->next, pc = ld->pos[pc].next) {
		memset(&m, 0, sizeof(m));
		m.name = c->string;
		m.v = c;
		m.pi = pc;
		m.at = pc != 0 ? ld->pos[pc].koff : ld->pos[pobj].off;
		member_path(&m, path, c->string, 0);
		if (ld->pos[pc].knul)
			return fail_at(ld, m.at, m.path,
			    "a key must not contain NUL characters");
		pd = ld->pos[pobj].child;
		for (d = obj->child; d != c; d = d->next, pd = ld->pos[pd].next) {
			if (strcmp(d->string, c->string) != 0)
				continue;
			line_col(ld->text, ld->pos[pd].koff, &line, &col);
			return fail_at(ld, m.at, m.path,
			    "duplicate key; first given at line %d, col %d",
			    line, col);
		}
		if (fn(ld, arg, &m) == -1)
			return -1;
	}
	return 0;
}

static int
walk_array(struct loader *ld, const cJSON *arr, size_t parr,
    const char *path, member_fn fn, void *arg)
{
	const cJSON	*c;
	size_t		 pc, i = 0;
	struct member	 m;

	pc = ld->pos[parr].child;
	for (c = arr->child; c != NULL; c = c->next, pc = ld->pos[pc].next) {
		memset(&m, 0, sizeof(m));
		m.v = c;
		m.pi = pc;
		m.at = pc != 0 ? ld->pos[pc].off : ld->pos[parr].off;
		member_path(&m, path, NULL, i++);
		if (fn(ld, arg, &m) == -1)
			return -1;
	}
	return 0;
}

/*
 * Routers.
 */

static int
valid_router_name(const char *s)
{
	size_t	 n = strlen(s);

	return n >= 1 && n <= ROUTER_NAME_MAX &&
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._-") == n;
}

static int
get_router_name(struct loader *ld, const struct member *m,
    struct router_conf *r)
{
	const struct config	*c = ld->conf;
	size_t			 self = (size_t)(r - c->routers), i;
	const char		*s;
	char			 q[64];
	int			 line, col;

	if (get_str(ld, m, "a router name", 1, &s) == -1)
		return -1;
	if (!valid_router_name(s))
		return fail_at(ld, m->at, m->path, "expected a router name of "
		    "1 to %d letters, digits, '.', '_' or '-', got %s",
		    ROUTER_NAME_MAX, quote(s, q, sizeof(q)));
	for (i = 0; i < self; i++) {
		if (strcmp(c->routers[i].name, s) != 0)
			continue;
		line_col(ld->text, ld->name_at[i], &line, &col);
		return fail_at(ld, m->at, m->path, "duplicate router name "
		    "\"%s\"; first defined at line %d", s, line);
	}
	ld->name_at[self] = m->at;
	r->name = xstrdup(s);
	return 0;
}

/*
 * Addresses are kept in inet_ntop()'s form, so that two spellings of the
 * same address compare equal and print the same.
 */
static int
get_router_host(struct loader *ld, const struct member *m,
    struct router_conf *r)
{
	unsigned char	 addr[sizeof(struct in6_addr)];
	char		 buf[INET6_ADDRSTRLEN], q[64];
	const char	*s;
	int		 af;

	if (get_str(ld, m, "an IP address", 0, &s) == -1)
		return -1;
	if (!is_ip_address(s))
		return fail_at(ld, m->at, m->path, "%s must be an IP address: "
		    "ipsecwatchd never resolves names", quote(s, q, sizeof(q)));
	af = strchr(s, ':') != NULL ? AF_INET6 : AF_INET;
	if (inet_pton(af, s, addr) == 1 &&
	    inet_ntop(af, addr, buf, sizeof(buf)) != NULL)
		s = buf;
	r->host = xstrdup(s);
	return 0;
}

/*
 * "metrics_listen": "127.0.0.1:9810" or "[::1]:9810", or null for off (the
 * default). A literal address, as for routers: nothing is resolved.
 */
static int
get_listen(struct loader *ld, const struct member *m, struct config *c)
{
	char		 host[INET6_ADDRSTRLEN + 2], q[64], *end;
	const char	*s, *colon;
	size_t		 hl;
	long		 port;

	if (cJSON_IsNull(m->v)) {
		free(c->metrics_addr);
		c->metrics_addr = NULL;
		return 0;
	}
	if (get_str(ld, m, "an address:port or null", 0, &s) == -1)
		return -1;
	colon = strrchr(s, ':');
	if (colon == NULL || colon == s)
		goto bad;
	hl = (size_t)(colon - s);
	if (s[0] == '[') {
		if (hl < 3 || s[hl - 1] != ']')
			goto bad;
		s++;
		hl -= 2;
	} else if (memchr(s, ':', hl) != NULL)
		goto bad;	/* IPv6 needs its brackets */
	if (hl >= sizeof(host))
		goto bad;
	memcpy(host, s, hl);
	host[hl] = '\0';
	if (!is_ip_address(host))
		goto bad;
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (colon[1] < '0' || colon[1] > '9' || *end != '\0' || errno != 0 ||
	    port < 1 || port > 65535)
		goto bad;
	free(c->metrics_addr);
	c->metrics_addr = xstrdup(host);
	c->metrics_port = (int)port;
	return 0;
bad:
	return fail_at(ld, m->at, m->path, "expected an address:port such as "
	    "\"127.0.0.1:9810\" or \"[::1]:9810\", got %s",
	    quote(m->v->valuestring, q, sizeof(q)));
}

static int
tag_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tag *)a)->key,
	    ((const struct tag *)b)->key);
}

static int
tag_member(struct loader *ld, void *arg, struct member *m)
{
	struct router_conf	*r = arg;
	const char		*s;

	if (m->name[0] == '\0')
		return fail_at(ld, m->at, m->path,
		    "a tag name must not be empty");
	if (get_str(ld, m, "a string", 1, &s) == -1)
		return -1;
	r->tags[r->ntags].key = xstrdup(m->name);
	r->tags[r->ntags].value = xstrdup(s);
	r->ntags++;
	return 0;
}

/* Tags are kept sorted by name: their order in the file means nothing. */
static int
get_tags(struct loader *ld, struct member *m, struct router_conf *r)
{
	if (!cJSON_IsObject(m->v))
		return fail_at(ld, m->at, m->path, "expected an object of "
		    "string tags, got %s", type_name(m->v));
	r->tags = xcalloc(cJSON_GetArraySize(m->v), sizeof(*r->tags));
	if (walk_object(ld, m->v, m->pi, m->path, tag_member, r) == -1)
		return -1;
	qsort(r->tags, r->ntags, sizeof(*r->tags), tag_cmp);
	return 0;
}

static int
exclusive_credentials(struct loader *ld, const struct member *m)
{
	return fail_at(ld, m->at, m->path, "password_file and key_file are "
	    "mutually exclusive: give exactly one");
}

static int
router_member(struct loader *ld, void *arg, struct member *m)
{
	struct router_conf	*r = arg;
	const char		*s;
	int			 i;

	if (strcmp(m->name, "name") == 0)
		return get_router_name(ld, m, r);
	if (strcmp(m->name, "host") == 0)
		return get_router_host(ld, m, r);
	if (strcmp(m->name, "port") == 0)
		return get_int(ld, m, 1, 65535, &r->port);
	if (strcmp(m->name, "username") == 0) {
		if (get_str(ld, m, "a user name", 0, &s) == -1)
			return -1;
		r->username = xstrdup(s);
		return 0;
	}
	if (strcmp(m->name, "password_file") == 0) {
		if (r->key_file != NULL)
			return exclusive_credentials(ld, m);
		return get_secret(ld, m, "password file", &r->password_file);
	}
	if (strcmp(m->name, "key_file") == 0) {
		if (r->password_file != NULL)
			return exclusive_credentials(ld, m);
		return get_secret(ld, m, "key file", &r->key_file);
	}
	if (strcmp(m->name, "enable_secret_file") == 0)
		return get_secret(ld, m, "enable secret file",
		    &r->enable_secret_file);
	if (strcmp(m->name, "platform") == 0) {
		if (get_enum(ld, m, platform_names, &i) == -1)
			return -1;
		r->platform = (enum platform)i;
		return 0;
	}
	if (strcmp(m->name, "algorithms") == 0) {
		if (get_enum(ld, m, algo_names, &i) == -1)
			return -1;
		r->algorithms = (enum algo_profile)i;
		return 0;
	}
	if (strcmp(m->name, "interval") == 0)
		return get_int_zero(ld, m, 1, 86400,
		    " (or 0 for the global interval)", &r->interval);
	if (strcmp(m->name, "persistent") == 0)
		return get_bool(ld, m, &r->persistent);
	if (strcmp(m->name, "tags") == 0)
		return get_tags(ld, m, r);
	return unknown_key(ld, m, router_keys);
}

static int
router_missing(struct loader *ld, const struct member *m,
    const struct router_conf *r)
{
	size_t		 brace = ld->pos[m->pi].off;
	const char	*what = NULL;

	if (r->name == NULL)
		what = "name";
	else if (r->host == NULL)
		what = "host";
	else if (r->username == NULL)
		what = "username";
	if (what != NULL)
		return fail_at(ld, brace, m->path,
		    "missing required key \"%s\"", what);
	if (r->password_file == NULL && r->key_file == NULL)
		return fail_at(ld, brace, m->path, "missing password_file or "
		    "key_file: exactly one is required");
	return 0;
}

static int
router_element(struct loader *ld, void *arg, struct member *m)
{
	struct router_conf	*r;

	(void)arg;
	if (!cJSON_IsObject(m->v))
		return fail_at(ld, m->at, m->path,
		    "expected a router object, got %s", type_name(m->v));
	r = &ld->conf->routers[ld->conf->nrouters++];
	r->port = 22;
	r->platform = PLATFORM_AUTO;
	r->algorithms = ALGO_MODERN;
	r->persistent = 1;
	if (walk_object(ld, m->v, m->pi, m->path, router_member, r) == -1)
		return -1;
	return router_missing(ld, m, r);
}

static int
get_routers(struct loader *ld, struct member *m)
{
	struct config	*c = ld->conf;
	int		 n;

	if (!cJSON_IsArray(m->v))
		return fail_at(ld, m->at, m->path,
		    "expected an array of routers, got %s", type_name(m->v));
	n = cJSON_GetArraySize(m->v);
	c->routers = xcalloc(n, sizeof(*c->routers));
	ld->name_at = xcalloc(n, sizeof(*ld->name_at));
	ld->seen_routers = 1;
	return walk_array(ld, m->v, m->pi, m->path, router_element, NULL);
}

/*
 * Top level.
 */

/* A newline in a command would make the router run a second one. */
static int
command_element(struct loader *ld, void *arg, struct member *m)
{
	struct config	*c = arg;
	const char	*s, *p;

	if (get_str(ld, m, "a command (a non-empty string)", 0, &s) == -1)
		return -1;
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return fail_at(ld, m->at, m->path,
			    "a command must not contain control characters");
	c->commands[c->ncommands++] = xstrdup(s);
	return 0;
}

static int
get_commands(struct loader *ld, struct member *m)
{
	struct config	*c = ld->conf;
	int		 n;

	if (!cJSON_IsArray(m->v))
		return fail_at(ld, m->at, m->path,
		    "expected an array of commands, got %s", type_name(m->v));
	if ((n = cJSON_GetArraySize(m->v)) == 0)
		return fail_at(ld, m->at, m->path,
		    "expected a non-empty array of commands");
	c->commands = xcalloc(n, sizeof(*c->commands));
	return walk_array(ld, m->v, m->pi, m->path, command_element, c);
}

static int
top_member(struct loader *ld, void *arg, struct member *m)
{
	struct config	*c = ld->conf;
	int		 i;

	(void)arg;
	if (strcmp(m->name, "interval") == 0)
		return get_int(ld, m, 1, 86400, &c->interval);
	if (strcmp(m->name, "jitter") == 0)
		return get_int(ld, m, 0, 50, &c->jitter);
	if (strcmp(m->name, "max_connecting") == 0)
		return get_int(ld, m, 1, 1024, &c->max_connecting);
	if (strcmp(m->name, "connect_timeout") == 0)
		return get_int(ld, m, 1, 600, &c->connect_timeout);
	if (strcmp(m->name, "command_timeout") == 0)
		return get_int(ld, m, 1, 3600, &c->command_timeout);
	if (strcmp(m->name, "backoff_max") == 0)
		return get_int(ld, m, 1, 86400, &c->backoff_max);
	if (strcmp(m->name, "auth_backoff") == 0)
		return get_int(ld, m, 1, 86400, &c->auth_backoff);
	if (strcmp(m->name, "output_cap") == 0) {
		if (get_int(ld, m, 1024, 1073741824, &i) == -1)
			return -1;
		c->output_cap = (size_t)i;
		return 0;
	}
	if (strcmp(m->name, "database") == 0)
		return get_path(ld, m, &c->database);
	if (strcmp(m->name, "known_hosts") == 0)
		return get_path(ld, m, &c->known_hosts);
	if (strcmp(m->name, "log_format") == 0) {
		if (get_enum(ld, m, log_format_names, &i) == -1)
			return -1;
		c->log_format = (enum log_format)i;
		return 0;
	}
	if (strcmp(m->name, "keep_raw_output") == 0)
		return get_bool(ld, m, &c->keep_raw_output);
	if (strcmp(m->name, "retention_days") == 0)
		return get_int(ld, m, 1, 3650, &c->retention_days);
	if (strcmp(m->name, "alert_retention_days") == 0)
		return get_int(ld, m, 1, 36500, &c->alert_retention_days);
	if (strcmp(m->name, "metrics_listen") == 0)
		return get_listen(ld, m, c);
	if (strcmp(m->name, "commands") == 0)
		return get_commands(ld, m);
	if (strcmp(m->name, "routers") == 0)
		return get_routers(ld, m);
	return unknown_key(ld, m, top_keys);
}

static struct config *
config_new(const char *path)
{
	struct config	*c;

	c = xcalloc(1, sizeof(*c));
	c->path = xstrdup(path);
	c->interval = 60;
	c->jitter = 10;
	c->max_connecting = 16;
	c->connect_timeout = 20;
	c->command_timeout = 30;
	c->backoff_max = 300;
	c->auth_backoff = 600;
	c->output_cap = 4194304;
	c->database = xstrdup(DEFAULT_DATABASE);
	c->known_hosts = xstrdup(DEFAULT_KNOWN_HOSTS);
	c->log_format = LOG_FORMAT_LOGFMT;
	c->keep_raw_output = 0;
	c->retention_days = 30;
	c->alert_retention_days = 365;
	return c;
}

static void
default_commands(struct config *c)
{
	size_t	 i;

	c->commands = xcalloc(probe_count, sizeof(*c->commands));
	c->ncommands = 0;
	for (i = 0; i < probe_count; i++)
		if (probe_table[i]->polled)
			c->commands[c->ncommands++] =
			    xstrdup(probe_table[i]->command);
}

static int
load_root(struct loader *ld, const cJSON *root)
{
	if (!cJSON_IsObject(root))
		return fail_at(ld, ld->pos[0].off, "", "expected a JSON object "
		    "at the top level, got %s", type_name(root));
	if (walk_object(ld, root, 0, "", top_member, NULL) == -1)
		return -1;
	if (!ld->seen_routers)
		return fail_at(ld, ld->pos[0].off, "",
		    "missing required key \"routers\"");
	if (ld->conf->commands == NULL)
		default_commands(ld->conf);
	return 0;
}

/*
 * Reading and parsing.
 */

/*
 * The file is read whole: its size is only a first guess, as it may be
 * rewritten meanwhile, and a runaway file stops at CONFIG_MAX_SIZE.
 */
static int
read_file(struct loader *ld, const char *path)
{
	struct stat	 st;
	size_t		 cap;
	ssize_t		 r = 0;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return fail_at(ld, NOWHERE, "", "cannot open: %s",
		    strerror(errno));
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return fail_at(ld, NOWHERE, "", "not a regular file");
	}
	cap = (size_t)MINIMUM(MAXIMUM(st.st_size, 4096), CONFIG_MAX_SIZE) + 1;
	ld->text = xmalloc(cap);
	while (ld->len <= CONFIG_MAX_SIZE) {
		if (ld->len == cap) {
			cap = MINIMUM(cap * 2, CONFIG_MAX_SIZE + 1);
			ld->text = xreallocarray(ld->text, cap, 1);
		}
		if ((r = read(fd, ld->text + ld->len, cap - ld->len)) == -1 &&
		    errno == EINTR)
			continue;
		if (r <= 0)
			break;
		ld->len += (size_t)r;
	}
	close(fd);
	if (r == -1)
		return fail_at(ld, NOWHERE, "", "cannot read: %s",
		    strerror(errno));
	if (ld->len > CONFIG_MAX_SIZE)
		return fail_at(ld, NOWHERE, "", "larger than %d bytes",
		    CONFIG_MAX_SIZE);
	if (ld->len == cap)
		ld->text = xreallocarray(ld->text, cap + 1, 1);
	ld->text[ld->len] = '\0';
	return 0;
}

static int
resolve_dir(struct loader *ld, const char *path)
{
	const char	*slash;
	char		*dir;

	if ((slash = strrchr(path, '/')) == NULL)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else
		dir = xstrndup(path, (size_t)(slash - path));
	ld->dir = realpath(dir, NULL);
	free(dir);
	if (ld->dir == NULL)
		return fail_at(ld, NOWHERE, "", "cannot resolve its directory: "
		    "%s", strerror(errno));
	return 0;
}

static int
syntax_error(struct loader *ld, const char *end)
{
	size_t	 off = ld->len;
	int	 c;

	if (end != NULL && end >= ld->text && end < ld->text + ld->len)
		off = (size_t)(end - ld->text);
	if (off >= ld->len)
		return fail_at(ld, off, "",
		    "invalid JSON: unexpected end of file");
	c = (unsigned char)ld->text[off];
	if (c > 0x20 && c < 0x7f)
		return fail_at(ld, off, "", "invalid JSON near '%c'", c);
	return fail_at(ld, off, "", "invalid JSON near byte 0x%02x", c);
}

static int
parse(struct loader *ld, cJSON **root)
{
	const char	*end = NULL, *nul;
	size_t		 off;

	if ((nul = memchr(ld->text, '\0', ld->len)) != NULL)
		return fail_at(ld, (size_t)(nul - ld->text), "",
		    "invalid JSON: a NUL byte");
	/*
	 * The terminating NUL is included: running out of text, cJSON then
	 * stops on it rather than on the last byte, which tells the two apart.
	 */
	if ((*root = cJSON_ParseWithLengthOpts(ld->text, ld->len + 1, &end,
	    0)) == NULL)
		return syntax_error(ld, end);
	off = (size_t)(end - ld->text);
	while (off < ld->len && strchr(" \t\r\n", ld->text[off]) != NULL)
		off++;
	if (off < ld->len)
		return fail_at(ld, off, "", "invalid JSON: unexpected text "
		    "after the end of the top-level object");
	ld->pos = scan_text(ld->text, ld->len);
	return 0;
}

int
config_load(const char *path, struct config **out, struct config_error *err)
{
	return config_load_flags(path, 0, out, err);
}

int
config_load_flags(const char *path, int flags, struct config **out,
    struct config_error *err)
{
	struct loader	 ld;
	cJSON		*root = NULL;
	int		 rc = -1;

	*out = NULL;
	memset(err, 0, sizeof(*err));
	snprintf(err->file, sizeof(err->file), "%s", path);
	memset(&ld, 0, sizeof(ld));
	ld.err = err;
	ld.flags = flags;
	if (read_file(&ld, path) == -1 || resolve_dir(&ld, path) == -1 ||
	    parse(&ld, &root) == -1)
		goto done;
	ld.conf = config_new(path);
	if (load_root(&ld, root) == -1)
		goto done;
	*out = ld.conf;
	ld.conf = NULL;
	rc = 0;
 done:
	cJSON_Delete(root);
	config_free(ld.conf);
	free(ld.text);
	free(ld.pos);
	free(ld.dir);
	free(ld.name_at);
	return rc;
}

static void
router_free(struct router_conf *r)
{
	size_t	 i;

	free(r->name);
	free(r->host);
	free(r->username);
	free(r->password_file);
	free(r->key_file);
	free(r->enable_secret_file);
	for (i = 0; i < r->ntags; i++) {
		free(r->tags[i].key);
		free(r->tags[i].value);
	}
	free(r->tags);
}

void
config_free(struct config *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nrouters; i++)
		router_free(&c->routers[i]);
	free(c->routers);
	for (i = 0; i < c->ncommands; i++)
		free(c->commands[i]);
	free(c->commands);
	free(c->database);
	free(c->known_hosts);
	free(c->metrics_addr);
	free(c->path);
	free(c);
}

void
config_error_format(const struct config_error *e, char *buf, size_t len)
{
	char	 where[32] = "";

	if (e->line > 0)
		snprintf(where, sizeof(where), ":%d:%d", e->line, e->col);
	snprintf(buf, len, "%s%s: %s%s%s", e->file, where, e->key,
	    e->key[0] != '\0' ? ": " : "", e->msg);
}

/*
 * Printing: canonical JSON, which config_load() reads back to the same.
 */

static void
print_str(FILE *fp, const char *s)
{
	const unsigned char	*p;

	fputc('"', fp);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", fp);
		else if (*p == '\t')
			fputs("\\t", fp);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(fp, "\\u%04x", *p);
		else
			fputc(*p, fp);
	}
	fputc('"', fp);
}

/* Starts a member: the separator, the indentation and the key. */
static void
print_key(FILE *fp, int depth, int *first, const char *key)
{
	fputs(*first ? "\n" : ",\n", fp);
	*first = 0;
	fprintf(fp, "%*s", depth * 2, "");
	if (key != NULL) {
		print_str(fp, key);
		fputs(": ", fp);
	}
}

static void
print_close(FILE *fp, int depth, int first, char close)
{
	if (!first)
		fprintf(fp, "\n%*s", depth * 2, "");
	fputc(close, fp);
}

static void
print_router(FILE *fp, int depth, const struct router_conf *r)
{
	int	 first = 1, tfirst = 1;
	size_t	 i;

	fputc('{', fp);
	print_key(fp, depth + 1, &first, "name");
	print_str(fp, r->name);
	print_key(fp, depth + 1, &first, "host");
	print_str(fp, r->host);
	print_key(fp, depth + 1, &first, "port");
	fprintf(fp, "%d", r->port);
	print_key(fp, depth + 1, &first, "username");
	print_str(fp, r->username);
	if (r->password_file != NULL) {
		print_key(fp, depth + 1, &first, "password_file");
		print_str(fp, r->password_file);
	}
	if (r->key_file != NULL) {
		print_key(fp, depth + 1, &first, "key_file");
		print_str(fp, r->key_file);
	}
	if (r->enable_secret_file != NULL) {
		print_key(fp, depth + 1, &first, "enable_secret_file");
		print_str(fp, r->enable_secret_file);
	}
	print_key(fp, depth + 1, &first, "platform");
	print_str(fp, platform_name(r->platform));
	print_key(fp, depth + 1, &first, "algorithms");
	print_str(fp, algo_profile_name(r->algorithms));
	/* 0 is "the global interval", which is not a valid value to read. */
	if (r->interval != 0) {
		print_key(fp, depth + 1, &first, "interval");
		fprintf(fp, "%d", r->interval);
	}
	print_key(fp, depth + 1, &first, "persistent");
	fputs(r->persistent ? "true" : "false", fp);
	print_key(fp, depth + 1, &first, "tags");
	fputc('{', fp);
	for (i = 0; i < r->ntags; i++) {
		print_key(fp, depth + 2, &tfirst, r->tags[i].key);
		print_str(fp, r->tags[i].value);
	}
	print_close(fp, depth + 1, tfirst, '}');
	print_close(fp, depth, first, '}');
}

void
config_print(const struct config *c, FILE *fp)
{
	int	 first = 1, afirst;
	size_t	 i;

	fputc('{', fp);
	print_key(fp, 1, &first, "interval");
	fprintf(fp, "%d", c->interval);
	print_key(fp, 1, &first, "jitter");
	fprintf(fp, "%d", c->jitter);
	print_key(fp, 1, &first, "max_connecting");
	fprintf(fp, "%d", c->max_connecting);
	print_key(fp, 1, &first, "connect_timeout");
	fprintf(fp, "%d", c->connect_timeout);
	print_key(fp, 1, &first, "command_timeout");
	fprintf(fp, "%d", c->command_timeout);
	print_key(fp, 1, &first, "backoff_max");
	fprintf(fp, "%d", c->backoff_max);
	print_key(fp, 1, &first, "auth_backoff");
	fprintf(fp, "%d", c->auth_backoff);
	print_key(fp, 1, &first, "output_cap");
	fprintf(fp, "%zu", c->output_cap);
	print_key(fp, 1, &first, "database");
	print_str(fp, c->database);
	print_key(fp, 1, &first, "known_hosts");
	print_str(fp, c->known_hosts);
	print_key(fp, 1, &first, "log_format");
	print_str(fp, c->log_format == LOG_FORMAT_JSON ? "json" : "logfmt");
	print_key(fp, 1, &first, "keep_raw_output");
	fputs(c->keep_raw_output ? "true" : "false", fp);
	print_key(fp, 1, &first, "retention_days");
	fprintf(fp, "%d", c->retention_days);
	print_key(fp, 1, &first, "alert_retention_days");
	fprintf(fp, "%d", c->alert_retention_days);
	print_key(fp, 1, &first, "metrics_listen");
	if (c->metrics_addr != NULL) {
		fputc('"', fp);
		fprintf(fp, strchr(c->metrics_addr, ':') ? "[%s]:%d" : "%s:%d",
		    c->metrics_addr, c->metrics_port);
		fputc('"', fp);
	} else
		fputs("null", fp);
	print_key(fp, 1, &first, "commands");
	fputc('[', fp);
	for (i = 0, afirst = 1; i < c->ncommands; i++) {
		print_key(fp, 2, &afirst, NULL);
		print_str(fp, c->commands[i]);
	}
	print_close(fp, 1, afirst, ']');
	print_key(fp, 1, &first, "routers");
	fputc('[', fp);
	for (i = 0, afirst = 1; i < c->nrouters; i++) {
		print_key(fp, 2, &afirst, NULL);
		print_router(fp, 2, &c->routers[i]);
	}
	print_close(fp, 1, afirst, ']');
	print_close(fp, 0, first, '}');
	fputc('\n', fp);
}

/*
 * Lookups.
 */

const struct router_conf *
config_router(const struct config *c, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->nrouters; i++)
		if (strcmp(c->routers[i].name, name) == 0)
			return &c->routers[i];
	return NULL;
}

/*
 * Keep only the routers keep() accepts (a --shard share), in their order;
 * the others are freed. Returns how many are left.
 */
size_t
config_filter_routers(struct config *c,
    int (*keep)(const struct router_conf *, void *), void *arg)
{
	size_t	 i, n = 0;

	for (i = 0; i < c->nrouters; i++) {
		if (!keep(&c->routers[i], arg)) {
			router_free(&c->routers[i]);
			continue;
		}
		if (n != i)
			c->routers[n] = c->routers[i];
		n++;
	}
	c->nrouters = n;
	return n;
}

static int
str_equal(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Tags compare as sets: a caller's entries need not be sorted. */
static int
tags_equal(const struct router_conf *a, const struct router_conf *b)
{
	size_t	 i, j;

	if (a->ntags != b->ntags)
		return 0;
	for (i = 0; i < a->ntags; i++) {
		for (j = 0; j < b->ntags; j++)
			if (str_equal(a->tags[i].key, b->tags[j].key))
				break;
		if (j == b->ntags ||
		    !str_equal(a->tags[i].value, b->tags[j].value))
			return 0;
	}
	return 1;
}

int
router_conf_equal(const struct router_conf *a, const struct router_conf *b)
{
	return str_equal(a->name, b->name) &&
	    str_equal(a->host, b->host) &&
	    a->port == b->port &&
	    str_equal(a->username, b->username) &&
	    str_equal(a->password_file, b->password_file) &&
	    str_equal(a->key_file, b->key_file) &&
	    str_equal(a->enable_secret_file, b->enable_secret_file) &&
	    a->platform == b->platform &&
	    a->algorithms == b->algorithms &&
	    a->interval == b->interval &&
	    a->persistent == b->persistent &&
	    tags_equal(a, b);
}

int
router_interval(const struct config *c, const struct router_conf *r)
{
	return r->interval != 0 ? r->interval : c->interval;
}

const char *
platform_name(enum platform p)
{
	if ((size_t)p < NITEMS(platform_names) - 1)
		return platform_names[p];
	return "unknown";
}

const char *
algo_profile_name(enum algo_profile a)
{
	if ((size_t)a < NITEMS(algo_names) - 1)
		return algo_names[a];
	return "unknown";
}

/*
 * Secrets. Their content never reaches a message: errors name the file.
 */

static int
secret_error(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
secret_error(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	 ap;

	if (err != NULL && errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* As OpenSSH does for a private key, refuse what others could read. */
static int
secret_mode_ok(const char *path, const struct stat *st, char *err,
    size_t errlen)
{
	if (!S_ISREG(st->st_mode))
		return secret_error(err, errlen, "%s is not a regular file",
		    path);
	if ((st->st_mode & 077) != 0)
		return secret_error(err, errlen, "%s is %s by group or others "
		    "(mode %04o); chmod 600 it", path,
		    (st->st_mode & 044) != 0 ? "readable" : "accessible",
		    (unsigned int)(st->st_mode & 07777));
	return 0;
}

int
config_check_secret_file(const char *path, char *err, size_t errlen)
{
	struct stat	 st;

	if (stat(path, &st) == -1)
		return secret_error(err, errlen, "%s: %s", path,
		    strerror(errno));
	return secret_mode_ok(path, &st, err, errlen);
}

/* Reads at most max bytes and one more, to tell "too large" apart. */
static ssize_t
read_all(int fd, char *buf, size_t max)
{
	size_t	 n = 0;
	ssize_t	 r;

	while (n <= max) {
		r = read(fd, buf + n, max + 1 - n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return -1;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	return (ssize_t)n;
}

static char *
secret_discard(char *buf, int fd)
{
	explicit_bzero(buf, SECRET_MAX_SIZE + 1);
	free(buf);
	if (fd != -1)
		close(fd);
	return NULL;
}

/*
 * The file is opened first and checked through its descriptor, so that
 * what is checked is what is read. O_NONBLOCK keeps a FIFO from blocking
 * the open; it is then refused as not a regular file.
 */
char *
config_read_secret(const char *path, char *err, size_t errlen)
{
	struct stat	 st;
	char		*buf, *s;
	ssize_t		 n;
	int		 fd;

	buf = xmalloc(SECRET_MAX_SIZE + 1);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK)) == -1 || fstat(fd, &st) == -1) {
		secret_error(err, errlen, "%s: %s", path, strerror(errno));
		return secret_discard(buf, fd);
	}
	if (secret_mode_ok(path, &st, err, errlen) == -1)
		return secret_discard(buf, fd);
	if ((n = read_all(fd, buf, SECRET_MAX_SIZE)) == -1) {
		secret_error(err, errlen, "%s: %s", path, strerror(errno));
		return secret_discard(buf, fd);
	}
	close(fd);
	if (n > SECRET_MAX_SIZE) {
		secret_error(err, errlen, "%s is larger than %d bytes", path,
		    SECRET_MAX_SIZE);
		return secret_discard(buf, -1);
	}
	if (memchr(buf, '\0', (size_t)n) != NULL) {
		secret_error(err, errlen, "%s contains a NUL byte", path);
		return secret_discard(buf, -1);
	}
	if (n > 0 && buf[n - 1] == '\n' && --n > 0 && buf[n - 1] == '\r')
		n--;
	if (n == 0) {
		secret_error(err, errlen, "%s is empty", path);
		return secret_discard(buf, -1);
	}
	s = xstrndup(buf, (size_t)n);
	secret_discard(buf, -1);
	return s;
}

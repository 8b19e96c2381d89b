/*
 * query.c: what the read-only subcommands share.
 *
 * The daemon writes the database while these read it: it is opened
 * read-only, in WAL mode readers never block the writer, and the store's
 * busy timeout covers the short moments (a checkpoint) when a reader must
 * wait. Times are stored as UTC ISO 8601 text, shown in the operator's
 * local time and given back as UTC in JSON.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "query.h"
#include "store.h"
#include "util.h"

/*
 * The oldest schema these queries read: 0005, whose poll_snapshots says
 * which polls parsed what without reading the JSON.
 */
#define QUERY_MIN_SCHEMA	6

/* ---- the database ---- */

/* Which database: --db, else the config's, else the default one. */
static int
db_path(const struct cmd_opts *o, char **path)
{
	struct config		*conf;
	struct config_error	 cerr;
	struct stat		 sb;
	char			 msg[1024];

	if (o->db != NULL) {
		*path = xstrdup(o->db);
		return 0;
	}
	/* Only the default config may be absent; a named one must load. */
	if (strcmp(o->config, DEFAULT_CONFIG) == 0 &&
	    stat(o->config, &sb) == -1 && errno == ENOENT) {
		*path = xstrdup(DEFAULT_DB);
		return 0;
	}
	/* Only the database's path is wanted: the secrets are the daemon's. */
	if (config_load_flags(o->config, CONFIG_LOAD_NO_SECRETS, &conf,
	    &cerr) != 0) {
		config_error_format(&cerr, msg, sizeof(msg));
		fprintf(stderr, "%s\n", msg);
		return EXIT_CONFIG;
	}
	*path = xstrdup(conf->database);
	config_free(conf);
	return 0;
}

/* Ours, and at a version these queries read. */
static int
check_schema(struct store *st, const char *path)
{
	cJSON	*row;
	double	 n = 0;
	int	 failed = 0, have = store_db_version(st);

	row = query_row(st, "SELECT count(*) AS n FROM sqlite_master"
	    " WHERE name IN ('polls', 'snapshots', 'isakmp_sas',"
	    " 'ipsec_flows', 'router_platform', 'alerts')", NULL, &failed);
	if (failed)
		return EXIT_DATAERR;
	q_num(row, "n", &n);
	cJSON_Delete(row);
	if (have <= 0 || n == 0) {
		fprintf(stderr, "ipsecwatch: %s: not an ipsecwatch database\n",
		    path);
		return EXIT_DATAERR;
	}
	if (have < QUERY_MIN_SCHEMA || n < 6) {
		fprintf(stderr, "ipsecwatch: %s: schema version %d is older "
		    "than this binary's (%d); ipsecwatchd migrates it when it "
		    "starts\n", path, have, store_binary_version());
		return EXIT_DATAERR;
	}
	return 0;
}

int
query_open(const struct cmd_opts *o, struct store **st)
{
	char	*path, err[512];
	int	 rc;

	*st = NULL;
	if ((rc = db_path(o, &path)) != 0)
		return rc;
	if (access(path, R_OK) == -1) {
		fprintf(stderr, "ipsecwatch: no database at %s: %s (--db PATH, "
		    "or the database of %s)\n", path, strerror(errno),
		    o->config);
		free(path);
		return EXIT_NOINPUT;
	}
	if (store_open(path, STORE_OPEN_READONLY, st, err, sizeof(err)) != 0) {
		fprintf(stderr, "ipsecwatch: %s: %s\n", path, err);
		free(path);
		return EXIT_DATAERR;
	}
	/*
	 * status reads the same pages of the SA table once per router: keep
	 * up to 64 MiB of them rather than read them from the file again
	 * (SQLite's default keeps 2 MiB; pages are taken only as needed).
	 */
	if ((rc = check_schema(*st, path)) == 0 &&
	    query_exec(*st, "PRAGMA cache_size = -65536") == -1)
		rc = EXIT_DATAERR;
	if (rc != 0) {
		store_close(*st);
		*st = NULL;
	}
	free(path);
	return rc;
}

cJSON *
query_rows(struct store *st, const char *sql, cJSON *params)
{
	cJSON	*rows;
	char	 err[512];
	int	 rc;

	rc = store_query(st, sql, params, &rows, err, sizeof(err));
	cJSON_Delete(params);
	if (rc != 0) {
		fprintf(stderr, "ipsecwatch: reading the database: %s\n", err);
		return NULL;
	}
	return rows;
}

cJSON *
query_row(struct store *st, const char *sql, cJSON *params, int *failed)
{
	cJSON	*rows, *row;

	if ((rows = query_rows(st, sql, params)) == NULL) {
		*failed = 1;
		return NULL;
	}
	row = cJSON_DetachItemFromArray(rows, 0);
	cJSON_Delete(rows);
	return row;
}

int
query_exec(struct store *st, const char *sql)
{
	cJSON	*rows;

	if ((rows = query_rows(st, sql, NULL)) == NULL)
		return -1;
	cJSON_Delete(rows);
	return 0;
}

/* ---- tunnels ---- */

/*
 * isakmp_sas.peer is the far end of the tunnel: the store swaps in src on
 * the responder (schema 0006, the minimum these queries read).
 *
 * Every table is reached from the selected polls (CROSS JOIN keeps that
 * order) and a poll's SAs and flows by their poll_id indexes: the cost is
 * that of the polls asked for, never a scan of the whole history.
 */
static const char tunnels_sql[] =
    "WITH pl AS MATERIALIZED (%s),"
    " fp AS (SELECT f.poll_id, f.peer,"
    "  sum(f.inbound_sas + f.outbound_sas) AS ipsec_sas,"
    "  sum(f.pkts_encaps) AS pkts_encaps,"
    "  sum(f.pkts_decaps) AS pkts_decaps"
    "  FROM pl CROSS JOIN ipsec_flows f ON f.poll_id = pl.id"
    "  WHERE f.peer IS NOT NULL GROUP BY f.poll_id, f.peer),"
    " sa AS (SELECT s.poll_id, s.state, s.phase1_up, s.conn_id, s.peer"
    "  FROM pl CROSS JOIN isakmp_sas s ON s.poll_id = pl.id"
    "  WHERE s.deleted IS NOT 1),"
    " p1 AS (SELECT poll_id, peer, group_concat(DISTINCT state) AS states,"
    "  max(phase1_up) AS phase1_up, max(conn_id) AS conn_id"
    "  FROM sa WHERE peer IS NOT NULL GROUP BY poll_id, peer),"
    " k AS (SELECT poll_id, peer FROM p1 UNION SELECT poll_id, peer FROM fp)"
    " SELECT pl.id AS poll_id, pl.started_at, k.peer,"
    "  p1.states AS phase1_state, p1.phase1_up, p1.conn_id,"
    "  fp.ipsec_sas, fp.pkts_encaps, fp.pkts_decaps"
    " FROM k JOIN pl ON pl.id = k.poll_id"
    " LEFT JOIN p1 ON p1.poll_id = k.poll_id AND p1.peer = k.peer"
    " LEFT JOIN fp ON fp.poll_id = k.poll_id AND fp.peer = k.peer"
    " ORDER BY pl.started_at %s, pl.id %s, k.peer";

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "QM_IDLE,MM_NO_STATE" -> "MM_NO_STATE QM_IDLE": one spelling per set. */
static void
canon_states(cJSON *row)
{
	cJSON	*v = cJSON_GetObjectItemCaseSensitive(row, "phase1_state");
	char	*copy, *w[16], *tok, *save = NULL, out[256];
	size_t	 n = 0, i, off = 0;

	if (!cJSON_IsString(v) || strchr(v->valuestring, ',') == NULL)
		return;
	copy = xstrdup(v->valuestring);
	for (tok = strtok_r(copy, ",", &save); tok != NULL && n < NITEMS(w);
	    tok = strtok_r(NULL, ",", &save))
		w[n++] = tok;
	qsort(w, n, sizeof(w[0]), cmpstr);
	out[0] = '\0';
	for (i = 0; i < n && off < sizeof(out); i++)
		off += (size_t)snprintf(out + off, sizeof(out) - off, "%s%s",
		    i ? " " : "", w[i]);
	cJSON_ReplaceItemInObjectCaseSensitive(row, "phase1_state",
	    cJSON_CreateString(out));
	free(copy);
}

cJSON *
query_tunnels(struct store *st, const char *pl_sql, cJSON *params, int desc)
{
	cJSON	*rows, *r;
	char	*sql;
	const char *dir = desc ? "DESC" : "ASC";

	xasprintf(&sql, tunnels_sql, pl_sql, dir, dir);
	rows = query_rows(st, sql, params);
	free(sql);
	cJSON_ArrayForEach(r, rows)
		canon_states(r);
	return rows;
}

int
query_rate(const cJSON *prev, const cJSON *cur, const char *key,
    double *rate, int *reset)
{
	struct timespec	 ta, tb;
	const char	*sa, *sb;
	double		 a, b, secs;

	*reset = 0;
	if (prev == NULL || cur == NULL || !q_num(prev, key, &a) ||
	    !q_num(cur, key, &b) ||
	    (sa = q_str(prev, "started_at")) == NULL ||
	    (sb = q_str(cur, "started_at")) == NULL ||
	    query_parse_time(sa, 0, &ta) == -1 ||
	    query_parse_time(sb, 0, &tb) == -1)
		return -1;
	secs = (double)(tb.tv_sec - ta.tv_sec) +
	    (double)(tb.tv_nsec - ta.tv_nsec) / 1e9;
	if (secs <= 0)
		return -1;
	if (b < a)
		*reset = 1;
	*rate = (*reset ? b : b - a) / secs;
	return 0;
}

/* ---- times ---- */

/* Exactly n digits. */
static int
digits(const char **p, int n, int *out)
{
	int	 v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

/* "30s", "15m", "1h", "2d", "1w": that long before now. */
static int
parse_span(const char *s, time_t now, struct timespec *ts)
{
	long long	 n = 0, unit;
	size_t		 len = strspn(s, "0123456789");

	if (len == 0 || len > 9 || s[len] == '\0' || s[len + 1] != '\0')
		return -1;
	switch (s[len]) {
	case 's': unit = 1; break;
	case 'm': unit = 60; break;
	case 'h': unit = 3600; break;
	case 'd': unit = 86400; break;
	case 'w': unit = 7 * 86400; break;
	default: return -1;
	}
	n = strtoll(s, NULL, 10);
	ts->tv_sec = now - (time_t)(n * unit);
	ts->tv_nsec = 0;
	return 0;
}

/* Z, +01:00, +0100, +01, -05:00: seconds east of UTC. */
static int
parse_zone(const char **p, int *zoned, long *off)
{
	int	 sign, h, m = 0;

	*zoned = 0;
	*off = 0;
	if (**p == 'Z' || **p == 'z') {
		(*p)++;
		*zoned = 1;
		return 0;
	}
	if (**p != '+' && **p != '-')
		return 0;
	sign = **p == '-' ? -1 : 1;
	(*p)++;
	if (digits(p, 2, &h) == -1 || h > 14)
		return -1;
	if (**p == ':')
		(*p)++;
	if (isdigit((unsigned char)**p) && (digits(p, 2, &m) == -1 || m > 59))
		return -1;
	*zoned = 1;
	*off = sign * (h * 3600L + m * 60L);
	return 0;
}

/* hh:mm[:ss[.fff]] after the date; ms from the fraction. */
static int
parse_clock(const char **p, struct tm *tm, long *ms)
{
	int	 n = 0;

	if (digits(p, 2, &tm->tm_hour) == -1 || **p != ':')
		return -1;
	(*p)++;
	if (digits(p, 2, &tm->tm_min) == -1)
		return -1;
	if (**p != ':')
		return 0;
	(*p)++;
	if (digits(p, 2, &tm->tm_sec) == -1)
		return -1;
	if (**p != '.' && **p != ',')
		return 0;
	(*p)++;
	if (!isdigit((unsigned char)**p))
		return -1;
	for (*ms = 0; isdigit((unsigned char)**p); (*p)++, n++)
		if (n < 3)
			*ms = *ms * 10 + (**p - '0');
	for (; n < 3; n++)
		*ms *= 10;
	return 0;
}

int
query_parse_time(const char *s, time_t now, struct timespec *ts)
{
	struct tm	 tm;
	const char	*p = s;
	long		 off, ms = 0;
	int		 zoned, y, mon, day;
	time_t		 t;

	if (parse_span(s, now, ts) == 0)
		return 0;
	memset(&tm, 0, sizeof(tm));
	if (digits(&p, 4, &y) == -1 || *p++ != '-' ||
	    digits(&p, 2, &mon) == -1 || *p++ != '-' ||
	    digits(&p, 2, &day) == -1)
		return -1;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (parse_clock(&p, &tm, &ms) == -1)
			return -1;
	}
	if (parse_zone(&p, &zoned, &off) == -1 || *p != '\0')
		return -1;
	if (mon < 1 || mon > 12 || day < 1 || day > 31 || tm.tm_hour > 23 ||
	    tm.tm_min > 59 || tm.tm_sec > 60)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = day;
	tm.tm_isdst = -1;
	t = zoned ? timegm(&tm) - off : mktime(&tm);
	/* Both normalise tm: 2026-02-30 comes back as March. */
	if (tm.tm_mon != mon - 1 || tm.tm_mday != day)
		return -1;
	ts->tv_sec = t;
	ts->tv_nsec = ms * 1000000L;
	return 0;
}

int
query_time_opt(const char *opt, const char *arg, char *iso, size_t len)
{
	struct timespec	 ts;

	if (query_parse_time(arg, time(NULL), &ts) == -1) {
		fprintf(stderr, "ipsecwatch: %s %s: not a time; give ISO 8601 "
		    "(2026-11-29, 2026-11-29T08:00, 2026-11-29 08:00:00+01:00; "
		    "no zone is local time) or a span ago (30s, 15m, 1h, 2d, "
		    "1w)\n", opt, arg);
		return EXIT_USAGE;
	}
	iso8601_utc(&ts, iso, len);
	return 0;
}

int
query_db_time(const char *iso, time_t *t)
{
	struct timespec	 ts;

	if (iso == NULL || query_parse_time(iso, 0, &ts) == -1)
		return -1;
	*t = ts.tv_sec;
	return 0;
}

const char *
query_local(const char *iso, char *buf, size_t len)
{
	struct tm	 tm;
	time_t		 t;

	if (iso == NULL)
		return "-";
	if (query_db_time(iso, &t) == -1 || localtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		snprintf(buf, len, "%s", iso);
	return buf;
}

/* ---- JSON ---- */

const char *
q_str(const cJSON *o, const char *key)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

int
q_num(const cJSON *o, const char *key, double *d)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsNumber(v))
		return 0;
	*d = v->valuedouble;
	return 1;
}

cJSON *
q_str_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? cJSON_CreateString(s) :
	    cJSON_CreateNull();
}

cJSON *
q_dup(const cJSON *o, const char *key)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);

	return v != NULL ? cJSON_Duplicate(v, 1) : cJSON_CreateNull();
}

cJSON *
q_json_array(const char *text)
{
	cJSON	*a = text != NULL ? cJSON_Parse(text) : NULL;

	if (cJSON_IsArray(a))
		return a;
	cJSON_Delete(a);
	return cJSON_CreateArray();
}

cJSON *
query_alert_json(const cJSON *row)
{
	static const char *const plain[] = { "id", "router", "peer", "kind",
	    "cause", "severity", "confidence", "summary" };
	static const char *const arrays[] = { "evidence", "fix", "verify",
	    "candidates" };
	static const char *const times[] = { "raised_at", "updated_at",
	    "cleared_at" };
	cJSON	*o = cJSON_CreateObject();
	size_t	 i;

	for (i = 0; i < NITEMS(plain); i++)
		cJSON_AddItemToObject(o, plain[i], q_dup(row, plain[i]));
	for (i = 0; i < NITEMS(times); i++)
		cJSON_AddItemToObject(o, times[i], q_dup(row, times[i]));
	cJSON_AddBoolToObject(o, "open", q_str(row, "cleared_at") == NULL);
	for (i = 0; i < NITEMS(arrays); i++)
		cJSON_AddItemToObject(o, arrays[i],
		    q_json_array(q_str(row, arrays[i])));
	return o;
}

int
q_severity_rank(const char *s)
{
	if (s == NULL)
		return 0;
	if (strcmp(s, "critical") == 0)
		return 3;
	if (strcmp(s, "warning") == 0)
		return 2;
	if (strcmp(s, "info") == 0)
		return 1;
	return 0;
}

void
query_print_json(const cJSON *j)
{
	char	*s = cJSON_Print(j);

	printf("%s\n", s);
	free(s);
}

/* ---- tables ---- */

struct table {
	size_t	  ncols;
	char	 *align;
	char	**cells;	/* row-major, header first */
	size_t	  nrows;
};

struct table *
table_new(const char *align, ...)
{
	struct table	*t = xcalloc(1, sizeof(*t));
	va_list		 ap;
	const char	*h;

	t->align = xstrdup(align);
	t->ncols = strlen(align);
	t->cells = xcalloc(t->ncols, sizeof(char *));
	va_start(ap, align);
	while (t->nrows < t->ncols && (h = va_arg(ap, const char *)) != NULL)
		t->cells[t->nrows++] = xstrdup(h);
	va_end(ap);
	if (t->nrows != t->ncols)
		fatalx("table_new: %zu headers for %zu columns", t->nrows,
		    t->ncols);
	t->nrows = 1;
	return t;
}

void
table_add(struct table *t, ...)
{
	va_list		 ap;
	const char	*c;
	size_t		 i;

	t->cells = xreallocarray(t->cells, (t->nrows + 1) * t->ncols,
	    sizeof(char *));
	va_start(ap, t);
	for (i = 0; i < t->ncols; i++) {
		c = va_arg(ap, const char *);
		t->cells[t->nrows * t->ncols + i] = xstrdup(c != NULL ? c : "-");
	}
	va_end(ap);
	t->nrows++;
}

/* Columns count characters, not bytes: an "…" is one column. */
static size_t
width(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

void
table_print(const struct table *t, FILE *fp)
{
	size_t	*w = xcalloc(t->ncols, sizeof(size_t));
	size_t	 r, i, pad, len;
	char	*line = NULL;
	FILE	*mem;

	for (r = 0; r < t->nrows; r++)
		for (i = 0; i < t->ncols; i++)
			w[i] = MAXIMUM(w[i], width(t->cells[r * t->ncols + i]));
	for (r = 0; r < t->nrows; r++) {
		if ((mem = open_memstream(&line, &len)) == NULL)
			fatal("open_memstream");
		for (i = 0; i < t->ncols; i++) {
			const char *c = t->cells[r * t->ncols + i];
			pad = w[i] - width(c);
			if (t->align[i] == 'r')
				fprintf(mem, "%*s%s", (int)pad, "", c);
			else
				fprintf(mem, "%s%*s", c, (int)pad, "");
			if (i + 1 < t->ncols)
				fputs("  ", mem);
		}
		fclose(mem);
		while (len > 0 && line[len - 1] == ' ')
			line[--len] = '\0';
		fprintf(fp, "%s\n", line);
		free(line);
		line = NULL;
	}
	free(w);
}

void
table_free(struct table *t)
{
	size_t	 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->align);
	free(t);
}

/*
 * ipsecwatch history ROUTER [PEER] [--since T] [--until T] [--json]
 *
 * What happened to a router's tunnels, in time order: each change of a
 * peer's Phase 1 state, the IPsec SAs and packet rates at every poll, the
 * alerts raised and cleared, and the polls that failed. The window is
 * [since, until), by default the last 24 hours. Exit 1 for a router the
 * database has never seen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "store.h"
#include "util.h"

#define DEFAULT_WINDOW	"1d"

/*
 * The polls in the window that carry a parsed Phase 1 table, and the
 * last one before it: the states and counters the window starts from.
 * In time order; each part is a range of the router's polls index.
 */
#define PARSED_P1(p) "EXISTS (SELECT 1 FROM poll_snapshots x" \
	" WHERE x.probe = 'isakmp_sa' AND x.poll_id = " p ".id AND x.ok = 1)"
static const char pl_sql[] =
    "SELECT p.id, p.started_at FROM polls p"
    " WHERE p.router = ?1 AND p.started_at >= ?2"
    " AND p.started_at < ifnull(?3, '9999') AND " PARSED_P1("p")
    " UNION ALL SELECT * FROM (SELECT q.id, q.started_at FROM polls q"
    "  WHERE q.router = ?1 AND q.started_at < ?2"
    "  AND q.started_at < ifnull(?3, '9999') AND " PARSED_P1("q")
    "  ORDER BY q.started_at DESC, q.id DESC LIMIT 1)"
    " ORDER BY 2, 1";

/* What is known of one peer while walking forward. */
struct peer {
	char	 name[64];
	int	 seen;
	int	 met;		/* at the poll being walked */
	char	 state[256];	/* "" when no Phase 1 SA */
	cJSON	*last;		/* its last row with counters */
};

struct hist {
	const char	*router;
	const char	*peer;		/* NULL: every peer */
	const char	*since;
	const char	*until;		/* NULL: now */
	struct peer	*p;
	size_t		 np;
	cJSON		*events;
};

/* ?1 router, ?2 since, ?3 until (NULL: now), and ?4 peer when asked. */
static cJSON *
window_params(const struct hist *h, int with_peer)
{
	cJSON	*p = cJSON_CreateArray();

	cJSON_AddItemToArray(p, cJSON_CreateString(h->router));
	cJSON_AddItemToArray(p, cJSON_CreateString(h->since));
	cJSON_AddItemToArray(p, q_str_or_null(h->until));
	if (with_peer)
		cJSON_AddItemToArray(p, q_str_or_null(h->peer));
	return p;
}

static cJSON *
event(struct hist *h, const char *time, const char *peer, const char *what)
{
	cJSON	*e = cJSON_CreateObject();

	cJSON_AddStringToObject(e, "time", time);
	cJSON_AddStringToObject(e, "router", h->router);
	cJSON_AddItemToObject(e, "peer", q_str_or_null(peer));
	cJSON_AddStringToObject(e, "event", what);
	cJSON_AddItemToArray(h->events, e);
	return e;
}

static struct peer *
peer_get(struct hist *h, const char *name)
{
	size_t	 i;

	for (i = 0; i < h->np; i++)
		if (strcmp(h->p[i].name, name) == 0)
			return &h->p[i];
	h->p = xreallocarray(h->p, h->np + 1, sizeof(*h->p));
	memset(&h->p[h->np], 0, sizeof(h->p[0]));
	snprintf(h->p[h->np].name, sizeof(h->p[0].name), "%s", name);
	return &h->p[h->np++];
}

static void
rates_event(struct hist *h, struct peer *p, const cJSON *row,
    const char *time)
{
	cJSON	*e = event(h, time, p->name, "rates");
	double	 enc, dec;
	int	 r1 = 0, r2 = 0, ok1, ok2;

	ok1 = query_rate(p->last, row, "pkts_encaps", &enc, &r1) == 0;
	ok2 = query_rate(p->last, row, "pkts_decaps", &dec, &r2) == 0;
	cJSON_AddItemToObject(e, "ipsec_sas", q_dup(row, "ipsec_sas"));
	cJSON_AddItemToObject(e, "pkts_encaps", q_dup(row, "pkts_encaps"));
	cJSON_AddItemToObject(e, "pkts_decaps", q_dup(row, "pkts_decaps"));
	cJSON_AddItemToObject(e, "encaps_per_s", ok1 ?
	    cJSON_CreateNumber(enc) : cJSON_CreateNull());
	cJSON_AddItemToObject(e, "decaps_per_s", ok2 ?
	    cJSON_CreateNumber(dec) : cJSON_CreateNull());
	cJSON_AddBoolToObject(e, "reset", r1 || r2);
}

/* One peer at one poll (row NULL: the peer was not there). */
static void
step_peer(struct hist *h, struct peer *p, const cJSON *row,
    const char *time, int in_window)
{
	const char	*st = row != NULL ? q_str(row, "phase1_state") : NULL;
	cJSON		*e;
	double		 d;

	if (st == NULL)
		st = "";
	if (in_window && (!p->seen || strcmp(p->state, st) != 0)) {
		e = event(h, time, p->name, "phase1");
		cJSON_AddItemToObject(e, "state", q_str_or_null(st));
		cJSON_AddItemToObject(e, "previous_state",
		    q_str_or_null(p->seen ? p->state : NULL));
		cJSON_AddBoolToObject(e, "first_seen", !p->seen);
	}
	p->seen = 1;
	snprintf(p->state, sizeof(p->state), "%s", st);
	if (row == NULL || !q_num(row, "pkts_encaps", &d))
		return;
	if (in_window)
		rates_event(h, p, row, time);
	cJSON_Delete(p->last);
	p->last = cJSON_Duplicate(row, 1);
}

static int
tunnel_events(struct store *st, struct hist *h)
{
	cJSON		*polls, *rows, *poll, *row;
	struct peer	*p;
	const char	*time, *peer;
	size_t		 i;
	double		 id, pid;
	int		 in_window;

	if ((polls = query_rows(st, pl_sql, window_params(h, 0))) == NULL)
		return -1;
	if ((rows = query_tunnels(st, pl_sql, window_params(h, 0), 0)) ==
	    NULL) {
		cJSON_Delete(polls);
		return -1;
	}
	row = rows->child;
	cJSON_ArrayForEach(poll, polls) {
		q_num(poll, "id", &id);
		time = q_str(poll, "started_at");
		in_window = strcmp(time, h->since) >= 0;
		for (i = 0; i < h->np; i++)
			h->p[i].met = 0;
		for (; row != NULL && q_num(row, "poll_id", &pid) && pid == id;
		    row = row->next) {
			peer = q_str(row, "peer");
			if (h->peer != NULL && strcmp(peer, h->peer) != 0)
				continue;
			p = peer_get(h, peer);
			p->met = 1;
			step_peer(h, p, row, time, in_window);
		}
		/* A peer missing from a poll has no SA there. */
		for (i = 0; i < h->np; i++)
			if (!h->p[i].met)
				step_peer(h, &h->p[i], NULL, time, in_window);
	}
	cJSON_Delete(polls);
	cJSON_Delete(rows);
	return 0;
}

static int
alert_events(struct store *st, struct hist *h)
{
	cJSON		*rows, *r, *e;
	const char	*t[2];
	int		 i;

	if ((rows = query_rows(st, "SELECT " QUERY_ALERT_COLS " FROM alerts"
	    " WHERE router = ?1 AND (?4 IS NULL OR peer = ?4 OR peer IS NULL)"
	    " AND ((raised_at >= ?2 AND raised_at < ifnull(?3, '9999'))"
	    "  OR (cleared_at >= ?2 AND cleared_at < ifnull(?3, '9999')))",
	    window_params(h, 1))) == NULL)
		return -1;
	cJSON_ArrayForEach(r, rows) {
		t[0] = q_str(r, "raised_at");
		t[1] = q_str(r, "cleared_at");
		for (i = 0; i < 2; i++) {
			if (t[i] == NULL || strcmp(t[i], h->since) < 0 ||
			    (h->until != NULL && strcmp(t[i], h->until) >= 0))
				continue;
			e = event(h, t[i], q_str(r, "peer"),
			    i == 0 ? "alert_raised" : "alert_cleared");
			cJSON_AddItemToObject(e, "alert_id", q_dup(r, "id"));
			cJSON_AddItemToObject(e, "severity", q_dup(r, "severity"));
			cJSON_AddItemToObject(e, "kind", q_dup(r, "kind"));
			cJSON_AddItemToObject(e, "cause", q_dup(r, "cause"));
			cJSON_AddItemToObject(e, "summary", q_dup(r, "summary"));
		}
	}
	cJSON_Delete(rows);
	return 0;
}

static int
poll_events(struct store *st, struct hist *h)
{
	cJSON	*rows, *r, *e;

	if ((rows = query_rows(st, "SELECT started_at, status, error"
	    " FROM polls WHERE router = ?1 AND status <> 'ok'"
	    " AND started_at >= ?2 AND started_at < ifnull(?3, '9999')",
	    window_params(h, 0))) == NULL)
		return -1;
	cJSON_ArrayForEach(r, rows) {
		e = event(h, q_str(r, "started_at"), NULL, "poll_failed");
		cJSON_AddItemToObject(e, "status", q_dup(r, "status"));
		cJSON_AddItemToObject(e, "error", q_dup(r, "error"));
	}
	cJSON_Delete(rows);
	return 0;
}

/* Time order; at one time, in the order the events were made. */
struct sorted {
	cJSON	*e;
	size_t	 i;
};

static int
cmp_event(const void *a, const void *b)
{
	const struct sorted *x = a, *y = b;
	int c = strcmp(q_str(x->e, "time"), q_str(y->e, "time"));

	if (c != 0)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

static cJSON *
sort_events(cJSON *events)
{
	struct sorted	*v;
	cJSON		*out = cJSON_CreateArray();
	size_t		 n = (size_t)cJSON_GetArraySize(events), i;

	v = xcalloc(n + 1, sizeof(*v));
	for (i = 0; i < n; i++) {
		v[i].e = cJSON_DetachItemFromArray(events, 0);
		v[i].i = i;
	}
	qsort(v, n, sizeof(*v), cmp_event);
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(out, v[i].e);
	free(v);
	cJSON_Delete(events);
	return out;
}

static const char *
fmt_num(const cJSON *e, const char *key, const char *fmt, char *buf,
    size_t len)
{
	double	 d;

	if (!q_num(e, key, &d))
		return "-";
	snprintf(buf, len, fmt, d);
	return buf;
}

static void
detail(const cJSON *e, char *buf, size_t len)
{
	const char	*what = q_str(e, "event");
	const char	*st = q_str(e, "state"), *prev = q_str(e, "previous_state");
	char		 a[32], b[32], c[32];
	double		 id = 0;

	if (strcmp(what, "phase1") == 0) {
		if (cJSON_IsTrue(cJSON_GetObjectItem(e, "first_seen")))
			snprintf(buf, len, "%s (first seen)", st ? st : "no SA");
		else
			snprintf(buf, len, "%s -> %s", prev ? prev : "no SA",
			    st ? st : "no SA");
	} else if (strcmp(what, "rates") == 0)
		snprintf(buf, len, "SAs %s, encaps/s %s, decaps/s %s%s",
		    fmt_num(e, "ipsec_sas", "%.0f", a, sizeof(a)),
		    fmt_num(e, "encaps_per_s", "%.1f", b, sizeof(b)),
		    fmt_num(e, "decaps_per_s", "%.1f", c, sizeof(c)),
		    cJSON_IsTrue(cJSON_GetObjectItem(e, "reset")) ?
		    " (counters reset: SA rebuilt)" : "");
	else if (strncmp(what, "alert_", 6) == 0) {
		q_num(e, "alert_id", &id);
		snprintf(buf, len, "%s #%.0f %s %s (%s)%s%s", what + 6, id,
		    q_str(e, "severity"), q_str(e, "kind"), q_str(e, "cause"),
		    what[6] == 'r' ? ": " : "",
		    what[6] == 'r' ? q_str(e, "summary") : "");
	} else
		snprintf(buf, len, "%s%s%s", q_str(e, "status"),
		    q_str(e, "error") ? ": " : "",
		    q_str(e, "error") ? q_str(e, "error") : "");
}

static void
print_table(const cJSON *events)
{
	struct table	*t;
	const cJSON	*e;
	char		 time[40], d[1024];

	t = table_new("llll", "TIME", "PEER", "EVENT", "DETAIL", NULL);
	cJSON_ArrayForEach(e, events) {
		const char *what = q_str(e, "event");
		detail(e, d, sizeof(d));
		table_add(t, query_local(q_str(e, "time"), time, sizeof(time)),
		    q_str(e, "peer"), strncmp(what, "alert_", 6) == 0 ?
		    "alert" : strcmp(what, "poll_failed") == 0 ? "poll" : what,
		    d);
	}
	table_print(t, stdout);
	table_free(t);
}

static int
known_router(struct store *st, const char *router, int *known)
{
	cJSON	*row, *p = cJSON_CreateArray();
	int	 failed = 0;

	cJSON_AddItemToArray(p, cJSON_CreateString(router));
	row = query_row(st, "SELECT 1 AS known FROM polls WHERE router = ?1"
	    " LIMIT 1", p, &failed);
	*known = row != NULL;
	cJSON_Delete(row);
	return failed ? -1 : 0;
}

static int
history(struct store *st, struct hist *h, int json)
{
	size_t	 i;
	int	 known, rc = 0;

	if (known_router(st, h->router, &known) == -1)
		return EXIT_DATAERR;
	if (!known) {
		fprintf(stderr, "ipsecwatch: no poll of a router named %s\n",
		    h->router);
		return 1;
	}
	h->events = cJSON_CreateArray();
	if (tunnel_events(st, h) == -1 || alert_events(st, h) == -1 ||
	    poll_events(st, h) == -1)
		rc = EXIT_DATAERR;
	h->events = sort_events(h->events);
	if (rc == 0 && json)
		query_print_json(h->events);
	else if (rc == 0)
		print_table(h->events);
	cJSON_Delete(h->events);
	for (i = 0; i < h->np; i++)
		cJSON_Delete(h->p[i].last);
	free(h->p);
	return rc;
}

static int
cmd_history_exec(struct cmd_opts *o)
{
	struct store	*st;
	struct hist	 h;
	char		 since[40], until[40];
	int		 rc;

	if (o->argc != 2 && o->argc != 3) {
		fprintf(stderr, "usage: ipsecwatch %s\n",
		    cmd_history_entry.usage);
		return EXIT_USAGE;
	}
	memset(&h, 0, sizeof(h));
	h.router = o->argv[1];
	h.peer = o->argc == 3 ? o->argv[2] : NULL;
	if ((rc = query_time_opt("--since", o->since ? o->since :
	    DEFAULT_WINDOW, since, sizeof(since))) != 0)
		return rc;
	if (o->until != NULL && (rc = query_time_opt("--until", o->until,
	    until, sizeof(until))) != 0)
		return rc;
	h.since = since;
	h.until = o->until != NULL ? until : NULL;
	if ((rc = query_open(o, &st)) != 0)
		return rc;
	if (query_exec(st, "BEGIN") == -1)
		rc = EXIT_DATAERR;
	else {
		rc = history(st, &h, o->json);
		query_exec(st, "COMMIT");
	}
	store_close(st);
	return rc;
}

const struct cmd_entry cmd_history_entry = {
	.name = "history",
	.usage = "history ROUTER [PEER] [--since T] [--until T] [--json] "
	    "[--db PATH]",
	.opts = OPT_DB | OPT_SINCE | OPT_UNTIL,
	.exec = cmd_history_exec,
};

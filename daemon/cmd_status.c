/*
 * ipsecwatch status [--router R] [--json]
 *
 * One row per tunnel (router, peer) from each router's latest poll: the
 * Phase 1 state, the IPsec SAs, the packet rates against the poll before,
 * since when the Phase 1 state has held, and the open alerts. A router
 * whose last poll failed is one row that says so: a NOC must see a dead
 * router. Exit 1 when an open alert is critical.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "store.h"
#include "util.h"

/*
 * Looking back for the start of each tunnel's current state reads the
 * router's polls newest first, a few at first (most changes are recent),
 * more at each page, and at most a week of polls at one a minute: a state
 * older than that is shown as "at or before" the oldest poll read.
 */
#define PAGE_FIRST	4
#define PAGE_MAX	512
#define LOOKBACK	10080

/* The polls that carry a parsed Phase 1 table, newest first. */
static const char pl_sql[] =
    "SELECT p.id, p.started_at FROM polls p"
    " WHERE p.router = ?1 AND p.id < ?2 AND EXISTS (SELECT 1 FROM snapshots s"
    "  WHERE s.poll_id = p.id AND s.probe = 'isakmp_sa' AND s.ok = 1)"
    " ORDER BY p.id DESC LIMIT ?3";

struct tun {
	char	 peer[64];
	cJSON	*cur;		/* its row at the latest poll, NULL: not seen */
	cJSON	*prev;		/* at the poll before */
	char	 state[256];	/* "" when no Phase 1 SA */
	char	 since[40];	/* when the run of this state began */
	int	 done;		/* the poll before the run was found */
	int	 exact;		/* since is when it began, not a bound */
	int	 nalerts;
	int	 worst;		/* q_severity_rank() */
};

struct rtr {
	struct tun	*t;
	size_t		 n;
	int		 nalerts;	/* router-wide (no peer) */
	int		 worst;
};

static const char *
row_state(const cJSON *r)
{
	const char	*s = r != NULL ? q_str(r, "phase1_state") : NULL;

	return s != NULL ? s : "";
}

static struct tun *
tun_get(struct rtr *r, const char *peer, int create)
{
	size_t	 i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->t[i].peer, peer) == 0)
			return &r->t[i];
	if (!create)
		return NULL;
	r->t = xreallocarray(r->t, r->n + 1, sizeof(*r->t));
	memset(&r->t[r->n], 0, sizeof(r->t[0]));
	snprintf(r->t[r->n].peer, sizeof(r->t[0].peer), "%s", peer);
	return &r->t[r->n++];
}

static void
rtr_free(struct rtr *r)
{
	size_t	 i;

	for (i = 0; i < r->n; i++) {
		cJSON_Delete(r->t[i].cur);
		cJSON_Delete(r->t[i].prev);
	}
	free(r->t);
}

/* The row of peer among the rows [from, to) of one poll. */
static const cJSON *
row_of(cJSON *const *rows, size_t from, size_t to, const char *peer)
{
	size_t	 i;

	for (i = from; i < to; i++)
		if (strcmp(q_str(rows[i], "peer"), peer) == 0)
			return rows[i];
	return NULL;
}

/*
 * One poll of the walk back in time: the first makes the tunnels, the
 * second gives the counters for the rates, each one extends or ends the
 * run of each tunnel's current state.
 */
static void
walk_poll(struct rtr *r, size_t nth, const char *started,
    cJSON *const *rows, size_t from, size_t to)
{
	const cJSON	*row;
	struct tun	*t;
	size_t		 i;

	if (nth == 0) {
		for (i = from; i < to; i++) {
			t = tun_get(r, q_str(rows[i], "peer"), 1);
			t->cur = cJSON_Duplicate(rows[i], 1);
			snprintf(t->state, sizeof(t->state), "%s",
			    row_state(rows[i]));
			snprintf(t->since, sizeof(t->since), "%s", started);
		}
		return;
	}
	for (i = 0; i < r->n; i++) {
		t = &r->t[i];
		row = row_of(rows, from, to, t->peer);
		if (nth == 1 && row != NULL)
			t->prev = cJSON_Duplicate(row, 1);
		if (t->done)
			continue;
		if (strcmp(row_state(row), t->state) != 0)
			t->done = t->exact = 1;
		else
			snprintf(t->since, sizeof(t->since), "%s", started);
	}
}

static int
all_done(const struct rtr *r)
{
	size_t	 i;

	for (i = 0; i < r->n; i++)
		if (!r->t[i].done)
			return 0;
	return 1;
}

static cJSON *
page_params(const char *router, double before, size_t page)
{
	cJSON	*p = cJSON_CreateArray();

	cJSON_AddItemToArray(p, cJSON_CreateString(router));
	cJSON_AddItemToArray(p, cJSON_CreateNumber(before));
	cJSON_AddItemToArray(p, cJSON_CreateNumber((double)page));
	return p;
}

/* Back through the router's polls until every tunnel's run has begun. */
static int
walk(struct store *st, const char *router, struct rtr *r)
{
	cJSON	*polls, *rows, **rv = NULL;
	/* Above any poll id; 2^53: exact as a double. */
	double	 before = 9007199254740992.0, id;
	size_t	 nth = 0, nrows, i, cur, from, npolls, page = PAGE_FIRST;
	int	 rc = 0;

	for (;;) {
		if ((polls = query_rows(st, pl_sql,
		    page_params(router, before, page))) == NULL) {
			rc = -1;
			break;
		}
		if ((rows = query_tunnels(st, pl_sql,
		    page_params(router, before, page), 1)) == NULL) {
			cJSON_Delete(polls);
			rc = -1;
			break;
		}
		nrows = (size_t)cJSON_GetArraySize(rows);
		rv = xreallocarray(rv, nrows + 1, sizeof(*rv));
		for (i = 0; i < nrows; i++)
			rv[i] = cJSON_GetArrayItem(rows, (int)i);
		npolls = (size_t)cJSON_GetArraySize(polls);
		for (i = 0, cur = 0; i < npolls; i++, nth++) {
			const cJSON *p = cJSON_GetArrayItem(polls, (int)i);
			q_num(p, "id", &id);
			for (from = cur; cur < nrows; cur++) {
				double pid;
				if (!q_num(rv[cur], "poll_id", &pid) || pid != id)
					break;
			}
			walk_poll(r, nth, q_str(p, "started_at"), rv, from, cur);
			before = id;
		}
		cJSON_Delete(polls);
		cJSON_Delete(rows);
		if (npolls < page || (nth >= 2 && all_done(r)) ||
		    nth >= LOOKBACK)
			break;
		page = MINIMUM(page * 4, PAGE_MAX);
	}
	free(rv);
	return rc;
}

/* Open alerts onto the tunnels; alerts on a peer not seen add a row. */
static int
add_alerts(struct store *st, const char *router, struct rtr *r)
{
	cJSON		*rows, *a, *p = cJSON_CreateArray();
	struct tun	*t;
	const char	*peer;
	double		 n;
	int		 rank;

	cJSON_AddItemToArray(p, cJSON_CreateString(router));
	if ((rows = query_rows(st, "SELECT peer, severity, count(*) AS n"
	    " FROM alerts WHERE cleared_at IS NULL AND router = ?1"
	    " GROUP BY peer, severity", p)) == NULL)
		return -1;
	cJSON_ArrayForEach(a, rows) {
		peer = q_str(a, "peer");
		rank = q_severity_rank(q_str(a, "severity"));
		if (!q_num(a, "n", &n))
			n = 0;
		if (peer == NULL) {
			r->nalerts += (int)n;
			r->worst = MAXIMUM(r->worst, rank);
			continue;
		}
		t = tun_get(r, peer, 1);
		t->nalerts += (int)n;
		t->worst = MAXIMUM(t->worst, rank);
	}
	cJSON_Delete(rows);
	return 0;
}

static const char *
severity_name(int rank)
{
	static const char *const names[] = { NULL, "info", "warning",
	    "critical" };

	return rank >= 1 && rank <= 3 ? names[rank] : NULL;
}

static void
add_rate(cJSON *o, const char *name, const struct tun *t, const char *key)
{
	double	 rate;
	int	 reset;

	if (t != NULL && query_rate(t->prev, t->cur, key, &rate, &reset) == 0)
		cJSON_AddNumberToObject(o, name, rate);
	else
		cJSON_AddNullToObject(o, name);
}

static void
add_str(cJSON *o, const char *key, const char *v)
{
	if (v != NULL && *v != '\0')
		cJSON_AddStringToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

/*
 * One output row: a tunnel (t), or the router alone (t NULL). since is
 * when its state began, or (not exact) the oldest poll that shows it.
 */
static cJSON *
status_row(const cJSON *last, const struct rtr *r, const struct tun *t,
    const char *since, int exact)
{
	cJSON	*o = cJSON_CreateObject(), *up;
	int	 n = r->nalerts, worst = r->worst;

	cJSON_AddItemToObject(o, "router", q_dup(last, "router"));
	add_str(o, "peer", t != NULL ? t->peer : NULL);
	add_str(o, "phase1_state", t != NULL ? t->state : NULL);
	up = t != NULL && t->cur != NULL ?
	    cJSON_GetObjectItemCaseSensitive(t->cur, "phase1_up") : NULL;
	if (cJSON_IsNumber(up))
		cJSON_AddBoolToObject(o, "phase1_up", up->valuedouble != 0);
	else
		cJSON_AddNullToObject(o, "phase1_up");
	cJSON_AddItemToObject(o, "ipsec_sas", q_dup(t ? t->cur : NULL,
	    "ipsec_sas"));
	cJSON_AddItemToObject(o, "pkts_encaps", q_dup(t ? t->cur : NULL,
	    "pkts_encaps"));
	cJSON_AddItemToObject(o, "pkts_decaps", q_dup(t ? t->cur : NULL,
	    "pkts_decaps"));
	add_rate(o, "encaps_per_s", t, "pkts_encaps");
	add_rate(o, "decaps_per_s", t, "pkts_decaps");
	add_str(o, "since", since);
	cJSON_AddBoolToObject(o, "since_exact", since != NULL && exact);
	cJSON_AddItemToObject(o, "polled_at", q_dup(last, "started_at"));
	cJSON_AddItemToObject(o, "poll_status", q_dup(last, "status"));
	cJSON_AddItemToObject(o, "poll_error", q_dup(last, "error"));
	if (t != NULL) {
		n += t->nalerts;
		worst = MAXIMUM(worst, t->worst);
	}
	cJSON_AddNumberToObject(o, "open_alerts", n);
	add_str(o, "worst_severity", severity_name(worst));
	return o;
}

/* A router whose last poll failed: since when it has been failing. */
static int
failed_router(struct store *st, const cJSON *last, struct rtr *r,
    cJSON *out)
{
	cJSON		*row, *p = cJSON_CreateArray();
	double		 exact = 0;
	int		 failed = 0;
	size_t		 i;

	cJSON_AddItemToArray(p, q_dup(last, "router"));
	/* Exact when a good poll came before the failures. */
	row = query_row(st, "SELECT min(started_at) AS since, EXISTS (SELECT 1"
	    "  FROM polls WHERE router = ?1 AND status = 'ok') AS exact"
	    " FROM polls WHERE router = ?1 AND started_at > ifnull((SELECT"
	    "  started_at FROM polls WHERE router = ?1 AND status = 'ok'"
	    "  ORDER BY started_at DESC LIMIT 1), '')", p, &failed);
	if (failed)
		return -1;
	/* Its tunnels are not shown: their last rows are stale. */
	for (i = 0; i < r->n; i++) {
		r->nalerts += r->t[i].nalerts;
		r->worst = MAXIMUM(r->worst, r->t[i].worst);
	}
	q_num(row, "exact", &exact);
	cJSON_AddItemToArray(out, status_row(last, r, NULL,
	    q_str(row, "since"), exact != 0));
	cJSON_Delete(row);
	return 0;
}

static int
router_rows(struct store *st, const cJSON *last, cJSON *out)
{
	struct rtr	 r;
	const char	*name = q_str(last, "router");
	size_t		 i;
	int		 rc = 0;

	memset(&r, 0, sizeof(r));
	if (add_alerts(st, name, &r) == -1)
		return -1;
	if (strcmp(q_str(last, "status"), "ok") != 0) {
		rc = failed_router(st, last, &r, out);
		rtr_free(&r);
		return rc;
	}
	if (walk(st, name, &r) == -1) {
		rtr_free(&r);
		return -1;
	}
	for (i = 0; i < r.n; i++)
		cJSON_AddItemToArray(out, status_row(last, &r, &r.t[i],
		    r.t[i].cur != NULL ? r.t[i].since : NULL, r.t[i].exact));
	if (r.n == 0)
		cJSON_AddItemToArray(out, status_row(last, &r, NULL, NULL, 0));
	rtr_free(&r);
	return rc;
}

static const char *
fmt_rate(const cJSON *o, const char *key, char *buf, size_t len)
{
	double	 d;

	if (!q_num(o, key, &d))
		return "-";
	snprintf(buf, len, "%.1f", d);
	return buf;
}

/* "<= " marks a bound: the state began at or before that poll. */
static const char *
fmt_since(const cJSON *o, char *buf, size_t len, char *out, size_t outlen)
{
	const char	*t = query_local(q_str(o, "since"), buf, len);

	if (q_str(o, "since") == NULL ||
	    cJSON_IsTrue(cJSON_GetObjectItem(o, "since_exact")))
		return t;
	snprintf(out, outlen, "<= %s", t);
	return out;
}

static void
print_table(const cJSON *rows)
{
	static const char *const sev[] = { "", "info", "warn", "crit" };
	struct table	*t;
	const cJSON	*o;
	char		 state[300], sas[24], enc[32], dec[32], since[40];
	char		 alerts[32], when[48];
	double		 d;

	t = table_new("lllrrrll", "ROUTER", "PEER", "PHASE1", "SAS",
	    "ENC/S", "DEC/S", "SINCE", "ALERTS", NULL);
	cJSON_ArrayForEach(o, rows) {
		const char *ps = q_str(o, "poll_status");
		if (ps != NULL && strcmp(ps, "ok") != 0)
			snprintf(state, sizeof(state), "poll failed: %s", ps);
		else if (q_str(o, "phase1_state") != NULL)
			snprintf(state, sizeof(state), "%s",
			    q_str(o, "phase1_state"));
		else
			snprintf(state, sizeof(state), "%s",
			    q_str(o, "peer") ? "no SA" : "no tunnels");
		if (q_num(o, "ipsec_sas", &d))
			snprintf(sas, sizeof(sas), "%.0f", d);
		else
			snprintf(sas, sizeof(sas), "-");
		q_num(o, "open_alerts", &d);
		if (d > 0)
			snprintf(alerts, sizeof(alerts), "%.0f %s", d,
			    sev[q_severity_rank(q_str(o, "worst_severity"))]);
		else
			snprintf(alerts, sizeof(alerts), "-");
		table_add(t, q_str(o, "router"), q_str(o, "peer"), state, sas,
		    fmt_rate(o, "encaps_per_s", enc, sizeof(enc)),
		    fmt_rate(o, "decaps_per_s", dec, sizeof(dec)),
		    fmt_since(o, since, sizeof(since), when, sizeof(when)),
		    alerts);
	}
	table_print(t, stdout);
	table_free(t);
}

static int
open_critical(struct store *st, const char *router, int *n)
{
	cJSON	*row, *p = cJSON_CreateArray();
	double	 d = 0;
	int	 failed = 0;

	cJSON_AddItemToArray(p, router ? cJSON_CreateString(router) :
	    cJSON_CreateNull());
	row = query_row(st, "SELECT count(*) AS n FROM open_alerts"
	    " WHERE severity = 'critical'"
	    " AND (?1 IS NULL OR router = ?1)", p, &failed);
	q_num(row, "n", &d);
	cJSON_Delete(row);
	*n = (int)d;
	return failed ? -1 : 0;
}

static int
status(struct store *st, const struct cmd_opts *o)
{
	cJSON	*routers, *r, *out, *p = cJSON_CreateArray();
	int	 ncrit, rc = 0;

	cJSON_AddItemToArray(p, o->router ? cJSON_CreateString(o->router) :
	    cJSON_CreateNull());
	if ((routers = query_rows(st, QUERY_ROUTERS_CTE " SELECT p.router,"
	    " p.id, p.started_at, p.status, p.error FROM r JOIN polls p"
	    " ON p.id = (SELECT q.id FROM polls q WHERE q.router = r.router"
	    "  ORDER BY q.started_at DESC, q.id DESC LIMIT 1)"
	    " ORDER BY p.router", p)) == NULL)
		return EXIT_DATAERR;
	if (o->router != NULL && cJSON_GetArraySize(routers) == 0) {
		fprintf(stderr, "ipsecwatch: no poll of a router named %s\n",
		    o->router);
		cJSON_Delete(routers);
		return 1;
	}
	out = cJSON_CreateArray();
	cJSON_ArrayForEach(r, routers)
		if (router_rows(st, r, out) == -1) {
			rc = EXIT_DATAERR;
			break;
		}
	if (rc == 0 && open_critical(st, o->router, &ncrit) == -1)
		rc = EXIT_DATAERR;
	if (rc == 0) {
		if (o->json)
			query_print_json(out);
		else
			print_table(out);
		rc = ncrit > 0 ? 1 : 0;
	}
	cJSON_Delete(out);
	cJSON_Delete(routers);
	return rc;
}

static int
cmd_status_exec(struct cmd_opts *o)
{
	struct store	*st;
	int		 rc;

	if (o->argc != 1) {
		fprintf(stderr, "usage: ipsecwatch %s\n", cmd_status_entry.usage);
		return EXIT_USAGE;
	}
	if ((rc = query_open(o, &st)) != 0)
		return rc;
	/* One read transaction: every row from the same moment. */
	if (query_exec(st, "BEGIN") == -1)
		rc = EXIT_DATAERR;
	else {
		rc = status(st, o);
		query_exec(st, "COMMIT");
	}
	store_close(st);
	return rc;
}

const struct cmd_entry cmd_status_entry = {
	.name = "status",
	.usage = "status [--router R] [--json] [--db PATH]",
	.opts = OPT_DB | OPT_ROUTER,
	.exec = cmd_status_exec,
};

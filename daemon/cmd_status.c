/*
 * ipsecwatch status [--router R] [--json]
 *
 * One row per tunnel (router, peer) from each router's latest poll: the
 * Phase 1 state, the IPsec SAs, the packet rates against the poll before,
 * since when the Phase 1 state has held, and the open alerts. A router
 * whose last poll failed is one row that says so: a NOC must see a dead
 * router. Exit 1 when an open alert is critical.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "store.h"
#include "util.h"

/*
 * Polls are taken in time order, (started_at, id). A poll counts for the
 * tunnels when it carries a parsed Phase 1 table; a failed one says
 * nothing about them.
 */
#define PARSED_P1 "EXISTS (SELECT 1 FROM poll_snapshots x" \
	" WHERE x.probe = 'isakmp_sa' AND x.poll_id = p.id AND x.ok = 1)"

/*
 * Looking back for the start of each tunnel's current state reads at most
 * a week of the router's polls at one a minute: a state older than that
 * is shown as "at or before" the oldest poll read.
 */
#define LOOKBACK	10080

/* The latest two polls with a Phase 1 table: now, and for the rates. */
static const char last_sql[] =
    "SELECT p.id, p.started_at FROM polls p WHERE p.router = ?1 AND "
    PARSED_P1 " ORDER BY p.started_at DESC, p.id DESC LIMIT 2";

/* One poll, for query_tunnels(). */
static const char one_sql[] =
    "SELECT p.id, p.started_at FROM polls p WHERE p.id = ?1";

/* The oldest poll of the look-back: LOOKBACK polls up to ?2, ?3. */
static const char window_sql[] =
    "SELECT p.id, p.started_at FROM polls p WHERE p.router = ?1"
    " AND p.started_at <= ?2 AND (p.started_at < ?2 OR p.id <= ?3)"
    " ORDER BY p.started_at DESC, p.id DESC LIMIT 1 OFFSET ?4";

/*
 * A poll's signature for some tunnels (PEERS, "|a|b|"): its live Phase 1
 * SAs with those peers, peer and state, in their order. Two polls with
 * the same signature give those tunnels the same states; two that differ
 * may not (the SAs listed in another order), so a difference is only a
 * candidate, which query_tunnels() settles.
 */
#define SIGNATURE(poll, peers) \
	"ifnull((SELECT group_concat(s.peer || ' ' || s.state)" \
	" FROM isakmp_sas s WHERE s.poll_id = " poll \
	" AND s.deleted IS NOT 1 AND instr(" peers ", '|' || s.peer || '|'))," \
	" '')"

/* At most this many signatures known to leave the open runs as they are. */
#define NSIGS		8

/*
 * The newest poll before ?2, ?3, and not before ?4, ?5, whose signature
 * for the peers ?6 is none of ?7...: one step per poll on the router's
 * polls index and the SAs' poll_id index, and a stop at the first.
 */
#define WALK_SQL(sig) \
	"SELECT p.id, p.started_at, " sig " AS sig" \
	" FROM polls p WHERE p.router = ?1 AND p.started_at <= ?2" \
	" AND (p.started_at < ?2 OR p.id < ?3)" \
	" AND (p.started_at > ?4 OR (p.started_at = ?4 AND p.id >= ?5))" \
	" AND CASE " sig " WHEN ?7 THEN 0 WHEN ?8 THEN 0 WHEN ?9 THEN 0" \
	"  WHEN ?10 THEN 0 WHEN ?11 THEN 0 WHEN ?12 THEN 0 WHEN ?13 THEN 0" \
	"  WHEN ?14 THEN 0 ELSE " PARSED_P1 " END" \
	" ORDER BY p.started_at DESC, p.id DESC LIMIT 1"

static const char walk_sql[] = WALK_SQL(SIGNATURE("p.id", "?6"));
static const char signature_sql[] = "SELECT " SIGNATURE("?1", "?2") " AS sig";

/* The first poll with a Phase 1 table from ?2, ?3 on. */
static const char first_sql[] =
    "SELECT p.started_at FROM polls p WHERE p.router = ?1"
    " AND p.started_at >= ?2 AND (p.started_at > ?2 OR p.id >= ?3)"
    " AND " PARSED_P1 " ORDER BY p.started_at, p.id LIMIT 1";

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

/* A poll: its id and when it started. */
struct pt {
	double	 id;
	char	 at[40];
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

static int
pt_of(const cJSON *row, struct pt *p)
{
	const char	*at = q_str(row, "started_at");

	if (row == NULL || !q_num(row, "id", &p->id) || at == NULL)
		return -1;
	snprintf(p->at, sizeof(p->at), "%s", at);
	return 0;
}

/* Statement parameters: s a string, d a number. */
static cJSON *
params(const char *fmt, ...)
{
	cJSON	*p = cJSON_CreateArray();
	va_list	 ap;

	va_start(ap, fmt);
	for (; *fmt != '\0'; fmt++)
		if (*fmt == 's')
			cJSON_AddItemToArray(p,
			    cJSON_CreateString(va_arg(ap, const char *)));
		else
			cJSON_AddItemToArray(p,
			    cJSON_CreateNumber(va_arg(ap, double)));
	va_end(ap);
	return p;
}

/* The peers whose run has not begun, "|a|b|"; NULL: none. */
static char *
open_runs(const struct rtr *r)
{
	char	*peers = NULL, *n;
	size_t	 i;

	for (i = 0; i < r->n; i++) {
		if (r->t[i].cur == NULL || r->t[i].done)
			continue;
		xasprintf(&n, "%s%s|", peers != NULL ? peers : "|",
		    r->t[i].peer);
		free(peers);
		peers = n;
	}
	return peers;
}

/* When the first poll with a Phase 1 table from (at, id) on started. */
static int
first_from(struct store *st, const char *router, const char *at, double id,
    char *out, size_t len)
{
	cJSON	*row;
	int	 failed = 0;

	row = query_row(st, first_sql, params("ssd", router, at, id), &failed);
	if (failed)
		return -1;
	snprintf(out, len, "%s", q_str(row, "started_at") ?
	    q_str(row, "started_at") : "");
	cJSON_Delete(row);
	return 0;
}

/*
 * The tunnels whose state at poll q is not the one they have now: their
 * run began at the next poll with a Phase 1 table. *changed: how many.
 */
static int
end_runs(struct store *st, const char *router, struct rtr *r,
    const struct pt *q, int *changed)
{
	cJSON		*rows, *row;
	const char	*now;
	char		 next[40] = "";
	size_t		 i;

	*changed = 0;
	if ((rows = query_tunnels(st, one_sql, params("d", q->id), 0)) == NULL)
		return -1;
	for (i = 0; i < r->n; i++) {
		struct tun *t = &r->t[i];
		if (t->cur == NULL || t->done)
			continue;
		now = "";
		cJSON_ArrayForEach(row, rows)
			if (strcmp(q_str(row, "peer"), t->peer) == 0)
				now = row_state(row);
		if (strcmp(now, t->state) == 0)
			continue;
		if (next[0] == '\0' && first_from(st, router, q->at, q->id + 1,
		    next, sizeof(next)) == -1) {
			cJSON_Delete(rows);
			return -1;
		}
		snprintf(t->since, sizeof(t->since), "%s", next);
		t->done = t->exact = 1;
		(*changed)++;
	}
	cJSON_Delete(rows);
	return 0;
}

/* The walk back: where it is, and what it knows. */
struct walk {
	const char	*router;
	struct pt	 cur;		/* the latest poll */
	struct pt	 from;		/* the last poll looked at */
	struct pt	 oldest;	/* the look-back's oldest poll */
	char		*peers;		/* the open runs */
	cJSON		*sigs;		/* signatures that leave them open */
	size_t		 next;		/* the slot the next one takes */
};

/* Remember a signature; past NSIGS, the oldest but now's makes room. */
static void
keep_signature(struct walk *w, const char *sig)
{
	if (cJSON_GetArraySize(w->sigs) < NSIGS) {
		cJSON_AddItemToArray(w->sigs, cJSON_CreateString(sig));
		return;
	}
	cJSON_ReplaceItemInArray(w->sigs, (int)w->next,
	    cJSON_CreateString(sig));
	w->next = w->next + 1 < NSIGS ? w->next + 1 : 1;
}

static int
add_signature(struct store *st, struct walk *w, double id)
{
	cJSON	*row;
	int	 failed = 0;

	row = query_row(st, signature_sql, params("ds", id, w->peers),
	    &failed);
	if (failed)
		return -1;
	keep_signature(w, q_str(row, "sig") ? q_str(row, "sig") : "");
	cJSON_Delete(row);
	return 0;
}

/*
 * The open runs changed (r): their signatures, now's and that of the poll
 * where the walk is (where they all hold). 0: none left, 1: some, -1.
 */
static int
open_walk(struct store *st, struct walk *w, const struct rtr *r)
{
	free(w->peers);
	cJSON_Delete(w->sigs);
	w->sigs = NULL;
	w->next = 1;
	if ((w->peers = open_runs(r)) == NULL)
		return 0;
	w->sigs = cJSON_CreateArray();
	if (add_signature(st, w, w->cur.id) == -1 ||
	    (w->from.id != w->cur.id && add_signature(st, w, w->from.id) == -1))
		return -1;
	return 1;
}

/* The next poll back whose signature is not known; *found: any. */
static int
walk_step(struct store *st, struct walk *w, char **sig, int *found)
{
	cJSON	*row, *p;
	int	 i, failed = 0;

	p = params("ssdsds", w->router, w->from.at, w->from.id, w->oldest.at,
	    w->oldest.id, w->peers);
	for (i = 0; i < NSIGS; i++)
		cJSON_AddItemToArray(p, i < cJSON_GetArraySize(w->sigs) ?
		    cJSON_Duplicate(cJSON_GetArrayItem(w->sigs, i), 1) :
		    cJSON_CreateNull());
	row = query_row(st, walk_sql, p, &failed);
	*found = row != NULL && pt_of(row, &w->from) == 0;
	*sig = *found ? xstrdup(q_str(row, "sig") ? q_str(row, "sig") : "") :
	    NULL;
	cJSON_Delete(row);
	return failed ? -1 : 0;
}

/*
 * Back from the latest poll until the run of every tunnel's state has
 * begun: each step skips the polls whose signature is known to leave the
 * open runs as they are, and query_tunnels() says which runs end at the
 * poll where it stopped. A run still open at the look-back's oldest poll
 * began at or before it.
 */
static int
find_runs(struct store *st, const char *router, struct rtr *r,
    const struct pt *cur)
{
	cJSON		*row;
	struct walk	 w;
	char		*sig, oldest[40];
	size_t		 i;
	int		 failed = 0, found, changed, rc;

	memset(&w, 0, sizeof(w));
	w.router = router;
	w.cur = w.from = *cur;
	if ((rc = open_walk(st, &w, r)) == 1) {
		row = query_row(st, window_sql, params("ssdd", router, cur->at,
		    cur->id, (double)(LOOKBACK - 1)), &failed);
		if (failed)
			rc = -1;
		else if (row == NULL || pt_of(row, &w.oldest) == -1)
			memset(&w.oldest, 0, sizeof(w.oldest));
		cJSON_Delete(row);
	}
	while (rc == 1) {
		if (walk_step(st, &w, &sig, &found) == -1)
			rc = -1;
		else if (!found)
			break;
		else if (end_runs(st, router, r, &w.from, &changed) == -1)
			rc = -1;
		else if (changed)
			rc = open_walk(st, &w, r);
		else
			keep_signature(&w, sig);
		free(sig);
	}
	free(w.peers);
	cJSON_Delete(w.sigs);
	if (rc != 1)
		return rc;
	/* Runs still open: they began at or before the oldest poll. */
	if (first_from(st, router, w.oldest.at, w.oldest.id, oldest,
	    sizeof(oldest)) == -1)
		return -1;
	for (i = 0; i < r->n; i++)
		if (r->t[i].cur != NULL && !r->t[i].done)
			snprintf(r->t[i].since, sizeof(r->t[i].since), "%s",
			    oldest);
	return 0;
}

/*
 * The tunnels at the router's latest poll with a Phase 1 table (*cur),
 * and their rows at the one before, for the rates. *found: such a poll.
 */
static int
tunnels_now(struct store *st, const char *router, struct rtr *r,
    struct pt *cur, int *found)
{
	cJSON		*polls, *rows, *row;
	struct pt	 prev = { -1, "" };
	struct tun	*t;
	double		 id;

	*found = 0;
	if ((polls = query_rows(st, last_sql, params("s", router))) == NULL)
		return -1;
	if (pt_of(cJSON_GetArrayItem(polls, 0), cur) == 0)
		*found = 1;
	pt_of(cJSON_GetArrayItem(polls, 1), &prev);
	cJSON_Delete(polls);
	if (!*found)
		return 0;
	if ((rows = query_tunnels(st, last_sql, params("s", router), 1)) ==
	    NULL)
		return -1;
	cJSON_ArrayForEach(row, rows) {
		if (!q_num(row, "poll_id", &id))
			continue;
		if (id == cur->id) {
			t = tun_get(r, q_str(row, "peer"), 1);
			t->cur = cJSON_Duplicate(row, 1);
			snprintf(t->state, sizeof(t->state), "%s",
			    row_state(row));
			snprintf(t->since, sizeof(t->since), "%s", cur->at);
		} else if (id == prev.id &&
		    (t = tun_get(r, q_str(row, "peer"), 0)) != NULL)
			t->prev = cJSON_Duplicate(row, 1);
	}
	cJSON_Delete(rows);
	return 0;
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
	row = query_row(st, "WITH ok(at) AS (SELECT (SELECT started_at"
	    "  FROM polls WHERE router = ?1 AND status = 'ok'"
	    "  ORDER BY started_at DESC LIMIT 1))"
	    " SELECT (SELECT min(started_at) FROM polls WHERE router = ?1"
	    "  AND started_at > ifnull(ok.at, '')) AS since,"
	    " ok.at IS NOT NULL AS exact FROM ok", p, &failed);
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
	struct pt	 cur;
	const char	*name = q_str(last, "router");
	size_t		 i;
	int		 rc = 0, found;

	memset(&r, 0, sizeof(r));
	if (add_alerts(st, name, &r) == -1)
		return -1;
	if (strcmp(q_str(last, "status"), "ok") != 0) {
		rc = failed_router(st, last, &r, out);
		rtr_free(&r);
		return rc;
	}
	if (tunnels_now(st, name, &r, &cur, &found) == -1 ||
	    (found && find_runs(st, name, &r, &cur) == -1)) {
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

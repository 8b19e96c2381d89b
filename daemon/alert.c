/*
 * alert.c: findings become alerts, raised once and cleared once.
 *
 * After each poll the router's recent snapshots (and, when the router at
 * the other end of a tunnel is in the config too, that router's latest
 * one) go through the diagnosis. A finding becomes an alert after it holds
 * on ALERT_RAISE_POLLS consecutive polls (1 for an unknown or changed host
 * key: nothing will change by waiting) and clears after ALERT_CLEAR_POLLS
 * polls without it. One log line when raised, one when cleared, one when
 * the cause of an open alert changes; never one per poll. The log line is
 * logfmt (or JSON with "log_format": "json") with the sd-daemon priority
 * of its severity, so `journalctl -p warning` shows raised alerts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <cjson/cJSON.h>

#include "alert.h"
#include "diag.h"
#include "ipsecwatchd.h"
#include "log.h"
#include "util.h"

#define ALERT_RAISE_POLLS	2
#define ALERT_CLEAR_POLLS	2

/* ---- history ---- */

/*
 * Past polls feed only the over-time checks (Phase 1 steps, counters, SA
 * churn): once a snapshot is no longer the latest, keep just those probes.
 * A thousand routers' full history would otherwise dominate the memory.
 */
static const char *const history_probes[] = {
	"isakmp_sa", "ikev2_sa", "ipsec_sa"
};

static void
history_trim(struct router_hist *h)
{
	cJSON	*full, *kept, *p;
	size_t	 i;

	if ((full = cJSON_Parse(h->json)) == NULL)
		return;
	kept = cJSON_CreateObject();
	for (i = 0; i < NITEMS(history_probes); i++)
		if ((p = cJSON_DetachItemFromObjectCaseSensitive(full,
		    history_probes[i])) != NULL)
			cJSON_AddItemToObject(kept, history_probes[i], p);
	free(h->json);
	h->json = cJSON_PrintUnformatted(kept);
	cJSON_Delete(kept);
	cJSON_Delete(full);
}

void
alert_history_push(struct router *r, const char *snapshot_json,
    const char *status, const char *error, time_t at)
{
	struct router_hist	*h;
	size_t			 i;

	if (r->nhist == ROUTER_HIST) {
		free(r->hist[0].json);
		free(r->hist[0].error);
		for (i = 1; i < ROUTER_HIST; i++)
			r->hist[i - 1] = r->hist[i];
		r->nhist--;
	}
	if (r->nhist > 0)
		history_trim(&r->hist[r->nhist - 1]);
	h = &r->hist[r->nhist++];
	h->json = xstrdup(snapshot_json);
	snprintf(h->status, sizeof(h->status), "%s", status);
	h->error = error ? xstrdup(error) : NULL;
	h->at = at;
}

void
alert_router_free(struct router *r)
{
	size_t	 i;

	for (i = 0; i < r->nhist; i++) {
		free(r->hist[i].json);
		free(r->hist[i].error);
	}
	r->nhist = 0;
	free(r->tracked);
	r->tracked = NULL;
	r->ntracked = 0;
}

/* The parsed history of a router, for the diagnosis. */
static void
view_build(const struct router *r, struct diag_router *dr,
    struct diag_snapshot *snaps, size_t from)
{
	size_t	 i, n = 0;

	memset(dr, 0, sizeof(*dr));
	dr->name = r->rc->name;
	dr->platform = r->platform;
	for (i = from; i < r->nhist; i++, n++) {
		memset(&snaps[n], 0, sizeof(snaps[n]));
		snaps[n].at = r->hist[i].at;
		snaps[n].poll_status = r->hist[i].status;
		snaps[n].poll_error = r->hist[i].error;
		snaps[n].probes = cJSON_Parse(r->hist[i].json);
	}
	dr->snaps = snaps;
	dr->nsnaps = n;
}

static void
view_free(struct diag_router *dr)
{
	size_t	 i;

	for (i = 0; i < dr->nsnaps; i++)
		cJSON_Delete((cJSON *)dr->snaps[i].probes);
}

/* ---- the other end of each tunnel ---- */

/* The first of peers[] that is one of addrs[], or n when none. */
static size_t
first_in(char peers[][64], size_t npeers, char addrs[][64], size_t naddrs)
{
	size_t	 k;

	for (k = 0; k < npeers; k++)
		if (diag_addr_in(addrs, naddrs, peers[k]))
			break;
	return k;
}

/*
 * Cross-peer checks with every configured router at the other end of one
 * of r's tunnels: r's crypto map points at one of its addresses, or its
 * map points at one of r's (behind NAT only one direction shows; the
 * single peer of the other side is then the NAT address it sees). The
 * addresses are cached per router when its snapshot changes, so a poll
 * costs a scan, not a parse of the fleet.
 */
static void
diagnose_pairs(struct daemon *d, struct router *r, struct diag_router *dr,
    const struct diag_opts *o, struct diag_findings *fs)
{
	struct router		*x;
	struct diag_router	 xdr;
	struct diag_snapshot	 xsnap[1];
	size_t			 k, l;

	TAILQ_FOREACH(x, &d->routers, entry) {
		if (x == r || x->nhist == 0)
			continue;
		k = first_in(r->peers, r->npeers, x->addrs, x->naddrs);
		l = first_in(x->peers, x->npeers, r->addrs, r->naddrs);
		if (k == r->npeers && l == x->npeers)
			continue;
		view_build(x, &xdr, xsnap, x->nhist - 1);
		if (k < r->npeers)
			diag_pair(dr, r->peers[k], &xdr, l < x->npeers ?
			    x->peers[l] : x->npeers == 1 ? x->peers[0] : NULL,
			    o, fs);
		else
			diag_pair(&xdr, x->peers[l], dr, r->npeers == 1 ?
			    r->peers[0] : NULL, o, fs);
		view_free(&xdr);
	}
}

static void
cache_addresses(struct router *r, const struct diag_router *dr)
{
	r->naddrs = diag_local_addrs(dr, r->addrs, ROUTER_ADDRS);
	r->npeers = diag_map_peers(dr, r->peers, ROUTER_ADDRS);
}

/* ---- lifecycle ---- */

static struct tracked *
tracked_get(struct router *r, const char *kind, const char *peer)
{
	struct tracked	*t;
	size_t		 i;

	for (i = 0; i < r->ntracked; i++) {
		t = &r->tracked[i];
		if (strcmp(t->kind, kind) == 0 && strcmp(t->peer, peer) == 0)
			return t;
	}
	r->tracked = xreallocarray(r->tracked, r->ntracked + 1,
	    sizeof(*r->tracked));
	t = &r->tracked[r->ntracked++];
	memset(t, 0, sizeof(*t));
	snprintf(t->kind, sizeof(t->kind), "%s", kind);
	snprintf(t->peer, sizeof(t->peer), "%s", peer);
	return t;
}

static char *
strv_text(const struct strv *sv)
{
	cJSON	*a = cJSON_CreateArray();
	char	*s;
	size_t	 i;

	for (i = 0; i < sv->n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(sv->v[i]));
	s = cJSON_PrintUnformatted(a);
	cJSON_Delete(a);
	return s;
}

static int
severity_priority(const char *sev)
{
	if (strcmp(sev, S_CRITICAL) == 0)
		return LOG_CRIT;
	if (strcmp(sev, S_WARNING) == 0)
		return LOG_WARNING;
	return LOG_NOTICE;
}

/* "summary" quoted for logfmt: backslash and double quote escaped. */
static void
logfmt_quote(char *out, size_t len, const char *s)
{
	size_t	 o = 0;

	for (; *s != '\0' && o + 3 < len; s++) {
		if (*s == '"' || *s == '\\')
			out[o++] = '\\';
		out[o++] = (*s == '\n') ? ' ' : *s;
	}
	out[o] = '\0';
}

static void
alert_log(struct daemon *d, const char *what, int64_t id,
    const struct diag_finding *f, const char *router, const char *peer,
    const char *kind, const char *cause)
{
	char	 q[600];
	int	 prio = strcmp(what, "clear") == 0 ? LOG_INFO :
		    severity_priority(f->severity);

	(void)d;
	if (log_get_format() == LOG_FORMAT_JSON) {
		cJSON *o = cJSON_CreateObject();
		char *js;
		cJSON_AddStringToObject(o, "alert", what);
		cJSON_AddNumberToObject(o, "id", (double)id);
		if (f != NULL)
			cJSON_AddStringToObject(o, "severity", f->severity);
		cJSON_AddStringToObject(o, "router", router);
		cJSON_AddStringToObject(o, "peer", peer);
		cJSON_AddStringToObject(o, "kind", kind);
		cJSON_AddStringToObject(o, "cause", cause);
		if (f != NULL) {
			cJSON_AddStringToObject(o, "confidence", f->confidence);
			cJSON_AddStringToObject(o, "summary", f->summary);
		}
		js = cJSON_PrintUnformatted(o);
		log_raw(prio, js);
		free(js);
		cJSON_Delete(o);
		return;
	}
	logfmt_quote(q, sizeof(q), f != NULL ? f->summary : "healthy again");
	log_raw_fmt(prio, "alert=%s id=%lld severity=%s router=%s peer=%s "
	    "kind=%s cause=%s confidence=%s summary=\"%s\"", what,
	    (long long)id, f != NULL ? f->severity : "info", router,
	    peer[0] ? peer : "-", kind, cause, f != NULL ? f->confidence : "-",
	    q);
}

static void
alert_store_fill(struct store_alert *a, const struct diag_finding *f,
    char **bufs)
{
	memset(a, 0, sizeof(*a));
	a->router = f->router;
	a->peer = f->peer[0] ? f->peer : NULL;
	a->kind = f->kind;
	a->cause = f->cause[0] ? f->cause : C_UNKNOWN;
	a->severity = f->severity;
	a->confidence = f->confidence;
	a->summary = f->summary;
	a->evidence = bufs[0] = strv_text(&f->evidence);
	a->fix = bufs[1] = strv_text(&f->fix);
	a->verify = bufs[2] = strv_text(&f->verify);
	a->candidates = bufs[3] = strv_text(&f->candidates);
}

static int
raise_after(const struct diag_finding *f)
{
	if (strcmp(f->kind, K_POLL_FAILED) == 0 &&
	    strstr(f->summary, "host key") != NULL)
		return 1;
	return ALERT_RAISE_POLLS;
}

static void
alert_seen(struct daemon *d, struct router *r, const struct diag_finding *f,
    const struct timespec *now)
{
	struct tracked		*t = tracked_get(r, f->kind, f->peer);
	struct store_alert	 a;
	const char		*cause = f->cause[0] ? f->cause : C_UNKNOWN;
	char			*bufs[4], err[256];
	int			 i;

	t->present = 1;
	t->clear = 0;
	t->seen++;
	if (t->id == 0 && t->seen < raise_after(f))
		return;
	if (t->id != 0 && strcmp(t->cause, cause) == 0)
		return;
	alert_store_fill(&a, f, bufs);
	if (t->id == 0) {
		t->id = store_alert_raise(d->store, &a, now, err, sizeof(err));
		if (t->id < 0) {
			log_warnx("router %s: cannot record alert: %s",
			    r->rc->name, err);
			t->id = 0;
		} else
			alert_log(d, "raise", t->id, f, f->router, f->peer,
			    f->kind, cause);
	} else {
		if (store_alert_update(d->store, t->id, &a, now, err,
		    sizeof(err)) != 0)
			log_warnx("router %s: cannot update alert: %s",
			    r->rc->name, err);
		alert_log(d, "update", t->id, f, f->router, f->peer, f->kind,
		    cause);
	}
	snprintf(t->cause, sizeof(t->cause), "%s", cause);
	for (i = 0; i < 4; i++)
		free(bufs[i]);
}

static void
alert_absent(struct daemon *d, struct router *r, struct tracked *t,
    const struct timespec *now)
{
	char	 err[256];

	t->seen = 0;
	if (t->id == 0 || ++t->clear < ALERT_CLEAR_POLLS)
		return;
	if (store_alert_clear(d->store, t->id, now, err, sizeof(err)) != 0)
		log_warnx("router %s: cannot clear alert: %s", r->rc->name, err);
	alert_log(d, "clear", t->id, NULL, r->rc->name, t->peer, t->kind,
	    t->cause);
	t->id = 0;
	t->clear = 0;
}

/* After a poll: diagnose the router and move its alerts. */
void
alert_after_poll(struct daemon *d, struct router *r)
{
	struct diag_snapshot	 snaps[ROUTER_HIST];
	struct diag_router	 dr;
	struct diag_findings	 fs;
	struct diag_opts	 o;
	struct timespec		 now;
	size_t			 i;

	if (d->store == NULL || r->nhist == 0)
		return;
	diag_opts_default(&o);
	view_build(r, &dr, snaps, 0);
	if (strcmp(r->hist[r->nhist - 1].status, "ok") == 0)
		cache_addresses(r, &dr);
	memset(&fs, 0, sizeof(fs));
	diag_local(&dr, &o, &fs);
	diagnose_pairs(d, r, &dr, &o, &fs);
	diag_rank(&fs);
	wall_now(&now);
	for (i = 0; i < r->ntracked; i++)
		r->tracked[i].present = 0;
	for (i = 0; i < fs.n; i++)
		if (strcmp(fs.v[i].router, r->rc->name) == 0)
			alert_seen(d, r, &fs.v[i], &now);
	for (i = 0; i < r->ntracked; i++)
		if (!r->tracked[i].present)
			alert_absent(d, r, &r->tracked[i], &now);
	diag_findings_free(&fs);
	view_free(&dr);
}

void
alert_router_move(struct router *to, struct router *from)
{
	free(to->tracked);
	to->tracked = from->tracked;
	to->ntracked = from->ntracked;
	from->tracked = NULL;
	from->ntracked = 0;
}

void
alert_router_removed(struct daemon *d, struct router *r)
{
	struct timespec	 now;
	char		 err[256];
	size_t		 i;

	wall_now(&now);
	for (i = 0; i < r->ntracked; i++) {
		struct tracked *t = &r->tracked[i];
		if (t->id == 0)
			continue;
		if (store_alert_clear(d->store, t->id, &now, err,
		    sizeof(err)) != 0)
			log_warnx("router %s: cannot clear alert: %s",
			    r->rc->name, err);
		alert_log(d, "clear", t->id, NULL, r->rc->name, t->peer,
		    t->kind, t->cause);
		t->id = 0;
	}
}

/* At start-up: the alerts still open are tracked, never raised twice. */
static void
adopt_open(void *arg, int64_t id, const char *router, const char *peer,
    const char *kind, const char *cause)
{
	struct daemon	*d = arg;
	struct router	*r;
	struct tracked	*t;

	TAILQ_FOREACH(r, &d->routers, entry) {
		if (strcmp(r->rc->name, router) != 0)
			continue;
		t = tracked_get(r, kind, peer ? peer : "");
		t->id = id;
		t->seen = ALERT_RAISE_POLLS;
		snprintf(t->cause, sizeof(t->cause), "%s", cause ? cause : "");
	}
}

void
alert_adopt_open(struct daemon *d)
{
	char	 err[256];

	if (store_alert_open_each(d->store, adopt_open, d, err,
	    sizeof(err)) != 0)
		log_warnx("cannot read the open alerts: %s", err);
}

/*
 * metrics.c: /metrics in the Prometheus text format (0.0.4), and /healthz.
 *
 * libevent's evhttp on the daemon's own loop; off unless the config sets
 * metrics_listen, and meant for loopback: no authentication, read only.
 * What it serves comes from memory (each router's last poll, condensed by
 * metrics_poll_done when the poll ends, so a scrape parses nothing), plus
 * one GROUP BY on the database for the open alerts. Only names, addresses,
 * states and counters are held here: no secret can reach the output.
 *
 * A value the router's output does not tell is left out, never given as
 * 0: when the last poll failed, its tunnels have no series at all
 * (ipsecwatch_router_up says why).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <event2/buffer.h>
#include <event2/http.h>

#include "diag.h"
#include "ipsecwatchd.h"
#include "log.h"
#include "metrics.h"
#include "probe.h"
#include "util.h"

#ifndef IPSECWATCH_VERSION
#define IPSECWATCH_VERSION	"dev"
#endif

#define CONTENT_TYPE	"text/plain; version=0.0.4; charset=utf-8"
#define TEXT_TYPE	"text/plain; charset=utf-8"
#define MAX_TUNNELS	64	/* per router: bounds the series a router adds */
#define HTTP_TIMEOUT_S	10
#define MAX_HEADERS	8192
#define MAX_BODY	1024	/* nothing is ever posted */

struct metrics {
	struct daemon	*d;
	struct evhttp	*http;
	char		 where[80];	/* "127.0.0.1:9810", "[::1]:9810" */
	struct timespec	 started;
	char		 last_err[256];	/* the open alerts query, logged once */
};

/* ---- a router's tunnels, from its latest poll ---- */

struct tunnels {
	struct tunnel_stat	*v;
	int			*found;		/* an IKE SA seen for v[i] */
	size_t			 n;
};

static struct tunnel_stat *
tunnel_get(struct tunnels *t, const char *peer, int add)
{
	struct tunnel_stat	*ts;
	size_t			 i;

	if (peer == NULL || *peer == '\0')
		return NULL;
	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i].peer, peer) == 0)
			return &t->v[i];
	if (!add || t->n == MAX_TUNNELS)
		return NULL;
	ts = &t->v[t->n++];
	memset(ts, 0, sizeof(*ts));
	snprintf(ts->peer, sizeof(ts->peer), "%s", peer);
	ts->phase1_up = ts->phase1_step = -1;
	ts->ipsec_sas = -1;
	return ts;
}

/*
 * IOS prints the responder as dst: on the responder the peer is the src.
 * The router's own addresses (cached by alert.c) tell which end is which.
 */
static const char *
sa_peer(struct router *r, const cJSON *sa)
{
	const char	*p = diag_jstr(sa, "peer");
	const char	*dst = diag_jstr(sa, "dst"), *src = diag_jstr(sa, "src");

	if (p != NULL || dst == NULL || src == NULL)
		return p != NULL ? p : dst;
	if (diag_addr_in(r->addrs, r->naddrs, dst))
		return src;
	if (diag_addr_in(r->addrs, r->naddrs, src))
		return dst;
	if (!diag_addr_in(r->peers, r->npeers, dst) &&
	    diag_addr_in(r->peers, r->npeers, src))
		return src;
	return dst;
}

/* A flow's peer: current_peer, else the remote crypto endpoint. */
static const char *
flow_peer(const cJSON *flow)
{
	const char	*p = diag_jstr(flow, "peer");

	return p != NULL ? p : diag_jstr(flow, "remote_endpoint");
}

/* The tunnels: the crypto maps' peers, and every peer an SA names. */
static void
tunnels_peers(struct router *r, const struct diag_snapshot *s,
    struct tunnels *t)
{
	const cJSON	*p, *it, *fl, *sa;
	size_t		 i;

	for (i = 0; i < r->npeers; i++)
		tunnel_get(t, r->peers[i], 1);
	if ((p = diag_probe(s, "ipsec_sa")) != NULL)
		cJSON_ArrayForEach(it, diag_jarr(p, "interfaces"))
			cJSON_ArrayForEach(fl, diag_jarr(it, "flows"))
				tunnel_get(t, flow_peer(fl), 1);
	if ((p = diag_probe(s, "isakmp_sa")) != NULL)
		cJSON_ArrayForEach(sa, diag_jarr(p, "sas"))
			tunnel_get(t, sa_peer(r, sa), 1);
	if ((p = diag_probe(s, "ikev2_sa")) != NULL)
		cJSON_ArrayForEach(sa, diag_jarr(p, "sas"))
			tunnel_get(t, diag_jstr(sa, "remote"), 1);
}

/* An up SA wins, else the furthest step (as the diagnosis picks). */
static void
p1_take(struct tunnels *t, struct tunnel_stat *ts, int up, int step)
{
	int	*found = &t->found[ts - t->v];

	if (*found && !(up == 1 && ts->phase1_up != 1) &&
	    !(ts->phase1_up != 1 && step > ts->phase1_step))
		return;
	*found = 1;
	ts->phase1_up = up;
	ts->phase1_step = step;
}

static int
jint(const cJSON *o, const char *k, int dflt)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsNumber(v) ? v->valueint : dflt;
}

static void
tunnels_phase1(struct router *r, const struct diag_snapshot *s,
    struct tunnels *t)
{
	const cJSON		*v1 = diag_probe(s, "isakmp_sa");
	const cJSON		*v2 = diag_probe(s, "ikev2_sa");
	const cJSON		*sa;
	const char		*st;
	struct tunnel_stat	*ts;
	size_t			 i;

	if (v1 == NULL && v2 == NULL)
		return;
	for (i = 0; i < t->n; i++)
		t->v[i].phase1_up = t->v[i].phase1_step = 0;	/* no IKE SA */
	cJSON_ArrayForEach(sa, diag_jarr(v1, "sas")) {
		if (diag_jbool(sa, "deleted") == 1 ||
		    (ts = tunnel_get(t, sa_peer(r, sa), 0)) == NULL)
			continue;
		p1_take(t, ts, diag_jbool(sa, "phase1_up"),
		    jint(sa, "phase1_step", -1));
	}
	cJSON_ArrayForEach(sa, diag_jarr(v2, "sas")) {
		if ((ts = tunnel_get(t, diag_jstr(sa, "remote"), 0)) == NULL)
			continue;
		st = diag_jstr(sa, "status");
		p1_take(t, ts, st == NULL ? -1 : strcmp(st, "READY") == 0,
		    diag_streq(st, "READY") ? 7 : -1);
	}
}

static int64_t
nsas(const cJSON *flow)
{
	static const char *const lists[] = {
		"inbound_esp", "inbound_ah", "outbound_esp", "outbound_ah"
	};
	int64_t	 n = 0;
	size_t	 i;

	for (i = 0; i < NITEMS(lists); i++)
		n += cJSON_GetArraySize(diag_jarr(flow, lists[i]));
	return n;
}

static int
jcounter(const cJSON *o, const char *k, uint64_t *v)
{
	const cJSON	*n = cJSON_GetObjectItemCaseSensitive(o, k);

	if (!cJSON_IsNumber(n) || n->valuedouble < 0)
		return 0;
	*v = (uint64_t)n->valuedouble;
	return 1;
}

static void
tunnels_ipsec(const struct diag_snapshot *s, struct tunnels *t)
{
	const cJSON		*p = diag_probe(s, "ipsec_sa"), *it, *fl;
	struct tunnel_stat	*ts;
	uint64_t		 enc, dec;
	size_t			 i;

	if (p == NULL)
		return;
	for (i = 0; i < t->n; i++) {
		t->v[i].ipsec_sas = 0;
		t->v[i].have_counters = 1;	/* no flow: nothing counted */
	}
	cJSON_ArrayForEach(it, diag_jarr(p, "interfaces"))
		cJSON_ArrayForEach(fl, diag_jarr(it, "flows")) {
			if ((ts = tunnel_get(t, flow_peer(fl), 0)) == NULL)
				continue;
			ts->ipsec_sas += nsas(fl);
			if (jcounter(fl, "pkts_encaps", &enc) &&
			    jcounter(fl, "pkts_decaps", &dec)) {
				ts->encaps += enc;
				ts->decaps += dec;
			} else
				ts->have_counters = 0;	/* never a partial sum */
		}
}

/* Replace the router's tunnels with those of its latest poll. */
static void
tunnels_update(struct router *r)
{
	struct diag_snapshot	 s;
	struct tunnels		 t;
	cJSON			*probes;

	free(r->tunnels);
	r->tunnels = NULL;
	r->ntunnels = 0;
	if (r->nhist == 0 ||
	    (probes = cJSON_Parse(r->hist[r->nhist - 1].json)) == NULL)
		return;
	memset(&s, 0, sizeof(s));
	s.probes = probes;
	t.v = xcalloc(MAX_TUNNELS, sizeof(*t.v));
	t.found = xcalloc(MAX_TUNNELS, sizeof(*t.found));
	t.n = 0;
	/* Without an SA output of this poll nothing is known of them. */
	if (diag_probe(&s, "isakmp_sa") != NULL ||
	    diag_probe(&s, "ikev2_sa") != NULL ||
	    diag_probe(&s, "ipsec_sa") != NULL) {
		tunnels_peers(r, &s, &t);
		tunnels_phase1(r, &s, &t);
		tunnels_ipsec(&s, &t);
	}
	if (t.n > 0) {
		r->tunnels = xreallocarray(t.v, t.n, sizeof(*t.v));
		r->ntunnels = t.n;
	} else
		free(t.v);
	free(t.found);
	cJSON_Delete(probes);
}

void
metrics_poll_done(struct router *r, const char *status)
{
	struct router_stats	*st = &r->stats;

	/* Stopped midway (shutdown, removal): says nothing of the router. */
	if (strcmp(status, "aborted") == 0)
		return;
	st->last_duration_ms = mono_ms() - r->poll_started_ms;
	/* A command the router refused (%) still means it answered. */
	st->last_ok = strcmp(status, "ok") == 0 ||
	    strcmp(status, "command") == 0;
	if (st->last_ok)
		wall_now(&st->last_success);
	/* Parsing the poll's JSON again is for /metrics only. */
	if (r->d->metrics != NULL)
		tunnels_update(r);
}

/* ---- the exposition format ---- */

static void
family(struct evbuffer *b, const char *name, const char *type,
    const char *help)
{
	evbuffer_add_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help,
	    name, type);
}

/* A label value: backslash, double quote and newline escaped. */
static void
label_value(struct evbuffer *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			evbuffer_add(b, "\\\\", 2);
		else if (*s == '"')
			evbuffer_add(b, "\\\"", 2);
		else if (*s == '\n')
			evbuffer_add(b, "\\n", 2);
		else
			evbuffer_add(b, s, 1);
	}
}

static void
label(struct evbuffer *b, int first, const char *name, const char *value)
{
	evbuffer_add_printf(b, "%s%s=\"", first ? "{" : ",", name);
	label_value(b, value);
	evbuffer_add(b, "\"", 1);
}

static void
ts_seconds(char *buf, size_t len, const struct timespec *ts)
{
	snprintf(buf, len, "%lld.%03ld", (long long)ts->tv_sec,
	    ts->tv_nsec / 1000000);
}

/* Each getter writes the value and returns 1, or 0: no sample. */
struct router_metric {
	const char	*name;
	const char	*type;
	const char	*help;
	int		(*get)(const struct router *, char *, size_t);
};

static int
polled(const struct router *r)
{
	return r->stats.polls_ok + r->stats.polls_failed > 0;
}

static int
r_up(const struct router *r, char *buf, size_t len)
{
	snprintf(buf, len, "%d", r->stats.last_ok);
	return polled(r);
}

static int
r_duration(const struct router *r, char *buf, size_t len)
{
	snprintf(buf, len, "%.3f", (double)r->stats.last_duration_ms / 1000);
	return polled(r);
}

static int
r_polls(const struct router *r, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRIu64, r->stats.polls_ok +
	    r->stats.polls_failed);
	return 1;
}

static int
r_failures(const struct router *r, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRIu64, r->stats.polls_failed);
	return 1;
}

static int
r_overruns(const struct router *r, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRIu64, r->stats.overruns);
	return 1;
}

static int
r_last_success(const struct router *r, char *buf, size_t len)
{
	ts_seconds(buf, len, &r->stats.last_success);
	return r->stats.last_success.tv_sec != 0;
}

static const struct router_metric router_metrics[] = {
	{ "ipsecwatch_router_up", "gauge",
	  "1 when the router's last poll reached it and ran its commands, "
	  "0 when it failed (no sample before the first poll).", r_up },
	{ "ipsecwatch_router_poll_duration_seconds", "gauge",
	  "How long the router's last poll took, failed or not.", r_duration },
	{ "ipsecwatch_router_polls_total", "counter",
	  "Polls of the router that finished, failed or not.", r_polls },
	{ "ipsecwatch_router_poll_failures_total", "counter",
	  "Polls of the router that failed (connect, hostkey, auth, timeout, "
	  "closed, protocol).", r_failures },
	{ "ipsecwatch_router_poll_overruns_total", "counter",
	  "Poll ticks that found the previous poll still running.",
	  r_overruns },
	{ "ipsecwatch_router_last_success_timestamp_seconds", "gauge",
	  "Unix time the router's last successful poll ended (no sample "
	  "before the first).", r_last_success },
};

struct tunnel_metric {
	const char	*name;
	const char	*type;
	const char	*help;
	int		(*get)(const struct tunnel_stat *, char *, size_t);
};

static int
t_up(const struct tunnel_stat *t, char *buf, size_t len)
{
	snprintf(buf, len, "%d", t->phase1_up);
	return t->phase1_up >= 0;
}

static int
t_step(const struct tunnel_stat *t, char *buf, size_t len)
{
	snprintf(buf, len, "%d", t->phase1_step);
	return t->phase1_step >= 0;
}

static int
t_sas(const struct tunnel_stat *t, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRId64, t->ipsec_sas);
	return t->ipsec_sas >= 0;
}

static int
t_encaps(const struct tunnel_stat *t, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRIu64, t->encaps);
	return t->have_counters;
}

static int
t_decaps(const struct tunnel_stat *t, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRIu64, t->decaps);
	return t->have_counters;
}

static const struct tunnel_metric tunnel_metrics[] = {
	{ "ipsecwatch_tunnel_phase1_up", "gauge",
	  "1 when an IKE (Phase 1) SA with the peer is complete, else 0; no "
	  "sample when the state is not one ipsecwatch knows.", t_up },
	{ "ipsecwatch_tunnel_phase1_step", "gauge",
	  "The Main Mode message the Phase 1 negotiation waits for: 2..6, "
	  "7 done, aggressive mode 1..3, 0 no IKE SA "
	  "(docs/phase1-states.md).", t_step },
	{ "ipsecwatch_tunnel_ipsec_sas", "gauge",
	  "IPsec (Phase 2) SAs with the peer, inbound plus outbound ESP and "
	  "AH: 2 per healthy flow.", t_sas },
	{ "ipsecwatch_tunnel_encaps_packets_total", "counter",
	  "The router's #pkts encaps summed over the peer's flows. Resets "
	  "when an SA is rebuilt; rate() and increase() handle resets.",
	  t_encaps },
	{ "ipsecwatch_tunnel_decaps_packets_total", "counter",
	  "The router's #pkts decaps summed over the peer's flows. Resets "
	  "when an SA is rebuilt; rate() and increase() handle resets.",
	  t_decaps },
};

static void
emit_process(struct evbuffer *b, const struct metrics *m)
{
	const struct daemon	*d = m->d;
	const struct router	*r;
	char			 ts[32];
	size_t			 n = 0;

	TAILQ_FOREACH(r, &d->routers, entry)
		n++;
	family(b, "ipsecwatch_build_info", "gauge",
	    "Always 1; the version of ipsecwatchd.");
	evbuffer_add_printf(b, "ipsecwatch_build_info{version=\"%s\"} 1\n",
	    IPSECWATCH_VERSION);
	family(b, "ipsecwatch_shard_info", "gauge",
	    "Always 1; this instance polls shard K of N (1 of 1: the whole "
	    "config).");
	evbuffer_add_printf(b, "ipsecwatch_shard_info{shard=\"%d\","
	    "shards=\"%d\"} 1\n", d->shard.n > 0 ? d->shard.k : 1,
	    d->shard.n > 0 ? d->shard.n : 1);
	family(b, "ipsecwatch_routers", "gauge",
	    "Routers this instance polls (its shard of the config).");
	evbuffer_add_printf(b, "ipsecwatch_routers %zu\n", n);
	ts_seconds(ts, sizeof(ts), &m->started);
	family(b, "ipsecwatch_start_time_seconds", "gauge",
	    "Unix time ipsecwatchd started.");
	evbuffer_add_printf(b, "ipsecwatch_start_time_seconds %s\n", ts);
}

static void
emit_routers(struct evbuffer *b, const struct daemon *d)
{
	const struct router	*r;
	char			 v[64];
	size_t			 i;

	for (i = 0; i < NITEMS(router_metrics); i++) {
		family(b, router_metrics[i].name, router_metrics[i].type,
		    router_metrics[i].help);
		TAILQ_FOREACH(r, &d->routers, entry) {
			if (!router_metrics[i].get(r, v, sizeof(v)))
				continue;
			evbuffer_add_printf(b, "%s", router_metrics[i].name);
			label(b, 1, "router", r->rc->name);
			label(b, 0, "platform", platform_id(r->platform));
			evbuffer_add_printf(b, "} %s\n", v);
		}
	}
}

static void
emit_tunnels(struct evbuffer *b, const struct daemon *d)
{
	const struct router	*r;
	char			 v[64];
	size_t			 i, k;

	for (i = 0; i < NITEMS(tunnel_metrics); i++) {
		family(b, tunnel_metrics[i].name, tunnel_metrics[i].type,
		    tunnel_metrics[i].help);
		TAILQ_FOREACH(r, &d->routers, entry)
			for (k = 0; k < r->ntunnels; k++) {
				if (!tunnel_metrics[i].get(&r->tunnels[k], v,
				    sizeof(v)))
					continue;
				evbuffer_add_printf(b, "%s",
				    tunnel_metrics[i].name);
				label(b, 1, "router", r->rc->name);
				label(b, 0, "peer", r->tunnels[k].peer);
				evbuffer_add_printf(b, "} %s\n", v);
			}
	}
}

static void
alert_count(void *arg, const char *kind, const char *severity, int64_t n)
{
	struct evbuffer	*b = arg;

	evbuffer_add_printf(b, "ipsecwatch_open_alerts");
	label(b, 1, "kind", kind != NULL ? kind : "");
	label(b, 0, "severity", severity != NULL ? severity : "");
	evbuffer_add_printf(b, "} %" PRId64 "\n", n);
}

/* Only the (kind, severity) pairs with open alerts have a sample. */
static int
emit_alerts(struct evbuffer *b, struct metrics *m)
{
	char	 err[256];

	family(b, "ipsecwatch_open_alerts", "gauge",
	    "Open alerts by kind and severity (docs/diagnosis.md); a pair "
	    "with none open has no sample.");
	if (store_open_alert_counts(m->d->store, alert_count, b, err,
	    sizeof(err)) == 0) {
		m->last_err[0] = '\0';
		return 0;
	}
	if (strcmp(err, m->last_err) != 0)
		log_warnx("metrics: cannot read the open alerts: %s", err);
	snprintf(m->last_err, sizeof(m->last_err), "%s", err);
	return -1;
}

/* ---- HTTP ---- */

/*
 * libevent 2.1 would send the body after a HEAD too: send none, with the
 * length a GET would have.
 */
static void
reply(struct evhttp_request *req, int code, const char *reason,
    const char *type, struct evbuffer *body)
{
	struct evkeyvalq	*oh = evhttp_request_get_output_headers(req);
	char			 len[32];

	evhttp_add_header(oh, "Content-Type", type);
	if (evhttp_request_get_command(req) != EVHTTP_REQ_HEAD) {
		evhttp_send_reply(req, code, reason, body);
		return;
	}
	snprintf(len, sizeof(len), "%zu", evbuffer_get_length(body));
	evhttp_add_header(oh, "Content-Length", len);
	evhttp_send_reply(req, code, reason, NULL);
}

static void
reply_text(struct evhttp_request *req, int code, const char *reason,
    const char *text)
{
	struct evbuffer	*b;

	if ((b = evbuffer_new()) == NULL)
		fatalx("metrics: out of memory");
	evbuffer_add(b, text, strlen(text));
	reply(req, code, reason, TEXT_TYPE, b);
	evbuffer_free(b);
}

static void
serve_metrics(struct metrics *m, struct evhttp_request *req)
{
	struct evbuffer	*b;

	if ((b = evbuffer_new()) == NULL)
		fatalx("metrics: out of memory");
	emit_process(b, m);
	emit_routers(b, m->d);
	emit_tunnels(b, m->d);
	/* A scrape is all or nothing: Prometheus then shows the target down. */
	if (emit_alerts(b, m) == -1)
		reply_text(req, HTTP_INTERNAL, "Internal Server Error",
		    "cannot read the open alerts from the database; see the "
		    "ipsecwatchd log\n");
	else
		reply(req, HTTP_OK, "OK", CONTENT_TYPE, b);
	evbuffer_free(b);
}

static void
serve_healthz(struct metrics *m, struct evhttp_request *req)
{
	if (m->d->stopping)
		reply_text(req, HTTP_SERVUNAVAIL, "Service Unavailable",
		    "stopping\n");
	else if (m->d->store == NULL)
		reply_text(req, HTTP_SERVUNAVAIL, "Service Unavailable",
		    "no database\n");
	else
		reply_text(req, HTTP_OK, "OK", "ok\n");
}

static void
on_request(struct evhttp_request *req, void *arg)
{
	struct metrics		*m = arg;
	const struct evhttp_uri	*uri = evhttp_request_get_evhttp_uri(req);
	const char		*path = uri ? evhttp_uri_get_path(uri) : NULL;
	enum evhttp_cmd_type	 cmd = evhttp_request_get_command(req);
	int			 is_metrics, is_healthz;

	is_metrics = path != NULL && strcmp(path, "/metrics") == 0;
	is_healthz = path != NULL && strcmp(path, "/healthz") == 0;
	if (!is_metrics && !is_healthz) {
		reply_text(req, HTTP_NOTFOUND, "Not Found",
		    "not found: try /metrics or /healthz\n");
		return;
	}
	if (cmd != EVHTTP_REQ_GET && cmd != EVHTTP_REQ_HEAD) {
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "Allow", "GET, HEAD");
		reply_text(req, HTTP_BADMETHOD, "Method Not Allowed",
		    "method not allowed: GET or HEAD\n");
		return;
	}
	if (is_metrics)
		serve_metrics(m, req);
	else
		serve_healthz(m, req);
}

struct metrics *
metrics_start(struct daemon *d)
{
	const struct config	*c = d->conf;
	struct metrics		*m;

	if (c->metrics_addr == NULL)
		return NULL;
	m = xcalloc(1, sizeof(*m));
	m->d = d;
	snprintf(m->where, sizeof(m->where), strchr(c->metrics_addr, ':') ?
	    "[%s]:%d" : "%s:%d", c->metrics_addr, c->metrics_port);
	wall_now(&m->started);
	if ((m->http = evhttp_new(d->base)) == NULL)
		fatalx("metrics: evhttp_new failed");
	/* Every method reaches on_request, which answers 405 itself. */
	evhttp_set_allowed_methods(m->http, EVHTTP_REQ_GET | EVHTTP_REQ_POST |
	    EVHTTP_REQ_HEAD | EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE |
	    EVHTTP_REQ_OPTIONS | EVHTTP_REQ_TRACE | EVHTTP_REQ_CONNECT |
	    EVHTTP_REQ_PATCH);
	evhttp_set_timeout(m->http, HTTP_TIMEOUT_S);
	evhttp_set_max_headers_size(m->http, MAX_HEADERS);
	evhttp_set_max_body_size(m->http, MAX_BODY);
	evhttp_set_gencb(m->http, on_request, m);
	if (evhttp_bind_socket_with_handle(m->http, c->metrics_addr,
	    (ev_uint16_t)c->metrics_port) == NULL)
		fatal("metrics_listen %s: cannot listen", m->where);
	log_info("metrics: serving /metrics and /healthz on http://%s/",
	    m->where);
	return m;
}

void
metrics_free(struct metrics *m)
{
	if (m == NULL)
		return;
	evhttp_free(m->http);
	free(m);
}

void
metrics_reload(struct daemon *d, struct config *nc)
{
	const struct config	*oc = d->conf;
	int			 same;

	if (nc->metrics_addr == NULL || oc->metrics_addr == NULL)
		same = nc->metrics_addr == oc->metrics_addr;
	else
		same = strcmp(nc->metrics_addr, oc->metrics_addr) == 0 &&
		    nc->metrics_port == oc->metrics_port;
	if (same)
		return;
	if (d->metrics != NULL)
		log_warnx("reload: metrics_listen change needs a restart; "
		    "still serving on %s", d->metrics->where);
	else
		log_warnx("reload: metrics_listen change needs a restart; "
		    "still not listening");
	free(nc->metrics_addr);
	nc->metrics_addr = oc->metrics_addr ? xstrdup(oc->metrics_addr) : NULL;
	nc->metrics_port = oc->metrics_port;
}

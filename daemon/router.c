/*
 * router.c: one router's SSH CLI session, as an explicit state machine.
 *
 * libssh runs non-blocking. Every pending libssh call returns SSH_AGAIN
 * until the fd is ready; the state's handler then calls the SAME function
 * again (calling another one is "Bad call during pending SSH call"). Each
 * state arms its own timer, because libssh applies none in non-blocking
 * mode. The CLI dialogue itself (prompt, paging, echo, % errors) is the
 * pure ioscli module; this file only moves bytes and decides.
 *
 *   IDLE --poll--> WAIT_SLOT --slot--> CONNECT --> AUTH --> CHANNEL --> PREP
 *     ^                                                                  |
 *     |                      READY <--persistent-- EXEC <-----ready------+
 *     +---not persistent-------------------------- EXEC
 *   any failure --> BACKOFF --timer--> IDLE
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libssh/libssh.h>

#include "alert.h"
#include "collect.h"
#include "ipsecwatchd.h"
#include "log.h"
#include "metrics.h"
#include "probe.h"
#include "sshconn.h"
#include "util.h"

#define NUDGE_AFTER_MS		2000	/* a quiet banner gets a newline */
#define DEFAULT_BACKOFF_MAX	300
#define DEFAULT_AUTH_BACKOFF	600

static const char *const state_names[] = {
	[RS_IDLE] = "idle",
	[RS_WAIT_SLOT] = "wait-slot",
	[RS_CONNECT] = "connect",
	[RS_AUTH] = "auth",
	[RS_CHANNEL] = "channel",
	[RS_PREP] = "prep",
	[RS_READY] = "ready",
	[RS_EXEC] = "exec",
	[RS_BACKOFF] = "backoff",
	[RS_STOPPED] = "stopped",
};

static void	change_state(struct router *, enum router_state);
static void	router_fail(struct router *, const char *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static void	poll_finish(struct router *, const char *, const char *);
static void	session_close(struct router *);
static void	io_rearm(struct router *);
static void	exec_next(struct router *);

const char *
router_state_name(enum router_state s)
{
	if ((size_t)s < NITEMS(state_names) && state_names[s] != NULL)
		return state_names[s];
	return "?";
}

static void
timer_set(struct event *ev, int64_t ms)
{
	struct timeval	 tv;

	if (ms < 0)
		ms = 0;
	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	evtimer_add(ev, &tv);
}

static void
on_timer(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	router_fsm(arg, RE_TIMEOUT);
}

static void
on_nudge(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	router_fsm(arg, RE_NUDGE);
}

static void
on_io(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	router_fsm(arg, RE_IO);
}

/*
 * The poll schedule: re-arm for the next tick first, so that nothing a
 * state handler does can lose the schedule. A tick that finds a poll still
 * running is an overrun: counted, not queued.
 */
static void
on_poll_tick(evutil_socket_t fd, short what, void *arg)
{
	struct router	*r = arg;
	struct config	*c = r->d->conf;
	int64_t		 now = mono_ms();

	(void)fd;
	(void)what;
	r->next_due_ms = sched_next_due_ms(r->next_due_ms,
	    router_interval(c, r->rc), c->jitter, now);
	timer_set(r->ev_poll, r->next_due_ms - now);
	if (r->polling) {
		r->overrun = 1;
		r->stats.overruns++;
		log_debug("router %s: poll overran its interval (%s)",
		    r->rc->name, router_state_name(r->state));
		return;
	}
	router_fsm(r, RE_POLL_DUE);
}

struct router *
router_new(struct daemon *d, const struct router_conf *rc)
{
	struct router	*r;

	r = xcalloc(1, sizeof(*r));
	r->d = d;
	r->rc = rc;
	r->fd = -1;
	r->state = RS_IDLE;
	r->platform = rc->platform;
	r->ev_timer = evtimer_new(d->base, on_timer, r);
	r->ev_poll = evtimer_new(d->base, on_poll_tick, r);
	r->ev_nudge = evtimer_new(d->base, on_nudge, r);
	if (r->ev_timer == NULL || r->ev_poll == NULL || r->ev_nudge == NULL)
		fatalx("router %s: cannot create timers", rc->name);
	return r;
}

void
router_start(struct router *r, int64_t first_delay_ms)
{
	r->next_due_ms = mono_ms() + first_delay_ms;
	timer_set(r->ev_poll, first_delay_ms);
}

static void
cmds_free(struct router *r)
{
	size_t	 i;

	for (i = 0; i < r->ncmds; i++) {
		free(r->cmds[i].command);
		free(r->cmds[i].error);
		free(r->cmds[i].output);
	}
	free(r->cmds);
	r->cmds = NULL;
	r->ncmds = 0;
}

void
router_free(struct router *r)
{
	if (r == NULL)
		return;
	session_close(r);
	slot_release(r);
	cmds_free(r);
	alert_router_free(r);
	free(r->tunnels);
	event_free(r->ev_timer);
	event_free(r->ev_poll);
	event_free(r->ev_nudge);
	free(r);
}

/* ---- session plumbing ---- */

static void
session_close(struct router *r)
{
	if (r->ev_read != NULL) {
		event_free(r->ev_read);
		r->ev_read = NULL;
	}
	if (r->ev_write != NULL) {
		event_free(r->ev_write);
		r->ev_write = NULL;
	}
	evtimer_del(r->ev_nudge);
	if (r->cli != NULL) {
		ioscli_free(r->cli);
		r->cli = NULL;
	}
	if (r->ssh != NULL) {
		/* ssh_free() frees the channel too: never free it twice. */
		if (ssh_is_connected(r->ssh))
			ssh_disconnect(r->ssh);
		ssh_free(r->ssh);
		r->ssh = NULL;
	}
	r->chan = NULL;
	r->fd = -1;
	if (r->privkey != NULL) {
		ssh_key_free(r->privkey);
		r->privkey = NULL;
	}
	freezero_str(r->secret);
	r->secret = NULL;
}

/* Once ssh_connect() has created the socket, watch it. */
static int
io_attach(struct router *r)
{
	int	 fd = ssh_get_fd(r->ssh);

	if (fd < 0 || r->ev_read != NULL)
		return 0;
	r->fd = fd;
	r->ev_read = event_new(r->d->base, fd, EV_READ | EV_PERSIST, on_io, r);
	r->ev_write = event_new(r->d->base, fd, EV_WRITE, on_io, r);
	if (r->ev_read == NULL || r->ev_write == NULL)
		return -1;
	return event_add(r->ev_read, NULL);
}

/* libssh may have buffered output (or a connect in progress): ask for EV_WRITE. */
static void
io_rearm(struct router *r)
{
	if (r->ssh == NULL || r->ev_write == NULL)
		return;
	if (ssh_get_poll_flags(r->ssh) & SSH_WRITE_PENDING)
		event_add(r->ev_write, NULL);
}

/* ---- poll bookkeeping ---- */

/* show ip route per crypto map peer: a few per poll at most. */
#define MAX_ROUTE_CHECKS	8

static void
poll_begin(struct router *r)
{
	struct config	*c = r->d->conf;
	size_t		 i, k, first, npeers;

	cmds_free(r);
	r->polling = 1;
	r->overrun = 0;
	wall_now(&r->poll_started);
	r->poll_started_ms = mono_ms();
	/* Platform unknown: show version first, to pick the command forms. */
	r->learning = r->platform == PLATFORM_AUTO;
	first = r->learning ? 1 : 0;
	npeers = r->npeers < MAX_ROUTE_CHECKS ? r->npeers : MAX_ROUTE_CHECKS;
	r->ncmds = c->ncommands + first + npeers;
	r->cmds = xcalloc(r->ncmds ? r->ncmds : 1, sizeof(*r->cmds));
	if (r->learning)
		r->cmds[0].command = xstrdup(collect_version_command());
	/* Copied: a SIGHUP may replace the config while the poll runs. */
	for (i = first; i < first + c->ncommands; i++)
		r->cmds[i].command = collect_command(c->commands[i - first],
		    r->platform);
	/* The route to each crypto map peer seen last time. */
	for (k = 0; k < npeers; k++)
		xasprintf(&r->cmds[first + c->ncommands + k].command, "%s %s",
		    r->platform == PLATFORM_ASA ? "show route" : "show ip route",
		    r->peers[k]);
	for (i = 0; i < r->ncmds; i++)
		r->cmds[i].status = "skipped";
	r->cmd_index = 0;
}

/* show version answered: remember the platform, send its command forms. */
static void
poll_learnt_version(struct router *r, const struct cmd_outcome *co)
{
	struct config	*c = r->d->conf;
	struct timespec	 now;
	char		 version[128], hostname[64], err[256];
	size_t		 i;

	r->learning = 0;
	r->platform = collect_platform(r->rc->name, co->output, co->output_len,
	    version, sizeof(version), hostname, sizeof(hostname));
	if (r->platform == PLATFORM_AUTO) {
		log_notice("router %s: platform not recognised from show "
		    "version; using the IOS commands (set \"platform\" in "
		    "the config)", r->rc->name);
		r->platform = PLATFORM_IOS;
		return;
	}
	log_info("router %s: platform %s, version %s", r->rc->name,
	    platform_id(r->platform), version[0] ? version : "?");
	for (i = 1; i < r->ncmds && i - 1 < c->ncommands; i++) {
		free(r->cmds[i].command);
		r->cmds[i].command = collect_command(c->commands[i - 1],
		    r->platform);
	}
	wall_now(&now);
	if (r->d->store != NULL && store_set_platform(r->d->store, r->rc->name,
	    platform_id(r->platform), version[0] ? version : NULL,
	    hostname[0] ? hostname : NULL, &now, err, sizeof(err)) != 0)
		log_warnx("router %s: cannot record platform: %s", r->rc->name,
		    err);
}

/*
 * A huge output (a router spewing up to the output cap) must not make the
 * daemon keep megabytes of records per poll for the diagnosis: past a
 * bound the probe's result is kept as "not understood" instead.
 */
#define HISTORY_JSON_MAX	(256 * 1024)

static const char history_too_large[] =
    "{\"ok\":false,\"error\":\"records too large to keep for the diagnosis\"}";

static const char *
history_json(const struct store_command *c)
{
	return strlen(c->records_json) > HISTORY_JSON_MAX ? history_too_large :
	    c->records_json;
}

static size_t
history_json_len(const struct store_command *c)
{
	return strlen(history_json(c));
}

/* The poll as the diagnosis sees it: {probe: result} of its outputs. */
static void
history_push(struct router *r, const struct store_command *sc, size_t n,
    const char *status, const char *error)
{
	char	*json = NULL, *p;
	size_t	 i, len = 2, off;

	for (i = 0; i < n; i++)
		if (sc[i].probe != NULL && sc[i].records_json != NULL)
			len += strlen(sc[i].probe) + history_json_len(&sc[i]) + 32;
	json = xmalloc(len + 1);
	off = 0;
	json[off++] = '{';
	for (i = 0; i < n; i++) {
		if (sc[i].probe == NULL || sc[i].records_json == NULL)
			continue;
		p = json + off;
		/* A probe run twice (a route per peer) gets "name#seq" keys. */
		if (strcmp(sc[i].probe, "ip_route") == 0)
			off += (size_t)snprintf(p, len + 1 - off,
			    "%s\"%s#%zu\":%s", off > 1 ? "," : "", sc[i].probe,
			    i, history_json(&sc[i]));
		else
			off += (size_t)snprintf(p, len + 1 - off, "%s\"%s\":%s",
			    off > 1 ? "," : "", sc[i].probe, history_json(&sc[i]));
	}
	json[off++] = '}';
	json[off] = '\0';
	alert_history_push(r, json, status, error, r->poll_started.tv_sec);
	free(json);
}

/*
 * Hand the poll to the probes, then to the store, in one transaction;
 * then to the diagnosis and the alerts.
 */
static void
poll_record(struct router *r, const char *status, const char *error)
{
	struct store_command	*sc;
	struct store_poll	 sp;
	struct collect_ctx	 cx;
	const char		**texts;
	size_t			*lens;
	char			 err[512];
	size_t			 i;

	if (r->d->store == NULL)
		return;
	sc = xcalloc(r->ncmds ? r->ncmds : 1, sizeof(*sc));
	texts = xcalloc(r->ncmds ? r->ncmds : 1, sizeof(*texts));
	lens = xcalloc(r->ncmds ? r->ncmds : 1, sizeof(*lens));
	for (i = 0; i < r->ncmds; i++) {
		sc[i].command = r->cmds[i].command;
		sc[i].status = r->cmds[i].status;
		sc[i].bytes = r->cmds[i].bytes;
		sc[i].duration_ms = r->cmds[i].duration_ms;
		sc[i].error = r->cmds[i].error;
		sc[i].output = r->cmds[i].output;
		sc[i].output_len = r->cmds[i].output_len;
		texts[i] = r->cmds[i].output;
		lens[i] = r->cmds[i].output_len;
	}
	memset(&cx, 0, sizeof(cx));
	cx.platform = r->platform;
	cx.parse_failing = &r->parse_failing;
	if (r->d->have_salt) {
		cx.salt = r->d->salt;
		cx.saltlen = sizeof(r->d->salt);
	}
	collect_parse(r->rc->name, &cx, sc, texts, lens, r->ncmds);
	memset(&sp, 0, sizeof(sp));
	sp.router = r->rc->name;
	sp.started_at = r->poll_started;
	wall_now(&sp.finished_at);
	sp.status = status;
	sp.error = error;
	sp.overrun = r->overrun;
	sp.commands = sc;
	sp.ncommands = r->ncmds;
	if (store_record_poll(r->d->store, &sp, r->d->conf->keep_raw_output,
	    err, sizeof(err)) < 0)
		log_warnx("router %s: cannot record poll: %s", r->rc->name, err);
	history_push(r, sc, r->ncmds, status, error);
	collect_free(sc, r->ncmds);
	free(texts);
	free(lens);
	free(sc);
	alert_after_poll(r->d, r);
}

static void
poll_finish(struct router *r, const char *status, const char *error)
{
	if (!r->polling)
		return;
	poll_record(r, status, error);
	metrics_poll_done(r, status);
	r->polling = 0;
	cmds_free(r);
}

/* A poll that was allowed to finish during shutdown has finished. */
static void
stop_if_stopping(struct router *r)
{
	if (!r->d->stopping)
		return;
	router_fsm(r, RE_STOP);
	daemon_stop_check(r->d);
}

/* ---- failure handling ---- */

static int
is_auth_kind(const char *kind)
{
	return strcmp(kind, "auth") == 0 || strcmp(kind, "hostkey") == 0;
}

/*
 * A failed attempt: record the poll, close the session, back off. The
 * warning is logged when the failure starts or changes kind, not on every
 * retry of the same failure. After an authentication or host-key failure
 * the wait is long, so the router's AAA does not lock the account and the
 * log is not flooded while nobody has run `ipsecwatch trust`.
 */
static void
router_fail(struct router *r, const char *kind, const char *fmt, ...)
{
	struct config	*c = r->d->conf;
	char		 msg[512];
	va_list		 ap;
	int		 max = c->backoff_max > 0 ? c->backoff_max : DEFAULT_BACKOFF_MAX;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	r->failures++;
	r->stats.polls_failed++;
	if (is_auth_kind(kind))
		r->backoff_s = c->auth_backoff > 0 ? c->auth_backoff :
		    DEFAULT_AUTH_BACKOFF;
	else
		r->backoff_s = sched_backoff_s(r->failures, max);
	/* A state change (notice); the alert, if it lasts, is the warning. */
	if (strcmp(r->last_fail, kind) != 0)
		log_notice("router %s: poll failed: %s: %s; retry in %d s",
		    r->rc->name, kind, msg, r->backoff_s);
	else
		log_debug("router %s: poll failed again: %s: %s; retry in %d s",
		    r->rc->name, kind, msg, r->backoff_s);
	snprintf(r->last_fail, sizeof(r->last_fail), "%s", kind);
	poll_finish(r, kind, msg);
	session_close(r);
	slot_release(r);
	change_state(r, RS_BACKOFF);
	stop_if_stopping(r);
}

static void
poll_succeeded(struct router *r)
{
	const char	*status = "ok";
	const char	*error = NULL;
	size_t		 i;

	for (i = 0; i < r->ncmds; i++) {
		if (strcmp(r->cmds[i].status, "ok") != 0 &&
		    strcmp(r->cmds[i].status, "truncated") != 0) {
			status = "command";
			error = r->cmds[i].error;
			break;
		}
	}
	if (r->last_fail[0] != '\0')
		log_info("router %s: polled again after %d failed poll%s (%s)",
		    r->rc->name, r->failures, r->failures == 1 ? "" : "s",
		    r->last_fail);
	r->failures = 0;
	r->backoff_s = 0;
	r->last_fail[0] = '\0';
	r->stats.polls_ok++;
	poll_finish(r, status, error);
	if (r->rc->persistent)
		change_state(r, RS_READY);
	else {
		session_close(r);
		change_state(r, RS_IDLE);
	}
	stop_if_stopping(r);
}

/* ---- state handlers: one function per state ---- */

static void
st_idle(struct router *r, enum router_event ev)
{
	if (ev != RE_POLL_DUE)
		return;
	poll_begin(r);
	if (slot_acquire(r))
		change_state(r, RS_CONNECT);
	else
		change_state(r, RS_WAIT_SLOT);
}

static void
st_wait_slot(struct router *r, enum router_event ev)
{
	if (ev == RE_SLOT)
		change_state(r, RS_CONNECT);
	else if (ev == RE_TIMEOUT)
		router_fail(r, "timeout",
		    "no key-exchange slot free within the interval "
		    "(raise max_connecting?)");
}

static void
connect_start(struct router *r)
{
	char	 err[256];

	r->ssh = sshconn_new(r->rc, r->d->conf->known_hosts, err, sizeof(err));
	if (r->ssh == NULL) {
		router_fail(r, "connect", "%s", err);
		return;
	}
	ssh_set_blocking(r->ssh, 0);
	r->stats.connects++;
	router_fsm(r, RE_IO);
}

/* Right after key exchange, before any secret is sent. */
static int
hostkey_verified(struct router *r)
{
	enum ssh_known_hosts_e	 k = ssh_session_is_known_server(r->ssh);
	char			*fp;

	if (k == SSH_KNOWN_HOSTS_OK)
		return 1;
	fp = sshconn_fingerprint(r->ssh);
	if (k == SSH_KNOWN_HOSTS_CHANGED || k == SSH_KNOWN_HOSTS_OTHER)
		router_fail(r, "hostkey", "host key for %s port %d has CHANGED "
		    "(now %s %s); refusing to authenticate: possible "
		    "impostor. If the router's key was regenerated, run: "
		    "ipsecwatch trust %s", r->rc->host, r->rc->port,
		    sshconn_key_type(r->ssh), fp ? fp : "?", r->rc->name);
	else
		router_fail(r, "hostkey", "host key for %s port %d is %s "
		    "(%s %s); refusing to authenticate. To pin it: "
		    "ipsecwatch trust %s", r->rc->host, r->rc->port,
		    k == SSH_KNOWN_HOSTS_ERROR ? "unverifiable" : "unknown",
		    sshconn_key_type(r->ssh), fp ? fp : "?", r->rc->name);
	free(fp);
	return 0;
}

static void
st_connect(struct router *r, enum router_event ev)
{
	if (ev == RE_TIMEOUT) {
		router_fail(r, "timeout", "no SSH session within %d s "
		    "(TCP connect or key exchange)", r->d->conf->connect_timeout);
		return;
	}
	if (ev != RE_IO)
		return;
	switch (ssh_connect(r->ssh)) {
	case SSH_AGAIN:
		if (io_attach(r) < 0)
			router_fail(r, "connect", "cannot watch the socket");
		return;
	case SSH_OK:
		if (io_attach(r) < 0) {
			router_fail(r, "connect", "cannot watch the socket");
			return;
		}
		log_debug("router %s: connected: kex %s, cipher %s, mac %s",
		    r->rc->name, ssh_get_kex_algo(r->ssh),
		    ssh_get_cipher_out(r->ssh), ssh_get_hmac_out(r->ssh));
		if (hostkey_verified(r))
			change_state(r, RS_AUTH);
		return;
	default:
		/* An old IOS image offers only what the legacy profile adds. */
		router_fail(r, "connect", "%s%s", ssh_get_error(r->ssh),
		    strstr(ssh_get_error(r->ssh), "no match for method") &&
		    r->rc->algorithms != ALGO_LEGACY ? " (if this is an old "
		    "IOS image, set \"algorithms\": \"legacy\" for it)" : "");
		return;
	}
}

/* Pick the method: key when configured, else password or kbd-interactive. */
static void
auth_choose(struct router *r)
{
	char	 err[256];
	int	 methods = ssh_userauth_list(r->ssh, NULL);

	if (r->rc->key_file != NULL) {
		if (ssh_pki_import_privkey_file(r->rc->key_file, NULL, NULL,
		    NULL, &r->privkey) != SSH_OK) {
			router_fail(r, "auth", "cannot load key_file %s",
			    r->rc->key_file);
			return;
		}
		r->auth_step = AUTH_PUBKEY;
	} else {
		r->secret = config_read_secret(r->rc->password_file, err,
		    sizeof(err));
		if (r->secret == NULL) {
			router_fail(r, "auth", "%s", err);
			return;
		}
		if (methods & SSH_AUTH_METHOD_PASSWORD)
			r->auth_step = AUTH_PASSWORD;
		else if (methods & SSH_AUTH_METHOD_INTERACTIVE)
			r->auth_step = AUTH_KBDINT;
		else {
			router_fail(r, "auth", "the router offers neither "
			    "password nor keyboard-interactive authentication");
			return;
		}
	}
	router_fsm(r, RE_IO);
}

/* Answer every keyboard-interactive prompt with the password. */
static int
auth_kbdint(struct router *r)
{
	int	 rc, i, n;

	rc = ssh_userauth_kbdint(r->ssh, NULL, NULL);
	while (rc == SSH_AUTH_INFO) {
		n = ssh_userauth_kbdint_getnprompts(r->ssh);
		for (i = 0; i < n; i++)
			if (ssh_userauth_kbdint_setanswer(r->ssh,
			    (unsigned int)i, r->secret) < 0)
				return SSH_AUTH_ERROR;
		rc = ssh_userauth_kbdint(r->ssh, NULL, NULL);
	}
	return rc;
}

static int
auth_call(struct router *r)
{
	switch (r->auth_step) {
	case AUTH_NONE:
		return ssh_userauth_none(r->ssh, NULL);
	case AUTH_PUBKEY:
		return ssh_userauth_publickey(r->ssh, NULL, r->privkey);
	case AUTH_PASSWORD:
		return ssh_userauth_password(r->ssh, NULL, r->secret);
	case AUTH_KBDINT:
	default:
		return auth_kbdint(r);
	}
}

static void
st_auth(struct router *r, enum router_event ev)
{
	int	 rc;

	if (ev == RE_TIMEOUT) {
		router_fail(r, "timeout", "authentication took more than %d s",
		    r->d->conf->connect_timeout);
		return;
	}
	if (ev != RE_IO)
		return;
	rc = auth_call(r);
	if (rc == SSH_AUTH_AGAIN)
		return;
	if (rc == SSH_AUTH_SUCCESS) {
		freezero_str(r->secret);
		r->secret = NULL;
		change_state(r, RS_CHANNEL);
		return;
	}
	if (r->auth_step == AUTH_NONE && rc != SSH_AUTH_ERROR) {
		auth_choose(r);
		return;
	}
	if (rc == SSH_AUTH_ERROR)
		router_fail(r, "connect", "during authentication: %s",
		    ssh_get_error(r->ssh));
	else
		router_fail(r, "auth", "authentication as %s refused "
		    "(%s); next try in a long while so AAA does not lock "
		    "the account", r->rc->username,
		    r->auth_step == AUTH_PUBKEY ? "public key" :
		    r->auth_step == AUTH_PASSWORD ? "password" :
		    "keyboard-interactive");
}

static int
channel_call(struct router *r)
{
	int	 rc;

	switch (r->chan_step) {
	case CHAN_OPEN:
		if (r->chan == NULL && (r->chan = ssh_channel_new(r->ssh)) == NULL)
			return SSH_ERROR;
		return ssh_channel_open_session(r->chan);
	case CHAN_PTY:
		/* A wide pty: IOS honours it when `terminal width` is refused. */
		rc = ssh_channel_request_pty_size(r->chan, "vt100", 511, 24);
		if (rc == SSH_ERROR) {
			log_debug("router %s: pty refused; going on without",
			    r->rc->name);
			rc = SSH_OK;
		}
		return rc;
	case CHAN_SHELL:
	default:
		return ssh_channel_request_shell(r->chan);
	}
}

static void
st_channel(struct router *r, enum router_event ev)
{
	int	 rc;

	if (ev == RE_TIMEOUT) {
		router_fail(r, "timeout", "no shell within %d s",
		    r->d->conf->connect_timeout);
		return;
	}
	if (ev != RE_IO)
		return;
	while ((rc = channel_call(r)) == SSH_OK) {
		if (r->chan_step == CHAN_SHELL) {
			change_state(r, RS_PREP);
			return;
		}
		r->chan_step++;
	}
	if (rc != SSH_AGAIN)
		router_fail(r, "protocol", "cannot open a shell: %s",
		    ssh_get_error(r->ssh));
}

/* Write what the CLI dialogue wants sent. Returns -1 when the session broke. */
static int
cli_flush(struct router *r)
{
	const char	*buf;
	size_t		 len;
	int		 n;

	buf = ioscli_outbuf(r->cli, &len);
	while (len > 0) {
		n = ssh_channel_write(r->chan, buf, (uint32_t)len);
		if (n == SSH_ERROR)
			return -1;
		if (n == 0)
			break;	/* window full: EV_WRITE brings us back */
		ioscli_consumed(r->cli, (size_t)n);
		buf = ioscli_outbuf(r->cli, &len);
	}
	return 0;
}

static void
cli_event(struct router *r, enum ioscli_event cev)
{
	if (cev == IOSCLI_EV_FAILED) {
		const char *why = ioscli_error(r->cli);
		router_fail(r, strstr(why, "enable") != NULL ? "auth" :
		    "protocol", "%s", why);
	} else if (cev == IOSCLI_EV_READY && r->state == RS_PREP) {
		log_debug("router %s: prompt %s%c%s", r->rc->name,
		    ioscli_hostname(r->cli),
		    ioscli_privileged(r->cli) ? '#' : '>',
		    ioscli_pager_mode(r->cli) ? " (answering --More--)" : "");
		change_state(r, RS_EXEC);
	} else if (cev == IOSCLI_EV_DONE && r->state == RS_EXEC) {
		const struct ioscli_reply *rep = ioscli_reply(r->cli);
		struct cmd_outcome *co = &r->cmds[r->cmd_index];

		co->duration_ms = mono_ms() - co->started_ms;
		co->bytes = rep->raw_bytes;
		co->status = rep->status == IOSCLI_OK ? "ok" :
		    rep->status == IOSCLI_ERR_TRUNCATED ? "truncated" : "error";
		if (rep->status != IOSCLI_OK) {
			co->error = xstrdup(rep->error);
			log_debug("router %s: %s: %s", r->rc->name,
			    co->command, rep->error);
		}
		/* Kept for the probes; stored raw only with keep_raw_output. */
		co->output = xstrndup(rep->text, rep->len);
		co->output_len = rep->len;
		r->stats.bytes += rep->raw_bytes;
		if (r->learning && r->cmd_index == 0)
			poll_learnt_version(r, co);
		r->cmd_index++;
		exec_next(r);
	}
}

/*
 * Drain the channel into the CLI dialogue. An event may change the state
 * (even close the session), so re-check after each one.
 */
static void
cli_pump(struct router *r)
{
	char			 buf[16384];
	enum ioscli_event	 cev;
	enum router_state	 st = r->state;
	int			 n;

	for (;;) {
		if (r->state != st || r->chan == NULL)
			return;
		n = ssh_channel_read_nonblocking(r->chan, buf, sizeof(buf), 0);
		if (n == SSH_EOF || n == SSH_ERROR || (n == 0 &&
		    (ssh_channel_is_eof(r->chan) || !ssh_is_connected(r->ssh)))) {
			router_fail(r, "closed", "the router closed the session "
			    "(%s)", r->state == RS_PREP ? "before the prompt" :
			    "while a command ran");
			return;
		}
		if (n == 0)
			break;
		cev = ioscli_feed(r->cli, buf, (size_t)n);
		while (cev != IOSCLI_EV_NONE && r->state == st) {
			cli_event(r, cev);
			if (r->state != st && r->state != RS_EXEC)
				return;
			st = r->state;
			if (r->cli == NULL)
				return;
			cev = ioscli_poll(r->cli);
		}
	}
	if (r->cli != NULL && cli_flush(r) < 0)
		router_fail(r, "closed", "cannot write to the session: %s",
		    ssh_get_error(r->ssh));
}

static void
st_prep(struct router *r, enum router_event ev)
{
	switch (ev) {
	case RE_TIMEOUT:
		router_fail(r, "timeout", "no usable prompt within %d s "
		    "(dialogue stuck in %s)", r->d->conf->connect_timeout,
		    ioscli_state_name(r->cli));
		break;
	case RE_NUDGE:
		ioscli_nudge(r->cli);
		if (cli_flush(r) < 0)
			router_fail(r, "closed", "cannot write to the session");
		break;
	case RE_IO:
		cli_pump(r);
		break;
	default:
		break;
	}
}

/* Start the next command of the poll, or finish the poll. */
static void
exec_next(struct router *r)
{
	struct cmd_outcome	*co;

	if (r->cmd_index >= r->ncmds) {
		evtimer_del(r->ev_timer);
		poll_succeeded(r);
		return;
	}
	co = &r->cmds[r->cmd_index];
	co->started_ms = mono_ms();
	co->status = "timeout";
	if (ioscli_run(r->cli, co->command) != 0) {
		router_fail(r, "protocol", "CLI busy: cannot run %s", co->command);
		return;
	}
	timer_set(r->ev_timer, (int64_t)r->d->conf->command_timeout * 1000);
	if (cli_flush(r) < 0)
		router_fail(r, "closed", "cannot write to the session");
}

static void
st_exec(struct router *r, enum router_event ev)
{
	struct cmd_outcome	*co;

	if (ev == RE_TIMEOUT) {
		/*
		 * The session is now out of step (output may still be
		 * coming): abandon it. Later commands stay "skipped".
		 */
		co = &r->cmds[r->cmd_index];
		co->duration_ms = mono_ms() - co->started_ms;
		router_fail(r, "timeout", "%s: no prompt within %d s",
		    co->command, r->d->conf->command_timeout);
		return;
	}
	if (ev == RE_IO)
		cli_pump(r);
}

/* Between polls: nothing is expected; a close is not a failure. */
static void
st_ready(struct router *r, enum router_event ev)
{
	char	 buf[4096];
	int	 n;

	if (ev == RE_POLL_DUE) {
		poll_begin(r);
		change_state(r, RS_EXEC);
		return;
	}
	if (ev != RE_IO)
		return;
	/* Unsolicited bytes are dropped: a chatty router cannot grow memory. */
	while ((n = ssh_channel_read_nonblocking(r->chan, buf, sizeof(buf),
	    0)) > 0)
		;
	if (n == SSH_EOF || n == SSH_ERROR || ssh_channel_is_eof(r->chan) ||
	    !ssh_is_connected(r->ssh)) {
		log_info("router %s: the router closed the idle session; "
		    "reconnecting at the next poll", r->rc->name);
		session_close(r);
		change_state(r, RS_IDLE);
	}
}

static void
st_backoff(struct router *r, enum router_event ev)
{
	if (ev == RE_TIMEOUT)
		change_state(r, RS_IDLE);
	else if (ev == RE_POLL_DUE)
		log_debug("router %s: poll skipped, backing off", r->rc->name);
}

static void
st_stopped(struct router *r, enum router_event ev)
{
	(void)r;
	(void)ev;
}

typedef void (*state_handler)(struct router *, enum router_event);

static const state_handler handlers[] = {
	[RS_IDLE] = st_idle,
	[RS_WAIT_SLOT] = st_wait_slot,
	[RS_CONNECT] = st_connect,
	[RS_AUTH] = st_auth,
	[RS_CHANNEL] = st_channel,
	[RS_PREP] = st_prep,
	[RS_READY] = st_ready,
	[RS_EXEC] = st_exec,
	[RS_BACKOFF] = st_backoff,
	[RS_STOPPED] = st_stopped,
};

/* Entry actions: every state arms its own timer. */
static void
change_state(struct router *r, enum router_state ns)
{
	struct config		*c = r->d->conf;
	enum router_state	 os = r->state;
	struct ioscli_opts	 o;
	char			 err[256];

	log_debug("router %s: %s -> %s", r->rc->name, router_state_name(os),
	    router_state_name(ns));
	r->state = ns;
	evtimer_del(r->ev_timer);
	switch (ns) {
	case RS_WAIT_SLOT:
		timer_set(r->ev_timer, (int64_t)router_interval(c, r->rc) * 1000);
		break;
	case RS_CONNECT:
		timer_set(r->ev_timer, (int64_t)c->connect_timeout * 1000);
		connect_start(r);
		break;
	case RS_AUTH:
		r->auth_step = AUTH_NONE;
		timer_set(r->ev_timer, (int64_t)c->connect_timeout * 1000);
		router_fsm(r, RE_IO);
		break;
	case RS_CHANNEL:
		r->chan_step = CHAN_OPEN;
		timer_set(r->ev_timer, (int64_t)c->connect_timeout * 1000);
		router_fsm(r, RE_IO);
		break;
	case RS_PREP:
		slot_release(r);
		memset(&o, 0, sizeof(o));
		o.output_cap = c->output_cap;
		o.platform = r->rc->platform == PLATFORM_ASA ?
		    IOSCLI_PLATFORM_ASA : r->rc->platform == PLATFORM_AUTO ?
		    IOSCLI_PLATFORM_AUTO : IOSCLI_PLATFORM_IOS;
		if (r->rc->enable_secret_file != NULL &&
		    (o.enable_secret = config_read_secret(
		    r->rc->enable_secret_file, err, sizeof(err))) == NULL) {
			router_fail(r, "auth", "%s", err);
			return;
		}
		r->cli = ioscli_new(&o);
		freezero_str((char *)o.enable_secret);
		timer_set(r->ev_timer, (int64_t)c->connect_timeout * 1000);
		timer_set(r->ev_nudge, NUDGE_AFTER_MS);
		router_fsm(r, RE_IO);
		break;
	case RS_EXEC:
		evtimer_del(r->ev_nudge);
		exec_next(r);
		break;
	case RS_BACKOFF:
		timer_set(r->ev_timer, (int64_t)r->backoff_s * 1000);
		break;
	case RS_IDLE:
	case RS_READY:
	case RS_STOPPED:
	default:
		break;
	}
}

/* The one transition function: the current state's handler decides. */
void
router_fsm(struct router *r, enum router_event ev)
{
	if (ev == RE_STOP) {
		if (r->polling)
			poll_finish(r, "aborted", "ipsecwatchd stopping or "
			    "the router was removed from the config");
		session_close(r);
		slot_release(r);
		evtimer_del(r->ev_poll);
		evtimer_del(r->ev_timer);
		r->state = RS_STOPPED;
		return;
	}
	handlers[r->state](r, ev);
	io_rearm(r);
}

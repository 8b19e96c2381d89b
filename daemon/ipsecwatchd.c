/*
 * ipsecwatchd: polls the crypto show commands of Cisco routers over SSH,
 * all sessions on one libevent loop, and records every poll in SQLite.
 *
 * Runs in the foreground (systemd runs it: Type=notify, see notify.c);
 * logs to stderr with sd-daemon priority prefixes. SIGTERM/SIGINT: abandon in-flight commands, close the
 * sessions, exit 0. SIGHUP: reload the config, keeping the sessions of the
 * routers whose entry did not change; a bad config is refused and the old
 * one kept.
 */
#include <errno.h>
#include <malloc.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <event2/event.h>
#include <libssh/libssh.h>

#include "alert.h"
#include "config.h"
#include "ipsecwatchd.h"
#include "log.h"
#include "metrics.h"
#include "notify.h"
#include "shard.h"
#include "store.h"
#include "util.h"

#define DEFAULT_CONFIG	"/etc/ipsecwatch/ipsecwatch.conf"
#define STOP_GRACE_S	3

static void
usage(void)
{
	fprintf(stderr, "usage: ipsecwatchd [-dnv] [-f file] [--shard K/N]\n"
	    "  -f file      config (default " DEFAULT_CONFIG ")\n"
	    "  -d           debug log (twice: libssh protocol log too)\n"
	    "  -n           check the config and exit\n"
	    "  -v           with -n: print the effective config\n"
	    "  --shard K/N  poll only share K of N of the routers "
	    "(1 <= K <= N <= %d)\n", SHARD_MAX);
	exit(2);
}

static int
shard_keep(const struct router_conf *rc, void *arg)
{
	return shard_owns(arg, rc->name);
}

/*
 * --shard K/N: drop the other shards' routers right after every config
 * load, so that neither the start nor a reload ever polls them.
 */
static void
shard_apply(struct daemon *d, struct config *c)
{
	size_t	 total = c->nrouters;

	if (d->shard.n == 0)
		return;
	config_filter_routers(c, shard_keep, &d->shard);
	log_info("shard %d/%d: %zu of %zu routers", d->shard.k, d->shard.n,
	    c->nrouters, total);
}

static struct router *
router_find(struct daemon *d, const char *name)
{
	struct router	*r;

	TAILQ_FOREACH(r, &d->routers, entry)
		if (strcmp(r->rc->name, name) == 0)
			return r;
	return NULL;
}

static void
router_add(struct daemon *d, const struct router_conf *rc)
{
	struct router	*r = router_new(d, rc);

	TAILQ_INSERT_TAIL(&d->routers, r, entry);
	router_start(r, sched_first_delay_ms(router_interval(d->conf, rc)));
}

static void
router_remove(struct daemon *d, struct router *r)
{
	router_fsm(r, RE_STOP);
	TAILQ_REMOVE(&d->routers, r, entry);
	router_free(r);
}

/*
 * A changed entry: a new session, the same alerts (they clear when the
 * router is healthy, not because its config was edited).
 */
static void
router_replace(struct daemon *d, struct router *r, const struct router_conf *rc)
{
	struct router	*nr = router_new(d, rc);

	alert_router_move(nr, r);
	TAILQ_INSERT_AFTER(&d->routers, r, nr, entry);
	router_remove(d, r);
	router_start(nr, sched_first_delay_ms(router_interval(d->conf, rc)));
}

/*
 * Apply a new config: routers whose entry is unchanged keep their session
 * (only their pointer moves to the new config); changed ones are restarted;
 * removed ones are stopped; new ones are started with a spread first poll.
 */
static void
reload(struct daemon *d)
{
	struct config_error	 err;
	struct config		*nc, *oc = d->conf;
	struct router		*r, *tmp;
	const struct router_conf *rc;
	char			 msg[1024];
	size_t			 i, kept = 0, added = 0, removed = 0, changed = 0;

	if (config_load(d->conf_path, &nc, &err) != 0) {
		config_error_format(&err, msg, sizeof(msg));
		log_warnx("reload refused, keeping the running config: %s", msg);
		return;
	}
	shard_apply(d, nc);
	metrics_reload(d, nc);
	if (strcmp(nc->database, oc->database) != 0)
		log_warnx("reload: database path change needs a restart; "
		    "still writing %s", oc->database);
	TAILQ_FOREACH_SAFE(r, &d->routers, entry, tmp) {
		rc = config_router(nc, r->rc->name);
		if (rc == NULL) {
			/* Its open alerts cannot clear any more: close them. */
			alert_router_removed(d, r);
			router_remove(d, r);
			removed++;
		} else if (!router_conf_equal(rc, r->rc)) {
			router_replace(d, r, rc);
			changed++;
		} else {
			r->rc = rc;
			kept++;
		}
	}
	d->conf = nc;
	for (i = 0; i < nc->nrouters; i++) {
		if (router_find(d, nc->routers[i].name) == NULL) {
			router_add(d, &nc->routers[i]);
			added++;
		}
	}
	added -= changed;
	/* keep the database and log format of the running daemon */
	free(nc->database);
	nc->database = xstrdup(oc->database);
	config_free(oc);
	log_info("reloaded %s: %zu routers kept, %zu added, %zu removed, "
	    "%zu changed", d->conf_path, kept, added, removed, changed);
}

/* Once no poll is running any more, leave the loop. */
void
daemon_stop_check(struct daemon *d)
{
	struct router	*r;

	TAILQ_FOREACH(r, &d->routers, entry)
		if (r->polling)
			return;
	event_base_loopexit(d->base, NULL);
}

/* The grace period is over: abandon what still runs. */
static void
on_grace(evutil_socket_t fd, short what, void *arg)
{
	struct daemon	*d = arg;
	struct router	*r;

	(void)fd;
	(void)what;
	TAILQ_FOREACH(r, &d->routers, entry)
		if (r->polling)
			log_info("router %s: abandoning the poll in flight",
			    r->rc->name);
	TAILQ_FOREACH(r, &d->routers, entry)
		router_fsm(r, RE_STOP);
	event_base_loopexit(d->base, NULL);
}

/*
 * SIGTERM/SIGINT: polls whose commands are running get STOP_GRACE_S to
 * finish (their data is recorded); everything else, including sessions
 * still connecting, is closed at once. systemd's stop timeout is far
 * longer, and the exit stays well within 5 s.
 */
static void
stop(struct daemon *d, int sig)
{
	struct timeval	 tv = { STOP_GRACE_S, 0 };
	struct router	*r;

	if (d->stopping)
		return;
	log_info("received %s, stopping", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	d->stopping = 1;
	notify_stopping(d);
	TAILQ_FOREACH(r, &d->routers, entry)
		if (!(r->polling && r->state == RS_EXEC))
			router_fsm(r, RE_STOP);
	d->ev_grace = evtimer_new(d->base, on_grace, d);
	evtimer_add(d->ev_grace, &tv);
	daemon_stop_check(d);
}

static void
on_signal(evutil_socket_t sig, short what, void *arg)
{
	struct daemon	*d = arg;

	(void)what;
	if (sig == SIGHUP) {
		/* systemd waits for READY=1 even when the reload is refused. */
		notify_reloading(d);
		reload(d);
		notify_ready(d);
	} else
		stop(d, (int)sig);
}

/* Each session holds one fd; a large fleet needs more than 1024. */
static void
raise_fd_limit(void)
{
	struct rlimit	 rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
			log_warn("setrlimit NOFILE");
	}
}

static int
check_only(struct config *conf, int verbose)
{
	if (verbose)
		config_print(conf, stdout);
	else
		fprintf(stderr, "configuration OK\n");
	config_free(conf);
	return 0;
}

/*
 * Keys are compared by HMAC fingerprint with a per-install salt kept next
 * to the database (created 0600 on first start). Without it the probes
 * record no fingerprint at all, never a key.
 */
static void
load_salt(struct daemon *d)
{
	char	*path, *slash, err[512];

	path = xstrdup(d->conf->database);
	slash = strrchr(path, '/');
	if (slash != NULL)
		slash[1] = '\0';
	else
		path[0] = '\0';
	{
		char *full;
		xasprintf(&full, "%sfingerprint.salt", path);
		free(path);
		path = full;
	}
	if (salt_load_or_create(path, d->salt, err, sizeof(err)) == 0)
		d->have_salt = 1;
	else
		log_warnx("%s; key fingerprints will not be recorded", err);
	free(path);
}

static void
daemon_run(struct daemon *d)
{
	struct router	*r, *tmp;
	char		 err[512];
	size_t		 i;

	if (store_open(d->conf->database, 0, &d->store, err, sizeof(err)) != 0)
		fatalx("database %s: %s", d->conf->database, err);
	load_salt(d);
	if ((d->base = event_base_new()) == NULL)
		fatalx("event_base_new failed");
	d->ev_sigterm = evsignal_new(d->base, SIGTERM, on_signal, d);
	d->ev_sigint = evsignal_new(d->base, SIGINT, on_signal, d);
	d->ev_sighup = evsignal_new(d->base, SIGHUP, on_signal, d);
	evsignal_add(d->ev_sigterm, NULL);
	evsignal_add(d->ev_sigint, NULL);
	evsignal_add(d->ev_sighup, NULL);
	/* Before any session: a listener that cannot bind stops the start. */
	d->metrics = metrics_start(d);
	for (i = 0; i < d->conf->nrouters; i++)
		router_add(d, &d->conf->routers[i]);
	alert_adopt_open(d);
	retention_start(d);
	log_info("started: %zu routers, interval %d s, database %s",
	    d->conf->nrouters, d->conf->interval, d->conf->database);
	notify_ready(d);

	event_base_dispatch(d->base);

	metrics_free(d->metrics);
	d->metrics = NULL;
	TAILQ_FOREACH_SAFE(r, &d->routers, entry, tmp) {
		TAILQ_REMOVE(&d->routers, r, entry);
		router_free(r);
	}
	retention_stop(d);
	notify_close(&d->notify);
	event_free(d->ev_sigterm);
	event_free(d->ev_sigint);
	event_free(d->ev_sighup);
	if (d->ev_grace != NULL)
		event_free(d->ev_grace);
	event_base_free(d->base);
	store_close(d->store);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "shard",	required_argument,	NULL,	'S' },
		{ NULL,		0,			NULL,	0 }
	};
	struct daemon		 d;
	struct config_error	 err;
	struct shard		 shard = { 0, 0 };
	char			 msg[1024];
	int			 ch, debug = 0, noaction = 0, verbose = 0;
	const char		*path = DEFAULT_CONFIG;

	while ((ch = getopt_long(argc, argv, "df:nv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'S':
			if (shard_parse(optarg, &shard) != 0) {
				fprintf(stderr, "ipsecwatchd: --shard %s: "
				    "expected K/N with 1 <= K <= N <= %d\n",
				    optarg, SHARD_MAX);
				usage();
			}
			break;
		case 'd':
			debug++;
			break;
		case 'f':
			path = optarg;
			break;
		case 'n':
			noaction = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	log_init(debug, LOG_FORMAT_LOGFMT, !noaction);
	memset(&d, 0, sizeof(d));
	d.shard = shard;
	TAILQ_INIT(&d.routers);
	TAILQ_INIT(&d.slot_queue);
	d.conf_path = xstrdup(path);
	if (config_load(path, &d.conf, &err) != 0) {
		config_error_format(&err, msg, sizeof(msg));
		if (noaction)
			fprintf(stderr, "%s\n", msg);
		else
			log_err("%s", msg);
		free(d.conf_path);
		return CONFIG_EXIT_ERROR;
	}
	if (noaction) {
		/* -nv prints the share this instance would poll. */
		shard_apply(&d, d.conf);
		free(d.conf_path);
		return check_only(d.conf, verbose);
	}
	log_init(debug, d.conf->log_format, 1);
	shard_apply(&d, d.conf);
	signal(SIGPIPE, SIG_IGN);
	raise_fd_limit();
	/*
	 * A router may answer with megabytes (up to output_cap). A fixed mmap
	 * threshold keeps such buffers out of the heap, so they go back to
	 * the system when freed; glibc's default threshold adapts upwards
	 * after the first large free and the daemon's RSS would then keep
	 * the high-water mark of every large output.
	 */
	if (mallopt(M_MMAP_THRESHOLD, 256 * 1024) != 1)
		log_debug("mallopt: not glibc's allocator (a sanitizer build?)");
	ssh_init();
	notify_init(&d.notify);
	daemon_run(&d);
	ssh_finalize();
	config_free(d.conf);
	free(d.conf_path);
	log_info("stopped");
	return 0;
}

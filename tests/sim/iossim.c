/*
 * iossim.c: the simulated router lab: main(), listeners, SIGHUP reload.
 *
 *	iossim [-v] LAB.json
 *
 * Prints "ready N" on stdout once all N router ports listen (and again
 * after each successful reload).
 */
#include <sys/resource.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "util.h"
#include "iossim.h"

/* Old-IOS profile (Cisco-1.25 era): what many 12.x/15.x boxes offer. */
#define LEGACY_KEX	"diffie-hellman-group14-sha1"
#define LEGACY_HOSTKEY	"ssh-rsa"
#define LEGACY_CIPHERS	"aes128-cbc,aes256-cbc"
#define LEGACY_MACS	"hmac-sha1"

static int
listen_socket(const char *addr, int port)
{
	struct sockaddr_storage	 ss;
	struct sockaddr_in	*sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6	*sin6 = (struct sockaddr_in6 *)&ss;
	socklen_t		 sl;
	int			 fd, one = 1;

	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, addr, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		sl = sizeof(*sin);
	} else if (inet_pton(AF_INET6, addr, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		sl = sizeof(*sin6);
	} else {
		log_warnx("listen address %s: not an IP address", addr);
		return -1;
	}
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0);
	if (fd == -1) {
		log_warn("socket");
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, sl) == -1 ||
	    listen(fd, 128) == -1) {
		log_warn("%s port %d", addr, port);
		close(fd);
		return -1;
	}
	return fd;
}

static void
router_accept(evutil_socket_t lfd, short what, void *arg)
{
	struct router	*r = arg;
	int		 fd, n;

	(void)what;
	/* A bounded batch, so one busy port cannot starve the others. */
	for (n = 0; n < 64; n++) {
		fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd == -1) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR && errno != ECONNABORTED)
				log_warn("%s: accept", r->ri->name);
			return;
		}
		sess_accept(r, fd);
	}
}

static int
bind_opt(ssh_bind b, enum ssh_bind_options_e o, const void *v)
{
	return ssh_bind_options_set(b, o, v) == SSH_OK ? 0 : -1;
}

/*
 * A fresh ssh_bind holds the router's key and algorithms; new connections
 * use it, existing sessions keep what they negotiated.
 */
int
router_configure(struct router *r, struct rinst *ri)
{
	ssh_bind	 b;
	bool		 no = false;
	int		 rc = 0;

	if ((b = ssh_bind_new()) == NULL)
		fatalx("ssh_bind_new");
	rc |= bind_opt(b, SSH_BIND_OPTIONS_PROCESS_CONFIG, &no);
	rc |= bind_opt(b, SSH_BIND_OPTIONS_BANNER, ri->def->legacy ?
	    "Cisco-1.25" : "Cisco-2.0");
	if (ri->def->legacy) {
		rc |= bind_opt(b, SSH_BIND_OPTIONS_KEY_EXCHANGE, LEGACY_KEX);
		rc |= bind_opt(b, SSH_BIND_OPTIONS_HOSTKEY_ALGORITHMS,
		    LEGACY_HOSTKEY);
		rc |= bind_opt(b, SSH_BIND_OPTIONS_CIPHERS_C_S, LEGACY_CIPHERS);
		rc |= bind_opt(b, SSH_BIND_OPTIONS_CIPHERS_S_C, LEGACY_CIPHERS);
		rc |= bind_opt(b, SSH_BIND_OPTIONS_HMAC_C_S, LEGACY_MACS);
		rc |= bind_opt(b, SSH_BIND_OPTIONS_HMAC_S_C, LEGACY_MACS);
	}
	/* The bind takes ownership of the key. */
	if (rc == 0 && bind_opt(b, SSH_BIND_OPTIONS_IMPORT_KEY, ri->key) == 0)
		ri->key = NULL;
	else
		rc = -1;
	if (rc != 0) {
		log_warnx("%s: cannot set up the SSH server: %s", ri->name,
		    ssh_get_error(b));
		ssh_bind_free(b);
		return -1;
	}
	if (r->bind != NULL)
		ssh_bind_free(r->bind);
	r->bind = b;
	r->ri = ri;
	return 0;
}

struct router *
router_open(struct sim *sim, struct rinst *ri)
{
	struct router	*r;
	int		 fd;

	if ((fd = listen_socket(sim->lab->listen, ri->port)) == -1)
		return NULL;
	r = xcalloc(1, sizeof(*r));
	r->sim = sim;
	r->fd = fd;
	r->epoch_ms = mono_ms();
	TAILQ_INIT(&r->sessions);
	if (router_configure(r, ri) == -1) {
		close(fd);
		free(r);
		return NULL;
	}
	r->ev = event_new(sim->base, fd, EV_READ | EV_PERSIST, router_accept,
	    r);
	event_add(r->ev, NULL);
	TAILQ_INSERT_TAIL(&sim->routers, r, entry);
	log_debug("%s: listening on port %d", ri->name, ri->port);
	return r;
}

void
router_close(struct router *r)
{
	struct sess	*s;

	while ((s = TAILQ_FIRST(&r->sessions)) != NULL)
		sess_destroy(s);
	event_free(r->ev);
	close(r->fd);
	ssh_bind_free(r->bind);
	free(r);
}

static struct router *
router_by_port(struct sim *sim, int port)
{
	struct router	*r;

	TAILQ_FOREACH(r, &sim->routers, entry)
		if (r->ri->port == port)
			return r;
	return NULL;
}

static int
same_timeline(const struct rdef *a, const struct rdef *b)
{
	if (a->states_sig == NULL || b->states_sig == NULL)
		return a->states_sig == b->states_sig;
	return strcmp(a->states_sig, b->states_sig) == 0 &&
	    a->repeat == b->repeat;
}

static size_t
count_routers(struct sim *sim)
{
	struct router	*r;
	size_t		 n = 0;

	TAILQ_FOREACH(r, &sim->routers, entry)
		n++;
	return n;
}

static void
announce_ready(struct sim *sim)
{
	printf("ready %zu\n", count_routers(sim));
	fflush(stdout);
}

/*
 * Apply a new lab: routers are matched by port. A kept router gets the
 * new definition (its sessions see it at their next command) and a new
 * ssh_bind; its timeline restarts only if its "states" changed.
 */
static void
sim_reload(struct sim *sim)
{
	struct lab	*lab, *old = sim->lab;
	struct router	*r, *rn;
	char		*err;
	size_t		 i;

	if ((lab = lab_load(sim->labpath, &err)) == NULL) {
		log_warnx("reload failed, keeping the old lab: %s", err);
		free(err);
		return;
	}
	sim->lab = lab;
	TAILQ_FOREACH(r, &sim->routers, entry)
		r->seen = 0;
	for (i = 0; i < lab->nrouters; i++) {
		struct rinst	*ri = &lab->routers[i];

		if ((r = router_by_port(sim, ri->port)) == NULL) {
			if ((r = router_open(sim, ri)) != NULL)
				r->seen = 1;
			continue;
		}
		if (!same_timeline(r->ri->def, ri->def))
			r->epoch_ms = mono_ms();
		r->seen = 1;
		if (router_configure(r, ri) == -1) {
			log_warnx("%s: dropped", ri->name);
			r->seen = 0;
		}
	}
	for (r = TAILQ_FIRST(&sim->routers); r != NULL; r = rn) {
		rn = TAILQ_NEXT(r, entry);
		if (r->seen)
			continue;
		log_info("port %d: router removed", r->ri->port);
		TAILQ_REMOVE(&sim->routers, r, entry);
		router_close(r);
	}
	lab_free(old);
	lab_write_known_hosts(lab);
	log_info("reloaded %s: %zu routers", sim->labpath, lab->nrouters);
	announce_ready(sim);
}

static void
on_signal(evutil_socket_t sig, short what, void *arg)
{
	struct sim	*sim = arg;

	(void)what;
	if (sig == SIGHUP)
		sim_reload(sim);
	else
		event_base_loopbreak(sim->base);
}

static void
raise_nofile(void)
{
	struct rlimit	 rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		return;
	rl.rlim_cur = rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl) == -1)
		log_warn("setrlimit");
}

static void
sim_start(struct sim *sim)
{
	char	*err;
	size_t	 i;

	if ((sim->lab = lab_load(sim->labpath, &err)) == NULL)
		fatalx("%s", err);
	for (i = 0; i < sim->lab->nrouters; i++)
		if (router_open(sim, &sim->lab->routers[i]) == NULL)
			fatalx("%s: cannot listen on port %d",
			    sim->lab->routers[i].name,
			    sim->lab->routers[i].port);
	if (lab_write_known_hosts(sim->lab) == -1)
		fatalx("cannot write %s", sim->lab->known_hosts_out);
	sim->ev_hup = evsignal_new(sim->base, SIGHUP, on_signal, sim);
	sim->ev_term = evsignal_new(sim->base, SIGTERM, on_signal, sim);
	sim->ev_int = evsignal_new(sim->base, SIGINT, on_signal, sim);
	evsignal_add(sim->ev_hup, NULL);
	evsignal_add(sim->ev_term, NULL);
	evsignal_add(sim->ev_int, NULL);
}

static void
sim_stop(struct sim *sim)
{
	struct router	*r;

	while ((r = TAILQ_FIRST(&sim->routers)) != NULL) {
		TAILQ_REMOVE(&sim->routers, r, entry);
		router_close(r);
	}
	event_free(sim->ev_hup);
	event_free(sim->ev_term);
	event_free(sim->ev_int);
	lab_free(sim->lab);
	event_base_free(sim->base);
}

static _Noreturn void
usage(void)
{
	fprintf(stderr, "usage: iossim [-v] LAB.json\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct sim	 sim;
	int		 ch;

	memset(&sim, 0, sizeof(sim));
	while ((ch = getopt(argc, argv, "v")) != -1) {
		if (ch == 'v')
			sim.verbose++;
		else
			usage();
	}
	if (optind + 1 != argc)
		usage();
	log_init(sim.verbose, LOG_FORMAT_LOGFMT, 0);
	signal(SIGPIPE, SIG_IGN);
	raise_nofile();
	ssh_init();
	sim.labpath = argv[optind];
	sim.start_ms = mono_ms();
	TAILQ_INIT(&sim.routers);
	if ((sim.base = event_base_new()) == NULL)
		fatalx("event_base_new");
	sim_start(&sim);
	announce_ready(&sim);
	event_base_dispatch(sim.base);
	log_info("exiting");
	sim_stop(&sim);
	ssh_finalize();
	return 0;
}

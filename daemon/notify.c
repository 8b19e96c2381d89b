/*
 * notify.c: tell systemd how the daemon is doing (sd_notify, see
 * sd_notify(3)), without linking libsystemd.
 *
 * Type=notify: READY=1 once the config is loaded, the database open and
 * the routers scheduled, so `systemctl start` returns when polling has
 * begun, not when the process exists. WATCHDOG=1 comes from a timer on the
 * event loop itself: a loop stuck in a blocking call stops sending it and
 * systemd restarts the service. STATUS= is what `systemctl status` shows.
 *
 * A failed send is logged once per run of failures and is never fatal:
 * the daemon's job is polling routers, not talking to systemd.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "ipsecwatchd.h"
#include "log.h"
#include "notify.h"

/* STATUS= is refreshed at least this often (and WATCHDOG=1 sent). */
#define NOTIFY_STATUS_S		5

/* "/path" or "@abstract" into a sockaddr_un; -1 if unusable. */
static int
notify_addr(struct notify *n, const char *path)
{
	size_t	 len = strlen(path);

	if ((path[0] != '/' && path[0] != '@') || len < 2 ||
	    len >= sizeof(n->addr.sun_path))
		return -1;
	memset(&n->addr, 0, sizeof(n->addr));
	n->addr.sun_family = AF_UNIX;
	memcpy(n->addr.sun_path, path, len);
	if (path[0] == '@')
		n->addr.sun_path[0] = '\0';
	/* An abstract name's length counts; a path's NUL does no harm. */
	n->addrlen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len +
	    (path[0] == '/'));
	return 0;
}

/* WATCHDOG_PID, when set, must name us: a parent's watchdog is not ours. */
static long long
notify_watchdog_us(void)
{
	const char	*usec = getenv("WATCHDOG_USEC");
	const char	*pid = getenv("WATCHDOG_PID");
	char		*end;
	long long	 us;

	if (usec == NULL)
		return 0;
	if (pid != NULL && strtol(pid, NULL, 10) != (long)getpid())
		return 0;
	errno = 0;
	us = strtoll(usec, &end, 10);
	if (errno != 0 || *end != '\0' || us <= 0) {
		log_warnx("sd_notify: WATCHDOG_USEC=%s ignored", usec);
		return 0;
	}
	return us;
}

void
notify_init(struct notify *n)
{
	const char	*path = getenv("NOTIFY_SOCKET");

	memset(n, 0, sizeof(*n));
	n->fd = -1;
	if (path == NULL || path[0] == '\0')
		return;
	if (notify_addr(n, path) != 0) {
		log_warnx("sd_notify: NOTIFY_SOCKET=%s unusable; not notifying",
		    path);
		return;
	}
	if ((n->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1) {
		log_warn("sd_notify: socket");
		return;
	}
	n->watchdog_us = notify_watchdog_us();
}

static void
notify_send(struct notify *n, const char *msg)
{
	if (n->fd == -1)
		return;
	if (sendto(n->fd, msg, strlen(msg), MSG_NOSIGNAL,
	    (struct sockaddr *)&n->addr, n->addrlen) == -1) {
		if (!n->failing)
			log_warn("sd_notify: send to NOTIFY_SOCKET");
		n->failing = 1;
		return;
	}
	if (n->failing)
		log_info("sd_notify: sending to NOTIFY_SOCKET again");
	n->failing = 0;
}

/* "37 routers: 30 polling ok, 7 failing; 12 open alerts". */
static void
notify_status_text(struct daemon *d, char *buf, size_t len)
{
	struct router	*r;
	size_t		 n = 0, ok = 0, failing = 0, pending = 0, alerts = 0, i;
	char		 waiting[48] = "";

	TAILQ_FOREACH(r, &d->routers, entry) {
		n++;
		if (r->failures > 0)
			failing++;
		else if (r->stats.polls_ok > 0)
			ok++;
		else
			pending++;
		for (i = 0; i < r->ntracked; i++)
			if (r->tracked[i].id != 0)
				alerts++;
	}
	if (pending > 0)
		snprintf(waiting, sizeof(waiting), ", %zu not polled yet",
		    pending);
	snprintf(buf, len, "%zu router%s: %zu polling ok, %zu failing%s; "
	    "%zu open alert%s", n, n == 1 ? "" : "s", ok, failing, waiting,
	    alerts, alerts == 1 ? "" : "s");
}

/* prefix (may be empty) then STATUS=, if forced or it changed. */
static void
notify_status(struct daemon *d, const char *prefix, int force)
{
	char	 text[sizeof(d->notify.status)], msg[256];

	notify_status_text(d, text, sizeof(text));
	if (!force && strcmp(text, d->notify.status) == 0)
		return;
	snprintf(d->notify.status, sizeof(d->notify.status), "%s", text);
	snprintf(msg, sizeof(msg), "%sSTATUS=%s", prefix, text);
	notify_send(&d->notify, msg);
}

static void
on_tick(evutil_socket_t fd, short what, void *arg)
{
	struct daemon	*d = arg;

	(void)fd;
	(void)what;
	if (d->notify.watchdog_us > 0)
		notify_send(&d->notify, "WATCHDOG=1");
	if (!d->stopping)
		notify_status(d, "", 0);
}

/*
 * Half the watchdog period, as sd_watchdog_enabled(3) advises, and at
 * least every NOTIFY_STATUS_S so that `systemctl status` is never far
 * behind the alerts.
 */
static void
notify_arm(struct daemon *d)
{
	struct notify	*n = &d->notify;
	struct timeval	 tv = { NOTIFY_STATUS_S, 0 };

	if (n->watchdog_us > 0 && n->watchdog_us / 2 < NOTIFY_STATUS_S * 1000000LL) {
		tv.tv_sec = (time_t)(n->watchdog_us / 2 / 1000000);
		tv.tv_usec = (suseconds_t)(n->watchdog_us / 2 % 1000000);
	}
	if ((n->ev_tick = event_new(d->base, -1, EV_PERSIST, on_tick, d)) ==
	    NULL || event_add(n->ev_tick, &tv) != 0)
		log_warnx("sd_notify: cannot arm the watchdog timer");
}

/* Not after STOPPING=1: a SIGHUP while stopping must not look ready. */
void
notify_ready(struct daemon *d)
{
	if (d->notify.fd == -1 || d->stopping)
		return;
	notify_status(d, "READY=1\n", 1);
	if (d->notify.ev_tick == NULL)
		notify_arm(d);
}

/* MONOTONIC_USEC lets a newer systemd (Type=notify-reload) order it. */
void
notify_reloading(struct daemon *d)
{
	struct timespec	 ts;
	char		 msg[64];

	if (d->notify.fd == -1 || d->stopping)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	snprintf(msg, sizeof(msg), "RELOADING=1\nMONOTONIC_USEC=%lld",
	    (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000);
	notify_send(&d->notify, msg);
}

void
notify_stopping(struct daemon *d)
{
	notify_send(&d->notify, "STOPPING=1");
}

void
notify_close(struct notify *n)
{
	if (n->ev_tick != NULL)
		event_free(n->ev_tick);
	n->ev_tick = NULL;
	if (n->fd != -1)
		close(n->fd);
	n->fd = -1;
}

/*
 * notify.h: the sd_notify protocol (READY, RELOADING, STOPPING, STATUS,
 * WATCHDOG) without libsystemd: one datagram per message to the socket
 * systemd names in $NOTIFY_SOCKET. Without it every call is a no-op.
 */
#ifndef IPSECWATCHD_NOTIFY_H
#define IPSECWATCHD_NOTIFY_H

#include <sys/socket.h>
#include <sys/un.h>

struct daemon;
struct event;

/* Lives in struct daemon: no state of its own outside it. */
struct notify {
	int			 fd;		/* -1: not run by systemd */
	struct sockaddr_un	 addr;
	socklen_t		 addrlen;
	int			 failing;	/* the last send failed (logged) */
	long long		 watchdog_us;	/* 0: no watchdog */
	struct event		*ev_tick;	/* watchdog and STATUS refresh */
	char			 status[160];	/* the STATUS= last sent */
};

/* Read $NOTIFY_SOCKET and $WATCHDOG_USEC/$WATCHDOG_PID; fd -1 if unset. */
void	notify_init(struct notify *);
/* READY=1 with the first STATUS=; arms the tick on d->base. */
void	notify_ready(struct daemon *);
void	notify_reloading(struct daemon *);
void	notify_stopping(struct daemon *);
void	notify_close(struct notify *);

#endif

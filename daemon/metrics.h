/*
 * metrics.h: the optional HTTP listener (/metrics for Prometheus,
 * /healthz), off unless the config sets metrics_listen.
 */
#ifndef IPSECWATCHD_METRICS_H
#define IPSECWATCHD_METRICS_H

struct config;
struct daemon;
struct metrics;
struct router;

/*
 * Listen on conf->metrics_addr:metrics_port. NULL when metrics_listen is
 * not set; fatal when the address cannot be bound (the operator asked for
 * it: running without it would fail silently).
 */
struct metrics	*metrics_start(struct daemon *);
void		 metrics_free(struct metrics *);
/*
 * A reload never moves the listener: a changed metrics_listen is logged
 * as needing a restart, and the running one is kept in nc.
 */
void		 metrics_reload(struct daemon *, struct config *nc);
/* A poll finished (status as recorded): the router's figures. */
void		 metrics_poll_done(struct router *, const char *status);

#endif

/*
 * alert.h: the alert lifecycle (raise once, update, clear) after each poll.
 */
#ifndef IPSECWATCHD_ALERT_H
#define IPSECWATCHD_ALERT_H

#include <time.h>

struct daemon;
struct router;

void	 alert_history_push(struct router *, const char *snapshot_json,
	    const char *status, const char *error, time_t at);
void	 alert_after_poll(struct daemon *, struct router *);
void	 alert_adopt_open(struct daemon *);
void	 alert_router_free(struct router *);
/* A changed router's alerts follow it to its new session. */
void	 alert_router_move(struct router *to, struct router *from);
/* A removed router's open alerts are cleared (logged once). */
void	 alert_router_removed(struct daemon *, struct router *);

#endif

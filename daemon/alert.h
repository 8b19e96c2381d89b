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

#endif

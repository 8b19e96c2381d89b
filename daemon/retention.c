/*
 * retention.c: old history goes, a small batch at a time.
 *
 * Every RETENTION_EVERY_S (and RETENTION_FIRST_S after start) a pass
 * deletes the polls started more than retention_days ago, with their
 * commands, outputs, snapshots and typed rows, then the alerts cleared
 * more than alert_retention_days ago. Open alerts are never deleted.
 *
 * The daemon's polls are written from the same event loop, so a batch
 * that held the write lock for long would delay them: each batch is one
 * short transaction of RETENTION_BATCH rows, and the loop runs (sessions,
 * timers, poll writes) between two batches. The longest batch is logged.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "ipsecwatchd.h"
#include "log.h"
#include "store.h"
#include "util.h"

#define RETENTION_FIRST_S	5	/* first pass soon after start */
#define RETENTION_EVERY_S	600
#define RETENTION_BATCH		100	/* polls (about 20 rows each) per batch */
#define RETENTION_BATCH_MIN	10
#define RETENTION_SLOW_MS	50	/* a slower batch halves the next one */
#define RETENTION_PAUSE_MS	10	/* the loop's turn between two batches */

static void	on_retention(evutil_socket_t, short, void *);

static void
retention_schedule(struct daemon *d, int64_t ms)
{
	struct timeval	 tv = { (time_t)(ms / 1000), (suseconds_t)(ms % 1000) * 1000 };

	evtimer_add(d->ret.ev, &tv);
}

/* "now - days" as the store's ISO 8601 UTC text. */
static void
cutoff(int days, char *buf, size_t len)
{
	struct timespec	 ts;

	wall_now(&ts);
	ts.tv_sec -= (time_t)days * 86400;
	iso8601_utc(&ts, buf, len);
}

static void
retention_begin(struct daemon *d)
{
	struct retention	*rt = &d->ret;

	cutoff(d->conf->retention_days, rt->polls_before,
	    sizeof(rt->polls_before));
	cutoff(d->conf->alert_retention_days, rt->alerts_before,
	    sizeof(rt->alerts_before));
	rt->running = 1;
	rt->alerts_phase = 0;
	rt->polls = rt->alerts = 0;
	rt->batches = 0;
	rt->longest_ms = 0;
	rt->batch = RETENTION_BATCH;
}

static void
retention_end(struct daemon *d)
{
	struct retention	*rt = &d->ret;

	if (rt->polls > 0 || rt->alerts > 0)
		log_debug("retention: deleted %lld polls started before %s and "
		    "%lld alerts cleared before %s, in %d batches, longest %lld ms",
		    (long long)rt->polls, rt->polls_before, (long long)rt->alerts,
		    rt->alerts_before, rt->batches, (long long)rt->longest_ms);
	rt->running = 0;
	retention_schedule(d, RETENTION_EVERY_S * 1000LL);
}

/* One batch; returns 1 when more remains, 0 when the pass is done, -1. */
static int
retention_step(struct daemon *d)
{
	struct retention	*rt = &d->ret;
	char			 err[512];
	int64_t			 t0 = mono_ms(), took;
	int			 n, more;

	if (!rt->alerts_phase)
		n = store_prune_polls(d->store, rt->polls_before, rt->batch,
		    err, sizeof(err));
	else
		n = store_prune_alerts(d->store, rt->alerts_before, rt->batch,
		    err, sizeof(err));
	if (n == -1) {
		log_warnx("retention: %s; retrying in %d s", err,
		    RETENTION_EVERY_S);
		return -1;
	}
	took = mono_ms() - t0;
	rt->batches++;
	rt->longest_ms = MAXIMUM(rt->longest_ms, took);
	more = n == rt->batch;
	/* A slow disk gets smaller batches; a fast one grows them back. */
	if (took > RETENTION_SLOW_MS)
		rt->batch = MAXIMUM(rt->batch / 2, RETENTION_BATCH_MIN);
	else if (took < RETENTION_SLOW_MS / 4)
		rt->batch = MINIMUM(rt->batch * 2, RETENTION_BATCH);
	if (!rt->alerts_phase) {
		rt->polls += n;
		if (!more)
			rt->alerts_phase = 1;
		return 1;
	}
	rt->alerts += n;
	return more;
}

static void
on_retention(evutil_socket_t fd, short what, void *arg)
{
	struct daemon	*d = arg;

	(void)fd;
	(void)what;
	if (d->stopping)
		return;
	if (!d->ret.running)
		retention_begin(d);
	switch (retention_step(d)) {
	case 1:
		retention_schedule(d, RETENTION_PAUSE_MS);
		break;
	case 0:
		retention_end(d);
		break;
	default:
		d->ret.running = 0;
		retention_schedule(d, RETENTION_EVERY_S * 1000LL);
		break;
	}
}

void
retention_start(struct daemon *d)
{
	d->ret.ev = evtimer_new(d->base, on_retention, d);
	if (d->ret.ev == NULL)
		fatalx("retention: evtimer_new failed");
	retention_schedule(d, RETENTION_FIRST_S * 1000LL);
}

void
retention_stop(struct daemon *d)
{
	if (d->ret.ev != NULL)
		event_free(d->ret.ev);
	d->ret.ev = NULL;
}

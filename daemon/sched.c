/*
 * sched.c: when each router is polled, and the cap on key exchanges.
 *
 * First polls are spread uniformly across the interval so that a restart
 * with a thousand routers does not open a thousand sessions at once; each
 * later tick is the previous one plus the interval, moved by up to
 * +/- jitter% so that routers started together drift apart. Ticks missed
 * while a poll overran are skipped, never piled up.
 */
#include "ipsecwatchd.h"
#include "log.h"
#include "util.h"

int64_t
sched_first_delay_ms(int interval_s)
{
	return (int64_t)rand_uniform((uint32_t)interval_s * 1000);
}

int64_t
sched_next_due_ms(int64_t prev_due_ms, int interval_s, int jitter_pct,
    int64_t now_ms)
{
	int64_t	 interval_ms = (int64_t)interval_s * 1000;
	int64_t	 span, next;

	span = interval_ms * jitter_pct / 100;
	next = prev_due_ms + interval_ms;
	if (span > 0)
		next += (int64_t)rand_uniform((uint32_t)(2 * span + 1)) - span;
	/* Skip the ticks we are already past: an overrun is not a backlog. */
	while (next <= now_ms)
		next += interval_ms;
	return next;
}

/* 5 s, 10 s, 20 s, ... up to max_s, with +/- 20% jitter. */
int
sched_backoff_s(int failures, int max_s)
{
	int64_t	 b = 5;
	int	 i, spread;

	for (i = 1; i < failures && b < max_s; i++)
		b *= 2;
	if (b > max_s)
		b = max_s;
	spread = (int)(b / 5);
	if (spread > 0)
		b += (int64_t)rand_uniform((uint32_t)(2 * spread + 1)) - spread;
	return b < 1 ? 1 : (int)b;
}

/*
 * Key exchange is the CPU-heavy part of a session: at most
 * conf->max_connecting routers are between TCP connect and the shell at
 * once. The others wait in FIFO order and are woken with RE_SLOT.
 */
int
slot_acquire(struct router *r)
{
	struct daemon	*d = r->d;

	if (r->has_slot)
		return 1;
	if (d->connecting < d->conf->max_connecting) {
		d->connecting++;
		r->has_slot = 1;
		log_debug("router %s: key-exchange slots: %d/%d in use",
		    r->rc->name, d->connecting, d->conf->max_connecting);
		return 1;
	}
	if (!r->in_slot_queue) {
		TAILQ_INSERT_TAIL(&d->slot_queue, r, slot_entry);
		r->in_slot_queue = 1;
	}
	return 0;
}

void
slot_release(struct router *r)
{
	struct daemon	*d = r->d;
	struct router	*next;

	if (r->in_slot_queue) {
		TAILQ_REMOVE(&d->slot_queue, r, slot_entry);
		r->in_slot_queue = 0;
	}
	if (!r->has_slot)
		return;
	r->has_slot = 0;
	d->connecting--;
	if (d->stopping)
		return;
	while (d->connecting < d->conf->max_connecting &&
	    (next = TAILQ_FIRST(&d->slot_queue)) != NULL) {
		TAILQ_REMOVE(&d->slot_queue, next, slot_entry);
		next->in_slot_queue = 0;
		d->connecting++;
		next->has_slot = 1;
		log_debug("router %s: key-exchange slots: %d/%d in use",
		    next->rc->name, d->connecting, d->conf->max_connecting);
		router_fsm(next, RE_SLOT);
	}
}

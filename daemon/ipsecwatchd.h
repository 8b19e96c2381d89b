/*
 * ipsecwatchd.h: the daemon's context, its routers and their state machine.
 *
 * Everything mutable lives in struct daemon (one per process, owned by
 * main) and in the routers hanging off it: no other global state.
 */
#ifndef IPSECWATCHD_H
#define IPSECWATCHD_H

#include <sys/queue.h>

/* glibc's queue.h lacks the _SAFE variant that removal during a walk needs. */
#ifndef TAILQ_FOREACH_SAFE
#define TAILQ_FOREACH_SAFE(var, head, field, tvar)			\
	for ((var) = TAILQ_FIRST(head);					\
	    (var) != NULL && ((tvar) = TAILQ_NEXT(var, field), 1);	\
	    (var) = (tvar))
#endif

#include <event2/event.h>
#include <libssh/libssh.h>
#include <stdint.h>
#include <time.h>

#include "config.h"
#include "ioscli.h"
#include "notify.h"
#include "salt.h"
#include "shard.h"
#include "store.h"

/* The router session FSM's states; see router.c for the transitions. */
enum router_state {
	RS_IDLE = 0,	/* no session; waiting for the next poll */
	RS_WAIT_SLOT,	/* a poll is due; waiting for a key-exchange slot */
	RS_CONNECT,	/* TCP connect and key exchange (ssh_connect) */
	RS_AUTH,	/* host key verified; authenticating */
	RS_CHANNEL,	/* opening the channel, pty and shell */
	RS_PREP,	/* prompt, enable, terminal length/width */
	RS_READY,	/* session open, between polls */
	RS_EXEC,	/* running the poll's commands, one at a time */
	RS_BACKOFF,	/* the last attempt failed; waiting before the next */
	RS_STOPPED	/* removed by a reload or the daemon is stopping */
};

enum router_event {
	RE_POLL_DUE = 0,	/* the poll timer fired */
	RE_SLOT,		/* a key-exchange slot became free */
	RE_IO,			/* the session's fd is ready */
	RE_TIMEOUT,		/* the state's timer expired */
	RE_NUDGE,		/* the banner has been quiet */
	RE_STOP			/* reload removed it, or shutdown */
};

/* Sub-steps of RS_AUTH and RS_CHANNEL: libssh wants the SAME call again. */
enum auth_step { AUTH_NONE = 0, AUTH_PUBKEY, AUTH_PASSWORD, AUTH_KBDINT };
enum chan_step { CHAN_OPEN = 0, CHAN_PTY, CHAN_SHELL };

/* One command's outcome within the poll in flight. */
struct cmd_outcome {
	char		*command;	/* a copy: the config may be reloaded */
	const char	*status;	/* "ok", "error", "timeout", "truncated", "skipped" */
	size_t		 bytes;
	int64_t		 started_ms;
	int64_t		 duration_ms;
	char		*error;
	char		*output;	/* kept only when keep_raw_output */
	size_t		 output_len;
};

struct router_stats {
	uint64_t	 polls_ok;
	uint64_t	 polls_failed;
	uint64_t	 overruns;
	uint64_t	 connects;
	uint64_t	 bytes;
	/* The last finished poll, for /metrics (metrics.c). */
	int		 last_ok;	/* it reached the router and ran the commands */
	int64_t		 last_duration_ms;
	struct timespec	 last_success;	/* wall clock; 0 before the first */
};

/* One tunnel (a peer) as the router's latest poll shows it, for /metrics. */
struct tunnel_stat {
	char		 peer[64];
	int		 phase1_up;	/* 1, 0, -1 unknown */
	int		 phase1_step;	/* 0 no IKE SA, 1..7 (phase1.h), -1 unknown */
	int64_t		 ipsec_sas;	/* inbound + outbound ESP/AH; -1 unknown */
	int		 have_counters;
	uint64_t	 encaps;	/* summed over the peer's flows */
	uint64_t	 decaps;
};

struct daemon;
struct metrics;

#define ROUTER_HIST	3	/* snapshots kept for the over-time checks */
#define ROUTER_ADDRS	16

/* One past poll, as the diagnosis sees it (JSON text: compact in memory). */
struct router_hist {
	char		*json;		/* {probe: result}, "{}" for a failed poll */
	char		 status[16];
	char		*error;
	time_t		 at;
};

/* A finding followed across polls (alert.c). */
struct tracked {
	char		 kind[40];
	char		 peer[64];
	char		 cause[40];
	int64_t		 id;		/* the open alert, 0 when none */
	int		 seen;		/* consecutive polls with the finding */
	int		 clear;		/* consecutive polls without it */
	int		 present;	/* in this poll's findings */
};

struct router {
	TAILQ_ENTRY(router)	 entry;		/* daemon->routers */
	TAILQ_ENTRY(router)	 slot_entry;	/* daemon->slot_queue */
	struct daemon		*d;
	const struct router_conf *rc;		/* points into d->conf */
	enum router_state	 state;

	ssh_session		 ssh;
	ssh_channel		 chan;
	struct ioscli		*cli;
	struct event		*ev_read;	/* persistent EV_READ on the ssh fd */
	struct event		*ev_write;	/* one-shot EV_WRITE when libssh must flush */
	struct event		*ev_timer;	/* the current state's timeout */
	struct event		*ev_poll;	/* the poll schedule */
	struct event		*ev_nudge;	/* a quiet banner gets a newline */
	int			 fd;
	int			 has_slot;
	int			 in_slot_queue;
	enum auth_step		 auth_step;
	enum chan_step		 chan_step;
	ssh_key			 privkey;
	char			*secret;	/* password while authenticating, wiped after */

	/* The poll in flight. */
	int			 polling;
	int			 overrun;
	struct timespec		 poll_started;
	int64_t			 poll_started_ms;
	struct cmd_outcome	*cmds;
	size_t			 ncmds;
	size_t			 cmd_index;

	/* What the router is: from the config, or learnt from show version. */
	enum platform		 platform;
	int			 learning;	/* this poll starts with show version */
	uint64_t		 parse_failing;	/* see struct collect_ctx */

	/* Schedule and failure handling. */
	int64_t			 next_due_ms;	/* the regular tick */
	int			 failures;	/* consecutive failed polls */
	int			 backoff_s;
	char			 last_fail[32];	/* last failure kind, for log dedup */
	struct router_stats	 stats;

	/* Diagnosis and alerts. */
	struct router_hist	 hist[ROUTER_HIST];	/* oldest first */
	size_t			 nhist;
	struct tracked		*tracked;
	size_t			 ntracked;
	char			 addrs[ROUTER_ADDRS][64];	/* its own */
	size_t			 naddrs;
	char			 peers[ROUTER_ADDRS][64];	/* its maps' */
	size_t			 npeers;

	/* /metrics: its tunnels from the latest poll (metrics.c). */
	struct tunnel_stat	*tunnels;
	size_t			 ntunnels;
};

TAILQ_HEAD(router_list, router);

/* A retention pass in progress (retention.c). */
struct retention {
	struct event		*ev;
	int			 running;
	int			 alerts_phase;	/* polls done; now cleared alerts */
	char			 polls_before[32];
	char			 alerts_before[32];
	int64_t			 polls;		/* deleted in this pass */
	int64_t			 alerts;
	int			 batch;		/* rows per batch, adapted */
	int			 batches;
	int64_t			 longest_ms;
};

struct daemon {
	struct event_base	*base;
	char			*conf_path;
	struct config		*conf;
	struct store		*store;
	struct router_list	 routers;
	struct router_list	 slot_queue;	/* waiting for a key-exchange slot */
	int			 connecting;	/* slots in use */
	int			 stopping;
	struct event		*ev_sigterm;
	struct event		*ev_sigint;
	struct event		*ev_sighup;
	struct event		*ev_grace;	/* in-flight polls' time to finish */
	unsigned char		 salt[SALT_LEN];	/* key fingerprints */
	int			 have_salt;
	struct retention	 ret;
	struct notify		 notify;	/* systemd's NOTIFY_SOCKET */
	struct shard		 shard;		/* --shard K/N; n == 0 when not */
	struct metrics		*metrics;	/* the HTTP listener, or NULL */
};

/* ipsecwatchd.c */
void		 daemon_stop_check(struct daemon *);

/* router.c */
struct router	*router_new(struct daemon *, const struct router_conf *);
void		 router_free(struct router *);
void		 router_start(struct router *, int64_t first_delay_ms);
void		 router_fsm(struct router *, enum router_event);
const char	*router_state_name(enum router_state);

/* retention.c */
void		 retention_start(struct daemon *);
void		 retention_stop(struct daemon *);

/* sched.c */
int64_t		 sched_first_delay_ms(int interval_s);
int64_t		 sched_next_due_ms(int64_t prev_due_ms, int interval_s,
		    int jitter_pct, int64_t now_ms);
int		 sched_backoff_s(int failures, int max_s);
int		 slot_acquire(struct router *);
void		 slot_release(struct router *);

#endif

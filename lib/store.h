/*
 * store.h: the SQLite history. The only code that sees sqlite3.
 *
 * WAL mode; the schema is the numbered files schema/NNNN_*.sql, compiled
 * into the binary, applied in order inside one transaction each and gated
 * by PRAGMA user_version. A database newer than the binary is refused.
 * One transaction per poll.
 */
#ifndef IPSECWATCH_STORE_H
#define IPSECWATCH_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct store;

struct store_command {
	const char	*command;	/* "show crypto isakmp sa" */
	const char	*status;	/* "ok", "error", "timeout", "truncated", "skipped" */
	size_t		 bytes;		/* bytes of output received */
	int64_t		 duration_ms;
	const char	*error;		/* NULL or the router's % line / reason */
	const char	*output;	/* raw output or NULL; stored only if keep_raw */
	size_t		 output_len;
	/* What the probe made of it (all NULL/0 when no probe ran). */
	const char	*probe;		/* probe name */
	int		 parse_ok;
	const char	*parse_error;
	size_t		 unparsed;
	const char	*records_json;	/* probe_result_json(), no secret in it */
};

struct store_poll {
	const char	*router;	/* the router's name */
	struct timespec	 started_at;	/* wall clock */
	struct timespec	 finished_at;
	const char	*status;	/* "ok", "connect", "hostkey", "auth",
					   "timeout", "command", "closed", "protocol" */
	const char	*error;		/* NULL or text; never a secret */
	int		 overrun;	/* the poll overran its interval */
	const struct store_command *commands;
	size_t		 ncommands;
};

#define STORE_OPEN_READONLY	0x1

/* Returns 0, or -1 with a message in err. Creates and migrates unless read-only. */
int	 store_open(const char *path, int flags, struct store **out,
	    char *err, size_t errlen);
void	 store_close(struct store *);
/* The schema version the binary carries (highest NNNN under schema/). */
int	 store_binary_version(void);
/* The database's PRAGMA user_version. */
int	 store_db_version(struct store *);
/*
 * Run one read-only statement (BEGIN and COMMIT are read-only too: a read
 * transaction) with params (a cJSON array, or NULL) bound as ?1, ?2...
 * *rows: an array with one object per row, keyed by column name (INTEGER
 * and REAL as numbers, TEXT as strings, NULL as null). Returns 0, or -1
 * with a message in err.
 */
struct cJSON;
int	 store_query(struct store *, const char *sql,
	    const struct cJSON *params, struct cJSON **rows,
	    char *err, size_t errlen);
/*
 * Record one poll and its commands in one transaction. When keep_raw is
 * set, outputs are stored after redact_text(). Returns the poll's row id,
 * or -1 with a message in err.
 */
int64_t	 store_record_poll(struct store *, const struct store_poll *,
	    int keep_raw, char *err, size_t errlen);

/* An alert as the store keeps it (JSON arrays as text). */
struct store_alert {
	const char	*router;
	const char	*peer;		/* NULL: router-wide */
	const char	*kind;
	const char	*cause;
	const char	*severity;
	const char	*confidence;
	const char	*summary;
	const char	*evidence;	/* JSON array text */
	const char	*fix;
	const char	*verify;
	const char	*candidates;
};

/* Insert an open alert; returns its id, or -1. */
int64_t	 store_alert_raise(struct store *, const struct store_alert *,
	    const struct timespec *when, char *err, size_t errlen);
/* Replace an open alert's cause, severity, evidence... (cause changed). */
int	 store_alert_update(struct store *, int64_t id,
	    const struct store_alert *, const struct timespec *when,
	    char *err, size_t errlen);
int	 store_alert_clear(struct store *, int64_t id,
	    const struct timespec *when, char *err, size_t errlen);
/* Call fn for every open alert (at start-up: no alert raised twice). */
int	 store_alert_open_each(struct store *,
	    void (*fn)(void *, int64_t id, const char *router,
	    const char *peer, const char *kind, const char *cause), void *arg,
	    char *err, size_t errlen);

/* Call fn for each (kind, severity) that has open alerts, with their count. */
int	 store_open_alert_counts(struct store *,
	    void (*fn)(void *, const char *kind, const char *severity,
	    int64_t count), void *arg, char *err, size_t errlen);

/* Remember the platform learnt from show version. */
int	 store_set_platform(struct store *, const char *router,
	    const char *platform, const char *version, const char *hostname,
	    const struct timespec *when, char *err, size_t errlen);

/*
 * Retention, one short transaction per call: delete at most `batch` of
 * the polls started before `before` (ISO 8601 UTC text), with their
 * commands, outputs, snapshots and typed rows; or of the alerts cleared
 * before it (open alerts are never deleted). Returns the number of polls
 * or alerts deleted (less than batch: nothing older is left), or -1.
 */
int	 store_prune_polls(struct store *, const char *before, int batch,
	    char *err, size_t errlen);
int	 store_prune_alerts(struct store *, const char *before, int batch,
	    char *err, size_t errlen);

#endif

/*
 * query.h: what the read-only subcommands (status, alerts, history,
 * explain, runbook) share: which database and how it is opened, times in
 * and out, a table printer, JSON output.
 */
#ifndef IPSECWATCH_QUERY_H
#define IPSECWATCH_QUERY_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "ipsecwatch.h"

struct store;

/*
 * Open the database read-only: --db PATH, else the `database` of the
 * config (-f, IPSECWATCH_CONFIG, or the default file when it exists),
 * else DEFAULT_DB. Returns 0, or an exit code after a message: 78 bad
 * config, 66 no database, 65 not ours or newer than this binary.
 */
int	 query_open(const struct cmd_opts *, struct store **);
/*
 * One read-only statement; params (an array, or NULL) is consumed.
 * Returns the rows (an array of objects), or NULL after a message.
 */
cJSON	*query_rows(struct store *, const char *sql, cJSON *params);
/* The first row, or NULL when none or on error (*failed set then). */
cJSON	*query_row(struct store *, const char *sql, cJSON *params,
	    int *failed);
/* Run a statement for its effect (BEGIN, COMMIT); 0 or -1. */
int	 query_exec(struct store *, const char *sql);

/*
 * The tunnels of one router, per poll and peer, for the polls that the
 * statement pl_sql selects (columns id, started_at; its ?N parameters are
 * params). Rows: poll_id, started_at, peer, phase1_state (the distinct
 * states of the peer's live Phase 1 SAs, sorted, space-separated; null
 * when none), phase1_up, conn_id, ipsec_sas, pkts_encaps, pkts_decaps
 * (null when the peer has no flow). In time order (started_at, then id),
 * newest first when desc is set. The cost is that of the polls selected.
 */
cJSON	*query_tunnels(struct store *, const char *pl_sql, cJSON *params,
	    int desc);
/*
 * Packets per second between two polls of a tunnel, from its summed
 * counters; a counter that went down means the SA was rebuilt, and the
 * new value is the traffic since. 0, or -1 when either side is unknown
 * (*reset says whether a counter went down).
 */
int	 query_rate(const cJSON *prev, const cJSON *cur, const char *key,
	    double *rate, int *reset);

/*
 * A time as an operator types it: ISO 8601 (2026-11-29,
 * 2026-11-29T08:00, 2026-11-29 08:00:00, with Z or +01:00; no zone is
 * local time) or a span ago (30s, 15m, 1h, 2d, 1w). 0, or -1 when bad.
 */
int	 query_parse_time(const char *, time_t now, struct timespec *);
/*
 * The value of --since/--until as the database writes times (UTC ISO
 * 8601 with ms), into iso (32 bytes); 0, or EXIT_USAGE after a message.
 */
int	 query_time_opt(const char *opt, const char *arg, char *iso,
	    size_t len);
/* A database time ("2026-11-29T06:10:06.123Z") as a time_t; 0 or -1. */
int	 query_db_time(const char *iso, time_t *);
/* A database time in local time, "2026-11-29 07:10:06"; "-" for NULL. */
const char *query_local(const char *iso, char *buf, size_t len);

/* Small accessors: absent or mistyped is NULL / 0. */
const char *q_str(const cJSON *, const char *key);
int	 q_num(const cJSON *, const char *key, double *);
/* A string, or null for NULL or "". */
cJSON	*q_str_or_null(const char *);
/* A copy of the row's value under key, for JSON output (null if absent). */
cJSON	*q_dup(const cJSON *, const char *key);
/* A JSON array kept as text in the database, parsed (an empty array
   when it is not one). */
cJSON	*q_json_array(const char *text);

/*
 * The routers in the database (?1 NULL), or the one named ?1: a loose
 * scan of the polls index, one step per router, not one per poll.
 */
#define QUERY_ROUTERS_CTE "WITH RECURSIVE r(router) AS (" \
	" SELECT min(router) FROM polls WHERE ?1 IS NULL OR router = ?1" \
	" UNION ALL SELECT (SELECT min(q.router) FROM polls q" \
	"  WHERE q.router > r.router AND ?1 IS NULL)" \
	" FROM r WHERE r.router IS NOT NULL)"

/* The columns of an alert, and one as JSON (its arrays parsed). */
#define QUERY_ALERT_COLS "id, router, peer, kind, cause, severity," \
	" confidence, summary, evidence, fix, verify, candidates, raised_at," \
	" updated_at, cleared_at"
cJSON	*query_alert_json(const cJSON *row);

/* Severity rank: critical 3, warning 2, info 1, else 0. */
int	 q_severity_rank(const char *);

void	 query_print_json(const cJSON *);

/*
 * Tables: a header row, column widths from the data, two spaces
 * between columns, no trailing spaces. align: one 'l' or 'r' per column.
 */
struct table;
struct table *table_new(const char *align, ...);	/* headers, NULL */
void	 table_add(struct table *, ...);		/* one string per column */
void	 table_print(const struct table *, FILE *);
void	 table_free(struct table *);

#endif

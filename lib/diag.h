/*
 * diag.h: from snapshots to findings that name the root cause.
 *
 * Input: for each router, its recent snapshots (oldest first), each the
 * probes' JSON results of one poll (the same JSON `ipsecwatch parse`
 * prints and the daemon stores). Output: findings
 * {kind, severity, router, peer, cause, confidence, evidence[], fix[],
 * verify[], candidates[]}. Pure: no I/O, no clock (times come in the
 * snapshots), no globals. The daemon and `ipsecwatch diagnose` run exactly
 * this code.
 *
 * Three layers, one file each:
 *   diag_local.c  one router: each probe's detectors on the latest
 *                 snapshot, and the over-time checks on its history;
 *   diag_pair.c   both ends of a tunnel, when both routers are known;
 *   diag.c        pairing, ranking (a symptom gets the cause its
 *                 evidence supports, or "unknown" with candidates), output.
 */
#ifndef IPSECWATCH_DIAG_H
#define IPSECWATCH_DIAG_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "platform.h"

/* Kinds (stable ids: the JSON, the log and the database use them). */
#define K_PHASE1_DOWN		"phase1_down"
#define K_PHASE1_STUCK		"phase1_stuck"
#define K_PHASE2_MISSING	"phase2_missing"
#define K_COUNTERS_ZERO		"counters_zero"
#define K_ONE_WAY		"one_way_traffic"
#define K_DPD_LOOP		"dpd_teardown_loop"
#define K_DPD_AGGRESSIVE	"dpd_aggressive"
#define K_DPD_ASYMMETRIC	"dpd_asymmetric"
#define K_NATT			"natt_not_enabled"
#define K_PSK			"psk_mismatch"
#define K_NO_ROUTE		"no_route_to_peer"
#define K_WRONG_IF		"crypto_map_wrong_interface"
#define K_P1_PROPOSAL		"phase1_proposal_mismatch"
#define K_P2_TRANSFORM		"phase2_transform_mismatch"
#define K_ACL_MIRROR		"crypto_acl_not_mirrored"
#define K_WEAK_CRYPTO		"weak_crypto"
#define K_POLL_FAILED		"poll_failed"

/* Causes: the seven root causes, or unknown (with candidates). */
#define C_P1_PROPOSAL		"phase1_proposal_mismatch"
#define C_P2_TRANSFORM		"phase2_transform_mismatch"
#define C_ACL_MIRROR		"crypto_acl_not_mirrored"
#define C_DPD			"dpd_misconfiguration"
#define C_NATT			"natt_not_enabled"
#define C_PSK			"psk_mismatch"
#define C_ROUTE			"wrong_interface_or_no_route"
#define C_UNKNOWN		"unknown"

/* Severities and confidences. */
#define S_CRITICAL		"critical"	/* a tunnel is down */
#define S_WARNING		"warning"	/* degraded, or a cause found */
#define S_INFO			"info"		/* advisory (weak crypto) */
#define CONF_HIGH		"high"
#define CONF_MEDIUM		"medium"
#define CONF_LOW		"low"

struct diag_snapshot {
	time_t		 at;		/* when the poll started (UTC) */
	const char	*poll_status;	/* "ok", or the failure kind; NULL = "ok" */
	const char	*poll_error;
	const cJSON	*probes;	/* object: probe name -> result JSON */
};

struct diag_router {
	const char		*name;
	enum platform		 platform;
	const struct diag_snapshot *snaps;	/* oldest first */
	size_t			 nsnaps;
};

struct strv {
	char	**v;
	size_t	  n;
};

struct diag_finding {
	char		 kind[40];
	char		 cause[40];	/* "" for a symptom until ranked */
	char		 severity[12];
	char		 confidence[8];
	char		 router[64];
	char		 peer[64];	/* "" when not about one peer */
	char		 summary[256];
	struct strv	 evidence;	/* the lines seen, "probe: text" */
	struct strv	 fix;		/* IOS configuration that repairs it */
	struct strv	 verify;	/* commands that prove it */
	struct strv	 candidates;	/* causes still possible (unknown) */
};

struct diag_findings {
	struct diag_finding	*v;
	size_t			 n;
	size_t			 cap;
};

struct diag_opts {
	int	 window_s;		/* over-time checks (DPD loop); default 900 */
	int	 stuck_polls;		/* polls at the same step for "stuck"; default 2 */
	int	 dpd_min_interval_s;	/* below: aggressive; default 15 */
	int	 dpd_min_retries;	/* below: aggressive; default 3 */
};

void	 diag_opts_default(struct diag_opts *);

/* Everything: local checks for each router, pair checks, ranking. */
void	 diag_run(const struct diag_router *, size_t, const struct diag_opts *,
	    struct diag_findings *);
void	 diag_findings_free(struct diag_findings *);

/* Give each symptom its cause (or unknown + candidates); diag_run does it. */
void	 diag_rank(struct diag_findings *);

/* The layers (diag_local.c, diag_pair.c). */
void	 diag_local(const struct diag_router *, const struct diag_opts *,
	    struct diag_findings *);
/*
 * a and b are two ends of one tunnel: a_peer is the address a's crypto
 * map points at (b's side), b_peer the address b points at (a's side).
 */
void	 diag_pair(const struct diag_router *a, const char *a_peer,
	    const struct diag_router *b, const char *b_peer,
	    const struct diag_opts *, struct diag_findings *);

/* Building findings. */
struct diag_finding *diag_add(struct diag_findings *, const char *kind,
	    const char *severity, const char *router, const char *peer);
void	 diag_summary(struct diag_finding *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 diag_evidence(struct diag_finding *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 diag_fix(struct diag_finding *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 diag_verify(struct diag_finding *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 diag_candidate(struct diag_finding *, const char *cause);
void	 diag_set_cause(struct diag_finding *, const char *cause,
	    const char *confidence);
/* The finding for (kind, router, peer), or NULL. */
struct diag_finding *diag_find(struct diag_findings *, const char *kind,
	    const char *router, const char *peer);

/* JSON accessors shared by the layers (absent or mistyped = unknown). */
const char *diag_jstr(const cJSON *, const char *key);
int	 diag_jbool(const cJSON *, const char *key);	/* 1, 0, -1 unknown */
const cJSON *diag_jarr(const cJSON *, const char *key);
int	 diag_streq(const char *, const char *);	/* both known and equal */

/* Snapshot accessors. */
const cJSON *diag_latest(const struct diag_router *, const char *probe);
const cJSON *diag_probe(const struct diag_snapshot *, const char *probe);
/* The local addresses of a router (crypto map local addr, interfaces). */
size_t	 diag_local_addrs(const struct diag_router *, char addrs[][64],
	    size_t max);
/* The peers its crypto maps point at. */
size_t	 diag_map_peers(const struct diag_router *, char peers[][64],
	    size_t max);
/* Is a (NULL: no) one of addrs[0..n)? */
int	 diag_addr_in(char addrs[][64], size_t n, const char *a);
/* printf formats, one %s for the peer: the router's own syntax. */
const char *diag_cmd_clear_sa(int asa);
const char *diag_cmd_route(int asa);

/* Output. */
cJSON	*diag_finding_json(const struct diag_finding *);
cJSON	*diag_findings_json(const struct diag_findings *);
void	 diag_findings_text(const struct diag_findings *, FILE *);

#endif

/*
 * phase1.h: what the isakmp_sa and isakmp_sa_detail probes share.
 *
 * 1. The Phase 1 state normalisation (docs/phase1-states.md): IOS and
 *    ASA name the same Main Mode step differently (MM_SA_SETUP is
 *    MM_WAIT_MSG3), so every Phase 1 record carries, besides the state as
 *    printed, the Main Mode message the negotiation waits for.
 * 2. The ASA IKEv1 SA blocks ("1   IKE Peer: X", "Type : L2L  Role : ...")
 *    and the legacy PIX/ASA 8.0 one-line table, printed alike by
 *    "show crypto isakmp sa" and "show crypto isakmp sa detail".
 */
#ifndef IPSECWATCH_PHASE1_H
#define IPSECWATCH_PHASE1_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "text.h"

/* phase1_step: the Main Mode message awaited; AM_* are aggressive mode. */
#define PHASE1_STEP_UNKNOWN	-1
#define PHASE1_STEP_AM_MSG2	1	/* AG_NO_STATE */
#define PHASE1_STEP_AM_MSG3	2	/* AG_INIT_EXCH */
#define PHASE1_STEP_AM_AUTH	3	/* AG_AUTH */
#define PHASE1_STEP_MSG2	2	/* MM_NO_STATE, MM_WAIT_MSG2 */
#define PHASE1_STEP_MSG3	3	/* MM_SA_SETUP, MM_WAIT_MSG3 */
#define PHASE1_STEP_MSG4	4	/* MM_WAIT_MSG4 */
#define PHASE1_STEP_MSG5	5	/* MM_KEY_EXCH, MM_WAIT_MSG5 */
#define PHASE1_STEP_MSG6	6	/* MM_KEY_AUTH, MM_WAIT_MSG6 */
#define PHASE1_STEP_DONE	7	/* QM_IDLE, MM_ACTIVE, AM_ACTIVE, READY */

/* Tri-state for what an output may not tell: -1 unknown (JSON null). */
#define TRI_UNKNOWN	-1

struct phase1_state {
	int		 step;		/* PHASE1_STEP_*, -1 unknown state */
	const char	*step_name;	/* "wait_msg2" ..., NULL when unknown */
	int		 up;		/* 1, 0, -1 unknown state */
	int		 aggressive;	/* 1, 0, -1 (QM_IDLE ends either mode) */
};

void	 phase1_classify(const char *state, struct phase1_state *);
/* Adds state, phase1_step, phase1_step_name, phase1_up, aggressive. */
void	 phase1_to_json(const char *state, cJSON *obj);

/* JSON helpers the two probes share: -1 / TRI_UNKNOWN print null. */
void	 json_add_i64_or_null(cJSON *, const char *name, int64_t v);
void	 json_add_tri(cJSON *, const char *name, int v);

#define PHASE1_ADDR_MAX	46	/* INET6_ADDRSTRLEN */

/* An ASA IKE SA: a "N   IKE Peer: X" block or a legacy table row. */
struct asa_ike_sa {
	int64_t		 index;		/* the "1" of "1   IKE Peer:", -1 */
	char		 peer[PHASE1_ADDR_MAX];
	char		 type[16];	/* "L2L", "user", "User"; "" unknown */
	char		 role[16];	/* "initiator", "responder"; "" */
	int		 rekey;		/* 1 yes, 0 no, -1 not shown */
	char		 state[32];	/* as printed: "MM_ACTIVE", "AM_Active" */
	char		 encryption[32];	/* "aes-256", "3des"; "" */
	char		 hash[16];
	char		 auth[24];	/* "preshared", "preshrd" */
	int64_t		 lifetime_s;		/* configured, -1 */
	int64_t		 lifetime_remaining_s;	/* -1 */
};

void	 asa_ike_sa_init(struct asa_ike_sa *);
/* "1   IKE Peer: 203.0.113.1": 1 and a fresh *sa, or 0. */
int	 asa_peer_line(const struct toks *, struct asa_ike_sa *);
/* "Type : L2L  Role : initiator" and the like: 1 when every label is one
   of ours (the values are stored), 0 otherwise (*sa untouched). */
int	 asa_attr_line(const struct toks *, struct asa_ike_sa *);
/* "IKE Peer  Type  Dir  Rky  State [Encrypt Hash Auth Lifetime]" */
int	 asa_legacy_header(const struct toks *);
/* "1 209.165.200.225 User Resp No AM_Active [3des SHA preshrd 86400]" */
int	 asa_legacy_row(const struct toks *, struct asa_ike_sa *);
/* "IKEv1 SAs:", "Active SA: 1", "There are no IKEv2 SAs" ... */
int	 asa_summary_line(const struct toks *);

/* "aes-256" -> 256, "aes256" -> 256; -1 when the name gives no size. */
int64_t	 cipher_key_bits(const char *);

#endif

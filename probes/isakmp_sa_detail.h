/*
 * isakmp_sa_detail.h: "show crypto isakmp sa detail" (IOS, IOS-XE, ASA).
 *
 * IOS: one record per C-id row (and its "Engine-id:Conn-id" line); the
 * row has no Phase 1 state, so state and phase1_* are null there. ASA:
 * one record per "N   IKE Peer:" block (with Encrypt/Hash/Auth/Lifetime)
 * or legacy PIX/ASA 8.0 table row. Unknown values: "" strings, -1
 * numbers, TRI_UNKNOWN (-1) flags; all print as JSON null.
 */
#ifndef IPSECWATCH_ISAKMP_SA_DETAIL_H
#define IPSECWATCH_ISAKMP_SA_DETAIL_H

#include <stddef.h>
#include <stdint.h>

#include "phase1.h"
#include "probe.h"

struct isakmp_sa_detail {
	int64_t		 conn_id;	/* C-id; -1 on ASA */
	char		 local[PHASE1_ADDR_MAX];	/* "" on ASA */
	char		 remote[PHASE1_ADDR_MAX];	/* ASA: the IKE peer */
	char		 fvrf[32];	/* 12.x "f_vrf/i_vrf" column */
	char		 ivrf[32];	/* I-VRF column, usually blank */
	char		 status[16];	/* "ACTIVE"; "" when not printed */
	int		 deleted;	/* "(deleted)"; -1 on ASA */
	char		 encryption[32];	/* as printed: "aes", "aes-256" */
	int64_t		 key_bits;	/* from the name ("aes-256"); -1 */
	char		 hash[16];
	char		 auth[24];	/* "psk", "rsig", "preshared" */
	int64_t		 dh_group;	/* -1: ASA */
	int64_t		 lifetime_s;		/* configured (ASA); -1 */
	int64_t		 lifetime_remaining_s;	/* -1 */
	int		 has_capabilities;	/* IOS: a Cap. column, maybe blank */
	char		 capabilities[16];	/* "D", "N", "" */
	int		 dpd, natt, keepalive, xauth, config_mode, ctcp; /* tri */
	char		 engine_id[16];	/* "SW" of "SW:13"; "" */
	int64_t		 engine_conn_id;	/* 13 of "SW:13"; -1 */
	char		 state[32];	/* ASA only */
	int		 asa;
	struct asa_ike_sa asa_sa;	/* peer, type, role, rekey */
};

struct isakmp_sa_detail_list {
	struct isakmp_sa_detail	*sas;
	size_t			 count;
	size_t			 cap;
};

extern const struct probe probe_isakmp_sa_detail;

#endif

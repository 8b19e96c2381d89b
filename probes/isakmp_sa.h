/*
 * isakmp_sa.h: "show crypto isakmp sa" (IOS, IOS-XE, ASA).
 *
 * One record per IKE SA: an IOS table row (with or without the slot
 * column), an IOS IPv6 three-line block, an ASA "N   IKE Peer:" block or
 * a legacy PIX/ASA 8.0 table row. Unknown values: "" strings, -1 numbers,
 * TRI_UNKNOWN (-1) booleans; all print as JSON null.
 */
#ifndef IPSECWATCH_ISAKMP_SA_H
#define IPSECWATCH_ISAKMP_SA_H

#include <stddef.h>
#include <stdint.h>

#include "phase1.h"
#include "probe.h"

enum isakmp_family {
	ISAKMP_FAMILY_UNKNOWN = 0,
	ISAKMP_FAMILY_IPV4,
	ISAKMP_FAMILY_IPV6
};

struct isakmp_sa {
	enum isakmp_family	 family;	/* from the addresses */
	char			 dst[PHASE1_ADDR_MAX];	/* ASA: the IKE peer */
	char			 src[PHASE1_ADDR_MAX];	/* ASA: "" */
	char			 state[32];	/* as printed */
	int64_t			 conn_id;	/* -1: ASA, PIX */
	int64_t			 slot;		/* -1: no slot column */
	char			 status[16];	/* "ACTIVE", "STDBY"; "" */
	int			 deleted;	/* "ACTIVE (deleted)"; -1 ASA */
	char			 fvrf[32];	/* "f_vrf/i_vrf" column; "" */
	char			 ivrf[32];
	int			 asa;		/* from an ASA format */
	struct asa_ike_sa	 asa_sa;	/* peer, type, role, rekey */
};

struct isakmp_sa_list {
	struct isakmp_sa	*sas;
	size_t			 count;
	size_t			 cap;
};

extern const struct probe probe_isakmp_sa;

#endif

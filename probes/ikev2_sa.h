/*
 * ikev2_sa.h: "show crypto ikev2 sa detail" (IOS-XE, ASA).
 *
 * One record per IKEv2 SA (tunnel-id row). Unknown values: numbers are
 * -1, tri-state flags are -1 (0 = no, 1 = yes), strings are empty; all of
 * them print as JSON null.
 */
#ifndef IPSECWATCH_IKEV2_SA_H
#define IPSECWATCH_IKEV2_SA_H

#include <stddef.h>
#include <stdint.h>

#include "probe.h"

#define IKEV2_ADDR_LEN	64	/* canonical IPv4/IPv6 text */
#define IKEV2_WORD_LEN	64	/* algorithm names, VRFs, statuses */
#define IKEV2_ID_LEN	256	/* IKE identities (FQDN, e-mail, DN) */

/* An ASA "Child sa:" block. */
struct ikev2_child_sa {
	char	 local_selector[128];	/* "10.1.0.0/0 - 10.1.0.255/65535" */
	char	 remote_selector[128];
	char	 esp_spi_in[24];	/* "0xbe064bdc" as printed */
	char	 esp_spi_out[24];
	char	 encryption[IKEV2_WORD_LEN];	/* child "Encr:" line */
	int64_t	 key_bits;
	char	 esp_hmac[IKEV2_WORD_LEN];
	char	 mode[16];		/* "tunnel", "transport" */
};

struct ikev2_sa {
	int64_t	 tunnel_id;		/* always read: a row without it is no SA */
	int	 ipv6;			/* from the banner or the addresses */
	char	 local[IKEV2_ADDR_LEN];
	int64_t	 local_port;
	char	 remote[IKEV2_ADDR_LEN];
	int64_t	 remote_port;
	char	 fvrf[IKEV2_WORD_LEN];	/* IOS-XE only */
	char	 ivrf[IKEV2_WORD_LEN];
	char	 status[IKEV2_WORD_LEN];	/* READY, IN-NEG, DELETE ... */
	char	 role[IKEV2_WORD_LEN];	/* ASA: INITIATOR, RESPONDER */

	/* ASA "Session-id:1, Status:UP-ACTIVE, IKE count:1, CHILD count:2" */
	int64_t	 session_id;		/* or IOS-XE "CE id: 0, Session-id: 5" */
	char	 session_status[IKEV2_WORD_LEN];
	int64_t	 ike_count;
	int64_t	 child_count;
	int64_t	 ce_id;

	char	 encryption[IKEV2_WORD_LEN];	/* as printed: AES-CBC, 3DES */
	int64_t	 key_bits;
	char	 prf[IKEV2_WORD_LEN];
	char	 hash[IKEV2_WORD_LEN];	/* "None" with AEAD ciphers */
	int64_t	 dh_group;
	char	 auth_sign[IKEV2_WORD_LEN];
	char	 auth_verify[IKEV2_WORD_LEN];
	int64_t	 lifetime_s;
	int64_t	 active_s;

	char	 status_description[IKEV2_WORD_LEN];
	char	 local_spi[24];
	char	 remote_spi[24];
	char	 local_id[IKEV2_ID_LEN];
	char	 remote_id[IKEV2_ID_LEN];
	int64_t	 dpd_interval_s;	/* 0: DPD off, as the router says */
	int64_t	 dpd_retries;
	int	 natt_detected;		/* tri-state */
	char	 natt_side[16];		/* "inside", "outside" */
	int	 fragmentation;		/* tri-state: configured? */
	int	 initiator;		/* tri-state: "Initiator of SA : Yes" */
	char	 pushed_ip[IKEV2_ADDR_LEN];
	char	 peer_type[IKEV2_WORD_LEN];
	char	 pqc_kex[IKEV2_WORD_LEN];	/* "PQC Key Exchange: ML-KEM-1024" */

	char	**remote_subnets;	/* "10.0.0.0 255.0.0.0", xstrdup'd */
	size_t	 nremote_subnets;
	struct ikev2_child_sa *child_sas;
	size_t	 nchild_sas;
};

struct ikev2_sa_list {
	struct ikev2_sa	*sas;
	size_t		 nsas;
	int		 no_sas;	/* "There are no IKEv2 SAs" was printed */
};

extern const struct probe probe_ikev2_sa;

#endif

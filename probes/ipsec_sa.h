/*
 * ipsec_sa.h: "show crypto ipsec sa" (IOS, IOS-XE, ASA; the detail, peer
 * and interface forms too) as typed records.
 *
 * The output is a tree: "interface:" > "Crypto map tag:" > flows (one per
 * protected ident pair: "protected vrf:" / ASA "access-list" / "local
 * ident") > SAs (per direction and protocol: "inbound esp sas:" ...).
 * One ipsec_sa_block is one "Crypto map tag:" under its interface, so an
 * ASA interface with several map entries (seq num 2, 3) gives several
 * blocks with the same interface name.
 *
 * Unknown values: strings are "" or NULL (JSON null), signed numbers are -1,
 * tri-state flags are -1, and the other numbers have a has_ flag or a bit
 * in a presence mask. Nothing unread is ever reported as 0. Text longer
 * than its array is cut (names are short on real devices; the arrays
 * are sized for the longest seen, with room to spare).
 */
#ifndef IPSECWATCH_IPSEC_SA_H
#define IPSECWATCH_IPSEC_SA_H

#include <stddef.h>
#include <stdint.h>

#include "probe.h"

/* The "#pkts ..." style counters, in printing order. */
enum ipsec_sa_counter {
	IPSEC_CTR_PKTS_ENCAPS,
	IPSEC_CTR_PKTS_ENCRYPT,
	IPSEC_CTR_PKTS_DIGEST,
	IPSEC_CTR_PKTS_DECAPS,
	IPSEC_CTR_PKTS_DECRYPT,
	IPSEC_CTR_PKTS_VERIFY,
	IPSEC_CTR_PKTS_COMPRESSED,
	IPSEC_CTR_PKTS_DECOMPRESSED,
	IPSEC_CTR_PKTS_NOT_COMPRESSED,
	IPSEC_CTR_PKTS_COMPR_FAILED,
	IPSEC_CTR_PKTS_NOT_DECOMPRESSED,
	IPSEC_CTR_PKTS_DECOMPRESS_FAILED,
	IPSEC_CTR_PKTS_NO_SA_SEND,
	IPSEC_CTR_PKTS_INVALID_SA_RCV,
	IPSEC_CTR_PKTS_ENCAPS_FAILED_SEND,
	IPSEC_CTR_PKTS_DECAPS_FAILED_RCV,
	IPSEC_CTR_PKTS_INVALID_PROT_RECV,
	IPSEC_CTR_PKTS_VERIFY_FAILED,
	IPSEC_CTR_PKTS_INVALID_IDENTITY_RECV,
	IPSEC_CTR_PKTS_INVALID_LEN_RCV,
	IPSEC_CTR_PKTS_REPLAY_ROLLOVER_SEND,
	IPSEC_CTR_PKTS_REPLAY_ROLLOVER_RCV,
	IPSEC_CTR_PKTS_REPLAY_FAILED_RCV,
	IPSEC_CTR_PKTS_TAGGED_SEND,
	IPSEC_CTR_PKTS_UNTAGGED_RCV,
	IPSEC_CTR_PKTS_NOT_TAGGED_SEND,
	IPSEC_CTR_PKTS_NOT_UNTAGGED_RCV,
	IPSEC_CTR_PKTS_INTERNAL_ERR_SEND,
	IPSEC_CTR_PKTS_INTERNAL_ERR_RECV,
	IPSEC_CTR_SEND_ERRORS,
	IPSEC_CTR_RECV_ERRORS,
	/* ASA only */
	IPSEC_CTR_PKTS_INVALID_PAD_RCV,
	IPSEC_CTR_PKTS_INVALID_IP_VERSION_RCV,
	IPSEC_CTR_PKTS_MIN_MTU_FRAG_FAILED_SEND,
	IPSEC_CTR_PKTS_BAD_FRAG_OFFSET_RCV,
	IPSEC_CTR_PRE_FRAG_SUCCESSES,
	IPSEC_CTR_PRE_FRAG_FAILURES,
	IPSEC_CTR_FRAGMENTS_CREATED,
	IPSEC_CTR_PMTUS_SENT,
	IPSEC_CTR_PMTUS_RCVD,
	IPSEC_CTR_DECAP_FRAGS_NEEDING_REASSEMBLY,
	IPSEC_CTR_TFC_RCVD,
	IPSEC_CTR_TFC_SENT,
	IPSEC_CTR_VALID_ICMP_ERRORS_RCVD,
	IPSEC_CTR_INVALID_ICMP_ERRORS_RCVD,
	IPSEC_CTR_COUNT
};

/* JSON member name of a counter ("pkts_no_sa_send"). */
const char	*ipsec_sa_counter_name(enum ipsec_sa_counter);

enum ipsec_sa_dir {
	IPSEC_SA_INBOUND,
	IPSEC_SA_OUTBOUND
};

enum ipsec_sa_proto {
	IPSEC_SA_ESP,
	IPSEC_SA_AH,
	IPSEC_SA_PCP
};

enum ipsec_sa_mode {
	IPSEC_SA_MODE_UNKNOWN,
	IPSEC_SA_MODE_TUNNEL,
	IPSEC_SA_MODE_TRANSPORT
};

/* One SA: "spi: 0x658F7C11(1703902225)" and the lines under it. */
struct ipsec_sa {
	enum ipsec_sa_dir	 dir;
	enum ipsec_sa_proto	 proto;
	int			 has_spi;	/* 0: "[Not Available]" */
	uint32_t		 spi;		/* from the hex form */
	char			 transform[64];	/* "esp-256-aes esp-sha-hmac" */
	char			 settings[64];	/* "Tunnel, esn" */
	enum ipsec_sa_mode	 mode;
	int			 udp_encaps;	/* -1 unknown, 0, 1 */
	int			 esn;		/* -1 unknown, 0, 1 */
	int64_t			 conn_id;	/* -1 unknown */
	int64_t			 slot;		/* -1 unknown */
	char			 flow_id[32];	/* "CSR:76", "Onboard VPN:124" */
	char			 sibling_flags[24];
	char			 crypto_map[64];
	int			 initiator;	/* -1 unknown, 0, 1 */
	int64_t			 remaining_kb;	/* -1 unknown */
	int64_t			 remaining_s;	/* -1 unknown */
	int			 kb_rekey_disabled; /* "Kilobyte Volume Rekey..." */
	int64_t			 iv_size;	/* bytes; -1 unknown */
	int			 replay_detection; /* -1 unknown, 0, 1 */
	int64_t			 replay_window;	/* -1 unknown */
	char			 status[24];	/* "ACTIVE(ACTIVE)", ASA "active" */
};

struct ipsec_sa_ident {
	int			 valid;
	char			 addr[48];	/* canonical */
	char			 mask[48];	/* "255.255.255.0" or "10" (v6) */
	int			 prefix_len;	/* -1 unknown / not contiguous */
	int64_t			 prot;		/* -1 unknown */
	int64_t			 port;		/* -1 unknown */
};

/* One protected flow. */
struct ipsec_sa_flow {
	int			 stage;		/* parser state, not output */
	char			 vrf[64];	/* "(none)", ASA "Global" */
	char			*access_list;	/* ASA "access-list ...", or NULL */
	struct ipsec_sa_ident	 local_ident;
	struct ipsec_sa_ident	 remote_ident;
	char			 peer[64];	/* address, or ASA name */
	int64_t			 peer_port;	/* -1 unknown */
	char			 dynamic_peer_ip[48];
	char			 action[16];	/* "PERMIT" */
	char			 flags[64];	/* "origin_is_acl," */
	uint64_t		 counters[IPSEC_CTR_COUNT];
	uint64_t		 counters_present; /* bit per counter */
	char			 local_endpoint[64];
	int64_t			 local_endpoint_port;	/* ASA "/4500"; -1 */
	char			 remote_endpoint[64];
	int64_t			 remote_endpoint_port;
	int64_t			 plaintext_mtu;	/* -1 unknown, all mtus */
	int64_t			 path_mtu;
	int64_t			 ip_mtu;	/* "ip mtu" or "ipv6 mtu" */
	char			 ip_mtu_idb[48];
	int64_t			 media_mtu;	/* ASA, IOS 12 */
	int64_t			 ipsec_overhead;	/* ASA */
	int			 has_current_outbound_spi;
	uint32_t		 current_outbound_spi;
	int			 has_current_inbound_spi;	/* ASA */
	uint32_t		 current_inbound_spi;
	int			 pfs;		/* -1 unknown, 0, 1 */
	int			 dh_group;	/* -1: none or unknown */
	char			 dh_group_text[24];	/* "none", "group14" */
	char			 pqc_key_exchange[32];
	struct ipsec_sa		*sas;
	size_t			 nsas, sas_cap;
};

/* One "Crypto map tag:" under an "interface:". */
struct ipsec_sa_block {
	char			 interface[96];
	char			 crypto_map[128];
	int64_t			 seq;		/* ASA seq num; -1 */
	char			 local_addr[64];	/* address, or ASA name */
	char			 ipsecv6_policy[64];
	struct ipsec_sa_flow	*flows;
	size_t			 nflows, flows_cap;
};

struct ipsec_sa_records {
	struct ipsec_sa_block	*blocks;
	size_t			 nblocks, blocks_cap;
};

extern const struct probe probe_ipsec_sa;

#endif

/*
 * running_config.h: the IKE settings of the running configuration that a
 * diagnosis needs: pre-shared keys per peer (as fingerprints only), DPD /
 * keepalive, NAT-T, aggressive mode; on ASA the tunnel-groups.
 *
 * SECRETS: no record ever holds a key. A key is reduced, while parsing, to
 * HMAC-SHA256(key = the install's salt, message = the key as configured),
 * of which the first 16 hex digits are kept; without a salt, nothing is.
 * Fingerprints of an encrypted form (type 6/7) compare only with the same
 * encrypted form, hence key_encoding.
 *
 * Unknown numbers are -1 (JSON null); empty strings are JSON null.
 */
#ifndef IPSECWATCH_PROBE_RUNNING_CONFIG_H
#define IPSECWATCH_PROBE_RUNNING_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "probe.h"

#define RC_FINGERPRINT_LEN	16	/* hex digits kept of the HMAC */

enum rc_key_encoding {
	RC_KEY_NONE = 0,	/* no key seen (JSON null) */
	RC_KEY_CLEAR,		/* type 0 or no type: "clear" */
	RC_KEY_TYPE6,		/* AES-encrypted: "type6" */
	RC_KEY_TYPE7,		/* Vigenere-obfuscated: "type7" */
	RC_KEY_MASKED		/* ASA prints "*****": "masked", no fingerprint */
};

struct rc_psk {
	enum rc_key_encoding	 encoding;
	char			 fingerprint[RC_FINGERPRINT_LEN + 1]; /* "" = null */
};

/* One pre-shared key and whom it is for. */
struct rc_isakmp_key {
	char		 peer[64];	/* canonical address, "" = by hostname */
	char		 peer_mask[64];	/* "255.255.255.255", "/128", "" */
	char		 hostname[256];	/* "hostname peer.example" form */
	char		 keyring[64];	/* "" = global (crypto isakmp key) */
	char		 ikev2_peer[64];/* IKEv2 keyring "peer NAME" block */
	char		 direction[8];	/* IKEv2 "local" / "remote", "" = both */
	int		 ike_version;	/* 1 or 2 */
	int		 no_xauth;	/* "no-xauth" given */
	struct rc_psk	 psk;
};

/* "crypto isakmp keepalive 10 3 periodic", "crypto ikev2 dpd 10 2 on-demand" */
struct rc_dpd {
	int		 present;	/* 0: not configured (JSON null) */
	int64_t		 interval_s;
	/*
	 * The second number: on IOS the retry interval in seconds (DPD
	 * retransmits every "retries" s once a reply is missed). -1: not
	 * printed, the device default applies.
	 */
	int64_t		 retries;
	int		 periodic;	/* 0: on-demand (the default) */
};

/* ASA "tunnel-group NAME ..." */
struct rc_tunnel_group {
	char		 name[128];
	char		 type[32];	/* "ipsec-l2l", "remote-access", "" */
	struct rc_psk	 psk;		/* ikev1 (or pre-8.4) pre-shared-key */
	struct rc_psk	 ikev2_local_psk;
	struct rc_psk	 ikev2_remote_psk;
	int64_t		 keepalive_threshold_s;	/* -1: not configured */
	int64_t		 keepalive_retry_s;	/* -1: not configured */
	int		 keepalive_disabled;	/* "isakmp keepalive disable" */
};

struct running_config {
	struct rc_isakmp_key	*keys;
	size_t			 nkeys;
	struct rc_tunnel_group	*groups;
	size_t			 ngroups;
	struct rc_dpd		 keepalive;	/* IKEv1: crypto isakmp keepalive */
	struct rc_dpd		 ikev2_dpd;	/* crypto ikev2 dpd */
	int			 natt_enabled;	/* 1 unless explicitly disabled */
	int64_t			 natt_keepalive_s;	/* -1: not configured */
	int64_t			 ikev2_nat_keepalive_s;	/* -1: not configured */
	int			 aggressive_mode_disabled;
	int			 invalid_spi_recovery;
	char			 (*ikev1_interfaces)[64];	/* ASA "crypto ikev1 enable IF" */
	size_t			 nikev1_interfaces;
	char			 (*ikev2_interfaces)[64];
	size_t			 nikev2_interfaces;
};

extern const struct probe probe_running_config;

#endif

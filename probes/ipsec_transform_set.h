/*
 * ipsec_transform_set.h: the IPsec transform sets: "show crypto ipsec
 * transform-set" on IOS / IOS-XE, "show running-config crypto ipsec" on
 * the ASA (IKEv1 transform sets and IKEv2 IPsec proposals).
 *
 * Unknown values: key_bits is -1, strings are empty; both print as JSON
 * null.
 */
#ifndef IPSECWATCH_IPSEC_TRANSFORM_SET_H
#define IPSECWATCH_IPSEC_TRANSFORM_SET_H

#include <stddef.h>
#include <stdint.h>

#include "probe.h"

enum transform_set_kind {
	TS_KIND_IOS = 0,		/* "Transform set NAME: { ... }" */
	TS_KIND_IKEV1,			/* "crypto ipsec [ikev1] transform-set" */
	TS_KIND_IKEV2_PROPOSAL		/* "crypto ipsec ikev2 ipsec-proposal" */
};

struct transform_set {
	char			 name[128];
	enum transform_set_kind	 kind;
	char			**transforms;	/* as printed: "esp-aes 256" */
	size_t			 ntransforms;
	char			 esp_encryption[16];	/* des, 3des, aes, aes-gcm,
							   aes-gmac, null, seal */
	int64_t			 key_bits;
	char			 esp_auth[16];	/* md5, sha, sha256, sha384,
						   sha512, none (esp-none) */
	char			 ah[16];	/* AH integrity, same words */
	char			 mode[16];	/* tunnel, transport */
	int			 mode_inferred;	/* ASA default, not printed */
	/* IKEv2 proposals offer several of each (as printed). */
	char			**esp_encryptions;
	size_t			 nesp_encryptions;
	char			**esp_integrities;
	size_t			 nesp_integrities;
};

struct transform_set_list {
	struct transform_set	*sets;
	size_t			 nsets;
	char			**sa_settings;	/* other "crypto ipsec ..." lines */
	size_t			 nsa_settings;
};

extern const struct probe probe_ipsec_transform_set;

#endif

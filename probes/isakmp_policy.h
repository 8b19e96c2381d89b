/*
 * isakmp_policy.h: the IKEv1 (ISAKMP) policies: "show crypto isakmp
 * policy" on IOS / IOS-XE, "show running-config crypto ikev1" on the ASA.
 *
 * One record per protection suite / policy. Unknown values: numbers are
 * -1, strings are empty; both print as JSON null.
 */
#ifndef IPSECWATCH_ISAKMP_POLICY_H
#define IPSECWATCH_ISAKMP_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include "probe.h"

struct isakmp_policy {
	int64_t	 priority;		/* -1 for a default suite */
	int	 is_default;		/* IOS "Default protection suite" */
	int64_t	 default_priority;	/* its "of priority 65507", or -1 */
	char	 encryption[16];	/* des, 3des, aes */
	int64_t	 key_bits;
	char	 hash[16];		/* md5, sha, sha256, sha384, sha512 */
	char	 auth[16];		/* psk, rsa-sig, rsa-encr, ecdsa-sig */
	int64_t	 dh_group;
	int64_t	 lifetime_s;
	int	 no_lifetime;		/* ASA "lifetime none" */
};

struct isakmp_policy_list {
	struct isakmp_policy	*policies;
	size_t			 npolicies;
	char			**enabled_interfaces;	/* ASA "crypto ikev1 enable X" */
	size_t			 nenabled_interfaces;
	char			**settings;	/* other "crypto ikev1 ..." lines */
	size_t			 nsettings;
};

extern const struct probe probe_isakmp_policy;

#endif

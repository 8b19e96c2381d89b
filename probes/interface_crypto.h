/*
 * interface_crypto.h: which crypto map sits on which interface, and the
 * interface's addresses, from the running-config filtered to
 * "^interface|crypto map|ip address" (plus "nameif" on the ASA).
 *
 * Unknown values: strings are "" (JSON null), numbers -1 (JSON null).
 */
#ifndef IPSECWATCH_INTERFACE_CRYPTO_H
#define IPSECWATCH_INTERFACE_CRYPTO_H

#include <stddef.h>

#include "probe.h"

#define IFC_NAME_MAX	128
#define IFC_ADDR_MAX	64

struct ifc_address {
	char	 addr[IFC_ADDR_MAX];	/* canonical address */
	char	 mask[IFC_ADDR_MAX];	/* dotted mask; "" for IPv6 */
	int	 prefix_len;		/* -1: mask not contiguous / unknown */
	int	 secondary;		/* IOS "secondary" */
	int	 link_local;		/* IPv6 "link-local" */
	char	 standby[IFC_ADDR_MAX];	/* ASA failover standby address */
};

struct ifc_interface {
	char	 name[IFC_NAME_MAX];	/* "": only known by its nameif */
	char	 nameif[IFC_NAME_MAX];	/* ASA; "" on IOS */
	struct ifc_address *addresses;
	size_t	 naddresses;
	/* "dhcp", "negotiated", "pppoe", "none" ("no ip address"),
	   "static" or "" (no ip address line). */
	char	 address_method[16];
	char	 crypto_map[IFC_NAME_MAX];	/* "": none applied */
	char	 ipv6_crypto_map[IFC_NAME_MAX];
};

struct interface_crypto_records {
	struct ifc_interface	*interfaces;
	size_t			 ninterfaces;
};

extern const struct probe probe_interface_crypto;

#endif

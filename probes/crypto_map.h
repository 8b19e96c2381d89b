/*
 * crypto_map.h: "show crypto map" (IOS, IOS-XE) and
 * "show running-config crypto map" (ASA), one record per map entry
 * (map name + sequence number).
 *
 * Unknown values: numbers are -1, strings are "" (empty) or NULL, tri-state
 * booleans are -1; the JSON prints null for all of them.
 */
#ifndef IPSECWATCH_CRYPTO_MAP_H
#define IPSECWATCH_CRYPTO_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "probe.h"

#define CMAP_NAME_MAX	128	/* map, ACL, set and interface names */
#define CMAP_ADDR_MAX	64	/* an address, or an ASA peer name */

struct cmap_acl_entry {
	char	 action[16];		/* "permit", "deny" */
	char	 protocol[32];		/* "ip", "udp", "esp", "50" ... */
	char	 src[CMAP_ADDR_MAX];	/* address, or IPv6 "prefix/len" */
	char	 src_wildcard[CMAP_ADDR_MAX];	/* "" when not printed (IPv6) */
	char	 dst[CMAP_ADDR_MAX];
	char	 dst_wildcard[CMAP_ADDR_MAX];
	char	 src_port[48];		/* "eq 500", "range 1 10"; "" if none */
	char	 dst_port[48];
};

struct cmap_entry {
	char	 map[CMAP_NAME_MAX];
	int64_t	 seq;			/* -1: not printed */
	const char *family;		/* "ipv4", "ipv6" or NULL (unknown) */
	const char *type;		/* "ipsec-isakmp", "ipsec-manual",
					   "dynamic" or NULL */
	char	(*peers)[CMAP_ADDR_MAX];	/* canonical address or name */
	size_t	 npeers;
	char	 current_peer[CMAP_ADDR_MAX];	/* "": not printed */
	char	 local_address[CMAP_ADDR_MAX];	/* "": not printed */
	char	 acl[CMAP_NAME_MAX];		/* "": none */
	struct cmap_acl_entry *acl_entries;
	size_t	 nacl_entries;
	char	 access_check_in[CMAP_NAME_MAX];	/* set ip access-group */
	char	 access_check_out[CMAP_NAME_MAX];
	char	(*transform_sets)[CMAP_NAME_MAX];	/* IOS sets, ASA ikev1 */
	size_t	 ntransform_sets;
	char	(*ikev2_proposals)[CMAP_NAME_MAX];	/* ASA ikev2 ipsec-proposal */
	size_t	 nikev2_proposals;
	int	 pfs;			/* 1, 0, -1: not printed */
	char	 pfs_group[32];		/* "group14"; "": none/unknown */
	int64_t	 lifetime_kb;		/* -1: not printed (or unlimited) */
	int	 lifetime_kb_unlimited;	/* ASA "kilobytes unlimited" */
	int64_t	 lifetime_s;		/* -1: not printed */
	int64_t	 idletime_s;		/* -1: not printed */
	int	 incomplete;		/* the IOS "incomplete state" warning */
	char	 incomplete_reason[128];	/* "": none printed */
	char	(*interfaces)[CMAP_NAME_MAX];
	size_t	 ninterfaces;
	char	 dynamic_template[CMAP_NAME_MAX];	/* "": not dynamic */
	char	 ike_profile[CMAP_NAME_MAX];	/* IKEv2 / ISAKMP profile */
	int	 responder_only;	/* 1, 0, -1: not printed */
	int	 reverse_route;		/* RRI: 1, or 0 when not mentioned */
	int	 from_config;		/* built from ASA config lines */
};

struct crypto_map_records {
	struct cmap_entry	*entries;
	size_t			 nentries;
};

extern const struct probe probe_crypto_map;

#endif

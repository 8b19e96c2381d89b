/*
 * ip_route.h: "show ip route ADDR" (IOS, IOS-XE), "show route ADDR" (ASA):
 * the route a peer address takes, with its next hops and egress interface.
 * The full table form ("show ip route", "show route") is read too, into
 * routes[]; when the command echo names the address asked for, the
 * longest matching route of the table answers it.
 *
 * Unknown values: strings "" (JSON null), numbers -1 (JSON null),
 * tri-state flags -1 (JSON null).
 */
#ifndef IPSECWATCH_IP_ROUTE_H
#define IPSECWATCH_IP_ROUTE_H

#include <stddef.h>
#include <stdint.h>

#include "probe.h"

#define ROUTE_ADDR_MAX	64
#define ROUTE_NAME_MAX	128

struct route_hop {
	char	 via[ROUTE_ADDR_MAX];		/* next-hop address; "" none */
	char	 via_vrf[ROUTE_NAME_MAX];	/* "via 10.0.0.1 (VRF)" */
	char	 interface[ROUTE_NAME_MAX];	/* "" when not printed */
	char	 from[ROUTE_ADDR_MAX];		/* "from X" (word form) */
	char	 age[32];			/* "3d04h", "00:00:14" */
	int	 active;			/* the "*" block / installed */
	int	 directly_connected;
	int64_t	 distance;			/* "[d/m]" of a table hop */
	int64_t	 metric;			/* "[d/m]", "Route metric is" */
};

struct route_entry {			/* one line of a full table */
	char	 vrf[ROUTE_NAME_MAX];		/* "Routing Table: X"; "" global */
	char	 protocol[8];			/* "S", "O", "B", "C", "L" ... */
	char	 type[8];			/* "E2", "IA", "EX", "L2"; "" */
	int	 candidate_default;		/* "*" */
	char	 network[ROUTE_NAME_MAX];	/* address, or an ASA name */
	char	 mask[ROUTE_ADDR_MAX];		/* dotted; "" when /len form */
	int	 prefix_len;			/* -1: unknown */
	int64_t	 distance;			/* -1: not printed */
	int64_t	 metric;
	int	 summary;			/* "is a summary" */
	int	 vpn;				/* ASA "connected by VPN" */
	int	 tunneled;			/* ASA "tunneled" default */
	struct route_hop *hops;
	size_t	 nhops;
};

struct ip_route_records {
	char	 target[ROUTE_ADDR_MAX];	/* from the command echo */
	int	 found;				/* 1, 0, -1: cannot tell */
	char	 vrf[ROUTE_NAME_MAX];
	char	 prefix[ROUTE_NAME_MAX];	/* "198.51.100.0/24" */
	char	 known_via[ROUTE_NAME_MAX];	/* "static", "ospf 1" */
	int64_t	 distance;
	int64_t	 metric;
	int	 candidate_default;		/* "candidate default path" */
	struct route_hop *hops;
	size_t	 nhops;
	char	 default_gateway[ROUTE_ADDR_MAX];	/* no ip routing */
	char	 last_resort[ROUTE_ADDR_MAX];	/* "Gateway of last resort" */
	int	 last_resort_set;		/* 1, 0 "not set", -1 absent */
	struct route_entry *routes;
	size_t	 nroutes;
	long	 match;				/* routes[] index for target; -1 */
};

extern const struct probe probe_ip_route;

#endif

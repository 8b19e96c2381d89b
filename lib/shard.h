/*
 * shard.h: --shard K/N, the share of a fleet one of N daemons polls.
 *
 * A router belongs to shard K of N when FNV-1a 32 of its name, modulo N,
 * is K-1. The hash depends on the name alone: adding or removing a router
 * never moves another one, and every instance agrees without talking to
 * the others. Changing N does move routers (about (N-1)/N of them).
 */
#ifndef IPSECWATCH_SHARD_H
#define IPSECWATCH_SHARD_H

#include <stdint.h>

#define SHARD_MAX	1024

struct shard {
	int	 k;	/* 1..n */
	int	 n;	/* 1..SHARD_MAX; 0: not sharded (everything) */
};

/* FNV-1a, 32 bits (offset basis 2166136261, prime 16777619). */
uint32_t shard_hash(const char *);
/* "K/N" with 1 <= K <= N <= SHARD_MAX, digits only: 0, or -1. */
int	 shard_parse(const char *, struct shard *);
/* Is the router of this name in the share? Always when not sharded. */
int	 shard_owns(const struct shard *, const char *name);

#endif

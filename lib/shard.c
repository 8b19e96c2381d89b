/*
 * shard.c: a stable hash share of the routers, for N daemons that split
 * one fleet (see shard.h and docs/metrics.md).
 */
#include <stdlib.h>
#include <string.h>

#include "shard.h"

uint32_t
shard_hash(const char *s)
{
	uint32_t	 h = 2166136261u;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

/* A decimal number of 1 to 4 digits, no sign, no blank: its value or -1. */
static int
small_number(const char *s, size_t len)
{
	int	 v = 0;
	size_t	 i;

	if (len == 0 || len > 4)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
shard_parse(const char *s, struct shard *out)
{
	const char	*slash;
	int		 k, n;

	if (s == NULL || (slash = strchr(s, '/')) == NULL)
		return -1;
	k = small_number(s, (size_t)(slash - s));
	n = small_number(slash + 1, strlen(slash + 1));
	if (k < 1 || n < 1 || k > n || n > SHARD_MAX)
		return -1;
	out->k = k;
	out->n = n;
	return 0;
}

int
shard_owns(const struct shard *sh, const char *name)
{
	if (sh == NULL || sh->n <= 1)
		return 1;
	return shard_hash(name) % (uint32_t)sh->n == (uint32_t)(sh->k - 1);
}

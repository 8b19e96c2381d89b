/*
 * probe.c: the table of probes, in polling order.
 */
#include <string.h>

#include "probe.h"

const struct probe probe_table[] = {
	{ "isakmp_sa",		"show crypto isakmp sa" },
	{ "isakmp_sa_detail",	"show crypto isakmp sa detail" },
	{ "ipsec_sa",		"show crypto ipsec sa" },
	{ "crypto_map",		"show crypto map" },
	{ "isakmp_policy",	"show crypto isakmp policy" },
	{ "ipsec_transform_set", "show crypto ipsec transform-set" },
	{ "running_config",
	  "show running-config | include crypto isakmp|crypto ikev2|keepalive|nat" },
	{ "logging",		"show logging | include CRYPTO" },
};

const size_t probe_count = sizeof(probe_table) / sizeof(probe_table[0]);

const struct probe *
probe_by_name(const char *name)
{
	size_t	 i;

	for (i = 0; i < probe_count; i++)
		if (strcmp(probe_table[i].name, name) == 0)
			return &probe_table[i];
	return NULL;
}

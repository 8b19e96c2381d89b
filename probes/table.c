/*
 * table.c: the probes, in polling order (the polled ones first), and
 * finding a probe by name or by command. Each probe's entry lives in its
 * own file, probes/<name>.c.
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "isakmp_sa.h"
#include "isakmp_sa_detail.h"
#include "ikev2_sa.h"
#include "isakmp_policy.h"
#include "ipsec_transform_set.h"
#include "ipsec_sa.h"
#include "crypto_map.h"
#include "ip_route.h"
#include "interface_crypto.h"
#include "running_config.h"
#include "logging.h"
#include "version.h"
#include "probe.h"
#include "text.h"

const struct probe *const probe_table[] = {
	&probe_isakmp_sa,
	&probe_isakmp_sa_detail,
	&probe_ipsec_sa,
	&probe_crypto_map,
	&probe_isakmp_policy,
	&probe_ipsec_transform_set,
	&probe_running_config,
	&probe_logging,
	&probe_ikev2_sa,
	&probe_ip_route,
	&probe_interface_crypto,
	&probe_version,
	NULL
};

const size_t probe_count = sizeof(probe_table) / sizeof(probe_table[0]) - 1;

const struct probe *
probe_by_name(const char *name)
{
	size_t	 i;

	for (i = 0; i < probe_count; i++)
		if (strcmp(probe_table[i]->name, name) == 0)
			return probe_table[i];
	return NULL;
}

const char *
probe_command(const struct probe *p, enum platform plat)
{
	if (plat == PLATFORM_ASA && p->command_asa != NULL)
		return p->command_asa;
	return p->command;
}

/*
 * IOS abbreviations: each typed word is a prefix of the command's word
 * ("sh cry isa sa" is "show crypto isakmp sa"). A filter (" | ...") and,
 * for commands that take one, a trailing argument are allowed.
 */
static int
command_matches(const char *typed, const char *cmd)
{
	struct toks	 a, b;
	size_t		 i, n;
	const char	*bar = strchr(typed, '|');

	n = bar != NULL ? (size_t)(bar - typed) : strlen(typed);
	toks_split(&a, typed, n);
	bar = strchr(cmd, '|');
	toks_split(&b, cmd, bar != NULL ? (size_t)(bar - cmd) : strlen(cmd));
	if (a.n < b.n || b.n == 0)
		return 0;
	for (i = 0; i < b.n; i++)
		if (a.t[i].len > b.t[i].len ||
		    strncasecmp(a.t[i].s, b.t[i].s, a.t[i].len) != 0)
			return 0;
	/* Extra words: only "show ip route ADDR" and "show route ADDR" take one. */
	if (a.n > b.n)
		return a.n == b.n + 1 && strstr(cmd, "route") != NULL;
	return 1;
}

/* The text after "|", blanks squeezed, is the same in both. */
static int
same_filter(const char *typed, const char *cmd)
{
	const char	*a = strchr(typed, '|'), *b = strchr(cmd, '|');

	if (a == NULL || b == NULL)
		return 0;
	for (;;) {
		while (*a == ' ' || *a == '\t')
			a++;
		while (*b == ' ' || *b == '\t')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if (*a != *b)
			return 0;
		a++;
		b++;
	}
}

const struct probe *
probe_by_command(const char *cmdline, enum platform plat)
{
	const struct probe	*best = NULL;
	size_t			 i, bestlen = 0, len;

	/*
	 * The longest matching command wins ("... isakmp sa detail" over
	 * "... isakmp sa"); a command whose filter is the one typed wins over
	 * any other ("show running-config | include ^interface|..." is
	 * interface_crypto, not running_config).
	 */
	for (i = 0; i < probe_count; i++) {
		const struct probe *p = probe_table[i];
		const char *cmds[2] = { p->command, p->command_asa };
		size_t k;
		(void)plat;
		for (k = 0; k < 2; k++) {
			if (cmds[k] == NULL || !command_matches(cmdline, cmds[k]))
				continue;
			len = strlen(cmds[k]) + (same_filter(cmdline, cmds[k]) ?
			    4096 : 0);
			if (len > bestlen) {
				best = p;
				bestlen = len;
			}
		}
	}
	return best;
}

/*
 * collect.h: the daemon's hand-off from raw outputs to probes and store.
 */
#ifndef IPSECWATCHD_COLLECT_H
#define IPSECWATCHD_COLLECT_H

#include <stddef.h>
#include <stdint.h>

#include "platform.h"
#include "store.h"

struct collect_ctx {
	enum platform		 platform;
	const unsigned char	*salt;
	size_t			 saltlen;
	/*
	 * One bit per probe (its index in probe_table) whose last output
	 * was not understood: a parse error is logged when it starts and
	 * when it ends, not at every poll.
	 */
	uint64_t		*parse_failing;
};

char		*collect_command(const char *configured, enum platform);
const char	*collect_version_command(void);
enum platform	 collect_platform(const char *router, const char *text,
		    size_t len, char *version, size_t versionlen,
		    char *hostname, size_t hostlen);
/* Parse each ok output (texts[i], lens[i]) into sc[i]'s probe fields. */
void		 collect_parse(const char *router, const struct collect_ctx *,
		    struct store_command *sc, const char *const *texts,
		    const size_t *lens, size_t n);
void		 collect_free(struct store_command *, size_t);

#endif

/*
 * probe.h: one probe = one show command.
 *
 * The table below is what the daemon runs on every poll, in order. Each
 * entry names the probe and its command; the probes issue adds, per entry,
 * the pure parser (text -> typed records) and the detectors, in one file
 * per probe under probes/.
 */
#ifndef IPSECWATCH_PROBE_H
#define IPSECWATCH_PROBE_H

#include <stddef.h>

struct probe {
	const char	*name;		/* stable id: "isakmp_sa" */
	const char	*command;	/* IOS command: "show crypto isakmp sa" */
};

/* The probes polled by default, in the order they are run. */
extern const struct probe probe_table[];
extern const size_t probe_count;

const struct probe *probe_by_name(const char *);

#endif

/*
 * snapshot.h: what the probes made of one router's outputs, as one JSON
 * object {probe name: result}, the input of the diagnosis. Built from a
 * pasted transcript (offline) the same way the daemon builds it from a
 * poll.
 */
#ifndef IPSECWATCH_SNAPSHOT_H
#define IPSECWATCH_SNAPSHOT_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "platform.h"

struct snapshot_info {
	char		 hostname[64];
	enum platform	 platform;
	size_t		 commands;	/* commands found */
	size_t		 parsed;	/* of which a probe understood */
	size_t		 failed;	/* of which a probe refused */
};

/*
 * Parse every command of a transcript with its probe. Returns the object
 * (caller deletes), or NULL when the text has no prompt line.
 */
cJSON	*snapshot_from_transcript(const char *text, size_t len,
	    enum platform, const unsigned char *salt, size_t saltlen,
	    struct snapshot_info *);

#endif

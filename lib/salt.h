/*
 * salt.h: the per-install salt that pre-shared keys are fingerprinted with.
 *
 * A key is never stored; HMAC-SHA256(salt, key) is, so that the two ends
 * of a tunnel can be compared without anyone holding the key. The salt
 * lives in a 0600 file next to the database and never leaves the machine.
 */
#ifndef IPSECWATCH_SALT_H
#define IPSECWATCH_SALT_H

#include <stddef.h>

#define SALT_LEN	32

/* Read the salt; create it (0600, random) when the file does not exist. */
int	 salt_load_or_create(const char *path, unsigned char salt[SALT_LEN],
	    char *err, size_t errlen);
/*
 * With a path: read that salt (it must exist). Without: a random salt for
 * this run only (fingerprints then compare within one invocation).
 */
int	 salt_load_or_ephemeral(const char *path, unsigned char salt[SALT_LEN],
	    char *err, size_t errlen);

#endif

/*
 * redact.h: mask secrets in router output before it is stored or shown.
 */
#ifndef IPSECWATCH_REDACT_H
#define IPSECWATCH_REDACT_H

#include <stddef.h>

/*
 * Returns a new NUL-terminated copy of text in which every line that
 * carries a key, password, secret or community string has the secret part
 * replaced by "<redacted>". *nmasked (optional) gets the number of lines
 * masked. The caller frees the result.
 */
char	*redact_text(const char *text, size_t len, size_t *outlen,
	    size_t *nmasked);

#endif

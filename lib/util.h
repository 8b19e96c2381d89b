/*
 * util.h: allocation that cannot fail, time helpers, small string helpers.
 */
#ifndef IPSECWATCH_UTIL_H
#define IPSECWATCH_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Allocation: these call fatal() on exhaustion, so call sites never see NULL. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

/* Wipe then free a secret (explicit_bzero is not optimised away). */
void	 freezero_str(char *);

/* Monotonic milliseconds, for timeouts and durations. */
int64_t	 mono_ms(void);
/* Wall-clock time, for what is stored and shown. */
void	 wall_now(struct timespec *);
/* "2026-11-29T06:10:06.123Z" into buf (at least 32 bytes). */
void	 iso8601_utc(const struct timespec *, char *, size_t);

/* Is s a literal IPv4 or IPv6 address? (no DNS lookups, ever) */
int	 is_ip_address(const char *);

/* Uniform random in [0, n); n > 0. Not for cryptography. */
uint32_t rand_uniform(uint32_t n);

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#ifndef MINIMUM
#define MINIMUM(a, b)	(((a) < (b)) ? (a) : (b))
#define MAXIMUM(a, b)	(((a) > (b)) ? (a) : (b))
#endif

#endif

/*
 * sha256.h: SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), for key
 * fingerprints. Self-contained: no library, no allocation.
 */
#ifndef IPSECWATCH_SHA256_H
#define IPSECWATCH_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_BLOCK_LENGTH	64
#define SHA256_DIGEST_LENGTH	32

struct sha256_ctx {
	uint32_t	 state[8];
	uint64_t	 bytes;			/* message length so far */
	uint8_t		 buf[SHA256_BLOCK_LENGTH];
	size_t		 buflen;		/* bytes waiting in buf */
};

void	 sha256_init(struct sha256_ctx *);
void	 sha256_update(struct sha256_ctx *, const void *, size_t);
/* Writes the digest and wipes the context. */
void	 sha256_final(struct sha256_ctx *, uint8_t digest[SHA256_DIGEST_LENGTH]);
void	 sha256(const void *, size_t, uint8_t digest[SHA256_DIGEST_LENGTH]);

void	 hmac_sha256(const void *key, size_t keylen, const void *msg,
	    size_t msglen, uint8_t mac[SHA256_DIGEST_LENGTH]);

#endif

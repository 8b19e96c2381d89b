/*
 * sha256.c: SHA-256 and HMAC-SHA256, written from FIPS 180-4 and RFC 2104.
 * Portable: big-endian loads and stores by hand, no alignment assumptions.
 * Intermediate state that held key material is wiped with explicit_bzero.
 */
#include <string.h>

#include "sha256.h"

static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

static uint32_t
ror32(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static uint32_t
load_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void
store_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void
sha256_block(uint32_t st[8], const uint8_t *blk)
{
	uint32_t	 w[64], a, b, c, d, e, f, g, h, t1, t2;
	int		 i;

	for (i = 0; i < 16; i++)
		w[i] = load_be32(blk + 4 * i);
	for (i = 16; i < 64; i++) {
		uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^
		    (w[i - 15] >> 3);
		uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^
		    (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = st[0]; b = st[1]; c = st[2]; d = st[3];
	e = st[4]; f = st[5]; g = st[6]; h = st[7];
	for (i = 0; i < 64; i++) {
		t1 = h + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) +
		    ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
		t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) +
		    ((a & b) ^ (a & c) ^ (b & c));
		h = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	st[0] += a; st[1] += b; st[2] += c; st[3] += d;
	st[4] += e; st[5] += f; st[6] += g; st[7] += h;
	/* The schedule is derived from the message, which may be a key. */
	explicit_bzero(w, sizeof(w));
}

void
sha256_init(struct sha256_ctx *ctx)
{
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
	};

	memcpy(ctx->state, iv, sizeof(iv));
	ctx->bytes = 0;
	ctx->buflen = 0;
}

void
sha256_update(struct sha256_ctx *ctx, const void *data, size_t len)
{
	const uint8_t	*p = data;
	size_t		 n;

	if (len == 0)
		return;
	ctx->bytes += len;
	if (ctx->buflen > 0) {
		n = SHA256_BLOCK_LENGTH - ctx->buflen;
		if (n > len)
			n = len;
		memcpy(ctx->buf + ctx->buflen, p, n);
		ctx->buflen += n;
		p += n;
		len -= n;
		if (ctx->buflen < SHA256_BLOCK_LENGTH)
			return;
		sha256_block(ctx->state, ctx->buf);
		ctx->buflen = 0;
	}
	while (len >= SHA256_BLOCK_LENGTH) {
		sha256_block(ctx->state, p);
		p += SHA256_BLOCK_LENGTH;
		len -= SHA256_BLOCK_LENGTH;
	}
	if (len > 0) {
		memcpy(ctx->buf, p, len);
		ctx->buflen = len;
	}
}

void
sha256_final(struct sha256_ctx *ctx, uint8_t digest[SHA256_DIGEST_LENGTH])
{
	uint64_t	 bits = ctx->bytes * 8;
	int		 i;

	ctx->buf[ctx->buflen++] = 0x80;
	if (ctx->buflen > SHA256_BLOCK_LENGTH - 8) {
		memset(ctx->buf + ctx->buflen, 0,
		    SHA256_BLOCK_LENGTH - ctx->buflen);
		sha256_block(ctx->state, ctx->buf);
		ctx->buflen = 0;
	}
	memset(ctx->buf + ctx->buflen, 0, SHA256_BLOCK_LENGTH - 8 -
	    ctx->buflen);
	for (i = 0; i < 8; i++)
		ctx->buf[SHA256_BLOCK_LENGTH - 1 - i] = (uint8_t)(bits >> (8 * i));
	sha256_block(ctx->state, ctx->buf);
	for (i = 0; i < 8; i++)
		store_be32(digest + 4 * i, ctx->state[i]);
	explicit_bzero(ctx, sizeof(*ctx));
}

void
sha256(const void *data, size_t len, uint8_t digest[SHA256_DIGEST_LENGTH])
{
	struct sha256_ctx	 ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, data, len);
	sha256_final(&ctx, digest);
}

/* RFC 2104: H((K ^ opad) || H((K ^ ipad) || msg)), K padded to a block. */
void
hmac_sha256(const void *key, size_t keylen, const void *msg, size_t msglen,
    uint8_t mac[SHA256_DIGEST_LENGTH])
{
	struct sha256_ctx	 ctx;
	uint8_t			 k[SHA256_BLOCK_LENGTH], pad[SHA256_BLOCK_LENGTH];
	uint8_t			 inner[SHA256_DIGEST_LENGTH];
	size_t			 i;

	memset(k, 0, sizeof(k));
	if (keylen > SHA256_BLOCK_LENGTH)
		sha256(key, keylen, k);
	else if (keylen > 0)
		memcpy(k, key, keylen);

	for (i = 0; i < sizeof(pad); i++)
		pad[i] = k[i] ^ 0x36;
	sha256_init(&ctx);
	sha256_update(&ctx, pad, sizeof(pad));
	sha256_update(&ctx, msg, msglen);
	sha256_final(&ctx, inner);

	for (i = 0; i < sizeof(pad); i++)
		pad[i] = k[i] ^ 0x5c;
	sha256_init(&ctx);
	sha256_update(&ctx, pad, sizeof(pad));
	sha256_update(&ctx, inner, sizeof(inner));
	sha256_final(&ctx, mac);

	explicit_bzero(k, sizeof(k));
	explicit_bzero(pad, sizeof(pad));
	explicit_bzero(inner, sizeof(inner));
}

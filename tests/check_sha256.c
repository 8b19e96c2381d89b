/*
 * check_sha256.c: SHA-256 against the FIPS 180-2 examples and HMAC-SHA256
 * against RFC 4231, plus incremental updates split at every offset.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sha256.h"

static void
hex(const uint8_t *d, size_t n, char *out)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

/* Decode a hex literal into buf; returns its length. */
static size_t
unhex(const char *s, uint8_t *buf, size_t buflen)
{
	size_t	 n = strlen(s) / 2, i;

	ck_assert_uint_le(n, buflen);
	for (i = 0; i < n; i++) {
		unsigned v;
		ck_assert_int_eq(sscanf(s + 2 * i, "%2x", &v), 1);
		buf[i] = (uint8_t)v;
	}
	return n;
}

static void
check_sha256(const void *msg, size_t len, const char *want)
{
	uint8_t	 d[SHA256_DIGEST_LENGTH];
	char	 got[2 * SHA256_DIGEST_LENGTH + 1];

	sha256(msg, len, d);
	hex(d, sizeof(d), got);
	ck_assert_str_eq(got, want);
}

START_TEST(test_fips_abc)
{
	check_sha256("abc", 3, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
}
END_TEST

START_TEST(test_fips_empty)
{
	check_sha256("", 0, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
}
END_TEST

START_TEST(test_fips_two_blocks)
{
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	check_sha256(m, strlen(m), "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1");
}
END_TEST

START_TEST(test_fips_million_a)
{
	struct sha256_ctx	 ctx;
	uint8_t			 d[SHA256_DIGEST_LENGTH], chunk[1000];
	char			 got[65];
	int			 i;

	memset(chunk, 'a', sizeof(chunk));
	sha256_init(&ctx);
	for (i = 0; i < 1000; i++)
		sha256_update(&ctx, chunk, sizeof(chunk));
	sha256_final(&ctx, d);
	hex(d, sizeof(d), got);
	ck_assert_str_eq(got, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

/* 55, 56, 63, 64, 65 bytes: the padding boundaries. */
START_TEST(test_padding_boundaries)
{
	static const struct {
		size_t		 len;
		const char	*want;
	} v[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
		{ 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
	};
	char	 m[65];
	size_t	 i;

	memset(m, 'a', sizeof(m));
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		check_sha256(m, v[i].len, v[i].want);
}
END_TEST

START_TEST(test_incremental_split)
{
	const char	*m = "The quick brown fox jumps over the lazy dog, "
	    "twice over, so that the message spans more than one block.";
	size_t		 len = strlen(m), cut;
	uint8_t		 whole[SHA256_DIGEST_LENGTH], part[SHA256_DIGEST_LENGTH];

	sha256(m, len, whole);
	for (cut = 0; cut <= len; cut++) {
		struct sha256_ctx ctx;
		sha256_init(&ctx);
		sha256_update(&ctx, m, cut);
		sha256_update(&ctx, NULL, 0);
		sha256_update(&ctx, m + cut, len - cut);
		sha256_final(&ctx, part);
		ck_assert_mem_eq(whole, part, sizeof(whole));
	}
}
END_TEST

/* RFC 4231 section 4: test cases 1-7. */
static const struct {
	const char	*key;		/* hex */
	const char	*data;		/* hex */
	const char	*mac;		/* hex, truncated in case 5 */
} rfc4231[] = {
	{ "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
	  "4869205468657265",
	  "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
	{ "4a656665",
	  "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
	  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	  "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
	  "dddddddddddddddddddddddddddddddddddd",
	  "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
	{ "0102030405060708090a0b0c0d0e0f10111213141516171819",
	  "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
	  "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
	  "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
	{ "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c",
	  "546573742057697468205472756e636174696f6e",
	  "a3b6167473100ee06e0c796c2955552b" },
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaa",
	  "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a"
	  "65204b6579202d2048617368204b6579204669727374",
	  "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaa",
	  "5468697320697320612074657374207573696e672061206c6172676572207468"
	  "616e20626c6f636b2d73697a65206b657920616e642061206c61726765722074"
	  "68616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565"
	  "647320746f20626520686173686564206265666f7265206265696e6720757365"
	  "642062792074686520484d414320616c676f726974686d2e",
	  "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
};

START_TEST(test_rfc4231)
{
	uint8_t	 key[256], data[256], mac[SHA256_DIGEST_LENGTH];
	char	 got[65];
	size_t	 klen, dlen, wantlen;

	klen = unhex(rfc4231[_i].key, key, sizeof(key));
	dlen = unhex(rfc4231[_i].data, data, sizeof(data));
	hmac_sha256(key, klen, data, dlen, mac);
	hex(mac, sizeof(mac), got);
	wantlen = strlen(rfc4231[_i].mac);
	ck_assert_msg(strncmp(got, rfc4231[_i].mac, wantlen) == 0,
	    "RFC 4231 case %d: got %s", _i + 1, got);
}
END_TEST

/* A key of exactly one block is used as is, not hashed. */
START_TEST(test_hmac_block_sized_key)
{
	uint8_t	 key[SHA256_BLOCK_LENGTH], mac1[32], mac2[32], hk[32];

	memset(key, 0x42, sizeof(key));
	hmac_sha256(key, sizeof(key), "m", 1, mac1);
	/* A 65-byte key is hashed first: differs from the 64-byte one. */
	{
		uint8_t big[SHA256_BLOCK_LENGTH + 1];
		memset(big, 0x42, sizeof(big));
		hmac_sha256(big, sizeof(big), "m", 1, mac2);
		ck_assert_mem_ne(mac1, mac2, sizeof(mac1));
		sha256(big, sizeof(big), hk);
		hmac_sha256(hk, sizeof(hk), "m", 1, mac1);
		ck_assert_mem_eq(mac1, mac2, sizeof(mac1));
	}
	/* Empty key and empty message are legal. */
	hmac_sha256(NULL, 0, NULL, 0, mac1);
	{
		char got[65];
		hex(mac1, sizeof(mac1), got);
		ck_assert_str_eq(got, "b613679a0814d9ec772f95d778c35fc5"
		    "ff1697c493715653c6c712144292c5ad");
	}
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("sha256");
	TCase	*tc = tcase_create("vectors");
	SRunner	*sr;
	int	 nf;

	tcase_add_test(tc, test_fips_abc);
	tcase_add_test(tc, test_fips_empty);
	tcase_add_test(tc, test_fips_two_blocks);
	tcase_add_test(tc, test_fips_million_a);
	tcase_add_test(tc, test_padding_boundaries);
	tcase_add_test(tc, test_incremental_split);
	tcase_add_loop_test(tc, test_rfc4231, 0,
	    (int)(sizeof(rfc4231) / sizeof(rfc4231[0])));
	tcase_add_test(tc, test_hmac_block_sized_key);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

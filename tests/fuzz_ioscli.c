/*
 * fuzz_ioscli.c: libFuzzer entry point for the IOS dialogue (lib/ioscli.c).
 *
 *   clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
 *       -fno-sanitize-recover=undefined -Ilib tests/fuzz_ioscli.c \
 *       lib/ioscli.c lib/log.c lib/util.c -o /tmp/fuzz_ioscli
 *   /tmp/fuzz_ioscli -max_total_time=60 -max_len=8192
 *
 * Byte 0 picks the options (secret or not, a tiny or normal cap, the
 * platform hint) and how far a canned router drives the dialogue before
 * the fuzz input arrives: banner, probe, enable, secret, prep, idle or a
 * running command. Byte 1 seeds the feed sizes; the rest is fed in pieces
 * of pseudo-random size, with nudges, commands and polls in between.
 * Invariants: replies are NUL-free strings within the cap, and the secret
 * shows up in no reply, error or hostname. Sanitizers catch the rest.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ioscli.h"

/*
 * The router may print anything, the secret too (redacting output is
 * redact.c's business); but \001 never survives the decoder, so a secret
 * found in a reply can only have been copied there by the dialogue.
 */
#define SECRET	"fz\001S3cret"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check(int ok)
{
	if (!ok)
		abort();
}

static int
has_secret(const char *s, size_t n)
{
	return memmem(s, n, SECRET, strlen(SECRET)) != NULL;
}

static void
invariants(const struct ioscli *cli, size_t cap)
{
	const struct ioscli_reply *r = ioscli_reply(cli);
	const char	*h = ioscli_hostname(cli), *e = ioscli_error(cli);

	check(e != NULL && !has_secret(e, strlen(e)));
	check(ioscli_state_name(cli) != NULL);
	if (h != NULL)
		check(strlen(h) <= 63 && !has_secret(h, strlen(h)));
	if (r == NULL)
		return;
	check(r->text != NULL && strlen(r->text) == r->len && r->len <= cap);
	check(!has_secret(r->text, r->len));
	check(strlen(r->error) < sizeof(r->error));
	check(!has_secret(r->error, strlen(r->error)));
	check(r->pages >= 0);
}

static void
handle(struct ioscli *cli, enum ioscli_event ev, size_t cap)
{
	while (ev != IOSCLI_EV_NONE) {
		invariants(cli, cap);
		if (ev == IOSCLI_EV_READY || ev == IOSCLI_EV_DONE)
			check(ioscli_run(cli, "show crypto isakmp sa") == 0);
		ev = ioscli_poll(cli);
	}
}

/* A canned router: answer what the dialogue wrote, like IOS would. */
static void
answer(struct ioscli *cli, size_t cap)
{
	char		 buf[256];
	const char	*w;
	size_t		 n;

	w = ioscli_outbuf(cli, &n);
	if (n == 0) {
		handle(cli, ioscli_feed(cli, "r1>", 3), cap);
		return;
	}
	if (n == strlen(SECRET) + 1 && memcmp(w, SECRET, n - 1) == 0)
		strcpy(buf, "\r\nr1#");
	else if (n == 7 && memcmp(w, "enable\n", 7) == 0)
		strcpy(buf, "enable\r\nPassword: ");
	else if (n < 128) {
		memcpy(buf, w, n - 1);
		strcpy(buf + n - 1, "\r\nr1#");
	} else
		strcpy(buf, "\r\nr1#");
	ioscli_consumed(cli, n);
	handle(cli, ioscli_feed(cli, buf, strlen(buf)), cap);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ioscli_opts o;
	struct ioscli	*cli;
	uint32_t	 seed;
	size_t		 off, n, len, i, depth;

	if (size < 2)
		return 0;
	memset(&o, 0, sizeof(o));
	o.enable_secret = data[0] & 1 ? SECRET : NULL;
	o.output_cap = data[0] & 2 ? 64 : 4096;
	o.platform = (enum ioscli_platform_hint)((data[0] >> 2) % 3);
	depth = (size_t)(data[0] >> 4) % 9;
	seed = data[1] * 2654435761u + 1;
	cli = ioscli_new(&o);
	for (i = 0; i < depth; i++)
		answer(cli, o.output_cap);
	invariants(cli, o.output_cap);

	data += 2;
	size -= 2;
	for (off = 0; off < size; off += n) {
		seed = seed * 1103515245u + 12345u;
		len = 1 + (seed >> 16) % 64;
		n = len < size - off ? len : size - off;
		handle(cli, ioscli_feed(cli, (const char *)data + off, n),
		    o.output_cap);
		switch ((seed >> 8) & 15) {
		case 0:
			ioscli_nudge(cli);
			break;
		case 1:
			(void)ioscli_outbuf(cli, &len);
			ioscli_consumed(cli, len);
			break;
		case 2:
			handle(cli, ioscli_feed(cli, NULL, 0), o.output_cap);
			break;
		default:
			break;
		}
	}
	/* whatever state the decoder is in, this may end a command */
	handle(cli, ioscli_feed(cli, "\r\n\r\nr1#", 8), o.output_cap);
	invariants(cli, o.output_cap);
	ioscli_free(cli);
	return 0;
}

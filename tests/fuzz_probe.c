/*
 * fuzz_probe.c: libFuzzer target for one probe's parser, chosen at build
 * time with -DFUZZ_PROBE=probe_<name> (make fuzz builds one per probe).
 * Every platform is tried on every input: a parser must never crash, read
 * past the text, or leak, whatever the router sends.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

extern const struct probe FUZZ_PROBE;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum platform plats[] = { PLATFORM_AUTO, PLATFORM_IOS,
	    PLATFORM_IOSXE, PLATFORM_ASA };
	static const unsigned char salt[] = "fuzz-salt";
	struct probe_input	 in;
	struct probe_result	 res;
	size_t			 i;
	char			*copy, *js;
	cJSON			*j;

	/* An exact-size copy, so ASan sees any read past the end. */
	copy = malloc(size ? size : 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	for (i = 0; i < sizeof(plats) / sizeof(plats[0]); i++) {
		memset(&in, 0, sizeof(in));
		in.text = copy;
		in.len = size;
		in.platform = plats[i];
		in.salt = salt;
		in.saltlen = sizeof(salt) - 1;
		probe_parse(&FUZZ_PROBE, &in, &res);
		j = probe_result_json(&FUZZ_PROBE, &res);
		js = cJSON_PrintUnformatted(j);
		free(js);
		cJSON_Delete(j);
		probe_result_free(&FUZZ_PROBE, &res);
	}
	free(copy);
	return 0;
}

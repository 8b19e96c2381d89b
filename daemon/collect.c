/*
 * collect.c: from a finished poll's outputs to what the store keeps.
 *
 * Each output goes, whole, to the probe its command belongs to; the
 * probe's records (as JSON, the same as `ipsecwatch parse` prints) go to
 * the store next to the command. A parse error is recorded and logged,
 * never turned into an empty result. `show version`, run at a session's
 * first poll when the config leaves the platform on auto, tells which
 * command forms to send (ASA or IOS).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "collect.h"
#include "log.h"
#include "probe.h"
#include "util.h"

#define VERSION_COMMAND	"show version"

/* The command to send for a configured one on this platform. */
char *
collect_command(const char *configured, enum platform plat)
{
	const struct probe	*p = probe_by_command(configured, PLATFORM_AUTO);

	if (p != NULL && strcmp(configured, p->command) == 0)
		return xstrdup(probe_command(p, plat));
	return xstrdup(configured);
}

const char *
collect_version_command(void)
{
	return VERSION_COMMAND;
}

/*
 * Parse show version's output: the platform, and what the store keeps of
 * it. Returns PLATFORM_AUTO when it could not tell.
 */
enum platform
collect_platform(const char *name, const char *text, size_t len,
    char *version, size_t versionlen, char *hostname, size_t hostlen)
{
	const struct probe	*p = probe_by_name("version");
	struct probe_input	 in;
	struct probe_result	 res;
	enum platform		 plat = PLATFORM_AUTO;
	cJSON			*j, *v;

	version[0] = hostname[0] = '\0';
	if (p == NULL || p->parse == NULL || text == NULL)
		return PLATFORM_AUTO;
	memset(&in, 0, sizeof(in));
	in.text = text;
	in.len = len;
	if (probe_parse(p, &in, &res) == 0) {
		plat = res.platform;
		j = probe_result_json(p, &res);
		if ((v = cJSON_GetObjectItem(j, "version")) && cJSON_IsString(v))
			snprintf(version, versionlen, "%s", v->valuestring);
		if ((v = cJSON_GetObjectItem(j, "hostname")) && cJSON_IsString(v))
			snprintf(hostname, hostlen, "%s", v->valuestring);
		cJSON_Delete(j);
	} else
		log_notice("router %s: show version not understood: %s", name,
		    res.error);
	probe_result_free(p, &res);
	return plat;
}

static uint64_t
probe_bit(const struct probe *p)
{
	size_t	 i;

	for (i = 0; i < probe_count && i < 64; i++)
		if (probe_table[i] == p)
			return (uint64_t)1 << i;
	return 0;
}

/*
 * A router whose output is not understood says so once (notice: the
 * journal's -p info view), and again when it is understood again; the
 * error itself is recorded with every poll.
 */
static void
parse_logged(const char *router, const struct collect_ctx *cx,
    const struct probe *p, const char *command, int ok,
    const struct probe_result *res)
{
	uint64_t	 bit = probe_bit(p);
	int		 was = cx->parse_failing != NULL &&
			    (*cx->parse_failing & bit) != 0;

	if (!ok && !was)
		log_notice("router %s: %s: not understood: %s (%zu lines)",
		    router, command, res->error, res->unparsed);
	else if (!ok)
		log_debug("router %s: %s: still not understood: %s", router,
		    command, res->error);
	else if (was)
		log_info("router %s: %s: understood again", router, command);
	if (cx->parse_failing == NULL || bit == 0)
		return;
	if (ok)
		*cx->parse_failing &= ~bit;
	else
		*cx->parse_failing |= bit;
}

/* Fill sc's probe fields for one output; the JSON string is malloc'd. */
static void
collect_one(const char *router, const struct collect_ctx *cx,
    const char *command, const char *text, size_t len,
    struct store_command *sc)
{
	const struct probe	*p = probe_by_command(command, cx->platform);
	struct probe_input	 in;
	struct probe_result	 res;
	cJSON			*j;

	char			*echoed = NULL;

	if (p == NULL || p->parse == NULL || text == NULL)
		return;
	memset(&in, 0, sizeof(in));
	in.text = text;
	in.len = len;
	/*
	 * The session strips the command's echo, but "show ip route PEER"
	 * names its target only there: put it back, as a paste would have it.
	 */
	if (strcmp(p->name, "ip_route") == 0) {
		xasprintf(&echoed, "%s#%s\n%.*s", router, command, (int)len,
		    text);
		in.text = echoed;
		in.len = strlen(echoed);
	}
	in.platform = cx->platform;
	in.salt = cx->salt;
	in.saltlen = cx->saltlen;
	parse_logged(router, cx, p, command, probe_parse(p, &in, &res) == 0,
	    &res);
	j = probe_result_json(p, &res);
	sc->probe = p->name;
	sc->parse_ok = res.ok;
	sc->parse_error = res.ok ? NULL : xstrdup(res.error);
	sc->unparsed = res.unparsed;
	sc->records_json = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	probe_result_free(p, &res);
	free(echoed);
}

void
collect_parse(const char *router, const struct collect_ctx *cx,
    struct store_command *sc, const char *const *texts, const size_t *lens,
    size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(sc[i].status, "ok") == 0 ||
		    strcmp(sc[i].status, "truncated") == 0)
			collect_one(router, cx, sc[i].command, texts[i], lens[i],
			    &sc[i]);
}

void
collect_free(struct store_command *sc, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free((char *)sc[i].parse_error);
		free((char *)sc[i].records_json);
		sc[i].parse_error = sc[i].records_json = NULL;
	}
}

/*
 * version.c: "show version" on IOS 12.x/15.x, IOS-XE 16/17 and ASA 8.4+/9.x.
 *
 * The banner line names the platform and the version:
 *   IOS 15:   "Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M),
 *              Version 15.4(3)M2, RELEASE SOFTWARE (fc1)"
 *   IOS 12:   "IOS (tm) C2600 Software (C2600-IK9O3S3-M), Version 12.3(26), ..."
 *   IOS-XE:   "Cisco IOS XE Software, Version 16.09.04" (the IOS banner that
 *             follows, "Cisco IOS Software [Fuji], ... Version 16.9.4", is
 *             the IOSd inside it), or only IOS-XE markers elsewhere.
 *   ASA:      "Cisco Adaptive Security Appliance Software Version 9.8(4)"
 * The rest of the output is prose whose lines we know by their wording; a
 * legal paragraph (export, GPL) is recognised until its blank line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"
#include "version.h"

struct version_state {
	struct version_info	*vi;
	int			 in_paragraph;	/* inside a legal notice */
	int			 saw_xe;	/* an IOS-XE marker was seen */
	int			 saw_ios;	/* an IOS banner was seen */
	int			 xe_version;	/* version came from the XE banner */
};

/* The token after "Version" (or "Version:"), without a trailing ",". */
static int
token_after_version(const struct toks *tk, char *buf, size_t buflen)
{
	size_t		 i;
	struct tok	 t;

	for (i = 0; i + 1 < tk->n; i++)
		if (tok_is(&tk->t[i], "Version") ||
		    tok_is(&tk->t[i], "Version,")) {
			t = tok_strip(&tk->t[i + 1], ",");
			if (t.len == 0 || t.s[0] < '0' || t.s[0] > '9')
				return 0;
			tok_copy(&t, buf, buflen);
			return 1;
		}
	return 0;
}

/* "(C2900-UNIVERSALK9-M)" in the banner: the image family. */
static void
banner_image_name(const struct toks *tk, char *buf, size_t buflen)
{
	size_t		 i;
	struct tok	 t;

	for (i = 0; i < tk->n; i++) {
		t = tok_strip(&tk->t[i], ",");
		if (t.len > 2 && t.s[0] == '(' && t.s[t.len - 1] == ')' &&
		    memchr(t.s, '-', t.len) != NULL) {
			t.s++;
			t.len -= 2;
			tok_copy(&t, buf, buflen);
			return;
		}
	}
}

static int
is_xe_marker(const struct line *t)
{
	return line_find(t, "IOS XE") != NULL ||
	    line_find(t, "IOS-XE") != NULL ||
	    line_find(t, "LINUX_IOSD") != NULL ||
	    line_find(t, "Virtual XE Software") != NULL;
}

/* The banner lines: 1 when the line was one. */
static int
parse_banner(struct version_state *st, const struct line *t,
    const struct toks *tk)
{
	struct version_info	*vi = st->vi;

	if (line_starts(t, "Cisco Adaptive Security Appliance Software") ||
	    line_starts(t, "Cisco PIX Security Appliance Software")) {
		vi->platform = PLATFORM_ASA;
		token_after_version(tk, vi->version, sizeof(vi->version));
		return 1;
	}
	if (line_starts(t, "Cisco IOS XE Software") ||
	    line_starts(t, "Cisco IOS-XE Software")) {
		st->saw_xe = 1;
		if (token_after_version(tk, vi->version, sizeof(vi->version)))
			st->xe_version = 1;
		return 1;
	}
	if (line_starts(t, "Cisco IOS Software") ||
	    line_starts(t, "IOS (tm)") ||
	    (line_starts(t, "Cisco ") && line_find(t, " Software (") != NULL &&
	    line_find(t, "Version") != NULL)) {
		st->saw_ios = 1;
		if (is_xe_marker(t))
			st->saw_xe = 1;
		if (!st->xe_version)
			token_after_version(tk, vi->version,
			    sizeof(vi->version));
		banner_image_name(tk, vi->image_name, sizeof(vi->image_name));
		return 1;
	}
	return 0;
}

/* "hq-1 uptime is 2 weeks, 3 days" (IOS) or "hq-fw up 12 days 4 hours" (ASA). */
static int
parse_uptime(struct version_info *vi, const struct toks *tk)
{
	size_t		 skip, i, n = 0;

	if (tk->n >= 4 && tok_is(&tk->t[1], "uptime") &&
	    tok_is(&tk->t[2], "is"))
		skip = 3;
	else if (tk->n >= 3 && tok_is(&tk->t[1], "up") &&
	    !tok_is(&tk->t[0], "failover") && !tok_is(&tk->t[0], "Failover") &&
	    tk->t[2].len > 0 && tk->t[2].s[0] >= '0' && tk->t[2].s[0] <= '9')
		skip = 2;
	else
		return 0;
	tok_copy(&tk->t[0], vi->hostname, sizeof(vi->hostname));
	/* The rest of the line, blanks collapsed. */
	vi->uptime[0] = '\0';
	for (i = skip; i < tk->n && n + 1 < sizeof(vi->uptime); i++) {
		n += (size_t)snprintf(vi->uptime + n, sizeof(vi->uptime) - n,
		    "%s%.*s", i > skip ? " " : "", (int)tk->t[i].len,
		    tk->t[i].s);
		if (n >= sizeof(vi->uptime))
			n = sizeof(vi->uptime) - 1;
	}
	return 1;
}

/*
 * "cisco ISR4331/K9 (1RU) processor with ...", "Cisco CISCO2911/K9
 * (revision 1.0) with ... bytes of memory.", "Hardware:   ASA5516, 8192 MB
 * RAM, ...", "Processor board ID FTX1840ALBM", "Serial Number: JAD21450B2K".
 */
static int
parse_hardware(struct version_info *vi, const struct line *t,
    const struct toks *tk)
{
	struct tok	 v;

	if (tk->n >= 3 && tok_ieq(&tk->t[0], "cisco") &&
	    (line_find(t, "bytes of memory") != NULL ||
	    line_find(t, " processor") != NULL)) {
		tok_copy(&tk->t[1], vi->model, sizeof(vi->model));
		return 1;
	}
	if (tk->n >= 2 && tok_is(&tk->t[0], "Hardware:")) {
		v = tok_strip(&tk->t[1], ",");
		tok_copy(&v, vi->model, sizeof(vi->model));
		return 1;
	}
	if (tk->n >= 4 && tok_is(&tk->t[0], "Processor") &&
	    tok_is(&tk->t[1], "board") && tok_is(&tk->t[2], "ID")) {
		v = tok_strip(&tk->t[3], ",");
		tok_copy(&v, vi->serial, sizeof(vi->serial));
		return 1;
	}
	if (tk->n >= 3 && tok_is(&tk->t[0], "Serial") &&
	    tok_is(&tk->t[1], "Number:")) {
		tok_copy(&tk->t[2], vi->serial, sizeof(vi->serial));
		return 1;
	}
	return 0;
}

/* System image file is "flash0:c2900-universalk9-mz.SPA.157-3.M8.bin" */
static int
parse_image(struct version_info *vi, const struct line *t)
{
	const char	*p = line_find(t, "System image file is "), *end, *q;

	if (p == NULL)
		return 0;
	end = t->s + t->len;
	if (p < end && *p == '"')
		p++;
	q = p;
	while (q < end && *q != '"')
		q++;
	snprintf(vi->image, sizeof(vi->image), "%.*s", (int)(q - p), p);
	return 1;
}

/* Lines of show version we know by their wording and do not keep. */
static const char *const known_phrases[] = {
	"Technical Support", "Copyright", "Compiled ", "ROM:", "BOOTLDR:",
	"System returned to ROM", "System restarted", "System image file",
	"Last reload", "reload reason", "Uptime for this control processor",
	"Configuration register", "bytes of", "interface", "Interface",
	"terminal line", "Virtual Private Network", "DRAM configuration",
	"License", "license", "Licensing", "Technology", "Device#",
	"----", "====", "Base Ethernet MAC", "Base ethernet MAC",
	"Motherboard", "Model ", "Top Assembly", "Hardware Board",
	"Router operating mode", "Installation mode", "Switch Ports",
	"Config file at boot", "Configuration last modified",
	"Device Manager Version", "Operating System Version",
	"SSP Slot", "Encryption hardware", "Boot microcode", "Firmware",
	"Flash", "flash", "BIOS", "Ext:", "Int:", "address is",
	"perpetual", "Maximum", "Inside Hosts", "Failover", "failover",
	"VLANs", "Peers", "Sessions", "Security Contexts", "Carrier",
	"Botnet", "Cluster", "This platform has", "serial number",
	"Serial Number", "Image type", "Image Version", "CPU ", "MHz",
	"Suite", "AnyConnect", "Other VPN", "VPN Load", "Encryption-",
	"Total VPN", "Shared License", "Intercompany", "GTP", "Advanced",
	"Smart", "Processor", "processor", "Memory", "memory",
	"Compact Flash", "ATA", "cisco", "Cisco", "ipbase", "security",
	"appxk9", "uck9", "None", "Permanent", "RightToUse", "EvalRightToUse",
	"Smart License", "Next reload", "Next reboot", "AIR ", "Device ",
	"Active", "Standby", "Slot", "Cisco IOS-XE", "rights reserved",
	"Version", "Release", "revision", "Temporary", "Evaluation",
	"Expires", "Enabled", "Disabled", "Unlimited", "Strong", "boot",
	"Key version", "Key Version", "accelerators", "text-base",
	"throughput level",
};

static int
is_known_phrase(const struct line *t)
{
	size_t	 i;

	/* License UDI rows: "*0        CISCO2911/K9          FTX1840ALBM" */
	if (t->len > 1 && t->s[0] == '*' && t->s[1] >= '0' && t->s[1] <= '9')
		return 1;
	for (i = 0; i < NITEMS(known_phrases); i++)
		if (line_find(t, known_phrases[i]) != NULL)
			return 1;
	return 0;
}

/* Export and GPL notices: from their first line to the next blank one. */
static int
starts_paragraph(const struct line *t)
{
	return line_find(t, "This product contains cryptographic") != NULL ||
	    line_find(t, "IOS-XE software, Copyright") != NULL ||
	    line_find(t, "Certain components of") != NULL ||
	    line_find(t, "A summary of U.S. laws") != NULL ||
	    line_find(t, "If you require further assistance") != NULL;
}

static void
version_line(struct version_state *st, const struct line *l,
    struct probe_result *res)
{
	struct line	 t = line_trim(l);
	struct toks	 tk;

	toks_line(&tk, &t);
	if (is_xe_marker(&t))
		st->saw_xe = 1;
	if (parse_banner(st, &t, &tk) || parse_uptime(st->vi, &tk) ||
	    parse_hardware(st->vi, &t, &tk) || parse_image(st->vi, &t)) {
		res->recognised++;
		return;
	}
	if (starts_paragraph(&t))
		st->in_paragraph = 1;
	if (st->in_paragraph || is_known_phrase(&t))
		res->recognised++;
	else
		res->unparsed++;
}

static int
version_parse(const struct probe_input *in, struct probe_result *res)
{
	struct version_state	 st;
	struct line_iter	 it;
	struct line		 l;
	size_t			 content = 0;

	memset(&st, 0, sizeof(st));
	st.vi = xcalloc(1, sizeof(*st.vi));
	res->records = st.vi;
	line_iter_init(&it, in->text, in->len);
	while (line_next(&it, &l)) {
		if (line_is_blank(&l)) {
			st.in_paragraph = 0;
			continue;
		}
		if (line_is_noise(&l))
			continue;
		content++;
		version_line(&st, &l, res);
	}
	if (st.vi->platform != PLATFORM_ASA && st.saw_ios)
		st.vi->platform = st.saw_xe ? PLATFORM_IOSXE : PLATFORM_IOS;
	else if (st.vi->platform != PLATFORM_ASA && st.saw_xe)
		st.vi->platform = PLATFORM_IOSXE;
	if (content > 0 && st.vi->platform == PLATFORM_AUTO) {
		/* Without a banner nothing says what this box runs. */
		snprintf(res->error, sizeof(res->error), "version: no software "
		    "banner (Cisco IOS / IOS XE / Adaptive Security Appliance "
		    "Software ... Version) in %zu lines", content);
		return -1;
	}
	if (st.vi->platform != PLATFORM_AUTO)
		res->platform = st.vi->platform;
	return 0;
}

/* "platform" is the envelope's (probe_result.platform, set above). */
static void
version_to_json(const void *records, cJSON *obj)
{
	const struct version_info	*vi = records;

	probe_json_str(obj, "version", vi->version);
	probe_json_str(obj, "hostname", vi->hostname);
	probe_json_str(obj, "uptime", vi->uptime);
	probe_json_str(obj, "model", vi->model);
	probe_json_str(obj, "serial", vi->serial);
	probe_json_str(obj, "image", vi->image);
	probe_json_str(obj, "image_name", vi->image_name);
}

static void
version_free(void *records)
{
	free(records);
}

const struct probe probe_version = {
	.name = "version",
	.command = "show version",
	.command_asa = "show version",
	.polled = 0,
	.parse = version_parse,
	.to_json = version_to_json,
	.free_records = version_free,
};

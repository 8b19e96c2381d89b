/*
 * version.h: "show version": which platform, which software, which box.
 *
 * The platform decides which commands and parsers the other probes use,
 * so the parser also sets probe_result.platform. Every string is empty
 * when the output did not print it (JSON null), never guessed.
 */
#ifndef IPSECWATCH_PROBE_VERSION_H
#define IPSECWATCH_PROBE_VERSION_H

#include "probe.h"

struct version_info {
	enum platform	 platform;	/* PLATFORM_AUTO: no banner seen */
	char		 version[64];	/* "15.4(3)M2", "16.09.04", "9.8(4)" */
	char		 hostname[128];	/* "hq-1" from "hq-1 uptime is ..." */
	char		 uptime[128];	/* "2 weeks, 3 days, 4 minutes" */
	char		 model[96];	/* "ISR4331/K9", "ASA5516" */
	char		 serial[64];	/* Processor board ID / Serial Number */
	char		 image[256];	/* System image file, without quotes */
	char		 image_name[96];/* "C2900-UNIVERSALK9-M" from the banner */
};

extern const struct probe probe_version;

#endif

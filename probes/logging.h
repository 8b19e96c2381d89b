/*
 * logging.h: crypto evidence from "show logging": %CRYPTO-* (IOS/IOS-XE)
 * and IKE/IPsec %ASA-* messages, plus the ISAKMP/IPSEC debug lines a
 * diagnosis cites (PSK mismatch, proposal mismatch, DPD, ...).
 *
 * Other log lines (%LINK-3-UPDOWN, ...) are recognised but produce no
 * event. Unknown values: empty strings and -1 (JSON null).
 */
#ifndef IPSECWATCH_PROBE_LOGGING_H
#define IPSECWATCH_PROBE_LOGGING_H

#include <stddef.h>
#include <stdint.h>

#include "probe.h"

struct log_event {
	char		 time[48];	/* as printed, blanks collapsed; "" */
	int64_t		 seq;		/* "000123: " sequence number, or -1 */
	char		 host[64];	/* ASA device-id "fw-1 : %ASA-...", "" */
	char		 facility[32];	/* "CRYPTO", "ASA", ... "" for debug */
	int		 severity;	/* 0..7, or -1 for debug lines */
	char		 mnemonic[48];	/* "IKMP_NO_SA", "713257", "" */
	const char	*kind;		/* stable id, never NULL: see logging.c */
	char		 peer[64];	/* canonical address, "" */
	char		*text;		/* the message, continuations appended,
					   blanks collapsed; never NULL */
	size_t		 textlen;
};

struct log_events {
	struct log_event	*ev;
	size_t			 n;
};

extern const struct probe probe_logging;

#endif

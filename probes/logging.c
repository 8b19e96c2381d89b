/*
 * logging.c: "show logging" (IOS: "| include CRYPTO") into crypto events.
 *
 * A log line is [seq: ][timestamp: ][host : ]body, where
 *   seq        "000123:"
 *   timestamp  "*Mar  1 00:10:12.123:", "Nov 29 06:10:06.123 UTC:",
 *              "Nov 29 2026 06:10:06:", "Mar 09 2017 10:25:04" (ASA), or an
 *              uptime "1d02h:", "00:10:12:"; absent when timestamps are off
 *   body       "%FAC-SEV-MNEMONIC: text" or a debug line ("ISAKMP:(0): ...")
 * The header ("Syslog logging: ..." up to "Log Buffer (N bytes):" or the
 * first message) is recognised as a whole; so is the first line after the
 * "Log Buffer" banner, the tail of a message the ring buffer cut. A line
 * that is not a log line right after one is its continuation.
 *
 * Events: %CRYPTO* / %IKEV2 / %IPSEC (IOS), %ASA IKE/IPsec ids (113019,
 * 402xxx, 602xxx, 713xxx-715xxx, 717xxx, 750xxx-752xxx), and the debug
 * lines whose kind we know. "kind" is a stable id per message type.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logging.h"
#include "text.h"
#include "util.h"

#define LOG_TEXT_MAX	4096	/* a message with its continuations */

struct log_prefix {
	char		 time[48];
	int64_t		 seq;
	char		 host[64];
	int		 stamped;	/* a timestamp or a sequence number */
	const char	*body;		/* within the line */
	size_t		 bodylen;
};

struct log_tag {
	char		 facility[32];
	int		 severity;
	char		 mnemonic[48];
	const char	*text;
	size_t		 textlen;
};

struct log_state {
	struct log_events	*evs;
	int			 in_header;
	int			 after_banner;	/* next line may be a cut message */
	int			 in_message;	/* continuations may follow */
	int			 cont_event;	/* they belong to evs->ev[n - 1] */
	int			 content_lines;
	int			 asa_seen;
};

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

static int
tok_is_month(const struct tok *t)
{
	struct tok	 u = *t;
	size_t		 i;

	if (u.len > 0 && (u.s[0] == '*' || u.s[0] == '.')) {
		u.s++;
		u.len--;
	}
	for (i = 0; i < NITEMS(months); i++)
		if (tok_is(&u, months[i]))
			return 1;
	return 0;
}

static int
tok_all(const struct tok *t, const char *set, size_t from)
{
	size_t	 i;

	if (t->len <= from)
		return 0;
	for (i = from; i < t->len; i++)
		if (strchr(set, t->s[i]) == NULL)
			return 0;
	return 1;
}

static int
tok_ends(const struct tok *t, char c)
{
	return t->len > 0 && t->s[t->len - 1] == c;
}

/* "00:10:12.123" with an optional trailing ':'. */
static int
tok_is_clock(const struct tok *t)
{
	return t->len >= 5 && t->s[0] >= '0' && t->s[0] <= '9' &&
	    memchr(t->s, ':', t->len) != NULL && tok_all(t, "0123456789:.", 0);
}

/* An uptime stamp: "1d02h:", "2w0d:", "00:10:12:", "7:04:". */
static int
tok_is_uptime(const struct tok *t)
{
	struct tok	 u = *t;

	if (u.len > 0 && (u.s[0] == '*' || u.s[0] == '.')) {
		u.s++;
		u.len--;
	}
	return tok_ends(&u, ':') && u.len >= 3 && u.s[0] >= '0' &&
	    u.s[0] <= '9' && tok_all(&u, "0123456789:.dhwmy", 0);
}

/* Join tokens [from, to) with single blanks, without the final ':'. */
static void
join_time(const struct toks *tk, size_t from, size_t to, char *buf,
    size_t buflen)
{
	size_t	 i, n = 0;

	buf[0] = '\0';
	for (i = from; i < to && n + 1 < buflen; i++) {
		struct tok t = tk->t[i];
		if (i + 1 == to)
			t = tok_strip(&t, ":");
		n += (size_t)snprintf(buf + n, buflen - n, "%s%.*s",
		    i > from ? " " : "", (int)t.len, t.s);
		if (n >= buflen)
			n = buflen - 1;
	}
}

/* Month-name timestamps: returns the index after them, or from. */
static size_t
take_date(const struct toks *tk, size_t i)
{
	size_t	 j = i;

	if (j + 2 >= tk->n || !tok_is_month(&tk->t[j]) ||
	    !tok_all(&tk->t[j + 1], "0123456789", 0))
		return i;
	j += 2;
	if (tk->t[j].len == 4 && tok_all(&tk->t[j], "0123456789", 0))
		j++;			/* year */
	if (j >= tk->n || !tok_is_clock(&tk->t[j]))
		return i;
	if (tok_ends(&tk->t[j], ':'))
		return j + 1;
	j++;
	/* "UTC:" / "EST:" */
	if (j < tk->n && tk->t[j].len >= 2 && tk->t[j].len <= 8 &&
	    tok_ends(&tk->t[j], ':') && tk->t[j].s[0] >= 'A' &&
	    tk->t[j].s[0] <= 'Z')
		return j + 1;
	return j;
}

static void
parse_prefix(const struct line *t, struct log_prefix *p)
{
	struct toks	 tk;
	size_t		 i = 0, j;

	memset(p, 0, sizeof(*p));
	p->seq = -1;
	toks_line(&tk, t);
	if (tk.n == 0)
		return;
	if (tk.n > 1 && tok_ends(&tk.t[0], ':') && tk.t[0].len > 1) {
		struct tok n = tok_strip(&tk.t[0], ":");
		uint64_t v;
		/* Not "00:10:12:" (an uptime): digits only. */
		if (tok_u64(&n, &v) && v <= INT64_MAX) {
			p->seq = (int64_t)v;
			p->stamped = 1;
			i = 1;
		}
	}
	j = take_date(&tk, i);
	if (j == i && i < tk.n && tok_is_uptime(&tk.t[i]))
		j = i + 1;
	if (j > i) {
		join_time(&tk, i, j, p->time, sizeof(p->time));
		p->stamped = 1;
		i = j;
	}
	/* ASA device-id: "fw-1 : %ASA-..." */
	if (i + 2 < tk.n && tok_is(&tk.t[i + 1], ":") &&
	    tk.t[i + 2].s[0] == '%') {
		tok_copy(&tk.t[i], p->host, sizeof(p->host));
		i += 2;
	}
	if (i < tk.n) {
		p->body = tk.t[i].s;
		p->bodylen = (size_t)(t->s + t->len - p->body);
	}
}

static int
is_tag_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* "%FAC-SEV-MNEMONIC: text" */
static int
parse_tag(const char *s, size_t len, struct log_tag *tag)
{
	size_t	 i = 1, f0, f1, m0;

	memset(tag, 0, sizeof(*tag));
	if (len < 6 || s[0] != '%')
		return 0;
	f0 = i;
	while (i < len && is_tag_char(s[i]))
		i++;
	f1 = i;
	if (f1 == f0 || i + 3 >= len || s[i] != '-' || s[i + 1] < '0' ||
	    s[i + 1] > '7' || s[i + 2] != '-')
		return 0;
	tag->severity = s[i + 1] - '0';
	i += 3;
	m0 = i;
	while (i < len && is_tag_char(s[i]))
		i++;
	if (i == m0 || i >= len || s[i] != ':')
		return 0;
	snprintf(tag->facility, sizeof(tag->facility), "%.*s", (int)(f1 - f0),
	    s + f0);
	snprintf(tag->mnemonic, sizeof(tag->mnemonic), "%.*s", (int)(i - m0),
	    s + m0);
	i++;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	tag->text = s + i;
	tag->textlen = len - i;
	return 1;
}

static int
starts_with(const char *s, size_t len, const char *prefix)
{
	size_t	 n = strlen(prefix);

	return len >= n && memcmp(s, prefix, n) == 0;
}

static int
is_debug_body(const char *s, size_t len)
{
	return starts_with(s, len, "ISAKMP") || starts_with(s, len, "IPSEC") ||
	    starts_with(s, len, "IKEv2") || starts_with(s, len, "IKEV2") ||
	    starts_with(s, len, "CRYPTO_");
}

static int
is_crypto_facility(const char *f)
{
	return strncmp(f, "CRYPTO", 6) == 0 || strcmp(f, "IKEV2") == 0 ||
	    strncmp(f, "IPSEC", 5) == 0 || strcmp(f, "ISAKMP") == 0;
}

static int
is_asa_facility(const char *f)
{
	return strcmp(f, "ASA") == 0 || strcmp(f, "FTD") == 0 ||
	    strcmp(f, "PIX") == 0 || strcmp(f, "FWSM") == 0;
}

/* ASA message ids of IKE, IPsec and VPN sessions. */
static int
is_crypto_asa_id(const char *id)
{
	static const char *const prefixes[] = { "402", "602", "713", "714",
	    "715", "717", "750", "751", "752" };
	size_t	 i;

	if (strlen(id) != 6)
		return 0;
	if (strcmp(id, "113019") == 0)
		return 1;
	for (i = 0; i < NITEMS(prefixes); i++)
		if (strncmp(id, prefixes[i], 3) == 0)
			return 1;
	return 0;
}

struct kind_map {
	const char	*key;
	const char	*kind;
};

static const struct kind_map mnemonic_kinds[] = {
	{ "IKMP_NO_SA", "ikmp_no_sa" },
	{ "IKMP_MODE_FAILURE", "ikmp_mode_failure" },
	{ "RECVD_PKT_NOT_IPSEC", "recvd_pkt_not_ipsec" },
	{ "RECVD_PKT_INV_SPI", "recvd_pkt_inv_spi" },
	{ "RECVD_PKT_MAC_ERR", "recvd_pkt_mac_err" },
	{ "PKT_REPLAY_ERR", "pkt_replay_err" },
	{ "IKE_DENY_SA_REQ", "ike_deny_sa_req" },
	{ "IKMP_QUERY_KEY", "ikmp_query_key" },
	{ "IKMP_AUTH_FAIL", "auth_failed" },
	{ "IKMP_BAD_MESSAGE", "bad_message" },
	{ "IKMP_NOT_ENCRYPTED", "ikmp_not_encrypted" },
	{ "IKMP_SA_NOT_AUTH", "ikmp_sa_not_auth" },
	{ "ISAKMP_ON_OFF", "isakmp_on_off" },
	/* ASA ids whose meaning does not depend on the text */
	{ "113019", "tunnel_down" },
	{ "602303", "ipsec_sa_created" },
	{ "602304", "ipsec_sa_deleted" },
	{ "713119", "phase1_completed" },
	{ "713120", "phase2_completed" },
	{ "713122", "keepalive_unsupported" },
	{ "713123", "peer_not_responding" },
	{ "713257", "phase1_failure" },
	{ "402114", "recvd_pkt_inv_spi" },
	{ "402119", "pkt_replay_err" },
};

/* Checked in order, case-insensitively, on the message text. */
static const struct kind_map text_kinds[] = {
	{ "atts are not acceptable", "atts_not_acceptable" },
	{ "no offers accepted", "no_offers_accepted" },
	{ "phase 1 SA policy not acceptable", "phase1_policy_not_acceptable" },
	{ "transform proposal not supported", "transform_proposal_not_supported" },
	{ "proxy identities not supported", "proxy_identities_not_supported" },
	{ "no matching crypto map entry", "proxy_identities_not_supported" },
	{ "IPSec SA proposals found unacceptable", "transform_proposal_not_supported" },
	{ "proposals found unacceptable", "no_offers_accepted" },
	{ "offered does not match policy", "policy_mismatch" },
	{ "reserved not zero", "reserved_not_zero" },
	{ "failed its sanity check", "bad_message" },
	{ "authentication failed", "auth_failed" },
	{ "No pre-shared key", "no_psk" },
	{ "No Cert or pre-shared key", "no_psk" },
	{ "R_U_THERE_ACK", "dpd_ack_received" },
	{ "R-U-THERE-ACK", "dpd_ack_received" },
	{ "R_U_THERE sent", "dpd_request_sent" },
	{ "keep-alive of type DPD R-U-THERE", "dpd_request_sent" },
	{ "DPD request sent", "dpd_request_sent" },
	{ "not responding", "peer_not_responding" },
	{ "lost contact with remote peer", "peer_not_responding" },
	{ "Crypto tunnel is DOWN", "tunnel_down" },
	{ "Crypto tunnel is UP", "tunnel_up" },
	{ "Session disconnected", "tunnel_down" },
	{ "PHASE 1 COMPLETED", "phase1_completed" },
	{ "PHASE 2 COMPLETED", "phase2_completed" },
	{ "Keep-alives configured on but peer does not support",
	    "keepalive_unsupported" },
	{ "Phase 1 failure", "phase1_failure" },
	{ "has no SA and is not an initialization offer", "ikmp_no_sa" },
	{ "mode failed with peer", "ikmp_mode_failure" },
	{ "not an IPSEC packet", "recvd_pkt_not_ipsec" },
	{ "invalid spi", "recvd_pkt_inv_spi" },
	{ "replay check failed", "pkt_replay_err" },
	{ "was not encrypted and it should", "ikmp_not_encrypted" },
	{ "Unable to remove PeerTblEntry", "peer_table_error" },
	{ "Removing peer from peer table failed", "peer_table_error" },
	{ "Error processing payload", "payload_error" },
	{ "retransmitting", "retransmit" },
};

static const char *
classify(const char *mnemonic, const char *text, size_t len)
{
	size_t	 i;

	for (i = 0; i < NITEMS(mnemonic_kinds); i++)
		if (strcmp(mnemonic, mnemonic_kinds[i].key) == 0)
			return mnemonic_kinds[i].kind;
	for (i = 0; i < NITEMS(text_kinds); i++)
		if (text_find_ci(text, len, text_kinds[i].key) != NULL)
			return text_kinds[i].kind;
	/* "DPD ... tearing down": the peer stopped answering. */
	if (text_find_ci(text, len, "DPD") != NULL &&
	    text_find_ci(text, len, "tearing down") != NULL)
		return "peer_not_responding";
	return "other";
}

/* An address in t, trimmed of punctuation and of a ":port" or "/port". */
static int
peer_from_tok(struct tok t, char *buf, size_t buflen)
{
	const char	*cut;

	while (t.len > 0 && strchr("(/[", t.s[0]) != NULL) {
		t.s++;
		t.len--;
	}
	while (t.len > 0 && strchr(",;:)!.]", t.s[t.len - 1]) != NULL)
		t.len--;
	if (t.len == 0)
		return 0;
	if (tok_ip(&t, buf, buflen))
		return 1;
	cut = memchr(t.s, '/', t.len);
	if (cut == NULL && memchr(t.s, '.', t.len) != NULL)
		cut = memrchr(t.s, ':', t.len);
	if (cut == NULL)
		return 0;
	t.len = (size_t)(cut - t.s);
	return tok_ip(&t, buf, buflen);
}

/*
 * The word of a token that may be glued to a debug prefix
 * ("ISAKMP:(1001):peer") or open a parenthesis ("(user=").
 */
static struct tok
anchor_word(const struct tok *t)
{
	struct tok	 w = *t;
	size_t		 i;

	for (i = w.len; i > 0; i--)
		if (w.s[i - 1] == ')' && i < w.len && w.s[i] == ':') {
			w.s += i + 1;
			w.len -= i + 1;
			break;
		}
	while (w.len > 0 && w.s[0] == '(') {
		w.s++;
		w.len--;
	}
	return w;
}

/* Pass 0: words that name the peer; pass 1: "to" (DPD sent to X). */
static int
is_anchor(const struct tok *w, int pass)
{
	if (pass == 1)
		return tok_is(w, "to");
	return tok_ieq(w, "from") || tok_ieq(w, "peer") ||
	    tok_ieq(w, "remote") || tok_is(w, "at") || tok_is(w, "with") ||
	    tok_is(w, "host");
}

/* One pass of find_peer() over the tokens. */
static int
peer_in_pass(const struct toks *tk, int pass, char *buf, size_t buflen)
{
	static const char *const eq_prefixes[] = { "src_addr=", "srcaddr=",
	    "IP=", "user=" };
	struct tok	 w, v;
	size_t		 i, k, n;

	for (i = 0; i < tk->n; i++) {
		w = anchor_word(&tk->t[i]);
		if (is_anchor(&w, pass) && i + 1 < tk->n &&
		    peer_from_tok(tk->t[i + 1], buf, buflen))
			return 1;
		if (pass == 1)
			continue;
		if (tok_is(&w, "IP") && i + 2 < tk->n &&
		    tok_is(&tk->t[i + 1], "=") &&
		    peer_from_tok(tk->t[i + 2], buf, buflen))
			return 1;
		for (k = 0; k < NITEMS(eq_prefixes); k++) {
			n = strlen(eq_prefixes[k]);
			if (w.len < n || memcmp(w.s, eq_prefixes[k], n) != 0)
				continue;
			v.s = w.s + n;
			v.len = w.len - n;
			if (v.len == 0 && i + 1 < tk->n)
				v = tk->t[i + 1];
			if (peer_from_tok(v, buf, buflen))
				return 1;
		}
	}
	return 0;
}

/*
 * The first address after from/peer/remote/at/with/host, "IP =",
 * src_addr=, srcaddr=, user=; failing those, after "to".
 */
static void
find_peer(const char *text, size_t len, char *buf, size_t buflen)
{
	struct toks	 tk;

	toks_split(&tk, text, len);
	if (!peer_in_pass(&tk, 0, buf, buflen) &&
	    !peer_in_pass(&tk, 1, buf, buflen))
		buf[0] = '\0';
}

/*
 * Append len bytes of s to *text (of length *have), blanks collapsed to one
 * space, so that a paste that turned spaces into tabs reads the same.
 */
static void
append_text(char **text, size_t *have, const char *s, size_t len)
{
	size_t	 i, n = *have;
	int	 blank = n > 0;

	if (n >= LOG_TEXT_MAX)
		return;
	if (len > LOG_TEXT_MAX - n)
		len = LOG_TEXT_MAX - n;
	*text = xreallocarray(*text, n + len + 2, 1);
	for (i = 0; i < len && n < LOG_TEXT_MAX; i++) {
		if (s[i] == ' ' || s[i] == '\t') {
			blank = 1;
			continue;
		}
		if (blank && n > 0) {
			if (n + 1 >= LOG_TEXT_MAX)
				break;
			(*text)[n++] = ' ';
		}
		blank = 0;
		(*text)[n++] = s[i];
	}
	(*text)[n] = '\0';
	*have = n;
}

static struct log_event *
new_event(struct log_events *evs)
{
	struct log_event	*e;

	evs->ev = xreallocarray(evs->ev, evs->n + 1, sizeof(*evs->ev));
	e = &evs->ev[evs->n++];
	memset(e, 0, sizeof(*e));
	e->seq = -1;
	e->severity = -1;
	return e;
}

static void
add_event(struct log_state *st, const struct log_prefix *p,
    const struct log_tag *tag, const char *text, size_t len,
    const char *kind)
{
	struct log_event	*e = new_event(st->evs);

	snprintf(e->time, sizeof(e->time), "%s", p->time);
	e->seq = p->seq;
	snprintf(e->host, sizeof(e->host), "%s", p->host);
	if (tag != NULL) {
		snprintf(e->facility, sizeof(e->facility), "%s", tag->facility);
		e->severity = tag->severity;
		snprintf(e->mnemonic, sizeof(e->mnemonic), "%s", tag->mnemonic);
	}
	e->kind = kind;
	e->textlen = 0;
	append_text(&e->text, &e->textlen, text, len);
	find_peer(e->text, e->textlen, e->peer, sizeof(e->peer));
}

/* A log line: 1 when it was one (event or not). */
static int
log_line(struct log_state *st, const struct line *t)
{
	struct log_prefix	 p;
	struct log_tag		 tag;
	const char		*kind;

	parse_prefix(t, &p);
	if (p.body == NULL)
		return 0;
	if (parse_tag(p.body, p.bodylen, &tag)) {
		st->cont_event = 0;
		if (is_asa_facility(tag.facility)) {
			st->asa_seen = 1;
			if (!is_crypto_asa_id(tag.mnemonic))
				return 1;
		} else if (!is_crypto_facility(tag.facility))
			return 1;
		kind = classify(tag.mnemonic, tag.text, tag.textlen);
		add_event(st, &p, &tag, tag.text, tag.textlen, kind);
		st->cont_event = 1;
		return 1;
	}
	if (is_debug_body(p.body, p.bodylen)) {
		st->cont_event = 0;
		kind = classify("", p.body, p.bodylen);
		if (strcmp(kind, "other") != 0) {
			add_event(st, &p, NULL, p.body, p.bodylen, kind);
			st->cont_event = 1;
		}
		return 1;
	}
	/* "Jun  5 05:11:04.626 EST: Rollback:Acquired Configuration lock." */
	if (p.stamped)
		st->cont_event = 0;
	return p.stamped;
}

/* A continuation line: appended to the event it continues. */
static void
continue_event(struct log_state *st, const struct line *t)
{
	struct log_event	*e = &st->evs->ev[st->evs->n - 1];

	append_text(&e->text, &e->textlen, t->s, t->len);
	if (e->peer[0] == '\0')
		find_peer(e->text, e->textlen, e->peer, sizeof(e->peer));
}

static int
logging_line(struct log_state *st, const struct line *l)
{
	struct line	 t = line_trim(l);
	int		 first = st->content_lines++ == 0;

	if (line_starts(&t, "Syslog logging:")) {
		st->in_header = 1;
		return 1;
	}
	if (line_starts(&t, "Log Buffer (")) {
		st->in_header = 0;
		st->in_message = 0;
		st->after_banner = 1;
		return 1;
	}
	if (log_line(st, &t)) {
		st->in_header = 0;
		st->after_banner = 0;
		st->in_message = 1;
		return 1;
	}
	if (st->in_header)
		return 1;
	if (st->after_banner) {
		st->after_banner = 0;
		return 1;		/* the ring buffer cut this message */
	}
	if (st->in_message) {
		if (st->cont_event)
			continue_event(st, &t);
		return 1;
	}
	/* The command echoed by a paste: "show logging". */
	return first && line_starts(&t, "show ");
}

static int
logging_parse(const struct probe_input *in, struct probe_result *res)
{
	struct log_state	 st;
	struct line_iter	 it;
	struct line		 l;

	memset(&st, 0, sizeof(st));
	st.evs = xcalloc(1, sizeof(*st.evs));
	res->records = st.evs;
	line_iter_init(&it, in->text, in->len);
	while (line_next(&it, &l)) {
		if (line_is_noise(&l))
			continue;
		if (logging_line(&st, &l))
			res->recognised++;
		else {
			res->unparsed++;
			st.in_message = 0;
		}
	}
	if (in->platform == PLATFORM_AUTO && st.asa_seen)
		res->platform = PLATFORM_ASA;
	return 0;
}

static void
logging_to_json(const void *records, cJSON *obj)
{
	const struct log_events	*evs = records;
	cJSON			*a = cJSON_AddArrayToObject(obj, "events"), *j;
	size_t			 i;

	for (i = 0; i < evs->n; i++) {
		const struct log_event *e = &evs->ev[i];
		j = cJSON_CreateObject();
		probe_json_str(j, "time", e->time);
		probe_json_str(j, "facility", e->facility);
		if (e->severity >= 0)
			cJSON_AddNumberToObject(j, "severity", e->severity);
		else
			cJSON_AddNullToObject(j, "severity");
		probe_json_str(j, "mnemonic", e->mnemonic);
		cJSON_AddStringToObject(j, "kind", e->kind);
		probe_json_str(j, "peer", e->peer);
		cJSON_AddStringToObject(j, "text", e->text);
		if (e->seq >= 0)
			cJSON_AddNumberToObject(j, "seq", (double)e->seq);
		else
			cJSON_AddNullToObject(j, "seq");
		probe_json_str(j, "host", e->host);
		cJSON_AddItemToArray(a, j);
	}
}

static void
logging_free(void *records)
{
	struct log_events	*evs = records;
	size_t			 i;

	if (evs == NULL)
		return;
	for (i = 0; i < evs->n; i++)
		free(evs->ev[i].text);
	free(evs->ev);
	free(evs);
}

const struct probe probe_logging = {
	.name = "logging",
	.command = "show logging | include CRYPTO|ISAKMP|IPSEC|IKEv2|DPD",
	.command_asa = "show logging",
	.polled = 1,
	.parse = logging_parse,
	.to_json = logging_to_json,
	.free_records = logging_free,
};

/*
 * ipsec_sa.c: parser for "show crypto ipsec sa" (IOS 12/15, IOS-XE, ASA).
 *
 * One pass over the lines, dispatching on the first character of each
 * trimmed line and then on its leading keywords (a space in a keyword
 * matches any run of blanks, so lost or doubled spaces and tabs do not
 * matter). Lines of the "a: 1, b: 2" kind are read segment by segment.
 * No regex, no allocation but the growing record arrays: this is the
 * probe that runs on the biggest outputs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "ipsec_sa.h"
#include "probe.h"
#include "text.h"
#include "util.h"

_Static_assert(IPSEC_CTR_COUNT <= 64, "counters_present is a 64-bit mask");

/* Flow "starter" lines: whichever comes first opens a flow. */
#define STARTER_VRF	0x01
#define STARTER_ACL	0x02
#define STARTER_IDENT	0x04
#define STAGE_BODY	0x100	/* a non-starter line was seen */

struct ipsec_parse {
	struct ipsec_sa_records	*rec;
	int			 in_section;	/* after "inbound esp sas:" */
	enum ipsec_sa_dir	 dir;
	enum ipsec_sa_proto	 proto;
	int			 in_sa;		/* after "spi:" */
	int			 in_bitmap;	/* in the ASA replay bitmap */
	int			 asa_seen;	/* for the platform guess */
};

struct seg {
	const char	*s;
	size_t		 len;
};

static const char *const counter_names[IPSEC_CTR_COUNT] = {
	[IPSEC_CTR_PKTS_ENCAPS] = "pkts_encaps",
	[IPSEC_CTR_PKTS_ENCRYPT] = "pkts_encrypt",
	[IPSEC_CTR_PKTS_DIGEST] = "pkts_digest",
	[IPSEC_CTR_PKTS_DECAPS] = "pkts_decaps",
	[IPSEC_CTR_PKTS_DECRYPT] = "pkts_decrypt",
	[IPSEC_CTR_PKTS_VERIFY] = "pkts_verify",
	[IPSEC_CTR_PKTS_COMPRESSED] = "pkts_compressed",
	[IPSEC_CTR_PKTS_DECOMPRESSED] = "pkts_decompressed",
	[IPSEC_CTR_PKTS_NOT_COMPRESSED] = "pkts_not_compressed",
	[IPSEC_CTR_PKTS_COMPR_FAILED] = "pkts_compr_failed",
	[IPSEC_CTR_PKTS_NOT_DECOMPRESSED] = "pkts_not_decompressed",
	[IPSEC_CTR_PKTS_DECOMPRESS_FAILED] = "pkts_decompress_failed",
	[IPSEC_CTR_PKTS_NO_SA_SEND] = "pkts_no_sa_send",
	[IPSEC_CTR_PKTS_INVALID_SA_RCV] = "pkts_invalid_sa_rcv",
	[IPSEC_CTR_PKTS_ENCAPS_FAILED_SEND] = "pkts_encaps_failed_send",
	[IPSEC_CTR_PKTS_DECAPS_FAILED_RCV] = "pkts_decaps_failed_rcv",
	[IPSEC_CTR_PKTS_INVALID_PROT_RECV] = "pkts_invalid_prot_recv",
	[IPSEC_CTR_PKTS_VERIFY_FAILED] = "pkts_verify_failed",
	[IPSEC_CTR_PKTS_INVALID_IDENTITY_RECV] = "pkts_invalid_identity_recv",
	[IPSEC_CTR_PKTS_INVALID_LEN_RCV] = "pkts_invalid_len_rcv",
	[IPSEC_CTR_PKTS_REPLAY_ROLLOVER_SEND] = "pkts_replay_rollover_send",
	[IPSEC_CTR_PKTS_REPLAY_ROLLOVER_RCV] = "pkts_replay_rollover_rcv",
	[IPSEC_CTR_PKTS_REPLAY_FAILED_RCV] = "pkts_replay_failed_rcv",
	[IPSEC_CTR_PKTS_TAGGED_SEND] = "pkts_tagged_send",
	[IPSEC_CTR_PKTS_UNTAGGED_RCV] = "pkts_untagged_rcv",
	[IPSEC_CTR_PKTS_NOT_TAGGED_SEND] = "pkts_not_tagged_send",
	[IPSEC_CTR_PKTS_NOT_UNTAGGED_RCV] = "pkts_not_untagged_rcv",
	[IPSEC_CTR_PKTS_INTERNAL_ERR_SEND] = "pkts_internal_err_send",
	[IPSEC_CTR_PKTS_INTERNAL_ERR_RECV] = "pkts_internal_err_recv",
	[IPSEC_CTR_SEND_ERRORS] = "send_errors",
	[IPSEC_CTR_RECV_ERRORS] = "recv_errors",
	[IPSEC_CTR_PKTS_INVALID_PAD_RCV] = "pkts_invalid_pad_rcv",
	[IPSEC_CTR_PKTS_INVALID_IP_VERSION_RCV] = "pkts_invalid_ip_version_rcv",
	[IPSEC_CTR_PKTS_MIN_MTU_FRAG_FAILED_SEND] =
	    "pkts_min_mtu_frag_failed_send",
	[IPSEC_CTR_PKTS_BAD_FRAG_OFFSET_RCV] = "pkts_bad_frag_offset_rcv",
	[IPSEC_CTR_PRE_FRAG_SUCCESSES] = "pre_frag_successes",
	[IPSEC_CTR_PRE_FRAG_FAILURES] = "pre_frag_failures",
	[IPSEC_CTR_FRAGMENTS_CREATED] = "fragments_created",
	[IPSEC_CTR_PMTUS_SENT] = "pmtus_sent",
	[IPSEC_CTR_PMTUS_RCVD] = "pmtus_rcvd",
	[IPSEC_CTR_DECAP_FRAGS_NEEDING_REASSEMBLY] =
	    "decapsulated_frags_needing_reassembly",
	[IPSEC_CTR_TFC_RCVD] = "tfc_rcvd",
	[IPSEC_CTR_TFC_SENT] = "tfc_sent",
	[IPSEC_CTR_VALID_ICMP_ERRORS_RCVD] = "valid_icmp_errors_rcvd",
	[IPSEC_CTR_INVALID_ICMP_ERRORS_RCVD] = "invalid_icmp_errors_rcvd",
};

/*
 * Counter labels as printed, without "#" and ":", blanks collapsed. In
 * printing order, so the next label is usually the one after the last.
 * IOS, IOS-XE and ASA spell a few of them differently.
 */
#define CL(s, c)	{ s, sizeof(s) - 1, c }
static const struct counter_label {
	const char	*label;
	size_t		 len;
	int		 ctr;
} counter_labels[] = {
	CL("pkts encaps", IPSEC_CTR_PKTS_ENCAPS),
	CL("pkts encrypt", IPSEC_CTR_PKTS_ENCRYPT),
	CL("pkts digest", IPSEC_CTR_PKTS_DIGEST),
	CL("pkts decaps", IPSEC_CTR_PKTS_DECAPS),
	CL("pkts decrypt", IPSEC_CTR_PKTS_DECRYPT),
	CL("pkts verify", IPSEC_CTR_PKTS_VERIFY),
	CL("pkts compressed", IPSEC_CTR_PKTS_COMPRESSED),
	CL("pkts decompressed", IPSEC_CTR_PKTS_DECOMPRESSED),
	CL("pkts not compressed", IPSEC_CTR_PKTS_NOT_COMPRESSED),
	CL("pkts compr. failed", IPSEC_CTR_PKTS_COMPR_FAILED),
	CL("pkts not decompressed", IPSEC_CTR_PKTS_NOT_DECOMPRESSED),
	CL("pkts decompress failed", IPSEC_CTR_PKTS_DECOMPRESS_FAILED),
	CL("pkts no sa (send)", IPSEC_CTR_PKTS_NO_SA_SEND),
	CL("pkts invalid sa (rcv)", IPSEC_CTR_PKTS_INVALID_SA_RCV),
	CL("pkts encaps failed (send)", IPSEC_CTR_PKTS_ENCAPS_FAILED_SEND),
	CL("pkts decaps failed (rcv)", IPSEC_CTR_PKTS_DECAPS_FAILED_RCV),
	CL("pkts invalid prot (recv)", IPSEC_CTR_PKTS_INVALID_PROT_RECV),
	CL("pkts verify failed", IPSEC_CTR_PKTS_VERIFY_FAILED),
	CL("pkts invalid identity (recv)",
	    IPSEC_CTR_PKTS_INVALID_IDENTITY_RECV),
	CL("pkts invalid len (rcv)", IPSEC_CTR_PKTS_INVALID_LEN_RCV),
	CL("pkts replay rollover (send)", IPSEC_CTR_PKTS_REPLAY_ROLLOVER_SEND),
	CL("pkts replay rollover (rcv)", IPSEC_CTR_PKTS_REPLAY_ROLLOVER_RCV),
	CL("pkts replay failed (rcv)", IPSEC_CTR_PKTS_REPLAY_FAILED_RCV),
	CL("pkts tagged (send)", IPSEC_CTR_PKTS_TAGGED_SEND),
	CL("pkts untagged (rcv)", IPSEC_CTR_PKTS_UNTAGGED_RCV),
	CL("pkts not tagged (send)", IPSEC_CTR_PKTS_NOT_TAGGED_SEND),
	CL("pkts not untagged (rcv)", IPSEC_CTR_PKTS_NOT_UNTAGGED_RCV),
	CL("pkts internal err (send)", IPSEC_CTR_PKTS_INTERNAL_ERR_SEND),
	CL("pkts internal err (recv)", IPSEC_CTR_PKTS_INTERNAL_ERR_RECV),
	CL("send errors", IPSEC_CTR_SEND_ERRORS),
	CL("recv errors", IPSEC_CTR_RECV_ERRORS),
	/* ASA spellings and ASA-only counters */
	CL("pkts comp failed", IPSEC_CTR_PKTS_COMPR_FAILED),
	CL("pkts decomp failed", IPSEC_CTR_PKTS_DECOMPRESS_FAILED),
	CL("pkts invalid prot (rcv)", IPSEC_CTR_PKTS_INVALID_PROT_RECV),
	CL("pkts invalid identity (rcv)",
	    IPSEC_CTR_PKTS_INVALID_IDENTITY_RECV),
	CL("pkts invalid pad (rcv)", IPSEC_CTR_PKTS_INVALID_PAD_RCV),
	CL("pkts invalid ip version (rcv)",
	    IPSEC_CTR_PKTS_INVALID_IP_VERSION_RCV),
	CL("pkts replay rollover (recv)", IPSEC_CTR_PKTS_REPLAY_ROLLOVER_RCV),
	CL("pkts min mtu frag failed (send)",
	    IPSEC_CTR_PKTS_MIN_MTU_FRAG_FAILED_SEND),
	CL("pkts bad frag offset (rcv)", IPSEC_CTR_PKTS_BAD_FRAG_OFFSET_RCV),
	CL("pkts internal err (rcv)", IPSEC_CTR_PKTS_INTERNAL_ERR_RECV),
	CL("pre-frag successes", IPSEC_CTR_PRE_FRAG_SUCCESSES),
	CL("pre-frag failures", IPSEC_CTR_PRE_FRAG_FAILURES),
	CL("fragments created", IPSEC_CTR_FRAGMENTS_CREATED),
	CL("PMTUs sent", IPSEC_CTR_PMTUS_SENT),
	CL("PMTUs rcvd", IPSEC_CTR_PMTUS_RCVD),
	CL("decapsulated frags needing reassembly",
	    IPSEC_CTR_DECAP_FRAGS_NEEDING_REASSEMBLY),
	CL("decapsulated frgs needing reassembly",
	    IPSEC_CTR_DECAP_FRAGS_NEEDING_REASSEMBLY),
	CL("TFC rcvd", IPSEC_CTR_TFC_RCVD),
	CL("TFC sent", IPSEC_CTR_TFC_SENT),
	CL("Valid ICMP Errors rcvd", IPSEC_CTR_VALID_ICMP_ERRORS_RCVD),
	CL("Invalid ICMP Errors rcvd", IPSEC_CTR_INVALID_ICMP_ERRORS_RCVD),
};
#undef CL
#define NLABELS	(sizeof(counter_labels) / sizeof(counter_labels[0]))

const char *
ipsec_sa_counter_name(enum ipsec_sa_counter c)
{
	if ((unsigned)c < IPSEC_CTR_COUNT)
		return counter_names[c];
	return NULL;
}

/* ---- characters, keywords, segments ---- */

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static const char *
skip_blanks(const char *p, const char *end)
{
	while (p < end && is_blank(*p))
		p++;
	return p;
}

/* Skip blanks, one optional sep character, blanks. */
static const char *
skip_sep(const char *p, const char *end, char sep)
{
	p = skip_blanks(p, end);
	if (p < end && *p == sep)
		p++;
	return skip_blanks(p, end);
}

/*
 * Does s start with the keyword pattern? A space in the pattern matches
 * one or more blanks. Returns the end of the match in s, or NULL.
 */
static const char *
kw(const char *s, const char *end, const char *pat)
{
	while (*pat != '\0') {
		if (*pat == ' ') {
			if (s >= end || !is_blank(*s))
				return NULL;
			s = skip_blanks(s, end);
		} else {
			if (s >= end || *s != *pat)
				return NULL;
			s++;
		}
		pat++;
	}
	return s;
}

/* Like kw(), but the keyword must end there (blank, ':', '(' or end). */
static const char *
kw_word(const char *s, const char *end, const char *pat)
{
	const char	*e = kw(s, end, pat);

	if (e == NULL || (e < end && !is_blank(*e) && *e != ':' &&
	    *e != '(' && *e != ',' && *e != '.' && *e != '='))
		return NULL;
	return e;
}

/* The next ','-separated segment, trimmed; 0 when there is none left. */
static int
seg_next(const char **pp, const char *end, struct seg *sg)
{
	const char	*p = *pp, *c, *e;

	if (p >= end)
		return 0;
	c = memchr(p, ',', (size_t)(end - p));
	e = c != NULL ? c : end;
	*pp = c != NULL ? c + 1 : end;
	p = skip_blanks(p, e);
	while (e > p && is_blank(e[-1]))
		e--;
	sg->s = p;
	sg->len = (size_t)(e - p);
	return 1;
}

/* Copy with blank runs collapsed to one space, trimmed; "" if empty. */
static void
copy_norm(char *dst, size_t cap, const char *s, const char *end)
{
	size_t	 n = 0;
	int	 blank = 0;

	s = skip_blanks(s, end);
	while (end > s && is_blank(end[-1]))
		end--;
	for (; s < end && n + 1 < cap; s++) {
		if (is_blank(*s)) {
			blank = 1;
			continue;
		}
		if (blank && n + 2 < cap)
			dst[n++] = ' ';
		blank = 0;
		dst[n++] = *s;
	}
	dst[n] = '\0';
}

/* Decimal digits at *pp (no sign). */
static int
scan_u64(const char **pp, const char *end, uint64_t *v)
{
	struct tok	 t;
	const char	*p = *pp;

	t.s = p;
	while (p < end && is_digit(*p))
		p++;
	t.len = (size_t)(p - t.s);
	if (!tok_u64(&t, v))
		return 0;
	*pp = p;
	return 1;
}

/* A whole span that is one decimal number. */
static int
span_u64(const char *s, const char *end, uint64_t *v)
{
	const char	*p = skip_blanks(s, end);

	if (!scan_u64(&p, end, v))
		return 0;
	return skip_blanks(p, end) == end;
}

/* A number that fits in int64_t, or -1. */
static int64_t
span_i64(const char *s, const char *end)
{
	uint64_t	 v;

	if (!span_u64(s, end, &v) || v > (uint64_t)INT64_MAX)
		return -1;
	return (int64_t)v;
}

static int
hex_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * An SPI: "0x397C36EE(964441838)", "0x32F752FF (855069439)" or ASA/IOS 12
 * "DC15BF68". The hex form is the SPI on the wire; the decimal in
 * parentheses is only a rendering of it (and is wrong in some pastes).
 */
static int
parse_spi(const char *p, const char *end, uint32_t *spi)
{
	uint32_t	 v = 0;
	int		 n = 0, d;

	p = skip_blanks(p, end);
	if (end - p >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	while (p < end && (d = hex_val(*p)) >= 0) {
		if (++n > 8)
			return 0;
		v = v << 4 | (uint32_t)d;
		p++;
	}
	if (n == 0)
		return 0;
	p = skip_blanks(p, end);
	if (p < end && *p != '(')
		return 0;
	*spi = v;
	return 1;
}

/*
 * A dotted quad that is already canonical (no leading zeros, each part
 * 0..255) is copied as is: inet_pton() + inet_ntop() are the slowest
 * part of the parse otherwise. Everything else goes through tok_ip().
 */
static int
ip_literal(const struct tok *t, char *dst, size_t cap)
{
	size_t		 i, parts = 0, digits = 0;
	unsigned	 v = 0;

	if (t->len < 7 || t->len > 15 || t->len >= cap)
		return tok_ip(t, dst, cap);
	for (i = 0; i <= t->len; i++) {
		if (i == t->len || t->s[i] == '.') {
			if (digits == 0 || v > 255 || (digits > 1 &&
			    t->s[i - digits] == '0'))
				return tok_ip(t, dst, cap);
			parts++;
			digits = 0;
			v = 0;
		} else if (is_digit(t->s[i])) {
			v = v * 10 + (unsigned)(t->s[i] - '0');
			if (++digits > 3)
				return tok_ip(t, dst, cap);
		} else
			return tok_ip(t, dst, cap);
	}
	if (parts != 4)
		return tok_ip(t, dst, cap);
	memcpy(dst, t->s, t->len);
	dst[t->len] = '\0';
	return 1;
}

/*
 * An address as printed: canonical when it is a literal, else the text
 * itself (an ASA with "names" prints names). Returns 1 for a literal.
 */
static int
copy_addr(char *dst, size_t cap, const char *s, const char *end)
{
	struct tok	 t;

	s = skip_blanks(s, end);
	while (end > s && is_blank(end[-1]))
		end--;
	t.s = s;
	t.len = (size_t)(end - s);
	if (ip_literal(&t, dst, cap))
		return 1;
	copy_norm(dst, cap, s, end);
	return 0;
}

/* "A" or ASA "A/4500": the address and the port (-1 when absent). */
static int
parse_endpoint(const char *s, const char *end, char *dst, size_t cap,
    int64_t *port)
{
	const char	*slash;

	s = skip_blanks(s, end);
	while (end > s && is_blank(end[-1]))
		end--;
	if (s == end)
		return 0;
	*port = -1;
	slash = memrchr(s, '/', (size_t)(end - s));
	if (slash != NULL) {
		*port = span_i64(slash + 1, end);
		if (*port < 0)
			return 0;
		end = slash;
	}
	copy_addr(dst, cap, s, end);
	return 1;
}

/* ---- records ---- */

static struct ipsec_sa_block *
cur_block(struct ipsec_parse *st)
{
	struct ipsec_sa_records	*r = st->rec;

	return r->nblocks > 0 ? &r->blocks[r->nblocks - 1] : NULL;
}

static struct ipsec_sa_flow *
cur_flow(struct ipsec_parse *st)
{
	struct ipsec_sa_block	*b = cur_block(st);

	return b != NULL && b->nflows > 0 ? &b->flows[b->nflows - 1] : NULL;
}

static struct ipsec_sa *
cur_sa(struct ipsec_parse *st)
{
	struct ipsec_sa_flow	*f = cur_flow(st);

	if (!st->in_sa || f == NULL || f->nsas == 0)
		return NULL;
	return &f->sas[f->nsas - 1];
}

static void
leave_flow(struct ipsec_parse *st)
{
	st->in_section = 0;
	st->in_sa = 0;
	st->in_bitmap = 0;
}

static struct ipsec_sa_block *
new_block(struct ipsec_parse *st)
{
	struct ipsec_sa_records	*r = st->rec;
	struct ipsec_sa_block	*b;

	if (r->nblocks == r->blocks_cap) {
		r->blocks_cap = r->blocks_cap ? r->blocks_cap * 2 : 4;
		r->blocks = xreallocarray(r->blocks, r->blocks_cap,
		    sizeof(*r->blocks));
	}
	b = &r->blocks[r->nblocks++];
	memset(b, 0, sizeof(*b));
	b->seq = -1;
	leave_flow(st);
	return b;
}

static void
ident_init(struct ipsec_sa_ident *id)
{
	memset(id, 0, sizeof(*id));
	id->prefix_len = -1;
	id->prot = -1;
	id->port = -1;
}

static struct ipsec_sa_flow *
new_flow(struct ipsec_parse *st)
{
	struct ipsec_sa_block	*b = cur_block(st);
	struct ipsec_sa_flow	*f;

	if (b == NULL)
		b = new_block(st);	/* output cut before "interface:" */
	if (b->nflows == b->flows_cap) {
		b->flows_cap = b->flows_cap ? b->flows_cap * 2 : 2;
		b->flows = xreallocarray(b->flows, b->flows_cap,
		    sizeof(*b->flows));
	}
	f = &b->flows[b->nflows++];
	memset(f, 0, sizeof(*f));
	ident_init(&f->local_ident);
	ident_init(&f->remote_ident);
	f->peer_port = -1;
	f->local_endpoint_port = f->remote_endpoint_port = -1;
	f->plaintext_mtu = f->path_mtu = f->ip_mtu = -1;
	f->media_mtu = f->ipsec_overhead = -1;
	f->pfs = -1;
	f->dh_group = -1;
	leave_flow(st);
	return f;
}

/* The flow a starter line belongs to: a new one unless it just began. */
static struct ipsec_sa_flow *
starter_flow(struct ipsec_parse *st, int starter)
{
	struct ipsec_sa_flow	*f = cur_flow(st);

	if (f == NULL || (f->stage & (STAGE_BODY | starter)))
		f = new_flow(st);
	f->stage |= starter;
	return f;
}

/* The flow a body line belongs to, or NULL (line out of place). */
static struct ipsec_sa_flow *
body_flow(struct ipsec_parse *st)
{
	struct ipsec_sa_flow	*f = cur_flow(st);

	if (f != NULL)
		f->stage |= STAGE_BODY;
	return f;
}

static struct ipsec_sa *
new_sa(struct ipsec_parse *st, struct ipsec_sa_flow *f)
{
	struct ipsec_sa	*sa;

	if (f->nsas == f->sas_cap) {
		f->sas_cap = f->sas_cap ? f->sas_cap * 2 : 4;
		f->sas = xreallocarray(f->sas, f->sas_cap, sizeof(*f->sas));
	}
	sa = &f->sas[f->nsas++];
	memset(sa, 0, sizeof(*sa));
	sa->dir = st->dir;
	sa->proto = st->proto;
	sa->udp_encaps = sa->esn = sa->initiator = -1;
	sa->replay_detection = -1;
	sa->conn_id = sa->slot = -1;
	sa->remaining_kb = sa->remaining_s = -1;
	sa->iv_size = sa->replay_window = -1;
	st->in_sa = 1;
	st->in_bitmap = 0;
	return sa;
}

/* ---- block and flow lines ---- */

/* "interface: GigabitEthernet0/1" */
static int
line_interface(struct ipsec_parse *st, const char *p, const char *end)
{
	struct ipsec_sa_block	*b;

	p = skip_sep(p, end, ':');
	if (p == end)
		return 0;
	b = new_block(st);
	copy_norm(b->interface, sizeof(b->interface), p, end);
	return 1;
}

/*
 * "Crypto map tag: X, local addr A" (IOS), "..., local addr. A" (IOS 12),
 * "Crypto map tag: X, seq num: N, local addr: A" (ASA).
 */
static int
line_map_tag(struct ipsec_parse *st, const char *p, const char *end)
{
	struct ipsec_sa_block	*b = cur_block(st);
	struct seg		 sg;
	const char		*v;
	int			 ok = 1, first = 1;

	if (b == NULL || b->crypto_map[0] != '\0' || b->nflows > 0) {
		/* Another map entry under the same interface (ASA seq num). */
		char ifname[sizeof(b->interface)];

		ifname[0] = '\0';
		if (b != NULL)
			memcpy(ifname, b->interface, sizeof(ifname));
		b = new_block(st);
		memcpy(b->interface, ifname, sizeof(ifname));
	}
	leave_flow(st);
	p = skip_sep(p, end, ':');
	while (seg_next(&p, end, &sg)) {
		const char *se = sg.s + sg.len;

		if (first) {
			copy_norm(b->crypto_map, sizeof(b->crypto_map), sg.s,
			    se);
			ok &= sg.len > 0;
			first = 0;
		} else if ((v = kw_word(sg.s, se, "seq num")) != NULL) {
			b->seq = span_i64(skip_sep(v, se, ':'), se);
			ok &= b->seq >= 0;
			st->asa_seen = 1;
		} else if ((v = kw_word(sg.s, se, "local addr")) != NULL) {
			v = skip_blanks(v, se);
			if (v < se && (*v == ':' || *v == '.'))
				v++;
			copy_addr(b->local_addr, sizeof(b->local_addr), v, se);
			ok &= b->local_addr[0] != '\0';
		} else if (sg.len > 0)
			ok = 0;
	}
	return ok;
}

/* "IPsecv6 policy name: OSPFv3-256" */
static int
line_v6_policy(struct ipsec_parse *st, const char *p, const char *end)
{
	struct ipsec_sa_block	*b = cur_block(st);

	if (b == NULL)
		return 0;
	copy_norm(b->ipsecv6_policy, sizeof(b->ipsecv6_policy),
	    skip_sep(p, end, ':'), end);
	return b->ipsecv6_policy[0] != '\0';
}

/* "protected vrf: (none)", ASA "Protected vrf (ivrf): Global" */
static int
line_vrf(struct ipsec_parse *st, const char *p, const char *end)
{
	struct ipsec_sa_flow	*f;
	const char		*v;

	if ((v = kw(p, end, " (ivrf)")) != NULL) {
		p = v;
		st->asa_seen = 1;
	}
	p = skip_sep(p, end, ':');
	if (p == end)
		return 0;
	f = starter_flow(st, STARTER_VRF);
	copy_norm(f->vrf, sizeof(f->vrf), p, end);
	return 1;
}

/* ASA "access-list NAME extended permit ip ..." */
static int
line_access_list(struct ipsec_parse *st, const char *p, const char *end)
{
	struct ipsec_sa_flow	*f = starter_flow(st, STARTER_ACL);
	char			 buf[512];

	copy_norm(buf, sizeof(buf), p, end);
	f->access_list = xstrdup(buf);
	st->asa_seen = 1;
	return 1;
}

/* The length of a contiguous dotted-quad mask, or -1. */
static int
mask_prefix_len(const char *mask)
{
	uint32_t	 m = 0;
	unsigned	 part = 0;
	int		 n = 0, parts = 1;

	for (; *mask != '\0'; mask++) {
		if (*mask == '.') {
			m = m << 8 | part;
			part = 0;
			parts++;
		} else if (is_digit(*mask) && part < 256)
			part = part * 10 + (unsigned)(*mask - '0');
		else
			return -1;
	}
	if (parts != 4 || part > 255)
		return -1;
	m = m << 8 | part;
	while (m & 0x80000000u) {
		m <<= 1;
		n++;
	}
	return m == 0 ? n : -1;
}

/* "(addr/mask/prot/port)": IPv6 has no '/', so split from the end. */
static int
parse_ident(const char *p, const char *end, struct ipsec_sa_ident *id)
{
	const char	*open, *close, *sl[3], *q;
	struct tok	 t;
	int		 n = 0;
	uint64_t	 v;

	open = memrchr(p, '(', (size_t)(end - p));
	if (open == NULL)
		return 0;
	close = memchr(open, ')', (size_t)(end - open));
	if (close == NULL)
		return 0;
	for (q = close; q > open && n < 3; q--)
		if (q[-1] == '/')
			sl[n++] = q - 1;
	if (n < 3)
		return 0;
	/* sl[0]: before port, sl[1]: before prot, sl[2]: before mask */
	ident_init(id);
	t.s = skip_blanks(open + 1, sl[2]);
	t.len = (size_t)(sl[2] - t.s);
	while (t.len > 0 && is_blank(t.s[t.len - 1]))
		t.len--;
	if (!ip_literal(&t, id->addr, sizeof(id->addr)))
		return 0;
	t.s = sl[2] + 1;
	t.len = (size_t)(sl[1] - t.s);
	if (ip_literal(&t, id->mask, sizeof(id->mask)))
		id->prefix_len = mask_prefix_len(id->mask);
	else if (tok_u64(&t, &v) && v <= 128) {
		tok_copy(&t, id->mask, sizeof(id->mask));
		id->prefix_len = (int)v;
	} else
		return 0;
	id->prot = span_i64(sl[1] + 1, sl[0]);
	id->port = span_i64(sl[0] + 1, close);
	if (id->prot < 0 || id->port < 0)
		return 0;
	id->valid = 1;
	return 1;
}

/* "local  ident (addr/mask/prot/port): (...)" and "remote ident ..." */
static int
line_ident(struct ipsec_parse *st, const char *p, const char *end, int local)
{
	struct ipsec_sa_flow	*f;

	if (local)
		f = starter_flow(st, STARTER_IDENT);
	else if ((f = body_flow(st)) == NULL)
		return 0;
	return parse_ident(p, end, local ? &f->local_ident : &f->remote_ident);
}

/*
 * "current_peer 198.51.100.2 port 500" (IOS 15, XE), "current_peer: X"
 * (ASA; X may be a name), "current_peer: 12.1.1.2:500" (IOS 12).
 */
static int
line_peer(struct ipsec_parse *st, const char *p, const char *end)
{
	struct ipsec_sa_flow	*f = body_flow(st);
	const char		*a, *ae, *v, *colon;
	struct tok		 t;

	if (f == NULL)
		return 0;
	p = skip_sep(p, end, ':');
	a = p;
	while (p < end && !is_blank(*p))
		p++;
	ae = p;
	if (a == ae)
		return 0;
	t.s = a;
	t.len = (size_t)(ae - a);
	if (!ip_literal(&t, f->peer, sizeof(f->peer)) &&
	    (colon = memrchr(a, ':', t.len)) != NULL &&
	    span_i64(colon + 1, ae) >= 0 && memchr(a, ':',
	    (size_t)(colon - a)) == NULL) {
		/* IOS 12 "addr:port" (IPv4 only: one colon) */
		f->peer_port = span_i64(colon + 1, ae);
		copy_addr(f->peer, sizeof(f->peer), a, colon);
	} else if (f->peer[0] == '\0')
		copy_addr(f->peer, sizeof(f->peer), a, ae);
	p = skip_blanks(p, end);
	if (p == end)
		return 1;
	if ((v = kw_word(p, end, "port")) == NULL)
		return 0;
	f->peer_port = span_i64(v, end);
	return f->peer_port >= 0;
}

/* "PERMIT, flags={origin_is_acl,}" */
static int
line_action(struct ipsec_parse *st, const char *p, const char *end)
{
	struct ipsec_sa_flow	*f = body_flow(st);
	const char		*w = p, *fl, *close;

	if (f == NULL)
		return 0;
	while (p < end && is_alpha(*p))
		p++;
	if (p == w || (fl = kw(skip_sep(p, end, ','), end, "flags")) == NULL)
		return 0;
	copy_norm(f->action, sizeof(f->action), w, p);
	fl = skip_sep(fl, end, '=');
	if (fl >= end || *fl != '{')
		return 0;
	close = memchr(fl, '}', (size_t)(end - fl));
	if (close == NULL)
		return 0;
	copy_norm(f->flags, sizeof(f->flags), fl + 1, close);
	return 1;
}

/* One "label: N" segment of a counter line. */
static int
counter_segment(struct ipsec_sa_flow *f, const char *s, const char *e,
    size_t *hint)
{
	char		 label[48];
	const char	*num;
	size_t		 n = 0, i, k;
	uint64_t	 v;
	int		 blank = 0;

	num = e;
	while (num > s && is_digit(num[-1]))
		num--;
	if (num == e || !span_u64(num, e, &v))
		return 0;
	while (num > s && (is_blank(num[-1]) || num[-1] == ':'))
		num--;
	while (s < num && (*s == '#' || is_blank(*s)))
		s++;
	/* Fast path: printed as expected, the next label in order. */
	i = *hint % NLABELS;
	if (counter_labels[i].len == (size_t)(num - s) &&
	    memcmp(counter_labels[i].label, s, (size_t)(num - s)) == 0) {
		f->counters[counter_labels[i].ctr] = v;
		f->counters_present |= 1ull << counter_labels[i].ctr;
		*hint = i + 1;
		return 1;
	}
	for (; s < num; s++) {
		if (is_blank(*s)) {
			blank = 1;
			continue;
		}
		if (n + 2 >= sizeof(label))
			return 0;
		if (blank)
			label[n++] = ' ';
		blank = 0;
		label[n++] = *s;
	}
	/* Printing order: try the label after the last one first. */
	for (k = 0; k < NLABELS; k++) {
		i = (*hint + k) % NLABELS;
		if (counter_labels[i].len == n &&
		    memcmp(counter_labels[i].label, label, n) == 0) {
			f->counters[counter_labels[i].ctr] = v;
			f->counters_present |= 1ull << counter_labels[i].ctr;
			*hint = i + 1;
			return 1;
		}
	}
	return 0;
}

/*
 * "#pkts encaps: 4, #pkts encrypt: 4, #pkts digest: 4", "##pkts replay
 * failed (rcv): 0", "#send errors 0, #recv errors 0", ASA "#pre-frag
 * successes: 2, ...". Known only if every segment is a known counter;
 * the values of the known ones are kept in any case.
 */
static int
line_counters(struct ipsec_parse *st, const char *p, const char *end,
    size_t *hint)
{
	struct ipsec_sa_flow	*f = body_flow(st);
	struct seg		 sg;
	int			 ok = 1, any = 0;

	if (f == NULL)
		return 0;
	while (seg_next(&p, end, &sg)) {
		if (sg.len == 0)
			continue;
		if (counter_segment(f, sg.s, sg.s + sg.len, hint))
			any = 1;
		else
			ok = 0;
	}
	return ok && any;
}

/* "local crypto endpt.: A, remote crypto endpt.: B" (may wrap after ','). */
static int
line_endpoints(struct ipsec_parse *st, const char *p, const char *end)
{
	struct ipsec_sa_flow	*f = body_flow(st);
	struct seg		 sg;
	const char		*v;
	int			 ok = 1;

	if (f == NULL)
		return 0;
	while (seg_next(&p, end, &sg)) {
		const char *se = sg.s + sg.len;

		if (sg.len == 0)
			continue;
		if ((v = kw(sg.s, se, "local crypto endpt.")) != NULL)
			ok &= parse_endpoint(skip_sep(v, se, ':'), se,
			    f->local_endpoint, sizeof(f->local_endpoint),
			    &f->local_endpoint_port);
		else if ((v = kw(sg.s, se, "remote crypto endpt.")) != NULL)
			ok &= parse_endpoint(skip_sep(v, se, ':'), se,
			    f->remote_endpoint, sizeof(f->remote_endpoint),
			    &f->remote_endpoint_port);
		else
			ok = 0;
	}
	return ok;
}

/* "N" or ASA "82(52)": the number before any parenthesis. */
static int64_t
mtu_value(const char *v, const char *se)
{
	const char	*paren = memchr(v, '(', (size_t)(se - v));

	return span_i64(skip_sep(v, paren != NULL ? paren : se, ':'),
	    paren != NULL ? paren : se);
}

/*
 * "plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb Gi3",
 * "ipv6 mtu ..."; ASA "path mtu 1500, ipsec overhead 82(52), media mtu
 * 1500"; IOS 12 "path mtu 1500, media mtu 1500".
 */
static int
line_mtu(struct ipsec_parse *st, const char *p, const char *end)
{
	struct ipsec_sa_flow	*f = body_flow(st);
	struct seg		 sg;
	const char		*v;
	int64_t			*dst;
	int			 ok = 1;

	if (f == NULL)
		return 0;
	while (seg_next(&p, end, &sg)) {
		const char *se = sg.s + sg.len;

		if (sg.len == 0)
			continue;
		if ((v = kw_word(sg.s, se, "ip mtu idb")) != NULL ||
		    (v = kw_word(sg.s, se, "ipv6 mtu idb")) != NULL) {
			copy_norm(f->ip_mtu_idb, sizeof(f->ip_mtu_idb),
			    skip_sep(v, se, ':'), se);
			ok &= f->ip_mtu_idb[0] != '\0';
			continue;
		}
		if ((v = kw_word(sg.s, se, "plaintext mtu")) != NULL)
			dst = &f->plaintext_mtu;
		else if ((v = kw_word(sg.s, se, "path mtu")) != NULL)
			dst = &f->path_mtu;
		else if ((v = kw_word(sg.s, se, "ip mtu")) != NULL ||
		    (v = kw_word(sg.s, se, "ipv6 mtu")) != NULL)
			dst = &f->ip_mtu;
		else if ((v = kw_word(sg.s, se, "media mtu")) != NULL)
			dst = &f->media_mtu;
		else if ((v = kw_word(sg.s, se, "ipsec overhead")) != NULL)
			dst = &f->ipsec_overhead;
		else {
			ok = 0;
			continue;
		}
		*dst = mtu_value(v, se);
		ok &= *dst >= 0;
	}
	return ok;
}

/* "current outbound spi: 0x1A2B(6699)", ASA "current inbound spi : 1A2B" */
static int
line_current_spi(struct ipsec_parse *st, const char *p, const char *end,
    int outbound)
{
	struct ipsec_sa_flow	*f = body_flow(st);
	uint32_t		 spi;

	if (f == NULL || !parse_spi(skip_sep(p, end, ':'), end, &spi))
		return 0;
	if (outbound) {
		f->current_outbound_spi = spi;
		f->has_current_outbound_spi = 1;
	} else {
		f->current_inbound_spi = spi;
		f->has_current_inbound_spi = 1;
	}
	return 1;
}

/*
 * "PFS (Y/N): N, DH group: none", "..., DH group: group20",
 * "..., PQC Key Exchange: ML-KEM-1024", "..., AKE group: AKE1: MLKEM512".
 */
static int
line_pfs(struct ipsec_parse *st, const char *p, const char *end)
{
	struct ipsec_sa_flow	*f = body_flow(st);
	struct seg		 sg;
	const char		*v;
	uint64_t		 g;
	int			 ok = 1, first = 1;

	if (f == NULL)
		return 0;
	while (seg_next(&p, end, &sg)) {
		const char *se = sg.s + sg.len;

		if (first) {
			v = kw(sg.s, se, "PFS (Y/N)");
			if (v != NULL)
				v = skip_sep(v, se, ':');
			if (v != NULL && se - v == 1 &&
			    (*v == 'Y' || *v == 'N'))
				f->pfs = *v == 'Y';
			else
				ok = 0;
			first = 0;
		} else if ((v = kw_word(sg.s, se, "DH group")) != NULL) {
			v = skip_sep(v, se, ':');
			copy_norm(f->dh_group_text, sizeof(f->dh_group_text),
			    v, se);
			if (kw(v, se, "group") != NULL)
				v += 5;
			if (span_u64(v, se, &g) && g < 1024)
				f->dh_group = (int)g;
			else if (kw_word(v, se, "none") == NULL)
				ok = 0;
		} else if ((v = kw_word(sg.s, se, "PQC Key Exchange")) != NULL)
			copy_norm(f->pqc_key_exchange,
			    sizeof(f->pqc_key_exchange), skip_sep(v, se, ':'),
			    se);
		else if (kw_word(sg.s, se, "AKE group") == NULL && sg.len > 0)
			ok = 0;
	}
	return ok;
}

/* "dynamic allocated peer ip: 10.135.1.5" (ASA remote access) */
static int
line_dynamic_peer(struct ipsec_parse *st, const char *p, const char *end)
{
	struct ipsec_sa_flow	*f = body_flow(st);

	if (f == NULL)
		return 0;
	p = skip_sep(p, end, ':');
	return p < end && copy_addr(f->dynamic_peer_ip,
	    sizeof(f->dynamic_peer_ip), p, end);
}

/* "inbound esp sas:", "outbound pcp sas:" */
static int
line_section(struct ipsec_parse *st, const char *p, const char *end,
    enum ipsec_sa_dir dir)
{
	const char	*v;

	if (body_flow(st) == NULL)
		return 0;
	p = skip_blanks(p, end);
	if ((v = kw(p, end, "esp sas")) != NULL)
		st->proto = IPSEC_SA_ESP;
	else if ((v = kw(p, end, "ah sas")) != NULL)
		st->proto = IPSEC_SA_AH;
	else if ((v = kw(p, end, "pcp sas")) != NULL)
		st->proto = IPSEC_SA_PCP;
	else
		return 0;
	if (skip_sep(v, end, ':') != end)
		return 0;
	st->dir = dir;
	st->in_section = 1;
	st->in_sa = 0;
	st->in_bitmap = 0;
	return 1;
}

/* ---- SA lines ---- */

/* "spi: 0x658F7C11(1703902225)", "spi: [Not Available]" */
static int
line_spi(struct ipsec_parse *st, const char *p, const char *end)
{
	struct ipsec_sa_flow	*f = cur_flow(st);
	struct ipsec_sa		*sa;

	if (f == NULL || !st->in_section)
		return 0;
	sa = new_sa(st, f);
	p = skip_sep(p, end, ':');
	if (kw(p, end, "[Not Available]") != NULL)
		return 1;
	sa->has_spi = parse_spi(p, end, &sa->spi);
	return sa->has_spi;
}

/* "transform: esp-256-aes esp-sha-hmac ," */
static int
line_transform(struct ipsec_sa *sa, const char *p, const char *end)
{
	p = skip_sep(p, end, ':');
	while (end > p && (is_blank(end[-1]) || end[-1] == ','))
		end--;
	copy_norm(sa->transform, sizeof(sa->transform), p, end);
	return sa->transform[0] != '\0';
}

/*
 * "in use settings ={Tunnel, }", "{Transport UDP-Encaps, }", "{Tunnel,
 * esn}", ASA "{L2L, Tunnel,  NAT-T-Encaps, IKEv1, }". Kept as the list
 * "Tunnel, esn"; the mode and encapsulation are read from its words.
 */
static int
line_settings(struct ipsec_sa *sa, const char *p, const char *end)
{
	const char	*close, *w, *we;
	struct seg	 item;
	char		 word[32];
	size_t		 n = 0, il;

	p = skip_sep(p, end, '=');
	if (p >= end || *p != '{')
		return 0;
	p++;
	close = memchr(p, '}', (size_t)(end - p));
	if (close == NULL)
		return 0;
	sa->udp_encaps = sa->esn = 0;
	while (seg_next(&p, close, &item)) {
		if (item.len == 0)
			continue;
		for (w = item.s; w < item.s + item.len; w = we) {
			w = skip_blanks(w, item.s + item.len);
			for (we = w; we < item.s + item.len && !is_blank(*we);)
				we++;
			tok_copy(&(struct tok){ w, (size_t)(we - w) }, word,
			    sizeof(word));
			if (strcmp(word, "Tunnel") == 0)
				sa->mode = IPSEC_SA_MODE_TUNNEL;
			else if (strcmp(word, "Transport") == 0)
				sa->mode = IPSEC_SA_MODE_TRANSPORT;
			else if (strcmp(word, "UDP-Encaps") == 0 ||
			    strcmp(word, "NAT-T-Encaps") == 0)
				sa->udp_encaps = 1;
			else if (strcmp(word, "esn") == 0)
				sa->esn = 1;
		}
		if (n > 0 && n + 2 < sizeof(sa->settings)) {
			sa->settings[n++] = ',';
			sa->settings[n++] = ' ';
		}
		copy_norm(sa->settings + n, sizeof(sa->settings) - n, item.s,
		    item.s + item.len);
		il = strlen(sa->settings + n);
		n += il;
	}
	return 1;
}

/*
 * "conn id: 2001, flow_id: CSR:1, sibling_flags FFFF..., crypto map: X,
 * initiator : False", ASA "slot: 0, conn_id: N, crypto-map: X", IOS 12
 * "slot: 0, conn id: 2000, flow_id: 1, crypto map: test".
 */
static int
line_conn(struct ipsec_sa *sa, const char *p, const char *end)
{
	struct seg	 sg;
	const char	*v;
	int		 ok = 1;

	while (seg_next(&p, end, &sg)) {
		const char *se = sg.s + sg.len;

		if (sg.len == 0)
			continue;
		if ((v = kw_word(sg.s, se, "conn id")) != NULL ||
		    (v = kw_word(sg.s, se, "conn_id")) != NULL)
			ok &= (sa->conn_id = span_i64(skip_sep(v, se, ':'),
			    se)) >= 0;
		else if ((v = kw_word(sg.s, se, "slot")) != NULL)
			ok &= (sa->slot = span_i64(skip_sep(v, se, ':'),
			    se)) >= 0;
		else if ((v = kw_word(sg.s, se, "flow_id")) != NULL)
			copy_norm(sa->flow_id, sizeof(sa->flow_id),
			    skip_sep(v, se, ':'), se);
		else if ((v = kw_word(sg.s, se, "sibling_flags")) != NULL)
			copy_norm(sa->sibling_flags, sizeof(sa->sibling_flags),
			    skip_sep(v, se, ':'), se);
		else if ((v = kw_word(sg.s, se, "crypto map")) != NULL ||
		    (v = kw_word(sg.s, se, "crypto-map")) != NULL)
			copy_norm(sa->crypto_map, sizeof(sa->crypto_map),
			    skip_sep(v, se, ':'), se);
		else if ((v = kw_word(sg.s, se, "initiator")) != NULL) {
			v = skip_sep(v, se, ':');
			if (kw_word(v, se, "True") || kw_word(v, se, "Yes"))
				sa->initiator = 1;
			else if (kw_word(v, se, "False") ||
			    kw_word(v, se, "No"))
				sa->initiator = 0;
			else
				ok = 0;
		} else
			ok = 0;
	}
	return ok && sa->conn_id >= 0;
}

/*
 * What follows "remaining key lifetime", in its forms:
 *   (k/sec): (4607999/3599)    (kB/sec): (3914999/28785)
 *   (sec): 3599                3599 (sec)
 *   (4607999/3599)             4 hours, 2 mins
 *   is not applicable
 */
struct lifetime {
	uint64_t	 nums[2];
	int		 nnums;
	uint64_t	 dur;
	int		 ndur;
	int		 label_kb, label_sec;
};

static int
lifetime_paren(struct lifetime *lt, const char *in, const char *ie)
{
	const char	*q, *slash;
	int		 letters = 0;

	for (q = in; q < ie; q++)
		letters |= is_alpha(*q);
	if (letters) {
		if (memchr(in, 'k', (size_t)(ie - in)) != NULL ||
		    memchr(in, 'K', (size_t)(ie - in)) != NULL)
			lt->label_kb = 1;
		else
			lt->label_sec = 1;
		return 1;
	}
	slash = memchr(in, '/', (size_t)(ie - in));
	if (slash == NULL)
		return lt->nnums < 2 &&
		    span_u64(in, ie, &lt->nums[lt->nnums++]);
	if (lt->nnums != 0 || !span_u64(in, slash, &lt->nums[0]) ||
	    !span_u64(slash + 1, ie, &lt->nums[1]))
		return 0;
	lt->nnums = 2;
	return 1;
}

/* A number, maybe followed by a unit word ("4 hours"). */
static int
lifetime_number(struct lifetime *lt, const char **pp, const char *end)
{
	static const struct {
		const char	*unit;
		uint64_t	 mult;
	} units[] = {
		{ "day", 86400 }, { "hour", 3600 }, { "min", 60 }, { "sec", 1 },
	};
	const char	*p = *pp, *w;
	uint64_t	 n;
	size_t		 i;

	if (!scan_u64(&p, end, &n) || n > (1ull << 40))
		return 0;
	w = skip_blanks(p, end);
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (kw(w, end, units[i].unit) != NULL) {
			lt->dur += n * units[i].mult;
			lt->ndur++;
			while (w < end && is_alpha(*w))
				w++;
			*pp = w;
			return 1;
		}
	if (lt->nnums >= 2)
		return 0;
	lt->nums[lt->nnums++] = n;
	*pp = p;
	return 1;
}

static int
parse_lifetime(struct ipsec_sa *sa, const char *p, const char *end)
{
	struct lifetime	 lt;
	const char	*close;

	memset(&lt, 0, sizeof(lt));
	p = skip_blanks(p, end);
	if (kw(p, end, "is not applicable") != NULL)
		return 1;
	while (p < end) {
		if (*p == '(') {
			close = memchr(p, ')', (size_t)(end - p));
			if (close == NULL || !lifetime_paren(&lt, p + 1, close))
				return 0;
			p = close + 1;
		} else if (is_digit(*p)) {
			if (!lifetime_number(&lt, &p, end))
				return 0;
		} else if (is_blank(*p) || *p == ':' || *p == ',')
			p++;
		else
			return 0;
	}
	if (lt.ndur > 0 && lt.nnums == 0)
		sa->remaining_s = (int64_t)lt.dur;
	else if (lt.ndur == 0 && lt.nnums == 2 && !lt.label_sec) {
		sa->remaining_kb = (int64_t)lt.nums[0];
		sa->remaining_s = (int64_t)lt.nums[1];
	} else if (lt.ndur == 0 && lt.nnums == 1 && !lt.label_kb)
		sa->remaining_s = (int64_t)lt.nums[0];
	else
		return 0;
	return 1;
}

/* "replay detection support: Y  replay window size: 1024" */
static int
line_replay(struct ipsec_sa *sa, const char *p, const char *end)
{
	const char	*v;

	p = skip_sep(p, end, ':');
	if (p >= end || (*p != 'Y' && *p != 'N'))
		return 0;
	sa->replay_detection = *p == 'Y';
	p = skip_blanks(p + 1, end);
	if (p == end)
		return 1;
	if ((v = kw(p, end, "replay window size")) == NULL)
		return 0;
	sa->replay_window = span_i64(skip_sep(v, end, ':'), end);
	return sa->replay_window >= 0;
}

/* "IV size: 16 bytes" */
static int
line_iv(struct ipsec_sa *sa, const char *p, const char *end)
{
	const char	*v = skip_sep(p, end, ':');
	uint64_t	 n;

	if (!scan_u64(&v, end, &n) || n > 1024)
		return 0;
	v = skip_blanks(v, end);
	if (v != end && kw_word(v, end, "bytes") == NULL)
		return 0;
	sa->iv_size = (int64_t)n;
	return 1;
}

/* ASA "Anti replay bitmap:" continuation: "0xFFFFFFFF 0xFFFFFFFF" */
static int
line_bitmap_words(const char *p, const char *end)
{
	while (p < end) {
		if (end - p < 3 || p[0] != '0' || (p[1] != 'x' && p[1] != 'X'))
			return 0;
		p += 2;
		if (hex_val(*p) < 0)
			return 0;
		while (p < end && hex_val(*p) >= 0)
			p++;
		if (p < end && !is_blank(*p))
			return 0;
		p = skip_blanks(p, end);
	}
	return 1;
}

/* The lines under "spi:"; NULL sa means there is no SA open. */
static int
sa_line(struct ipsec_parse *st, struct ipsec_sa *sa, const char *p,
    const char *end)
{
	const char	*v;

	if (sa == NULL)
		return 0;
	switch (*p) {
	case 't':
		if ((v = kw_word(p, end, "transform")) != NULL)
			return line_transform(sa, v, end);
		break;
	case 'i':
		if ((v = kw_word(p, end, "in use settings")) != NULL)
			return line_settings(sa, v, end);
		break;
	case 'c':
		if (kw_word(p, end, "conn id") != NULL ||
		    kw_word(p, end, "conn_id") != NULL)
			return line_conn(sa, p, end);
		break;
	case 's':
		if (kw_word(p, end, "slot") != NULL) {
			st->asa_seen = 1;
			return line_conn(sa, p, end);
		}
		if ((v = kw(p, end, "sa timing: remaining key lifetime")) !=
		    NULL || (v = kw(p, end, "sa timing : remaining key "
		    "lifetime")) != NULL)
			return parse_lifetime(sa, v, end);
		break;
	case 'K':
		if (kw(p, end, "Kilobyte Volume Rekey has been disabled")) {
			sa->kb_rekey_disabled = 1;
			return 1;
		}
		break;
	case 'I':
		if ((v = kw_word(p, end, "IV size")) != NULL)
			return line_iv(sa, v, end);
		break;
	case 'r':
		if ((v = kw_word(p, end, "replay detection support")) != NULL)
			return line_replay(sa, v, end);
		break;
	case 'S':
		if ((v = kw_word(p, end, "Status")) != NULL ||
		    (v = kw_word(p, end, "SA State")) != NULL) {
			copy_norm(sa->status, sizeof(sa->status),
			    skip_sep(v, end, ':'), end);
			return sa->status[0] != '\0';
		}
		break;
	case 'A':
		if (kw(p, end, "Anti replay bitmap") != NULL) {
			st->in_bitmap = 1;
			return 1;
		}
		break;
	case '0':
		if (st->in_bitmap)
			return line_bitmap_words(p, end);
		break;
	}
	return 0;
}

/* Flow- and block-level lines, by first character. */
static int
flow_line(struct ipsec_parse *st, const char *p, const char *end,
    size_t *hint)
{
	const char	*v;

	switch (*p) {
	case '#':
		return line_counters(st, p, end, hint);
	case 'i':
		if ((v = kw(p, end, "interface")) != NULL && v < end &&
		    (*v == ':' || is_blank(*v)))
			return line_interface(st, v, end);
		if ((v = kw_word(p, end, "inbound")) != NULL)
			return line_section(st, v, end, IPSEC_SA_INBOUND);
		break;
	case 'o':
		if ((v = kw_word(p, end, "outbound")) != NULL)
			return line_section(st, v, end, IPSEC_SA_OUTBOUND);
		break;
	case 'C':
		if ((v = kw_word(p, end, "Crypto map tag")) != NULL)
			return line_map_tag(st, v, end);
		break;
	case 'p':
		if ((v = kw_word(p, end, "protected vrf")) != NULL)
			return line_vrf(st, v, end);
		if (kw_word(p, end, "plaintext mtu") != NULL ||
		    kw_word(p, end, "path mtu") != NULL)
			return line_mtu(st, p, end);
		break;
	case 'P':
		if ((v = kw_word(p, end, "PFS (Y/N)")) != NULL)
			return line_pfs(st, p, end);
		if (kw(p, end, "PERMIT") != NULL || kw(p, end, "DENY") != NULL)
			return line_action(st, p, end);
		if ((v = kw_word(p, end, "Protected vrf")) != NULL)
			return line_vrf(st, v, end);
		if (kw(p, end, "PMTU time remaining") != NULL)
			return body_flow(st) != NULL;	/* ASA, not kept */
		break;
	case 'l':
		if ((v = kw_word(p, end, "local ident")) != NULL)
			return line_ident(st, v, end, 1);
		if (kw_word(p, end, "local crypto endpt.") != NULL)
			return line_endpoints(st, p, end);
		break;
	case 'r':
		if ((v = kw_word(p, end, "remote ident")) != NULL)
			return line_ident(st, v, end, 0);
		if (kw_word(p, end, "remote crypto endpt.") != NULL)
			return line_endpoints(st, p, end);
		break;
	case 'c':
		if ((v = kw(p, end, "current_peer")) != NULL)
			return line_peer(st, v, end);
		if ((v = kw_word(p, end, "current outbound spi")) != NULL)
			return line_current_spi(st, v, end, 1);
		if ((v = kw_word(p, end, "current inbound spi")) != NULL)
			return line_current_spi(st, v, end, 0);
		break;
	case 's':
		if ((v = kw_word(p, end, "spi")) != NULL)
			return line_spi(st, v, end);
		break;
	case 'a':
		if (kw_word(p, end, "access-list") != NULL)
			return line_access_list(st, p, end);
		break;
	case 'd':
		if ((v = kw_word(p, end, "dynamic allocated peer ip")) != NULL)
			return line_dynamic_peer(st, v, end);
		break;
	case 'I':
		if ((v = kw_word(p, end, "IPsecv6 policy name")) != NULL)
			return line_v6_policy(st, v, end);
		if (kw(p, end, "ICMP error validation") != NULL)
			return body_flow(st) != NULL;	/* ASA, not kept */
		break;
	}
	return 0;
}

/*
 * A pager remnant before the text: "--More--" or "<--- More --->" and
 * the backspaces and blanks that erased it. Returns where the text starts.
 */
static const char *
skip_more(const char *p, const char *end)
{
	const char	*v;

	if ((v = kw(p, end, "--More--")) == NULL &&
	    (v = kw(p, end, " --More--")) == NULL &&
	    (v = kw(p, end, "<--- More --->")) == NULL)
		return p;
	while (v < end && (is_blank(*v) || *v == '\b'))
		v++;
	return v;
}

static const char no_sas[] = "There are no ipsec sas";

/* 1: recognised, 0: not, -1: noise (a pager remnant and nothing else). */
static int
parse_line(struct ipsec_parse *st, const char *p, const char *end,
    size_t *hint)
{
	if (*p == '-' || *p == '<') {
		p = skip_more(p, end);
		if (p == end)
			return -1;
	}
	if (st->in_sa && sa_line(st, cur_sa(st), p, end))
		return 1;
	/* ASA with no tunnel up: a valid, empty result. */
	if ((size_t)(end - p) == sizeof(no_sas) - 1 &&
	    strncasecmp(p, no_sas, sizeof(no_sas) - 1) == 0) {
		st->asa_seen = 1;
		return 1;
	}
	return flow_line(st, p, end, hint);
}

/*
 * text.h's prompt test wants a space after "host#"; a paste that turned
 * it into a tab ("fw1#<TAB>show crypto ipsec sa") is a prompt too.
 */
static int
is_tab_prompt(const char *p, const char *end)
{
	const char	*h = p;

	while (p < end && p - h < 64 && (is_alpha(*p) || is_digit(*p) ||
	    *p == '.' || *p == '-' || *p == '_' || *p == '(' || *p == ')'))
		p++;
	if (p == h || p >= end || (*p != '#' && *p != '>'))
		return 0;
	p++;
	if (p >= end || *p != '\t')
		return 0;
	p = skip_blanks(p, end);
	return p < end && is_alpha(*p);
}

static int
ipsec_sa_parse(const struct probe_input *in, struct probe_result *res)
{
	struct ipsec_sa_records	*rec = xcalloc(1, sizeof(*rec));
	struct ipsec_parse	 st;
	struct line_iter	 it;
	struct line		 l;
	size_t			 hint = 0;

	memset(&st, 0, sizeof(st));
	st.rec = rec;
	res->records = rec;
	line_iter_init(&it, in->text, in->len);
	while (line_next(&it, &l)) {
		const char *p = l.s + l.indent, *end = l.s + l.len;

		if (p >= end)
			continue;
		switch (parse_line(&st, p, end, &hint)) {
		case 1:
			res->recognised++;
			continue;
		case -1:
			continue;
		}
		/* Noise is tested only here: it is the slow check. */
		if (!line_is_noise(&l) && !is_tab_prompt(p, end)) {
			res->unparsed++;
			st.in_bitmap = 0;
		}
	}
	if (in->platform == PLATFORM_AUTO && res->recognised > 0)
		res->platform = st.asa_seen ? PLATFORM_ASA : PLATFORM_IOS;
	return 0;
}

/* ---- JSON ---- */

/*
 * cJSON prints numbers with 15 significant digits when that reads back
 * "close enough": above this, an integer is printed as raw text.
 */
#define EXACT_DOUBLE_MAX	1000000000000000LL

static void
add_i64(cJSON *o, const char *name, int64_t v)
{
	char	 buf[24];

	if (v < 0)
		cJSON_AddNullToObject(o, name);
	else if (v < EXACT_DOUBLE_MAX)
		cJSON_AddNumberToObject(o, name, (double)v);
	else {
		/* cJSON would round it: print the exact integer. */
		snprintf(buf, sizeof(buf), "%lld", (long long)v);
		cJSON_AddRawToObject(o, name, buf);
	}
}

static void
add_u64(cJSON *o, const char *name, int present, uint64_t v)
{
	char	 buf[24];

	if (!present)
		cJSON_AddNullToObject(o, name);
	else if (v < EXACT_DOUBLE_MAX)
		cJSON_AddNumberToObject(o, name, (double)v);
	else {
		snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
		cJSON_AddRawToObject(o, name, buf);
	}
}

static void
add_tri(cJSON *o, const char *name, int v)
{
	if (v < 0)
		cJSON_AddNullToObject(o, name);
	else
		cJSON_AddBoolToObject(o, name, v);
}

static cJSON *
ident_json(const struct ipsec_sa_ident *id)
{
	cJSON	*o;

	if (!id->valid)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	probe_json_str(o, "addr", id->addr);
	probe_json_str(o, "mask", id->mask);
	add_i64(o, "prefix_len", id->prefix_len);
	add_i64(o, "prot", id->prot);
	add_i64(o, "port", id->port);
	return o;
}

static cJSON *
sa_json(const struct ipsec_sa *sa)
{
	static const char *const modes[] = {
		[IPSEC_SA_MODE_UNKNOWN] = "",
		[IPSEC_SA_MODE_TUNNEL] = "tunnel",
		[IPSEC_SA_MODE_TRANSPORT] = "transport",
	};
	cJSON	*o = cJSON_CreateObject();

	add_u64(o, "spi", sa->has_spi, sa->spi);
	probe_json_str(o, "transform", sa->transform);
	probe_json_str(o, "in_use_settings", sa->settings);
	probe_json_str(o, "mode", modes[sa->mode]);
	add_tri(o, "udp_encaps", sa->udp_encaps);
	add_tri(o, "esn", sa->esn);
	add_i64(o, "conn_id", sa->conn_id);
	add_i64(o, "slot", sa->slot);
	probe_json_str(o, "flow_id", sa->flow_id);
	probe_json_str(o, "sibling_flags", sa->sibling_flags);
	probe_json_str(o, "crypto_map", sa->crypto_map);
	add_tri(o, "initiator", sa->initiator);
	add_i64(o, "remaining_kb", sa->remaining_kb);
	add_i64(o, "remaining_s", sa->remaining_s);
	cJSON_AddBoolToObject(o, "kb_volume_rekey_disabled",
	    sa->kb_rekey_disabled);
	add_i64(o, "iv_size", sa->iv_size);
	add_tri(o, "replay_detection", sa->replay_detection);
	add_i64(o, "replay_window", sa->replay_window);
	probe_json_str(o, "status", sa->status);
	return o;
}

static void
add_sas(cJSON *o, const char *name, const struct ipsec_sa_flow *f,
    enum ipsec_sa_dir dir, enum ipsec_sa_proto proto)
{
	cJSON	*a = cJSON_AddArrayToObject(o, name);
	size_t	 i;

	for (i = 0; i < f->nsas; i++)
		if (f->sas[i].dir == dir && f->sas[i].proto == proto)
			cJSON_AddItemToArray(a, sa_json(&f->sas[i]));
}

static cJSON *
flow_json(const struct ipsec_sa_flow *f)
{
	cJSON	*o = cJSON_CreateObject();
	int	 c;

	probe_json_str(o, "vrf", f->vrf);
	probe_json_str(o, "access_list", f->access_list != NULL ? f->access_list : "");
	cJSON_AddItemToObject(o, "local_ident", ident_json(&f->local_ident));
	cJSON_AddItemToObject(o, "remote_ident", ident_json(&f->remote_ident));
	probe_json_str(o, "peer", f->peer);
	add_i64(o, "peer_port", f->peer_port);
	probe_json_str(o, "dynamic_peer_ip", f->dynamic_peer_ip);
	probe_json_str(o, "action", f->action);
	probe_json_str(o, "flags", f->flags);
	for (c = 0; c < IPSEC_CTR_COUNT; c++)
		add_u64(o, counter_names[c], (f->counters_present >> c) & 1,
		    f->counters[c]);
	probe_json_str(o, "local_endpoint", f->local_endpoint);
	add_i64(o, "local_endpoint_port", f->local_endpoint_port);
	probe_json_str(o, "remote_endpoint", f->remote_endpoint);
	add_i64(o, "remote_endpoint_port", f->remote_endpoint_port);
	add_i64(o, "plaintext_mtu", f->plaintext_mtu);
	add_i64(o, "path_mtu", f->path_mtu);
	add_i64(o, "ip_mtu", f->ip_mtu);
	probe_json_str(o, "ip_mtu_idb", f->ip_mtu_idb);
	add_i64(o, "media_mtu", f->media_mtu);
	add_i64(o, "ipsec_overhead", f->ipsec_overhead);
	add_u64(o, "current_outbound_spi", f->has_current_outbound_spi,
	    f->current_outbound_spi);
	add_u64(o, "current_inbound_spi", f->has_current_inbound_spi,
	    f->current_inbound_spi);
	add_tri(o, "pfs", f->pfs);
	add_i64(o, "dh_group", f->dh_group);
	probe_json_str(o, "dh_group_text", f->dh_group_text);
	probe_json_str(o, "pqc_key_exchange", f->pqc_key_exchange);
	add_sas(o, "inbound_esp", f, IPSEC_SA_INBOUND, IPSEC_SA_ESP);
	add_sas(o, "inbound_ah", f, IPSEC_SA_INBOUND, IPSEC_SA_AH);
	add_sas(o, "inbound_pcp", f, IPSEC_SA_INBOUND, IPSEC_SA_PCP);
	add_sas(o, "outbound_esp", f, IPSEC_SA_OUTBOUND, IPSEC_SA_ESP);
	add_sas(o, "outbound_ah", f, IPSEC_SA_OUTBOUND, IPSEC_SA_AH);
	add_sas(o, "outbound_pcp", f, IPSEC_SA_OUTBOUND, IPSEC_SA_PCP);
	return o;
}

static void
ipsec_sa_to_json(const void *records, cJSON *obj)
{
	const struct ipsec_sa_records	*r = records;
	cJSON				*ifs, *o, *flows;
	size_t				 i, j;

	ifs = cJSON_AddArrayToObject(obj, "interfaces");
	for (i = 0; i < r->nblocks; i++) {
		const struct ipsec_sa_block *b = &r->blocks[i];

		o = cJSON_CreateObject();
		probe_json_str(o, "interface", b->interface);
		probe_json_str(o, "crypto_map", b->crypto_map);
		add_i64(o, "seq", b->seq);
		probe_json_str(o, "local_addr", b->local_addr);
		probe_json_str(o, "ipsecv6_policy", b->ipsecv6_policy);
		flows = cJSON_AddArrayToObject(o, "flows");
		for (j = 0; j < b->nflows; j++)
			cJSON_AddItemToArray(flows, flow_json(&b->flows[j]));
		cJSON_AddItemToArray(ifs, o);
	}
}

static void
ipsec_sa_free(void *records)
{
	struct ipsec_sa_records	*r = records;
	size_t			 i, j;

	if (r == NULL)
		return;
	for (i = 0; i < r->nblocks; i++) {
		for (j = 0; j < r->blocks[i].nflows; j++) {
			free(r->blocks[i].flows[j].sas);
			free(r->blocks[i].flows[j].access_list);
		}
		free(r->blocks[i].flows);
	}
	free(r->blocks);
	free(r);
}

const struct probe probe_ipsec_sa = {
	.name = "ipsec_sa",
	.command = "show crypto ipsec sa",
	.command_asa = NULL,
	.polled = 1,
	.parse = ipsec_sa_parse,
	.to_json = ipsec_sa_to_json,
	.free_records = ipsec_sa_free,
};

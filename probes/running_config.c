/*
 * running_config.c: the IKE lines of the running configuration.
 *
 * IOS / IOS-XE: "show running-config | include crypto isakmp|crypto
 * ikev2|keepalive|nat", so the output is mostly one-line statements:
 *   crypto isakmp key [0|6|7] KEY address A [MASK] [no-xauth]
 *   crypto isakmp key [0|6|7] KEY hostname NAME [no-xauth]
 *   crypto isakmp keepalive 10 [3] [periodic|on-demand]
 *   crypto isakmp nat keepalive 20
 *   crypto isakmp aggressive-mode disable / invalid-spi-recovery
 *   crypto ikev2 dpd 10 2 on-demand / crypto ikev2 nat keepalive 20
 *   [no] crypto ipsec nat-transparency udp-encapsulation
 * plus unrelated lines the filter lets through ("ip nat inside", " keepalive
 * 10" on an interface), which are recognised and ignored. A pasted full
 * configuration also carries the blocks the filter drops:
 *   crypto keyring KR / pre-shared-key address A [M] key [T] KEY
 *   crypto ikev2 keyring KR / peer P / address A [M] / pre-shared-key
 *   [local|remote] [T] KEY
 * ASA: "show running-config crypto" ("crypto isakmp nat-traversal 20",
 * "crypto ikev1 enable outside", ...) and, when present, tunnel-group
 * blocks with "ikev1 pre-shared-key *****" and "isakmp keepalive threshold
 * 10 retry 2".
 *
 * Blocks are followed by keyword, not by indentation (pastes lose it): a
 * line starting with a top-level keyword closes the current block.
 *
 * A key is never copied: its fingerprint is computed from the input bytes
 * in place and only the fingerprint is stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "running_config.h"
#include "sha256.h"
#include "text.h"
#include "util.h"

enum rc_context {
	CTX_NONE,		/* top level */
	CTX_BLOCK,		/* some block whose sub-lines we do not need */
	CTX_KEYRING,		/* crypto keyring NAME */
	CTX_IKEV2_KEYRING,	/* crypto ikev2 keyring NAME (and its peers) */
	CTX_TUNNEL_GROUP	/* tunnel-group NAME ipsec-attributes */
};

/* An IKEv2 keyring "peer" block, flushed into keys when it ends. */
struct rc_ikev2_peer {
	int			 open;
	struct rc_isakmp_key	 base;		/* peer, mask, hostname, names */
	struct rc_psk		 psk[3];	/* both, local, remote */
	int			 has_psk[3];
};

struct rc_state {
	const struct probe_input *in;
	struct running_config	*rc;
	enum rc_context		 ctx;
	char			 keyring[64];
	struct rc_ikev2_peer	 peer;
	size_t			 group;		/* current tunnel-group */
	int			 asa_seen;
};

/* Words that start a top-level configuration statement. */
static const char *const top_level_words[] = {
	"crypto", "no", "tunnel-group", "interface", "ip", "ipv6", "hostname",
	"router", "line", "access-list", "username", "group-policy", "object",
	"object-group", "route", "ssh", "telnet", "http", "aaa", "aaa-server",
	"snmp-server", "logging", "ntp", "service", "boot-start-marker",
	"boot-end-marker", "boot", "end", "version", "enable", "names", "name",
	"policy-map", "class-map", "license", "redundancy", "control-plane",
	"banner", "spanning-tree", "vlan", "vrf", "archive", "dns",
	"domain-name", "mtu", "nat", "dhcpd", "webvpn", "threat-detection",
	"timeout", "user-identity", "pager", "clock", "icmp", "arp",
	"failover", "monitor-interface", "asdm", "prompt", "call-home",
	"Cryptochecksum:", "track", "security", "login", "ASA", "PIX",
	"terminal", "passwd", "sysopt", "same-security-traffic",
	"management-access", "service-policy", "mac-address", "firewall",
	"platform", "multilink", "memory", "diagnostic", "cdp", "lldp",
	"errdisable", "system", "hw-module", "zone", "zone-pair",
	"parameter-map", "netconf", "restconf", "rmon", "tacacs-server",
	"radius-server", "tacacs", "radius", "dial-peer", "voice", "alias",
	"scheduler", "process", "event", "key", "default", "dynamic-access-policy-record",
};

static int
is_top_level(const struct toks *tk)
{
	size_t	 i;

	if (tk->n == 0)
		return 0;
	if (tk->t[0].s[0] == '!')
		return 1;
	for (i = 0; i < NITEMS(top_level_words); i++)
		if (tok_is(&tk->t[0], top_level_words[i]))
			return 1;
	return 0;
}

static int
tok_is_number(const struct tok *t, int64_t *v)
{
	uint64_t	 u;

	if (!tok_u64(t, &u) || u > INT64_MAX)
		return 0;
	*v = (int64_t)u;
	return 1;
}

/* ASA prints every key as asterisks. */
static int
tok_is_masked(const struct tok *t)
{
	size_t	 i;

	for (i = 0; i < t->len; i++)
		if (t->s[i] != '*')
			return 0;
	return t->len > 0;
}

/* The fingerprint of a key, computed from the input bytes in place. */
static void
psk_set(const struct rc_state *st, struct rc_psk *psk, const struct tok *key,
    int type)
{
	static const char	 hexd[] = "0123456789abcdef";
	uint8_t			 mac[SHA256_DIGEST_LENGTH];
	size_t			 i;

	memset(psk, 0, sizeof(*psk));
	if (tok_is_masked(key)) {
		psk->encoding = RC_KEY_MASKED;
		return;
	}
	psk->encoding = type == 6 ? RC_KEY_TYPE6 : type == 7 ? RC_KEY_TYPE7 :
	    RC_KEY_CLEAR;
	if (st->in->salt == NULL)
		return;
	hmac_sha256(st->in->salt, st->in->saltlen, key->s, key->len, mac);
	for (i = 0; i < RC_FINGERPRINT_LEN / 2; i++) {
		psk->fingerprint[2 * i] = hexd[mac[i] >> 4];
		psk->fingerprint[2 * i + 1] = hexd[mac[i] & 0xf];
	}
	psk->fingerprint[RC_FINGERPRINT_LEN] = '\0';
	explicit_bzero(mac, sizeof(mac));
}

/*
 * "[0|6|7] KEY" at tk->t[*i]: a digit is a type only when a key follows
 * it (a key may itself be "6"). stop names a word that cannot be the key.
 */
static int
take_key(const struct toks *tk, size_t *i, int *type, const struct tok **key,
    const char *stop1, const char *stop2)
{
	const struct tok	*t;

	if (*i >= tk->n)
		return 0;
	t = &tk->t[*i];
	*type = 0;
	if (*i + 1 < tk->n && t->len == 1 && (t->s[0] == '0' ||
	    t->s[0] == '6' || t->s[0] == '7') &&
	    (stop1 == NULL || !tok_is(&tk->t[*i + 1], stop1)) &&
	    (stop2 == NULL || !tok_is(&tk->t[*i + 1], stop2))) {
		*type = t->s[0] - '0';
		(*i)++;
	}
	*key = &tk->t[*i];
	(*i)++;
	return 1;
}

/* "A [MASK]" or "ipv6 P/LEN" at tk->t[*i]. */
static int
take_address(const struct toks *tk, size_t *i, char *peer, size_t peerlen,
    char *mask, size_t masklen)
{
	struct tok	 a, m;
	const char	*slash;
	char		 buf[64];

	if (*i < tk->n && tok_is(&tk->t[*i], "ipv6"))
		(*i)++;
	if (*i >= tk->n)
		return 0;
	a = tk->t[*i];
	slash = memchr(a.s, '/', a.len);
	if (slash != NULL) {
		m.s = slash;
		m.len = a.len - (size_t)(slash - a.s);
		a.len = (size_t)(slash - a.s);
		if (!tok_ip(&a, peer, peerlen))
			return 0;
		tok_copy(&m, mask, masklen);
		(*i)++;
		return 1;
	}
	if (!tok_ip(&a, peer, peerlen))
		return 0;
	(*i)++;
	if (*i < tk->n && tok_ip(&tk->t[*i], buf, sizeof(buf))) {
		snprintf(mask, masklen, "%s", buf);
		(*i)++;
	}
	return 1;
}

static struct rc_isakmp_key *
new_key(struct running_config *rc)
{
	struct rc_isakmp_key	*k;

	rc->keys = xreallocarray(rc->keys, rc->nkeys + 1, sizeof(*rc->keys));
	k = &rc->keys[rc->nkeys++];
	memset(k, 0, sizeof(*k));
	k->ike_version = 1;
	return k;
}

/*
 * The peer part of a key statement: "address A [M] [no-xauth]" or
 * "hostname NAME [no-xauth]", into k. 0 when it is not there.
 */
static int
take_peer(const struct toks *tk, size_t i, struct rc_isakmp_key *k)
{
	if (i + 1 >= tk->n)
		return 0;
	if (tok_is(&tk->t[i], "address")) {
		i++;
		if (!take_address(tk, &i, k->peer, sizeof(k->peer),
		    k->peer_mask, sizeof(k->peer_mask)))
			return 0;
	} else if (tok_is(&tk->t[i], "hostname")) {
		tok_copy(&tk->t[i + 1], k->hostname, sizeof(k->hostname));
		i += 2;
	} else
		return 0;
	if (i < tk->n && tok_is(&tk->t[i], "no-xauth"))
		k->no_xauth = 1;
	return 1;
}

/* crypto isakmp key [T] KEY address|hostname ... */
static int
parse_isakmp_key(struct rc_state *st, const struct toks *tk)
{
	struct rc_isakmp_key	 k;
	const struct tok	*key;
	size_t			 i = 3;
	int			 type;

	memset(&k, 0, sizeof(k));
	k.ike_version = 1;
	if (!take_key(tk, &i, &type, &key, "address", "hostname") ||
	    !take_peer(tk, i, &k))
		return 0;
	psk_set(st, &k.psk, key, type);
	*new_key(st->rc) = k;
	return 1;
}

/* keepalive/dpd arguments: "10 [3] [periodic|on-demand]" from tk->t[i]. */
static int
parse_dpd(const struct toks *tk, size_t i, struct rc_dpd *d)
{
	struct rc_dpd	 v = { 1, -1, -1, 0 };

	if (i >= tk->n || !tok_is_number(&tk->t[i], &v.interval_s))
		return 0;
	i++;
	if (i < tk->n && tok_is_number(&tk->t[i], &v.retries))
		i++;
	if (i < tk->n) {
		if (tok_is(&tk->t[i], "periodic"))
			v.periodic = 1;
		else if (!tok_is(&tk->t[i], "on-demand"))
			return 0;
	}
	*d = v;
	return 1;
}

static void
add_interface(char (**list)[64], size_t *n, const struct tok *t)
{
	*list = xreallocarray(*list, *n + 1, sizeof(**list));
	tok_copy(t, (*list)[*n], sizeof((*list)[*n]));
	(*n)++;
}

/*
 * "crypto ..." statements. Returns 1 recognised, 0 a statement we parse
 * but could not read (unparsed). Sets the block context.
 */
static int
parse_crypto(struct rc_state *st, const struct toks *tk)
{
	struct running_config	*rc = st->rc;
	int64_t			 v;

	st->ctx = CTX_BLOCK;
	if (tk->n < 3)
		return 1;
	if (tok_is(&tk->t[1], "isakmp")) {
		if (tok_is(&tk->t[2], "key"))
			return parse_isakmp_key(st, tk);
		if (tok_is(&tk->t[2], "keepalive"))
			return parse_dpd(tk, 3, &rc->keepalive);
		if (tok_is(&tk->t[2], "nat") && tk->n == 5 &&
		    tok_is(&tk->t[3], "keepalive"))
			return tok_is_number(&tk->t[4], &rc->natt_keepalive_s);
		if (tok_is(&tk->t[2], "nat-traversal")) {	/* ASA */
			st->asa_seen = 1;
			rc->natt_enabled = 1;
			if (tk->n >= 4) {
				if (!tok_is_number(&tk->t[3], &v))
					return 0;
				rc->natt_keepalive_s = v;
			}
			return 1;
		}
		if (tok_is(&tk->t[2], "aggressive-mode") && tk->n >= 4 &&
		    tok_is(&tk->t[3], "disable"))
			rc->aggressive_mode_disabled = 1;
		else if (tok_is(&tk->t[2], "invalid-spi-recovery"))
			rc->invalid_spi_recovery = 1;
		return 1;
	}
	if (tok_is(&tk->t[1], "ikev2")) {
		if (tok_is(&tk->t[2], "dpd"))
			return parse_dpd(tk, 3, &rc->ikev2_dpd);
		if (tok_is(&tk->t[2], "nat") && tk->n == 5 &&
		    tok_is(&tk->t[3], "keepalive"))
			return tok_is_number(&tk->t[4],
			    &rc->ikev2_nat_keepalive_s);
		if (tok_is(&tk->t[2], "keyring") && tk->n >= 4) {
			st->ctx = CTX_IKEV2_KEYRING;
			tok_copy(&tk->t[3], st->keyring, sizeof(st->keyring));
		} else if (tok_is(&tk->t[2], "enable") && tk->n >= 4)
			add_interface(&rc->ikev2_interfaces,
			    &rc->nikev2_interfaces, &tk->t[3]);
		return 1;
	}
	if (tok_is(&tk->t[1], "ikev1")) {	/* ASA 8.4+ */
		st->asa_seen = 1;
		if (tok_is(&tk->t[2], "enable") && tk->n >= 4)
			add_interface(&rc->ikev1_interfaces,
			    &rc->nikev1_interfaces, &tk->t[3]);
		else if (tok_is(&tk->t[2], "am-disable"))
			rc->aggressive_mode_disabled = 1;
		return 1;
	}
	if (tok_is(&tk->t[1], "keyring")) {
		st->ctx = CTX_KEYRING;
		tok_copy(&tk->t[2], st->keyring, sizeof(st->keyring));
		return 1;
	}
	if (tok_is(&tk->t[1], "ipsec") && tk->n == 4 &&
	    tok_is(&tk->t[2], "nat-transparency") &&
	    tok_is(&tk->t[3], "udp-encapsulation"))
		rc->natt_enabled = 1;
	return 1;
}

/* "no crypto ..." */
static int
parse_no(struct rc_state *st, const struct toks *tk)
{
	st->ctx = CTX_NONE;
	if (tk->n == 5 && tok_is(&tk->t[1], "crypto") &&
	    tok_is(&tk->t[2], "ipsec") &&
	    tok_is(&tk->t[3], "nat-transparency") &&
	    tok_is(&tk->t[4], "udp-encapsulation"))
		st->rc->natt_enabled = 0;
	else if (tk->n >= 4 && tok_is(&tk->t[1], "crypto") &&
	    tok_is(&tk->t[2], "isakmp") && tok_is(&tk->t[3], "nat-traversal")) {
		st->asa_seen = 1;
		st->rc->natt_enabled = 0;
		st->rc->natt_keepalive_s = -1;
	}
	return 1;
}

/* " pre-shared-key address A [M] key [T] KEY" in "crypto keyring KR". */
static int
parse_keyring_line(struct rc_state *st, const struct toks *tk, int *ok)
{
	struct rc_isakmp_key	 k;
	const struct tok	*key;
	size_t			 i, at;
	int			 type;

	if (!tok_is(&tk->t[0], "pre-shared-key"))
		return 0;
	*ok = 0;
	for (at = 1; at < tk->n && !tok_is(&tk->t[at], "key"); at++)
		;
	if (at >= tk->n)
		return 1;
	memset(&k, 0, sizeof(k));
	k.ike_version = 1;
	/* take_peer wants the statement to stop at "key". */
	{
		struct toks	 head = *tk;
		head.n = at;
		if (!take_peer(&head, 1, &k))
			return 1;
	}
	i = at + 1;
	if (!take_key(tk, &i, &type, &key, NULL, NULL))
		return 1;
	snprintf(k.keyring, sizeof(k.keyring), "%s", st->keyring);
	psk_set(st, &k.psk, key, type);
	*new_key(st->rc) = k;
	*ok = 1;
	return 1;
}

static void
flush_ikev2_peer(struct rc_state *st)
{
	static const char *const dirs[3] = { "", "local", "remote" };
	struct rc_ikev2_peer	*p = &st->peer;
	struct rc_isakmp_key	*k;
	int			 d;

	if (!p->open)
		return;
	for (d = 0; d < 3; d++) {
		if (!p->has_psk[d])
			continue;
		k = new_key(st->rc);
		*k = p->base;
		k->ike_version = 2;
		k->psk = p->psk[d];
		snprintf(k->direction, sizeof(k->direction), "%s", dirs[d]);
	}
	memset(p, 0, sizeof(*p));
}

/* Inside "crypto ikev2 keyring KR": peer / address / hostname / pre-shared-key. */
static int
parse_ikev2_keyring_line(struct rc_state *st, const struct toks *tk, int *ok)
{
	struct rc_ikev2_peer	*p = &st->peer;
	const struct tok	*key;
	size_t			 i;
	int			 type, d = 0;

	*ok = 1;
	if (tok_is(&tk->t[0], "peer")) {
		flush_ikev2_peer(st);
		p->open = 1;
		if (tk->n >= 2)
			tok_copy(&tk->t[1], p->base.ikev2_peer,
			    sizeof(p->base.ikev2_peer));
		snprintf(p->base.keyring, sizeof(p->base.keyring), "%s",
		    st->keyring);
		return 1;
	}
	if (!p->open)
		return 0;
	if (tok_is(&tk->t[0], "address")) {
		i = 1;
		*ok = take_address(tk, &i, p->base.peer, sizeof(p->base.peer),
		    p->base.peer_mask, sizeof(p->base.peer_mask));
		return 1;
	}
	if (tok_is(&tk->t[0], "hostname")) {
		if (tk->n >= 2)
			tok_copy(&tk->t[1], p->base.hostname,
			    sizeof(p->base.hostname));
		*ok = tk->n >= 2;
		return 1;
	}
	if (tok_is(&tk->t[0], "pre-shared-key")) {
		i = 1;
		if (i < tk->n && tok_is(&tk->t[i], "local"))
			d = 1;
		else if (i < tk->n && tok_is(&tk->t[i], "remote"))
			d = 2;
		if (d != 0)
			i++;
		if (!take_key(tk, &i, &type, &key, NULL, NULL)) {
			*ok = 0;
			return 1;
		}
		psk_set(st, &p->psk[d], key, type);
		p->has_psk[d] = 1;
		return 1;
	}
	/* identity, description, ...: part of the peer block. */
	return tok_is(&tk->t[0], "identity") || tok_is(&tk->t[0], "description");
}

static struct rc_tunnel_group *
find_group(struct running_config *rc, const struct tok *name, size_t *idx)
{
	struct rc_tunnel_group	*g;
	char			 buf[128];
	size_t			 i;

	tok_copy(name, buf, sizeof(buf));
	for (i = 0; i < rc->ngroups; i++)
		if (strcmp(rc->groups[i].name, buf) == 0) {
			*idx = i;
			return &rc->groups[i];
		}
	rc->groups = xreallocarray(rc->groups, rc->ngroups + 1,
	    sizeof(*rc->groups));
	g = &rc->groups[rc->ngroups];
	memset(g, 0, sizeof(*g));
	snprintf(g->name, sizeof(g->name), "%s", buf);
	g->keepalive_threshold_s = -1;
	g->keepalive_retry_s = -1;
	*idx = rc->ngroups++;
	return g;
}

/* tunnel-group NAME type X | ipsec-attributes | general-attributes ... */
static int
parse_tunnel_group(struct rc_state *st, const struct toks *tk)
{
	struct rc_tunnel_group	*g;

	st->asa_seen = 1;
	st->ctx = CTX_BLOCK;
	if (tk->n < 3)
		return 0;
	g = find_group(st->rc, &tk->t[1], &st->group);
	if (tok_is(&tk->t[2], "type")) {
		if (tk->n < 4)
			return 0;
		tok_copy(&tk->t[3], g->type, sizeof(g->type));
	} else if (tok_is(&tk->t[2], "ipsec-attributes"))
		st->ctx = CTX_TUNNEL_GROUP;
	return 1;
}

/* Inside "tunnel-group NAME ipsec-attributes". */
static int
parse_tunnel_group_line(struct rc_state *st, const struct toks *tk, int *ok)
{
	struct rc_tunnel_group	*g = &st->rc->groups[st->group];
	struct rc_psk		*psk = NULL;
	const struct tok	*key;
	size_t			 i = 0;
	int			 type;

	*ok = 1;
	if (tok_is(&tk->t[0], "ikev1") && tk->n >= 2 &&
	    tok_is(&tk->t[1], "pre-shared-key")) {
		psk = &g->psk;
		i = 2;
	} else if (tok_is(&tk->t[0], "pre-shared-key")) {	/* pre-8.4 */
		psk = &g->psk;
		i = 1;
	} else if (tok_is(&tk->t[0], "ikev2") && tk->n >= 3 &&
	    tok_is(&tk->t[2], "pre-shared-key")) {
		if (tok_is(&tk->t[1], "local-authentication"))
			psk = &g->ikev2_local_psk;
		else if (tok_is(&tk->t[1], "remote-authentication"))
			psk = &g->ikev2_remote_psk;
		i = 3;
	}
	if (psk != NULL) {
		if (!take_key(tk, &i, &type, &key, NULL, NULL)) {
			*ok = 0;
			return 1;
		}
		psk_set(st, psk, key, type);
		return 1;
	}
	if (tok_is(&tk->t[0], "isakmp") && tk->n >= 3 &&
	    tok_is(&tk->t[1], "keepalive")) {
		if (tok_is(&tk->t[2], "disable")) {
			g->keepalive_disabled = 1;
			return 1;
		}
		/* threshold N|infinite retry M */
		for (i = 2; i + 1 < tk->n; i += 2) {
			if (tok_is(&tk->t[i], "threshold"))
				tok_is_number(&tk->t[i + 1],
				    &g->keepalive_threshold_s);
			else if (tok_is(&tk->t[i], "retry"))
				tok_is_number(&tk->t[i + 1],
				    &g->keepalive_retry_s);
		}
		return 1;
	}
	return 0;
}

static int
is_scaffolding(const struct line *t, const struct toks *tk)
{
	return t->s[0] == '!' || t->s[0] == ':' ||
	    line_starts(t, "Building configuration") ||
	    line_starts(t, "Current configuration") ||
	    (tk->n == 1 && tok_is(&tk->t[0], "end"));
}

/* A sub-line of the current block: 1 when handled there. */
static int
block_line(struct rc_state *st, const struct toks *tk, int *ok)
{
	*ok = 1;
	switch (st->ctx) {
	case CTX_KEYRING:
		if (parse_keyring_line(st, tk, ok))
			return 1;
		break;
	case CTX_IKEV2_KEYRING:
		if (parse_ikev2_keyring_line(st, tk, ok))
			return 1;
		break;
	case CTX_TUNNEL_GROUP:
		if (parse_tunnel_group_line(st, tk, ok))
			return 1;
		break;
	default:
		break;
	}
	/* Anything else inside a block is one of its sub-commands. */
	return st->ctx != CTX_NONE && !is_top_level(tk);
}

static int
rc_line(struct rc_state *st, const struct line *l)
{
	struct line	 t = line_trim(l);
	struct toks	 tk;
	int		 ok;

	if (toks_line(&tk, &t) == 0)
		return 1;
	if (block_line(st, &tk, &ok))
		return ok;
	flush_ikev2_peer(st);
	if (is_scaffolding(&t, &tk)) {
		/* " !" ends an IKEv2 keyring's peer, not the keyring. */
		if (!(st->ctx == CTX_IKEV2_KEYRING && t.s[0] == '!'))
			st->ctx = CTX_NONE;
		return 1;
	}
	if (tok_is(&tk.t[0], "crypto"))
		return parse_crypto(st, &tk);
	if (tok_is(&tk.t[0], "no"))
		return parse_no(st, &tk);
	if (tok_is(&tk.t[0], "tunnel-group"))
		return parse_tunnel_group(st, &tk);
	if (is_top_level(&tk)) {
		st->ctx = CTX_BLOCK;
		return 1;
	}
	st->ctx = CTX_NONE;
	/* What "| include ...keepalive|nat" lets through from elsewhere. */
	return line_find(&t, "keepalive") != NULL || line_find(&t, "nat") != NULL;
}

static int
rc_parse(const struct probe_input *in, struct probe_result *res)
{
	struct rc_state		 st;
	struct line_iter	 it;
	struct line		 l;

	memset(&st, 0, sizeof(st));
	st.in = in;
	st.rc = xcalloc(1, sizeof(*st.rc));
	st.rc->natt_enabled = 1;
	st.rc->natt_keepalive_s = -1;
	st.rc->ikev2_nat_keepalive_s = -1;
	res->records = st.rc;
	line_iter_init(&it, in->text, in->len);
	while (line_next(&it, &l)) {
		if (line_is_noise(&l))
			continue;
		if (rc_line(&st, &l))
			res->recognised++;
		else
			res->unparsed++;
	}
	flush_ikev2_peer(&st);
	if (in->platform == PLATFORM_AUTO && st.asa_seen)
		res->platform = PLATFORM_ASA;
	return 0;
}

static const char *
encoding_name(enum rc_key_encoding e)
{
	switch (e) {
	case RC_KEY_CLEAR:
		return "clear";
	case RC_KEY_TYPE6:
		return "type6";
	case RC_KEY_TYPE7:
		return "type7";
	case RC_KEY_MASKED:
		return "masked";
	default:
		return NULL;
	}
}

static void
add_num(cJSON *o, const char *name, int64_t v)
{
	if (v >= 0)
		cJSON_AddNumberToObject(o, name, (double)v);
	else
		cJSON_AddNullToObject(o, name);
}

static void
add_psk(cJSON *o, const char *prefix, const struct rc_psk *psk)
{
	char	 name[64];

	snprintf(name, sizeof(name), "%spsk_fingerprint", prefix);
	probe_json_str(o, name, psk->fingerprint);
	snprintf(name, sizeof(name), "%skey_encoding", prefix);
	probe_json_str(o, name, encoding_name(psk->encoding));
}

static void
add_dpd(cJSON *o, const char *name, const struct rc_dpd *d)
{
	cJSON	*j;

	if (!d->present) {
		cJSON_AddNullToObject(o, name);
		return;
	}
	j = cJSON_AddObjectToObject(o, name);
	add_num(j, "interval_s", d->interval_s);
	add_num(j, "retries", d->retries);
	cJSON_AddStringToObject(j, "mode", d->periodic ? "periodic" :
	    "on-demand");
}

static void
add_interfaces(cJSON *o, const char *name, char (*list)[64], size_t n)
{
	cJSON	*a = cJSON_AddArrayToObject(o, name);
	size_t	 i;

	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(list[i]));
}

static void
rc_to_json(const void *records, cJSON *obj)
{
	const struct running_config	*rc = records;
	cJSON				*a, *j;
	size_t				 i;

	a = cJSON_AddArrayToObject(obj, "isakmp_keys");
	for (i = 0; i < rc->nkeys; i++) {
		const struct rc_isakmp_key *k = &rc->keys[i];
		j = cJSON_CreateObject();
		probe_json_str(j, "peer", k->peer);
		probe_json_str(j, "peer_mask", k->peer_mask);
		probe_json_str(j, "hostname", k->hostname);
		add_psk(j, "", &k->psk);
		probe_json_str(j, "keyring", k->keyring);
		cJSON_AddNumberToObject(j, "ike_version", k->ike_version);
		probe_json_str(j, "ikev2_peer", k->ikev2_peer);
		probe_json_str(j, "direction", k->direction);
		cJSON_AddBoolToObject(j, "no_xauth", k->no_xauth);
		cJSON_AddItemToArray(a, j);
	}
	add_dpd(obj, "keepalive", &rc->keepalive);
	add_dpd(obj, "ikev2_dpd", &rc->ikev2_dpd);
	cJSON_AddBoolToObject(obj, "natt_enabled", rc->natt_enabled);
	add_num(obj, "natt_keepalive_s", rc->natt_keepalive_s);
	add_num(obj, "ikev2_nat_keepalive_s", rc->ikev2_nat_keepalive_s);
	cJSON_AddBoolToObject(obj, "aggressive_mode_disabled",
	    rc->aggressive_mode_disabled);
	cJSON_AddBoolToObject(obj, "invalid_spi_recovery",
	    rc->invalid_spi_recovery);
	add_interfaces(obj, "ikev1_interfaces", rc->ikev1_interfaces,
	    rc->nikev1_interfaces);
	add_interfaces(obj, "ikev2_interfaces", rc->ikev2_interfaces,
	    rc->nikev2_interfaces);
	a = cJSON_AddArrayToObject(obj, "tunnel_groups");
	for (i = 0; i < rc->ngroups; i++) {
		const struct rc_tunnel_group *g = &rc->groups[i];
		j = cJSON_CreateObject();
		probe_json_str(j, "name", g->name);
		probe_json_str(j, "type", g->type);
		add_psk(j, "", &g->psk);
		add_num(j, "keepalive_threshold_s", g->keepalive_threshold_s);
		add_num(j, "keepalive_retry_s", g->keepalive_retry_s);
		cJSON_AddBoolToObject(j, "keepalive_disabled",
		    g->keepalive_disabled);
		add_psk(j, "ikev2_local_", &g->ikev2_local_psk);
		add_psk(j, "ikev2_remote_", &g->ikev2_remote_psk);
		cJSON_AddItemToArray(a, j);
	}
}

static void
rc_free(void *records)
{
	struct running_config	*rc = records;

	if (rc == NULL)
		return;
	free(rc->keys);
	free(rc->groups);
	free(rc->ikev1_interfaces);
	free(rc->ikev2_interfaces);
	free(rc);
}

const struct probe probe_running_config = {
	.name = "running_config",
	.command = "show running-config | include crypto isakmp|crypto ikev2|"
	    "crypto keyring|pre-shared-key|keepalive|nat",
	.command_asa = "show running-config | include crypto|tunnel-group|"
	    "pre-shared-key|keepalive|nat-traversal",
	.polled = 1,
	.parse = rc_parse,
	.to_json = rc_to_json,
	.free_records = rc_free,
};

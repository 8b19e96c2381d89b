/*
 * phase1.c: Phase 1 state normalisation and the ASA IKEv1 SA blocks, for
 * the isakmp_sa and isakmp_sa_detail probes. docs/phase1-states.md is the
 * reference for the table below.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "phase1.h"
#include "probe.h"
#include "text.h"

struct phase1_name {
	const char	*state;		/* compared case-insensitively */
	int		 step;
	const char	*step_name;
	int		 aggressive;
};

/*
 * IOS names the step reached, the ASA the message awaited; both map to
 * the Main Mode message the negotiation waits for. ASA prints "AM_Active"
 * as well as "AM_ACTIVE", hence the case-insensitive match.
 */
static const struct phase1_name phase1_names[] = {
	{ "MM_NO_STATE",	PHASE1_STEP_MSG2, "wait_msg2", 0 },
	{ "MM_WAIT_MSG2",	PHASE1_STEP_MSG2, "wait_msg2", 0 },
	{ "MM_SA_SETUP",	PHASE1_STEP_MSG3, "wait_msg3", 0 },
	{ "MM_WAIT_MSG3",	PHASE1_STEP_MSG3, "wait_msg3", 0 },
	{ "MM_WAIT_MSG4",	PHASE1_STEP_MSG4, "wait_msg4", 0 },
	{ "MM_KEY_EXCH",	PHASE1_STEP_MSG5, "wait_msg5", 0 },
	{ "MM_WAIT_MSG5",	PHASE1_STEP_MSG5, "wait_msg5", 0 },
	{ "MM_KEY_AUTH",	PHASE1_STEP_MSG6, "wait_msg6", 0 },
	{ "MM_WAIT_MSG6",	PHASE1_STEP_MSG6, "wait_msg6", 0 },
	{ "MM_ACTIVE",		PHASE1_STEP_DONE, "done", 0 },
	{ "AG_NO_STATE",	PHASE1_STEP_AM_MSG2, "am_wait_msg2", 1 },
	{ "AM_WAIT_MSG2",	PHASE1_STEP_AM_MSG2, "am_wait_msg2", 1 },
	{ "AG_INIT_EXCH",	PHASE1_STEP_AM_MSG3, "am_wait_msg3", 1 },
	{ "AM_WAIT_MSG3",	PHASE1_STEP_AM_MSG3, "am_wait_msg3", 1 },
	{ "AG_AUTH",		PHASE1_STEP_AM_AUTH, "am_auth", 1 },
	{ "AM_ACTIVE",		PHASE1_STEP_DONE, "done", 1 },
	{ "QM_IDLE",		PHASE1_STEP_DONE, "done", TRI_UNKNOWN },
	{ "READY",		PHASE1_STEP_DONE, "done", TRI_UNKNOWN },
};

void
phase1_classify(const char *state, struct phase1_state *ps)
{
	size_t	 i;

	ps->step = PHASE1_STEP_UNKNOWN;
	ps->step_name = NULL;
	ps->up = TRI_UNKNOWN;
	ps->aggressive = TRI_UNKNOWN;
	if (state == NULL || state[0] == '\0')
		return;
	for (i = 0; i < sizeof(phase1_names) / sizeof(phase1_names[0]); i++) {
		if (strcasecmp(state, phase1_names[i].state) != 0)
			continue;
		ps->step = phase1_names[i].step;
		ps->step_name = phase1_names[i].step_name;
		ps->up = ps->step == PHASE1_STEP_DONE;
		ps->aggressive = phase1_names[i].aggressive;
		return;
	}
}

void
json_add_i64_or_null(cJSON *o, const char *name, int64_t v)
{
	if (v < 0)
		cJSON_AddNullToObject(o, name);
	else
		cJSON_AddNumberToObject(o, name, (double)v);
}

void
json_add_tri(cJSON *o, const char *name, int v)
{
	if (v == TRI_UNKNOWN)
		cJSON_AddNullToObject(o, name);
	else
		cJSON_AddBoolToObject(o, name, v != 0);
}

void
phase1_to_json(const char *state, cJSON *o)
{
	struct phase1_state	 ps;

	phase1_classify(state, &ps);
	probe_json_str(o, "state", state);
	json_add_i64_or_null(o, "phase1_step", ps.step);
	probe_json_str(o, "phase1_step_name", ps.step_name);
	json_add_tri(o, "phase1_up", ps.up);
	json_add_tri(o, "aggressive", ps.aggressive);
}

void
asa_ike_sa_init(struct asa_ike_sa *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->index = -1;
	sa->rekey = TRI_UNKNOWN;
	sa->lifetime_s = -1;
	sa->lifetime_remaining_s = -1;
}

int
asa_peer_line(const struct toks *tk, struct asa_ike_sa *sa)
{
	uint64_t	 idx;
	char		 addr[PHASE1_ADDR_MAX];

	/* "1   IKE Peer: 203.0.113.1" (also "IKE Peer : X" in pastes) */
	if (tk->n == 4 && tok_u64(&tk->t[0], &idx) && tok_is(&tk->t[1], "IKE") &&
	    tok_is(&tk->t[2], "Peer:") && tok_ip(&tk->t[3], addr, sizeof(addr)))
		;
	else if (tk->n == 5 && tok_u64(&tk->t[0], &idx) &&
	    tok_is(&tk->t[1], "IKE") && tok_is(&tk->t[2], "Peer") &&
	    tok_is(&tk->t[3], ":") && tok_ip(&tk->t[4], addr, sizeof(addr)))
		;
	else
		return 0;
	asa_ike_sa_init(sa);
	sa->index = idx > INT64_MAX ? -1 : (int64_t)idx;
	snprintf(sa->peer, sizeof(sa->peer), "%s", addr);
	return 1;
}

/* "Resp", "responder", "Init" ... -> "responder" / "initiator". */
static void
role_copy(const struct tok *t, char *buf, size_t len)
{
	if (t->len >= 4 && strncasecmp(t->s, "resp", 4) == 0)
		snprintf(buf, len, "responder");
	else if (t->len >= 4 && strncasecmp(t->s, "init", 4) == 0)
		snprintf(buf, len, "initiator");
	else
		tok_copy(t, buf, len);
}

static int
yes_no(const struct tok *t, int *v)
{
	if (tok_ieq(t, "yes")) {
		*v = 1;
		return 1;
	}
	if (tok_ieq(t, "no")) {
		*v = 0;
		return 1;
	}
	return 0;
}

static int
tok_seconds(const struct tok *t, int64_t *v)
{
	return tok_i64(t, v) && *v >= 0;
}

/* One "Label : value" pair into sa; 0 when the label is not one of ours. */
static int
asa_attr_set(struct asa_ike_sa *sa, const char *label, const struct tok *v)
{
	if (strcasecmp(label, "Type") == 0)
		tok_copy(v, sa->type, sizeof(sa->type));
	else if (strcasecmp(label, "Role") == 0)
		role_copy(v, sa->role, sizeof(sa->role));
	else if (strcasecmp(label, "Rekey") == 0)
		return yes_no(v, &sa->rekey);
	else if (strcasecmp(label, "State") == 0)
		tok_copy(v, sa->state, sizeof(sa->state));
	else if (strcasecmp(label, "Encrypt") == 0)
		tok_copy(v, sa->encryption, sizeof(sa->encryption));
	else if (strcasecmp(label, "Hash") == 0)
		tok_copy(v, sa->hash, sizeof(sa->hash));
	else if (strcasecmp(label, "Auth") == 0)
		tok_copy(v, sa->auth, sizeof(sa->auth));
	else if (strcasecmp(label, "Lifetime") == 0)
		return tok_seconds(v, &sa->lifetime_s);
	else if (strcasecmp(label, "Lifetime Remaining") == 0)
		return tok_seconds(v, &sa->lifetime_remaining_s);
	else
		return 0;
	return 1;
}

/*
 * Labels are words up to a token that is ":" or ends in ":"; the value is
 * the one token after it ("Lifetime: 86400", "Role    : initiator").
 */
int
asa_attr_line(const struct toks *tk, struct asa_ike_sa *sa)
{
	struct asa_ike_sa	 tmp = *sa;
	char			 label[40];
	size_t			 i = 0, llen;

	if (tk->n < 2)
		return 0;
	while (i < tk->n) {
		llen = 0;
		label[0] = '\0';
		for (;;) {
			const struct tok *t = &tk->t[i];
			struct tok w = tok_strip(t, ":");
			if (w.len > 0) {
				if (llen + w.len + 2 > sizeof(label))
					return 0;
				if (llen > 0)
					label[llen++] = ' ';
				memcpy(label + llen, w.s, w.len);
				llen += w.len;
				label[llen] = '\0';
			}
			i++;
			if (t->s[t->len - 1] == ':')
				break;
			if (i >= tk->n || llen > 24)
				return 0;
		}
		if (i >= tk->n || llen == 0 ||
		    !asa_attr_set(&tmp, label, &tk->t[i]))
			return 0;
		i++;
	}
	*sa = tmp;
	return 1;
}

int
asa_legacy_header(const struct toks *tk)
{
	return tk->n >= 6 && tok_is(&tk->t[0], "IKE") &&
	    tok_is(&tk->t[1], "Peer") && tok_is(&tk->t[2], "Type") &&
	    tok_is(&tk->t[3], "Dir") && tok_is(&tk->t[4], "Rky") &&
	    tok_is(&tk->t[5], "State");
}

int
asa_legacy_row(const struct toks *tk, struct asa_ike_sa *sa)
{
	struct asa_ike_sa	 tmp;
	uint64_t		 idx;
	char			 addr[PHASE1_ADDR_MAX];

	if ((tk->n != 6 && tk->n != 10) || !tok_u64(&tk->t[0], &idx) ||
	    !tok_ip(&tk->t[1], addr, sizeof(addr)))
		return 0;
	asa_ike_sa_init(&tmp);
	tmp.index = idx > INT64_MAX ? -1 : (int64_t)idx;
	snprintf(tmp.peer, sizeof(tmp.peer), "%s", addr);
	tok_copy(&tk->t[2], tmp.type, sizeof(tmp.type));
	role_copy(&tk->t[3], tmp.role, sizeof(tmp.role));
	if (!yes_no(&tk->t[4], &tmp.rekey))
		return 0;
	tok_copy(&tk->t[5], tmp.state, sizeof(tmp.state));
	if (tk->n == 10) {
		tok_copy(&tk->t[6], tmp.encryption, sizeof(tmp.encryption));
		tok_copy(&tk->t[7], tmp.hash, sizeof(tmp.hash));
		tok_copy(&tk->t[8], tmp.auth, sizeof(tmp.auth));
		if (!tok_seconds(&tk->t[9], &tmp.lifetime_s))
			return 0;
	}
	*sa = tmp;
	return 1;
}

int
asa_summary_line(const struct toks *tk)
{
	uint64_t	 n;

	if (tk->n == 2 && (tok_is(&tk->t[0], "IKEv1") ||
	    tok_is(&tk->t[0], "IKEv2")) && tok_is(&tk->t[1], "SAs:"))
		return 1;
	/* "There are no IKEv1 SAs" */
	if (tk->n == 5 && tok_is(&tk->t[0], "There") &&
	    tok_is(&tk->t[1], "are") && tok_is(&tk->t[2], "no") &&
	    tok_is(&tk->t[4], "SAs"))
		return 1;
	/* "Active SA: 1", "Rekey SA: 0 (A tunnel will ...)", "Total IKE SA: 1" */
	if (tk->n >= 3 && (tok_is(&tk->t[0], "Active") ||
	    tok_is(&tk->t[0], "Rekey")) && tok_is(&tk->t[1], "SA:") &&
	    tok_u64(&tk->t[2], &n))
		return 1;
	return tk->n == 4 && tok_is(&tk->t[0], "Total") &&
	    tok_is(&tk->t[1], "IKE") && tok_is(&tk->t[2], "SA:") &&
	    tok_u64(&tk->t[3], &n);
}

int64_t
cipher_key_bits(const char *name)
{
	size_t		 len = strlen(name), i = len;
	int64_t		 bits = 0;

	while (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9')
		i--;
	/* Only "-256" or "aes256": "3des" has no size suffix. */
	if (i == len || len - i > 4 || i == 0 ||
	    (name[i - 1] != '-' && strncasecmp(name, "aes", 3) != 0))
		return -1;
	for (; i < len; i++)
		bits = bits * 10 + (name[i] - '0');
	return bits > 0 ? bits : -1;
}

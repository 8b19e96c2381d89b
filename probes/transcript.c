/*
 * transcript.c: cut a pasted terminal session into its commands.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "transcript.h"
#include "util.h"

static int
is_host_char(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '-' || c == '_' ||
	    c == '/' || c == '@' || c == ':';
}

/*
 * "hq-1#show crypto isakmp sa", "fw/pri/act> sh ver", "hq-1(config)#":
 * the hostname, then an optional "(mode)", then '#' or '>', then the
 * command. Returns 1 and fills host and cmd when the line is a prompt with
 * a command on it.
 */
static int
prompt_command(const struct line *l, char *host, size_t hostlen, char *cmd,
    size_t cmdlen)
{
	struct line	 t = line_trim(l);
	size_t		 i = 0, h, c = 0;

	while (i < t.len && i < 63 && is_host_char(t.s[i]))
		i++;
	h = i;
	if (h == 0 || i >= t.len)
		return 0;
	if (t.s[i] == '(') {
		while (i < t.len && t.s[i] != ')')
			i++;
		i++;
	}
	if (i >= t.len || (t.s[i] != '#' && t.s[i] != '>'))
		return 0;
	i++;
	while (i < t.len && (t.s[i] == ' ' || t.s[i] == '\t'))
		i++;
	if (i >= t.len || !isalpha((unsigned char)t.s[i]))
		return 0;
	/* Squeeze blanks: pastes turn them into runs or tabs. */
	for (; i < t.len && c + 1 < cmdlen; i++) {
		char ch = t.s[i] == '\t' ? ' ' : t.s[i];
		if (ch == ' ' && (c == 0 || cmd[c - 1] == ' '))
			continue;
		cmd[c++] = ch;
	}
	while (c > 0 && cmd[c - 1] == ' ')
		c--;
	cmd[c] = '\0';
	memcpy(host, t.s, h < hostlen ? h : hostlen - 1);
	host[h < hostlen ? h : hostlen - 1] = '\0';
	return 1;
}

size_t
transcript_split(const char *text, size_t len, struct transcript *tr)
{
	struct line_iter	 it;
	struct line		 l;
	struct transcript_cmd	*cur = NULL;
	size_t			 cap = 0;

	memset(tr, 0, sizeof(*tr));
	line_iter_init(&it, text, len);
	while (line_next(&it, &l)) {
		char host[64], cmd[512];
		if (prompt_command(&l, host, sizeof(host), cmd, sizeof(cmd))) {
			if (tr->ncmds == cap) {
				cap = cap ? cap * 2 : 8;
				tr->cmds = xreallocarray(tr->cmds, cap,
				    sizeof(*tr->cmds));
			}
			cur = &tr->cmds[tr->ncmds++];
			memset(cur, 0, sizeof(*cur));
			memcpy(cur->hostname, host, sizeof(cur->hostname));
			memcpy(cur->command, cmd, sizeof(cur->command));
			cur->line = l.no;
			/* The output starts on the next line. */
			cur->output = it.p;
			cur->output_len = 0;
			continue;
		}
		if (cur != NULL)
			cur->output_len = (size_t)(it.p - cur->output);
	}
	return tr->ncmds;
}

void
transcript_free(struct transcript *tr)
{
	free(tr->cmds);
	memset(tr, 0, sizeof(*tr));
}

/*
 * ipsecwatch explain ALERT_ID [--json]
 *
 * Everything about one alert: where, what, the cause and how sure, when
 * it was raised, updated and cleared, the lines that prove it, the IOS
 * configuration that fixes it and the commands that verify the fix; for
 * an unknown cause, the causes still possible. Exit 1 when there is no
 * such alert.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "store.h"
#include "util.h"

static void
print_lines(const char *title, const cJSON *arr)
{
	const cJSON	*l;

	if (cJSON_GetArraySize(arr) == 0)
		return;
	printf("\n%s:\n", title);
	cJSON_ArrayForEach(l, arr)
		if (cJSON_IsString(l))
			printf("  %s\n", l->valuestring);
}

static void
print_text(const cJSON *a)
{
	char		 buf[40];
	const char	*peer = q_str(a, "peer");
	double		 id = 0;

	q_num(a, "id", &id);
	printf("alert %.0f: %s %s, %s\n", id, q_str(a, "severity"),
	    q_str(a, "kind"), q_str(a, "cleared_at") ? "cleared" : "open");
	printf("router:      %s\n", q_str(a, "router"));
	printf("peer:        %s\n", peer != NULL ? peer : "- (router-wide)");
	printf("kind:        %s\n", q_str(a, "kind"));
	printf("cause:       %s (confidence %s)\n", q_str(a, "cause"),
	    q_str(a, "confidence"));
	printf("severity:    %s\n", q_str(a, "severity"));
	printf("raised:      %s\n", query_local(q_str(a, "raised_at"), buf,
	    sizeof(buf)));
	printf("updated:     %s\n", query_local(q_str(a, "updated_at"), buf,
	    sizeof(buf)));
	printf("cleared:     %s\n", q_str(a, "cleared_at") == NULL ? "open" :
	    query_local(q_str(a, "cleared_at"), buf, sizeof(buf)));
	printf("summary:     %s\n", q_str(a, "summary"));
	print_lines("evidence", cJSON_GetObjectItem(a, "evidence"));
	print_lines("fix", cJSON_GetObjectItem(a, "fix"));
	print_lines("verify", cJSON_GetObjectItem(a, "verify"));
	print_lines("candidates (causes still possible)",
	    cJSON_GetObjectItem(a, "candidates"));
}

static int
explain(struct store *st, long long id, int json)
{
	cJSON	*row, *a, *p = cJSON_CreateArray();
	int	 failed = 0;

	cJSON_AddItemToArray(p, cJSON_CreateNumber((double)id));
	row = query_row(st, "SELECT " QUERY_ALERT_COLS " FROM alerts"
	    " WHERE id = ?1", p, &failed);
	if (failed)
		return EXIT_DATAERR;
	if (row == NULL) {
		fprintf(stderr, "ipsecwatch: no alert %lld\n", id);
		return 1;
	}
	a = query_alert_json(row);
	if (json)
		query_print_json(a);
	else
		print_text(a);
	cJSON_Delete(a);
	cJSON_Delete(row);
	return 0;
}

static int
cmd_explain_exec(struct cmd_opts *o)
{
	struct store	*st;
	long long	 id;
	char		*end;
	int		 rc;

	if (o->argc != 2) {
		fprintf(stderr, "usage: ipsecwatch %s\n",
		    cmd_explain_entry.usage);
		return EXIT_USAGE;
	}
	errno = 0;
	id = strtoll(o->argv[1], &end, 10);
	if (end == o->argv[1] || *end != '\0' || errno != 0 || id <= 0) {
		fprintf(stderr, "ipsecwatch: explain: %s is not an alert id "
		    "(a number, as `ipsecwatch alerts` shows)\n", o->argv[1]);
		return EXIT_USAGE;
	}
	if ((rc = query_open(o, &st)) != 0)
		return rc;
	rc = explain(st, id, o->json);
	store_close(st);
	return rc;
}

const struct cmd_entry cmd_explain_entry = {
	.name = "explain",
	.usage = "explain ALERT_ID [--json] [--db PATH]",
	.opts = OPT_DB,
	.exec = cmd_explain_exec,
};

/*
 * ipsecwatch alerts [--open] [--since T] [--router R] [--kind K] [--json]
 *
 * The alerts the daemon raised, newest first: when raised and cleared,
 * severity, router, peer, kind, cause and summary. --since keeps those
 * raised at or after T. `ipsecwatch explain ID` says the rest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "store.h"
#include "util.h"

static void
print_table(const cJSON *rows)
{
	struct table	*t;
	const cJSON	*r;
	char		 id[24], raised[40], cleared[40];
	double		 d;

	t = table_new("rllllllll", "ID", "RAISED", "CLEARED", "SEVERITY",
	    "ROUTER", "PEER", "KIND", "CAUSE", "SUMMARY", NULL);
	cJSON_ArrayForEach(r, rows) {
		q_num(r, "id", &d);
		snprintf(id, sizeof(id), "%.0f", d);
		table_add(t, id,
		    query_local(q_str(r, "raised_at"), raised, sizeof(raised)),
		    q_str(r, "cleared_at") == NULL ? "open" :
		    query_local(q_str(r, "cleared_at"), cleared,
		    sizeof(cleared)),
		    q_str(r, "severity"), q_str(r, "router"), q_str(r, "peer"),
		    q_str(r, "kind"), q_str(r, "cause"), q_str(r, "summary"));
	}
	table_print(t, stdout);
	table_free(t);
}

static int
alerts(struct store *st, const struct cmd_opts *o, const char *since)
{
	cJSON	*rows, *out, *r, *p = cJSON_CreateArray();

	cJSON_AddItemToArray(p, cJSON_CreateBool(o->open));
	cJSON_AddItemToArray(p, q_str_or_null(since));
	cJSON_AddItemToArray(p, q_str_or_null(o->router));
	cJSON_AddItemToArray(p, q_str_or_null(o->kind));
	if ((rows = query_rows(st, "SELECT " QUERY_ALERT_COLS " FROM alerts"
	    " WHERE (?1 = 0 OR cleared_at IS NULL)"
	    " AND (?2 IS NULL OR raised_at >= ?2)"
	    " AND (?3 IS NULL OR router = ?3)"
	    " AND (?4 IS NULL OR kind = ?4)"
	    " ORDER BY raised_at DESC, id DESC", p)) == NULL)
		return EXIT_DATAERR;
	if (o->json) {
		out = cJSON_CreateArray();
		cJSON_ArrayForEach(r, rows)
			cJSON_AddItemToArray(out, query_alert_json(r));
		query_print_json(out);
		cJSON_Delete(out);
	} else
		print_table(rows);
	cJSON_Delete(rows);
	return 0;
}

static int
cmd_alerts_exec(struct cmd_opts *o)
{
	struct store	*st;
	char		 since[40];
	int		 rc;

	if (o->argc != 1) {
		fprintf(stderr, "usage: ipsecwatch %s\n", cmd_alerts_entry.usage);
		return EXIT_USAGE;
	}
	if (o->since != NULL &&
	    (rc = query_time_opt("--since", o->since, since, sizeof(since))) != 0)
		return rc;
	if ((rc = query_open(o, &st)) != 0)
		return rc;
	rc = alerts(st, o, o->since != NULL ? since : NULL);
	store_close(st);
	return rc;
}

const struct cmd_entry cmd_alerts_entry = {
	.name = "alerts",
	.usage = "alerts [--open] [--since T] [--router R] [--kind K] [--json] "
	    "[--db PATH]",
	.opts = OPT_DB | OPT_OPEN | OPT_SINCE | OPT_ROUTER | OPT_KIND,
	.exec = cmd_alerts_exec,
};

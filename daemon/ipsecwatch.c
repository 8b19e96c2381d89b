/*
 * ipsecwatch: the operator's command. Subcommands are table entries, one
 * file each (cmd_*.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ipsecwatch.h"
#include "log.h"
#include "util.h"

static const struct cmd_entry *const cmd_table[] = {
	&cmd_trust_entry,
	&cmd_check_config_entry,
	&cmd_parse_entry,
	&cmd_diagnose_entry,
	&cmd_status_entry,
	&cmd_alerts_entry,
	&cmd_history_entry,
	&cmd_explain_entry,
	&cmd_runbook_entry,
};

static const struct {
	unsigned int	 bit;
	const char	*name;
} opt_names[] = {
	{ OPT_DB,	"--db" },
	{ OPT_OPEN,	"--open" },
	{ OPT_SINCE,	"--since" },
	{ OPT_UNTIL,	"--until" },
	{ OPT_ROUTER,	"--router" },
	{ OPT_KIND,	"--kind" },
};

static void
usage(void)
{
	size_t	 i;

	fprintf(stderr, "usage: ipsecwatch [-f config] [--db path] "
	    "[--json] command [args]\ncommands:\n");
	for (i = 0; i < NITEMS(cmd_table); i++)
		fprintf(stderr, "  %s\n", cmd_table[i]->usage);
	exit(EXIT_USAGE);
}

/* Options may come before or after the subcommand's name. */
static int
parse_opts(int argc, char *argv[], struct cmd_opts *o)
{
	char	**rest = xcalloc((size_t)argc + 1, sizeof(char *));
	int	  i, n = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if ((strcmp(a, "-f") == 0 || strcmp(a, "--config") == 0) &&
		    i + 1 < argc)
			o->config = argv[++i];
		else if (strcmp(a, "--db") == 0 && i + 1 < argc) {
			o->db = argv[++i];
			o->given |= OPT_DB;
		} else if (strcmp(a, "--since") == 0 && i + 1 < argc) {
			o->since = argv[++i];
			o->given |= OPT_SINCE;
		} else if (strcmp(a, "--until") == 0 && i + 1 < argc) {
			o->until = argv[++i];
			o->given |= OPT_UNTIL;
		} else if (strcmp(a, "--router") == 0 && i + 1 < argc) {
			o->router = argv[++i];
			o->given |= OPT_ROUTER;
		} else if (strcmp(a, "--kind") == 0 && i + 1 < argc) {
			o->kind = argv[++i];
			o->given |= OPT_KIND;
		} else if (strcmp(a, "--open") == 0) {
			o->open = 1;
			o->given |= OPT_OPEN;
		}
		else if (strcmp(a, "--platform") == 0 && i + 1 < argc)
			o->platform = argv[++i];
		else if (strcmp(a, "--transcript") == 0 && i + 1 < argc)
			o->transcript = argv[++i];
		else if (strcmp(a, "--salt-file") == 0 && i + 1 < argc)
			o->salt_file = argv[++i];
		else if (strcmp(a, "--json") == 0)
			o->json = 1;
		else if (strcmp(a, "--yes") == 0 || strcmp(a, "-y") == 0)
			o->yes = 1;
		else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0)
			o->verbose = 1;
		else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			free(rest);
			usage();
		} else if (a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "ipsecwatch: unknown option %s\n", a);
			free(rest);
			usage();
		} else
			rest[n++] = argv[i];
	}
	o->argc = n;
	o->argv = rest;
	return 0;
}

/* A query option given to a subcommand that does not take it. */
static int
check_opts(const struct cmd_entry *ce, const struct cmd_opts *o)
{
	size_t	 i;

	for (i = 0; i < NITEMS(opt_names); i++) {
		if ((o->given & opt_names[i].bit) == 0 ||
		    (ce->opts & opt_names[i].bit) != 0)
			continue;
		fprintf(stderr, "ipsecwatch: %s does not take %s\n"
		    "usage: ipsecwatch %s\n", ce->name, opt_names[i].name,
		    ce->usage);
		return -1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	struct cmd_opts	 o;
	size_t		 i;
	int		 rc;

	log_init(0, LOG_FORMAT_LOGFMT, 0);
	/* Times are shown in the operator's zone (TZ). */
	tzset();
	memset(&o, 0, sizeof(o));
	o.config = getenv("IPSECWATCH_CONFIG") ? getenv("IPSECWATCH_CONFIG") :
	    DEFAULT_CONFIG;
	parse_opts(argc, argv, &o);
	if (o.argc < 1) {
		free(o.argv);
		usage();
	}
	for (i = 0; i < NITEMS(cmd_table); i++) {
		if (strcmp(o.argv[0], cmd_table[i]->name) == 0) {
			if (check_opts(cmd_table[i], &o) != 0) {
				free(o.argv);
				return EXIT_USAGE;
			}
			rc = cmd_table[i]->exec(&o);
			free(o.argv);
			return rc;
		}
	}
	fprintf(stderr, "ipsecwatch: unknown command %s\n", o.argv[0]);
	free(o.argv);
	usage();
}

/*
 * ipsecwatch: the operator's command. Subcommands are table entries, one
 * file each (cmd_*.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipsecwatch.h"
#include "log.h"
#include "util.h"

static const struct cmd_entry *const cmd_table[] = {
	&cmd_trust_entry,
	&cmd_check_config_entry,
	&cmd_parse_entry,
	&cmd_diagnose_entry,
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
		else if (strcmp(a, "--db") == 0 && i + 1 < argc)
			o->db = argv[++i];
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

int
main(int argc, char *argv[])
{
	struct cmd_opts	 o;
	size_t		 i;
	int		 rc;

	log_init(0, LOG_FORMAT_LOGFMT, 0);
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
			rc = cmd_table[i]->exec(&o);
			free(o.argv);
			return rc;
		}
	}
	fprintf(stderr, "ipsecwatch: unknown command %s\n", o.argv[0]);
	free(o.argv);
	usage();
}

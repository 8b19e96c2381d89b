/*
 * ipsecwatch check-config [-f FILE] [-v]: the same check as ipsecwatchd -n.
 */
#include <stdio.h>

#include "config.h"
#include "ipsecwatch.h"

static int
cmd_check_config_exec(struct cmd_opts *o)
{
	struct config		*conf;
	struct config_error	 err;
	char			 msg[1024];

	if (config_load(o->config, &conf, &err) != 0) {
		config_error_format(&err, msg, sizeof(msg));
		fprintf(stderr, "%s\n", msg);
		return EXIT_CONFIG;
	}
	if (o->verbose)
		config_print(conf, stdout);
	else
		printf("%s: OK, %zu router%s\n", o->config, conf->nrouters,
		    conf->nrouters == 1 ? "" : "s");
	config_free(conf);
	return 0;
}

const struct cmd_entry cmd_check_config_entry = {
	.name = "check-config",
	.usage = "check-config [-f FILE] [-v]",
	.exec = cmd_check_config_exec,
};

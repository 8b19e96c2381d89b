/*
 * ipsecwatch.h: the operator's command; one file per subcommand (tmux style).
 */
#ifndef IPSECWATCH_CMD_H
#define IPSECWATCH_CMD_H

#define EXIT_USAGE	2
#define EXIT_DATAERR	65
#define EXIT_NOINPUT	66
#define EXIT_CONFIG	78

#define DEFAULT_CONFIG	"/etc/ipsecwatch/ipsecwatch.conf"

/* Options common to every subcommand. */
struct cmd_opts {
	const char	*config;	/* -f FILE */
	const char	*db;		/* --db PATH */
	int		 json;		/* --json */
	int		 yes;		/* --yes */
	int		 verbose;	/* -v */
	const char	*platform;	/* --platform ios|iosxe|asa */
	const char	*transcript;	/* --transcript FILE */
	const char	*salt_file;	/* --salt-file F */
	int		 argc;		/* what is left after the options */
	char	       **argv;
};

struct cmd_entry {
	const char	*name;
	const char	*usage;
	int		(*exec)(struct cmd_opts *);
};

extern const struct cmd_entry cmd_trust_entry;
extern const struct cmd_entry cmd_check_config_entry;
extern const struct cmd_entry cmd_parse_entry;
extern const struct cmd_entry cmd_diagnose_entry;

#endif

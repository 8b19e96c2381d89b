/*
 * ipsecwatch.h: the operator's command; one file per subcommand (tmux style).
 */
#ifndef IPSECWATCH_CMD_H
#define IPSECWATCH_CMD_H

/*
 * Exit codes: 0 ok; 1 status saw an open critical alert, explain or
 * history found no such alert or router, trust did not pin; then the
 * sysexits(3) values below.
 */
#define EXIT_USAGE	2
#define EXIT_DATAERR	65
#define EXIT_NOINPUT	66
#define EXIT_CONFIG	78

#define DEFAULT_CONFIG	"/etc/ipsecwatch/ipsecwatch.conf"
#define DEFAULT_DB	"/var/lib/ipsecwatch/ipsecwatch.db"

/* The query options, as bits: a subcommand names those it takes. */
#define OPT_DB		0x01
#define OPT_OPEN	0x02
#define OPT_SINCE	0x04
#define OPT_UNTIL	0x08
#define OPT_ROUTER	0x10
#define OPT_KIND	0x20

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
	int		 open;		/* --open */
	const char	*since;		/* --since T */
	const char	*until;		/* --until T */
	const char	*router;	/* --router R */
	const char	*kind;		/* --kind K */
	unsigned int	 given;		/* OPT_* seen on the command line */
	int		 argc;		/* what is left after the options */
	char	       **argv;
};

struct cmd_entry {
	const char	*name;
	const char	*usage;
	unsigned int	 opts;		/* the OPT_* it takes */
	int		(*exec)(struct cmd_opts *);
};

extern const struct cmd_entry cmd_trust_entry;
extern const struct cmd_entry cmd_check_config_entry;
extern const struct cmd_entry cmd_parse_entry;
extern const struct cmd_entry cmd_diagnose_entry;
extern const struct cmd_entry cmd_status_entry;
extern const struct cmd_entry cmd_alerts_entry;
extern const struct cmd_entry cmd_history_entry;
extern const struct cmd_entry cmd_explain_entry;
extern const struct cmd_entry cmd_runbook_entry;

#endif

/*
 * config.h: ipsecwatch.conf, a strict JSON file read with cJSON.
 *
 * Unknown keys, wrong types, duplicate router names and missing fields are
 * errors that name file:line:col and the key. Relative paths are made
 * relative to the config file's directory. Secrets are not read here: only
 * their files' permissions are checked; config_read_secret() reads one at
 * the moment it is needed, and the caller wipes it.
 */
#ifndef IPSECWATCH_CONFIG_H
#define IPSECWATCH_CONFIG_H

#include <stddef.h>
#include <stdio.h>

#include "log.h"
#include "platform.h"

#define CONFIG_EXIT_ERROR	78	/* EX_CONFIG */


enum algo_profile {
	ALGO_MODERN = 0,	/* libssh's strong defaults only */
	ALGO_LEGACY		/* adds group14-sha1, ssh-rsa, aes-cbc, hmac-sha1 */
};

struct tag {
	char	*key;
	char	*value;
};

struct router_conf {
	char		*name;		/* [A-Za-z0-9._-]{1,63}, unique */
	char		*host;		/* literal IPv4/IPv6 address */
	int		 port;		/* default 22 */
	char		*username;
	char		*password_file;	/* exactly one of password_file, key_file */
	char		*key_file;
	char		*enable_secret_file;	/* optional */
	enum platform	 platform;	/* default auto */
	enum algo_profile algorithms;	/* default modern */
	int		 interval;	/* seconds; 0 means the global interval */
	int		 persistent;	/* keep the session between polls; default 1 */
	struct tag	*tags;
	size_t		 ntags;
};

struct config {
	char		*path;		/* the file read, as given */
	int		 interval;	/* seconds between polls; default 60 */
	int		 jitter;	/* percent of the interval, 0..50; default 10 */
	int		 max_connecting; /* sessions in kex/auth at once; default 16 */
	int		 connect_timeout; /* seconds, TCP+kex+auth+prompt; default 20 */
	int		 command_timeout; /* seconds per command; default 30 */
	int		 backoff_max;	/* seconds, cap of the reconnect back-off; default 300 */
	int		 auth_backoff;	/* seconds to wait after an auth or host-key
					   failure, so AAA does not lock the account; default 600 */
	size_t		 output_cap;	/* bytes per command output; default 4 MiB */
	char		*database;	/* default /var/lib/ipsecwatch/ipsecwatch.db */
	char		*known_hosts;	/* default /var/lib/ipsecwatch/known_hosts */
	enum log_format	 log_format;	/* "logfmt" (default) or "json" */
	int		 keep_raw_output; /* store redacted raw outputs; default 0 */
	int		 retention_days; /* snapshots and polls kept; default 30 */
	int		 alert_retention_days; /* cleared alerts kept; default 365 */
	char		*metrics_addr;	/* HTTP /metrics listener; NULL = off (default) */
	int		 metrics_port;
	char	       **commands;	/* show commands per poll; default list */
	size_t		 ncommands;
	struct router_conf *routers;
	size_t		 nrouters;
};

struct config_error {
	char	 file[512];
	int	 line;		/* 1-based; 0 when not tied to a place */
	int	 col;		/* 1-based */
	char	 key[128];	/* JSON path of the offending key, e.g. routers[2].port */
	char	 msg[512];
};

/* Returns 0 and *out, or -1 with *err filled. */
int	 config_load(const char *path, struct config **out,
	    struct config_error *err);
/*
 * The same, for a reader that needs no secret (the query commands want
 * the database's path): CONFIG_LOAD_NO_SECRETS skips the checks of the
 * secret files, which an operator in the ipsecwatch group may not see.
 */
#define CONFIG_LOAD_NO_SECRETS	0x1
int	 config_load_flags(const char *path, int flags, struct config **out,
	    struct config_error *err);
void	 config_free(struct config *);
/* "file:line:col: key: msg" */
void	 config_error_format(const struct config_error *, char *, size_t);
/* The effective config, canonical JSON, all defaults filled in. */
void	 config_print(const struct config *, FILE *);
const struct router_conf *config_router(const struct config *, const char *name);
/* Keep the routers keep() accepts, free the others; returns how many are left. */
size_t	 config_filter_routers(struct config *,
	    int (*keep)(const struct router_conf *, void *), void *arg);
/* Two router entries describe the same session (same host, port, credentials...). */
int	 router_conf_equal(const struct router_conf *, const struct router_conf *);
/* The interval that applies to a router. */
int	 router_interval(const struct config *, const struct router_conf *);

const char *platform_name(enum platform);
const char *algo_profile_name(enum algo_profile);

/*
 * Read a secret file (password, enable secret): refuses a file that is not
 * a regular file or that group or others can read, strips one trailing
 * newline. Returns a string to be released with freezero_str(), or NULL
 * with a message in err (the message never contains the secret).
 */
char	*config_read_secret(const char *path, char *err, size_t errlen);
/* Permission check alone (used at load time for every secret file). */
int	 config_check_secret_file(const char *path, char *err, size_t errlen);

#endif

/*
 * ipsecwatch trust ROUTER [-f FILE] [--yes]: connect to a router, show its
 * host key's fingerprint and, once the operator agrees (or --yes), pin it
 * in the daemon's known_hosts. A key that replaces a pinned one is shown
 * with a warning and the old entry is removed only on confirmation.
 * Nothing is ever accepted silently.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libssh/libssh.h>

#include "config.h"
#include "ipsecwatch.h"
#include "sshconn.h"
#include "util.h"

/* The known_hosts host pattern libssh writes for this router. */
static char *
host_pattern(const struct router_conf *rc)
{
	char	*p;

	if (rc->port == 22)
		return xstrdup(rc->host);
	xasprintf(&p, "[%s]:%d", rc->host, rc->port);
	return p;
}

/* Rewrite known_hosts without the lines for this host (key replaced). */
static int
forget_host(const char *path, const char *pattern)
{
	FILE	*in, *out;
	char	*tmp, *line = NULL;
	size_t	 cap = 0, plen = strlen(pattern);
	ssize_t	 n;
	int	 fd, rc = 0;

	if ((in = fopen(path, "r")) == NULL)
		return errno == ENOENT ? 0 : -1;
	xasprintf(&tmp, "%s.tmp", path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0 ||
	    (out = fdopen(fd, "w")) == NULL) {
		fclose(in);
		free(tmp);
		return -1;
	}
	while ((n = getline(&line, &cap, in)) > 0) {
		if (strncmp(line, pattern, plen) == 0 &&
		    (line[plen] == ' ' || line[plen] == ','))
			continue;
		fputs(line, out);
	}
	free(line);
	fclose(in);
	if (fclose(out) != 0 || rename(tmp, path) != 0)
		rc = -1;
	free(tmp);
	return rc;
}

static int
ask_yes(const char *question)
{
	FILE	*tty;
	char	 buf[16];
	int	 yes = 0;

	if ((tty = fopen("/dev/tty", "r+")) == NULL) {
		fprintf(stderr, "no terminal to ask on; use --yes to pin "
		    "without asking\n");
		return 0;
	}
	fprintf(tty, "%s [y/N] ", question);
	fflush(tty);
	if (fgets(buf, sizeof(buf), tty) != NULL)
		yes = buf[0] == 'y' || buf[0] == 'Y';
	fclose(tty);
	return yes;
}

static ssh_session
trust_connect(const struct router_conf *rc, const char *known_hosts)
{
	ssh_session	 s;
	char		 err[256];
	long		 timeout = 15;

	if ((s = sshconn_new(rc, known_hosts, err, sizeof(err))) == NULL) {
		fprintf(stderr, "ipsecwatch: %s: %s\n", rc->name, err);
		return NULL;
	}
	ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeout);
	if (ssh_connect(s) != SSH_OK) {
		fprintf(stderr, "ipsecwatch: %s: cannot connect to %s port %d: "
		    "%s\n", rc->name, rc->host, rc->port, ssh_get_error(s));
		ssh_free(s);
		return NULL;
	}
	return s;
}

static int
trust_pin(ssh_session s, const struct router_conf *rc, const char *kh,
    enum ssh_known_hosts_e state, int yes)
{
	char	*pattern = host_pattern(rc);
	char	 q[256];
	int	 rc_ = 0;

	snprintf(q, sizeof(q), "%s this key for %s in %s?",
	    state == SSH_KNOWN_HOSTS_CHANGED ||
	    state == SSH_KNOWN_HOSTS_OTHER ? "REPLACE the pinned key with" :
	    "Pin", rc->name, kh);
	if (!yes && !ask_yes(q)) {
		printf("not pinned\n");
		free(pattern);
		return 1;
	}
	if ((state == SSH_KNOWN_HOSTS_CHANGED ||
	    state == SSH_KNOWN_HOSTS_OTHER) && forget_host(kh, pattern) != 0) {
		fprintf(stderr, "ipsecwatch: cannot rewrite %s: %s\n", kh,
		    strerror(errno));
		rc_ = 1;
	} else if (ssh_session_update_known_hosts(s) != SSH_OK) {
		fprintf(stderr, "ipsecwatch: cannot write %s: %s\n", kh,
		    ssh_get_error(s));
		rc_ = 1;
	} else
		printf("pinned %s in %s\n", pattern, kh);
	free(pattern);
	return rc_;
}

static int
cmd_trust_exec(struct cmd_opts *o)
{
	struct config		*conf;
	struct config_error	 err;
	const struct router_conf *rc;
	enum ssh_known_hosts_e	 state;
	ssh_session		 s;
	char			 msg[1024], *fp;
	int			 ret;

	if (o->argc != 2) {
		fprintf(stderr, "usage: ipsecwatch %s\n", cmd_trust_entry.usage);
		return EXIT_USAGE;
	}
	if (config_load(o->config, &conf, &err) != 0) {
		config_error_format(&err, msg, sizeof(msg));
		fprintf(stderr, "%s\n", msg);
		return EXIT_CONFIG;
	}
	if ((rc = config_router(conf, o->argv[1])) == NULL) {
		fprintf(stderr, "ipsecwatch: no router named %s in %s\n",
		    o->argv[1], o->config);
		config_free(conf);
		return EXIT_USAGE;
	}
	if ((s = trust_connect(rc, conf->known_hosts)) == NULL) {
		config_free(conf);
		return 1;
	}
	state = ssh_session_is_known_server(s);
	fp = sshconn_fingerprint(s);
	printf("%s (%s port %d) presents %s %s\n", rc->name, rc->host,
	    rc->port, sshconn_key_type(s), fp ? fp : "?");
	if (state == SSH_KNOWN_HOSTS_OK) {
		printf("already pinned in %s\n", conf->known_hosts);
		ret = 0;
	} else {
		if (state == SSH_KNOWN_HOSTS_CHANGED ||
		    state == SSH_KNOWN_HOSTS_OTHER)
			printf("WARNING: this is NOT the key pinned for %s. "
			    "Check it with the router's admins (show crypto "
			    "key mypubkey rsa / show ip ssh) before replacing "
			    "it.\n", rc->name);
		ret = trust_pin(s, rc, conf->known_hosts, state, o->yes);
	}
	free(fp);
	ssh_disconnect(s);
	ssh_free(s);
	config_free(conf);
	return ret;
}

const struct cmd_entry cmd_trust_entry = {
	.name = "trust",
	.usage = "trust ROUTER [-f FILE] [--yes]",
	.exec = cmd_trust_exec,
};

/*
 * sshconn.c: ssh_session setup shared by the daemon and `ipsecwatch trust`.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "sshconn.h"
#include "util.h"

/*
 * libssh 0.10 has no "+algo" syntax: a profile is the full ordered list.
 * Modern first, so a new box still gets strong crypto; the legacy profile
 * only appends what old IOS images need.
 */
static const char modern_kex[] =
    "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,"
    "ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group16-sha512,"
    "diffie-hellman-group18-sha512,diffie-hellman-group-exchange-sha256,"
    "diffie-hellman-group14-sha256";
static const char legacy_kex[] =
    "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,"
    "ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group16-sha512,"
    "diffie-hellman-group18-sha512,diffie-hellman-group-exchange-sha256,"
    "diffie-hellman-group14-sha256,diffie-hellman-group14-sha1,"
    "diffie-hellman-group-exchange-sha1";
static const char modern_hostkeys[] =
    "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,"
    "ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256";
static const char legacy_hostkeys[] =
    "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,"
    "ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256,ssh-rsa";
static const char modern_ciphers[] =
    "chacha20-poly1305@openssh.com,aes128-gcm@openssh.com,"
    "aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr";
static const char legacy_ciphers[] =
    "chacha20-poly1305@openssh.com,aes128-gcm@openssh.com,"
    "aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,"
    "aes128-cbc,aes192-cbc,aes256-cbc";
static const char modern_macs[] =
    "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,"
    "hmac-sha2-256,hmac-sha2-512";
static const char legacy_macs[] =
    "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,"
    "hmac-sha2-256,hmac-sha2-512,hmac-sha1";

struct ssh_opt_str {
	enum ssh_options_e	 opt;
	const char		*modern;
	const char		*legacy;
};

static const struct ssh_opt_str algo_opts[] = {
	{ SSH_OPTIONS_KEY_EXCHANGE, modern_kex, legacy_kex },
	{ SSH_OPTIONS_HOSTKEYS, modern_hostkeys, legacy_hostkeys },
	{ SSH_OPTIONS_CIPHERS_C_S, modern_ciphers, legacy_ciphers },
	{ SSH_OPTIONS_CIPHERS_S_C, modern_ciphers, legacy_ciphers },
	{ SSH_OPTIONS_HMAC_C_S, modern_macs, legacy_macs },
	{ SSH_OPTIONS_HMAC_S_C, modern_macs, legacy_macs },
	{ SSH_OPTIONS_PUBLICKEY_ACCEPTED_TYPES, modern_hostkeys, legacy_hostkeys },
};

static int
set_algorithms(ssh_session s, enum algo_profile profile)
{
	size_t	 i;

	for (i = 0; i < NITEMS(algo_opts); i++) {
		const char *v = profile == ALGO_LEGACY ?
		    algo_opts[i].legacy : algo_opts[i].modern;
		if (ssh_options_set(s, algo_opts[i].opt, v) != SSH_OK)
			return -1;
	}
	return 0;
}

ssh_session
sshconn_new(const struct router_conf *rc, const char *known_hosts,
    char *err, size_t errlen)
{
	ssh_session	 s;
	bool		 no = false;
	int		 yes = 1, zero = 0, verbosity;
	unsigned int	 port = (unsigned int)rc->port;

	if ((s = ssh_new()) == NULL) {
		snprintf(err, errlen, "ssh_new failed");
		return NULL;
	}
	verbosity = log_get_debug() > 1 ? SSH_LOG_PROTOCOL : SSH_LOG_NOLOG;
	/* PROCESS_CONFIG first: ~/.ssh/config must never override us. */
	if (ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &no) != SSH_OK ||
	    ssh_options_set(s, SSH_OPTIONS_HOST, rc->host) != SSH_OK ||
	    ssh_options_set(s, SSH_OPTIONS_PORT, &port) != SSH_OK ||
	    ssh_options_set(s, SSH_OPTIONS_USER, rc->username) != SSH_OK ||
	    ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, known_hosts) != SSH_OK ||
	    ssh_options_set(s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS,
	    "/dev/null") != SSH_OK ||
	    ssh_options_set(s, SSH_OPTIONS_GSSAPI_AUTH, &zero) != SSH_OK ||
	    ssh_options_set(s, SSH_OPTIONS_NODELAY, &yes) != SSH_OK ||
	    ssh_options_set(s, SSH_OPTIONS_LOG_VERBOSITY, &verbosity) != SSH_OK ||
	    set_algorithms(s, rc->algorithms) != 0) {
		snprintf(err, errlen, "ssh options: %s", ssh_get_error(s));
		ssh_free(s);
		return NULL;
	}
	return s;
}

char *
sshconn_fingerprint(ssh_session s)
{
	ssh_key		 key = NULL;
	unsigned char	*hash = NULL;
	size_t		 hlen = 0;
	char		*fp, *out;

	if (ssh_get_server_publickey(s, &key) != SSH_OK)
		return NULL;
	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256,
	    &hash, &hlen) != SSH_OK) {
		ssh_key_free(key);
		return NULL;
	}
	fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
	ssh_clean_pubkey_hash(&hash);
	ssh_key_free(key);
	if (fp == NULL)
		return NULL;
	out = xstrdup(fp);
	ssh_string_free_char(fp);
	return out;
}

const char *
sshconn_key_type(ssh_session s)
{
	ssh_key		 key = NULL;
	const char	*name;

	if (ssh_get_server_publickey(s, &key) != SSH_OK)
		return "?";
	name = ssh_key_type_to_char(ssh_key_type(key));
	ssh_key_free(key);
	return name != NULL ? name : "?";
}

const char *
sshconn_known_name(enum ssh_known_hosts_e k)
{
	switch (k) {
	case SSH_KNOWN_HOSTS_OK:
		return "ok";
	case SSH_KNOWN_HOSTS_CHANGED:
		return "changed";
	case SSH_KNOWN_HOSTS_OTHER:
		return "other";
	case SSH_KNOWN_HOSTS_UNKNOWN:
		return "unknown";
	case SSH_KNOWN_HOSTS_NOT_FOUND:
		return "unknown";
	case SSH_KNOWN_HOSTS_ERROR:
	default:
		return "error";
	}
}

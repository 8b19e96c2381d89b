/*
 * sshconn.h: how an ssh_session to a router is set up, shared by the
 * daemon's router FSM and `ipsecwatch trust`.
 */
#ifndef IPSECWATCH_SSHCONN_H
#define IPSECWATCH_SSHCONN_H

#include <libssh/libssh.h>

#include "config.h"

/*
 * A new session with every option set: numeric host, port, user, our own
 * known_hosts (and no global one), ~/.ssh/config NOT processed (it would
 * override the algorithm lists), no agent/GSSAPI, TCP_NODELAY, and the
 * algorithm lists of the router's profile. Returns NULL with err filled.
 */
ssh_session	 sshconn_new(const struct router_conf *, const char *known_hosts,
		    char *err, size_t errlen);
/* "SHA256:base64" of the server's host key, or NULL. Caller frees. */
char		*sshconn_fingerprint(ssh_session);
/* The host-key verdict as a word: "ok", "changed", "other", "unknown", ... */
const char	*sshconn_known_name(enum ssh_known_hosts_e);
/* The key type name of the server's host key ("ssh-ed25519"), or "?". */
const char	*sshconn_key_type(ssh_session);

#endif

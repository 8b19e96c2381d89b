/*
 * iossim.h: a lab of simulated Cisco IOS/IOS-XE/ASA routers behind SSH.
 *
 * One process, one libevent loop, one libssh server session per client.
 * The lab description (LAB.json) is parsed into a struct lab; live
 * listeners (struct router) point into the current lab and are re-pointed
 * when SIGHUP loads a new one, so sessions see the new outputs and faults
 * at their next command.
 */
#ifndef IOSSIM_H
#define IOSSIM_H

#include <sys/queue.h>

#include <stddef.h>
#include <stdint.h>

#include <event2/event.h>
#include <libssh/libssh.h>
#include <libssh/server.h>
#include <libssh/callbacks.h>

enum platform {
	PLAT_IOS = 0,
	PLAT_IOSXE,
	PLAT_ASA
};

/* One "command": output pair from the lab (or a built-in default). */
struct cmdtext {
	char	*name;		/* canonical words, single spaces */
	char	*text;		/* output template */
};

struct cmdset {
	struct cmdtext	*v;
	size_t		 n;
};

struct simstate {
	int64_t		 duration_ms;
	struct cmdset	 cmds;
};

struct faults {
	int	 stall;
	int	 reject_auth;
	int	 garbage;
	int	 trickle;
	int	 aaa_deny;
	int	 slow_ms;
	char	*close_mid;	/* command whose output is cut half-way */
	char	*huge;		/* command whose output is 10 MiB */
};

/* One JSON router entry, shared by the "count" instances made from it. */
struct rdef {
	enum platform	 plat;
	char		*username;
	char		*password;
	char		*enable_secret;	/* NULL: the shell starts at '#' */
	char		*banner;	/* SSH userauth banner */
	char		*motd;		/* in-shell banner before the prompt */
	ssh_key		 authkey;	/* publickey auth, or NULL */
	int		 auth_methods;	/* SSH_AUTH_METHOD_* */
	int		 legacy;	/* old-IOS algorithm set */
	int		 keytype;	/* enum ssh_keytypes_e */
	int		 vty_lines;
	struct cmdset	 cmds;
	struct simstate	*states;
	size_t		 nstates;
	int		 repeat;
	char		*states_sig;	/* printed "states", to spot changes */
	struct faults	 f;
};

/* One simulated router: one port. */
struct rinst {
	char		*name;
	char		*hostname;
	char		*keyfile;	/* absolute path of the host key */
	int		 port;
	struct rdef	*def;
	ssh_key		 key;		/* host key, private */
	char		*khline;	/* its known_hosts line */
};

struct lab {
	char		*dir;		/* directory of the lab file */
	char		*listen;
	char		*keys_dir;
	char		*known_hosts_out;
	struct rdef	*defs;
	size_t		 ndefs;
	struct rinst	*routers;
	size_t		 nrouters;
};

struct sim;
struct sess;

/* A listening port and its live sessions. */
struct router {
	struct sim		*sim;
	struct rinst		*ri;		/* into sim->lab */
	int			 fd;
	struct event		*ev;
	ssh_bind		 bind;
	int			 nsess;
	int64_t			 epoch_ms;	/* origin of the state timeline */
	int			 seen;		/* reload bookkeeping */
	TAILQ_HEAD(, sess)	 sessions;
	TAILQ_ENTRY(router)	 entry;
};

/* The one simulator context. */
struct sim {
	struct event_base	*base;
	char			*labpath;
	struct lab		*lab;
	TAILQ_HEAD(, router)	 routers;
	int64_t			 start_ms;
	int			 verbose;
	struct event		*ev_hup;
	struct event		*ev_term;
	struct event		*ev_int;
};

/* A growable byte buffer with a read offset. */
struct buf {
	char	*d;
	size_t	 len;
	size_t	 off;
	size_t	 cap;
};

enum phase {
	PH_KEX = 0,
	PH_AUTH,	/* key exchange done: auth, channel, shell requests */
	PH_SHELL,	/* shell or exec running */
	PH_CLOSING,	/* channel closed, waiting for the client to go */
	PH_DRAIN	/* abrupt close: FIN sent, input discarded */
};

enum mode {
	M_NONE = 0,
	M_INPUT,	/* reading a command line */
	M_OUTPUT,	/* producing a command's output */
	M_MORE,		/* pager waiting for a key */
	M_ENPW,		/* "Password: " of enable */
	M_STALL,	/* fault: silent forever */
	M_GARBAGE	/* fault: random bytes forever */
};

enum closing {
	CLOSE_NONE = 0,
	CLOSE_CHANNEL,	/* EOF + close once the output is out */
	CLOSE_ABRUPT,	/* close_mid_output: FIN, no SSH goodbye */
	CLOSE_DISCONNECT	/* too many failed logins */
};

/* The output of the command being run. */
struct outsrc {
	char		*text;		/* expanded template, or NULL */
	size_t		 tlen;
	size_t		 toff;
	int		 huge;		/* generated lines instead of text */
	uint64_t	 hbytes;	/* generated so far */
	uint64_t	 hline;
	int		 filter;	/* 0, 'i', 'e', 'b' */
	char		**pats;		/* filter alternatives */
	size_t		 npats;
	int		 begun;		/* "begin" matched */
	int		 has_cur;	/* cur holds a line not yet sent */
	const char	*cur;
	size_t		 curlen;
	char		 gline[256];
	int		 page_lines;
	uint64_t	 emitted;
	uint64_t	 close_at;	/* close_mid_output: cut here (0: never) */
	int		 waiting;	/* "slow" delay running */
};

#define LINE_MAX_SIM	1024

struct sess {
	struct router		*r;
	ssh_session		 ssh;
	ssh_event		 sev;
	ssh_channel		 ch;
	int			 fd;
	struct event		*evr;
	struct event		*evw;
	struct event		*tick;		/* trickle and garbage */
	struct event		*slow;
	struct event		*tmo;		/* auth grace, closing */
	struct event		*kick;		/* resume a long output */
	struct ssh_server_callbacks_struct	scb;
	struct ssh_channel_callbacks_struct	ccb;
	enum phase		 phase;
	enum mode		 mode;
	int			 auth_fails;
	int			 banner_sent;
	int			 authed;
	int			 width;
	int			 exec;		/* exec channel: one command */
	int			 priv;		/* '#' */
	int			 pagelen;	/* 0: no paging */
	int			 en_tries;
	int			 last_cr;
	int			 trickle_wait;
	enum closing		 closing;	/* once tx is flushed */
	int			 dead;
	int			 start;		/* shell/exec just granted */
	int			 peer_closed;
	char			*kbd_user;
	char			*exec_cmd;
	char			 line[LINE_MAX_SIM];
	size_t			 linelen;
	struct buf		 rx;
	struct buf		 tx;
	struct outsrc		 out;
	TAILQ_ENTRY(sess)	 entry;
};

/* lab.c */
struct lab	*lab_load(const char *, char **);
void		 lab_free(struct lab *);
int		 lab_write_known_hosts(const struct lab *);
void		 cmdset_free(struct cmdset *);

/* router.c */
struct router	*router_open(struct sim *, struct rinst *);
int		 router_configure(struct router *, struct rinst *);
void		 router_close(struct router *);

/* sess.c */
void		 sess_accept(struct router *, int);
void		 sess_pump(struct sess *);
void		 sess_kill(struct sess *);
void		 sess_destroy(struct sess *);
void		 sess_shell_started(struct sess *);
void		 sess_abrupt(struct sess *);
void		 sess_arm_tick(struct sess *, int);
void		 sess_arm_slow(struct sess *, int);

/* shell.c */
void		 shell_start(struct sess *);
void		 shell_exec(struct sess *, const char *);
void		 shell_feed(struct sess *);
int		 shell_fill(struct sess *);
void		 shell_garbage(struct sess *);
void		 out_reset(struct outsrc *);

/* outputs.c */
struct builtin {
	const char	*name;
	const char	*text;		/* no argument */
	const char	*argtext;	/* with arguments (NULL: same text) */
	int		 args;		/* accepts trailing arguments */
	int		 priv;		/* needs '#' */
};
const struct builtin	*builtins(enum platform, size_t *);

/* buf.c */
void		 buf_add(struct buf *, const void *, size_t);
void		 buf_adds(struct buf *, const char *);
void		 buf_reset(struct buf *);
void		 buf_free(struct buf *);
size_t		 buf_avail(const struct buf *);
const char	*buf_ptr(const struct buf *);
void		 buf_consume(struct buf *, size_t);

#endif

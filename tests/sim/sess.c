/*
 * sess.c: one client connection on libssh's non-blocking server API.
 *
 * libevent watches the socket; on readiness we resume the key exchange
 * or run ssh_event_dopoll(ev, 0), which reads, decrypts and calls our
 * callbacks. Callbacks only record what happened; the work (echo,
 * command output) is done afterwards by sess_pump(), which writes into
 * the channel only as far as the peer's window and the socket allow, so
 * a session never holds more than one bounded chunk of output.
 *
 * Sessions are freed only at the end of a top-level event callback
 * (sess_after), never from inside libssh.
 */
#include <sys/random.h>
#include <sys/socket.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "util.h"
#include "iossim.h"

#define AUTH_GRACE_MS	120000	/* IOS "ip ssh timeout" default */
#define AUTH_RETRIES	3	/* IOS "ip ssh authentication-retries" */
#define CLOSE_GRACE_MS	2000
#define WRITE_CHUNK	32768
#define RX_MAX		65536
#define TX_BATCH	8192	/* flush at this much; below the shell's FILL_CHUNK */

static void	sess_after(struct sess *);

static const char *
sname(const struct sess *s)
{
	return s->r->ri->name;
}

static void
timer_ms(struct event *ev, int ms)
{
	struct timeval	 tv;

	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	evtimer_add(ev, &tv);
}

/* Deferred: the session is freed by sess_after(). */
void
sess_kill(struct sess *s)
{
	s->dead = 1;
}

static void
sess_free(struct sess *s)
{
	struct router	*r = s->r;

	TAILQ_REMOVE(&r->sessions, s, entry);
	r->nsess--;
	event_free(s->evr);
	event_free(s->evw);
	event_free(s->tick);
	event_free(s->slow);
	event_free(s->tmo);
	event_free(s->kick);
	if (s->sev != NULL) {
		ssh_event_remove_session(s->sev, s->ssh);
		ssh_event_free(s->sev);
	}
	if (s->phase != PH_DRAIN && ssh_is_connected(s->ssh))
		ssh_disconnect(s->ssh);
	ssh_free(s->ssh);
	buf_free(&s->rx);
	buf_free(&s->tx);
	out_reset(&s->out);
	free(s->exec_cmd);
	free(s->kbd_user);
	free(s);
}

void
sess_destroy(struct sess *s)
{
	sess_free(s);
}

static void
send_banner(struct sess *s)
{
	ssh_string	 str;
	const char	*b = s->r->ri->def->banner;

	if (s->banner_sent || b == NULL)
		return;
	s->banner_sent = 1;
	if ((str = ssh_string_from_char(b)) == NULL)
		return;
	ssh_send_issue_banner(s->ssh, str);
	ssh_string_free(str);
}

static int
auth_failed(struct sess *s, const char *how, const char *user)
{
	log_info("%s: %s authentication failed for \"%s\"", sname(s), how,
	    user ? user : "");
	if (++s->auth_fails >= AUTH_RETRIES)
		s->closing = CLOSE_DISCONNECT;
	return SSH_AUTH_DENIED;
}

static int
auth_ok(struct sess *s, const char *how, const char *user)
{
	log_debug("%s: %s authentication of \"%s\"", sname(s), how, user);
	s->authed = 1;
	return SSH_AUTH_SUCCESS;
}

static int
cb_auth_none(ssh_session ssh, const char *user, void *arg)
{
	(void)ssh;
	(void)user;
	send_banner(arg);
	return SSH_AUTH_DENIED;
}

static int
cb_auth_password(ssh_session ssh, const char *user, const char *pw,
    void *arg)
{
	struct sess	*s = arg;
	struct rdef	*d = s->r->ri->def;

	(void)ssh;
	send_banner(s);
	if (d->f.reject_auth || !(d->auth_methods & SSH_AUTH_METHOD_PASSWORD) ||
	    strcmp(user, d->username) != 0 || strcmp(pw, d->password) != 0)
		return auth_failed(s, "password", user);
	return auth_ok(s, "password", user);
}

static int
cb_auth_pubkey(ssh_session ssh, const char *user, struct ssh_key_struct *key,
    char state, void *arg)
{
	struct sess	*s = arg;
	struct rdef	*d = s->r->ri->def;

	(void)ssh;
	send_banner(s);
	if (d->f.reject_auth || d->authkey == NULL ||
	    !(d->auth_methods & SSH_AUTH_METHOD_PUBLICKEY) ||
	    strcmp(user, d->username) != 0 ||
	    ssh_key_cmp(key, d->authkey, SSH_KEY_CMP_PUBLIC) != 0) {
		/* A probe with some other key is not a failed try. */
		if (state == SSH_PUBLICKEY_STATE_NONE)
			return SSH_AUTH_DENIED;
		return auth_failed(s, "publickey", user);
	}
	if (state == SSH_PUBLICKEY_STATE_NONE)
		return SSH_AUTH_SUCCESS;	/* libssh answers PK_OK */
	if (state != SSH_PUBLICKEY_STATE_VALID)
		return auth_failed(s, "publickey", user);
	return auth_ok(s, "publickey", user);
}

/* keyboard-interactive has no server callback: it comes as a message. */
static int
cb_message(ssh_session ssh, ssh_message m, void *arg)
{
	struct sess	*s = arg;
	struct rdef	*d = s->r->ri->def;
	const char	*prompts[] = { "Password: " };
	char		 echo[] = { 0 };
	const char	*ans;

	if (ssh_message_type(m) != SSH_REQUEST_AUTH ||
	    ssh_message_subtype(m) != SSH_AUTH_METHOD_INTERACTIVE)
		return 1;
	send_banner(s);
	if (!(d->auth_methods & SSH_AUTH_METHOD_INTERACTIVE))
		return 1;
	if (!ssh_message_auth_kbdint_is_response(m)) {
		free(s->kbd_user);
		s->kbd_user = xstrdup(ssh_message_auth_user(m) ?
		    ssh_message_auth_user(m) : "");
		ssh_message_auth_interactive_request(m, "", "", 1, prompts,
		    echo);
		return 0;
	}
	ans = ssh_userauth_kbdint_getnanswers(ssh) == 1 ?
	    ssh_userauth_kbdint_getanswer(ssh, 0) : NULL;
	if (!d->f.reject_auth && ans != NULL && s->kbd_user != NULL &&
	    strcmp(s->kbd_user, d->username) == 0 &&
	    strcmp(ans, d->password) == 0) {
		auth_ok(s, "keyboard-interactive", s->kbd_user);
		ssh_message_auth_reply_success(m, 0);
		return 0;
	}
	auth_failed(s, "keyboard-interactive", s->kbd_user);
	return 1;
}

static int
cb_data(ssh_session ssh, ssh_channel ch, void *data, uint32_t len,
    int is_stderr, void *arg)
{
	struct sess	*s = arg;

	(void)ssh;
	(void)ch;
	(void)is_stderr;
	/* Leave the rest in libssh (and the window shut) when flooded. */
	if (buf_avail(&s->rx) + len > RX_MAX)
		len = buf_avail(&s->rx) >= RX_MAX ? 0 :
		    (uint32_t)(RX_MAX - buf_avail(&s->rx));
	buf_add(&s->rx, data, len);
	return (int)len;
}

static void
cb_eof(ssh_session ssh, ssh_channel ch, void *arg)
{
	struct sess	*s = arg;

	(void)ssh;
	(void)ch;
	if (s->closing == CLOSE_NONE)
		s->closing = CLOSE_CHANNEL;
}

static void
cb_close(ssh_session ssh, ssh_channel ch, void *arg)
{
	struct sess	*s = arg;

	(void)ssh;
	(void)ch;
	s->peer_closed = 1;
}

static int
cb_pty(ssh_session ssh, ssh_channel ch, const char *term, int w, int h,
    int pxw, int pxh, void *arg)
{
	struct sess	*s = arg;

	(void)ssh;
	(void)ch;
	(void)term;
	(void)h;
	(void)pxw;
	(void)pxh;
	s->width = w > 0 ? w : 80;
	return 0;
}

static int
cb_winch(ssh_session ssh, ssh_channel ch, int w, int h, int pxw, int pxh,
    void *arg)
{
	return cb_pty(ssh, ch, NULL, w, h, pxw, pxh, arg);
}

static int
cb_env(ssh_session ssh, ssh_channel ch, const char *k, const char *v,
    void *arg)
{
	(void)ssh;
	(void)ch;
	(void)k;
	(void)v;
	(void)arg;
	return 0;
}

static int
cb_shell(ssh_session ssh, ssh_channel ch, void *arg)
{
	struct sess	*s = arg;

	(void)ssh;
	(void)ch;
	if (s->phase != PH_AUTH)
		return -1;
	s->phase = PH_SHELL;
	s->start = 1;
	return 0;
}

static int
cb_exec(ssh_session ssh, ssh_channel ch, const char *cmd, void *arg)
{
	struct sess	*s = arg;

	if (cb_shell(ssh, ch, arg) != 0)
		return -1;
	s->exec = 1;
	s->exec_cmd = xstrdup(cmd);
	return 0;
}

/* One session channel only, like IOS. */
static ssh_channel
cb_channel_open(ssh_session ssh, void *arg)
{
	struct sess	*s = arg;

	if (!s->authed || s->ch != NULL) {
		log_info("%s: refusing another channel", sname(s));
		return NULL;
	}
	if ((s->ch = ssh_channel_new(ssh)) == NULL)
		return NULL;
	memset(&s->ccb, 0, sizeof(s->ccb));
	s->ccb.userdata = s;
	s->ccb.channel_data_function = cb_data;
	s->ccb.channel_eof_function = cb_eof;
	s->ccb.channel_close_function = cb_close;
	s->ccb.channel_pty_request_function = cb_pty;
	s->ccb.channel_pty_window_change_function = cb_winch;
	s->ccb.channel_env_request_function = cb_env;
	s->ccb.channel_shell_request_function = cb_shell;
	s->ccb.channel_exec_request_function = cb_exec;
	ssh_callbacks_init(&s->ccb);
	ssh_set_channel_callbacks(s->ch, &s->ccb);
	return s->ch;
}

static int
write_pending(struct sess *s)
{
	return (ssh_get_poll_flags(s->ssh) & SSH_WRITE_PENDING) != 0;
}

/*
 * Move queued output into the channel. Returns 1 when the queue is
 * empty. Never writes more than the peer's window (a write beyond it
 * would make libssh poll, re-entering our callbacks) nor more while
 * libssh still holds unsent bytes.
 */
static int
sess_flush(struct sess *s)
{
	struct faults	*f = &s->r->ri->def->f;
	size_t		 n;
	uint32_t	 win;
	int		 w;

	while (buf_avail(&s->tx) > 0) {
		if (s->ch == NULL || write_pending(s) || s->trickle_wait)
			return 0;
		if ((win = ssh_channel_window_size(s->ch)) == 0)
			return 0;
		n = MINIMUM(buf_avail(&s->tx), MINIMUM(win, WRITE_CHUNK));
		if (f->trickle) {
			/* MINIMUM() evaluates twice: draw the size first. */
			size_t	 bite = 1 + rand_uniform(7);

			n = MINIMUM(n, bite);
		}
		if ((w = ssh_channel_write(s->ch, buf_ptr(&s->tx),
		    (uint32_t)n)) < 0) {
			log_debug("%s: write: %s", sname(s),
			    ssh_get_error(s->ssh));
			sess_kill(s);
			return 0;
		}
		buf_consume(&s->tx, (size_t)w);
		if (f->trickle && buf_avail(&s->tx) > 0) {
			s->trickle_wait = 1;
			sess_arm_tick(s, 5 + (int)rand_uniform(16));
			return 0;
		}
	}
	return 1;
}

/* exit, logout, the end of an exec: EOF and close, like IOS. */
static void
close_channel(struct sess *s)
{
	if (s->ch != NULL && ssh_channel_is_open(s->ch)) {
		if (s->exec)
			ssh_channel_request_send_exit_status(s->ch, 0);
		ssh_channel_send_eof(s->ch);
		ssh_channel_close(s->ch);
	}
	s->phase = PH_CLOSING;
	s->mode = M_NONE;
	timer_ms(s->tmo, CLOSE_GRACE_MS);
}

/* close_mid_output: a FIN after the data, no SSH goodbye. */
void
sess_abrupt(struct sess *s)
{
	log_info("%s: closing the connection mid-output (fault)", sname(s));
	ssh_event_remove_session(s->sev, s->ssh);
	ssh_event_free(s->sev);
	s->sev = NULL;
	shutdown(s->fd, SHUT_WR);
	s->phase = PH_DRAIN;
	s->mode = M_NONE;
	event_del(s->evw);
	timer_ms(s->tmo, CLOSE_GRACE_MS);
}

static int
do_close(struct sess *s)
{
	/* Everything queued must have reached the socket first. */
	if (write_pending(s) && s->closing != CLOSE_DISCONNECT)
		return 0;
	switch (s->closing) {
	case CLOSE_CHANNEL:
		close_channel(s);
		break;
	case CLOSE_ABRUPT:
		sess_abrupt(s);
		break;
	case CLOSE_DISCONNECT:
		log_info("%s: too many authentication failures", sname(s));
		sess_kill(s);
		break;
	case CLOSE_NONE:
		break;
	}
	s->closing = CLOSE_NONE;
	return 1;
}

/*
 * Run the shell as far as it can go, then write. tx is flushed only
 * when a chunk is full or nothing more can be produced, so an echo,
 * the output and the prompt leave as one SSH packet and one segment:
 * a reply in pieces would have its later pieces held by Nagle until
 * the peer's delayed ACK (40 ms) should TCP_NODELAY ever be missing.
 */
void
sess_pump(struct sess *s)
{
	int	 i;

	for (i = 0; i < 64 && !s->dead; i++) {
		if (s->phase == PH_DRAIN || s->phase == PH_CLOSING)
			return;
		if (buf_avail(&s->tx) >= TX_BATCH && !sess_flush(s))
			return;
		if (s->closing != CLOSE_NONE) {
			/* The data goes before the goodbye. */
			if (buf_avail(&s->tx) > 0 && !sess_flush(s))
				return;
			if (do_close(s) == 0)
				return;
			continue;
		}
		if (s->phase != PH_SHELL)
			goto flush;
		if (s->start) {
			s->start = 0;
			if (s->exec)
				shell_exec(s, s->exec_cmd);
			else
				shell_start(s);
			continue;
		}
		switch (s->mode) {
		case M_OUTPUT:
			if (s->out.waiting || !shell_fill(s))
				goto flush;
			break;
		case M_INPUT:
		case M_ENPW:
		case M_MORE:
			if (buf_avail(&s->rx) == 0)
				goto flush;
			shell_feed(s);
			break;
		default:
			/* stall and garbage swallow input */
			buf_reset(&s->rx);
			goto flush;
		}
	}
	/* Still busy: yield to other sessions and come back. */
	if (!s->dead)
		timer_ms(s->kick, 0);
flush:
	if (!s->dead && buf_avail(&s->tx) > 0)
		sess_flush(s);
}

static void
sess_kex(struct sess *s)
{
	switch (ssh_handle_key_exchange(s->ssh)) {
	case SSH_OK:
		s->phase = PH_AUTH;
		s->sev = ssh_event_new();
		if (s->sev == NULL ||
		    ssh_event_add_session(s->sev, s->ssh) != SSH_OK)
			fatalx("ssh_event_add_session");
		log_debug("%s: key exchange done", sname(s));
		break;
	case SSH_AGAIN:
		break;
	default:
		log_debug("%s: key exchange: %s", sname(s),
		    ssh_get_error(s->ssh));
		sess_kill(s);
	}
}

static void
sess_drain(struct sess *s)
{
	char	 scratch[4096];
	ssize_t	 n;

	while ((n = recv(s->fd, scratch, sizeof(scratch), 0)) > 0)
		;
	if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
		sess_kill(s);
}

static void
sess_io(evutil_socket_t fd, short what, void *arg)
{
	struct sess	*s = arg;

	(void)fd;
	(void)what;
	if (s->phase == PH_DRAIN)
		sess_drain(s);
	else if (s->phase == PH_KEX)
		sess_kex(s);
	else if (ssh_event_dopoll(s->sev, 0) == SSH_ERROR ||
	    !ssh_is_connected(s->ssh) || s->peer_closed)
		sess_kill(s);
	if (!s->dead)
		sess_pump(s);
	sess_after(s);
}

/* The end of every top-level callback: free, or ask for writability. */
static void
sess_after(struct sess *s)
{
	if (!s->dead && s->phase != PH_DRAIN && s->phase != PH_KEX &&
	    !ssh_is_connected(s->ssh))
		s->dead = 1;
	if (s->dead) {
		sess_free(s);
		return;
	}
	if (s->phase != PH_DRAIN && write_pending(s))
		event_add(s->evw, NULL);
}

static void
on_tick(evutil_socket_t fd, short what, void *arg)
{
	struct sess	*s = arg;

	(void)fd;
	(void)what;
	if (s->mode == M_GARBAGE) {
		shell_garbage(s);
		sess_arm_tick(s, 100);
	} else {
		s->trickle_wait = 0;
		sess_pump(s);
	}
	sess_after(s);
}

static void
on_slow(evutil_socket_t fd, short what, void *arg)
{
	struct sess	*s = arg;

	(void)fd;
	(void)what;
	s->out.waiting = 0;
	sess_pump(s);
	sess_after(s);
}

static void
on_kick(evutil_socket_t fd, short what, void *arg)
{
	struct sess	*s = arg;

	(void)fd;
	(void)what;
	if (s->phase != PH_KEX && s->phase != PH_DRAIN && s->sev != NULL &&
	    ssh_event_dopoll(s->sev, 0) == SSH_ERROR)
		sess_kill(s);
	if (!s->dead)
		sess_pump(s);
	sess_after(s);
}

static void
on_timeout(evutil_socket_t fd, short what, void *arg)
{
	struct sess	*s = arg;

	(void)fd;
	(void)what;
	if (s->phase == PH_KEX || s->phase == PH_AUTH)
		log_info("%s: login grace time over", sname(s));
	sess_kill(s);
	sess_after(s);
}

void
sess_arm_tick(struct sess *s, int ms)
{
	timer_ms(s->tick, ms);
}

void
sess_arm_slow(struct sess *s, int ms)
{
	timer_ms(s->slow, ms);
}

static void
sess_callbacks(struct sess *s)
{
	memset(&s->scb, 0, sizeof(s->scb));
	s->scb.userdata = s;
	s->scb.auth_none_function = cb_auth_none;
	s->scb.auth_password_function = cb_auth_password;
	s->scb.auth_pubkey_function = cb_auth_pubkey;
	s->scb.channel_open_request_session_function = cb_channel_open;
	ssh_callbacks_init(&s->scb);
	ssh_set_server_callbacks(s->ssh, &s->scb);
	ssh_set_message_callback(s->ssh, cb_message, s);
	ssh_set_auth_methods(s->ssh, s->r->ri->def->auth_methods);
}

void
sess_accept(struct router *r, int fd)
{
	struct event_base	*base = r->sim->base;
	struct sess		*s;
	int			 one = 1;

	if (r->nsess >= r->ri->def->vty_lines) {
		log_warnx("%s: all %d vty lines busy, connection closed",
		    r->ri->name, r->ri->def->vty_lines);
		close(fd);
		return;
	}
	/* Small writes (prompt, trickle) must not wait for ACKs. */
	if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) == -1)
		log_warn("%s: TCP_NODELAY", r->ri->name);
	s = xcalloc(1, sizeof(*s));
	s->r = r;
	s->fd = fd;
	s->width = 80;
	if ((s->ssh = ssh_new()) == NULL)
		fatalx("ssh_new");
	if (ssh_bind_accept_fd(r->bind, s->ssh, fd) != SSH_OK) {
		log_warnx("%s: accept: %s", r->ri->name, ssh_get_error(r->bind));
		if (ssh_get_fd(s->ssh) != fd)
			close(fd);
		ssh_free(s->ssh);
		free(s);
		return;
	}
	ssh_set_blocking(s->ssh, 0);
	sess_callbacks(s);
	s->evr = event_new(base, fd, EV_READ | EV_PERSIST, sess_io, s);
	s->evw = event_new(base, fd, EV_WRITE, sess_io, s);
	s->tick = evtimer_new(base, on_tick, s);
	s->slow = evtimer_new(base, on_slow, s);
	s->kick = evtimer_new(base, on_kick, s);
	s->tmo = evtimer_new(base, on_timeout, s);
	event_add(s->evr, NULL);
	timer_ms(s->tmo, AUTH_GRACE_MS);
	TAILQ_INSERT_TAIL(&r->sessions, s, entry);
	r->nsess++;
	log_debug("%s: connection %d of %d", r->ri->name, r->nsess,
	    r->ri->def->vty_lines);
	sess_kex(s);
	sess_after(s);
}

/* The shell is up: the login grace timer no longer applies. */
void
sess_shell_started(struct sess *s)
{
	evtimer_del(s->tmo);
}

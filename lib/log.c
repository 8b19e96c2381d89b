/*
 * log.c: stderr logging with sd-daemon priority prefixes.
 *
 * systemd runs ipsecwatchd in the foreground and journald reads stderr;
 * the "<N>" prefix is how a line gets its priority there, so that
 * `journalctl -p warning` shows what matters and nothing routine.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "log.h"

/* Process-wide logging settings; set once at start-up by main(). */
static int		 log_debug_on;
static int		 log_prefix_on = 1;
static enum log_format	 log_fmt = LOG_FORMAT_LOGFMT;

void
log_init(int debug, enum log_format format, int prefix)
{
	log_debug_on = debug;
	log_fmt = format;
	log_prefix_on = prefix;
}

void
log_set_debug(int debug)
{
	log_debug_on = debug;
}

int
log_get_debug(void)
{
	return log_debug_on;
}

enum log_format
log_get_format(void)
{
	return log_fmt;
}

static void
json_escaped(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c < 0x20)
			fprintf(fp, "\\u%04x", c);
		else
			fputc(c, fp);
	}
}

void
vlog(int priority, const char *fmt, va_list ap)
{
	char	 line[4096];
	int	 saved_errno = errno;

	if (priority == LOG_DEBUG && !log_debug_on)
		return;
	vsnprintf(line, sizeof(line), fmt, ap);
	flockfile(stderr);
	if (log_prefix_on)
		fprintf(stderr, "<%d>", priority);
	if (log_fmt == LOG_FORMAT_JSON) {
		fputs("{\"priority\":", stderr);
		fprintf(stderr, "%d,\"msg\":\"", priority);
		json_escaped(stderr, line);
		fputs("\"}\n", stderr);
	} else {
		fputs(line, stderr);
		fputc('\n', stderr);
	}
	funlockfile(stderr);
	fflush(stderr);
	errno = saved_errno;
}

void
log_raw(int priority, const char *line)
{
	flockfile(stderr);
	if (log_prefix_on)
		fprintf(stderr, "<%d>", priority);
	fputs(line, stderr);
	fputc('\n', stderr);
	funlockfile(stderr);
	fflush(stderr);
}

void
log_raw_fmt(int priority, const char *fmt, ...)
{
	char	 line[4096];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	log_raw(priority, line);
}

#define LOG_FN(fn, prio)				\
void							\
fn(const char *fmt, ...)				\
{							\
	va_list ap;					\
	va_start(ap, fmt);				\
	vlog(prio, fmt, ap);				\
	va_end(ap);					\
}

LOG_FN(log_warnx, LOG_WARNING)
LOG_FN(log_notice, LOG_NOTICE)
LOG_FN(log_info, LOG_INFO)
LOG_FN(log_debug, LOG_DEBUG)
LOG_FN(log_err, LOG_ERR)

/* log_warn appends strerror(errno), as OpenBSD's does. */
void
log_warn(const char *fmt, ...)
{
	char	 msg[2048];
	int	 saved_errno = errno;
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_warnx("%s: %s", msg, strerror(saved_errno));
	errno = saved_errno;
}

void
fatal(const char *fmt, ...)
{
	char	 msg[2048];
	int	 saved_errno = errno;
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_err("fatal: %s: %s", msg, strerror(saved_errno));
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog(LOG_ERR, fmt, ap);
	va_end(ap);
	exit(1);
}

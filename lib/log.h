/*
 * log.h: the daemon's and the tools' logging.
 *
 * Lines go to stderr, prefixed with the sd-daemon priority (<3> error,
 * <4> warning, <5> notice, <6> info, <7> debug) so that journald files
 * them by severity. Nothing logged here may ever carry a secret.
 */
#ifndef IPSECWATCH_LOG_H
#define IPSECWATCH_LOG_H

#include <stdarg.h>

enum log_format {
	LOG_FORMAT_LOGFMT = 0,
	LOG_FORMAT_JSON
};

void	log_init(int debug, enum log_format format, int prefix);
void	log_set_debug(int debug);
int	log_get_debug(void);
enum log_format log_get_format(void);
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_notice(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_err(const char *, ...) __attribute__((format(printf, 1, 2)));
/* A pre-formatted structured line (an alert) at a priority, as is. */
void	log_raw(int priority, const char *line);
void	log_raw_fmt(int priority, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	vlog(int priority, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
_Noreturn void fatal(const char *, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void fatalx(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif

/* Leveled logging to stderr.  stdout belongs to the LSP protocol (and to
 * the CLI's report), so nothing else may write there. */
#ifndef DOCKLS_BASE_LOG_H_
#define DOCKLS_BASE_LOG_H_

typedef enum { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG } LogLevel;

/* Messages above this level are dropped; the default is LOG_WARN, or the
 * level named by DOCKLS_LOG (error|warn|info|debug) when set. */
void log_set_level(LogLevel level);
void log_init_from_env(void);
void log_msg(LogLevel level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif

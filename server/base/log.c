/* stderr logging with a level filter.  Each message is one line prefixed
 * with "dockls: <level>:" so editor log panes stay readable. */
#include "dockls/base/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static LogLevel current_level = LOG_WARN;

void log_set_level(LogLevel level) { current_level = level; }

void log_init_from_env(void) {
  const char *env = getenv("DOCKLS_LOG");
  if (!env) return;
  static const char *const names[] = {"error", "warn", "info", "debug"};
  for (int i = 0; i < 4; i++)
    if (strcmp(env, names[i]) == 0) current_level = (LogLevel)i;
}

void log_msg(LogLevel level, const char *fmt, ...) {
  if (level > current_level) return;
  static const char *const names[] = {"error", "warning", "info", "debug"};
  fprintf(stderr, "dockls: %s: ", names[level]);
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

/* The command-line adapter: `dockls check`, `rules` and `explain`. */
#ifndef DOCKLS_CLI_CLI_H_
#define DOCKLS_CLI_CLI_H_

#include <stdio.h>

/* Each takes the arguments after the sub-command name, writes its report
 * to out and its errors to err, and returns the process exit code: for
 * check 0 (nothing at or above --fail-on), 1 (findings) or 2 (usage error
 * or unreadable input); for the others 0 or 2. */
int cli_check(int argc, char **argv, FILE *out, FILE *err);
int cli_rules(int argc, char **argv, FILE *out, FILE *err);
int cli_explain(int argc, char **argv, FILE *out, FILE *err);
/* `format [--check] PATH...`: 0 (nothing to change, or rewritten), 1 (with
 * --check: a file would change) or 2 (usage error, unreadable or
 * unwritable file). */
int cli_format(int argc, char **argv, FILE *out, FILE *err);

#endif

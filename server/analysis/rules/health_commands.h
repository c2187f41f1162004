/* This header is private to the analysis layer: the commands a health
 * check runs, for the health-check rules of both the Dockerfile and the
 * compose side.  A check is often a script inside a string (`sh -c "…"`,
 * `pwsh -Command "…"`, a CMD-SHELL test with several commands); those
 * strings are parsed as scripts of their own, so a rule judges each
 * command by its name and words, never a substring of the whole check. */
#ifndef DOCKLS_ANALYSIS_RULES_HEALTH_COMMANDS_H_
#define DOCKLS_ANALYSIS_RULES_HEALTH_COMMANDS_H_

#include "dockls/model/dockerfile.h"
#include "dockls/model/shell.h"
#include "internal.h"

typedef struct {
  const ShellScript *script; /* the script the command belongs to */
  const ShellCommand *cmd;
  /* The argument that holds a script the command runs (the string of
   * `sh -c`), whose own commands are listed after this one; NULL when
   * there is none.  Rules read that word through those commands. */
  const ShellWord *script_word;
} HealthCommand;

typedef struct {
  Array(HealthCommand) items;   /* in order, a command before those of its script */
  Array(ShellScript *) scripts; /* the strings parsed as scripts; owned */
} HealthCommands;

/* Lists the commands `script` runs, descending into the scripts given
 * as strings (a few levels deep).  Every range stays in the script's
 * coordinates.  Free with health_commands_clear. */
void health_commands_collect(Workspace *ws, const ShellScript *script, HealthCommands *out);
void health_commands_clear(HealthCommands *self);

typedef Array(const ShellWord *) HealthWords;

/* The words of the check where a host to probe can be written: the
 * arguments and redirection targets (`> /dev/tcp/localhost/80`) of its
 * commands, except the commands of MySQL/MariaDB clients (for which
 * `localhost` is the Unix socket) and the words holding a script, whose
 * own commands are listed.  Appended to *out (array_init it first). */
void health_host_words(const HealthCommands *self, HealthWords *out);

/* Adds to `d` the preferred fix that replaces the command `c`, a plain
 * `curl -f URL` (health_simple_curl_url gave `url`), with `wget -q
 * --spider URL`, the URL copied from the file as written. */
void health_wget_fix(RuleCtx *ctx, Diag *d, const ShellCommand *c, const ShellWord *url);


/* The other probe tool of a command joined to command k by `||` in the
 * same script (`curl … || wget …`, `wget … || curl …`): "curl", "wget" or
 * NULL.  A check written so passes through whichever tool the image has. */
const char *health_or_alternative(const HealthCommands *self, size_t k);

/* Whether the image `stage` builds has `tool` ("curl" or "wget"): a
 * stage of its chain installs it, else what the image table says of its
 * base image (IMG_UNKNOWN when the table does not know it).  Only the
 * package names themselves count. */
ImgFact health_stage_tool(const DockerfileModel *m, const DfStage *stage, const char *tool);

/* The URL of a `curl -f URL` probe (options limited to -f -s -S and their
 * long names), which BusyBox `wget -q --spider URL` replaces exactly;
 * NULL for any other curl command. */
const ShellWord *health_simple_curl_url(const ShellCommand *c);

#endif

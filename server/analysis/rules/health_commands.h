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

/* The words of a command where a probe's target can be written: its
 * arguments, then its redirection targets (`> /dev/tcp/localhost/80`);
 * the i-th, or NULL past the last.  The script_word is among them. */
const ShellWord *health_word(const HealthCommand *c, size_t i);

/* MySQL and MariaDB clients (and MariaDB's healthcheck.sh) read the host
 * `localhost` as "use the Unix socket", so it never resolves to ::1 for
 * them. */
bool health_socket_client(const ShellCommand *c);

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

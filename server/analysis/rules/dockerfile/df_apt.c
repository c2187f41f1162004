/* rules-parity section G, Debian's package tools: apt-not-apt-get and
 * apt-get-no-recommends.  Both read the commands of each RUN's shell
 * model. */
#include <string.h>
#include <strings.h>

#include "dockerfile_rules.h"

/* --- apt-not-apt-get --- */

/* The script-stable tool that does what `apt <verb>` does, or NULL when
 * no tool takes the same subcommand with the same meaning (`apt list`,
 * `apt full-upgrade`, `apt edit-sources`). */
static const char *apt_replacement(const char *verb) {
  static const char *const get_verbs[] = {"install", "remove",     "purge", "update",
                                          "upgrade", "autoremove", "clean", "autoclean", NULL};
  for (size_t i = 0; get_verbs[i]; i++)
    if (strcmp(verb, get_verbs[i]) == 0) return "apt-get";
  if (strcmp(verb, "search") == 0 || strcmp(verb, "show") == 0) return "apt-cache";
  return NULL;
}

void df__apt_not_apt_get(RuleCtx *ctx) {
  const DockerfileModel *m;
  DfCommandWalk walk = df__commands_of(ctx, &m);
  if (!m) return;
  for (const ShellCommand *c; (c = df__next_command(m, &walk)) != NULL;) {
    if (!shell_is(c, "apt")) continue;
    Diag *d = diag_add(ctx->out, RULE_APT_NOT_APT_GET, ctx->file, c->name.start, c->name.end,
                       "`apt` is meant for people at a terminal: its command line may change between "
                       "releases and it warns when a script runs it; use apt-get or apt-cache");
    const ShellWord *verb = shell_operand(c, 0);
    const char *tool = verb ? apt_replacement(verb->value) : NULL;
    /* Only the trailing `apt` of the name is replaced (a path such as
     * /usr/bin/apt keeps its folder), and only when the name is written
     * exactly as it is read, so the offsets are the text's. */
    size_t len = strlen(c->name.value);
    if (!tool || c->name.end - c->name.start != len) continue;
    Fix *fix = rules__add_fix(ctx, d, strcmp(tool, "apt-get") == 0 ? "Use apt-get" : "Use apt-cache", true);
    fix_add_edit(fix, ctx->file, c->name.end - 3, c->name.end, tool);
  }
}

/* --- apt-get-no-recommends --- */

/* True when an apt option value (`APT::Install-Recommends=false`, as
 * given to -o) turns recommends off; apt reads "false", "0", "no" and
 * "off" as false, in any case. */
static bool recommends_off(const char *opt) {
  static const char key[] = "APT::Install-Recommends=";
  if (strncasecmp(opt, key, sizeof key - 1) != 0) return false;
  const char *v = opt + sizeof key - 1;
  if (*v == '"' || *v == '\'') v++;
  static const char *const falses[] = {"false", "0", "no", "off", NULL};
  for (size_t i = 0; falses[i]; i++) {
    size_t n = strlen(falses[i]);
    if (strncasecmp(v, falses[i], n) == 0 && (v[n] == '\0' || v[n] == '"' || v[n] == '\'')) return true;
  }
  return false;
}

static bool apt_get_skips_recommends(const ShellCommand *c) {
  for (size_t i = 0; i < c->args.len; i++) {
    const char *a = c->args.items[i].value;
    if (strcmp(a, "--no-install-recommends") == 0) return true;
    if ((strcmp(a, "-o") == 0 || strcmp(a, "--option") == 0) && i + 1 < c->args.len &&
        recommends_off(c->args.items[i + 1].value))
      return true;
    if (strncmp(a, "-o", 2) == 0 && recommends_off(a + 2)) return true;
    if (strncmp(a, "--option=", 9) == 0 && recommends_off(a + 9)) return true;
  }
  return false;
}

static bool under_apt_conf_d(const char *path) { return strncmp(path, "/etc/apt/apt.conf.d/", 20) == 0; }

/* True when the command writes a configuration line that turns
 * recommends off into /etc/apt/apt.conf.d: `echo '…Install-Recommends
 * "false";' > /etc/apt/apt.conf.d/x`, or the same printf, or either
 * piped into `tee /etc/apt/apt.conf.d/x` (the pipe's writer is the
 * command before). */
static bool conf_line_off(const ShellCommand *c) {
  if (!shell_is(c, "echo") && !shell_is(c, "printf")) return false;
  for (size_t i = 0; i < c->args.len; i++) {
    const char *a = c->args.items[i].value;
    const char *key = strstr(a, "Install-Recommends");
    if (!key) continue;
    const char *v = key + strlen("Install-Recommends");
    while (*v == ' ' || *v == '\t' || *v == '"' || *v == '\'' || *v == '=') v++;
    if (strncasecmp(v, "false", 5) == 0 || strncasecmp(v, "0", 1) == 0) return true;
  }
  return false;
}

static bool writes_no_recommends(const ShellScript *sh, size_t k) {
  const ShellCommand *c = &sh->commands.items[k];
  if (conf_line_off(c)) {
    for (size_t r = 0; r < c->redirects.len; r++)
      if (under_apt_conf_d(c->redirects.items[r].value)) return true;
  }
  if (k > 0 && c->join == SHELL_JOIN_PIPE && shell_is(c, "tee") && conf_line_off(&sh->commands.items[k - 1])) {
    for (size_t i = 0; i < c->args.len; i++)
      if (under_apt_conf_d(c->args.items[i].value)) return true;
  }
  return false;
}

/* True when a RUN before instruction `at`, in its stage or a stage it is
 * built from, wrote the apt configuration that turns recommends off. */
static bool recommends_off_before(const DockerfileModel *m, size_t at) {
  DfChainWalk walk = {0};
  for (const DfInstr *in; (in = df__next_before(m, at, &walk)) != NULL;) {
    if (in->kind != DF_RUN || !df_shell(in) || df_shell(in)->exec_form) continue;
    for (size_t k = 0; k < df_shell(in)->commands.len; k++)
      if (writes_no_recommends(df_shell(in), k)) return true;
  }
  return false;
}

/* Per instruction, reading the RUNs before it (RULE_READS_BEFORE). */
void df__apt_get_no_recommends(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  const DfInstr *in = df__stage_run(m, ctx->instr);
  if (!in) return;
  /* One pass over the RUN: a setting written by an earlier command
   * covers every install after it; earlier RUNs are read once, and only
   * when the RUN has an install to judge. */
  int earlier = -1; /* unknown until needed */
  bool off = false;
  for (size_t k = 0; k < df_shell(in)->commands.len; k++) {
    const ShellCommand *c = &df_shell(in)->commands.items[k];
    const ShellWord *verb = shell_is(c, "apt-get") ? shell_operand(c, 0) : NULL;
    if (!off && writes_no_recommends(df_shell(in), k)) off = true;
    if (off || !verb || strcmp(verb->value, "install") != 0 || apt_get_skips_recommends(c) ||
        df__apt_simulates(c))
      continue;
    if (earlier < 0) {
      rules__reads_before(ctx);
      earlier = recommends_off_before(m, ctx->instr);
    }
    if (earlier) break;
    Diag *d = diag_add(ctx->out, RULE_APT_GET_NO_RECOMMENDS, ctx->file, c->name.start, verb->end,
                       "`apt-get install` also installs every package these recommend, which the image "
                       "rarely needs: add --no-install-recommends");
    /* Not preferred: a program may need a package it only recommends
     * (ca-certificates for curl's HTTPS), and then fails at run time. */
    Fix *fix = rules__add_fix(ctx, d, "Add --no-install-recommends", false);
    fix_add_edit(fix, ctx->file, verb->end, verb->end, " --no-install-recommends");
  }
}

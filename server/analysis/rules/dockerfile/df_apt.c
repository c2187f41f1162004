/* rules-parity section G, Debian's package tools: apt-not-apt-get and
 * apt-get-no-recommends.  Both read the commands of each RUN's shell
 * model. */
#include <string.h>

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
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (!m) return;
  size_t next = 0;
  for (const DfInstr *in; (in = df__next_run(m, &next)) != NULL;) {
    for (size_t k = 0; k < in->shell->commands.len; k++) {
      const ShellCommand *c = &in->shell->commands.items[k];
      if (!shell_is(c, "apt")) continue;
      Diag *d = diag_add(ctx->out, RULE_APT_NOT_APT_GET, ctx->file, c->name.start, c->name.end,
                         "`apt` is meant for people at a terminal: its command line may change between "
                         "releases and it warns when a script runs it; use apt-get or apt-cache");
      const ShellWord *verb = shell_operand(c, 0);
      const char *tool = verb ? apt_replacement(verb->value) : NULL;
      /* Only the trailing `apt` of the name is replaced (a path such as
       * /usr/bin/apt keeps its folder), and only when the name is
       * written exactly as it is read, so the offsets are the text's. */
      size_t len = strlen(c->name.value);
      if (!tool || c->name.end - c->name.start != len) continue;
      Fix *fix = rules__add_fix(ctx, d, strcmp(tool, "apt-get") == 0 ? "Use apt-get" : "Use apt-cache", true);
      fix_add_edit(fix, ctx->file, c->name.end - 3, c->name.end, tool);
    }
  }
}

/* rules-parity section G, part 2: who the image runs as.
 * user-non-numeric reads the final stage's effective USER. */
#include <ctype.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockerfile_rules.h"

/* True when an ARG anywhere in the file declares a variable that `text`
 * refers to: its value can then be set at build time (--build-arg), so
 * what the file says about it is only a default. */
static bool identity_uses_arg(const DockerfileModel *m, const char *text) {
  for (const char *p = strchr(text, '$'); p; p = strchr(p + 1, '$')) {
    const char *name = p + 1 + (p[1] == '{');
    size_t n = 0;
    while (isalnum((unsigned char)name[n]) || name[n] == '_') n++;
    if (n == 0) continue;
    for (size_t i = 0; i < m->instrs.len; i++) {
      const DfInstr *in = &m->instrs.items[i];
      for (size_t k = 0; in->kind == DF_ARG && k < df_pairs(in)->len; k++)
        if (strlen(df_pairs(in)->items[k].key.text) == n && strncmp(df_pairs(in)->items[k].key.text, name, n) == 0)
          return true;
    }
  }
  return false;
}

void df__user_non_numeric(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (!m) return;
  const DfStage *final = dockerfile_final_stage(m);
  /* A stage without a POSIX shell is a Windows one (cmd, PowerShell):
   * its users (ContainerUser) have no UID, and runAsNonRoot is a Linux
   * setting. */
  if (!final || !final->posix_shell) return;
  const DfInstr *user = dockerfile_last(m, final, DF_USER, true);
  if (!user || !df_paths(user)->len) return;
  const DfText *name = &df_paths(user)->items[0];
  if (strchr(name->text, '$') && identity_uses_arg(m, name->text)) return;
  size_t index = (size_t)(user - m->instrs.items);
  char *value = dockerfile_expand(m, &m->stages.items[user->stage], index, name->text);
  if (!value) return;
  size_t n = strcspn(value, ":");
  /* Root by name is user-root's finding; a UID would not make it pass. */
  bool judged = n > 0 && strspn(value, "0123456789") < n && !df__root_user(value);
  if (judged)
    diag_add(ctx->out, RULE_USER_NON_NUMERIC, ctx->file, name->start, name->end,
             "the image runs as `%.*s` by name: Kubernetes' runAsNonRoot cannot tell that a name is not root "
             "and refuses to start the container; a numeric UID can be checked",
             (int)n, value);
  xfree(value);
}

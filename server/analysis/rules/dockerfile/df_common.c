/* Helpers shared by the Dockerfile rules: stage chains, base-image facts,
 * and questions about one RUN instruction. */
#include <string.h>

#include "dockerfile_rules.h"

const DfStage *df__parent(const DockerfileModel *m, const DfStage *stage) {
  return stage && stage->parent >= 0 ? &m->stages.items[stage->parent] : NULL;
}

bool df__in_final_image(const DockerfileModel *m, const DfStage *stage) {
  for (const DfStage *s = dockerfile_final_stage(m); s; s = df__parent(m, s))
    if (s == stage) return true;
  return false;
}

bool df__base_facts(const DockerfileModel *m, const DfStage *stage, ImageFacts *out) {
  (void)m;
  if (!stage || !stage->base_known) return false;
  *out = stage->base_facts;
  return true;
}

bool df__run_has(const DfInstr *run, size_t after, DfCommandPred pred, const void *arg) {
  if (!run->shell) return false;
  for (size_t i = after; i < run->shell->commands.len; i++)
    if (pred(&run->shell->commands.items[i], arg)) return true;
  return false;
}

bool df__run_mounts(const DfInstr *run, const char *path) {
  size_t n = strlen(path);
  for (size_t i = 0; i < run->flags.len; i++) {
    const DfFlag *f = &run->flags.items[i];
    if (strcmp(f->name.text, "mount") != 0 || !f->value.text) continue;
    /* --mount=type=cache,target=/var/cache/apk (also dst=, destination=) */
    const char *v = f->value.text;
    for (const char *p = v; (p = strstr(p, "=")) != NULL; p++) {
      const char *key_end = p;
      const char *key = key_end;
      while (key > v && key[-1] != ',') key--;
      size_t klen = (size_t)(key_end - key);
      bool target = (klen == 6 && strncmp(key, "target", 6) == 0) || (klen == 3 && strncmp(key, "dst", 3) == 0) ||
                    (klen == 11 && strncmp(key, "destination", 11) == 0);
      if (target && strncmp(p + 1, path, n) == 0) return true;
    }
  }
  return false;
}

bool df__apt_simulates(const ShellCommand *c) {
  static const char *const sims[] = {"-s", "--simulate", "--dry-run", "--just-print", "--no-act", "--recon", NULL};
  for (size_t i = 0; sims[i]; i++)
    if (shell_has_arg(c, sims[i])) return true;
  return false;
}

bool df__yes_piped_in(const DfInstr *run, size_t index) {
  const ShellCommand *c = &run->shell->commands.items[index];
  return index > 0 && c->join == SHELL_JOIN_PIPE && shell_is(&run->shell->commands.items[index - 1], "yes");
}

const DfInstr *df__next_run(const DockerfileModel *m, size_t *i) {
  while (*i < m->instrs.len) {
    const DfInstr *in = &m->instrs.items[(*i)++];
    if (in->kind == DF_RUN && in->shell && !in->shell->exec_form && in->stage >= 0) return in;
  }
  return NULL;
}

bool df__next_known_run(const DockerfileModel *m, DfRunWalk *walk) {
  for (const DfInstr *in; (in = df__next_run(m, &walk->next)) != NULL;) {
    const DfStage *st = &m->stages.items[in->stage];
    if (!df__base_facts(m, st, &walk->facts)) continue;
    walk->run = in;
    walk->index = walk->next - 1;
    walk->stage = st;
    return true;
  }
  return false;
}

bool df__removes(const ShellCommand *c, const char *prefix) {
  if (!shell_is(c, "rm")) return false;
  size_t n = strlen(prefix);
  for (size_t i = 0; i < c->args.len; i++)
    if (strncmp(c->args.items[i].value, prefix, n) == 0) return true;
  return false;
}

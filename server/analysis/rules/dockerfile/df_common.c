/* Helpers shared by the Dockerfile rules: stage chains, base-image facts,
 * and questions about one RUN instruction. */
#include <string.h>

#include "dockls/base/alloc.h"
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
  if (!df_shell(run)) return false;
  for (size_t i = after; i < df_shell(run)->commands.len; i++)
    if (pred(&df_shell(run)->commands.items[i], arg)) return true;
  return false;
}

/* One comma-separated field of a --mount value, without the quotes the
 * builder's CSV reading would remove. */
static char *mount_field_value(const char *from, const char *to) {
  if (to - from >= 2 && *from == '"' && to[-1] == '"') from++, to--;
  return xstrndup(from, (size_t)(to - from));
}

bool df__mount_of(const DfFlag *flag, DfMount *out) {
  memset(out, 0, sizeof *out);
  if (strcmp(flag->name.text, "mount") != 0 || !flag->value.text) return false;
  const char *v = flag->value.text;
  char *type = NULL;
  while (*v) {
    const char *end = strchr(v, ',');
    if (!end) end = v + strlen(v);
    const char *eq = memchr(v, '=', (size_t)(end - v));
    if (eq) {
      size_t klen = (size_t)(eq - v);
      if (klen == 4 && strncmp(v, "type", 4) == 0) {
        xfree(type);
        type = mount_field_value(eq + 1, end);
      } else if ((klen == 6 && strncmp(v, "target", 6) == 0) || (klen == 3 && strncmp(v, "dst", 3) == 0) ||
                 (klen == 11 && strncmp(v, "destination", 11) == 0)) {
        xfree(out->target);
        out->target = mount_field_value(eq + 1, end);
      }
    }
    v = *end ? end + 1 : end;
  }
  /* A mount without type= is a bind mount, as in BuildKit. */
  out->cache_like = type && (strcmp(type, "cache") == 0 || strcmp(type, "tmpfs") == 0);
  xfree(type);
  if (out->target) {
    size_t n = strlen(out->target);
    while (n > 1 && out->target[n - 1] == '/') out->target[--n] = '\0';
  }
  return true;
}

void df__mount_destroy(DfMount *mount) {
  xfree(mount->target);
  mount->target = NULL;
}

bool df__run_mounts_part(const DfInstr *run, const char *part) {
  for (size_t i = 0; i < df_flags(run)->len; i++) {
    DfMount mount;
    if (!df__mount_of(&df_flags(run)->items[i], &mount)) continue;
    /* A bind mount's target is read too, and freed like any other. */
    bool hit = mount.cache_like && mount.target && strstr(mount.target, part);
    df__mount_destroy(&mount);
    if (hit) return true;
  }
  return false;
}

bool df__run_mounts(const DfInstr *run, const char *dir) {
  for (size_t i = 0; i < df_flags(run)->len; i++) {
    DfMount mount;
    if (!df__mount_of(&df_flags(run)->items[i], &mount)) continue;
    bool covers = false;
    if (mount.cache_like && mount.target) {
      size_t n = strlen(mount.target);
      /* The directory itself or a folder that holds it. */
      covers = strncmp(dir, mount.target, n) == 0 && (dir[n] == '\0' || dir[n] == '/');
    }
    df__mount_destroy(&mount);
    if (covers) return true;
  }
  return false;
}

const DfInstr *df__stage_run(const DockerfileModel *m, size_t i) {
  const DfInstr *in = &m->instrs.items[i];
  return in->kind == DF_RUN && df_shell(in) && !df_shell(in)->exec_form && in->stage >= 0 ? in : NULL;
}

bool df__apt_simulates(const ShellCommand *c) {
  static const char *const sims[] = {"-s", "--simulate", "--dry-run", "--just-print", "--no-act", "--recon", NULL};
  for (size_t i = 0; sims[i]; i++)
    if (shell_has_arg(c, sims[i])) return true;
  return false;
}

bool df__yes_piped_in(const DfInstr *run, size_t index) {
  const ShellCommand *c = &df_shell(run)->commands.items[index];
  return index > 0 && c->join == SHELL_JOIN_PIPE && shell_is(&df_shell(run)->commands.items[index - 1], "yes");
}

const DfInstr *df__next_run(const DockerfileModel *m, size_t *i) {
  while (*i < m->instrs.len) {
    const DfInstr *in = df__stage_run(m, (*i)++);
    if (in) return in;
  }
  return NULL;
}

const DfInstr *df__next_before(const DockerfileModel *m, size_t at, DfChainWalk *walk) {
  if (!walk->started) {
    walk->started = true;
    walk->n = dockerfile_stage_chain(m, &m->stages.items[m->instrs.items[at].stage], walk->chain);
    walk->stage = 0;
    walk->next = walk->n ? walk->chain[0]->first : 0;
  }
  while (walk->stage < walk->n) {
    size_t last = walk->stage + 1 == walk->n ? at : walk->chain[walk->stage]->last;
    if (walk->next < last) return &m->instrs.items[walk->next++];
    if (++walk->stage < walk->n) walk->next = walk->chain[walk->stage]->first;
  }
  return NULL;
}

const ShellCommand *df__next_command(const DockerfileModel *m, DfCommandWalk *walk) {
  for (;;) {
    if (walk->run && walk->next_command < df_shell(walk->run)->commands.len) {
      walk->command = walk->next_command++;
      return &df_shell(walk->run)->commands.items[walk->command];
    }
    if (walk->limit && walk->next >= walk->limit) return NULL;
    /* df__next_run leaves `next` just after the RUN it returns. */
    if ((walk->run = df__next_run(m, &walk->next)) == NULL || (walk->limit && walk->next > walk->limit)) {
      walk->run = NULL;
      return NULL;
    }
    walk->next_command = 0;
  }
}

DfCommandWalk df__commands_of(const RuleCtx *ctx, const DockerfileModel **m) {
  DfCommandWalk walk = {0};
  if (ctx->model) {
    *m = ctx->model;
    walk.next = ctx->instr;
    walk.limit = ctx->instr + 1;
  } else {
    *m = ws_dockerfile(ctx->ws, ctx->file);
  }
  return walk;
}

bool df__known_run(const RuleCtx *ctx, DfKnownRun *out) {
  const DockerfileModel *m = ctx->model;
  const DfInstr *in = df__stage_run(m, ctx->instr);
  if (!in || !df__base_facts(m, &m->stages.items[in->stage], &out->facts)) return false;
  out->run = in;
  out->index = ctx->instr;
  out->stage = &m->stages.items[in->stage];
  return true;
}

bool df__removes(const ShellCommand *c, const char *prefix) {
  if (!shell_is(c, "rm")) return false;
  size_t n = strlen(prefix);
  for (size_t i = 0; i < c->args.len; i++)
    if (strncmp(c->args.items[i].value, prefix, n) == 0) return true;
  return false;
}

bool df__root_user(const char *user) {
  size_t n = strcspn(user, ":");
  return (n == 4 && strncmp(user, "root", 4) == 0) || (n == 1 && user[0] == '0');
}

const DfInstr *df__last_before(const DockerfileModel *m, size_t index, DfKind kind) {
  const DfInstr *at = &m->instrs.items[index];
  if (at->stage < 0) return NULL;
  const DfStage *stage = &m->stages.items[at->stage];
  for (size_t i = index; i-- > stage->first;)
    if (m->instrs.items[i].kind == kind) return &m->instrs.items[i];
  return dockerfile_last(m, df__parent(m, stage), kind, true);
}

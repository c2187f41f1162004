/* rules-parity section G: package-cache-not-cleaned.  yum, dnf, microdnf,
 * zypper and yarn 1 keep what they download in a cache; unless the same
 * RUN cleans it (or mounts a cache over it), the cache is written into
 * the layer.  apt and apk have rules of their own (apt-get-lists,
 * apk-no-cache).  Commands are read from each RUN's shell model. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/path.h"
#include "dockerfile_rules.h"

typedef enum { CACHE_YUM, CACHE_DNF, CACHE_ZYPPER, CACHE_YARN, CACHE__COUNT } CacheTool;

/* What each tool caches where, and the command that empties it. */
static const struct {
  const char *dirs[3];  /* cache folders: a cache/tmpfs mount on one, or an rm under one, cleans */
  const char *mount_part; /* a mount target holding this text counts too (the cache is per user) */
} cache_facts[CACHE__COUNT] = {
    [CACHE_YUM] = {{"/var/cache/yum", NULL, NULL}, NULL},
    [CACHE_DNF] = {{"/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/yum"}, NULL},
    [CACHE_ZYPPER] = {{"/var/cache/zypp", NULL, NULL}, NULL},
    [CACHE_YARN] = {{"/usr/local/share/.cache/yarn", NULL, NULL}, ".cache/yarn"},
};

static const char *verb_of(const ShellCommand *c) {
  const ShellWord *w = shell_operand(c, 0);
  return w ? w->value : "";
}

/* The tool whose install `c` runs, or CACHE__COUNT. */
static CacheTool installing_tool(const ShellCommand *c) {
  const char *verb = verb_of(c);
  bool install = strcmp(verb, "install") == 0;
  if (shell_is(c, "yum")) return install ? CACHE_YUM : CACHE__COUNT;
  if (shell_is(c, "dnf") || shell_is(c, "microdnf")) return install ? CACHE_DNF : CACHE__COUNT;
  if (shell_is(c, "zypper")) return install || strcmp(verb, "in") == 0 ? CACHE_ZYPPER : CACHE__COUNT;
  if (shell_is(c, "yarn")) return install ? CACHE_YARN : CACHE__COUNT;
  return CACHE__COUNT;
}

/* True when the command's first two operands (options skipped, before
 * and between them) are `first` and `second`: `yum -y clean all`. */
static bool operands_are(const ShellCommand *c, const char *first, const char *second) {
  const ShellWord *a = shell_operand(c, 0);
  const ShellWord *b = a ? shell_operand(c, (size_t)(a - c->args.items) + 1) : NULL;
  return a && b && strcmp(a->value, first) == 0 && strcmp(b->value, second) == 0;
}

/* `yarn cache clean`, `yarn set version`. */
static bool yarn_says(const ShellCommand *c, const char *first, const char *second) {
  return shell_is(c, "yarn") && operands_are(c, first, second);
}

/* What a clean must be for the install command `install`. */
typedef struct {
  CacheTool tool;
  const char *name; /* the installing command's name: dnf's clean must be dnf's */
} CleanWant;

static bool cleans(const ShellCommand *c, const void *arg) {
  const CleanWant *want = arg;
  for (size_t i = 0; i < 3 && cache_facts[want->tool].dirs[i]; i++)
    if (df__removes(c, cache_facts[want->tool].dirs[i])) return true;
  switch (want->tool) {
    case CACHE_YUM:
      return shell_is(c, "yum") && operands_are(c, "clean", "all");
    case CACHE_DNF: {
      const char *slash = strrchr(want->name, '/');
      return shell_is(c, slash ? slash + 1 : want->name) && operands_are(c, "clean", "all");
    }
    case CACHE_ZYPPER:
      return shell_is(c, "zypper") && (strcmp(verb_of(c), "clean") == 0 || strcmp(verb_of(c), "cc") == 0);
    case CACHE_YARN:
      return yarn_says(c, "cache", "clean");
    default:
      return false;
  }
}

static bool mounts_cache_of(const DfInstr *run, CacheTool tool) {
  for (size_t i = 0; i < 3 && cache_facts[tool].dirs[i]; i++)
    if (df__run_mounts(run, cache_facts[tool].dirs[i])) return true;
  const char *part = cache_facts[tool].mount_part;
  return part && df__run_mounts_part(run, part);
}

static bool sets_yarn_version(const DfInstr *in) {
  for (size_t k = 0; in->kind == DF_RUN && df_shell(in) && k < df_shell(in)->commands.len; k++)
    if (yarn_says(&df_shell(in)->commands.items[k], "set", "version")) return true;
  return false;
}

/* yarn 2 and later keep their cache in the project (.yarn/cache) and have
 * no `cache clean` of the global kind: a `.yarnrc.yml` in the build
 * context or a `yarn set version` in the stage chain (up to this RUN)
 * says the project uses one. */
static bool yarn_berry(RuleCtx *ctx, const DockerfileModel *m, size_t at) {
  DfChainWalk walk = {0};
  for (const DfInstr *in; (in = df__next_before(m, at, &walk)) != NULL;)
    if (sets_yarn_version(in)) return true;
  if (sets_yarn_version(&m->instrs.items[at])) return true;
  const char *dir = rules__build_context(ctx);
  if (!dir) return false;
  char *rc = path_join(dir, ".yarnrc.yml");
  FileId id;
  bool berry = ws_read(ctx->ws, ctx->file, rc, &id);
  xfree(rc);
  return berry;
}

static const char *clean_command(CacheTool tool, const char *name) {
  switch (tool) {
    case CACHE_YUM: return "yum clean all";
    case CACHE_DNF: {
      const char *slash = strrchr(name, '/');
      return strcmp(slash ? slash + 1 : name, "microdnf") == 0 ? "microdnf clean all" : "dnf clean all";
    }
    case CACHE_ZYPPER: return "zypper clean";
    default: return "yarn cache clean";
  }
}

/* The clean an install needs, as an index: the dnf family is split by
 * command, since `dnf clean all` does not clean microdnf's cache. */
enum { NEED_YUM, NEED_DNF, NEED_MICRODNF, NEED_ZYPPER, NEED_YARN, NEED__COUNT };
static const CleanWant needs[NEED__COUNT] = {
    [NEED_YUM] = {CACHE_YUM, "yum"},       [NEED_DNF] = {CACHE_DNF, "dnf"},
    [NEED_MICRODNF] = {CACHE_DNF, "microdnf"}, [NEED_ZYPPER] = {CACHE_ZYPPER, "zypper"},
    [NEED_YARN] = {CACHE_YARN, "yarn"},
};

static int need_of(const ShellCommand *c, CacheTool tool) {
  switch (tool) {
    case CACHE_YUM: return NEED_YUM;
    case CACHE_DNF: return shell_is(c, "microdnf") ? NEED_MICRODNF : NEED_DNF;
    case CACHE_ZYPPER: return NEED_ZYPPER;
    default: return NEED_YARN;
  }
}

/* Per instruction, reading the stage (whether it ends in the final
 * image); yarn's version is looked for in the instructions before and
 * the build context only for a yarn install no clean follows. */
void df__package_cache_not_cleaned(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  const DfInstr *in = df__stage_run(m, ctx->instr);
  if (!in || !df__in_final_image(m, &m->stages.items[in->stage])) return;
  /* One pass from the end: `cleaned[n]` says a clean of that kind runs
   * after the command at hand, and `first[n]` ends as the earliest
   * install that no clean follows (one report per kind and RUN: one
   * clean at the end covers every install). */
  bool cleaned[NEED__COUNT] = {false};
  size_t first[NEED__COUNT];
  for (size_t n = 0; n < NEED__COUNT; n++) first[n] = SIZE_MAX;
  for (size_t k = df_shell(in)->commands.len; k-- > 0;) {
    const ShellCommand *c = &df_shell(in)->commands.items[k];
    CacheTool tool = installing_tool(c);
    if (tool != CACHE__COUNT && !cleaned[need_of(c, tool)]) first[need_of(c, tool)] = k;
    for (size_t n = 0; n < NEED__COUNT; n++)
      if (!cleaned[n] && cleans(c, &needs[n])) cleaned[n] = true;
  }
  for (size_t n = 0; n < NEED__COUNT; n++) {
    if (first[n] == SIZE_MAX || mounts_cache_of(in, needs[n].tool)) continue;
    if (needs[n].tool == CACHE_YARN) {
      rules__looked_outside(ctx);
      if (yarn_berry(ctx, m, ctx->instr)) continue;
    }
    const ShellCommand *c = &df_shell(in)->commands.items[first[n]];
    const char *clean = clean_command(needs[n].tool, needs[n].name);
    const ShellWord *verb = shell_operand(c, 0);
    Diag *d = diag_add(ctx->out, RULE_PACKAGE_CACHE_NOT_CLEANED, ctx->file, c->name.start, verb->end,
                       "what `%s %s` downloads stays in its cache, and the cache in the image layer: "
                       "run `%s` at the end of the same RUN",
                       c->name.value, verb->value, clean);
    /* A heredoc script ends with its body, and an unparsable script
     * could swallow the addition (an open quote): no fix there. */
    if (in->heredoc || df_shell(in)->parse_error) continue;
    char edit[64];
    snprintf(edit, sizeof edit, " && %s", clean);
    Fix *fix = rules__add_fix(ctx, d, "Clean the cache at the end of this RUN", true);
    fix_add_edit(fix, ctx->file, df_shell(in)->end, df_shell(in)->end, edit);
  }
}

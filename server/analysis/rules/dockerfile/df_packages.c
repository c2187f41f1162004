/* Catalog section B, package managers: apt-get-no-yes, apt-get-lists,
 * apk-no-cache, build-deps-not-removed.  All four read the shell model of
 * each RUN; the size rules (lists, cache, build deps) only look at stages
 * that end up in the final image, since builder stages are discarded. */
#include <string.h>

#include "dockls/base/strbuf.h"
#include "dockls/model/dockerfile.h"
#include "dockerfile_rules.h"

/* Case-insensitive substring test for ASCII names (strcasestr is a GNU
 * extension). */
static bool strcasestr_ascii(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  for (const char *p = hay; *p; p++) {
    size_t i = 0;
    while (i < n && p[i] && (p[i] | 0x20) == (needle[i] | 0x20)) i++;
    if (i == n) return true;
  }
  return false;
}

/* The verb of a package-manager command (`install`, `add`, ...): the
 * first argument that is not an option.  Options that take a value are
 * rare before the verb and are not skipped here. */
static const ShellWord *pkg_verb(const ShellCommand *c) { return shell_operand(c, 0); }

static bool is_apt_install(const ShellCommand *c) {
  if (!shell_is(c, "apt-get") && !shell_is(c, "apt")) return false;
  const ShellWord *v = pkg_verb(c);
  return v && strcmp(v->value, "install") == 0;
}

static bool is_apk_add(const ShellCommand *c) {
  const ShellWord *v = shell_is(c, "apk") ? pkg_verb(c) : NULL;
  return v && strcmp(v->value, "add") == 0;
}

/* -y in any spelling apt accepts: -y, --yes, --assume-yes, -qq (which
 * implies -y), and short options bundled with y (-yq, -qy, -qqy). */
static bool apt_assumes_yes(const ShellCommand *c) {
  for (size_t i = 0; i < c->args.len; i++) {
    const char *a = c->args.items[i].value;
    if (strcmp(a, "--yes") == 0 || strcmp(a, "--assume-yes") == 0 || strcmp(a, "--force-yes") == 0 ||
        strcmp(a, "-qq") == 0 || strncmp(a, "--assume-yes=", 13) == 0)
      return true;
    if (a[0] == '-' && a[1] != '-' && (strchr(a, 'y') || strstr(a, "qq"))) return true;
  }
  return false;
}

void df__apt_get_no_yes(RuleCtx *ctx) {
  const DfInstr *in = &ctx->model->instrs.items[ctx->instr];
  if (in->kind != DF_RUN || !df_shell(in) || df_shell(in)->exec_form) return;
  for (size_t k = 0; k < df_shell(in)->commands.len; k++) {
    const ShellCommand *c = &df_shell(in)->commands.items[k];
    if (!is_apt_install(c) || apt_assumes_yes(c) || df__apt_simulates(c) || df__yes_piped_in(in, k)) continue;
    const ShellWord *verb = pkg_verb(c);
    Diag *d = diag_add(ctx->out, RULE_APT_GET_NO_YES, ctx->file, c->name.start, verb->end,
                       "`%s install` without -y waits for an answer that never comes, and the build fails",
                       c->name.value);
    Fix *fix = rules__add_fix(ctx, d, "Add -y", true);
    fix_add_edit(fix, ctx->file, verb->end, verb->end, " -y");
  }
}

static bool removes_apt_lists(const ShellCommand *c, const void *arg) {
  (void)arg;
  /* apt 2.7's `apt-get dist-clean` removes the lists as well. */
  const ShellWord *verb = shell_is(c, "apt-get") || shell_is(c, "apt") ? pkg_verb(c) : NULL;
  if (verb && strcmp(verb->value, "dist-clean") == 0) return true;
  return df__removes(c, "/var/lib/apt/lists");
}

/* True when a RUN after instruction `at`, in a stage built on its stage,
 * installs with apt before any later `update`: it reads the lists `at`
 * leaves, and removing them would make it fail.  An update first makes
 * fresh lists for that RUN and every one after it. */
static bool later_install_needs_lists(const DockerfileModel *m, size_t at) {
  const DfStage *own = &m->stages.items[m->instrs.items[at].stage];
  for (size_t i = at + 1; i < m->instrs.len; i++) {
    const DfInstr *in = &m->instrs.items[i];
    if (in->kind != DF_RUN || !df_shell(in) || in->stage < 0) continue;
    const DfStage *chain[DF_MAX_CHAIN];
    size_t n = dockerfile_stage_chain(m, &m->stages.items[in->stage], chain);
    bool descends = false;
    for (size_t c = 0; c < n; c++) descends |= chain[c] == own;
    for (size_t k = 0; descends && k < df_shell(in)->commands.len; k++) {
      const ShellCommand *c = &df_shell(in)->commands.items[k];
      const ShellWord *verb = shell_is(c, "apt-get") || shell_is(c, "apt") ? pkg_verb(c) : NULL;
      if (verb && strcmp(verb->value, "update") == 0) return false;
      if (is_apt_install(c)) return true;
    }
  }
  return false;
}

void df__apt_get_lists(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  size_t i = ctx->instr;
  const DfInstr *in = df__stage_run(m, i);
  if (!in || !df__in_final_image(m, &m->stages.items[in->stage])) return;
  if (df__run_mounts(in, "/var/lib/apt/lists")) return;
  for (size_t k = 0; k < df_shell(in)->commands.len; k++) {
    const ShellCommand *c = &df_shell(in)->commands.items[k];
    if (!is_apt_install(c) || df__run_has(in, 0, removes_apt_lists, NULL)) continue;
    const ShellWord *verb = pkg_verb(c);
    Diag *d = diag_add(ctx->out, RULE_APT_GET_LISTS, ctx->file, c->name.start, verb->end,
                       "the package lists stay in the image layer: remove /var/lib/apt/lists/* in the same RUN");
    /* A heredoc script ends with its body; appending to it is not a
     * one-line edit, so only shell form gets the fix.  Only an analysis
     * with fixes gets here with a fix (which reads the later RUNs), and
     * such an analysis never takes results from the memo. */
    if (!in->heredoc && rules__wants_fix(ctx, d)) {
      /* Preferred unless a later RUN installs from these lists without
       * an update of its own: that RUN would then find no package. */
      bool safe = !later_install_needs_lists(m, i);
      Fix *fix = rules__add_fix(ctx, d, "Remove the apt lists at the end of this RUN", safe);
      fix_add_edit(fix, ctx->file, df_shell(in)->end, df_shell(in)->end, " && rm -rf /var/lib/apt/lists/*");
    }
    break; /* one report per RUN: the fix covers every install in it */
  }
}

static bool cleans_apk_cache(const ShellCommand *c, const void *arg) {
  (void)arg;
  return df__removes(c, "/var/cache/apk");
}

void df__apk_no_cache(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  size_t i = ctx->instr;
  const DfInstr *in = df__stage_run(m, i);
  /* /etc/apk/cache is where apk keeps packages when caching is on. */
  if (!in || !df__in_final_image(m, &m->stages.items[in->stage]) || df__run_mounts(in, "/var/cache/apk") ||
      df__run_mounts(in, "/etc/apk/cache"))
    return;
  if (df__run_has(in, 0, cleans_apk_cache, NULL)) return;
  for (size_t k = 0; k < df_shell(in)->commands.len; k++) {
    const ShellCommand *c = &df_shell(in)->commands.items[k];
    if (!is_apk_add(c) || shell_has_arg(c, "--no-cache")) continue;
    const ShellWord *verb = pkg_verb(c);
    Diag *d = diag_add(ctx->out, RULE_APK_NO_CACHE, ctx->file, c->name.start, verb->end,
                       "`apk add` without --no-cache leaves the package index in the image");
    Fix *fix = rules__add_fix(ctx, d, "Add --no-cache", true);
    fix_add_edit(fix, ctx->file, verb->end, verb->end, " --no-cache");
  }
}

static bool installs_phpize_deps(const ShellCommand *c) {
  for (size_t i = 0; i < c->args.len; i++)
    if (strstr(c->args.items[i].value, "PHPIZE_DEPS") && c->args.items[i].has_expansion) return true;
  return false;
}

/* True for a virtual group whose name says it is for building: official
 * images also use groups for what must stay (`.haproxy-rundeps`,
 * `.postgresql-rundeps`), and those are kept on purpose. */
static bool build_group_name(const char *name) {
  static const char *const words[] = {"build", "fetch", "compile", "tmp", "temp", NULL};
  for (size_t i = 0; words[i]; i++)
    if (strcasestr_ascii(name, words[i])) return true;
  return false;
}

/* The group or expansion a later `apk del` must name to undo an install:
 * the --virtual group when it is a build group or holds $PHPIZE_DEPS,
 * else `$PHPIZE_DEPS` when that is installed bare. */
static const char *build_deps_name(const ShellCommand *c) {
  const char *group = NULL;
  for (size_t i = 0; i < c->args.len && !group; i++) {
    const char *a = c->args.items[i].value;
    if ((strcmp(a, "--virtual") == 0 || strcmp(a, "-t") == 0) && i + 1 < c->args.len)
      group = c->args.items[i + 1].value;
    else if (strncmp(a, "--virtual=", 10) == 0)
      group = a + 10;
  }
  bool phpize = installs_phpize_deps(c);
  if (group) return phpize || build_group_name(group) ? group : NULL;
  for (size_t i = 0; phpize && i < c->args.len; i++)
    if (strstr(c->args.items[i].value, "PHPIZE_DEPS")) return c->args.items[i].value;
  return NULL;
}

static bool deletes_name(const ShellCommand *c, const void *arg) {
  const char *name = arg;
  const ShellWord *verb = shell_is(c, "apk") ? pkg_verb(c) : NULL;
  if (!verb || strcmp(verb->value, "del") != 0) return false;
  bool expansion = name[0] == '$';
  for (size_t i = 0; i < c->args.len; i++) {
    const char *a = c->args.items[i].value;
    if (strcmp(a, name) == 0) return true;
    /* $PHPIZE_DEPS and ${PHPIZE_DEPS} are the same list. */
    if (expansion && a[0] == '$' && strstr(a, "PHPIZE_DEPS") && strstr(name, "PHPIZE_DEPS")) return true;
  }
  return false;
}

/* Per instruction, reading the stage (whether it ends in the final
 * image). */
void df__build_deps_not_removed(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  const DfInstr *in = df__stage_run(m, ctx->instr);
  if (!in || !df__in_final_image(m, &m->stages.items[in->stage])) return;
  for (size_t k = 0; k < df_shell(in)->commands.len; k++) {
    const ShellCommand *c = &df_shell(in)->commands.items[k];
    const char *name = is_apk_add(c) ? build_deps_name(c) : NULL;
    if (!name || df__run_has(in, k + 1, deletes_name, name)) continue;
    Diag *d = diag_add(ctx->out, RULE_BUILD_DEPS_NOT_REMOVED, ctx->file, c->name.start,
                       c->end, "the build dependencies `%s` stay in the image: `apk del %s` in the same RUN",
                       name, name);
    if (!in->heredoc) {
      StrBuf edit = STRBUF_INIT;
      /* A `$PHPIZE_DEPS`-style name is meant to expand, as it did in
       * the `apk add`; any other name is written as one word. */
      strbuf_append(&edit, " && apk del ");
      if (name[0] == '$') strbuf_append(&edit, name);
      else rules__append_shell_word(&edit, name);
      /* Not preferred: `apk del` also removes the libraries the -dev
       * packages pulled in (libpq with postgresql-dev), which the
       * built extension or module may need at run time. */
      Fix *fix = rules__add_fix(ctx, d, "Remove the build dependencies at the end of this RUN", false);
      fix_add_edit(fix, ctx->file, df_shell(in)->end, df_shell(in)->end, strbuf_cstr(&edit));
      strbuf_destroy(&edit);
    }
  }
}

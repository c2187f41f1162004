/* Catalog section B, PHP extensions: pecl-phpize-deps,
 * pecl-xdebug-headers, php-ext-not-built.  They follow a stage's FROM
 * chain: what a parent stage installed (and did not remove) is there in
 * the child, and the base image's facts (images.h) say whether the PHP
 * build toolchain and kernel headers come with it. */
#include <string.h>

#include "dockls/base/strbuf.h"
#include "dockerfile_rules.h"

/* The extension a `pecl install` word names: `xdebug-3.3.2` → `xdebug`,
 * `channel://pecl.php.net/redis-6.0.2` → `redis`. */
static char *php_ext_name(const char *word) {
  const char *slash = strrchr(word, '/');
  const char *s = slash ? slash + 1 : word;
  const char *dash = strchr(s, '-');
  return xstrndup(s, dash ? (size_t)(dash - s) : strlen(s));
}

static bool is_pecl_install(const ShellCommand *c) {
  const ShellWord *v = shell_is(c, "pecl") ? shell_operand(c, 0) : NULL;
  return v && strcmp(v->value, "install") == 0;
}

static bool phpize_deps_present(const DockerfileModel *m, const DfStage *st, size_t instr, size_t cmd) {
  if (dockerfile_pkg_present(m, st, instr, cmd, "$PHPIZE_DEPS") || dockerfile_pkg_present(m, st, instr, cmd, "${PHPIZE_DEPS}"))
    return true;
  /* The toolchain spelled out: autoconf, a compiler and make. */
  bool cc = dockerfile_pkg_present(m, st, instr, cmd, "gcc") || dockerfile_pkg_present(m, st, instr, cmd, "build-base") ||
            dockerfile_pkg_present(m, st, instr, cmd, "g++");
  return cc && dockerfile_pkg_present(m, st, instr, cmd, "autoconf") &&
         (dockerfile_pkg_present(m, st, instr, cmd, "make") || dockerfile_pkg_present(m, st, instr, cmd, "build-base"));
}

/* True when the base is an Alpine PHP image whose PHPIZE_DEPS were
 * removed (images.md R1, R47–R49). */
static bool alpine_php(const ImageFacts *f) { return f->os == IMG_OS_ALPINE && f->phpize_kept == IMG_NO; }

/* Per instruction, reading the stage (its base image) and the packages
 * installed before it (RULE_READS_BEFORE). */
void df__pecl_phpize_deps(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  DfKnownRun w;
  if (!df__known_run(ctx, &w)) return;
  const ShellScript *sh = df_shell(w.run);
  if (!alpine_php(&w.facts)) return;
  for (size_t k = 0; k < sh->commands.len; k++) {
    const ShellCommand *c = &sh->commands.items[k];
    if (!is_pecl_install(c)) continue;
    rules__reads_before(ctx);
    if (phpize_deps_present(m, w.stage, w.index, k)) continue;
    Diag *d = diag_add(ctx->out, RULE_PECL_PHPIZE_DEPS, ctx->file, c->start, c->end,
                       "`pecl install` on an Alpine PHP image needs $PHPIZE_DEPS (autoconf, gcc, make), "
                       "which the image removed: the build fails with \"autoconf not found\"");
    if (w.run->heredoc) continue;
    Fix *fix = rules__add_fix(ctx, d, "Install $PHPIZE_DEPS for the build and remove them after", true);
    fix_add_edit(fix, ctx->file, c->start, c->start, "apk add --no-cache $PHPIZE_DEPS && ");
    fix_add_edit(fix, ctx->file, sh->end, sh->end, " && apk del $PHPIZE_DEPS");
  }
}

static bool is_xdebug(const ShellCommand *c) {
  for (size_t i = 0; i < c->args.len; i++) {
    if (c->args.items[i].value[0] == '-') continue;
    char *name = php_ext_name(c->args.items[i].value);
    bool x = strcmp(name, "xdebug") == 0;
    xfree(name);
    if (x) return true;
  }
  return false;
}

/* The last `apk add` before command `upto` of this RUN, or NULL. */
static const ShellCommand *nearest_apk_add(const DfInstr *run, size_t upto) {
  const ShellCommand *found = NULL;
  for (size_t k = 0; k < upto; k++) {
    const ShellCommand *c = &df_shell(run)->commands.items[k];
    const ShellWord *v = shell_is(c, "apk") ? shell_operand(c, 0) : NULL;
    if (v && strcmp(v->value, "add") == 0) found = c;
  }
  return found;
}

/* Per instruction, reading the stage (its base image) and the packages
 * installed before it (RULE_READS_BEFORE). */
void df__pecl_xdebug_headers(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  DfKnownRun w;
  if (!df__known_run(ctx, &w)) return;
  if (w.facts.os != IMG_OS_ALPINE || w.facts.linux_headers == IMG_YES) return;
  for (size_t k = 0; k < df_shell(w.run)->commands.len; k++) {
    const ShellCommand *c = &df_shell(w.run)->commands.items[k];
    if (!is_pecl_install(c) || !is_xdebug(c)) continue;
    rules__reads_before(ctx);
    if (dockerfile_pkg_present(m, w.stage, w.index, k, "linux-headers")) continue;
    Diag *d = diag_add(ctx->out, RULE_PECL_XDEBUG_HEADERS, ctx->file, c->start, c->end,
                       "xdebug needs `linux-headers` on Alpine (it includes linux/rtnetlink.h): "
                       "the build fails without it");
    if (w.run->heredoc) continue;
    const ShellCommand *apk = nearest_apk_add(w.run, k);
    Fix *fix = rules__add_fix(ctx, d, "Add linux-headers to the packages installed for the build", true);
    if (apk) {
      const ShellWord *last = apk->args.len ? &apk->args.items[apk->args.len - 1] : &apk->name;
      fix_add_edit(fix, ctx->file, last->end, last->end, " linux-headers");
    } else {
      fix_add_edit(fix, ctx->file, c->start, c->start, "apk add --no-cache linux-headers && ");
    }
  }
}

/* --- php-ext-not-built --- */

/* Extensions the official images build as shared modules that only need
 * enabling (the image's own Dockerfile runs docker-php-ext-enable for
 * some of them). */
static bool bundled_shared(const char *ext) {
  return strcmp(ext, "opcache") == 0 || strcmp(ext, "sodium") == 0;
}

/* True when RUN instruction `in` builds `ext` (pecl install,
 * docker-php-ext-install or install-php-extensions naming it), or names
 * its extensions through a variable we cannot read (assumed yes). */
static bool run_builds_ext(const DfInstr *in, const char *ext) {
  if (in->kind != DF_RUN || !df_shell(in)) return false;
  for (size_t k = 0; k < df_shell(in)->commands.len; k++) {
    const ShellCommand *c = &df_shell(in)->commands.items[k];
    bool install = shell_is(c, "docker-php-ext-install") || shell_is(c, "install-php-extensions");
    if (!is_pecl_install(c) && !install) continue;
    for (size_t a = 0; a < c->args.len; a++) {
      const ShellWord *w = &c->args.items[a];
      if (w->has_expansion) return true;
      if (w->value[0] == '-') continue;
      char *name = php_ext_name(w->value);
      bool match = strcmp(name, ext) == 0;
      xfree(name);
      if (match) return true;
    }
  }
  return false;
}

/* True when COPY instruction `in` copies PHP extensions (the extension
 * folder or a .so file). */
static bool copies_ext_dir(const DfInstr *in) {
  if (in->kind != DF_COPY) return false;
  for (size_t p = 0; p + 1 < df_paths(in)->len; p++) {
    const char *path = df_paths(in)->items[p].text;
    if (strstr(path, "/usr/local/lib/php/extensions") || strstr(path, ".so")) return true;
  }
  return false;
}

/* True when the stage chain builds `ext` before instruction `upto`.  A
 * COPY --from of the extension folder sends the search into the source
 * stage; the stages to search are kept on a work list with a seen mark,
 * so each stage is read once however many copies lead to it (copy
 * sources are earlier stages, so the list also ends). */
static bool ext_built(const DockerfileModel *m, const DfStage *stage, size_t upto, const char *ext) {
  size_t n = m->stages.len, todo_len = 0;
  bool *seen = xcalloc(n ? n : 1, sizeof *seen);
  const DfStage **todo = xcalloc(n ? n : 1, sizeof *todo);
  todo[todo_len++] = stage;
  seen[stage->index] = true;
  bool built = false;
  while (todo_len > 0 && !built) {
    const DfStage *start = todo[--todo_len];
    for (const DfStage *s = start; s && !built; s = df__parent(m, s)) {
      if (s != start && seen[s->index]) break; /* that chain was searched already */
      seen[s->index] = true;
      size_t stop = s == stage ? upto : s->last;
      for (size_t i = s->first; i < s->last && i < stop && !built; i++) {
        const DfInstr *in = &m->instrs.items[i];
        if (copies_ext_dir(in)) {
          const DfStage *src = dockerfile_copy_source(m, i);
          /* A copy from an image (or a stage we cannot name) is trusted. */
          if (!src) built = true;
          else if (!seen[src->index]) {
            seen[src->index] = true;
            todo[todo_len++] = src;
          }
        }
        built = built || run_builds_ext(in, ext);
      }
    }
  }
  xfree(todo);
  xfree(seen);
  return built;
}

/* Per instruction, reading the stage (its base image); the stages that
 * could build an extension are read only for a docker-php-ext-enable. */
void df__php_ext_not_built(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  DfKnownRun walk;
  if (!df__known_run(ctx, &walk)) return;
  const DfStage *st = walk.stage;
  /* Only an official PHP base is known not to ship extra extensions. */
  if (strcmp(walk.facts.family, "php") != 0) return;
  for (size_t k = 0; k < df_shell(walk.run)->commands.len; k++) {
    const ShellCommand *c = &df_shell(walk.run)->commands.items[k];
    if (!shell_is(c, "docker-php-ext-enable")) continue;
    rules__looked_outside(ctx);
    for (size_t a = 0; a < c->args.len; a++) {
      const ShellWord *w = &c->args.items[a];
      if (w->value[0] == '-' || w->has_expansion || bundled_shared(w->value)) continue;
      if (ext_built(m, st, walk.index + 1, w->value)) continue;
      Diag *d = diag_add(ctx->out, RULE_PHP_EXT_NOT_BUILT, ctx->file, w->start, w->end,
                         "`%s` is enabled in a stage that never builds it (no pecl install or "
                         "docker-php-ext-install here or in its parent stages, nor a COPY of the "
                         "extension directory)",
                         w->value);
      /* The fix copies the extensions from a stage that does build it. */
      for (size_t s = 0; s < m->stages.len; s++) {
        const DfStage *other = &m->stages.items[s];
        if (other == st || !other->alias || !ext_built(m, other, other->last, w->value)) continue;
        StrBuf line = STRBUF_INIT;
        strbuf_appendf(&line, "COPY --from=%s /usr/local/lib/php/extensions /usr/local/lib/php/extensions",
                       other->alias);
        Fix *fix = rules__add_fix(ctx, d, "Copy the built extensions from the stage that builds them", true);
        rules__insert_line_before(fix, ctx->file, ctx->text, walk.run->start, strbuf_cstr(&line));
        strbuf_destroy(&line);
        break;
      }
    }
  }
}

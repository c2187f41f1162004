/* copy-ignored-file: a literal COPY/ADD source that the build context's
 * .dockerignore keeps out.  The file is then not in the context the
 * builder receives, and the step fails with "not found" (BuildKit's
 * CopyIgnoredFile).  The .dockerignore is read through the workspace, so
 * editing it re-publishes the Dockerfile's diagnostics.  A .dockerignore
 * with a `!` line is not judged: re-includes interact with folder matches
 * in ways BuildKit's own check also leaves alone. */
#include <string.h>

#include "dockls/base/strbuf.h"
#include "validation_rules.h"

/* BuildKit reads `<Dockerfile>.dockerignore` next to the Dockerfile in
 * place of the context's one when it exists. */
static bool ci_read(RuleCtx *ctx, DockerIgnore *ig) {
  const char *self = ws_path(ctx->ws, ctx->file);
  if (!self) return false;
  StrBuf own = STRBUF_INIT;
  strbuf_appendf(&own, "%s.dockerignore", self);
  FileId id;
  bool have = ws_read(ctx->ws, ctx->file, strbuf_cstr(&own), &id);
  strbuf_destroy(&own);
  if (have) {
    const TextDoc *t = ws_text(ctx->ws, id);
    rules__dockerignore_parse(t->bytes, t->len, ig);
    return true;
  }
  const char *context = rules__build_context(ctx);
  return context && rules__dockerignore_read(ctx, context, ig);
}

/* The source as a path relative to the context (no leading `/` or `./`,
 * no trailing `/`); NULL for what is not judged: wildcards, variables,
 * URLs, paths leaving the context.  Caller owns. */
static char *ci_relative(const char *src) {
  if (strpbrk(src, "*?[$") || strstr(src, "://") || strncmp(src, "git@", 4) == 0) return NULL;
  while (*src == '/' || (src[0] == '.' && src[1] == '/')) src += src[0] == '/' ? 1 : 2;
  if (strncmp(src, "..", 2) == 0 && (src[2] == '/' || src[2] == '\0')) return NULL;
  char *rel = xstrdup(src);
  size_t n = strlen(rel);
  while (n > 0 && rel[n - 1] == '/') rel[--n] = '\0';
  if (strcmp(rel, ".") == 0) rel[0] = '\0';
  return rel;
}

/* The whole context is excluded only by a pattern meant to: `*`, `**`,
 * or `**` then a slash and a star. */
static const DockerIgnorePattern *ci_excludes_all(const DockerIgnore *ig) {
  for (size_t i = 0; i < ig->patterns.len; i++) {
    const char *p = ig->patterns.items[i].text;
    if (strcmp(p, "*") == 0 || strcmp(p, "**") == 0 || strcmp(p, "**/*") == 0) return &ig->patterns.items[i];
  }
  return NULL;
}

static bool ci_has_from(const DfInstr *in) {
  for (size_t f = 0; f < df_flags(in)->len; f++)
    if (strcmp(df_flags(in)->items[f].name.text, "from") == 0) return true;
  return false;
}

void val__copy_ignored_file(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (!m) return;
  bool any = false;
  DfKindWalk walk;
  dockerfile_kind_walk(&walk, m, DF_COPY, DF_ADD, 0, m->instrs.len);
  for (size_t i; !any && dockerfile_kind_next(&walk, &i);) any = !ci_has_from(&m->instrs.items[i]);
  DockerIgnore ig;
  if (!any || !ci_read(ctx, &ig)) return;
  if (ig.reincludes) {
    rules__dockerignore_destroy(&ig);
    return;
  }
  dockerfile_kind_walk(&walk, m, DF_COPY, DF_ADD, 0, m->instrs.len);
  for (size_t i; dockerfile_kind_next(&walk, &i);) {
    const DfInstr *in = &m->instrs.items[i];
    if (in->heredoc || df_paths(in)->len < 2 || ci_has_from(in)) continue;
    for (size_t s = 0; s + 1 < df_paths(in)->len; s++) {
      const DfText *src = &df_paths(in)->items[s];
      char *rel = ci_relative(src->text);
      if (!rel) continue;
      const DockerIgnorePattern *pat = rel[0] ? rules__dockerignore_match(&ig, rel) : ci_excludes_all(&ig);
      if (pat && rel[0])
        diag_add(ctx->out, RULE_COPY_IGNORED_FILE, ctx->file, src->start, src->end,
                 "`%s` is excluded by .dockerignore (line %zu: `%s`), so it is not in the build context: Docker "
                 "stops the build (not found)", src->text, pat->line, pat->text);
      else if (pat)
        diag_add(ctx->out, RULE_COPY_IGNORED_FILE, ctx->file, src->start, src->end,
                 "the whole build context is excluded by .dockerignore (line %zu: `%s`): the builder copies "
                 "nothing here", pat->line, pat->text);
      xfree(rel);
    }
  }
  rules__dockerignore_destroy(&ig);
}

/* The start scripts of the final stage: the files copied from the build
 * context that ENTRYPOINT or CMD runs (directly, or through sh/bash), and
 * the inline script of `sh -c "…"`.  runtime-dir-missing reads them
 * because an entrypoint that runs `mkdir -p /var/log/supervisor` before
 * `exec supervisord` makes the directory exist when it is needed, even
 * though the image does not have it. */
#include <string.h>

#include "context_rules.h"
#include "dockls/base/strbuf.h"
#include "dockls/base/path.h"

static const char *base_name(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

static bool is_shell(const ShellCommand *c) {
  return shell_is(c, "sh") || shell_is(c, "bash") || shell_is(c, "ash") || shell_is(c, "dash");
}

typedef enum { START_BINARY, START_READ, START_UNKNOWN } StartKind;

/* Looks for the COPY/ADD in the stage chain that put the program `prog`
 * (a path, or a bare name found on PATH) into the image, and reads it. */
static StartKind start_read(const CtxEnv *env, const DfStage *fin, const char *prog, StrArray *texts) {
  const RuleCtx *ctx = env->ctx;
  bool bare = strchr(prog, '/') == NULL;
  for (const DfStage *s = fin; s; s = context__parent(env, s))
    for (size_t i = s->last; i-- > s->first;) {
      const DfInstr *in = &env->m->instrs.items[i];
      if ((in->kind != DF_COPY && in->kind != DF_ADD) || df_paths(in)->len < 2) continue;
      char *dest = context__image_path(env, s, i, array_last(df_paths(in))->text);
      for (size_t k = 0; dest && k + 1 < df_paths(in)->len; k++) {
        const char *src = df_paths(in)->items[k].text;
        char *landing = context__dest_is_dir(in) ? path_join(dest, base_name(src)) : xstrdup(dest);
        char *want = bare ? NULL : context__image_path(env, s, i, prog);
        bool hit = bare ? strcmp(base_name(landing), prog) == 0 : (want && strcmp(landing, want) == 0);
        /* A folder copied above the program's path may hold it too. */
        size_t sl = strlen(src);
        bool folder_like = strcmp(base_name(src), ".") == 0 || (sl > 0 && src[sl - 1] == '/') ||
                           !strchr(base_name(src), '.');
        bool folder_hit = !bare && want && !hit && path_is_under(want, dest) && folder_like;
        xfree(want);
        xfree(landing);
        if (!hit && !folder_hit) continue;
        xfree(dest);
        if (context__flag(in, "from") || in->heredoc) return START_UNKNOWN;
        char *sp = context__source_path(env, s, i, src);
        char *file = NULL;
        if (sp && folder_hit) {
          char *w = context__image_path(env, s, i, prog);
          char *d2 = context__image_path(env, s, i, array_last(df_paths(in))->text);
          const char *rel = w + (strcmp(d2, "/") == 0 ? 0 : strlen(d2));
          while (*rel == '/') rel++;
          file = path_join(sp, rel);
          xfree(d2);
          xfree(w);
          if (ws_stat(ctx->ws, ctx->file, file) == WS_PATH_MISSING) {
            /* Not in that folder; an older copy may still have it. */
            xfree(file);
            xfree(sp);
            dest = NULL;
            break;
          }
        } else if (sp) {
          file = xstrdup(sp);
        }
        FileId id;
        bool ok = file && ws_read(ctx->ws, ctx->file, file, &id);
        if (ok) array_push(texts, xstrndup(ws_text(ctx->ws, id)->bytes, ws_text(ctx->ws, id)->len));
        xfree(file);
        xfree(sp);
        return ok ? START_READ : START_UNKNOWN;
      }
      xfree(dest);
    }
  return START_BINARY;
}

bool context__start_scripts(const CtxEnv *env, const DfStage *fin, StrArray *texts) {
  DfStartWalk walk;
  dockerfile_start_walk(env->m, fin, &walk);
  for (const ShellCommand *cmd; (cmd = dockerfile_start_next(&walk)) != NULL;) {
    const char *prog = cmd->name.value;
    if (is_shell(cmd)) {
      const ShellWord *op = shell_operand(cmd, 0);
      if (shell_has_arg(cmd, "-c")) {
        /* The inline script is text we already have. */
        for (size_t a = 0; a + 1 < cmd->args.len; a++)
          if (strcmp(cmd->args.items[a].value, "-c") == 0) array_push(texts, xstrdup(cmd->args.items[a + 1].value));
        continue;
      }
      prog = op ? op->value : NULL;
    }
    if (!prog || !*prog || strchr(prog, '$')) continue;
    if (start_read(env, fin, prog, texts) == START_UNKNOWN) return false;
  }
  return true;
}

bool context__start_creates(const StrArray *texts, const char *dir) {
  /* A script that runs mkdir and names the directory (in full, by its
   * last two folders as in `mkdir -p storage/logs`, or with a brace
   * expansion as in `mkdir -p storage/framework/{cache,views}`) is taken
   * to create it.  Reading shell scripts more closely would cost much and
   * gain little, and the rule must not report a directory that the
   * entrypoint creates. */
  char *parent = path_dirname(dir);
  char *grand = path_dirname(parent);
  const char *last2 = dir + strlen(grand) + (strcmp(grand, "/") == 0 ? 0 : 1);
  const char *brace_from = parent + strlen(grand) + (strcmp(grand, "/") == 0 ? 0 : 1);
  StrBuf brace = STRBUF_INIT;
  strbuf_appendf(&brace, "%s/{", brace_from);
  bool yes = false;
  for (size_t i = 0; i < texts->len && !yes; i++) {
    const char *t = texts->items[i];
    if (!strstr(t, "mkdir") && !strstr(t, "install -d")) continue;
    yes = strstr(t, dir) || strstr(t, last2) || strstr(t, strbuf_cstr(&brace));
  }
  strbuf_destroy(&brace);
  xfree(grand);
  xfree(parent);
  return yes;
}

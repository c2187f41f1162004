/* runtime-dir-missing: the final stage starts a program that needs a
 * directory the image never creates, so the container dies at start.
 *
 * Three programs are known (rules.md section C):
 *   - supervisord, started by CMD/ENTRYPOINT or configured by a copied
 *     supervisord.conf: the folders of `logfile=` and of every program's
 *     `stdout_logfile=`/`stderr_logfile=` (and `childlogdir=`) in the
 *     copied configuration, read from the build context.  Without a
 *     copied configuration the packaged one applies, and both packages
 *     provide its folder: Debian's logs to /var/log/supervisor, which the
 *     package ships, Alpine's to /var/log/supervisord.log;
 *   - Alpine's own nginx package (`apk add nginx`), which writes its pid
 *     to /run/nginx/nginx.pid but does not ship /run/nginx
 *     (images.md R54).  The official nginx images use /var/run/nginx.pid
 *     and are never flagged (R24, R25), nor is a package from nginx.org's
 *     repository (`apk add -X …`), nor a copied nginx.conf whose `pid`
 *     points elsewhere;
 *   - a Laravel app (artisan in the build context), which needs
 *     storage/logs and storage/framework/{cache,sessions,views} beside
 *     artisan in the image.
 * A directory counts as created when context__dir_exists says so.  The
 * fix inserts one `RUN mkdir -p` line before CMD/ENTRYPOINT (before the
 * stage's USER line when that comes first, so the RUN still runs as
 * root, and with a chown to that user). */
#include <string.h>

#include "context_rules.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/context_files.h"
#include "dockls/model/images.h"
#include "dockls/base/path.h"

/* One program's needs: the directories it misses and where to report. */
typedef struct {
  const char *what; /* "supervisord", "nginx", "The Laravel app" */
  size_t start, end;
  StrArray missing;
  StrArray reasons; /* one per missing directory */
  Array(Related) related;
} Need;

static void need_add(Need *n, const char *dir, const char *reason, FileId file, size_t start,
                     size_t end, bool has_place) {
  for (size_t i = 0; i < n->missing.len; i++)
    if (strcmp(n->missing.items[i], dir) == 0) return;
  array_push(&n->missing, xstrdup(dir));
  array_push(&n->reasons, xstrdup(reason));
  if (has_place) array_push(&n->related, ((Related){file, start, end, xstrdup(reason)}));
}

static void need_destroy(Need *n) {
  strarray_delete(&n->missing);
  strarray_delete(&n->reasons);
  for (size_t i = 0; i < n->related.len; i++) xfree(n->related.items[i].message);
  array_delete(&n->related);
}

/* Drops the directories that a start script creates. */
static void need_drop_created(Need *n, const StrArray *scripts) {
  for (size_t i = n->missing.len; i-- > 0;) {
    if (!context__start_creates(scripts, n->missing.items[i])) continue;
    for (size_t r = n->related.len; r-- > 0;)
      if (strcmp(n->related.items[r].message, n->reasons.items[i]) == 0) {
        xfree(n->related.items[r].message);
        memmove(&n->related.items[r], &n->related.items[r + 1], (n->related.len - r - 1) * sizeof(Related));
        n->related.len--;
      }
    xfree(n->missing.items[i]);
    xfree(n->reasons.items[i]);
    memmove(&n->missing.items[i], &n->missing.items[i + 1], (n->missing.len - i - 1) * sizeof(char *));
    memmove(&n->reasons.items[i], &n->reasons.items[i + 1], (n->reasons.len - i - 1) * sizeof(char *));
    n->missing.len--;
    n->reasons.len--;
  }
}

static const char *base_name(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

/* The image path where source `k` of COPY `i` lands. */
static char *landing_path(const CtxEnv *env, const DfStage *st, size_t i, size_t k) {
  const DfInstr *in = &env->m->instrs.items[i];
  char *dest = context__image_path(env, st, i, array_last(df_paths(in))->text);
  if (!dest || !context__dest_is_dir(in)) return dest;
  char *out = path_join(dest, base_name(df_paths(in)->items[k].text));
  xfree(dest);
  return out;
}

/* --- supervisord ------------------------------------------------------------ */

/* The config path given with -c / --configuration, or NULL. */
static const char *supervisord_config_arg(const ShellCommand *c) {
  for (size_t i = 0; i < c->args.len; i++) {
    const char *a = c->args.items[i].value;
    const char *next = i + 1 < c->args.len ? c->args.items[i + 1].value : NULL;
    if (strncmp(a, "--configuration=", 16) == 0) return a + 16;
    if (strcmp(a, "--configuration") == 0) return next;
    if (a[0] == '-' && a[1] != '-') {
      const char *cflag = strchr(a, 'c');
      if (cflag) return cflag[1] ? cflag + 1 : next;
    }
  }
  return NULL;
}

static bool supervisor_config_name(const char *landing, const char *src, const char *config_arg) {
  const char *b = base_name(src);
  if (config_arg && strcmp(landing, config_arg) == 0) return true;
  if (strncmp(b, "supervisor", 10) == 0 && (strstr(b, ".conf") || strstr(b, ".ini"))) return true;
  return strcmp(landing, "/etc/supervisord.conf") == 0 ||
         (path_is_under(landing, "/etc/supervisor") && strcmp(landing, "/etc/supervisor") != 0) ||
         (path_is_under(landing, "/etc/supervisor.d") && strcmp(landing, "/etc/supervisor.d") != 0);
}

/* False when no source of COPY `in` can land on a supervisord
 * configuration unless its own name says `supervisor`, decided from the
 * text alone: supervisor_config_name needs `supervisor` in the source's
 * name or in the landing path, or the landing path given with -c.  A
 * landing path is the destination with `.` and `..` resolved (which
 * removes words, never adds them), joined to the source's name when it is
 * a folder, so an absolute destination without a variable and without
 * `supervisor` lands elsewhere.  This keeps the rule from working out the
 * landing path of every COPY of a long stage on every keystroke; it is
 * asked once per COPY, and each source's name only when it says false.
 * The destination's part is worked out when the record is read
 * (DfInstr.dest_may_be_config), since this is asked of every COPY of the
 * final stage's chain on every keystroke. */
static bool dest_may_land_on_config(const DfInstr *in, const char *config_arg) {
  return config_arg || in->dest_may_be_config;
}

static void supervisor_read(const CtxEnv *env, const DfStage *fin, const char *path, Need *n,
                            bool *have_logs) {
  const RuleCtx *ctx = env->ctx;
  FileId id;
  if (!ws_read(ctx->ws, ctx->file, path, &id)) return;
  const TextDoc *t = ws_text(ctx->ws, id);
  IniFile *ini = ini_file_parse(t->bytes, t->len);
  SupervisorLogArray logs;
  array_init(&logs);
  supervisor_log_paths(ini, &logs);
  size_t cl = strlen(env->context_dir);
  const char *rel = strncmp(path, env->context_dir, cl) == 0 ? path + cl + 1 : path;
  for (size_t i = 0; i < logs.len; i++) {
    const IniEntry *e = logs.items[i].entry;
    char *dir = logs.items[i].is_dir ? path_join("/", e->value) : path_dirname(e->value);
    char *norm = path_join("/", dir);
    *have_logs = true;
    if (!context__dir_exists(env, fin, fin->last, norm)) {
      StrBuf why = STRBUF_INIT;
      strbuf_appendf(&why, "%s=%s in %s", e->key, e->value, rel);
      need_add(n, norm, strbuf_cstr(&why), id, e->value_start, e->value_end, true);
      strbuf_destroy(&why);
    }
    xfree(norm);
    xfree(dir);
  }
  array_delete(&logs);
  ini_file_delete(ini);
}

static void supervisor_need(const CtxEnv *env, const DfStage *fin, Need *n) {
  const RuleCtx *ctx = env->ctx;
  const char *config_arg = NULL;
  bool started = false;
  DfStartWalk walk;
  dockerfile_start_walk(env->m, fin, &walk);
  for (const ShellCommand *cmd; (cmd = dockerfile_start_next(&walk)) != NULL;) {
    if (!shell_is(cmd, "supervisord")) continue;
    if (!started) {
      n->start = cmd->name.start;
      n->end = cmd->name.end;
    }
    started = true;
    if (!config_arg) config_arg = supervisord_config_arg(cmd);
  }
  bool copied = false, have_logs = false;
  for (const DfStage *s = fin; s; s = context__parent(env, s)) {
    DfKindWalk copies;
    dockerfile_kind_walk(&copies, env->m, DF_COPY, DF_ADD, s->first, s->last);
    for (size_t i; dockerfile_kind_next(&copies, &i);) {
      const DfInstr *in = &env->m->instrs.items[i];
      if (in->parts.paths.len < 2) continue;
      /* Whether the instruction's text holds `supervisor` at all: every
       * path is a piece of that text (at most without its quotes), so
       * without it no path is searched. */
      bool named = !in->source || in->names_supervisor;
      bool dest_may_land = dest_may_land_on_config(in, config_arg);
      if (!dest_may_land && !named) continue;
      for (size_t k = 0; k + 1 < df_paths(in)->len; k++) {
        const DfText *src = &df_paths(in)->items[k];
        if (!dest_may_land && !strstr(src->text, "supervisor")) continue;
        /* A copy out of another stage or an image reads nothing of the
         * build context. */
        if (strpbrk(src->text, "*?[") || context__flag(in, "from")) continue;
        char *landing = landing_path(env, s, i, k);
        char *sp = context__source_path(env, s, i, src->text);
        if (landing && sp && supervisor_config_name(landing, src->text, config_arg)) {
          WsPathKind kind = ws_stat(ctx->ws, ctx->file, sp);
          if (kind == WS_PATH_DIR) {
            /* A folder of fragments copied into conf.d / supervisor.d. */
            const StrArray *names = ws_list(ctx->ws, ctx->file, sp);
            for (size_t f = 0; names && f < names->len && f < 32; f++) {
              const char *nm = names->items[f];
              size_t l = strlen(nm);
              if ((l > 5 && strcmp(nm + l - 5, ".conf") == 0) || (l > 4 && strcmp(nm + l - 4, ".ini") == 0)) {
                char *fp = path_join(sp, nm);
                supervisor_read(env, fin, fp, n, &have_logs);
                xfree(fp);
              }
            }
          } else {
            supervisor_read(env, fin, sp, n, &have_logs);
          }
          if (!started && !copied) {
            n->start = src->start;
            n->end = src->end;
          }
          copied = true;
        }
        xfree(landing);
        xfree(sp);
      }
    }
  }
  n->what = "supervisord";
}

/* --- nginx on Alpine ------------------------------------------------------------ */

/* The root stage's image facts: false when unknown. */
static bool root_facts(const CtxEnv *env, const DfStage *st, ImageFacts *facts) {
  while (context__parent(env, st)) st = context__parent(env, st);
  const DfInstr *from = &env->m->instrs.items[st->from_instr];
  return st->image && images_lookup(st->image, context__flag(from, "platform"), facts);
}

/* The main config nginx reads: /etc/nginx/nginx.conf as the copies of the
 * final stage chain leave it.  Returns the folder of its `pid` directive
 * (caller owns), or NULL when no copy replaces the package's config or
 * the copied one has no `pid`.  *unknown is set when a copy may replace
 * it with something we cannot read (another stage, an image, a context
 * we cannot see, a relative pid path). */
static char *nginx_pid_dir(const CtxEnv *env, const DfStage *fin, bool *unknown) {
  static const char conf_path[] = "/etc/nginx/nginx.conf";
  const RuleCtx *ctx = env->ctx;
  char *pid_dir = NULL;
  /* Copies apply from the root stage to the final one; a later one wins. */
  const DfStage *chain[16];
  size_t depth = 0;
  for (const DfStage *s = fin; s && depth < 16; s = context__parent(env, s)) chain[depth++] = s;
  for (size_t c = depth; c-- > 0 && !*unknown;) {
    DfKindWalk copies;
    dockerfile_kind_walk(&copies, env->m, DF_COPY, DF_ADD, chain[c]->first, chain[c]->last);
    for (size_t i; !*unknown && dockerfile_kind_next(&copies, &i);) {
      const DfStage *s = chain[c];
      const DfInstr *in = &env->m->instrs.items[i];
      if (df_paths(in)->len < 2 || in->heredoc) continue;
      char *dest = context__image_path(env, s, i, array_last(df_paths(in))->text);
      bool above = !dest || path_is_under(conf_path, dest);
      for (size_t k = 0; k + 1 < df_paths(in)->len && !*unknown; k++) {
        char *landing = landing_path(env, s, i, k);
        bool exact = landing && strcmp(landing, conf_path) == 0;
        xfree(landing);
        if (!exact && !above) continue;
        const char *src = df_paths(in)->items[k].text;
        if (context__flag(in, "from") || strpbrk(src, "*?[")) {
          *unknown = exact || strcmp(base_name(src), "nginx.conf") != 0 || above;
          continue;
        }
        char *sp = context__source_path(env, s, i, src);
        WsPathKind kind = sp ? ws_stat(ctx->ws, ctx->file, sp) : WS_PATH_OTHER;
        char *file = NULL;
        if (kind == WS_PATH_DIR && above) {
          /* A folder copied onto /etc, /etc/nginx or / (a root overlay):
           * its nginx.conf, if it has one, replaces the package's. */
          const char *rel = conf_path + (strcmp(dest, "/") == 0 ? 0 : strlen(dest));
          while (*rel == '/') rel++;
          file = path_join(sp, rel);
          WsPathKind fk = ws_stat(ctx->ws, ctx->file, file);
          if (fk == WS_PATH_MISSING) {
            xfree(file);
            file = NULL;
          } else if (fk != WS_PATH_FILE) {
            *unknown = true;
          }
        } else if (kind == WS_PATH_FILE && exact) {
          file = xstrdup(sp);
        } else if (kind != WS_PATH_FILE && kind != WS_PATH_DIR) {
          /* A context we cannot see: a folder (or the file itself) may
           * bring a main config. */
          size_t bl = strlen(src);
          *unknown = exact || (above && (src[bl - 1] == '/' || !strchr(base_name(src), '.')));
        }
        FileId id;
        if (file && !*unknown) {
          if (!ws_read(ctx->ws, ctx->file, file, &id)) {
            *unknown = true;
          } else {
            char *pid = nginx_conf_pid(ws_text(ctx->ws, id)->bytes, ws_text(ctx->ws, id)->len);
            xfree(pid_dir);
            pid_dir = NULL;
            if (pid && pid[0] != '/') *unknown = true;
            else if (pid) pid_dir = path_dirname(pid);
            xfree(pid);
          }
        }
        xfree(file);
        xfree(sp);
      }
      xfree(dest);
    }
  }
  return pid_dir;
}

static void nginx_need(const CtxEnv *env, const DfStage *fin, Need *n) {
  n->what = "Alpine's nginx package";
  ImageFacts facts;
  if (!root_facts(env, fin, &facts) || facts.os != IMG_OS_ALPINE ||
      (facts.family && strcmp(facts.family, "nginx") == 0))
    return;
  const PkgEvent *install = NULL;
  const DfStage *install_stage = NULL;
  for (const DfStage *s = fin; s; s = context__parent(env, s))
    for (size_t i = 0; i < s->packages.len; i++) {
      const PkgEvent *ev = &s->packages.items[i];
      if (ev->manager != PKG_APK || !ev->names_nginx) continue;
      if (!ev->add) return; /* removed again (or in a parent we read later) */
      const DfInstr *in = &env->m->instrs.items[ev->instr];
      const ShellCommand *c = &df_shell(in)->commands.items[ev->command];
      bool other_repo = shell_has_arg(c, "-X") || shell_has_arg(c, "--repository");
      if (!other_repo && (!install || ev->instr > install->instr)) {
        install = ev;
        install_stage = s;
      }
    }
  if (!install) return;
  (void)install_stage;
  /* A pid path given on the command line, or a main config we cannot
   * read, may move the pid file anywhere: stay silent then. */
  const ShellScript *start[2];
  dockerfile_start_scripts(env->m, fin, start);
  for (size_t k = 0; k < 2; k++)
    for (size_t c = 0; start[k] && c < start[k]->commands.len; c++)
      for (size_t a = 0; a < start[k]->commands.items[c].args.len; a++)
        if (strstr(start[k]->commands.items[c].args.items[a].value, "pid")) return;
  bool unknown = false;
  char *pid_dir = nginx_pid_dir(env, fin, &unknown);
  if (unknown) return;
  const char *needed = pid_dir ? pid_dir : "/run/nginx";
  char *norm = path_join("/", needed);
  if (path_is_under(norm, "/var/run")) memmove(norm, norm + 4, strlen(norm + 4) + 1);
  if (!context__dir_exists(env, fin, fin->last, norm)) {
    StrBuf why = STRBUF_INIT;
    strbuf_appendf(&why, "the pid file goes to %s", norm);
    need_add(n, norm, strbuf_cstr(&why), 0, 0, 0, false);
    strbuf_destroy(&why);
    n->start = install->start;
    n->end = install->end;
  }
  xfree(norm);
  xfree(pid_dir);
}

/* --- Laravel ---------------------------------------------------------------- */

/* What laravel_app_dir found for one stage, kept so that a stage that
 * many copies read from is searched once (without it, stages that copy
 * from several stages each would be searched once per path to them). */
typedef struct {
  bool done;
  char *app;
  const DfText *word;
} LaravelSeen;

static char *laravel_app_dir(const CtxEnv *env, const DfStage *st, const DfText **word, LaravelSeen *seen,
                             int depth);

/* laravel_app_dir for the source stage of a COPY --from, remembered. */
static char *laravel_source_app(const CtxEnv *env, const DfStage *src, LaravelSeen *seen, int depth) {
  LaravelSeen *memo = &seen[src->index];
  if (!memo->done) {
    memo->app = laravel_app_dir(env, src, &memo->word, seen, depth + 1);
    memo->done = true;
  }
  return memo->app ? xstrdup(memo->app) : NULL;
}

/* The image folder that holds artisan after stage `st`, and the source
 * word that brought it there; NULL when no copy of the app is seen.
 * Copy sources are earlier stages (dockerfile_copy_source), so the
 * search ends; the depth bound only keeps the C stack small. */
static char *laravel_app_dir(const CtxEnv *env, const DfStage *st, const DfText **word, LaravelSeen *seen,
                             int depth) {
  if (depth > 16) return NULL;
  char *artisan = path_join(env->context_dir, "artisan");
  char *app = NULL;
  for (const DfStage *s = st; s && !app; s = context__parent(env, s))
    for (size_t i = s->last; i-- > s->first && !app;) {
      const DfInstr *in = &env->m->instrs.items[i];
      if ((in->kind != DF_COPY && in->kind != DF_ADD) || df_paths(in)->len < 2) continue;
      const char *from = context__flag(in, "from");
      char *dest = context__image_path(env, s, i, array_last(df_paths(in))->text);
      for (size_t k = 0; dest && k + 1 < df_paths(in)->len && !app; k++) {
        const DfText *src = &df_paths(in)->items[k];
        if (from) {
          const DfStage *other = dockerfile_copy_source(env->m, i);
          char *inner = other ? laravel_source_app(env, other, seen, depth) : NULL;
          char *x = inner ? dockerfile_expand(env->m, s, i, src->text) : NULL;
          char *srcp = x ? path_join("/", x) : NULL;
          if (srcp && path_is_under(inner, srcp)) {
            const char *below = inner + (strcmp(srcp, "/") == 0 ? 0 : strlen(srcp));
            while (*below == '/') below++;
            app = path_join(dest, *below ? below : ".");
            *word = src;
          }
          xfree(srcp);
          xfree(x);
          xfree(inner);
          continue;
        }
        char *sp = context__source_path(env, s, i, src->text);
        if (sp && strcmp(sp, env->context_dir) == 0) {
          app = xstrdup(dest);
        } else if (sp && strcmp(sp, artisan) == 0) {
          app = context__dest_is_dir(in) || strcmp(base_name(dest), "artisan") != 0 ? xstrdup(dest)
                                                                                   : path_dirname(dest);
        }
        if (app) *word = src;
        xfree(sp);
      }
      xfree(dest);
    }
  xfree(artisan);
  return app;
}

static void laravel_need(const CtxEnv *env, const DfStage *fin, Need *n) {
  const RuleCtx *ctx = env->ctx;
  n->what = "The Laravel app";
  char *artisan = path_join(env->context_dir, "artisan");
  bool is_laravel = ws_stat(ctx->ws, ctx->file, artisan) == WS_PATH_FILE;
  xfree(artisan);
  if (!is_laravel) return;
  const DfText *word = NULL;
  LaravelSeen *seen = xcalloc(env->m->stages.len, sizeof *seen);
  char *app = laravel_app_dir(env, fin, &word, seen, 0);
  for (size_t i = 0; i < env->m->stages.len; i++) xfree(seen[i].app);
  xfree(seen);
  if (!app) return;
  static const char *const subdirs[] = {"storage/logs", "storage/framework/cache",
                                        "storage/framework/sessions", "storage/framework/views"};
  for (size_t i = 0; i < 4; i++) {
    char *p = path_join(app, subdirs[i]);
    if (!context__dir_exists(env, fin, fin->last, p)) need_add(n, p, subdirs[i], 0, 0, 0, false);
    xfree(p);
  }
  n->start = word->start;
  n->end = word->end;
  xfree(app);
}

/* --- Report and fix ------------------------------------------------------------ */

static bool is_root(const char *user) {
  return strcmp(user, "root") == 0 || strcmp(user, "0") == 0 || strncmp(user, "root:", 5) == 0 ||
         strncmp(user, "0:", 2) == 0;
}

/* The fix: one RUN that creates every missing directory of every
 * program, so that whichever diagnostic the user fixes first, the others
 * are fixed with it (and fix-all applies one edit, not several at the
 * same place). */
static void add_fix(const CtxEnv *env, const DfStage *fin, Diag *d, const StrArray *dirs) {
  const DockerfileModel *m = env->m;
  size_t anchor = fin->last;
  for (size_t i = fin->first; i < fin->last && anchor == fin->last; i++)
    if (m->instrs.items[i].kind == DF_CMD || m->instrs.items[i].kind == DF_ENTRYPOINT) anchor = i;
  const DfInstr *own_user = NULL;
  for (size_t i = fin->first; i < anchor && i < fin->last; i++)
    if (m->instrs.items[i].kind == DF_USER && df_paths(&m->instrs.items[i])->len) own_user = &m->instrs.items[i];
  const DfInstr *inherited = own_user ? NULL : dockerfile_last(m, fin, DF_USER, true);
  const DfInstr *user = own_user ? own_user : inherited;
  StrBuf who = STRBUF_INIT;
  if (user && df_paths(user)->len) {
    strbuf_append(&who, df_paths(user)->items[0].text);
    if (df_paths(user)->len > 1) strbuf_appendf(&who, ":%s", df_paths(user)->items[1].text);
  }
  bool chown = user && who.len && !is_root(strbuf_cstr(&who));
  /* The folders come from config files and the user from USER: both are
   * written as shell words, quoted where the shell would read them
   * otherwise. */
  StrBuf run = STRBUF_INIT, list = STRBUF_INIT, words = STRBUF_INIT;
  for (size_t i = 0; i < dirs->len; i++) {
    strbuf_appendf(&list, " %s", dirs->items[i]);
    strbuf_append_char(&words, ' ');
    rules__append_shell_word(&words, dirs->items[i]);
  }
  strbuf_appendf(&run, "RUN mkdir -p%s", strbuf_cstr(&words));
  if (chown) {
    strbuf_append(&run, " && chown ");
    rules__append_shell_word(&run, strbuf_cstr(&who));
    strbuf_append(&run, strbuf_cstr(&words));
  }
  strbuf_destroy(&words);
  StrBuf title = STRBUF_INIT;
  strbuf_appendf(&title, "Create%s with RUN mkdir -p", strbuf_cstr(&list));
  Fix *f = rules__add_fix(env->ctx, d, strbuf_cstr(&title), true);
  /* A USER of this stage before CMD would make the RUN run as that user,
   * who cannot create folders under /run or /var/log: go before it.  A
   * user inherited from the parent stage is switched away and back. */
  size_t at = own_user && chown ? (size_t)(own_user - m->instrs.items) : anchor;
  bool after = at >= fin->last;
  size_t offset = after ? m->instrs.items[fin->last - 1].end : m->instrs.items[at].start;
  StrBuf root_line = STRBUF_INIT, back_line = STRBUF_INIT;
  strbuf_append(&root_line, "USER root");
  strbuf_appendf(&back_line, "USER %s", strbuf_cstr(&who));
  if (inherited && chown) {
    const char *lines[] = {strbuf_cstr(&root_line), strbuf_cstr(&run), strbuf_cstr(&back_line)};
    context__insert_lines(f, env->ctx, offset, after, lines, 3);
  } else {
    const char *lines[] = {strbuf_cstr(&run)};
    context__insert_lines(f, env->ctx, offset, after, lines, 1);
  }
  strbuf_destroy(&root_line);
  strbuf_destroy(&back_line);
  strbuf_destroy(&title);
  strbuf_destroy(&run);
  strbuf_destroy(&list);
  strbuf_destroy(&who);
}

void context__runtime_dir_missing(RuleCtx *ctx) {
  CtxEnv env;
  if (!context__env_init(&env, ctx)) return;
  const DfStage *fin = dockerfile_final_stage(env.m);
  if (!fin->posix_shell) return;
  StrArray scripts;
  array_init(&scripts);
  if (!context__start_scripts(&env, fin, &scripts)) {
    strarray_delete(&scripts);
    return;
  }
  Need needs[3];
  memset(needs, 0, sizeof needs);
  supervisor_need(&env, fin, &needs[0]);
  nginx_need(&env, fin, &needs[1]);
  laravel_need(&env, fin, &needs[2]);
  for (size_t i = 0; i < 3; i++) need_drop_created(&needs[i], &scripts);
  strarray_delete(&scripts);
  StrArray all;
  array_init(&all);
  for (size_t i = 0; i < 3; i++)
    for (size_t k = 0; k < needs[i].missing.len; k++) {
      bool dup = false;
      for (size_t j = 0; j < all.len; j++) dup |= strcmp(all.items[j], needs[i].missing.items[k]) == 0;
      if (!dup) array_push(&all, needs[i].missing.items[k]);
    }
  for (size_t i = 0; i < 3; i++) {
    Need *n = &needs[i];
    if (n->missing.len == 0) continue;
    StrBuf dirs = STRBUF_INIT;
    for (size_t k = 0; k < n->missing.len; k++)
      strbuf_appendf(&dirs, "%s%s", k ? ", " : "", n->missing.items[k]);
    Diag *d = diag_add(ctx->out, RULE_RUNTIME_DIR_MISSING, ctx->file, n->start, n->end,
                       "%s needs %s (%s), but the image never creates %s", n->what,
                       strbuf_cstr(&dirs), n->reasons.items[0], n->missing.len > 1 ? "them" : "it");
    for (size_t k = 0; k < n->related.len; k++)
      diag_add_related(d, n->related.items[k].file, n->related.items[k].start, n->related.items[k].end,
                       n->related.items[k].message);
    add_fix(&env, fin, d, &all);
    strbuf_destroy(&dirs);
  }
  array_delete(&all); /* the strings belong to the needs */
  for (size_t i = 0; i < 3; i++) need_destroy(&needs[i]);
}

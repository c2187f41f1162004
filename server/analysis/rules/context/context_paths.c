/* Paths in the image and in the build context, for the build-context
 * rules: the working directory of an instruction, where COPY puts what,
 * what .dockerignore keeps out, and whether a directory exists in a
 * stage's file system.  Every answer that cannot be known (an unknown
 * base image, a variable without a value, a context we cannot see, a copy
 * from another image) errs towards "it is there", because these rules
 * report errors and must not report one that is not real. */
#include <string.h>

#include "context_rules.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/images.h"
#include "dockls/base/path.h"

bool context__env_init(CtxEnv *env, RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (!m || m->stages.len == 0) return false;
  const char *context_dir = rules__build_context(ctx);
  if (!context_dir) return false;
  env->ctx = ctx;
  env->m = m;
  env->context_dir = context_dir;
  return true;
}

const DfStage *context__stage_of(const CtxEnv *env, size_t instr) {
  for (size_t i = 0; i < env->m->stages.len; i++) {
    const DfStage *st = &env->m->stages.items[i];
    if (instr >= st->first && instr < st->last) return st;
  }
  return NULL;
}

const DfStage *context__parent(const CtxEnv *env, const DfStage *stage) {
  return stage->parent >= 0 ? &env->m->stages.items[stage->parent] : NULL;
}


const char *context__flag(const DfInstr *in, const char *name) {
  for (size_t i = 0; i < df_flags(in)->len; i++)
    if (strcmp(df_flags(in)->items[i].name.text, name) == 0) return df_flags(in)->items[i].value.text;
  return NULL;
}

bool context__dest_is_dir(const DfInstr *in) {
  if (df_paths(in)->len > 2) return true;
  if (df_paths(in)->len == 0) return false;
  const char *d = array_last(df_paths(in))->text;
  size_t n = strlen(d);
  return (n > 0 && d[n - 1] == '/') || strcmp(d, ".") == 0 || strcmp(d, "..") == 0;
}

char *context__workdir(const CtxEnv *env, const DfStage *stage, size_t instr) {
  const DfStage *parent = context__parent(env, stage);
  char *wd = parent ? context__workdir(env, parent, parent->last) : xstrdup("/");
  size_t stop = instr < stage->last ? instr : stage->last;
  /* The WORKDIRs before `stop`, found newest first through the model's
   * links, then applied oldest first. */
  Array(size_t) chain;
  array_init(&chain);
  const DfInstr *instrs = env->m->instrs.items;
  size_t i = stop > stage->first ? stop - 1 : DF_NONE;
  if (i != DF_NONE && instrs[i].kind != DF_WORKDIR) i = instrs[i].prev_workdir;
  for (; i != DF_NONE && i >= stage->first; i = instrs[i].prev_workdir) array_push(&chain, i);
  for (size_t k = chain.len; k-- > 0;) {
    const DfInstr *in = &instrs[chain.items[k]];
    if (df_paths(in)->len == 0) continue;
    char *x = dockerfile_expand(env->m, stage, chain.items[k], df_paths(in)->items[0].text);
    char *next = path_join(wd, x ? x : df_paths(in)->items[0].text);
    xfree(x);
    xfree(wd);
    wd = next;
  }
  array_delete(&chain);
  return wd;
}

char *context__image_path(const CtxEnv *env, const DfStage *stage, size_t instr, const char *path) {
  char *x = dockerfile_expand(env->m, stage, instr, path);
  if (!x) return NULL;
  char *wd = context__workdir(env, stage, instr);
  char *out = path_join(wd, x);
  xfree(wd);
  xfree(x);
  /* /var/run is a link to /run on every distribution we know; compare
   * in one spelling. */
  if (path_is_under(out, "/var/run")) {
    char *fixed = xstrdup(out + 4);
    xfree(out);
    out = fixed;
  }
  return out;
}

char *context__source_path(const CtxEnv *env, const DfStage *stage, size_t instr, const char *src) {
  char *x = dockerfile_expand(env->m, stage, instr, src);
  if (!x) return NULL;
  /* Sources are relative to the context even when written absolute. */
  const char *rel = x;
  while (*rel == '/') rel++;
  char *out = path_join(env->context_dir, *rel ? rel : ".");
  xfree(x);
  return out;
}

/* --- .dockerignore --------------------------------------------------------- */

bool context__ignored(const CtxEnv *env, const char *rel) {
  DockerIgnore ig;
  if (!rules__dockerignore_read(env->ctx, env->context_dir, &ig)) return false;
  bool excluded = rules__dockerignore_match(&ig, rel) != NULL;
  rules__dockerignore_destroy(&ig);
  return excluded;
}

/* --- Directories in an image ----------------------------------------------- */

/* Directories every Linux base image we model has. */
static const char *const standard_dirs[] = {
    "/bin", "/dev", "/etc", "/home", "/lib", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin",
    "/srv", "/sys", "/tmp", "/usr/bin", "/usr/lib", "/usr/local/bin", "/usr/local/lib",
    "/usr/local/share", "/usr/sbin", "/usr/share", "/var/cache", "/var/lib", "/var/log",
    "/var/tmp", "/var/spool", "/var/mail", NULL};

/* Directories that a distribution package ships, as far as the rules
 * need them (a package that creates a directory a rule asks about). */
static const struct {
  PkgManager manager;
  const char *package;
  const char *dir;
} package_dirs[] = {
    {PKG_APT, "supervisor", "/var/log/supervisor"},
    {PKG_APT, "supervisor", "/etc/supervisor/conf.d"},
    {PKG_APT, "nginx", "/var/log/nginx"},
    {PKG_APT, "nginx", "/var/lib/nginx"},
    {PKG_APT, "nginx-full", "/var/log/nginx"},
    {PKG_APT, "nginx-light", "/var/log/nginx"},
    {PKG_APK, "nginx", "/var/log/nginx"},
    {PKG_APK, "nginx", "/var/lib/nginx"},
    {PKG_APK, "nginx", "/var/tmp/nginx"},
    {PKG_APK, "nginx", "/etc/nginx/http.d"},
};

/* The package name without a version constraint ("nginx=1.26.2-r0"). */
static size_t package_name_len(const char *name) { return strcspn(name, "=<>~"); }

static bool package_ships(const PkgEvent *ev, const char *path) {
  size_t n = package_name_len(ev->name);
  for (size_t i = 0; i < sizeof package_dirs / sizeof *package_dirs; i++)
    if (package_dirs[i].manager == ev->manager && strlen(package_dirs[i].package) == n &&
        strncmp(package_dirs[i].package, ev->name, n) == 0 &&
        path_is_under(package_dirs[i].dir, path))
      return true;
  return false;
}

/* True when a mkdir argument as written (possibly relative, possibly with
 * a variable we could not expand) may have created `path`. */
static bool mkdir_may_create(const CtxEnv *env, const DfStage *st, const DirFact *d, const char *path) {
  const char *dollar = strrchr(d->path, '$');
  if (dollar) {
    /* `mkdir -p ${APP}/storage/logs`: only the part after the variable is
     * known; it creates `path` when it is that part's tail. */
    const char *tail = dollar + 1;
    if (*tail == '{') tail = strchr(tail, '}') ? strchr(tail, '}') + 1 : tail + strlen(tail);
    else
      while (*tail && *tail != '/') tail++;
    size_t tl = strlen(tail), pl = strlen(path);
    if (tl == 0) return true;
    /* `path` or one of its ancestors may end with the tail. */
    for (size_t end = pl; end > 0; end--)
      if ((end == pl || path[end] == '/') && end >= tl && strncmp(path + end - tl, tail, tl) == 0)
        return true;
    return false;
  }
  if (d->path[0] == '/') {
    char *p = path_join("/", d->path);
    bool yes = path_is_under(p, path) ||
               (path_is_under(p, "/var/run") && path_is_under(p + 4, path));
    xfree(p);
    return yes;
  }
  char *wd = context__workdir(env, st, d->instr);
  char *p = path_join(wd, d->path);
  bool yes = path_is_under(p, path);
  xfree(p);
  xfree(wd);
  /* After a `cd` in the same RUN the folder is unknown: a relative
   * argument that is the tail of `path` counts. */
  size_t pl = strlen(path), dl = strlen(d->path);
  if (!yes && pl > dl && strcmp(path + pl - dl, d->path) == 0 && path[pl - dl - 1] == '/') yes = true;
  return yes;
}

/* Answers already found for a whole stage (path → exists), so that a
 * stage that many copies lead to is searched once per path. */
typedef struct {
  size_t stage;
  char *path;
  bool exists;
} DirAnswer;
typedef Array(DirAnswer) DirAnswers;

/* How far one directory question may search: the depth of parent and
 * copy-source hops, and the number of stage visits in all.  Copies from
 * several stages that copy from several more branch at every hop; the
 * answers and the budget keep that linear, and past the budget the answer
 * is "exists", which keeps the rule silent rather than slow. */
typedef struct {
  int depth;
  size_t *visits_left;
  DirAnswers *answers;
} DirWalk;

static bool dir_exists_at(const CtxEnv *env, const DfStage *st, size_t before, const char *path, DirWalk walk);

/* True when COPY/ADD instruction `i` of stage `st` creates `path`. */
static bool copy_creates(const CtxEnv *env, const DfStage *st, size_t i, const char *path, DirWalk walk) {
  const DfInstr *in = &env->m->instrs.items[i];
  if (df_paths(in)->len < 2 || in->heredoc) return false;
  char *dest = context__image_path(env, st, i, array_last(df_paths(in))->text);
  if (!dest) return true;
  bool yes = path_is_under(dest, path);
  if (yes || !path_is_under(path, dest)) {
    xfree(dest);
    return yes;
  }
  const char *rel = path + strlen(dest);
  while (*rel == '/') rel++;
  const char *from = context__flag(in, "from");
  for (size_t k = 0; k + 1 < df_paths(in)->len && !yes; k++) {
    const char *src = df_paths(in)->items[k].text;
    const char *star = strpbrk(src, "*?[");
    if (star) {
      /* `*.conf` matches files; a pattern that may match a folder copies
       * that folder's content, which we cannot follow. */
      yes = strchr(star, '.') == NULL;
      continue;
    }
    if (from) {
      const DfStage *other = dockerfile_copy_source(env->m, i);
      char *x = dockerfile_expand(env->m, st, i, src);
      if (!other || !x) {
        yes = true; /* a copy from an image, or an unknown path */
      } else {
        char *base = path_join("/", x);
        char *inner = path_join(base, rel);
        yes = dir_exists_at(env, other, other->last, inner, (DirWalk){walk.depth + 1, walk.visits_left, walk.answers});
        xfree(inner);
        xfree(base);
      }
      xfree(x);
      continue;
    }
    if (in->kind == DF_ADD && (strstr(src, "://") || strstr(src, ".tar") || strstr(src, ".tgz"))) {
      yes = true; /* a download or an archive that ADD unpacks */
      continue;
    }
    char *sp = context__source_path(env, st, i, src);
    if (!sp) {
      yes = true;
      continue;
    }
    WsPathKind kind = ws_stat(env->ctx->ws, env->ctx->file, sp);
    if (kind == WS_PATH_DIR) {
      char *inner = path_join(sp, rel);
      size_t cl = strlen(env->context_dir);
      const char *ctx_rel = strncmp(inner, env->context_dir, cl) == 0 ? inner + cl : inner;
      while (*ctx_rel == '/') ctx_rel++;
      yes = !context__ignored(env, ctx_rel) && ws_stat(env->ctx->ws, env->ctx->file, inner) == WS_PATH_DIR;
      xfree(inner);
    } else if (kind != WS_PATH_FILE) {
      yes = true; /* a context we cannot see */
    }
    xfree(sp);
  }
  xfree(dest);
  return yes;
}

static bool dir_search(const CtxEnv *env, const DfStage *st, size_t before, const char *path, DirWalk walk) {
  for (size_t k = 0; standard_dirs[k]; k++)
    if (path_is_under(standard_dirs[k], path)) return true;
  size_t stop = before < st->last ? before : st->last;
  const DirFactArray *dirs = dockerfile_stage_dirs(env->m, st);
  for (size_t i = 0; i < dirs->len; i++) {
    const DirFact *d = &dirs->items[i];
    if (d->instr < stop && env->m->instrs.items[d->instr].kind == DF_RUN && mkdir_may_create(env, st, d, path))
      return true;
  }
  for (size_t i = 0; i < st->packages.len; i++) {
    const PkgEvent *ev = &st->packages.items[i];
    if (ev->add && ev->instr < stop && package_ships(ev, path)) return true;
  }
  for (size_t i = st->first; i < stop; i++) {
    const DfInstr *in = &env->m->instrs.items[i];
    if (in->kind == DF_WORKDIR || in->kind == DF_VOLUME) {
      for (size_t k = 0; k < df_paths(in)->len; k++) {
        char *p = context__image_path(env, st, i, df_paths(in)->items[k].text);
        bool yes = !p || path_is_under(p, path);
        xfree(p);
        if (yes) return true;
      }
    } else if ((in->kind == DF_COPY || in->kind == DF_ADD) && copy_creates(env, st, i, path, walk)) {
      return true;
    }
  }
  const DfStage *parent = context__parent(env, st);
  if (parent) return dir_exists_at(env, parent, parent->last, path, (DirWalk){walk.depth + 1, walk.visits_left, walk.answers});
  ImageFacts facts;
  const DfInstr *from = &env->m->instrs.items[st->from_instr];
  if (!st->image || !images_lookup(st->image, context__flag(from, "platform"), &facts)) return true;
  for (size_t k = 0; facts.dirs && facts.dirs[k]; k++) {
    const char *d = facts.dirs[k];
    if (path_is_under(d, "/var/run") && path_is_under(d + 4, path)) return true;
    if (path_is_under(d, path)) return true;
  }
  return false;
}

static bool dir_exists_at(const CtxEnv *env, const DfStage *st, size_t before, const char *path, DirWalk walk) {
  if (walk.depth > 8 || *walk.visits_left == 0 || strcmp(path, "/") == 0) return true;
  --*walk.visits_left;
  bool whole = before >= st->last;
  for (size_t i = 0; whole && i < walk.answers->len; i++) {
    const DirAnswer *a = &walk.answers->items[i];
    if (a->stage == st->index && strcmp(a->path, path) == 0) return a->exists;
  }
  bool exists = dir_search(env, st, before, path, walk);
  if (whole) array_push(walk.answers, ((DirAnswer){st->index, xstrdup(path), exists}));
  return exists;
}

bool context__dir_exists(const CtxEnv *env, const DfStage *stage, size_t before, const char *path) {
  size_t visits_left = 4096;
  DirAnswers answers;
  array_init(&answers);
  bool exists = dir_exists_at(env, stage, before, path, (DirWalk){0, &visits_left, &answers});
  for (size_t i = 0; i < answers.len; i++) xfree(answers.items[i].path);
  array_delete(&answers);
  return exists;
}

/* --- npm command words ---------------------------------------------------- */

/* npm options that take their value as the next word. */
static bool npm_takes_value(const char *opt) {
  static const char *const opts[] = {"--prefix", "-C", "--userconfig", "--cache", "--registry",
                                     "--loglevel", "-w", "--workspace", "--omit", "--include",
                                     "--only", "--install-strategy", "--tag", NULL};
  for (size_t i = 0; opts[i]; i++)
    if (strcmp(opts[i], opt) == 0) return true;
  return false;
}

const ShellWord *context__npm_verb(const ShellCommand *cmd) {
  if (!shell_is(cmd, "npm")) return NULL;
  for (size_t i = 0; i < cmd->args.len; i++) {
    const char *a = cmd->args.items[i].value;
    if (a[0] != '-') return &cmd->args.items[i];
    if (npm_takes_value(a)) i++;
  }
  return NULL;
}

bool context__npm_is_ci(const ShellCommand *cmd) {
  static const char *const verbs[] = {"ci", "clean-install", "ic", "install-clean", "isntall-clean", NULL};
  const ShellWord *v = context__npm_verb(cmd);
  for (size_t i = 0; v && verbs[i]; i++)
    if (strcmp(v->value, verbs[i]) == 0) return true;
  return false;
}

bool context__npm_is_install(const ShellCommand *cmd) {
  static const char *const verbs[] = {"install", "i", "in", "isntall", "add", NULL};
  const ShellWord *v = context__npm_verb(cmd);
  bool is = false;
  for (size_t i = 0; v && verbs[i]; i++) is |= strcmp(v->value, verbs[i]) == 0;
  if (!is || shell_has_arg(cmd, "-g") || shell_has_arg(cmd, "--global")) return false;
  /* With package operands it installs those packages, not the project. */
  size_t at = (size_t)(v - cmd->args.items);
  for (size_t i = at + 1; i < cmd->args.len; i++) {
    const char *a = cmd->args.items[i].value;
    if (a[0] != '-') return false;
    if (npm_takes_value(a)) i++;
  }
  return true;
}

/* --- Edits ---------------------------------------------------------------- */

void context__insert_lines(Fix *fix, const RuleCtx *ctx, size_t offset, bool after,
                           const char *const *lines, size_t count) {
  const TextDoc *t = ctx->text;
  const char *eol = rules__eol(t);
  StrBuf b = STRBUF_INIT;
  size_t at;
  if (after) {
    at = offset;
    while (at < t->len && t->bytes[at] != '\n') at++;
    if (at < t->len) at++;
    else strbuf_append(&b, eol); /* the file does not end with a line break */
  } else {
    at = rules__line_start(t, offset);
  }
  for (size_t i = 0; i < count; i++) {
    strbuf_append(&b, lines[i]);
    if (!(after && at == t->len && i + 1 == count)) strbuf_append(&b, eol);
  }
  fix_add_edit(fix, ctx->file, at, at, strbuf_cstr(&b));
  strbuf_destroy(&b);
}

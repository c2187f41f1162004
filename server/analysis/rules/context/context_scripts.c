/* npm-script-dependency: an install lifecycle script of the copied
 * package.json runs a binary that this install does not put into
 * node_modules/.bin.
 *
 * `npm ci` and `npm install` run the project's preinstall, install,
 * postinstall and prepare scripts with node_modules/.bin on PATH.  Two
 * things break them in a Docker build: the script calls a tool that no
 * dependency provides (`patch-package` that was only ever installed
 * globally on the author's machine), or the tool comes from
 * devDependencies while the install leaves those out (`--omit=dev`,
 * `--production`, NODE_ENV=production), the classic `husky: not found`
 * of a production image.
 *
 * Which package provides a binary is read from the lockfile when it
 * records "bin" maps (lockfileVersion 2 and 3); otherwise a direct
 * dependency of the same name provides it, and a short table maps the
 * well-known tools whose binary and package names differ.  A binary none
 * of these know (python3, make, a system tool) is never reported: it may
 * come from the base image.  node, npm, npx and node-gyp come with the
 * node image and are therefore never "missing" either. */
#include <string.h>

#include "context_rules.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/context_files.h"
#include "dockls/base/path.h"

/* Tools that lifecycle scripts run, with the packages that provide them
 * (the first is the one the fix adds; the others provide the binary too,
 * e.g. nuxt depends on nuxi). */
static const struct {
  const char *bin;
  const char *pkgs[3];
} known_bins[] = {
    {"patch-package", {"patch-package"}},
    {"husky", {"husky"}},
    {"tsc", {"typescript"}},
    {"rimraf", {"rimraf"}},
    {"ngcc", {"@angular/compiler-cli"}},
    {"ngc", {"@angular/compiler-cli"}},
    {"ng", {"@angular/cli"}},
    {"node-pre-gyp", {"@mapbox/node-pre-gyp", "node-pre-gyp"}},
    {"prebuild-install", {"prebuild-install"}},
    {"electron-builder", {"electron-builder"}},
    {"electron-rebuild", {"@electron/rebuild", "electron-rebuild"}},
    {"lerna", {"lerna"}},
    {"ts-node", {"ts-node"}},
    {"tsx", {"tsx"}},
    {"vite", {"vite"}},
    {"webpack", {"webpack", "webpack-cli"}},
    {"rollup", {"rollup"}},
    {"esbuild", {"esbuild"}},
    {"babel", {"@babel/cli"}},
    {"nuxi", {"nuxi", "nuxt"}},
    {"nuxt", {"nuxt"}},
    {"svelte-kit", {"@sveltejs/kit"}},
    {"prisma", {"prisma"}},
    {"is-ci", {"is-ci"}},
    {"opencollective-postinstall", {"opencollective-postinstall"}},
    {"simple-git-hooks", {"simple-git-hooks"}},
    {"lefthook", {"lefthook"}},
    {"playwright", {"playwright", "@playwright/test"}},
    {"cypress", {"cypress"}},
    {"gulp", {"gulp-cli", "gulp"}},
    {"grunt", {"grunt-cli", "grunt"}},
    {"bower", {"bower"}},
    {"node-gyp-build", {"node-gyp-build"}},
    {"tailwindcss", {"tailwindcss", "@tailwindcss/cli"}},
    {"sass", {"sass"}},
    {"concurrently", {"concurrently"}},
    {"run-s", {"npm-run-all", "npm-run-all2"}},
    {"run-p", {"npm-run-all", "npm-run-all2"}},
    {"npm-run-all", {"npm-run-all", "npm-run-all2"}},
    {"copyfiles", {"copyfiles"}},
    {"shx", {"shx"}},
    {"cross-env", {"cross-env"}},
    {"next", {"next"}},
    {"astro", {"astro"}},
    {"turbo", {"turbo"}},
    {"nx", {"nx"}},
};

static const char *const lifecycle_scripts[] = {"preinstall", "install", "postinstall", "prepare", NULL};

/* The version range the fix writes.  "*" accepts whatever `npm install`
 * resolves, and npm records the exact version in the lockfile, which is
 * what `npm ci` installs; pinning a guessed version offline would be
 * worse than letting npm choose.  The message tells the user to run
 * `npm install` so the lockfile learns about the package. */
#define ADDED_SPEC "*"

typedef struct {
  const CtxEnv *env;
  const ShellCommand *cmd;
  const ShellWord *verb;
  FileId pj_id;
  const char *pj_text;
  const PackageJson *pj;
  const NpmLock *lock; /* NULL without a lockfile */
  bool omit_dev;
  const char *omit_how; /* what omits them, for the message */
  StrArray reported;    /* binaries already reported for this command */
  StrArray globals;     /* packages installed with `npm install -g` before the command */
} ScriptCheck;

/* Where a package is declared: the strongest kind, or -1. */
static int declared_kind(const PackageJson *pj, const char *name) {
  static const PkgDepKind order[] = {PKG_DEPS_PROD, PKG_DEPS_OPTIONAL, PKG_DEPS_PEER, PKG_DEPS_DEV};
  for (size_t i = 0; i < 4; i++)
    if (package_json_find(&pj->deps[order[i]], name)) return (int)order[i];
  return -1;
}

/* A direct dependency whose name, or whose name after its scope, is the
 * binary's name (the common case: a package's main binary is its name). */
static const char *direct_provider(const PackageJson *pj, const char *bin) {
  for (int k = 0; k < PKG_DEPS__COUNT; k++)
    for (size_t i = 0; i < pj->deps[k].entries.len; i++) {
      const char *n = pj->deps[k].entries.items[i].key;
      const char *slash = strrchr(n, '/');
      if (strcmp(n, bin) == 0 || (n[0] == '@' && slash && strcmp(slash + 1, bin) == 0)) return n;
    }
  return NULL;
}

static bool in_list(const StrArray *list, const char *name) {
  for (size_t i = 0; i < list->len; i++)
    if (strcmp(list->items[i], name) == 0) return true;
  return false;
}

/* Records the packages of an `npm install -g a b@1` (their binaries are
 * on PATH for every later script). */
static void add_globals(const ShellCommand *c, StrArray *globals) {
  const ShellWord *v = context__npm_verb(c);
  if (!v || !(shell_has_arg(c, "-g") || shell_has_arg(c, "--global"))) return;
  if (strcmp(v->value, "install") != 0 && strcmp(v->value, "i") != 0 && strcmp(v->value, "add") != 0) return;
  for (size_t i = (size_t)(v - c->args.items) + 1; i < c->args.len; i++) {
    const char *a = c->args.items[i].value;
    if (a[0] == '-') continue;
    /* "patch-package@8", "@scope/tool@1.2": the version starts at an '@'
     * after the first character. */
    const char *at = strchr(a + 1, '@');
    array_push(globals, at ? xstrndup(a, (size_t)(at - a)) : xstrdup(a));
  }
}

static void collect_globals(const CtxEnv *env, size_t instr, const ShellCommand *cmd, StrArray *globals) {
  size_t before = instr + 1;
  for (const DfStage *s = context__stage_of(env, instr); s; s = context__parent(env, s)) {
    for (size_t i = s->first; i < before && i < s->last; i++) {
      const DfInstr *in = &env->m->instrs.items[i];
      if (in->kind != DF_RUN || !df_shell(in)) continue;
      for (size_t k = 0; k < df_shell(in)->commands.len && &df_shell(in)->commands.items[k] != cmd; k++)
        add_globals(&df_shell(in)->commands.items[k], globals);
    }
    const DfStage *p = context__parent(env, s);
    if (p) before = p->last;
  }
}

static bool already(ScriptCheck *sc, const char *bin) {
  for (size_t i = 0; i < sc->reported.len; i++)
    if (strcmp(sc->reported.items[i], bin) == 0) return true;
  array_push(&sc->reported, xstrdup(bin));
  return false;
}

static Diag *report(ScriptCheck *sc, const char *script, const PkgEntry *entry, const char *fmt,
                    const char *bin, const char *extra) {
  const RuleCtx *ctx = sc->env->ctx;
  Diag *d = diag_add(ctx->out, RULE_NPM_SCRIPT_DEPENDENCY, ctx->file, sc->cmd->name.start,
                     sc->verb->end, fmt, script, bin, extra);
  diag_add_related(d, sc->pj_id, entry->value_start, entry->value_end, "the script in package.json");
  return d;
}

/* Adds the package.json edit that adds `pkg` to `kind` (and, with
 * `remove_from` >= 0, removes it from that section) to a new fix. */
static void fix_package_json(ScriptCheck *sc, Diag *d, const char *title, const char *pkg,
                             PkgDepKind kind, int remove_from, const char *spec) {
  size_t s = 0, e = 0;
  char *text = NULL;
  if (!package_json_add_dep_edit(sc->pj, sc->pj_text, kind, pkg, spec, &s, &e, &text)) return;
  Fix *f = rules__add_fix(sc->env->ctx, d, title, true);
  fix_add_edit(f, sc->pj_id, s, e, text);
  xfree(text);
  if (remove_from >= 0 &&
      package_json_remove_dep_edit(sc->pj, sc->pj_text, (PkgDepKind)remove_from, pkg, &s, &e))
    fix_add_edit(f, sc->pj_id, s, e, "");
}

static void check_binary(ScriptCheck *sc, const char *script, const PkgEntry *entry, const char *bin) {
  size_t known = sizeof known_bins / sizeof *known_bins;
  for (size_t i = 0; i < sizeof known_bins / sizeof *known_bins; i++)
    if (strcmp(known_bins[i].bin, bin) == 0) known = i;
  const char *provider = direct_provider(sc->pj, bin);
  if (!provider && sc->lock) provider = npm_lock_bin_provider(sc->lock, bin);
  if (!provider && known < sizeof known_bins / sizeof *known_bins)
    for (size_t k = 0; k < 3 && known_bins[known].pkgs[k] && !provider; k++) {
      const char *p = known_bins[known].pkgs[k];
      bool dev_only = false;
      if (declared_kind(sc->pj, p) >= 0 || (sc->lock && npm_lock_has(sc->lock, p, &dev_only))) provider = p;
    }
  if (in_list(&sc->globals, bin)) return;
  for (size_t k = 0; known < sizeof known_bins / sizeof *known_bins && k < 3 && known_bins[known].pkgs[k]; k++)
    if (in_list(&sc->globals, known_bins[known].pkgs[k])) return;
  if (!provider) {
    if (known == sizeof known_bins / sizeof *known_bins || already(sc, bin)) return;
    const char *pkg = known_bins[known].pkgs[0];
    PkgDepKind kind = sc->omit_dev ? PKG_DEPS_PROD : PKG_DEPS_DEV;
    Diag *d = report(sc, script, entry,
                     "The %s script of package.json runs `%s`, which no dependency provides%s", bin,
                     sc->omit_dev ? " (and this install leaves out devDependencies)" : "");
    StrBuf title = STRBUF_INIT;
    strbuf_appendf(&title, "Add %s to %s in package.json (then run npm install to update the lockfile)",
                   pkg, package_json_deps_key(kind));
    fix_package_json(sc, d, strbuf_cstr(&title), pkg, kind, -1, ADDED_SPEC);
    strbuf_destroy(&title);
    return;
  }
  if (!sc->omit_dev) return;
  int kind = declared_kind(sc->pj, provider);
  bool dev_only = false;
  bool in_lock = sc->lock && npm_lock_has(sc->lock, provider, &dev_only);
  /* Only a package that is installed for development alone goes missing;
   * one that a production dependency also needs stays (the lockfile
   * says so by leaving out "dev": true). */
  bool dev_package = kind == PKG_DEPS_DEV ? (!in_lock || dev_only) : (kind < 0 && in_lock && dev_only);
  if (!dev_package || already(sc, bin)) return;
  StrBuf how = STRBUF_INIT;
  strbuf_appendf(&how, "%s, which %s leaves out", provider, sc->omit_how);
  Diag *d = report(sc, script, entry, "The %s script of package.json runs `%s` from the devDependency %s",
                   bin, strbuf_cstr(&how));
  strbuf_destroy(&how);
  StrBuf title = STRBUF_INIT;
  strbuf_appendf(&title, "Move %s to dependencies in package.json (then run npm install to update the lockfile)",
                 provider);
  const PkgEntry *e = kind == PKG_DEPS_DEV ? package_json_find(&sc->pj->deps[PKG_DEPS_DEV], provider) : NULL;
  fix_package_json(sc, d, strbuf_cstr(&title), provider, PKG_DEPS_PROD, kind == PKG_DEPS_DEV ? PKG_DEPS_DEV : -1,
                   e && e->value ? e->value : ADDED_SPEC);
  strbuf_destroy(&title);
}

static void check_script(ScriptCheck *sc, const char *script, const PkgEntry *entry, int depth) {
  if (!entry->value || depth > 3) return;
  ScriptCommandArray cmds;
  array_init(&cmds);
  script_commands_parse(entry->value, &cmds);
  for (size_t i = 0; i < cmds.len; i++) {
    const ScriptCommand *c = &cmds.items[i];
    /* `npm run build` inside a lifecycle script runs that script too. */
    if (strcmp(c->name, "npm") == 0 && c->arg1 && c->arg2 &&
        (strcmp(c->arg1, "run") == 0 || strcmp(c->arg1, "run-script") == 0)) {
      const PkgEntry *next = package_json_find(&sc->pj->scripts, c->arg2);
      if (next) check_script(sc, script, next, depth + 1);
      continue;
    }
    if (strchr(c->name, '/') || strchr(c->name, '$') || strchr(c->name, '=')) continue;
    check_binary(sc, script, entry, c->name);
  }
  script_commands_clear(&cmds);
}

/* True when the value of variable `name` in effect for the command is
 * `value`: a prefix assignment, an earlier `export` in the same RUN, or
 * ENV/ARG of the stage and its parents. */
static bool env_is(const CtxEnv *env, size_t instr, const ShellCommand *cmd, const char *name,
                   const char *value) {
  size_t nl = strlen(name);
  for (size_t i = 0; i < cmd->assigns.len; i++) {
    const char *a = cmd->assigns.items[i].value;
    if (strncmp(a, name, nl) == 0 && a[nl] == '=') return strcmp(a + nl + 1, value) == 0;
  }
  const DfInstr *run = &env->m->instrs.items[instr];
  for (size_t k = 0; k < df_shell(run)->commands.len && &df_shell(run)->commands.items[k] != cmd; k++) {
    const ShellCommand *c = &df_shell(run)->commands.items[k];
    if (!shell_is(c, "export")) continue;
    for (size_t i = 0; i < c->args.len; i++) {
      const char *a = c->args.items[i].value;
      if (strncmp(a, name, nl) == 0 && a[nl] == '=') return strcmp(a + nl + 1, value) == 0;
    }
  }
  StrBuf ref = STRBUF_INIT;
  strbuf_appendf(&ref, "${%s}", name);
  bool yes = false;
  size_t before = instr;
  for (const DfStage *s = context__stage_of(env, instr); s; s = context__parent(env, s)) {
    char *x = dockerfile_expand(env->m, s, before, strbuf_cstr(&ref));
    if (x) {
      yes = strcmp(x, value) == 0;
      xfree(x);
      break;
    }
    const DfStage *p = context__parent(env, s);
    if (p) before = p->last;
  }
  strbuf_destroy(&ref);
  return yes;
}

/* Works out whether the install leaves out devDependencies, and says how. */
static bool omits_dev(const CtxEnv *env, size_t instr, const ShellCommand *cmd, const char **how) {
  if (shell_has_arg(cmd, "--include=dev") || shell_has_arg(cmd, "--production=false")) return false;
  for (size_t i = 0; i < cmd->args.len; i++) {
    const char *a = cmd->args.items[i].value;
    const char *next = i + 1 < cmd->args.len ? cmd->args.items[i + 1].value : "";
    if (strcmp(a, "--omit=dev") == 0 || (strcmp(a, "--omit") == 0 && strcmp(next, "dev") == 0)) {
      *how = "--omit=dev";
      return true;
    }
    if (strcmp(a, "--production") == 0 || strcmp(a, "--production=true") == 0 ||
        strcmp(a, "--only=prod") == 0 || strcmp(a, "--only=production") == 0 ||
        (strcmp(a, "--only") == 0 && (strcmp(next, "prod") == 0 || strcmp(next, "production") == 0))) {
      *how = "--production";
      return true;
    }
  }
  if (env_is(env, instr, cmd, "NODE_ENV", "production")) {
    *how = "NODE_ENV=production";
    return true;
  }
  if (env_is(env, instr, cmd, "NPM_CONFIG_PRODUCTION", "true") ||
      env_is(env, instr, cmd, "npm_config_production", "true") ||
      env_is(env, instr, cmd, "NPM_CONFIG_OMIT", "dev") || env_is(env, instr, cmd, "npm_config_omit", "dev")) {
    *how = "the npm configuration in ENV";
    return true;
  }
  return false;
}

static void check_install(const CtxEnv *env, size_t instr, const ShellCommand *cmd) {
  const RuleCtx *ctx = env->ctx;
  if (shell_has_arg(cmd, "--ignore-scripts") || shell_has_arg(cmd, "--ignore-scripts=true") ||
      env_is(env, instr, cmd, "NPM_CONFIG_IGNORE_SCRIPTS", "true") ||
      env_is(env, instr, cmd, "npm_config_ignore_scripts", "true"))
    return;
  NpmSource src;
  if (!context__npm_source(env, instr, cmd, &src)) return;
  FileId pj_id;
  if (!src.found || src.unknown || !src.pj_path || !ws_read(ctx->ws, ctx->file, src.pj_path, &pj_id)) {
    context__npm_source_destroy(&src);
    return;
  }
  const TextDoc *pj_text = ws_text(ctx->ws, pj_id);
  PackageJson *pj = package_json_parse(pj_text->bytes, pj_text->len);
  NpmLock *lock = NULL;
  const char *lockname = pj->valid && pj->scripts.present ? context__lockfile_beside(env, src.pj_path) : NULL;
  if (lockname) {
    char *dir = path_dirname(src.pj_path);
    char *lp = path_join(dir, lockname);
    FileId lid;
    if (ws_read(ctx->ws, ctx->file, lp, &lid)) lock = npm_lock_parse(ws_text(ctx->ws, lid)->bytes, ws_text(ctx->ws, lid)->len);
    xfree(lp);
    xfree(dir);
  }
  ScriptCheck sc = {env, cmd, context__npm_verb(cmd), pj_id, pj_text->bytes, pj, lock, false, NULL, {0}, {0}};
  array_init(&sc.reported);
  array_init(&sc.globals);
  collect_globals(env, instr, cmd, &sc.globals);
  sc.omit_dev = omits_dev(env, instr, cmd, &sc.omit_how);
  for (size_t i = 0; pj->valid && lifecycle_scripts[i]; i++) {
    const PkgEntry *e = package_json_find(&pj->scripts, lifecycle_scripts[i]);
    if (e) check_script(&sc, lifecycle_scripts[i], e, 0);
  }
  strarray_delete(&sc.reported);
  strarray_delete(&sc.globals);
  npm_lock_delete(lock);
  package_json_delete(pj);
  context__npm_source_destroy(&src);
}

/* Per instruction: a RUN's `npm ci` or `npm install` reads the build
 * context, so only those RUNs look outside (rules__looked_outside) and
 * run every time. */
void context__npm_script_dependency(RuleCtx *ctx) {
  const DfInstr *in = &ctx->model->instrs.items[ctx->instr];
  if (in->kind != DF_RUN || !df_shell(in) || in->stage < 0) return;
  CtxEnv env;
  bool ready = false;
  for (size_t k = 0; k < df_shell(in)->commands.len; k++) {
    const ShellCommand *c = &df_shell(in)->commands.items[k];
    if (!context__npm_is_ci(c) && !context__npm_is_install(c)) continue;
    rules__looked_outside(ctx);
    if (!ready && !context__env_init(&env, ctx)) return;
    ready = true;
    check_install(&env, ctx->instr, c);
  }
}

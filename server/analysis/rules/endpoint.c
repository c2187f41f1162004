/* healthcheck-endpoint's knowledge of apps: which paths a Laravel app, a
 * Vite dev server or a web framework app answers.  Everything is read
 * through the workspace (open buffers first, never outside the root,
 * recorded as dependencies), and the source scan is bounded in files,
 * bytes and depth so a large context cannot slow a keystroke down. */
#include "endpoint.h"

#include <string.h>

#include "dockls/base/strbuf.h"
#include "dockls/model/context_files.h"
#include "dockls/workspace/files.h"
#include "dockls/base/path.h"

#define SCAN_MAX_FILES 200
#define SCAN_MAX_BYTES ((size_t)1 << 20)
#define SCAN_MAX_DEPTH 6

bool endpoint_find_path(const char *text, size_t len, size_t *start, size_t *end) {
  for (size_t i = 0; i + 7 < len; i++) {
    size_t skip = strncmp(text + i, "http://", 7) == 0 ? 7 : (i + 8 < len && strncmp(text + i, "https://", 8) == 0) ? 8 : 0;
    if (!skip) continue;
    size_t p = i + skip;
    while (p < len && text[p] != '/' && text[p] != '"' && text[p] != '\'' && text[p] != ' ') p++;
    if (p >= len || text[p] != '/') continue;
    size_t e = p;
    while (e < len && !strchr("\"' \t\n\r?#;|&)", text[e])) e++;
    *start = p;
    *end = e;
    return true;
  }
  return false;
}

void endpoint_verdict_free(EndpointVerdict *v) {
  xfree(v->message);
  xfree(v->replacement);
  v->message = v->replacement = NULL;
}

/* Case-insensitive prefix test for ASCII words. */
static bool strncasecmp_ascii(const char *a, const char *b, size_t n) {
  for (size_t i = 0; i < n; i++)
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  return true;
}

static const TextDoc *endpoint_read(const RuleCtx *ctx, const char *dir, const char *name) {
  char *path = path_join(dir, name);
  FileId id;
  bool ok = ws_read(ctx->ws, ctx->file, path, &id);
  xfree(path);
  return ok ? ws_text(ctx->ws, id) : NULL;
}

static bool health_word(const char *path) {
  return strcmp(path, "/health") == 0 || strcmp(path, "/healthz") == 0 || strcmp(path, "/status") == 0 ||
         strcmp(path, "/health/") == 0 || strcmp(path, "/healthz/") == 0;
}

/* True when one of the commands starts Vite: `vite`, `npx vite`, or an
 * npm/yarn/pnpm script whose text runs vite. */
static bool endpoint_runs_vite(const ShellScript *const *cmds, size_t n, const PackageJson *pj) {
  for (size_t s = 0; s < n; s++) {
    if (!cmds[s]) continue;
    for (size_t k = 0; k < cmds[s]->commands.len; k++) {
      const ShellCommand *c = &cmds[s]->commands.items[k];
      if (shell_is(c, "vite")) return true;
      if ((shell_is(c, "npx") || shell_is(c, "bunx")) && c->args.len && strcmp(c->args.items[0].value, "vite") == 0)
        return true;
      const char *script = NULL;
      if ((shell_is(c, "npm") || shell_is(c, "pnpm")) && c->args.len >= 2 && strcmp(c->args.items[0].value, "run") == 0)
        script = c->args.items[1].value;
      else if ((shell_is(c, "yarn") || shell_is(c, "pnpm")) && c->args.len >= 1)
        script = c->args.items[0].value;
      else if (shell_is(c, "npm") && c->args.len >= 1 && strcmp(c->args.items[0].value, "start") == 0)
        script = "start";
      const PkgEntry *e = script && pj ? package_json_find(&pj->scripts, script) : NULL;
      if (!e || !e->value) continue;
      ScriptCommandArray sc;
      array_init(&sc);
      script_commands_parse(e->value, &sc);
      bool vite = false;
      for (size_t i = 0; i < sc.len; i++)
        vite |= strcmp(sc.items[i].name, "vite") == 0 ||
                (strcmp(sc.items[i].name, "npx") == 0 && sc.items[i].arg1 && strcmp(sc.items[i].arg1, "vite") == 0);
      script_commands_clear(&sc);
      if (vite) return true;
    }
  }
  return false;
}

/* A web framework the scan understands, from package.json or the Python
 * requirement files. */
static bool endpoint_framework(const RuleCtx *ctx, const char *dir, const PackageJson *pj) {
  static const char *const node[] = {"express", "fastify", "koa", "@koa/router", "koa-router",
                                     "@nestjs/core", "hapi", "@hapi/hapi", "restify", NULL};
  for (size_t i = 0; pj && node[i]; i++)
    if (package_json_declares(pj, node[i])) return true;
  static const char *const py_files[] = {"requirements.txt", "pyproject.toml", "Pipfile", NULL};
  for (size_t i = 0; py_files[i]; i++) {
    const TextDoc *t = endpoint_read(ctx, dir, py_files[i]);
    if (!t) continue;
    for (size_t k = 0; k + 5 <= t->len; k++) {
      if (strncasecmp_ascii(t->bytes + k, "flask", 5) || (k + 7 <= t->len && strncasecmp_ascii(t->bytes + k, "fastapi", 7)))
        return true;
    }
  }
  return false;
}

typedef struct {
  size_t files, bytes;
} ScanBudget;

static bool source_name(const char *name) {
  static const char *const exts[] = {".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".py", NULL};
  return path_has_suffix(name, exts);
}

static bool skipped_dir(const char *name) {
  static const char *const skip[] = {"node_modules", "vendor", ".git", "dist", "build", "coverage",
                                     ".next", "__pycache__", "venv", ".venv", "target", "tests", "test",
                                     NULL};
  for (size_t i = 0; skip[i]; i++)
    if (strcmp(name, skip[i]) == 0) return true;
  return name[0] == '.';
}

/* True when `text` names the route: the path in quotes ('/health',
 * "/health", `/health`), or its last segment quoted as NestJS and some
 * routers write it (@Get('health')). */
static bool names_route(const char *text, size_t len, const char *path) {
  size_t pn = strlen(path);
  const char *seg = strrchr(path, '/');
  seg = seg && seg[1] ? seg + 1 : NULL;
  size_t sn = seg ? strlen(seg) : 0;
  for (size_t i = 1; i < len; i++) {
    char q = text[i - 1];
    if (q != '\'' && q != '"' && q != '`') continue;
    if (i + pn < len && memcmp(text + i, path, pn) == 0 && (text[i + pn] == q || text[i + pn] == '?')) return true;
    if (seg && i + sn < len && memcmp(text + i, seg, sn) == 0 && text[i + sn] == q) return true;
  }
  return false;
}

static bool endpoint_scan(const RuleCtx *ctx, const char *dir, const char *path, int depth, ScanBudget *b) {
  if (depth > SCAN_MAX_DEPTH) return false;
  bool found = false;
  const StrArray *names = ws_list(ctx->ws, ctx->file, dir);
  for (size_t i = 0; names && i < names->len && !found && b->files < SCAN_MAX_FILES && b->bytes < SCAN_MAX_BYTES;
       i++) {
    const char *name = names->items[i];
    char *child = path_join(dir, name);
    WsPathKind kind = ws_stat(ctx->ws, ctx->file, child);
    if (kind == WS_PATH_DIR && !skipped_dir(name)) {
      found = endpoint_scan(ctx, child, path, depth + 1, b);
    } else if (kind == WS_PATH_FILE && source_name(name)) {
      FileId id;
      if (ws_read(ctx->ws, ctx->file, child, &id)) {
        const TextDoc *t = ws_text(ctx->ws, id);
        b->files++;
        b->bytes += t->len;
        found = names_route(t->bytes, t->len, path);
      }
    }
    xfree(child);
  }
  return found;
}

void endpoint_judge(const RuleCtx *ctx, const char *context_dir, const char *path,
                    const ShellScript *const *commands, size_t ncommands, EndpointVerdict *out) {
  out->message = out->replacement = NULL;
  if (strcmp(path, "/") == 0 || strchr(path, '$')) return;
  /* Laravel: the health route is what bootstrap/app.php declares. */
  const TextDoc *app = endpoint_read(ctx, context_dir, "bootstrap/app.php");
  if (app) {
    size_t s, e;
    char *declared = laravel_health_path(app->bytes, app->len, &s, &e);
    if (declared && strcmp(declared, path) != 0) {
      StrBuf m = STRBUF_INIT;
      strbuf_appendf(&m, "the Laravel app declares its health route as `%s` (bootstrap/app.php); `%s` is not served",
                     declared, path);
      out->message = strbuf_take(&m);
      out->replacement = declared;
      return;
    }
    xfree(declared);
    if (declared) return;
  }
  const TextDoc *pkg = endpoint_read(ctx, context_dir, "package.json");
  PackageJson *pj = pkg ? package_json_parse(pkg->bytes, pkg->len) : NULL;
  if (health_word(path) && endpoint_runs_vite(commands, ncommands, pj)) {
    StrBuf m = STRBUF_INIT;
    strbuf_appendf(&m, "the app runs the Vite dev server, which has no `%s` route (it answers `/`)", path);
    out->message = strbuf_take(&m);
    out->replacement = xstrdup("/");
  } else if (endpoint_framework(ctx, context_dir, pj)) {
    ScanBudget budget = {0, 0};
    bool found = endpoint_scan(ctx, context_dir, path, 0, &budget);
    /* A scan cut short by its budget proves nothing. */
    if (!found && budget.files < SCAN_MAX_FILES && budget.bytes < SCAN_MAX_BYTES && budget.files > 0) {
      StrBuf m = STRBUF_INIT;
      strbuf_appendf(&m, "no route `%s` in the app's sources (%zu files of the build context): the check can never pass",
                     path, budget.files);
      out->message = strbuf_take(&m);
    }
  }
  if (pj) package_json_delete(pj);
}

static const char *const app_manifests[] = {"package.json", "requirements.txt", "pyproject.toml", "Pipfile",
                                            "bootstrap/app.php", NULL};

static bool endpoint_has_manifest(const RuleCtx *ctx, const char *dir) {
  for (size_t i = 0; app_manifests[i]; i++) {
    char *path = path_join(dir, app_manifests[i]);
    bool found = ws_stat(ctx->ws, ctx->file, path) == WS_PATH_FILE;
    xfree(path);
    if (found) return true;
  }
  return false;
}

/* True when a path has a `..` component: the builder reads sources
 * inside the context only, so such a source names nothing it sends. */
static bool endpoint_climbs(const char *path) {
  for (const char *p = path; *p;) {
    size_t n = strcspn(p, "/");
    if (n == 2 && p[0] == '.' && p[1] == '.') return true;
    p += n;
    if (*p == '/') p++;
  }
  return false;
}

/* The context folder a COPY/ADD source names when it is a manifest or a
 * folder holding one; NULL otherwise.  Sources with variables or globs
 * name no single folder and are passed over. */
static char *endpoint_copied_app(const RuleCtx *ctx, const char *context_dir, const char *source) {
  if (strpbrk(source, "$*?[") || source[0] == '/' || endpoint_climbs(source)) return NULL;
  char *path = path_join(context_dir, source);
  char *dir = NULL;
  for (size_t i = 0; app_manifests[i] && !dir; i++) {
    size_t n = strlen(path), m = strlen(app_manifests[i]);
    if (n > m && path[n - m - 1] == '/' && strcmp(path + n - m, app_manifests[i]) == 0)
      dir = xstrndup(path, n - m - 1);
  }
  if (!dir && strcmp(path, context_dir) != 0 && endpoint_has_manifest(ctx, path)) dir = xstrdup(path);
  xfree(path);
  /* The context itself was asked first. */
  if (dir && strcmp(dir, context_dir) == 0) {
    xfree(dir);
    dir = NULL;
  }
  return dir;
}

char *endpoint_app_dir(const RuleCtx *ctx, const DockerfileModel *m, const DfStage *stage, const char *context_dir) {
  if (endpoint_has_manifest(ctx, context_dir)) return xstrdup(context_dir);
  /* From the root of the chain down, so the first stage's copies come first. */
  const DfStage *chain[DF_MAX_CHAIN];
  size_t n = dockerfile_stage_chain(m, stage, chain);
  for (size_t c = 0; c < n; c++) {
    for (size_t i = chain[c]->first; i < chain[c]->last; i++) {
      const DfInstr *in = &m->instrs.items[i];
      if (in->kind != DF_COPY && in->kind != DF_ADD) continue;
      bool from = false;
      for (size_t f = 0; f < df_flags(in)->len; f++) from |= strcmp(df_flags(in)->items[f].name.text, "from") == 0;
      for (size_t k = 0; !from && k + 1 < df_paths(in)->len; k++) {
        char *dir = endpoint_copied_app(ctx, context_dir, df_paths(in)->items[k].text);
        if (dir) return dir;
      }
    }
  }
  return xstrdup(context_dir);
}

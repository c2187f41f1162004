/* The .env files beside a compose file.  Compose reads `.env` from the
 * project folder for interpolation; `.env.example` is the convention for
 * documenting what must be set.  Both are read through ws_read, so the
 * open buffer wins over the disk and a change to either re-publishes the
 * compose file.  The format is Compose's dotenv: `KEY=VALUE` lines, an
 * optional `export ` prefix, `#` comments and blank lines. */
#include <string.h>

#include "compose_rules.h"
#include "dockls/workspace/files.h"
#include "dockls/base/path.h"
#include "dockls/model/context_files.h"

/* True when the dotenv text sets `name` (with or without a value). */
static bool dotenv_has(const TextDoc *text, const char *name) {
  size_t nlen = strlen(name);
  size_t i = 0;
  while (i < text->len) {
    size_t e = i;
    while (e < text->len && text->bytes[e] != '\n') e++;
    size_t s = i;
    while (s < e && (text->bytes[s] == ' ' || text->bytes[s] == '\t')) s++;
    if (e - s > 7 && memcmp(text->bytes + s, "export ", 7) == 0) s += 7;
    while (s < e && text->bytes[s] == ' ') s++;
    if (e - s >= nlen && memcmp(text->bytes + s, name, nlen) == 0) {
      size_t k = s + nlen;
      while (k < e && (text->bytes[k] == ' ' || text->bytes[k] == '\t')) k++;
      if (k == e || text->bytes[k] == '=' || text->bytes[k] == '\r' || text->bytes[k] == ':')
        return true;
    }
    i = e + 1;
  }
  return false;
}

static bool dotenv_read(const RuleCtx *ctx, const char *dir, const char *name, FileId *id) {
  char *path = path_join(dir, name);
  bool ok = ws_read(ctx->ws, ctx->file, path, id);
  xfree(path);
  return ok;
}

bool compose__env_declared(const RuleCtx *ctx, const char *dir, const char *name) {
  static const char *const files[] = {".env", ".env.example"};
  for (size_t i = 0; i < 2; i++) {
    FileId id;
    if (dotenv_read(ctx, dir, files[i], &id) && dotenv_has(ws_text(ctx->ws, id), name)) return true;
  }
  return false;
}

bool compose__env_example_append(const RuleCtx *ctx, Fix *fix, const char *dir, const char *name) {
  if (!ctx->fixes) return false;
  FileId id;
  if (!dotenv_read(ctx, dir, ".env.example", &id)) {
    /* No .env.example yet: the fix creates it, if it may live here. */
    char *path = path_join(dir, ".env.example");
    bool ok = ws_stat(ctx->ws, ctx->file, path) == WS_PATH_MISSING;
    if (ok) {
      StrBuf line = STRBUF_INIT;
      strbuf_appendf(&line, "%s=%s", name, compose__newline(ctx->text));
      fix_add_create(fix, path, strbuf_cstr(&line));
      strbuf_destroy(&line);
    }
    xfree(path);
    return ok;
  }
  const TextDoc *text = ws_text(ctx->ws, id);
  const char *nl = compose__newline(text);
  StrBuf line = STRBUF_INIT;
  if (text->len > 0 && text->bytes[text->len - 1] != '\n') strbuf_append(&line, nl);
  strbuf_appendf(&line, "%s=%s", name, nl);
  fix_add_edit(fix, id, text->len, text->len, strbuf_cstr(&line));
  strbuf_destroy(&line);
  return true;
}

/* The value of one reference, or false when it cannot be known offline:
 * a variable that .env does not set (the shell may), a `?` that would
 * stop Compose, or a default that itself holds a reference. */
static bool var_value(const char *text, const ComposeVar *v, const DotenvEntryArray *env, StrBuf *out) {
  char *name = xstrndup(text + v->name_start, v->name_end - v->name_start);
  const DotenvEntry *e = dotenv_find(env, name);
  xfree(name);
  bool set = e != NULL, filled = e && e->value[0];
  const char *arg = text + v->arg_start;
  size_t arg_len = v->arg_end - v->arg_start;
  if (memchr(arg, '$', arg_len)) return false;
  switch (v->op) {
    case COMPOSE_VAR_PLAIN:
    case COMPOSE_VAR_REQUIRED_UNSET:
      if (!set) return false;
      strbuf_append(out, e->value);
      return true;
    case COMPOSE_VAR_REQUIRED:
      if (!filled) return false;
      strbuf_append(out, e->value);
      return true;
    case COMPOSE_VAR_DEFAULT:
    case COMPOSE_VAR_DEFAULT_UNSET:
      if (v->op == COMPOSE_VAR_DEFAULT ? filled : set) strbuf_append(out, e->value);
      else strbuf_append_n(out, arg, arg_len);
      return true;
    case COMPOSE_VAR_ALT:
    case COMPOSE_VAR_ALT_UNSET:
      if (v->op == COMPOSE_VAR_ALT ? filled : set) strbuf_append_n(out, arg, arg_len);
      return true;
  }
  return false;
}

char *compose__interpolate(const RuleCtx *ctx, const char *dir, const char *text) {
  size_t len = strlen(text);
  ComposeVarArray vars;
  array_init(&vars);
  DotenvEntryArray env;
  array_init(&env);
  StrBuf out = STRBUF_INIT;
  bool ok = compose_interp_scan(text, len, &vars);
  /* A text with only `$$` needs no .env. */
  FileId id;
  if (ok && vars.len > 0 && dir && dotenv_read(ctx, dir, ".env", &id)) {
    const TextDoc *t = ws_text(ctx->ws, id);
    dotenv_parse(t->bytes, t->len, &env);
  }
  size_t at = 0;
  for (size_t i = 0; ok && i < vars.len; i++) {
    const ComposeVar *v = &vars.items[i];
    /* References nested in a default come after their parent; the parent
     * already decided about them (var_value refuses such defaults). */
    if (v->start < at) continue;
    for (size_t k = at; k < v->start; k++) {
      strbuf_append_char(&out, text[k]);
      if (text[k] == '$' && k + 1 < v->start && text[k + 1] == '$') k++; /* `$$` is one `$` */
    }
    ok = var_value(text, v, &env, &out);
    at = v->end;
  }
  for (size_t k = at; ok && k < len; k++) {
    strbuf_append_char(&out, text[k]);
    if (text[k] == '$' && k + 1 < len && text[k + 1] == '$') k++;
  }
  array_delete(&vars);
  dotenv_clear(&env);
  if (!ok) {
    strbuf_destroy(&out);
    return NULL;
  }
  return strbuf_take(&out);
}

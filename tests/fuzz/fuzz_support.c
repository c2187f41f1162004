/* Test-only: the shared part of the fuzz targets (fuzz_support.h). */
#include "fuzz_support.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockls/analysis/analysis.h"
#include "dockls/base/alloc.h"
#include "dockls/base/log.h"
#include "dockls/base/strbuf.h"
#include "dockls/syntax/language.h"
#include "diag_compare.h"
#include "memfs.h"

void fuzz_init(void) {
  static bool done;
  if (done) return;
  done = true;
  log_set_level(LOG_ERROR);
  syntax_install_allocator();
}

void fuzz_check(bool ok, const char *fmt, ...) {
  if (ok) return;
  va_list ap;
  va_start(ap, fmt);
  fputs("fuzz oracle failed: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  abort();
}

char *fuzz_diag_summary(const Workspace *ws, const DiagList *diags) {
  StrBuf out = STRBUF_INIT;
  for (size_t i = 0; i < diags->len; i++) {
    const Diag *d = &diags->items[i];
    strbuf_appendf(&out, "%s %s %s %zu-%zu %s\n", rule_info(d->rule)->id, severity_name(d->severity),
                   ws_uri(ws, d->file), d->start, d->end, d->message);
  }
  return strbuf_take(&out);
}

/* A small project around the fuzzed file: enough for the context and
 * compose rules that read neighbours to run, small enough to cost
 * nothing per input. */
static const struct {
  const char *path, *text;
} project_files[] = {
    {"/w/Dockerfile", "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nEXPOSE 3000\nCMD [\"node\", \"server.js\"]\n"},
    {"/w/compose.yaml", "services:\n  web:\n    build: .\n    ports:\n      - \"3000:3000\"\n    env_file: .env\n"
                        "  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: example\n"},
    {"/w/package.json", "{\"name\": \"app\", \"scripts\": {\"start\": \"node server.js\"}, \"dependencies\": {\"express\": \"4\"}}\n"},
    {"/w/.dockerignore", "node_modules\n.git\n*.log\n"},
    {"/w/.env", "API_TOKEN=abc\nPORT=3000\n"},
    {"/w/server.js", "require('express')().listen(3000)\n"},
};

FuzzProject fuzz_project_new(void) {
  FuzzProject p;
  p.fs = memfs_new();
  for (size_t i = 0; i < sizeof project_files / sizeof *project_files; i++)
    memfs_add(p.fs, project_files[i].path, project_files[i].text, strlen(project_files[i].text));
  p.ws = ws_new_with_fs("/w", memfs_fs(p.fs));
  return p;
}

void fuzz_project_delete(FuzzProject *p) {
  ws_delete(p->ws);
  memfs_delete(p->fs);
  p->ws = NULL;
  p->fs = NULL;
}

char *fuzz_fresh_summary(const char *uri, DocKind kind, const char *text, size_t len) {
  FuzzProject p = fuzz_project_new();
  FileId id;
  char *err = NULL;
  bool opened = ws_open(p.ws, uri, kind, 1, text, len, &id, &err);
  fuzz_check(opened, "a text the server holds does not open fresh: %s", err);
  DiagList diags;
  array_init(&diags);
  analysis_file_without_fixes(p.ws, id, &diags);
  char *summary = fuzz_diag_summary(p.ws, &diags);
  diaglist_destroy(&diags);
  fuzz_project_delete(&p);
  return summary;
}

static size_t count_rule(const DiagList *diags, RuleId rule) {
  size_t n = 0;
  for (size_t i = 0; i < diags->len; i++) n += diags->items[i].rule == rule;
  return n;
}

/* Bytes as printable text (a NUL or another control byte as \xNN; a
 * newline kept), for oracle messages about texts that may hold any byte. */
static char *fuzz_escaped(const char *bytes, size_t len) {
  StrBuf out = STRBUF_INIT;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)bytes[i];
    if (c < 0x20 && c != '\n') strbuf_appendf(&out, "\\x%02x", c);
    else strbuf_appendf(&out, "%c", c);
  }
  return strbuf_take(&out);
}

void fuzz_analyse_and_fix(const char *uri, DocKind kind, const uint8_t *data, size_t size) {
  fuzz_init();
  FuzzProject p = fuzz_project_new();
  FileId id;
  char *err = NULL;
  if (!ws_open(p.ws, uri, kind, 1, (const char *)data, size, &id, &err)) {
    /* Not UTF-8 or too large: refused with a reason, nothing opened. */
    fuzz_check(err != NULL && !ws_find(p.ws, uri, &id), "a refused open left no reason or a document");
    xfree(err);
    fuzz_project_delete(&p);
    return;
  }
  DiagList eager, lazy;
  array_init(&eager);
  array_init(&lazy);
  analysis_file(p.ws, id, &eager);
  analysis_file_without_fixes(p.ws, id, &lazy);
  StrBuf why = STRBUF_INIT;
  fuzz_check(test_same_diagnostics(&eager, &lazy, "analysis with and without fixes", &why), "%s",
             strbuf_cstr(&why));
  strbuf_destroy(&why);
  size_t errors_before = count_rule(&eager, RULE_SYNTAX_ERROR);
  diaglist_destroy(&eager);
  diaglist_destroy(&lazy);

  DiagList final;
  array_init(&final);
  size_t applied = analysis_fix_all(p.ws, id, &final);
  const TextDoc *fixed = ws_text(p.ws, id);
  fuzz_check(count_rule(&final, RULE_SYNTAX_ERROR) <= errors_before,
             "fix-all added syntax errors (%zu before, %zu after)", errors_before,
             count_rule(&final, RULE_SYNTAX_ERROR));
  if (applied > 0) {
    char *got = fuzz_diag_summary(p.ws, &final);
    char *want = fuzz_fresh_summary(uri, kind, fixed->bytes, fixed->len);
    fuzz_check(strcmp(got, want) == 0, "fix-all's final diagnostics differ from a fresh analysis\n%s---\n%s", got,
               want);
    xfree(got);
    xfree(want);
  }
  diaglist_destroy(&final);
  /* The text before the second fix-all, so that a failure shows where
   * the extra fix went (the first byte that differs, with some context). */
  size_t before_len = fixed->len;
  char *before = xmalloc(before_len + 1);
  memcpy(before, fixed->bytes, before_len);
  size_t again = analysis_fix_all(p.ws, id, NULL);
  if (again != 0) {
    const TextDoc *after = ws_text(p.ws, id);
    size_t at = 0;
    while (at < before_len && at < after->len && before[at] == after->bytes[at]) at++;
    size_t from = at > 80 ? at - 80 : 0;
    char *was = fuzz_escaped(before + from, (before_len - from) < 200 ? before_len - from : 200);
    char *now = fuzz_escaped(after->bytes + from, (after->len - from) < 200 ? after->len - from : 200);
    fuzz_check(false, "a second fix-all applied %zu more fixes; at byte %zu:\n%s\n---\n%s", again, at, was, now);
  }
  xfree(before);
  fuzz_project_delete(&p);
}

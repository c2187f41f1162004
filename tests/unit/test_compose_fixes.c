/* Cross-file fixes of the compose rules, which the data-driven runner
 * cannot check yet (it applies only edits of the analysed file):
 * compose-secret-literal and compose-env-undeclared append `KEY=` to the
 * .env.example beside the compose file in the same fix, keeping that
 * file's line endings; and with no .env.example no fix is offered. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dockls/analysis/analysis.h"
#include "dockls/base/fs.h"
#include "dockls/base/strbuf.h"
#include "dockls/base/path.h"

static char dir[64];

static void write_file(const char *name, const char *content) {
  char *path = path_append(dir, name);
  FILE *f = fopen(path, "wb");
  cr_assert_not_null(f);
  fputs(content, f);
  fclose(f);
  xfree(path);
}

static void setup(void) {
  strcpy(dir, "/tmp/dockls-cfix-XXXXXX");
  cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void) {
  StrBuf rm = STRBUF_INIT;
  strbuf_appendf(&rm, "rm -rf '%s'", dir);
  cr_assert_eq(system(rm.data), 0);
  strbuf_destroy(&rm);
}

TestSuite(compose_fixes, .init = setup, .fini = teardown);

/* Analyses compose.yaml and returns the first diagnostic of `rule` (the
 * list stays owned by the caller). */
static const Diag *analyse(Workspace *ws, FileId *id, DiagList *diags, RuleId rule) {
  char *path = path_append(dir, "compose.yaml");
  char *err = NULL;
  cr_assert(ws_load_file(ws, path, DOC_KIND_COMPOSE, id, &err));
  xfree(path);
  analysis_file(ws, *id, diags);
  for (size_t i = 0; i < diags->len; i++)
    if (diags->items[i].rule == rule) return &diags->items[i];
  return NULL;
}

static const char *edit_file_name(const Workspace *ws, const FixEdit *e) {
  const char *p = ws_path(ws, e->file);
  const char *slash = p ? strrchr(p, '/') : NULL;
  return slash ? slash + 1 : "";
}

Test(compose_fixes, secret_literal_declares_the_key_in_env_example) {
  write_file("compose.yaml", "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2\n");
  write_file(".env.example", "# settings\r\nTZ=UTC");
  Workspace *ws = ws_new(dir);
  FileId id;
  DiagList diags;
  array_init(&diags);
  const Diag *d = analyse(ws, &id, &diags, RULE_COMPOSE_SECRET_LITERAL);
  cr_assert_not_null(d);
  cr_assert_eq(d->fixes.len, 1);
  const Fix *fix = &d->fixes.items[0];
  cr_assert_eq(fix->edits.len, 2);
  cr_assert_str_eq(fix->edits.items[0].text, "\"${POSTGRES_PASSWORD}\"");
  cr_assert_eq(fix->edits.items[0].file, id);
  cr_assert_str_eq(edit_file_name(ws, &fix->edits.items[1]), ".env.example");
  cr_assert_str_eq(fix->edits.items[1].text, "\r\nPOSTGRES_PASSWORD=\r\n",
                   "a missing final line break is added, in the file's own style");
  cr_assert_eq(fix->edits.items[1].start, strlen("# settings\r\nTZ=UTC"));
  diaglist_destroy(&diags);
  ws_delete(ws);
}

Test(compose_fixes, env_undeclared_appends_to_env_example) {
  write_file("compose.yaml", "services:\n  web:\n    image: nginx:${TAG}\n    environment:\n      A: ${DECLARED}\n");
  write_file(".env.example", "DECLARED=1\n");
  Workspace *ws = ws_new(dir);
  FileId id;
  DiagList diags;
  array_init(&diags);
  const Diag *d = analyse(ws, &id, &diags, RULE_COMPOSE_ENV_UNDECLARED);
  cr_assert_not_null(d);
  size_t n = 0;
  for (size_t i = 0; i < diags.len; i++) n += diags.items[i].rule == RULE_COMPOSE_ENV_UNDECLARED;
  cr_assert_eq(n, 1, "DECLARED is declared in .env.example");
  cr_assert_eq(d->fixes.len, 1);
  cr_assert_eq(d->fixes.items[0].edits.len, 1);
  cr_assert_str_eq(d->fixes.items[0].edits.items[0].text, "TAG=\n");
  cr_assert_str_eq(edit_file_name(ws, &d->fixes.items[0].edits.items[0]), ".env.example");
  diaglist_destroy(&diags);
  ws_delete(ws);
}

/* Without .env.example the fixes create it, holding the declared key. */
Test(compose_fixes, no_env_example_creates_it) {
  write_file("compose.yaml", "services:\n  web:\n    image: nginx:${TAG}\n    environment:\n      API_TOKEN: abc\n");
  Workspace *ws = ws_new(dir);
  FileId id;
  DiagList diags;
  array_init(&diags);
  analyse(ws, &id, &diags, RULE_COMPOSE_ENV_UNDECLARED);
  size_t seen = 0;
  for (size_t i = 0; i < diags.len; i++) {
    const Diag *d = &diags.items[i];
    if (d->rule != RULE_COMPOSE_ENV_UNDECLARED && d->rule != RULE_COMPOSE_SECRET_LITERAL) continue;
    seen++;
    cr_assert_eq(d->fixes.len, 1);
    const Fix *f = &d->fixes.items[0];
    cr_assert_eq(f->creates.len, 1, "the fix creates .env.example");
    const char *path = f->creates.items[0].path;
    cr_assert(strlen(path) > 13 && strcmp(path + strlen(path) - 13, "/.env.example") == 0, "%s", path);
    const char *want = d->rule == RULE_COMPOSE_SECRET_LITERAL ? "API_TOKEN=\n" : "TAG=\n";
    cr_assert_str_eq(f->creates.items[0].text, want);
  }
  cr_assert_eq(seen, 2);
  diaglist_destroy(&diags);
  ws_delete(ws);
}

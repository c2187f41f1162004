/* Diagnostic counts for tests (diag_count.h). */
#include "diag_count.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockls/analysis/analysis.h"
#include "dockls/base/alloc.h"
#include "dockls/workspace/files.h"

static size_t count_rule(Workspace *ws, FileId id, RuleId rule, bool fixes) {
  DiagList diags;
  array_init(&diags);
  if (fixes) analysis_file(ws, id, &diags);
  else analysis_file_without_fixes(ws, id, &diags);
  size_t n = 0;
  for (size_t i = 0; i < diags.len; i++) n += diags.items[i].file == id && diags.items[i].rule == rule;
  diaglist_destroy(&diags);
  return n;
}

size_t test_count_rule(Workspace *ws, FileId id, RuleId rule) { return count_rule(ws, id, rule, true); }

size_t test_count_rule_published(Workspace *ws, FileId id, RuleId rule) { return count_rule(ws, id, rule, false); }

bool test_depends_on(const Workspace *ws, FileId id, const char *path) {
  FileIdArray out;
  array_init(&out);
  ws_dependents(ws, path, &out);
  bool found = false;
  for (size_t i = 0; i < out.len; i++) found |= out.items[i] == id;
  array_delete(&out);
  return found;
}

int test_rule_severity(Workspace *ws, FileId id, RuleId rule) {
  DiagList diags;
  array_init(&diags);
  analysis_file(ws, id, &diags);
  int level = 0;
  for (size_t i = 0; i < diags.len; i++)
    if (diags.items[i].file == id && diags.items[i].rule == rule) level = (int)diags.items[i].severity;
  diaglist_destroy(&diags);
  return level;
}

size_t test_count_rule_in(const char *uri, DocKind kind, const char *text, RuleId rule) {
  Workspace *ws = ws_new(NULL);
  FileId id;
  char *err = NULL;
  /* A text the test itself wrote that does not open is a broken test. */
  if (!ws_open(ws, uri, kind, 1, text, strlen(text), &id, &err)) {
    fprintf(stderr, "cannot open %s: %s\n", uri, err ? err : "");
    abort();
  }
  size_t n = test_count_rule(ws, id, rule);
  ws_delete(ws);
  return n;
}

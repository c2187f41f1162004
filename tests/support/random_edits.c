/* Test-only: see random_edits.h. */
#include "random_edits.h"

#include <criterion/criterion.h>
#include <string.h>

#include "casefile.h"
#include "dockls/analysis/analysis.h"
#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"
#include "dockls/syntax/parse.h"
#include "lsp/diag_json.h"

uint64_t test_rng_state = 1;

size_t test_rng(size_t bound) {
  test_rng_state ^= test_rng_state << 13;
  test_rng_state ^= test_rng_state >> 7;
  test_rng_state ^= test_rng_state << 17;
  return bound ? (size_t)(test_rng_state % bound) : 0;
}

void test_expect_same_text(const char *got, const char *want, const char *how, const char *what, size_t step,
                           const TextDoc *t) {
  size_t at = 0, line = 0;
  while (got[at] && got[at] == want[at]) at++;
  if (got[at] == want[at]) return;
  while (at > 0 && want[at - 1] != '\n') at--;
  for (size_t k = 0; k < at; k++) line += want[k] == '\n';
  cr_assert_fail("%s, step %zu: line %zu differs from %s\nincremental: %.240s\nexpected:    %.240s\ntext:\n%s",
                 what, step, line, how, got + at, want + at, t->bytes);
}

char *test_fresh_summary(Workspace *ws, FileId id, SummaryFn summarise) {
  Workspace *fresh = ws_new(NULL);
  char *summary = test_fresh_summary_in(fresh, ws, id, summarise);
  ws_delete(fresh);
  return summary;
}

char *test_fresh_summary_in(Workspace *fresh, Workspace *ws, FileId id, SummaryFn summarise) {
  const TextDoc *t = ws_text(ws, id);
  FileId fid;
  char *err = NULL;
  cr_assert(ws_open(fresh, ws_uri(ws, id), ws_kind(ws, id), 1, t->bytes, t->len, &fid, &err), "%s", err);
  char *tree = syntax_string(ws_syntax(ws, id));
  char *fresh_tree = syntax_string(ws_syntax(fresh, fid));
  if (ws_kind(ws, id) == DOC_KIND_DOCKERFILE)
    cr_assert_str_eq(tree, fresh_tree, "the edited Dockerfile's trees differ from a fresh parse of its text:\n%s",
                     t->bytes);
  char *summary = strcmp(tree, fresh_tree) == 0 ? summarise(fresh, fid) : NULL;
  xfree(tree);
  xfree(fresh_tree);
  return summary;
}

void test_random_did_change(Workspace *ws, FileId id, int64_t version, RandomChangeFn make, bool own_bytes) {
  const TextDoc *t = ws_text(ws, id);
  char *err = NULL;
  char scratch[2][2];
  TextChange changes[2];
  size_t count = 1;
  changes[0] = make(t, t->len, own_bytes, scratch[0]);
  if (test_rng(5) == 0) {
    size_t first = 0;
    cr_assert(text_offset_of(t, changes[0].start, POS_ENC_UTF8, &first, &err));
    changes[1] = make(t, first, own_bytes, scratch[1]);
    count = 2;
  }
  cr_assert(ws_change(ws, id, version, changes, count, POS_ENC_UTF8, &err), "%s", err);
}

typedef struct {
  size_t every, seen;
  long opened;
  DocKind kind;
  const char *uri;
  CorpusDocFn fn;
  void *ctx;
} OpenEvery;

static void open_one(const char *name, const char *text, size_t len, void *ctx) {
  OpenEvery *o = ctx;
  if (o->seen++ % o->every != 0) return;
  Workspace *ws = ws_new(NULL);
  FileId id;
  char *err = NULL;
  if (ws_open(ws, o->uri, o->kind, 1, text, len, &id, &err)) {
    o->fn(ws, id, name, o->ctx);
    o->opened++;
  } else {
    xfree(err);
  }
  ws_delete(ws);
}

long test_corpus_open_every(const char *kind, size_t every, DocKind doc_kind, const char *uri, CorpusDocFn fn,
                            void *ctx) {
  OpenEvery o = {.every = every, .kind = doc_kind, .uri = uri, .fn = fn, .ctx = ctx};
  if (test_corpus_each(kind, open_one, &o) < 0) return -1;
  return o.opened;
}

char *test_published_json(Workspace *ws, FileId id, bool fixes) {
  DiagList diags;
  array_init(&diags);
  if (fixes)
    analysis_file(ws, id, &diags);
  else
    analysis_file_without_fixes(ws, id, &diags);
  StrBuf out = STRBUF_INIT;
  for (size_t i = 0; i < diags.len; i++) {
    diag_json_one(ws, POS_ENC_UTF16, &diags.items[i], &out);
    strbuf_append(&out, "\n");
  }
  diaglist_destroy(&diags);
  return strbuf_take(&out);
}

Workspace *test_open_dockerfile(const char *text, FileId *id) {
  Workspace *ws = ws_new(NULL);
  char *err = NULL;
  cr_assert(ws_open(ws, "file:///w/Dockerfile", DOC_KIND_DOCKERFILE, 1, text, strlen(text), id, &err));
  cr_assert_not_null(ws_syntax(ws, *id), "this build has no Dockerfile grammar");
  return ws;
}

void test_edit_steps(Workspace *ws, FileId id, size_t steps, RandomChangeFn make, bool own_bytes, size_t skip,
                     StepCheckFn check, const char *what) {
  for (size_t step = 0; step < steps; step++) {
    test_random_did_change(ws, id, (int64_t)step + 2, make, own_bytes);
    if (test_rng(skip) != 0) check(ws, id, what, step);
  }
  check(ws, id, what, steps);
}

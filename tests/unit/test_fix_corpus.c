/* Fix safety over the real files of the shared corpus: fix-all (what
 * `dockls check --fix` and the editor's source.fixAll apply) on every
 * Dockerfile and compose file must
 *   - change nothing outside the edits of the fixes it applied (each kept
 *     round is replayed here by splicing those edits into the text it
 *     started from, and must give exactly the text fix-all left);
 *   - leave no more error nodes in the tree than the file had;
 *   - reach a fixed point: a second fix-all applies nothing.
 * Skipped with a message when ../shared/corpus is absent. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casefile.h"
#include "dockls/analysis/analysis.h"
#include "dockls/base/alloc.h"
#include "dockls/base/fs.h"
#include "dockls/base/path.h"
#include "dockls/base/strbuf.h"
#include "dockls/syntax/parse.h"

static size_t error_nodes(TSNode node);

/* ERROR and MISSING nodes over every tree of a document (none without one). */
static size_t syntax_error_nodes(const Syntax *syntax) {
  size_t n = 0;
  for (size_t i = 0; syntax && i < syntax_tree_count(syntax); i++) n += error_nodes(syntax_root_at(syntax, i));
  return n;
}

static size_t error_nodes(TSNode node) {
  size_t n = strcmp(ts_node_type(node), "ERROR") == 0 || ts_node_is_missing(node);
  if (!ts_node_has_error(node)) return n;
  TSTreeCursor c = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&c)) {
    do n += error_nodes(ts_tree_cursor_current_node(&c));
    while (ts_tree_cursor_goto_next_sibling(&c));
  }
  ts_tree_cursor_delete(&c);
  return n;
}

typedef struct {
  const char *path;
  size_t rounds, outside;
} Replay;

static int edit_order(const void *a, const void *b) {
  const FixEdit *x = *(const FixEdit *const *)a, *y = *(const FixEdit *const *)b;
  return x->start < y->start ? -1 : x->start > y->start;
}

/* Splices the round's edits (in the file being fixed) into `before` and
 * compares the result with what fix-all left. */
static void replay_round(void *ctx, const char *before, size_t before_len, const Fix *const *fixes, size_t nfixes,
                         const char *after, size_t after_len) {
  Replay *r = ctx;
  r->rounds++;
  Array(const FixEdit *) edits;
  array_init(&edits);
  for (size_t i = 0; i < nfixes; i++)
    for (size_t k = 0; k < fixes[i]->edits.len; k++) array_push(&edits, &fixes[i]->edits.items[k]);
  if (edits.len > 1) qsort(edits.items, edits.len, sizeof *edits.items, edit_order);
  StrBuf expected = STRBUF_INIT;
  size_t at = 0;
  for (size_t i = 0; i < edits.len; i++) {
    strbuf_append_n(&expected, before + at, edits.items[i]->start - at);
    strbuf_append(&expected, edits.items[i]->text);
    at = edits.items[i]->end;
  }
  strbuf_append_n(&expected, before + at, before_len - at);
  if (expected.len != after_len || memcmp(expected.data, after, after_len) != 0) {
    if (r->outside++ < 3) cr_log_error("%s: fix-all changed text outside the edits of its fixes", r->path);
  }
  strbuf_destroy(&expected);
  array_delete(&edits);
}

static void fix_corpus(const char *sub, DocKind kind) {
  char *dir = path_append(test_source_dir(), sub);
  if (fs_kind(dir, true, NULL) != FS_KIND_DIR) {
    xfree(dir);
    cr_skip_test("%s is not present; the fix-safety corpus test is skipped", sub);
  }
  StrArray names;
  array_init(&names);
  char *err = NULL;
  cr_assert(fs_list_dir(dir, &names, &err));
  size_t files = 0, fixed = 0, applied = 0, rounds = 0, outside = 0, new_errors = 0, not_settled = 0;
  for (size_t i = 0; i < names.len; i++) {
    char *path = path_append(dir, names.items[i]);
    Workspace *ws = ws_new(dir);
    FileId id;
    if (!ws_load_file(ws, path, kind, &id, &err)) {
      cr_log_error("%s: %s", path, err);
      xfree(err);
      err = NULL;
      ws_delete(ws);
      xfree(path);
      continue;
    }
    files++;
    const Syntax *syntax = ws_syntax(ws, id);
    size_t errors_before = syntax_error_nodes(syntax);
    Replay replay = {path, 0, 0};
    FixAllObserver observer = {replay_round, &replay};
    size_t n = analysis_fix_all_observed(ws, id, NULL, &observer);
    applied += n;
    fixed += n > 0;
    rounds += replay.rounds;
    outside += replay.outside;
    syntax = ws_syntax(ws, id);
    size_t errors_after = syntax_error_nodes(syntax);
    if (errors_after > errors_before && new_errors++ < 3)
      cr_log_error("%s: fix-all left %zu error nodes where the file had %zu", path, errors_after, errors_before);
    size_t again = analysis_fix_all(ws, id, NULL);
    if (again > 0 && not_settled++ < 3) cr_log_error("%s: a second fix-all applied %zu more fixes", path, again);
    ws_delete(ws);
    xfree(path);
  }
  printf("%s: %zu files, %zu changed by %zu fixes in %zu rounds; %zu rounds changed text outside their edits, "
         "%zu files gained error nodes, %zu did not settle\n",
         sub, files, fixed, applied, rounds, outside, new_errors, not_settled);
  cr_expect_gt(fixed, 0, "fix-all changes some corpus files, so the checks above saw fixes");
  cr_expect_eq(outside, 0);
  cr_expect_eq(new_errors, 0);
  cr_expect_eq(not_settled, 0);
  strarray_delete(&names);
  xfree(dir);
}

Test(fix_corpus, dockerfiles, .timeout = 600) { fix_corpus("../shared/corpus/dockerfiles", DOC_KIND_DOCKERFILE); }

Test(fix_corpus, compose_files, .timeout = 600) { fix_corpus("../shared/corpus/compose", DOC_KIND_COMPOSE); }

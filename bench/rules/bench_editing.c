/* Editing requests on one file: the median time of each structure and
 * formatting computation (outline, folding, semantic tokens, selection
 * ranges, formatting) on the document as a server holds it after a
 * keystroke (models built, tree current).  Figures, not a test.
 * Usage: bench_editing FILE [ROUNDS] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../bench_clock.h"
#include "bench_input.h"
#include "dockls/analysis/analysis.h"
#include "dockls/analysis/format.h"
#include "dockls/analysis/structure.h"
#include "dockls/base/fs.h"
#include "dockls/workspace/doc_kind.h"

enum { REQ_OUTLINE, REQ_FOLDING, REQ_TOKENS, REQ_SELECTION, REQ_FORMAT, REQ_COUNT };
static const char *const names[REQ_COUNT] = {"documentSymbol", "foldingRange", "semanticTokens",
                                             "selectionRange", "formatting"};

static void run(Workspace *ws, FileId id, int which) {
  const TextDoc *text = ws_text(ws, id);
  switch (which) {
    case REQ_OUTLINE: {
      OutlineArray o;
      array_init(&o);
      analysis_outline(ws, id, &o);
      analysis_outline_free(&o);
      break;
    }
    case REQ_FOLDING: {
      FoldArray f;
      array_init(&f);
      analysis_folding(ws, id, &f);
      array_delete(&f);
      break;
    }
    case REQ_TOKENS: {
      SemanticTokenArray t;
      array_init(&t);
      analysis_semantic_tokens(ws, id, &t);
      array_delete(&t);
      break;
    }
    case REQ_SELECTION: {
      ByteRangeArray r;
      array_init(&r);
      analysis_selection(ws, id, text->len * 3 / 4, &r);
      array_delete(&r);
      break;
    }
    default: {
      FormatEditArray e;
      array_init(&e);
      analysis_format(ws, id, 0, SIZE_MAX, &e);
      analysis_format_edits_free(&e);
    }
  }
}

int main(int argc, char **argv) {
  size_t len, rounds, lines = 0;
  char *bytes = bench_read_input(argc, argv, "bench_editing FILE [ROUNDS]", &len, &rounds);
  if (!bytes) return 2;
  char *err = NULL;
  for (size_t i = 0; i < len; i++) lines += bytes[i] == '\n';
  DocKind kind = doc_kind_from_name(argv[1]);
  Workspace *ws = ws_new(NULL);
  FileId id;
  ws_open(ws, kind == DOC_KIND_COMPOSE ? "file:///bench/compose.yaml" : "file:///bench/Dockerfile",
          kind == DOC_KIND_COMPOSE ? DOC_KIND_COMPOSE : DOC_KIND_DOCKERFILE, 1, bytes, len, &id, &err);
  DiagList diags;
  array_init(&diags);
  analysis_file(ws, id, &diags); /* the models a server has built by the time a request comes */
  double *samples = calloc(rounds, sizeof *samples);
  printf("editing requests on %s (%zu lines, %zu rounds), median (p95):", argv[1], lines, rounds);
  for (int which = 0; which < REQ_COUNT; which++) {
    for (size_t r = 0; r < rounds; r++) {
      double t = bench_now_us();
      run(ws, id, which);
      samples[r] = bench_now_us() - t;
    }
    double median = bench_median(samples, rounds);
    printf(" %s %.0f us (p95 %.0f)%s", names[which], median, bench_p95_sorted(samples, rounds),
           which + 1 < REQ_COUNT ? "," : "\n");
  }
  free(samples);
  diaglist_destroy(&diags);
  ws_delete(ws);
  xfree(bytes);
  return 0;
}

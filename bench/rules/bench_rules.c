/* Rules-on-file time: how long the server works on one Dockerfile.
 *   fresh   parse + model + every rule, from the text alone (didOpen);
 *   model   dockerfile_model_build alone on the parsed tree, from nothing
 *           (every instruction read, every shell command parsed);
 *   edit    a one-character edit, incremental reparse, model (reusing
 *           unchanged instructions) and every rule (one keystroke), in the
 *           middle of the file and on its last line.
 * Prints medians over many rounds; figures, not a pass/fail test.
 * Usage: bench_rules FILE [ROUNDS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../bench_clock.h"
#include "bench_input.h"
#include "dockls/analysis/analysis.h"
#include "dockls/base/fs.h"
#include "dockls/model/dockerfile.h"
#include "dockls/syntax/parse.h"

/* One keystroke: a `#` typed at the start of the line holding byte
 * `offset`, then the analysis the server runs for it before it publishes
 * (without fixes, which only a code action asks for).  Returns its time.
 * Never inlined, so that callgrind can count one keystroke's instructions
 * (valgrind --tool=callgrind --toggle-collect=keystroke
 * --dump-after=keystroke bench_rules FILE 1: one part per call). */
__attribute__((noinline)) static double keystroke(Workspace *ws, FileId id, int64_t version, size_t offset, DiagList *list) {
  char *err = NULL;
  TextPos at = text_pos_of(ws_text(ws, id), offset, POS_ENC_UTF8);
  at.character = 0;
  TextChange c = {false, at, at, "#", 1};
  diaglist_clear(list);
  double t = bench_now_us();
  ws_change(ws, id, version, &c, 1, POS_ENC_UTF8, &err);
  analysis_file_without_fixes(ws, id, list);
  return bench_now_us() - t;
}

int main(int argc, char **argv) {
  size_t len, rounds;
  char *bytes = bench_read_input(argc, argv, "bench_rules FILE [ROUNDS]", &len, &rounds);
  if (!bytes) return 2;
  char *err = NULL;
  size_t lines = 0;
  for (size_t i = 0; i < len; i++) lines += bytes[i] == '\n';
  double *fresh = calloc(rounds, sizeof *fresh), *model = calloc(rounds, sizeof *model);
  double *mid = calloc(rounds, sizeof *mid), *end = calloc(rounds, sizeof *end);
  size_t diags = 0;
  SyntaxParsers *parsers = syntax_parsers_new();
  for (size_t r = 0; r < rounds; r++) {
    double t0 = bench_now_us();
    Workspace *ws = ws_new(NULL);
    FileId id;
    ws_open(ws, "file:///bench/Dockerfile", DOC_KIND_DOCKERFILE, 1, bytes, len, &id, &err);
    DiagList list;
    array_init(&list);
    analysis_file_without_fixes(ws, id, &list);
    fresh[r] = bench_now_us() - t0;
    diags = list.len;
    double t1 = bench_now_us();
    DockerfileModel *m = dockerfile_model_build(parsers, ws_syntax(ws, id), ws_text(ws, id), NULL, NULL);
    model[r] = bench_now_us() - t1;
    dockerfile_model_delete(m);
    mid[r] = keystroke(ws, id, 2, ws_text(ws, id)->len / 2, &list);
    /* The last line: the offset of the final byte that is not a newline. */
    size_t last = ws_text(ws, id)->len;
    while (last > 0 && ws_text(ws, id)->bytes[last - 1] == '\n') last--;
    end[r] = keystroke(ws, id, 3, last > 0 ? last - 1 : 0, &list);
    diaglist_destroy(&list);
    ws_delete(ws);
  }
  syntax_parsers_delete(parsers);
  printf("rules on %s (%zu lines, %zu diagnostics, %zu rounds): fresh median %.0f us, model build %.0f us, "
         "one-character edit median %.0f us mid-file, %.0f us on the last line\n",
         argv[1], lines, diags, rounds, bench_median(fresh, rounds), bench_median(model, rounds), bench_median(mid, rounds),
         bench_median(end, rounds));
  free(fresh);
  free(model);
  free(mid);
  free(end);
  xfree(bytes);
  return 0;
}

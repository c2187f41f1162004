/* Rules-on-file time: how long the server works on one Dockerfile.
 *   fresh   parse + model + every rule, from the text alone (didOpen);
 *   edit    a one-character edit, incremental reparse, model (reusing
 *           unchanged instructions) and every rule (one keystroke).
 * Prints medians over many rounds; figures, not a pass/fail test.
 * Usage: bench_rules FILE [ROUNDS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dockls/analysis/analysis.h"
#include "dockls/base/fs.h"
#include "dockls/syntax/parse.h"

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *v, size_t n) {
  qsort(v, n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_rules FILE [ROUNDS]\n");
    return 2;
  }
  size_t rounds = argc > 2 ? (size_t)atoi(argv[2]) : 200;
  char *bytes, *err = NULL;
  size_t len;
  if (!fs_read_file(argv[1], DOCKLS_MAX_FILE_BYTES, &bytes, &len, &err)) {
    fprintf(stderr, "%s\n", err);
    return 2;
  }
  size_t lines = 0;
  for (size_t i = 0; i < len; i++) lines += bytes[i] == '\n';
  double *fresh = calloc(rounds, sizeof *fresh), *edit = calloc(rounds, sizeof *edit);
  size_t diags = 0;
  for (size_t r = 0; r < rounds; r++) {
    double t0 = now_us();
    Workspace *ws = ws_new(NULL);
    FileId id;
    ws_open(ws, "file:///bench/Dockerfile", DOC_KIND_DOCKERFILE, 1, bytes, len, &id, &err);
    DiagList list;
    array_init(&list);
    analysis_file(ws, id, &list);
    fresh[r] = now_us() - t0;
    diags = list.len;
    diaglist_clear(&list);
    /* One keystroke in the middle of the file, as the user types. */
    const TextDoc *t = ws_text(ws, id);
    TextPos at = text_pos_of(t, t->len / 2, POS_ENC_UTF8);
    at.character = 0;
    TextChange c = {false, at, at, "#", 1};
    double t1 = now_us();
    ws_change(ws, id, 2, &c, 1, POS_ENC_UTF8, &err);
    analysis_file(ws, id, &list);
    edit[r] = now_us() - t1;
    diaglist_destroy(&list);
    ws_delete(ws);
  }
  printf("rules on %s (%zu lines, %zu diagnostics): fresh median %.0f us, one-character edit median %.0f us (%zu rounds)\n",
         argv[1], lines, diags, median(fresh, rounds), median(edit, rounds), rounds);
  free(fresh);
  free(edit);
  xfree(bytes);
  return 0;
}

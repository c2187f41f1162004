/*
 * Benchmark of the Dockerfile grammar (not a timed test: it prints figures).
 *
 *   bench_grammar CORPUS_DIR [ROUNDS]
 *
 * 1. Full-parse throughput: every corpus file parsed from scratch, ROUNDS
 *    times, total bytes over total parse time.
 * 2. Incremental reparse after a one-character edit, for files of 300,
 *    2,000 and 5,000 lines made by repeating the corpus's instructions, and
 *    for an edit at the end of the file and one in the middle.  Each sample
 *    inserts a letter inside a word and the next one deletes it again, so
 *    every sample edits the same text.  Printed: the median and 95th
 *    percentile of ts_parser_parse with the edited old tree, and what the
 *    runtime did in one such reparse, counted from its logger: reduce
 *    actions, subtrees reused whole, and candidates refused (as fragile, and
 *    for any reason).  The counts show whether the cost depends on the
 *    file's length, independently of the machine's noise.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../bench_clock.h"
#include "grammar_support.h"

enum { SAMPLES = 201 };



static int is_letter(char c) { return c >= 'a' && c <= 'z'; }

/* An offset inside a word: the last letter of the file for an end edit,
 * the first letter after the middle byte for a mid-file edit. */
static uint32_t edit_offset(const char *text, size_t len, int at_end) {
  if (at_end) {
    uint32_t at = (uint32_t)len;
    while (at > 0 && !is_letter(text[at - 1])) at--;
    return at > 0 ? at - 1 : 0;
  }
  uint32_t at = (uint32_t)len / 2;
  while (at < len && !is_letter(text[at])) at++;
  return at;
}

/* The number of the root's named children (instructions) that start after
 * `at`: the part of the list a mid-file edit makes the parser rebuild. */
static unsigned instructions_after(TSTree *tree, uint32_t at) {
  unsigned n = 0;
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more;
       more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    n += ts_node_is_named(node) && ts_node_start_byte(node) > at;
  }
  ts_tree_cursor_delete(&cursor);
  return n;
}

/* Times SAMPLES reparses after one-character edits at one place and prints
 * the figures, with the runtime's counts for the first insertion. */
static void bench_edits(TSParser *parser, const char *original, size_t original_len, unsigned lines, int at_end) {
  size_t len = original_len;
  char *text = malloc(len + 2);
  memcpy(text, original, len + 1);
  uint32_t at = edit_offset(text, len, at_end);
  TSTree *tree = support_parse(parser, text, len);
  unsigned after = instructions_after(tree, at);
  double times[SAMPLES];
  SupportParseCounts counts = {0, 0, 0, 0};
  for (int i = 0; i < SAMPLES + 1; i++) {
    support_edit_byte(tree, text, &len, at, i % 2 == 0, 'x');
    TSTree *next;
    if (i == SAMPLES) {
      /* One more insertion, parsed with the logger on (it slows the parse,
       * so it is not timed). */
      next = support_parse_counted(parser, tree, text, len, &counts);
    } else {
      double start = bench_now_us();
      next = ts_parser_parse_string(parser, tree, text, (uint32_t)len);
      times[i] = bench_now_us() - start;
    }
    ts_tree_delete(tree);
    tree = next;
  }
  qsort(times, SAMPLES, sizeof(double), bench_compare_doubles);
  printf("  %5u lines, %s edit (%4u instructions after it): median %7.1f us, p95 %7.1f us; "
         "%5u reductions, %4u reused, %5u refused (%u fragile)\n",
         lines, at_end ? "end" : "mid", after, times[SAMPLES / 2], times[SAMPLES * 95 / 100], counts.reductions,
         counts.reused, counts.cant_reuse, counts.fragile);
  ts_tree_delete(tree);
  free(text);
}

static void bench_full_parse(TSParser *parser, const char *dir, int rounds) {
  char **names;
  size_t count = support_list_dir(dir, &names);
  size_t total = 0;
  double parse_us = 0;
  for (size_t i = 0; i < count; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    size_t len;
    char *text = support_read_file(path, &len);
    if (!text) continue;
    total += len;
    for (int r = 0; r < rounds; r++) {
      double start = bench_now_us();
      TSTree *tree = support_parse(parser, text, len);
      parse_us += bench_now_us() - start;
      ts_tree_delete(tree);
    }
    free(text);
  }
  double mb = (double)total * rounds / 1e6;
  printf("full parse: %zu files, %.2f MB x %d rounds in %.1f ms: %.1f MB/s\n", count, (double)total / 1e6, rounds,
         parse_us / 1e3, mb / (parse_us / 1e6));
  support_free_list(names, count);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s CORPUS_DIR [ROUNDS]\n", argv[0]);
    return 2;
  }
  int rounds = argc > 2 ? atoi(argv[2]) : 5;
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_dockerfile());
  bench_full_parse(parser, argv[1], rounds);

  printf("incremental reparse after a one-character edit (%d samples each; counts from the runtime's logger):\n",
         SAMPLES);
  static const unsigned sizes[] = {300, 2000, 5000};
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
    size_t len;
    char *text = support_repeat_instructions(parser, argv[1], sizes[s], &len);
    if (!text) {
      fprintf(stderr, "corpus %s is absent or has no usable file\n", argv[1]);
      ts_parser_delete(parser);
      return 1;
    }
    TSTree *tree = support_parse(parser, text, len);
    uint32_t errors = support_count_errors(ts_tree_root_node(tree), NULL);
    ts_tree_delete(tree);
    if (errors) printf("  (the %u-line file has %u ERROR/MISSING nodes)\n", sizes[s], errors);
    bench_edits(parser, text, len, sizes[s], 1);
    bench_edits(parser, text, len, sizes[s], 0);
    free(text);
  }
  ts_parser_delete(parser);
  return 0;
}

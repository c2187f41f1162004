/*
 * Benchmark of the Dockerfile grammar (not a timed test: it prints figures).
 *
 *   bench_grammar CORPUS_DIR [ROUNDS]
 *
 * 1. Full-parse throughput: every corpus file parsed from scratch, ROUNDS
 *    times, total bytes over total parse time.
 * 2. Incremental reparse after a one-character edit: the median time of
 *    ts_parser_parse with the edited old tree, for a ~300-line file
 *    (moby's Dockerfile.windows, 311 lines) and a ~2,000-line file (the
 *    corpus has none that long, so corpus files are concatenated until the
 *    text has 2,000 lines).  The edit inserts a letter in the middle of the
 *    file and the next one deletes it again, so every sample edits the same
 *    text.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "grammar_support.h"

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static unsigned line_count(const char *text) {
  unsigned n = 0;
  for (; *text; text++) n += *text == '\n';
  return n;
}

static TSPoint point_at(const char *text, uint32_t offset) {
  TSPoint p = {0, 0};
  for (uint32_t i = 0; i < offset; i++) {
    if (text[i] == '\n') p.row++, p.column = 0;
    else p.column++;
  }
  return p;
}

/* Median time of one incremental reparse after a one-character edit. */
static double incremental_median(TSParser *parser, const char *original, const char *label) {
  size_t len = strlen(original);
  char *text = malloc(len + 2);
  memcpy(text, original, len + 1);
  /* Edit inside a word in the middle of the file, away from line starts. */
  uint32_t at = (uint32_t)len / 2;
  while (at < len && !(text[at] >= 'a' && text[at] <= 'z')) at++;
  TSTree *tree = support_parse(parser, text, len);
  enum { SAMPLES = 301 };
  double times[SAMPLES];
  for (int i = 0; i < SAMPLES; i++) {
    TSInputEdit edit;
    edit.start_byte = at;
    edit.start_point = point_at(text, at);
    if (i % 2 == 0) {
      memmove(text + at + 1, text + at, len - at + 1);
      text[at] = 'x';
      len++;
      edit.old_end_byte = at;
      edit.new_end_byte = at + 1;
    } else {
      memmove(text + at, text + at + 1, len - at);
      len--;
      edit.old_end_byte = at + 1;
      edit.new_end_byte = at;
    }
    edit.old_end_point = point_at(i % 2 == 0 ? original : text, edit.old_end_byte);
    edit.new_end_point = point_at(text, edit.new_end_byte);
    ts_tree_edit(tree, &edit);
    double start = now_us();
    TSTree *next = ts_parser_parse_string(parser, tree, text, (uint32_t)len);
    times[i] = now_us() - start;
    ts_tree_delete(tree);
    tree = next;
  }
  qsort(times, SAMPLES, sizeof(double), compare_doubles);
  printf("incremental reparse, 1-char edit, %s (%u lines, %zu bytes): median %.1f us (p10 %.1f, p90 %.1f)\n", label,
         line_count(original), strlen(original), times[SAMPLES / 2], times[SAMPLES / 10], times[SAMPLES * 9 / 10]);
  ts_tree_delete(tree);
  free(text);
  return times[SAMPLES / 2];
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s CORPUS_DIR [ROUNDS]\n", argv[0]);
    return 2;
  }
  int rounds = argc > 2 ? atoi(argv[2]) : 5;
  char **names;
  size_t count = support_list_dir(argv[1], &names);
  if (count == 0) {
    fprintf(stderr, "corpus %s is absent or empty\n", argv[1]);
    return 1;
  }
  char **texts = calloc(count, sizeof(char *));
  size_t *lens = calloc(count, sizeof(size_t));
  size_t total = 0;
  for (size_t i = 0; i < count; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", argv[1], names[i]);
    texts[i] = support_read_file(path, &lens[i]);
    if (texts[i]) total += lens[i];
  }

  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_dockerfile());
  double parse_us = 0;
  for (int r = 0; r < rounds; r++) {
    for (size_t i = 0; i < count; i++) {
      if (!texts[i]) continue;
      double start = now_us();
      TSTree *tree = support_parse(parser, texts[i], lens[i]);
      parse_us += now_us() - start;
      ts_tree_delete(tree);
    }
  }
  double mb = (double)total * rounds / 1e6;
  printf("full parse: %zu files, %.2f MB x %d rounds in %.1f ms: %.1f MB/s\n", count, (double)total / 1e6, rounds,
         parse_us / 1e3, mb / (parse_us / 1e6));

  const char *medium = NULL;
  for (size_t i = 0; i < count; i++) {
    if (texts[i] && strcmp(names[i], "moby__moby__Dockerfile.windows") == 0) medium = texts[i];
  }
  if (!medium) {
    for (size_t i = 0; i < count && !medium; i++) {
      if (texts[i] && line_count(texts[i]) >= 280 && line_count(texts[i]) <= 340) medium = texts[i];
    }
  }
  if (medium) incremental_median(parser, medium, "~300-line file");

  size_t cap = 1 << 20, used = 0;
  char *large = malloc(cap);
  large[0] = 0;
  for (size_t i = 0; i < count && line_count(large) < 2000; i++) {
    if (!texts[i] || used + lens[i] + 2 >= cap) continue;
    memcpy(large + used, texts[i], lens[i]);
    used += lens[i];
    if (used && large[used - 1] != '\n') large[used++] = '\n';
    large[used] = 0;
  }
  incremental_median(parser, large, "~2,000-line file");

  free(large);
  for (size_t i = 0; i < count; i++) free(texts[i]);
  free(texts);
  free(lens);
  ts_parser_delete(parser);
  support_free_list(names, count);
  return 0;
}

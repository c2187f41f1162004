/*
 * Runs grammar corpus tests written in tree-sitter's own format, without
 * the tree-sitter CLI:
 *
 *   ==================
 *   name of the test
 *   :error              (optional: the input must produce an ERROR/MISSING;
 *                        a tree given below it must then match too)
 *   ==================
 *   input text
 *
 *   ---
 *
 *   (expected s-expression)
 *
 * One newline before the `---` line is not part of the input, so a test that
 * wants an input without a final newline simply leaves out the blank line.
 * Expected trees are compared with whitespace normalised; field names are
 * compared only when the expected tree mentions any, as the CLI does.
 *
 * Usage: test_corpus FILE...   (env CORPUS_PRINT=1 prints every actual tree)
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar_support.h"

/* Collapses whitespace and drops it next to parentheses. */
static char *sexp_normalise(const char *in, bool keep_fields) {
  size_t n = strlen(in);
  char *out = malloc(n + 1);
  size_t o = 0;
  bool pending_space = false;
  for (size_t i = 0; i < n; i++) {
    char c = in[i];
    if (isspace((unsigned char)c)) {
      pending_space = true;
      continue;
    }
    if (!keep_fields && (isalnum((unsigned char)c) || c == '_') && (o == 0 || out[o - 1] == '(' || pending_space)) {
      /* A field label is a word followed by ": "; skip it. */
      size_t j = i;
      while (j < n && (isalnum((unsigned char)in[j]) || in[j] == '_')) j++;
      if (j < n && in[j] == ':' && j + 1 < n && isspace((unsigned char)in[j + 1])) {
        i = j + 1;
        continue;
      }
    }
    if (pending_space && o > 0 && out[o - 1] != '(' && c != ')') out[o++] = ' ';
    pending_space = false;
    out[o++] = c;
  }
  out[o] = 0;
  return out;
}

static bool is_rule_line(const char *line, size_t len, char ch) {
  if (len < 3) return false;
  for (size_t i = 0; i < len; i++) {
    if (line[i] != ch) return false;
  }
  return true;
}

typedef struct {
  const char *start;
  size_t len;
} Span;

/* Splits text into lines (without their newline). */
static size_t lines_split(const char *text, Span **out) {
  size_t cap = 64, count = 0;
  *out = malloc(cap * sizeof(Span));
  const char *p = text;
  while (*p) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    if (count == cap) *out = realloc(*out, (cap *= 2) * sizeof(Span));
    (*out)[count++] = (Span){p, len};
    if (!nl) break;
    p = nl + 1;
  }
  return count;
}

static int run_file(TSParser *parser, const char *path, unsigned *passed, unsigned *failed) {
  size_t size;
  char *text = support_read_file(path, &size);
  if (!text) {
    printf("cannot read %s\n", path);
    (*failed)++;
    return 1;
  }
  bool print = getenv("CORPUS_PRINT") != NULL;
  Span *lines;
  size_t count = lines_split(text, &lines);
  size_t i = 0;
  while (i < count) {
    if (!is_rule_line(lines[i].start, lines[i].len, '=')) {
      i++;
      continue;
    }
    size_t name_line = ++i;
    bool expect_error = false;
    while (i < count && !is_rule_line(lines[i].start, lines[i].len, '=')) {
      if (lines[i].len >= 6 && strncmp(lines[i].start, ":error", 6) == 0) expect_error = true;
      i++;
    }
    size_t input_line = ++i;
    while (i < count && !is_rule_line(lines[i].start, lines[i].len, '-')) i++;
    if (i >= count || input_line >= count) break;
    const char *input_start = lines[input_line].start;
    size_t input_len = (size_t)(lines[i].start - input_start);
    if (input_len > 0) input_len--; /* the newline before `---` */
    size_t expected_line = ++i;
    while (i < count && !is_rule_line(lines[i].start, lines[i].len, '=')) i++;
    const char *exp_start = expected_line < count ? lines[expected_line].start : "";
    const char *exp_end = i < count ? lines[i].start : text + size;
    char *expected_raw = strndup(exp_start, (size_t)(exp_end - exp_start));
    char *name = strndup(lines[name_line].start, lines[name_line].len);

    char *input = strndup(input_start, input_len);
    TSTree *tree = support_parse(parser, input, input_len);
    TSNode root = ts_tree_root_node(tree);
    char *actual_raw = ts_node_string(root);
    bool has_error = support_count_errors(root, NULL) > 0;
    bool keep_fields = false;
    for (const char *c = expected_raw; *c && !keep_fields; c++) keep_fields = c[0] == ':' && isspace((unsigned char)c[1]);
    char *expected = sexp_normalise(expected_raw, true);
    char *actual = sexp_normalise(actual_raw, keep_fields);
    /* An error case may also give the tree it expects, to pin down how
     * far the damage reaches (the next instruction must stay intact). */
    bool tree_ok = strcmp(expected, actual) == 0;
    bool ok = expect_error ? has_error && (expected[0] == '\0' || tree_ok) : (!has_error && tree_ok);
    if (expect_error && !has_error) printf("FAIL %s: %s\n  expected an ERROR or MISSING node\n", path, name);
    if (!ok && (!expect_error || has_error)) printf("FAIL %s: %s\n  expected: %s\n  actual:   %s\n", path, name, expected, actual);
    if (print) printf("%s: %s\n%s\n", path, name, actual_raw);
    if (ok) (*passed)++;
    else (*failed)++;
    free(actual_raw);
    free(actual);
    free(expected);
    free(expected_raw);
    free(name);
    free(input);
    ts_tree_delete(tree);
  }
  free(lines);
  free(text);
  return 0;
}

int main(int argc, char **argv) {
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_dockerfile());
  unsigned passed = 0, failed = 0;
  for (int i = 1; i < argc; i++) run_file(parser, argv[i], &passed, &failed);
  printf("%u corpus tests passed, %u failed\n", passed, failed);
  ts_parser_delete(parser);
  return failed || passed == 0 ? 1 : 0;
}

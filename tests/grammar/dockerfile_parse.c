/*
 * dockerfile_parse: prints the syntax tree of Dockerfiles (a debugging aid
 * for grammar work; the tests do not depend on it).
 *
 * Usage: dockerfile_parse [-q] FILE...
 *   -q  print only files whose tree has ERROR or MISSING nodes, with the
 *       offset of the first one
 *   -d  print the parser's log (lexing and parse actions) to stderr
 *   -r  print every node with its field, byte range and text
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar_support.h"

static void log_line(void *payload, TSLogType type, const char *message) {
  (void)payload;
  fprintf(stderr, "%s %s\n", type == TSLogTypeLex ? "lex" : "parse", message);
}

static void print_ranges(TSNode root, const char *text) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  unsigned depth = 0;
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    const char *field = ts_tree_cursor_current_field_name(&cursor);
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    printf("%*s%s%s%s [%u-%u] ", (int)depth * 2, "", field ? field : "", field ? ": " : "", ts_node_type(node), start, end);
    if (ts_node_child_count(node) == 0) {
      putchar('"');
      for (uint32_t b = start; b < end; b++) {
        if (text[b] == '\n') fputs("\\n", stdout);
        else if (text[b] == '\r') fputs("\\r", stdout);
        else putchar(text[b]);
      }
      putchar('"');
    }
    putchar('\n');
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      depth++;
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        ts_tree_cursor_delete(&cursor);
        return;
      }
      depth--;
    }
  }
}

int main(int argc, char **argv) {
  bool quiet = argc > 1 && strcmp(argv[1], "-q") == 0;
  bool debug = argc > 1 && strcmp(argv[1], "-d") == 0;
  bool ranges = argc > 1 && strcmp(argv[1], "-r") == 0;
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_dockerfile());
  if (debug) ts_parser_set_logger(parser, (TSLogger){NULL, log_line});
  int failures = 0;
  for (int i = quiet || debug || ranges ? 2 : 1; i < argc; i++) {
    size_t len;
    char *text = support_read_file(argv[i], &len);
    if (!text) {
      fprintf(stderr, "cannot read %s\n", argv[i]);
      failures++;
      continue;
    }
    TSTree *tree = support_parse(parser, text, len);
    TSNode root = ts_tree_root_node(tree);
    uint32_t first;
    uint32_t errors = support_count_errors(root, &first);
    if (errors) failures++;
    if (ranges) {
      print_ranges(root, text);
    } else if (!quiet) {
      char *sexp = ts_node_string(root);
      printf("%s\n", sexp);
      free(sexp);
    }
    if (errors) {
      uint32_t line = 1;
      for (uint32_t b = 0; b < first && b < len; b++) line += text[b] == '\n';
      printf("%s: %u error nodes, first at byte %u (line %u)\n", argv[i], errors, first, line);
    }
    ts_tree_delete(tree);
    free(text);
  }
  ts_parser_delete(parser);
  return failures ? 1 : 0;
}

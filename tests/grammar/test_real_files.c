/*
 * Every real Dockerfile of the shared corpus must parse without ERROR or
 * MISSING nodes: they are files people build, so any error node is a
 * grammar or scanner bug that would show up as a false syntax error.
 *
 * Usage: test_real_files CORPUS_DIR
 * Lists each failing file with the line of its first error node.
 */
#include <stdio.h>
#include <stdlib.h>

#include "grammar_support.h"

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
    return 2;
  }
  char **names;
  size_t count = support_list_dir(argv[1], &names);
  if (count == 0) {
    printf("SKIP: corpus %s is absent or empty (it lives outside the repository in ../shared/corpus)\n", argv[1]);
    return 77;
  }
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_dockerfile());
  size_t failures = 0, bytes = 0;
  for (size_t i = 0; i < count; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", argv[1], names[i]);
    size_t len;
    char *text = support_read_file(path, &len);
    if (!text) {
      printf("FAIL %s: cannot read\n", names[i]);
      failures++;
      continue;
    }
    bytes += len;
    TSTree *tree = support_parse(parser, text, len);
    uint32_t first;
    uint32_t errors = support_count_errors(ts_tree_root_node(tree), &first);
    if (errors) {
      unsigned line = 1;
      for (uint32_t b = 0; b < first && b < len; b++) line += text[b] == '\n';
      printf("FAIL %s: %u ERROR/MISSING nodes, the first on line %u\n", names[i], errors, line);
      failures++;
    }
    ts_tree_delete(tree);
    free(text);
  }
  printf("%zu of %zu files (%zu bytes) parse without errors\n", count - failures, count, bytes);
  ts_parser_delete(parser);
  support_free_list(names, count);
  return failures ? 1 : 0;
}

/*
 * dockerfile_instructions: prints, for each Dockerfile of a folder, its
 * top-level instructions as one JSON line:
 *   {"file":"NAME","instructions":[["FROM",0,0],["RUN",1,3],...]}
 * with the keyword in upper case and the 0-based first and last line.  The
 * last line is that of the last character that is not whitespace, since our
 * instruction nodes also hold the newline that ends them.
 *
 * The differential test (differential/compare.js) compares this with
 * dockerfile-ast's view of the same files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar_support.h"

static unsigned line_of(const char *text, uint32_t offset) {
  unsigned line = 0;
  for (uint32_t i = 0; i < offset; i++) line += text[i] == '\n';
  return line;
}

static void json_string(const char *s) {
  putchar('"');
  for (; *s; s++) {
    if (*s == '"' || *s == '\\') putchar('\\');
    putchar(*s);
  }
  putchar('"');
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
    return 2;
  }
  char **names;
  size_t count = support_list_dir(argv[1], &names);
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_dockerfile());
  for (size_t i = 0; i < count; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", argv[1], names[i]);
    size_t len;
    char *text = support_read_file(path, &len);
    if (!text) continue;
    TSTree *tree = support_parse(parser, text, len);
    TSNode root = ts_tree_root_node(tree);
    printf("{\"file\":");
    json_string(names[i]);
    printf(",\"instructions\":[");
    bool first = true;
    /* A cursor: indexed access to the root's children walks the
     * instruction list's hidden nesting (one level per instruction). */
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    for (bool more = ts_tree_cursor_goto_first_child(&cursor); more;
         more = ts_tree_cursor_goto_next_sibling(&cursor)) {
      TSNode node = ts_tree_cursor_current_node(&cursor);
      if (!ts_node_is_named(node)) continue;
      const char *type = ts_node_type(node);
      size_t tlen = strlen(type);
      if (tlen < 12 || strcmp(type + tlen - 12, "_instruction") != 0) continue;
      uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
      while (end > start && strchr(" \t\r\n", text[end - 1])) end--;
      const char *keyword = ts_node_type(ts_node_child(node, 0));
      printf("%s[", first ? "" : ",");
      json_string(keyword);
      printf(",%u,%u]", line_of(text, start), line_of(text, end > start ? end - 1 : start));
      first = false;
    }
    ts_tree_cursor_delete(&cursor);
    printf("]}\n");
    ts_tree_delete(tree);
    free(text);
  }
  ts_parser_delete(parser);
  support_free_list(names, count);
  return 0;
}

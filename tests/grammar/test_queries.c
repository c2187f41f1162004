/*
 * The queries shipped with the grammar (the .scm files in queries/) must compile against
 * the language, and must capture what they are meant to on a sample: a
 * query that compiles but names no node of the tree is as useless as one
 * that does not compile.
 *
 * Usage: test_queries QUERIES_DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar_support.h"

static const char SAMPLE[] =
  "# syntax=docker/dockerfile:1\n"
  "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n"
  "RUN apt-get update \\\n"
  "    && apt-get install -y git\n"
  "RUN <<EOF\n"
  "echo hello\n"
  "EOF\n"
  "COPY --from=build /out /app\n"
  "CMD [\"/app\"]\n";

static TSQuery *query_load(const char *dir, const char *name, int *failures) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  size_t len;
  char *text = support_read_file(path, &len);
  if (!text) {
    printf("FAIL cannot read %s\n", path);
    (*failures)++;
    return NULL;
  }
  uint32_t offset;
  TSQueryError error;
  TSQuery *query = ts_query_new(tree_sitter_dockerfile(), text, (uint32_t)len, &offset, &error);
  if (!query) {
    unsigned line = 1;
    for (uint32_t i = 0; i < offset && i < len; i++) line += text[i] == '\n';
    printf("FAIL %s does not compile: error %d at line %u: %.40s\n", name, (int)error, line, text + offset);
    (*failures)++;
  }
  free(text);
  return query;
}

/* Counts the captures of `capture` over the sample and records the text of
 * the first one. */
static unsigned captures(TSQuery *query, TSNode root, const char *capture, char *first, size_t first_size) {
  TSQueryCursor *cursor = ts_query_cursor_new();
  ts_query_cursor_exec(cursor, query, root);
  TSQueryMatch match;
  uint32_t index;
  unsigned count = 0;
  while (ts_query_cursor_next_capture(cursor, &match, &index)) {
    uint32_t len;
    const char *name = ts_query_capture_name_for_id(query, match.captures[index].index, &len);
    if (strlen(capture) != len || strncmp(name, capture, len) != 0) continue;
    if (count++ == 0 && first) {
      TSNode node = match.captures[index].node;
      uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
      snprintf(first, first_size, "%.*s", (int)(end - start), SAMPLE + start);
    }
  }
  ts_query_cursor_delete(cursor);
  return count;
}

static void expect(bool ok, const char *what, int *failures) {
  if (!ok) {
    printf("FAIL %s\n", what);
    (*failures)++;
  }
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s QUERIES_DIR\n", argv[0]);
    return 2;
  }
  int failures = 0;
  TSQuery *highlights = query_load(argv[1], "highlights.scm", &failures);
  TSQuery *injections = query_load(argv[1], "injections.scm", &failures);
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_dockerfile());
  TSTree *tree = support_parse(parser, SAMPLE, strlen(SAMPLE));
  TSNode root = ts_tree_root_node(tree);
  char text[256];
  if (highlights) {
    expect(captures(highlights, root, "keyword", NULL, 0) == 6, "highlights: six keywords", &failures);
    expect(captures(highlights, root, "type", text, sizeof text) == 1 && strcmp(text, "golang") == 0,
           "highlights: the image name is a type", &failures);
    expect(captures(highlights, root, "attribute", NULL, 0) == 4, "highlights: two flags (dashes and names)", &failures);
    expect(captures(highlights, root, "keyword.directive", NULL, 0) >= 1, "highlights: the syntax directive", &failures);
  }
  if (injections) {
    expect(captures(injections, root, "injection.content", text, sizeof text) == 3,
           "injections: two shell commands and one heredoc body", &failures);
    expect(strncmp(text, "apt-get update", 14) == 0, "injections: the first is the RUN command", &failures);
  }
  printf("%s\n", failures ? "query checks failed" : "queries compile and capture as expected");
  ts_tree_delete(tree);
  ts_parser_delete(parser);
  if (highlights) ts_query_delete(highlights);
  if (injections) ts_query_delete(injections);
  return failures ? 1 : 0;
}

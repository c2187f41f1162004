/*
 * Helpers shared by the Dockerfile grammar tests and tools.
 */
#define _POSIX_C_SOURCE 200809L
#include "grammar_support.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *support_read_file(const char *path, size_t *length) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  size_t n;
  while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (cap - len - 1 == 0) {
      char *bigger = realloc(buf, cap * 2);
      if (!bigger) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = bigger;
      cap *= 2;
    }
  }
  fclose(f);
  if (!buf) return NULL;
  buf[len] = 0;
  if (length) *length = len;
  return buf;
}

TSTree *support_parse(TSParser *parser, const char *text, size_t length) {
  ts_parser_reset(parser);
  return ts_parser_parse_string(parser, NULL, text, (uint32_t)length);
}

/* 0.20.7 has no ts_node_is_error, so ERROR nodes are found by their
 * builtin symbol (65535).  Walks with a cursor rather than recursion: real files can be long and
 * the tree is right-leaning. */
uint32_t support_count_errors(TSNode root, uint32_t *first) {
  uint32_t count = 0;
  if (first) *first = UINT32_MAX;
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    if (ts_node_symbol(node) == (TSSymbol)-1 || ts_node_is_missing(node)) {
      if (first && ts_node_start_byte(node) < *first) *first = ts_node_start_byte(node);
      count++;
    }
    if (ts_node_has_error(node) && ts_tree_cursor_goto_first_child(&cursor)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        ts_tree_cursor_delete(&cursor);
        return count;
      }
    }
  }
}

static int compare_strings(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t support_list_dir(const char *dir, char ***names) {
  *names = NULL;
  DIR *d = opendir(dir);
  if (!d) return 0;
  size_t count = 0, cap = 0;
  struct dirent *entry;
  char path[4096];
  while ((entry = readdir(d)) != NULL) {
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) continue;
    if (count == cap) {
      cap = cap ? cap * 2 : 256;
      *names = realloc(*names, cap * sizeof(char *));
    }
    (*names)[count++] = strdup(entry->d_name);
  }
  closedir(d);
  if (count) qsort(*names, count, sizeof(char *), compare_strings);
  return count;
}

void support_free_list(char **names, size_t count) {
  for (size_t i = 0; i < count; i++) free(names[i]);
  free(names);
}

/* True when the tree starts with a parser directive (its first child).  A
 * cursor finds it, as everywhere the root's children are visited: indexed
 * access costs as much as the tree is deep. */
static bool starts_with_directive(TSNode root) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  bool found = ts_tree_cursor_goto_first_child(&cursor) &&
               strcmp(ts_node_type(ts_tree_cursor_current_node(&cursor)), "parser_directive") == 0;
  ts_tree_cursor_delete(&cursor);
  return found;
}

/* Appends the instructions of one parsed file to *out, growing it. */
static void append_instructions(TSNode root, const char *text, char **out, size_t *len, size_t *cap,
                                unsigned *lines) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more;
       more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    if (!ts_node_is_named(node) || strcmp(ts_node_type(node), "comment") == 0) continue;
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    if (*len + (end - start) + 2 > *cap) {
      *cap = (*len + (end - start) + 2) * 2;
      *out = realloc(*out, *cap);
    }
    memcpy(*out + *len, text + start, end - start);
    *len += end - start;
    if ((*out)[*len - 1] != '\n') (*out)[(*len)++] = '\n';
    (*out)[*len] = 0;
    for (uint32_t i = start; i < end; i++) *lines += text[i] == '\n';
  }
  ts_tree_cursor_delete(&cursor);
}

char *support_repeat_instructions(TSParser *parser, const char *corpus_dir, unsigned lines, size_t *length) {
  char **names;
  size_t count = support_list_dir(corpus_dir, &names);
  size_t cap = 4096, len = 0;
  char *out = malloc(cap);
  out[0] = 0;
  unsigned have = 0;
  bool progress = true;
  /* Cycle through the corpus; stop if a whole pass added nothing. */
  while (count && have < lines && progress) {
    progress = false;
    for (size_t i = 0; i < count && have < lines; i++) {
      char path[4096];
      snprintf(path, sizeof path, "%s/%s", corpus_dir, names[i]);
      size_t n;
      char *text = support_read_file(path, &n);
      if (!text) continue;
      TSTree *tree = support_parse(parser, text, n);
      TSNode root = ts_tree_root_node(tree);
      if (support_count_errors(root, NULL) == 0 && !starts_with_directive(root)) {
        unsigned before = have;
        append_instructions(root, text, &out, &len, &cap, &have);
        progress |= have > before;
      }
      ts_tree_delete(tree);
      free(text);
    }
  }
  support_free_list(names, count);
  if (have < lines) {
    free(out);
    return NULL;
  }
  if (length) *length = len;
  return out;
}

static void count_log(void *payload, TSLogType type, const char *message) {
  SupportParseCounts *counts = payload;
  if (type != TSLogTypeParse) return;
  if (strncmp(message, "reduce sym:", 11) == 0) counts->reductions++;
  else if (strncmp(message, "reuse_node ", 11) == 0) counts->reused++;
  else if (strncmp(message, "cant_reuse_node", 15) == 0) {
    counts->cant_reuse++;
    counts->fragile += strncmp(message, "cant_reuse_node_is_fragile", 26) == 0;
  }
}

TSTree *support_parse_counted(TSParser *parser, const TSTree *old, const char *text, size_t length,
                              SupportParseCounts *counts) {
  memset(counts, 0, sizeof *counts);
  TSLogger logger = {counts, count_log};
  ts_parser_set_logger(parser, logger);
  TSTree *tree = ts_parser_parse_string(parser, old, text, (uint32_t)length);
  ts_parser_set_logger(parser, (TSLogger){NULL, NULL});
  return tree;
}

TSPoint support_point_at(const char *text, uint32_t offset) {
  TSPoint p = {0, 0};
  for (uint32_t i = 0; i < offset; i++) {
    if (text[i] == '\n') p.row++, p.column = 0;
    else p.column++;
  }
  return p;
}

void support_edit_byte(TSTree *tree, char *text, size_t *length, uint32_t at, bool insert, char byte) {
  TSInputEdit edit;
  edit.start_byte = at;
  edit.start_point = support_point_at(text, at);
  if (insert) {
    memmove(text + at + 1, text + at, *length - at + 1);
    text[at] = byte;
    ++*length;
    edit.old_end_byte = at;
    edit.new_end_byte = at + 1;
    edit.old_end_point = edit.start_point;
    edit.new_end_point = (TSPoint){edit.start_point.row, edit.start_point.column + 1};
  } else {
    /* Only a byte within a line is deleted here, so the end point is one
     * column further on. */
    edit.old_end_point = (TSPoint){edit.start_point.row, edit.start_point.column + 1};
    edit.new_end_point = edit.start_point;
    memmove(text + at, text + at + 1, *length - at);
    --*length;
    edit.old_end_byte = at + 1;
    edit.new_end_byte = at;
  }
  ts_tree_edit(tree, &edit);
}

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

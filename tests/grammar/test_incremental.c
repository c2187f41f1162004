/*
 * Incremental equivalence: after random edits, the tree the parser builds
 * incrementally (old tree + ts_tree_edit) must equal a fresh parse.
 *
 * The server reparses after every keystroke, so a difference here is a
 * wrong tree in the editor.  The edits are the kinds that stress a
 * Dockerfile scanner: single bytes that matter to it (escape characters,
 * `#`, quotes, brackets, heredoc openers, newlines), deletions, replacements
 * and whole lines pasted from other files, placed anywhere but also on
 * purpose next to line continuations and inside heredocs.
 *
 * Trees are compared by their s-expression and by the type, field and byte
 * range of every node, anonymous ones included.
 *
 * Usage: test_incremental CORPUS_DIR [EDITS_PER_FILE] (seed: env INCREMENTAL_SEED)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar_support.h"

/* --- Random numbers (xorshift64*, deterministic per seed) --- */

static uint64_t rng_state;

static uint64_t rng_next(void) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 2685821657736338717ULL;
}

static uint32_t rng_below(uint32_t n) { return n ? (uint32_t)(rng_next() % n) : 0; }

/* --- Tree dumps --- */

typedef struct {
  char *data;
  size_t len, cap;
} Buf;

static void buf_append(Buf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    b->cap = (b->len + n + 1) * 2;
    b->data = realloc(b->data, b->cap);
  }
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = 0;
}

/* Every node, in order: depth, type, field, byte range. */
static void tree_dump(TSTree *tree, Buf *out) {
  out->len = 0;
  char *sexp = ts_node_string(ts_tree_root_node(tree));
  buf_append(out, sexp, strlen(sexp));
  buf_append(out, "\n", 1);
  free(sexp);
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
  unsigned depth = 0;
  char line[256];
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    const char *field = ts_tree_cursor_current_field_name(&cursor);
    int n = snprintf(line, sizeof line, "%u %s %s %u-%u\n", depth, ts_node_type(node), field ? field : "-",
                     ts_node_start_byte(node), ts_node_end_byte(node));
    buf_append(out, line, (size_t)n);
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

/* --- Edits --- */

static TSPoint point_at(const char *text, uint32_t offset) {
  TSPoint p = {0, 0};
  for (uint32_t i = 0; i < offset; i++) {
    if (text[i] == '\n') {
      p.row++;
      p.column = 0;
    } else {
      p.column++;
    }
  }
  return p;
}

static const char INTERESTING[] = "\\`#\"'[]<-=:@ \t\n\rRUNabc${}0";

/* Picks a position: anywhere, or near a byte that matters to the scanner. */
static uint32_t pick_position(const char *text, uint32_t len) {
  uint32_t pos = rng_below(len + 1);
  if (rng_below(2) == 0 || len == 0) return pos;
  static const char *anchors[] = {"\\\n", "`\n", "<<", "EOF", "\n#", "[\"", "=", "\n"};
  const char *anchor = anchors[rng_below(sizeof anchors / sizeof anchors[0])];
  const char *hit = strstr(text + pos, anchor);
  if (!hit) hit = strstr(text, anchor);
  if (!hit) return pos;
  uint32_t at = (uint32_t)(hit - text) + rng_below((uint32_t)strlen(anchor) + 1);
  return at > len ? len : at;
}

/* Applies one random edit to *text and describes it in *edit. */
static void random_edit(char **text, uint32_t *len, char **others, size_t other_count, const char *corpus,
                        TSInputEdit *edit) {
  uint32_t pos = pick_position(*text, *len);
  uint32_t remove = 0;
  char insert[512];
  uint32_t insert_len = 0;
  switch (rng_below(4)) {
    case 0: /* insert one byte */
      insert[insert_len++] = INTERESTING[rng_below(sizeof INTERESTING - 1)];
      break;
    case 1: /* delete a few bytes */
      remove = 1 + rng_below(6);
      break;
    case 2: /* replace a few bytes */
      remove = 1 + rng_below(3);
      for (uint32_t i = 0, n = 1 + rng_below(3); i < n; i++) insert[insert_len++] = INTERESTING[rng_below(sizeof INTERESTING - 1)];
      break;
    default: { /* paste a line from another file */
      char path[4096];
      snprintf(path, sizeof path, "%s/%s", corpus, others[rng_below((uint32_t)other_count)]);
      size_t olen;
      char *other = support_read_file(path, &olen);
      if (other && olen) {
        uint32_t start = rng_below((uint32_t)olen);
        while (start > 0 && other[start - 1] != '\n') start--;
        while (start < olen && insert_len < sizeof insert - 1) {
          insert[insert_len++] = other[start];
          if (other[start++] == '\n') break;
        }
      }
      free(other);
      while (pos > 0 && (*text)[pos - 1] != '\n' && rng_below(4)) pos--;
      break;
    }
  }
  if (pos + remove > *len) remove = *len - pos;
  edit->start_byte = pos;
  edit->old_end_byte = pos + remove;
  edit->new_end_byte = pos + insert_len;
  edit->start_point = point_at(*text, pos);
  edit->old_end_point = point_at(*text, pos + remove);

  uint32_t new_len = *len - remove + insert_len;
  char *next = malloc(new_len + 1);
  memcpy(next, *text, pos);
  memcpy(next + pos, insert, insert_len);
  memcpy(next + pos + insert_len, *text + pos + remove, *len - pos - remove);
  next[new_len] = 0;
  free(*text);
  *text = next;
  *len = new_len;
  edit->new_end_point = point_at(*text, pos + insert_len);
}

/* --- Main --- */

/* A sample that always includes the files the scanner finds hardest. */
static bool in_sample(size_t index, const char *text) {
  if (index % 9 == 0) return true;
  return strstr(text, "<<") || strstr(text, "escape=") || strstr(text, "ONBUILD") ||
         strstr(text, "\r\n") || strstr(text, "\\\n  #");
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s CORPUS_DIR [EDITS_PER_FILE]\n", argv[0]);
    return 2;
  }
  const char *corpus = argv[1];
  unsigned edits_per_file = argc > 2 ? (unsigned)atoi(argv[2]) : 25;
  const char *seed_env = getenv("INCREMENTAL_SEED");
  uint64_t seed = seed_env ? strtoull(seed_env, NULL, 10) : 20240603;
  char **names;
  size_t count = support_list_dir(corpus, &names);
  if (count == 0) {
    printf("SKIP: corpus %s is absent or empty (it lives outside the repository in ../shared/corpus)\n", corpus);
    return 77;
  }

  TSParser *incremental = ts_parser_new();
  TSParser *fresh = ts_parser_new();
  ts_parser_set_language(incremental, tree_sitter_dockerfile());
  ts_parser_set_language(fresh, tree_sitter_dockerfile());
  Buf a = {0}, b = {0};
  unsigned files = 0, edits = 0, mismatches = 0;
  for (size_t i = 0; i < count; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", corpus, names[i]);
    size_t len0;
    char *text = support_read_file(path, &len0);
    if (!text || !in_sample(i, text)) {
      free(text);
      continue;
    }
    files++;
    rng_state = seed ^ (0x9E3779B97F4A7C15ULL * (i + 1));
    uint32_t len = (uint32_t)len0;
    TSTree *tree = support_parse(incremental, text, len);
    for (unsigned e = 0; e < edits_per_file; e++) {
      TSInputEdit edit;
      random_edit(&text, &len, names, count, corpus, &edit);
      ts_tree_edit(tree, &edit);
      TSTree *next = ts_parser_parse_string(incremental, tree, text, len);
      ts_tree_delete(tree);
      tree = next;
      TSTree *reference = support_parse(fresh, text, len);
      tree_dump(tree, &a);
      tree_dump(reference, &b);
      edits++;
      if (strcmp(a.data, b.data) != 0) {
        mismatches++;
        if (mismatches <= 10) {
          size_t d = 0;
          while (a.data[d] && a.data[d] == b.data[d]) d++;
          size_t from = d > 80 ? d - 80 : 0;
          printf("MISMATCH %s edit %u (seed %llu): bytes %u..%u -> %u\n  incremental: %.160s\n  fresh:       %.160s\n",
                 names[i], e, (unsigned long long)seed, edit.start_byte, edit.old_end_byte, edit.new_end_byte,
                 a.data + from, b.data + from);
        }
        /* Continue from the fresh tree so one difference is counted once. */
        ts_tree_delete(tree);
        tree = ts_tree_copy(reference);
      }
      ts_tree_delete(reference);
    }
    ts_tree_delete(tree);
    free(text);
  }
  printf("%u files, %u edits, %u mismatches\n", files, edits, mismatches);
  free(a.data);
  free(b.data);
  ts_parser_delete(incremental);
  ts_parser_delete(fresh);
  support_free_list(names, count);
  return mismatches ? 1 : 0;
}

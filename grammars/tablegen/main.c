/*
 * dockls_tablegen: writes parser.c and node-types.json for a grammar.json.
 *
 * Usage: dockls_tablegen [--lalr] GRAMMAR_JSON OUT_DIR
 *
 * The default automaton is canonical LR(1) (see lr.c for why); --lalr
 * merges states with the same core instead.
 *
 * The outputs are written to temporary names and renamed into place only
 * when generation succeeds, so a failed run never leaves a half-written
 * parser.c behind for the build to pick up.
 */
#include "tablegen.h"

#include <string.h>

static char *file_read(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) tg_fatal("cannot open %s", path);
  Array(char) text = {0};
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
    for (size_t i = 0; i < n; i++) array_push(&text, buf[i]);
  }
  fclose(f);
  array_push(&text, '\0');
  return text.contents;
}

static FILE *open_temp(const char *dir, const char *name, char *path, size_t size) {
  snprintf(path, size, "%s/%s.tmp", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f) tg_fatal("cannot write %s", path);
  return f;
}

static void commit(const char *dir, const char *name, const char *tmp) {
  char final_path[4096];
  snprintf(final_path, sizeof final_path, "%s/%s", dir, name);
  if (rename(tmp, final_path) != 0) tg_fatal("cannot rename %s to %s", tmp, final_path);
}

int main(int argc, char **argv) {
  LrMode mode = LR_CANONICAL;
  if (argc == 4 && strcmp(argv[1], "--lalr") == 0) {
    mode = LR_LALR;
    argv++;
    argc--;
  }
  if (argc != 3) {
    fprintf(stderr, "usage: %s [--lalr] GRAMMAR_JSON OUT_DIR\n", argv[0]);
    return 2;
  }
  char *json = file_read(argv[1]);
  char parser_tmp[4096], types_tmp[4096];
  FILE *parser_c = open_temp(argv[2], "parser.c", parser_tmp, sizeof parser_tmp);
  FILE *node_types = open_temp(argv[2], "node-types.json", types_tmp, sizeof types_tmp);
  GenerateStats stats;
  uint32_t conflicts = tablegen_generate(json, mode, parser_c, node_types, stderr, &stats);
  fclose(parser_c);
  fclose(node_types);
  free(json);
  if (conflicts) {
    remove(parser_tmp);
    remove(types_tmp);
    fprintf(stderr, "tablegen: %u unresolved conflicts; nothing written\n", conflicts);
    return 1;
  }
  commit(argv[2], "parser.c", parser_tmp);
  commit(argv[2], "node-types.json", types_tmp);
  fprintf(stderr, "tablegen: %u states (%u large), %u symbols, %u GLR entries\n", stats.state_count,
          stats.large_state_count, stats.symbol_count, stats.glr_entry_count);
  return 0;
}

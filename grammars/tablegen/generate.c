/*
 * The generator pipeline: load, normalise, build the LR table, pack it and
 * write the outputs.  Kept apart from main.c so that the unit tests can run
 * the same pipeline on small grammars held in strings.
 */
#include "tablegen.h"

uint32_t tablegen_generate(const char *json_text, LrMode mode, FILE *parser_c, FILE *node_types,
                           FILE *log, GenerateStats *stats) {
  GrammarFile *file = grammar_file_load(json_text);
  Grammar *g = grammar_normalise(file);
  ParseTable *table = lr_build(g, mode, log);
  uint32_t conflicts = table->conflict_count;
  if (stats) {
    stats->state_count = table->states.size;
    stats->symbol_count = g->symbol_count;
    stats->conflict_count = conflicts;
    stats->glr_entry_count = table->glr_entry_count;
    stats->large_state_count = 0;
  }
  if (conflicts == 0) {
    PackedTable *packed = pack_build(g, table);
    if (stats) stats->large_state_count = packed->large_state_count;
    if (parser_c) emit_parser_c(parser_c, g, packed, table->states.size, file->name);
    if (node_types) emit_node_types(node_types, g);
    pack_free(packed);
  }
  lr_free(table, g);
  grammar_free(g);
  grammar_file_free(file);
  return conflicts;
}

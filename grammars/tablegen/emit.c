/*
 * Writing parser.c.
 *
 * The output includes "tree_sitter/parser.h" from the grammar's own src/
 * folder, whose macros (TG_SHIFT, TG_REDUCE, ...) build the action unions.
 * Everything is written in a fixed order from deterministic data, so the
 * same grammar.json always yields byte-identical output; a test relies on
 * that to check that the committed parser.c is up to date.
 */
#include "tablegen.h"

#include <string.h>

#define ABI_VERSION 14

static void c_string(FILE *out, const char *s) {
  fputc('"', out);
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') fprintf(out, "\\%c", c);
    else if (c == '\n') fputs("\\n", out);
    else if (c == '\t') fputs("\\t", out);
    else if (c == '\r') fputs("\\r", out);
    else if (c < 0x20) fprintf(out, "\\%03o", c);
    else fputc(c, out);
  }
  fputc('"', out);
}

static const char *ident(const Grammar *g, int sym) { return g->symbols.contents[sym].ident; }

static void emit_symbols(FILE *out, const Grammar *g) {
  uint32_t total = g->symbol_count + g->alias_count;
  fputs("enum ts_symbol_identifiers {\n", out);
  for (uint32_t i = 1; i < total; i++) fprintf(out, "  %s = %u,\n", ident(g, (int)i), i);
  fputs("};\n\n", out);

  fputs("static const char * const ts_symbol_names[] = {\n", out);
  for (uint32_t i = 0; i < total; i++) {
    fprintf(out, "  [%s] = ", ident(g, (int)i));
    c_string(out, g->symbols.contents[i].name);
    fputs(",\n", out);
  }
  fputs("};\n\n", out);

  /* Every symbol is its own public symbol: names are unique per kind. */
  fputs("static const TSSymbol ts_symbol_map[] = {\n", out);
  for (uint32_t i = 0; i < total; i++) fprintf(out, "  [%s] = %s,\n", ident(g, (int)i), ident(g, (int)i));
  fputs("};\n\n", out);

  fputs("static const TSSymbolMetadata ts_symbol_metadata[] = {\n", out);
  for (uint32_t i = 0; i < total; i++) {
    const Symbol *s = &g->symbols.contents[i];
    fprintf(out, "  [%s] = {.visible = %s, .named = %s, .supertype = %s},\n", s->ident,
            s->visible ? "true" : "false", s->named ? "true" : "false", s->supertype ? "true" : "false");
  }
  fputs("};\n\n", out);
}

static void emit_fields(FILE *out, const Grammar *g) {
  uint32_t fields = g->field_names.size - 1;
  if (fields == 0) return;
  fputs("enum ts_field_identifiers {\n", out);
  for (uint32_t f = 1; f <= fields; f++) fprintf(out, "  field_%s = %u,\n", g->field_names.contents[f], f);
  fputs("};\n\n", out);

  fputs("static const char * const ts_field_names[] = {\n  [0] = NULL,\n", out);
  for (uint32_t f = 1; f <= fields; f++) fprintf(out, "  [field_%s] = \"%s\",\n", g->field_names.contents[f], g->field_names.contents[f]);
  fputs("};\n\n", out);

  fputs("static const TSFieldMapSlice ts_field_map_slices[PRODUCTION_ID_COUNT] = {\n", out);
  uint32_t index = 0;
  for (uint32_t i = 0; i < g->infos.size; i++) {
    uint32_t n = g->infos.contents[i].fields.size;
    if (n) fprintf(out, "  [%u] = {.index = %u, .length = %u},\n", i, index, n);
    index += n;
  }
  fputs("};\n\n", out);

  fputs("static const TSFieldMapEntry ts_field_map_entries[] = {\n", out);
  index = 0;
  for (uint32_t i = 0; i < g->infos.size; i++) {
    const ProductionInfo *info = &g->infos.contents[i];
    if (info->fields.size) fprintf(out, "  [%u] =\n", index);
    index += info->fields.size;
    for (uint32_t e = 0; e < info->fields.size; e++) {
      const FieldEntry *fe = &info->fields.contents[e];
      fprintf(out, "    {field_%s, %u%s},\n", g->field_names.contents[fe->field], fe->child_index,
              fe->inherited ? ", .inherited = true" : "");
    }
  }
  fputs("};\n\n", out);
}

static void emit_aliases(FILE *out, const Grammar *g) {
  fputs("static const TSSymbol ts_alias_sequences[PRODUCTION_ID_COUNT][MAX_ALIAS_SEQUENCE_LENGTH] = {\n", out);
  fputs("  [0] = {0},\n", out);
  for (uint32_t i = 1; i < g->infos.size; i++) {
    const ProductionInfo *info = &g->infos.contents[i];
    if (!info->aliases.size) continue;
    fprintf(out, "  [%u] = {\n", i);
    for (uint32_t c = 0; c < info->aliases.size; c++) {
      if (info->aliases.contents[c]) fprintf(out, "    [%u] = %s,\n", c, ident(g, info->aliases.contents[c]));
    }
    fputs("  },\n", out);
  }
  fputs("};\n\n", out);

  /* For each non-terminal shown under another name somewhere: the symbol,
   * the number of names (its own included) and the names, then 0. */
  fputs("static const uint16_t ts_non_terminal_alias_map[] = {\n", out);
  for (uint32_t sym = g->token_count; sym < g->symbol_count; sym++) {
    IntList names = {0};
    for (uint32_t p = 1; p < g->productions.size; p++) {
      const Production *prod = &g->productions.contents[p];
      for (uint32_t s = 0; s < prod->steps.size; s++) {
        const Step *st = &prod->steps.contents[s];
        if (st->symbol != (int)sym || !st->alias) continue;
        bool seen = false;
        for (uint32_t k = 0; k < names.size; k++) seen |= names.contents[k] == st->alias;
        if (!seen) array_push(&names, st->alias);
      }
    }
    if (names.size) {
      fprintf(out, "  %s, %u,\n    %s,\n", ident(g, (int)sym), names.size + 1, ident(g, (int)sym));
      for (uint32_t k = 0; k < names.size; k++) fprintf(out, "    %s,\n", ident(g, names.contents[k]));
    }
    array_delete(&names);
  }
  fputs("  0,\n};\n\n", out);
}

static void emit_lexing(FILE *out, const Grammar *g, const PackedTable *p, uint32_t state_count) {
  fputs("static const TSStateId ts_primary_state_ids[STATE_COUNT] = {\n", out);
  for (uint32_t s = 0; s < state_count; s++) fprintf(out, "  [%u] = %u,\n", s, s);
  fputs("};\n\n", out);

  fputs("/* Every token comes from the external scanner.  This function is only\n"
        " * reached when the scanner found nothing; it skips whitespace (the\n"
        " * scanner's skipped bytes are rolled back when it returns false) and\n"
        " * recognises the end of input. */\n"
        "static bool ts_lex(TSLexer *lexer, TSStateId state) {\n"
        "  (void)state;\n"
        "  while (lexer->lookahead == ' ' || lexer->lookahead == '\\t' || lexer->lookahead == '\\r' ||\n"
        "         lexer->lookahead == '\\n' || lexer->lookahead == 0xFEFF) {\n"
        "    lexer->advance(lexer, true);\n"
        "  }\n"
        "  if (lexer->eof(lexer)) {\n"
        "    lexer->result_symbol = ts_builtin_sym_end;\n"
        "    lexer->mark_end(lexer);\n"
        "    return true;\n"
        "  }\n"
        "  return false;\n"
        "}\n\n", out);

  fputs("static const TSLexMode ts_lex_modes[STATE_COUNT] = {\n", out);
  for (uint32_t s = 0; s < state_count; s++) {
    fprintf(out, "  [%u] = {.lex_state = 0, .external_lex_state = %u},\n", s, p->lex_modes.contents[s]);
  }
  fputs("};\n\n", out);

  fputs("enum ts_external_scanner_symbol_identifiers {\n", out);
  for (uint32_t e = 0; e < g->external_count; e++) fprintf(out, "  ts_external_token_%s = %u,\n", ident(g, (int)e + 1), e);
  fputs("};\n\n", out);

  fputs("static const TSSymbol ts_external_scanner_symbol_map[EXTERNAL_TOKEN_COUNT] = {\n", out);
  for (uint32_t e = 0; e < g->external_count; e++) {
    fprintf(out, "  [ts_external_token_%s] = %s,\n", ident(g, (int)e + 1), ident(g, (int)e + 1));
  }
  fputs("};\n\n", out);

  fprintf(out, "static const bool ts_external_scanner_states[%u][EXTERNAL_TOKEN_COUNT] = {\n", p->external_row_count);
  for (uint32_t r = 1; r < p->external_row_count; r++) {
    fprintf(out, "  [%u] = {\n", r);
    for (uint32_t e = 0; e < g->external_count; e++) {
      if (p->external_rows.contents[(size_t)r * g->external_count + e]) {
        fprintf(out, "    [ts_external_token_%s] = true,\n", ident(g, (int)e + 1));
      }
    }
    fputs("  },\n", out);
  }
  fputs("};\n\n", out);
}

static void emit_tables(FILE *out, const Grammar *g, const PackedTable *p, uint32_t state_count) {
  fputs("static const uint16_t ts_parse_table[LARGE_STATE_COUNT][SYMBOL_COUNT] = {\n", out);
  for (uint32_t s = 0; s < p->large_state_count; s++) {
    fprintf(out, "  [%u] = {\n", s);
    for (uint32_t sym = 0; sym < g->symbol_count; sym++) {
      uint16_t v = p->parse_table.contents[(size_t)s * g->symbol_count + sym];
      if (v) fprintf(out, "    [%s] = %u,\n", ident(g, (int)sym), v);
    }
    fputs("  },\n", out);
  }
  fputs("};\n\n", out);

  fputs("static const uint16_t ts_small_parse_table[] = {\n", out);
  uint32_t small = state_count - p->large_state_count;
  for (uint32_t i = 0; i < small; i++) {
    uint32_t at = p->small_parse_table_map.contents[i];
    uint32_t groups = p->small_parse_table.contents[at++];
    fprintf(out, "  [%u] = %u,\n", p->small_parse_table_map.contents[i], groups);
    for (uint32_t gi = 0; gi < groups; gi++) {
      uint32_t value = p->small_parse_table.contents[at++];
      uint32_t n = p->small_parse_table.contents[at++];
      fprintf(out, "    %u, %u,\n", value, n);
      for (uint32_t k = 0; k < n; k++) fprintf(out, "      %s,\n", ident(g, p->small_parse_table.contents[at++]));
    }
  }
  if (small == 0) fputs("  0,\n", out);
  fputs("};\n\n", out);

  fputs("static const uint32_t ts_small_parse_table_map[] = {\n", out);
  for (uint32_t i = 0; i < small; i++) {
    fprintf(out, "  [SMALL_STATE(%u)] = %u,\n", i + p->large_state_count, p->small_parse_table_map.contents[i]);
  }
  if (small == 0) fputs("  0,\n", out);
  fputs("};\n\n", out);

  fputs("static const TSParseActionEntry ts_parse_actions[] = {\n  [0] = TG_ENTRY(0, false),\n", out);
  for (uint32_t i = 0; i < p->entries.size; i++) {
    const ActionList *list = &p->entries.contents[i];
    fprintf(out, "  [%u] = TG_ENTRY(%u, true),", p->entry_index.contents[i], list->size);
    for (uint32_t a = 0; a < list->size; a++) {
      const Action *act = &list->contents[a];
      switch (act->type) {
        case ACTION_SHIFT:
          if (act->extra) fputs(" TG_SHIFT_EXTRA(),", out);
          else if (act->repetition) fprintf(out, " TG_SHIFT_REPEAT(%u),", act->state);
          else fprintf(out, " TG_SHIFT(%u),", act->state);
          break;
        case ACTION_REDUCE:
          fprintf(out, " TG_REDUCE(%s, %u, %d, %u),", ident(g, act->symbol), act->child_count,
                  act->dynamic_prec, act->production_id);
          break;
        case ACTION_ACCEPT: fputs(" TG_ACCEPT(),", out); break;
        case ACTION_RECOVER: fputs(" TG_RECOVER(),", out); break;
      }
    }
    fputc('\n', out);
  }
  fputs("};\n\n", out);
}

void emit_parser_c(FILE *out, const Grammar *g, const PackedTable *p, uint32_t state_count,
                   const char *language_name) {
  bool has_fields = g->field_names.size > 1;
  fputs("/* Generated by dockls_tablegen from grammar.json; do not edit.\n"
        " * Regenerate with `cmake --build <build> --target grammar`. */\n"
        "#include \"tree_sitter/parser.h\"\n\n", out);
  fprintf(out, "#define LANGUAGE_VERSION %d\n", ABI_VERSION);
  fprintf(out, "#define STATE_COUNT %u\n", state_count);
  fprintf(out, "#define LARGE_STATE_COUNT %u\n", p->large_state_count);
  fprintf(out, "#define SYMBOL_COUNT %u\n", g->symbol_count);
  fprintf(out, "#define ALIAS_COUNT %u\n", g->alias_count);
  fprintf(out, "#define TOKEN_COUNT %u\n", g->token_count);
  fprintf(out, "#define EXTERNAL_TOKEN_COUNT %u\n", g->external_count);
  fprintf(out, "#define FIELD_COUNT %u\n", g->field_names.size - 1);
  fprintf(out, "#define MAX_ALIAS_SEQUENCE_LENGTH %u\n", g->max_production_length);
  fprintf(out, "#define PRODUCTION_ID_COUNT %u\n\n", g->infos.size);

  emit_symbols(out, g);
  emit_fields(out, g);
  emit_aliases(out, g);
  emit_lexing(out, g, p, state_count);
  emit_tables(out, g, p, state_count);

  const char *n = language_name;
  fputs("#ifdef __cplusplus\nextern \"C\" {\n#endif\n", out);
  fprintf(out, "void *tree_sitter_%s_external_scanner_create(void);\n", n);
  fprintf(out, "void tree_sitter_%s_external_scanner_destroy(void *);\n", n);
  fprintf(out, "bool tree_sitter_%s_external_scanner_scan(void *, TSLexer *, const bool *);\n", n);
  fprintf(out, "unsigned tree_sitter_%s_external_scanner_serialize(void *, char *);\n", n);
  fprintf(out, "void tree_sitter_%s_external_scanner_deserialize(void *, const char *, unsigned);\n\n", n);
  fprintf(out, "const TSLanguage *tree_sitter_%s(void) {\n", n);
  fputs("  static const TSLanguage language = {\n"
        "    .version = LANGUAGE_VERSION,\n"
        "    .symbol_count = SYMBOL_COUNT,\n"
        "    .alias_count = ALIAS_COUNT,\n"
        "    .token_count = TOKEN_COUNT,\n"
        "    .external_token_count = EXTERNAL_TOKEN_COUNT,\n"
        "    .state_count = STATE_COUNT,\n"
        "    .large_state_count = LARGE_STATE_COUNT,\n"
        "    .production_id_count = PRODUCTION_ID_COUNT,\n"
        "    .field_count = FIELD_COUNT,\n"
        "    .max_alias_sequence_length = MAX_ALIAS_SEQUENCE_LENGTH,\n"
        "    .parse_table = &ts_parse_table[0][0],\n"
        "    .small_parse_table = ts_small_parse_table,\n"
        "    .small_parse_table_map = ts_small_parse_table_map,\n"
        "    .parse_actions = ts_parse_actions,\n"
        "    .symbol_names = ts_symbol_names,\n", out);
  if (has_fields) {
    fputs("    .field_names = ts_field_names,\n"
          "    .field_map_slices = ts_field_map_slices,\n"
          "    .field_map_entries = ts_field_map_entries,\n", out);
  }
  fputs("    .symbol_metadata = ts_symbol_metadata,\n"
        "    .public_symbol_map = ts_symbol_map,\n"
        "    .alias_map = ts_non_terminal_alias_map,\n"
        "    .alias_sequences = &ts_alias_sequences[0][0],\n"
        "    .lex_modes = ts_lex_modes,\n"
        "    .lex_fn = ts_lex,\n"
        "    .external_scanner = {\n"
        "      &ts_external_scanner_states[0][0],\n"
        "      ts_external_scanner_symbol_map,\n", out);
  fprintf(out, "      tree_sitter_%s_external_scanner_create,\n", n);
  fprintf(out, "      tree_sitter_%s_external_scanner_destroy,\n", n);
  fprintf(out, "      tree_sitter_%s_external_scanner_scan,\n", n);
  fprintf(out, "      tree_sitter_%s_external_scanner_serialize,\n", n);
  fprintf(out, "      tree_sitter_%s_external_scanner_deserialize,\n", n);
  fputs("    },\n"
        "    .primary_state_ids = ts_primary_state_ids,\n"
        "  };\n"
        "  return &language;\n"
        "}\n"
        "#ifdef __cplusplus\n}\n#endif\n", out);
}

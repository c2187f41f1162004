/*
 * Unit tests of the table generator on small grammars with known automata:
 * state counts (the dragon book's LALR example), precedence and
 * associativity, declared GLR conflicts, the repeat encoding that
 * incremental parsing depends on, fields and aliases.
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <string.h>

#include "tablegen.h"

#define SYM(n) "{\"type\":\"SYMBOL\",\"name\":\"" n "\"}"
#define STR(s) "{\"type\":\"STRING\",\"value\":\"" s "\"}"
#define SEQ(...) "{\"type\":\"SEQ\",\"members\":[" __VA_ARGS__ "]}"
#define CHOICE(...) "{\"type\":\"CHOICE\",\"members\":[" __VA_ARGS__ "]}"

typedef struct {
  GrammarFile *file;
  Grammar *g;
  ParseTable *table;
} Built;

static Built build(const char *json, LrMode mode) {
  Built b;
  b.file = grammar_file_load(json);
  b.g = grammar_normalise(b.file);
  b.table = lr_build(b.g, mode, NULL);
  return b;
}

static void built_free(Built *b) {
  lr_free(b->table, b->g);
  grammar_free(b->g);
  grammar_file_free(b->file);
}

static int symbol_named(const Grammar *g, const char *name) {
  for (uint32_t i = 0; i < g->symbols.size; i++) {
    if (strcmp(g->symbols.contents[i].name, name) == 0) return (int)i;
  }
  return -1;
}

/* The dragon book's grammar 4.49: S -> L = R | R, L -> * R | id, R -> L.
 * Its LR(0)/LALR(1) automaton has 10 states and the canonical LR(1) one 14;
 * we add the error state 0.  It is LALR(1) but not SLR(1). */
static const char DRAGON[] =
  "{\"name\":\"dragon\",\"externals\":[" STR("=") "," STR("*") "," SYM("id") "],\"extras\":[],"
  "\"rules\":{"
  "\"s\":" CHOICE(SEQ(SYM("l") "," STR("=") "," SYM("r")) "," SYM("r")) ","
  "\"l\":" CHOICE(SEQ(STR("*") "," SYM("r")) "," SYM("id")) ","
  "\"r\":" SYM("l")
  "}}";

Test(tablegen, lalr_state_count_of_the_dragon_grammar) {
  Built b = build(DRAGON, LR_LALR);
  cr_expect_eq(b.table->states.size, 11);
  cr_expect_eq(b.table->conflict_count, 0);
  built_free(&b);
}

Test(tablegen, canonical_state_count_of_the_dragon_grammar) {
  Built b = build(DRAGON, LR_CANONICAL);
  cr_expect_eq(b.table->states.size, 15);
  cr_expect_eq(b.table->conflict_count, 0);
  built_free(&b);
}

Test(tablegen, symbols_are_numbered_for_the_runtime) {
  Built b = build(DRAGON, LR_LALR);
  cr_expect_str_eq(b.g->symbols.contents[0].name, "end");
  cr_expect_eq(b.g->token_count, 4);
  cr_expect_eq(b.g->external_count, 3);
  cr_expect_eq(symbol_named(b.g, "s"), 4, "non-terminals follow the terminals, start rule first");
  const Symbol *eq = &b.g->symbols.contents[1];
  cr_expect(eq->visible && !eq->named, "a string token is visible and anonymous");
  cr_expect(b.g->symbols.contents[3].visible && b.g->symbols.contents[3].named);
  built_free(&b);
}

static const char AMBIGUOUS[] =
  "{\"name\":\"expr\",\"externals\":[" STR("+") "," SYM("id") "],\"extras\":[],"
  "\"rules\":{\"e\":" CHOICE(SEQ(SYM("e") "," STR("+") "," SYM("e")) "," SYM("id")) "}}";

Test(tablegen, ambiguous_operator_is_an_unresolved_conflict) {
  Built b = build(AMBIGUOUS, LR_LALR);
  cr_expect_eq(b.table->conflict_count, 1);
  built_free(&b);
}

static const char PREC_LEFT[] =
  "{\"name\":\"expr\",\"externals\":[" STR("+") "," SYM("id") "],\"extras\":[],"
  "\"rules\":{\"e\":" CHOICE("{\"type\":\"PREC_LEFT\",\"value\":1,\"content\":" SEQ(SYM("e") "," STR("+") "," SYM("e")) "}," SYM("id")) "}}";
static const char PREC_RIGHT[] =
  "{\"name\":\"expr\",\"externals\":[" STR("+") "," SYM("id") "],\"extras\":[],"
  "\"rules\":{\"e\":" CHOICE("{\"type\":\"PREC_RIGHT\",\"value\":1,\"content\":" SEQ(SYM("e") "," STR("+") "," SYM("e")) "}," SYM("id")) "}}";

/* In the state after `e + e`, the lookahead `+` must reduce for left
 * associativity and shift for right associativity. */
static ActionType action_on_plus_after_e_plus_e(const Built *b) {
  int plus = symbol_named(b->g, "+"), e = symbol_named(b->g, "e");
  const ParseState *s1 = &b->table->states.contents[1];
  const ParseState *after_e = &b->table->states.contents[s1->gotos[e - (int)b->g->token_count]];
  const ParseState *after_plus = &b->table->states.contents[after_e->terminal[plus].contents[0].state];
  const ParseState *after_e2 = &b->table->states.contents[after_plus->gotos[e - (int)b->g->token_count]];
  cr_assert_eq(after_e2->terminal[plus].size, 1);
  return after_e2->terminal[plus].contents[0].type;
}

Test(tablegen, left_associativity_reduces) {
  Built b = build(PREC_LEFT, LR_LALR);
  cr_expect_eq(b.table->conflict_count, 0);
  cr_expect_eq(action_on_plus_after_e_plus_e(&b), ACTION_REDUCE);
  built_free(&b);
}

Test(tablegen, right_associativity_shifts) {
  Built b = build(PREC_RIGHT, LR_LALR);
  cr_expect_eq(b.table->conflict_count, 0);
  cr_expect_eq(action_on_plus_after_e_plus_e(&b), ACTION_SHIFT);
  built_free(&b);
}

Test(tablegen, declared_conflict_becomes_a_glr_entry) {
  static const char json[] =
    "{\"name\":\"expr\",\"externals\":[" STR("+") "," SYM("id") "],\"extras\":[],\"conflicts\":[[\"e\"]],"
    "\"rules\":{\"e\":" CHOICE(SEQ(SYM("e") "," STR("+") "," SYM("e")) "," SYM("id")) "}}";
  Built b = build(json, LR_LALR);
  cr_expect_eq(b.table->conflict_count, 0);
  cr_expect_eq(b.table->glr_entry_count, 1);
  built_free(&b);
}

/* repeat(x) must become R -> R R | x with the conflict kept as one entry
 * {REDUCE(R, 2), SHIFT_REPEAT}: the encoding incremental parsing needs. */
Test(tablegen, repeat_uses_the_reduce_and_shift_repeat_entry) {
  static const char json[] =
    "{\"name\":\"list\",\"externals\":[" SYM("item") "],\"extras\":[],"
    "\"rules\":{\"list\":{\"type\":\"REPEAT\",\"content\":" SYM("item") "}}}";
  Built b = build(json, LR_CANONICAL);
  int helper = symbol_named(b.g, "list_repeat1");
  cr_assert_geq(helper, 0);
  cr_expect(b.g->symbols.contents[helper].is_aux && !b.g->symbols.contents[helper].visible);
  int item = symbol_named(b.g, "item");
  unsigned found = 0;
  for (uint32_t s = 0; s < b.table->states.size; s++) {
    const ActionList *list = &b.table->states.contents[s].terminal[item];
    if (list->size == 2 && list->contents[0].type == ACTION_REDUCE && list->contents[0].symbol == helper &&
        list->contents[0].child_count == 2 && list->contents[1].type == ACTION_SHIFT &&
        list->contents[1].repetition) {
      found++;
    }
  }
  cr_expect_eq(found, 1);
  cr_expect_eq(b.table->conflict_count, 0);
  built_free(&b);
}

Test(tablegen, extras_are_shifted_in_every_state) {
  static const char json[] =
    "{\"name\":\"x\",\"externals\":[" SYM("a") "," SYM("comment") "],\"extras\":[" SYM("comment") "],"
    "\"rules\":{\"x\":" SEQ(SYM("a") "," SYM("a")) "}}";
  Built b = build(json, LR_CANONICAL);
  int comment = symbol_named(b.g, "comment");
  for (uint32_t s = 0; s < b.table->states.size; s++) {
    const ActionList *list = &b.table->states.contents[s].terminal[comment];
    cr_expect(list->size == 1 && list->contents[0].type == ACTION_SHIFT && list->contents[0].extra, "state %u", s);
  }
  built_free(&b);
}

/* Fields are numbered in name order; a hidden child's fields reappear as
 * inherited entries of the parent's production. */
Test(tablegen, fields_are_sorted_and_inherited_through_hidden_rules) {
  static const char json[] =
    "{\"name\":\"f\",\"externals\":[" SYM("k") "," SYM("v") "],\"extras\":[],"
    "\"rules\":{\"pair\":" SEQ("{\"type\":\"FIELD\",\"name\":\"value\",\"content\":" SYM("v") "}," SYM("_key")) ","
    "\"_key\":{\"type\":\"FIELD\",\"name\":\"key\",\"content\":" SYM("k") "}}}";
  Built b = build(json, LR_CANONICAL);
  cr_assert_eq(b.g->field_names.size, 3);
  cr_expect_str_eq(b.g->field_names.contents[1], "key");
  cr_expect_str_eq(b.g->field_names.contents[2], "value");
  const Production *pair = &b.g->productions.contents[1];
  const ProductionInfo *info = &b.g->infos.contents[pair->info_id];
  cr_assert_eq(info->fields.size, 2);
  cr_expect(info->fields.contents[0].field == 1 && info->fields.contents[0].child_index == 1 &&
            info->fields.contents[0].inherited);
  cr_expect(info->fields.contents[1].field == 2 && info->fields.contents[1].child_index == 0 &&
            !info->fields.contents[1].inherited);
  built_free(&b);
}

Test(tablegen, alias_to_a_new_name_makes_an_alias_symbol) {
  static const char json[] =
    "{\"name\":\"a\",\"externals\":[" SYM("_word") "],\"extras\":[],"
    "\"rules\":{\"doc\":{\"type\":\"ALIAS\",\"named\":true,\"value\":\"path\",\"content\":" SYM("_word") "}}}";
  Built b = build(json, LR_CANONICAL);
  cr_expect_eq(b.g->alias_count, 1);
  int path = symbol_named(b.g, "path");
  cr_expect_eq(path, (int)b.g->symbol_count);
  cr_expect(b.g->symbols.contents[path].visible && b.g->symbols.contents[path].named);
  const ProductionInfo *info = &b.g->infos.contents[b.g->productions.contents[1].info_id];
  cr_assert_eq(info->aliases.size, 1);
  cr_expect_eq(info->aliases.contents[0], path);
  cr_expect_eq(b.g->infos.contents[0].aliases.size, 0, "production id 0 has no aliases");
  built_free(&b);
}

Test(tablegen, inline_rules_are_substituted) {
  static const char json[] =
    "{\"name\":\"i\",\"externals\":[" SYM("a") "," SYM("b") "],\"extras\":[],\"inline\":[\"_ab\"],"
    "\"rules\":{\"x\":" SEQ(SYM("_ab") "," SYM("a")) ",\"_ab\":" CHOICE(SYM("a") "," SYM("b")) "}}";
  Built b = build(json, LR_CANONICAL);
  cr_expect_eq(symbol_named(b.g, "_ab"), -1);
  cr_expect_eq(b.g->productions.size, 3, "S' -> x plus x -> a a and x -> b a");
  built_free(&b);
}

Test(tablegen, pattern_terminals_are_rejected, .exit_code = 1) {
  static const char json[] =
    "{\"name\":\"p\",\"externals\":[],\"extras\":[],"
    "\"rules\":{\"x\":{\"type\":\"PATTERN\",\"value\":\"[a-z]+\"}}}";
  build(json, LR_CANONICAL);
}

Test(tablegen, generated_parser_declares_abi_14) {
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  GenerateStats stats;
  cr_assert_eq(tablegen_generate(DRAGON, LR_CANONICAL, out, NULL, NULL, &stats), 0);
  fclose(out);
  cr_expect(strstr(text, "#define LANGUAGE_VERSION 14\n") != NULL);
  cr_expect(strstr(text, "const TSLanguage *tree_sitter_dragon(void)") != NULL);
  cr_expect_eq(stats.large_state_count, 2, "states 0 and 1 are always large");
  free(text);
}

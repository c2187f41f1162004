/* Every node type that symbols.h names exists in its grammar: a misspelt
 * or renamed type would otherwise never match, and the model would quietly
 * stop seeing those nodes. */
#include <criterion/criterion.h>
#include <string.h>

#include "dockls/syntax/language.h"
#include "dockls/syntax/symbols.h"

static void expect_named(LangId lang, TSSymbol id, const char *name) {
  const TSLanguage *l = language_get(lang);
  cr_assert_neq(id, 0, "%s: no node type %s", language_name(lang), name);
  cr_assert_str_eq(ts_language_symbol_name(l, id), name);
  cr_assert_eq(ts_language_symbol_type(l, id), TSSymbolTypeRegular, "%s is not a named node", name);
}

#define EXPECT(lang, table, name) expect_named(lang, (table)->name, #name);

Test(symbols, every_listed_type_is_in_its_grammar) {
  const DockerfileSymbols *d = dockerfile_symbols();
  const YamlSymbols *y = yaml_symbols();
  const BashSymbols *b = bash_symbols();
#define DF(name) EXPECT(LANG_DOCKERFILE, d, name)
#define YM(name) EXPECT(LANG_YAML, y, name)
#define BS(name) EXPECT(LANG_BASH, b, name)
  DOCKERFILE_NODE_TYPES(DF)
  YAML_NODE_TYPES(YM)
  BASH_NODE_TYPES(BS)
}

Test(symbols, every_listed_token_is_in_its_grammar) {
  const BashTokens *k = bash_tokens();
  const TSLanguage *l = language_get(LANG_BASH);
#define TOKEN(name, text)                                                                        \
  cr_assert_neq(k->name, 0, "bash: no token %s", text);                                          \
  cr_assert_str_eq(ts_language_symbol_name(l, k->name), text);
  BASH_TOKENS(TOKEN)
}

Test(symbols, ids_match_the_parsed_nodes) {
  /* The id of a parsed node is the public symbol the lookup returns, also
   * for node types the grammar aliases. */
  TSParser *p = ts_parser_new();
  ts_parser_set_language(p, language_get(LANG_YAML));
  const char *src = "a: [1, 'x']\n";
  TSTree *t = ts_parser_parse_string(p, NULL, src, (uint32_t)strlen(src));
  TSNode flow = ts_node_named_descendant_for_byte_range(ts_tree_root_node(t), 3, 11);
  while (!ts_node_is_null(flow) && strcmp(ts_node_type(flow), "flow_sequence") != 0) flow = ts_node_parent(flow);
  cr_assert(node_has(flow, yaml_symbols()->flow_sequence));
  ts_tree_delete(t);
  ts_parser_delete(p);
}

/* Looks up each grammar's node type ids once.  The grammars are static
 * data, so ids found once stay right for the life of the process; the
 * tables are filled on first use because nothing else in the syntax layer
 * needs a start-up call. */
#include "dockls/syntax/symbols.h"

#include <assert.h>
#include <string.h>

#include "dockls/syntax/language.h"

static TSSymbol lookup_as(const TSLanguage *lang, const char *name, bool named) {
  TSSymbol id = ts_language_symbol_for_name(lang, name, (uint32_t)strlen(name), named);
  /* 0 is the end-of-input symbol: the grammar has no node of that name. */
  assert(id != 0 && "a node type of symbols.h is missing from its grammar");
  return id;
}

static TSSymbol lookup(const TSLanguage *lang, const char *name) { return lookup_as(lang, name, true); }

#define SYMBOLS_LOOKUP(name) table.name = lookup(lang, #name);
#define TOKENS_LOOKUP(name, text) table.name = lookup_as(lang, text, false);

/* One getter per table: a static table filled on the first call from the
 * grammar's list, then returned as it is. */
#define SYMBOLS_GETTER(Type, getter, lang_id, LIST, LOOKUP) \
  const Type *getter(void) {                                 \
    static Type table;                                       \
    static bool ready;                                       \
    if (!ready) {                                            \
      const TSLanguage *lang = language_get(lang_id);        \
      LIST(LOOKUP)                                           \
      ready = true;                                          \
    }                                                        \
    return &table;                                           \
  }

SYMBOLS_GETTER(DockerfileSymbols, dockerfile_symbols, LANG_DOCKERFILE, DOCKERFILE_NODE_TYPES, SYMBOLS_LOOKUP)
SYMBOLS_GETTER(YamlSymbols, yaml_symbols, LANG_YAML, YAML_NODE_TYPES, SYMBOLS_LOOKUP)
SYMBOLS_GETTER(BashSymbols, bash_symbols, LANG_BASH, BASH_NODE_TYPES, SYMBOLS_LOOKUP)
SYMBOLS_GETTER(BashTokens, bash_tokens, LANG_BASH, BASH_TOKENS, TOKENS_LOOKUP)

bool node_has(TSNode node, TSSymbol symbol) { return !ts_node_is_null(node) && ts_node_symbol(node) == symbol; }

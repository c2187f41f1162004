/* Syntax: one document's tree-sitter tree, parsed fresh or reparsed
 * incrementally after ByteEdits.  Parsers are created once per language and
 * reused, as tree-sitter recommends. */
#ifndef DOCKLS_SYNTAX_PARSE_H_
#define DOCKLS_SYNTAX_PARSE_H_

#include <stddef.h>
#include <tree_sitter/api.h>

#include "dockls/syntax/language.h"
#include "dockls/text/edit.h"

typedef struct Syntax Syntax;

/* Parses bytes[0..len) as lang.  Returns NULL when this build has no
 * grammar for lang.  Caller owns; free with syntax_delete. */
Syntax *syntax_parse(LangId lang, const char *bytes, size_t len);

/* Tells the old tree about the edits (in order) and reparses the new bytes
 * reusing it.  Never fails: a parse always yields a tree. */
void syntax_reparse(Syntax *self, const ByteEdit *edits, size_t count, const char *bytes,
                    size_t len);

void syntax_delete(Syntax *self);

/* The current tree (borrowed; valid until the next syntax_reparse). */
const TSTree *syntax_tree(const Syntax *self);
TSNode syntax_root(const Syntax *self);
LangId syntax_lang(const Syntax *self);

/* Frees the cached parsers; tests call it before counting live blocks. */
void syntax_release_parsers(void);

#endif

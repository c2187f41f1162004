/* Syntax: one document's tree-sitter tree, parsed fresh or reparsed
 * incrementally after ByteEdits.  The parsers doing it belong to a
 * SyntaxParsers object, one TSParser per language created on first use and
 * reused, as tree-sitter recommends; whoever owns that object (the
 * Workspace) frees them, so no parser state is process-wide. */
#ifndef DOCKLS_SYNTAX_PARSE_H_
#define DOCKLS_SYNTAX_PARSE_H_

#include <stddef.h>
#include <tree_sitter/api.h>

#include "dockls/syntax/language.h"
#include "dockls/text/edit.h"

typedef struct Syntax Syntax;
typedef struct SyntaxParsers SyntaxParsers;

/* An empty parser set; parsers are made per language on first use.
 * Caller owns; free with syntax_parsers_delete, after which trees parsed
 * with it stay valid (a TSTree does not refer to its parser). */
SyntaxParsers *syntax_parsers_new(void);
void syntax_parsers_delete(SyntaxParsers *self);

/* Parses bytes[0..len) as lang with the parser for lang in `parsers`.
 * Returns NULL when this build has no grammar for lang.  Caller owns;
 * free with syntax_delete. */
Syntax *syntax_parse(SyntaxParsers *parsers, LangId lang, const char *bytes, size_t len);

/* Tells the old tree about the edits (in order) and reparses the new bytes
 * reusing it, with the parser for its language in `parsers`.  Never fails:
 * a parse always yields a tree. */
void syntax_reparse(SyntaxParsers *parsers, Syntax *self, const ByteEdit *edits, size_t count,
                    const char *bytes, size_t len);

void syntax_delete(Syntax *self);

/* The current tree (borrowed; valid until the next syntax_reparse). */
const TSTree *syntax_tree(const Syntax *self);
TSNode syntax_root(const Syntax *self);

/* The root's children in order (borrowed; valid until the next
 * syntax_reparse), gathered with one cursor walk on the first call after
 * each parse.  The Dockerfile grammar nests its instruction list one
 * hidden level per instruction, so that walk, though linear, costs about
 * 900 instructions per instruction; every reader of the root's children
 * takes them from here instead of walking again. */
const TSNode *syntax_top_nodes(const Syntax *self, size_t *count);
LangId syntax_lang(const Syntax *self);

#endif

/* Syntax: one document's tree-sitter tree, parsed fresh or reparsed
 * incrementally after ByteEdits.  The parsers doing it belong to a
 * SyntaxParsers object, one TSParser per language created on first use and
 * reused, as tree-sitter recommends; whoever owns that object (the
 * Workspace) frees them, so no parser state is process-wide. */
#ifndef DOCKLS_SYNTAX_PARSE_H_
#define DOCKLS_SYNTAX_PARSE_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
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

/* The tree of a one-tree document (every language but the Dockerfile;
 * borrowed, valid until the next syntax_reparse).  A compose file that
 * is split (SyntaxChildren) is parsed as one tree when this is first
 * asked for after a reparse, from the text given to the last parse or
 * reparse, which the caller keeps alive until the next one. */
TSNode syntax_root(const Syntax *self);
const TSTree *syntax_tree(const Syntax *self);

/* A Dockerfile is parsed in chunks, trees over consecutive ranges of the
 * text whose nodes carry offsets in the whole text, so that an edit
 * reparses only the chunk it falls in.  A long compose file is split into
 * runs of services the same way: the skeleton (the rest of the file, with
 * the first run and the last) comes first, then the runs between, and the
 * document reads as one tree while any of them holds an error.  Any other
 * document is one tree.  The roots in text order (borrowed; valid until
 * the next reparse). */
size_t syntax_tree_count(const Syntax *self);
TSNode syntax_root_at(const Syntax *self, size_t i);
/* The root of the tree whose range holds byte `at`: the one to descend
 * for a node at that offset. */
TSNode syntax_root_for(const Syntax *self, size_t at);
/* Every tree's byte range and S-expression, one tree after the other
 * (caller owns, xfree): what tests compare between an edited document and
 * a fresh parse of its text. */
char *syntax_string(const Syntax *self);
/* Whether any tree, or tree i, holds an error or a missing node. */
bool syntax_has_error(const Syntax *self);
bool syntax_tree_has_error(const Syntax *self, size_t i);

/* The roots' children in order (borrowed; valid until the next
 * syntax_reparse), gathered with one cursor walk per tree on the first
 * call after each parse.  The Dockerfile grammar nests its instruction
 * list one hidden level per instruction, so that walk, though linear,
 * costs about 900 instructions per instruction; every reader of the
 * whole list takes it from here instead of walking again, and a reader of
 * a few nodes walks from an offset (SyntaxTopWalk). */
const TSNode *syntax_top_nodes(const Syntax *self, size_t *count);

/* The top-level node that starts at byte `at`, or a null node. */
TSNode syntax_top_node_at(const Syntax *self, size_t at);

/* A walk over the top-level nodes from an offset on, across trees: its
 * cost is the nodes it visits, not the file's. */
typedef struct {
  const Syntax *syntax;
  size_t chunk;
  TSTreeCursor cursor;
  bool on;
  bool errors_only; /* syntax_top_walk_errors: only the nodes that hold an error */
} SyntaxTopWalk;
/* Starts on the first top-level node that ends after `at`; false when
 * there is none.  End every walk with syntax_top_walk_end. */
bool syntax_top_walk_from(SyntaxTopWalk *w, const Syntax *syntax, size_t at);
/* Starts on the very first top-level node; false when there is none. */
bool syntax_top_walk_first(SyntaxTopWalk *w, const Syntax *syntax);
/* Starts on the first top-level node that is or holds an error (ERROR or
 * missing nodes), and syntax_top_walk_next goes on to the next such node.
 * The walk enters only the trees that hold an error and steps over the
 * nodes that do not, so the rules that look at what the parser gave up on
 * cost the edited chunk, not the file, while the user types an unfinished
 * line.  False when there is none. */
bool syntax_top_walk_errors(SyntaxTopWalk *w, const Syntax *syntax);
TSNode syntax_top_walk_node(const SyntaxTopWalk *w);
bool syntax_top_walk_next(SyntaxTopWalk *w);
void syntax_top_walk_end(SyntaxTopWalk *w);

/* The children of a node in text order.  A long compose file is split
 * into runs of services, each a tree of its own, and the skeleton's
 * `services:` mapping holds only the first run and the last: the walk
 * gives the runs' services in their place, so the mapping reads as in one
 * tree of the whole file.  Any other node's children are its own. */
typedef struct {
  Syntax *syntax;
  TSTreeCursor cursor;
  TSNode mapping; /* the node whose children these are */
  size_t part;    /* 0: the node's own children; 1..: a run; past them: the mapping's last run */
  bool spliced;
  bool on;
} SyntaxChildren;
/* Starts on the first child; false when there is none.  End every walk
 * with syntax_children_end. */
bool syntax_children_first(SyntaxChildren *w, const Syntax *syntax, TSNode parent);
/* Starts on the first child that ends after `at` (where tree-sitter's
 * ts_tree_cursor_goto_first_child_for_byte stops); false when none does. */
bool syntax_children_from(SyntaxChildren *w, const Syntax *syntax, TSNode parent, size_t at);
TSNode syntax_children_node(const SyntaxChildren *w);
/* The current child's field name in its parent, or NULL (a spliced
 * mapping's children have none, in the skeleton or in a run). */
const char *syntax_children_field(const SyntaxChildren *w);
bool syntax_children_next(SyntaxChildren *w);
void syntax_children_end(SyntaxChildren *w);

LangId syntax_lang(const Syntax *self);

#endif

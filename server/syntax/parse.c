/* Parsing and incremental reparsing.  A SyntaxParsers holds one TSParser
 * per language, created on first use and reused for every later parse, as
 * tree-sitter recommends; its owner (the Workspace, or a test) decides how
 * long they live, so nothing here outlives the object that asked for it.
 * A parse replaces the tree only after it succeeded, so a Syntax always
 * holds a complete tree for its current text.  No timeout or cancellation
 * flag is set, so ts_parser_parse always returns a tree. */
#include "dockls/syntax/parse.h"

#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/array.h"

struct Syntax {
  LangId lang;
  TSTree *tree;
  Array(TSNode) top; /* the root's children, once top_ready */
  bool top_ready;
};

struct SyntaxParsers {
  TSParser *by_lang[LANG__COUNT];
};

SyntaxParsers *syntax_parsers_new(void) { return xcalloc(1, sizeof(SyntaxParsers)); }

void syntax_parsers_delete(SyntaxParsers *self) {
  if (!self) return;
  for (int i = 0; i < LANG__COUNT; i++)
    if (self->by_lang[i]) ts_parser_delete(self->by_lang[i]);
  xfree(self);
}

static TSParser *syntax_parser(SyntaxParsers *parsers, LangId lang) {
  if (!parsers->by_lang[lang]) {
    syntax_install_allocator();
    parsers->by_lang[lang] = ts_parser_new();
    ts_parser_set_language(parsers->by_lang[lang], language_get(lang));
  }
  return parsers->by_lang[lang];
}

/* True when `<<` occurs in the text: the only way a bash script opens a
 * heredoc. */
static bool syntax_has_heredoc(const char *bytes, size_t len) {
  for (const char *p = bytes; len > 1 && (p = memchr(p, '<', len - 1 - (size_t)(p - bytes))) != NULL; p++)
    if (p[1] == '<') return true;
  return false;
}

/* The root's children with one cursor, whose walk over the Dockerfile
 * grammar's nested instruction list is linear (docs/performance.md). */
static void syntax_gather_top(Syntax *self) {
  array_clear(&self->top);
  TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(self->tree));
  for (bool more = ts_tree_cursor_goto_first_child(&c); more; more = ts_tree_cursor_goto_next_sibling(&c))
    array_push(&self->top, ts_tree_cursor_current_node(&c));
  ts_tree_cursor_delete(&c);
}

Syntax *syntax_parse(SyntaxParsers *parsers, LangId lang, const char *bytes, size_t len) {
  if (!language_get(lang)) return NULL;
  TSParser *parser = syntax_parser(parsers, lang);
  Syntax *self = xmalloc(sizeof *self);
  self->lang = lang;
  self->tree = ts_parser_parse_string(parser, NULL, bytes, (uint32_t)len);
  /* tree-sitter-bash's scanner keeps the heredocs it has seen from one
   * parse to the next (its reset empties them but keeps their count), so
   * a script parsed after one with a heredoc could read differently from
   * the same script parsed first.  Setting the language again gives the
   * parser a new scanner. */
  if (lang == LANG_BASH && syntax_has_heredoc(bytes, len)) ts_parser_set_language(parser, language_get(lang));
  array_init(&self->top);
  self->top_ready = false;
  return self;
}

static TSPoint syntax_point(TextPoint p) { return (TSPoint){p.row, p.column}; }

void syntax_reparse(SyntaxParsers *parsers, Syntax *self, const ByteEdit *edits, size_t count, const char *bytes,
                    size_t len) {
  for (size_t i = 0; i < count; i++) {
    TSInputEdit e = {
        .start_byte = (uint32_t)edits[i].start_byte,
        .old_end_byte = (uint32_t)edits[i].old_end_byte,
        .new_end_byte = (uint32_t)edits[i].new_end_byte,
        .start_point = syntax_point(edits[i].start_point),
        .old_end_point = syntax_point(edits[i].old_end_point),
        .new_end_point = syntax_point(edits[i].new_end_point),
    };
    ts_tree_edit(self->tree, &e);
  }
  TSTree *fresh = ts_parser_parse_string(syntax_parser(parsers, self->lang), self->tree, bytes, (uint32_t)len);
  ts_tree_delete(self->tree);
  self->tree = fresh;
  self->top_ready = false;
}

void syntax_delete(Syntax *self) {
  if (!self) return;
  ts_tree_delete(self->tree);
  array_delete(&self->top);
  xfree(self);
}

const TSTree *syntax_tree(const Syntax *self) { return self->tree; }
TSNode syntax_root(const Syntax *self) { return ts_tree_root_node(self->tree); }

const TSNode *syntax_top_nodes(const Syntax *self, size_t *count) {
  /* Gathered on the first request after a parse, so that trees nobody
   * reads this way (the bash scripts of every RUN, compose files) never
   * pay for it.  The list is a cache of the tree the caller may read, so
   * filling it through a const pointer changes nothing the caller sees;
   * every Syntax is allocated by syntax_parse, never defined const. */
  Syntax *cache = (Syntax *)self;
  if (!cache->top_ready) {
    syntax_gather_top(cache);
    cache->top_ready = true;
  }
  *count = self->top.len;
  return self->top.items;
}
LangId syntax_lang(const Syntax *self) { return self->lang; }


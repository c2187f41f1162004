/* Parsing and incremental reparsing.  One TSParser per language lives for
 * the whole process; a parse replaces the tree only after it succeeded, so
 * a Syntax always holds a complete tree for its current text.  No timeout
 * or cancellation flag is set, so ts_parser_parse always returns a tree. */
#include "dockls/syntax/parse.h"

#include "dockls/base/alloc.h"

struct Syntax {
  LangId lang;
  TSTree *tree;
};

static TSParser *parsers[LANG__COUNT];

static TSParser *syntax_parser(LangId lang) {
  if (!parsers[lang]) {
    syntax_install_allocator();
    parsers[lang] = ts_parser_new();
    ts_parser_set_language(parsers[lang], language_get(lang));
  }
  return parsers[lang];
}

Syntax *syntax_parse(LangId lang, const char *bytes, size_t len) {
  if (!language_get(lang)) return NULL;
  TSParser *parser = syntax_parser(lang);
  Syntax *self = xmalloc(sizeof *self);
  self->lang = lang;
  self->tree = ts_parser_parse_string(parser, NULL, bytes, (uint32_t)len);
  return self;
}

static TSPoint syntax_point(TextPoint p) { return (TSPoint){p.row, p.column}; }

void syntax_reparse(Syntax *self, const ByteEdit *edits, size_t count, const char *bytes,
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
  TSTree *fresh = ts_parser_parse_string(syntax_parser(self->lang), self->tree, bytes, (uint32_t)len);
  ts_tree_delete(self->tree);
  self->tree = fresh;
}

void syntax_delete(Syntax *self) {
  if (!self) return;
  ts_tree_delete(self->tree);
  xfree(self);
}

const TSTree *syntax_tree(const Syntax *self) { return self->tree; }
TSNode syntax_root(const Syntax *self) { return ts_tree_root_node(self->tree); }
LangId syntax_lang(const Syntax *self) { return self->lang; }

void syntax_release_parsers(void) {
  for (int i = 0; i < LANG__COUNT; i++) {
    if (parsers[i]) ts_parser_delete(parsers[i]);
    parsers[i] = NULL;
  }
}

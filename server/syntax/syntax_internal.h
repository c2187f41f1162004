/* Shared inside the syntax layer only. */
#ifndef DOCKLS_SYNTAX_INTERNAL_H_
#define DOCKLS_SYNTAX_INTERNAL_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tree_sitter/api.h>

#include "dockls/base/array.h"
#include "dockls/syntax/language.h"
#include "dockls/syntax/parse.h"

/* tree-sitter-yaml with scanner states that do not record their position,
 * so that an edit in the middle of a file lets the parser reuse what
 * follows it (yaml_scanner.c says why and how).  language_get(LANG_YAML)
 * returns it; this names it for the tests that compare it with the
 * grammar as shipped. */
const TSLanguage *yaml_language_position_free(void);

/* Dockerfile chunks (df_chunks.c).  A Dockerfile is parsed as a run of
 * chunks, each a tree of its own over a range of the text, so that an edit
 * reparses the chunk it falls in instead of every instruction after it
 * (the grammar's instruction list costs a reduction per instruction that
 * follows an edit: docs/performance.md).  Chunks hold some dozens of
 * instructions: DF_CHUNK_MIN_BYTES at least, then a qualifying line in
 * about DF_CHUNK_SPREAD instruction lines (a power of two). */
#define DF_CHUNK_MIN_BYTES 256
#define DF_CHUNK_SPREAD 8

/* The first boundary after `from` (itself a boundary, or 0): the start of
 * a line where the text may be cut, or len when there is none.  *rows is
 * set to the number of line breaks in [from, returned offset). */
size_t df_chunk_next(const char *bytes, size_t len, size_t from, uint32_t *rows);

/* False when the text may not be cut at all (an escape directive may
 * change how every line after it reads). */
bool df_chunks_allowed(const char *bytes, size_t len);

/* --- The trees of a document (parse.c, parse_yaml.c) --- */

typedef struct {
  uint32_t start, row; /* the chunk's first byte and its row (column 0) */
  /* Where the tree believes it starts.  A chunk after an edit is only
   * moved here; its tree is told when it is next read (chunk_tree), since
   * telling it walks down its instruction list, and doing that for every
   * chunk after the edit on each keystroke would grow with the file. */
  uint32_t tree_start, tree_row;
  bool dirty;          /* an edit removed its first line: not reusable */
  bool error;          /* the tree holds an error or a missing node */
  /* A compose run's end (the last byte of its last line, the line break
   * left out: see yaml_run_range) and its row and column; unused
   * elsewhere. */
  uint32_t end, end_row, end_column;
  TSTree *tree;
} Chunk;
typedef Array(Chunk) ChunkArray;

struct Syntax {
  LangId lang;
  ChunkArray chunks;  /* in order of their ranges; exactly one unless chunked or split */
  Array(TSNode) top;  /* the roots' children, once top_ready */
  bool top_ready;
  /* A compose file split into runs of services (parse_yaml.c): chunks[0]
   * is the skeleton, chunks[1..] the runs, in text order. */
  bool split;
  /* Where the skeleton's first range ends (the first cut) and its second
   * starts (the last cut, on tail_row), and where the `services:` mapping's
   * lines end (YamlCuts). */
  uint32_t head_end, tail_start, tail_row, services_end;
  /* Some tree of the split holds an error: the document is read as
   * `whole`, which is then kept up to date on every reparse. */
  bool read_whole;
  /* The whole document as one tree, for the readers that walk all of it
   * (syntax_root): NULL until asked for, then told of every edit and
   * reparsed when next asked for after one (whole_stale). */
  TSTree *whole;
  bool whole_stale;
  /* The text of the last parse, which the caller keeps alive until the
   * next (parse.h): the whole tree is parsed from it when asked for. */
  const char *bytes;
  size_t len;
  /* How many chunks hold an error, counted after each parse: several
   * rules ask on every keystroke whether the file holds one, or walk the
   * chunks that do, and most of the time none does. */
  size_t error_chunks;
};

Chunk chunk_new(uint32_t start, uint32_t row, TSTree *tree);
TSTree *chunk_tree(Chunk *c);
void chunks_free(Chunk *items, size_t count);
TSInputEdit syntax_input_edit(const ByteEdit *e);
/* Where edits (in order, each in the text the one before left) changed
 * the final text: from *first to *settled, every byte after which is
 * unchanged. */
void syntax_edit_span(const ByteEdit *edits, size_t count, size_t *first, size_t *settled);

/* Compose files split into runs of services.  A long `services:` mapping
 * costs the runtime a reduction per service on every reparse, whatever
 * the edit (its repeat nodes are fragile: docs/performance.md, "Compose
 * in runs of services"), so runs of services at content-defined cuts are
 * trees of their own, parsed over included ranges, and an edit reparses
 * the run it falls in.  The rest of the file, with the first run of the
 * mapping and its last, is the skeleton, one tree over two ranges, whose
 * `services:` mapping the runs continue (SyntaxChildren). */
#define YAML_CUT_MIN_BYTES 1024
#define YAML_CUT_SPREAD 4 /* a power of two */

typedef struct {
  size_t min_bytes;
  unsigned spread;
} YamlCutRule;
/* For tests that want many cuts in small files, or none; returns the rule
 * it replaces. */
YamlCutRule yaml_cut_rule_set(YamlCutRule rule);

typedef struct {
  uint32_t start, row;
} YamlCut;
typedef struct {
  Array(YamlCut) cuts;
  uint32_t services_end; /* the first byte after the `services:` mapping's lines */
} YamlCuts;

/* Fills `out` with the cuts of the text's `services:` mapping; false when
 * it is not split (no such mapping, fewer than two cuts, several
 * documents, a tab in the indentation). */
bool yaml_cuts_find(const char *bytes, size_t len, YamlCuts *out);
/* The same after edits, from `old`, the cuts of the text before them moved
 * to where the edits put them (services_end too): the edited bytes lie
 * from `first` to `settled`.  Finds the cuts again only from the last cut
 * before the edited lines until the cut meets an old one again, when the
 * edits leave the mapping's first line and its end alone. */
bool yaml_cuts_update(const char *bytes, size_t len, const YamlCuts *old, size_t first, size_t settled,
                      YamlCuts *out);

/* Parses a compose document into self->chunks, split when the text can be
 * cut; reparses one after edits. */
void yaml_split_parse(TSParser *parser, Syntax *self, const char *bytes, size_t len);
void yaml_split_reparse(TSParser *parser, Syntax *self, const ByteEdit *edits, size_t count, const char *bytes,
                        size_t len);
/* The whole tree of a split document, brought up to date. */
TSTree *yaml_whole_tree(Syntax *self);
/* The root of the tree of run i (1 on) of a split document, as a reader
 * of the splice sees it: the block mapping of services it holds. */
TSNode yaml_run_mapping(Syntax *self, size_t i);

#endif

/* tree-sitter-yaml with an external-scanner state that does not record
 * where in the file it was taken.
 *
 * Why: tree-sitter reuses a subtree of the old tree only when the scanner
 * state stored before it equals the state the new parse has reached
 * (docs/performance.md, "Compose reparse in the middle of a file").
 * tree-sitter-yaml stores its absolute row and column in every state, so
 * after an insertion the token after the edit carries a different state,
 * the runtime skips the next subtree whole, and because zero-width dedent
 * tokens end every block it never gets back in step: everything after the
 * edit is lexed again.
 *
 * What the scanner does with those numbers allows two rewrites that keep
 * its behaviour:
 *  - it only ever compares rows with each other, so the state stores the
 *    implicit-key row relative to the current one and the current row as
 *    0, and a fixed base is put back before each scan;
 *  - every scan begins by skipping white space and line breaks, and the
 *    column it started at is not looked at once a line break is crossed,
 *    so when a token ends just before a line break (or the end of input)
 *    its state stores column 0.
 * Two states that differ only in those numbers are then equal, which is
 * exactly when the scanner behaves the same after them.  The scan sees the
 * character after each token through a forwarding lexer. */
#include <string.h>
#include <tree_sitter/parser.h>

#include "dockls/base/alloc.h"
#include "syntax_internal.h"

const TSLanguage *tree_sitter_yaml(void);

/* The serialised layout of tree-sitter-yaml 0.7 (scanner.c, serialize):
 * int16 row, col, implicit-key row, implicit-key column, implicit-key tab
 * flag, then the indentation stack. */
enum { YAML_STATE_ROW, YAML_STATE_COL, YAML_STATE_IMPLICIT_ROW, YAML_STATE_HEADER = 5 };

/* Rows are rebased on this value when a state is restored, far from the
 * scanner's "no implicit key" marker (-1) so that no relative row can be
 * mistaken for it. */
enum { YAML_ROW_BASE = 16384, YAML_NO_IMPLICIT_ROW = -1, YAML_STORED_NO_IMPLICIT_ROW = INT16_MIN };

/* The lexer handed to the scanner: every call goes to the runtime's lexer,
 * and mark_end also records what follows the token. */
typedef struct {
  TSLexer lexer;
  TSLexer *runtime;
  bool line_break_after_end;
} ForwardingLexer;

typedef struct {
  void *inner;
  const TSLanguage *base;
  bool line_break_after_token; /* of the token the last scan returned */
} PositionFreeScanner;

static int16_t state_get(const char *buffer, int field) {
  int16_t v;
  memcpy(&v, buffer + field * (int)sizeof v, sizeof v);
  return v;
}

static void state_set(char *buffer, int field, int16_t v) { memcpy(buffer + field * (int)sizeof v, &v, sizeof v); }

static void forward_advance(TSLexer *self, bool skip) {
  ForwardingLexer *f = (ForwardingLexer *)self;
  f->runtime->advance(f->runtime, skip);
  self->lookahead = f->runtime->lookahead;
}

static void forward_mark_end(TSLexer *self) {
  ForwardingLexer *f = (ForwardingLexer *)self;
  f->runtime->mark_end(f->runtime);
  int32_t next = f->runtime->lookahead;
  f->line_break_after_end = next == '\n' || next == '\r' || f->runtime->eof(f->runtime);
}

static uint32_t forward_get_column(TSLexer *self) {
  ForwardingLexer *f = (ForwardingLexer *)self;
  return f->runtime->get_column(f->runtime);
}

static bool forward_is_at_included_range_start(const TSLexer *self) {
  const ForwardingLexer *f = (const ForwardingLexer *)self;
  return f->runtime->is_at_included_range_start(f->runtime);
}

static bool forward_eof(const TSLexer *self) {
  const ForwardingLexer *f = (const ForwardingLexer *)self;
  return f->runtime->eof(f->runtime);
}

static void *position_free_create(void) {
  PositionFreeScanner *self = xcalloc(1, sizeof *self);
  self->base = tree_sitter_yaml();
  self->inner = self->base->external_scanner.create();
  return self;
}

static void position_free_destroy(void *payload) {
  PositionFreeScanner *self = payload;
  self->base->external_scanner.destroy(self->inner);
  xfree(self);
}

static unsigned position_free_serialize(void *payload, char *buffer) {
  PositionFreeScanner *self = payload;
  unsigned len = self->base->external_scanner.serialize(self->inner, buffer);
  if (len < YAML_STATE_HEADER * sizeof(int16_t)) return len;
  int16_t row = state_get(buffer, YAML_STATE_ROW);
  int16_t implicit_row = state_get(buffer, YAML_STATE_IMPLICIT_ROW);
  state_set(buffer, YAML_STATE_IMPLICIT_ROW,
            implicit_row == YAML_NO_IMPLICIT_ROW ? YAML_STORED_NO_IMPLICIT_ROW : (int16_t)(implicit_row - row));
  state_set(buffer, YAML_STATE_ROW, 0);
  if (self->line_break_after_token) state_set(buffer, YAML_STATE_COL, 0);
  return len;
}

static void position_free_deserialize(void *payload, const char *buffer, unsigned len) {
  PositionFreeScanner *self = payload;
  /* The empty state (start of input) holds no row to rebase. */
  if (len < YAML_STATE_HEADER * sizeof(int16_t) || len > TREE_SITTER_SERIALIZATION_BUFFER_SIZE) {
    self->base->external_scanner.deserialize(self->inner, buffer, len);
    return;
  }
  char state[TREE_SITTER_SERIALIZATION_BUFFER_SIZE];
  memcpy(state, buffer, len);
  int16_t implicit_row = state_get(state, YAML_STATE_IMPLICIT_ROW);
  state_set(state, YAML_STATE_ROW, YAML_ROW_BASE);
  state_set(state, YAML_STATE_IMPLICIT_ROW,
            implicit_row == YAML_STORED_NO_IMPLICIT_ROW ? YAML_NO_IMPLICIT_ROW : (int16_t)(YAML_ROW_BASE + implicit_row));
  self->base->external_scanner.deserialize(self->inner, state, len);
}

static bool position_free_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
  PositionFreeScanner *self = payload;
  ForwardingLexer f = {
      .lexer = {.lookahead = lexer->lookahead,
                .result_symbol = lexer->result_symbol,
                .advance = forward_advance,
                .mark_end = forward_mark_end,
                .get_column = forward_get_column,
                .is_at_included_range_start = forward_is_at_included_range_start,
                .eof = forward_eof},
      .runtime = lexer,
  };
  bool found = self->base->external_scanner.scan(self->inner, &f.lexer, valid_symbols);
  lexer->result_symbol = f.lexer.result_symbol;
  self->line_break_after_token = f.line_break_after_end;
  return found;
}

const TSLanguage *yaml_language_position_free(void) {
  static TSLanguage language;
  static bool made;
  if (!made) {
    memcpy(&language, tree_sitter_yaml(), sizeof language);
    language.external_scanner.create = position_free_create;
    language.external_scanner.destroy = position_free_destroy;
    language.external_scanner.scan = position_free_scan;
    language.external_scanner.serialize = position_free_serialize;
    language.external_scanner.deserialize = position_free_deserialize;
    made = true;
  }
  return &language;
}

/* compose_model_build_recovering: a compose model for a file whose YAML
 * does not parse.  While a user types, the file is invalid half the time,
 * and tree-sitter-yaml's recovery can swallow everything before the
 * mistake into one ERROR node and drop what follows it, which left the
 * model empty and every compose diagnostic gone.
 *
 * The mistake is isolated line by line instead.  libyaml names the line
 * (see YamlProblem.origin; yaml_chunks_locate, so that only the services
 * that changed are checked again); the entry holding that line is found by
 * indentation: the service under `services:` when the line is inside one,
 * otherwise the top-level entry.  A copy of the text gets that entry's
 * lines replaced by spaces (line breaks kept, so every byte offset, line
 * and column of the copy is the original's), and libyaml checks the copy
 * again, until it accepts it.  The model is then built from a parse of the
 * copy, in which the values that were blanked are opaque, so that rules
 * say nothing about what they cannot see. */
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/bytes.h"
#include "dockls/syntax/yaml_chunks.h"
#include "compose_internal.h"

/* At most this many entries are blanked; a file with more mistakes keeps
 * the model of its damaged tree.  A round checks the services libyaml has
 * not accepted before, and the whole text when the mistake is outside
 * them. */
#define RECOVER_MAX_ROUNDS 16

typedef struct {
  TextDoc doc; /* the copy being repaired: a copy of the text, lines and all */
  char *bytes; /* doc.bytes */
  size_t len;
  /* Where each line starts, lines ending at "\n" only: the copy's own
   * (doc.line_starts, the document's), unless a lone carriage return
   * makes its lines differ, and then lf_starts. */
  const OffsetArray *line_starts;
  OffsetArray lf_starts;
  ComposeHiddenArray kept; /* entries whose key line was kept */
  bool lost_key;        /* an entry was blanked with its key */
  size_t blank_from, blank_to; /* the bytes blanked lie in [blank_from, blank_to) */
} Repair;

static size_t repair_line_end(const Repair *r, size_t line) {
  return line + 1 < r->line_starts->len ? r->line_starts->items[line + 1] : r->len;
}

/* The indentation of a line, or SIZE_MAX for a line that holds no content
 * (blank, or only a comment), which never opens or closes an entry. */
static size_t repair_indent(const Repair *r, size_t line) {
  size_t at = r->line_starts->items[line], end = repair_line_end(r, line), n = 0;
  while (at + n < end && r->bytes[at + n] == ' ') n++;
  if (at + n >= end) return SIZE_MAX;
  char c = r->bytes[at + n];
  return c == '\n' || c == '\r' || c == '#' ? SIZE_MAX : n;
}

static size_t repair_line_of(const Repair *r, size_t offset) {
  size_t lo = 0, hi = r->line_starts->len;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (r->line_starts->items[mid] <= offset) lo = mid;
    else hi = mid;
  }
  return lo;
}

static bool repair_is_services_key(const Repair *r, size_t line) {
  const char *at = r->bytes + r->line_starts->items[line];
  size_t room = repair_line_end(r, line) - r->line_starts->items[line];
  return room >= 9 && memcmp(at, "services:", 9) == 0 &&
         (room == 9 || at[9] == ' ' || at[9] == '\n' || at[9] == '\r' || at[9] == '#');
}

/* The first line of the entry holding `line`, and its indentation; false
 * when the line is before any top-level entry. */
static bool repair_entry_start(const Repair *r, size_t line, size_t *first, size_t *indent) {
  size_t top = line + 1;
  while (top-- > 0 && repair_indent(r, top) != 0) {}
  if (top > line) return false;
  *first = top;
  *indent = 0;
  if (top == line || !repair_is_services_key(r, top)) return true;
  /* Inside `services:`: the service is the nearest line at the services'
   * own indentation (that of the first content line below the key). */
  size_t child = SIZE_MAX;
  for (size_t l = top + 1; l <= line && child == SIZE_MAX; l++) child = repair_indent(r, l);
  if (child == 0 || child == SIZE_MAX) return true;
  for (size_t l = line + 1; l-- > top + 1;) {
    size_t in = repair_indent(r, l);
    if (in == SIZE_MAX || in > child) continue;
    if (in == child) {
      *first = l;
      *indent = child;
    }
    return true;
  }
  return true;
}

static void repair_blank(Repair *r, size_t from, size_t to) {
  if (from < r->blank_from) r->blank_from = from;
  if (to > r->blank_to) r->blank_to = to;
  for (size_t i = from; i < to; i++)
    if (r->bytes[i] != '\n' && r->bytes[i] != '\r') r->bytes[i] = ' ';
}

/* Blanks the entry holding the line at `offset`.  False when nothing was
 * left to blank there (the mistake is outside any entry, or in lines
 * already blanked), which ends the repair. */
static bool repair_entry(Repair *r, size_t offset) {
  size_t line = repair_line_of(r, offset), first, indent;
  if (!repair_entry_start(r, line, &first, &indent)) return false;
  size_t last = line;
  for (size_t l = line + 1; l < r->line_starts->len; l++) {
    size_t in = repair_indent(r, l);
    if (in != SIZE_MAX && in <= indent) break;
    last = l;
  }
  size_t start = r->line_starts->items[first], end = repair_line_end(r, last);
  if (line == first) {
    repair_blank(r, start, end);
    r->lost_key = true;
    return true;
  }
  size_t body = repair_line_end(r, first);
  for (size_t i = body; i < end; i++)
    if (r->bytes[i] != ' ' && r->bytes[i] != '\n' && r->bytes[i] != '\r') {
      repair_blank(r, body, end);
      ComposeHidden b = {.key_start = start + indent, .start = body, .end = end};
      array_push(&r->kept, b);
      return true;
    }
  return false;
}

/* Blanks entries until libyaml accepts the copy; false when it cannot.
 * The services libyaml accepted before are not checked again (`chunks`),
 * so a round costs about one service, not one file. */
static bool repair_run(Repair *r, YamlChunks *chunks) {
  for (int round = 0; round < RECOVER_MAX_ROUNDS; round++) {
    size_t origin;
    if (yaml_chunks_locate(chunks, r->bytes, r->len, &origin)) return true;
    if (!repair_entry(r, origin)) return false;
  }
  return false;
}

/* What the document's last model was built from, which says how the next
 * build may take services over from it. */
typedef enum {
  BUILT_FROM_NOTHING, /* no model yet, or one of a damaged tree, which is never taken from */
  BUILT_FROM_TEXT,    /* the text itself, valid */
  BUILT_FROM_COPY     /* the repaired copy kept below */
} BuiltFrom;

struct ComposeRecovery {
  TextDoc copy;   /* the last repaired copy */
  Syntax *syntax; /* its tree, or NULL */
  BuiltFrom last;
  size_t blank_from, blank_to; /* what the last copy blanked */
};

ComposeRecovery *compose_recovery_new(void) { return xcalloc(1, sizeof(ComposeRecovery)); }

static void recovery_forget(ComposeRecovery *memo);

void compose_recovery_delete(ComposeRecovery *self) {
  if (!self) return;
  recovery_forget(self);
  xfree(self);
}

/* Narrows an account of how a text changed (`d`, prefix and suffix kept)
 * to the bytes outside [from, to) of a copy `len` bytes long, where blanked
 * lines make that copy differ from the text. */
static void delta_outside(TextDelta *d, size_t len, size_t from, size_t to) {
  if (d->prefix > from) d->prefix = from;
  if (d->suffix > len - to) d->suffix = len - to;
}

/* How the copy `r` differs from the last one, told by the user's edit
 * since (`change`, the text's own) widened over the lines either copy
 * blanked: outside those, a copy holds the text's bytes.  Without an
 * account of the edit, the two copies are compared. */
static TextDelta copies_delta(const ComposeRecovery *memo, const Repair *r, const TextDelta *change) {
  const TextDoc *old = &memo->copy;
  TextDelta d;
  if (change && change->old_len == old->len) {
    d = *change;
    delta_outside(&d, old->len, memo->blank_from, memo->blank_to);
    delta_outside(&d, r->len, r->blank_from, r->blank_to);
    return d;
  }
  size_t shorter = old->len < r->len ? old->len : r->len;
  size_t prefix = bytes_common_prefix(old->bytes, r->bytes, shorter);
  size_t suffix = bytes_common_suffix(old->bytes + old->len, r->bytes + r->len, shorter - prefix);
  return (TextDelta){.prefix = prefix, .suffix = suffix, .old_len = old->len};
}

/* The tree of the repaired copy, which becomes the memo's (r->doc is
 * moved there): the last copy's tree reparsed after one edit covering
 * where the two copies differ, or a fresh parse the first time.  A full
 * parse of a 2,000-line file costs about as much as the rest of the
 * keystroke together. */
static const Syntax *recovery_parse(ComposeRecovery *memo, SyntaxParsers *parsers, Repair *r,
                                    const TextDelta *since) {
  if (!memo->syntax) {
    memo->copy = r->doc;
    memo->syntax = syntax_parse(parsers, LANG_YAML, memo->copy.bytes, memo->copy.len);
  } else {
    const TextDoc *old = &memo->copy;
    ByteEdit edit = {.start_byte = since->prefix,
                     .old_end_byte = old->len - since->suffix,
                     .new_end_byte = r->len - since->suffix};
    edit.start_point = text_point_of(old, edit.start_byte);
    edit.old_end_point = text_point_of(old, edit.old_end_byte);
    edit.new_end_point = text_point_of(&r->doc, edit.new_end_byte);
    text_destroy(&memo->copy);
    memo->copy = r->doc;
    syntax_reparse(parsers, memo->syntax, &edit, 1, memo->copy.bytes, memo->copy.len);
  }
  memset(&r->doc, 0, sizeof r->doc);
  r->bytes = NULL;
  memo->blank_from = r->blank_from;
  memo->blank_to = r->blank_to;
  return memo->syntax;
}

/* Frees the last copy once the text parses again: it would only be a
 * stale second tree kept for as long as the document is open. */
static void recovery_forget(ComposeRecovery *memo) {
  if (!memo->syntax) return;
  syntax_delete(memo->syntax);
  memo->syntax = NULL;
  text_destroy(&memo->copy);
}

ComposeModel *compose_model_build_recovering(SyntaxParsers *parsers, YamlChunks *chunks, ComposeRecovery *memo,
                                             const Syntax *syntax, const TextDoc *text) {
  return compose_model_build_reusing(parsers, chunks, memo, syntax, text, NULL, NULL);
}

ComposeModel *compose_model_build_reusing(SyntaxParsers *parsers, YamlChunks *chunks, ComposeRecovery *memo,
                                          const Syntax *syntax, const TextDoc *text, ComposeModel *previous,
                                          const TextDelta *change) {
  BuiltFrom last = memo->last;
  memo->last = BUILT_FROM_NOTHING;
  if (!syntax || !syntax_has_error(syntax)) {
    /* After a repaired copy too: its services outside the blanked lines
     * hold the text's bytes, and the hidden ones were never recorded. */
    recovery_forget(memo);
    memo->last = BUILT_FROM_TEXT;
    return compose_model__build_reusing(syntax, text, NULL, last != BUILT_FROM_NOTHING ? previous : NULL, change);
  }
  Repair r = {.blank_from = SIZE_MAX};
  text_copy(&r.doc, text);
  r.bytes = r.doc.bytes;
  r.len = r.doc.len;
  array_init(&r.lf_starts);
  array_init(&r.kept);
  r.line_starts = &r.doc.line_starts;
  if (text->has_lone_cr) {
    array_push(&r.lf_starts, (size_t)0);
    for (size_t i = 0; i < r.len; i++)
      if (r.bytes[i] == '\n') array_push(&r.lf_starts, i + 1);
    r.line_starts = &r.lf_starts;
  }
  ComposeModel *model = NULL;
  if (repair_run(&r, chunks) && (r.kept.len > 0 || r.lost_key)) {
    /* While a user types in a damaged file, the services around the
     * damage are taken over as in a valid one: from the last copy, by how
     * the two copies differ; from a model of the valid text, by the
     * user's edit widened over the blanked lines. */
    TextDelta since;
    const TextDelta *from = NULL;
    if (memo->syntax) {
      since = copies_delta(memo, &r, change);
      from = last == BUILT_FROM_COPY ? &since : NULL;
    } else if (last == BUILT_FROM_TEXT && change) {
      since = *change;
      delta_outside(&since, r.len, r.blank_from, r.blank_to);
      from = &since;
    }
    const Syntax *repaired = recovery_parse(memo, parsers, &r, &since);
    model = compose_model__build_reusing(repaired, &memo->copy, &r.kept, from ? previous : NULL, from);
    model->partial = r.lost_key;
    memo->last = BUILT_FROM_COPY;
  } else {
    /* Nothing could be isolated, or libyaml accepts the text as it is
     * (tree-sitter-yaml refuses a few things libyaml does not): the tree
     * of the text itself is the best there is. */
    recovery_forget(memo);
    model = compose_model_build(syntax, text);
  }
  array_delete(&r.lf_starts);
  array_delete(&r.kept);
  text_destroy(&r.doc);
  return model;
}

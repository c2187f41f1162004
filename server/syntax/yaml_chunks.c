/* yaml_chunks_check (see yaml_chunks.h).
 *
 * Why the pieces decide the whole.  The file is cut at the lines of its
 * one top-level `services:` block: the prefix up to the first service,
 * one piece per service (from a line at the services' indentation c to
 * the next such line), and the rest from the first line indented less
 * than c, which must be a top-level line.  Every line inside a service
 * piece after its first is indented more than c or holds no content (a
 * blank or a comment), so libyaml reads a piece the same way alone as
 * inside the file, provided that
 *   - alone it is one block mapping with exactly one key, which starts the
 *     piece at column c (libyaml's indentation stack is then at c in both
 *     readings, and nothing in the piece can close it), and
 *   - the file without its services (the skeleton) is valid, and in it the
 *     `services:` line is a key of the first document's top-level block
 *     mapping with an empty value (so that, in the file, the services are
 *     that key's block mapping at c, and nothing around them changes).
 * What the argument does not cover is refused before anything is cut: a
 * tab in a line's indentation (libyaml judges tabs by absolute column and
 * context), a carriage return that is not part of a CRLF (a line break
 * this file's line splitting would not see), and more than one
 * `services:` line.  Refusing costs only speed: the whole text is checked. */
#include "dockls/syntax/yaml_chunks.h"

#include <stdint.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/array.h"
#include "dockls/base/bytes.h"

typedef enum { PIECE_SERVICE, PIECE_SKELETON } PieceKind;

typedef struct {
  PieceKind kind;
  size_t len;
  char *bytes; /* owned copy */
} Piece;
typedef Array(Piece) PieceArray;

typedef Array(size_t) Offsets;

typedef struct {
  size_t services_line;  /* line number of `services:` */
  size_t column;         /* the services' indentation c */
  size_t first, rest;    /* first service's offset; offset of the rest */
  Offsets starts;        /* each service's first offset */
} Layout;

struct YamlChunks {
  PieceArray valid; /* the pieces of the last check that libyaml accepted */
  /* Whether every piece of the last text checked passed, its length and
   * layout: `valid` then holds exactly its skeleton and its services in
   * order, which together are its bytes, and an edit inside one service is
   * checked from the difference (see chunks_valid_after_edit). */
  bool passed;
  size_t last_len;
  Layout layout;
  uint64_t text_id; /* the caller's name of the last text checked; 0: none */
};

YamlChunks *yaml_chunks_new(void) {
  YamlChunks *self = xcalloc(1, sizeof *self);
  array_init(&self->valid);
  return self;
}

static void pieces_free(YamlChunks *self) {
  for (size_t i = 0; i < self->valid.len; i++) xfree(self->valid.items[i].bytes);
  self->valid.len = 0;
}

void yaml_chunks_delete(YamlChunks *self) {
  if (!self) return;
  pieces_free(self);
  array_delete(&self->valid);
  array_delete(&self->layout.starts);
  xfree(self);
}

/* --- Cutting ----------------------------------------------------------- */

static bool line_is_services_key(const char *at, size_t room) {
  if (room < 9 || memcmp(at, "services:", 9) != 0) return false;
  for (size_t i = 9; i < room; i++) {
    if (at[i] == '#' || at[i] == '\n' || at[i] == '\r') return true;
    if (at[i] != ' ') return false;
  }
  return true;
}

/* One line as the cutting sees it. */
typedef struct {
  size_t end;     /* the offset after its line break */
  size_t indent;  /* its leading spaces */
  bool content;   /* not blank and not a comment */
  bool refused;   /* a tab in the indentation or a lone carriage return */
} CutLine;

/* `carriage_returns`: the text holds a "\r" somewhere, so each line is
 * searched for a lone one (most files hold none, and one search of the
 * whole text then spares a search per line). */
static CutLine cut_line(const char *t, size_t len, size_t at, bool carriage_returns) {
  CutLine l = {0};
  const char *nl = memchr(t + at, '\n', len - at);
  l.end = nl ? (size_t)(nl - t) + 1 : len;
  const char *cr = carriage_returns ? memchr(t + at, '\r', l.end - at) : NULL;
  l.refused = cr && (cr + 1 >= t + len || cr[1] != '\n');
  while (at + l.indent < l.end && t[at + l.indent] == ' ') l.indent++;
  char c = at + l.indent < l.end ? t[at + l.indent] : '\n';
  l.refused |= c == '\t';
  l.content = c != '\n' && c != '\r' && c != '#';
  return l;
}

/* Finds the pieces; false when the text is outside what the argument at
 * the top covers. */
static bool layout_find(const char *t, size_t len, Layout *out) {
  size_t line = 0, indent_c = 0;
  bool have_services = false, in_services = false, done = false;
  bool carriage_returns = memchr(t, '\r', len) != NULL;
  out->first = out->rest = len;
  for (size_t at = 0; at < len; line++) {
    CutLine cut = cut_line(t, len, at, carriage_returns);
    if (cut.refused) return false;
    size_t end = cut.end, n = cut.indent;
    bool content = cut.content;
    if (n == 0 && line_is_services_key(t + at, end - at)) {
      if (have_services) return false;
      have_services = in_services = true;
      out->services_line = line;
    } else if (content && in_services && !done) {
      if (indent_c == 0) indent_c = out->column = n;
      if (n == 0) {
        in_services = false;
        done = true;
        out->rest = at;
      } else if (n < indent_c) {
        return false;
      } else if (n == indent_c) {
        if (out->starts.len == 0) out->first = at;
        array_push(&out->starts, at);
      }
    }
    at = end;
  }
  return have_services && out->starts.len > 0;
}

/* --- Verdicts on pieces ------------------------------------------------ */

/* What the walk of one piece saw, for the conditions at the top. */
typedef struct {
  size_t services_line; /* skeleton: the `services:` line */
  size_t column;        /* service: the key's column c */
  int depth;            /* collections open */
  int documents;
  bool root_block_map;
  size_t nodes;         /* nodes directly in the root mapping */
  bool key_ok, value_ok, expect_value;
} Walk;

static bool walk_root_node(Walk *w, const YamlEvent *e, bool skeleton) {
  if (w->documents != 1 || !w->root_block_map) return skeleton;
  size_t index = w->nodes++;
  if (skeleton) {
    if (w->expect_value) {
      w->value_ok = e->kind == YAML_EVENT_SCALAR && e->empty_plain && !e->decorated;
      w->expect_value = false;
    } else if (index % 2 == 0 && e->kind == YAML_EVENT_SCALAR && e->line == w->services_line &&
               e->column == 0) {
      w->key_ok = w->expect_value = true;
    }
    return true;
  }
  if (index == 0) w->key_ok = e->kind == YAML_EVENT_SCALAR && e->line == 0 && e->column == w->column;
  return index < 2;
}

static bool walk_visit(const YamlEvent *e, void *data, bool skeleton) {
  Walk *w = data;
  switch (e->kind) {
    case YAML_EVENT_DOCUMENT_START:
      w->documents++;
      return skeleton || w->documents == 1;
    case YAML_EVENT_MAPPING_START:
    case YAML_EVENT_SEQUENCE_START:
      if (w->depth == 0 && w->documents == 1)
        w->root_block_map = e->kind == YAML_EVENT_MAPPING_START && e->block;
      else if (w->depth == 1 && !walk_root_node(w, e, skeleton))
        return false;
      w->depth++;
      return true;
    case YAML_EVENT_MAPPING_END:
    case YAML_EVENT_SEQUENCE_END:
      w->depth--;
      return true;
    case YAML_EVENT_SCALAR:
    case YAML_EVENT_ALIAS:
      return w->depth != 1 || walk_root_node(w, e, skeleton);
    default:
      return true;
  }
}

static bool visit_service(const YamlEvent *e, void *data) { return walk_visit(e, data, false); }
static bool visit_skeleton(const YamlEvent *e, void *data) { return walk_visit(e, data, true); }

static bool piece_valid(PieceKind kind, const char *bytes, size_t len, size_t services_line) {
  Walk w = {.services_line = services_line};
  if (kind == PIECE_SKELETON) {
    /* value_ok is only ever set for the value of the `services` key. */
    return yaml_walk_events(bytes, len, visit_skeleton, &w) && w.value_ok;
  }
  while (w.column < len && bytes[w.column] == ' ') w.column++;
  return yaml_walk_events(bytes, len, visit_service, &w) && w.documents == 1 && w.root_block_map &&
         w.key_ok && w.nodes == 2;
}

/* --- The cache --------------------------------------------------------- */

/* Checks one piece, taking its verdict from `old` when libyaml accepted
 * the same bytes before; a valid piece moves to `fresh`.  Pieces are asked
 * for in file order, and a keystroke leaves all but one where they were:
 * the search starts after the last piece found (*next), so an unchanged
 * piece costs one comparison of its bytes, which fails at the first byte
 * that differs.  A hash of every piece, which this replaced, read every
 * byte of the file on each keystroke. */
static bool piece_check(PieceArray *old, size_t *next, PieceArray *fresh, PieceKind kind, const char *bytes,
                        size_t len, size_t services_line) {
  for (size_t k = 0, i = *next; k < old->len; k++, i++) {
    if (i >= old->len) i = 0;
    Piece *p = &old->items[i];
    if (p->bytes && p->kind == kind && p->len == len && memcmp(p->bytes, bytes, len) == 0) {
      array_push(fresh, *p);
      p->bytes = NULL;
      *next = i + 1;
      return true;
    }
  }
  if (!piece_valid(kind, bytes, len, services_line)) return false;
  Piece p = {.kind = kind, .len = len, .bytes = xmalloc(len ? len : 1)};
  memcpy(p.bytes, bytes, len);
  array_push(fresh, p);
  return true;
}

/* The text without its services (caller frees): the head up to the first
 * service and the rest after the last, `*skeleton_len` bytes. */
static char *skeleton_of(const char *t, size_t len, const Layout *l, size_t *skeleton_len) {
  *skeleton_len = l->first + (len - l->rest);
  char *skeleton = xmalloc(*skeleton_len + 1);
  memcpy(skeleton, t, l->first);
  memcpy(skeleton + l->first, t + l->rest, len - l->rest);
  return skeleton;
}

/* True when every piece passes.  Otherwise *bad is the offset of the
 * first service piece that did not (SIZE_MAX when none), and
 * *skeleton_bad says whether the skeleton did not.  The services are
 * checked after a failed skeleton too (most from the cache), so that a
 * mistake after them is known to be the file's first. */
static bool pieces_all_valid(YamlChunks *self, const char *t, size_t len, const Layout *l, size_t *bad,
                             bool *skeleton_bad) {
  PieceArray fresh;
  array_init(&fresh);
  size_t skeleton_len;
  char *skeleton = skeleton_of(t, len, l, &skeleton_len);
  size_t next = 0;
  bool skeleton_ok = piece_check(&self->valid, &next, &fresh, PIECE_SKELETON, skeleton, skeleton_len,
                                 l->services_line);
  xfree(skeleton);
  *skeleton_bad = !skeleton_ok;
  *bad = SIZE_MAX;
  bool ok = true;
  for (size_t i = 0; ok && i < l->starts.len; i++) {
    size_t from = l->starts.items[i], to = i + 1 < l->starts.len ? l->starts.items[i + 1] : l->rest;
    ok = piece_check(&self->valid, &next, &fresh, PIECE_SERVICE, t + from, to - from, 0);
    if (!ok) *bad = from;
  }
  ok &= skeleton_ok;
  /* Pieces not seen this time are dropped; while a piece is invalid the
   * others stay, so that typing in one service does not re-check all. */
  if (ok) pieces_free(self);
  for (size_t i = 0; i < self->valid.len; i++)
    if (self->valid.items[i].bytes) array_push(&fresh, self->valid.items[i]);
  self->valid.len = 0;
  array_delete(&self->valid);
  self->valid = fresh;
  return ok;
}

/* --- An edit inside one service ---------------------------------------- */

/* Whether the lines of t between `from` and `to` (from a line start) are
 * lines layout_find would have left inside a service piece at column c:
 * no tab in the indentation, no lone carriage return, and every line with
 * content indented more than c.  The line at `key_line` is the piece's
 * own first line, at c by the caller's check. */
static bool lines_stay_inside(const char *t, size_t len, size_t from, size_t to, size_t c, size_t key_line) {
  for (size_t at = from; at < to;) {
    CutLine cut = cut_line(t, len, at, true);
    if (cut.refused || (cut.content && cut.indent <= c && at != key_line)) return false;
    at = cut.end;
  }
  return true;
}

/* The last text, which passed, is its skeleton's head, its services and
 * the skeleton's tail: segment i of n + 2. */
static const char *last_segment(const YamlChunks *self, size_t i, size_t *len) {
  const Piece *skeleton = &self->valid.items[0];
  size_t first = self->layout.first, services = self->layout.starts.len;
  if (i == 0) {
    *len = first;
    return skeleton->bytes;
  }
  if (i <= services) {
    *len = self->valid.items[i].len;
    return self->valid.items[i].bytes;
  }
  *len = skeleton->len - first;
  return skeleton->bytes + first;
}

/* How many leading bytes the last text and t share, and how many trailing
 * ones (at most `most` of them); read from the pieces, which hold the last
 * text, so that no other copy of it is kept. */
static size_t last_prefix(const YamlChunks *self, const char *t, size_t len) {
  size_t at = 0, count = self->layout.starts.len + 2;
  for (size_t i = 0; i < count; i++) {
    size_t seg_len, most;
    const char *seg = last_segment(self, i, &seg_len);
    most = seg_len < len - at ? seg_len : len - at;
    size_t same = bytes_common_prefix(seg, t + at, most);
    at += same;
    if (same < seg_len) break;
  }
  return at;
}

static size_t last_suffix(const YamlChunks *self, const char *t, size_t len, size_t most) {
  size_t n = 0;
  for (size_t i = self->layout.starts.len + 2; i-- > 0 && n < most;) {
    size_t seg_len;
    const char *seg = last_segment(self, i, &seg_len);
    size_t room = seg_len < most - n ? seg_len : most - n;
    size_t same = bytes_common_suffix(seg + seg_len, t + len - n, room);
    n += same;
    if (same < seg_len) break;
  }
  return n;
}

/* Whether the lines of t between `from` and `to` (from a line start) are
 * lines layout_find accepts after the services: no tab in the
 * indentation, no lone carriage return, and no second `services:`. */
static bool lines_fit_after(const char *t, size_t len, size_t from, size_t to) {
  for (size_t at = from; at < to;) {
    CutLine cut = cut_line(t, len, at, true);
    if (cut.refused || (cut.indent == 0 && line_is_services_key(t + at, cut.end - at))) return false;
    at = cut.end;
  }
  return true;
}

/* The verdict on `t` from the last text, which passed, when the two
 * differ only after the first character of the first top-level line after
 * the services: the cuts are where they were, and only the skeleton goes
 * to libyaml again. */
static bool tail_valid_after_edit(YamlChunks *self, const char *t, size_t len, size_t p, size_t change_end) {
  Layout *l = &self->layout;
  size_t from = p;
  while (from > l->rest && t[from - 1] != '\n') from--;
  const char *nl = memchr(t + change_end, '\n', len - change_end);
  if (!lines_fit_after(t, len, from, nl ? (size_t)(nl - t) + 1 : len)) return false;
  size_t skeleton_len;
  char *skeleton = skeleton_of(t, len, l, &skeleton_len);
  if (!piece_valid(PIECE_SKELETON, skeleton, skeleton_len, l->services_line)) {
    xfree(skeleton);
    return false;
  }
  Piece *piece = &self->valid.items[0];
  xfree(piece->bytes);
  piece->bytes = skeleton;
  piece->len = skeleton_len;
  self->last_len = len;
  return true;
}

/* The verdict on `t` from the last text, which passed, when the two
 * differ only inside one service piece, after its key's first character
 * and before the line break that ends the piece: the layout is then the
 * old one moved by the change, the skeleton and the other pieces are the
 * same bytes, and only the edited piece goes to libyaml.  Accepted alone
 * as one block mapping with one key at column c, the piece has no line
 * with content indented to c or less after its first (libyaml refuses a
 * second key at c and anything less indented after the root node), so the
 * cuts stay where they were; the lines the change touched are looked at
 * again all the same, as layout_find would, for tabs and lone carriage
 * returns, whose reading by libyaml depends on context.  An edit after the
 * services goes to tail_valid_after_edit.  `since`, when not NULL, is the
 * caller's account of how t differs from the last text (its unchanged
 * ends may be shorter than the longest ones: every test below holds for
 * any span that covers the bytes that differ); without it, the two texts
 * are compared.  False means "not known this way": the caller checks
 * everything. */
static bool chunks_valid_after_edit(YamlChunks *self, const char *t, size_t len, const TextDelta *since) {
  Layout *l = &self->layout;
  if (self->valid.len != l->starts.len + 1) return false;
  size_t old_len = self->last_len, most = old_len < len ? old_len : len;
  size_t p, s;
  if (since) {
    p = since->prefix < most ? since->prefix : most;
    s = since->suffix < most - p ? since->suffix : most - p;
  } else {
    p = last_prefix(self, t, len);
    s = last_suffix(self, t, len, most - p); /* p <= most: the prefix is in both texts */
  }
  if (p == old_len && p == len) return true;
  if (p < l->starts.items[0]) return false;
  if (l->rest < old_len && p > l->rest) return tail_valid_after_edit(self, t, len, p, len - s);
  size_t lo = 0, hi = l->starts.len;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (l->starts.items[mid] <= p) lo = mid;
    else hi = mid;
  }
  size_t k = lo, start = l->starts.items[k];
  size_t end = k + 1 < l->starts.len ? l->starts.items[k + 1] : l->rest;
  size_t old_change_end = old_len - s, change_end = len - s;
  /* The key's first character, and the line break before the next piece
   * (unless the piece runs to the end of the file), are unchanged. */
  if (p <= start + l->column || (end < old_len && old_change_end >= end) || end > old_len) return false;
  size_t from = p;
  while (from > start && t[from - 1] != '\n') from--;
  const char *nl = memchr(t + change_end, '\n', len - change_end);
  size_t to = nl ? (size_t)(nl - t) + 1 : len;
  if (!lines_stay_inside(t, len, from, to, l->column, start)) return false;
  ptrdiff_t delta = (ptrdiff_t)len - (ptrdiff_t)old_len;
  size_t piece_len = (size_t)((ptrdiff_t)(end - start) + delta);
  if (!piece_valid(PIECE_SERVICE, t + start, piece_len, 0)) return false;
  Piece *piece = &self->valid.items[1 + k];
  xfree(piece->bytes);
  piece->len = piece_len;
  piece->bytes = xmalloc(piece_len ? piece_len : 1);
  memcpy(piece->bytes, t + start, piece_len);
  for (size_t i = k + 1; i < l->starts.len; i++) l->starts.items[i] = (size_t)((ptrdiff_t)l->starts.items[i] + delta);
  l->rest = (size_t)((ptrdiff_t)l->rest + delta);
  self->last_len = len;
  return true;
}

/* Keeps the layout of the text just checked when it passed. */
static void chunks_remember(YamlChunks *self, size_t len, Layout *layout, bool passed) {
  self->passed = passed;
  array_delete(&self->layout.starts);
  if (!passed) return;
  self->layout = *layout;
  array_init(&layout->starts);
  self->last_len = len;
}

/* Where chunks_valid found the pieces wanting, when it did. */
typedef struct {
  size_t from, to;  /* the first service piece that failed, or SIZE_MAX */
  bool first;       /* that piece is the first service */
  bool skeleton;    /* the skeleton failed */
  size_t head_end;  /* the layout's first service and rest (skeleton only) */
  size_t rest;
} Verdict;

/* Checks the pieces; *v says which failed. */
static bool chunks_valid(YamlChunks *self, const char *bytes, size_t len, Verdict *v, uint64_t text_id,
                         const TextDelta *since) {
  *v = (Verdict){.from = SIZE_MAX, .to = SIZE_MAX};
  /* The caller's account holds only for the text it was given against. */
  if (since && (!self->text_id || since->old_len != self->last_len)) since = NULL;
  self->text_id = text_id;
  if (self->passed && chunks_valid_after_edit(self, bytes, len, since)) return true;
  Layout layout = {0};
  array_init(&layout.starts);
  bool valid = layout_find(bytes, len, &layout) && pieces_all_valid(self, bytes, len, &layout, &v->from, &v->skeleton);
  if (v->from != SIZE_MAX) {
    v->first = layout.starts.items[0] == v->from;
    v->to = layout.rest;
    for (size_t i = 0; i + 1 < layout.starts.len; i++)
      if (layout.starts.items[i] == v->from) v->to = layout.starts.items[i + 1];
  }
  v->head_end = layout.first;
  v->rest = layout.rest;
  chunks_remember(self, len, &layout, valid);
  array_delete(&layout.starts);
  return valid;
}

bool yaml_chunks_check(YamlChunks *self, const char *bytes, size_t len, YamlProblem *problem) {
  return yaml_chunks_check_since(self, bytes, len, 0, NULL, problem);
}

/* What a piece is read after, so that libyaml is in the state the file
 * puts it in when it reaches that service: inside the top-level mapping
 * and, for every service but the first, inside the services' block
 * mapping, whose keys at the piece's indentation are then required to be
 * keys (a stand-in service opens it; the first service opens it in the
 * file). */
static const char PIECE_LEAD[] = "services:\n";
static const char PIECE_STAND_IN[] = "x: 0\n";

/* How many line breaks [at, end) holds. */
static size_t newlines_in(const char *at, const char *end) {
  size_t n = 0;
  for (; (at = memchr(at, '\n', (size_t)(end - at))); at++) n++;
  return n;
}

/* Moves the places a problem names (found in a text read apart) by `by`
 * bytes, to where they are in the file. */
static void problem_move(YamlProblem *problem, ptrdiff_t by) {
  problem->offset = (size_t)((ptrdiff_t)problem->offset + by);
  problem->origin = (size_t)((ptrdiff_t)problem->origin + by);
  if (problem->context != SIZE_MAX) problem->context = (size_t)((ptrdiff_t)problem->context + by);
}

/* libyaml's answer on the whole text from the service piece [from, to)
 * that failed (`first`: the first service), when the piece read after the
 * lead says it.  The pieces before it passed, and up to the point where
 * libyaml stops it reads the same bytes in the same state as in the file,
 * so a mistake it finds inside the piece is the whole text's first, in the
 * same words; the lines the message names are counted in the file.  Some
 * readings differ, and the whole text is then read instead:
 * - a mistake found at the piece's end: in the file libyaml reads on
 *   into the next service first (an unclosed quote or flow collection
 *   goes on over lines indented less than the piece);
 * - bytes that are not UTF-8: libyaml judges a sequence by what follows
 *   it, and the piece's end is not the file's;
 * - a mistake whose context starts in the lead: in the file that
 *   collection (the top level, the services' mapping) starts elsewhere,
 *   and the service before may have had no value, which a sequence at
 *   the services' indentation would then be. */
static bool piece_problem(const char *bytes, size_t from, size_t to, bool first, YamlProblem *problem) {
  size_t line = newlines_in(bytes, bytes + from);
  size_t column = 0;
  while (from + column < to && bytes[from + column] == ' ') column++;
  size_t stand_in = first ? 0 : column + sizeof PIECE_STAND_IN - 1;
  size_t lead = sizeof PIECE_LEAD - 1 + stand_in, len = lead + (to - from);
  char *text = xmalloc(len);
  memcpy(text, PIECE_LEAD, sizeof PIECE_LEAD - 1);
  if (stand_in) {
    memset(text + sizeof PIECE_LEAD - 1, ' ', column);
    memcpy(text + sizeof PIECE_LEAD - 1 + column, PIECE_STAND_IN, sizeof PIECE_STAND_IN - 1);
  }
  memcpy(text + lead, bytes + from, to - from);
  /* The piece's first line is file line `line`; the lead's lines come
   * before it. */
  YamlProblem alone;
  bool valid = yaml_check_lines(text, len, line - (first ? 1 : 2), &alone);
  xfree(text);
  if (valid) return false;
  if (alone.encoding || alone.offset < lead || alone.offset >= len ||
      (alone.context != SIZE_MAX && alone.context < lead)) {
    xfree(alone.message);
    return false;
  }
  *problem = alone;
  problem_move(problem, (ptrdiff_t)from - (ptrdiff_t)lead);
  return true;
}

/* libyaml's answer on the whole text from its skeleton, which failed,
 * when the skeleton says it.  It is read here with one stand-in service
 * in place of the services, so that libyaml leaves the services' mapping
 * after a value, as in the file.  The head up to the first service is the
 * file's own, so a mistake inside it, in a context that starts inside it,
 * is the file's first, at the same place.  After the services libyaml is
 * back in the top-level mapping in both readings: a mistake there, in a
 * context that starts there too, is the file's first when every service
 * passed, moved by the services' bytes and lines.  Anything else (a
 * context in the head around a mistake after the services) reads the
 * whole text.  (Bytes that are not UTF-8 need no care here: libyaml
 * judges a sequence by the bytes after it, which are the file's own up to
 * its end after the services, and a service's leading spaces after the
 * head.) */
static bool skeleton_problem(const char *bytes, size_t len, const Verdict *v, YamlProblem *problem) {
  size_t first = v->head_end, column = 0;
  while (first + column < len && bytes[first + column] == ' ') column++;
  size_t stand_in = column + sizeof PIECE_STAND_IN - 1, after = first + stand_in;
  size_t text_len = after + (len - v->rest);
  char *text = xmalloc(text_len);
  memcpy(text, bytes, first);
  memset(text + first, ' ', column);
  memcpy(text + first + column, PIECE_STAND_IN, sizeof PIECE_STAND_IN - 1);
  memcpy(text + after, bytes + v->rest, len - v->rest);
  YamlProblem alone;
  bool answered = false;
  if (!yaml_check(text, text_len, &alone)) {
    /* A context starts before its mistake, so one in the head is all in
     * the head. */
    bool head = alone.offset < first;
    bool rest = v->from == SIZE_MAX && alone.offset >= after && (alone.context == SIZE_MAX || alone.context >= after);
    xfree(alone.message);
    /* The stand-in is one line where the file has the services' lines. */
    size_t lines = newlines_in(bytes + first, bytes + v->rest);
    if (head || (rest && lines > 0)) answered = !yaml_check_lines(text, text_len, head ? 0 : lines - 1, problem);
    if (answered && rest) {
      /* The services' bytes less the stand-in's, which may be fewer. */
      problem_move(problem, (ptrdiff_t)v->rest - (ptrdiff_t)after);
    }
  }
  xfree(text);
  return answered;
}

/* libyaml's answer on the whole text, read from the piece that failed
 * when it can be (see piece_problem and skeleton_problem). */
static bool chunks_problem(const char *bytes, size_t len, const Verdict *v, YamlProblem *problem) {
  if (v->skeleton && skeleton_problem(bytes, len, v, problem)) return true;
  if (v->from != SIZE_MAX && piece_problem(bytes, v->from, v->to, v->first, problem)) return true;
  return !yaml_check(bytes, len, problem);
}

bool yaml_chunks_check_since(YamlChunks *self, const char *bytes, size_t len, uint64_t text_id,
                             const TextDelta *since, YamlProblem *problem) {
  Verdict v;
  return chunks_valid(self, bytes, len, &v, text_id, since) || !chunks_problem(bytes, len, &v, problem);
}

uint64_t yaml_chunks_text_id(const YamlChunks *self) { return self->text_id; }

bool yaml_chunks_locate(YamlChunks *self, const char *bytes, size_t len, size_t *origin) {
  Verdict v;
  if (chunks_valid(self, bytes, len, &v, 0, NULL)) return true;
  YamlProblem problem;
  if (v.skeleton) {
    /* The whole text's first mistake, which may come before a service. */
    if (!skeleton_problem(bytes, len, &v, &problem) && yaml_check(bytes, len, &problem)) return true;
  } else if (v.from == SIZE_MAX || yaml_check(bytes + v.from, v.to - v.from, &problem)) {
    /* A service libyaml refuses on its own holds a mistake of its own;
     * one it accepts failed only the shape the argument needs, and the
     * whole text says where the mistake is. */
    if (yaml_check(bytes, len, &problem)) return true;
  } else {
    problem.origin += v.from;
  }
  *origin = problem.origin;
  xfree(problem.message);
  return false;
}

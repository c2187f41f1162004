/* The Dockerfile formatter (format.h).  It works instruction by
 * instruction on the syntax tree and only ever replaces whitespace or
 * changes the case of keywords, so every edit is one a reader can predict.
 *
 * Continuation lines are where care is needed: Docker joins a continued
 * line to the next one keeping the next line's leading blanks, so those
 * blanks are part of the command.  Re-indenting is therefore done only
 * where the shell would read any run of blanks the same: outside quotes,
 * and where the join already separates two words (the next line is
 * indented, or the continued line ends with a blank before the escape
 * character).  A broken instruction (one with a syntax error) is left as
 * it is. */
#include "dockls/analysis/format.h"
#include "dockls/analysis/structure.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/dockerfile.h"
#include "dockls/syntax/node.h"
#include "dockls/syntax/symbols.h"
#include "editing_internal.h"

/* An instruction with this many heredocs or more keeps its continuation lines. */
#define FORMAT_MAX_HEREDOCS 16

typedef struct {
  const TextDoc *text;
  char escape;
  FormatEditArray *out;
} Formatter;

static void format_edit(Formatter *f, size_t start, size_t end, const char *text, size_t len) {
  if (end - start == len && memcmp(f->text->bytes + start, text, len) == 0) return;
  FormatEdit e = {start, end, xstrndup(text, len)};
  array_push(f->out, e);
}

/* `["a","b" ]` → `["a", "b"]`, for an array on one line: its strings are
 * kept byte for byte, only the blanks between them change. */
static void format_json_array(Formatter *f, TSNode array) {
  size_t start = ts_node_start_byte(array), end = ts_node_end_byte(array);
  if (memchr(f->text->bytes + start, '\n', end - start)) return;
  const DockerfileSymbols *y = dockerfile_symbols();
  StrBuf b = STRBUF_INIT;
  strbuf_append_char(&b, '[');
  size_t count = 0;
  TSTreeCursor c = ts_tree_cursor_new(array);
  for (bool more = ts_tree_cursor_goto_first_child(&c); more; more = ts_tree_cursor_goto_next_sibling(&c)) {
    TSNode item = ts_tree_cursor_current_node(&c);
    if (!node_has(item, y->json_string)) continue;
    if (count++) strbuf_append(&b, ", ");
    strbuf_append_n(&b, f->text->bytes + ts_node_start_byte(item), ts_node_end_byte(item) - ts_node_start_byte(item));
  }
  ts_tree_cursor_delete(&c);
  strbuf_append_char(&b, ']');
  format_edit(f, start, end, b.data, b.len);
  strbuf_destroy(&b);
}

/* Whether each line break inside [start, end) falls inside a quoted string
 * (bit set), scanning as a shell would: single quotes take everything
 * literally, double quotes and bare text honour backslash escapes.  Lines
 * inside `skip` ranges (heredoc bodies) and comment lines are not read. */
typedef struct {
  size_t at;   /* offset of the line break */
  bool quoted; /* it is inside a quoted string */
} FormatBreak;
typedef Array(FormatBreak) FormatBreakArray;

static void format_scan_quotes(const Formatter *f, size_t start, size_t end, const ByteRange *skip,
                               size_t nskip, FormatBreakArray *breaks) {
  const char *s = f->text->bytes;
  char quote = 0;
  bool line_start = false;
  for (size_t p = start; p < end; p++) {
    for (size_t k = 0; k < nskip; k++)
      if (p >= skip[k].start && p < skip[k].end) p = skip[k].end;
    if (p >= end) break;
    if (line_start) {
      size_t q = p;
      while (q < end && (s[q] == ' ' || s[q] == '\t')) q++;
      if (q < end && s[q] == '#') {
        /* A comment line inside a continuation is dropped by Docker. */
        while (q < end && s[q] != '\n') q++;
        p = q;
        if (p < end) {
          FormatBreak br = {p, quote != 0};
          array_push(breaks, br);
        }
        continue;
      }
      line_start = false;
    }
    char ch = s[p];
    if (ch == '\n') {
      FormatBreak br = {p, quote != 0};
      array_push(breaks, br);
      line_start = true;
    } else if (quote != '\'' && ch == '\\' && p + 1 < end && s[p + 1] != '\n' && s[p + 1] != '\r') {
      p++;
    } else if (quote == 0 && (ch == '\'' || ch == '"')) {
      quote = ch;
    } else if (quote == ch) {
      quote = 0;
    }
  }
}

/* The offset just after the last character before the escape character
 * that ends the line whose break is at `brk`, or SIZE_MAX when the line
 * does not end with it. */
static size_t format_before_escape(const Formatter *f, size_t line_start, size_t brk) {
  const char *s = f->text->bytes;
  size_t e = brk;
  if (e > line_start && s[e - 1] == '\r') e--;
  while (e > line_start && (s[e - 1] == ' ' || s[e - 1] == '\t')) e--;
  if (e == line_start || s[e - 1] != f->escape) return SIZE_MAX;
  return e - 1;
}

/* Re-indents the continuation lines of [start, end), an instruction whose
 * heredoc blocks are `skip` (at most FORMAT_MAX_HEREDOCS; with more, the
 * instruction is left alone rather than risk indenting a body). */
static void format_continuations(Formatter *f, size_t start, size_t end, const ByteRange *skip, size_t nskip) {
  if (nskip == FORMAT_MAX_HEREDOCS) return;
  size_t stop = nskip ? skip[0].start : end; /* continuations come before any heredoc body */
  FormatBreakArray breaks;
  array_init(&breaks);
  format_scan_quotes(f, start, stop, skip, nskip, &breaks);
  const char *s = f->text->bytes;
  size_t line_start = start, joined_from = SIZE_MAX; /* before-escape offset of the last code line */
  for (size_t i = 0; i < breaks.len; i++) {
    size_t brk = breaks.items[i].at, next = brk + 1;
    size_t p = line_start;
    while (p < brk && (s[p] == ' ' || s[p] == '\t')) p++;
    bool comment = line_start != start && p < brk && s[p] == '#';
    if (!comment) joined_from = format_before_escape(f, line_start, brk);
    /* A line holding only the escape character adds nothing but its own
     * blanks to the join; it and the line after it are left as written. */
    if (joined_from == p && line_start != start) joined_from = SIZE_MAX;
    line_start = next;
    if (next >= stop || joined_from == SIZE_MAX || breaks.items[i].quoted) continue;
    size_t q = next;
    while (q < stop && (s[q] == ' ' || s[q] == '\t')) q++;
    if (q >= stop || s[q] == '\n' || s[q] == '\r' || s[q] == '#') continue; /* blank or comment line */
    if (format_before_escape(f, next, breaks.len > i + 1 ? breaks.items[i + 1].at : stop) == q) continue;
    bool separated = q > next || (joined_from > 0 && (s[joined_from - 1] == ' ' || s[joined_from - 1] == '\t'));
    if (!separated) continue;
    format_edit(f, next, q, EDITING_INDENT, sizeof EDITING_INDENT - 1);
  }
  array_delete(&breaks);
}

/* Formats one instruction, whose children `c` (reset here) visits.
 * `nested` is true for ONBUILD's instruction, whose continuation lines are
 * its parent's and are indented there. */
static void format_instruction(Formatter *f, TSTreeCursor *c, TSNode node, bool nested) {
  if (ts_node_has_error(node)) return;
  const DockerfileSymbols *y = dockerfile_symbols();
  size_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
  const char *s = f->text->bytes;
  /* The heredoc blocks, gathered on the same walk: a second walk of the
   * children cost as much as the first. */
  ByteRange skip[FORMAT_MAX_HEREDOCS];
  size_t nskip = 0;
  bool first = true;
  ts_tree_cursor_reset(c, node);
  for (bool more = ts_tree_cursor_goto_first_child(c); more; more = ts_tree_cursor_goto_next_sibling(c)) {
    TSNode child = ts_tree_cursor_current_node(c);
    size_t a = ts_node_start_byte(child), b = ts_node_end_byte(child);
    if (editing__is_keyword(child)) {
      char upper[32];
      size_t n = b - a < sizeof upper ? b - a : 0;
      for (size_t i = 0; i < n; i++) upper[i] = (char)toupper((unsigned char)s[a + i]);
      if (n) format_edit(f, a, b, upper, n);
      if (first) {
        /* One space between the keyword and what follows on its line. */
        size_t q = b;
        while (q < end && (s[q] == ' ' || s[q] == '\t')) q++;
        if (q > b && q < end && s[q] != '\n' && s[q] != '\r' && s[q] != f->escape) format_edit(f, b, q, " ", 1);
      }
    } else if (node_has(child, y->json_string_array)) {
      format_json_array(f, child);
    } else if (node_has(child, y->heredoc_block)) {
      if (nskip < FORMAT_MAX_HEREDOCS) skip[nskip++] = (ByteRange){a, b};
    } else if (ts_node_is_named(child) && dockerfile_node_kind(child) != DF_OTHER) {
      /* ONBUILD's instruction, on a cursor of its own: this one is in use. */
      TSTreeCursor inner = ts_tree_cursor_new(child);
      format_instruction(f, &inner, child, true);
      ts_tree_cursor_delete(&inner);
    }
    first = false;
  }
  /* Continuation lines need a line break before the instruction's last
   * byte; most instructions hold none. */
  if (!nested && end - start > 1 && memchr(s + start, '\n', end - start - 1))
    format_continuations(f, start, end, skip, nskip);
}

static int format_edit_order(const void *a, const void *b) {
  const FormatEdit *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

void analysis_format(Workspace *ws, FileId id, size_t start, size_t end, FormatEditArray *out) {
  if (ws_kind(ws, id) != DOC_KIND_DOCKERFILE) return;
  const Syntax *syntax = ws_syntax(ws, id);
  if (!syntax) return;
  Formatter f = {ws_text(ws, id), ws_dockerfile(ws, id)->escape, out};
  size_t first = out->len;
  size_t count;
  const TSNode *top = syntax_top_nodes(syntax, &count);
  TSTreeCursor children = ts_tree_cursor_new(syntax_root_at(syntax, 0)); /* reset to every instruction */
  for (size_t i = 0; i < count; i++) {
    if (ts_node_start_byte(top[i]) >= end) break;
    if (ts_node_end_byte(top[i]) <= start || dockerfile_node_kind(top[i]) == DF_OTHER) continue;
    format_instruction(&f, &children, top[i], false);
  }
  ts_tree_cursor_delete(&children);
  if (out->len - first > 1) qsort(out->items + first, out->len - first, sizeof *out->items, format_edit_order);
}

void analysis_format_on_type(Workspace *ws, FileId id, size_t offset, FormatEditArray *out) {
  if (ws_kind(ws, id) != DOC_KIND_DOCKERFILE) return;
  const TextDoc *text = ws_text(ws, id);
  uint32_t line = text_pos_of(text, offset, POS_ENC_UTF8).line;
  if (line == 0) return;
  size_t prev_start = text->line_starts.items[line - 1], prev_end = text_line_end(text, line - 1);
  size_t here = text->line_starts.items[line];
  Formatter f = {text, ws_dockerfile(ws, id)->escape, out};
  size_t before = format_before_escape(&f, prev_start, prev_end);
  analysis_format(ws, id, prev_start, prev_end, out);
  if (before == SIZE_MAX) return;
  /* The new line is still blank, so the instruction's formatting has not
   * indented it (a blank continuation line is left alone): indent it now,
   * unless a formatted edit already starts there. */
  size_t q = here, end = text_line_end(text, line);
  while (q < end && (text->bytes[q] == ' ' || text->bytes[q] == '\t')) q++;
  for (size_t i = 0; i < out->len; i++)
    if (out->items[i].start == here) return;
  if (q == end) {
    Formatter g = {text, f.escape, out};
    format_edit(&g, here, q, EDITING_INDENT, sizeof EDITING_INDENT - 1);
    if (out->len > 1) qsort(out->items, out->len, sizeof *out->items, format_edit_order);
  }
}

void analysis_format_edits_free(FormatEditArray *edits) {
  for (size_t i = 0; i < edits->len; i++) xfree(edits->items[i].text);
  array_delete(edits);
}

/* YAML scalar decoding for the compose model: what a YAML loader hands
 * Compose for a scalar's source bytes.  tree-sitter-yaml gives the ranges
 * and the style; the value itself (quotes removed, escapes, line folding,
 * block-scalar indentation and chomping) is computed here, following YAML
 * 1.2 chapters 7 and 8.  The differential test against libyaml holds this
 * file to the same answers over the real compose corpus.
 *
 * Single-line plain and simply quoted scalars never get here: the builder
 * copies them verbatim, which is both the common case and the one whose
 * offsets map back to the document one to one. */
#include <string.h>

#include "dockls/base/strbuf.h"
#include "compose_internal.h"

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

static void trim_trailing_blanks(StrBuf *out, size_t floor) {
  while (out->len > floor && is_blank(out->data[out->len - 1])) out->len--;
  if (out->data) out->data[out->len] = '\0';
}

static unsigned hex_value(const char *s, size_t n, bool *ok) {
  unsigned v = 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                 : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                 : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                        : 16u;
    if (d == 16) *ok = false;
    v = v * 16 + (d & 15);
  }
  return v;
}

static void append_utf8(StrBuf *out, unsigned cp) {
  if (cp < 0x80) {
    strbuf_append_char(out, (char)cp);
  } else if (cp < 0x800) {
    strbuf_append_char(out, (char)(0xC0 | (cp >> 6)));
    strbuf_append_char(out, (char)(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    strbuf_append_char(out, (char)(0xE0 | (cp >> 12)));
    strbuf_append_char(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
    strbuf_append_char(out, (char)(0x80 | (cp & 0x3F)));
  } else {
    strbuf_append_char(out, (char)(0xF0 | (cp >> 18)));
    strbuf_append_char(out, (char)(0x80 | ((cp >> 12) & 0x3F)));
    strbuf_append_char(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
    strbuf_append_char(out, (char)(0x80 | (cp & 0x3F)));
  }
}

/* Handles one escape after a backslash at s[*i]; returns false for an
 * unknown one (kept as written). */
static bool decode_escape(const char *s, size_t len, size_t *i, StrBuf *out) {
  char c = s[*i];
  static const char simple_in[] = "0abtnvfre \"/\\\t";
  static const char simple_out[] = "\0\a\b\t\n\v\f\r\x1b \"/\\\t";
  const char *hit = memchr(simple_in, c, sizeof simple_in - 1);
  if (hit) {
    strbuf_append_char(out, simple_out[hit - simple_in]);
    (*i)++;
    return true;
  }
  size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
  if (digits && *i + digits < len) {
    bool ok = true;
    unsigned cp = hex_value(s + *i + 1, digits, &ok);
    if (ok) {
      append_utf8(out, cp);
      *i += digits + 1;
      return true;
    }
  }
  if (c == 'N') append_utf8(out, 0x85);
  else if (c == '_') append_utf8(out, 0xA0);
  else if (c == 'L') append_utf8(out, 0x2028);
  else if (c == 'P') append_utf8(out, 0x2029);
  else return false;
  (*i)++;
  return true;
}

/* Plain and quoted (flow) scalars: a line break folds into a space, n
 * empty lines into n newlines, and the blanks around a break vanish. */
static char *decode_flow(const char *s, size_t len, ComposeScalarStyle style) {
  StrBuf out = STRBUF_INIT;
  strbuf_append(&out, "");
  size_t i = 0, end = len;
  if (style != COMPOSE_STYLE_PLAIN && len >= 2) i = 1, end = len - 1;
  size_t kept = 0; /* output below this offset came from escapes: never trimmed */
  while (i < end) {
    char c = s[i];
    if (c == '\r' || c == '\n') {
      trim_trailing_blanks(&out, kept);
      size_t breaks = 0;
      while (i < end) {
        if (s[i] == '\r' && i + 1 < end && s[i + 1] == '\n') i++;
        if (s[i] != '\n' && s[i] != '\r') break;
        breaks++;
        i++;
        while (i < end && is_blank(s[i])) i++;
      }
      if (breaks == 1) strbuf_append_char(&out, ' ');
      else for (size_t k = 1; k < breaks; k++) strbuf_append_char(&out, '\n');
      continue;
    }
    if (style == COMPOSE_STYLE_SINGLE && c == '\'' && i + 1 < end && s[i + 1] == '\'') {
      strbuf_append_char(&out, '\'');
      i += 2;
      continue;
    }
    if (style == COMPOSE_STYLE_DOUBLE && c == '\\' && i + 1 < end) {
      i++;
      if (s[i] == '\n' || s[i] == '\r') {
        /* An escaped line break joins the lines with nothing between. */
        if (s[i] == '\r' && i + 1 < end && s[i + 1] == '\n') i++;
        i++;
        while (i < end && is_blank(s[i])) i++;
        kept = out.len;
        continue;
      }
      if (!decode_escape(s, end, &i, &out)) {
        strbuf_append_char(&out, '\\');
        strbuf_append_char(&out, s[i]);
        i++;
      }
      kept = out.len;
      continue;
    }
    strbuf_append_char(&out, c);
    i++;
  }
  if (style == COMPOSE_STYLE_PLAIN) trim_trailing_blanks(&out, 0);
  return strbuf_take(&out);
}

typedef struct {
  const char *s;
  size_t len;
} Line;

/* Block scalars (`|` literal, `>` folded) with their indentation and
 * chomping indicators. */
static char *decode_block(const char *s, size_t len, bool folded, size_t parent_indent) {
  size_t i = 1;
  size_t explicit_indent = 0;
  char chomp = 'c';
  for (; i < len && s[i] != '\n' && s[i] != '\r' && s[i] != ' ' && s[i] != '#'; i++) {
    if (s[i] >= '1' && s[i] <= '9') explicit_indent = (size_t)(s[i] - '0');
    else if (s[i] == '-' || s[i] == '+') chomp = s[i];
  }
  while (i < len && s[i] != '\n') i++; /* the rest of the header line (blanks, comment) */
  if (i < len) i++;
  Array(Line) lines;
  array_init(&lines);
  while (i < len) {
    size_t e = i;
    while (e < len && s[e] != '\n') e++;
    size_t l = e - i;
    if (l > 0 && s[i + l - 1] == '\r') l--;
    array_push(&lines, ((Line){s + i, l}));
    i = e + 1;
  }
  size_t indent = explicit_indent ? parent_indent + explicit_indent : 0;
  if (!indent) {
    for (size_t k = 0; k < lines.len && !indent; k++) {
      size_t n = 0;
      while (n < lines.items[k].len && lines.items[k].s[n] == ' ') n++;
      if (n < lines.items[k].len) indent = n;
    }
  }
  StrBuf out = STRBUF_INIT;
  strbuf_append(&out, "");
  size_t pending = 0;  /* empty lines not yet written */
  bool started = false, prev_more = false;
  for (size_t k = 0; k < lines.len; k++) {
    const Line *ln = &lines.items[k];
    size_t n = 0;
    while (n < ln->len && n < indent && ln->s[n] == ' ') n++;
    const char *body = ln->s + n;
    size_t blen = ln->len - n;
    bool empty = true;
    for (size_t c = 0; c < blen; c++) empty &= body[c] == ' ';
    if (empty && n >= ln->len) {
      pending++;
      continue;
    }
    bool more = blen > 0 && is_blank(body[0]);
    if (started) {
      if (folded && !more && !prev_more && pending == 0) strbuf_append_char(&out, ' ');
      else if (folded && !more && !prev_more) for (size_t p = 0; p < pending; p++) strbuf_append_char(&out, '\n');
      else for (size_t p = 0; p <= pending; p++) strbuf_append_char(&out, '\n');
    } else {
      for (size_t p = 0; p < pending; p++) strbuf_append_char(&out, '\n');
    }
    strbuf_append_n(&out, body, blen);
    pending = 0;
    started = true;
    prev_more = more;
  }
  if (started && chomp != '-') strbuf_append_char(&out, '\n');
  if (chomp == '+') for (size_t p = 0; p < pending; p++) strbuf_append_char(&out, '\n');
  array_delete(&lines);
  return strbuf_take(&out);
}

char *compose_scalar_decode(const char *src, size_t len, ComposeScalarStyle style, size_t indent) {
  if (style == COMPOSE_STYLE_LITERAL || style == COMPOSE_STYLE_FOLDED)
    return decode_block(src, len, style == COMPOSE_STYLE_FOLDED, indent);
  return decode_flow(src, len, style);
}

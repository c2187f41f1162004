/* Where a compose file's `services:` mapping may be cut into separately
 * parsed runs of services (syntax_internal.h says why it is cut at all).
 *
 * A cut is the start of a line that holds a service's key: the line is
 * indented exactly as the first service of the mapping, and holds a plain
 * name, a colon and a blank or the line's end, so that it is neither a
 * sequence item, a comment, an indicator, a key of another shape nor the
 * inside of a plain scalar that goes on over lines.  Whatever the text
 * cannot tell (a quoted or flow value that goes on over such a line, a
 * block scalar whose lines stop short), the parse does: a run that parses
 * with an error sends the document back to one tree (parse_yaml.c).  The
 * last line before a cut that is not blank must not end with a blank
 * (ends_without_blank says why).
 *
 * Cuts are a function of the text near them, not of the edit history, so
 * that an edited document and a fresh open of its text are cut alike: a
 * key line qualifies when a hash of its bytes has its low bits zero and it
 * lies far enough from the previous cut (content-defined chunking, as the
 * Dockerfile is cut in df_chunks.c). */
#include <string.h>

#include "dockls/base/hash.h"
#include "syntax_internal.h"

static YamlCutRule cut_rule = {YAML_CUT_MIN_BYTES, YAML_CUT_SPREAD};

YamlCutRule yaml_cut_rule_set(YamlCutRule rule) {
  YamlCutRule was = cut_rule;
  cut_rule = rule;
  return was;
}

static size_t line_end(const char *bytes, size_t len, size_t at) {
  const char *nl = memchr(bytes + at, '\n', len - at);
  return nl ? (size_t)(nl - bytes) + 1 : len;
}

static size_t indent_of(const char *bytes, size_t len, size_t at) {
  size_t k = 0;
  while (at + k < len && bytes[at + k] == ' ') k++;
  return k;
}

static bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.';
}

/* True when the text at `at` is a plain key made of name characters
 * (starting with a letter, digit or underscore), a colon, then a blank or
 * the end of the line: what a service's key line holds. */
static bool is_key_line(const char *bytes, size_t len, size_t at) {
  char first = bytes[at];
  if (!is_name_char(first) || first == '-' || first == '.') return false;
  size_t k = at;
  while (k < len && is_name_char(bytes[k])) k++;
  if (k >= len || bytes[k] != ':') return false;
  k++;
  return k >= len || bytes[k] == ' ' || bytes[k] == '\n' || bytes[k] == '\r';
}

/* True when the line at `at` holds the top-level key `services` and
 * nothing after its colon but blanks or a comment: a block mapping
 * follows, not a value on the same line. */
static bool is_services_line(const char *bytes, size_t len, size_t at) {
  static const char key[] = "services:";
  if (len - at < sizeof key - 1 || memcmp(bytes + at, key, sizeof key - 1) != 0) return false;
  size_t k = at + sizeof key - 1;
  while (k < len && (bytes[k] == ' ' || bytes[k] == '\r')) k++;
  return k >= len || bytes[k] == '\n' || (bytes[k] == '#' && bytes[k - 1] != ':');
}

/* What a line holds after its leading blanks: nothing, a comment, or
 * something else. */
typedef enum { LINE_BLANK, LINE_COMMENT, LINE_TEXT } LineKind;

static LineKind line_kind(const char *bytes, size_t len, size_t at) {
  size_t k = at;
  while (k < len && (bytes[k] == ' ' || bytes[k] == '\t' || bytes[k] == '\r')) k++;
  if (k >= len || bytes[k] == '\n') return LINE_BLANK;
  return bytes[k] == '#' ? LINE_COMMENT : LINE_TEXT;
}

/* True when the line's last character before its line break is not a
 * blank.  A run's range ends after its last line's text, and blanks after
 * it are left out: at the end of a range they would be taken into the last
 * node, which ends before them in one tree of the file, unless that node is
 * a comment, which takes them in both; the text cannot always tell a
 * comment, so no cut follows a line that ends with a blank. */
static bool ends_without_blank(const char *bytes, size_t len, size_t at) {
  size_t end = line_end(bytes, len, at);
  while (end > at && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) end--;
  return end > at && bytes[end - 1] != ' ' && bytes[end - 1] != '\t';
}

/* A document marker (`---`, `...`) starts a line: the file holds several
 * documents, or ends one early, and is not cut. */
static bool is_document_marker(const char *bytes, size_t len, size_t at) {
  return len - at >= 3 && (memcmp(bytes + at, "---", 3) == 0 || memcmp(bytes + at, "...", 3) == 0);
}

/* True when a line from `from` up to `to` starts with a document marker. */
static bool has_document_marker(const char *bytes, size_t len, size_t from, size_t to) {
  for (size_t at = from; at < to; at = line_end(bytes, len, at))
    if (is_document_marker(bytes, len, at)) return true;
  return false;
}

/* Scans the lines of the `services:` mapping from `at` (a line start on
 * `row`, after the mapping's first line) for cuts, appended to out->cuts,
 * `last` being the previous cut or the mapping's first line.  Stops at the
 * first line with text in the first column (out->services_end), or, when
 * `old` is given, at a cut at or after `settled` that is also one of the old
 * cuts (its index in *resumed, else SIZE_MAX): from a cut on, the cuts
 * depend only on the text after it.  False when a line's indentation holds
 * a tab (tree-sitter-yaml reads it as an error anyway). */
static bool scan_cuts(const char *bytes, size_t len, size_t at, uint32_t row, size_t indent, size_t last,
                      const YamlCuts *old, size_t settled, size_t *resumed, YamlCuts *out) {
  size_t o = 0;
  *resumed = SIZE_MAX;
  /* Whether the last line that is not blank ends with a blank (it starts
   * as the line at `last`). */
  bool clean = ends_without_blank(bytes, len, last);
  for (; at < len; at = line_end(bytes, len, at), row++) {
    LineKind kind = line_kind(bytes, len, at);
    if (kind == LINE_BLANK) continue;
    if (kind == LINE_COMMENT) {
      clean = ends_without_blank(bytes, len, at);
      continue;
    }
    size_t k = indent_of(bytes, len, at);
    if (bytes[at + k] == '\t') return false;
    if (k == 0) break;
    bool may_cut = clean && k == indent && is_key_line(bytes, len, at + k) && at - last >= cut_rule.min_bytes;
    clean = ends_without_blank(bytes, len, at);
    if (may_cut) {
      size_t end = line_end(bytes, len, at);
      if ((hash_fnv1a(HASH_FNV1A_BASIS, bytes + at, end - at) & (cut_rule.spread - 1)) == 0) {
        array_push(&out->cuts, ((YamlCut){(uint32_t)at, row}));
        last = at;
        if (old && at >= settled) {
          while (o < old->cuts.len && old->cuts.items[o].start < at) o++;
          if (o < old->cuts.len && old->cuts.items[o].start == at) {
            *resumed = o;
            return true;
          }
        }
      }
    }
  }
  out->services_end = (uint32_t)at;
  return true;
}

bool yaml_cuts_find(const char *bytes, size_t len, YamlCuts *out) {
  array_clear(&out->cuts);
  size_t at = 0, services = SIZE_MAX;
  uint32_t row = 0;
  for (; at < len && services == SIZE_MAX; at = line_end(bytes, len, at), row++) {
    if (is_document_marker(bytes, len, at)) return false;
    if (is_services_line(bytes, len, at)) services = at;
  }
  if (services == SIZE_MAX) return false;
  /* The mapping's first line sets the services' indentation. */
  while (at < len && line_kind(bytes, len, at) != LINE_TEXT) at = line_end(bytes, len, at), row++;
  size_t indent = at < len ? indent_of(bytes, len, at) : 0;
  if (indent == 0 || bytes[at + indent] == '\t') return false;
  size_t resumed;
  if (!scan_cuts(bytes, len, line_end(bytes, len, at), row + 1, indent, at, NULL, 0, &resumed, out)) return false;
  /* Everything after the mapping must be one document too.  The first
   * cut ends the skeleton's head and the last one starts its tail; only
   * the runs between them are trees of their own. */
  return !has_document_marker(bytes, len, out->services_end, len) && out->cuts.len >= 2;
}

static size_t line_start(const char *bytes, size_t at) {
  while (at > 0 && bytes[at - 1] != '\n') at--;
  return at;
}

bool yaml_cuts_update(const char *bytes, size_t len, const YamlCuts *old, size_t first, size_t settled,
                      YamlCuts *out) {
  size_t from = line_start(bytes, first), to = settled < len ? line_end(bytes, len, settled) : len;
  array_clear(&out->cuts);
  if (old->cuts.len >= 2 && first > old->services_end) {
    /* Only text after the mapping changed, and not the first character of
     * the line that ends it, which is still text in the first column: the
     * cuts stand, unless a document marker came. */
    if (has_document_marker(bytes, len, from, to)) return false;
    for (size_t i = 0; i < old->cuts.len; i++) array_push(&out->cuts, old->cuts.items[i]);
    out->services_end = old->services_end;
    return true;
  }
  /* Changed lines before the first cut may change which line is the
   * mapping's and how its services are indented: everything is found
   * again, as it is when the changed lines reach the line that ends the
   * mapping.  A mapping that goes on to the end of the text has no such
   * line: the scan below goes to the end and finds whether one came. */
  bool ends_text = old->services_end >= len;
  if (old->cuts.len < 2 || from <= old->cuts.items[0].start || (to >= old->services_end && !ends_text))
    return yaml_cuts_find(bytes, len, out);
  size_t j = 0;
  while (j + 1 < old->cuts.len && old->cuts.items[j + 1].start < from) j++;
  for (size_t i = 0; i <= j; i++) array_push(&out->cuts, old->cuts.items[i]);
  const YamlCut *cut = &old->cuts.items[j];
  size_t resumed;
  if (!scan_cuts(bytes, len, line_end(bytes, len, cut->start), cut->row + 1, indent_of(bytes, len, cut->start),
                 cut->start, old, to, &resumed, out))
    return false;
  if (resumed != SIZE_MAX) {
    for (size_t i = resumed + 1; i < old->cuts.len; i++) array_push(&out->cuts, old->cuts.items[i]);
    out->services_end = old->services_end;
    return true;
  }
  /* The mapping now ends elsewhere: what follows it is looked at again. */
  if (out->services_end != old->services_end) return yaml_cuts_find(bytes, len, out);
  return out->cuts.len >= 2;
}

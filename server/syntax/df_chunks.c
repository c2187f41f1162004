/* Where a Dockerfile may be cut into separately parsed chunks (see
 * syntax_internal.h for why it is cut at all).
 *
 * A boundary must be a place where parsing the text after it alone gives
 * the nodes that parsing the whole file gives there.  At the start of a
 * top-level instruction the Dockerfile parser is in the same state
 * whatever came before, except in three cases, and the rules below keep
 * out of each:
 *   - a line continuation: the line before is part of the same
 *     instruction.  A boundary's previous line that holds anything but
 *     blanks and comments must not end with the escape character, and for
 *     safety neither may any comment line in between;
 *   - an open heredoc: its body goes on until its terminator.  The text
 *     alone cannot tell a body line from an instruction, so the parse
 *     decides: a chunk whose last node holds an error, or opens more
 *     heredocs than it closes, is joined to the next chunk (parse.c);
 *   - an escape directive, which changes how every later line is read: a
 *     file whose leading comment lines mention `escape` is one chunk.
 * A boundary is also a function of the text near it only, not of the edit
 * history, so that an edited document and a fresh open of its text are
 * cut alike: a line qualifies when a hash of its own bytes has its low
 * bits zero and it lies far enough from the previous boundary, the rule of
 * content-defined chunking, which resynchronises with the old boundaries
 * soon after an edit. */
#include "syntax_internal.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "dockls/base/hash.h"

static const char *const df_keywords[] = {
    "ADD",   "ARG",  "CMD",     "COPY",    "ENTRYPOINT", "ENV",        "EXPOSE", "FROM",        "HEALTHCHECK",
    "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL",    "STOPSIGNAL", "USER",   "VOLUME",      "WORKDIR",
};

static bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* True when the line at `at` starts, in its first column, with an
 * instruction keyword followed by a blank. */
static bool starts_with_keyword(const char *bytes, size_t len, size_t at) {
  size_t n = 0;
  while (at + n < len && n < 12 && is_letter(bytes[at + n])) n++;
  if (n < 2 || at + n >= len || (bytes[at + n] != ' ' && bytes[at + n] != '\t')) return false;
  for (size_t k = 0; k < sizeof df_keywords / sizeof *df_keywords; k++)
    if (strlen(df_keywords[k]) == n && strncasecmp(df_keywords[k], bytes + at, n) == 0) return true;
  return false;
}

/* The line [start, end) without its line break and trailing blanks ends
 * with a backslash. */
static bool ends_with_escape(const char *bytes, size_t start, size_t end) {
  while (end > start && (bytes[end - 1] == ' ' || bytes[end - 1] == '\t' || bytes[end - 1] == '\r')) end--;
  return end > start && bytes[end - 1] == '\\';
}

/* True when nothing before the line at `at` (back to the last line with an
 * instruction's text, which is at or after `floor`) continues onto it. */
static bool nothing_continues_to(const char *bytes, size_t at, size_t floor) {
  size_t end = at - 1; /* the line break ending the previous line */
  while (end > floor) {
    size_t start = end;
    while (start > 0 && bytes[start - 1] != '\n') start--;
    if (ends_with_escape(bytes, start, end)) return false;
    size_t first = start;
    while (first < end && (bytes[first] == ' ' || bytes[first] == '\t' || bytes[first] == '\r')) first++;
    if (first < end && bytes[first] != '#') return true; /* the instruction's last line */
    if (start == 0) return true;
    end = start - 1;
  }
  return true;
}

size_t df_chunk_next(const char *bytes, size_t len, size_t from, uint32_t *rows) {
  uint32_t newlines = 0;
  size_t at = from;
  for (;;) {
    const char *nl = at < len ? memchr(bytes + at, '\n', len - at) : NULL;
    if (!nl) break;
    newlines++;
    size_t line = (size_t)(nl - bytes) + 1;
    at = line;
    if (line - from < DF_CHUNK_MIN_BYTES || line >= len || !is_letter(bytes[line])) continue;
    const char *end = memchr(bytes + line, '\n', len - line);
    size_t line_end = end ? (size_t)(end - bytes) : len;
    /* Any hash of the line's bytes spreads the boundaries. */
    if ((hash_fnv1a(HASH_FNV1A_BASIS, bytes + line, line_end - line) & (DF_CHUNK_SPREAD - 1)) != 0) continue;
    if (!starts_with_keyword(bytes, len, line) || !nothing_continues_to(bytes, line, from)) continue;
    *rows = newlines;
    return line;
  }
  *rows = newlines;
  return len;
}

bool df_chunks_allowed(const char *bytes, size_t len) {
  /* The directives sit in the comment lines above the first instruction;
   * any mention of `escape` there, even one the builder would not take for
   * a directive, keeps the file whole. */
  size_t at = 0;
  while (at < len) {
    const char *nl = memchr(bytes + at, '\n', len - at);
    size_t end = nl ? (size_t)(nl - bytes) : len;
    size_t first = at;
    while (first < end && (bytes[first] == ' ' || bytes[first] == '\t' || bytes[first] == '\r' ||
                           (unsigned char)bytes[first] >= 0x80))
      first++;
    if (first < end && bytes[first] != '#') return true;
    for (size_t i = first; i + 6 <= end; i++)
      if (strncasecmp(bytes + i, "escape", 6) == 0) return false;
    at = end + 1;
  }
  return true;
}

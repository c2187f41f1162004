/* Formatting a Dockerfile: instruction keywords upper-cased, one space
 * after the keyword, continuation lines indented by four spaces, one-line
 * JSON arrays written `["a", "b"]`.  Heredoc bodies and comments are never
 * touched, and neither is anything whose whitespace Docker would keep: a
 * continuation inside a quoted string, or one that joins two halves of a
 * word.  The result parses to the same tree (modulo whitespace and keyword
 * case) and formatting it again changes nothing.  Compose files are not
 * formatted (see docs/lsp.md for why). */
#ifndef DOCKLS_ANALYSIS_FORMAT_H_
#define DOCKLS_ANALYSIS_FORMAT_H_

#include <stddef.h>

#include "dockls/base/array.h"
#include "dockls/workspace/workspace.h"

/* Replace bytes [start, end) of the document with `text` (owned).  Edits
 * are sorted and never overlap. */
typedef struct {
  size_t start, end;
  char *text;
} FormatEdit;
typedef Array(FormatEdit) FormatEditArray;

/* The edits that format every instruction overlapping [start, end)
 * (0, SIZE_MAX: the whole document).  Nothing for other file kinds. */
void analysis_format(Workspace *ws, FileId id, size_t start, size_t end, FormatEditArray *out);

/* On-type formatting after a newline typed at `offset`: when the line
 * before ends with the escape character, the new line gets the
 * continuation indent, and that instruction is formatted. */
void analysis_format_on_type(Workspace *ws, FileId id, size_t offset, FormatEditArray *out);

void analysis_format_edits_free(FormatEditArray *edits);

#endif

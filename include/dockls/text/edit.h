/* Applying edits to a TextDoc: the ordered changes of an LSP didChange, and
 * the non-overlapping replacement sets of quick-fixes.  Both report the
 * ByteEdits that the parser needs to reuse the old tree, and both are
 * atomic: on failure the document is exactly as it was. */
#ifndef DOCKLS_TEXT_EDIT_H_
#define DOCKLS_TEXT_EDIT_H_

#include "dockls/text/text.h"

/* One edit in the form tree-sitter's ts_tree_edit wants, in the coordinates
 * of the document as it was just before this edit. */
typedef struct {
  size_t start_byte, old_end_byte, new_end_byte;
  TextPoint start_point, old_end_point, new_end_point;
} ByteEdit;
typedef Array(ByteEdit) ByteEditArray;

/* How a text differs from an earlier one: its first `prefix` bytes and
 * its last `suffix` bytes are the same as there (the earlier text was
 * `old_len` bytes long); everything between may differ. */
typedef struct {
  size_t prefix, suffix, old_len;
} TextDelta;

/* Narrows *delta by edits just applied in order (each in the coordinates
 * of the text just before it) to a text that was `len_before` bytes long:
 * the unchanged start ends at the first edited byte, the unchanged end
 * begins after the last. */
void text_delta_narrow(TextDelta *delta, size_t len_before, const ByteEditArray *edits);

/* One change of an LSP didChange: a full replacement (full = true), or the
 * range [start, end) in positions of the document as left by the previous
 * change.  The text is borrowed. */
typedef struct {
  bool full;
  TextPos start, end;
  const char *text;
  size_t len;
} TextChange;

/* Applies changes in order.  On success appends one ByteEdit per change to
 * *out and returns true.  On failure the document is unchanged, nothing is
 * appended, and *err (caller owns) names the change index and the reason. */
bool text_apply_changes(TextDoc *doc, const TextChange *changes, size_t count, PosEncoding enc,
                        ByteEditArray *out, char **err);

/* A replacement of bytes [start, end) of the original document.  The text
 * is borrowed. */
typedef struct {
  size_t start, end;
  const char *text;
} TextReplacement;

/* Applies a set of replacements given in the original document's offsets.
 * They are sorted by position first; two that overlap (or two insertions at
 * one offset, whose order would be ambiguous) make the whole set fail with
 * *err (caller owns) and leave the document unchanged.  ByteEdits are
 * appended in application order (last replacement first), which keeps each
 * one valid in the coordinates tree-sitter sees at that moment. */
bool text_apply_replacements(TextDoc *doc, TextReplacement *repls, size_t count,
                             ByteEditArray *out, char **err);

/* Replaces bytes [start, end) (already validated) and describes the edit. */
void text_replace(TextDoc *doc, size_t start, size_t end, const char *text, size_t len,
                  ByteEdit *edit);

#endif

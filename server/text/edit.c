/* Edit application shared by didChange, quick-fixes, fix-all and
 * `check --fix`.  Atomicity comes from working on a copy whenever more
 * than one step is involved: the copy replaces the document only when
 * every step succeeded, so a bad range in the third change of a didChange
 * cannot leave the first two applied. */
#include "dockls/text/edit.h"

#include <stdlib.h>
#include <string.h>

#include "dockls/base/strbuf.h"
#include "text_internal.h"

/* The point after `text` inserted at `start`: it follows from the start
 * point and the inserted text, so counting it directly avoids a lookup
 * through the index. */
static TextPoint text_point_after(TextPoint start, const char *text, size_t len) {
  TextPoint p = start;
  for (size_t i = 0; i < len; i++) {
    if (text[i] == '\n') {
      p.row++;
      p.column = 0;
    } else {
      p.column++;
    }
  }
  return p;
}

void text_replace(TextDoc *doc, size_t start, size_t end, const char *text, size_t len,
                  ByteEdit *edit) {
  edit->start_byte = start;
  edit->old_end_byte = end;
  edit->new_end_byte = start + len;
  edit->start_point = text_point_of(doc, start);
  edit->old_end_point = text_point_of(doc, end);

  size_t new_len = doc->len - (end - start) + len;
  if (new_len > doc->len) doc->bytes = xrealloc(doc->bytes, new_len + 1);
  memmove(doc->bytes + start + len, doc->bytes + end, doc->len - end + 1);
  if (len) memcpy(doc->bytes + start, text, len);
  if (new_len < doc->len) doc->bytes = xrealloc(doc->bytes, new_len + 1);
  doc->len = new_len;
  text__reindex_edit(doc, start, end, len);
  edit->new_end_point = text_point_after(edit->start_point, text, len);
}

static bool text_change_range(const TextDoc *doc, const TextChange *c, PosEncoding enc,
                              size_t *start, size_t *end, char **err) {
  if (c->full) {
    *start = 0;
    *end = doc->len;
    return true;
  }
  char *why = NULL;
  if (!text_offset_of(doc, c->start, enc, start, &why) || !text_offset_of(doc, c->end, enc, end, &why)) {
    *err = why;
    return false;
  }
  if (*start > *end) {
    *err = xstrdup("range start is after range end");
    return false;
  }
  return true;
}

static char *text_change_error(size_t index, size_t count, char *why) {
  StrBuf msg = STRBUF_INIT;
  if (count > 1) strbuf_appendf(&msg, "change %zu of %zu: ", index + 1, count);
  strbuf_append(&msg, why);
  xfree(why);
  return strbuf_take(&msg);
}

bool text_apply_changes(TextDoc *doc, const TextChange *changes, size_t count, PosEncoding enc,
                        ByteEditArray *out, char **err) {
  if (count == 1) {
    size_t start, end;
    char *why = NULL;
    if (!text_change_range(doc, &changes[0], enc, &start, &end, &why)) {
      *err = text_change_error(0, 1, why);
      return false;
    }
    ByteEdit e;
    text_replace(doc, start, end, changes[0].text, changes[0].len, &e);
    array_push(out, e);
    return true;
  }
  TextDoc work;
  text_copy(&work, doc);
  size_t first_out = out->len;
  for (size_t i = 0; i < count; i++) {
    size_t start, end;
    char *why = NULL;
    if (!text_change_range(&work, &changes[i], enc, &start, &end, &why)) {
      *err = text_change_error(i, count, why);
      out->len = first_out;
      text_destroy(&work);
      return false;
    }
    ByteEdit e;
    text_replace(&work, start, end, changes[i].text, changes[i].len, &e);
    array_push(out, e);
  }
  text_destroy(doc);
  *doc = work;
  return true;
}

static int text_compare_replacements(const void *a, const void *b) {
  const TextReplacement *x = a, *y = b;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  if (x->end != y->end) return x->end < y->end ? -1 : 1;
  return 0;
}

bool text_apply_replacements(TextDoc *doc, TextReplacement *repls, size_t count,
                             ByteEditArray *out, char **err) {
  if (count > 1) qsort(repls, count, sizeof *repls, text_compare_replacements);
  for (size_t i = 0; i < count; i++) {
    if (repls[i].start > repls[i].end || repls[i].end > doc->len) {
      StrBuf msg = STRBUF_INIT;
      strbuf_appendf(&msg, "replacement [%zu, %zu) is outside the document of %zu bytes",
                     repls[i].start, repls[i].end, doc->len);
      *err = strbuf_take(&msg);
      return false;
    }
    /* Ranges may touch but not overlap.  Two insertions at one offset are
     * refused too: the sort does not keep their order, so the result
     * would be ambiguous.  An insertion at the start of a replaced range
     * is fine: it lands before the replacement text. */
    bool both_insert_here = i > 0 && repls[i].start == repls[i].end &&
                            repls[i - 1].start == repls[i - 1].end &&
                            repls[i].start == repls[i - 1].start;
    if (i > 0 && (repls[i].start < repls[i - 1].end || both_insert_here)) {
      StrBuf msg = STRBUF_INIT;
      strbuf_appendf(&msg, "replacements at bytes %zu and %zu overlap", repls[i - 1].start,
                     repls[i].start);
      *err = strbuf_take(&msg);
      return false;
    }
  }
  /* Validation above means nothing below can fail.  The edits are reported
   * from the last replacement to the first, so that each is in the
   * coordinates of the text it applies to; as the text before a
   * replacement is the original one then, every edit is computed on the
   * original text, and the new text is assembled in one pass and indexed
   * once.  Applying the replacements one at a time moved the rest of the
   * document and indexed it again for each: quadratic in a fix-all round
   * of hundreds of fixes. */
  if (count == 0) return true;
  size_t new_len = doc->len;
  for (size_t i = count; i-- > 0;) {
    size_t len = strlen(repls[i].text);
    ByteEdit e = {repls[i].start, repls[i].end, repls[i].start + len, text_point_of(doc, repls[i].start),
                  text_point_of(doc, repls[i].end), {0, 0}};
    e.new_end_point = text_point_after(e.start_point, repls[i].text, len);
    array_push(out, e);
    new_len = new_len - (repls[i].end - repls[i].start) + len;
  }
  char *bytes = xmalloc(new_len + 1), *at = bytes;
  size_t kept = 0; /* the original bytes before `kept` are copied */
  for (size_t i = 0; i < count; i++) {
    size_t len = strlen(repls[i].text);
    memcpy(at, doc->bytes + kept, repls[i].start - kept);
    at += repls[i].start - kept;
    memcpy(at, repls[i].text, len);
    at += len;
    kept = repls[i].end;
  }
  memcpy(at, doc->bytes + kept, doc->len - kept + 1); /* with the terminating NUL */
  xfree(doc->bytes);
  doc->bytes = bytes;
  doc->len = new_len;
  text__reindex(doc);
  return true;
}

void text_delta_narrow(TextDelta *delta, size_t len_before, const ByteEditArray *edits) {
  size_t len = len_before;
  for (size_t i = 0; i < edits->len; i++) {
    const ByteEdit *e = &edits->items[i];
    if (e->start_byte < delta->prefix) delta->prefix = e->start_byte;
    if (len - e->old_end_byte < delta->suffix) delta->suffix = len - e->old_end_byte;
    len = len - e->old_end_byte + e->new_end_byte;
  }
}

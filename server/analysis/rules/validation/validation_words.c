/* Splitting an instruction's arguments into words the way the builder's
 * line parser does, for the rules that count or read them. */
#include "validation_rules.h"

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

size_t validation__split_words(const RuleCtx *ctx, char escape, size_t from, size_t to, ValidationWord *out,
                               size_t max) {
  const char *t = ctx->text->bytes;
  size_t n = 0;
  for (size_t i = from; i < to;) {
    bool blank = is_blank(t[i]);
    if (t[i] == escape) { /* an escaped line break joins two lines with a blank */
      size_t j = i + 1;
      while (j < to && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r')) j++;
      blank = j >= to || t[j] == '\n';
    }
    if (blank) {
      i++;
      continue;
    }
    size_t start = i;
    while (i < to && !is_blank(t[i])) i++;
    if (n < max) out[n] = (ValidationWord){start, i};
    n++;
  }
  return n;
}

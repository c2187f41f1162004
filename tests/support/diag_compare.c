/* See diag_compare.h. */
#include "diag_compare.h"

#include <string.h>

static bool related_equal(const Diag *a, const Diag *b) {
  if (a->related.len != b->related.len) return false;
  for (size_t i = 0; i < a->related.len; i++) {
    const Related *x = &a->related.items[i], *y = &b->related.items[i];
    if (x->file != y->file || x->start != y->start || x->end != y->end || strcmp(x->message, y->message))
      return false;
  }
  return true;
}

bool test_same_diagnostics(const DiagList *eager, const DiagList *lazy, const char *where, StrBuf *why) {
  if (eager->len != lazy->len) {
    strbuf_appendf(why, "%s: %zu diagnostics with fixes, %zu without\n", where, eager->len, lazy->len);
    return false;
  }
  for (size_t i = 0; i < eager->len; i++) {
    const Diag *a = &eager->items[i], *b = &lazy->items[i];
    if (b->fixes.len) {
      strbuf_appendf(why, "%s: %s at bytes %zu-%zu has %zu fixes in an analysis without fixes\n", where,
                     rule_info(b->rule)->id, b->start, b->end, b->fixes.len);
      return false;
    }
    if (a->rule != b->rule || a->severity != b->severity || a->file != b->file || a->start != b->start ||
        a->end != b->end || strcmp(a->message, b->message) || !related_equal(a, b)) {
      strbuf_appendf(why, "%s: diagnostic %zu differs: %s at %zu-%zu (%s) with fixes, %s at %zu-%zu (%s) without\n",
                     where, i, rule_info(a->rule)->id, a->start, a->end, a->message, rule_info(b->rule)->id,
                     b->start, b->end, b->message);
      return false;
    }
  }
  return true;
}

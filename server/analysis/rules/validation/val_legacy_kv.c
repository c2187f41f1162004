/* legacy-key-value: `ENV key value` and `LABEL key value`, the form
 * without `=`.  The whole rest of the line becomes the value, so a second
 * pair written after it silently joins the first value; BuildKit warns
 * (LegacyKeyValueFormat) that the form is deprecated. */
#include <string.h>

#include "dockls/base/strbuf.h"
#include "validation_rules.h"

/* Whether a pair node has no `=` token (a missing one, as in `ENV FOO`,
 * is kv-syntax's finding, not a legacy pair). */
static bool lk_legacy(TSNode pair) {
  bool equals = false;
  TSTreeCursor cursor = ts_tree_cursor_new(pair);
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more && !equals; more = ts_tree_cursor_goto_next_sibling(&cursor))
    equals = strcmp(ts_node_type(ts_tree_cursor_current_node(&cursor)), "=") == 0;
  ts_tree_cursor_delete(&cursor);
  return !equals;
}

/* How the value can be written after `=` so that the builder reads the
 * same value: as it is when the builder's word splitter keeps it one word
 * (quotes and escapes then mean what they meant), in double quotes when
 * it only has plain text and spaces; NULL when neither holds (spaces next
 * to quotes or escapes) or it runs over several lines. */
static char *lk_value_text(const char *v, size_t n, char escape) {
  if (memchr(v, '\n', n)) return NULL;
  bool special = false, blank = false;
  char quote = 0;
  for (size_t i = 0; i < n; i++) {
    char c = v[i];
    if (c == '"' || c == '\'' || c == escape) special = true;
    if (quote) {
      if (c == quote) quote = 0;
      else if (c == escape && quote == '"') i++;
    } else if (c == escape) {
      i++;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == ' ' || c == '\t') {
      blank = true;
    }
  }
  if (quote) return NULL; /* an unclosed quote: kv-syntax's finding */
  if (!blank) return xstrndup(v, n);
  if (special) return NULL;
  StrBuf out = STRBUF_INIT;
  strbuf_appendf(&out, "\"%.*s\"", (int)n, v);
  return strbuf_take(&out);
}

static void lk_visit(RuleCtx *ctx, TSNode node, DfKind kind, bool error, void *data) {
  if (error || (kind != DF_ENV && kind != DF_LABEL)) return;
  char escape = *(const char *)data;
  const char *t = ctx->text->bytes;
  /* A legacy pair takes the rest of the line, so it can only be the
   * first pair: an instruction whose first pair has `=` has none. */
  TSNode first = ts_node_named_child(node, 0);
  if (ts_node_is_null(first) || !lk_legacy(first)) return;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more; more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode pair = ts_tree_cursor_current_node(&cursor);
    TSNode key = ts_node_child_by_field_name(pair, "key", 3);
    TSNode value = ts_node_child_by_field_name(pair, "value", 5);
    if (ts_node_is_null(key) || ts_node_is_null(value) || !lk_legacy(pair)) continue;
    size_t ks = ts_node_start_byte(key), ke = ts_node_end_byte(key);
    size_t vs = ts_node_start_byte(value), ve = ts_node_end_byte(value);
    const char *name = dockerfile_kind_name(kind);
    Diag *d = diag_add(ctx->out, RULE_LEGACY_KEY_VALUE, ctx->file, ks, ve,
                       "`%s %.*s …` without `=` is the legacy form: the whole rest of the line becomes the value of "
                       "`%.*s`, and the builder warns it is deprecated; write `%.*s=value`",
                       name, (int)(ke - ks), t + ks, (int)(ke - ks), t + ks, (int)(ke - ks), t + ks);
    char *written = lk_value_text(t + vs, ve - vs, escape);
    if (written) {
      StrBuf text = STRBUF_INIT;
      strbuf_appendf(&text, "=%s", written);
      Fix *fix = rules__add_fix(ctx, d, "Write the pair as key=value", true);
      fix_add_edit(fix, ctx->file, ke, ve, strbuf_cstr(&text));
      strbuf_destroy(&text);
      xfree(written);
    }
  }
  ts_tree_cursor_delete(&cursor);
}

void val__legacy_key_value(RuleCtx *ctx) {
  char escape = ctx->model->escape;
  val__visit_instruction(ctx, lk_visit, &escape);
}

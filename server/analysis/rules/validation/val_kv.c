/* kv-syntax: ENV, LABEL and ARG pairs the builder refuses.  The grammar
 * already marks most of them (a missing `=` node, an ERROR where a key
 * should be); this rule says what Docker will do instead of "syntax
 * error".  Unterminated quotes parse as values and are found here by
 * reading the value the way the builder's word lexer does. */
#include <string.h>

#include "validation_rules.h"

static const char *kv_name(DfKind kind) {
  return kind == DF_ENV ? "ENV" : kind == DF_LABEL ? "LABEL" : "ARG";
}

/* The index of a quote in v[0, n) that is never closed, or n.  Inside
 * single quotes nothing is special; inside double quotes and outside
 * quotes the escape character protects the next byte (a line break
 * included, which is how a quoted value continues on the next line). */
static size_t kv_unclosed_quote(const char *v, size_t n, char escape) {
  char quote = 0;
  size_t open = n;
  for (size_t i = 0; i < n; i++) {
    char c = v[i];
    if (quote == '\'') {
      if (c == '\'') quote = 0;
    } else if (c == escape) {
      i++;
    } else if (quote == '"') {
      if (c == '"') quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
      open = i;
    }
  }
  return quote ? open : n;
}

static bool kv_is_missing_equals(TSNode pair) {
  TSTreeCursor cursor = ts_tree_cursor_new(pair);
  bool missing = false;
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more && !missing; more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode c = ts_tree_cursor_current_node(&cursor);
    missing = ts_node_is_missing(c) && strcmp(ts_node_type(c), "=") == 0;
  }
  ts_tree_cursor_delete(&cursor);
  return missing;
}

/* A word that starts with `=` where a pair should start: a pair with no
 * name (`ENV =v`, `ARG =x`).  `at` is where the word starts. */
static void kv_empty_key(RuleCtx *ctx, DfKind kind, size_t at) {
  const char *t = ctx->text->bytes;
  size_t end = at;
  while (end < ctx->text->len && t[end] != ' ' && t[end] != '\t' && t[end] != '\n' && t[end] != '\r') end++;
  diag_add(ctx->out, RULE_KV_SYNTAX, ctx->file, at, end,
           "`%.*s` has no name before `=`: Docker stops the build (%s takes `name=value` pairs)",
           (int)(end - at), t + at, kv_name(kind));
}

static void kv_pair(RuleCtx *ctx, DfKind kind, TSNode pair, size_t index, char escape) {
  TSNode key = ts_node_child_by_field_name(pair, "key", 3);
  if (ts_node_is_null(key)) return;
  size_t ks = ts_node_start_byte(key), ke = ts_node_end_byte(key);
  const char *t = ctx->text->bytes;
  if (kind != DF_ARG && kv_is_missing_equals(pair)) {
    if (index == 0)
      diag_add(ctx->out, RULE_KV_SYNTAX, ctx->file, ks, ke,
               "`%.*s` has no value: Docker stops the build (%s needs `%.*s=value`)", (int)(ke - ks), t + ks,
               kv_name(kind), (int)(ke - ks), t + ks);
    else
      diag_add(ctx->out, RULE_KV_SYNTAX, ctx->file, ks, ke,
               "`%.*s` has no `=`: Docker stops the build (after a `name=value` pair, every pair of %s "
               "needs `=`)", (int)(ke - ks), t + ks, kv_name(kind));
    return;
  }
  TSNode value = ts_node_child_by_field_name(pair, "value", 5);
  if (ts_node_is_null(value)) return;
  size_t vs = ts_node_start_byte(value), ve = ts_node_end_byte(value);
  size_t open = kv_unclosed_quote(t + vs, ve - vs, escape);
  if (open == ve - vs) return;
  char q = t[vs + open];
  diag_add(ctx->out, RULE_KV_SYNTAX, ctx->file, vs + open, ve,
           "this %s quote is never closed: Docker stops the build (unexpected end of statement while looking "
           "for matching %s-quote)", q == '"' ? "double" : "single", q == '"' ? "double" : "single");
}

/* ERROR nodes: inside a pair instruction (`ENV A=1 =2`) one that starts
 * with `=`; at the top, one the parser made of `ENV =v` lines, whose
 * children are the keywords with the rest of their lines. */
static void kv_error(RuleCtx *ctx, TSNode error, DfKind kind, bool top) {
  const char *t = ctx->text->bytes;
  if (!top) {
    size_t at = ts_node_start_byte(error);
    if (t[at] == '=') kv_empty_key(ctx, kind, at);
    return;
  }
  TSTreeCursor cursor = ts_tree_cursor_new(error);
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more; more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode c = ts_tree_cursor_current_node(&cursor);
    if (ts_node_is_named(c)) continue;
    size_t s = ts_node_start_byte(c), e = ts_node_end_byte(c);
    DfKind k = dockerfile_kind_of_keyword(t + s, e - s);
    if (k != DF_ENV && k != DF_LABEL && k != DF_ARG) continue;
    while (e < ctx->text->len && (t[e] == ' ' || t[e] == '\t')) e++;
    if (e < ctx->text->len && t[e] == '=') kv_empty_key(ctx, k, e);
  }
  ts_tree_cursor_delete(&cursor);
}

static void kv_visit(RuleCtx *ctx, TSNode node, DfKind kind, bool error, void *data) {
  const char *escape = data;
  if (error) {
    kv_error(ctx, node, kind, true);
    return;
  }
  if (kind != DF_ENV && kind != DF_LABEL && kind != DF_ARG) return;
  /* Every finding is either where the parser marked an error or in a
   * value holding a quote: most pair instructions have neither. */
  size_t start = ts_node_start_byte(node), len = ts_node_end_byte(node) - start;
  const char *t = ctx->text->bytes + start;
  if (!ts_node_has_error(node) && !memchr(t, '"', len) && !memchr(t, '\'', len)) return;
  size_t index = 0;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more; more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode c = ts_tree_cursor_current_node(&cursor);
    if (ts_node_symbol(c) == (TSSymbol)-1) {
      kv_error(ctx, c, kind, false);
    } else if (ts_node_is_named(c) && !val__is_gap_node(c)) {
      kv_pair(ctx, kind, c, index++, *escape);
    }
  }
  ts_tree_cursor_delete(&cursor);
}

void val__kv_syntax(RuleCtx *ctx) {
  char escape = ctx->model->escape;
  val__visit_instruction(ctx, kv_visit, &escape);
}

void val__kv_syntax_errors(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  char escape = m ? m->escape : '\\';
  val__each_error(ctx, kv_visit, &escape);
}

/* from-arg-undeclared: a variable in a FROM line (its base or its
 * --platform) that no ARG before the first FROM declares.  FROM sees the
 * global ARGs only, so the variable expands to nothing there, silently:
 * `FROM node:${NODE_VERSION}` with NODE_VERSION declared inside a stage
 * pulls `node:`, or fails. */
#include <string.h>

#include "validation_rules.h"

static bool fa_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Whether an ARG inside some stage declares name[0, len). */
static bool fa_stage_arg(const DockerfileModel *m, const char *name, size_t len) {
  for (size_t i = 0; i < m->instrs.len; i++) {
    const DfInstr *in = &m->instrs.items[i];
    for (size_t p = 0; in->stage >= 0 && in->kind == DF_ARG && p < df_pairs(in)->len; p++)
      if (strlen(df_pairs(in)->items[p].key.text) == len && strncmp(df_pairs(in)->items[p].key.text, name, len) == 0)
        return true;
  }
  return false;
}

static void fa_report(RuleCtx *ctx, const DockerfileModel *m, size_t start, size_t end) {
  const char *name = ctx->text->bytes + start;
  int len = (int)(end - start);
  Array(const char *) globals;
  array_init(&globals);
  for (size_t i = 0; i < m->instrs.len && m->instrs.items[i].stage < 0; i++)
    for (size_t p = 0; m->instrs.items[i].kind == DF_ARG && p < df_pairs(&m->instrs.items[i])->len; p++)
      array_push(&globals, df_pairs(&m->instrs.items[i])->items[p].key.text);
  char *word = xstrndup(name, end - start);
  const char *close = val__close_name(word, globals.items, globals.len);
  xfree(word);
  bool in_stage = fa_stage_arg(m, name, end - start);
  Diag *d = diag_add(ctx->out, RULE_FROM_ARG_UNDECLARED, ctx->file, start, end,
                     "`%.*s` is declared by no ARG before the first FROM, so it expands to nothing here "
                     "(FROM sees only the global ARGs)%s%s%s",
                     len, name, close ? "; did you mean `" : in_stage ? "; its ARG is inside a stage" : "",
                     close ? close : "", close ? "`?" : "");
  if (close) {
    Fix *fix = rules__add_fix(ctx, d, "Use the global ARG of the close name", true);
    fix_add_edit(fix, ctx->file, start, end, close);
  } else if (in_stage && m->stages.len) {
    /* Not preferred: the ARG then exists for FROM, but without a default
     * it is still empty unless the build passes a value. */
    StrBuf line = STRBUF_INIT;
    strbuf_appendf(&line, "ARG %.*s", len, name);
    Fix *fix = rules__add_fix(ctx, d, "Declare the ARG before the first FROM", false);
    rules__insert_line_before(fix, ctx->file, ctx->text, m->instrs.items[m->stages.items[0].from_instr].start,
                              strbuf_cstr(&line));
    strbuf_destroy(&line);
  }
  array_delete(&globals);
}

/* Each $NAME and ${NAME…} of text[start, end) that is unescaped. */
static void fa_scan(RuleCtx *ctx, const DockerfileModel *m, size_t start, size_t end) {
  const char *t = ctx->text->bytes;
  for (size_t i = start; i < end; i++) {
    if (t[i] == m->escape) {
      i++;
      continue;
    }
    if (t[i] != '$') continue;
    bool braced = i + 1 < end && t[i + 1] == '{';
    size_t name = i + 1 + braced, ne = name;
    while (ne < end && fa_name_char(t[ne])) ne++;
    if (ne == name) continue;
    i = ne - 1;
    if (val__predefined_arg(t + name, ne - name) || val__global_arg(m, t + name, ne - name)) continue;
    if (braced && ne < end && (t[ne] == '-' || (t[ne] == ':' && ne + 1 < end && t[ne + 1] == '-'))) {
      size_t w = t[ne] == '-' ? ne + 1 : ne + 2;
      if (w < end && t[w] != '}') continue; /* a non-empty default word: the author planned for it */
    }
    fa_report(ctx, m, name, ne);
  }
}

static void fa_visit(RuleCtx *ctx, TSNode node, DfKind kind, bool error, void *data) {
  const DockerfileModel *m = *(const DockerfileModel **)data;
  if (error || kind != DF_FROM) return;
  /* The flags and the base: everything before `AS`. */
  size_t start = ts_node_end_byte(ts_node_child(node, 0)), end = ts_node_end_byte(node);
  TSNode alias = ts_node_child_by_field_name(node, "alias", 5);
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more; more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode c = ts_tree_cursor_current_node(&cursor);
    if (!ts_node_is_null(alias) && !ts_node_is_named(c) && ts_node_start_byte(c) < ts_node_start_byte(alias) &&
        ts_node_end_byte(c) > start && strcmp(ts_node_type(c), "AS") == 0)
      end = ts_node_start_byte(c);
  }
  ts_tree_cursor_delete(&cursor);
  fa_scan(ctx, m, start, end);
}

void val__from_arg_undeclared(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  /* Only a `$` can be at fault: the other FROM lines need no node. */
  if (m) val__each_of_kind(ctx, m, DF_FROM, "$", fa_visit, &m);
}

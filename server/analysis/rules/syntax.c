/* syntax-error: one diagnostic per error region of the parse tree, plus
 * libyaml's verdict for YAML.  The walk descends only into nodes that
 * contain an error and stops at an ERROR node, so a damaged region is
 * reported once however many bytes it spans.  For YAML, libyaml's first
 * error takes the place of tree-sitter's regions up to the end of its
 * line. */
#include <ctype.h>
#include <string.h>
#include <tree_sitter/api.h>

#include "dockls/base/strbuf.h"
#include "dockls/model/dockerfile.h"
#include "dockls/syntax/yaml_chunks.h"
#include "internal.h"

/* A short, single-line excerpt of the text at [start, end) for messages. */
static void syntax_excerpt(const TextDoc *text, size_t start, size_t end, StrBuf *out) {
  size_t n = 0;
  for (size_t i = start; i < end && n < 40; i++, n++) {
    char c = text->bytes[i];
    if (c == '\n' || c == '\r') break;
    strbuf_append_char(out, c);
  }
  /* Do not cut a UTF-8 sequence in half at the 40-byte mark. */
  while (out->len > 0 && ((unsigned char)out->data[out->len - 1] & 0xC0) == 0x80) out->len--;
  if (out->len > 0 && ((unsigned char)out->data[out->len - 1] & 0xC0) == 0xC0) out->len--;
  if (out->data) out->data[out->len] = '\0';
}

/* A Dockerfile error region that starts a line starts with a word that
 * is either not an instruction (a typo: `RNU`) or an instruction whose
 * arguments do not fit (`COPY` alone, `FROM x AS`); saying which helps
 * more than "unexpected". */

/* The instruction keyword that starts at `start`, or NULL. */
static const char *syntax_instruction_at(const char *t, size_t start, size_t end, size_t *word_end) {
  size_t w = start;
  while (w < end && (isalpha((unsigned char)t[w]) || t[w] == '_')) w++;
  *word_end = w;
  DfKind kind = dockerfile_kind_of_keyword(t + start, w - start);
  return kind == DF_OTHER ? NULL : dockerfile_kind_name(kind);
}

static bool syntax_dockerfile_message(const RuleCtx *ctx, size_t start, size_t end, StrBuf *msg) {
  const char *t = ctx->text->bytes;
  if (start > 0 && t[start - 1] != '\n' && t[start - 1] != '\r') return false;
  size_t w;
  const char *name = syntax_instruction_at(t, start, end, &w);
  if (w == start) return false;
  if (name)
    strbuf_appendf(msg, "syntax error: `%s` is incomplete or its arguments are malformed", name);
  else
    strbuf_appendf(msg, "syntax error: unknown instruction `%.*s`", (int)(w - start), t + start);
  return true;
}

/* A token the parser had to invent inside a Dockerfile instruction means
 * the instruction stops short (`COPY` with nothing after it); the grammar's
 * name for the invented token (`heredoc_marker`, `path`) tells a user less
 * than the instruction does, so the diagnostic covers the instruction and
 * names it.  `instruction` is the innermost instruction around the token,
 * handed down by the walk: ts_node_parent would search from the root, and
 * the Dockerfile's instruction list nests one hidden level per instruction.
 * Returns false outside an instruction. */
static bool syntax_missing_in_instruction(RuleCtx *ctx, TSNode missing, TSNode instruction) {
  if (ts_node_is_null(instruction)) return false;
  size_t start = ts_node_start_byte(instruction), w;
  const char *name = syntax_instruction_at(ctx->text->bytes, start, ts_node_end_byte(instruction), &w);
  if (!name) return false;
  size_t at = ts_node_start_byte(missing);
  diag_add(ctx->out, RULE_SYNTAX_ERROR, ctx->file, start, at > start ? at : w,
           "syntax error: `%s` is missing its arguments", name);
  return true;
}

static bool syntax_is_instruction(const RuleCtx *ctx, TSNode node) {
  return ws_kind(ctx->ws, ctx->file) == DOC_KIND_DOCKERFILE && dockerfile_node_kind(node) != DF_OTHER;
}

/* `instruction` is the innermost *_instruction node above `node` (a null
 * node when there is none). */
static void syntax_walk(RuleCtx *ctx, TSNode node, size_t from, TSNode instruction) {
  if (ts_node_end_byte(node) <= from) return;
  bool region = ts_node_is_missing(node) || ts_node_symbol(node) == (TSSymbol)-1;
  if (region && ts_node_start_byte(node) < from) return;
  if (ts_node_is_missing(node)) {
    if (ws_kind(ctx->ws, ctx->file) == DOC_KIND_DOCKERFILE && syntax_missing_in_instruction(ctx, node, instruction))
      return;
    size_t at = ts_node_start_byte(node);
    diag_add(ctx->out, RULE_SYNTAX_ERROR, ctx->file, at, at, "syntax error: missing %s",
             ts_node_type(node));
    return;
  }
  if (ts_node_symbol(node) == (TSSymbol)-1) { /* ERROR: tree-sitter 0.20 has no ts_node_is_error */
    size_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    StrBuf what = STRBUF_INIT, better = STRBUF_INIT;
    if (ws_kind(ctx->ws, ctx->file) == DOC_KIND_DOCKERFILE && syntax_dockerfile_message(ctx, start, end, &better)) {
      diag_add(ctx->out, RULE_SYNTAX_ERROR, ctx->file, start, end, "%s", strbuf_cstr(&better));
      strbuf_destroy(&better);
      return;
    }
    syntax_excerpt(ctx->text, start, end, &what);
    if (what.len > 0)
      diag_add(ctx->out, RULE_SYNTAX_ERROR, ctx->file, start, end, "syntax error: unexpected `%s`",
               strbuf_cstr(&what));
    else
      diag_add(ctx->out, RULE_SYNTAX_ERROR, ctx->file, start, end, "syntax error");
    strbuf_destroy(&what);
    return;
  }
  if (!ts_node_has_error(node)) return;
  if (syntax_is_instruction(ctx, node)) instruction = node;
  /* A cursor: ts_node_child(i) rescans from the first child in this
   * runtime (and through every hidden level of the Dockerfile's
   * instruction list), which made a damaged long file quadratic. */
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do syntax_walk(ctx, ts_tree_cursor_current_node(&cursor), from, instruction);
    while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
}

/* libyaml's verdict by pieces, told how the text changed since the pieces
 * last saw it (the workspace's mark for them), so that finding the edited
 * piece does not compare the whole text with the last one. */
static bool syntax_yaml_valid(RuleCtx *ctx, YamlProblem *problem) {
  YamlChunks *chunks = ws_yaml_chunks(ctx->ws, ctx->file);
  TextDelta since;
  bool known = ws_text_since_for(ctx->ws, ctx->file, WS_MARK_YAML_CHUNKS, yaml_chunks_text_id(chunks), &since);
  bool valid = yaml_chunks_check_since(chunks, ctx->text->bytes, ctx->text->len,
                                       ws_text_generation(ctx->ws, ctx->file), known ? &since : NULL, problem);
  ws_text_mark_for(ctx->ws, ctx->file, WS_MARK_YAML_CHUNKS);
  return valid;
}

static void rule_syntax_error(RuleCtx *ctx) {
  const Syntax *syntax = ws_syntax(ctx->ws, ctx->file);
  size_t from = 0;
  if (ws_kind(ctx->ws, ctx->file) == DOC_KIND_COMPOSE) {
    YamlProblem problem;
    if (!syntax_yaml_valid(ctx, &problem)) {
      size_t line = text_pos_of(ctx->text, problem.offset, POS_ENC_UTF8).line;
      size_t end = text_line_end(ctx->text, line);
      if (end < problem.offset) end = problem.offset;
      diag_add(ctx->out, RULE_SYNTAX_ERROR, ctx->file, problem.offset, end, "YAML syntax error: %s",
               problem.message);
      xfree(problem.message);
      /* libyaml stops at its first error.  What tree-sitter's recovery
       * marks up to the end of that line is the same mistake seen from the
       * other side and is not reported twice; regions that start on later
       * lines are further mistakes libyaml never reached. */
      from = end + 1;
    }
  }
  if (syntax) {
    TSNode none;
    memset(&none, 0, sizeof none);
    /* Only the trees with an error are read: reading a tree brings its
     * offsets up to date, which costs a walk down its instructions. */
    for (size_t i = 0; i < syntax_tree_count(syntax); i++)
      if (syntax_tree_has_error(syntax, i)) syntax_walk(ctx, syntax_root_at(syntax, i), from, none);
  }
}

const RuleCheck rules__syntax_checks[] = {
    {RULE_SYNTAX_ERROR, KIND_DOCKERFILE | KIND_COMPOSE, rule_syntax_error},
    {RULE_CONFIG_INVALID, KIND_CONFIG, settings_check_config},
    {RULE__COUNT, 0, NULL},
};

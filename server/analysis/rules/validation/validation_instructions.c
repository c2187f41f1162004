/* unknown-instruction and instruction-args-invalid: lines that the
 * builder's parser refuses before it builds anything, because the first
 * word names no instruction or the words after it do not have the shape
 * the instruction takes.  Both read the parse tree: the grammar has no
 * rule for an unknown word, so such a line lies in an ERROR node, and the
 * ERROR node's lines are read here the way the builder splits them. */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <tree_sitter/api.h>

#include "dockls/base/strbuf.h"
#include "dockls/syntax/symbols.h"
#include "validation_rules.h"

static bool is_error_node(TSNode node) { return ts_node_symbol(node) == (TSSymbol)-1; }

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* The case the file writes its keywords in: lower case when most of its
 * instructions are written so, else upper case (the convention). */
static bool file_uses_lower_case(const RuleCtx *ctx, const DockerfileModel *m) {
  size_t lower = 0;
  for (size_t i = 0; i < m->instrs.len; i++)
    lower += islower((unsigned char)ctx->text->bytes[m->instrs.items[i].keyword_start]) != 0;
  return lower * 2 > m->instrs.len;
}

/* --- the lines of an ERROR node --- */

/* A line of an error region that starts an instruction: its first word
 * and where the line's text ends (trailing blanks and the escape of a
 * continuation excluded). */
typedef struct {
  size_t word_start, word_end, text_end;
  bool continued; /* the line ends with the escape character */
} ErrorLine;

typedef void (*ErrorLineVisit)(RuleCtx *ctx, const DockerfileModel *m, const ErrorLine *line);

/* Visits each line of the ERROR node [start, end) that starts an
 * instruction, as the builder reads them: a line that continues the one
 * before (escape at its end), a comment line and a blank line start none.
 * `at_instruction` says whether the node's first byte is where an
 * instruction starts (a line start, or just after ONBUILD); otherwise its
 * first line is the tail of the instruction the node sits in.  A heredoc
 * opened on a line of the region ends the walk, since its body is no
 * Dockerfile text and where it ends cannot be known from a broken line. */
static void error_lines(RuleCtx *ctx, const DockerfileModel *m, size_t start, size_t end, bool at_instruction,
                        ErrorLineVisit visit) {
  const char *t = ctx->text->bytes;
  bool continued = !at_instruction;
  for (size_t pos = start; pos < end;) {
    size_t eol = pos;
    while (eol < end && t[eol] != '\n') eol++;
    size_t p = pos, q = eol;
    while (p < q && is_blank(t[p])) p++;
    while (q > p && is_blank(t[q - 1])) q--;
    bool escaped = q > p && t[q - 1] == m->escape;
    bool tail = pos == start && !at_instruction;
    if (tail) {
      /* What the node holds of its first line belongs to the instruction
       * before it; an empty remainder (the node starts at that line's
       * break) continues nothing. */
      continued = escaped;
    } else if (p == q || t[p] == '#') {
      /* Blank and comment lines leave a continuation open. */
    } else if (continued) {
      continued = escaped;
    } else {
      ErrorLine line = {p, p, escaped ? q - 1 : q, escaped};
      while (line.word_end < line.text_end && !is_blank(t[line.word_end])) line.word_end++;
      visit(ctx, m, &line);
      for (size_t i = line.word_end; i + 1 < q; i++)
        if (t[i] == '<' && t[i + 1] == '<') return;
      continued = escaped;
    }
    pos = eol + 1;
  }
}

/* True when the node starts where an instruction starts: only blanks
 * before it on its line. */
static bool starts_line(const RuleCtx *ctx, size_t at) {
  while (at > 0 && is_blank(ctx->text->bytes[at - 1])) at--;
  return at == 0 || ctx->text->bytes[at - 1] == '\n';
}

/* Calls visit for every instruction line inside the file's ERROR nodes:
 * those between instructions, those an instruction holds (its words past
 * what the grammar expects) and the one ONBUILD wraps. */
static void each_error_line(RuleCtx *ctx, const DockerfileModel *m, ErrorLineVisit visit) {
  const Syntax *syntax = ws_syntax(ctx->ws, ctx->file);
  if (!syntax || !ts_node_has_error(syntax_root(syntax))) return;
  TSTreeCursor cursor = ts_tree_cursor_new(syntax_root(syntax));
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more; more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    if (!ts_node_has_error(node)) continue;
    if (is_error_node(node)) {
      size_t s = ts_node_start_byte(node);
      error_lines(ctx, m, s, ts_node_end_byte(node), starts_line(ctx, s), visit);
      continue;
    }
    bool onbuild = node_has(node, dockerfile_symbols()->onbuild_instruction);
    TSTreeCursor inner = ts_tree_cursor_new(node);
    for (bool more2 = ts_tree_cursor_goto_first_child(&inner); more2; more2 = ts_tree_cursor_goto_next_sibling(&inner)) {
      TSNode child = ts_tree_cursor_current_node(&inner);
      if (!is_error_node(child)) continue;
      size_t s = ts_node_start_byte(child);
      error_lines(ctx, m, s, ts_node_end_byte(child), onbuild || starts_line(ctx, s), visit);
    }
    ts_tree_cursor_delete(&inner);
  }
  ts_tree_cursor_delete(&cursor);
}

/* --- unknown-instruction --- */

static void unknown_instruction_line(RuleCtx *ctx, const DockerfileModel *m, const ErrorLine *given) {
  ErrorLine at = *given, *line = &at;
  const char *t = ctx->text->bytes;
  /* ONBUILD's trigger is an instruction too: judge the word after it. */
  if (dockerfile_kind_of_keyword(t + line->word_start, line->word_end - line->word_start) == DF_ONBUILD) {
    line->word_start = line->word_end;
    while (line->word_start < line->text_end && is_blank(t[line->word_start])) line->word_start++;
    for (line->word_end = line->word_start; line->word_end < line->text_end && !is_blank(t[line->word_end]);)
      line->word_end++;
  }
  const char *word = t + line->word_start;
  size_t len = line->word_end - line->word_start;
  if (len == 0 || dockerfile_kind_of_keyword(word, len) != DF_OTHER) return;
  const char *close = validation__close_name(word, len, dockerfile_keywords);
  Diag *d = diag_add(ctx->out, RULE_UNKNOWN_INSTRUCTION, ctx->file, line->word_start, line->word_end,
                     "Docker stops the build: `%.*s` is no instruction%s%s%s", (int)len, word,
                     close ? " (did you mean `" : "", close ? close : "", close ? "`?)" : "");
  if (!close) return;
  StrBuf name = STRBUF_INIT;
  bool lower = file_uses_lower_case(ctx, m);
  for (const char *c = close; *c; c++) strbuf_append_char(&name, lower ? (char)tolower((unsigned char)*c) : *c);
  StrBuf title = STRBUF_INIT;
  strbuf_appendf(&title, "Change to `%s`", strbuf_cstr(&name));
  Fix *fix = rules__add_fix(ctx, d, strbuf_cstr(&title), true);
  fix_add_edit(fix, ctx->file, line->word_start, line->word_end, strbuf_cstr(&name));
  strbuf_destroy(&title);
  strbuf_destroy(&name);
}

void validation__unknown_instruction(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (m) each_error_line(ctx, m, unknown_instruction_line);
}

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
  if (!syntax) return;
  SyntaxTopWalk walk;
  for (bool more = syntax_top_walk_errors(&walk, syntax); more; more = syntax_top_walk_next(&walk)) {
    TSNode node = syntax_top_walk_node(&walk);
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
  syntax_top_walk_end(&walk);
}

/* --- unknown-instruction --- */

/* val__close_name for the word text[0, len) among a NULL-ended list;
 * words longer than any keyword are never close. */
static const char *close_word(const char *text, size_t len, const char *const *names) {
  char word[65];
  if (len >= sizeof word) return NULL;
  memcpy(word, text, len);
  word[len] = '\0';
  size_t count = 0;
  while (names[count]) count++;
  return val__close_name(word, names, count);
}

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
  const char *close = close_word(word, len, dockerfile_keywords);
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

void val__unknown_instruction(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (m) each_error_line(ctx, m, unknown_instruction_line);
}

/* --- instruction-args-invalid --- */

/* The instructions the builder refuses without an argument (RUN, CMD and
 * ENTRYPOINT are accepted bare, and `CMD []` is even useful; HEALTHCHECK
 * is healthcheck-form's). */
static bool needs_argument(DfKind kind) {
  return kind != DF_RUN && kind != DF_CMD && kind != DF_ENTRYPOINT && kind != DF_HEALTHCHECK && kind != DF_OTHER;
}

static void report_no_argument(RuleCtx *ctx, DfKind kind, size_t start, size_t end) {
  const char *name = dockerfile_kind_name(kind);
  if (kind == DF_COPY || kind == DF_ADD)
    diag_add(ctx->out, RULE_INSTRUCTION_ARGS_INVALID, ctx->file, start, end,
             "Docker stops the build: `%s` needs a source and a destination", name);
  else if (kind == DF_FROM)
    diag_add(ctx->out, RULE_INSTRUCTION_ARGS_INVALID, ctx->file, start, end,
             "Docker stops the build: `FROM` needs a base image (or `scratch`)");
  else
    diag_add(ctx->out, RULE_INSTRUCTION_ARGS_INVALID, ctx->file, start, end,
             "Docker stops the build: `%s` needs an argument", name);
}

static void args_error_line(RuleCtx *ctx, const DockerfileModel *m, const ErrorLine *line) {
  (void)m;
  const char *t = ctx->text->bytes;
  DfKind kind = dockerfile_kind_of_keyword(t + line->word_start, line->word_end - line->word_start);
  size_t args = line->word_end;
  while (args < line->text_end && is_blank(t[args])) args++;
  if (args == line->text_end && !line->continued && needs_argument(kind))
    report_no_argument(ctx, kind, line->word_start, line->word_end);
  /* The grammar reads SHELL's argument as a JSON array only, so any other
   * text after SHELL is an error region. */
  else if (kind == DF_SHELL && args < line->text_end)
    diag_add(ctx->out, RULE_INSTRUCTION_ARGS_INVALID, ctx->file, args, line->text_end,
             "Docker stops the build: SHELL takes a JSON array of strings, such as [\"/bin/bash\", \"-c\"]");
}

/* True when the instruction node has an argument: a child after its
 * keyword that is no flag, comment or continuation and holds text (a
 * token the parser invented for a missing one is empty). */
static bool has_argument(TSNode node) {
  const DockerfileSymbols *y = dockerfile_symbols();
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  bool found = false;
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    while (!found && ts_tree_cursor_goto_next_sibling(&cursor)) {
      TSNode c = ts_tree_cursor_current_node(&cursor);
      if (!ts_node_is_named(c) && !is_error_node(c)) continue;
      if (node_has(c, y->flag) || node_has(c, y->comment) || node_has(c, y->line_continuation)) continue;
      found = !ts_node_is_missing(c) && ts_node_end_byte(c) > ts_node_start_byte(c);
    }
  }
  ts_tree_cursor_delete(&cursor);
  return found;
}

/* Where the arguments of an instruction start: after its keyword and
 * its flags. */
static size_t arguments_start(const DfInstr *in) {
  return df_flags(in)->len ? array_last(df_flags(in))->end : in->keyword_end;
}

/* The end of the instruction's own line(s), its line break excluded. */
static size_t instruction_text_end(const RuleCtx *ctx, const DfInstr *in) {
  /* Clamped to the text: fuzz_edits found a spliced model whose last
   * instruction ended past it (the splice's cause is still open). */
  size_t end = in->end < ctx->text->len ? in->end : ctx->text->len;
  while (end > in->start && (ctx->text->bytes[end - 1] == '\n' || ctx->text->bytes[end - 1] == '\r')) end--;
  return end;
}

/* FROM takes `image` or `image AS name`; the grammar reads those two
 * shapes, so a FROM that holds an error region has another one. */
static void from_shape(RuleCtx *ctx, const DockerfileModel *m, const DfInstr *in) {
  ValWord words[5];
  size_t end = instruction_text_end(ctx, in);
  size_t n = val__split_words(ctx, m->escape, arguments_start(in), end, words, 5);
  const char *t = ctx->text->bytes;
  if (n == 3) {
    const ValWord *w = &words[1];
    if (w->end - w->start == 2 && strncasecmp(t + w->start, "as", 2) == 0) return;
    Diag *d = diag_add(ctx->out, RULE_INSTRUCTION_ARGS_INVALID, ctx->file, w->start, w->end,
                       "Docker stops the build: FROM takes `image [AS name]`, and `%.*s` is not `AS`",
                       (int)(w->end - w->start), t + w->start);
    if (close_word(t + w->start, w->end - w->start, (const char *const[]){"AS", NULL})) {
      bool lower = islower((unsigned char)t[in->keyword_start]);
      Fix *fix = rules__add_fix(ctx, d, lower ? "Change to `as`" : "Change to `AS`", true);
      fix_add_edit(fix, ctx->file, w->start, w->end, lower ? "as" : "AS");
    }
  } else if (n == 2 || n >= 4) {
    size_t from = n == 2 ? words[1].start : words[3].start;
    diag_add(ctx->out, RULE_INSTRUCTION_ARGS_INVALID, ctx->file, from, end,
             "Docker stops the build: FROM takes `image [AS name]`, not %zu words", n);
  }
}

/* The shapes the grammar reads but the builder refuses, or misreads.
 * `damaged` says that the instruction's node holds an error region. */
static void instruction_shape(RuleCtx *ctx, const DockerfileModel *m, const DfInstr *in, bool damaged) {
  const char *t = ctx->text->bytes;
  size_t end = instruction_text_end(ctx, in);
  if (in->kind == DF_FROM && damaged) from_shape(ctx, m, in);
  if ((in->kind == DF_COPY || in->kind == DF_ADD) && !in->heredoc && df_paths(in)->len == 1 && !damaged &&
      (in->exec_form || val__split_words(ctx, m->escape, arguments_start(in), end, NULL, 0) == 1))
    diag_add(ctx->out, RULE_INSTRUCTION_ARGS_INVALID, ctx->file, in->keyword_start, end,
             "Docker stops the build: `%s` needs a source and a destination (\"requires at least two "
             "arguments\")", dockerfile_kind_name(in->kind));
  if (in->kind == DF_USER && damaged && df_paths(in)->len)
    diag_add(ctx->out, RULE_INSTRUCTION_ARGS_INVALID, ctx->file, df_paths(in)->items[0].start, end,
             "USER takes one `user[:group]`: the builder reads all these words as one user name, which no "
             "user has, so the steps after it and the container fail");
  if (in->kind == DF_SHELL && in->exec_form && !damaged) {
    /* SHELL's array is its command: an empty one names no shell. */
    size_t a = arguments_start(in);
    while (a < end && is_blank(t[a])) a++;
    bool empty = end - a >= 2 && t[a] == '[';
    for (size_t k = a + 1; empty && k + 1 < end; k++) empty = is_blank(t[k]);
    if (empty)
      diag_add(ctx->out, RULE_INSTRUCTION_ARGS_INVALID, ctx->file, a, end,
               "Docker stops the build: SHELL needs at least the shell program in its array");
  }
  for (size_t k = 0; in->kind == DF_VOLUME && k < df_paths(in)->len; k++) {
    const DfText *p = &df_paths(in)->items[k];
    if (p->text[0] == '\0') /* the model holds a quoted path without its quotes */
      diag_add(ctx->out, RULE_INSTRUCTION_ARGS_INVALID, ctx->file, p->start, p->end,
               "Docker stops the build: a VOLUME path cannot be an empty string");
  }
}

/* Visits the instruction nodes of the file in order for empty arguments
 * (the parser invented a missing token), at the top level and behind
 * ONBUILD.  Both leave an error in the instruction's node, so only the
 * nodes that hold one are visited. */
static void instruction_nodes(RuleCtx *ctx, const Syntax *syntax) {
  const char *t = ctx->text->bytes;
  SyntaxTopWalk walk;
  for (bool more = syntax_top_walk_errors(&walk, syntax); more; more = syntax_top_walk_next(&walk)) {
    TSNode node = syntax_top_walk_node(&walk);
    if (node_has(node, dockerfile_symbols()->onbuild_instruction)) {
      /* A bare ONBUILD: the parser reads the next line as its trigger,
       * past an error region that starts at ONBUILD's line break. */
      TSNode keyword = ts_node_child(node, 0), after = ts_node_next_sibling(keyword);
      if (!ts_node_is_null(after) && is_error_node(after) && t[ts_node_start_byte(after)] != ' ' &&
          t[ts_node_start_byte(after)] != '\t' && ts_node_start_byte(after) == ts_node_end_byte(keyword)) {
        /* The range takes in that line break, so that this explains the
         * parser's error instead of standing beside it. */
        report_no_argument(ctx, DF_ONBUILD, ts_node_start_byte(keyword), ts_node_end_byte(after));
        continue;
      }
      TSNode inner = ts_node_child_by_field_name(node, "instruction", 11);
      if (!ts_node_is_null(inner)) node = inner;
    }
    DfKind kind = dockerfile_node_kind(node);
    /* A missing argument leaves its mark in the instruction's own node. */
    if (!needs_argument(kind) || !ts_node_has_error(node) || has_argument(node)) continue;
    TSNode keyword = ts_node_child(node, 0);
    report_no_argument(ctx, kind, ts_node_start_byte(keyword), ts_node_end_byte(keyword));
  }
  syntax_top_walk_end(&walk);
}

void val__instruction_args_invalid(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  const Syntax *syntax = ws_syntax(ctx->ws, ctx->file);
  if (!m || !syntax) return;
  each_error_line(ctx, m, args_error_line);
  instruction_nodes(ctx, syntax);
}

/* The shape of one instruction's arguments, per instruction: it reads the
 * instruction, the escape character, and whether the instruction's node
 * holds an error (the model's syntax_error, part of the memo's key). */
void val__instruction_shape(RuleCtx *ctx) {
  const DfInstr *in = &ctx->model->instrs.items[ctx->instr];
  instruction_shape(ctx, ctx->model, in, in->syntax_error);
}

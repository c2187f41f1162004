/* Builds ShellScript (see shell.h).  Three steps:
 *
 * 1. Stitching.  The grammar gives a shell_command as shell_fragment,
 *    heredoc_marker, line_continuation and comment children.  Docker joins
 *    the lines by deleting each continuation (the escape character and its
 *    line break) and dropping comment lines and empty lines inside the
 *    instruction; the text between the children (the blanks between words,
 *    the indentation of a continued line) is kept.  Each copied run of
 *    bytes is recorded as a segment of the offset map.
 * 2. Heredocs.  `RUN <<EOF` with nothing else runs the body as the script,
 *    so the body itself is the script.  When the command line has more
 *    (`RUN python3 <<EOF`), the body is data for that command: the openers
 *    are blanked and the bodies left out, so only the command line is
 *    parsed.
 * 3. Walking the bash tree into commands, words and joins. */
#include "dockls/model/shell.h"

#include <string.h>

#include "dockls/base/strbuf.h"
#include "dockls/syntax/node.h"
#include "dockls/syntax/symbols.h"
#include "dockls/syntax/parse.h"
#include "model_internal.h"

/* --- Stitching --- */

static void shell_copy(ShellScript *s, StrBuf *buf, const char *doc, size_t from, size_t to) {
  if (to <= from) return;
  ShellSegment *last = s->map.len ? array_last(&s->map) : NULL;
  if (last && last->sstart + last->len == buf->len && last->start + last->len == from) {
    last->len += to - from;
  } else {
    ShellSegment seg = {buf->len, from, to - from};
    array_push(&s->map, seg);
  }
  strbuf_append_n(buf, doc + from, to - from);
}

/* The gap [from, to) before a child that follows a continuation or a
 * dropped comment line: whole lines in it are empty lines Docker drops;
 * only the indentation of the line holding the child remains. */
static size_t shell_skip_empty_lines(const char *doc, size_t from, size_t to) {
  for (size_t i = to; i > from; i--)
    if (doc[i - 1] == '\n') return i;
  return from;
}

/* Copies a heredoc opener as blanks of the same length: the body it opens
 * is data for the command (stdin or a numbered descriptor), and
 * tree-sitter-bash cannot parse an opener placed before the command name
 * (`RUN <<EOT bash`), which Docker allows.  Blanks keep every offset. */
static void shell_blank(ShellScript *s, StrBuf *buf, size_t from, size_t to) {
  if (to <= from) return;
  ShellSegment seg = {buf->len, from, to - from};
  array_push(&s->map, seg);
  for (size_t i = from; i < to; i++) strbuf_append_char(buf, ' ');
}

static void shell_stitch(ShellScript *s, StrBuf *buf, TSNode command, const char *doc, size_t doc_len) {
  size_t cursor = ts_node_start_byte(command);
  bool after_break = false;
  uint32_t n = ts_node_child_count(command);
  for (uint32_t i = 0; i < n; i++) {
    TSNode c = ts_node_child(command, i);
    size_t cs = ts_node_start_byte(c), ce = ts_node_end_byte(c);
    if (node_has(c, dockerfile_symbols()->line_continuation)) {
      size_t from = after_break ? shell_skip_empty_lines(doc, cursor, cs) : cursor;
      shell_copy(s, buf, doc, from, cs);
      cursor = ce;
      after_break = true;
    } else if (node_has(c, dockerfile_symbols()->comment)) {
      cursor = ce;
      if (cursor < doc_len && doc[cursor] == '\r') cursor++;
      if (cursor < doc_len && doc[cursor] == '\n') cursor++;
      after_break = true;
    } else {
      size_t from = after_break ? shell_skip_empty_lines(doc, cursor, cs) : cursor;
      if (node_has(c, dockerfile_symbols()->heredoc_marker)) {
        shell_copy(s, buf, doc, from, cs);
        shell_blank(s, buf, cs, ce);
      } else {
        shell_copy(s, buf, doc, from, ce);
      }
      cursor = ce;
      after_break = false;
    }
  }
}

static bool shell_only_markers(TSNode command) {
  uint32_t n = ts_node_named_child_count(command);
  bool marker = false;
  for (uint32_t i = 0; i < n; i++) {
    TSNode c = ts_node_named_child(command, i);
    if (node_has(c, dockerfile_symbols()->shell_fragment)) return false;
    marker |= node_has(c, dockerfile_symbols()->heredoc_marker);
  }
  return marker;
}

static TSNode shell_first_body(TSNode instruction) {
  uint32_t n = ts_node_named_child_count(instruction);
  for (uint32_t i = 0; i < n; i++) {
    TSNode block = ts_node_named_child(instruction, i);
    if (node_has(block, dockerfile_symbols()->heredoc_block)) return ts_node_child_by_field_name(block, "body", 4);
  }
  TSNode null_node;
  memset(&null_node, 0, sizeof null_node);
  return null_node;
}

/* --- Mapping --- */

size_t shell_map(const ShellScript *self, size_t soffset, bool is_end) {
  if (self->map.len == 0) return self->end;
  size_t lo = 0, hi = self->map.len;
  /* The last segment starting at or before soffset (before, for an end
   * offset sitting exactly on a boundary). */
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    size_t start = self->map.items[mid].sstart;
    if (start < soffset || (!is_end && start == soffset))
      lo = mid;
    else
      hi = mid;
  }
  const ShellSegment *seg = &self->map.items[lo];
  if (soffset < seg->sstart) return seg->start;
  size_t delta = soffset - seg->sstart;
  if (delta > seg->len) delta = seg->len; /* inside text we synthesised (heredoc glue) */
  return seg->start + delta;
}

/* --- Words and commands from the bash tree --- */

/* Node kinds that make a word depend on the environment. */
static bool shell_is_expansion(TSSymbol t) {
  const BashSymbols *y = bash_symbols();
  return t == y->simple_expansion || t == y->expansion || t == y->command_substitution ||
         t == y->arithmetic_expansion;
}

/* How deep the walks below go into the bash tree.  Real scripts nest a
 * handful of levels; a file of 20,000 nested `$(` would otherwise take
 * the C stack with it.  Below the bound a subtree is taken as it is
 * written: its text is the word's value, it counts as an expansion, and
 * commands inside it are not listed. */
enum { SHELL_MAX_DEPTH = 64 };

static bool shell_has_expansion_at(TSNode node, int depth) {
  if (shell_is_expansion(ts_node_symbol(node))) return true;
  if (ts_node_child_count(node) == 0) return false;
  if (depth > SHELL_MAX_DEPTH) return true;
  /* A cursor visits children in O(1) each; ts_node_child(i) rescans from
   * the first child in this runtime. */
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  bool found = false;
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      TSNode c = ts_tree_cursor_current_node(&cursor);
      if (ts_node_is_named(c) && shell_has_expansion_at(c, depth + 1)) found = true;
    } while (!found && ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return found;
}

static bool shell_has_expansion(TSNode node) { return shell_has_expansion_at(node, 0); }

/* The word without its quoting: quotes that delimit strings are removed,
 * a backslash before an ordinary character is removed, and expansions are
 * kept as written. */
static void shell_word_value(TSNode node, const char *text, StrBuf *out, int depth) {
  uint32_t s = ts_node_start_byte(node), e = ts_node_end_byte(node);
  if (depth > SHELL_MAX_DEPTH) {
    strbuf_append_n(out, text + s, e - s);
    return;
  }
  const BashSymbols *y = bash_symbols();
  if (node_has(node, y->raw_string) || node_has(node, y->ansi_c_string)) {
    size_t skip = node_has(node, y->ansi_c_string) ? 2 : 1;
    if (e - s >= skip + 1) strbuf_append_n(out, text + s + skip, e - s - skip - 1);
    return;
  }
  if (node_has(node, y->string) || node_has(node, y->concatenation) || node_has(node, y->translated_string)) {
    /* Copy the text between the children as it is, minus the delimiting
     * quotes, and the children through this function. */
    size_t cursor = s;
    TSTreeCursor walk = ts_tree_cursor_new(node);
    bool more = ts_tree_cursor_goto_first_child(&walk);
    for (; more; more = ts_tree_cursor_goto_next_sibling(&walk)) {
      TSNode c = ts_tree_cursor_current_node(&walk);
      size_t cs = ts_node_start_byte(c), ce = ts_node_end_byte(c);
      if (cs > cursor) strbuf_append_n(out, text + cursor, cs - cursor);
      if (!ts_node_is_named(c) && (ce - cs == 1) && (text[cs] == '"' || text[cs] == '$')) {
        /* a string delimiter ($" for translated strings) */
      } else if (ts_node_is_named(c)) {
        shell_word_value(c, text, out, depth + 1);
      } else {
        strbuf_append_n(out, text + cs, ce - cs);
      }
      cursor = ce;
    }
    ts_tree_cursor_delete(&walk);
    if (e > cursor) strbuf_append_n(out, text + cursor, e - cursor);
    return;
  }
  if (node_has(node, y->word)) {
    for (uint32_t i = s; i < e; i++) {
      if (text[i] == '\\' && i + 1 < e) i++;
      strbuf_append_char(out, text[i]);
    }
    return;
  }
  strbuf_append_n(out, text + s, e - s);
}

static ShellWord shell_word(const ShellScript *s, TSNode node) {
  StrBuf value = STRBUF_INIT;
  shell_word_value(node, s->text, &value, 0);
  ShellWord w = {
      .value = strbuf_take(&value),
      .sstart = ts_node_start_byte(node),
      .send = ts_node_end_byte(node),
      .has_expansion = shell_has_expansion(node),
  };
  w.start = shell_map(s, w.sstart, false);
  w.end = shell_map(s, w.send, true);
  return w;
}

static void shell_walk(ShellScript *s, TSNode node, ShellJoin *pending, int depth);

/* Adds the target of a file redirection (`> /dev/tcp/localhost/80`) to
 * the command it redirects: a probe can be written as one. */
static void shell_redirect(ShellScript *s, ShellCommand *cmd, TSNode redirect) {
  TSTreeCursor cursor = ts_tree_cursor_new(redirect);
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more; more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    const char *field = ts_tree_cursor_current_field_name(&cursor);
    TSNode c = ts_tree_cursor_current_node(&cursor);
    if (field && strcmp(field, "destination") == 0 && ts_node_is_named(c)) array_push(&cmd->redirects, shell_word(s, c));
  }
  ts_tree_cursor_delete(&cursor);
}

static void shell_command(ShellScript *s, TSNode node, ShellJoin *pending, int depth) {
  ShellCommand cmd;
  memset(&cmd, 0, sizeof cmd);
  cmd.join = *pending;
  *pending = SHELL_JOIN_NONE;
  cmd.start = shell_map(s, ts_node_start_byte(node), false);
  cmd.end = shell_map(s, ts_node_end_byte(node), true);
  bool have_name = false;
  /* Field names come from a cursor: ts_node_field_name_for_child is not
   * reliable in the tree-sitter 0.20 runtime. */
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      TSNode c = ts_tree_cursor_current_node(&cursor);
      const char *field = ts_tree_cursor_current_field_name(&cursor);
      if (!ts_node_is_named(c)) continue;
      if (field && strcmp(field, "name") == 0) {
        TSNode inner = ts_node_named_child_count(c) ? ts_node_named_child(c, 0) : c;
        cmd.name = shell_word(s, inner);
        have_name = true;
      } else if (node_has(c, bash_symbols()->variable_assignment)) {
        array_push(&cmd.assigns, shell_word(s, c));
      } else if (field && strcmp(field, "argument") == 0) {
        array_push(&cmd.args, shell_word(s, c));
      } else if (node_has(c, bash_symbols()->file_redirect)) {
        shell_redirect(s, &cmd, c);
      }
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
    ts_tree_cursor_goto_parent(&cursor);
  }
  if (!have_name) cmd.name = (ShellWord){.value = xstrdup(""), .start = cmd.start, .end = cmd.start};
  array_push(&s->commands, cmd);
  /* Commands inside substitutions in the arguments come after their
   * parent, in source order. */
  bool any_expansion = false;
  for (size_t i = 0; i < s->commands.items[s->commands.len - 1].args.len; i++)
    any_expansion |= s->commands.items[s->commands.len - 1].args.items[i].has_expansion;
  any_expansion |= s->commands.items[s->commands.len - 1].name.has_expansion;
  if (any_expansion && ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      ShellJoin inner = SHELL_JOIN_NONE;
      TSNode c = ts_tree_cursor_current_node(&cursor);
      if (ts_node_is_named(c) && shell_has_expansion(c)) shell_walk(s, c, &inner, depth + 1);
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
}

/* True when the cursor's `|` separates the patterns of a case item
 * (`amd64 | arm64)`): the same token as a pipe, but no pipe, so the
 * command after the pattern is not joined to anything by it.  A copy of
 * the cursor looks at the parent, so the walk keeps its place. */
static bool shell_in_case_pattern(const TSTreeCursor *cursor) {
  TSTreeCursor up = ts_tree_cursor_copy(cursor);
  bool in_case = ts_tree_cursor_goto_parent(&up) && node_has(ts_tree_cursor_current_node(&up), bash_symbols()->case_item);
  ts_tree_cursor_delete(&up);
  return in_case;
}

/* Lists the commands under `root` in source order.  The walk is a cursor
 * loop, not a recursion, because `a && b && c …` nests one level per
 * operator in the bash tree; only command substitutions (through
 * shell_command) go one level deeper, up to SHELL_MAX_DEPTH. */
static void shell_walk(ShellScript *s, TSNode root, ShellJoin *pending, int depth) {
  if (depth > SHELL_MAX_DEPTH) return;
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    bool descend = false;
    if (!ts_node_is_named(node)) {
      const BashTokens *k = bash_tokens();
      TSSymbol t = ts_node_symbol(node);
      if (t == k->and_and) *pending = SHELL_JOIN_AND;
      else if (t == k->or_or) *pending = SHELL_JOIN_OR;
      else if (t == k->semicolon || t == k->ampersand || t == k->double_semicolon) *pending = SHELL_JOIN_SEMI;
      else if ((t == k->pipe || t == k->pipe_ampersand) && !shell_in_case_pattern(&cursor)) *pending = SHELL_JOIN_PIPE;
    } else if (node_has(node, bash_symbols()->command)) {
      shell_command(s, node, pending, depth);
    } else if (node_has(node, bash_symbols()->file_redirect) && s->commands.len) {
      /* `cmd > target` is a redirected_statement: the command, then its
       * redirections as siblings. */
      shell_redirect(s, array_last(&s->commands), node);
      descend = true; /* for the commands of a `> "$(…)"` target */
    } else {
      descend = true;
    }
    if (descend && ts_tree_cursor_goto_first_child(&cursor)) continue;
    bool more = false;
    while (!(more = ts_tree_cursor_goto_next_sibling(&cursor)))
      if (!ts_tree_cursor_goto_parent(&cursor)) break;
    if (!more) break;
  }
  ts_tree_cursor_delete(&cursor);
}

/* --- Exec form --- */

static void shell_exec_form(ShellScript *s, StrBuf *buf, TSNode array, const char *doc) {
  ShellCommand cmd;
  memset(&cmd, 0, sizeof cmd);
  uint32_t n = ts_node_named_child_count(array);
  for (uint32_t i = 0; i < n; i++) {
    TSNode str = ts_node_named_child(array, i);
    if (!node_has(str, dockerfile_symbols()->json_string)) continue;
    size_t st = ts_node_start_byte(str), en = ts_node_end_byte(str);
    StrBuf value = STRBUF_INIT;
    /* JSON strings: drop the quotes, resolve the simple escapes. */
    for (size_t k = st + 1; k + 1 < en; k++) {
      char c = doc[k];
      if (c == '\\' && k + 2 < en) {
        char e = doc[++k];
        c = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
      }
      strbuf_append_char(&value, c);
    }
    if (buf->len) strbuf_append_char(buf, ' ');
    ShellWord w = {.value = strbuf_take(&value), .start = st, .end = en, .sstart = buf->len};
    strbuf_append(buf, w.value);
    w.send = buf->len;
    if (i == 0 || cmd.name.value == NULL)
      cmd.name = w;
    else
      array_push(&cmd.args, w);
  }
  if (!cmd.name.value) {
    /* `[ ]` names no command: an empty name at the array, so that it has
     * a place in the text like every word and moves with it. */
    cmd.name.value = xstrdup("");
    cmd.name.start = cmd.name.end = ts_node_start_byte(array);
  }
  cmd.start = ts_node_start_byte(array);
  cmd.end = ts_node_end_byte(array);
  array_push(&s->commands, cmd);
  s->exec_form = true;
  s->end = cmd.end;
  (void)doc;
}

/* --- Entry points --- */

ShellScript *shell_script_build(SyntaxParsers *parsers, TSNode instruction, TSNode command,
                                const char *doc, size_t doc_len) {
  ShellScript *s = xcalloc(1, sizeof *s);
  StrBuf buf = STRBUF_INIT;
  s->start = ts_node_start_byte(command);
  if (node_has(command, dockerfile_symbols()->json_string_array)) {
    shell_exec_form(s, &buf, command, doc);
    s->len = buf.len;
    s->text = strbuf_take(&buf);
    return s;
  }
  TSNode body = shell_first_body(instruction);
  if (shell_only_markers(command) && !ts_node_is_null(body)) {
    shell_copy(s, &buf, doc, ts_node_start_byte(body), ts_node_end_byte(body));
    s->end = ts_node_end_byte(body);
  } else {
    shell_stitch(s, &buf, command, doc, doc_len);
    s->end = ts_node_end_byte(command);
  }
  s->len = buf.len;
  s->text = strbuf_take(&buf);
  model__shell_parse(parsers, s);
  return s;
}

void model__shell_parse(SyntaxParsers *parsers, ShellScript *s) {
  Syntax *bash = syntax_parse(parsers, LANG_BASH, s->text, s->len);
  if (!bash) return;
  TSNode root = syntax_root(bash);
  s->parse_error = ts_node_has_error(root);
  ShellJoin pending = SHELL_JOIN_NONE;
  shell_walk(s, root, &pending, 0);
  shell__read_shape(s, root);
  syntax_delete(bash);
}

static void shell_word_free(ShellWord *w) { xfree(w->value); }

static void shell_words_free(ShellWordArray *a) {
  for (size_t i = 0; i < a->len; i++) shell_word_free(&a->items[i]);
  array_delete(a);
}

void shell_script_delete(ShellScript *self) {
  if (!self) return;
  for (size_t i = 0; i < self->commands.len; i++) {
    ShellCommand *c = &self->commands.items[i];
    shell_word_free(&c->name);
    shell_words_free(&c->args);
    shell_words_free(&c->assigns);
    shell_words_free(&c->redirects);
  }
  array_delete(&self->commands);
  array_delete(&self->map);
  array_delete(&self->chain);
  xfree(self->text);
  xfree(self);
}

static void shell_shift_word(ShellWord *w, ptrdiff_t delta) {
  w->start = (size_t)((ptrdiff_t)w->start + delta);
  w->end = (size_t)((ptrdiff_t)w->end + delta);
}

void shell_script_shift(ShellScript *self, ptrdiff_t delta) {
  if (delta == 0) return;
  for (size_t i = 0; i < self->map.len; i++)
    self->map.items[i].start = (size_t)((ptrdiff_t)self->map.items[i].start + delta);
  for (size_t i = 0; i < self->commands.len; i++) {
    ShellCommand *c = &self->commands.items[i];
    c->start = (size_t)((ptrdiff_t)c->start + delta);
    c->end = (size_t)((ptrdiff_t)c->end + delta);
    shell_shift_word(&c->name, delta);
    for (size_t k = 0; k < c->args.len; k++) shell_shift_word(&c->args.items[k], delta);
    for (size_t k = 0; k < c->assigns.len; k++) shell_shift_word(&c->assigns.items[k], delta);
    for (size_t k = 0; k < c->redirects.len; k++) shell_shift_word(&c->redirects.items[k], delta);
  }
  for (size_t i = 0; i < self->chain.len; i++) {
    self->chain.items[i].start = (size_t)((ptrdiff_t)self->chain.items[i].start + delta);
    self->chain.items[i].end = (size_t)((ptrdiff_t)self->chain.items[i].end + delta);
  }
  self->start = (size_t)((ptrdiff_t)self->start + delta);
  self->end = (size_t)((ptrdiff_t)self->end + delta);
}

/* --- Queries --- */

bool shell_is(const ShellCommand *cmd, const char *name) {
  /* One pass over a short name instead of strrchr and strcmp: every rule
   * asks this of every command, tens of thousands of times a keystroke in
   * a long file, where the two library calls cost three times as much. */
  const char *base = cmd->name.value;
  for (const char *p = base; *p; p++)
    if (*p == '/') base = p + 1;
  while (*base && *base == *name) base++, name++;
  return *base == *name;
}

bool shell_has_arg(const ShellCommand *cmd, const char *arg) {
  size_t n = strlen(arg);
  for (size_t i = 0; i < cmd->args.len; i++) {
    const char *v = cmd->args.items[i].value;
    if (strcmp(v, arg) == 0 || (arg[0] == '-' && strncmp(v, arg, n) == 0 && v[n] == '=')) return true;
  }
  return false;
}

const ShellWord *shell_operand(const ShellCommand *cmd, size_t from) {
  for (size_t i = from; i < cmd->args.len; i++)
    if (cmd->args.items[i].value[0] != '-') return &cmd->args.items[i];
  return NULL;
}

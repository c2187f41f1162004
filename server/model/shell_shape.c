/* The shape of a shell-form script (ShellScript.plain and .chain), read
 * from the bash tree while it is at hand.  Both answer "may this text be
 * rewritten without changing what the shell does?", so both are strict:
 * anything they do not recognise makes the answer no, and the refactor
 * that asked is simply not offered. */
#include <string.h>

#include "dockls/syntax/node.h"
#include "dockls/syntax/symbols.h"
#include "model_internal.h"

/* Characters that mean something to the shell in an unquoted word:
 * expansions, globs, braces, escapes, quotes, operators, comments, and
 * `~` (a tilde prefix; refused wherever it is, for simplicity). */
static const char SHAPE_SPECIAL[] = "$`\\\"'*?[]{}~!#&|;<>() \t\r\n";

bool shell_word_is_literal(const char *value) {
  if (!value[0]) return false;
  for (const char *p = value; *p; p++)
    if (strchr(SHAPE_SPECIAL, *p)) return false;
  return true;
}

static bool shape_text_has(const char *text, TSNode node, const char *chars) {
  size_t s = ts_node_start_byte(node), e = ts_node_end_byte(node);
  for (size_t i = s; i < e; i++)
    if (!text[i] || strchr(chars, text[i])) return true;
  return false;
}

/* True when the word node is passed to the command as its literal text
 * minus the quotes: an unquoted word of ordinary characters, a
 * single-quoted string, a double-quoted one without `$`, backquote or
 * backslash, or a concatenation of those. */
static bool shape_literal_word(const char *text, TSNode node, int depth) {
  const BashSymbols *y = bash_symbols();
  /* tree-sitter-bash reads an all-digit argument as a number. */
  if (node_has(node, y->word) || node_has(node, y->number)) return !shape_text_has(text, node, SHAPE_SPECIAL);
  if (node_has(node, y->raw_string)) return true;
  if (node_has(node, y->string)) {
    size_t s = ts_node_start_byte(node), e = ts_node_end_byte(node);
    for (size_t i = s + 1; i + 1 < e; i++)
      if (text[i] == '$' || text[i] == '`' || text[i] == '\\') return false;
    return true;
  }
  if (node_has(node, y->concatenation) && depth < 4) {
    uint32_t n = ts_node_child_count(node);
    for (uint32_t i = 0; i < n; i++)
      if (!shape_literal_word(text, ts_node_child(node, i), depth + 1)) return false;
    return true;
  }
  return false;
}

/* One command whose name and arguments are literal words, and nothing
 * else among its children (assignments, redirections). */
static bool shape_plain_command(const char *text, TSNode command) {
  bool named = false, ok = true;
  TSTreeCursor cursor = ts_tree_cursor_new(command);
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more && ok;
       more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode c = ts_tree_cursor_current_node(&cursor);
    const char *field = ts_tree_cursor_current_field_name(&cursor);
    if (field && strcmp(field, "name") == 0) {
      named = ts_node_named_child_count(c) == 1 && shape_literal_word(text, ts_node_named_child(c, 0), 0);
      ok = named;
    } else if (field && strcmp(field, "argument") == 0) {
      ok = shape_literal_word(text, c, 0);
    } else {
      ok = false;
    }
  }
  ts_tree_cursor_delete(&cursor);
  return ok && named;
}

/* The operands of `a && b && …` at the top of the script, first to last.
 * tree-sitter-bash nests the list to the left ((a && b) && c), so the
 * walk goes down the left side collecting right operands; a `||` or any
 * other shape anywhere on the way clears the result. */
static void shape_chain(ShellScript *s, TSNode list) {
  ShellSpanArray reversed;
  array_init(&reversed);
  TSNode node = list;
  bool ok = true;
  while (ok && node_has(node, bash_symbols()->list)) {
    ok = ts_node_child_count(node) == 3 &&
         ts_node_symbol(ts_node_child(node, 1)) == bash_tokens()->and_and;
    if (!ok) break;
    TSNode right = ts_node_child(node, 2);
    ShellSpan span = {shell_map(s, ts_node_start_byte(right), false), shell_map(s, ts_node_end_byte(right), true)};
    array_push(&reversed, span);
    node = ts_node_child(node, 0);
  }
  if (ok && ts_node_is_named(node)) {
    ShellSpan first = {shell_map(s, ts_node_start_byte(node), false), shell_map(s, ts_node_end_byte(node), true)};
    array_push(&s->chain, first);
    for (size_t i = reversed.len; i > 0; i--) array_push(&s->chain, reversed.items[i - 1]);
  }
  if (s->chain.len < 2) s->chain.len = 0;
  array_delete(&reversed);
}

void shell__read_shape(ShellScript *s, TSNode root) {
  if (s->parse_error || ts_node_child_count(root) != 1) return;
  TSNode top = ts_node_child(root, 0);
  if (node_has(top, bash_symbols()->command))
    s->plain = shape_plain_command(s->text, top);
  else if (node_has(top, bash_symbols()->list))
    shape_chain(s, top);
}

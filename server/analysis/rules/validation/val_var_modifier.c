/* var-modifier-unsupported: a `${name<op>word}` the builder's own
 * expander does not know.  Instructions that the builder expands itself
 * (not RUN/CMD/ENTRYPOINT in shell form, whose shell does) stop the build
 * with "unsupported modifier" when the operator is not one BuildKit's
 * shell/lex.go implements, or when `${` is never closed.  The scan follows
 * that lexer: single quotes keep `$` literal, the escape character
 * protects the next character, and a word after an operator may hold
 * further `${…}`. */
#include <string.h>

#include "dockls/base/utf.h"
#include "validation_rules.h"

typedef struct {
  RuleCtx *ctx;
  const ValText *text;
  char escape;
} VmScan;

static bool vm_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static bool vm_digit(char c) { return c >= '0' && c <= '9'; }

/* The end of the name after `${` at i, as BuildKit's processName reads
 * it: digits, one special parameter character, or a run of letters,
 * digits and `_`. */
static size_t vm_name_end(const char *t, size_t n, size_t i) {
  if (i < n && vm_digit(t[i])) {
    while (i < n && vm_digit(t[i])) i++;
    return i;
  }
  if (i < n && strchr("@*#?-$!", t[i]) && t[i] != '\0') return i + 1;
  while (i < n && vm_name_char(t[i])) i++;
  return i;
}

static size_t vm_scan(VmScan *s, size_t i, char stop);

/* The length of the character at t[at] (0 at the end): a message quotes a
 * whole character, since its first byte alone is not UTF-8 and a client
 * would reject the message that holds it. */
static size_t vm_char_len(const char *t, size_t n, size_t at) {
  uint32_t cp;
  return at < n ? utf8_decode(t + at, n - at, &cp) : 0;
}

/* `what` is NULL for a `${` never closed. */
static void vm_report(VmScan *s, size_t from, size_t to, const char *what) {
  const ValText *t = s->text;
  if (!what) {
    diag_add(s->ctx->out, RULE_VAR_MODIFIER_UNSUPPORTED, s->ctx->file, t->offset[from], t->offset[to],
             "`${` is never closed by `}`: Docker stops the build");
    return;
  }
  diag_add(s->ctx->out, RULE_VAR_MODIFIER_UNSUPPORTED, s->ctx->file, t->offset[from], t->offset[to],
           "%s: Docker stops the build (the builder expands this instruction itself and knows only "
           "`-` `:-` `+` `:+` `?` `:?` `#` `##` `%%` `%%%%` `/` `//`)", what);
}

/* `${` at i (the `$`); returns the index after its `}`. */
static size_t vm_braced(VmScan *s, size_t i) {
  const char *t = s->text->text;
  size_t n = s->text->len;
  size_t name_end = vm_name_end(t, n, i + 2);
  if (name_end >= n) {
    vm_report(s, i, name_end, NULL);
    return n;
  }
  char c = t[name_end];
  size_t word = name_end + 1;
  if (c == '}') return word;
  if (c == ':') {
    char op = word < n ? t[word] : '\0';
    if (op != '-' && op != '+' && op != '?') {
      size_t to = word + vm_char_len(t, n, word);
      if (op == '}') to = word;
      char what[64];
      snprintf(what, sizeof what, "`:%.*s` is not a modifier the builder supports", (int)(to - word), t + word);
      size_t close = vm_scan(s, to, '}');
      size_t after = close < n ? close + 1 : n;
      vm_report(s, i, after, what);
      return after;
    }
    word++;
  } else if (!strchr("+-?#%/", c)) {
    char what[64];
    snprintf(what, sizeof what, "`%.*s` after `${%.*s` is not a modifier the builder supports",
             (int)vm_char_len(t, n, name_end), t + name_end, (int)(name_end - i - 2), t + i + 2);
    size_t close = vm_scan(s, name_end + 1, '}');
    size_t after = close < n ? close + 1 : n;
    vm_report(s, i, after, what);
    return after;
  }
  size_t close = vm_scan(s, word, '}');
  if (close >= n) {
    vm_report(s, i, word, NULL);
    return n;
  }
  return close + 1;
}

/* Scans from i until `stop` outside quotes (0: to the end); returns its
 * index, or the length when it never comes. */
static size_t vm_scan(VmScan *s, size_t i, char stop) {
  const char *t = s->text->text;
  size_t n = s->text->len;
  bool dquote = false;
  while (i < n) {
    char c = t[i];
    if (c == s->escape) {
      i += 2;
    } else if (!dquote && stop && c == stop) {
      return i;
    } else if (!dquote && c == '\'') {
      const char *close = memchr(t + i + 1, '\'', n - i - 1);
      i = close ? (size_t)(close - t) + 1 : n;
    } else if (c == '"') {
      dquote = !dquote;
      i++;
    } else if (c == '$' && i + 1 < n && t[i + 1] == '{') {
      i = vm_braced(s, i);
    } else {
      i++;
    }
  }
  return n;
}

static bool vm_has_brace(const char *t, size_t n) {
  for (const char *d = memchr(t, '$', n); d; d = memchr(d + 1, '$', n - (size_t)(d + 1 - t)))
    if ((size_t)(d + 1 - t) < n && d[1] == '{') return true;
  return false;
}

/* Instructions the builder expands itself. */
static bool vm_expanded(DfKind kind) {
  switch (kind) {
    case DF_ADD: case DF_COPY: case DF_ENV: case DF_EXPOSE: case DF_FROM: case DF_LABEL:
    case DF_STOPSIGNAL: case DF_USER: case DF_VOLUME: case DF_WORKDIR: case DF_ARG:
      return true;
    default:
      return false;
  }
}

static void vm_visit(RuleCtx *ctx, TSNode node, DfKind kind, bool error, void *data) {
  if (error || !vm_expanded(kind)) return;
  /* Only a `${` can be at fault; most instructions have none. */
  size_t node_start = ts_node_start_byte(node), node_end = ts_node_end_byte(node);
  if (!vm_has_brace(ctx->text->bytes + node_start, node_end - node_start)) return;
  /* From after the keyword to the first heredoc body: a body is expanded
   * by the shell that reads it, or not at all. */
  size_t start = ts_node_end_byte(ts_node_child(node, 0)), end = ts_node_end_byte(node);
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more; more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode c = ts_tree_cursor_current_node(&cursor);
    if (strcmp(ts_node_type(c), "heredoc_block") == 0) {
      end = ts_node_start_byte(c);
      break;
    }
  }
  ts_tree_cursor_delete(&cursor);
  const char *t = ctx->text->bytes;
  while (end > start && (t[end - 1] == '\n' || t[end - 1] == '\r' || t[end - 1] == ' ' || t[end - 1] == '\t')) end--;
  if (start >= end) return;
  ValText text;
  val__joined_text(ctx->text, node, start, end, &text);
  VmScan s = {.ctx = ctx, .text = &text, .escape = *(const char *)data};
  vm_scan(&s, 0, 0);
  val__text_destroy(&text);
}

void val__var_modifier_unsupported(RuleCtx *ctx) {
  char escape = ctx->model->escape;
  val__visit_instruction(ctx, vm_visit, &escape);
}

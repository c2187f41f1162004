/* exec-form-invalid-json: an argument written as a JSON array that is not
 * one.  The builder tries JSON first and, when that fails, silently takes
 * the text as shell form or as space-separated words, so `CMD ['a', 'b']`
 * runs `/bin/sh -c "['a', 'b']"`.  The grammar mirrors that fallback (its
 * scanner offers `[` only for valid JSON), so what is checked here is the
 * shell form or path text of those instructions: does it still look like
 * an array someone meant as exec form? */
#include <string.h>

#include "dockls/base/strbuf.h"
#include "validation_rules.h"

/* What is wrong with an array-looking argument; the first found is
 * reported. */
typedef enum {
  EJ_NONE,
  EJ_SINGLE_QUOTES,    /* 'a' */
  EJ_VARIABLE,         /* $HOME, unquoted */
  EJ_UNQUOTED,         /* any other bare item */
  EJ_TRAILING_COMMA,   /* ["a",] */
  EJ_BAD_STRING        /* "a\q": an escape or control character JSON refuses */
} EjDefect;

typedef struct {
  EjDefect defect;
  size_t item, item_len;  /* the item the defect is about (index into the text) */
  bool fixable;           /* only single quotes (with nothing inside that changes meaning in
                             double quotes) and a trailing comma */
  Array(size_t) swaps;    /* text indexes of the ' delimiters to turn into " */
  size_t comma;           /* text index of the last comma read */
  bool trailing;          /* that comma is right before `]` */
} EjScan;

static bool ej_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static size_t ej_skip(const char *t, size_t n, size_t i) {
  while (i < n && ej_blank(t[i])) i++;
  return i;
}

static bool ej_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static void ej_note(EjScan *s, EjDefect d, size_t item, size_t len) {
  if (s->defect != EJ_NONE) return;
  s->defect = d;
  s->item = item;
  s->item_len = len;
}

/* A JSON string starting at the `"` at i; returns the index after its
 * closing quote, or n when it is not closed. */
static size_t ej_double(const char *t, size_t n, size_t i, EjScan *s) {
  size_t j = i + 1;
  bool bad = false;
  while (j < n && t[j] != '"') {
    if (t[j] == '\\') {
      char e = j + 1 < n ? t[j + 1] : '\0';
      if (e == 'u') {
        for (size_t k = 2; k < 6; k++)
          if (j + k >= n || !ej_hex(t[j + k])) bad = true;
        j += 6;
        continue;
      }
      if (!strchr("\"\\/bfnrt", e) || e == '\0') bad = true;
      j += 2;
      continue;
    }
    if ((unsigned char)t[j] < 0x20) bad = true;
    j++;
  }
  if (j >= n) return n;
  if (bad) ej_note(s, EJ_BAD_STRING, i, j + 1 - i);
  return j + 1;
}

/* An item in single quotes at i; returns the index after it, or n when it
 * is not closed. */
static size_t ej_single(const char *t, size_t n, size_t i, EjScan *s) {
  size_t j = i + 1;
  while (j < n && t[j] != '\'') {
    /* Inside double quotes these would start an escape, end the string or
     * be refused, so swapping the quotes would not keep the value. */
    if (t[j] == '"' || t[j] == '\\' || (unsigned char)t[j] < 0x20) s->fixable = false;
    j++;
  }
  if (j >= n) return n;
  ej_note(s, EJ_SINGLE_QUOTES, i, j + 1 - i);
  array_push(&s->swaps, i);
  array_push(&s->swaps, j);
  return j + 1;
}

/* Reads t as a bracketed, comma-separated list whose first item is quoted.
 * False when it is not shaped so (`[ -f x ] && y`, `[[ … ]]`, `[$X]`):
 * then `[` is shell syntax and nothing is judged.  True with the first
 * defect found, or EJ_NONE when the list is valid JSON. */
static bool ej_scan(const char *t, size_t n, EjScan *s) {
  size_t i = ej_skip(t, n, 0);
  if (i >= n || t[i] != '[') return false;
  i++;
  bool first = true;
  for (;;) {
    i = ej_skip(t, n, i);
    if (i >= n) return false;
    if (t[i] == ']') {
      if (!first) { /* reached after a comma only: an item ends in `]` itself */
        s->trailing = true;
        ej_note(s, EJ_TRAILING_COMMA, s->comma, 1);
      }
      i++;
      break;
    }
    size_t j;
    if (t[i] == '"') {
      j = ej_double(t, n, i, s);
    } else if (t[i] == '\'') {
      j = ej_single(t, n, i, s);
    } else {
      if (first) return false;
      for (j = i; j < n && !ej_blank(t[j]) && t[j] != ',' && t[j] != ']' && t[j] != '['; j++) {}
      if (j == i) return false;
      ej_note(s, t[i] == '$' ? EJ_VARIABLE : EJ_UNQUOTED, i, j - i);
      s->fixable = false;
    }
    if (j >= n) return false;
    first = false;
    j = ej_skip(t, n, j);
    if (j >= n) return false;
    if (t[j] == ']') {
      i = j + 1;
      break;
    }
    if (t[j] != ',') return false;
    s->comma = j;
    i = j + 1;
  }
  return ej_skip(t, n, i) == n;
}

/* What the builder does with the text instead. */
static const char *ej_consequence(DfKind kind) {
  switch (kind) {
    case DF_SHELL:
      return "Docker stops the build: SHELL takes only a JSON array of strings";
    case DF_COPY:
    case DF_ADD:
      return "the builder splits the text at spaces and takes the pieces, brackets and quotes included, as paths";
    case DF_VOLUME:
      return "the builder creates volumes named by the pieces of the text, brackets and quotes included";
    default:
      return "the builder hands the whole text, brackets and quotes included, to the shell (`/bin/sh -c` by default), which fails";
  }
}

static void ej_report(RuleCtx *ctx, DfKind kind, const ValText *arg, EjScan *s) {
  StrBuf why = STRBUF_INIT;
  const char *item = arg->text + s->item;
  int len = (int)s->item_len;
  switch (s->defect) {
    case EJ_SINGLE_QUOTES:
      strbuf_appendf(&why, "`%.*s` is in single quotes, which JSON does not accept", len, item);
      break;
    case EJ_VARIABLE:
      strbuf_appendf(&why, "`%.*s` is not in double quotes, and exec form would not expand it anyway "
                           "(write the value, or use shell form)", len, item);
      break;
    case EJ_UNQUOTED:
      strbuf_appendf(&why, "`%.*s` is not in double quotes", len, item);
      break;
    case EJ_TRAILING_COMMA:
      strbuf_append(&why, "it ends with a comma, which JSON does not accept");
      break;
    default:
      strbuf_appendf(&why, "`%.*s` has an escape or a control character JSON does not accept", len, item);
      break;
  }
  size_t start = arg->offset[0], end = arg->offset[arg->len];
  Diag *d = diag_add(ctx->out, RULE_EXEC_FORM_INVALID_JSON, ctx->file, start, end,
                     "not a JSON array: %s; %s", strbuf_cstr(&why), ej_consequence(kind));
  strbuf_destroy(&why);
  bool repairable = s->defect == EJ_SINGLE_QUOTES || s->defect == EJ_TRAILING_COMMA;
  if (!repairable || !s->fixable) return;
  Fix *fix = rules__add_fix(ctx, d, s->swaps.len ? "Write the items in double quotes" : "Delete the trailing comma",
                            true);
  for (size_t k = 0; k < s->swaps.len; k++) {
    size_t at = arg->offset[s->swaps.items[k]];
    fix_add_edit(fix, ctx->file, at, at + 1, "\"");
  }
  if (s->trailing) {
    size_t at = arg->offset[s->comma];
    fix_add_edit(fix, ctx->file, at, at + 1, "");
  }
}

/* The range of the argument: a shell_command node, or the path words of
 * COPY/ADD/VOLUME, or what follows the keyword in an ERROR node. */
static bool ej_argument(TSNode node, DfKind kind, bool error, size_t *start, size_t *end) {
  if (error) {
    *start = ts_node_end_byte(ts_node_child(node, 0));
    *end = ts_node_end_byte(node);
    return kind == DF_SHELL || kind == DF_RUN || kind == DF_CMD || kind == DF_ENTRYPOINT;
  }
  if (kind == DF_RUN || kind == DF_CMD || kind == DF_ENTRYPOINT) {
    TSNode command = ts_node_child_by_field_name(node, "command", 7);
    if (ts_node_is_null(command) || strcmp(ts_node_type(command), "shell_command") != 0) return false;
    *start = ts_node_start_byte(command);
    *end = ts_node_end_byte(command);
    return true;
  }
  if (kind != DF_COPY && kind != DF_ADD && kind != DF_VOLUME) return false;
  bool any = false;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more; more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    const char *field = ts_tree_cursor_current_field_name(&cursor);
    TSNode c = ts_tree_cursor_current_node(&cursor);
    if (field && strcmp(field, "marker") == 0) {
      any = false; /* a heredoc: its words are not an array */
      break;
    }
    if (!field || strcmp(field, "path") != 0) continue;
    if (!any) *start = ts_node_start_byte(c);
    *end = ts_node_end_byte(c);
    any = true;
  }
  ts_tree_cursor_delete(&cursor);
  return any;
}

static void ej_visit(RuleCtx *ctx, TSNode node, DfKind kind, bool error, void *data) {
  (void)data;
  /* Without a `]` the text cannot end like an array: most instructions. */
  size_t node_start = ts_node_start_byte(node);
  if (!memchr(ctx->text->bytes + node_start, ']', ts_node_end_byte(node) - node_start)) return;
  size_t start, end;
  if (!ej_argument(node, kind, error, &start, &end)) return;
  /* The argument of an ERROR node runs to its line break. */
  while (end > start && ej_blank(ctx->text->bytes[end - 1])) end--;
  while (start < end && ej_blank(ctx->text->bytes[start])) start++;
  /* Only text that starts like an array is judged; checking that first
   * spares every other instruction the copy below. */
  if (start == end || ctx->text->bytes[start] != '[') return;
  TSNode parent = node;
  if (!error && (kind == DF_RUN || kind == DF_CMD || kind == DF_ENTRYPOINT))
    parent = ts_node_child_by_field_name(node, "command", 7);
  ValText arg;
  val__joined_text(ctx->text, parent, start, end, &arg);
  EjScan scan = {.defect = EJ_NONE, .fixable = true};
  if (ej_scan(arg.text, arg.len, &scan) && scan.defect != EJ_NONE) ej_report(ctx, kind, &arg, &scan);
  array_delete(&scan.swaps);
  val__text_destroy(&arg);
}

void val__exec_form_invalid_json(RuleCtx *ctx) { val__visit_instruction(ctx, ej_visit, NULL); }

void val__exec_form_invalid_json_errors(RuleCtx *ctx) { val__each_error(ctx, ej_visit, NULL); }

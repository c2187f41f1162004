/* unknown-flag, flag-duplicate and flag-value-invalid: the leading
 * `--name[=value]` words of an instruction, judged against the builder's
 * table of flags (dockerfile_spec.h), which completion and hover read
 * too. */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <tree_sitter/api.h>

#include "dockls/base/strbuf.h"
#include "dockls/syntax/symbols.h"
#include "validation_rules.h"

/* The instructions whose flags the grammar reads as flag nodes; the
 * others take none, and their leading `--` words are plain text. */
static bool reads_flags(DfKind kind) {
  return kind == DF_FROM || kind == DF_RUN || kind == DF_COPY || kind == DF_ADD || kind == DF_HEALTHCHECK;
}

/* The flag names of an instruction, NULL-ended, in the table's order
 * (at most 16: ADD has the most, 7). */
static size_t flag_names(DfKind kind, const char *names[17]) {
  size_t count, n = 0;
  const DfFlagSpec *specs = dockerfile_flag_specs(&count);
  for (size_t i = 0; i < count && n < 16; i++)
    if (specs[i].kind == kind) names[n++] = specs[i].name;
  names[n] = NULL;
  return n;
}

/* `--a, --b, --c`: the accepted flags for a message. */
static void list_flags(const char *const *names, StrBuf *out) {
  for (size_t i = 0; names[i]; i++) strbuf_appendf(out, "%s--%s", i ? ", " : "", names[i]);
}

/* --- unknown-flag --- */

/* Reports the flag word [start, end) whose name is name[0, len) at
 * [name_start, end) when `kind` does not take it. */
static void judge_flag_name(RuleCtx *ctx, DfKind kind, size_t start, size_t name_start, size_t name_end,
                            size_t word_end) {
  const char *t = ctx->text->bytes;
  size_t len = name_end - name_start;
  if (len == 0) return; /* a bare `--` ends the flags */
  char name[64];
  if (len >= sizeof name) len = sizeof name - 1;
  memcpy(name, t + name_start, len);
  name[len] = '\0';
  if (dockerfile_flag_spec(kind, name)) return;
  const char *names[17];
  size_t n = flag_names(kind, names);
  StrBuf accepted = STRBUF_INIT;
  list_flags(names, &accepted);
  Diag *d = n ? diag_add(ctx->out, RULE_UNKNOWN_FLAG, ctx->file, name_start, name_end,
                         "Docker stops the build: `%s` has no flag `--%s`; it takes %s", dockerfile_kind_name(kind),
                         name, strbuf_cstr(&accepted))
              : diag_add(ctx->out, RULE_UNKNOWN_FLAG, ctx->file, name_start, name_end,
                         "Docker stops the build: `%s` takes no flags, and the builder reads the leading `--%s` as one",
                         dockerfile_kind_name(kind), name);
  strbuf_destroy(&accepted);
  const char *close = val__close_name(name, names, n);
  if (close) {
    StrBuf title = STRBUF_INIT;
    strbuf_appendf(&title, "Change to `--%s`", close);
    Fix *fix = rules__add_fix(ctx, d, strbuf_cstr(&title), true);
    fix_add_edit(fix, ctx->file, name_start, name_end, close);
    strbuf_destroy(&title);
    return;
  }
  /* Removing a flag changes what the step does; only the user can say
   * whether that is what they meant. */
  size_t end = word_end;
  while (end < ctx->text->len && (t[end] == ' ' || t[end] == '\t')) end++;
  Fix *fix = rules__add_fix(ctx, d, "Remove the flag", false);
  fix_add_edit(fix, ctx->file, start, end, "");
}

/* The leading `--` words of an instruction that takes no flags: the
 * builder splits them off every instruction before reading it, so
 * `WORKDIR --x /app` fails as surely as `COPY --x`.  A JSON array is not
 * split. */
static void plain_text_flags(RuleCtx *ctx, const DockerfileModel *m, const DfInstr *in) {
  if (in->exec_form || in->kind == DF_ONBUILD || in->kind == DF_OTHER) return;
  ValWord words[8];
  size_t n = val__split_words(ctx, m->escape, in->keyword_end, in->end, words, 8);
  const char *t = ctx->text->bytes;
  for (size_t i = 0; i < n && i < 8; i++) {
    const ValWord *w = &words[i];
    if (w->end - w->start < 2 || t[w->start] != '-' || t[w->start + 1] != '-') break;
    size_t name_end = w->start + 2;
    while (name_end < w->end && t[name_end] != '=') name_end++;
    if (name_end == w->start + 2) break; /* `--` ends the flags */
    judge_flag_name(ctx, in->kind, w->start, w->start + 2, name_end, w->end);
  }
}

void val__unknown_flag(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  const DfInstr *in = &m->instrs.items[ctx->instr];
  if (!reads_flags(in->kind)) {
    plain_text_flags(ctx, m, in);
    return;
  }
  for (size_t k = 0; k < df_flags(in)->len; k++) {
    const DfFlag *f = &df_flags(in)->items[k];
    judge_flag_name(ctx, in->kind, f->start, f->name.start, f->name.end, f->end);
  }
}

/* --- flag-duplicate --- */

static bool same_value(const DfFlag *a, const DfFlag *b) {
  if (!a->value.text || !b->value.text) return !a->value.text && !b->value.text;
  return strcmp(a->value.text, b->value.text) == 0;
}

void val__flag_duplicate(RuleCtx *ctx) {
  const DfInstr *in = &ctx->model->instrs.items[ctx->instr];
  const char *t = ctx->text->bytes;
  for (size_t k = 1; k < df_flags(in)->len; k++) {
    const DfFlag *f = &df_flags(in)->items[k];
    const DfFlagSpec *spec = dockerfile_flag_spec(in->kind, f->name.text);
    /* Unknown flags are unknown-flag's; repeatable ones may recur. */
    if (!spec || spec->repeatable) continue;
    const DfFlag *first = NULL;
    for (size_t j = 0; j < k && !first; j++)
      if (strcmp(df_flags(in)->items[j].name.text, f->name.text) == 0) first = &df_flags(in)->items[j];
    if (!first) continue;
    Diag *d = diag_add(ctx->out, RULE_FLAG_DUPLICATE, ctx->file, f->start, f->end,
                       "Docker stops the build: `--%s` is given twice, and `%s` takes it once", f->name.text,
                       dockerfile_kind_name(in->kind));
    diag_add_related(d, ctx->file, first->start, first->end, "first given here");
    if (!same_value(first, f)) continue; /* which value was meant is the author's call */
    size_t start = f->start;
    if (start > 0 && (t[start - 1] == ' ' || t[start - 1] == '\t')) start--;
    Fix *fix = rules__add_fix(ctx, d, "Remove the repeated flag", true);
    fix_add_edit(fix, ctx->file, start, f->end, "");
  }
}

/* --- flag-value-invalid --- */

static bool in_list(const char *const *list, const char *s, size_t len, bool any_case) {
  for (size_t i = 0; list[i]; i++)
    if (strlen(list[i]) == len && (any_case ? strncasecmp(list[i], s, len) : strncmp(list[i], s, len)) == 0)
      return true;
  return false;
}

static void list_values(const char *const *list, StrBuf *out) {
  for (size_t i = 0; list[i]; i++) strbuf_appendf(out, "%s`%s`", i ? ", " : "", list[i]);
}

/* One `key[=value]` field of RUN --mount's list, at [start, end). */
static void judge_mount_field(RuleCtx *ctx, size_t start, size_t end, const char **type, size_t *type_len,
                              size_t *sharing_at) {
  const char *t = ctx->text->bytes;
  const char *eq = memchr(t + start, '=', end - start);
  size_t key_end = eq ? (size_t)(eq - t) : end;
  if (!dockerfile_mount_key_known(t + start, key_end - start)) {
    StrBuf keys = STRBUF_INIT;
    list_values(dockerfile_mount_keys, &keys);
    diag_add(ctx->out, RULE_FLAG_VALUE_INVALID, ctx->file, start, key_end,
             "Docker stops the build: `--mount` has no key `%.*s`; it takes %s (and the aliases src, dst, "
             "destination, ro, rw, readwrite, size)", (int)(key_end - start), t + start, strbuf_cstr(&keys));
    strbuf_destroy(&keys);
    return;
  }
  if (!eq) return;
  size_t value = key_end + 1;
  if (key_end - start == 4 && strncasecmp(t + start, "type", 4) == 0) {
    *type = t + value, *type_len = end - value;
    if (!in_list(dockerfile_mount_types, t + value, end - value, true)) {
      StrBuf types = STRBUF_INIT;
      list_values(dockerfile_mount_types, &types);
      diag_add(ctx->out, RULE_FLAG_VALUE_INVALID, ctx->file, value, end,
               "Docker stops the build: `--mount` has no type `%.*s`; the types are %s", (int)(end - value),
               t + value, strbuf_cstr(&types));
      strbuf_destroy(&types);
    }
  } else if (key_end - start == 7 && strncasecmp(t + start, "sharing", 7) == 0) {
    static const char *const modes[] = {"shared", "private", "locked", NULL};
    *sharing_at = start;
    if (!in_list(modes, t + value, end - value, true))
      diag_add(ctx->out, RULE_FLAG_VALUE_INVALID, ctx->file, value, end,
               "Docker stops the build: `sharing` is one of `shared`, `private`, `locked`, not `%.*s`",
               (int)(end - value), t + value);
  }
}

static void judge_mount(RuleCtx *ctx, const DfFlag *f) {
  const char *type = "bind"; /* the builder's default type */
  size_t type_len = 4, sharing_at = SIZE_MAX;
  for (size_t at = f->value.start; at < f->value.end;) {
    const char *comma = memchr(ctx->text->bytes + at, ',', f->value.end - at);
    size_t end = comma ? (size_t)(comma - ctx->text->bytes) : f->value.end;
    if (end > at) judge_mount_field(ctx, at, end, &type, &type_len, &sharing_at);
    at = end + 1;
  }
  if (sharing_at != SIZE_MAX && !(type_len == 5 && strncasecmp(type, "cache", 5) == 0))
    diag_add(ctx->out, RULE_FLAG_VALUE_INVALID, ctx->file, sharing_at, sharing_at + 7,
             "Docker stops the build: `sharing` applies to `type=cache` mounts only, not to `%.*s`",
             (int)type_len, type);
}

static void judge_flag_value(RuleCtx *ctx, const DockerfileModel *m, DfKind kind, const DfFlag *f) {
  const DfFlagSpec *spec = dockerfile_flag_spec(kind, f->name.text);
  if (!spec) return; /* unknown-flag's */
  const char *v = f->value.text;
  if (!v) {
    if (spec->value != DF_VALUE_BOOL)
      diag_add(ctx->out, RULE_FLAG_VALUE_INVALID, ctx->file, f->start, f->end,
               "Docker stops the build: `--%s` takes its value after `=` (`--%s=…`); a value after a blank "
               "is read as the next argument", f->name.text, f->name.text);
    return;
  }
  /* A variable word's value is unknown offline (a --mount with one is
   * left whole: its fields are one word). */
  if (val__variable_word(m, v)) return;
  if (spec->value == DF_VALUE_BOOL && strcasecmp(v, "true") != 0 && strcasecmp(v, "false") != 0)
    diag_add(ctx->out, RULE_FLAG_VALUE_INVALID, ctx->file, f->value.start, f->value.end,
             "Docker stops the build: `--%s` is `true` or `false` (or given bare), not `%s`", f->name.text, v);
  else if (spec->value == DF_VALUE_CHOICE && !in_list(spec->choices, v, strlen(v), false)) {
    StrBuf choices = STRBUF_INIT;
    list_values(spec->choices, &choices);
    diag_add(ctx->out, RULE_FLAG_VALUE_INVALID, ctx->file, f->value.start, f->value.end,
             "Docker stops the build: `--%s` is one of %s, not `%s`", f->name.text, strbuf_cstr(&choices), v);
    strbuf_destroy(&choices);
  } else if (spec->value == DF_VALUE_MOUNT)
    judge_mount(ctx, f);
}

/* `--link=` with nothing after it: the grammar wants a value after `=`,
 * so the instruction is an error region that starts with its keyword and
 * holds the flag's name. */
static void empty_bool_values(RuleCtx *ctx, TSNode error) {
  const char *t = ctx->text->bytes;
  TSTreeCursor cursor = ts_tree_cursor_new(error);
  DfKind kind = DF_OTHER;
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more; more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode c = ts_tree_cursor_current_node(&cursor);
    size_t s = ts_node_start_byte(c), e = ts_node_end_byte(c);
    if (kind == DF_OTHER) {
      kind = dockerfile_kind_of_keyword(t + s, e - s);
      if (kind == DF_OTHER) break; /* the region does not start with an instruction */
      continue;
    }
    if (!node_has(c, dockerfile_symbols()->flag_name) || e >= ctx->text->len || t[e] != '=') continue;
    bool empty = e + 1 >= ctx->text->len || t[e + 1] == ' ' || t[e + 1] == '\t' || t[e + 1] == '\r' ||
                 t[e + 1] == '\n';
    char name[64];
    size_t len = e - s < sizeof name - 1 ? e - s : sizeof name - 1;
    memcpy(name, t + s, len);
    name[len] = '\0';
    const DfFlagSpec *spec = dockerfile_flag_spec(kind, name);
    if (empty && spec && spec->value == DF_VALUE_BOOL)
      diag_add(ctx->out, RULE_FLAG_VALUE_INVALID, ctx->file, s >= 2 ? s - 2 : s, e + 1,
               "Docker stops the build: `--%s=` needs `true` or `false` after `=` (or drop the `=`)", name);
  }
  ts_tree_cursor_delete(&cursor);
}

void val__flag_value_invalid(RuleCtx *ctx) {
  const DfInstr *in = &ctx->model->instrs.items[ctx->instr];
  for (size_t k = 0; k < df_flags(in)->len; k++) judge_flag_value(ctx, ctx->model, in->kind, &df_flags(in)->items[k]);
}

void val__flag_value_invalid_errors(RuleCtx *ctx) {
  const Syntax *syntax = ws_syntax(ctx->ws, ctx->file);
  if (!syntax) return;
  SyntaxTopWalk walk;
  for (bool more = syntax_top_walk_errors(&walk, syntax); more; more = syntax_top_walk_next(&walk)) {
    TSNode node = syntax_top_walk_node(&walk);
    if (ts_node_symbol(node) == (TSSymbol)-1) empty_bool_values(ctx, node);
  }
  syntax_top_walk_end(&walk);
}

/* Catalog section F, stages: the names `FROM … AS name` gives
 * (stage-name-invalid, stage-name-duplicate, stage-name-reserved) and the
 * stages `COPY --from` and `RUN --mount=…,from=` name (copy-from-invalid,
 * copy-from-unknown-stage). */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <tree_sitter/api.h>

#include "dockls/base/strbuf.h"
#include "dockls/syntax/symbols.h"
#include "validation_rules.h"

/* --- stage names --- */

/* The aliases worth judging: present and not a variable word. */
static const DfStage *stage_next_named(const DockerfileModel *m, size_t *i) {
  for (; *i < m->stages.len; (*i)++) {
    const DfStage *st = &m->stages.items[*i];
    if (st->alias && st->alias[0] && !val__variable_word(m, st->alias)) {
      (*i)++;
      return st;
    }
  }
  return NULL;
}

/* BuildKit's stage-name pattern ^[a-z][a-z0-9-_.]*$, applied to the
 * lowercased name. */
static bool stage_name_valid(const char *name) {
  if (!isalpha((unsigned char)name[0])) return false;
  for (const char *p = name; *p; p++)
    if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.') return false;
  return true;
}

void val__stage_name_invalid(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  size_t i = 0;
  for (const DfStage *st; m && (st = stage_next_named(m, &i));) {
    if (stage_name_valid(st->alias)) continue;
    diag_add(ctx->out, RULE_STAGE_NAME_INVALID, ctx->file, st->alias_start, st->alias_end,
             "Docker stops the build: `%s` is not a valid stage name; a stage name starts with a letter and "
             "holds only letters, digits, `-`, `_` and `.`",
             st->alias);
  }
}

void val__stage_name_duplicate(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  size_t i = 0;
  for (const DfStage *st; m && (st = stage_next_named(m, &i));) {
    const DfStage *first = dockerfile_stage_named(m, st->alias);
    if (!first || first == st) continue;
    Diag *d = diag_add(ctx->out, RULE_STAGE_NAME_DUPLICATE, ctx->file, st->alias_start, st->alias_end,
                       "Docker stops the build: stage %zu is already named `%s` (names are compared without "
                       "case); rename one of them",
                       first->index, first->alias);
    diag_add_related(d, ctx->file, first->alias_start, first->alias_end, "the first stage with this name");
  }
}

void val__stage_name_reserved(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  size_t i = 0;
  for (const DfStage *st; m && (st = stage_next_named(m, &i));) {
    if (strcasecmp(st->alias, "scratch") == 0)
      diag_add(ctx->out, RULE_STAGE_NAME_RESERVED, ctx->file, st->alias_start, st->alias_end,
               "`%s` is reserved: `FROM scratch` always means the empty image, never this stage; BuildKit "
               "warns about the name",
               st->alias);
    else if (strcasecmp(st->alias, "context") == 0)
      diag_add(ctx->out, RULE_STAGE_NAME_RESERVED, ctx->file, st->alias_start, st->alias_end,
               "`%s` is reserved for named build contexts (`--build-context`); BuildKit warns about the name",
               st->alias);
  }
}

/* --- --from references --- */

/* A stage reference: the value of COPY --from or of a RUN --mount's
 * `from=` key, with the stage it is written in. */
typedef struct {
  const char *text; /* not NUL-terminated: len bytes */
  size_t len;
  size_t start, end; /* in the file */
  int stage;
  bool mount;
} FromRef;

typedef void (*FromVisit)(RuleCtx *ctx, const DockerfileModel *m, const FromRef *ref);

/* The `from=` value of a --mount list (`type=bind,from=x,target=/a`).
 * A quoted list (CSV quoting) is left alone: its offsets would not be
 * the text's. */
static void from_in_mount(RuleCtx *ctx, const DockerfileModel *m, const DfInstr *in, const DfText *value,
                          FromVisit visit) {
  const char *v = value->text;
  if (strchr(v, '"')) return;
  size_t at = val__text_start(value);
  for (size_t k = 0; v[k];) {
    size_t end = k + strcspn(v + k, ",");
    if (end - k >= 5 && strncasecmp(v + k, "from=", 5) == 0) {
      FromRef ref = {v + k + 5, end - k - 5, at + k + 5, at + end, in->stage, true};
      if (ref.len == 0) ref.start = at + k; /* an empty value: point at `from=` */
      visit(ctx, m, &ref);
    }
    k = v[end] ? end + 1 : end;
  }
}

/* Calls `visit` for every stage reference of the stages' own
 * instructions (not ONBUILD triggers, which run in another build). */
static void from_each(RuleCtx *ctx, FromVisit visit) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (!m) return;
  /* Only flags name stages: the instructions that hold one. */
  DfKindWalk walk;
  dockerfile_kind_walk(&walk, m, DF_INDEX_FLAGGED, DF_INDEX_FLAGGED, 0, m->instrs.len);
  for (size_t i; dockerfile_kind_next(&walk, &i);) {
    const DfInstr *in = &m->instrs.items[i];
    if (in->stage < 0 || (in->kind != DF_COPY && in->kind != DF_RUN)) continue;
    for (size_t f = 0; f < df_flags(in)->len; f++) {
      const DfFlag *flag = &df_flags(in)->items[f];
      if (!flag->value.text) continue; /* `--from x`: flag-value-invalid's finding */
      if (in->kind == DF_COPY && strcmp(flag->name.text, "from") == 0) {
        FromRef ref = {flag->value.text, strlen(flag->value.text), val__text_start(&flag->value),
                       flag->value.end, in->stage, false};
        if (ref.start + ref.len < ref.end) ref.end = ref.start + ref.len; /* without a closing quote */
        visit(ctx, m, &ref);
      } else if (in->kind == DF_RUN && strcmp(flag->name.text, "mount") == 0) {
        from_in_mount(ctx, m, in, &flag->value, visit);
      }
    }
  }
}

/* A stage index written as digits; false for anything else (a number
 * too long to be an index counts as one past every stage). */
static bool from_index(const FromRef *ref, size_t *index) {
  if (ref->len == 0 || strspn(ref->text, "0123456789") < ref->len) return false;
  *index = 0;
  for (size_t k = 0; k < ref->len; k++) {
    if (*index > 100000) break;
    *index = *index * 10 + (size_t)(ref->text[k] - '0');
  }
  return true;
}

/* An image reference rather than a stage name: it has a registry, a
 * path, a tag or a digest. */
static bool from_image_like(const FromRef *ref) {
  for (size_t k = 0; k < ref->len; k++)
    if (ref->text[k] == '/' || ref->text[k] == ':' || ref->text[k] == '@' || ref->text[k] == '.') return true;
  return false;
}

static bool from_names_stage(const FromRef *ref, const DfStage *st) {
  return st->alias && strlen(st->alias) == ref->len && strncasecmp(st->alias, ref->text, ref->len) == 0;
}

static void copy_from_invalid_visit(RuleCtx *ctx, const DockerfileModel *m, const FromRef *ref) {
  const char *what = ref->mount ? "`--mount` `from=`" : "`--from`";
  char *text = xstrndup(ref->text, ref->len);
  size_t index;
  const DfStage *own = &m->stages.items[ref->stage];
  if (ref->len == 0) {
    diag_add(ctx->out, RULE_COPY_FROM_INVALID, ctx->file, ref->start, ref->end,
             "%s names nothing: the builder reads from the build context instead of a stage; name a stage or "
             "an image",
             what);
  } else if (val__variable_word(m, text)) {
    /* A mount's options are expanded with the build's variables, so only
     * COPY --from is refused for holding one; the mount's value is then
     * unknown and not judged further. */
    if (!ref->mount)
      diag_add(ctx->out, RULE_COPY_FROM_INVALID, ctx->file, ref->start, ref->end,
               "Docker stops the build: variable expansion is not supported for `--from`; define a stage with "
               "`FROM ${VAR} AS name` (the ARG declared before the first FROM) and name that stage");
  } else if (from_index(ref, &index) && index == (size_t)ref->stage) {
    diag_add(ctx->out, RULE_COPY_FROM_INVALID, ctx->file, ref->start, ref->end,
             "Docker stops the build: %s %s is this stage's own index (a stage cannot read from itself)", what,
             text);
  } else if (from_index(ref, &index) && index >= m->stages.len) {
    diag_add(ctx->out, RULE_COPY_FROM_INVALID, ctx->file, ref->start, ref->end,
             "Docker stops the build: %s %s is no stage index: the file has %zu stage%s (0-%zu)", what, text,
             m->stages.len, m->stages.len == 1 ? "" : "s", m->stages.len - 1);
  } else if (from_names_stage(ref, own)) {
    diag_add(ctx->out, RULE_COPY_FROM_INVALID, ctx->file, ref->start, ref->end,
             "Docker stops the build: %s `%s` names the stage it is in (a stage cannot read from itself)", what,
             text);
  } else if (!isalnum((unsigned char)text[0])) {
    diag_add(ctx->out, RULE_COPY_FROM_INVALID, ctx->file, ref->start, ref->end,
             "Docker stops the build: %s `%s` is neither a stage nor an image reference (both start with a "
             "letter or digit)",
             what, text);
  }
  xfree(text);
}

/* `COPY --from= src dest`: a flag with `=` and no value does not parse,
 * so the instruction is an ERROR node the model does not hold.  The
 * node's children still show the keyword and the flag; the builder would
 * read the empty value as "no --from" and copy from the build context. */
static void copy_from_empty_in_error(RuleCtx *ctx, TSNode error) {
  const DockerfileSymbols *y = dockerfile_symbols();
  DfKind keyword = DF_OTHER;
  uint32_t n = ts_node_child_count(error);
  for (uint32_t i = 0; i < n; i++) {
    TSNode c = ts_node_child(error, i);
    if (!ts_node_is_named(c)) {
      DfKind k = dockerfile_kind_of_keyword(ts_node_type(c), strlen(ts_node_type(c)));
      if (k != DF_OTHER) keyword = k;
      continue;
    }
    size_t start = ts_node_start_byte(c), end = ts_node_end_byte(c);
    if (keyword != DF_COPY || !node_has(c, y->flag_name) || end - start != 4 ||
        strncmp(ctx->text->bytes + start, "from", 4) != 0 || i + 1 >= n)
      continue;
    TSNode eq = ts_node_child(error, i + 1);
    if (strcmp(ts_node_type(eq), "=") != 0) continue;
    if (i + 2 < n && node_has(ts_node_child(error, i + 2), y->flag_value)) continue;
    size_t from = i > 0 ? ts_node_start_byte(ts_node_child(error, i - 1)) : start;
    diag_add(ctx->out, RULE_COPY_FROM_INVALID, ctx->file, from, ts_node_end_byte(eq),
             "`--from=` names nothing: the builder reads from the build context instead of a stage; name a stage "
             "or an image");
  }
}

void val__copy_from_invalid(RuleCtx *ctx) {
  from_each(ctx, copy_from_invalid_visit);
  const Syntax *syntax = ws_syntax(ctx->ws, ctx->file);
  if (!syntax) return;
  /* The root's children through a cursor (indexed access walks the
   * grammar's nested instruction list, architecture.md), and only those
   * that hold an error. */
  SyntaxTopWalk walk;
  for (bool more = syntax_top_walk_errors(&walk, syntax); more; more = syntax_top_walk_next(&walk)) {
    TSNode node = syntax_top_walk_node(&walk);
    if (ts_node_symbol(node) == (TSSymbol)-1) copy_from_empty_in_error(ctx, node); /* an ERROR node */
  }
  syntax_top_walk_end(&walk);
}

static void copy_from_unknown_visit(RuleCtx *ctx, const DockerfileModel *m, const FromRef *ref) {
  size_t index;
  if (ref->len == 0 || from_index(ref, &index) || from_image_like(ref)) return;
  char *text = xstrndup(ref->text, ref->len);
  const char **names = xcalloc(m->stages.len + 1, sizeof *names);
  size_t count = 0;
  bool known = false;
  /* Every stage counts, later ones too: BuildKit allows naming a stage
   * further down. */
  for (size_t s = 0; s < m->stages.len; s++) {
    const DfStage *st = &m->stages.items[s];
    if (!st->alias || val__variable_word(m, st->alias)) continue;
    known |= from_names_stage(ref, st);
    names[count++] = st->alias;
  }
  const char *close = known || val__variable_word(m, text) ? NULL : val__close_name(text, names, count);
  if (close) {
    Diag *d = diag_add(ctx->out, RULE_COPY_FROM_UNKNOWN_STAGE, ctx->file, ref->start, ref->end,
                       "no stage is named `%s`, so the builder pulls an image of that name instead; did you mean "
                       "the stage `%s`?",
                       text, close);
    StrBuf title = STRBUF_INIT;
    strbuf_appendf(&title, "Read from the stage `%s`", close);
    Fix *fix = rules__add_fix(ctx, d, strbuf_cstr(&title), true);
    fix_add_edit(fix, ctx->file, ref->start, ref->end, close);
    strbuf_destroy(&title);
  }
  xfree(names);
  xfree(text);
}

void val__copy_from_unknown_stage(RuleCtx *ctx) { from_each(ctx, copy_from_unknown_visit); }

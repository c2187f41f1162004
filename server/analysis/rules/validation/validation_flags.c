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
  const char *close = validation__close_name(name, len, names);
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
  ValidationWord words[8];
  size_t n = validation__split_words(ctx, m->escape, in->keyword_end, in->end, words, 8);
  const char *t = ctx->text->bytes;
  for (size_t i = 0; i < n && i < 8; i++) {
    const ValidationWord *w = &words[i];
    if (w->end - w->start < 2 || t[w->start] != '-' || t[w->start + 1] != '-') break;
    size_t name_end = w->start + 2;
    while (name_end < w->end && t[name_end] != '=') name_end++;
    if (name_end == w->start + 2) break; /* `--` ends the flags */
    judge_flag_name(ctx, in->kind, w->start, w->start + 2, name_end, w->end);
  }
}

void validation__unknown_flag(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (!m) return;
  for (size_t i = 0; i < m->instrs.len; i++) {
    const DfInstr *in = &m->instrs.items[i];
    if (!reads_flags(in->kind)) {
      plain_text_flags(ctx, m, in);
      continue;
    }
    for (size_t k = 0; k < in->flags.len; k++) {
      const DfFlag *f = &in->flags.items[k];
      judge_flag_name(ctx, in->kind, f->start, f->name.start, f->name.end, f->end);
    }
  }
}

/* --- flag-duplicate --- */

static bool same_value(const DfFlag *a, const DfFlag *b) {
  if (!a->value.text || !b->value.text) return !a->value.text && !b->value.text;
  return strcmp(a->value.text, b->value.text) == 0;
}

void validation__flag_duplicate(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (!m) return;
  const char *t = ctx->text->bytes;
  for (size_t i = 0; i < m->instrs.len; i++) {
    const DfInstr *in = &m->instrs.items[i];
    for (size_t k = 1; k < in->flags.len; k++) {
      const DfFlag *f = &in->flags.items[k];
      const DfFlagSpec *spec = dockerfile_flag_spec(in->kind, f->name.text);
      /* Unknown flags are unknown-flag's; repeatable ones may recur. */
      if (!spec || spec->repeatable) continue;
      const DfFlag *first = NULL;
      for (size_t j = 0; j < k && !first; j++)
        if (strcmp(in->flags.items[j].name.text, f->name.text) == 0) first = &in->flags.items[j];
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
}

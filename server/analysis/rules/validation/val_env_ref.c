/* env-same-statement-ref: in `ENV A=1 B=$A`, the builder expands every
 * value of the instruction with the variables as they were before it, so
 * B gets A's old value (usually nothing), not 1.  Flagged when an earlier
 * pair of the same ENV sets the name and nothing before the ENV does: a
 * name defined before is plausibly meant with its old value (hadolint
 * DL3044 judges so too). */
#include <string.h>

#include "dockls/base/strbuf.h"
#include "validation_rules.h"

static bool er_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Whether an ARG or ENV before instruction `before` declares `name`. */
static bool er_defined_before(const DockerfileModel *m, size_t before, const char *name, size_t len) {
  DfKindWalk walk;
  dockerfile_kind_walk(&walk, m, DF_ARG, DF_ENV, 0, before);
  for (size_t i; dockerfile_kind_next(&walk, &i);) {
    const DfInstr *in = &m->instrs.items[i];
    for (size_t p = 0; p < df_pairs(in)->len; p++)
      if (strlen(df_pairs(in)->items[p].key.text) == len && strncmp(df_pairs(in)->items[p].key.text, name, len) == 0)
        return true;
  }
  return false;
}

/* The index of the pair before `upto` in `in` that sets name, or upto. */
static size_t er_earlier_pair(const DfInstr *in, size_t upto, const char *name, size_t len) {
  for (size_t p = 0; p < upto; p++)
    if (strlen(df_pairs(in)->items[p].key.text) == len && strncmp(df_pairs(in)->items[p].key.text, name, len) == 0)
      return p;
  return upto;
}

/* Splits the ENV before pair `p`: the blank (and any line continuation)
 * between the previous pair and it becomes a line break and `ENV `.  Not
 * offered when a comment line sits in between, which the edit would
 * delete. */
static void er_split_fix(RuleCtx *ctx, Diag *d, const DfInstr *in, size_t p) {
  size_t from = df_pairs(in)->items[p - 1].end, to = df_pairs(in)->items[p].start;
  if (memchr(ctx->text->bytes + from, '#', to - from)) return;
  StrBuf text = STRBUF_INIT;
  strbuf_appendf(&text, "%sENV ", rules__eol(ctx->text));
  Fix *fix = rules__add_fix(ctx, d, "Split the ENV so this value sees the new one", false);
  fix_add_edit(fix, ctx->file, from, to, strbuf_cstr(&text));
  strbuf_destroy(&text);
}

/* The first reference in the raw value of pair p to a name set by an
 * earlier pair of the same ENV; reported once per pair, since one split
 * fixes them all. */
static void er_pair(RuleCtx *ctx, const DockerfileModel *m, size_t index, size_t p) {
  const DfInstr *in = &m->instrs.items[index];
  const DfPair *pair = &df_pairs(in)->items[p];
  if (!pair->value.text) return;
  const char *t = ctx->text->bytes;
  bool squote = false;
  for (size_t i = pair->value.start; i < pair->value.end; i++) {
    char c = t[i];
    if (squote) {
      squote = c != '\'';
      continue;
    }
    if (c == m->escape) {
      i++;
      continue;
    }
    if (c == '\'') {
      squote = true;
      continue;
    }
    if (c != '$') continue;
    bool braced = i + 1 < pair->value.end && t[i + 1] == '{';
    size_t name = i + 1 + braced, end = name;
    while (end < pair->value.end && er_name_char(t[end])) end++;
    if (end == name) continue;
    size_t len = end - name;
    size_t setter = er_earlier_pair(in, p, t + name, len);
    bool self = strlen(pair->key.text) == len && strncmp(pair->key.text, t + name, len) == 0;
    if (setter == p || self || er_defined_before(m, index, t + name, len)) continue;
    const DfPair *set = &df_pairs(in)->items[setter];
    size_t ref_end = braced && end < pair->value.end && t[end] == '}' ? end + 1 : end;
    Diag *d = diag_add(ctx->out, RULE_ENV_SAME_STATEMENT_REF, ctx->file, i, ref_end,
                       "`%.*s` is set by this same ENV, but the builder expands every value with the variables as "
                       "they were before it: here `%.*s` has its value from before this ENV (none that this file "
                       "sets), not `%s`",
                       (int)len, t + name, (int)len, t + name, set->value.text ? set->value.text : "");
    er_split_fix(ctx, d, in, p);
    return;
  }
}

void val__env_same_statement_ref(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (!m) return;
  /* Only an ENV that sets two variables or more can refer to one it sets:
   * the model's index lists those, so a keystroke does not visit every ENV
   * of the file. */
  DfKindWalk walk;
  dockerfile_kind_walk(&walk, m, DF_INDEX_ENV_PAIRS, DF_INDEX_ENV_PAIRS, 0, m->instrs.len);
  for (size_t i; dockerfile_kind_next(&walk, &i);)
    for (size_t p = 1; p < df_pairs(&m->instrs.items[i])->len; p++) er_pair(ctx, m, i, p);
}

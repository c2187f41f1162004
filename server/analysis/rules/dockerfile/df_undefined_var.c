/* undefined-var (rules-parity section G): a variable the builder expands
 * to an empty string because nothing before it sets it.  The builder
 * expands variables itself in ADD, COPY, ENV, EXPOSE, LABEL, STOPSIGNAL,
 * USER, VOLUME, WORKDIR and ARG defaults; an unset one becomes empty
 * without a word.  The base image may set variables this file cannot
 * see (PYTHONPATH, PHPIZE_DEPS, JAVA_HOME), and reporting those is what
 * made BuildKit's users turn its check off, so a name is reported only
 * when it is certainly empty or almost certainly a typo:
 *   (a) a global or automatic platform ARG the stage did not declare
 *       again (a stage sees such an ARG only after `ARG NAME`);
 *   (b) the stage is built on an image and a defined name is close to it
 *       (`$PAHT` next to PATH);
 *   (c) the stage is built from scratch, which defines nothing. */
#include <string.h>
#include <strings.h>

#include "dockls/model/dockerfile_spec.h"
#include "../validation/validation_rules.h"
#include "dockerfile_rules.h"

/* What a stage has set so far, and where its chain starts. */
typedef struct {
  RuleCtx *ctx;
  const DockerfileModel *m;
  const DfStage *stage;
  Array(const char *) defined; /* borrowed keys; "PATH" first, which every image has */
  bool scratch;                /* the chain starts at scratch */
  bool collecting;             /* the first pass: only fill `undeclared` */
  StrArray undeclared;         /* case (a) names of the stage, in the order of first use */
} UvScope;

static bool uv_defined(const UvScope *sc, const char *name, size_t len) {
  for (size_t i = 0; i < sc->defined.len; i++)
    if (strlen(sc->defined.items[i]) == len && strncmp(sc->defined.items[i], name, len) == 0) return true;
  return false;
}

static bool uv_proxy(const char *name, size_t len) {
  for (size_t i = 0; dockerfile_proxy_args[i]; i++)
    if (strlen(dockerfile_proxy_args[i]) == len && strncasecmp(dockerfile_proxy_args[i], name, len) == 0)
      return true;
  return false;
}

static bool uv_name_char(char c, bool first) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!first && c >= '0' && c <= '9');
}

/* Whether `hay` holds `needle`, compared without case. */
static bool uv_holds(const char *hay, const char *needle) {
  size_t h = strlen(hay), n = strlen(needle);
  for (size_t i = 0; i + n <= h; i++)
    if (strncasecmp(hay + i, needle, n) == 0) return true;
  return false;
}

/* Every undeclared global or platform ARG of the stage as `ARG NAME`
 * lines after the stage's FROM instruction.  Each such diagnostic of the
 * stage gets this same fix, so applying any one of them repairs all (two
 * insertions at one place would conflict, and fix-all would need a round
 * for each). */
static void uv_declare_fix(const UvScope *sc, Diag *d) {
  Fix *fix = rules__add_fix(sc->ctx, d, "Declare the stage's undeclared ARGs after its FROM", true);
  if (!fix) return;
  const DfInstr *from = &sc->m->instrs.items[sc->stage->from_instr];
  size_t line, after;
  rules__line_span(sc->ctx->text, from->start, from->end > from->start ? from->end - 1 : from->end, &line, &after);
  /* rules__insert_line_before indents the first line like the line it
   * goes before; the others get the same indentation here. */
  const char *t = sc->ctx->text->bytes;
  size_t indent = after;
  while (indent < sc->ctx->text->len && (t[indent] == ' ' || t[indent] == '\t')) indent++;
  StrBuf args = STRBUF_INIT;
  for (size_t i = 0; i < sc->undeclared.len; i++) {
    if (i) {
      strbuf_append(&args, rules__eol(sc->ctx->text));
      strbuf_append_n(&args, t + after, indent - after);
    }
    strbuf_appendf(&args, "ARG %s", sc->undeclared.items[i]);
  }
  rules__insert_line_before(fix, sc->ctx->file, sc->ctx->text, after, strbuf_cstr(&args));
  strbuf_destroy(&args);
}

/* Judges the variable text[start, end) (its name, without `$` or braces). */
static void uv_judge(UvScope *sc, size_t start, size_t end) {
  RuleCtx *ctx = sc->ctx;
  const char *name = ctx->text->bytes + start;
  size_t len = end - start;
  int n = (int)len;
  if (uv_defined(sc, name, len) || uv_proxy(name, len)) return;
  if (val__global_arg(sc->m, name, len) || val__predefined_arg(name, len)) {
    if (sc->collecting) {
      bool seen = false;
      for (size_t i = 0; i < sc->undeclared.len; i++)
        seen |= strlen(sc->undeclared.items[i]) == len && strncmp(sc->undeclared.items[i], name, len) == 0;
      if (!seen) array_push(&sc->undeclared, xstrndup(name, len));
      return;
    }
    Diag *d = diag_add(ctx->out, RULE_UNDEFINED_VAR, ctx->file, start, end,
                       "`%.*s` is %s ARG, which a stage sees only after its own `ARG %.*s`: %sthe builder "
                       "expands it to an empty string here",
                       n, name, val__predefined_arg(name, len) ? "an automatic platform" : "a global", n, name,
                       sc->scratch ? "" : "unless the base image sets it, ");
    uv_declare_fix(sc, d);
    return;
  }
  if (sc->collecting) return;
  char *word = xstrndup(name, len);
  const char *close = val__close_name(word, sc->defined.items, sc->defined.len);
  /* A name that holds the other whole (GOPATH and PATH, JAVA_HOME and
   * HOME) is a variable of its own built on that name, which the golang
   * or java base image sets, not a misspelling of it. */
  if (close && (uv_holds(word, close) || uv_holds(close, word))) close = NULL;
  Diag *d = NULL;
  if (sc->scratch)
    d = diag_add(ctx->out, RULE_UNDEFINED_VAR, ctx->file, start, end,
                 "no ARG or ENV before this sets `%s`, and a stage built from scratch inherits none: the "
                 "builder expands it to an empty string%s%s%s",
                 word, close ? "; did you mean `" : "", close ? close : "", close ? "`?" : "");
  else if (close)
    d = diag_add(ctx->out, RULE_UNDEFINED_VAR, ctx->file, start, end,
                 "no ARG or ENV before this sets `%s`, so unless the base image does, the builder expands it "
                 "to an empty string; did you mean `%s`?",
                 word, close);
  if (d && close) {
    /* A one-letter slip is surely the close name; two may be a name the
     * base image defines, so that rename is offered but not applied. */
    Fix *fix = rules__add_fix(ctx, d, "Use the close name", val__name_distance(word, close) == 1);
    fix_add_edit(fix, ctx->file, start, end, close);
  }
  xfree(word);
}

/* Each `$NAME` and `${NAME}` of text[start, end) that the builder
 * expands: not escaped, not inside single quotes, and without an
 * operator (`${NAME:-default}` and the like plan for an unset name). */
static void uv_scan(UvScope *sc, size_t start, size_t end) {
  const char *t = sc->ctx->text->bytes;
  bool single = false, dquote = false;
  for (size_t i = start; i < end; i++) {
    if (t[i] == sc->m->escape && !single) {
      i++;
      continue;
    }
    if (t[i] == '\'' && !dquote) single = !single;
    if (t[i] == '"' && !single) dquote = !dquote;
    if (t[i] != '$' || single || i + 1 >= end) continue;
    bool braced = t[i + 1] == '{';
    size_t name = i + 1 + braced, ne = name;
    if (ne >= end || !uv_name_char(t[ne], true)) continue;
    while (ne < end && uv_name_char(t[ne], false)) ne++;
    i = ne - 1;
    if (braced && (ne >= end || t[ne] != '}')) continue;
    uv_judge(sc, name, ne);
  }
}

static bool uv_expanded(DfKind kind) {
  switch (kind) {
    case DF_ADD: case DF_COPY: case DF_ENV: case DF_EXPOSE: case DF_LABEL: case DF_STOPSIGNAL:
    case DF_USER: case DF_VOLUME: case DF_WORKDIR: case DF_ARG:
      return true;
    default:
      return false;
  }
}

/* Checks one instruction's expanded words and adds its ARG/ENV keys.  A
 * key counts from the next pair on, and ENV's later pairs see the earlier
 * ones as set (reading them early is env-same-statement-ref's concern). */
static void uv_instr(UvScope *sc, const DfInstr *in) {
  if (!uv_expanded(in->kind)) return;
  for (size_t k = 0; k < df_paths(in)->len; k++) uv_scan(sc, df_paths(in)->items[k].start, df_paths(in)->items[k].end);
  for (size_t k = 0; k < df_pairs(in)->len; k++) {
    const DfPair *p = &df_pairs(in)->items[k];
    if (p->value.text) uv_scan(sc, p->value.start, p->value.end);
    if (in->kind == DF_ARG || in->kind == DF_ENV) array_push(&sc->defined, (const char *)p->key.text);
  }
}

/* Whether a word of the instruction that the builder expands holds a
 * `$`: only then is there a name to judge, and only then does the
 * checker read the instructions before it. */
static bool uv_mentions_variable(const char *t, const DfInstr *in) {
  if (!uv_expanded(in->kind)) return false;
  for (size_t k = 0; k < df_paths(in)->len; k++) {
    const DfText *path = &df_paths(in)->items[k];
    if (memchr(t + path->start, '$', path->end - path->start)) return true;
  }
  for (size_t k = 0; k < df_pairs(in)->len; k++) {
    const DfPair *p = &df_pairs(in)->items[k];
    if (p->value.text && memchr(t + p->value.start, '$', p->value.end - p->value.start)) return true;
  }
  return false;
}

/* What the stages the instruction's stage is built from leave set (their
 * ENVs; their ARGs end with them), and whether the chain starts at
 * scratch. */
static void uv_inherit(UvScope *sc) {
  const DfStage *chain[DF_MAX_CHAIN];
  size_t n = dockerfile_stage_chain(sc->m, sc->stage, chain);
  sc->scratch = n > 0 && chain[0]->image && strcasecmp(chain[0]->image, "scratch") == 0;
  for (size_t c = 0; c + 1 < n; c++)
    for (size_t i = chain[c]->first; i < chain[c]->last; i++) {
      const DfInstr *in = &sc->m->instrs.items[i];
      for (size_t k = 0; in->kind == DF_ENV && k < df_pairs(in)->len; k++)
        array_push(&sc->defined, (const char *)df_pairs(in)->items[k].key.text);
    }
}

/* Per instruction, reading the stage (whether its chain starts at
 * scratch), the global ARGs and the ARGs and ENVs before it
 * (RULE_READS_BEFORE), which it reads only when the instruction mentions
 * a variable.  The fix of a global ARG's report declares every such ARG
 * the stage uses, so building it reads the whole stage: only an analysis
 * with fixes does, and such an analysis keeps no results. */
void df__undefined_var(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  const DfInstr *in = &m->instrs.items[ctx->instr];
  if (in->stage < 0 || !uv_mentions_variable(ctx->text->bytes, in)) return;
  rules__reads_before(ctx);
  UvScope sc = {.ctx = ctx, .m = m, .stage = &m->stages.items[in->stage]};
  array_init(&sc.defined);
  array_init(&sc.undeclared);
  array_push(&sc.defined, "PATH");
  uv_inherit(&sc);
  size_t inherited = sc.defined.len;
  if (ctx->fixes) {
    rules__looked_outside(ctx);
    sc.collecting = true;
    for (size_t i = sc.stage->first; i < sc.stage->last; i++) uv_instr(&sc, &m->instrs.items[i]);
    sc.collecting = false;
    sc.defined.len = inherited;
  }
  for (size_t i = sc.stage->first; i < ctx->instr; i++) {
    const DfInstr *before = &m->instrs.items[i];
    for (size_t k = 0; (before->kind == DF_ARG || before->kind == DF_ENV) && k < df_pairs(before)->len; k++)
      array_push(&sc.defined, (const char *)df_pairs(before)->items[k].key.text);
  }
  uv_instr(&sc, in);
  strarray_delete(&sc.undeclared);
  array_delete(&sc.defined);
}

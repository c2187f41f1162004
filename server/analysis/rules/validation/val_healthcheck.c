/* healthcheck-form and healthcheck-option-invalid: what the builder
 * refuses in a HEALTHCHECK, its form (`CMD command` or `NONE`) and the
 * values of its duration and count options. */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <tree_sitter/api.h>

#include "dockls/syntax/symbols.h"
#include "validation_rules.h"

/* --- healthcheck-form --- */

/* The parts of one HEALTHCHECK node. */
typedef struct {
  TSNode keyword, none, cmd, command, type, after_none;
  bool flag_without_value; /* its last flag takes a value and has none */
} HealthParts;

static void health_parts(TSNode node, HealthParts *p) {
  const DockerfileSymbols *y = dockerfile_symbols();
  memset(p, 0, sizeof *p);
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more; more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode c = ts_tree_cursor_current_node(&cursor);
    const char *field = ts_tree_cursor_current_field_name(&cursor);
    const char *type = ts_node_type(c);
    if (ts_node_is_null(p->keyword)) {
      p->keyword = c;
    } else if (node_has(c, y->flag)) {
      TSNode name = ts_node_child_by_field_name(c, "name", 4);
      bool valued = !ts_node_is_null(ts_node_child_by_field_name(c, "value", 5));
      p->flag_without_value = !valued && !ts_node_is_null(name);
    } else if (!ts_node_is_named(c) && strcmp(type, "NONE") == 0) {
      p->none = c;
    } else if (!ts_node_is_named(c) && strcmp(type, "CMD") == 0) {
      p->cmd = c;
    } else if (field && strcmp(field, "command") == 0) {
      p->command = c;
    } else if (field && strcmp(field, "type") == 0) {
      p->type = c;
    } else if (ts_node_symbol(c) == (TSSymbol)-1 && !ts_node_is_null(p->none)) {
      p->after_none = c;
    }
  }
  ts_tree_cursor_delete(&cursor);
}

/* True when the word names a program rather than a check type: a check
 * type is written like an instruction keyword, in capitals (the legacy
 * builder knew `CONNECT TCP`), a program rarely is. */
static bool looks_like_command(const char *word, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (!isupper((unsigned char)word[i])) return true;
  return false;
}

static void judge_healthcheck(RuleCtx *ctx, TSNode node) {
  const char *t = ctx->text->bytes;
  HealthParts p;
  health_parts(node, &p);
  size_t kw_start = ts_node_start_byte(p.keyword), kw_end = ts_node_end_byte(p.keyword);
  if (!ts_node_is_null(p.type)) {
    /* `--retries 3 CMD …`: the type is the flag's stray value, which
     * flag-value-invalid explains. */
    if (p.flag_without_value) return;
    size_t s = ts_node_start_byte(p.type), e = s;
    while (e < ts_node_end_byte(p.type) && !isspace((unsigned char)t[e])) e++;
    Diag *d = diag_add(ctx->out, RULE_HEALTHCHECK_FORM, ctx->file, s, e,
                       "Docker stops the build: HEALTHCHECK takes `CMD <command>` or `NONE`, not `%.*s`",
                       (int)(e - s), t + s);
    if (looks_like_command(t + s, e - s)) {
      bool lower = islower((unsigned char)t[kw_start]);
      Fix *fix = rules__add_fix(ctx, d, lower ? "Insert `cmd`" : "Insert `CMD`", true);
      fix_add_edit(fix, ctx->file, s, s, lower ? "cmd " : "CMD ");
    }
  } else if (!ts_node_is_null(p.cmd) && ts_node_is_null(p.command)) {
    diag_add(ctx->out, RULE_HEALTHCHECK_FORM, ctx->file, ts_node_start_byte(p.cmd), ts_node_end_byte(p.cmd),
             "Docker stops the build: HEALTHCHECK CMD needs the command to run");
  } else if (!ts_node_is_null(p.after_none)) {
    size_t s = ts_node_start_byte(p.after_none), e = ts_node_end_byte(p.after_none);
    Diag *d = diag_add(ctx->out, RULE_HEALTHCHECK_FORM, ctx->file, s, e,
                       "Docker stops the build: HEALTHCHECK NONE takes nothing after it");
    /* Dropping words may drop what the author meant to say. */
    Fix *fix = rules__add_fix(ctx, d, "Remove the words after NONE", false);
    fix_add_edit(fix, ctx->file, ts_node_end_byte(p.none), e, "");
  } else if (ts_node_is_null(p.none) && ts_node_is_null(p.cmd)) {
    if (p.flag_without_value) return;
    diag_add(ctx->out, RULE_HEALTHCHECK_FORM, ctx->file, kw_start, kw_end,
             "Docker stops the build: HEALTHCHECK needs `CMD <command>` or `NONE`");
  }
}

void val__healthcheck_form(RuleCtx *ctx) {
  const DfInstr *in = &ctx->model->instrs.items[ctx->instr];
  if (in->kind != DF_HEALTHCHECK && in->kind != DF_ONBUILD) return;
  const Syntax *syntax = ws_syntax(ctx->ws, ctx->file);
  if (!syntax) return;
  const DockerfileSymbols *y = dockerfile_symbols();
  /* The model says where the instruction is; asking the tree for its
   * node costs a descent within one chunk. */
  TSNode root = syntax_root_for(syntax, in->start);
  TSNode node = ts_node_descendant_for_byte_range(root, (uint32_t)in->start, (uint32_t)in->end);
  if (node_has(node, y->onbuild_instruction)) node = ts_node_child_by_field_name(node, "instruction", 11);
  if (node_has(node, y->healthcheck_instruction)) judge_healthcheck(ctx, node);
}

/* --- healthcheck-option-invalid --- */

/* True when the text is a number Go could read but carries no unit. */
static bool number_without_unit(const char *s) {
  if (*s == '-' || *s == '+') s++;
  bool digits = false;
  for (; isdigit((unsigned char)*s) || *s == '.'; s++) digits |= *s != '.';
  return digits && !*s;
}

static void judge_duration(RuleCtx *ctx, const DfFlag *f) {
  const char *v = f->value.text;
  double ms;
  if (rules__duration_ms(v, &ms)) {
    if (ms != 0 && ms < 1)
      diag_add(ctx->out, RULE_HEALTHCHECK_OPTION_INVALID, ctx->file, f->value.start, f->value.end,
               "Docker stops the build: `--%s` must be 0 or at least 1ms, not `%s`", f->name.text, v);
    return;
  }
  if (!number_without_unit(v)) {
    diag_add(ctx->out, RULE_HEALTHCHECK_OPTION_INVALID, ctx->file, f->value.start, f->value.end,
             "Docker stops the build: `--%s` takes a duration such as 30s, 1m30s or 500ms (units ns, us, ms, s, "
             "m, h), not `%s`", f->name.text, v);
    return;
  }
  Diag *d = diag_add(ctx->out, RULE_HEALTHCHECK_OPTION_INVALID, ctx->file, f->value.start, f->value.end,
                     "Docker stops the build: `--%s=%s` has no unit (ns, us, ms, s, m, h)", f->name.text, v);
  /* Seconds are the likely meaning, but not a certain one. */
  Fix *fix = rules__add_fix(ctx, d, "Append the unit `s`", false);
  fix_add_edit(fix, ctx->file, f->value.end, f->value.end, "s");
}

static void judge_retries(RuleCtx *ctx, const DfFlag *f) {
  const char *v = f->value.text, *p = v;
  if (*p == '-' || *p == '+') p++;
  bool number = *p != '\0';
  for (; *p && number; p++) number = isdigit((unsigned char)*p);
  if (!number)
    diag_add(ctx->out, RULE_HEALTHCHECK_OPTION_INVALID, ctx->file, f->value.start, f->value.end,
             "Docker stops the build: `--retries` takes a whole number, not `%s`", v);
  else if (v[0] == '-' && strspn(v + 1, "0") != strlen(v + 1))
    diag_add(ctx->out, RULE_HEALTHCHECK_OPTION_INVALID, ctx->file, f->value.start, f->value.end,
             "Docker stops the build: `--retries` cannot be negative");
}

void val__healthcheck_option_invalid(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  const DfInstr *in = &m->instrs.items[ctx->instr];
  for (size_t k = 0; in->kind == DF_HEALTHCHECK && k < df_flags(in)->len; k++) {
    const DfFlag *f = &df_flags(in)->items[k];
    const DfFlagSpec *spec = dockerfile_flag_spec(DF_HEALTHCHECK, f->name.text);
    /* A missing value is flag-value-invalid's; a variable's value is
     * unknown offline. */
    if (!spec || !f->value.text || val__variable_word(m, f->value.text)) continue;
    if (spec->value == DF_VALUE_DURATION) judge_duration(ctx, f);
    else if (spec->value == DF_VALUE_INT) judge_retries(ctx, f);
  }
}

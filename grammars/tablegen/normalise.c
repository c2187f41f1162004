/*
 * Normalisation: rule trees to flat productions over numbered symbols.
 *
 * Symbols are numbered the way the runtime expects: 0 is `end`, the external
 * tokens follow in declaration order, then the non-terminals (rules in file
 * order, inline rules left out, repeat helpers appended as they are made),
 * then alias-only symbols.  Every choice inside a rule is expanded into
 * separate productions, so a production is a plain list of steps that carry
 * their own field, alias and precedence.
 *
 * repeat(x) becomes a hidden helper R with the productions R -> R R and
 * R -> x, and the rule refers to choice(R, blank).  The R -> R R form (not
 * left recursion) is what keeps incremental reparses equal to fresh parses;
 * lr.c turns its shift/reduce conflict into one REDUCE + SHIFT_REPEAT entry.
 */
#include "tablegen.h"

#include <ctype.h>
#include <string.h>

typedef struct {
  Array(Step) steps;
  int dynamic_prec;
} Alt;

typedef Array(Alt) AltList;

/* The annotations that enclosing field/alias/prec nodes put on each step. */
typedef struct {
  int field;       /* index into Normaliser.fields + 1, or 0 */
  int alias;       /* symbol id, or -(k+1) for pending alias k, or 0 */
  int prec;
  Assoc assoc;
} Context;

typedef struct {
  char *name;
  bool named;
} PendingAlias;

typedef struct {
  const GrammarFile *file;
  Grammar *g;
  IntList rule_symbol;          /* per file rule: symbol id, or -1 when inlined */
  NameList fields;              /* in order of first use */
  Array(PendingAlias) aliases;
  int current_rule;             /* symbol whose rule is being flattened */
  int repeat_counter;
  int inline_depth;
} Normaliser;

static AltList flatten(Normaliser *n, const Rule *rule, Context ctx);

/* --- Symbols --- */

static int symbol_add(Grammar *g, const char *name, bool visible, bool named) {
  Symbol sym = {0};
  sym.name = tg_xstrdup(name);
  sym.visible = visible;
  sym.named = named;
  sym.origin = -1;
  array_push(&g->symbols, sym);
  return (int)g->symbols.size - 1;
}

static int file_rule_index(const GrammarFile *file, const char *name) {
  for (uint32_t i = 0; i < file->rules.size; i++) {
    if (strcmp(file->rules.contents[i].name, name) == 0) return (int)i;
  }
  return -1;
}

static bool name_in(const NameList *list, const char *name) {
  for (uint32_t i = 0; i < list->size; i++) {
    if (strcmp(list->contents[i], name) == 0) return true;
  }
  return false;
}

/* Resolves a SYMBOL or STRING leaf to a terminal or non-terminal id. */
static int resolve_leaf(Normaliser *n, const Rule *rule) {
  Grammar *g = n->g;
  if (rule->kind == RULE_STRING) {
    for (uint32_t i = 1; i < g->token_count; i++) {
      Symbol *s = &g->symbols.contents[i];
      if (s->is_string && strcmp(s->name, rule->text) == 0) return (int)i;
    }
    tg_fatal("string \"%s\" is not declared in externals: every terminal must be external",
             rule->text);
  }
  for (uint32_t i = 1; i < g->token_count; i++) {
    Symbol *s = &g->symbols.contents[i];
    if (!s->is_string && strcmp(s->name, rule->text) == 0) return (int)i;
  }
  int index = file_rule_index(n->file, rule->text);
  if (index < 0) tg_fatal("undefined symbol %s", rule->text);
  return n->rule_symbol.contents[index];
}

static int alias_resolve(Normaliser *n, const char *name, bool named) {
  Grammar *g = n->g;
  for (uint32_t i = 0; i < g->symbols.size; i++) {
    Symbol *s = &g->symbols.contents[i];
    if (s->visible && s->named == named && strcmp(s->name, name) == 0) return (int)i;
  }
  for (uint32_t i = 0; i < n->aliases.size; i++) {
    if (n->aliases.contents[i].named == named && strcmp(n->aliases.contents[i].name, name) == 0) {
      return -(int)i - 1;
    }
  }
  PendingAlias alias = {tg_xstrdup(name), named};
  array_push(&n->aliases, alias);
  return -(int)n->aliases.size;
}

/* --- Flattening --- */

static Alt alt_copy(const Alt *a) {
  Alt c = {{0}, a->dynamic_prec};
  for (uint32_t i = 0; i < a->steps.size; i++) array_push(&c.steps, a->steps.contents[i]);
  return c;
}

static void alts_free(AltList *alts) {
  for (uint32_t i = 0; i < alts->size; i++) array_delete(&alts->contents[i].steps);
  array_delete(alts);
}

static AltList alts_single_empty(void) {
  AltList out = {0};
  Alt empty = {{0}, 0};
  array_push(&out, empty);
  return out;
}

static void production_add(Grammar *g, int lhs, const Alt *alt, bool repeat_pair) {
  Production p = {0};
  p.lhs = lhs;
  for (uint32_t i = 0; i < alt->steps.size; i++) array_push(&p.steps, alt->steps.contents[i]);
  if (p.steps.size > 255) tg_fatal("a production of %s has more than 255 children",
                                   g->symbols.contents[lhs].name);
  if (p.steps.size > 0) {
    p.prec = p.steps.contents[p.steps.size - 1].prec;
    p.assoc = p.steps.contents[p.steps.size - 1].assoc;
  }
  p.dynamic_prec = alt->dynamic_prec;
  p.repeat_pair = repeat_pair;
  array_push(&g->productions, p);
}

/* Makes the helper symbol for one repeat and returns its id. */
static int repeat_extract(Normaliser *n, const Rule *content, Context ctx) {
  Grammar *g = n->g;
  const char *owner = g->symbols.contents[n->current_rule].name;
  char name[256];
  snprintf(name, sizeof name, "%s_repeat%d", owner, ++n->repeat_counter);
  int sym = symbol_add(g, name, false, false);
  g->symbols.contents[sym].is_aux = true;
  g->symbols.contents[sym].origin = n->current_rule;

  Alt pair = {{0}, 0};
  Step step = {sym, 0, 0, 0, ASSOC_NONE};
  array_push(&pair.steps, step);
  array_push(&pair.steps, step);
  production_add(g, sym, &pair, true);
  array_delete(&pair.steps);

  AltList body = flatten(n, content, ctx);
  for (uint32_t i = 0; i < body.size; i++) {
    if (body.contents[i].steps.size == 0) {
      tg_fatal("repeat in %s can match the empty string", owner);
    }
    production_add(g, sym, &body.contents[i], false);
  }
  alts_free(&body);
  return sym;
}

static AltList flatten_symbol(Normaliser *n, const Rule *rule, Context ctx) {
  int sym = resolve_leaf(n, rule);
  if (sym < 0) {
    /* An inline rule: substitute its body with the current annotations. */
    int index = file_rule_index(n->file, rule->text);
    if (++n->inline_depth > 64) tg_fatal("inline rule %s is recursive", rule->text);
    AltList out = flatten(n, n->file->rules.contents[index].rule, ctx);
    n->inline_depth--;
    return out;
  }
  AltList out = {0};
  Alt alt = {{0}, 0};
  Step step = {sym, ctx.alias, ctx.field, ctx.prec, ctx.assoc};
  array_push(&alt.steps, step);
  array_push(&out, alt);
  return out;
}

static AltList flatten_seq(Normaliser *n, const Rule *rule, Context ctx) {
  AltList acc = alts_single_empty();
  for (uint32_t m = 0; m < rule->members.size; m++) {
    AltList part = flatten(n, rule->members.contents[m], ctx);
    AltList next = {0};
    for (uint32_t i = 0; i < acc.size; i++) {
      for (uint32_t j = 0; j < part.size; j++) {
        Alt joined = alt_copy(&acc.contents[i]);
        const Alt *b = &part.contents[j];
        for (uint32_t k = 0; k < b->steps.size; k++) array_push(&joined.steps, b->steps.contents[k]);
        if (b->dynamic_prec) joined.dynamic_prec = b->dynamic_prec;
        array_push(&next, joined);
      }
    }
    alts_free(&acc);
    alts_free(&part);
    acc = next;
    if (acc.size > 4096) tg_fatal("too many alternatives in one rule: use a helper rule");
  }
  return acc;
}

static AltList flatten(Normaliser *n, const Rule *rule, Context ctx) {
  switch (rule->kind) {
    case RULE_BLANK: return alts_single_empty();
    case RULE_STRING:
    case RULE_SYMBOL: return flatten_symbol(n, rule, ctx);
    case RULE_PATTERN:
      tg_fatal("pattern /%s/ in a rule: every terminal must be an external token", rule->text);
    case RULE_SEQ: return flatten_seq(n, rule, ctx);
    case RULE_CHOICE: {
      AltList out = {0};
      for (uint32_t m = 0; m < rule->members.size; m++) {
        AltList part = flatten(n, rule->members.contents[m], ctx);
        for (uint32_t i = 0; i < part.size; i++) array_push(&out, part.contents[i]);
        array_delete(&part);
      }
      return out;
    }
    case RULE_REPEAT:
    case RULE_REPEAT1: {
      int helper = repeat_extract(n, rule->members.contents[0], ctx);
      AltList out = {0};
      Alt alt = {{0}, 0};
      Step step = {helper, 0, 0, 0, ASSOC_NONE};
      array_push(&alt.steps, step);
      array_push(&out, alt);
      if (rule->kind == RULE_REPEAT) {
        Alt empty = {{0}, 0};
        array_push(&out, empty);
      }
      return out;
    }
    case RULE_FIELD: {
      int index = -1;
      for (uint32_t i = 0; i < n->fields.size; i++) {
        if (strcmp(n->fields.contents[i], rule->text) == 0) index = (int)i;
      }
      if (index < 0) {
        array_push(&n->fields, tg_xstrdup(rule->text));
        index = (int)n->fields.size - 1;
      }
      ctx.field = index + 1;
      return flatten(n, rule->members.contents[0], ctx);
    }
    case RULE_ALIAS: {
      const Rule *content = rule->members.contents[0];
      if (content->kind != RULE_SYMBOL && content->kind != RULE_STRING) {
        tg_fatal("alias \"%s\" must wrap a single symbol", rule->text);
      }
      ctx.alias = alias_resolve(n, rule->text, rule->named);
      return flatten(n, content, ctx);
    }
    case RULE_PREC:
    case RULE_PREC_LEFT:
    case RULE_PREC_RIGHT:
      ctx.prec = rule->value;
      ctx.assoc = rule->kind == RULE_PREC_LEFT    ? ASSOC_LEFT
                  : rule->kind == RULE_PREC_RIGHT ? ASSOC_RIGHT
                                                  : ctx.assoc;
      return flatten(n, rule->members.contents[0], ctx);
    case RULE_PREC_DYNAMIC: {
      AltList out = flatten(n, rule->members.contents[0], ctx);
      for (uint32_t i = 0; i < out.size; i++) out.contents[i].dynamic_prec = rule->value;
      return out;
    }
    case RULE_TOKEN:
    case RULE_IMMEDIATE_TOKEN: {
      /* Tokens are lexed by the external scanner, so token() can only wrap
       * one external terminal; anything else would need a lexer DFA. */
      const Rule *content = rule->members.contents[0];
      if (content->kind != RULE_SYMBOL && content->kind != RULE_STRING) {
        tg_fatal("token() must wrap one external token");
      }
      AltList out = flatten(n, content, ctx);
      if (!grammar_is_terminal(n->g, out.contents[0].steps.contents[0].symbol)) {
        tg_fatal("token() must wrap a terminal");
      }
      return out;
    }
  }
  tg_fatal("unreachable rule kind");
}

/* --- Fields, aliases and production infos --- */

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void fields_sort(Normaliser *n) {
  Grammar *g = n->g;
  array_push(&g->field_names, NULL);
  NameList sorted = {0};
  for (uint32_t i = 0; i < n->fields.size; i++) array_push(&sorted, n->fields.contents[i]);
  if (sorted.size) qsort(sorted.contents, sorted.size, sizeof(char *), compare_names);
  int *remap = tg_xcalloc(n->fields.size + 1, sizeof(int));
  for (uint32_t i = 0; i < sorted.size; i++) {
    array_push(&g->field_names, tg_xstrdup(sorted.contents[i]));
    for (uint32_t j = 0; j < n->fields.size; j++) {
      if (n->fields.contents[j] == sorted.contents[i]) remap[j + 1] = (int)i + 1;
    }
  }
  for (uint32_t p = 0; p < g->productions.size; p++) {
    Production *prod = &g->productions.contents[p];
    for (uint32_t s = 0; s < prod->steps.size; s++) {
      prod->steps.contents[s].field = remap[prod->steps.contents[s].field];
    }
  }
  free(remap);
  array_delete(&sorted);
}

static void aliases_number(Normaliser *n) {
  Grammar *g = n->g;
  g->symbol_count = g->symbols.size;
  for (uint32_t i = 0; i < n->aliases.size; i++) {
    int sym = symbol_add(g, n->aliases.contents[i].name, true, n->aliases.contents[i].named);
    (void)sym;
  }
  g->alias_count = n->aliases.size;
  for (uint32_t p = 0; p < g->productions.size; p++) {
    Production *prod = &g->productions.contents[p];
    for (uint32_t s = 0; s < prod->steps.size; s++) {
      int a = prod->steps.contents[s].alias;
      if (a < 0) prod->steps.contents[s].alias = (int)g->symbol_count + (-a - 1);
    }
  }
}

static bool step_is_hidden_nonterminal(const Grammar *g, const Step *step) {
  if (grammar_is_terminal(g, step->symbol)) return false;
  if (step->alias) return !g->symbols.contents[step->alias].visible;
  return !g->symbols.contents[step->symbol].visible;
}

static bool info_equal(const ProductionInfo *a, const ProductionInfo *b) {
  if (a->aliases.size != b->aliases.size || a->fields.size != b->fields.size) return false;
  if (a->aliases.size && memcmp(a->aliases.contents, b->aliases.contents, a->aliases.size * sizeof(int))) return false;
  for (uint32_t i = 0; i < a->fields.size; i++) {
    const FieldEntry *x = &a->fields.contents[i], *y = &b->fields.contents[i];
    if (x->field != y->field || x->child_index != y->child_index || x->inherited != y->inherited) return false;
  }
  return true;
}

/* Gives each production its runtime production id.  A hidden child's fields
 * are listed again as inherited entries so that the runtime's field lookup
 * descends into the hidden child. */
static void infos_build(Grammar *g) {
  uint32_t nt = g->symbol_count - g->token_count;
  uint32_t fc = g->field_names.size;
  bool *has = tg_xcalloc((size_t)nt * fc, 1);
  for (bool changed = true; changed;) {
    changed = false;
    for (uint32_t p = 1; p < g->productions.size; p++) {
      const Production *prod = &g->productions.contents[p];
      bool *row = has + (size_t)(prod->lhs - g->token_count) * fc;
      for (uint32_t s = 0; s < prod->steps.size; s++) {
        const Step *step = &prod->steps.contents[s];
        if (step->field && !row[step->field]) row[step->field] = changed = true;
        if (step_is_hidden_nonterminal(g, step)) {
          const bool *child = has + (size_t)(step->symbol - g->token_count) * fc;
          for (uint32_t f = 1; f < fc; f++) {
            if (child[f] && !row[f]) row[f] = changed = true;
          }
        }
      }
    }
  }

  ProductionInfo empty = {{0}, {0}};
  array_push(&g->infos, empty);
  for (uint32_t p = 0; p < g->productions.size; p++) {
    Production *prod = &g->productions.contents[p];
    if (prod->steps.size > g->max_production_length) g->max_production_length = prod->steps.size;
    ProductionInfo info = {{0}, {0}};
    bool any_alias = false;
    for (uint32_t s = 0; s < prod->steps.size; s++) {
      if (prod->steps.contents[s].alias) any_alias = true;
    }
    if (any_alias) {
      for (uint32_t s = 0; s < prod->steps.size; s++) array_push(&info.aliases, prod->steps.contents[s].alias);
    }
    for (uint32_t f = 1; f < fc; f++) {
      for (uint32_t s = 0; s < prod->steps.size; s++) {
        const Step *step = &prod->steps.contents[s];
        if (step->field == (int)f) {
          FieldEntry e = {(uint16_t)f, (uint8_t)s, false};
          array_push(&info.fields, e);
        }
      }
      for (uint32_t s = 0; s < prod->steps.size; s++) {
        const Step *step = &prod->steps.contents[s];
        if (step_is_hidden_nonterminal(g, step) &&
            has[(size_t)(step->symbol - g->token_count) * fc + f]) {
          FieldEntry e = {(uint16_t)f, (uint8_t)s, true};
          array_push(&info.fields, e);
        }
      }
    }
    uint32_t id = 0;
    for (; id < g->infos.size; id++) {
      if (info_equal(&g->infos.contents[id], &info)) break;
    }
    if (id == g->infos.size) {
      array_push(&g->infos, info);
    } else {
      array_delete(&info.aliases);
      array_delete(&info.fields);
    }
    prod->info_id = (uint16_t)id;
  }
  if (g->max_production_length == 0) g->max_production_length = 1;
  free(has);
}

/* --- C identifiers --- */

static const struct {
  char c;
  const char *word;
} PUNCTUATION_NAMES[] = {
  {'-', "DASH"},   {'=', "EQ"},      {'[', "LBRACK"},  {']', "RBRACK"},  {',', "COMMA"},
  {':', "COLON"},  {'@', "AT"},      {'#', "POUND"},   {'.', "DOT"},     {'/', "SLASH"},
  {'+', "PLUS"},   {'*', "STAR"},    {'(', "LPAREN"},  {')', "RPAREN"},  {'{', "LBRACE"},
  {'}', "RBRACE"}, {'<', "LT"},      {'>', "GT"},      {'$', "DOLLAR"},  {'"', "DQUOTE"},
  {'\'', "SQUOTE"}, {'\\', "BSLASH"}, {'`', "BQUOTE"}, {'!', "BANG"},    {'?', "QMARK"},
  {';', "SEMI"},   {'&', "AMP"},     {'|', "PIPE"},    {'%', "PERCENT"}, {'^', "CARET"},
  {'~', "TILDE"},  {' ', "SPACE"},   {'\n', "LF"},     {'\t', "TAB"},    {'\r', "CR"},
};

static void ident_build(Grammar *g, uint32_t index) {
  Symbol *s = &g->symbols.contents[index];
  char buf[512];
  size_t len = 0;
  const char *prefix = index == 0          ? "ts_builtin_sym_end"
                       : index >= g->symbol_count ? "alias_sym_"
                       : s->is_aux                ? "aux_sym_"
                       : s->is_string             ? "anon_sym_"
                                                  : "sym_";
  len = (size_t)snprintf(buf, sizeof buf, "%s", prefix);
  if (index > 0) {
    for (const char *c = s->name; *c && len < sizeof buf - 16; c++) {
      if (isalnum((unsigned char)*c) || *c == '_') {
        buf[len++] = *c;
        continue;
      }
      const char *word = "X";
      for (size_t i = 0; i < sizeof(PUNCTUATION_NAMES) / sizeof(PUNCTUATION_NAMES[0]); i++) {
        if (PUNCTUATION_NAMES[i].c == *c) word = PUNCTUATION_NAMES[i].word;
      }
      if (len > strlen(prefix) && buf[len - 1] != '_') buf[len++] = '_';
      len += (size_t)snprintf(buf + len, sizeof buf - len, "%s", word);
    }
  }
  buf[len] = 0;
  /* Names like "path" can exist both as a rule and as an alias; suffix the
   * later one so the enum stays valid. */
  char unique[540];
  snprintf(unique, sizeof unique, "%s", buf);
  for (int suffix = 1;; suffix++) {
    bool clash = false;
    for (uint32_t i = 0; i < index; i++) {
      if (strcmp(g->symbols.contents[i].ident, unique) == 0) clash = true;
    }
    if (!clash) break;
    snprintf(unique, sizeof unique, "%s_%d", buf, suffix);
  }
  s->ident = tg_xstrdup(unique);
}

/* --- Entry point --- */

static int symbol_by_name(const Grammar *g, const char *name) {
  for (uint32_t i = 0; i < g->symbol_count; i++) {
    if (!g->symbols.contents[i].is_string && strcmp(g->symbols.contents[i].name, name) == 0) return (int)i;
  }
  tg_fatal("unknown symbol %s", name);
}

Grammar *grammar_normalise(const GrammarFile *file) {
  Grammar *g = tg_xcalloc(1, sizeof(Grammar));
  Normaliser n = {0};
  n.file = file;
  n.g = g;
  g->augmented = -1;

  symbol_add(g, "end", false, true);
  for (uint32_t i = 0; i < file->externals.size; i++) {
    const Rule *r = file->externals.contents[i];
    if (r->kind == RULE_STRING) {
      int sym = symbol_add(g, r->text, true, false);
      g->symbols.contents[sym].is_string = true;
    } else if (r->kind == RULE_SYMBOL) {
      if (file_rule_index(file, r->text) >= 0) tg_fatal("external %s also has a rule", r->text);
      symbol_add(g, r->text, r->text[0] != '_', true);
    } else {
      tg_fatal("externals must be symbols or strings");
    }
  }
  g->token_count = g->symbols.size;
  g->external_count = g->token_count - 1;

  for (uint32_t i = 0; i < file->rules.size; i++) {
    const char *name = file->rules.contents[i].name;
    if (name_in(&file->inlines, name)) {
      if (i == 0) tg_fatal("the start rule cannot be inline");
      array_push(&n.rule_symbol, -1);
    } else {
      array_push(&n.rule_symbol, symbol_add(g, name, name[0] != '_', true));
    }
  }
  g->start = n.rule_symbol.contents[0];

  /* Production 0 is the augmented S' -> start whose reduction is ACCEPT. */
  Alt start_alt = {{0}, 0};
  Step start_step = {g->start, 0, 0, 0, ASSOC_NONE};
  array_push(&start_alt.steps, start_step);
  Production augmented = {0};
  augmented.lhs = -1;
  array_push(&augmented.steps, start_step);
  array_push(&g->productions, augmented);
  array_delete(&start_alt.steps);

  for (uint32_t i = 0; i < file->rules.size; i++) {
    int sym = n.rule_symbol.contents[i];
    if (sym < 0) continue;
    n.current_rule = sym;
    n.repeat_counter = 0;
    Context ctx = {0, 0, 0, ASSOC_NONE};
    AltList alts = flatten(&n, file->rules.contents[i].rule, ctx);
    for (uint32_t a = 0; a < alts.size; a++) production_add(g, sym, &alts.contents[a], false);
    alts_free(&alts);
  }

  fields_sort(&n);
  aliases_number(&n);
  for (uint32_t i = 0; i < g->symbols.size; i++) ident_build(g, i);

  array_reserve(&g->productions_of, g->symbol_count - g->token_count);
  for (uint32_t i = g->token_count; i < g->symbol_count; i++) {
    IntList list = {0};
    array_push(&g->productions_of, list);
  }
  for (uint32_t p = 1; p < g->productions.size; p++) {
    array_push(&g->productions_of.contents[g->productions.contents[p].lhs - g->token_count], (int)p);
  }
  for (uint32_t i = g->token_count; i < g->symbol_count; i++) {
    if (g->productions_of.contents[i - g->token_count].size == 0) {
      tg_fatal("rule %s has no productions", g->symbols.contents[i].name);
    }
  }

  for (uint32_t i = 0; i < file->extras.size; i++) {
    const Rule *r = file->extras.contents[i];
    /* A pattern extra such as /\s/ is whitespace, which the scanner and the
     * generated lex function skip themselves, so it needs no symbol. */
    if (r->kind == RULE_PATTERN) continue;
    /* Anything else (a SEQ, a BLANK) has no name to look up. */
    if (r->kind != RULE_STRING && r->kind != RULE_SYMBOL) tg_fatal("extras must be symbols, strings or patterns");
    int sym = r->kind == RULE_STRING ? resolve_leaf(&n, r) : symbol_by_name(g, r->text);
    if (!grammar_is_terminal(g, sym)) tg_fatal("extra %s must be an external token", r->text);
    array_push(&g->extras, sym);
  }
  for (uint32_t i = 0; i < file->supertypes.size; i++) {
    int sym = symbol_by_name(g, file->supertypes.contents[i]);
    g->symbols.contents[sym].supertype = true;
  }
  for (uint32_t i = 0; i < file->conflicts.size; i++) {
    IntList set = {0};
    const NameList *names = &file->conflicts.contents[i];
    for (uint32_t j = 0; j < names->size; j++) array_push(&set, symbol_by_name(g, names->contents[j]));
    array_push(&g->conflicts, set);
  }
  infos_build(g);

  for (uint32_t i = 0; i < n.fields.size; i++) free(n.fields.contents[i]);
  array_delete(&n.fields);
  for (uint32_t i = 0; i < n.aliases.size; i++) free(n.aliases.contents[i].name);
  array_delete(&n.aliases);
  array_delete(&n.rule_symbol);
  return g;
}

void grammar_free(Grammar *self) {
  if (!self) return;
  for (uint32_t i = 0; i < self->symbols.size; i++) {
    free(self->symbols.contents[i].name);
    free(self->symbols.contents[i].ident);
  }
  array_delete(&self->symbols);
  for (uint32_t i = 0; i < self->productions.size; i++) array_delete(&self->productions.contents[i].steps);
  array_delete(&self->productions);
  for (uint32_t i = 0; i < self->productions_of.size; i++) array_delete(&self->productions_of.contents[i]);
  array_delete(&self->productions_of);
  for (uint32_t i = 0; i < self->field_names.size; i++) free(self->field_names.contents[i]);
  array_delete(&self->field_names);
  array_delete(&self->extras);
  for (uint32_t i = 0; i < self->conflicts.size; i++) array_delete(&self->conflicts.contents[i]);
  array_delete(&self->conflicts);
  for (uint32_t i = 0; i < self->infos.size; i++) {
    array_delete(&self->infos.contents[i].aliases);
    array_delete(&self->infos.contents[i].fields);
  }
  array_delete(&self->infos);
  free(self);
}

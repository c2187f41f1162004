/*
 * Writing node-types.json.
 *
 * For each visible node kind we summarise, per field (and for unnamed named
 * children), which node types can occur there and how often: at least once
 * in every production ("required") and more than once in some production
 * ("multiple").  Hidden non-terminals are summarised the same way and added
 * into their parents, which is how their children surface in the tree.
 * Counts saturate at 2, which keeps the fixpoint over recursive helpers
 * finite.
 */
#include "tablegen.h"

#include <cjson/cJSON.h>
#include <string.h>

typedef struct {
  uint8_t *min;   /* [keys] */
  uint8_t *max;   /* [keys] */
  bool *types;    /* [keys][total symbols] */
  bool known;     /* at least one production has been summarised */
} Summary;

typedef struct {
  const Grammar *g;
  uint32_t keys;   /* key 0: children without a field; key f: field f */
  uint32_t total;  /* symbols including aliases */
  Summary *sums;   /* per non-terminal */
} NodeTypes;

static Summary summary_new(const NodeTypes *nt) {
  Summary s;
  s.min = tg_xcalloc(nt->keys, 1);
  s.max = tg_xcalloc(nt->keys, 1);
  s.types = tg_xcalloc((size_t)nt->keys * nt->total, sizeof(bool));
  s.known = false;
  return s;
}

static void summary_free(Summary *s) {
  free(s->min);
  free(s->max);
  free(s->types);
}

static uint8_t sat_add(uint8_t a, uint8_t b) { return a + b > 2 ? 2 : (uint8_t)(a + b); }

/* Summary of one production: the sum of its steps.  Returns false while a
 * hidden child has no summary yet, so that its minimum is not taken as 0. */
static bool production_summary(const NodeTypes *nt, const Production *prod, Summary *out) {
  const Grammar *g = nt->g;
  for (uint32_t s = 0; s < prod->steps.size; s++) {
    const Step *step = &prod->steps.contents[s];
    int shown = step->alias ? step->alias : step->symbol;
    const Symbol *sym = &g->symbols.contents[shown];
    if (sym->visible) {
      uint32_t key = (uint32_t)step->field;
      if (key == 0 && !sym->named) continue;
      out->min[key] = sat_add(out->min[key], 1);
      out->max[key] = sat_add(out->max[key], 1);
      out->types[(size_t)key * nt->total + (uint32_t)shown] = true;
    } else if (!grammar_is_terminal(g, step->symbol)) {
      const Summary *child = &nt->sums[step->symbol - (int)g->token_count];
      if (!child->known) return false;
      for (uint32_t k = 0; k < nt->keys; k++) {
        /* A field on a hidden child applies to its unlabelled children. */
        uint32_t key = (k == 0 && step->field) ? (uint32_t)step->field : k;
        out->min[key] = sat_add(out->min[key], child->min[k]);
        out->max[key] = sat_add(out->max[key], child->max[k]);
        for (uint32_t t = 0; t < nt->total; t++) {
          if (child->types[(size_t)k * nt->total + t]) out->types[(size_t)key * nt->total + t] = true;
        }
      }
    }
  }
  return true;
}

/* Folds a production summary into a symbol summary; returns whether it changed. */
static bool summary_merge(const NodeTypes *nt, Summary *into, const Summary *prod) {
  bool changed = false;
  for (uint32_t k = 0; k < nt->keys; k++) {
    uint8_t mn = into->known ? (prod->min[k] < into->min[k] ? prod->min[k] : into->min[k]) : prod->min[k];
    uint8_t mx = prod->max[k] > into->max[k] ? prod->max[k] : into->max[k];
    if (mn != into->min[k] || mx != into->max[k]) changed = true;
    into->min[k] = mn;
    into->max[k] = mx;
    for (uint32_t t = 0; t < nt->total; t++) {
      size_t i = (size_t)k * nt->total + t;
      if (prod->types[i] && !into->types[i]) into->types[i] = changed = true;
    }
  }
  if (!into->known) changed = true;
  into->known = true;
  return changed;
}

static void summaries_build(NodeTypes *nt) {
  const Grammar *g = nt->g;
  uint32_t count = g->symbol_count - g->token_count;
  nt->sums = tg_xcalloc(count, sizeof(Summary));
  for (uint32_t i = 0; i < count; i++) nt->sums[i] = summary_new(nt);
  /* Minimums can only be computed once every child is known, so iterate
   * to a fixpoint; each round can only raise maxima and type sets, and
   * minimums settle once all children are known. */
  for (int round = 0; round < 1000; round++) {
    bool changed = false;
    for (uint32_t sym = g->token_count; sym < g->symbol_count; sym++) {
      Summary fresh = summary_new(nt);
      const IntList *prods = &g->productions_of.contents[sym - g->token_count];
      for (uint32_t p = 0; p < prods->size; p++) {
        Summary one = summary_new(nt);
        if (production_summary(nt, &g->productions.contents[prods->contents[p]], &one)) {
          summary_merge(nt, &fresh, &one);
        }
        summary_free(&one);
      }
      Summary *cur = &nt->sums[sym - g->token_count];
      if (!fresh.known) {
        summary_free(&fresh);
        continue;
      }
      bool differs = !cur->known || memcmp(cur->min, fresh.min, nt->keys) ||
                     memcmp(cur->max, fresh.max, nt->keys) ||
                     memcmp(cur->types, fresh.types, (size_t)nt->keys * nt->total);
      if (differs) {
        summary_free(cur);
        *cur = fresh;
        cur->known = true;
        changed = true;
      } else {
        summary_free(&fresh);
      }
    }
    if (!changed) break;
  }
}

static cJSON *type_list(const NodeTypes *nt, const Summary *s, uint32_t key, bool named_only) {
  cJSON *list = cJSON_CreateArray();
  for (uint32_t t = 0; t < nt->total; t++) {
    if (!s->types[(size_t)key * nt->total + t]) continue;
    const Symbol *sym = &nt->g->symbols.contents[t];
    if (named_only && !sym->named) continue;
    cJSON *ty = cJSON_CreateObject();
    cJSON_AddStringToObject(ty, "type", sym->name);
    cJSON_AddBoolToObject(ty, "named", sym->named);
    cJSON_AddItemToArray(list, ty);
  }
  return list;
}

static cJSON *child_info(const NodeTypes *nt, const Summary *s, uint32_t key, bool named_only) {
  cJSON *info = cJSON_CreateObject();
  cJSON_AddBoolToObject(info, "multiple", s->max[key] >= 2);
  cJSON_AddBoolToObject(info, "required", s->min[key] >= 1);
  cJSON_AddItemToObject(info, "types", type_list(nt, s, key, named_only));
  return info;
}

/* The summary of everything shown as `shown`: the symbol itself and every
 * other non-terminal aliased to it (`alias($._x, $.shown)`). */
static Summary shown_summary(const NodeTypes *nt, int shown, int sym) {
  const Grammar *g = nt->g;
  Summary s = summary_new(nt);
  if (sym >= (int)g->token_count) summary_merge(nt, &s, &nt->sums[sym - (int)g->token_count]);
  for (uint32_t p = 1; p < g->productions.size; p++) {
    const Production *prod = &g->productions.contents[p];
    for (uint32_t k = 0; k < prod->steps.size; k++) {
      int other = prod->steps.contents[k].symbol;
      if (prod->steps.contents[k].alias == shown && other != sym && !grammar_is_terminal(g, other)) {
        summary_merge(nt, &s, &nt->sums[other - (int)g->token_count]);
      }
    }
  }
  return s;
}

static cJSON *node_entry(const NodeTypes *nt, const Symbol *shown, int sym) {
  const Grammar *g = nt->g;
  cJSON *node = cJSON_CreateObject();
  cJSON_AddStringToObject(node, "type", shown->name);
  cJSON_AddBoolToObject(node, "named", shown->named);
  if (grammar_is_terminal(g, sym)) return node;
  Summary merged = shown_summary(nt, (int)(shown - g->symbols.contents), sym);
  const Summary *s = &merged;
  if (g->symbols.contents[sym].supertype) {
    cJSON_AddItemToObject(node, "subtypes", type_list(nt, s, 0, false));
    summary_free(&merged);
    return node;
  }
  cJSON *fields = cJSON_CreateObject();
  for (uint32_t f = 1; f < nt->keys; f++) {
    if (s->max[f] > 0) cJSON_AddItemToObject(fields, nt->g->field_names.contents[f], child_info(nt, s, f, false));
  }
  cJSON_AddItemToObject(node, "fields", fields);
  bool any_named = false;
  for (uint32_t t = 0; t < nt->total; t++) {
    any_named |= s->types[t] && g->symbols.contents[t].named;
  }
  if (any_named) cJSON_AddItemToObject(node, "children", child_info(nt, s, 0, true));
  summary_free(&merged);
  return node;
}

void emit_node_types(FILE *out, const Grammar *g) {
  NodeTypes nt = {0};
  nt.g = g;
  nt.keys = g->field_names.size;
  nt.total = g->symbol_count + g->alias_count;
  summaries_build(&nt);

  cJSON *root = cJSON_CreateArray();
  for (uint32_t i = 1; i < nt.total; i++) {
    const Symbol *s = &g->symbols.contents[i];
    if (i < g->symbol_count) {
      if (!s->visible && !s->supertype) continue;
      cJSON_AddItemToArray(root, node_entry(&nt, s, (int)i));
      continue;
    }
    /* An alias-only symbol describes whatever it renames: the first
     * symbol found under it. */
    int target = -1;
    for (uint32_t p = 1; p < g->productions.size && target < 0; p++) {
      const Production *prod = &g->productions.contents[p];
      for (uint32_t k = 0; k < prod->steps.size && target < 0; k++) {
        if (prod->steps.contents[k].alias == (int)i) target = prod->steps.contents[k].symbol;
      }
    }
    if (target >= 0) cJSON_AddItemToArray(root, node_entry(&nt, s, target));
  }
  char *text = cJSON_Print(root);
  fputs(text, out);
  fputc('\n', out);
  free(text);
  cJSON_Delete(root);
  for (uint32_t i = 0; i < g->symbol_count - g->token_count; i++) summary_free(&nt.sums[i]);
  free(nt.sums);
}

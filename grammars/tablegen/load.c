/*
 * Loading grammar.json into rule trees.
 *
 * The JSON format is the one tree-sitter's CLI writes: a "rules" object in
 * declaration order (the first rule is the start rule) whose values are
 * nested {"type": ...} nodes, plus the top-level lists extras, externals,
 * inline, supertypes and conflicts.  Loading keeps the tree shape; all
 * interpretation happens in normalise.c.
 */
#include "tablegen.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <string.h>

/* --- Small utilities shared by the generator --- */

void tg__grow(void *contents_ptr, uint32_t *capacity, uint32_t need, size_t elem) {
  void **contents = contents_ptr;
  if (need <= *capacity) return;
  uint32_t cap = *capacity ? *capacity * 2 : 8;
  while (cap < need) cap *= 2;
  void *p = realloc(*contents, (size_t)cap * elem);
  if (!p) tg_fatal("out of memory");
  *contents = p;
  *capacity = cap;
}

void *tg_xcalloc(size_t count, size_t size) {
  void *p = calloc(count ? count : 1, size ? size : 1);
  if (!p) tg_fatal("out of memory");
  return p;
}

char *tg_xstrdup(const char *s) {
  size_t n = strlen(s);
  char *p = tg_xcalloc(n + 1, 1);
  memcpy(p, s, n);
  return p;
}

jmp_buf *tg_fatal_jump;

void tg_fatal(const char *fmt, ...) {
  if (tg_fatal_jump) longjmp(*tg_fatal_jump, 1);
  va_list ap;
  va_start(ap, fmt);
  fputs("tablegen: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(1);
}

/* --- Rule nodes --- */

static const struct {
  const char *name;
  RuleKind kind;
} RULE_KINDS[] = {
  {"BLANK", RULE_BLANK},           {"STRING", RULE_STRING},
  {"PATTERN", RULE_PATTERN},       {"SYMBOL", RULE_SYMBOL},
  {"SEQ", RULE_SEQ},               {"CHOICE", RULE_CHOICE},
  {"REPEAT", RULE_REPEAT},         {"REPEAT1", RULE_REPEAT1},
  {"FIELD", RULE_FIELD},           {"ALIAS", RULE_ALIAS},
  {"PREC", RULE_PREC},             {"PREC_LEFT", RULE_PREC_LEFT},
  {"PREC_RIGHT", RULE_PREC_RIGHT}, {"PREC_DYNAMIC", RULE_PREC_DYNAMIC},
  {"TOKEN", RULE_TOKEN},           {"IMMEDIATE_TOKEN", RULE_IMMEDIATE_TOKEN},
};

static const char *json_string_member(const cJSON *obj, const char *key) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
  return cJSON_IsString(item) ? item->valuestring : NULL;
}

static Rule *rule_from_json(const cJSON *node) {
  const char *type = json_string_member(node, "type");
  if (!type) tg_fatal("rule without a \"type\"");
  Rule *rule = tg_xcalloc(1, sizeof(Rule));
  bool found = false;
  for (size_t i = 0; i < sizeof(RULE_KINDS) / sizeof(RULE_KINDS[0]); i++) {
    if (strcmp(RULE_KINDS[i].name, type) == 0) {
      rule->kind = RULE_KINDS[i].kind;
      found = true;
      break;
    }
  }
  if (!found) tg_fatal("unknown rule type %s", type);

  const char *text = NULL;
  switch (rule->kind) {
    case RULE_STRING:
    case RULE_PATTERN: text = json_string_member(node, "value"); break;
    case RULE_SYMBOL: text = json_string_member(node, "name"); break;
    case RULE_FIELD: text = json_string_member(node, "name"); break;
    case RULE_ALIAS: {
      text = json_string_member(node, "value");
      rule->named = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(node, "named"));
      break;
    }
    case RULE_PREC:
    case RULE_PREC_LEFT:
    case RULE_PREC_RIGHT:
    case RULE_PREC_DYNAMIC: {
      /* Named precedences ("precedences" lists) are not supported: the
       * Dockerfile grammar only needs numbers, and failing loudly beats
       * guessing an order. */
      const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, "value");
      if (!cJSON_IsNumber(v)) tg_fatal("only numeric precedence values are supported");
      rule->value = v->valueint;
      break;
    }
    default: break;
  }
  if (text) rule->text = tg_xstrdup(text);
  if ((rule->kind == RULE_STRING || rule->kind == RULE_PATTERN || rule->kind == RULE_SYMBOL ||
       rule->kind == RULE_FIELD || rule->kind == RULE_ALIAS) && !rule->text) {
    tg_fatal("%s rule without its name or value", type);
  }

  const cJSON *members = cJSON_GetObjectItemCaseSensitive(node, "members");
  const cJSON *content = cJSON_GetObjectItemCaseSensitive(node, "content");
  if (cJSON_IsArray(members)) {
    const cJSON *m;
    cJSON_ArrayForEach(m, members) array_push(&rule->members, rule_from_json(m));
  } else if (cJSON_IsObject(content)) {
    array_push(&rule->members, rule_from_json(content));
  }
  bool needs_content = rule->kind >= RULE_REPEAT && rule->kind != RULE_SEQ && rule->kind != RULE_CHOICE;
  if (needs_content && rule->members.size != 1) tg_fatal("%s rule without content", type);
  return rule;
}

static void rule_free(Rule *rule) {
  if (!rule) return;
  for (uint32_t i = 0; i < rule->members.size; i++) rule_free(rule->members.contents[i]);
  array_delete(&rule->members);
  free(rule->text);
  free(rule);
}

static void load_rule_list(const cJSON *root, const char *key, void *out_ptr) {
  Array(Rule *) *out = out_ptr;
  const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, key);
  const cJSON *item;
  cJSON_ArrayForEach(item, list) array_push(out, rule_from_json(item));
}

static void load_name_list(const cJSON *list, NameList *out) {
  const cJSON *item;
  cJSON_ArrayForEach(item, list) {
    if (!cJSON_IsString(item)) tg_fatal("expected a list of rule names");
    array_push(out, tg_xstrdup(item->valuestring));
  }
}

/* --- Grammar file --- */

GrammarFile *grammar_file_load(const char *json_text) {
  cJSON *root = cJSON_Parse(json_text);
  if (!root) tg_fatal("grammar.json is not valid JSON (near: %.40s)", cJSON_GetErrorPtr());
  GrammarFile *self = tg_xcalloc(1, sizeof(GrammarFile));
  const char *name = json_string_member(root, "name");
  self->name = tg_xstrdup(name ? name : "grammar");

  const cJSON *rules = cJSON_GetObjectItemCaseSensitive(root, "rules");
  if (!cJSON_IsObject(rules) || !rules->child) tg_fatal("grammar.json has no rules");
  const cJSON *rule;
  cJSON_ArrayForEach(rule, rules) {
    RuleDef def = {tg_xstrdup(rule->string), rule_from_json(rule)};
    array_push(&self->rules, def);
  }

  load_rule_list(root, "extras", &self->extras);
  load_rule_list(root, "externals", &self->externals);
  load_name_list(cJSON_GetObjectItemCaseSensitive(root, "inline"), &self->inlines);
  load_name_list(cJSON_GetObjectItemCaseSensitive(root, "supertypes"), &self->supertypes);
  const cJSON *conflict;
  cJSON_ArrayForEach(conflict, cJSON_GetObjectItemCaseSensitive(root, "conflicts")) {
    NameList names;
    array_init(&names);
    load_name_list(conflict, &names);
    array_push(&self->conflicts, names);
  }
  const cJSON *precedences = cJSON_GetObjectItemCaseSensitive(root, "precedences");
  if (cJSON_GetArraySize(precedences) > 0) tg_fatal("named precedences are not supported");
  cJSON_Delete(root);
  return self;
}

static void name_list_free(NameList *list) {
  for (uint32_t i = 0; i < list->size; i++) free(list->contents[i]);
  array_delete(list);
}

void grammar_file_free(GrammarFile *self) {
  if (!self) return;
  for (uint32_t i = 0; i < self->rules.size; i++) {
    free(self->rules.contents[i].name);
    rule_free(self->rules.contents[i].rule);
  }
  array_delete(&self->rules);
  for (uint32_t i = 0; i < self->extras.size; i++) rule_free(self->extras.contents[i]);
  array_delete(&self->extras);
  for (uint32_t i = 0; i < self->externals.size; i++) rule_free(self->externals.contents[i]);
  array_delete(&self->externals);
  name_list_free(&self->inlines);
  name_list_free(&self->supertypes);
  for (uint32_t i = 0; i < self->conflicts.size; i++) name_list_free(&self->conflicts.contents[i]);
  array_delete(&self->conflicts);
  free(self->name);
  free(self);
}

/* The Compose key table describes every key it knows: hover and
 * completion show the description, and a key added to the table without
 * one would show nothing.  The walk reaches every object through the
 * table's own links (mappings, list items, free-map entries). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "analysis/rules/compose/compose_schema.h"

enum { MAX_OBJECTS = 256 };

typedef struct {
  const SchemaObj *seen[MAX_OBJECTS];
  size_t nseen, nkeys;
} Walk;

static void walk_obj(Walk *w, const SchemaObj *obj, const char *path);

static void walk_key(Walk *w, const SchemaKey *k, const char *path) {
  walk_obj(w, k->map, path);
  walk_obj(w, k->items, path);
}

static void walk_obj(Walk *w, const SchemaObj *obj, const char *path) {
  if (!obj) return;
  for (size_t i = 0; i < w->nseen; i++)
    if (w->seen[i] == obj) return;
  cr_assert_lt(w->nseen, MAX_OBJECTS, "more objects than the walk can hold");
  w->seen[w->nseen++] = obj;
  if (!obj->keys) {
    walk_key(w, obj->each, path);
    return;
  }
  for (const SchemaKey *k = obj->keys; k->key; k++) {
    char sub[512];
    snprintf(sub, sizeof sub, "%s.%s", path, k->key);
    cr_assert(k->doc && *k->doc, "%s (a key of the %s) has no description", sub, obj->name);
    size_t n = strlen(k->doc);
    cr_assert(k->doc[n - 1] == '.', "%s: a description is written as full sentences: %s", sub, k->doc);
    w->nkeys++;
    walk_key(w, k, sub);
  }
}

Test(compose_keys, every_key_has_a_description) {
  Walk w = {{NULL}, 0, 0};
  walk_obj(&w, &schema_top, "");
  /* A walk that stopped early would pass without looking: the table has
   * over three hundred keys, the services alone 93. */
  cr_assert_gt(w.nkeys, 300, "only %zu keys reached", w.nkeys);
}

/* Navigation over the resolved compose tree: lookups by key, the scalar
 * helpers rules use, and the mapping of a scalar's decoded text back to
 * document offsets.  Every function accepts NULL and nodes of the wrong
 * kind and then answers "absent", so rules can chain lookups without
 * checking each step. */
#include <string.h>

#include "compose_internal.h"

const ComposePair *compose_pair(const ComposeNode *map, const char *key) {
  if (!map || map->kind != COMPOSE_NODE_MAP) return NULL;
  /* The first letters are compared before the call: the whole-file rules
   * look several keys up in every service on every keystroke, and most
   * keys of a service differ from the one asked for at once. */
  for (size_t i = 0; i < map->npairs; i++)
    if (map->pairs[i].key[0] == key[0] && strcmp(map->pairs[i].key, key) == 0) return &map->pairs[i];
  return NULL;
}

const ComposeNode *compose_get(const ComposeNode *map, const char *key) {
  const ComposePair *p = compose_pair(map, key);
  return p ? p->value : NULL;
}

bool compose_is_scalar(const ComposeNode *node) {
  return node && node->kind == COMPOSE_NODE_SCALAR;
}

const char *compose_get_text(const ComposeNode *map, const char *key) {
  const ComposeNode *v = compose_get(map, key);
  return compose_is_scalar(v) ? v->text : NULL;
}

bool compose_is_interpolated(const ComposeNode *node) {
  return compose_is_scalar(node) && compose_interp_has_ref(node->text, strlen(node->text));
}

bool compose_text_offset(const ComposeNode *node, size_t text_offset, size_t *doc_offset) {
  if (!compose_is_scalar(node) || !node->verbatim) return false;
  size_t q = node->style == COMPOSE_STYLE_SINGLE || node->style == COMPOSE_STYLE_DOUBLE;
  if (text_offset > strlen(node->text)) return false;
  *doc_offset = node->start + q + text_offset;
  return true;
}

bool compose_model__is_legacy(const ComposeNode *root) {
  if (!root || root->kind != COMPOSE_NODE_MAP || compose_pair(root, "services")) return false;
  /* v2/v3 files without services (only `include:` or only networks) are
   * not legacy; v1 files are all-services. */
  size_t services = 0;
  for (size_t i = 0; i < root->npairs; i++) {
    const ComposeNode *v = root->pairs[i].value;
    if (strncmp(root->pairs[i].key, "x-", 2) == 0) continue;
    if (v->kind == COMPOSE_NODE_MAP && (compose_pair(v, "image") || compose_pair(v, "build")))
      services++;
  }
  return services > 0;
}

/* compose-container-name-duplicate: two services with the same
 * `container_name`.  Container names are unique per Docker host, so
 * Compose creates the first container and fails on the second ("the
 * container name is already in use").  Interpolated names are compared
 * after replacing their variables from the `.env` beside the compose
 * file; a name whose value cannot be known offline is left alone.
 * Services whose `profiles` lists are both non-empty and disjoint never
 * run together and are not compared.  Reported on the later name, with
 * the earlier one as related information. */
#include <string.h>

#include "compose_rules.h"

typedef struct {
  char *name;                   /* after interpolation; owned */
  const ComposeNode *node;      /* the container_name value */
  const ComposePair *service;
  const ComposeNode *profiles;
} Named;

/* The name the container gets, or NULL when it cannot be known.  The
 * compose file's folder is looked up once, on the first name that needs
 * .env. */
static char *resolved_name(const RuleCtx *ctx, const ComposeNode *value, char **dir, bool *dir_known) {
  if (!compose_is_scalar(value) || !value->text || !value->text[0]) return NULL;
  if (!strchr(value->text, '$')) return xstrdup(value->text);
  if (!*dir_known) {
    *dir = compose__dir(ctx);
    *dir_known = true;
  }
  return *dir ? compose__interpolate(ctx, *dir, value->text) : NULL;
}

static void report(RuleCtx *ctx, const Named *later, const Named *first) {
  /* One anchored name merged into both services: the value's place is
   * the same for both, so the later service's key says which one clashes. */
  bool shared = later->node == first->node;
  size_t start = shared ? later->service->key_start : later->node->start;
  size_t end = shared ? later->service->key_end : later->node->end;
  if (compose__reported(ctx, RULE_COMPOSE_CONTAINER_NAME_DUPLICATE, start, end)) return;
  Diag *d = diag_add(ctx->out, RULE_COMPOSE_CONTAINER_NAME_DUPLICATE, ctx->file, start, end,
                     "container name `%s` is already used by service `%s`: Docker refuses to create "
                     "a second container with that name",
                     later->name, first->service->key);
  diag_add_related(d, ctx->file, first->node->start, first->node->end, "the name is first given here");
}

/* What the comparison reads of a service: its name, its container_name
 * as written (the `.env` that interpolates it is outside the document)
 * and its profiles. */
void compose__container_name_facts(RuleCtx *ctx, const ComposePair *service, StrBuf *out) {
  (void)ctx;
  static const char *const keys[] = {"container_name", "profiles", NULL};
  if (service) compose__service_facts(service, keys, out);
}

void compose__container_name_duplicate(RuleCtx *ctx) {
  const ComposeModel *model = ws_compose(ctx->ws, ctx->file);
  if (!model || !model->services) return;
  Array(Named) seen;
  array_init(&seen);
  char *dir = NULL;
  bool dir_known = false;
  for (size_t s = 0; s < model->services->npairs; s++) {
    const ComposePair *svc = &model->services->pairs[s];
    const ComposeNode *value = compose_get(svc->value, "container_name");
    char *name = resolved_name(ctx, value, &dir, &dir_known);
    if (!name) continue;
    Named n = {.name = name, .node = value, .service = svc, .profiles = compose_get(svc->value, "profiles")};
    for (size_t k = 0; k < seen.len; k++) {
      if (strcmp(seen.items[k].name, n.name) != 0 || !compose__profiles_meet(seen.items[k].profiles, n.profiles))
        continue;
      report(ctx, &n, &seen.items[k]);
      break;
    }
    array_push(&seen, n);
  }
  for (size_t k = 0; k < seen.len; k++) xfree(seen.items[k].name);
  array_delete(&seen);
  xfree(dir);
}

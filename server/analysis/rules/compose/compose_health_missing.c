/* Health-check rules that look beyond the service's own `healthcheck:`
 * (catalog section A, compose side):
 *
 *  - healthcheck-missing: `depends_on: {X: {condition: service_healthy}}`
 *    where X has no health check anywhere (an error: `up` waits for a
 *    health status that never comes), and a service routed by Traefik or
 *    Caddy labels with no health check (Traefik registers routes only for
 *    healthy containers once a check exists, and without one it cannot
 *    take a dead container out of rotation).
 *  - healthcheck-defined-twice: a compose `healthcheck.test` while the
 *    Dockerfile the service builds has a HEALTHCHECK of its own.
 *
 * "Anywhere" means: the compose healthcheck (own or inherited through
 * `<<:`), else the Dockerfile's stage (compose__dockerfile_health), else
 * the image.  Official library images never define a HEALTHCHECK, so an
 * `image: postgres:16` service has none; for any other image we cannot
 * know offline and stay silent. */
#include <stdlib.h>
#include <string.h>

#include "compose_rules.h"

typedef enum { HEALTH_UNKNOWN, HEALTH_NO, HEALTH_YES } Health;

/* What an image says about a health check: official library images
 * never define one; for any other we cannot know offline. */
static Health image_health(const char *image) {
  if (!image || strchr(image, '$')) return HEALTH_UNKNOWN;
  if (strncmp(image, "docker.io/library/", 18) == 0 || strncmp(image, "library/", 8) == 0)
    return HEALTH_NO;
  return strchr(image, '/') ? HEALTH_UNKNOWN : HEALTH_NO;
}

static Health service_health(const RuleCtx *ctx, const ComposeNode *service) {
  /* The health check may come from a service this one extends. */
  static const char *const hc_path[] = {"healthcheck"};
  bool unknown;
  FileId where = ctx->file;
  const ComposeNode *hc = compose__service_lookup(ctx, service, hc_path, 1, &where, &unknown);
  if (unknown) return HEALTH_UNKNOWN;
  switch (compose_healthcheck_form(hc)) {
    case COMPOSE_TEST_SHELL:
    case COMPOSE_TEST_EXEC:
      return HEALTH_YES;
    case COMPOSE_TEST_DISABLED:
      return HEALTH_NO;
    case COMPOSE_TEST_UNKNOWN:
      return HEALTH_UNKNOWN;
    case COMPOSE_TEST_ABSENT:
      break;
  }
  /* Without one, what the image or build says decides; a base service
   * may set those, and one in another file is judged from that file, so
   * it is not followed here. */
  if (compose_get(service, "extends")) {
    static const char *const build_path[] = {"build"}, *const image_path[] = {"image"};
    FileId bw = ctx->file, iw = ctx->file;
    bool bu, iu;
    const ComposeNode *b = compose__service_lookup(ctx, service, build_path, 1, &bw, &bu);
    const ComposeNode *im = compose__service_lookup(ctx, service, image_path, 1, &iw, &iu);
    if (bu || iu || (b && bw != ctx->file) || (im && iw != ctx->file)) return HEALTH_UNKNOWN;
    if (!b && !im) return HEALTH_UNKNOWN;
    if (b) return HEALTH_UNKNOWN; /* the base's build context is its own concern */
    const char *image = compose_is_scalar(im) ? im->text : NULL;
    if (!image || strchr(image, '$') || strchr(image, '/')) return HEALTH_UNKNOWN;
    return HEALTH_NO;
  }
  if (compose_get(service, "build")) {
    FileId file;
    size_t start, end;
    switch (compose__dockerfile_health(ctx, service, &file, &start, &end)) {
      case COMPOSE_DF_PRESENT:
        return HEALTH_YES;
      case COMPOSE_DF_NONE:
      case COMPOSE_DF_DISABLED:
        return HEALTH_NO;
      case COMPOSE_DF_UNKNOWN:
        return HEALTH_UNKNOWN;
    }
  }
  return image_health(compose_get_text(service, "image"));
}

/* The port a service serves on: a Traefik load-balancer label, else the
 * first `expose` entry, else the first port's container side; 0 when
 * unknown. */
static unsigned service_port(const ComposeNode *service) {
  ComposeEnvArray labels;
  array_init(&labels);
  compose_env_entries(compose_get(service, "labels"), &labels);
  unsigned port = 0;
  for (size_t i = 0; i < labels.len && !port; i++) {
    const ComposeEnvEntry *e = &labels.items[i];
    if (strstr(e->key, "loadbalancer.server.port") && compose_is_scalar(e->node))
      port = (unsigned)strtoul(e->node->text + e->value_off, NULL, 10);
  }
  compose_env_free(&labels);
  const ComposeNode *expose = compose_get(service, "expose");
  if (!port && expose && expose->kind == COMPOSE_NODE_SEQ && expose->nitems &&
      compose_is_scalar(expose->items[0]))
    port = (unsigned)strtoul(expose->items[0]->text, NULL, 10);
  const ComposeNode *ports = compose_get(service, "ports");
  ComposePort p;
  if (!port && ports && ports->kind == COMPOSE_NODE_SEQ && ports->nitems &&
      compose_port_parse(ports->items[0], &p))
    port = p.target_lo;
  return port > 65535 ? 0 : port;
}

/* Inserts a healthcheck skeleton into the service; known database images
 * get their own probe, anything else an HTTP probe of 127.0.0.1:PORT. */
static void skeleton_fix(const RuleCtx *ctx, Diag *d, const ComposePair *svc, size_t step, bool preferred) {
  if (svc->merged || svc->value->kind != COMPOSE_NODE_MAP) return;
  const char *image = compose_get_text(svc->value, "image");
  const char *base = image ? (strrchr(image, '/') ? strrchr(image, '/') + 1 : image) : "";
  StrBuf test = STRBUF_INIT;
  if (strncmp(base, "postgres", 8) == 0)
    strbuf_append(&test, "test: [\"CMD-SHELL\", \"pg_isready -h 127.0.0.1 -U $${POSTGRES_USER:-postgres}\"]");
  else if (strncmp(base, "redis", 5) == 0 || strncmp(base, "valkey", 6) == 0)
    strbuf_append(&test, "test: [\"CMD\", \"redis-cli\", \"-h\", \"127.0.0.1\", \"ping\"]");
  else if (strncmp(base, "mariadb", 7) == 0)
    strbuf_append(&test, "test: [\"CMD\", \"healthcheck.sh\", \"--connect\", \"--innodb_initialized\"]");
  else if (strncmp(base, "mysql", 5) == 0)
    strbuf_append(&test, "test: [\"CMD\", \"mysqladmin\", \"ping\", \"-h\", \"127.0.0.1\"]");
  else if (service_port(svc->value))
    strbuf_appendf(&test, "test: [\"CMD-SHELL\", \"wget -q --spider http://127.0.0.1:%u/ || exit 1\"]",
                   service_port(svc->value));
  if (test.len == 0) return;
  StrArray pool;
  array_init(&pool);
  static const char *const rest[] = {"interval: 10s", "timeout: 3s", "retries: 5", "start_period: 10s"};
  StrBuf line = STRBUF_INIT;
  strbuf_append(&line, "healthcheck:");
  array_push(&pool, strbuf_take(&line));
  for (size_t k = 0; k < step; k++) strbuf_append_char(&line, ' ');
  strbuf_append(&line, test.data);
  array_push(&pool, strbuf_take(&line));
  for (size_t r = 0; r < 4; r++) {
    for (size_t k = 0; k < step; k++) strbuf_append_char(&line, ' ');
    strbuf_append(&line, rest[r]);
    array_push(&pool, strbuf_take(&line));
  }
  Fix *fix = rules__add_fix(ctx, d, "Add a healthcheck probing 127.0.0.1", preferred);
  if (!compose__insert_keys(ctx, fix, svc->value, (const char *const *)pool.items, pool.len)) {
    diag_remove_fix(d, d->fixes.len - 1);
  }
  strarray_delete(&pool);
  strbuf_destroy(&test);
}

static bool label_routes(const char *key) {
  return strncmp(key, "traefik.", 8) == 0 || strcmp(key, "caddy") == 0 ||
         strncmp(key, "caddy.", 6) == 0 || strncmp(key, "caddy_", 6) == 0;
}

/* What the rule reads of a service: its name, what it waits for, its
 * labels, and what decides its own health (service_health: the
 * healthcheck, `extends`, `build`, whose Dockerfile is outside the
 * document, and of the image only what image_health makes of it, so that
 * typing an image's tag leaves the facts alone). */
void compose__healthcheck_missing_facts(RuleCtx *ctx, const ComposePair *service, StrBuf *out) {
  (void)ctx;
  static const char *const keys[] = {"depends_on", "labels", "healthcheck", "extends", "build", NULL};
  if (!service) return;
  compose__service_facts(service, keys, out);
  strbuf_appendf(out, "i%d", (int)image_health(compose_get_text(service->value, "image")));
}

void compose__healthcheck_missing(RuleCtx *ctx) {
  const ComposeModel *model = ws_compose(ctx->ws, ctx->file);
  if (!model || !model->services) return;
  size_t step = compose__indent_step(model, ctx->text);
  const ComposeNode *services = model->services;
  for (size_t i = 0; i < services->npairs; i++) {
    const ComposeNode *s = services->pairs[i].value;
    ComposeDepArray deps;
    array_init(&deps);
    compose_depends_on(s, &deps);
    for (size_t k = 0; k < deps.len; k++) {
      const ComposeDep *dep = &deps.items[k];
      if (!dep->condition || strcmp(dep->condition, "service_healthy") != 0) continue;
      /* `required: false` makes Compose only warn about a dependency that
       * does not come up, so the wait cannot fail the start. */
      const char *required = compose_get_text(compose_get(compose_get(s, "depends_on"), dep->name), "required");
      if (required && strcmp(required, "false") == 0) continue;
      const ComposePair *target = compose_pair(services, dep->name);
      if (!target || service_health(ctx, target->value) != HEALTH_NO) continue;
      const ComposeNode *at = dep->condition_node;
      if (compose__reported(ctx, RULE_HEALTHCHECK_MISSING, at->start, at->end)) continue;
      Diag *d = diag_add(ctx->out, RULE_HEALTHCHECK_MISSING, ctx->file, at->start, at->end,
                         "`%s` has no health check anywhere, so waiting for it to be healthy "
                         "never ends: `up` fails",
                         dep->name);
      d->severity = SEV_ERROR;
      /* Preferred: `up` fails today, so a check that does not pass
       * cannot make the stack worse. */
      skeleton_fix(ctx, d, target, step, true);
    }
    array_delete(&deps);
    ComposeEnvArray labels;
    array_init(&labels);
    compose_env_entries(compose_get(s, "labels"), &labels);
    const ComposeEnvEntry *route = NULL;
    bool disabled = false;
    for (size_t k = 0; k < labels.len; k++) {
      const ComposeEnvEntry *e = &labels.items[k];
      if (strcmp(e->key, "traefik.enable") == 0 && compose_is_scalar(e->node) &&
          strcmp(e->node->text + e->value_off, "false") == 0)
        disabled = true;
      if (!route && label_routes(e->key)) route = e;
    }
    if (route && !disabled && service_health(ctx, s) == HEALTH_NO &&
        !compose__reported(ctx, RULE_HEALTHCHECK_MISSING, route->key_start, route->key_end)) {
      Diag *d = diag_add(ctx->out, RULE_HEALTHCHECK_MISSING, ctx->file, route->key_start,
                         route->key_end,
                         "service `%s` is routed by a reverse proxy but has no health check: "
                         "the proxy cannot tell a dead container from a live one",
                         services->pairs[i].key);
      /* Not preferred: the service works today, and a check that does not
       * pass (no wget in the image, no answer on `/`) makes the proxy drop
       * its route. */
      skeleton_fix(ctx, d, &services->pairs[i], step, false);
    }
    compose_env_free(&labels);
  }
}

void compose__healthcheck_twice(RuleCtx *ctx) {
  const ComposeNode *s = ctx->service->value;
  const ComposePair *hc = compose_pair(s, "healthcheck");
  if (!hc || !compose_get(s, "build")) return;
  ComposeTestForm form = compose_healthcheck_form(hc->value);
  if (form != COMPOSE_TEST_SHELL && form != COMPOSE_TEST_EXEC) return;
  FileId file;
  size_t start = 0, end = 0;
  if (compose__dockerfile_health(ctx, s, &file, &start, &end) != COMPOSE_DF_PRESENT) return;
  if (compose__reported(ctx, RULE_HEALTHCHECK_DEFINED_TWICE, hc->key_start, hc->key_end))
    return;
  Diag *d = diag_add(ctx->out, RULE_HEALTHCHECK_DEFINED_TWICE, ctx->file, hc->key_start,
                     hc->key_end,
                     "this healthcheck replaces the Dockerfile's HEALTHCHECK: a later fix of "
                     "the Dockerfile's check has no effect");
  diag_add_related(d, file, start, end, "the Dockerfile's HEALTHCHECK");
  if (!hc->merged && compose__owns_lines(ctx->text, hc->pair_start, hc->pair_end)) {
    size_t from, to;
    rules__line_span(ctx->text, hc->pair_start, hc->pair_end, &from, &to);
    if (hc->pair_end > 0 && ctx->text->bytes[hc->pair_end - 1] == '\n') to = hc->pair_end;
    /* Not preferred: the Dockerfile's check, which takes over, may not
     * pass where the compose one does (another port, path or tool). */
    Fix *fix = rules__add_fix(ctx, d, "Remove the compose healthcheck (keep the Dockerfile's)", false);
    fix_add_edit(fix, ctx->file, from, to, "");
  }
}

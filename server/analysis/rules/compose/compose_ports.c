/* compose-port-conflict: two published ports that bind the same host port
 * on overlapping addresses with the same protocol; the second container
 * fails to start with "port is already allocated".  An empty host IP,
 * 0.0.0.0 and :: all mean every interface and overlap any address.
 * Services whose profiles are disjoint never run together and are not
 * compared.  Reported on the later item, with the earlier one as related
 * information. */
#include <string.h>

#include "compose_rules.h"

typedef struct {
  ComposePort port;
  const char *service;
  const ComposeNode *profiles;
} Published;

static bool ip_wildcard(const char *ip) {
  return ip[0] == '\0' || strcmp(ip, "0.0.0.0") == 0 || strcmp(ip, "::") == 0;
}

bool compose__profiles_meet(const ComposeNode *a, const ComposeNode *b) {
  if (!a || !b || a->kind != COMPOSE_NODE_SEQ || b->kind != COMPOSE_NODE_SEQ) return true;
  if (a->nitems == 0 || b->nitems == 0) return true;
  for (size_t i = 0; i < a->nitems; i++)
    for (size_t j = 0; j < b->nitems; j++)
      if (compose_is_scalar(a->items[i]) && compose_is_scalar(b->items[j]) &&
          strcmp(a->items[i]->text, b->items[j]->text) == 0)
        return true;
  return false;
}

static bool ports_clash(const Published *a, const Published *b) {
  if (!a->port.published_lo || !b->port.published_lo) return false;
  if (strcmp(a->port.protocol, b->port.protocol) != 0) return false;
  if (a->port.published_hi < b->port.published_lo || b->port.published_hi < a->port.published_lo)
    return false;
  if (!ip_wildcard(a->port.host_ip) && !ip_wildcard(b->port.host_ip) &&
      strcmp(a->port.host_ip, b->port.host_ip) != 0)
    return false;
  return compose__profiles_meet(a->profiles, b->profiles);
}

void compose__port_conflict(RuleCtx *ctx) {
  const ComposeModel *model = ws_compose(ctx->ws, ctx->file);
  if (!model || !model->services) return;
  Array(Published) seen;
  array_init(&seen);
  for (size_t s = 0; s < model->services->npairs; s++) {
    const ComposePair *svc = &model->services->pairs[s];
    const ComposeNode *ports = compose_get(svc->value, "ports");
    if (!ports || ports->kind != COMPOSE_NODE_SEQ) continue;
    size_t first_of_service = seen.len;
    for (size_t i = 0; i < ports->nitems; i++) {
      Published p = {.service = svc->key, .profiles = compose_get(svc->value, "profiles")};
      if (!compose_port_parse(ports->items[i], &p.port) || !p.port.published_lo) continue;
      for (size_t k = 0; k < seen.len; k++) {
        const Published *q = &seen.items[k];
        /* A port listed twice in one anchored block is reported once. */
        if (k >= first_of_service && q->port.node == p.port.node) continue;
        if (!ports_clash(q, &p)) continue;
        const ComposeNode *at = p.port.node;
        if (compose__reported(ctx, RULE_COMPOSE_PORT_CONFLICT, at->start, at->end)) break;
        Diag *d = diag_add(ctx->out, RULE_COMPOSE_PORT_CONFLICT, ctx->file, at->start, at->end,
                           "host port %u/%s is already published by service `%s`",
                           p.port.published_lo > q->port.published_lo ? p.port.published_lo
                                                                      : q->port.published_lo,
                           p.port.protocol, q->service);
        diag_add_related(d, ctx->file, q->port.node->start, q->port.node->end,
                         "the port is first published here");
        break;
      }
      array_push(&seen, p);
    }
  }
  array_delete(&seen);
}

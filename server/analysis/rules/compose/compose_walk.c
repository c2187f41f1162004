/* The walks most per-service compose checkers start with: the service
 * when it is a mapping, each of its `ports:` items.  Kept here so that
 * each checker holds only its test. */
#include "compose_rules.h"

void compose__service_if_map(RuleCtx *ctx, ComposeServiceVisit visit) {
  if (ctx->service->value->kind == COMPOSE_NODE_MAP) visit(ctx, ctx->service);
}

void compose__service_ports(RuleCtx *ctx, ComposePortVisit visit) {
  const ComposeNode *ports = compose_get(ctx->service->value, "ports");
  if (!ports || ports->kind != COMPOSE_NODE_SEQ) return;
  for (size_t i = 0; i < ports->nitems; i++) visit(ctx, ports->items[i]);
}

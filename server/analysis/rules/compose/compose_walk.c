/* The walks most compose checkers start with: every service, every
 * `ports:` item.  Kept here so that each checker holds only its test. */
#include "compose_rules.h"

void compose__each_service(RuleCtx *ctx, ComposeServiceVisit visit) {
  const ComposeModel *model = ws_compose(ctx->ws, ctx->file);
  if (!model || !model->services) return;
  for (size_t i = 0; i < model->services->npairs; i++) {
    const ComposePair *service = &model->services->pairs[i];
    if (service->value->kind == COMPOSE_NODE_MAP) visit(ctx, service);
  }
}

void compose__each_port_item(RuleCtx *ctx, ComposePortVisit visit) {
  const ComposeModel *model = ws_compose(ctx->ws, ctx->file);
  if (!model || !model->services) return;
  for (size_t s = 0; s < model->services->npairs; s++) {
    const ComposeNode *ports = compose_get(model->services->pairs[s].value, "ports");
    if (!ports || ports->kind != COMPOSE_NODE_SEQ) continue;
    for (size_t i = 0; i < ports->nitems; i++) visit(ctx, ports->items[i]);
  }
}

/* The walks most per-service compose checkers start with: the service
 * when it is a mapping, each of its `ports:` items; and the facts of a
 * service that the checkers comparing services are keyed by.  Kept here
 * so that each checker holds only its test. */
#include "compose_rules.h"

void compose__service_if_map(RuleCtx *ctx, ComposeServiceVisit visit) {
  if (ctx->service->value->kind == COMPOSE_NODE_MAP) visit(ctx, ctx->service);
}

void compose__service_ports(RuleCtx *ctx, ComposePortVisit visit) {
  const ComposeNode *ports = compose_get(ctx->service->value, "ports");
  if (!ports || ports->kind != COMPOSE_NODE_SEQ) return;
  for (size_t i = 0; i < ports->nitems; i++) visit(ctx, ports->items[i]);
}

/* A node's value as text: a letter for its kind, then for a scalar its
 * type, style, tag and decoded text, for a mapping each key and value, for
 * a sequence each item.  Lengths go before texts, so no two values write
 * the same bytes. */
void compose__value_facts(const ComposeNode *node, StrBuf *out) {
  if (!node) {
    strbuf_append_char(out, '-');
    return;
  }
  strbuf_appendf(out, "%d%d%d%d%d", (int)node->kind, (int)node->type, (int)node->style, (int)node->tag,
                 (int)node->verbatim);
  if (node->text) {
    strbuf_appendf(out, "s%zu:", strlen(node->text));
    strbuf_append(out, node->text);
  }
  if (node->kind == COMPOSE_NODE_MAP) {
    strbuf_appendf(out, "{%zu", node->npairs);
    for (size_t i = 0; i < node->npairs; i++) {
      strbuf_appendf(out, "k%zu:", strlen(node->pairs[i].key));
      strbuf_append(out, node->pairs[i].key);
      compose__value_facts(node->pairs[i].value, out);
    }
  } else if (node->kind == COMPOSE_NODE_SEQ) {
    strbuf_appendf(out, "[%zu", node->nitems);
    for (size_t i = 0; i < node->nitems; i++) compose__value_facts(node->items[i], out);
  }
}

void compose__service_facts(const ComposePair *service, const char *const *keys, StrBuf *out) {
  strbuf_appendf(out, "%zu:", strlen(service->key));
  strbuf_append(out, service->key);
  strbuf_append_char(out, service->value->kind == COMPOSE_NODE_MAP ? 'm' : 'o');
  for (size_t i = 0; keys[i]; i++) compose__value_facts(compose_get(service->value, keys[i]), out);
}

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

/* The ports published so far, with an index from a host port to the
 * entries that publish exactly that one port: comparing every port with
 * every earlier one was quadratic in a file with hundreds of services.
 * Entries that publish a range are few and are all compared. */
typedef struct {
  unsigned port;
  size_t head, tail; /* indices into the entries, chained through `next` */
} PortSlot;

typedef struct {
  Array(Published) items;
  Array(size_t) next; /* the next single-port entry with the same port, or SIZE_MAX */
  Array(size_t) ranges; /* entries publishing more than one port, in order */
  PortSlot *slots;      /* open addressing; port 0 marks an empty slot */
  size_t cap, used;
} PortIndex;

static PortSlot *port_slot(const PortIndex *ix, unsigned port) {
  size_t i = (port * 2654435761u) & (ix->cap - 1);
  while (ix->slots[i].port && ix->slots[i].port != port) i = (i + 1) & (ix->cap - 1);
  return &ix->slots[i];
}

static void port_index_add(PortIndex *ix, const Published *p) {
  size_t k = ix->items.len;
  array_push(&ix->items, *p);
  array_push(&ix->next, SIZE_MAX);
  if (p->port.published_hi != p->port.published_lo) {
    array_push(&ix->ranges, k);
    return;
  }
  if (2 * (ix->used + 1) > ix->cap) {
    PortIndex bigger = {.cap = ix->cap ? 2 * ix->cap : 64};
    bigger.slots = xcalloc(bigger.cap, sizeof *bigger.slots);
    for (size_t i = 0; i < ix->cap; i++)
      if (ix->slots[i].port) *port_slot(&bigger, ix->slots[i].port) = ix->slots[i];
    xfree(ix->slots);
    ix->slots = bigger.slots;
    ix->cap = bigger.cap;
  }
  PortSlot *slot = port_slot(ix, p->port.published_lo);
  if (!slot->port) {
    *slot = (PortSlot){p->port.published_lo, k, k};
    ix->used++;
    return;
  }
  ix->next.items[slot->tail] = k;
  slot->tail = k;
}

/* Whether entry k is one `p` conflicts with. */
static bool port_clashes_with(const PortIndex *ix, size_t k, const Published *p, size_t first_of_service) {
  const Published *q = &ix->items.items[k];
  /* A port listed twice in one anchored block is reported once. */
  if (k >= first_of_service && q->port.node == p->port.node) return false;
  return ports_clash(q, p);
}

/* The first earlier entry `p` conflicts with, or SIZE_MAX: the entries
 * publishing one of p's ports and every range, or every entry when p
 * itself publishes a wide range. */
static size_t port_first_clash(const PortIndex *ix, const Published *p, size_t first_of_service) {
  size_t best = SIZE_MAX;
  unsigned lo = p->port.published_lo, hi = p->port.published_hi;
  if (hi - lo >= 64) {
    for (size_t k = 0; k < ix->items.len && best == SIZE_MAX; k++)
      if (port_clashes_with(ix, k, p, first_of_service)) best = k;
    return best;
  }
  for (size_t r = 0; r < ix->ranges.len; r++) {
    size_t k = ix->ranges.items[r];
    if (port_clashes_with(ix, k, p, first_of_service)) {
      best = k;
      break;
    }
  }
  for (unsigned port = lo; ix->cap && port <= hi; port++) {
    const PortSlot *slot = port_slot(ix, port);
    for (size_t k = slot->port ? slot->head : SIZE_MAX; k < best; k = ix->next.items[k])
      if (port_clashes_with(ix, k, p, first_of_service)) best = k;
  }
  return best;
}

/* What the comparison reads of a service: its name (in the message), its
 * ports and its profiles. */
void compose__port_conflict_facts(RuleCtx *ctx, const ComposePair *service, StrBuf *out) {
  (void)ctx;
  static const char *const keys[] = {"ports", "profiles", NULL};
  if (service) compose__service_facts(service, keys, out);
}

void compose__port_conflict(RuleCtx *ctx) {
  const ComposeModel *model = ws_compose(ctx->ws, ctx->file);
  if (!model || !model->services) return;
  PortIndex seen = {0};
  array_init(&seen.items);
  array_init(&seen.next);
  array_init(&seen.ranges);
  for (size_t s = 0; s < model->services->npairs; s++) {
    const ComposePair *svc = &model->services->pairs[s];
    const ComposeNode *ports = compose_get(svc->value, "ports");
    if (!ports || ports->kind != COMPOSE_NODE_SEQ) continue;
    size_t first_of_service = seen.items.len;
    for (size_t i = 0; i < ports->nitems; i++) {
      Published p = {.service = svc->key, .profiles = compose_get(svc->value, "profiles")};
      if (!compose_port_parse(ports->items[i], &p.port) || !p.port.published_lo) continue;
      size_t k = port_first_clash(&seen, &p, first_of_service);
      const ComposeNode *at = p.port.node;
      if (k != SIZE_MAX && !compose__reported(ctx, RULE_COMPOSE_PORT_CONFLICT, at->start, at->end)) {
        const Published *q = &seen.items.items[k];
        Diag *d = diag_add(ctx->out, RULE_COMPOSE_PORT_CONFLICT, ctx->file, at->start, at->end,
                           "host port %u/%s is already published by service `%s`",
                           p.port.published_lo > q->port.published_lo ? p.port.published_lo
                                                                      : q->port.published_lo,
                           p.port.protocol, q->service);
        diag_add_related(d, ctx->file, q->port.node->start, q->port.node->end,
                         "the port is first published here");
      }
      port_index_add(&seen, &p);
    }
  }
  array_delete(&seen.items);
  array_delete(&seen.next);
  array_delete(&seen.ranges);
  xfree(seen.slots);
}

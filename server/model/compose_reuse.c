/* Taking services over from the previous compose model (see
 * compose_model_build_reusing in compose.h).
 *
 * A keystroke changes one service of a long file; building every other
 * service again from the tree was most of the model's cost.  A service's
 * value depends only on the bytes of its pair when nothing inside it
 * reaches outside: no alias (which reads an anchor defined before it; a
 * merge key merges an alias or a mapping written in place), no anchor
 * (which later services may read), and no loader problem (whose message
 * names a line, which moves).  The builder records
 * for every service of the `services:` mapping its byte range and whether
 * it was such a service; the next build takes the recorded value of a
 * service whose pair lies wholly in bytes the edits left alone, at the
 * same range (shifted by the edits' length change when it lies after
 * them), instead of reading the tree again.
 *
 * The values are taken over by moving storage, not by copying: the new
 * model adopts the previous model's arena and adds the length change to
 * the ranges of the services after the edit in place.  What the previous
 * model built and the new one does not use stays in the arena until a
 * build starts from nothing again, which happens once the arena holds
 * twice what a build from nothing needed (plus one chunk's worth), so
 * memory stays bounded however long a user types. */
#include <assert.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "compose_internal.h"

typedef struct {
  size_t start, end;        /* the service's pair */
  ComposeNode *value;       /* its value, in the model's arena */
  bool self_contained;      /* nothing in it reads or defines anything outside */
  ComposeServiceKey key;    /* its key, text in the arena */
  bool key_plain;           /* no anchor, alias or tag on the key: taken with the value */
  /* A pair of the mapping that is not a service (a merge key, an empty or
   * unreadable value) comes between the previous service and this one:
   * a run of services taken over without reading the tree must not step
   * over it. */
  bool gap;
} ServiceSpan;

struct ComposeReuse {
  Array(ServiceSpan) services; /* in file order */
  bool tail_gap;               /* such a pair comes after the last service */
  size_t fresh_bytes;          /* arena bytes of the last build from nothing */
};

/* Slack over twice a fresh build's arena before starting afresh. */
#define REUSE_SLACK_BYTES 65536

static ComposeReuse *reuse_of(ComposeModel *model) {
  if (!model->reuse) {
    model->reuse = xcalloc(1, sizeof *model->reuse);
    array_init(&model->reuse->services);
  }
  return model->reuse;
}

bool compose_reuse__begin(ComposeDonor *d, ComposeModel *self, ComposeModel *prev,
                          const TextDelta *change, size_t new_len) {
  memset(d, 0, sizeof *d);
  if (!prev || !change || !prev->reuse || change->prefix + change->suffix > new_len ||
      change->prefix + change->suffix > change->old_len)
    return false;
  size_t used = compose_model__arena_bytes(prev);
  if (used > 2 * prev->reuse->fresh_bytes + REUSE_SLACK_BYTES) return false;
  d->prev = prev;
  d->change = *change;
  d->new_len = new_len;
  /* The previous model's storage becomes the new model's: the values
   * taken over live there. */
  self->arena = prev->arena;
  prev->arena = NULL;
  reuse_of(self)->fresh_bytes = prev->reuse->fresh_bytes;
  /* About as many services as last time: room for them at once. */
  array_reserve(&self->reuse->services, prev->reuse->services.len);
  return true;
}

/* Adds `delta` to every range in a value that holds no alias, so every
 * node is reached once.  The shared opaque placeholder (ranges 0) is
 * not the model's and is left alone. */
static void reuse_shift(ComposeNode *n, ptrdiff_t delta, const ComposeNode *placeholder);

/* A child: most are scalars, moved here without a call (a keystroke mid-
 * file moves every node of the services after it). */
static inline void reuse_shift_child(const ComposeNode *child, ptrdiff_t delta, const ComposeNode *placeholder) {
  ComposeNode *c = (ComposeNode *)child;
  if (c == placeholder) return;
  if (c->npairs || c->nitems) {
    reuse_shift(c, delta, placeholder);
    return;
  }
  c->start += delta;
  c->end += delta;
}

static void reuse_shift(ComposeNode *n, ptrdiff_t delta, const ComposeNode *placeholder) {
  if (n == placeholder) return;
  n->start += delta;
  n->end += delta;
  for (size_t i = 0; i < n->npairs; i++) {
    ComposePair *p = (ComposePair *)&n->pairs[i];
    p->key_start += delta;
    p->key_end += delta;
    p->pair_start += delta;
    p->pair_end += delta;
    reuse_shift_child(p->value, delta, placeholder);
  }
  for (size_t i = 0; i < n->nitems; i++) reuse_shift_child(n->items[i], delta, placeholder);
}

const ComposeNode *compose_reuse__take(ComposeDonor *d, size_t start, size_t end,
                                       const ComposeNode *placeholder, ComposeServiceKey *key) {
  if (!d->prev) return NULL;
  size_t old_start = start, old_end = end;
  ptrdiff_t delta = 0;
  if (end <= d->change.prefix) {
    /* Before the edits: same offsets. */
  } else if (start >= d->new_len - d->change.suffix) {
    delta = (ptrdiff_t)d->new_len - (ptrdiff_t)d->change.old_len;
    old_start = start - (size_t)((ptrdiff_t)d->new_len - (ptrdiff_t)d->change.old_len);
    old_end = end - (size_t)((ptrdiff_t)d->new_len - (ptrdiff_t)d->change.old_len);
  } else {
    return NULL;
  }
  /* Services are asked for in file order, so one pass over the previous
   * model's list serves the whole build. */
  const ComposeReuse *old = d->prev->reuse;
  while (d->next < old->services.len && old->services.items[d->next].start < old_start) d->next++;
  if (d->next == old->services.len) return NULL;
  const ServiceSpan *s = &old->services.items[d->next];
  if (s->start != old_start || s->end != old_end || !s->self_contained || (key && !s->key_plain)) return NULL;
  if (delta) reuse_shift(s->value, delta, placeholder);
  if (key) {
    *key = s->key;
    key->start = (size_t)((ptrdiff_t)key->start + delta);
    key->end = (size_t)((ptrdiff_t)key->end + delta);
  }
  d->next++;
  return s->value;
}

size_t compose_reuse__leading(const ComposeDonor *d, size_t *resume) {
  *resume = 0;
  if (!d->prev) return 0;
  const ComposeReuse *old = d->prev->reuse;
  size_t count = 0;
  if (d->next < old->services.len && old->services.items[d->next].gap) return 0;
  for (size_t i = d->next; i + 1 < old->services.len; i++) {
    const ServiceSpan *s = &old->services.items[i];
    if (!s->self_contained || !s->key_plain || old->services.items[i + 1].start >= d->change.prefix ||
        old->services.items[i + 1].gap)
      break;
    count++;
    *resume = old->services.items[i + 1].start;
  }
  return count;
}

size_t compose_reuse__trailing(const ComposeDonor *d, size_t pair_start) {
  if (!d->prev || pair_start < d->new_len - d->change.suffix) return 0;
  const ComposeReuse *old = d->prev->reuse;
  if (old->tail_gap) return 0;
  for (size_t i = d->next; i < old->services.len; i++)
    if (!old->services.items[i].self_contained || !old->services.items[i].key_plain || old->services.items[i].gap)
      return 0;
  return old->services.len - d->next;
}

void compose_reuse__take_run(ComposeDonor *d, ComposeModel *self, size_t count, const ComposeNode *placeholder,
                             bool gap, ComposePair *pairs, size_t *hashes) {
  if (!count) return;
  const ComposeReuse *old = d->prev->reuse;
  assert(d->next + count <= old->services.len);
  const ServiceSpan *from = &old->services.items[d->next];
  /* A run lies wholly before the edits or wholly after them: one shift. */
  ptrdiff_t delta = from->start >= d->change.old_len - d->change.suffix
                        ? (ptrdiff_t)d->new_len - (ptrdiff_t)d->change.old_len
                        : 0;
  ComposeReuse *r = reuse_of(self);
  array_reserve(&r->services, r->services.len + count);
  ServiceSpan *to = &r->services.items[r->services.len];
  memcpy(to, from, count * sizeof *to);
  r->services.len += count;
  to[0].gap = gap;
  for (size_t i = 0; i < count; i++) {
    ServiceSpan *s = &to[i];
    assert(s->self_contained && s->key_plain && (i == 0 || !s->gap));
    if (delta) {
      s->start = (size_t)((ptrdiff_t)s->start + delta);
      s->end = (size_t)((ptrdiff_t)s->end + delta);
      s->key.start = (size_t)((ptrdiff_t)s->key.start + delta);
      s->key.end = (size_t)((ptrdiff_t)s->key.end + delta);
      reuse_shift(s->value, delta, placeholder);
    }
    pairs[i] = (ComposePair){.key = s->key.text,
                             .key_start = s->key.start,
                             .key_end = s->key.end,
                             .pair_start = s->start,
                             .pair_end = s->end,
                             .value = s->value};
    hashes[i] = s->key.hash;
  }
  d->next += count;
}

void compose_reuse__record(ComposeModel *self, size_t start, size_t end, const ComposeServiceKey *key,
                           const ComposeNode *value, bool self_contained, bool gap) {
  ServiceSpan s = {.start = start, .end = end, .value = (ComposeNode *)value, .self_contained = self_contained,
                   .gap = gap};
  if (key) {
    s.key = *key;
    s.key_plain = true;
  }
  array_push(&reuse_of(self)->services, s);
}

void compose_services_self_contained(const ComposeModel *self, bool *out) {
  const ComposeNode *services = self->services;
  const ServiceSpan *items = self->reuse ? self->reuse->services.items : NULL;
  size_t count = self->reuse ? self->reuse->services.len : 0, at = 0;
  /* The mapping's own pairs and the records are both in file order (a
   * record for every service built or taken, also one whose key repeats
   * an earlier one and so is no pair); merged pairs come last and are
   * never self-contained. */
  for (size_t i = 0; i < services->npairs; i++) {
    const ComposePair *p = &services->pairs[i];
    out[i] = false;
    if (p->merged) continue;
    while (at < count && items[at].start < p->pair_start) at++;
    if (at == count) continue;
    const ServiceSpan *s = &items[at];
    out[i] = s->start == p->pair_start && s->end == p->pair_end && s->value == p->value && s->self_contained;
  }
}

void compose_reuse__tail_gap(ComposeModel *self, bool gap) { reuse_of(self)->tail_gap = gap; }

void compose_reuse__finish(ComposeModel *self, const ComposeDonor *d) {
  ComposeReuse *r = reuse_of(self);
  if (!d->prev) r->fresh_bytes = compose_model__arena_bytes(self);
}

void compose_reuse__free(ComposeModel *self) {
  if (!self->reuse) return;
  array_delete(&self->reuse->services);
  xfree(self->reuse);
  self->reuse = NULL;
}

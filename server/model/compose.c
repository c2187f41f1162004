/* Builds ComposeModel from a tree-sitter-yaml tree (see compose.h for the
 * shape).  One walk over the first document turns every YAML node into a
 * ComposeNode; anchors are registered when their node is complete, so an
 * alias always refers to the latest earlier definition (YAML's rule) and a
 * node can never contain itself.  Aliases share the anchored node and add
 * its weight to a file-wide budget; merge keys copy the merged mappings'
 * pairs (pointers to their values, so ranges stay those of the anchor).
 *
 * The model must be cheap: it is rebuilt on every keystroke of an open
 * compose file.  Nodes, pairs and strings come from an arena freed in one
 * go; the services a keystroke did not touch are taken over from the
 * previous model (compose_reuse.c), and a mapping's children are read with
 * one cursor and its keys checked for duplicates through a hash table, so
 * that a long `services:` mapping costs no more than linear time. */
#include "dockls/model/compose.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"
#include "dockls/syntax/node.h"
#include "dockls/syntax/symbols.h"
#include "compose_internal.h"

/* --- Builder state ----------------------------------------------------- */

typedef struct {
  const char *name; /* points into the document text, not terminated */
  size_t len;
  const ComposeNode *node;
} Anchor;

typedef struct {
  ComposeModel *model;
  const Syntax *syntax; /* whose trees the nodes are (a mapping's children may be in several) */
  const TextDoc *text;
  Array(Anchor) anchors;
  size_t expanded; /* nodes reached through aliases so far */
  int depth;
  const ComposeHiddenArray *hidden; /* a recovered text's blanked values, or NULL */
  ComposeDonor donor;  /* the previous model's services, to take over */
  size_t aliases;      /* aliases resolved so far */
  bool services_next;  /* the value about to be built is the top-level `services` */
  /* In the `services:` mapping: the last pair read was not recorded as a
   * service (a merge key, an empty or unreadable value), and a pair not
   * recorded came since the last service recorded (see ServiceSpan.gap). */
  bool unrecorded, gap;
} Builder;

/* Nesting deeper than this is not something a compose file does; the
 * walk stops there so a pathological file cannot exhaust the stack. */
#define COMPOSE_MAX_DEPTH 200

static ComposeNode opaque_node = {.kind = COMPOSE_NODE_OPAQUE, .weight = 1};

static void builder_problem(Builder *b, size_t start, size_t end, const char *fmt, const char *arg) {
  StrBuf msg = STRBUF_INIT;
  strbuf_appendf(&msg, fmt, arg);
  ComposeProblem p = {.start = start, .end = end, .message = strbuf_take(&msg)};
  array_push(&b->model->problems, p);
}

static ComposeNode *builder_node(Builder *b, ComposeNodeKind kind, TSNode at) {
  ComposeNode *n = compose_model__alloc(b->model, sizeof *n);
  n->kind = kind;
  n->start = ts_node_start_byte(at);
  n->end = ts_node_end_byte(at);
  n->weight = 1;
  return n;
}

/* Indentation (spaces) of the line holding `offset`. */
static size_t builder_line_indent(const TextDoc *text, size_t offset) {
  size_t s = offset;
  while (s > 0 && text->bytes[s - 1] != '\n') s--;
  size_t n = 0;
  while (s + n < text->len && text->bytes[s + n] == ' ') n++;
  return n;
}

static ComposeNode *builder_scalar(Builder *b, TSNode node, ComposeScalarStyle style) {
  ComposeNode *n = builder_node(b, COMPOSE_NODE_SCALAR, node);
  n->style = style;
  n->type = COMPOSE_SCALAR_STR;
  if (style == COMPOSE_STYLE_PLAIN && ts_node_named_child_count(node) == 1) {
    const YamlSymbols *y = yaml_symbols();
    TSSymbol t = ts_node_symbol(ts_node_named_child(node, 0));
    if (t == y->integer_scalar) n->type = COMPOSE_SCALAR_INT;
    else if (t == y->float_scalar) n->type = COMPOSE_SCALAR_FLOAT;
    else if (t == y->boolean_scalar) n->type = COMPOSE_SCALAR_BOOL;
    else if (t == y->null_scalar) n->type = COMPOSE_SCALAR_NULL;
  }
  const char *src = b->text->bytes + n->start;
  size_t len = n->end - n->start;
  size_t q = style == COMPOSE_STYLE_SINGLE || style == COMPOSE_STYLE_DOUBLE;
  bool simple = len >= 2 * q && memchr(src, '\n', len) == NULL &&
                (style == COMPOSE_STYLE_PLAIN ||
                 (style == COMPOSE_STYLE_SINGLE && !memchr(src + 1, '\'', len - 2)) ||
                 (style == COMPOSE_STYLE_DOUBLE && !memchr(src, '\\', len)));
  if (simple) {
    n->text = compose_model__strndup(b->model, src + q, len - 2 * q);
    n->verbatim = true;
  } else {
    size_t indent = builder_line_indent(b->text, n->start);
    char *decoded = compose_scalar_decode(src, len, style, indent);
    n->text = compose_model__strndup(b->model, decoded, strlen(decoded));
    xfree(decoded);
  }
  if (n->type == COMPOSE_SCALAR_NULL) n->kind = COMPOSE_NODE_NULL;
  return n;
}

static const ComposeNode *builder_value(Builder *b, TSNode node);

static const ComposeNode *builder_alias(Builder *b, TSNode node) {
  TSNode name = node_child_of_type(node, yaml_symbols()->alias_name);
  if (ts_node_is_null(name)) return &opaque_node;
  const char *s = b->text->bytes + ts_node_start_byte(name);
  size_t len = ts_node_end_byte(name) - ts_node_start_byte(name);
  b->aliases++;
  for (size_t i = b->anchors.len; i-- > 0;) {
    const Anchor *a = &b->anchors.items[i];
    if (a->len != len || memcmp(a->name, s, len) != 0) continue;
    /* The budget counts every node an alias makes reachable; past the cap
     * the alias reads as unknown, which keeps any full walk bounded. */
    if (b->expanded + a->node->weight > COMPOSE_EXPANSION_CAP) {
      b->model->capped = true;
      return &opaque_node;
    }
    b->expanded += a->node->weight;
    return a->node;
  }
  if (b->hidden) return &opaque_node;
  char *shown = xstrndup(s, len);
  builder_problem(b, ts_node_start_byte(node), ts_node_end_byte(node),
                  "unknown anchor `%s` referenced", shown);
  xfree(shown);
  return &opaque_node;
}

/* The key text of a pair (decoded), or NULL when the key is not a scalar. */
static const ComposeNode *builder_key(Builder *b, TSNode pair) {
  TSNode key = ts_node_child_by_field_name(pair, "key", 3);
  if (ts_node_is_null(key)) return NULL;
  const ComposeNode *k = builder_value(b, key);
  return k->kind == COMPOSE_NODE_SCALAR || k->kind == COMPOSE_NODE_NULL ? k : NULL;
}

/* The blanked value whose key starts at `key_start`, or NULL. */
static const ComposeHidden *builder_hidden(const Builder *b, size_t key_start) {
  if (!b->hidden) return NULL;
  for (size_t i = 0; i < b->hidden->len; i++)
    if (b->hidden->items[i].key_start == key_start) return &b->hidden->items[i];
  return NULL;
}

/* True when a blanked value lies in [start, end): that pair's value is
 * opaque now, whatever the same bytes held before. */
static bool builder_hides(const Builder *b, size_t start, size_t end) {
  if (!b->hidden) return false;
  for (size_t i = 0; i < b->hidden->len; i++)
    if (b->hidden->items[i].key_start >= start && b->hidden->items[i].key_start < end) return true;
  return false;
}

typedef Array(ComposePair) PairList;
typedef Array(const char *) NameList;

static bool pair_list_has(const PairList *list, const char *key) {
  for (size_t i = 0; i < list->len; i++)
    if (strcmp(list->items[i].key, key) == 0) return true;
  return false;
}

/* Adds the pairs of a merged mapping that the map does not define. */
static void builder_merge_from(Builder *b, const ComposeNode *src, TSNode at, PairList *merged,
                               const PairList *own, const NameList *reset) {
  if (src->kind == COMPOSE_NODE_OPAQUE) return;
  if (src->kind != COMPOSE_NODE_MAP) {
    builder_problem(b, ts_node_start_byte(at), ts_node_end_byte(at), "%s",
                    "a merge key `<<` needs a mapping or a list of mappings");
    return;
  }
  for (size_t i = 0; i < src->npairs; i++) {
    const ComposePair *p = &src->pairs[i];
    if (pair_list_has(own, p->key) || pair_list_has(merged, p->key)) continue;
    bool is_reset = false;
    for (size_t r = 0; r < reset->len; r++) is_reset |= strcmp(reset->items[r], p->key) == 0;
    if (is_reset) continue;
    ComposePair copy = *p;
    copy.merged = true;
    array_push(merged, copy);
  }
}

/* The keys of a mapping's explicit pairs so far, hashed once the mapping
 * is long enough for a linear scan per key to matter (a `services:`
 * mapping with hundreds of entries).  Slots hold an index into the pair
 * list plus one; 0 is an empty slot. */
typedef struct {
  size_t *slots;
  size_t mask; /* slot count minus one; no table when slots is NULL */
} KeyIndex;

#define KEY_INDEX_MIN_PAIRS 16

size_t compose_model__key_hash(const char *key) {
  size_t h = 1469598103934665603u;
  for (const unsigned char *p = (const unsigned char *)key; *p; p++) h = (h ^ *p) * 1099511628211u;
  return h;
}

/* Hashes the pairs of `own` into a new table of `cap` slots (a power of
 * two above twice their number). */
static void key_index_fill(KeyIndex *ix, const PairList *own, size_t cap) {
  xfree(ix->slots);
  ix->slots = xcalloc(cap, sizeof *ix->slots);
  ix->mask = cap - 1;
  for (size_t n = 1; n <= own->len; n++) {
    size_t i = compose_model__key_hash(own->items[n - 1].key) & ix->mask;
    while (ix->slots[i]) i = (i + 1) & ix->mask;
    ix->slots[i] = n;
  }
}

/* `count` is the mapping's number of children as its node has them, which
 * sizes the table; a split document's `services:` mapping holds more (its
 * runs' services), so the table also grows as pairs come. */
static void key_index_init(KeyIndex *ix, uint32_t count) {
  ix->slots = NULL;
  ix->mask = 0;
  if (count < KEY_INDEX_MIN_PAIRS) return;
  size_t cap = 32;
  while (cap < 2 * (size_t)count) cap *= 2;
  ix->slots = xcalloc(cap, sizeof *ix->slots);
  ix->mask = cap - 1;
}

/* The hash of a key that key_index_find and key_index_add need: none
 * while the index has no table (a short mapping is searched in order). */
static size_t key_index_hash(const KeyIndex *ix, const char *key) {
  return ix->slots ? compose_model__key_hash(key) : 0;
}

/* The earlier explicit pair with this key, or NULL; `hash` is
 * key_index_hash's. */
static const ComposePair *key_index_find(const KeyIndex *ix, const PairList *own, const char *key, size_t hash) {
  if (!ix->slots) {
    for (size_t k = 0; k < own->len; k++)
      if (strcmp(own->items[k].key, key) == 0) return &own->items[k];
    return NULL;
  }
  for (size_t i = hash & ix->mask; ix->slots[i]; i = (i + 1) & ix->mask)
    if (strcmp(own->items[ix->slots[i] - 1].key, key) == 0) return &own->items[ix->slots[i] - 1];
  return NULL;
}

/* Records the last pair of `own` (its key, whose key_index_hash before
 * the push is `hash`, is not there yet). */
static void key_index_add(KeyIndex *ix, const PairList *own, size_t hash) {
  if (!ix->slots) {
    if (own->len >= KEY_INDEX_MIN_PAIRS) key_index_fill(ix, own, 4 * KEY_INDEX_MIN_PAIRS);
    return;
  }
  if (2 * own->len > ix->mask + 1) {
    key_index_fill(ix, own, 2 * (ix->mask + 1));
    return;
  }
  size_t i = hash & ix->mask;
  while (ix->slots[i]) i = (i + 1) & ix->mask;
  ix->slots[i] = own->len;
}

/* A service's value: the previous model's when it can be taken over
 * (builder_take_service), else built (builder_service), and recorded for
 * the next build either way.  It may be taken over next time only when
 * building it resolved no alias, registered no anchor and reported no
 * problem.  A merge key needs no check of its own: what it merges is an
 * alias (counted) or a mapping written inside the service itself. */
/* With `key` (the key not built yet), the key is taken over too, when it
 * was plain; without, the value alone, recorded with `built` (the key just
 * built, NULL when it is not plain). */
static void builder_record(Builder *b, size_t pair_start, size_t pair_end, const ComposeServiceKey *key,
                           const ComposeNode *value, bool alone) {
  compose_reuse__record(b->model, pair_start, pair_end, key, value, alone, b->gap);
  b->gap = b->unrecorded = false;
}

static const ComposeNode *builder_take_service(Builder *b, size_t pair_start, size_t pair_end, ComposeServiceKey *key,
                                               const ComposeServiceKey *built) {
  if (builder_hides(b, pair_start, pair_end)) return NULL;
  const ComposeNode *value = compose_reuse__take(&b->donor, pair_start, pair_end, &opaque_node, key);
  if (value) builder_record(b, pair_start, pair_end, key ? key : built, value, true);
  return value;
}

static const ComposeNode *builder_service(Builder *b, TSNode value_ts, size_t pair_start, size_t pair_end,
                                          const ComposeServiceKey *built) {
  size_t aliases = b->aliases, anchors = b->anchors.len;
  size_t problems = b->model->problems.len;
  const ComposeNode *value = builder_value(b, value_ts);
  /* In a recovered text too: an alias (to a blanked anchor or not) is
   * counted, and the service itself is not hidden, or it would not be
   * built here. */
  bool alone = b->aliases == aliases && b->anchors.len == anchors && b->model->problems.len == problems;
  builder_record(b, pair_start, pair_end, built, value, alone);
  return value;
}

/* Adds a pair to the mapping being built: a loader problem when a pair
 * with the same key came earlier, in which case the first definition
 * stays in force so that rules see one value; a `!reset` value only hides
 * the merged key of that name.  `hash` is the key's key_index_hash (or
 * its full hash, which a taken service's key carries). */
static void builder_pair_add(Builder *b, KeyIndex *keys, PairList *own, NameList *reset, const char *key_text,
                             size_t hash, size_t key_start, size_t key_end, size_t pair_start, size_t pair_end,
                             const ComposeNode *value) {
  const ComposePair *first = key_index_find(keys, own, key_text, hash);
  if (first) {
    char line[32];
    snprintf(line, sizeof line, "%zu", (size_t)text_pos_of(b->text, first->key_start, POS_ENC_UTF8).line + 1);
    StrBuf msg = STRBUF_INIT;
    strbuf_appendf(&msg, "mapping key `%s` already defined at line %s", key_text, line);
    ComposeProblem p = {.start = key_start, .end = key_end, .message = strbuf_take(&msg)};
    array_push(&b->model->problems, p);
    return;
  }
  if (value->tag == COMPOSE_TAG_RESET) {
    array_push(reset, key_text);
    return;
  }
  ComposePair p = {
      .key = key_text,
      .key_start = key_start,
      .key_end = key_end,
      .pair_start = pair_start,
      .pair_end = pair_end,
      .value = value,
  };
  array_push(own, p);
  key_index_add(keys, own, hash);
}

/* Takes over the previous model's next `count` services without reading
 * their nodes, and adds their pairs to the mapping (a key that repeats an
 * earlier one is still a loader problem). */
static void builder_take_run(Builder *b, size_t count, KeyIndex *keys, PairList *own, NameList *reset) {
  /* The pairs are written where they go, after the mapping's pairs so
   * far, and each stays there unless its key repeats an earlier one or
   * its value is a `!reset` (builder_pair_add's other outcomes, which
   * never add a pair): a long file takes hundreds at once. */
  array_reserve(own, own->len + count);
  ComposePair *taken = own->items + own->len;
  size_t *hashes = xmalloc((count ? count : 1) * sizeof *hashes);
  compose_reuse__take_run(&b->donor, b->model, count, &opaque_node, b->gap, taken, hashes);
  b->gap = b->unrecorded = false;
  size_t at = own->len;
  for (size_t i = 0; i < count; i++) {
    /* Read before anything is written at `at`, which is at or before it. */
    ComposePair p = taken[i];
    if (p.value->tag == COMPOSE_TAG_RESET || key_index_find(keys, own, p.key, hashes[i])) {
      builder_pair_add(b, keys, own, reset, p.key, hashes[i], p.key_start, p.key_end, p.pair_start, p.pair_end,
                       p.value);
      continue;
    }
    own->items[at++] = p;
    own->len = at;
    key_index_add(keys, own, hashes[i]);
  }
  xfree(hashes);
}

/* Takes over the services at the start of the `services:` mapping that
 * lie before the edits (compose_reuse__leading) without reading their
 * nodes, and starts the walk of the mapping's children on the pair after
 * them: stepping over every pair of a long file cost more than taking
 * them over.  The walk reaches that pair by byte (through the hidden nodes
 * of the mapping's list, and in a split document through the runs before
 * it), and the pairs are taken only when it starts where the previous
 * model's did.  Otherwise the walk starts on the first child and nothing
 * is taken.  False when the mapping has no child. */
static bool builder_take_leading(Builder *b, TSNode node, SyntaxChildren *children, KeyIndex *keys, PairList *own,
                                 NameList *reset) {
  size_t resume;
  size_t count = compose_reuse__leading(&b->donor, &resume);
  if (count) {
    if (syntax_children_from(children, b->syntax, node, resume) &&
        ts_node_start_byte(syntax_children_node(children)) == resume) {
      builder_take_run(b, count, keys, own, reset);
      return true;
    }
    syntax_children_end(children);
  }
  return syntax_children_first(children, b->syntax, node);
}

static ComposeNode *builder_mapping(Builder *b, TSNode node, bool flow, bool services) {
  const YamlSymbols *y = yaml_symbols();
  ComposeNode *n = builder_node(b, COMPOSE_NODE_MAP, node);
  n->flow = flow;
  PairList own, merged;
  array_init(&own);
  array_init(&merged);
  NameList reset;
  array_init(&reset);
  Array(TSNode) merges; /* the `<<` values, resolved after the explicit keys */
  array_init(&merges);
  KeyIndex keys;
  uint32_t count = ts_node_named_child_count(node);
  /* A split document's `services:` node holds its first and last run of
   * services only; the previous model's count sizes the table better. */
  const ComposeNode *before = services && b->donor.prev ? b->donor.prev->services : NULL;
  if (before && before->npairs > count) count = (uint32_t)before->npairs;
  key_index_init(&keys, count);
  /* Grown to its size at once, not doubled through a reallocation per
   * power of two (a copy of every pair each time). */
  if (before) array_reserve(&own, before->npairs);
  /* One cursor for the whole mapping: ts_node_named_child(node, i) walks
   * the children from the first each time.  The walk also gives the
   * services of a split document's runs in their place. */
  SyntaxChildren children;
  bool more = services ? builder_take_leading(b, node, &children, &keys, &own, &reset)
                       : syntax_children_first(&children, b->syntax, node);
  for (; more; more = syntax_children_next(&children)) {
    TSNode pair = syntax_children_node(&children);
    if (!ts_node_is_named(pair)) continue;
    if (!node_has(pair, y->block_mapping_pair) && !node_has(pair, y->flow_pair)) {
      /* A bare flow_node in a flow mapping (`{a, b}`) is a key with a null value. */
      if (!node_has(pair, y->flow_node)) continue;
    }
    size_t pair_start = ts_node_start_byte(pair), pair_end = ts_node_end_byte(pair);
    if (services) {
      b->gap |= b->unrecorded;
      b->unrecorded = true;
    }
    /* A service taken over with a plain key needs neither its key nor its
     * value node: looking them up by field name and decoding the key cost
     * more than the rest of taking the service over.  A pair taken over
     * had a value (an empty one is never recorded), and the same bytes at
     * the same range still have it. */
    ComposeServiceKey taken;
    const ComposeNode *value = services && node_has(pair, y->block_mapping_pair)
                                   ? builder_take_service(b, pair_start, pair_end, &taken, NULL)
                                   : NULL;
    if (value) {
      builder_pair_add(b, &keys, &own, &reset, taken.text, taken.hash, taken.start, taken.end, pair_start, pair_end,
                       value);
      /* After the edits, the rest of the mapping is what it was: taken
       * over without stepping the cursor over it, when it can be whole. */
      size_t rest = compose_reuse__trailing(&b->donor, pair_start);
      if (rest) {
        builder_take_run(b, rest, &keys, &own, &reset);
        break;
      }
      continue;
    }
    size_t anchors = b->anchors.len, aliases = b->aliases, problems = b->model->problems.len;
    const ComposeNode *key = node_has(pair, y->flow_node) ? builder_value(b, pair) : builder_key(b, pair);
    if (!key) continue;
    const char *key_text = key->text ? key->text : "";
    bool merge = strcmp(key_text, "<<") == 0 && key->style == COMPOSE_STYLE_PLAIN && key->tag == COMPOSE_TAG_NONE;
    ComposeServiceKey built = {key_text, key->start, key->end,
                               services ? compose_model__key_hash(key_text) : key_index_hash(&keys, key_text)};
    bool plain = key->kind == COMPOSE_NODE_SCALAR && key->tag == COMPOSE_TAG_NONE && b->anchors.len == anchors &&
                 b->aliases == aliases && b->model->problems.len == problems;
    const ComposeHidden *hidden = merge ? NULL : builder_hidden(b, key->start);
    value = services && !merge && !hidden ? builder_take_service(b, pair_start, pair_end, NULL, plain ? &built : NULL)
                                          : NULL;
    TSNode value_ts = value || node_has(pair, y->flow_node) ? (TSNode){0}
                                                            : ts_node_child_by_field_name(pair, "value", 5);
    if (merge) {
      if (!ts_node_is_null(value_ts)) array_push(&merges, value_ts);
      continue;
    }
    if (value) {
      /* Taken over. */
    } else if (hidden) {
      /* Built before any anchor on the key line is registered, so an
       * alias to it reads as unknown too, never as the empty value. */
      ComposeNode *opaque = compose_model__alloc(b->model, sizeof *opaque);
      opaque->kind = COMPOSE_NODE_OPAQUE;
      opaque->start = hidden->start;
      opaque->end = hidden->end;
      opaque->weight = 1;
      value = opaque;
    } else if (ts_node_is_null(value_ts)) {
      ComposeNode *empty = compose_model__alloc(b->model, sizeof *empty);
      empty->kind = COMPOSE_NODE_NULL;
      empty->start = empty->end = key->end;
      empty->weight = 1;
      value = empty;
    } else if (services) {
      value = builder_service(b, value_ts, pair_start, pair_end, plain ? &built : NULL);
    } else {
      b->services_next = b->depth == 1 && !flow && strcmp(key_text, "services") == 0 &&
                         !key_index_find(&keys, &own, key_text, built.hash);
      value = builder_value(b, value_ts);
      b->services_next = false;
    }
    builder_pair_add(b, &keys, &own, &reset, key_text, built.hash, key->start, key->end, pair_start, pair_end, value);
  }
  syntax_children_end(&children);
  if (services) {
    compose_reuse__tail_gap(b->model, b->gap || b->unrecorded);
    b->gap = b->unrecorded = false;
  }
  xfree(keys.slots);
  /* `<<: [*a, *b]`: earlier mappings win over later ones, explicit keys
   * over all of them. */
  bool merged_unknown = false;
  for (size_t m = 0; m < merges.len; m++) {
    const ComposeNode *src = builder_value(b, merges.items[m]);
    if (src->kind == COMPOSE_NODE_SEQ) {
      for (size_t i = 0; i < src->nitems; i++) {
        merged_unknown |= src->items[i]->kind == COMPOSE_NODE_OPAQUE;
        builder_merge_from(b, src->items[i], merges.items[m], &merged, &own, &reset);
      }
    } else {
      merged_unknown |= src->kind == COMPOSE_NODE_OPAQUE;
      builder_merge_from(b, src, merges.items[m], &merged, &own, &reset);
    }
  }
  /* In a recovered text, a merge of something unreadable may have been
   * a merge of a blanked entry: the mapping's keys are then unknown, and
   * a rule must not report what it seems to lack. */
  if (merged_unknown && b->hidden) n->kind = COMPOSE_NODE_OPAQUE;
  n->npairs = own.len + merged.len;
  /* Every pair is written below: the services' list is long. */
  ComposePair *pairs = n->npairs ? compose_model__take(b->model, n->npairs * sizeof *pairs)
                                 : compose_model__alloc(b->model, sizeof *pairs);
  if (own.len) memcpy(pairs, own.items, own.len * sizeof *pairs);
  if (merged.len) memcpy(pairs + own.len, merged.items, merged.len * sizeof *pairs);
  n->pairs = pairs;
  for (size_t i = 0; i < n->npairs; i++) n->weight += 1 + pairs[i].value->weight;
  array_delete(&own);
  array_delete(&merged);
  array_delete(&reset);
  array_delete(&merges);
  return n;
}

static ComposeNode *builder_sequence(Builder *b, TSNode node, bool flow) {
  const YamlSymbols *y = yaml_symbols();
  ComposeNode *n = builder_node(b, COMPOSE_NODE_SEQ, node);
  n->flow = flow;
  Array(const ComposeNode *) items;
  array_init(&items);
  uint32_t count = ts_node_named_child_count(node);
  for (uint32_t i = 0; i < count; i++) {
    TSNode item = ts_node_named_child(node, i);
    if (node_has(item, y->block_sequence_item)) {
      TSNode inner = {0};
      for (uint32_t c = 0; c < ts_node_named_child_count(item); c++) {
        TSNode child = ts_node_named_child(item, c);
        if (!node_has(child, y->comment)) inner = child;
      }
      if (ts_node_is_null(inner)) {
        ComposeNode *empty = builder_node(b, COMPOSE_NODE_NULL, item);
        empty->start = empty->end = ts_node_end_byte(item);
        array_push(&items, empty);
      } else {
        array_push(&items, builder_value(b, inner));
      }
    } else if (node_has(item, y->flow_node)) {
      array_push(&items, builder_value(b, item));
    } else if (node_has(item, y->flow_pair)) {
      /* `[a: 1]` is a sequence holding a one-pair mapping. */
      array_push(&items, builder_mapping(b, item, true, false));
    }
  }
  const ComposeNode **stored = compose_model__alloc(b->model, (items.len ? items.len : 1) * sizeof *stored);
  if (items.len) memcpy(stored, items.items, items.len * sizeof *stored);
  n->items = stored;
  n->nitems = items.len;
  for (size_t i = 0; i < items.len; i++) n->weight += items.items[i]->weight;
  array_delete(&items);
  return n;
}

/* Builds the value of a block_node / flow_node (or of its content node
 * directly), applying its anchor and tag. */
static const ComposeNode *builder_value(Builder *b, TSNode node) {
  const YamlSymbols *y = yaml_symbols();
  bool services = b->services_next;
  b->services_next = false;
  if (++b->depth > COMPOSE_MAX_DEPTH) {
    b->depth--;
    return &opaque_node;
  }
  TSNode anchor = {0}, content = {0};
  ComposeTag tag = COMPOSE_TAG_NONE;
  bool str_tag = false;
  if (node_has(node, y->block_node) || node_has(node, y->flow_node)) {
    uint32_t count = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < count; i++) {
      TSNode child = ts_node_named_child(node, i);
      if (node_has(child, y->anchor)) {
        anchor = child;
      } else if (node_has(child, y->tag)) {
        size_t s = ts_node_start_byte(child), e = ts_node_end_byte(child);
        const char *t = b->text->bytes + s;
        if (e - s == 6 && memcmp(t, "!reset", 6) == 0) tag = COMPOSE_TAG_RESET;
        else if (e - s == 9 && memcmp(t, "!override", 9) == 0) tag = COMPOSE_TAG_OVERRIDE;
        else tag = COMPOSE_TAG_OTHER;
        str_tag = e - s == 5 && memcmp(t, "!!str", 5) == 0;
      } else if (!node_has(child, y->comment)) {
        content = child;
      }
    }
  } else {
    content = node;
  }
  /* `fresh` is a node built here (ours to tag); `result` may also be a
   * shared one (an alias's target, the opaque placeholder). */
  ComposeNode *fresh = NULL;
  const ComposeNode *result = NULL;
  TSSymbol type = ts_node_is_null(content) ? 0 : ts_node_symbol(content);
  if (ts_node_is_null(content)) {
    fresh = builder_node(b, COMPOSE_NODE_NULL, node);
    fresh->start = fresh->end = ts_node_end_byte(node);
  } else if (type == y->alias) {
    result = builder_alias(b, content);
  } else if (type == y->block_mapping || type == y->flow_mapping) {
    fresh = builder_mapping(b, content, type == y->flow_mapping, services && type == y->block_mapping);
  } else if (type == y->block_sequence || type == y->flow_sequence) {
    fresh = builder_sequence(b, content, type == y->flow_sequence);
  } else if (type == y->plain_scalar) {
    fresh = builder_scalar(b, content, COMPOSE_STYLE_PLAIN);
  } else if (type == y->single_quote_scalar) {
    fresh = builder_scalar(b, content, COMPOSE_STYLE_SINGLE);
  } else if (type == y->double_quote_scalar) {
    fresh = builder_scalar(b, content, COMPOSE_STYLE_DOUBLE);
  } else if (type == y->block_scalar) {
    const char *h = b->text->bytes + ts_node_start_byte(content);
    fresh = builder_scalar(b, content, h[0] == '>' ? COMPOSE_STYLE_FOLDED : COMPOSE_STYLE_LITERAL);
  } else {
    result = &opaque_node;
  }
  if (fresh) result = fresh;
  if ((tag != COMPOSE_TAG_NONE || str_tag) && fresh) {
    fresh->tag = tag;
    if (str_tag && fresh->kind != COMPOSE_NODE_MAP && fresh->kind != COMPOSE_NODE_SEQ) {
      fresh->kind = COMPOSE_NODE_SCALAR;
      fresh->type = COMPOSE_SCALAR_STR;
      if (!fresh->text) fresh->text = "";
    }
  } else if (tag == COMPOSE_TAG_RESET) {
    /* `!reset *alias` still removes the key: wrap the shared node. */
    ComposeNode *wrap = compose_model__alloc(b->model, sizeof *wrap);
    *wrap = *result;
    wrap->tag = tag;
    result = wrap;
  }
  if (!ts_node_is_null(anchor) && result != &opaque_node) {
    TSNode name = node_child_of_type(anchor, y->anchor_name);
    if (!ts_node_is_null(name)) {
      Anchor a = {.name = b->text->bytes + ts_node_start_byte(name),
                  .len = ts_node_end_byte(name) - ts_node_start_byte(name),
                  .node = result};
      array_push(&b->anchors, a);
    }
  }
  b->depth--;
  return result;
}

/* --- Model ------------------------------------------------------------- */

static int problem_compare(const void *x, const void *y) {
  const ComposeProblem *a = x, *b = y;
  return a->start < b->start ? -1 : a->start > b->start;
}

static ComposeModel *build_model(const Syntax *syntax, const TextDoc *text, const ComposeHiddenArray *hidden,
                                 ComposeModel *previous, const TextDelta *change);

ComposeModel *compose_model_build(const Syntax *syntax, const TextDoc *text) {
  return compose_model__build(syntax, text, NULL);
}

ComposeModel *compose_model__build(const Syntax *syntax, const TextDoc *text,
                                   const ComposeHiddenArray *hidden) {
  return build_model(syntax, text, hidden, NULL, NULL);
}

ComposeModel *compose_model__build_reusing(const Syntax *syntax, const TextDoc *text,
                                           const ComposeHiddenArray *hidden, ComposeModel *previous,
                                           const TextDelta *change) {
  return build_model(syntax, text, hidden, previous, change);
}

static ComposeModel *build_model(const Syntax *syntax, const TextDoc *text, const ComposeHiddenArray *hidden,
                                 ComposeModel *previous, const TextDelta *change) {
  const YamlSymbols *y = yaml_symbols();
  ComposeModel *self = xcalloc(1, sizeof *self);
  if (!syntax) return self;
  TSNode root = syntax_root_at(syntax, 0);
  TSNode doc = node_child_of_type(root, y->document);
  if (ts_node_is_null(doc)) return self;
  TSNode body = {0};
  uint32_t n = ts_node_named_child_count(doc);
  for (uint32_t i = 0; i < n; i++) {
    TSNode child = ts_node_named_child(doc, i);
    if (node_has(child, y->block_node) || node_has(child, y->flow_node)) {
      body = child;
      break;
    }
  }
  if (ts_node_is_null(body)) return self;
  Builder b = {.model = self, .syntax = syntax, .text = text, .hidden = hidden};
  compose_reuse__begin(&b.donor, self, previous, change, text->len);
  array_init(&b.anchors);
  self->root = builder_value(&b, body);
  array_delete(&b.anchors);
  compose_reuse__finish(self, &b.donor);
  if (self->problems.len > 1)
    qsort(self->problems.items, self->problems.len, sizeof *self->problems.items, problem_compare);
  if (self->root->kind != COMPOSE_NODE_MAP) return self;
  for (size_t i = 0; i < self->root->npairs; i++) {
    const ComposePair *p = &self->root->pairs[i];
    if (p->merged) continue;
    ComposeEntry entry = {
        .key = xstrdup(p->key),
        .key_start = p->key_start,
        .key_end = p->key_end,
        .pair_start = p->pair_start,
        .pair_end = p->pair_end,
    };
    array_push(&self->top, entry);
  }
  self->services = compose_get(self->root, "services");
  if (self->services && self->services->kind != COMPOSE_NODE_MAP) self->services = NULL;
  self->legacy_v1 = compose_model__is_legacy(self->root);
  return self;
}

void compose_model_delete(ComposeModel *self) {
  if (!self) return;
  for (size_t i = 0; i < self->top.len; i++) xfree(self->top.items[i].key);
  array_delete(&self->top);
  for (size_t i = 0; i < self->problems.len; i++) xfree(self->problems.items[i].message);
  array_delete(&self->problems);
  compose_reuse__free(self);
  compose_model__arena_free(self);
  xfree(self);
}

const ComposeEntry *compose_top_entry(const ComposeModel *self, const char *key) {
  for (size_t i = 0; i < self->top.len; i++)
    if (strcmp(self->top.items[i].key, key) == 0) return &self->top.items[i];
  return NULL;
}

/* This header is private to the model layer: what the compose model's
 * files share (the arena the nodes live in). */
#ifndef DOCKLS_MODEL_COMPOSE_INTERNAL_H_
#define DOCKLS_MODEL_COMPOSE_INTERNAL_H_

#include "dockls/model/compose.h"

/* Zeroed storage that lives as long as the model (never freed alone). */
void *compose_model__alloc(ComposeModel *model, size_t size);
/* The same storage not cleared: for arrays filled at once. */
void *compose_model__take(ComposeModel *model, size_t size);
/* The hash by which a mapping's keys are indexed (FNV-1a of the text). */
size_t compose_model__key_hash(const char *key);
/* A NUL-terminated copy of s[0..len) in the model's arena. */
char *compose_model__strndup(ComposeModel *model, const char *s, size_t len);
/* Frees every block of the model's arena (compose_model_delete). */
void compose_model__arena_free(ComposeModel *model);

/* An entry of a recovered text whose value lines were blanked: the
 * value of the pair whose key starts at `key_start` is built as an opaque
 * node over [start, end), with no anchor (see compose_recover.c). */
typedef struct {
  size_t key_start;
  size_t start, end;
} ComposeHidden;
typedef Array(ComposeHidden) ComposeHiddenArray;

/* compose_model_build for a recovered text when `hidden` is not NULL: the
 * hidden values are opaque, and an alias to an unknown anchor reads as
 * opaque without a problem (a blanked entry may have held the anchor). */
ComposeModel *compose_model__build(const Syntax *syntax, const TextDoc *text,
                                   const ComposeHiddenArray *hidden);

/* compose_model__build taking over services from `previous`
 * (compose_model_build_reusing in compose.h; compose_reuse.c).  `change`
 * must say how `text` differs from the text `previous` was built from.  A
 * hidden value is never taken over, and a service of a recovered text is
 * taken over and recorded like one of a valid text: the blanked entries
 * are whole lines of spaces around it, which leave its value alone. */
ComposeModel *compose_model__build_reusing(const Syntax *syntax, const TextDoc *text,
                                           const ComposeHiddenArray *hidden, ComposeModel *previous,
                                           const TextDelta *change);

/* --- Taking services over from a previous model (compose_reuse.c) ------ */

typedef struct ComposeReuse ComposeReuse;

/* One build's hold on the previous model. */
typedef struct {
  ComposeModel *prev; /* NULL: nothing to take over */
  TextDelta change;
  size_t new_len;
  size_t next;        /* the first of prev's services not yet passed */
} ComposeDonor;

/* Bytes the model's arena holds. */
size_t compose_model__arena_bytes(const ComposeModel *model);
/* Starts a build of `self` that may take over from `prev`: false (and a
 * donor that takes nothing) when there is no previous model, the change is
 * unknown, or prev's arena holds too much that is no longer used.  On
 * true, `self` has adopted prev's arena. */
bool compose_reuse__begin(ComposeDonor *d, ComposeModel *self, ComposeModel *prev,
                          const TextDelta *change, size_t new_len);
/* A service's key as a build read it: its decoded text (in the arena) and
 * its byte range. */
typedef struct {
  const char *text;
  size_t start, end;
  size_t hash; /* of the text, for the mapping's index of keys (compose.c) */
} ComposeServiceKey;

/* The previous model's value of the service whose pair spans [start, end)
 * of the new text, moved to its new offsets, or NULL when it must be
 * built.  Called in file order.  `placeholder` is the shared opaque node,
 * which is never moved.  With `key`, the key is taken over too (*key gets
 * it at its new offsets), and only when it was plain (no anchor, alias or
 * tag); a NULL answer then leaves the service to be asked for again
 * without `key`, once its key is built. */
const ComposeNode *compose_reuse__take(ComposeDonor *d, size_t start, size_t end,
                                       const ComposeNode *placeholder, ComposeServiceKey *key);
/* How many of the previous model's services, from the next one on, can
 * be taken over without reading the tree: each self-contained with a
 * plain key, and followed by a service that starts in the bytes before
 * the edits, so that its own pair ends where it did, with no pair that
 * is not a service before or between them.  *resume gets the
 * start of the service after the last of them (0 when there is none). */
size_t compose_reuse__leading(const ComposeDonor *d, size_t *resume);
/* After the service at pair_start of the new text was taken over: how
 * many services of the previous model after it can be taken over
 * without reading the tree, which is all of them or none.  All of them
 * when that service lies in the bytes after the edits (so do the rest,
 * with where each begins and ends), each of the rest is self-contained
 * with a plain key, and no pair that is not a service (a merge key, an
 * empty value) comes between them or after them. */
size_t compose_reuse__trailing(const ComposeDonor *d, size_t pair_start);
/* Takes over the previous model's next `count` services whole, as
 * compose_reuse__leading or compose_reuse__trailing counted them (all
 * before the edits, or all after them): records them for the next build
 * (the first with `gap`), moves their values and keys to their new
 * offsets, and writes each one's pair to pairs[i] and its key's hash to
 * hashes[i].  One pass over the records, without the checks a service
 * asked for alone needs. */
void compose_reuse__take_run(ComposeDonor *d, ComposeModel *self, size_t count, const ComposeNode *placeholder,
                             bool gap, ComposePair *pairs, size_t *hashes);
/* Records a service of the model being built, for the next build; `key`
 * is NULL when the key is not plain. */
void compose_reuse__record(ComposeModel *self, size_t start, size_t end, const ComposeServiceKey *key,
                           const ComposeNode *value, bool self_contained, bool gap);
/* Records whether a pair not recorded as a service follows the last one. */
void compose_reuse__tail_gap(ComposeModel *self, bool gap);
void compose_reuse__finish(ComposeModel *self, const ComposeDonor *d);
void compose_reuse__free(ComposeModel *self);

/* True for the legacy v1 layout: no `services` key, and the top-level
 * keys are mappings that look like services (image or build). */
bool compose_model__is_legacy(const ComposeNode *root);

#endif

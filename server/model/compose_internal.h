/* This header is private to the model layer: what the compose model's
 * files share (the arena the nodes live in). */
#ifndef DOCKLS_MODEL_COMPOSE_INTERNAL_H_
#define DOCKLS_MODEL_COMPOSE_INTERNAL_H_

#include "dockls/model/compose.h"

/* Zeroed storage that lives as long as the model (never freed alone). */
void *compose_model__alloc(ComposeModel *model, size_t size);
/* A NUL-terminated copy of s[0..len) in the model's arena. */
char *compose_model__strndup(ComposeModel *model, const char *s, size_t len);

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

/* True for the legacy v1 layout: no `services` key, and the top-level
 * keys are mappings that look like services (image or build). */
bool compose_model__is_legacy(const ComposeNode *root);

#endif

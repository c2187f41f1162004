/* image-unpinned and image-floating-tag, compose side.  image-unpinned:
 * `image:` with no tag or with `:latest`; image-floating-tag: a tag that
 * moves like `latest` (rules__floating_tag).
 * A service that also has `build:` names the image it builds with
 * `image:`, so that reference is not a pull and is not flagged; nor is a
 * reference whose tag comes from a variable, or one pinned by digest.
 * The same holds for both rules.  No fix: a version cannot be guessed offline. */
#include <string.h>

#include "compose_rules.h"

void compose__image_unpinned(RuleCtx *ctx) {
  const ComposeNode *s = ctx->service->value;
  const ComposeNode *image = compose_get(s, "image");
  if (!compose_is_scalar(image) || compose_get(s, "build")) return;
  const char *ref = image->text;
  if (!*ref || strchr(ref, '$') || strchr(ref, '@')) return;
  const char *slash = strrchr(ref, '/');
  const char *colon = strrchr(slash ? slash : ref, ':');
  if (colon && strcmp(colon + 1, "latest") != 0) return;
  if (compose__reported(ctx, RULE_IMAGE_UNPINNED, image->start, image->end)) return;
  if (colon)
    diag_add(ctx->out, RULE_IMAGE_UNPINNED, ctx->file, image->start, image->end,
             "`%s` uses the moving `latest` tag: pin a version so that rebuilds are reproducible", ref);
  else
    diag_add(ctx->out, RULE_IMAGE_UNPINNED, ctx->file, image->start, image->end,
             "`%s` has no tag, so it means `latest`: pin a version so that rebuilds are "
             "reproducible",
             ref);
}

static void floating_tag(RuleCtx *ctx, const ComposePair *svc) {
  const ComposeNode *image = compose_get(svc->value, "image");
  if (!compose_is_scalar(image) || !image->text || compose_get(svc->value, "build")) return;
  const char *tag = rules__floating_tag(image->text);
  if (!tag || compose__reported(ctx, RULE_IMAGE_FLOATING_TAG, image->start, image->end)) return;
  diag_add(ctx->out, RULE_IMAGE_FLOATING_TAG, ctx->file, image->start, image->end,
           "`%s` uses the moving `%s` tag, which follows new releases like `latest`: pin a version "
           "tag (or a digest)",
           image->text, tag);
}

void compose__image_floating_tag(RuleCtx *ctx) { compose__service_if_map(ctx, floating_tag); }

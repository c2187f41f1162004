/* image-unpinned, compose side: `image:` with no tag or with `:latest`.
 * A service that also has `build:` names the image it builds with
 * `image:`, so that reference is not a pull and is not flagged; nor is a
 * reference whose tag comes from a variable, or one pinned by digest.
 * No fix: a version cannot be guessed offline. */
#include <string.h>

#include "compose_rules.h"

void compose__image_unpinned(RuleCtx *ctx) {
  const ComposeModel *model = ws_compose(ctx->ws, ctx->file);
  if (!model || !model->services) return;
  for (size_t i = 0; i < model->services->npairs; i++) {
    const ComposeNode *s = model->services->pairs[i].value;
    const ComposeNode *image = compose_get(s, "image");
    if (!compose_is_scalar(image) || compose_get(s, "build")) continue;
    const char *ref = image->text;
    if (!*ref || strchr(ref, '$') || strchr(ref, '@')) continue;
    const char *slash = strrchr(ref, '/');
    const char *colon = strrchr(slash ? slash : ref, ':');
    if (colon && strcmp(colon + 1, "latest") != 0) continue;
    if (compose__reported(ctx, RULE_IMAGE_UNPINNED, image->start, image->end)) continue;
    if (colon)
      diag_add(ctx->out, RULE_IMAGE_UNPINNED, ctx->file, image->start, image->end,
               "`%s` uses the moving `latest` tag: pin a version so that rebuilds are reproducible",
               ref);
    else
      diag_add(ctx->out, RULE_IMAGE_UNPINNED, ctx->file, image->start, image->end,
               "`%s` has no tag, so it means `latest`: pin a version so that rebuilds are "
               "reproducible",
               ref);
  }
}

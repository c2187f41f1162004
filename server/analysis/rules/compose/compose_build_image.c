/* compose-build-and-image: a service with both `build:` and `image:` and
 * no `pull_policy`.  Compose's default pull policy then tries to pull
 * `image` first and builds only when the pull fails, so an image of that
 * name in a registry silently replaces the local build.  Any
 * `pull_policy` value is the user's explicit choice and silences the
 * rule.  Reported on the `image` key; the fix inserts `pull_policy: build`
 * as a sibling key, never preferred, because a user may rely on pulling
 * a prebuilt image in CI and building only on a laptop. */
#include "compose_rules.h"

static void build_and_image(RuleCtx *ctx, const ComposePair *svc) {
  const ComposeNode *s = svc->value;
  const ComposePair *image = compose_pair(s, "image");
  if (!image || !compose_get(s, "build") || compose_pair(s, "pull_policy")) return;
  /* An image key merged into several services is reported once, at its
   * own place in the anchored block. */
  if (compose__reported(ctx, RULE_COMPOSE_BUILD_AND_IMAGE, image->key_start, image->key_end)) return;
  Diag *d = diag_add(ctx->out, RULE_COMPOSE_BUILD_AND_IMAGE, ctx->file, image->key_start, image->key_end,
                     "service `%s` has both `build` and `image` but no `pull_policy`: Compose pulls "
                     "the image first and builds only when the pull fails",
                     svc->key);
  if (svc->merged) return;
  const char *line = "pull_policy: build";
  Fix *fix = rules__add_fix(ctx, d, "Add `pull_policy: build`", false);
  if (!compose__insert_keys(ctx, fix, s, &line, 1)) diag_remove_fix(d, d->fixes.len - 1);
}

void compose__build_and_image(RuleCtx *ctx) { compose__service_if_map(ctx, build_and_image); }

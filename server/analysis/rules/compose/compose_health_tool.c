/* healthcheck-tool-missing, compose side: a `healthcheck.test` that runs
 * curl or wget, or needs /bin/sh, in an image that has none.  The image
 * is the one the service runs: the stage its `build:` builds (`target`,
 * else the last), with what that stage chain installs, or else its
 * `image:`, looked up in the official-image table (images.md).  Anything
 * the table does not know, or a build we cannot read, keeps it silent. */
#include <string.h>

#include "compose_rules.h"
#include "../health_commands.h"

/* What the service's image is known to have. */
typedef struct {
  const DockerfileModel *m; /* the Dockerfile it builds, or NULL for `image:` */
  const DfStage *stage;
  ImageFacts facts;
  const char *image; /* `image:` as written, when that decides */
} ServiceImage;

static bool service_image(const RuleCtx *ctx, const ComposeNode *service, ServiceImage *out) {
  memset(out, 0, sizeof *out);
  FileId df;
  if (compose_get(service, "build")) {
    if (!compose__built_stage(ctx, service, &df, &out->m, &out->stage, NULL) || !out->stage->base_known)
      return false;
    out->facts = out->stage->base_facts;
    return true;
  }
  const ComposeNode *image = compose_get(service, "image");
  if (!compose_is_scalar(image) || compose_is_interpolated(image) || compose_get(service, "extends")) return false;
  out->image = image->text;
  return images_lookup(image->text, compose_get_text(service, "platform"), &out->facts);
}

static ImgFact service_tool(const ServiceImage *si, const char *tool) {
  if (si->m) return health_stage_tool(si->m, si->stage, tool);
  return strcmp(tool, "curl") == 0 ? si->facts.curl : si->facts.wget;
}

/* Where the service's image comes from, for the message. */
static void describe(const ServiceImage *si, StrBuf *out) {
  if (si->m) strbuf_appendf(out, "the image its Dockerfile builds (%s %s)", si->facts.family, si->facts.row);
  else strbuf_appendf(out, "`%s` (%s)", si->image, si->facts.row);
}

static void tool_missing_in(RuleCtx *ctx, const ComposeNode *service, const ComposeNode *test) {
  ServiceImage si;
  if (!service_image(ctx, service, &si)) return;
  bool exact;
  const ComposeNode *source;
  ShellScript *script = compose__health_script(ctx, test, &exact, &source);
  if (!script) return;
  StrBuf where = STRBUF_INIT;
  describe(&si, &where);
  if (!script->exec_form && si.facts.shell == IMG_NO) {
    if (!compose__reported(ctx, RULE_HEALTHCHECK_TOOL_MISSING, source->start, source->end))
      diag_add(ctx->out, RULE_HEALTHCHECK_TOOL_MISSING, ctx->file, source->start, source->end,
               "%s has no /bin/sh, so a CMD-SHELL test can never run: use [\"CMD\", …] with a binary "
               "the image has",
               strbuf_cstr(&where));
  } else {
    HealthCommands hc;
    health_commands_collect(ctx->ws, script, &hc);
    for (size_t k = 0; k < hc.items.len; k++) {
      const ShellCommand *c = hc.items.items[k].cmd;
      const char *tool = shell_is(c, "curl") ? "curl" : shell_is(c, "wget") ? "wget" : NULL;
      if (!tool || service_tool(&si, tool) != IMG_NO) continue;
      const char *other = health_or_alternative(&hc, k);
      if (other && service_tool(&si, other) == IMG_YES) continue;
      size_t start = exact ? c->name.start : source->start, end = exact ? c->name.end : source->end;
      if (compose__reported(ctx, RULE_HEALTHCHECK_TOOL_MISSING, start, end)) continue;
      Diag *d = diag_add(ctx->out, RULE_HEALTHCHECK_TOOL_MISSING, ctx->file, start, end,
                         "%s has no `%s`%s: the health check can never pass", strbuf_cstr(&where), tool,
                         si.m ? " and no stage installs it" : "");
      /* BusyBox wget replaces a plain `curl -f URL` exactly; the URL is
       * copied from the same scalar, so the text needs no new quoting. */
      const ShellWord *url = strcmp(tool, "curl") == 0 && si.facts.wget == IMG_YES ? health_simple_curl_url(c) : NULL;
      if (url && exact && !hc.items.items[k].script->exec_form) health_wget_fix(ctx, d, c, url);
    }
    health_commands_clear(&hc);
  }
  strbuf_destroy(&where);
  shell_script_delete(script);
}

void compose__healthcheck_tool_missing(RuleCtx *ctx) {
  const ComposeNode *service = ctx->service->value;
  const ComposeNode *hc = compose_get(service, "healthcheck");
  ComposeTestForm form = compose_healthcheck_form(hc);
  if (form == COMPOSE_TEST_SHELL || form == COMPOSE_TEST_EXEC) tool_missing_in(ctx, service, compose_get(hc, "test"));
}

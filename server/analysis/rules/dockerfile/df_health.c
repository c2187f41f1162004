/* Catalog section A, Dockerfile side: healthcheck-localhost,
 * healthcheck-slow and healthcheck-tool-missing, plus user-root (section
 * D), which shares the "what will the final image run" questions. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "dockls/base/strbuf.h"
#include "dockerfile_rules.h"
#include "dockls/workspace/files.h"
#include "../endpoint.h"
#include "../health_commands.h"

/* The HEALTHCHECKs that define a check (not NONE) with a script. */
static bool is_check(const DfInstr *in) {
  return in->kind == DF_HEALTHCHECK && !in->healthcheck_none && df_shell(in) && df_shell(in)->commands.len;
}

void df__healthcheck_localhost(RuleCtx *ctx) {
  const DfInstr *in = &ctx->model->instrs.items[ctx->instr];
  if (!is_check(in)) return;
  HealthCommands hc;
  health_commands_collect(ctx->ws, df_shell(in), &hc);
  HealthWords words;
  array_init(&words);
  health_host_words(&hc, &words);
  for (size_t k = 0; k < words.len; k++) {
    const ShellWord *w = words.items[k];
    /* Search the Dockerfile's own bytes, so the range is exact even
     * inside quotes or a JSON string. */
    for (size_t at = rules__find_localhost(ctx->text->bytes, w->end, w->start); at < w->end;
         at = rules__find_localhost(ctx->text->bytes, w->end, at + 9)) {
      Diag *d = diag_add(ctx->out, RULE_HEALTHCHECK_LOCALHOST, ctx->file, at, at + 9,
                         "the health check probes `localhost`, which can resolve to ::1 first (Alpine, "
                         "musl) while the app listens on IPv4 0.0.0.0: the check then always fails");
      Fix *fix = rules__add_fix(ctx, d, "Use 127.0.0.1", true);
      fix_add_edit(fix, ctx->file, at, at + 9, "127.0.0.1");
    }
  }
  array_delete(&words);
  health_commands_clear(&hc);
}

/* --- healthcheck-slow --- */

static const DfFlag *flag_named(const DfInstr *in, const char *name) {
  for (size_t i = 0; i < df_flags(in)->len; i++)
    if (strcmp(df_flags(in)->items[i].name.text, name) == 0) return &df_flags(in)->items[i];
  return NULL;
}

/* What makes a runtime slow to start, or NULL: a JVM (the base image or
 * a `java` command), Rails or Puma, php-fpm in an image that runs
 * composer. */
static const char *slow_runtime(const DockerfileModel *m, const DfStage *final) {
  ImageFacts f;
  if (df__base_facts(m, final, &f) && (strcmp(f.family, "eclipse-temurin") == 0 || strcmp(f.family, "openjdk") == 0))
    return "a JVM";
  const ShellScript *cmds[2];
  dockerfile_start_scripts(m, final, cmds);
  bool composer = false;
  for (const DfStage *s = final; s; s = df__parent(m, s))
    for (size_t i = s->first; i < s->last; i++) {
      const DfInstr *in = &m->instrs.items[i];
      for (size_t k = 0; in->kind == DF_RUN && df_shell(in) && k < df_shell(in)->commands.len; k++)
        composer |= shell_is(&df_shell(in)->commands.items[k], "composer");
    }
  for (size_t c = 0; c < 2; c++) {
    if (!cmds[c]) continue;
    for (size_t k = 0; k < cmds[c]->commands.len; k++) {
      const ShellCommand *sc = &cmds[c]->commands.items[k];
      if (shell_is(sc, "java")) return "a JVM";
      if (shell_is(sc, "rails") || shell_is(sc, "puma")) return "Rails";
      if (shell_is(sc, "bundle") && (shell_has_arg(sc, "rails") || shell_has_arg(sc, "puma"))) return "Rails";
      if (shell_is(sc, "php-fpm") && composer) return "php-fpm with a composer application";
    }
  }
  return NULL;
}

void df__healthcheck_slow(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  const DfStage *final = m ? dockerfile_final_stage(m) : NULL;
  if (!final) return;
  DfKindWalk walk;
  dockerfile_kind_walk(&walk, m, DF_HEALTHCHECK, DF_HEALTHCHECK, 0, m->instrs.len);
  for (size_t i; dockerfile_kind_next(&walk, &i);) {
    const DfInstr *in = &m->instrs.items[i];
    if (!is_check(in)) continue;
    const DfFlag *timeout = flag_named(in, "timeout");
    double ms = 0;
    if (timeout && timeout->value.text && rules__duration_ms(timeout->value.text, &ms) && ms > 3000) {
      Diag *d = diag_add(ctx->out, RULE_HEALTHCHECK_SLOW, ctx->file, timeout->start, timeout->end,
                         "a health check timeout of %s: a check should answer within 3s, or it hides a hung "
                         "service for that long every interval",
                         timeout->value.text);
      /* Not preferred: a check that takes longer than 3s to pass today
       * would fail every time after the edit. */
      Fix *fix = rules__add_fix(ctx, d, "Set the timeout to 3s", false);
      fix_add_edit(fix, ctx->file, timeout->value.start, timeout->value.end, "3s");
    }
    const DfStage *st = in->stage >= 0 ? &m->stages.items[in->stage] : NULL;
    if (!df__in_final_image(m, st) || flag_named(in, "start-period")) continue;
    const char *why = slow_runtime(m, final);
    if (!why) continue;
    Diag *d = diag_add(ctx->out, RULE_HEALTHCHECK_SLOW, ctx->file, in->keyword_start, in->keyword_end,
                       "%s takes a while to start and there is no --start-period: the container is marked "
                       "unhealthy (and may be restarted) before it is ready",
                       why);
    Fix *fix = rules__add_fix(ctx, d, "Add --start-period=30s", true);
    fix_add_edit(fix, ctx->file, in->keyword_end, in->keyword_end, " --start-period=30s");
  }
}

/* --- healthcheck-tool-missing --- */

static const char *install_line(ImgOs os, const char *tool, StrBuf *out) {
  if (os == IMG_OS_ALPINE) strbuf_appendf(out, "RUN apk add --no-cache %s", tool);
  else if (os == IMG_OS_DEBIAN || os == IMG_OS_UBUNTU)
    strbuf_appendf(out, "RUN apt-get update && apt-get install -y --no-install-recommends %s && rm -rf /var/lib/apt/lists/*", tool);
  else return NULL;
  return strbuf_cstr(out);
}

void df__healthcheck_tool_missing(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  const DfStage *final = m ? dockerfile_final_stage(m) : NULL;
  const DfInstr *check = final ? dockerfile_last(m, final, DF_HEALTHCHECK, true) : NULL;
  ImageFacts f;
  if (!check || !is_check(check) || !df__base_facts(m, final, &f)) return;
  if (!check->exec_form && f.shell == IMG_NO) {
    diag_add(ctx->out, RULE_HEALTHCHECK_TOOL_MISSING, ctx->file, check->keyword_start, df_shell(check)->end,
             "the image has no /bin/sh (%s), so a shell-form HEALTHCHECK can never run: use the exec form "
             "with a binary the image has",
             f.row);
    return;
  }
  HealthCommands hc;
  health_commands_collect(ctx->ws, df_shell(check), &hc);
  for (size_t k = 0; k < hc.items.len; k++) {
    const ShellCommand *c = hc.items.items[k].cmd;
    const char *tool = shell_is(c, "curl") ? "curl" : shell_is(c, "wget") ? "wget" : NULL;
    if (!tool || health_stage_tool(m, final, tool) != IMG_NO) continue;
    const char *other = health_or_alternative(&hc, k);
    if (other && health_stage_tool(m, final, other) == IMG_YES) continue;
    Diag *d = diag_add(ctx->out, RULE_HEALTHCHECK_TOOL_MISSING, ctx->file, c->name.start, c->name.end,
                       "the image has no `%s` (%s %s) and no stage installs it: the health check can never "
                       "pass",
                       tool, f.family, f.row);
    const ShellWord *url = strcmp(tool, "curl") == 0 && f.wget == IMG_YES ? health_simple_curl_url(c) : NULL;
    if (url && !hc.items.items[k].script->exec_form) {
      health_wget_fix(ctx, d, c, url);
      continue;
    }
    StrBuf line = STRBUF_INIT;
    if (install_line(f.os, tool, &line)) {
      Fix *fix = rules__add_fix(ctx, d, "Install it in the final stage", true);
      rules__insert_line_before(fix, ctx->file, ctx->text, check->start, strbuf_cstr(&line));
    }
    strbuf_destroy(&line);
  }
  health_commands_clear(&hc);
}

/* --- healthcheck-endpoint --- */

void df__healthcheck_endpoint(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  const DfStage *final = m ? dockerfile_final_stage(m) : NULL;
  const DfInstr *check = final ? dockerfile_last(m, final, DF_HEALTHCHECK, true) : NULL;
  if (!check || !is_check(check)) return;
  const char *context_dir = rules__build_context(ctx);
  if (!context_dir) return;
  char *dir = endpoint_app_dir(ctx, m, final, context_dir);
  const ShellScript *commands[2];
  dockerfile_start_scripts(m, final, commands);
  for (size_t k = 0; k < df_shell(check)->commands.len; k++) {
    const ShellCommand *c = &df_shell(check)->commands.items[k];
    for (size_t a = 0; a < c->args.len; a++) {
      const ShellWord *w = &c->args.items[a];
      size_t ps, pe;
      if (!endpoint_find_path(ctx->text->bytes + w->start, w->end - w->start, &ps, &pe)) continue;
      char *path = xstrndup(ctx->text->bytes + w->start + ps, pe - ps);
      EndpointVerdict v;
      endpoint_judge(ctx, dir, path, commands, 2, &v);
      if (v.message) {
        Diag *d = diag_add(ctx->out, RULE_HEALTHCHECK_ENDPOINT, ctx->file, w->start + ps, w->start + pe, "%s",
                           v.message);
        if (v.replacement) {
          StrBuf title = STRBUF_INIT;
          strbuf_appendf(&title, "Probe `%s`", v.replacement);
          Fix *fix = rules__add_fix(ctx, d, strbuf_cstr(&title), true);
          fix_add_edit(fix, ctx->file, w->start + ps, w->start + pe, v.replacement);
          strbuf_destroy(&title);
        }
      }
      endpoint_verdict_free(&v);
      xfree(path);
    }
  }
  xfree(dir);
}

/* Health-check rules on a compose service's own `healthcheck:` (catalog
 * section A, compose side): healthcheck-localhost, healthcheck-slow and
 * healthcheck-endpoint.
 * A healthcheck inherited through `<<:` is checked at its own place, once. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "compose_rules.h"
#include "../endpoint.h"
#include "../health_commands.h"

/* --- healthcheck-localhost ------------------------------------------------ */

/* The test's `localhost`s, one diagnostic each with its own fix when the
 * test is written verbatim; one diagnostic on the string that holds them,
 * without a fix, when it is not (an offset inside an escaped string is
 * not exact). */
/* True when a scalar of the test holds the word `localhost`: a test
 * without one needs no shell parse (most tests, and a parse per service
 * would be most of a keystroke in a long file). */
static bool mentions_localhost(const ComposeNode *test) {
  size_t n = test && test->kind == COMPOSE_NODE_SEQ ? test->nitems : 1;
  for (size_t k = 0; test && k < n; k++) {
    const ComposeNode *item = test->kind == COMPOSE_NODE_SEQ ? test->items[k] : test;
    if (!compose_is_scalar(item)) continue;
    size_t len = strlen(item->text);
    if (rules__find_localhost(item->text, len, 0) < len) return true;
  }
  return false;
}

static void localhost_in_test(RuleCtx *ctx, const ComposeNode *test) {
  if (!mentions_localhost(test)) return;
  bool exact;
  const ComposeNode *source;
  ShellScript *script = compose__health_script(ctx, test, &exact, &source);
  if (!script) return;
  HealthCommands hc;
  health_commands_collect(ctx->ws, script, &hc);
  HealthWords words;
  array_init(&words);
  health_host_words(&hc, &words);
  bool any = false;
  for (size_t k = 0; k < words.len; k++) {
    const ShellWord *w = words.items[k];
    if (!exact) {
      any |= rules__find_localhost(w->value, strlen(w->value), 0) < strlen(w->value);
      continue;
    }
    for (size_t at = rules__find_localhost(ctx->text->bytes, w->end, w->start); at < w->end;
         at = rules__find_localhost(ctx->text->bytes, w->end, at + 9)) {
      if (compose__reported(ctx, RULE_HEALTHCHECK_LOCALHOST, at, at + 9)) continue;
      Diag *d = diag_add(ctx->out, RULE_HEALTHCHECK_LOCALHOST, ctx->file, at, at + 9,
                         "the health check probes `localhost`, which can resolve to ::1 while the "
                         "app listens on IPv4 only: the check then always fails");
      Fix *fix = rules__add_fix(ctx, d, "Use 127.0.0.1", true);
      fix_add_edit(fix, ctx->file, at, at + 9, "127.0.0.1");
    }
  }
  array_delete(&words);
  if (any && !compose__reported(ctx, RULE_HEALTHCHECK_LOCALHOST, source->start, source->end))
    diag_add(ctx->out, RULE_HEALTHCHECK_LOCALHOST, ctx->file, source->start, source->end,
             "the health check probes `localhost`, which can resolve to ::1 while the "
             "app listens on IPv4 only: the check then always fails");
  health_commands_clear(&hc);
  shell_script_delete(script);
}

void compose__healthcheck_localhost(RuleCtx *ctx) {
  localhost_in_test(ctx, compose_get(compose_get(ctx->service->value, "healthcheck"), "test"));
}

/* --- healthcheck-slow ----------------------------------------------------- */

/* Runtimes that take tens of seconds before they answer. */
static bool service_starts_slowly(const ComposeNode *service) {
  static const char *const images[] = {"openjdk", "eclipse-temurin", "amazoncorretto", "tomcat",
                                       "jetty", "wildfly", "keycloak", "elasticsearch",
                                       "opensearch", "logstash", "sonarqube", "jenkins", "neo4j",
                                       "cassandra", "kafka"};
  const char *image = compose_get_text(service, "image");
  if (image) {
    const char *name = strrchr(image, '/');
    name = name ? name + 1 : image;
    for (size_t i = 0; i < sizeof images / sizeof *images; i++)
      if (strncmp(name, images[i], strlen(images[i])) == 0) return true;
  }
  const ComposeNode *cmd = compose_get(service, "command");
  const char *text = compose_is_scalar(cmd) ? cmd->text
                     : cmd && cmd->kind == COMPOSE_NODE_SEQ && cmd->nitems && compose_is_scalar(cmd->items[0])
                         ? cmd->items[0]->text
                         : NULL;
  if (text && (strncmp(text, "java", 4) == 0 || strstr(text, "rails server") || strstr(text, "rails s")))
    return true;
  return false;
}

void compose__healthcheck_slow(RuleCtx *ctx) {
  const ComposeNode *s = ctx->service->value;
  const ComposePair *hc_pair = compose_pair(s, "healthcheck");
  if (!hc_pair) return;
  const ComposeNode *hc = hc_pair->value;
  ComposeTestForm form = compose_healthcheck_form(hc);
  if (form == COMPOSE_TEST_DISABLED) return;
  const ComposeNode *timeout = compose_get(hc, "timeout");
  double ms = 0;
  if (compose_is_scalar(timeout) && !compose_is_interpolated(timeout) &&
      rules__duration_ms(timeout->text, &ms) && ms > 3000 &&
      !compose__reported(ctx, RULE_HEALTHCHECK_SLOW, timeout->start, timeout->end)) {
    Diag *d = diag_add(ctx->out, RULE_HEALTHCHECK_SLOW, ctx->file, timeout->start, timeout->end,
                       "a health check timeout of %s: a check should answer within 3s",
                       timeout->text);
    if (timeout->style == COMPOSE_STYLE_PLAIN || timeout->style == COMPOSE_STYLE_DOUBLE ||
        timeout->style == COMPOSE_STYLE_SINGLE) {
      /* Not preferred: a check that takes longer than 3s to pass today
       * would fail every time after the edit. */
      Fix *fix = rules__add_fix(ctx, d, "Set the timeout to 3s", false);
      size_t q = timeout->style != COMPOSE_STYLE_PLAIN;
      fix_add_edit(fix, ctx->file, timeout->start + q, timeout->end - q, "3s");
    }
  }
  if (form == COMPOSE_TEST_ABSENT || compose_get(hc, "start_period") || !service_starts_slowly(s))
    return;
  if (compose__reported(ctx, RULE_HEALTHCHECK_SLOW, hc_pair->key_start, hc_pair->key_end))
    return;
  Diag *d = diag_add(ctx->out, RULE_HEALTHCHECK_SLOW, ctx->file, hc_pair->key_start,
                     hc_pair->key_end,
                     "this runtime starts slowly and the health check has no start_period: "
                     "failures during start-up count against the retries");
  const char *line = "start_period: 30s";
  Fix *fix = rules__add_fix(ctx, d, "Add `start_period: 30s`", true);
  if (!compose__insert_keys(ctx, fix, hc, &line, 1)) {
    diag_remove_fix(d, d->fixes.len - 1);
  }
}

/* --- healthcheck-endpoint ------------------------------------------------- */

/* The compose side of healthcheck-endpoint: the probed path of a
 * service's `healthcheck.test`, judged against the app its build context
 * holds (endpoint.c).  The app is started by what actually runs: the
 * compose `entrypoint:` and `command:` where they are set (an entrypoint
 * set in compose also drops the image's CMD, as Compose does), else the
 * Dockerfile's ENTRYPOINT and CMD. */
void compose__healthcheck_endpoint(RuleCtx *ctx) {
  const ComposeNode *service = ctx->service->value;
  const ComposeNode *test = compose_get(compose_get(service, "healthcheck"), "test");
  FileId df;
  const DockerfileModel *m;
  const DfStage *st;
  char *dir = NULL;
  if (!test || !compose__built_stage(ctx, service, &df, &m, &st, &dir)) return;
  const ComposeNode *entrypoint = compose_get(service, "entrypoint"), *command = compose_get(service, "command");
  const ShellScript *commands[2];
  dockerfile_start_scripts(m, st, commands);
  ShellScript *own[2] = {NULL, NULL};
  if (entrypoint) commands[0] = own[0] = compose__command_script(ctx, entrypoint);
  if (command) commands[1] = own[1] = compose__command_script(ctx, command);
  else if (entrypoint) commands[1] = NULL;
  char *context_dir = dir;
  dir = endpoint_app_dir(ctx, m, st, context_dir);
  xfree(context_dir);
  size_t n = test->kind == COMPOSE_NODE_SEQ ? test->nitems : 1;
  for (size_t k = 0; k < n; k++) {
    const ComposeNode *item = test->kind == COMPOSE_NODE_SEQ ? test->items[k] : test;
    size_t ps, pe, ds, de;
    if (!compose_is_scalar(item) || !endpoint_find_path(item->text, strlen(item->text), &ps, &pe)) continue;
    char *path = xstrndup(item->text + ps, pe - ps);
    EndpointVerdict v;
    endpoint_judge(ctx, dir, path, commands, 2, &v);
    bool exact = compose_text_offset(item, ps, &ds) && compose_text_offset(item, pe, &de);
    if (v.message) {
      Diag *d = diag_add(ctx->out, RULE_HEALTHCHECK_ENDPOINT, ctx->file, exact ? ds : item->start,
                         exact ? de : item->end, "%s", v.message);
      if (v.replacement && exact) {
        StrBuf title = STRBUF_INIT;
        strbuf_appendf(&title, "Probe `%s`", v.replacement);
        Fix *fix = rules__add_fix(ctx, d, strbuf_cstr(&title), true);
        fix_add_edit(fix, ctx->file, ds, de, v.replacement);
        strbuf_destroy(&title);
      }
    }
    endpoint_verdict_free(&v);
    xfree(path);
  }
  shell_script_delete(own[0]);
  shell_script_delete(own[1]);
  xfree(dir);
}

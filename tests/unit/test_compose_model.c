/* Unit tests for server/model/compose*.c: anchors, aliases and merge keys,
 * !reset, duplicate keys, the alias-expansion cap (a billion-laughs file
 * stays cheap), scalar decoding, interpolation scanning, the service views
 * (ports, mounts, environment, healthcheck), and the build time of a
 * 300-line file. */
#include <criterion/criterion.h>
#include <string.h>
#include <time.h>

#include "dockls/base/strbuf.h"
#include "dockls/model/compose.h"
#include "dockls/syntax/parse.h"

typedef struct {
  Syntax *syntax;
  TextDoc text;
  ComposeModel *model;
} Built;

/* One parser set for the suite, made on first use and freed by teardown. */
static SyntaxParsers *parsers;

static Syntax *parse_yaml(const char *src, size_t len) {
  if (!parsers) parsers = syntax_parsers_new();
  return syntax_parse(parsers, LANG_YAML, src, len);
}

static Built build(const char *src) {
  Built b;
  b.syntax = parse_yaml(src, strlen(src));
  text_init(&b.text, src, strlen(src));
  b.model = compose_model_build(b.syntax, &b.text);
  return b;
}

static void destroy(Built *b) {
  compose_model_delete(b->model);
  text_destroy(&b->text);
  syntax_delete(b->syntax);
}

static void teardown(void) {
  syntax_parsers_delete(parsers);
  parsers = NULL;
}
TestSuite(compose_model, .fini = teardown);

Test(compose_model, merge_keys_resolve_with_own_ranges) {
  const char *src =
      "x-a: &a\n  restart: always\n  image: base:1\nx-b: &b\n  image: other:2\n  init: true\n  restart: \"no\"\n"
      "services:\n  web:\n    <<: [*a, *b]\n    image: web:3\n";
  Built b = build(src);
  const ComposeNode *web = compose_get(b.model->services, "web");
  cr_assert_not_null(web);
  cr_assert_str_eq(compose_get_text(web, "image"), "web:3", "explicit keys win");
  cr_assert_str_eq(compose_get_text(web, "init"), "true", "later merge sources fill the gaps");
  const ComposePair *restart = compose_pair(web, "restart");
  cr_assert(restart->merged);
  cr_assert_eq(restart->key_start, (size_t)(strstr(src, "restart") - src),
               "an inherited key keeps the anchor's range");
  cr_assert_null(compose_pair(web, "<<"));
  /* Each key once: web's own image, then restart (from a, the earlier
   * source) and init; nothing a merge source repeats comes in twice. */
  cr_assert_eq(web->npairs, 3);
  cr_assert_str_eq(compose_get_text(web, "restart"), "always", "earlier merge sources win");
  destroy(&b);
}

Test(compose_model, reset_removes_inherited_key_and_duplicates_are_problems) {
  const char *src = "x-a: &a\n  ports: [\"80:80\"]\nservices:\n  web:\n    <<: *a\n    ports: !reset []\n"
                    "    image: a\n    image: b\n";
  Built b = build(src);
  const ComposeNode *web = compose_get(b.model->services, "web");
  cr_assert_null(compose_get(web, "ports"), "!reset hides the merged key");
  cr_assert_str_eq(compose_get_text(web, "image"), "a", "the first definition stays");
  cr_assert_eq(b.model->problems.len, 1);
  cr_assert(strstr(b.model->problems.items[0].message, "already defined at line 7"));
  destroy(&b);
}

Test(compose_model, unknown_alias_is_a_problem) {
  Built b = build("services:\n  web:\n    image: *nothing\n");
  cr_assert_eq(b.model->problems.len, 1);
  cr_assert_eq(compose_get(compose_get(b.model->services, "web"), "image")->kind, COMPOSE_NODE_OPAQUE);
  destroy(&b);
}

Test(compose_model, alias_bomb_is_capped_and_cheap) {
  StrBuf src = STRBUF_INIT;
  strbuf_append(&src, "x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
  for (char c = 'b'; c <= 'j'; c++) {
    strbuf_appendf(&src, "x-%c: &%c [", c, c);
    for (int i = 0; i < 10; i++) strbuf_appendf(&src, "%s*%c", i ? ", " : "", c - 1);
    strbuf_append(&src, "]\n");
  }
  strbuf_append(&src, "services:\n  web:\n    image: nginx:1.27\n    labels:\n      bomb: *j\n");
  clock_t t0 = clock();
  Built b = build(src.data);
  double ms = (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC;
  cr_assert(b.model->capped, "10^10 nodes must hit the cap");
  cr_assert_lt(b.model->root->weight, 2 * COMPOSE_EXPANSION_CAP, "a full walk stays bounded");
  cr_assert_lt(ms, 200.0, "building took %.1f ms", ms);
  cr_assert_str_eq(compose_get_text(compose_get(b.model->services, "web"), "image"), "nginx:1.27");
  destroy(&b);
  strbuf_destroy(&src);
}

Test(compose_model, scalars_decode_like_yaml) {
  const char *src =
      "a: \"tab\\there \\u00e9\"\nb: 'it''s'\nc: |\n  line1\n  line2\nd: >-\n  folded\n  text\n\n  para\n"
      "e: plain\n  continued\nf: ~\ng: 'x'\n";
  Built b = build(src);
  const ComposeNode *r = b.model->root;
  cr_assert_str_eq(compose_get_text(r, "a"), "tab\there \xc3\xa9");
  cr_assert_str_eq(compose_get_text(r, "b"), "it's");
  cr_assert_str_eq(compose_get_text(r, "c"), "line1\nline2\n");
  cr_assert_str_eq(compose_get_text(r, "d"), "folded text\npara");
  cr_assert_str_eq(compose_get_text(r, "e"), "plain continued");
  cr_assert_eq(compose_get(r, "f")->kind, COMPOSE_NODE_NULL);
  size_t at = 0;
  cr_assert(compose_text_offset(compose_get(r, "g"), 0, &at));
  cr_assert_eq(src[at], 'x');
  cr_assert_not(compose_text_offset(compose_get(r, "a"), 0, &at), "escapes are not verbatim");
  destroy(&b);
}

Test(compose_model, interpolation_forms) {
  const char *t = "$$lit ${A} $B ${C:-d} ${D-e} ${E:?err} ${F:-${G}} $";
  ComposeVarArray vars;
  array_init(&vars);
  cr_assert(compose_interp_scan(t, strlen(t), &vars));
  cr_assert_eq(vars.len, 7);
  const char *names[] = {"A", "B", "C", "D", "E", "F", "G"};
  ComposeVarOp ops[] = {COMPOSE_VAR_PLAIN, COMPOSE_VAR_PLAIN, COMPOSE_VAR_DEFAULT, COMPOSE_VAR_DEFAULT_UNSET,
                        COMPOSE_VAR_REQUIRED, COMPOSE_VAR_DEFAULT, COMPOSE_VAR_PLAIN};
  for (size_t i = 0; i < 7; i++) {
    const ComposeVar *v = &vars.items[i];
    cr_assert_eq(v->name_end - v->name_start, 1);
    cr_assert_eq(t[v->name_start], names[i][0], "reference %zu", i);
    cr_assert_eq(v->op, ops[i], "reference %zu", i);
  }
  array_delete(&vars);
  cr_assert_not(compose_interp_has_ref("$$HOME and $", 12));
  array_init(&vars);
  cr_assert_not(compose_interp_scan("${A", 3, &vars), "an unclosed ${ is malformed");
  array_delete(&vars);
}

Test(compose_model, port_and_mount_views) {
  Built b = build(
      "p:\n  - \"127.0.0.1:8080-8081:80-81/UDP\"\n  - 3000\n  - \"[::1]:6001:6001\"\n  - target: 80\n    published: \"8000\"\n"
      "  - ${PORT}:80\n  - \"127.0.0.1::9000\"\n"
      "v:\n  - ./src:/app:ro\n  - data:/data\n  - /x\n  - C:\\dir:/y\n");
  const ComposeNode *p = compose_get(b.model->root, "p");
  ComposePort port;
  cr_assert(compose_port_parse(p->items[0], &port));
  cr_assert_str_eq(port.host_ip, "127.0.0.1");
  cr_assert_str_eq(port.protocol, "udp");
  cr_assert_eq(port.published_lo, 8080);
  cr_assert_eq(port.published_hi, 8081);
  cr_assert_eq(port.target_hi, 81);
  cr_assert(compose_port_parse(p->items[1], &port));
  cr_assert_eq(port.published_lo, 0);
  cr_assert_eq(port.target_lo, 3000);
  cr_assert(compose_port_parse(p->items[2], &port));
  cr_assert_str_eq(port.host_ip, "::1");
  cr_assert(compose_port_parse(p->items[3], &port));
  cr_assert_eq(port.published_lo, 8000);
  cr_assert_not(compose_port_parse(p->items[4], &port), "interpolated ports are not guessed");
  /* An empty host port asks Docker for an ephemeral one: nothing fixed is
   * published, but the container port and the address are still known. */
  cr_assert(compose_port_parse(p->items[5], &port));
  cr_assert_eq(port.published_lo, 0);
  cr_assert_eq(port.target_lo, 9000);
  cr_assert_str_eq(port.host_ip, "127.0.0.1");
  const ComposeNode *v = compose_get(b.model->root, "v");
  ComposeMount m;
  cr_assert(compose_mount_parse(v->items[0], &m));
  cr_assert_eq(m.kind, COMPOSE_MOUNT_BIND);
  cr_assert(m.read_only);
  cr_assert_eq(m.source_len, 5);
  cr_assert(compose_mount_parse(v->items[1], &m));
  cr_assert_eq(m.kind, COMPOSE_MOUNT_VOLUME);
  cr_assert(compose_mount_parse(v->items[2], &m));
  cr_assert_eq(m.kind, COMPOSE_MOUNT_ANON);
  cr_assert(compose_mount_parse(v->items[3], &m));
  cr_assert_eq(m.kind, COMPOSE_MOUNT_BIND);
  cr_assert_eq(m.source_len, 6, "the drive letter's colon is not a separator");
  destroy(&b);
}

Test(compose_model, environment_and_healthcheck_views) {
  Built b = build("services:\n  a:\n    environment:\n      - A=1\n      - B\n    healthcheck:\n      test: [\"CMD-SHELL\", \"true\"]\n"
                  "  b:\n    environment: {C: x}\n    healthcheck:\n      test: [\"NONE\"]\n");
  const ComposeNode *a = compose_get(b.model->services, "a");
  ComposeEnvArray env;
  array_init(&env);
  compose_env_entries(compose_get(a, "environment"), &env);
  cr_assert_eq(env.len, 2);
  cr_assert_str_eq(env.items[0].key, "A");
  cr_assert(env.items[0].has_value);
  cr_assert_not(env.items[1].has_value);
  compose_env_free(&env);
  cr_assert_eq(compose_healthcheck_form(compose_get(a, "healthcheck")), COMPOSE_TEST_SHELL);
  const ComposeNode *bs = compose_get(b.model->services, "b");
  cr_assert_eq(compose_healthcheck_form(compose_get(bs, "healthcheck")), COMPOSE_TEST_DISABLED);
  destroy(&b);
}

/* The model is rebuilt on every keystroke: a 300-line file must take well
 * under a millisecond.  Measured as the best of several runs, so a busy
 * machine does not fail the test. */
Test(compose_model, builds_a_300_line_file_fast) {
  StrBuf src = STRBUF_INIT;
  strbuf_append(&src, "x-common: &common\n  restart: unless-stopped\n  logging:\n    driver: json-file\nservices:\n");
  for (int i = 0; i < 30; i++)
    strbuf_appendf(&src,
                   "  svc%d:\n    <<: *common\n    image: example/svc%d:1.%d\n    ports:\n      - \"%d:80\"\n"
                   "    environment:\n      - A=${A:-1}\n      - B=2\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n",
                   i, i, i, 8000 + i);
  Syntax *syntax = parse_yaml(src.data, src.len);
  TextDoc text;
  text_init(&text, src.data, src.len);
  double best = 1e9;
  for (int run = 0; run < 20; run++) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ComposeModel *m = compose_model_build(syntax, &text);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    if (ms < best) best = ms;
    cr_assert_eq(m->services->npairs, 30);
    compose_model_delete(m);
  }
  cr_log_info("compose model of %zu lines: %.3f ms", text_line_count(&text), best);
  cr_assert_lt(best, 1.0, "building took %.3f ms", best);
  text_destroy(&text);
  syntax_delete(syntax);
  strbuf_destroy(&src);
}

/* The symbol index as navigation reads it (analysis_definition,
 * analysis_references, analysis_highlights), on documents held in memory:
 * how Dockerfile variables are scoped, which compose values name a
 * service, network, volume, secret or config, and that a place reached
 * twice through YAML merge keys is reported once.  Positions are found by
 * searching the text, so each case reads as the file it is about. */
#include <criterion/criterion.h>
#include <string.h>

#include "dockls/analysis/navigation.h"
#include "dockls/base/alloc.h"

/* Offset of the `nth` (0-based) occurrence of `needle` in `text`. */
static size_t at(const char *text, const char *needle, int nth) {
  const char *p = text;
  for (;;) {
    p = strstr(p, needle);
    cr_assert_not_null(p, "no %s in the text", needle);
    if (nth-- == 0) return (size_t)(p - text);
    p++;
  }
}

static Workspace *open_doc(const char *uri, DocKind kind, const char *text, FileId *id) {
  Workspace *ws = ws_new(NULL);
  char *err = NULL;
  cr_assert(ws_open(ws, uri, kind, 1, text, strlen(text), id, &err), "%s", err ? err : "");
  return ws;
}

typedef enum { ASK_DEFINITION, ASK_HIGHLIGHTS } Ask;

/* The places navigation answers for the symbol at `offset` (caller frees
 * the array). */
static NavSpanArray ask(const char *uri, DocKind kind, const char *text, size_t offset, Ask what) {
  FileId id;
  Workspace *ws = open_doc(uri, kind, text, &id);
  NavSpanArray spans;
  array_init(&spans);
  if (what == ASK_DEFINITION) analysis_definition(ws, id, offset, &spans);
  else analysis_highlights(ws, id, offset, &spans);
  ws_delete(ws);
  return spans;
}

/* The start of the definition of the symbol at `offset`, or -1. */
static long definition(const char *uri, DocKind kind, const char *text, size_t offset) {
  NavSpanArray spans = ask(uri, kind, text, offset, ASK_DEFINITION);
  cr_assert(spans.len <= 1);
  long start = spans.len == 1 ? (long)spans.items[0].start : -1;
  array_delete(&spans);
  return start;
}

/* How many places the symbol at `offset` has in its own file. */
static size_t highlights(const char *uri, DocKind kind, const char *text, size_t offset) {
  NavSpanArray spans = ask(uri, kind, text, offset, ASK_HIGHLIGHTS);
  size_t n = spans.len;
  array_delete(&spans);
  return n;
}

#define DF(text, offset) definition("file:///w/Dockerfile", DOC_KIND_DOCKERFILE, text, offset)
#define CY(text, offset) definition("file:///w/compose.yaml", DOC_KIND_COMPOSE, text, offset)

Test(navigation, global_arg_needs_redeclaration_in_a_stage) {
  const char *t = "ARG V=1\nFROM alpine:$V\nRUN echo $V\nFROM alpine\nARG V\nRUN echo $V\n";
  cr_assert_eq(DF(t, at(t, "$V", 0) + 1), (long)at(t, "V=1", 0), "FROM sees the global ARG");
  cr_assert_eq(DF(t, at(t, "$V", 1) + 1), -1, "a stage does not, without ARG V");
  cr_assert_eq(DF(t, at(t, "$V", 2) + 1), (long)at(t, "ARG V\n", 0) + 4, "the re-declaration defines it");
  /* The global ARG, its use in FROM, the re-declaration and the use after
   * it are one symbol: renaming it must change all four. */
  cr_assert_eq(highlights("file:///w/Dockerfile", DOC_KIND_DOCKERFILE, t, at(t, "V=1", 0)), 4);
}

Test(navigation, env_is_inherited_by_a_child_stage_and_arg_is_not) {
  const char *t = "FROM alpine AS base\nENV E=1\nARG A=2\nFROM base\nRUN echo $E $A\n";
  cr_assert_eq(DF(t, at(t, "$E", 0) + 1), (long)at(t, "E=1", 0));
  cr_assert_eq(DF(t, at(t, "$A", 0) + 1), -1);
}

Test(navigation, the_nearest_definition_before_the_use_wins) {
  const char *t = "FROM alpine\nENV P=/a\nRUN echo $P\nENV P=/b\nRUN echo ${P}\n";
  cr_assert_eq(DF(t, at(t, "$P", 0) + 1), (long)at(t, "P=/a", 0));
  cr_assert_eq(DF(t, at(t, "${P}", 0) + 2), (long)at(t, "P=/b", 0));
}

Test(navigation, exec_form_and_escaped_dollars_are_not_references) {
  const char *t = "FROM alpine\nENV P=/a\nCMD [\"echo\", \"$P\"]\nRUN echo \\$P\n";
  cr_assert_eq(DF(t, at(t, "$P", 0) + 1), -1);
  cr_assert_eq(DF(t, at(t, "$P", 1) + 1), -1);
}

Test(navigation, stage_names_match_case_insensitively_and_numbers_are_not_names) {
  const char *t = "FROM alpine AS Build\nFROM alpine\nCOPY --from=build /a /a\nCOPY --from=0 /b /b\n";
  cr_assert_eq(DF(t, at(t, "=build", 0) + 2), (long)at(t, "Build", 0));
  cr_assert_eq(DF(t, at(t, "=0", 0) + 1), -1);
  cr_assert_eq(highlights("file:///w/Dockerfile", DOC_KIND_DOCKERFILE, t, at(t, "Build", 0)), 2);
}

Test(navigation, compose_service_references) {
  const char *t = "services:\n  api:\n    image: a\n  w:\n    image: b\n    extends: api\n"
                  "    volumes_from: [\"api:ro\", \"container:x\"]\n    network_mode: service:api\n";
  long api = (long)at(t, "api:", 0);
  cr_assert_eq(CY(t, at(t, "extends: api", 0) + 10), api);
  cr_assert_eq(CY(t, at(t, "\"api:ro", 0) + 2), api);
  cr_assert_eq(CY(t, at(t, "service:api", 0) + 9), api);
  cr_assert_eq(CY(t, at(t, "container:x", 0) + 10), -1);
  cr_assert_eq(highlights("file:///w/compose.yaml", DOC_KIND_COMPOSE, t, (size_t)api), 4);
}

Test(navigation, compose_objects_and_their_uses) {
  const char *t = "services:\n  s:\n    image: a\n    networks:\n      back: {}\n    configs: [cfg]\n"
                  "    volumes:\n      - type: volume\n        source: data\n        target: /d\n"
                  "      - ./host:/h\nnetworks:\n  back: {}\nconfigs:\n  cfg:\n    file: ./c\n"
                  "volumes:\n  data: {}\n";
  cr_assert_eq(CY(t, at(t, "back", 0) + 1), (long)at(t, "back", 1));
  cr_assert_eq(CY(t, at(t, "cfg", 0) + 1), (long)at(t, "cfg", 1));
  cr_assert_eq(CY(t, at(t, "data", 0) + 1), (long)at(t, "data", 1));
  cr_assert_eq(CY(t, at(t, "./host", 0) + 3), -1, "a bind mount names no volume");
}

Test(navigation, a_place_reached_through_a_merge_key_is_reported_once) {
  const char *t = "x-common: &common\n  depends_on: [db]\nservices:\n  db:\n    image: p\n"
                  "  a:\n    <<: *common\n    image: a\n  b:\n    <<: *common\n    image: b\n";
  cr_assert_eq(highlights("file:///w/compose.yaml", DOC_KIND_COMPOSE, t, at(t, "db:", 0)), 2);
}

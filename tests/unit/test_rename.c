/* Rename as analysis answers it (analysis_rename, analysis_prepare_rename)
 * on documents held in memory: which places a rename rewrites, and which
 * new names it refuses.  Positions are found by searching the text. */
#include <criterion/criterion.h>
#include <string.h>

#include "dockls/analysis/navigation.h"
#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"

static size_t at(const char *text, const char *needle) {
  const char *p = strstr(text, needle);
  cr_assert_not_null(p, "no %s in the text", needle);
  return (size_t)(p - text);
}

/* Renames the symbol under the last character of `needle` to `name` and returns the text with the
 * edits applied (owned), or NULL with *why set when refused. */
static char *rename_in(DocKind kind, const char *text, const char *needle, const char *name, char **why) {
  Workspace *ws = ws_new(NULL);
  FileId id;
  char *err = NULL;
  cr_assert(ws_open(ws, kind == DOC_KIND_DOCKERFILE ? "file:///w/Dockerfile" : "file:///w/compose.yaml", kind,
                    1, text, strlen(text), &id, &err));
  NavSpanArray spans;
  array_init(&spans);
  char *out = NULL;
  *why = NULL;
  if (analysis_rename(ws, id, at(text, needle) + strlen(needle) - 1, name, &spans, why)) {
    /* The spans come sorted by offset; apply them from the last. */
    StrBuf buf = STRBUF_INIT;
    strbuf_append(&buf, text);
    for (size_t i = spans.len; i-- > 0;) {
      cr_assert_eq(spans.items[i].file, id);
      StrBuf next = STRBUF_INIT;
      strbuf_append_n(&next, strbuf_cstr(&buf), spans.items[i].start);
      strbuf_append(&next, name);
      strbuf_append(&next, strbuf_cstr(&buf) + spans.items[i].end);
      strbuf_destroy(&buf);
      buf = next;
    }
    out = xstrdup(strbuf_cstr(&buf));
    strbuf_destroy(&buf);
  }
  array_delete(&spans);
  ws_delete(ws);
  return out;
}

static void expect_renamed(DocKind kind, const char *text, const char *needle, const char *name,
                           const char *want) {
  char *why;
  char *got = rename_in(kind, text, needle, name, &why);
  cr_assert_not_null(got, "refused: %s", why ? why : "");
  cr_expect_str_eq(got, want);
  xfree(got);
}

static void expect_refused(DocKind kind, const char *text, const char *needle, const char *name,
                           const char *reason) {
  char *why;
  char *got = rename_in(kind, text, needle, name, &why);
  cr_assert_null(got, "renamed to %s", got);
  cr_expect(strstr(why, reason) != NULL, "%s", why);
  xfree(why);
}

Test(rename, stage_everywhere_whatever_its_case) {
  expect_renamed(DOC_KIND_DOCKERFILE,
                 "FROM alpine AS Deps\nFROM deps\nCOPY --from=DEPS /a /b\nRUN --mount=from=deps,target=/x true\n",
                 "Deps", "base",
                 "FROM alpine AS base\nFROM base\nCOPY --from=base /a /b\nRUN --mount=from=base,target=/x true\n");
}

Test(rename, stage_numbers_and_images_are_left_alone) {
  expect_renamed(DOC_KIND_DOCKERFILE, "FROM deps AS deps\nFROM alpine\nCOPY --from=0 /a /b\n", "AS deps",
                 "base", "FROM deps AS base\nFROM alpine\nCOPY --from=0 /a /b\n");
}

Test(rename, variable_in_its_scope_only) {
  /* The other stage's MODE is another variable. */
  expect_renamed(DOC_KIND_DOCKERFILE,
                 "FROM alpine\nARG MODE\nRUN echo $MODE ${MODE:-x}\nFROM alpine\nARG MODE\nRUN echo $MODE\n",
                 "MODE", "KIND",
                 "FROM alpine\nARG KIND\nRUN echo $KIND ${KIND:-x}\nFROM alpine\nARG MODE\nRUN echo $MODE\n");
}

Test(rename, global_arg_with_its_redeclarations) {
  expect_renamed(DOC_KIND_DOCKERFILE, "ARG V=1\nFROM alpine:$V\nARG V\nRUN echo $V\n", "V=", "VERSION",
                 "ARG VERSION=1\nFROM alpine:$VERSION\nARG VERSION\nRUN echo $VERSION\n");
}

Test(rename, service_and_its_references) {
  expect_renamed(DOC_KIND_COMPOSE,
                 "services:\n  web:\n    image: a\n  db:\n    image: b\n    depends_on: [web]\n"
                 "    network_mode: service:web\n",
                 "web", "front",
                 "services:\n  front:\n    image: a\n  db:\n    image: b\n    depends_on: [front]\n"
                 "    network_mode: service:front\n");
}

Test(rename, collisions_are_refused) {
  expect_refused(DOC_KIND_DOCKERFILE, "FROM alpine AS a\nFROM alpine AS b\n", "AS a", "B",
                 "a stage named \"b\" already exists");
  expect_refused(DOC_KIND_DOCKERFILE, "FROM alpine\nARG A\nARG B\n", "ARG A", "B",
                 "a variable named \"B\" already exists");
  expect_refused(DOC_KIND_COMPOSE, "services:\n  a:\n    image: x\n  b:\n    image: y\n", "a:", "b",
                 "a service named \"b\" already exists");
  expect_refused(DOC_KIND_COMPOSE, "services:\n  a:\n    image: x\nvolumes:\n  v1: {}\n  v2: {}\n", "v1", "v2",
                 "a volume named \"v2\" already exists");
}

Test(rename, same_name_in_another_stage_is_no_collision) {
  expect_renamed(DOC_KIND_DOCKERFILE, "FROM alpine\nARG A\nFROM alpine\nARG B\n", "ARG A", "B",
                 "FROM alpine\nARG B\nFROM alpine\nARG B\n");
}

Test(rename, invalid_names_are_refused) {
  expect_refused(DOC_KIND_DOCKERFILE, "FROM alpine AS a\n", "AS a", "1st", "not a valid stage name");
  expect_refused(DOC_KIND_DOCKERFILE, "FROM alpine AS a\n", "AS a", "a b", "not a valid stage name");
  expect_refused(DOC_KIND_DOCKERFILE, "FROM alpine\nARG A\n", "A\n", "A-B", "not a valid variable name");
  expect_refused(DOC_KIND_COMPOSE, "services:\n  a:\n    image: x\n", "a:", "x: y", "not a valid service name");
  expect_refused(DOC_KIND_COMPOSE, "services:\n  a:\n    image: x\n", "a:", "-a", "not a valid service name");
  expect_refused(DOC_KIND_COMPOSE, "services:\n  a:\n    image: x\n", "a:", "", "not a valid service name");
}

Test(rename, prepare_gives_the_name_or_a_reason) {
  const char *text = "FROM alpine AS build\nRUN true\n";
  Workspace *ws = ws_new(NULL);
  FileId id;
  char *err = NULL;
  cr_assert(ws_open(ws, "file:///w/Dockerfile", DOC_KIND_DOCKERFILE, 1, text, strlen(text), &id, &err));
  NavSpan range;
  char *placeholder = NULL, *why = NULL;
  cr_assert(analysis_prepare_rename(ws, id, at(text, "build") + 2, &range, &placeholder, &why));
  cr_expect_eq(range.start, at(text, "build"));
  cr_expect_eq(range.end, at(text, "build") + 5);
  cr_expect_str_eq(placeholder, "build");
  xfree(placeholder);
  cr_assert_not(analysis_prepare_rename(ws, id, at(text, "true"), &range, &placeholder, &why));
  cr_expect(strstr(why, "no stage") != NULL);
  xfree(why);
  ws_delete(ws);
}

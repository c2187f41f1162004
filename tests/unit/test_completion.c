/* Completion as analysis computes it (analysis_completion), on documents
 * held in memory.  Each case writes the file with a `@` where the cursor
 * is; the `@` is removed before the file is opened.  The last tests apply
 * every item offered at many positions and check that the file never has
 * more syntax errors afterwards than before. */
#include <criterion/criterion.h>
#include <string.h>

#include "dockls/analysis/analysis.h"
#include "dockls/analysis/complete.h"
#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"

typedef struct {
  Workspace *ws;
  FileId id;
  CompletionList list;
  char *text; /* the file without the cursor mark */
} Asked;

/* Opens `marked` (the cursor at its `@`) as `uri` next to the documents
 * already in `ws` (NULL: a new workspace) and asks for completions. */
static Asked ask_in(Workspace *ws, const char *uri, DocKind kind, const char *marked, bool snippets) {
  Asked a = {ws ? ws : ws_new(NULL), 0, {0}, NULL};
  const char *at = strchr(marked, '@');
  cr_assert_not_null(at, "no cursor in the case");
  StrBuf b = STRBUF_INIT;
  strbuf_append_n(&b, marked, (size_t)(at - marked));
  strbuf_append(&b, at + 1);
  a.text = strbuf_take(&b);
  char *err = NULL;
  cr_assert(ws_open(a.ws, uri, kind, 1, a.text, strlen(a.text), &a.id, &err), "%s", err ? err : "");
  analysis_completion(a.ws, a.id, (size_t)(at - marked), snippets, &a.list);
  return a;
}

static Asked ask(DocKind kind, const char *marked, bool snippets) {
  return ask_in(NULL, kind == DOC_KIND_COMPOSE ? "file:///w/compose.yaml" : "file:///w/Dockerfile", kind, marked,
                snippets);
}

static void done(Asked *a) {
  completion_list_free(&a->list);
  ws_delete(a->ws);
  xfree(a->text);
}

static const CompletionItem *item(const Asked *a, const char *label) {
  for (size_t i = 0; i < a->list.items.len; i++)
    if (strcmp(a->list.items.items[i].label, label) == 0) return &a->list.items.items[i];
  return NULL;
}

/* The text the item labelled `label` inserts; the item must be there. */
static const char *text_of(const Asked *a, const char *label) {
  const CompletionItem *it = item(a, label);
  cr_assert_not_null(it, "no item %s", label);
  return it->text;
}

/* The text of the range the items replace. */
static char *replaced(const Asked *a) { return xstrndup(a->text + a->list.start, a->list.end - a->list.start); }

Test(completion, keywords_are_snippets_only_for_clients_that_take_them) {
  Asked a = ask(DOC_KIND_DOCKERFILE, "FROM alpine\nWO@\n", true);
  const CompletionItem *it = item(&a, "WORKDIR");
  cr_assert_not_null(it);
  cr_assert(it->snippet);
  cr_assert_str_eq(it->text, "WORKDIR ${1:/app}");
  char *word = replaced(&a);
  cr_assert_str_eq(word, "WO");
  xfree(word);
  done(&a);
  a = ask(DOC_KIND_DOCKERFILE, "FROM alpine\nWO@\n", false);
  it = item(&a, "WORKDIR");
  cr_assert_not(it->snippet);
  cr_assert_str_eq(it->text, "WORKDIR /app");
  done(&a);
}

Test(completion, flags_follow_the_instruction) {
  Asked a = ask(DOC_KIND_DOCKERFILE, "FROM alpine\nRUN --@ make\n", false);
  cr_assert_not_null(item(&a, "--mount"));
  cr_assert_not_null(item(&a, "--network"));
  cr_assert_not_null(item(&a, "--security"));
  cr_assert_not_null(item(&a, "--device"));
  cr_assert_null(item(&a, "--from"));
  done(&a);
  a = ask(DOC_KIND_DOCKERFILE, "FROM alpine\nHEALTHCHECK --i@ CMD true\n", false);
  cr_assert_str_eq(text_of(&a, "--interval"), "--interval=30s");
  cr_assert_not_null(item(&a, "--start-interval"));
  done(&a);
  /* After an argument, a `-` is an argument of the command, not a flag. */
  a = ask(DOC_KIND_DOCKERFILE, "FROM alpine\nRUN ls --@\n", false);
  cr_assert_eq(a.list.items.len, 0);
  done(&a);
}

Test(completion, mount_types_and_keys) {
  Asked a = ask(DOC_KIND_DOCKERFILE, "FROM alpine\nRUN --mount=type=c@ make\n", false);
  cr_assert_eq(a.list.items.len, 5);
  cr_assert_not_null(item(&a, "cache"));
  cr_assert_not_null(item(&a, "ssh"));
  char *word = replaced(&a);
  cr_assert_str_eq(word, "c");
  xfree(word);
  done(&a);
  a = ask(DOC_KIND_DOCKERFILE, "FROM alpine\nRUN --mount=type=cache,ta@ make\n", false);
  cr_assert_str_eq(text_of(&a, "target"), "target=");
  done(&a);
}

Test(completion, stages_before_the_current_one) {
  Asked a = ask(DOC_KIND_DOCKERFILE,
                "FROM alpine AS build\nFROM build AS test\nCOPY --from=@ /a /b\nFROM alpine AS later\n", false);
  cr_assert_not_null(item(&a, "build"));
  cr_assert_null(item(&a, "test"), "a stage cannot copy from itself");
  cr_assert_null(item(&a, "later"));
  done(&a);
  a = ask(DOC_KIND_DOCKERFILE, "FROM alpine AS build\nFROM b@ AS test\n", false);
  cr_assert_not_null(item(&a, "build"));
  cr_assert_not_null(item(&a, "node"), "official images are offered after FROM");
  cr_assert_null(item(&a, "test"));
  done(&a);
}

Test(completion, variables_in_scope) {
  Asked a = ask(DOC_KIND_DOCKERFILE,
                "ARG GLOBAL=1\nFROM alpine AS one\nENV ONE=1\nFROM alpine AS two\nARG TWO\nRUN echo ${T@\n", false);
  cr_assert_not_null(item(&a, "TWO"));
  cr_assert_str_eq(text_of(&a, "TWO"), "TWO}");
  cr_assert_null(item(&a, "ONE"), "an ENV of another chain is not in scope");
  cr_assert_null(item(&a, "GLOBAL"), "a global ARG needs its re-declaration");
  cr_assert_not_null(item(&a, "TARGETPLATFORM"));
  done(&a);
  a = ask(DOC_KIND_DOCKERFILE, "ARG GLOBAL=1\nFROM alpine:$G@\n", false);
  cr_assert_str_eq(text_of(&a, "GLOBAL"), "GLOBAL");
  done(&a);
}

Test(completion, directives_only_at_the_top) {
  Asked a = ask(DOC_KIND_DOCKERFILE, "# s@\nFROM alpine\n", false);
  cr_assert_str_eq(text_of(&a, "syntax="), "syntax=docker/dockerfile:1");
  done(&a);
  a = ask(DOC_KIND_DOCKERFILE, "FROM alpine\n# s@\n", false);
  cr_assert_eq(a.list.items.len, 0);
  done(&a);
}

Test(completion, nothing_in_a_heredoc_body) {
  Asked a = ask(DOC_KIND_DOCKERFILE, "FROM alpine\nRUN <<EOF\nW@\nEOF\n", false);
  cr_assert_eq(a.list.items.len, 0);
  done(&a);
}

Test(completion, compose_keys_with_their_types) {
  Asked a = ask(DOC_KIND_COMPOSE, "services:\n  web:\n    ima@\n", false);
  const CompletionItem *it = item(&a, "image");
  cr_assert_not_null(it);
  cr_assert_str_eq(it->text, "image: ");
  cr_assert_str_eq(it->detail, "a string");
  cr_assert_null(item(&a, "services"));
  done(&a);
  a = ask(DOC_KIND_COMPOSE, "services:\n  web:\n    image: x\nvol@\n", false);
  cr_assert_not_null(item(&a, "volumes"));
  cr_assert_null(item(&a, "image"));
  cr_assert_null(item(&a, "services"), "a key already in the mapping is not offered again");
  done(&a);
  a = ask(DOC_KIND_COMPOSE, "services:\n  web:\n    volumes:\n      - type: bind\n        s@\n      - target: /t\n",
          false);
  cr_assert_not_null(item(&a, "source"));
  cr_assert_not_null(item(&a, "target"), "the next item's keys are not this item's");
  cr_assert_null(item(&a, "type"));
  done(&a);
  a = ask(DOC_KIND_COMPOSE, "services:\n  web:\n    healthcheck:\n      inter@\n", false);
  cr_assert_not_null(item(&a, "interval"));
  done(&a);
}

Test(completion, compose_values_from_the_table) {
  Asked a = ask(DOC_KIND_COMPOSE,
                "services:\n  web:\n    depends_on:\n      db:\n        condition: @\n  db:\n    image: x\n", false);
  cr_assert_eq(a.list.items.len, 3);
  cr_assert_not_null(item(&a, "service_healthy"));
  done(&a);
  a = ask(DOC_KIND_COMPOSE, "services:\n  web:\n    restart: un@\n", false);
  cr_assert_not_null(item(&a, "unless-stopped"));
  done(&a);
  a = ask(DOC_KIND_COMPOSE, "services:\n  web:\n    deploy:\n      restart_policy:\n        condition: @\n", false);
  cr_assert_not_null(item(&a, "on-failure"));
  cr_assert_null(item(&a, "unless-stopped"));
  done(&a);
}

Test(completion, compose_references) {
  const char *base = "services:\n  web:\n    depends_on:\n      - @\n    network_mode: \"service:\"\n"
                     "  db:\n    image: x\nnetworks:\n  front:\n";
  Asked a = ask(DOC_KIND_COMPOSE, base, false);
  cr_assert_not_null(item(&a, "db"));
  cr_assert_null(item(&a, "web"), "a service does not depend on itself");
  done(&a);
  a = ask(DOC_KIND_COMPOSE, "services:\n  web:\n    depends_on: [db, @]\n  db:\n    image: x\n  cache:\n    image: x\n",
          false);
  cr_assert_not_null(item(&a, "cache"), "a flow sequence takes names too");
  cr_assert_eq(a.list.start, a.list.end);
  done(&a);
  a = ask(DOC_KIND_COMPOSE, "services:\n  web:\n    network_mode: service:@\n  db:\n    image: x\n", false);
  cr_assert_not_null(item(&a, "db"));
  done(&a);
  a = ask(DOC_KIND_COMPOSE, "services:\n  web:\n    networks:\n      - @\nnetworks:\n  front:\n", false);
  cr_assert_not_null(item(&a, "front"));
  done(&a);
  a = ask(DOC_KIND_COMPOSE,
          "services:\n  web:\n    image: x\n    secrets:\n      - source: @\nsecrets:\n  key:\n    file: k\n", false);
  cr_assert_not_null(item(&a, "key"));
  done(&a);
}

Test(completion, build_target_reads_the_dockerfile) {
  Workspace *ws = ws_new(NULL);
  FileId df;
  char *err = NULL;
  const char *dockerfile = "FROM alpine AS base\nFROM base AS prod\n";
  cr_assert(ws_open(ws, "file:///w/web/Dockerfile", DOC_KIND_DOCKERFILE, 1, dockerfile, strlen(dockerfile), &df,
                    &err));
  Asked a = ask_in(ws, "file:///w/compose.yaml", DOC_KIND_COMPOSE,
                   "services:\n  web:\n    build:\n      context: ./web\n      target: p@\n", false);
  cr_assert_eq(a.list.items.len, 2);
  cr_assert_not_null(item(&a, "prod"));
  done(&a);
}

/* ------------------------------------------------------------ parse safety */

static size_t syntax_errors(DocKind kind, const char *text) {
  Workspace *ws = ws_new(NULL);
  FileId id;
  char *err = NULL;
  cr_assert(ws_open(ws, kind == DOC_KIND_COMPOSE ? "file:///w/compose.yaml" : "file:///w/Dockerfile", kind, 1,
                    text, strlen(text), &id, &err));
  DiagList diags;
  array_init(&diags);
  analysis_file(ws, id, &diags);
  size_t n = 0;
  for (size_t i = 0; i < diags.len; i++) n += diags.items[i].rule == RULE_SYNTAX_ERROR && diags.items[i].file == id;
  diaglist_destroy(&diags);
  ws_delete(ws);
  return n;
}

/* Applies every item offered at `marked`'s cursor and checks that the
 * syntax-error count does not grow; returns how many items were tried. */
static size_t apply_all(DocKind kind, const char *marked) {
  Asked a = ask(kind, marked, false);
  size_t before = syntax_errors(kind, a.text);
  for (size_t i = 0; i < a.list.items.len; i++) {
    StrBuf b = STRBUF_INIT;
    strbuf_append_n(&b, a.text, a.list.start);
    strbuf_append(&b, a.list.items.items[i].text);
    strbuf_append(&b, a.text + a.list.end);
    size_t after = syntax_errors(kind, strbuf_cstr(&b));
    cr_expect_leq(after, before, "applying %s gave:\n%s", a.list.items.items[i].label, strbuf_cstr(&b));
    strbuf_destroy(&b);
  }
  size_t n = a.list.items.len;
  done(&a);
  return n;
}

Test(completion, applying_an_item_never_adds_a_syntax_error_dockerfile) {
  static const char *const cases[] = {
      "# @\nFROM alpine\n",
      "FROM alpine\n@\n",
      "FROM alpine\nR@\n",
      "FROM alpine AS a\nFROM alpine\nCOPY -@ /a /b\n",
      "FROM alpine AS a\nFROM alpine\nCOPY --from=@ /a /b\n",
      "FROM alpine\nADD --@ /a /b\n",
      "FROM @\n",
      "FROM --p@ alpine\n",
      "FROM alpine\nRUN --@ make\n",
      "FROM alpine\nRUN --mount=type=@ make\n",
      "FROM alpine\nRUN --mount=type=cache,@ make\n",
      "FROM alpine\nHEALTHCHECK --@ CMD true\n",
      "FROM alpine\nARG V\nRUN echo ${@}\n",
      "FROM alpine\nARG V\nRUN echo $@\n",
      "FROM alpine\nARG V\nRUN echo ${V@\n",
  };
  size_t tried = 0;
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) tried += apply_all(DOC_KIND_DOCKERFILE, cases[i]);
  cr_assert_gt(tried, 60, "only %zu items were tried", tried);
}

Test(completion, applying_an_item_never_adds_a_syntax_error_compose) {
  static const char *const cases[] = {
      "services:\n  web:\n    @\n",
      "services:\n  web:\n    image: x\n@\n",
      "services:\n  web:\n    depends_on:\n      db:\n        condition: @\n  db:\n    image: x\n",
      "services:\n  web:\n    depends_on:\n      - @\n  db:\n    image: x\n",
      "services:\n  web:\n    restart: @\n",
      "services:\n  web:\n    network_mode: @\n",
      "services:\n  web:\n    build:\n      @\n",
  };
  size_t tried = 0;
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) tried += apply_all(DOC_KIND_COMPOSE, cases[i]);
  cr_assert_gt(tried, 100, "only %zu items were tried", tried);
}

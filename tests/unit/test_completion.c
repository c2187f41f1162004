/* Completion as analysis computes it (analysis_completion), on documents
 * held in memory.  Each case writes the file with a `@` where the cursor
 * is; the `@` is removed before the file is opened.  The last tests apply
 * every item offered at many positions and check that the file never has
 * more syntax errors afterwards than before. */
#include <criterion/criterion.h>
#include <string.h>

#include "casefile.h"
#include "diag_count.h"
#include "dockls/analysis/analysis.h"
#include "dockls/analysis/complete.h"
#include "dockls/base/alloc.h"
#include "dockls/base/fs.h"
#include "dockls/base/path.h"
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

/* Whether every label of the `|`-separated list is offered (or, with
 * `offered` false, none of them is). */
static void expect_labels(const Asked *a, const char *labels, bool offered, const char *marked) {
  char *copy = xstrdup(labels);
  for (char *save = NULL, *label = strtok_r(copy, "|", &save); label; label = strtok_r(NULL, "|", &save))
    cr_expect_eq(item(a, label) != NULL, offered, "%s %s offered at:\n%s", label, offered ? "not" : "", marked);
  xfree(copy);
}

/* What is offered at a cursor: the labels that must be there and those
 * that must not, with the reason in the comment of each group; with
 * `label`, also what that item writes (values with their `=`, a closing
 * brace for an opened one but not for one already closed, a compose key
 * with its colon).  A NULL `present` means that nothing at all is offered. */
Test(completion, labels_offered_at_a_cursor) {
  static const struct {
    DocKind kind;
    const char *marked, *present, *absent, *label, *text;
  } cases[] = {
      /* Nothing: a directive after an instruction (the builder reads it as
       * a comment), a heredoc body (not Dockerfile syntax), a `-` after the
       * command's first argument (the command's, not a flag), a compose
       * comment. */
      {DOC_KIND_DOCKERFILE, "FROM alpine\n# s@\n", NULL, "", NULL, NULL},
      {DOC_KIND_DOCKERFILE, "FROM alpine\nRUN <<EOF\nW@\nEOF\n", NULL, "", NULL, NULL},
      {DOC_KIND_DOCKERFILE, "FROM alpine\nRUN ls --@\n", NULL, "", NULL, NULL},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    image: x # im@\n", NULL, "", NULL, NULL},
      /* Nothing is being typed: at the start of an existing word, after a
       * continuation character, before FROM's image, on a line continued
       * through a comment, past a closing quote, on a blank line above a
       * deeper block (a key there would take it as its value). */
      {DOC_KIND_DOCKERFILE, "FROM alpine\nONBUILD @RUN true\n", NULL, "", NULL, NULL},
      {DOC_KIND_DOCKERFILE, "FROM \\@\n  alpine\n", NULL, "", NULL, NULL},
      {DOC_KIND_DOCKERFILE, "FROM @ alpine\n", NULL, "", NULL, NULL},
      {DOC_KIND_DOCKERFILE, "FROM alpine\nRUN a \\\n# note\n@\n  b\n", NULL, "", NULL, NULL},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    network_mode: \"service:db\"@\n  db:\n    image: x\n", NULL, "",
       NULL, NULL},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    environment:\n      A: 1\n@\n    image: x\n", NULL, "", NULL, NULL},
      /* Past a flow sequence's closing bracket, nothing; a service already
       * a key of `depends_on` is not offered as another. */
      {DOC_KIND_COMPOSE, "services:\n  web:\n    depends_on: [ db ]@\n  db:\n    image: x\n", NULL, "", NULL, NULL},
      {DOC_KIND_COMPOSE,
       "services:\n  web:\n    depends_on:\n      db:\n        condition: service_started\n      c@\n"
       "  db:\n    image: x\n  cache:\n    image: x\n",
       "cache", "db", NULL, NULL},
      /* An item of a compact sequence does not end the mapping: `ports`
       * is there already. */
      {DOC_KIND_COMPOSE, "services:\n  web:\n    ports:\n    - \"80\"\n    st@\n", "stdin_open", "ports", NULL, NULL},
      /* A keyword typed over an existing one keeps the arguments; ONBUILD
       * takes an instruction. */
      {DOC_KIND_DOCKERFILE, "FROM alpine\nWO@RK /app\n", "WORKDIR", "", "WORKDIR", "WORKDIR"},
      {DOC_KIND_DOCKERFILE, "FROM alpine\nONBUILD R@\n", "RUN|COPY", "ONBUILD|FROM", "RUN", "RUN command"},
      /* STOPSIGNAL: the signal names stopsignal-invalid accepts. */
      {DOC_KIND_DOCKERFILE, "FROM alpine\nSTOPSIGNAL SIGT@\n", "SIGTERM|SIGQUIT|SIGRTMIN", "", "SIGTERM", "SIGTERM"},
      /* A compose key being renamed keeps its colon. */
      {DOC_KIND_COMPOSE, "services:\n  web:\n    ima@g: nginx\n", "image", "", "image", "image"},
      /* Flags follow the instruction. */
      {DOC_KIND_DOCKERFILE, "FROM alpine\nRUN --@ make\n",
       "--mount|--network|--security|--device", "--from", NULL, NULL},
      {DOC_KIND_DOCKERFILE, "FROM alpine\nHEALTHCHECK --i@ CMD true\n", "--interval|--start-interval", "--mount",
       "--interval", "--interval=30s"},
      {DOC_KIND_DOCKERFILE, "FROM --@ alpine\n", "--platform", "--from", NULL, NULL},
      /* --mount values and keys. */
      {DOC_KIND_DOCKERFILE, "FROM alpine\nRUN --mount=type=c@ make\n",
       "bind|cache|tmpfs|secret|ssh", "target", NULL, NULL},
      {DOC_KIND_DOCKERFILE, "FROM alpine\nRUN --mount=type=cache,ta@ make\n", "target|id|sharing", "cache", "target",
       "target="},
      /* Stages declared before the current one; a stage cannot copy from
       * itself, and a later one does not exist yet. */
      {DOC_KIND_DOCKERFILE, "FROM alpine AS build\nFROM build AS test\nCOPY --from=@ /a /b\nFROM alpine AS later\n",
       "build", "test|later", NULL, NULL},
      {DOC_KIND_DOCKERFILE, "FROM alpine AS build\nFROM b@ AS test\n", "build|node|php", "test", NULL, NULL},
      /* Tags the image table knows, after `image:`. */
      {DOC_KIND_DOCKERFILE, "FROM node:@\n", "lts|slim", "alpine|node", NULL, NULL},
      /* Health checks with a tool the base image has (curl in php, wget only
       * in alpine), against 127.0.0.1. */
      {DOC_KIND_DOCKERFILE, "FROM php:8.3-apache\nHEALTHCHECK @\n", "CMD curl|CMD|NONE", "--interval", "CMD curl",
       "CMD curl -fsS http://127.0.0.1:80/ || exit 1"},
      {DOC_KIND_DOCKERFILE, "FROM alpine:3.20\nHEALTHCHECK @\n", "CMD wget|CMD|NONE", "CMD curl", "CMD wget",
       "CMD wget -qO- http://127.0.0.1:80/ || exit 1"},
      /* Variables in scope: an ENV of another FROM chain is not, and a
       * global ARG is seen in a stage only through its re-declaration. */
      {DOC_KIND_DOCKERFILE,
       "ARG GLOBAL=1\nFROM alpine AS one\nENV ONE=1\nFROM alpine AS two\nARG TWO\nRUN echo ${T@\n",
       "TWO|TARGETPLATFORM|BUILDARCH", "ONE|GLOBAL", "TWO", "TWO}"},
      {DOC_KIND_DOCKERFILE, "FROM alpine\nARG TWO\nRUN echo ${T@}\n", "TWO", "", "TWO", "TWO"},
      {DOC_KIND_DOCKERFILE, "ARG GLOBAL=1\nFROM alpine:$G@\n", "GLOBAL", "TWO", "GLOBAL", "GLOBAL"},
      /* Parser directives on the first lines; no other escape character
       * when a line continues with the current one. */
      {DOC_KIND_DOCKERFILE, "# s@\nFROM alpine\n", "syntax=|escape=|check=", "FROM", "syntax=",
       "syntax=docker/dockerfile:1"},
      {DOC_KIND_DOCKERFILE, "# @\nFROM alpine\nRUN a \\\n  b\n", "syntax=|check=", "escape=", NULL, NULL},
      /* A value needs its blank after the colon; a key whose value is the
       * block below takes none. */
      {DOC_KIND_COMPOSE, "services:\n  web:\n    restart:@\n", "always", "", "always", " always"},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    extends:@\n      service: db\n  db:\n    image: x\n", NULL, "",
       NULL, NULL},
      /* Compose keys of the object at the cursor, not those already there. */
      {DOC_KIND_COMPOSE, "services:\n  web:\n    image: x\nvol@\n", "volumes|networks", "image|services", NULL, NULL},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    healthcheck:\n      inter@\n",
       "interval|retries", "image", NULL, NULL},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    ima@\n", "image|build", "services", "image", "image: "},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    volumes:\n      - type: bind\n        s@\n      - target: /t\n",
       "source|target", "type", NULL, NULL},
      /* Values the key table knows. */
      {DOC_KIND_COMPOSE, "services:\n  web:\n    depends_on:\n      db:\n        condition: @\n  db:\n    image: x\n",
       "service_started|service_healthy|service_completed_successfully", "db", NULL, NULL},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    restart: un@\n", "unless-stopped|always", "any", NULL, NULL},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    deploy:\n      restart_policy:\n        condition: @\n",
       "on-failure|any|none", "unless-stopped", NULL, NULL},
      /* References: never the service itself. */
      {DOC_KIND_COMPOSE, "services:\n  web:\n    depends_on:\n      - @\n  db:\n    image: x\n",
       "db", "web", NULL, NULL},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    depends_on: [db, @]\n  db:\n    image: x\n  cache:\n    image: x\n",
       "cache", "web", NULL, NULL},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    network_mode: service:@\n  db:\n    image: x\n",
       "db", "web", NULL, NULL},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    network_mode: @\n  db:\n    image: x\n", "host|none|service:db",
       "service:web", NULL, NULL},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    networks:\n      - @\nnetworks:\n  front:\n",
       "front", "web", NULL, NULL},
      {DOC_KIND_COMPOSE,
       "services:\n  web:\n    image: x\n    secrets:\n      - source: @\nsecrets:\n  key:\n    file: k\n", "key",
       "web", NULL, NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    Asked a = ask(cases[i].kind, cases[i].marked, false);
    if (!cases[i].present) cr_expect_eq(a.list.items.len, 0, "%zu items at:\n%s", a.list.items.len, cases[i].marked);
    else expect_labels(&a, cases[i].present, true, cases[i].marked);
    expect_labels(&a, cases[i].absent, false, cases[i].marked);
    if (cases[i].label) cr_expect_str_eq(text_of(&a, cases[i].label), cases[i].text, "at:\n%s", cases[i].marked);
    done(&a);
  }
}

Test(completion, the_replaced_range_is_the_word_and_keys_show_their_type) {
  Asked a = ask(DOC_KIND_DOCKERFILE, "FROM alpine\nRUN --mount=type=c@ache make\n", false);
  char *word = replaced(&a);
  cr_assert_str_eq(word, "cache");
  xfree(word);
  done(&a);
  a = ask(DOC_KIND_COMPOSE, "services:\n  web:\n    ima@\n", false);
  cr_assert_str_eq(item(&a, "image")->detail, "a string");
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

/* The parser's error regions, counted under the rule that reports them:
 * in a Dockerfile an unknown instruction word or a missing argument is
 * reported by its validation rule in place of syntax-error. */
static size_t syntax_errors(DocKind kind, const char *text) {
  const char *uri = kind == DOC_KIND_COMPOSE ? "file:///w/compose.yaml" : "file:///w/Dockerfile";
  size_t n = test_count_rule_in(uri, kind, text, RULE_SYNTAX_ERROR);
  if (kind == DOC_KIND_DOCKERFILE)
    n += test_count_rule_in(uri, kind, text, RULE_UNKNOWN_INSTRUCTION) +
         test_count_rule_in(uri, kind, text, RULE_INSTRUCTION_ARGS_INVALID);
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

/* Every item offered at each of these cursors, applied in turn: the file
 * never has more syntax errors afterwards, and enough items of each kind
 * were tried for that to mean something. */
Test(completion, applying_an_item_never_adds_a_syntax_error) {
  static const struct {
    DocKind kind;
    const char *marked;
  } cases[] = {
      {DOC_KIND_DOCKERFILE, "# @\nFROM alpine\n"},
      {DOC_KIND_DOCKERFILE, "FROM alpine\n@\n"},
      {DOC_KIND_DOCKERFILE, "FROM alpine\nR@\n"},
      {DOC_KIND_DOCKERFILE, "FROM alpine AS a\nFROM alpine\nCOPY -@ /a /b\n"},
      {DOC_KIND_DOCKERFILE, "FROM alpine AS a\nFROM alpine\nCOPY --from=@ /a /b\n"},
      {DOC_KIND_DOCKERFILE, "FROM alpine\nADD --@ /a /b\n"},
      {DOC_KIND_DOCKERFILE, "FROM @\n"},
      {DOC_KIND_DOCKERFILE, "FROM --p@ alpine\n"},
      {DOC_KIND_DOCKERFILE, "FROM alpine\nRUN --@ make\n"},
      {DOC_KIND_DOCKERFILE, "FROM alpine\nRUN --mount=type=@ make\n"},
      {DOC_KIND_DOCKERFILE, "FROM alpine\nRUN --mount=type=cache,@ make\n"},
      {DOC_KIND_DOCKERFILE, "FROM alpine\nHEALTHCHECK --@ CMD true\n"},
      {DOC_KIND_DOCKERFILE, "FROM alpine:3.20\nHEALTHCHECK @\n"},
      {DOC_KIND_DOCKERFILE, "FROM node:@\n"},
      {DOC_KIND_DOCKERFILE, "FROM alpine\nWO@RK /app\n"},
      {DOC_KIND_DOCKERFILE, "FROM alpine\nONBUILD R@\n"},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    ima@g: nginx\n"},
      {DOC_KIND_DOCKERFILE, "FROM alpine\nARG V\nRUN echo ${@}\n"},
      {DOC_KIND_DOCKERFILE, "FROM alpine\nARG V\nRUN echo $@\n"},
      {DOC_KIND_DOCKERFILE, "FROM alpine\nARG V\nRUN echo ${V@\n"},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    @\n"},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    image: x\n@\n"},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    depends_on:\n      db:\n        condition: @\n  db:\n    image: x\n"},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    depends_on:\n      - @\n  db:\n    image: x\n"},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    restart: @\n"},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    network_mode: @\n"},
      {DOC_KIND_COMPOSE, "services:\n  web:\n    build:\n      @\n"},
  };
  size_t tried[2] = {0, 0};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
    tried[cases[i].kind == DOC_KIND_COMPOSE] += apply_all(cases[i].kind, cases[i].marked);
  cr_assert_gt(tried[0], 60, "only %zu Dockerfile items were tried", tried[0]);
  cr_assert_gt(tried[1], 100, "only %zu compose items were tried", tried[1]);
}

/* ------------------------------------------------------------- corpus */

/* Applies every item (without snippets) offered at `at` of the document
 * and checks that none adds a syntax error; returns how many were tried. */
static size_t apply_all_at(Workspace *ws, FileId id, const char *name, size_t at, DocKind kind) {
  const TextDoc *t = ws_text(ws, id);
  const char *uri = kind == DOC_KIND_COMPOSE ? "file:///w/compose.yaml" : "file:///w/Dockerfile";
  size_t before = test_count_rule_in(uri, kind, t->bytes, RULE_SYNTAX_ERROR);
  CompletionList list = {0};
  analysis_completion(ws, id, at, false, &list);
  for (size_t k = 0; k < list.items.len; k++) {
    StrBuf b = STRBUF_INIT;
    strbuf_append_n(&b, t->bytes, list.start);
    strbuf_append(&b, list.items.items[k].text);
    strbuf_append(&b, t->bytes + list.end);
    cr_expect_leq(test_count_rule_in(uri, kind, strbuf_cstr(&b), RULE_SYNTAX_ERROR), before,
                  "%s at %zu: %s adds a syntax error", name, at, list.items.items[k].label);
    strbuf_destroy(&b);
  }
  size_t n = list.items.len;
  completion_list_free(&list);
  return n;
}

/* Completion at the places an editor asks (after a trigger character and
 * at the end of each line) of every file of the shared corpus: it must
 * return, with a range that holds the cursor and lies in the file, and
 * items that all have a label and a text.  The positions are capped per
 * file to keep the test fast; in one file of twenty, every item of the
 * first two positions that have any is applied, and must not add a syntax
 * error. */
Test(completion_corpus, every_file_answers_sanely) {
  static const struct {
    const char *dir;
    DocKind kind;
  } corpora[] = {{"../shared/corpus/dockerfiles", DOC_KIND_DOCKERFILE}, {"../shared/corpus/compose", DOC_KIND_COMPOSE}};
  char *first = path_append(test_source_dir(), corpora[0].dir);
  bool present = fs_kind(first, true, NULL) == FS_KIND_DIR;
  xfree(first);
  if (!present) cr_skip_test("../shared/corpus is not present; the completion corpus test is skipped");
  size_t asked = 0, answered = 0, applied = 0;
  for (size_t c = 0; c < sizeof corpora / sizeof *corpora; c++) {
    char *dir = path_append(test_source_dir(), corpora[c].dir), *err = NULL;
    StrArray names;
    array_init(&names);
    cr_assert(fs_list_dir(dir, &names, &err));
    for (size_t i = 0; i < names.len; i++) {
      char *path = path_append(dir, names.items[i]);
      Workspace *ws = ws_new(NULL);
      FileId id;
      if (ws_load_file(ws, path, corpora[c].kind, &id, &err)) {
        const TextDoc *t = ws_text(ws, id);
        size_t tried = 0, sampled = 0;
        for (size_t at = 1; at <= t->len && tried < 150; at++) {
          char before = t->bytes[at - 1];
          if (!strchr("-=${: ,#", before) && !(at < t->len && t->bytes[at] == '\n')) continue;
          CompletionList list = {0};
          analysis_completion(ws, id, at, true, &list);
          tried++;
          answered += list.items.len > 0;
          cr_expect(list.start <= at && at <= list.end && list.end <= t->len, "%s at %zu: range %zu-%zu",
                    names.items[i], at, list.start, list.end);
          for (size_t k = 0; k < list.items.len; k++)
            cr_expect(list.items.items[k].label[0] && list.items.items[k].text, "%s at %zu", names.items[i], at);
          if (list.items.len && i % 20 == 0 && sampled < 2) {
            sampled++;
            applied += apply_all_at(ws, id, names.items[i], at, corpora[c].kind);
          }
          completion_list_free(&list);
        }
        asked += tried;
      }
      xfree(err);
      err = NULL;
      ws_delete(ws);
      xfree(path);
    }
    strarray_delete(&names);
    xfree(dir);
  }
  cr_log_info("completion corpus: %zu positions, %zu with items, %zu items applied", asked, answered, applied);
  cr_assert_gt(applied, 500, "only %zu items were applied", applied);
  cr_assert_gt(answered, 1000, "only %zu of %zu positions had items", answered, asked);
}

/* The "Ignore <rule>" code actions (analysis_ignore_fixes): each one,
 * applied, must make its diagnostic go away through the suppression
 * comments suppress.c reads, and leave everything else as it was: the
 * other places of the same rule, the parser directives, the line breaks,
 * the syntax.  The last test applies every action of every diagnostic of
 * the demo project. */
#include <criterion/criterion.h>
#include <string.h>

#include "casefile.h"
#include "diag_count.h"
#include "dockls/analysis/analysis.h"
#include "dockls/base/alloc.h"
#include "dockls/base/fs.h"
#include "dockls/base/path.h"
#include "dockls/base/strbuf.h"

static Workspace *open_text(const char *uri, DocKind kind, const char *text, FileId *id) {
  Workspace *ws = ws_new(NULL);
  char *err = NULL;
  cr_assert(ws_open(ws, uri, kind, 1, text, strlen(text), id, &err), "%s", err ? err : "");
  return ws;
}

static size_t count_rule(const char *uri, DocKind kind, const char *text, RuleId rule) {
  return test_count_rule_in(uri, kind, text, rule);
}

/* The text after the one edit of `fix`. */
static char *applied(const char *text, const Fix *fix) {
  cr_assert_eq(fix->edits.len, 1);
  const FixEdit *e = &fix->edits.items[0];
  StrBuf b = STRBUF_INIT;
  strbuf_append_n(&b, text, e->start);
  strbuf_append(&b, e->text);
  strbuf_append(&b, text + e->end);
  return strbuf_take(&b);
}

/* The ignore actions of the `nth` diagnostic of `rule` in the text, each
 * applied; `results` receives the texts (owned), titles in `titles`. */
static size_t actions(const char *uri, DocKind kind, const char *text, RuleId rule, int nth, char **results,
                      char **titles) {
  FileId id;
  Workspace *ws = open_text(uri, kind, text, &id);
  DiagList diags;
  array_init(&diags);
  analysis_file(ws, id, &diags);
  const Diag *d = NULL;
  for (size_t i = 0; i < diags.len && !d; i++)
    if (diags.items[i].rule == rule && nth-- == 0) d = &diags.items[i];
  cr_assert_not_null(d, "no diagnostic of %s", rule_info(rule)->id);
  FixArray fixes;
  array_init(&fixes);
  analysis_ignore_fixes(ws, d, &fixes);
  size_t n = fixes.len;
  for (size_t i = 0; i < n; i++) {
    results[i] = applied(text, &fixes.items[i]);
    titles[i] = xstrdup(fixes.items[i].title);
  }
  fixarray_destroy(&fixes);
  diaglist_destroy(&diags);
  ws_delete(ws);
  return n;
}

static void free_all(char **texts, size_t n) {
  for (size_t i = 0; i < n; i++) xfree(texts[i]);
}

static const char dockerfile[] = "# syntax=docker/dockerfile:1\nFROM alpine\nRUN true\nFROM node\n";

Test(ignore, dockerfile_instruction_and_file) {
  char *texts[4], *titles[4];
  size_t n = actions("file:///w/Dockerfile", DOC_KIND_DOCKERFILE, dockerfile, RULE_IMAGE_UNPINNED, 0, texts, titles);
  cr_assert_eq(n, 2);
  cr_assert_str_eq(titles[0], "Ignore image-unpinned for this instruction");
  cr_assert_str_eq(texts[0],
                   "# syntax=docker/dockerfile:1\n# dockls-ignore image-unpinned\nFROM alpine\nRUN true\n"
                   "FROM node\n");
  /* Only this FROM is silenced; `FROM node` is still reported. */
  cr_assert_eq(count_rule("file:///w/Dockerfile", DOC_KIND_DOCKERFILE, texts[0], RULE_IMAGE_UNPINNED), 1);
  cr_assert_str_eq(titles[1], "Ignore image-unpinned for this file");
  /* After the parser directive, which a comment before it would disable. */
  cr_assert_str_eq(texts[1],
                   "# syntax=docker/dockerfile:1\n# dockls-ignore-file image-unpinned\nFROM alpine\nRUN true\n"
                   "FROM node\n");
  cr_assert_eq(count_rule("file:///w/Dockerfile", DOC_KIND_DOCKERFILE, texts[1], RULE_IMAGE_UNPINNED), 0);
  free_all(texts, n);
  free_all(titles, n);
}

Test(ignore, appends_to_a_comment_in_place) {
  static const char text[] =
      "FROM alpine:3.20\n# dockls-ignore user-root\nFROM node\n# dockls-ignore-file apk-no-cache\n";
  char *texts[4], *titles[4];
  size_t n = actions("file:///w/Dockerfile", DOC_KIND_DOCKERFILE, text, RULE_IMAGE_UNPINNED, 0, texts, titles);
  cr_assert_eq(n, 2);
  cr_assert_str_eq(texts[0],
                   "FROM alpine:3.20\n# dockls-ignore user-root,image-unpinned\nFROM node\n"
                   "# dockls-ignore-file apk-no-cache\n");
  cr_assert_str_eq(texts[1],
                   "FROM alpine:3.20\n# dockls-ignore user-root\nFROM node\n"
                   "# dockls-ignore-file apk-no-cache,image-unpinned\n");
  for (size_t i = 0; i < n; i++)
    cr_assert_eq(count_rule("file:///w/Dockerfile", DOC_KIND_DOCKERFILE, texts[i], RULE_IMAGE_UNPINNED), 0);
  cr_assert_eq(count_rule("file:///w/Dockerfile", DOC_KIND_DOCKERFILE, texts[0], RULE_USER_ROOT), 0);
  free_all(texts, n);
  free_all(titles, n);
}

/* Two suppression comments in a row both cover the construct after them
 * (the second used to take the first's place). */
Test(ignore, consecutive_comments_all_apply) {
  static const char text[] = "FROM alpine:3.20\n# dockls-ignore user-root\n# hadolint ignore=DL3006\nFROM node\n";
  cr_assert_eq(count_rule("file:///w/Dockerfile", DOC_KIND_DOCKERFILE, text, RULE_USER_ROOT), 0);
  cr_assert_eq(count_rule("file:///w/Dockerfile", DOC_KIND_DOCKERFILE, text, RULE_IMAGE_UNPINNED), 0);
}

Test(ignore, compose_above_the_key_with_the_files_line_breaks) {
  static const char text[] = "services:\r\n  web:\r\n    image: nginx:1.27\r\n    environment:\r\n"
                             "      DB_PASSWORD: hunter2\r\n      OTHER_PASSWORD: hunter3\r\n";
  char *texts[4], *titles[4];
  size_t n = actions("file:///w/compose.yaml", DOC_KIND_COMPOSE, text, RULE_COMPOSE_SECRET_LITERAL, 0, texts, titles);
  cr_assert_eq(n, 2);
  cr_assert_str_eq(titles[0], "Ignore compose-secret-literal for this key");
  cr_assert_str_eq(texts[0], "services:\r\n  web:\r\n    image: nginx:1.27\r\n    environment:\r\n"
                             "      # dockls-ignore compose-secret-literal\r\n      DB_PASSWORD: hunter2\r\n"
                             "      OTHER_PASSWORD: hunter3\r\n");
  cr_assert_eq(count_rule("file:///w/compose.yaml", DOC_KIND_COMPOSE, texts[0], RULE_COMPOSE_SECRET_LITERAL), 1);
  cr_assert_eq(count_rule("file:///w/compose.yaml", DOC_KIND_COMPOSE, texts[1], RULE_COMPOSE_SECRET_LITERAL), 0);
  free_all(texts, n);
  free_all(titles, n);
}

Test(ignore, none_for_a_syntax_error) {
  FileId id;
  /* A custom frontend keeps the parser's own error: under Docker's syntax
   * unknown-instruction would explain `FR` instead. */
  Workspace *ws = open_text("file:///w/Dockerfile", DOC_KIND_DOCKERFILE,
                                "# syntax=example.com/frontend:1\nFROM alpine:3.20\nFR\n", &id);
  DiagList diags;
  array_init(&diags);
  analysis_file(ws, id, &diags);
  FixArray fixes;
  array_init(&fixes);
  size_t syntax = 0;
  for (size_t i = 0; i < diags.len; i++)
    if (diags.items[i].rule == RULE_SYNTAX_ERROR) {
      syntax++;
      analysis_ignore_fixes(ws, &diags.items[i], &fixes);
    }
  cr_assert_gt(syntax, 0);
  cr_assert_eq(fixes.len, 0);
  fixarray_destroy(&fixes);
  diaglist_destroy(&diags);
  ws_delete(ws);
}

/* Diagnostics of `rule` in the file at `path` read from disk (so that the
 * rules that read its neighbours run), after the edit of `fix` if any. */
static size_t count_on_disk(const char *path, DocKind kind, const Fix *fix, RuleId rule) {
  Workspace *ws = ws_new(NULL);
  FileId id;
  char *err = NULL;
  cr_assert(ws_load_file(ws, path, kind, &id, &err), "%s", err ? err : "");
  if (fix) {
    TextReplacement r = {fix->edits.items[0].start, fix->edits.items[0].end, fix->edits.items[0].text};
    cr_assert(ws_apply_replacements(ws, id, &r, 1, &err), "%s", err ? err : "");
  }
  size_t n = test_count_rule(ws, id, rule);
  ws_delete(ws);
  return n;
}

/* Every action of every diagnostic of the demo project's Dockerfile and
 * compose file silences at least its diagnostic (the file-wide one every
 * diagnostic of the rule) and adds no syntax error. */
Test(ignore, every_action_of_the_demo_project) {
  static const struct {
    const char *path;
    DocKind kind;
  } files[] = {{"examples/demo/backend/Dockerfile", DOC_KIND_DOCKERFILE},
               {"examples/demo/compose.yaml", DOC_KIND_COMPOSE}};
  size_t tried = 0;
  for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
    char *path = path_join(test_source_dir(), files[f].path), *err = NULL;
    Workspace *ws = ws_new(NULL);
    FileId id;
    cr_assert(ws_load_file(ws, path, files[f].kind, &id, &err), "%s", err ? err : "");
    DiagList diags;
    array_init(&diags);
    analysis_file(ws, id, &diags);
    size_t syntax = count_on_disk(path, files[f].kind, NULL, RULE_SYNTAX_ERROR);
    for (size_t i = 0; i < diags.len; i++) {
      const Diag *d = &diags.items[i];
      size_t before = count_on_disk(path, files[f].kind, NULL, d->rule);
      FixArray fixes;
      array_init(&fixes);
      analysis_ignore_fixes(ws, d, &fixes);
      for (size_t k = 0; k < fixes.len; k++, tried++) {
        const Fix *fix = &fixes.items[k];
        size_t after = count_on_disk(path, files[f].kind, fix, d->rule);
        bool whole_file = strstr(fix->title, "this file") != NULL;
        cr_expect(whole_file ? after == 0 : after < before, "%s: %s left %zu of %zu", files[f].path, fix->title,
                  after, before);
        cr_expect_leq(count_on_disk(path, files[f].kind, fix, RULE_SYNTAX_ERROR), syntax);
      }
      fixarray_destroy(&fixes);
    }
    diaglist_destroy(&diags);
    ws_delete(ws);
    xfree(path);
  }
  cr_assert_gt(tried, 10, "only %zu actions were tried", tried);
}

/* The same over one file in `IGNORE_CORPUS_STRIDE` of the shared corpus of
 * real Dockerfiles and compose files (read into memory, so the rules that
 * read neighbours stay out): each action silences its diagnostic and adds
 * no syntax error. */
enum { IGNORE_CORPUS_STRIDE = 15 };

Test(ignore_corpus, every_action_silences_its_diagnostic) {
  static const struct {
    const char *dir, *uri;
    DocKind kind;
  } corpora[] = {{"../shared/corpus/dockerfiles", "file:///w/Dockerfile", DOC_KIND_DOCKERFILE},
                 {"../shared/corpus/compose", "file:///w/compose.yaml", DOC_KIND_COMPOSE}};
  char *first = path_append(test_source_dir(), corpora[0].dir);
  bool present = fs_kind(first, true, NULL) == FS_KIND_DIR;
  xfree(first);
  if (!present) cr_skip_test("../shared/corpus is not present; the ignore corpus test is skipped");
  size_t tried = 0;
  for (size_t c = 0; c < sizeof corpora / sizeof *corpora; c++) {
    char *dir = path_append(test_source_dir(), corpora[c].dir), *err = NULL;
    StrArray names;
    array_init(&names);
    cr_assert(fs_list_dir(dir, &names, &err));
    for (size_t i = 0; i < names.len; i += IGNORE_CORPUS_STRIDE) {
      char *path = path_append(dir, names.items[i]), *text = NULL;
      size_t len;
      if (!fs_read_file(path, DOCKLS_MAX_FILE_BYTES, &text, &len, &err) || memchr(text, '\0', len)) {
        xfree(err);
        err = NULL;
        xfree(text);
        xfree(path);
        continue;
      }
      FileId id;
      Workspace *ws = ws_new(NULL);
      if (ws_open(ws, corpora[c].uri, corpora[c].kind, 1, text, len, &id, &err)) {
        DiagList diags;
        array_init(&diags);
        analysis_file(ws, id, &diags);
        size_t syntax = count_rule(corpora[c].uri, corpora[c].kind, text, RULE_SYNTAX_ERROR);
        for (size_t k = 0; k < diags.len; k++) {
          const Diag *d = &diags.items[k];
          if (d->file != id) continue;
          size_t before = count_rule(corpora[c].uri, corpora[c].kind, text, d->rule);
          FixArray fixes;
          array_init(&fixes);
          analysis_ignore_fixes(ws, d, &fixes);
          for (size_t f = 0; f < fixes.len; f++, tried++) {
            char *after_text = applied(text, &fixes.items[f]);
            size_t after = count_rule(corpora[c].uri, corpora[c].kind, after_text, d->rule);
            bool whole_file = strstr(fixes.items[f].title, "this file") != NULL;
            cr_expect(whole_file ? after == 0 : after < before, "%s: %s left %zu of %zu", names.items[i],
                      fixes.items[f].title, after, before);
            cr_expect_leq(count_rule(corpora[c].uri, corpora[c].kind, after_text, RULE_SYNTAX_ERROR), syntax,
                          "%s: %s adds a syntax error", names.items[i], fixes.items[f].title);
            xfree(after_text);
          }
          fixarray_destroy(&fixes);
        }
        diaglist_destroy(&diags);
      }
      xfree(err);
      err = NULL;
      ws_delete(ws);
      xfree(text);
      xfree(path);
    }
    strarray_delete(&names);
    xfree(dir);
  }
  cr_assert_gt(tried, 200, "only %zu actions were tried", tried);
}

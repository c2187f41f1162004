/* Which fixes "fix all" (analysis_fix_all: `dockls check --fix` and the
 * LSP source.fixAll action) applies, judged by the text it leaves:
 *   - preferred fixes only: a fix a person has to judge (creating a user,
 *     switching `npm ci` to `npm install`) is never applied unasked;
 *   - fixes whose ranges overlap or touch are never applied together, and
 *     the one left out is applied in a later round once the text has
 *     moved (two insertions at one offset would otherwise come out in an
 *     order neither fix asked for, or not at all);
 *   - a fix that also edits another file or creates one is left to a
 *     person, because fix-all rewrites one file. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casefile.h"
#include "dockls/analysis/analysis.h"
#include "dockls/base/alloc.h"
#include "dockls/base/fs.h"
#include "dockls/base/path.h"
#include "dockls/base/strbuf.h"

static char dir[64];

static void setup(void) {
  snprintf(dir, sizeof dir, "/tmp/dockls-fixall-XXXXXX");
  cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_assert_eq(system(cmd), 0);
}

TestSuite(fix_all, .init = setup, .fini = teardown);

/* Writes `name` with `text`, runs fix-all on it and returns the text it
 * leaves (caller frees); *applied gets analysis_fix_all's count. */
static char *fix_all(const char *name, DocKind kind, const char *text, size_t *applied) {
  cr_assert(test_write_file(dir, name, text, strlen(text)));
  Workspace *ws = ws_new(dir);
  char *path = path_append(dir, name), *err = NULL;
  FileId id;
  cr_assert(ws_load_file(ws, path, kind, &id, &err), "%s", err);
  *applied = analysis_fix_all(ws, id, NULL);
  const TextDoc *after = ws_text(ws, id);
  char *out = xstrndup(after->bytes, after->len);
  xfree(path);
  ws_delete(ws);
  return out;
}

Test(fix_all, applies_preferred_fixes_only) {
  /* user-root's only fix here creates a user: not preferred. */
  size_t applied;
  char *out = fix_all("Dockerfile", DOC_KIND_DOCKERFILE, "FROM debian:12\nRUN echo hi\n", &applied);
  cr_assert_str_eq(out, "FROM debian:12\nRUN echo hi\n");
  cr_assert_eq(applied, 0);
  xfree(out);
}

Test(fix_all, touching_fixes_apply_in_separate_rounds) {
  /* `apt-get install` ends the RUN: apt-get-no-yes's ` -y` and
   * apt-get-lists's ` && rm -rf …` are both insertions at that one
   * offset, and the next RUN's --no-cache is independent of them. */
  size_t applied;
  char *out = fix_all("Dockerfile", DOC_KIND_DOCKERFILE,
                      "FROM debian:12\n"
                      "RUN apt-get update && apt-get install\n"
                      "RUN apk add git\n"
                      "USER nobody\n",
                      &applied);
  cr_assert_str_eq(out,
                   "FROM debian:12\n"
                   "RUN apt-get update && apt-get install -y && rm -rf /var/lib/apt/lists/*\n"
                   "RUN apk add --no-cache git\n"
                   "USER nobody\n");
  cr_assert_eq(applied, 3);
  xfree(out);
}

Test(fix_all, leaves_fixes_that_create_or_edit_other_files) {
  /* compose-env-undeclared's preferred fix declares DB_NAME in
   * .env.example: first by creating it, then by appending to it. */
  static const char compose[] =
      "services:\n"
      "  db:\n"
      "    image: postgres:16\n"
      "    read_only: true\n"
      "    mem_limit: 1g\n"
      "    environment:\n"
      "      POSTGRES_DB: ${DB_NAME}\n";
  size_t applied;
  char *out = fix_all("compose.yaml", DOC_KIND_COMPOSE, compose, &applied);
  cr_assert_str_eq(out, compose, "a fix creating .env.example was applied");
  xfree(out);
  cr_assert(test_write_file(dir, ".env.example", "OTHER=\n", 7));
  out = fix_all("compose.yaml", DOC_KIND_COMPOSE, compose, &applied);
  cr_assert_str_eq(out, compose, "a fix editing .env.example was applied");
  cr_assert_eq(applied, 0);
  xfree(out);
}

/* The editor's fix-all edit carries its text as a string: when the span
 * from the first change to the last holds a NUL byte, no edit is offered
 * rather than one that would cut the text at the NUL and delete the rest
 * of the span. */
Test(fix_all, no_editor_edit_across_a_nul_byte) {
  static const char text[] = "FROM alpine:3.20\nRUN apk add curl\n# a\0b\nRUN apk add git\n";
  size_t len = sizeof text - 1;
  Workspace *ws = ws_new(dir);
  char uri[128], *err = NULL;
  snprintf(uri, sizeof uri, "file://%s/Dockerfile", dir);
  FileId id;
  cr_assert(ws_open(ws, uri, DOC_KIND_DOCKERFILE, 1, text, len, &id, &err), "%s", err ? err : "");
  FixEdit edit;
  bool offered = analysis_fix_all_edit(ws, id, &edit);
  if (offered) {
    size_t kept = strlen(edit.text);
    cr_assert(memchr(text + edit.start, '\0', edit.end - edit.start) == NULL,
              "an edit over bytes %zu-%zu (%zu bytes of new text) would replace the NUL byte", edit.start,
              edit.end, kept);
    xfree(edit.text);
  }
  const TextDoc *after = ws_text(ws, id);
  cr_assert(after->len == len && memcmp(after->bytes, text, len) == 0, "the open document is not changed");
  ws_delete(ws);
}

/* A misspelt `ADD` whose fix reveals an add-instead-of-copy finding like
 * the ones other fixes of the same batch repair: the batch fails the
 * counting check, and the fixes go one by one.  Forty such pairs need
 * more rounds than fix-all has if each round keeps a single fix (a
 * second fix-all then still found work, which the Dockerfile fuzzer
 * caught); every fix of a round that works is kept, from the end of the
 * file backwards, so the text settles and a second run changes nothing. */
Test(fix_all, revealed_findings_settle_within_the_rounds) {
  StrBuf text = STRBUF_INIT, want = STRBUF_INIT;
  strbuf_append(&text, "FROM debian:12\n");
  strbuf_append(&want, "FROM debian:12\n");
  for (int i = 0; i < 40; i++) {
    strbuf_appendf(&text, "ADD a%d /a%d\nADDD b%d /b%d\n", i, i, i, i);
    strbuf_appendf(&want, "COPY a%d /a%d\nCOPY b%d /b%d\n", i, i, i, i);
  }
  strbuf_append(&text, "USER nobody\n");
  strbuf_append(&want, "USER nobody\n");
  size_t applied;
  char *out = fix_all("Dockerfile", DOC_KIND_DOCKERFILE, strbuf_cstr(&text), &applied);
  cr_assert_str_eq(out, strbuf_cstr(&want));
  cr_expect_eq(applied, 120);
  size_t again;
  char *out2 = fix_all("Dockerfile", DOC_KIND_DOCKERFILE, out, &again);
  cr_expect_eq(again, 0);
  xfree(out2);
  xfree(out);
  strbuf_destroy(&text);
  strbuf_destroy(&want);
}

/* A publish gives out the findings the service memo (compose) and the
 * instruction memo (Dockerfile) kept as borrowed copies
 * (analysis_file_borrowing): no reference is counted per text, and the
 * list holds the memo's loan instead (DiagLoan).  These tests hold a
 * publish's list while the memo lets its entries go (an edit that
 * replaces one service's entry, a change outside the document that clears
 * them all, the workspace dropping its caches) and check that every
 * message still reads as it did: without the loan those texts are freed
 * under the list, and glibc writes its free-list words over the first
 * bytes of each (the sanitizer build reports the read itself).  They also
 * compare borrowed publishes after edits before, inside and after the
 * services with the analysis of the same text opened fresh. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "dockls/analysis/analysis.h"
#include "dockls/base/strbuf.h"
#include "dockls/workspace/workspace.h"
#include "diag_compare.h"

#define SERVICES 24

/* A compose file whose every service has findings of several rules. */
static char *services_text(void) {
  StrBuf out = STRBUF_INIT;
  strbuf_append(&out, "services:\n");
  for (int i = 0; i < SERVICES; i++)
    strbuf_appendf(&out, "  s%d:\n    image: nginx\n    ports:\n      - \"80%02d:80\"\n", i, i);
  return strbuf_take(&out);
}

static FileId open_as(Workspace *ws, const char *uri, DocKind kind, const char *text) {
  FileId id;
  char *err = NULL;
  cr_assert(ws_open(ws, uri, kind, 1, text, strlen(text), &id, &err), "%s", err);
  return id;
}

static FileId open_text(Workspace *ws, const char *text) {
  return open_as(ws, "file:///w/compose.yaml", DOC_KIND_COMPOSE, text);
}

/* Replaces [start, end) (byte offsets on the first line, or anywhere in an
 * ASCII text) by `with`, as one didChange. */
static void edit(Workspace *ws, FileId id, int64_t version, size_t start, size_t end, const char *with) {
  const TextDoc *t = ws_text(ws, id);
  TextChange c = {false, text_pos_of(t, start, POS_ENC_UTF8), text_pos_of(t, end, POS_ENC_UTF8), with, strlen(with)};
  char *err = NULL;
  cr_assert(ws_change(ws, id, version, &c, 1, POS_ENC_UTF8, &err), "%s", err);
}

/* Where `needle` starts in the document's text. */
static size_t offset_of(Workspace *ws, FileId id, const char *needle) {
  const TextDoc *t = ws_text(ws, id);
  const char *at = strstr(t->bytes, needle);
  cr_assert(at, "`%s` is not in the text", needle);
  return (size_t)(at - t->bytes);
}

static size_t borrowed_count(const DiagList *list) {
  size_t n = 0;
  for (size_t i = 0; i < list->len; i++) n += list->items[i].borrowed;
  return n;
}

/* Every message of `list` as it reads now, one per line. */
static char *messages(const DiagList *list) {
  StrBuf out = STRBUF_INIT;
  for (size_t i = 0; i < list->len; i++) strbuf_appendf(&out, "%s\n", list->items[i].message);
  return strbuf_take(&out);
}

static void expect_messages(const DiagList *list, const char *before, const char *when) {
  char *now = messages(list);
  cr_expect_str_eq(now, before, "a held publish's messages changed %s", when);
  xfree(now);
}

/* A publish as the server makes it, after the one before it was cleared
 * and its loan let go. */
static void publish(Workspace *ws, FileId id, DiagList *list, DiagLoan **loan) {
  diaglist_clear(list);
  diag_loan_end(*loan);
  analysis_file_borrowing(ws, id, list, loan);
}

/* Publishes, types a letter at `at`, and publishes again into `held`:
 * the second publish takes everything but the edited part from the memo,
 * so nearly all its findings are borrowed.  Returns its messages as they
 * read now (caller frees). */
static char *hold_second_publish(Workspace *ws, FileId id, size_t at, DiagList *held, DiagLoan **loan) {
  publish(ws, id, held, loan);
  edit(ws, id, 2, at, at, "x");
  publish(ws, id, held, loan);
  cr_assert(*loan, "a publish that borrowed holds no loan");
  cr_assert_gt(borrowed_count(held), held->len / 2, "only %zu of %zu findings are borrowed", borrowed_count(held),
               held->len);
  return messages(held);
}

/* Types "y" `skip` bytes into the first place each name `format` % i
 * (i from `first` to SERVICES - 1) is, as versions from `version` on;
 * analyses into `other` after each edit (`each`) or once at the end. */
static void edit_each(Workspace *ws, FileId id, const char *format, size_t skip, int first, int64_t version,
                      bool each, DiagList *other) {
  for (int i = first; i < SERVICES; i++) {
    char name[16];
    snprintf(name, sizeof name, format, i);
    size_t at = offset_of(ws, id, name) + skip;
    edit(ws, id, version + i, at, at, "y");
    if (!each && i + 1 < SERVICES) continue;
    analysis_file_without_fixes(ws, id, other);
    diaglist_clear(other);
  }
}

/* The workspace drops the memo, then is deleted: the held list still
 * reads `before` after each; frees the lists and lets the loan go. */
static void expect_outlives_the_workspace(Workspace *ws, FileId id, DiagList *held, DiagList *other, DiagLoan *loan,
                                          const char *before) {
  ws_compact(ws, id);
  analysis_file_without_fixes(ws, id, other);
  expect_messages(held, before, "after the workspace dropped the memo");
  diaglist_destroy(other);
  ws_delete(ws);
  expect_messages(held, before, "after the workspace was deleted");
  diaglist_destroy(held);
  diag_loan_end(loan);
}

Test(diag_loan, held_publish_outlives_what_the_memo_lets_go) {
  char *text = services_text();
  Workspace *ws = ws_new(NULL);
  FileId id = open_text(ws, text);
  DiagList held, other;
  array_init(&held);
  array_init(&other);
  DiagLoan *loan = NULL;
  char *before = hold_second_publish(ws, id, offset_of(ws, id, "  s5:") + 4, &held, &loan);
  /* An edit in the first service replaces its entry, whose texts the
   * held list borrowed. */
  edit(ws, id, 3, offset_of(ws, id, "image: nginx"), offset_of(ws, id, "image: nginx") + 5, "image");
  edit(ws, id, 4, offset_of(ws, id, "nginx"), offset_of(ws, id, "nginx"), "my");
  analysis_file_without_fixes(ws, id, &other);
  diaglist_clear(&other);
  expect_messages(&held, before, "after an edit replaced a kept service");
  /* Every other service edited: all the entries the list borrowed from.
   * The first "  sN" is service N's key (s1 comes before s10). */
  edit_each(ws, id, "  s%d", 2, 1, 5, false, &other);
  expect_messages(&held, before, "after every kept service was replaced");
  expect_outlives_the_workspace(ws, id, &held, &other, loan, before);
  xfree(before);
  xfree(text);
}

/* The published findings after each edit, against the same text opened
 * fresh. */
static void expect_fresh(Workspace *ws, FileId id, const DiagList *published, const char *what) {
  Workspace *fresh_ws = ws_new(NULL);
  FileId fresh_id = open_text(fresh_ws, ws_text(ws, id)->bytes);
  DiagList fresh;
  array_init(&fresh);
  analysis_file_without_fixes(fresh_ws, fresh_id, &fresh);
  StrBuf why = STRBUF_INIT;
  bool same = test_same_diagnostics(&fresh, published, what, &why);
  cr_expect(same, "%s", strbuf_cstr(&why));
  strbuf_destroy(&why);
  diaglist_destroy(&fresh);
  ws_delete(fresh_ws);
}

Test(diag_loan, borrowed_publishes_match_a_fresh_analysis) {
  char *text = services_text();
  Workspace *ws = ws_new(NULL);
  FileId id = open_text(ws, text);
  DiagList list;
  array_init(&list);
  DiagLoan *loan = NULL;
  publish(ws, id, &list, &loan);
  /* Typing and deleting in the first, a middle and the last service (the
   * services after the edit move by a byte each time), a line break that
   * moves every later service by a line, a service removed, the file's
   * first line changed, and one typed again where it was. */
  struct {
    const char *at; /* the first place this text is */
    size_t skip, remove;
    const char *with;
  } steps[] = {
      {"  s0:", 4, 0, "x"},          {"  s0x:", 4, 1, ""},        {"  s12:", 2, 3, "s12b"},
      {"  s12b:", 2, 4, "s12"},      {"  s23:", 0, 0, "  "},      {"    s23:", 0, 2, ""},
      {"  s23:", 0, 0, "\n"},        {"8005", 2, 2, "90"},        {"  s7:", 0, 0, "  s7x:\n    image: redis\n"},
      {"  s3:\n", 0, 6, "  s3:\n"}, {"services:", 8, 1, ""},     {"services\n", 8, 0, ":"},
  };
  for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
    size_t at = offset_of(ws, id, steps[k].at) + steps[k].skip;
    edit(ws, id, (int64_t)k + 2, at, at + steps[k].remove, steps[k].with);
    publish(ws, id, &list, &loan);
    char what[64];
    snprintf(what, sizeof what, "step %zu", k);
    expect_fresh(ws, id, &list, what);
  }
  /* An edit inside one service leaves the others to the memo. */
  size_t at = offset_of(ws, id, "  s20:");
  edit(ws, id, 100, at + 2, at + 2, "z");
  publish(ws, id, &list, &loan);
  cr_assert_gt(borrowed_count(&list), list.len / 2, "the publishes compared borrowed nothing");
  expect_fresh(ws, id, &list, "the last step");
  diaglist_destroy(&list);
  diag_loan_end(loan);
  ws_delete(ws);
  xfree(text);
}

/* A Dockerfile whose every RUN line has findings of several rules. */
static char *runs_text(void) {
  StrBuf out = STRBUF_INIT;
  strbuf_append(&out, "FROM debian:12\n");
  for (int i = 0; i < SERVICES; i++) strbuf_appendf(&out, "RUN apt-get install curl%d && cd /s%d\n", i, i);
  return strbuf_take(&out);
}

Test(diag_loan, held_dockerfile_publish_outlives_what_the_memo_lets_go) {
  char *text = runs_text();
  Workspace *ws = ws_new(NULL);
  FileId id = open_as(ws, "file:///w/Dockerfile", DOC_KIND_DOCKERFILE, text);
  DiagList held, other;
  array_init(&held);
  array_init(&other);
  DiagLoan *loan = NULL;
  char *before = hold_second_publish(ws, id, offset_of(ws, id, "curl5") + 5, &held, &loan);
  /* Every RUN line edited, one analysis each: the memo replaces the
   * findings of each, which the held list borrowed. */
  edit_each(ws, id, "curl%d", 0, 0, 3, true, &other);
  expect_messages(&held, before, "after every kept instruction was replaced");
  expect_outlives_the_workspace(ws, id, &held, &other, loan, before);
  xfree(before);
  xfree(text);
}

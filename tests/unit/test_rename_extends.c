/* Rename across `extends: {file: …, service: …}`: a service of one
 * compose file that another extends is renamed in both, whichever of the
 * two the rename starts in, and a new name already taken in either file is
 * refused; definition and references follow the same link.  The files are open documents, or a file only on an in-memory
 * disk (memfs) for the extended one. */
#include <criterion/criterion.h>
#include <string.h>

#include "dockls/analysis/navigation.h"
#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"
#include "memfs.h"

static const char BASE[] = "services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:16\n"
                           "    depends_on: [web]\n";
static const char APP[] = "services:\n  web:\n    extends:\n      file: base.yaml\n      service: web\n"
                          "  api:\n    extends: web\n";

typedef struct {
  MemFs *disk;
  Workspace *ws;
  FileId base, app;
} Project;

/* base.yaml open in the editor, or with `on_disk` only on the disk;
 * compose.yaml open. */
static void project(Project *p, bool on_disk) {
  p->disk = memfs_new();
  char *err = NULL;
  if (on_disk) memfs_add(p->disk, "/w/base.yaml", BASE, sizeof BASE - 1);
  p->ws = ws_new_with_fs("/w", memfs_fs(p->disk));
  if (!on_disk)
    cr_assert(ws_open(p->ws, "file:///w/base.yaml", DOC_KIND_COMPOSE, 1, BASE, sizeof BASE - 1, &p->base, &err));
  cr_assert(ws_open(p->ws, "file:///w/compose.yaml", DOC_KIND_COMPOSE, 1, APP, sizeof APP - 1, &p->app, &err));
}

static void project_done(Project *p) {
  ws_delete(p->ws);
  memfs_delete(p->disk);
}

/* The offset just after the n-th (from 1) occurrence of `needle` in the
 * text of `id`, minus one: a cursor on the name's last character. */
static size_t at(Project *p, FileId id, const char *needle, int n) {
  const char *text = ws_text(p->ws, id)->bytes, *hit = text - 1;
  for (int i = 0; i < n; i++) {
    hit = strstr(hit + 1, needle);
    cr_assert_not_null(hit, "no %s in the text", needle);
  }
  return (size_t)(hit - text) + strlen(needle) - 1;
}

/* The text of document `file` with the edits of `spans` that fall in it. */
static char *applied(Project *p, const NavSpanArray *spans, FileId file, const char *name) {
  const TextDoc *t = ws_text(p->ws, file);
  StrBuf out = STRBUF_INIT;
  size_t from = 0;
  for (size_t i = 0; i < spans->len; i++) {
    const NavSpan *s = &spans->items[i];
    if (s->file != file) continue;
    cr_assert_geq(s->start, from, "spans of one file out of order");
    strbuf_append_n(&out, t->bytes + from, s->start - from);
    strbuf_append(&out, name);
    from = s->end;
  }
  strbuf_append_n(&out, t->bytes + from, t->len - from);
  return strbuf_take(&out);
}

static void expect_renamed_both(Project *p, FileId in, size_t offset) {
  NavSpanArray spans;
  array_init(&spans);
  char *why = NULL;
  cr_assert(analysis_rename(p->ws, in, offset, "front", &spans, &why), "refused: %s", why ? why : "");
  FileId base = spans.items[0].file == p->app ? spans.items[spans.len - 1].file : spans.items[0].file;
  char *base_text = applied(p, &spans, base, "front"), *app_text = applied(p, &spans, p->app, "front");
  cr_expect_str_eq(base_text, "services:\n  front:\n    image: nginx:1.27\n  db:\n    image: postgres:16\n"
                              "    depends_on: [front]\n");
  /* The extending file's own `web` (and `api`'s same-file `extends: web`)
   * are another service: only the reference into base.yaml changes. */
  cr_expect_str_eq(app_text, "services:\n  web:\n    extends:\n      file: base.yaml\n      service: front\n"
                             "  api:\n    extends: web\n");
  xfree(base_text);
  xfree(app_text);
  array_delete(&spans);
}

Test(rename_extends, from_the_extended_file) {
  Project p;
  project(&p, false);
  expect_renamed_both(&p, p.base, at(&p, p.base, "web", 1));
  project_done(&p);
}

Test(rename_extends, from_the_extending_file) {
  Project p;
  project(&p, false);
  expect_renamed_both(&p, p.app, at(&p, p.app, "service: web", 1));
  project_done(&p);
}

Test(rename_extends, into_a_file_only_on_disk) {
  Project p;
  project(&p, true);
  expect_renamed_both(&p, p.app, at(&p, p.app, "service: web", 1));
  project_done(&p);
}

Test(rename_extends, prepare_finds_the_name_of_the_other_file) {
  Project p;
  project(&p, false);
  NavSpan range;
  char *placeholder = NULL, *why = NULL;
  size_t offset = at(&p, p.app, "service: web", 1);
  cr_assert(analysis_prepare_rename(p.ws, p.app, offset, &range, &placeholder, &why), "%s", why ? why : "");
  cr_expect_str_eq(placeholder, "web");
  cr_expect_eq(range.file, p.app);
  cr_expect_eq(range.end, offset + 1);
  xfree(placeholder);
  project_done(&p);
}

static void expect_refused(Project *p, FileId in, size_t offset, const char *name, const char *reason) {
  NavSpanArray spans;
  array_init(&spans);
  char *why = NULL;
  cr_assert_not(analysis_rename(p->ws, in, offset, name, &spans, &why), "renamed to %s", name);
  cr_expect(why && strstr(why, reason), "%s", why ? why : "no reason");
  cr_expect_eq(spans.len, 0);
  xfree(why);
  array_delete(&spans);
}

Test(rename_extends, a_name_taken_in_either_file_is_refused) {
  Project p;
  project(&p, false);
  /* Taken in the extended file. */
  expect_refused(&p, p.app, at(&p, p.app, "service: web", 1), "db", "a service named \"db\" already exists");
  /* Taken in the extending file only. */
  expect_refused(&p, p.base, at(&p, p.base, "web", 1), "api", "a service named \"api\" already exists");
  project_done(&p);
}

Test(rename_extends, definition_and_references_follow_the_link) {
  Project p;
  project(&p, false);
  NavSpanArray spans;
  array_init(&spans);
  cr_assert(analysis_definition(p.ws, p.app, at(&p, p.app, "service: web", 1), &spans));
  cr_assert_eq(spans.len, 1);
  cr_expect_eq(spans.items[0].file, p.base);
  cr_expect_eq(spans.items[0].start, at(&p, p.base, "web", 1) - 2);
  spans.len = 0;
  analysis_references(p.ws, p.base, at(&p, p.base, "web", 1), true, &spans);
  size_t in_app = 0;
  for (size_t i = 0; i < spans.len; i++) in_app += spans.items[i].file == p.app;
  cr_expect_eq(spans.len, 3, "the declaration, depends_on and the extends of compose.yaml");
  cr_expect_eq(in_app, 1);
  array_delete(&spans);
  project_done(&p);
}

/* The dependency edges that decide which documents are published again
 * when a file changes on disk (server/workspace/deps.c).  A compose file
 * that bind-mounts ../data depends on that folder and everything below
 * it, not on a sibling that merely starts with the same letters (data2);
 * and the edges describe the latest analysis only, so once the mount moves
 * to ../logs a change in data no longer re-publishes the file.  (The
 * compose file's own folder is read too, for neighbours such as .env, so
 * the mounted folders sit beside it rather than below it.) */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casefile.h"
#include "dockls/analysis/analysis.h"
#include "dockls/base/alloc.h"
#include "dockls/base/fs.h"
#include "dockls/workspace/files.h"
#include "dockls/base/path.h"

static char dir[64];

static void setup(void) {
  snprintf(dir, sizeof dir, "/tmp/dockls-deps-XXXXXX");
  cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_assert_eq(system(cmd), 0);
}

TestSuite(deps, .init = setup, .fini = teardown);

/* True when `id` is among the dependents of dir/rel. */
static bool depends_on(const Workspace *ws, FileId id, const char *rel) {
  char *path = path_append(dir, rel);
  FileIdArray out;
  array_init(&out);
  ws_dependents(ws, path, &out);
  bool found = false;
  for (size_t i = 0; i < out.len; i++) found |= out.items[i] == id;
  array_delete(&out);
  xfree(path);
  return found;
}

static void analyse(Workspace *ws, FileId id) {
  DiagList diags;
  array_init(&diags);
  analysis_file(ws, id, &diags);
  diaglist_destroy(&diags);
}

Test(deps, folder_edges_cover_their_contents_only_and_follow_edits) {
  static const char compose[] =
      "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ../data:/srv/data\n";
  cr_assert(test_write_file(dir, "proj/compose.yaml", compose, sizeof compose - 1));
  cr_assert(test_write_file(dir, "data/index.html", "hi\n", 3));
  cr_assert(test_write_file(dir, "data2/index.html", "hi\n", 3));
  cr_assert(test_write_file(dir, "logs/x.txt", "\n", 1));
  Workspace *ws = ws_new(dir);
  char *path = path_append(dir, "proj/compose.yaml"), *err = NULL;
  FileId id;
  cr_assert(ws_load_file(ws, path, DOC_KIND_COMPOSE, &id, &err), "%s", err);
  analyse(ws, id);
  cr_assert(depends_on(ws, id, "data"), "the mounted folder itself");
  cr_assert(depends_on(ws, id, "data/index.html"), "a file below the mounted folder");
  cr_assert_not(depends_on(ws, id, "data2"), "a sibling folder that starts with the same name");
  cr_assert_not(depends_on(ws, id, "data2/index.html"));

  const TextDoc *text = ws_text(ws, id);
  size_t at = (size_t)(strstr(text->bytes, "../data") - text->bytes);
  TextReplacement r = {at, at + 7, "../logs"};
  cr_assert(ws_apply_replacements(ws, id, &r, 1, &err), "%s", err);
  analyse(ws, id);
  cr_assert(depends_on(ws, id, "logs/x.txt"));
  cr_assert_not(depends_on(ws, id, "data/index.html"), "an edge left over from the previous analysis");
  xfree(path);
  ws_delete(ws);
}

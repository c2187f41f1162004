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
#include "diag_count.h"
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
  bool found = test_depends_on(ws, id, path);
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

/* The Dockerfile's build context comes from the compose file above it and
 * is kept from one analysis to the next (build_context.c): the keystrokes
 * in the Dockerfile keep it and still record the edge to the compose file,
 * so that an edit there re-publishes the Dockerfile; the edit there is seen
 * at once. */
Test(deps, a_kept_build_context_keeps_its_edges_and_follows_the_compose_file) {
  static const char compose[] = "services:\n  web:\n    build:\n      context: .\n      dockerfile: app/Dockerfile\n";
  static const char dockerfile[] = "FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n";
  cr_assert(test_write_file(dir, "proj/package.json", "{\"name\": \"x\"}\n", 15));
  cr_assert(test_write_file(dir, "proj/app/package.json", "{\"name\": \"x\"}\n", 15));
  cr_assert(test_write_file(dir, "proj/app/package-lock.json", "{}\n", 3));
  Workspace *ws = ws_new(dir);
  char *compose_path = path_append(dir, "proj/compose.yaml"), *df_path = path_append(dir, "proj/app/Dockerfile");
  char compose_uri[128], df_uri[128];
  snprintf(compose_uri, sizeof compose_uri, "file://%s", compose_path);
  snprintf(df_uri, sizeof df_uri, "file://%s", df_path);
  char *err = NULL;
  FileId df, cf;
  cr_assert(ws_open(ws, compose_uri, DOC_KIND_COMPOSE, 1, compose, sizeof compose - 1, &cf, &err), "%s", err);
  cr_assert(ws_open(ws, df_uri, DOC_KIND_DOCKERFILE, 1, dockerfile, sizeof dockerfile - 1, &df, &err), "%s", err);
  /* The context is proj/, which has a package.json and no lockfile. */
  cr_assert_eq(test_count_rule_published(ws, df, RULE_NPM_CI_NO_LOCKFILE), 1);
  cr_assert(depends_on(ws, df, "proj/compose.yaml"));
  for (int64_t v = 2; v < 6; v++) {
    TextChange c = {false, {0, 0}, {0, 0}, "#\n", 2};
    cr_assert(ws_change(ws, df, v, &c, 1, POS_ENC_UTF16, &err), "%s", err);
    cr_assert_eq(test_count_rule_published(ws, df, RULE_NPM_CI_NO_LOCKFILE), 1, "keystroke %lld", (long long)v);
    cr_assert(depends_on(ws, df, "proj/compose.yaml"), "the edge to the compose file after keystroke %lld",
              (long long)v);
    cr_assert(depends_on(ws, df, "proj/app/compose.yml"), "the edge to a compose file that may appear");
  }
  /* Now the context is the Dockerfile's own folder, which has the lockfile. */
  TextChange c = {false, {3, 15}, {3, 16}, "app", 3};
  cr_assert(ws_change(ws, cf, 2, &c, 1, POS_ENC_UTF16, &err), "%s", err);
  cr_assert_eq(test_count_rule_published(ws, df, RULE_NPM_CI_NO_LOCKFILE), 0);
  TextChange back = {false, {3, 15}, {3, 18}, ".", 1};
  cr_assert(ws_change(ws, cf, 3, &back, 1, POS_ENC_UTF16, &err), "%s", err);
  cr_assert_eq(test_count_rule_published(ws, df, RULE_NPM_CI_NO_LOCKFILE), 1);
  xfree(compose_path);
  xfree(df_path);
  ws_delete(ws);
}

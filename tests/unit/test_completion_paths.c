/* Completion of paths in compose files, from a project held in memory
 * (memfs): which values name a path, what each offers (folders only for a
 * build context, the build context as the base of build.dockerfile),
 * hidden entries only after a typed dot, nothing outside the workspace
 * root, and folder listings that come from the workspace's disk cache.
 * Every item offered is applied once and must not add a syntax error. */
#include <criterion/criterion.h>
#include <string.h>

#include "diag_count.h"
#include "dockls/analysis/complete.h"
#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"
#include "dockls/workspace/files.h"
#include "memfs.h"

static const char *const FILES[] = {
    "/w/web/Dockerfile",  "/w/web/Dockerfile.dev", "/w/web/src/app.js", "/w/web/.dockerignore",
    "/w/.env",            "/w/app.env",            "/w/base.yaml",      "/w/data/seed.sql",
    "/w/secrets/db.txt",  "/outside/private.txt",  NULL};

typedef struct {
  MemFs *disk;
  Workspace *ws;
  FileId id;
  CompletionList list;
  char *text; /* the compose file without the cursor mark */
} Asked;

static void project(Asked *a) {
  memset(a, 0, sizeof *a);
  a->disk = memfs_new();
  for (size_t i = 0; FILES[i]; i++) memfs_add(a->disk, FILES[i], "x\n", 2);
  a->ws = ws_new_with_fs("/w", memfs_fs(a->disk));
}

/* Opens (or re-opens) /w/compose.yaml as `marked` with the cursor at its
 * `@` and asks for completions there. */
static void ask(Asked *a, const char *marked) {
  completion_list_free(&a->list);
  memset(&a->list, 0, sizeof a->list);
  xfree(a->text);
  const char *at = strchr(marked, '@');
  cr_assert_not_null(at, "no cursor in the case");
  StrBuf b = STRBUF_INIT;
  strbuf_append_n(&b, marked, (size_t)(at - marked));
  strbuf_append(&b, at + 1);
  a->text = strbuf_take(&b);
  char *err = NULL;
  cr_assert(ws_open(a->ws, "file:///w/compose.yaml", DOC_KIND_COMPOSE, 1, a->text, strlen(a->text), &a->id, &err),
            "%s", err ? err : "");
  analysis_completion(a->ws, a->id, (size_t)(at - marked), false, &a->list);
}

static void done(Asked *a) {
  completion_list_free(&a->list);
  ws_delete(a->ws);
  memfs_delete(a->disk);
  xfree(a->text);
}

/* The labels offered, in order, joined by spaces. */
static char *labels(const Asked *a) {
  StrBuf b = STRBUF_INIT;
  for (size_t i = 0; i < a->list.items.len; i++)
    strbuf_appendf(&b, "%s%s", i ? " " : "", a->list.items.items[i].label);
  return strbuf_take(&b);
}

/* Applies each item to the text; none may add a syntax error. */
static void apply_each(const Asked *a) {
  size_t before = test_count_rule_in("file:///w/compose.yaml", DOC_KIND_COMPOSE, a->text, RULE_SYNTAX_ERROR);
  for (size_t i = 0; i < a->list.items.len; i++) {
    StrBuf b = STRBUF_INIT;
    strbuf_append_n(&b, a->text, a->list.start);
    strbuf_append(&b, a->list.items.items[i].text);
    strbuf_append(&b, a->text + a->list.end);
    cr_expect_leq(test_count_rule_in("file:///w/compose.yaml", DOC_KIND_COMPOSE, strbuf_cstr(&b), RULE_SYNTAX_ERROR),
                  before, "%s adds a syntax error to %s", a->list.items.items[i].label, a->text);
    strbuf_destroy(&b);
  }
}

static void expect(Asked *a, const char *marked, const char *want, const char *replaced) {
  ask(a, marked);
  apply_each(a);
  char *got = labels(a);
  cr_expect_str_eq(got, want, "in %s got [%s]", marked, got);
  xfree(got);
  if (!replaced) return;
  char *range = xstrndup(a->text + a->list.start, a->list.end - a->list.start);
  cr_expect_str_eq(range, replaced, "the range replaced in %s", marked);
  xfree(range);
}

Test(completion_paths, a_build_context_offers_folders_only) {
  Asked a;
  project(&a);
  expect(&a, "services:\n  web:\n    build:\n      context: @\n", "data/ secrets/ web/", "");
  expect(&a, "services:\n  web:\n    build: ./w@\n", "web/", "w");
  expect(&a, "services:\n  web:\n    build: web/@\n", "src/", "");
  done(&a);
}

Test(completion_paths, a_dockerfile_is_relative_to_the_build_context) {
  Asked a;
  project(&a);
  expect(&a, "services:\n  web:\n    build:\n      context: web\n      dockerfile: Doc@kerfile\n",
         "Dockerfile Dockerfile.dev", "Dockerfile");
  /* The context's hidden file appears once a dot is typed. */
  expect(&a, "services:\n  web:\n    build:\n      context: ./web\n      dockerfile: .@\n", ".dockerignore", ".");
  done(&a);
}

Test(completion_paths, hidden_entries_only_after_a_dot) {
  Asked a;
  project(&a);
  expect(&a, "services:\n  web:\n    image: nginx\n    env_file: @\n",
         "app.env base.yaml data/ secrets/ web/", NULL);
  expect(&a, "services:\n  web:\n    image: nginx\n    env_file: .@\n", ".env", ".");
  done(&a);
}

Test(completion_paths, every_key_that_names_a_path) {
  Asked a;
  project(&a);
  expect(&a, "services:\n  web:\n    env_file:\n      - a@\n", "app.env", "a");
  expect(&a, "services:\n  web:\n    env_file:\n      - path: \"a@\n", "app.env", "a");
  expect(&a, "services:\n  web:\n    extends:\n      file: b@\n      service: base\n", "base.yaml", "b");
  expect(&a, "include:\n  - b@\n", "base.yaml", "b");
  expect(&a, "include:\n  - path: ./b@\n", "base.yaml", "b");
  expect(&a, "secrets:\n  db:\n    file: ./secrets/@\n", "db.txt", "");
  expect(&a, "configs:\n  app:\n    file: ./secrets/d@\n", "db.txt", "d");
  /* A key that names no path offers no files. */
  expect(&a, "services:\n  web:\n    image: a@\n", "", NULL);
  done(&a);
}

Test(completion_paths, bind_mount_sources_but_not_volume_names_or_targets) {
  Asked a;
  project(&a);
  expect(&a, "services:\n  web:\n    image: nginx\n    volumes:\n      - ./d@:/data\n", "data/", "d");
  expect(&a, "services:\n  web:\n    image: nginx\n    volumes:\n      - type: bind\n        source: ./s@\n",
         "secrets/", "s");
  /* Past the colon is the container's side; a bare word is a volume name. */
  expect(&a, "services:\n  web:\n    image: nginx\n    volumes:\n      - ./data:/d@\n", "", NULL);
  ask(&a, "services:\n  web:\n    image: nginx\n    volumes:\n      - d@\nvolumes:\n  dbdata:\n");
  cr_expect_str_eq(a.list.items.items[0].label, "dbdata", "the declared volume comes first");
  for (size_t i = 0; i < a.list.items.len; i++)
    cr_expect_neq(a.list.items.items[i].kind, COMPLETE_FOLDER, "%s offered for a volume name", a.list.items.items[i].label);
  done(&a);
}

Test(completion_paths, nothing_outside_the_workspace_root) {
  Asked a;
  project(&a);
  expect(&a, "services:\n  web:\n    image: nginx\n    env_file: ../@\n", "", NULL);
  expect(&a, "services:\n  web:\n    image: nginx\n    env_file: /outside/@\n", "", NULL);
  expect(&a, "services:\n  web:\n    image: nginx\n    env_file: ${DIR}/@\n", "", NULL);
  done(&a);
}

Test(completion_paths, listings_come_from_the_disk_cache) {
  Asked a;
  project(&a);
  const char *marked = "secrets:\n  db:\n    file: ./secrets/@\n";
  expect(&a, marked, "db.txt", NULL);
  memfs_add(a.disk, "/w/secrets/api.txt", "x\n", 2);
  expect(&a, marked, "db.txt", NULL);
  /* Told that the folder changed, the workspace lists it again. */
  ws_forget_disk(a.ws, "/w/secrets/api.txt");
  expect(&a, marked, "api.txt db.txt", NULL);
  done(&a);
}

/* The workspace keeps what it learnt about the disk between analyses
 * (base/fs_cache.h), and forgets it when told the disk changed
 * (ws_forget_disk).  A file system that counts its calls shows that an
 * unchanged project costs no disk access after the first analysis, even
 * across edits of the open document, and that a file created on disk is
 * seen once, and only once, its change is announced. */
#include <criterion/criterion.h>
#include <string.h>

#include "dockls/analysis/analysis.h"
#include "dockls/base/alloc.h"
#include "dockls/workspace/files.h"
#include "diag_count.h"
#include "memfs.h"

/* An Fs that forwards to a memfs and counts every call. */
typedef struct {
  Fs fs; /* first, so that the Fs pointer is the CountingFs pointer */
  const Fs *inner;
  size_t calls;
} CountingFs;

static bool counting_read(const Fs *fs, const char *path, size_t max, char **out, size_t *len, char **err) {
  CountingFs *self = (CountingFs *)fs;
  self->calls++;
  return self->inner->read_file(self->inner, path, max, out, len, err);
}

static FsKind counting_kind(const Fs *fs, const char *path, bool follow, char **err) {
  CountingFs *self = (CountingFs *)fs;
  self->calls++;
  return self->inner->kind(self->inner, path, follow, err);
}

static bool counting_list(const Fs *fs, const char *path, StrArray *names, char **err) {
  CountingFs *self = (CountingFs *)fs;
  self->calls++;
  return self->inner->list_dir(self->inner, path, names, err);
}

static char *counting_resolve(const Fs *fs, const char *path, bool *loop) {
  CountingFs *self = (CountingFs *)fs;
  self->calls++;
  return self->inner->resolve(self->inner, path, loop);
}

static CountingFs counting_over(const Fs *inner) {
  return (CountingFs){{counting_read, counting_kind, counting_list, counting_resolve}, inner, 0};
}

/* A compose file whose rules ask the disk several questions: a bind mount
 * (compose-path-missing stats it), a literal secret (compose-secret-literal
 * looks for a .env beside the file) and a build context (its Dockerfile is
 * read). */
static const char COMPOSE[] = "services:\n"
                              "  web:\n"
                              "    build: ./app\n"
                              "    environment:\n"
                              "      PASSWORD: literal-secret\n"
                              "    volumes:\n"
                              "      - ./data:/d\n";

/* How many compose-path-missing diagnostics one analysis reports. */
static size_t analyse(Workspace *ws, FileId id) { return test_count_rule(ws, id, RULE_COMPOSE_PATH_MISSING); }

/* A keystroke at the end of the secret's value: the text changes, the
 * questions the rules ask of the disk do not. */
static void type_a_letter(Workspace *ws, FileId id, int64_t version) {
  TextPos at = {4, 30};
  TextChange c = {false, at, at, "x", 1};
  char *err = NULL;
  cr_assert(ws_change(ws, id, version, &c, 1, POS_ENC_UTF8, &err), "%s", err ? err : "");
}

/* The project: on disk the build context's Dockerfile and no ./data, and
 * COMPOSE open in the editor, in a workspace whose file system counts. */
typedef struct {
  MemFs *disk;
  CountingFs fs;
  Workspace *ws;
  FileId id;
} Project;

static void project_open(Project *p, const char *root) {
  p->disk = memfs_new();
  memfs_add(p->disk, "/p/app/Dockerfile", "FROM nginx:1.27\n", 16);
  p->fs = counting_over(memfs_fs(p->disk));
  p->ws = ws_new_with_fs(root, &p->fs.fs);
  char *err = NULL;
  cr_assert(ws_open(p->ws, "file:///p/compose.yaml", DOC_KIND_COMPOSE, 1, COMPOSE, sizeof COMPOSE - 1,
                    &p->id, &err));
}

static void project_close(Project *p) {
  ws_delete(p->ws);
  memfs_delete(p->disk);
}

Test(disk_cache, unchanged_disk_is_asked_once) {
  Project p;
  project_open(&p, "/p");
  cr_assert_eq(analyse(p.ws, p.id), 1);
  size_t first = p.fs.calls;
  cr_assert_gt(first, 0, "the first analysis looks at the disk");
  cr_assert_eq(analyse(p.ws, p.id), 1);
  type_a_letter(p.ws, p.id, 2);
  cr_assert_eq(analyse(p.ws, p.id), 1);
  cr_assert_eq(p.fs.calls, first, "%zu more calls after the first analysis", p.fs.calls - first);
  /* A change elsewhere keeps what is known here. */
  ws_forget_disk(p.ws, "/q/data");
  cr_assert_eq(analyse(p.ws, p.id), 1);
  cr_assert_eq(p.fs.calls, first, "forgetting /q/data made %zu calls", p.fs.calls - first);
  project_close(&p);
}

Test(disk_cache, created_file_is_seen_once_announced) {
  Project p;
  project_open(&p, "/p");
  cr_assert_eq(analyse(p.ws, p.id), 1);
  memfs_add(p.disk, "/p/data/index.html", "hi\n", 3);
  cr_assert_eq(analyse(p.ws, p.id), 1, "the disk is not asked again before the change is announced");
  ws_forget_disk(p.ws, "/p/data/index.html");
  cr_assert_eq(analyse(p.ws, p.id), 0, "a file created below the mount makes the folder exist");
  project_close(&p);
}

Test(disk_cache, forgetting_everything_sees_every_change) {
  Project p;
  project_open(&p, NULL);
  cr_assert_eq(analyse(p.ws, p.id), 1);
  size_t first = p.fs.calls;
  cr_assert_eq(analyse(p.ws, p.id), 1);
  cr_assert_eq(p.fs.calls, first, "without a root too, the file's own folder is resolved once");
  memfs_add(p.disk, "/p/data/index.html", "hi\n", 3);
  ws_forget_disk(p.ws, NULL);
  cr_assert_eq(analyse(p.ws, p.id), 0);
  project_close(&p);
}

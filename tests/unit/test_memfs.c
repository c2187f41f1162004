/* The in-memory file system the rule tests run on behaves as the workspace
 * expects of a file system: files, implied folders, sorted listings, and a
 * resolved path only for what exists. */
#include <criterion/criterion.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/workspace/files.h"
#include "memfs.h"

Test(memfs, files_folders_and_listings) {
  MemFs *m = memfs_new();
  memfs_add(m, "/p/b.txt", "b", 1);
  memfs_add(m, "/p/sub/a.txt", "a\0z", 3);
  memfs_add(m, "/p/a.txt", "old", 3);
  memfs_add(m, "/p/a.txt", "new", 3);
  const Fs *fs = memfs_fs(m);
  cr_assert_eq(fs->kind(fs, "/p/a.txt", true, NULL), FS_KIND_FILE);
  cr_assert_eq(fs->kind(fs, "/p/sub", true, NULL), FS_KIND_DIR);
  cr_assert_eq(fs->kind(fs, "/p/su", true, NULL), FS_KIND_MISSING);
  char *bytes, *err = NULL;
  size_t len;
  cr_assert(fs->read_file(fs, "/p/sub/../a.txt", 100, &bytes, &len, &err));
  cr_assert(len == 3 && memcmp(bytes, "new", 3) == 0);
  xfree(bytes);
  cr_assert(fs->read_file(fs, "/p/sub/a.txt", 100, &bytes, &len, &err));
  cr_assert(len == 3 && memcmp(bytes, "a\0z", 3) == 0, "a NUL byte is kept");
  xfree(bytes);
  cr_assert_not(fs->read_file(fs, "/p/sub/a.txt", 2, &bytes, &len, &err));
  cr_assert(strstr(err, "/p/sub/a.txt"));
  xfree(err);
  StrArray names;
  array_init(&names);
  cr_assert(fs->list_dir(fs, "/p", &names, &err));
  cr_assert_eq(names.len, 3);
  cr_assert_str_eq(names.items[0], "a.txt");
  cr_assert_str_eq(names.items[1], "b.txt");
  cr_assert_str_eq(names.items[2], "sub");
  strarray_delete(&names);
  bool loop = true;
  char *real = fs->resolve(fs, "/p/sub/./a.txt", &loop);
  cr_assert_str_eq(real, "/p/sub/a.txt");
  xfree(real);
  cr_assert_null(fs->resolve(fs, "/p/none", &loop));
  cr_assert_not(loop);
  memfs_delete(m);
}

Test(memfs, the_workspace_reads_through_it) {
  MemFs *m = memfs_new();
  memfs_add(m, "/w/Dockerfile", "FROM alpine:3.20\n", 17);
  memfs_add(m, "/w/app/package.json", "{}", 2);
  Workspace *ws = ws_new_with_fs("/w", memfs_fs(m));
  FileId id;
  char *err = NULL;
  cr_assert(ws_load_file(ws, "/w/Dockerfile", DOC_KIND_DOCKERFILE, &id, &err), "%s", err);
  cr_assert_eq(ws_stat(ws, id, "/w/app/package.json"), WS_PATH_FILE);
  cr_assert_eq(ws_stat(ws, id, "/w/app"), WS_PATH_DIR);
  cr_assert_eq(ws_stat(ws, id, "/w/nothing"), WS_PATH_MISSING);
  cr_assert_eq(ws_stat(ws, id, "/etc/passwd"), WS_PATH_OUTSIDE);
  ws_delete(ws);
  memfs_delete(m);
}

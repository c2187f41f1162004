/* An in-memory file system behind the Fs interface (base/fs.h), so that
 * tests give the workspace a project without writing it under /tmp.
 * Folders exist when a file below them does; there are no links. */
#ifndef DOCKLS_TESTS_MEMFS_H_
#define DOCKLS_TESTS_MEMFS_H_

#include <stddef.h>

#include "dockls/base/fs.h"

typedef struct MemFs MemFs;

MemFs *memfs_new(void);
void memfs_delete(MemFs *self);

/* Adds (or replaces) the file at absolute `path` with a copy of `content`. */
void memfs_add(MemFs *self, const char *path, const char *content, size_t len);

/* Removes the file at absolute `path`, if there is one (a folder is gone
 * once its last file is). */
void memfs_remove(MemFs *self, const char *path);

/* The Fs to hand to ws_new_with_fs (borrowed; valid until memfs_delete). */
const Fs *memfs_fs(MemFs *self);

#endif

/* A caching layer over an Fs.  The language server asks the same
 * questions of the disk on every keystroke (does this volume's host path
 * exist, is there a `.env`, where does this path really lead); between two
 * changes of the file system the answers cannot differ, so they are kept
 * here and dropped only when the owner is told that the disk changed
 * (fs_cache_forget).  Every answer is remembered: successes and failures,
 * with the failure message, so a cached answer is indistinguishable from
 * asking again.  The one exception is the bytes of a file read
 * successfully: those are not kept, because the workspace keeps what it
 * read as a document already and the CLI reads each file once. */
#ifndef DOCKLS_BASE_FS_CACHE_H_
#define DOCKLS_BASE_FS_CACHE_H_

#include "dockls/base/fs.h"

typedef struct FsCache FsCache;

/* A cache over `inner` (borrowed; it must outlive the cache). */
FsCache *fs_cache_new(const Fs *inner);
void fs_cache_delete(FsCache *self);

/* The caching Fs to read through (borrowed; valid until fs_cache_delete). */
const Fs *fs_cache_fs(FsCache *self);

/* The listing of a folder as list_dir gives it (sorted names), without
 * copying it: NULL when it cannot be listed.  Borrowed from the cache,
 * valid until fs_cache_forget or fs_cache_delete.  A compose file in a
 * folder of hundreds asks for that folder in several rules, and copying
 * every name each time cost more than the rules. */
const StrArray *fs_cache_list_view(FsCache *self, const char *path);
/* Drops what is known about `path`, everything below it and every folder
 * above it (a created or deleted file changes its parent's listing), or
 * everything when path is NULL. */
void fs_cache_forget(FsCache *self, const char *path);

#endif

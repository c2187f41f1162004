/* File-system access for the CLI walk and for reading neighbour files.
 * Every failure comes back as a message naming the path and the reason
 * (strerror text or our own limit), never as a crash or a silent skip. */
#ifndef DOCKLS_BASE_FS_H_
#define DOCKLS_BASE_FS_H_

#include <stdbool.h>
#include <stddef.h>

#include "dockls/base/array.h"

/* The largest file or document dockls will hold.  Real Dockerfiles and
 * compose files are far below 1 MiB; the cap keeps a stray multi-gigabyte
 * file from taking the server's memory. */
#define DOCKLS_MAX_FILE_BYTES ((size_t)8 << 20)

typedef enum { FS_KIND_MISSING, FS_KIND_FILE, FS_KIND_DIR, FS_KIND_OTHER } FsKind;

/* Reads a whole regular file of at most max_bytes.  On success the caller
 * owns *out (NUL-terminated, xfree) and *len is its size.  On failure
 * returns false and *err (caller owns) says "<path>: <reason>". */
bool fs_read_file(const char *path, size_t max_bytes, char **out, size_t *len, char **err);

/* Reads from an open descriptor (a file, or stdin for `dockls check -`) to
 * its end, at most max_bytes; `name` is what errors call it and size_hint
 * the first buffer size.  Same results as fs_read_file; fd is left open. */
bool fs_read_fd(int fd, const char *name, size_t size_hint, size_t max_bytes, char **out, size_t *len,
                char **err);

/* The folder of the running executable (from /proc/self/exe), or NULL
 * when the system does not say.  Caller owns. */
char *fs_executable_dir(void);

/* What a path is.  Symbolic links are followed when follow is true; a
 * dangling link or a link loop is reported through *err (caller owns, may
 * be NULL when the caller does not want it) and yields FS_KIND_MISSING. */
FsKind fs_kind(const char *path, bool follow, char **err);

/* True when the path is a symbolic link (not followed). */
bool fs_is_symlink(const char *path);

/* The entry names of a directory, without "." and "..", sorted bytewise.
 * Appends to *names (caller owns the strings).  On failure returns false
 * with *err as for fs_read_file. */
bool fs_list_dir(const char *path, StrArray *names, char **err);


/* The file-system operations the workspace reads through, so that a test
 * can hand it an in-memory tree (tests/support/memfs.c) instead of files
 * written under /tmp.  Every operation reports as the functions above do. */
typedef struct Fs Fs;
struct Fs {
  bool (*read_file)(const Fs *self, const char *path, size_t max_bytes, char **out, size_t *len,
                    char **err);
  FsKind (*kind)(const Fs *self, const char *path, bool follow, char **err);
  bool (*list_dir)(const Fs *self, const char *path, StrArray *names, char **err);
  /* The absolute path with every symbolic link resolved (caller owns), or
   * NULL when it cannot be: *loop then says whether links go round in a
   * circle (as opposed to a path that does not exist). */
  char *(*resolve)(const Fs *self, const char *path, bool *loop);
};

/* The process's own file system (static; never freed). */
const Fs *fs_real(void);

#endif

/* POSIX implementation of the file-system helpers.  Reads check the size
 * from fstat before allocating and refuse anything that is not a regular
 * file, so a FIFO or a device named on the command line cannot block or
 * flood the process. */
/* realpath is X/Open, beyond the POSIX.1-2008 base the build selects. */
#define _XOPEN_SOURCE 700
#include "dockls/base/fs.h"

#include <limits.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dockls/base/strbuf.h"

static char *fs_error(const char *path, const char *reason) {
  StrBuf b = STRBUF_INIT;
  strbuf_appendf(&b, "%s: %s", path, reason);
  return strbuf_take(&b);
}

bool fs_read_file(const char *path, size_t max_bytes, char **out, size_t *len, char **err) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    *err = fs_error(path, strerror(errno));
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    *err = fs_error(path, strerror(errno));
    close(fd);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    *err = fs_error(path, "is a directory");
    close(fd);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    *err = fs_error(path, "not a regular file");
    close(fd);
    return false;
  }
  if ((unsigned long long)st.st_size > max_bytes) {
    StrBuf b = STRBUF_INIT;
    strbuf_appendf(&b, "%s: file is %lld bytes, above the limit of %zu bytes", path,
                   (long long)st.st_size, max_bytes);
    *err = strbuf_take(&b);
    close(fd);
    return false;
  }
  bool ok = fs_read_fd(fd, path, (size_t)st.st_size, max_bytes, out, len, err);
  close(fd);
  return ok;
}

bool fs_read_fd(int fd, const char *name, size_t size_hint, size_t max_bytes, char **out, size_t *len,
                char **err) {
  size_t cap = size_hint < max_bytes ? size_hint : max_bytes, n = 0;
  char *buf = xmalloc(cap + 1);
  for (;;) {
    if (n == cap) {
      /* The file may have grown since fstat (or a stream has no size);
       * read on up to the limit. */
      if (cap >= max_bytes) {
        char probe;
        ssize_t extra = read(fd, &probe, 1);
        if (extra > 0) {
          xfree(buf);
          StrBuf b = STRBUF_INIT;
          strbuf_appendf(&b, "%s: more than the limit of %zu bytes", name, max_bytes);
          *err = strbuf_take(&b);
          return false;
        }
        break;
      }
      cap = cap ? cap * 2 : 4096;
      if (cap > max_bytes) cap = max_bytes;
      buf = xrealloc(buf, cap + 1);
    }
    ssize_t got = read(fd, buf + n, cap - n);
    if (got < 0) {
      if (errno == EINTR) continue;
      *err = fs_error(name, strerror(errno));
      xfree(buf);
      return false;
    }
    if (got == 0) break;
    n += (size_t)got;
  }
  buf[n] = '\0';
  *out = buf;
  *len = n;
  return true;
}

char *fs_executable_dir(void) {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return NULL;
  buf[n] = '\0';
  char *slash = strrchr(buf, '/');
  if (!slash) return NULL;
  *slash = '\0';
  return xstrdup(slash == buf ? "/" : buf);
}

FsKind fs_kind(const char *path, bool follow, char **err) {
  struct stat st;
  int rc = follow ? stat(path, &st) : lstat(path, &st);
  if (rc != 0) {
    if (err) *err = fs_error(path, strerror(errno));
    return FS_KIND_MISSING;
  }
  if (S_ISREG(st.st_mode)) return FS_KIND_FILE;
  if (S_ISDIR(st.st_mode)) return FS_KIND_DIR;
  return FS_KIND_OTHER;
}

bool fs_is_symlink(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

static int fs_compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

bool fs_list_dir(const char *path, StrArray *names, char **err) {
  DIR *dir = opendir(path);
  if (!dir) {
    *err = fs_error(path, strerror(errno));
    return false;
  }
  size_t first = names->len;
  struct dirent *entry;
  while ((entry = readdir(dir)) != NULL) {
    if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
    array_push(names, xstrdup(entry->d_name));
  }
  closedir(dir);
  if (names->len > first)
    qsort(names->items + first, names->len - first, sizeof(char *), fs_compare_names);
  return true;
}


/* --- the real file system behind the Fs interface --- */

static bool real_read_file(const Fs *self, const char *path, size_t max_bytes, char **out, size_t *len,
                           char **err) {
  (void)self;
  return fs_read_file(path, max_bytes, out, len, err);
}

static FsKind real_kind(const Fs *self, const char *path, bool follow, char **err) {
  (void)self;
  return fs_kind(path, follow, err);
}

static bool real_list_dir(const Fs *self, const char *path, StrArray *names, char **err) {
  (void)self;
  return fs_list_dir(path, names, err);
}

static char *real_resolve(const Fs *self, const char *path, bool *loop) {
  (void)self;
  char real[PATH_MAX];
  if (realpath(path, real)) return xstrdup(real);
  *loop = errno == ELOOP;
  return NULL;
}

const Fs *fs_real(void) {
  static const Fs real = {real_read_file, real_kind, real_list_dir, real_resolve};
  return &real;
}

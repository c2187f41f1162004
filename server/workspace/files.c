/* Neighbour files (see files.h).  The root check is done twice: lexically
 * on the normalised path (cheap, and enough for files that do not exist),
 * then with realpath on what exists, so a symbolic link inside the
 * workspace that points outside it is not followed.  Without a root (an
 * editor that sent none), the dependent file's own folder is the root. */
#include "dockls/workspace/files.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dockls/base/fs.h"
#include "dockls/base/strbuf.h"
#include "dockls/base/uri.h"
#include "dockls/base/path.h"
#include "ws_internal.h"

/* The root that applies to reads made for `dependent`. */
static char *ws_effective_root(const Workspace *ws, FileId dependent) {
  if (ws->root) return xstrdup(ws->root);
  const char *own = ws_is_live(ws, dependent) ? ws_path(ws, dependent) : NULL;
  return own ? path_dirname(own) : NULL;
}

static bool ws_allowed(const Workspace *ws, FileId dependent, const char *path) {
  char *root = ws_effective_root(ws, dependent);
  if (!root) return false;
  char *abs_root = path_absolute(root), *abs_path = path_absolute(path);
  bool ok = path_is_under(abs_path, abs_root);
  if (ok) {
    /* realpath resolves links (and fails on loops); what does not exist
     * yet cannot lead anywhere, so only existing paths are checked.  The
     * workspace root's own realpath is computed once. */
    bool loop = false;
    char *own_root = ws->root && ws->real_root ? NULL : ws->fs->resolve(ws->fs, root, &loop);
    const char *rr = own_root ? own_root : ws->root ? ws->real_root : NULL;
    char *real_path = rr ? ws->fs->resolve(ws->fs, path, &loop) : NULL;
    if (real_path) ok = path_is_under(real_path, rr);
    else if (loop) ok = false;
    xfree(real_path);
    xfree(own_root);
  }
  xfree(abs_root);
  xfree(abs_path);
  xfree(root);
  return ok;
}

static bool ws_find_path(const Workspace *ws, const char *path, FileId *out) {
  char *abs = path_absolute(path);
  bool found = ws__index_find(ws, abs, out);
  xfree(abs);
  return found;
}

WsPathKind ws_stat(Workspace *ws, FileId dependent, const char *path) {
  ws__deps_add(ws, dependent, path);
  return ws_stat_listed(ws, dependent, path);
}

WsPathKind ws_stat_listed(Workspace *ws, FileId dependent, const char *path) {
  FileId id;
  if (ws_find_path(ws, path, &id)) return WS_PATH_FILE;
  if (!ws_allowed(ws, dependent, path)) return WS_PATH_OUTSIDE;
  switch (ws->fs->kind(ws->fs, path, true, NULL)) {
    case FS_KIND_FILE:
      return WS_PATH_FILE;
    case FS_KIND_DIR:
      return WS_PATH_DIR;
    case FS_KIND_OTHER:
      return WS_PATH_OTHER;
    case FS_KIND_MISSING:
      break;
  }
  return WS_PATH_MISSING;
}

bool ws_read(Workspace *ws, FileId dependent, const char *path, FileId *out) {
  ws__deps_add(ws, dependent, path);
  if (ws_find_path(ws, path, out)) return true;
  if (!ws_allowed(ws, dependent, path)) return false;
  char *bytes = NULL, *err = NULL;
  size_t len;
  if (!ws->fs->read_file(ws->fs, path, DOCKLS_MAX_FILE_BYTES, &bytes, &len, &err)) {
    xfree(err);
    return false;
  }
  /* The disk copy is kept as a document (a reading cache, see
   * workspace.h) until ws_refresh drops it. */
  char *uri = path[0] == '/' ? uri_from_path(path) : xstrdup(path);
  Document *doc = ws__new_doc(uri, path, doc_kind_from_name(path), 0, bytes, len);
  xfree(uri);
  xfree(bytes);
  *out = ws__add(ws, doc);
  return true;
}

bool ws_read_as(Workspace *ws, FileId dependent, const char *path, DocKind kind, FileId *out) {
  if (!ws_read(ws, dependent, path, out)) return false;
  Document *doc = ws__doc(ws, *out);
  if (doc->kind == DOC_KIND_OTHER && !doc->open) {
    /* Giving a cached neighbour its kind only adds a parse (on first use);
     * its text and meaning are unchanged. */
    doc->kind = kind;
    ws__drop_tree(doc);
  }
  return doc->kind == kind;
}

const StrArray *ws_list(Workspace *ws, FileId dependent, const char *dir) {
  ws__deps_add(ws, dependent, dir);
  if (!ws_allowed(ws, dependent, dir)) return NULL;
  return fs_cache_list_view(ws->disk, dir);
}

void ws_refresh(Workspace *ws, const char *path) {
  ws__note_change(ws, NULL);
  char *abs = path ? path_absolute(path) : NULL;
  size_t n = abs ? strlen(abs) : 0;
  for (FileId id = 0; id < ws_id_limit(ws); id++) {
    if (!ws_is_live(ws, id) || ws_is_open(ws, id)) continue;
    const char *p = ws__doc_view(ws, id)->abs;
    if (abs && (!p || strncmp(p, abs, n) != 0 || (p[n] != '\0' && p[n] != '/'))) continue;
    ws_close(ws, id);
  }
  xfree(abs);
}

void ws_forget_disk(Workspace *ws, const char *path) {
  ws__note_change(ws, NULL);
  fs_cache_forget(ws->disk, path);
}

/* Neighbour files for cross-file rules: a compose file's Dockerfile, a
 * Dockerfile's package.json, supervisord.conf, .env.example, the build
 * context.  Every read goes through here so that three promises hold in
 * one place: the editor's open buffer wins over the disk, nothing outside
 * the workspace root is read (symbolic links included), and every read is
 * recorded as a dependency, so a later change of that file re-publishes
 * the diagnostics of the files that read it. */
#ifndef DOCKLS_WORKSPACE_FILES_H_
#define DOCKLS_WORKSPACE_FILES_H_

#include <stdbool.h>

#include "dockls/base/array.h"
#include "dockls/workspace/workspace.h"

typedef enum {
  WS_PATH_MISSING, /* nothing there (or unreadable) */
  WS_PATH_FILE,    /* a regular file, or an open editor buffer */
  WS_PATH_DIR,
  WS_PATH_OTHER,   /* a device, FIFO or socket */
  WS_PATH_OUTSIDE  /* outside the workspace root: not looked at */
} WsPathKind;

/* What is at `path`, as seen by `dependent` (recorded as a dependency, so
 * that creating or deleting the path later re-publishes it). */
WsPathKind ws_stat(Workspace *ws, FileId dependent, const char *path);

/* Reads a neighbour file: the open document with that path when there is
 * one, else the file on disk (cached until ws_refresh).  Records the
 * dependency even when the file is missing.  Returns false when the path
 * is missing, outside the root, not a regular file, unreadable or too
 * large; rules then stay silent. */
bool ws_read(Workspace *ws, FileId dependent, const char *path, FileId *out);

/* ws_read for a file that must be read as `kind` whatever its name (a
 * compose file that `extends: {file: common.yml}` names).  A disk copy
 * cached with no kind is given this one. */
bool ws_read_as(Workspace *ws, FileId dependent, const char *path, DocKind kind, FileId *out);

/* The entry names of a directory under the root (sorted), for bounded
 * scans of a build context; NULL when it is outside the root or cannot be
 * listed.  Borrowed from the workspace's disk cache: valid until
 * ws_forget_disk, which only the adapters call between analyses.  Records
 * the dependency on the directory (a change to anything below it
 * re-publishes `dependent`). */
const StrArray *ws_list(Workspace *ws, FileId dependent, const char *dir);

/* Whether reads record dependency edges (they do by default).  Only a
 * caller that analyses each file once and never re-publishes turns them
 * off (`dockls check`): the edges of thousands of files would cost memory,
 * and clearing them before each analysis a scan of all of them. */
void ws_record_dependencies(Workspace *ws, bool on);

/* ws_stat for an entry of a folder just listed with ws_list, whose
 * dependency already covers it: nothing more is recorded, so that looking
 * at every entry of a large folder does not add an edge per entry. */
WsPathKind ws_stat_listed(Workspace *ws, FileId dependent, const char *path);

/* While `sink` is set (NULL ends it), every path a read records as a
 * dependency is also appended to it, absolute, as an owned copy; also a
 * path whose edge exists already, and also when edges are not recorded.
 * A cache of rule results keeps these paths with the results, so that a
 * later analysis taking the results records the same edges again
 * (ws_deps_record), or declares them (ws_set_analysis_cache_reads).
 * Returns the sink it replaces, so that a capture inside another can put
 * the outer one back (and hand it what it captured). */
StrArray *ws_deps_capture(Workspace *ws, StrArray *sink);
/* Ends a capture into `captured` whose ws_deps_capture returned `outer`:
 * puts `outer` back and appends copies of what was captured to it, so
 * that a capture inside another loses nothing of the outer one's. */
void ws_deps_capture_end(Workspace *ws, StrArray *outer, const StrArray *captured);

/* Records that `dependent` read `path`, a path as ws_deps_capture gave
 * it (absolute and normalised), as the read itself did: for results
 * taken from a cache instead of being computed again. */
void ws_deps_record(Workspace *ws, FileId dependent, const char *path);
/* ws_deps_record for each of `paths`: a kept result's captured reads. */
void ws_deps_record_all(Workspace *ws, FileId dependent, const StrArray *paths);

/* Forgets what analysis recorded for `dependent` (called before it is
 * analysed again, so edges always describe the latest analysis), and
 * what its analysis cache declared it reads. */
void ws_deps_clear(Workspace *ws, FileId dependent);

/* The live documents whose last analysis read `path` or something below
 * it, or stat-ed it.  Appends to *out (no duplicates). */
typedef Array(FileId) FileIdArray;
void ws_dependents(const Workspace *ws, const char *path, FileIdArray *out);

/* Appends the open compose documents (editor buffers, files named to the
 * CLI) whose folder is `dir` or a folder above it, in FileId order.  `dir`
 * is absolute and normalised, as path_absolute returns it.  Nothing is
 * recorded as a dependency: open documents are the adapters' to change. */
void ws_open_composes_above(Workspace *ws, const char *dir, FileIdArray *out);
/* Drops cached disk copies of `path` and of everything below it (NULL:
 * all of them), after the file system changed.  FileIds of dropped
 * documents die: callers must drop any analysis that holds them. */
void ws_refresh(Workspace *ws, const char *path);

/* Forgets what the workspace knows about the disk at `path`, below it and
 * in the folders above it (NULL: everything): whether paths exist, folder
 * listings, where links lead, which reads failed.  Those answers are kept
 * from one analysis to the next, because without a change of the file
 * system they cannot differ; the language server calls this for every
 * change it hears of (a watched file, a save, a close), next to
 * ws_refresh, which drops the documents read from disk. */
void ws_forget_disk(Workspace *ws, const char *path);

#endif

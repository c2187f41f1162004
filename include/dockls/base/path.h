/* Lexical path handling, in one place for every layer: joining, folding
 * "." and "..", the directory part, and "is this path inside that
 * folder".  Nothing here touches the file system except path_absolute,
 * which asks for the working directory. */
#ifndef DOCKLS_BASE_PATH_H_
#define DOCKLS_BASE_PATH_H_

#include <stdbool.h>

/* Joins a relative path to a directory and folds "." and ".." segments
 * lexically (an absolute `rel` replaces the directory).  Caller owns. */
char *path_join(const char *dir, const char *rel);

/* `dir` + "/" + `name` with exactly one '/' between them and nothing
 * folded (the CLI walk prints paths as the user gave them).  Caller owns. */
char *path_append(const char *dir, const char *name);

/* The path made absolute (against the working directory) and folded.
 * Caller owns. */
char *path_absolute(const char *path);

/* The directory part of a path ("." for a bare name, "/" for a file at
 * the root).  Caller owns. */
char *path_dirname(const char *path);

/* The last component of a path (borrowed pointer into path). */
const char *path_basename(const char *path);

/* True when `path` is `dir` or lies below it, component by component
 * (`/a/bc` is not under `/a/b`).  A trailing '/' on `dir` is ignored, so
 * "/" holds every absolute path. */
bool path_is_under(const char *path, const char *dir);

/* True when `name` ends with one of the NULL-ended `suffixes` and is
 * longer than it (`.js` alone is no script, `.tar` alone no archive). */
bool path_has_suffix(const char *name, const char *const *suffixes);

#endif
